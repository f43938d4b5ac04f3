//! CA005 misattributed-quote: the words are recorded in the registry, but as another
//! speaker's.

use super::{Context, Rule};
use crate::diagnostic::{Finding, Label};
use crate::verify::find_recorded;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.attribution || ctx.registry.is_empty() {
        return;
    }
    for (quote, speaker) in ctx.quotes.quotes.iter().zip(ctx.speakers) {
        let Some(speaker) = speaker else { continue };
        let Some(said_by) = speaker.registry_id.as_deref() else {
            continue;
        };
        let Some((source, recorded)) = find_recorded(ctx.registry, &quote.text) else {
            continue;
        };
        let Some(recorded_by) = recorded.by.as_deref() else {
            continue;
        };
        if recorded_by == said_by {
            continue;
        }
        let whose = ctx
            .registry
            .get(recorded_by)
            .map_or(recorded_by, |e| e.name.as_str());
        let file = &ctx.registry.files[recorded.origin.file];
        out.push(
            Finding::new(
                Rule::MisattributedQuote,
                speaker.span,
                format!(
                    "these words are recorded as {whose}'s (source `{source}`), not {}'s",
                    speaker.text
                ),
            )
            .with_label("attributed here")
            .with_related(quote.span, "the quoted words")
            .with_help(format!(
                "attribute the quotation to {whose}, or correct the registry"
            ))
            .with_registry_label(Label {
                path: Some(file.path.clone()),
                span: recorded.origin.span,
                message: format!("recorded as {whose}'s"),
            }),
        );
    }
}
