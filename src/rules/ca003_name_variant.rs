//! CA003 name-variant: a name one or two letters off a registry name, or off another name
//! in the same article ("Fleishman" beside "Fleischman").

use std::collections::HashMap;

use super::{Context, Rule};
use crate::attribution::{name_mentions, SpeakerKind};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::registry::names;
use crate::registry::names::variant_distance;

/// Where a registry variant's right spelling is.
const REGISTRY: &str = "a name in the registry";

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.attribution {
        return;
    }
    let (mut mentions, lowercase) = name_mentions(ctx.doc);
    // A surname used alone as a speaker (`Fleishman added`) is a name too.
    for s in ctx
        .speakers
        .iter()
        .flatten()
        .filter(|s| s.kind == SpeakerKind::Name)
    {
        let folded = names::fold(&s.text);
        let single = !folded.contains(' ') && folded.chars().count() >= names::MIN_VARIANT_LEN;
        if single && !mentions.iter().any(|m| m.span == s.span) {
            mentions.push(crate::attribution::NameMention {
                text: s.text.clone(),
                folded,
                span: s.span,
            });
        }
    }
    // Lone names are compared with the registry only: within an article, the evidence rule
    // stays with the runs of names it was measured on.
    let mut lone = std::collections::HashSet::new();
    for m in lone_names(ctx.doc) {
        if !mentions.iter().any(|n| n.span == m.span) {
            lone.insert(m.span);
            mentions.push(m);
        }
    }
    mentions.sort_by_key(|m| m.span);
    // How often each spelling is used, and where it is first.
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        count.entry(&m.folded).or_insert((0, i)).0 += 1;
    }
    let mut spellings: Vec<&str> = count.keys().copied().collect();
    spellings.sort_unstable();
    // The people who speak in the article, as (first names, surname), folded. Within the
    // article, two spellings are variants only with evidence that they name one person: a
    // surname used alone beside a full name whose surname is one letter off, or two full
    // names with the same first name. Different people have close names all the time
    // (Brett and Britt, Moran and Morgan).
    let speaker_names: Vec<Vec<String>> = ctx
        .speakers
        .iter()
        .flatten()
        .filter(|s| s.kind == SpeakerKind::Name)
        .filter_map(|s| s.name.as_deref())
        .map(|n| {
            names::fold(n)
                .split(' ')
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|parts| !parts.is_empty())
        .collect();
    let same_person = |t: &str, u: &str| {
        speaker_names.iter().any(|a| {
            speaker_names.iter().any(|b| {
                let (Some(at), Some(bt)) = (a.last(), b.last()) else {
                    return false;
                };
                at == t && bt == u && (a.len() == 1 || (b.len() > 1 && a.len() > 1 && a[0] == b[0]))
            })
        })
    };
    let mut surnames: Vec<&str> = speaker_names
        .iter()
        .filter_map(|parts| parts.last().map(String::as_str))
        .collect();
    surnames.sort_unstable();
    surnames.dedup();
    let mut variant_of: HashMap<&str, (String, &'static str)> = HashMap::new();
    for &t in &spellings {
        // A registry name, or a word the article also writes in lowercase, is not a misspelling.
        if ctx.registry.has_name_token(t) || lowercase.contains(t) {
            continue;
        }
        let max = variant_distance(t.chars().count());
        let registry_close = ctx.registry.close_name_tokens(t, max);
        // A misspelling keeps a name's first letter (Clinton is not Linton, Ronald is not
        // Donald); a title, in an alias (Advisor) or in the copy (Adviser), is no name to
        // misspell; and a surname is no misspelt given name (Jeffries, written after a
        // given name, is not Jeffrey).
        if let Some(close) = registry_close.iter().find(|c| {
            !inflection(t, c)
                && c.chars().next() == t.chars().next()
                && !crate::lexicon::LEXICON.is_title_word(c)
                && !crate::lexicon::LEXICON.is_title_word(t)
                && !surname_beside_given_name(ctx.doc, t, c)
        }) {
            variant_of.insert(t, (close.to_string(), REGISTRY));
            continue;
        }

        // Another spelling in this article, used more often (or as often, and earlier).
        // Only speakers' surnames can be the same person (see `same_person`), so only
        // they are compared: never every pair of capitalized words.
        if surnames.binary_search(&t).is_err() {
            continue;
        }
        let (_, first) = count[t];
        let n = capitalized_uses(ctx.doc, t);
        let better = surnames
            .iter()
            .copied()
            .filter(|u| count.contains_key(u))
            .find(|&u| {
                let (_, u_first) = count[u];
                // Cheapest tests first: this runs for every pair of spellings.
                u != t
                    && u.chars().next() == t.chars().next()
                    && u.len().abs_diff(t.len()) <= 2 * max
                    && strsim::damerau_levenshtein(t, u)
                        <= max.min(variant_distance(u.chars().count()))
                    && !inflection(t, u)
                    && same_person(t, u)
                    && {
                        let m = capitalized_uses(ctx.doc, u);
                        m > n || (m == n && u_first < first)
                    }
            });
        if let Some(u) = better {
            variant_of.insert(t, (u.to_string(), "used elsewhere in this article"));
        }
    }
    report(&mentions, &variant_of, &lone, out);
}

/// How often the article writes `folded` as a capitalized word of its own, wherever it
/// stands: the spelling used more often is the right one, so the odd one out is flagged
/// (the name runs and speakers miss a surname that opens a sentence, `Ortega was …`).
fn capitalized_uses(doc: &crate::document::Document, folded: &str) -> usize {
    doc.blocks
        .iter()
        .flat_map(|block| {
            block
                .text
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        })
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| w.len() == folded.len() && names::fold(w) == folded)
        .count()
}

/// Whether `t` is a surname where `c` is a given name: `c` is a known given name, `t` is
/// not, and the article writes `t` after a given name (`Caleb Jeffries`).
fn surname_beside_given_name(doc: &crate::document::Document, t: &str, c: &str) -> bool {
    use crate::lexicon::given_names::gender_of_given_name;
    if gender_of_given_name(c).is_none() || gender_of_given_name(t).is_some() {
        return false;
    }
    doc.blocks.iter().any(|block| {
        let words: Vec<&str> = block
            .text
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        words.windows(2).any(|pair| {
            let (given, word) = (pair[0], pair[1]);
            word.chars().next().is_some_and(char::is_uppercase)
                && names::fold(word) == t
                && given.chars().next().is_some_and(char::is_uppercase)
                && gender_of_given_name(given).is_some()
        })
    })
}

/// Names that a run of capitalized words misses: a lone capitalized word that the next
/// words mark as a person (`Ortiga, who…`, `Ortiga said`, `Ortiga, a farmer…`), often at a
/// sentence start, and the name in a possessive (`Ortiga’s plan`). The registry and the
/// evidence rules decide afterwards whether one is a misspelling.
fn lone_names(doc: &crate::document::Document) -> Vec<crate::attribution::NameMention> {
    let lex = &*crate::lexicon::LEXICON;
    let mut out = Vec::new();
    for block in &doc.blocks {
        let text = &block.text;
        let words: Vec<(usize, &str)> = text
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
            .collect();
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        for (k, &(at, raw)) in words.iter().enumerate() {
            let core = raw.trim_start_matches(|c: char| !c.is_alphabetic());
            let lead = raw.len() - core.len();
            let stem_end = core
                .find(|c: char| !(c.is_alphabetic() || c == '-'))
                .unwrap_or(core.len());
            let stem = &core[..stem_end];
            let rest = &core[stem_end..];
            if !capital(stem) || stem.chars().count() < names::MIN_VARIANT_LEN {
                continue;
            }
            let possessive = matches!(rest.trim_end_matches(['.', ',', ';', ':']), "’s" | "'s");
            let before_capital =
                k > 0 && capital(words[k - 1].1) && !words[k - 1].1.ends_with(['.', ':', '”', '"']);
            let next = words.get(k + 1).map(|w| w.1);
            let after_capital = rest.is_empty() && next.is_some_and(capital);
            let comma = rest == ",";
            let next_low = next.map(|w| w.trim_end_matches([',', '.']).to_lowercase());
            let marked = possessive
                || (comma
                    && next_low.as_deref().is_some_and(|w| {
                        w == "who" || lex.determiners.contains(w) || w == "whose"
                    }))
                || (rest.is_empty() && next_low.as_deref().is_some_and(|w| lex.is_speech_verb(w)));
            if !marked || (!possessive && (before_capital || after_capital)) {
                continue;
            }
            let start = at + lead;
            out.push(crate::attribution::NameMention {
                text: stem.to_string(),
                folded: names::fold(stem),
                span: block.file_span(start..start + stem.len()),
            });
        }
    }
    out
}

/// One finding per mention of a spelling that is a variant of another.
fn report(
    mentions: &[crate::attribution::NameMention],
    variant_of: &HashMap<&str, (String, &'static str)>,
    lone: &std::collections::HashSet<crate::span::Span>,
    out: &mut Vec<Finding>,
) {
    for m in mentions {
        let Some((close, where_)) = variant_of.get(m.folded.as_str()) else {
            continue;
        };
        if lone.contains(&m.span) && *where_ != REGISTRY {
            continue;
        }
        let letters = strsim::damerau_levenshtein(&m.folded, close);
        let shown = restore_case(close, &m.text);
        out.push(
            Finding::new(
                Rule::NameVariant,
                m.span,
                format!(
                    "`{}` is {} letter{} off `{shown}`, {where_}",
                    m.text,
                    letters,
                    if letters == 1 { "" } else { "s" }
                ),
            )
            .with_label("possible misspelling")
            .with_help(format!("if this is the same person, spell it `{shown}`; if not, add this name to the registry"))
            .with_fix(Fix::suggestion(Edit::replace(m.span, shown.clone()))),
        );
    }
}

/// Whether one word is the other with an English ending (`Service`/`Services`,
/// `Environment`/`Environmental`): a different word, not a misspelling.
fn inflection(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    const ENDINGS: &[&str] = &[
        "s", "es", "ed", "d", "ing", "er", "r", "al", "y", "ly", "ies", "'s", "ist", "ism", "an",
        "n",
    ];
    long.strip_prefix(short)
        .is_some_and(|rest| ENDINGS.contains(&rest))
        || short.strip_suffix('y').is_some_and(|stem| {
            long.strip_prefix(stem)
                .is_some_and(|rest| ENDINGS.contains(&rest))
        })
}

/// `close` (folded) written with the capitalization of `like`: `fleischman` → `Fleischman`.
fn restore_case(close: &str, like: &str) -> String {
    let upper_first = like.chars().next().is_some_and(char::is_uppercase);
    let all_upper = like
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    if all_upper {
        return close.to_uppercase();
    }
    let mut chars = close.chars();
    match chars.next() {
        Some(c) if upper_first => c.to_uppercase().chain(chars).collect(),
        _ => close.to_string(),
    }
}
