//! CV001 altered-quote: the quotation is close to its source's wording, but not the same.

use super::{Context, Rule};
use crate::diagnostic::{Finding, Label};
use crate::verify::{diff, Verdict};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for (quote, verification) in ctx.quotes.quotes.iter().zip(ctx.verifications) {
        if verification.verdict != Verdict::Altered {
            continue;
        }
        let Some(source) = &verification.source else {
            continue;
        };
        let changes = source.diff.as_deref().map(diff::inline).unwrap_or_default();
        let id = source.id.as_deref().unwrap_or_default();
        let place = match (&source.file, &source.evidence) {
            (Some(file), _) => format!("the source `{id}` ({})", crate::setup::display_path(file)),
            (None, Some(page)) if source.id.is_some() => {
                format!("the source `{id}` ({})", page.url)
            }
            (None, Some(page)) => format!("the page linked in its sentence ({})", page.url),
            (None, None) => format!("the wording recorded for `{id}`"),
        };
        let mut finding = Finding::new(
            Rule::AlteredQuote,
            quote.span,
            format!("the quoted words differ from {place}"),
        )
        .with_label(format!("{:.0}% of the words match", source.score * 100.0))
        .with_help(format!(
            "the source reads “{}”\n  changes: {changes}\n  ([-…-] is the source's, {{+…+}} the quotation's)\n  quote the source's words, or mark cuts with … and insertions with [brackets]",
            source.excerpt
        ));
        if let Some(origin) = source.recorded {
            let file = &ctx.registry.files[origin.file];
            finding = finding.with_registry_label(Label {
                path: Some(file.path.clone()),
                span: origin.span,
                message: "the recorded wording".into(),
            });
        }
        out.push(finding);
    }
}
