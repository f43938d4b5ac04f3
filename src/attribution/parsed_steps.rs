//! The sieve's steps that read the parse, joined to the article: the speaker of the act of
//! speech that governs a quotation, the kind that act gives it, the noun-phrase guard on
//! every step's speaker, and what a speaking pronoun stands for.

use std::ops::Range;

use crate::document::Document;
use crate::lexicon::LEXICON;
use crate::quotes::QuoteKind;
use crate::registry::{names, EntryKind, Registry};

use super::kinds::Context;
use super::names::{resolve_name, strip_title};
use super::noun_phrase::guard;
use super::parse::{Parsed, Parses};
use super::salience::{self, Candidate, Pronoun, Referent, Resolution};
use super::sieve::{Around, Found};

/// Sieve step, early: for a fragment or a term in the writer's sentence, the speaker of the
/// act of speech before it that governs it (`its spokesman called their letter “a
/// fabrication”`, `Varga’s warning of “…”`). It comes before the credits after the
/// quotation, which in such a sentence often belong to another clause.
pub(super) fn governor_before(at: &Around, _: &Context) -> Found {
    if at.quote.kind == QuoteKind::Speech {
        return None;
    }
    at.before(at.governed().filter(|g| g.before)?.speaker.clone())
}

/// Sieve step, last: for a fragment or a term, the speaker of an act of speech after it
/// that governs it. Speech is not parsed: the patterns read it, and parsing every
/// unattributed sentence of speech tripled the corpus run.
pub(super) fn any_governor(at: &Around, _: &Context) -> Found {
    if at.quote.kind == QuoteKind::Speech {
        return None;
    }
    at.before(at.governed()?.speaker.clone())
}

/// The kind of a quotation once the parse has read it: a term that an act of speech
/// governs, with a speaker, is a fragment (`The senator called the ruling “shameful.”`),
/// unless it is a name the writer uses (`calling the farmland the “Dry Corridor”`).
pub(super) fn kind(at: &Around) -> QuoteKind {
    if at.quote.kind != QuoteKind::Term {
        return at.quote.kind;
    }
    let speaks = at
        .governed()
        .is_some_and(|g| g.speaker.is_some() && g.makes_words);
    if speaks && !names_a_thing(&at.ob.text, at.open.prose.start, &at.quote.text) {
        QuoteKind::Fragment
    } else {
        QuoteKind::Term
    }
}

/// Whether a quotation is a name the writer uses, whatever verb stands near it: title case
/// after an article or a term cue (`calling the band of farmland the “Dry Corridor”`, the
/// so-called “Lismora Compromise”). A name given inside the marks (`dubbed “the Road
/// Builders”`) is someone's words.
fn names_a_thing(text: &str, open: usize, quoted: &str) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let capitals = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    let title_case = !words.is_empty() && capitals * 3 >= words.len() * 2;
    let before = text[..open]
        .split_whitespace()
        .next_back()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .unwrap_or_default();
    let possessive = before.ends_with("'s") || before.ends_with('\'');
    let article = ["the", "a", "an", "so-called", "as"].contains(&before.as_str());
    title_case && (possessive || article)
}

/// The speaker's words `range` of block `block`, if they are a noun phrase (see
/// [`guard`]): read from the sentence's parse when one was made, from the words otherwise.
pub(super) fn noun_phrase_guard(
    doc: &Document,
    parses: &Parses,
    block: usize,
    range: Range<usize>,
) -> Option<Range<usize>> {
    let p = parses.cached_at(block, range.start);
    guard(p, &doc.blocks[block].text, range)
}

/// What a pronoun resolved to.
pub(super) enum Antecedent {
    /// A name (and registry id), and whether it is a person's.
    To(String, Option<String>, EntryKind),
    /// More than one might fit: the pronoun stays unresolved.
    Ambiguous,
    /// No candidate in reach: the older steps decide.
    Unknown,
}

/// What the pronoun `word` at byte `at` of block `block` stands for, by salience over its
/// sentence and the few before it (crossing into the paragraph before, once).
pub(super) fn resolve_pronoun(
    doc: &Document,
    parses: &mut Parses,
    registry: &Registry,
    ctx: &Context,
    block: usize,
    at: usize,
) -> Antecedent {
    let text = &doc.blocks[block].text;
    let word = text[at..]
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    let Some(pronoun) = Pronoun::of(word) else {
        return Antecedent::Unknown;
    };
    let referent = |p: &Parsed, tokens: Range<usize>| referent_of(doc, registry, ctx, p, tokens);
    let Some(own) = parses.sentence_index(doc, block, at) else {
        return Antecedent::Unknown;
    };
    let mut places = vec![(block, own, at)];
    for back in 1..=salience::MAX_SENTENCES_BACK {
        match own.checked_sub(back) {
            Some(i) => places.push((block, i, usize::MAX)),
            None => {
                // The last sentences of the paragraph before.
                let Some(prev) = block.checked_sub(1) else {
                    break;
                };
                if doc.blocks[prev].kind == crate::document::BlockKind::Heading {
                    break;
                }
                let count = parses.sentence_count(doc, prev);
                let taken = back - own;
                if let Some(i) = count.checked_sub(taken) {
                    places.push((prev, i, usize::MAX));
                }
            }
        }
    }
    for (distance, (b, index, before)) in places.into_iter().enumerate() {
        let Some(p) = parses.sentence(doc, b, index) else {
            continue;
        };
        let found: Vec<Candidate> = salience::candidates(p, before, distance, &referent);
        // Nearer sentences outrank farther ones: the first sentence with a fitting
        // candidate decides.
        match salience::choose(pronoun, &found) {
            Resolution::Unknown => continue,
            Resolution::Ambiguous => return Antecedent::Ambiguous,
            Resolution::To(i) => {
                let c = &found[i];
                let words = p.bytes(c.tokens.start, c.tokens.end - 1);
                return antecedent(&doc.blocks[b].text[words], c.referent, registry, ctx, doc);
            }
        }
    }
    Antecedent::Unknown
}

/// The name and registry id a candidate's words stand for.
fn antecedent(
    words: &str,
    referent: Referent,
    registry: &Registry,
    ctx: &Context,
    doc: &Document,
) -> Antecedent {
    let kind = match referent {
        Referent::Person(_) => EntryKind::Person,
        _ => EntryKind::Organization,
    };
    let clean = words.trim_end_matches("’s").trim_end_matches("'s");
    if let Some(entry) = resolve_name(registry, clean) {
        return Antecedent::To(entry.name.clone(), Some(entry.id.clone()), entry.kind);
    }
    let name = strip_title(clean);
    if !name.contains(' ') {
        if let Some(full) = full_name(ctx, doc, &name) {
            let id = resolve_name(registry, &full).map(|e| e.id.clone());
            return Antecedent::To(full, id, kind);
        }
    }
    Antecedent::To(name, None, kind)
}

/// The full name the article gives a lone surname: among its speakers, else among every
/// name it writes.
fn full_name(ctx: &Context, doc: &Document, surname: &str) -> Option<String> {
    let folded = names::fold(surname);
    ctx.people
        .iter()
        .rev()
        .find(|(full, _, _)| names::surname(full) == Some(folded.as_str()))
        .map(|(_, display, _)| display.clone())
        .or_else(|| ctx.named(doc).get(&folded).cloned())
}

/// What the words of candidate `tokens` name: the registry's kind when it knows them, else
/// what the words say (a title, a given name, an organization's noun, a plural).
fn referent_of(
    doc: &Document,
    registry: &Registry,
    ctx: &Context,
    p: &Parsed,
    tokens: Range<usize>,
) -> Referent {
    let head = tokens
        .clone()
        .rev()
        .find(|&i| p.head(i).is_none_or(|h| !tokens.contains(&h)))
        .unwrap_or(tokens.end - 1);
    let words: Vec<&str> = tokens
        .clone()
        .map(|i| p.tokens[i].text.as_str())
        .filter(|w| w.chars().any(char::is_alphanumeric) && !matches!(*w, "’s" | "'s"))
        .collect();
    let proper = p.upos(head) == crate::language::Upos::Propn;
    let xpos = p.tokens[head].xpos.as_str();
    let plural = matches!(xpos, "NNS" | "NNPS")
        || (xpos.is_empty() && !proper && p.lower(head).ends_with('s'));
    let text = words.join(" ");
    let given = match resolve_name(registry, &text) {
        Some(e) if e.kind == EntryKind::Organization => return Referent::Organization,
        Some(e) if e.kind == EntryKind::Person => first_of_full(&e.name),
        _ => None,
    };
    let given = given.or_else(|| {
        let name = strip_title(&text);
        (proper && !name.contains(' '))
            .then(|| full_name(ctx, doc, &name))
            .flatten()
            .and_then(|full| first_of_full(&full))
    });
    let is_pronoun = LEXICON.pronouns_contain(p.lower(head));
    if is_pronoun {
        return Referent::Other;
    }
    salience::referent_of_words(&words, plural, proper, given.as_deref())
}

/// The given name of a full name of two words or more, after any title.
fn first_of_full(full: &str) -> Option<String> {
    let name = strip_title(full);
    let mut words = name.split_whitespace();
    let first = words.next()?;
    words.next().map(|_| first.to_string())
}
