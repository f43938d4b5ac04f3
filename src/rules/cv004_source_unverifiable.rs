//! CV004 source-unverifiable: a source exists but its text could not be read.

use super::{Context, Rule};
use crate::diagnostic::Finding;
use crate::verify::Verdict;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (quote, verification) in ctx.quotes.quotes.iter().zip(ctx.verifications) {
        if verification.verdict != Verdict::Unverifiable {
            continue;
        }
        let Some(first) = verification.unreadable.first() else {
            continue;
        };
        out.push(
            Finding::new(
                Rule::SourceUnverifiable,
                quote.span,
                format!("the source `{}` could not be read: {}", first.id, first.reason),
            )
            .with_label("not verified")
            .with_help("replace the local copy with a readable one (plain text, HTML or PDF), or check the quotation by hand"),
        );
    }
}
