//! CA004 anonymous-source: an anonymous speaker no registry entry justifies.

use super::{Context, Rule};
use crate::attribution::SpeakerKind;
use crate::diagnostic::Finding;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.attribution {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for speaker in ctx.speakers.iter().flatten() {
        // A quotation-only paragraph inherits its speaker: report the words once.
        if speaker.kind != SpeakerKind::Anonymous || speaker.justified || !seen.insert(speaker.span)
        {
            continue;
        }
        out.push(
            Finding::new(
                Rule::AnonymousSource,
                speaker.span,
                format!("anonymous source: {}", speaker.text),
            )
            .with_label("no registry entry gives the reason")
            .with_help(
                "add an `anonymous` entry to the registry (match and reason), or name the source",
            ),
        );
    }
}
