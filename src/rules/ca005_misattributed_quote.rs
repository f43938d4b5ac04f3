//! CA005 misattributed-quote: the words are recorded in the registry, but as another
//! speaker's.

use super::{Context, Rule};
use crate::diagnostic::{Finding, Label};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.attribution {
        return;
    }
    for ((quote, speaker), verification) in ctx
        .quotes
        .quotes
        .iter()
        .zip(ctx.speakers)
        .zip(ctx.verifications)
    {
        let (Some(speaker), Some(elsewhere)) = (speaker, &verification.recorded_elsewhere) else {
            continue;
        };
        let whose = ctx
            .registry
            .get(&elsewhere.by)
            .map_or(elsewhere.by.as_str(), |e| e.name.as_str());
        let file = &ctx.registry.files[elsewhere.origin.file];
        out.push(
            Finding::new(
                Rule::MisattributedQuote,
                speaker.span,
                format!(
                    "these words are recorded as {whose}'s (source `{}`), not {}'s",
                    elsewhere.source, speaker.text
                ),
            )
            .with_label("attributed here")
            .with_related(quote.span, "the quoted words")
            .with_help(format!(
                "attribute the quotation to {whose}, or correct the registry"
            ))
            .with_registry_label(Label {
                path: Some(file.path.clone()),
                span: elsewhere.origin.span,
                message: format!("recorded as {whose}'s"),
            }),
        );
    }
}
