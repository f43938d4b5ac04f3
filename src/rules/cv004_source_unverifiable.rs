//! CV004 source-unverifiable: a source exists but its text could not be read.

use super::{Context, Rule};
use crate::diagnostic::Finding;
use crate::verify::Verdict;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (quote, verification) in ctx.quotes.quotes.iter().zip(ctx.verifications) {
        if verification.verdict != Verdict::Unverifiable {
            continue;
        }
        // A source that is gone is CV003's; this is for sources that are there but unread.
        let Some(first) = verification.unreadable.iter().find(|u| !u.gone) else {
            continue;
        };
        let which = if first.location == first.id || first.reason.contains(&first.location) {
            format!("`{}`", first.id)
        } else {
            format!("`{}` ({})", first.id, first.location)
        };
        out.push(
            Finding::new(
                Rule::SourceUnverifiable,
                quote.span,
                format!("the source {which} could not be read: {}", first.reason),
            )
            .with_label("not verified")
            .with_help("add a readable local copy of the source (`file:` in the registry: plain text, HTML or PDF), or check the quotation by hand"),
        );
    }
}
