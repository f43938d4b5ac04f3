//! CQ001 unmatched-closing-quote: a closing mark whose opening mark was lost.

use super::{Context, Rule};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::quotes::start::{likely_start, StartGuess, StartReason};
use crate::quotes::{Role, Shape};
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
                let word_end = block.text[guess.prose..]
                    .find(char::is_whitespace)
                    .map_or(block.text.len(), |i| guess.prose + i)
                    .min(mark.prose.start.max(guess.prose + 1));
                let word = block.file_span(guess.prose..word_end);
                finding = finding
                    .with_related(word, format!("the quotation most likely starts here ({})", guess.reason.describe()))
                    .with_help(format!(
                        "insert `{opening}` where the quoted words begin; citelint suggests before `{}`, but only the source can tell",
                        &ctx.doc.text[word.start..word.end]
                    ))
                    .with_fix(Fix::suggestion(Edit::insert(word.start, opening)));
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
/// quotes layer's suggestion. The report rebuilds the quotation from the same place.
pub fn suggested_start(ctx: &Context, orphan: usize) -> Option<StartGuess> {
    let mark = &ctx.quotes.marks[orphan];
    let recorded = ctx.recorded.and_then(|recorded| {
        let before = &ctx.doc.blocks[mark.block].text[..mark.prose.start];
        let prose = recorded_start(recorded, before)?;
        Some(StartGuess {
            prose,
            reason: StartReason::RecordedWording,
        })
    });
    recorded.or_else(|| likely_start(ctx.doc, ctx.quotes, orphan))
}
