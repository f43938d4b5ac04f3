//! What kind of speaker the words found are (a name, a pronoun, a description, anonymous),
//! whether they can be a speaker at all, and what the article has named so far.

use std::collections::HashMap;

use serde::Serialize;

use super::names::{full_names, resolve_name, strip_title};
use super::words::{lower, MAX_NAME_WORDS, NAME_PARTICLES};
use crate::document::Document;
use crate::lexicon::LEXICON;
use crate::registry::{names, EntryKind, Registry};
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A person's or organization's name ("Lucía Ortega", "Ortega", "Sen. Ortega").
    Name,
    /// he, she, they, it.
    Pronoun,
    /// "a 2019 commission report", "the harbor master", "a farmer near Dunmore Flats".
    Description,
    /// "a senior administration official", "two people familiar with the talks".
    Anonymous,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The words as written.
    pub text: String,
    pub span: Span,
    pub kind: SpeakerKind,
    /// The full name a pronoun or surname stands for, or the name without its title.
    pub name: Option<String>,
    pub registry_id: Option<String>,
    /// For an anonymous description: whether a registry `anonymous` entry justifies it.
    pub justified: bool,
}

/// Everything the article has named so far, for pronouns and surnames.
#[derive(Default)]
pub(super) struct Context {
    /// The last person named as a speaker, with their registry id.
    pub(super) last_person: Option<(String, Option<String>)>,
    pub(super) last_organization: Option<(String, Option<String>)>,
    /// Full names of people named so far (folded), with their ids.
    pub(super) people: Vec<(String, String, Option<String>)>,
    /// Every full name the article writes, by folded surname: read only when a pronoun or a
    /// one-word lead-in needs it (a second pass over the words of every article would cost a
    /// third of the run).
    pub(super) named: std::cell::OnceCell<HashMap<String, String>>,
}

impl Context {
    pub(super) fn named(&self, doc: &Document) -> &HashMap<String, String> {
        self.named.get_or_init(|| full_names(doc))
    }
}

pub(super) fn classify(text: &str, span: Span, registry: &Registry, ctx: &mut Context) -> Speaker {
    let clean = text
        .trim_end_matches(['’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    let lowered = lower(clean);
    let speaker = |kind, name: Option<String>, registry_id: Option<String>, justified| Speaker {
        text: text.to_string(),
        span,
        kind,
        name,
        registry_id,
        justified,
    };
    let p = &LEXICON.pronouns;
    if p.first_person.contains(&lowered) {
        return speaker(SpeakerKind::Pronoun, None, None, false);
    }
    if p.male.contains(&lowered) || p.female.contains(&lowered) || p.neutral.contains(&lowered) {
        let (name, id) = ctx.last_person.clone().unzip();
        return speaker(SpeakerKind::Pronoun, name, id.flatten(), false);
    }
    if p.organization.contains(&lowered) {
        let (name, id) = ctx.last_organization.clone().unzip();
        return speaker(SpeakerKind::Pronoun, name, id.flatten(), false);
    }
    let folded = names::fold(clean);
    let justified = registry
        .anonymous
        .iter()
        .any(|a| folded.contains(&names::fold(&a.pattern)));
    let anonymous = justified || LEXICON.anonymous.is_match(&lowered);
    if let Some(entry) = resolve_name(registry, clean) {
        let kind = if entry.kind == EntryKind::Source {
            SpeakerKind::Description
        } else {
            SpeakerKind::Name
        };
        let s = speaker(
            kind,
            Some(entry.name.clone()),
            Some(entry.id.clone()),
            false,
        );
        remember(ctx, entry.kind, &entry.name, Some(entry.id.clone()));
        return s;
    }
    if anonymous {
        return speaker(SpeakerKind::Anonymous, None, None, justified);
    }
    let first = lowered.split_whitespace().next().unwrap_or("");
    if LEXICON.determiners.contains(first) || LEXICON.group_nouns.contains(first) {
        return speaker(SpeakerKind::Description, None, None, false);
    }
    let name = if clean.chars().next().is_some_and(char::is_uppercase) {
        strip_title(clean)
    } else {
        // `county engineer Victor Almeida`: a lowercase title, then the name.
        let words: Vec<&str> = clean.split_whitespace().collect();
        let capitalized = words
            .iter()
            .rev()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        if capitalized < 2 {
            return speaker(SpeakerKind::Description, None, None, false);
        }
        words[words.len() - capitalized..].join(" ")
    };
    let folded_name = names::fold(&name);
    if !folded_name.contains(' ') {
        // A surname: the one person named so far who has it, or the one registry entry
        // with it that the article mentions.
        let matches: Vec<&(String, String, Option<String>)> = ctx
            .people
            .iter()
            .filter(|(full, _, _)| names::surname(full) == Some(folded_name.as_str()))
            .collect();
        if let [only] = matches.as_slice() {
            let (_, display, id) = (*only).clone();
            ctx.last_person = Some((display.clone(), id.clone()));
            return speaker(SpeakerKind::Name, Some(display), id, false);
        }
    }
    remember(ctx, EntryKind::Person, &name, None);
    speaker(SpeakerKind::Name, Some(name), None, false)
}

pub(super) fn remember(ctx: &mut Context, kind: EntryKind, name: &str, id: Option<String>) {
    match kind {
        EntryKind::Person => {
            ctx.last_person = Some((name.to_string(), id.clone()));
            let folded = names::fold(name);
            if !ctx.people.iter().any(|(f, _, _)| *f == folded) {
                ctx.people.push((folded, name.to_string(), id));
            }
        }
        EntryKind::Organization => ctx.last_organization = Some((name.to_string(), id)),
        EntryKind::Source => {}
    }
}

/// Words a group may run to without a determiner (`people`, `users in Ohio`).
pub(super) const MAX_GROUP_WORDS: usize = 3;

/// A name may hold this many lowercase words that are not connectors (`Lucía Ortega de
/// la Cruz`, `Ana Ruiz, director`); more, and it is a clause (`One of the reasons this is
/// a hard question`).
pub(super) const MAX_LOWERCASE_IN_NAME: usize = 2;

/// Whether `text` can name or describe a speaker: a pronoun, a capitalized name, a
/// description that starts with a determiner, a lowercase title before a name
/// (`spokeswoman Adaeze Morrow`), or a user handle (`the_moongirl`); letters, not a
/// number or a date; short; no quotation marks (a span that runs into a quotation is a
/// piece of a sentence).
pub(super) fn plausible(text: &str) -> bool {
    let text = text.trim();
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first_lower = lower(first.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''));
    // `Here’s what you missed:` is no label: `here’s` is `here`.
    let first_base = first_lower.strip_suffix("'s").unwrap_or(&first_lower);
    if LEXICON.not_speakers.contains(first_base)
        || LEXICON
            .fact_check_labels
            .contains(&lower(text.trim_end_matches([':', '.'])))
        || !text.chars().any(char::is_alphabetic)
        || text.contains(['“', '”', '"', '«', '»', '„'])
    {
        return false;
    }
    // `a photo of herself wearing a`: a speaker never ends in an article; the words were
    // cut from a sentence.
    let last = text.split_whitespace().last().map_or(String::new(), lower);
    // A span that ends in an auxiliary or a pronoun (`The researcher’s rule of thumb is`,
    // `… recommends we`) was cut from a clause; `Theresa May` is a name.
    let ends_lowercase = text
        .split_whitespace()
        .last()
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    if ["a", "an", "the"].contains(&last.as_str())
        || (ends_lowercase
            && text.split_whitespace().count() > 1
            && (LEXICON.passive_auxiliaries.contains(&last)
                || LEXICON.auxiliaries.contains(&last)
                || LEXICON.pronouns_contain(&last)))
    {
        return false;
    }
    // `May 2020:` dates what follows.
    let dated = text.split_whitespace().all(|w| {
        let w = lower(w.trim_matches(|c: char| !c.is_alphanumeric()));
        LEXICON.months.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
    });
    if dated && text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let count = text.split_whitespace().count();
    // `Think about the “outside” view`: an imperative opening a sentence, not a name.
    if count == 1 && LEXICON.is_speech_verb(&first_lower) {
        return false;
    }
    if LEXICON.pronouns_contain(&first_lower) {
        return count == 1;
    }
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // `people`, `users in Ohio`; not `developers aren’t able`.
    let group = LEXICON.group_nouns.contains(first_lower.as_str())
        && (count == 1
            || (count <= MAX_GROUP_WORDS
                && text.split_whitespace().nth(1).is_some_and(|w| {
                    ["in", "at", "from", "of", "on", "across"].contains(&lower(w).as_str())
                })));
    let described = LEXICON.determiners.contains(first_lower.as_str())
        || group
        || LEXICON.anonymous.is_match(&lower(text));
    if described {
        return count <= 12;
    }
    if upper(first) {
        let lowercase = text
            .split_whitespace()
            .filter(|w| {
                let core = lower(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'));
                !upper(w)
                    && core.chars().any(char::is_alphabetic)
                    && !LEXICON.name_connectors.contains(&core)
                    && !NAME_PARTICLES.contains(&core.as_str())
            })
            .count();
        // `Roanoke College swim team member Susanna Price`: a lowercase title before a name.
        let ends_in_name = text.split_whitespace().last().is_some_and(upper);
        return count <= MAX_NAME_WORDS && (lowercase <= MAX_LOWERCASE_IN_NAME || ends_in_name);
    }
    // `spokeswoman Adaeze Morrow`: lowercase words, then a name to the end.
    let ends_in_name = text.split_whitespace().last().is_some_and(upper);
    let handle = count == 1 && first.contains(['_', '@']);
    (ends_in_name && count <= 10) || handle
}
