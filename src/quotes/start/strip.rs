//! Correctly marked copy made into examples of lost opening marks: for training the ranker,
//! and for measuring any guess against the truth. The opening marks (and the continuation
//! marks of multi-paragraph quotations) of every double quotation are stripped, as a broken
//! export strips them, and each quotation's true start is remembered.

use super::candidates::{self, Region};
use super::{rule_based_start, StartGuess};
use crate::document::{Document, ReadOptions};
use crate::lexicon::LanguageMarks;
use crate::quotes::{analyze, Delimiter, Level, QuoteAnalysis, QuoteKind, Role};

/// One quotation whose opening mark was stripped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrippedQuote {
    /// File offset (in the stripped text) of the closing mark.
    pub close: usize,
    /// File offset (in the stripped text) where the quoted words begin in the closing
    /// mark's paragraph: where the opening or continuation mark was.
    pub start: usize,
    /// A whole sentence or more (`QuoteKind::Speech`); otherwise a fragment or a term.
    pub whole_sentence: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stripped {
    pub text: String,
    pub quotes: Vec<StrippedQuote>,
}

/// Strips every double opening and continuation mark from `text`.
pub fn strip_opening_marks(text: &str, marks: &LanguageMarks) -> Stripped {
    let doc = Document::parse("", text.to_string(), &ReadOptions::default());
    let a = analyze(&doc, marks);
    let mut removed: Vec<(usize, usize)> = a
        .marks
        .iter()
        .filter(|m| m.level == Level::Double && matches!(m.role, Role::Open | Role::Continuation))
        .map(|m| (m.span.start, m.span.end))
        .collect();
    removed.sort_unstable();
    // Where an offset of the original text lands once the marks before it are gone.
    let shifted = |offset: usize| {
        let gone: usize = removed
            .iter()
            .take_while(|(_, end)| *end <= offset)
            .map(|(start, end)| end - start)
            .sum();
        offset - gone
    };
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for &(start, end) in &removed {
        out.push_str(&text[pos..start]);
        pos = end;
    }
    out.push_str(&text[pos..]);
    let quotes = a
        .quotes
        .iter()
        .filter(|q| q.delimiter == Delimiter::Marks && q.level == Level::Double)
        .filter_map(|q| {
            let close = &a.marks[q.close?];
            let opener = q
                .continuations
                .iter()
                .rev()
                .chain(q.open.iter())
                .map(|&m| &a.marks[m])
                .find(|m| m.block == close.block)?;
            Some(StrippedQuote {
                close: shifted(close.span.start),
                start: shifted(opener.span.start),
                whole_sentence: q.kind == QuoteKind::Speech,
            })
        })
        .collect();
    Stripped { text: out, quotes }
}

/// One lost opening mark, found again as an orphan in the stripped text.
pub struct Case<'d> {
    pub region: Region<'d>,
    /// The candidate where the quotation truly begins; `None` when no candidate is (the
    /// start lies beyond the cap, or inside a word).
    pub gold: Option<usize>,
    pub rules: Option<StartGuess>,
    pub whole_sentence: bool,
}

/// The cases of a stripped document: each stripped quotation whose closing mark is an
/// orphan there. Quotations whose closing mark pairs with something else are not cases
/// (CQ001 would not report them); [`Stripped::quotes`] minus the cases counts them.
pub fn cases<'d>(doc: &'d Document, a: &QuoteAnalysis, stripped: &Stripped) -> Vec<Case<'d>> {
    let mut out = Vec::new();
    for &orphan in &a.orphans {
        let mark = &a.marks[orphan];
        let Some(truth) = stripped.quotes.iter().find(|q| q.close == mark.span.start) else {
            continue;
        };
        let Some(region) = candidates::region(doc, a, orphan) else {
            continue;
        };
        let block = &doc.blocks[mark.block];
        let gold = region
            .tokens
            .iter()
            .position(|t| block.file_start(t.start) >= truth.start)
            .filter(|&i| {
                let at = block.file_start(region.tokens[i].start);
                doc.text
                    .get(truth.start..at)
                    .is_some_and(|between| !between.chars().any(char::is_alphanumeric))
            });
        out.push(Case {
            gold,
            rules: rule_based_start(doc, a, orphan),
            whole_sentence: truth.whole_sentence,
            region,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;

    #[test]
    fn stripping_remembers_where_each_quotation_began() {
        let marks = &LEXICON.marks["en"];
        let text = "She called it a “paper tiger” on Monday.\n\n“We will rebuild,” he said.\n";
        let stripped = strip_opening_marks(text, marks);
        assert_eq!(
            stripped.text,
            "She called it a paper tiger” on Monday.\n\nWe will rebuild,” he said.\n"
        );
        let starts: Vec<&str> = stripped
            .quotes
            .iter()
            .map(|q| &stripped.text[q.start..q.close])
            .collect();
        assert_eq!(starts, ["paper tiger", "We will rebuild,"]);
        assert_eq!(
            stripped
                .quotes
                .iter()
                .map(|q| q.whole_sentence)
                .collect::<Vec<_>>(),
            [false, true]
        );
    }

    #[test]
    fn each_orphan_becomes_a_case_with_its_true_candidate() {
        let marks = &LEXICON.marks["en"];
        let stripped = strip_opening_marks(
            "The mayor warned of “a slow collapse” in the valley.\n",
            marks,
        );
        let doc = Document::parse("", stripped.text.clone(), &ReadOptions::default());
        let a = analyze(&doc, marks);
        let cases = cases(&doc, &a, &stripped);
        assert_eq!(cases.len(), 1);
        let case = &cases[0];
        let gold = case.gold.unwrap();
        assert_eq!(case.region.tokens[gold].word, "a");
        assert_eq!(case.region.tokens[gold].start, 20);
    }
}
