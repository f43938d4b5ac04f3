//! Quotations: mark pairing per paragraph (and across paragraphs by the multi-paragraph
//! convention), apostrophes told apart from closing marks, kinds, and blockquotes.
//!
//! The result, a [`QuoteAnalysis`], is plain data: which marks open and close which
//! quotation, which marks are apostrophes, which are left over. The quote-mark rules in
//! `crate::rules` read it; they do not pair marks themselves.

pub mod broken;
mod kind;
mod marks;
mod pairing;
pub mod start;

use serde::Serialize;

pub use marks::{Level, Position, Shape};

use crate::document::Document;
use crate::lexicon::LanguageMarks;
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole sentence or more in the speaker's words.
    Speech,
    /// A few words inside the writer's sentence.
    Fragment,
    /// A scare quote, nickname or title: needs no speaker.
    Term,
}

/// What a mark turned out to be once paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// The mark that opens each further paragraph of a multi-paragraph quotation.
    Continuation,
    Apostrophe,
    /// A straight mark after a digit (`6'2"`) or a stray single mark: not a quotation mark.
    Other,
}

/// One quotation-mark character (or entity, or `’’` pair) in the document.
#[derive(Clone, Debug)]
pub struct Mark {
    pub block: usize,
    /// Bytes of the block's prose text.
    pub prose: std::ops::Range<usize>,
    /// Bytes of the file: the character, the entity, or both halves of `’’`.
    pub span: Span,
    pub level: Level,
    pub shape: Shape,
    pub position: Position,
    pub doubled: bool,
    pub role: Role,
}

impl Mark {
    /// A curly mark whose shape says the opposite of what it does.
    pub fn is_reversed(&self) -> bool {
        matches!(
            (self.shape, self.role),
            (Shape::Close, Role::Open | Role::Continuation) | (Shape::Open, Role::Close)
        )
    }

    pub fn is_straight(&self) -> bool {
        self.shape == Shape::Straight
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Delimiter {
    Marks,
    Blockquote,
}

#[derive(Clone, Debug)]
pub struct Quote {
    pub delimiter: Delimiter,
    /// Mark indexes; `None` for a blockquote.
    pub open: Option<usize>,
    pub close: Option<usize>,
    pub continuations: Vec<usize>,
    pub level: Level,
    /// From the opening mark through the closing mark (the whole blockquote for one).
    pub span: Span,
    /// The words between the marks; paragraphs of a multi-paragraph quote joined by a
    /// blank line, continuation marks left out.
    pub text: String,
    pub kind: QuoteKind,
    /// The quotation this one is nested in.
    pub parent: Option<usize>,
}

/// A quotation that runs on into a paragraph that does not open with a quotation mark,
/// and closes further on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MissingContinuation {
    pub open: usize,
    pub close: usize,
    /// The block that should have opened with a mark.
    pub paragraph: usize,
}

#[derive(Clone, Debug, Default)]
pub struct QuoteAnalysis {
    pub marks: Vec<Mark>,
    /// Sorted by span start.
    pub quotes: Vec<Quote>,
    /// Closing marks with no opening mark (indexes into `marks`).
    pub orphans: Vec<usize>,
    /// Opening marks never closed.
    pub unclosed: Vec<usize>,
    pub missing_continuations: Vec<MissingContinuation>,
}

pub fn analyze(doc: &Document, marks: &LanguageMarks) -> QuoteAnalysis {
    let mut analysis = pairing::pair(doc, marks);
    kind::assign(doc, &mut analysis);
    blockquote_quotes(doc, &mut analysis);
    analysis
}

/// A `>` blockquote is itself a quotation unless a marked quotation already covers it.
/// Everything here is linear or n·log n: a document may hold tens of thousands of quotes.
fn blockquote_quotes(doc: &Document, analysis: &mut QuoteAnalysis) {
    let by_position = |q: &Quote| (q.span.start, std::cmp::Reverse(q.span.end));
    analysis.quotes.sort_by_key(by_position);
    let mut texts: Vec<Vec<&str>> = vec![Vec::new(); doc.blockquotes.len()];
    for block in &doc.blocks {
        let text = block.text.trim();
        if let Some(i) = block.blockquote.filter(|_| !is_credit_line(text)) {
            texts[i].push(text);
        }
    }
    let quotes = &analysis.quotes;
    let mut added = Vec::new();
    for (bq, text) in doc.blockquotes.iter().zip(texts) {
        let first = quotes.partition_point(|q| q.span.start < bq.start);
        let covered = quotes[first..]
            .iter()
            .take_while(|q| q.span.start < bq.end)
            .any(|q| q.level == Level::Double && q.span.end <= bq.end);
        if covered || text.is_empty() {
            continue;
        }
        added.push(Quote {
            delimiter: Delimiter::Blockquote,
            open: None,
            close: None,
            continuations: Vec::new(),
            level: Level::Double,
            span: *bq,
            text: text.join("\n\n"),
            kind: QuoteKind::Speech,
            parent: None,
        });
    }
    if !added.is_empty() {
        analysis.quotes.extend(added);
        analysis.quotes.sort_by_key(by_position);
    }
    assign_parents(&mut analysis.quotes);
}

/// Each quote's parent is the innermost quote containing it. Quotes nest and never
/// overlap, so with quotes sorted by start (outer first) a stack of open ancestors does it.
fn assign_parents(quotes: &mut [Quote]) {
    let mut ancestors: Vec<usize> = Vec::new();
    for i in 0..quotes.len() {
        let span = quotes[i].span;
        while let Some(&top) = ancestors.last() {
            let outer = quotes[top].span;
            if outer.start <= span.start && span.end <= outer.end {
                break;
            }
            ancestors.pop();
        }
        quotes[i].parent = ancestors.last().copied();
        ancestors.push(i);
    }
}

/// `— Name`, `-- Name, Title`: the credit under a blockquote, not part of the quotation.
pub fn is_credit_line(text: &str) -> bool {
    text.starts_with('—')
        || text.starts_with("--")
        || text.starts_with('–')
        || text.starts_with("- ")
}
