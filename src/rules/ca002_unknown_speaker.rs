//! CA002 unknown-speaker: a named speaker the registry does not list.

use super::{Context, Rule};
use crate::attribution::SpeakerKind;
use crate::diagnostic::Finding;
use crate::registry::names;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.attribution {
        return;
    }
    if !ctx.registry_configured {
        return;
    }
    let mut reported = std::collections::HashSet::new();
    for speaker in ctx.speakers.iter().flatten() {
        let named = matches!(speaker.kind, SpeakerKind::Name | SpeakerKind::Pronoun);
        let Some(name) = speaker
            .name
            .as_deref()
            .filter(|_| named && speaker.registry_id.is_none())
        else {
            continue;
        };
        // One finding per name and article: the first time it speaks.
        if !reported.insert(name.to_string()) || speaker.kind == SpeakerKind::Pronoun {
            continue;
        }
        // A near miss of a registry name is CA003 name-variant, which says which name.
        let folded = names::fold(name);
        let surname = folded.rsplit(' ').next().unwrap_or(&folded);
        if !ctx
            .registry
            .close_name_tokens(surname, names::variant_distance(surname.chars().count()))
            .is_empty()
        {
            continue;
        }
        out.push(
            Finding::new(Rule::UnknownSpeaker, speaker.span, format!("`{name}` is not in the source registry"))
                .with_label("unknown speaker")
                .with_help("add this person to the registry with the aliases the copy uses, or correct the name"),
        );
    }
}
