//! CA002 unknown-speaker: a named speaker the registry does not list.
//!
//! Only a person's or organization's name is unknown-speaker material. Attribution may hand
//! over a phrase that is no name (an adverbial, a date, a bare title, a country used as a
//! place): the rule guards itself from what the speaker carries and the lexicons, because
//! a warning about "In many respects" teaches a desk to switch the rule off.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Context, Rule};
use crate::attribution::SpeakerKind;
use crate::diagnostic::Finding;
use crate::lexicon::LEXICON;
use crate::registry::names;

#[derive(serde::Deserialize)]
struct NotNames {
    openers: HashSet<String>,
    days: HashSet<String>,
    countries: HashSet<String>,
    organization_words: HashSet<String>,
}

/// Whether `span` lies inside quoted words: a title or a nickname quoted within another
/// quotation (`they called it ‘Collusion Clue,’`) is no speaker to register. A
/// blockquote's own credit line is inside the blockquote, so blockquotes do not count.
fn quoted(ctx: &Context, span: crate::span::Span) -> bool {
    ctx.quotes.quotes.iter().any(|q| {
        q.delimiter == crate::quotes::Delimiter::Marks
            && q.span.start <= span.start
            && span.end <= q.span.end
    })
}

/// From `unknown_speaker_words.yml` beside this file.
static WORDS: LazyLock<NotNames> = LazyLock::new(|| {
    // Embedded and checked by a unit test: a failure is a build defect.
    serde_saphyr::from_str(include_str!("unknown_speaker_words.yml"))
        .unwrap_or_else(|e| panic!("unknown_speaker_words.yml: {e}"))
});

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
        if !is_name(name) || opens_as_no_name(&speaker.text) || quoted(ctx, speaker.span) {
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
            Finding::new(
                Rule::UnknownSpeaker,
                speaker.span,
                format!("`{name}` is not in the source registry"),
            )
            .with_label("unknown speaker")
            .with_help(format!(
                "correct the name, or add it to the registry:\n{}",
                registry_snippet(name)
            )),
        );
    }
}

/// The words of a name, without the possessive of its last word.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the words as written open with a preposition, adverb, conjunction or date
/// ("In many respects, Hallam", "Tuesday Hallam"): what attribution took is no name.
fn opens_as_no_name(text: &str) -> bool {
    words(text).first().is_some_and(|w| {
        let w = w.to_lowercase();
        WORDS.openers.contains(&w) || WORDS.days.contains(&w) || LEXICON.months.contains(&w)
    })
}

/// Whether `text` is a person's or organization's name: capitalized words (with the
/// connectors names keep, "of", "de"), not opening with a preposition, adverb or
/// conjunction, with no figure (a year, a date), and not wholly a title, a place, a month,
/// a day, a pronoun or an anonymous phrase.
pub fn is_name(text: &str) -> bool {
    let lex = &*LEXICON;
    let words = words(text);
    let Some(first) = words.first() else {
        return false;
    };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let whole = lower.join(" ");
    let first_lower = lower[0].as_str();
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let not_name_word = |w: &str| {
        WORDS.openers.contains(w)
            || WORDS.days.contains(w)
            || lex.months.contains(w)
            || lex.determiners.contains(w)
            || lex.pronouns_contain(w)
    };
    if !capitalized(first) || not_name_word(first_lower) {
        return false;
    }
    // A name opens and ends with a capital; lowercase words between are particles and
    // descriptions around it ("Katharina von Schnurbein", "NBER economist Mark Jacobsen").
    let shapes_ok = !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && words.last().is_some_and(|w| capitalized(w));
    // "Lincoln’s", "the Senator’s": a possessive at the end runs into what it owns.
    let possessive = lower.last().is_some_and(|w| {
        w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
    });
    let is_title_word = |w: &str| {
        lex.titles
            .iter()
            .any(|t| t.last().is_some_and(|tw| tw.trim_end_matches('.') == w))
    };
    // The head of "Vice President of Policy" is "President".
    let head = lower.iter().position(|w| w == "of").unwrap_or(lower.len());
    let ends_untitled = words.len() > 1
        && [lower.last(), head.checked_sub(1).and_then(|i| lower.get(i))]
            .into_iter()
            .flatten()
            .map(|w| w.trim_end_matches('.'))
            .any(|w| is_title_word(w) || lex.statement_nouns.contains(w));
    let title = |ws: &[String]| lex.titles.iter().any(|t| t.as_slice() == ws);
    let bare = lower.iter().map(|w| w.trim_end_matches('.').to_string());
    let bare: Vec<String> = bare.collect();
    let all_title_words = bare.iter().all(|w| {
        lex.titles
            .iter()
            .any(|t| t.iter().any(|tw| tw.trim_end_matches('.') == w))
    });
    let place = WORDS.countries.contains(&whole)
        || lex.places.contains(&lower)
        || whole
            .strip_prefix("the ")
            .is_some_and(|w| WORDS.countries.contains(w));
    let anonymous = lex.anonymous_phrases.contains(&whole);
    shapes_ok
        && !possessive
        && !ends_untitled
        && !title(&lower)
        && !all_title_words
        && !place
        && !anonymous
        && !(words.len() == 1 && not_name_word(first_lower))
}

/// Whether a word of the name says it is an organization's ("Department", "Council").
pub fn is_organization(name: &str) -> bool {
    name.to_lowercase().split_whitespace().any(|w| {
        WORDS
            .organization_words
            .contains(w.trim_matches(|c: char| !c.is_alphanumeric()))
    })
}

/// The registry entry to paste for an unknown name: a person, or an organization when a
/// word of the name says so.
pub fn registry_snippet(name: &str) -> String {
    let lower = name.to_lowercase();
    let organization = lower.split_whitespace().any(|w| {
        WORDS
            .organization_words
            .contains(w.trim_matches(|c: char| !c.is_alphanumeric()))
    });
    let id = names::fold(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let words: Vec<&str> = name.split_whitespace().collect();
    let alias = match words.as_slice() {
        [.., last] if words.len() > 1 && !organization => format!("\n    aliases: [{last}]"),
        _ => String::new(),
    };
    let section = if organization {
        "organizations"
    } else {
        "people"
    };
    format!("{section}:\n  - id: {id}\n    name: {name}{alias}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_people_and_organizations_are_names() {
        for name in [
            "Rosa Hallam",
            "Victor Almeida",
            "Hallam",
            "Department of Health",
            "Lucía Ortega",
            "Katharina von Schnurbein",
            "Jean-Pierre Dubois",
        ] {
            assert!(is_name(name), "{name}");
        }
    }

    #[test]
    fn adverbials_titles_places_dates_and_descriptions_are_not() {
        for phrase in [
            "In many respects",
            "But on balance",
            "However",
            "Chairman",
            "Secretary of State",
            "Sen.",
            "France",
            "the United States",
            "Texas",
            "Lincoln’s 1863",
            "Lincoln's",
            "March",
            "Tuesday",
            "In 2019",
            "the harbor master",
            "a senior administration official",
            "farmers",
            "She",
            "After the vote",
            "NPR’s President and CEO",
            "NAM Managing Vice President of Policy",
            "National Jewish Leadership Statement",
        ] {
            assert!(!is_name(phrase), "{phrase}");
        }
    }

    #[test]
    fn the_snippet_is_the_entry_to_paste() {
        assert_eq!(
            registry_snippet("Victor Almeida"),
            "people:\n  - id: victor-almeida\n    name: Victor Almeida\n    aliases: [Almeida]"
        );
        assert_eq!(
            registry_snippet("Kestrel Water Board"),
            "organizations:\n  - id: kestrel-water-board\n    name: Kestrel Water Board"
        );
    }
}
