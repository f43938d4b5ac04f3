//! The pairing pass: one left-to-right walk over every block's marks with a stack of open
//! quotations, which makes it linear in the size of the document.

use super::marks::{tokenize, MarkToken};
use super::{
    Delimiter, Level, Mark, MissingContinuation, Position, Quote, QuoteAnalysis, QuoteKind, Role,
    Shape,
};
use crate::document::{BlockKind, Document};
use crate::lexicon::{LanguageMarks, LEXICON};

/// How many paragraphs without a continuation mark a quotation may run through and still
/// be paired with a closing mark further on (reported once, as a missing continuation).
const MAX_UNMARKED_PARAGRAPHS: usize = 6;

/// A quotation opened and not yet closed.
struct OpenQuote {
    mark: usize,
    level: Level,
    /// Where the quoted words start in each block the quotation has run through.
    segments: Vec<(usize, usize)>,
    continuations: Vec<usize>,
}

/// A double quotation still open at the end of a paragraph whose next paragraph did not
/// open with a mark. If a closing mark with nothing to close turns up soon, it ends this
/// quotation: one defect (a missing continuation mark), not two.
struct Dangling {
    open: OpenQuote,
    /// The first paragraph that should have opened with a mark.
    first_unmarked: usize,
    paragraphs: usize,
}

struct Pairer<'d> {
    doc: &'d Document,
    a: QuoteAnalysis,
    stack: Vec<OpenQuote>,
    dangling: Option<Dangling>,
}

pub fn pair(doc: &Document, lang: &LanguageMarks) -> QuoteAnalysis {
    let mut p = Pairer {
        doc,
        a: QuoteAnalysis::default(),
        stack: Vec::new(),
        dangling: None,
    };
    let mut carry: Option<OpenQuote> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let mut tokens = tokenize(bi, block, lang).into_iter().peekable();
        let paragraph = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem);
        // A quotation never runs into or out of a `>` blockquote: the blockquote is a
        // quotation of its own.
        let same_container =
            |first_block: usize| doc.blocks[first_block].blockquote == block.blockquote;
        if !paragraph
            || p.dangling
                .as_ref()
                .is_some_and(|d| !same_container(d.open.segments[0].0))
        {
            p.give_up_dangling();
        } else if let Some(d) = p.dangling.as_mut() {
            d.open.segments.push((bi, 0));
            d.paragraphs += 1;
        }
        if let Some(mut open) = carry.take() {
            let first_text = block.text.len() - block.text.trim_start().len();
            let continues = paragraph
                && same_container(open.segments[0].0)
                && tokens.peek().is_some_and(|t| {
                    t.level == Level::Double
                        && t.prose.start == first_text
                        && (t.shape == Shape::Open || t.position == Position::Open)
                });
            if continues {
                let t = tokens.next().expect("peeked");
                let idx = p.push_mark(&t, Role::Continuation);
                open.continuations.push(idx);
                open.segments.push((bi, t.prose.end));
                p.stack.push(open);
            } else if paragraph && same_container(open.segments[0].0) {
                p.give_up_dangling();
                open.segments.push((bi, 0));
                p.dangling = Some(Dangling {
                    open,
                    first_unmarked: bi,
                    paragraphs: 1,
                });
            } else {
                p.a.unclosed.push(open.mark);
            }
        }
        for t in tokens {
            match t.level {
                Level::Double => p.double_mark(t),
                Level::Single => p.single_mark(t),
            }
        }
        // What is still open at the end of the paragraph.
        let outermost_double = p.stack.iter().position(|o| o.level == Level::Double);
        for (i, open) in std::mem::take(&mut p.stack).into_iter().enumerate() {
            if Some(i) == outermost_double && paragraph {
                carry = Some(open);
            } else if open.level == Level::Double
                || p.is_nested_curly_single(&open, outermost_double, i)
            {
                p.a.unclosed.push(open.mark);
            }
        }
        if p.dangling
            .as_ref()
            .is_some_and(|d| d.paragraphs >= MAX_UNMARKED_PARAGRAPHS)
        {
            p.give_up_dangling();
        }
    }
    p.give_up_dangling();
    if let Some(open) = carry {
        p.a.unclosed.push(open.mark);
    }
    p.a.unclosed.sort_unstable();
    p.a
}

impl Pairer<'_> {
    /// An open single is reported only when it is a curly `‘` inside a double quotation.
    /// At the top level, `‘` starts Hawaiian words (`‘ohana`) and stands for mistyped
    /// apostrophes too often, and a straight `'` is usually an apostrophe.
    fn is_nested_curly_single(
        &self,
        open: &OpenQuote,
        outermost_double: Option<usize>,
        at: usize,
    ) -> bool {
        open.level == Level::Single
            && self.a.marks[open.mark].shape == Shape::Open
            && outermost_double.is_some_and(|d| d < at)
    }

    fn give_up_dangling(&mut self) {
        if let Some(d) = self.dangling.take() {
            self.a.unclosed.push(d.open.mark);
        }
    }

    fn push_mark(&mut self, t: &MarkToken, role: Role) -> usize {
        let block = &self.doc.blocks[t.block];
        self.a.marks.push(Mark {
            block: t.block,
            prose: t.prose.clone(),
            span: block.file_span(t.prose.clone()),
            level: t.level,
            shape: t.shape,
            position: t.position,
            doubled: t.doubled,
            role,
        });
        self.a.marks.len() - 1
    }

    /// Whether, past the spaces after the mark, the next thing is a word.
    fn word_follows(&self, t: &MarkToken) -> bool {
        let after = &self.doc.blocks[t.block].text[t.prose.end..];
        after
            .chars()
            .find(|c| !c.is_whitespace() && !matches!(c, '*' | '_'))
            .is_some_and(|c| c.is_alphanumeric())
    }

    fn space_before(&self, t: &MarkToken) -> bool {
        self.char_before(t).is_none_or(char::is_whitespace)
    }

    fn char_before(&self, t: &MarkToken) -> Option<char> {
        self.doc.blocks[t.block].text[..t.prose.start]
            .chars()
            .next_back()
    }

    fn double_mark(&mut self, t: MarkToken) {
        let open_double = self.stack.iter().rposition(|o| o.level == Level::Double);
        let nothing_open = open_double.is_none();
        let role = match (t.position, t.shape) {
            (Position::Open, _) => Role::Open,
            // `cities…“⏎We tried`: an opening glyph cannot close what is not open.
            (Position::Close, Shape::Open) if nothing_open => Role::Open,
            (Position::Close, _) => Role::Close,
            // `Way of Life:** ” I warmly welcome`: a stray space, and a word follows.
            // (Not after a dash: `We can’t—” she` is a cut-off quotation closing.)
            (Position::Isolated, _)
                if nothing_open && self.space_before(&t) && self.word_follows(&t) =>
            {
                Role::Open
            }
            (Position::Isolated, Shape::Open) => Role::Open,
            (Position::Isolated, Shape::Close) => Role::Close,
            _ if !nothing_open => Role::Close,
            _ => Role::Open,
        };
        if role == Role::Close
            && open_double.is_none()
            && t.shape != Shape::Open
            && self.char_before(&t).is_some_and(|c| c.is_ascii_digit())
        {
            // 6'2", a 27” screen: a unit, not a quotation mark.
            self.push_mark(&t, Role::Other);
            return;
        }
        let idx = self.push_mark(&t, role);
        match role {
            Role::Open => {
                if self.stack.is_empty() {
                    // A new quotation at the outer level: the dangling one did not continue.
                    self.give_up_dangling();
                }
                // A double inside a double (`“… “gas on the fire.” …”`) nests: quoted tweets
                // and statements do this all the time. If the outer one is never closed, the
                // end of the paragraph reports it.
                self.stack.push(OpenQuote {
                    mark: idx,
                    level: Level::Double,
                    segments: vec![(t.block, t.prose.end)],
                    continuations: Vec::new(),
                });
            }
            _ => match open_double {
                Some(k) => {
                    for inner in self.stack.drain(k + 1..) {
                        if self.a.marks[inner.mark].shape == Shape::Open {
                            self.a.unclosed.push(inner.mark);
                        }
                    }
                    let open = self.stack.pop().expect("index k exists");
                    self.close_quote(open, idx);
                }
                None => match self.dangling.take() {
                    Some(d) => {
                        // The dangling quotation is the bottom of the stack: what opened
                        // above it in this paragraph ends with it.
                        for inner in std::mem::take(&mut self.stack) {
                            if self.a.marks[inner.mark].shape == Shape::Open {
                                self.a.unclosed.push(inner.mark);
                            }
                        }
                        self.a.missing_continuations.push(MissingContinuation {
                            open: d.open.mark,
                            close: idx,
                            paragraph: d.first_unmarked,
                        });
                        self.close_quote(d.open, idx);
                    }
                    None => self.a.orphans.push(idx),
                },
            },
        }
    }

    fn single_mark(&mut self, t: MarkToken) {
        let single_open = self.stack.last().is_some_and(|o| o.level == Level::Single);
        let after = &self.doc.blocks[t.block].text[t.prose.end..];
        let role = match t.position {
            Position::Inner | Position::Glued => Role::Apostrophe,
            Position::Isolated => Role::Other,
            Position::Close if single_open => Role::Close,
            Position::Close => Role::Apostrophe,
            Position::Open if starts_elision(after) => Role::Apostrophe,
            // `’` before a word is a wrongly turned apostrophe far more often than a quotation.
            Position::Open if t.shape == Shape::Close => Role::Apostrophe,
            Position::Open => Role::Open,
        };
        let idx = self.push_mark(&t, role);
        match role {
            Role::Open => self.stack.push(OpenQuote {
                mark: idx,
                level: Level::Single,
                segments: vec![(t.block, t.prose.end)],
                continuations: Vec::new(),
            }),
            Role::Close => {
                let open = self.stack.pop().expect("single_open");
                self.close_quote(open, idx);
            }
            _ => {}
        }
    }

    fn close_quote(&mut self, open: OpenQuote, close: usize) {
        let close_mark = &self.a.marks[close];
        let last = open.segments.len() - 1;
        let text: Vec<&str> = open
            .segments
            .iter()
            .enumerate()
            .map(|(i, &(block, start))| {
                let text = &self.doc.blocks[block].text;
                let end = if i == last {
                    close_mark.prose.start
                } else {
                    text.len()
                };
                text.get(start..end).unwrap_or("")
            })
            .collect();
        let span = self.a.marks[open.mark].span.cover(close_mark.span);
        self.a.quotes.push(Quote {
            delimiter: Delimiter::Marks,
            open: Some(open.mark),
            close: Some(close),
            continuations: open.continuations,
            level: open.level,
            span,
            text: text.join("\n\n"),
            kind: QuoteKind::Fragment,
            parent: None,
        });
    }
}

/// Whether the letters after a mark in opening position make it an apostrophe: `’90s`, `’em`.
fn starts_elision(text: &str) -> bool {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let word: String = text.chars().take_while(|c| c.is_alphabetic()).collect();
    LEXICON.elisions.contains(&word.to_lowercase())
}
