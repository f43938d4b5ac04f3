//! Quotations whose marks are broken (a closing mark with no opening one, an opening mark
//! never closed), rebuilt so the report can show them as quotations to check: the words
//! from the suggested opening to the orphan closing mark, or from the unclosed opening mark
//! to the end of its paragraph.
//!
//! The rebuilt quotations are given a mark where the missing one would be (an empty span)
//! and put among the document's own, so attribution, kinds and verification read them as
//! they read any quotation, knowing nothing of how they were made.

use super::{kind, Delimiter, Mark, Position, Quote, QuoteAnalysis, QuoteKind, Role, Shape};
use crate::document::Document;
use crate::span::Span;

/// Which mark a rebuilt quotation lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lost {
    /// Its opening mark (CQ001): it runs from the suggested opening.
    Opening,
    /// Its closing mark (CQ002): it runs to the end of its paragraph.
    Closing,
}

/// The document's quotations with the rebuilt ones among them.
#[derive(Clone, Debug)]
pub struct Rebuilt {
    pub analysis: QuoteAnalysis,
    /// For each rebuilt quotation: its index in `analysis.quotes`, the mark it lost, and
    /// the span of the broken mark it has (the orphan closing mark or the unclosed opening).
    pub broken: Vec<(usize, Lost, Span)>,
}

/// Rebuilds every quotation with a broken mark. `start_of(orphan)` is the prose offset
/// where the quotation closed by the orphan mark most likely began (see [`super::start`]);
/// an orphan without one is left out.
pub fn rebuild(
    doc: &Document,
    analysis: &QuoteAnalysis,
    start_of: impl Fn(usize) -> Option<usize>,
) -> Rebuilt {
    let mut shadow = analysis.clone();
    let mut added: Vec<(Quote, Lost, Span)> = Vec::new();
    for &orphan in &analysis.orphans {
        let close = &analysis.marks[orphan];
        let Some(start) = start_of(orphan).filter(|&s| s < close.prose.start) else {
            continue;
        };
        let block = &doc.blocks[close.block];
        let open = stand_in(&mut shadow, close, start, Role::Open);
        let span = Span::new(block.file_start(start), close.span.end);
        let text = block.text[start..close.prose.start].to_string();
        added.push((
            quote(open, orphan, close, span, text),
            Lost::Opening,
            close.span,
        ));
    }
    for &unclosed in &analysis.unclosed {
        let open = &analysis.marks[unclosed];
        let block = &doc.blocks[open.block];
        let end = block.text.trim_end().len();
        if end <= open.prose.end {
            continue;
        }
        let close = stand_in(&mut shadow, open, end, Role::Close);
        let span = Span::new(open.span.start, block.file_end(end));
        let text = block.text[open.prose.end..end].to_string();
        added.push((
            quote(unclosed, close, open, span, text),
            Lost::Closing,
            open.span,
        ));
    }
    if added.is_empty() {
        return Rebuilt {
            analysis: shadow,
            broken: Vec::new(),
        };
    }
    let first_added = shadow.quotes.len();
    let lost: Vec<(Lost, Span)> = added.iter().map(|(_, l, s)| (*l, *s)).collect();
    shadow.quotes.extend(added.into_iter().map(|(q, _, _)| q));
    kind::assign(doc, &mut shadow);
    // Sorted by position like the document's own, remembering where each rebuilt one went.
    let mut order: Vec<usize> = (0..shadow.quotes.len()).collect();
    order.sort_by_key(|&i| {
        let q = &shadow.quotes[i];
        (q.span.start, std::cmp::Reverse(q.span.end), i)
    });
    let mut quotes: Vec<Option<Quote>> = shadow.quotes.drain(..).map(Some).collect();
    let mut broken = Vec::new();
    for (at, &i) in order.iter().enumerate() {
        if i >= first_added {
            let (l, s) = lost[i - first_added];
            broken.push((at, l, s));
        }
        shadow.quotes.extend(quotes[i].take());
    }
    super::assign_parents(&mut shadow.quotes);
    Rebuilt {
        analysis: shadow,
        broken,
    }
}

/// Adds an empty mark standing in for the lost one at prose offset `at` of `like`'s block;
/// returns its index.
fn stand_in(shadow: &mut QuoteAnalysis, like: &Mark, at: usize, role: Role) -> usize {
    let block_of = like.block;
    shadow.marks.push(Mark {
        block: block_of,
        prose: at..at,
        span: Span::empty(like.span.start),
        level: like.level,
        shape: Shape::Straight,
        position: if role == Role::Open {
            Position::Open
        } else {
            Position::Close
        },
        doubled: false,
        role,
    });
    shadow.marks.len() - 1
}

fn quote(open: usize, close: usize, like: &Mark, span: Span, text: String) -> Quote {
    Quote {
        delimiter: Delimiter::Marks,
        open: Some(open),
        close: Some(close),
        continuations: Vec::new(),
        level: like.level,
        span,
        text,
        kind: QuoteKind::Speech,
        parent: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ReadOptions;
    use crate::lexicon::LEXICON;

    fn rebuilt(text: &str) -> (Document, Rebuilt) {
        let doc = Document::parse("a.md", text.to_string(), &ReadOptions::default());
        let analysis = super::super::analyze(&doc, &LEXICON.marks["en"]);
        let r = rebuild(&doc, &analysis, |orphan| {
            super::super::start::likely_start(&doc, &analysis, orphan).map(|g| g.prose)
        });
        (doc, r)
    }

    #[test]
    fn an_orphan_closing_mark_runs_from_the_suggested_opening() {
        let text = "The mayor said, the bridge will open in May.” Then she left.\n";
        let (_, r) = rebuilt(text);
        assert_eq!(r.broken.len(), 1);
        let (i, lost, mark) = r.broken[0];
        assert_eq!(lost, Lost::Opening);
        assert_eq!(&text[mark.start..mark.end], "”");
        let q = &r.analysis.quotes[i];
        assert_eq!(q.text, "the bridge will open in May.");
        assert_eq!(
            &text[q.span.start..q.span.end],
            "the bridge will open in May.”"
        );
    }

    #[test]
    fn an_unclosed_opening_mark_runs_to_the_end_of_its_paragraph() {
        let text = "Ana Ruiz said: “We will not wait for the council. \n\nNext paragraph.\n";
        let (_, r) = rebuilt(text);
        assert_eq!(r.broken.len(), 1);
        let (i, lost, mark) = r.broken[0];
        assert_eq!(lost, Lost::Closing);
        assert_eq!(&text[mark.start..mark.end], "“");
        let q = &r.analysis.quotes[i];
        assert_eq!(q.text, "We will not wait for the council.");
        assert_eq!(
            &text[q.span.start..q.span.end],
            "“We will not wait for the council."
        );
    }

    #[test]
    fn whole_quotations_are_left_as_they_are() {
        let (_, r) = rebuilt("“Fine,” she said.\n");
        assert!(r.broken.is_empty());
        assert_eq!(r.analysis.quotes.len(), 1);
    }
}
