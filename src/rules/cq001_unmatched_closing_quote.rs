//! CQ001 unmatched-closing-quote: a closing mark whose opening mark was lost.

use super::{Context, Rule};
use crate::diagnostic::{Confidence, Edit, Finding, Fix};
use crate::document::ProseBlock;
use crate::quotes::start::{likely_start, rule_based_start, StartGuess, StartReason};
use crate::quotes::{Role, Shape};
use crate::span::Span;
use crate::verify::recorded_start;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for &orphan in &ctx.quotes.orphans {
        let mark = &ctx.quotes.marks[orphan];
        let glyph = ctx.glyph(mark);
        let mut finding = Finding::new(
            Rule::UnmatchedClosingQuote,
            mark.span,
            format!("closing quotation mark `{glyph}` has no opening mark"),
        )
        .with_label("this closes a quotation that was never opened");
        let opening = if mark.shape == Shape::Straight {
            '"'
        } else {
            ctx.curly(mark.level, Role::Open)
        };
        match suggested_start(ctx, orphan) {
            Some(guess) => {
                let block = &ctx.doc.blocks[mark.block];
                let word = first_word(block, guess.prose, mark.prose.start);
                let sure = guess
                    .confidence
                    .map(|p| format!(", {}% sure", Confidence::new(p).percent()))
                    .unwrap_or_default();
                finding = finding.with_related(
                    word,
                    format!(
                        "the quotation most likely starts here ({}{sure})",
                        guess.reason.describe()
                    ),
                );
                let mut fix = Fix::suggestion(Edit::insert(word.start, opening));
                if let Some(p) = guess.confidence {
                    fix = fix.with_confidence(Confidence::new(p));
                }
                let mut also = String::new();
                if let Some(other) = guess.runner_up {
                    let other = first_word(block, other, mark.prose.start);
                    finding = finding.with_related(other, "or here: the next most likely start");
                    fix = fix.with_alternative(Edit::insert(other.start, opening));
                    also = format!(" (or before `{}`)", &ctx.doc.text[other.start..other.end]);
                }
                finding = finding
                    .with_help(format!(
                        "insert `{opening}` where the quoted words begin; citelint suggests before `{}`{also}, but only the source can tell",
                        &ctx.doc.text[word.start..word.end]
                    ))
                    .with_fix(fix);
            }
            None => {
                finding = finding.with_help(format!(
                    "insert `{opening}` where the quoted words begin, or delete this mark"
                ));
            }
        }
        out.push(finding);
    }
}

/// Where the quotation the orphan closing mark `orphan` closes most likely began: the
/// registry's wording, where it has the words (it knows better than any guess), else the
/// ranker's best position (the rules alone outside English, where the ranker never
/// learned). The report rebuilds the quotation from the same place, so its rebuilt row and
/// this rule's suggestion never disagree.
pub fn suggested_start(ctx: &Context, orphan: usize) -> Option<StartGuess> {
    let mark = &ctx.quotes.marks[orphan];
    let recorded = ctx.recorded.and_then(|recorded| {
        let before = &ctx.doc.blocks[mark.block].text[..mark.prose.start];
        let prose = recorded_start(recorded, before)?;
        Some(StartGuess {
            prose,
            reason: StartReason::RecordedWording,
            confidence: Some(1.0),
            runner_up: None,
        })
    });
    recorded.or_else(|| {
        if ctx.attribution {
            likely_start(ctx.doc, ctx.quotes, orphan)
        } else {
            rule_based_start(ctx.doc, ctx.quotes, orphan)
        }
    })
}

/// The file span of the word that starts at prose offset `at` (at least one character, and
/// never past the closing mark at `limit`).
fn first_word(block: &ProseBlock, at: usize, limit: usize) -> Span {
    let end = block.text[at..]
        .find(char::is_whitespace)
        .map_or(block.text.len(), |i| at + i)
        .min(limit.max(at + 1));
    block.file_span(at..end)
}
