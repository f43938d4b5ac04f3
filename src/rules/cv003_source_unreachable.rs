//! CV003 source-unreachable: a quotation's source URL is gone (404, 410, no such host).

use super::{Context, Rule};
use crate::diagnostic::Finding;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    // One finding per dead URL per article, at the first quotation that needed it: thirty
    // quotations from one moved page are one thing to fix.
    let mut reported: Vec<&str> = Vec::new();
    for (quote, verification) in ctx.quotes.quotes.iter().zip(ctx.verifications) {
        for gone in verification.unreadable.iter().filter(|u| u.gone) {
            if reported.contains(&gone.location.as_str()) {
                continue;
            }
            reported.push(&gone.location);
            let which = if gone.id == gone.location {
                format!("the linked page {}", gone.location)
            } else {
                format!("the source `{}` ({})", gone.id, gone.location)
            };
            let outcome = match &gone.archive_read {
                Some(archive) => format!("; its archived copy ({archive}) was read instead"),
                None => String::new(),
            };
            out.push(
                Finding::new(
                    Rule::SourceUnreachable,
                    quote.span,
                    format!("{which} is gone: {}{outcome}", gone.reason),
                )
                .with_label("source gone")
                .with_help("update the source's `url` in the registry, or add an `archive:` URL or a local `file:` copy"),
            );
        }
    }
}
