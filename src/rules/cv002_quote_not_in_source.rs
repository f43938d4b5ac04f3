//! CV002 quote-not-in-source: the speaker's sources were searched and the words are not
//! there; with `verify.require_source`, also a quotation with no source at all.

use super::{Context, Rule};
use crate::diagnostic::Finding;
use crate::quotes::QuoteKind;
use crate::verify::Verdict;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for ((quote, verification), speaker) in ctx
        .quotes
        .quotes
        .iter()
        .zip(ctx.verifications)
        .zip(ctx.speakers)
    {
        match verification.verdict {
            // Words recorded as someone else's are CA005's to report.
            Verdict::NotFound if verification.recorded_elsewhere.is_none() => {
                let searched = verification
                    .checked
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    Finding::new(
                        Rule::QuoteNotInSource,
                        quote.span,
                        format!("these words are not in the sources searched: {searched}"),
                    )
                    .with_label("not found in the sources")
                    .with_help("check the quotation against the original; if it comes from another source, add that source to the registry"),
                );
            }
            Verdict::NoSource
                if ctx.require_source
                    && quote.parent.is_none()
                    && quote.kind != QuoteKind::Term =>
            {
                let whose = speaker.as_ref().map_or_else(
                    || "this quotation".to_string(),
                    |s| format!("{}'s words", s.text),
                );
                out.push(
                    Finding::new(
                        Rule::QuoteNotInSource,
                        quote.span,
                        format!("no source in the registry to check {whose} against"),
                    )
                    .with_label("no source")
                    .with_help("add the source to the registry (with its recorded wording or a local copy), or name it in the front matter's `citelint.sources`"),
                );
            }
            _ => {}
        }
    }
}
