//! Step: the speaker in the sentence before the opening mark (`Ortega said: “…`,
//! `According to Ortega, “…`), a document or a colon lead-in's subject, a fragment's subject.

use std::ops::Range;

use super::kinds::Context;
use super::labels::label_before;
use super::sieve::{Around, Found};
use super::words::{
    capitalized, ends_clause, has_sentence_verb, is_title_word, joins_name, phrase_after,
    sentence_start, subject_before, verb_at, words, Word, MAX_NAME_WORDS, NOT_NAME_STARTS,
};
use crate::document::{Document, ProseBlock};
use crate::lexicon::LEXICON;
use crate::quotes::QuoteKind;
use crate::registry::names;

/// The speaker in the sentence before an opening mark.
pub(super) fn before_quote(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
    let text = &block.text;
    let start = sentence_start(text, to);
    if let Some((label, _)) = label_before(block, to) {
        return Some(label);
    }
    let ws = words(text, start..to);
    if let Some(speaker) = cue_before(&ws) {
        return Some(speaker);
    }
    // `He once said, quote, “…` / `He told me, and I quote, “…`: step over the opener.
    let opener = LEXICON.quote_openers.iter().find(|o| {
        ws.len() > o.len()
            && ws[ws.len() - o.len()..]
                .iter()
                .zip(o.iter())
                .all(|(w, o)| w.lower == *o)
    });
    let ws = match opener {
        Some(o) => &ws[..ws.len() - o.len()],
        None => &ws[..],
    };
    // `Ortega said, “…` / `Mayor Ilse Brandt told reporters: “…` / `Ortega said that “…`.
    // The verb stands next to the quotation; a verb further back is some other action.
    verb_before(ws)
}

/// A cue in the sentence before an opening mark, with no speech verb needed.
pub(super) fn cue_before(ws: &[Word]) -> Option<Range<usize>> {
    // `According to Ortega, “…` / `According to a 2023 report, the basin is “…`
    for i in 0..ws.len() {
        for cue in &LEXICON.according_to_words {
            let n = cue.len();
            if i + n < ws.len() && ws[i..i + n].iter().zip(cue).all(|(w, c)| w.lower == *c) {
                return phrase_after(&ws[i + n..]);
            }
        }
    }
    // `In Ortega’s words, “…` / `As Voss put it, “…`
    for (pre, post) in &LEXICON.possessive_cue_words {
        let possessive = post.first().is_some_and(|p| p.starts_with("'s"));
        for i in 0..ws.len() {
            let matches_pre = pre
                .iter()
                .enumerate()
                .all(|(k, p)| ws.get(i + k).is_some_and(|w| w.lower == *p));
            if !matches_pre {
                continue;
            }
            let name_start = i + pre.len();
            // The name runs to the word that carries `’s`, or up to the words after it.
            for name_end in name_start + 1..(name_start + MAX_NAME_WORDS).min(ws.len() + 1) {
                let last = &ws[name_end - 1].lower;
                let fits = if possessive {
                    last.ends_with("'s")
                        && post[1..]
                            .iter()
                            .enumerate()
                            .all(|(k, p)| ws.get(name_end + k).is_some_and(|w| w.lower == *p))
                } else {
                    post.iter()
                        .enumerate()
                        .all(|(k, p)| ws.get(name_end + k).is_some_and(|w| w.lower == *p))
                };
                // Tested first: a cue that opens with the name (`{name}'s words`) is tried
                // at every word, and a paragraph of thousands of quotations must stay cheap.
                if !fits {
                    continue;
                }
                // Past four words only a name with its title goes on (`As Jacob Parcell,
                // MobileGov community lead put it`), not a clause (`as the momentum builds,
                // it becomes …,” Contreras said`).
                let long = name_end - name_start > 4;
                let clause = long
                    && ws[name_start..name_end]
                        .iter()
                        .filter(|w| ends_clause(w))
                        .count()
                        > 1;
                if !long || (capitalized(&ws[name_start]) && !clause) {
                    // `As Jacob Parcell, MobileGov community lead, put it`: the name ends at
                    // its comma.
                    let end = (name_start..name_end - 1)
                        .find(|&k| ws[k].trail.starts_with(','))
                        .map_or(name_end - 1, |k| k);
                    return Some(ws[name_start].range.start..ws[end].range.end);
                }
            }
        }
    }
    None
}

/// The subject of the last speech verb in the sentence before an opening mark.
pub(super) fn verb_before(ws: &[Word]) -> Option<Range<usize>> {
    let verb = (0..ws.len()).rev().find(|&i| verb_at(ws, i))?;
    // `Said Mike, “…`: the verb first in its clause, the speaker after it, then the
    // quotation (not `David Fern explains PWAs this way: “…`).
    let clause_start = verb == 0 || ends_clause(&ws[verb - 1]);
    if clause_start
        && verb + 1 < ws.len()
        && capitalized(&ws[verb + 1])
        && ws.last().is_some_and(|w| w.trail.starts_with([',', ':']))
    {
        return phrase_after(&ws[verb + 1..]);
    }
    subject_before(ws, verb)
}

/// Words a document's subject may run to before its noun (`The 1961 interstate compact`).
pub(super) const MAX_DOCUMENT_SUBJECT_WORDS: usize = 5;

/// A document at the head of the sentence that holds a quotation, with no speech verb:
/// `The compact guarantees each state a share “in proportion to historic beneficial use,”`
/// quotes the compact.
pub(super) fn document_subject(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
    let text = &block.text;
    let ws = words(text, sentence_start(text, to)..to);
    let first = ws.first()?;
    if !LEXICON.determiners.contains(first.low()) && !LEXICON.noun_markers.contains(first.low()) {
        return None;
    }
    let noun = (1..ws.len().min(MAX_DOCUMENT_SUBJECT_WORDS + 1))
        .take_while(|&i| !ends_clause(&ws[i - 1]))
        .find(|&i| LEXICON.statement_nouns.contains(ws[i].low()))?;
    // The noun is the subject only if a verb follows it, not a comma, the quotation or
    // more of a name (`The Tessaly Compact Commission`).
    (noun + 1 < ws.len() && !ends_clause(&ws[noun]) && !capitalized(&ws[noun + 1]))
        .then(|| first.range.start..ws[noun].range.end)
}

/// The person a sentence that ends with a colon before the quotation opens with, whatever
/// its verb: `Law defined a “sweet spot” for the game: “Situations where …”`. One word is a
/// name only when the article names that person elsewhere (`Becca Law`).
pub(super) fn colon_subject(
    doc: &Document,
    block: &ProseBlock,
    to: usize,
    ctx: &Context,
) -> Option<Range<usize>> {
    let text = &block.text;
    if !text[..to].trim_end().ends_with(':') {
        return None;
    }
    let ws = words(text, sentence_start(text, to)..to);
    let first = ws.first()?;
    if NOT_NAME_STARTS.contains(&first.low()) || LEXICON.not_speakers.contains(first.low()) {
        return None;
    }
    // The name runs over capitals and connectors (`National Association of Counties`), to a
    // lowercase verb or to its own colon (`Ana Ruiz: “I told them: “…”` quotes inside a
    // label's quotation).
    let mut run = 0;
    while run < ws.len() && (capitalized(&ws[run]) || joins_name(&ws, run)) {
        run += 1;
        if ends_clause(&ws[run - 1]) {
            if !ws[run - 1].trail.contains(':') {
                return None;
            }
            break;
        }
    }
    // `Rep. Mia Love (R-UT):` — the note in parentheses is no part of the name.
    while run > 1 && text[..ws[run - 1].range.start].ends_with('(') {
        run -= 1;
    }
    if run == 0 || run > MAX_NAME_WORDS {
        return None;
    }
    if ws[..run].iter().all(is_title_word) || has_sentence_verb(&ws[..run]) {
        return None;
    }
    let known = || {
        let surname = names::fold(ws[run - 1].text);
        ctx.people
            .iter()
            .any(|(full, _, _)| names::surname(full) == Some(surname.as_str()))
            || ctx.named(doc).contains_key(&surname)
    };
    (run >= 2 || known()).then(|| first.range.start..ws[run - 1].range.end)
}

/// A name just before a fragment that finishes its sentence's verb phrase: `The
/// Palestinian Authority “welcomes the efforts …”`, `the U.S. Intelligence Community has
/// “coalesced around two scenarios”`. The quoted words are the named one's.
pub(super) fn subject_of_fragment(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
    let text = &block.text;
    let ws = words(text, sentence_start(text, to)..to);
    let mut end = ws.len();
    while end > 0
        && (LEXICON.auxiliaries.contains(ws[end - 1].low())
            || LEXICON.passive_auxiliaries.contains(ws[end - 1].low())
            || LEXICON.adverbs.contains(ws[end - 1].low()))
        && !ends_clause(&ws[end - 1])
    {
        end -= 1;
    }
    let last = ws[..end].last()?;
    // The quotation follows the name with nothing between (`Ortega’s “plan”` is a
    // possessive; `said Ortega, “…` has its own verb).
    if !capitalized(last) || !last.trail.is_empty() || last.lower.ends_with("'s") {
        return None;
    }
    let mut start = end - 1;
    while start > 0
        && !ends_clause(&ws[start - 1])
        && (capitalized(&ws[start - 1]) || joins_name(&ws, start - 1))
    {
        start -= 1;
    }
    // `the U.S. Intelligence Community`: a leading article belongs to it (`The` opening the
    // sentence is in the run already).
    if start > 0 && ws[start - 1].low() == "the" && !ends_clause(&ws[start - 1]) {
        start -= 1;
    }
    let head = &ws[start];
    // Not after `claims that`: a clause after a verb reports someone else's words.
    let opens = start == 0
        || ends_clause(&ws[start - 1])
        || ["and", "but", "while", "because"].contains(&ws[start - 1].low());
    let name = &ws[start..end];
    let words_of_a_name = name
        .iter()
        .skip_while(|w| w.low() == "the")
        .filter(|w| capitalized(w))
        .all(|w| !NOT_NAME_STARTS.contains(&w.low()));
    // One word opening a sentence is a name only as an acronym (`NPR`, not `Software`).
    let acronym = |w: &Word| {
        w.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.text
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    let one_word = name.len() == 1 && start == 0 && !acronym(head);
    (opens && words_of_a_name && !one_word).then_some(head.range.start..last.range.end)
}

/// Sieve step for a term: only a cue that leads straight into the quotation (`According to
/// the harbor master, “No.”`, `In Ortega’s words, “never.”`), not one that opens a sentence
/// the term merely stands in.
pub(super) fn cue_leading_in(at: &Around, _: &Context) -> Found {
    let start = sentence_start(&at.ob.text, at.open.prose.start);
    let ws = words(&at.ob.text, start..at.open.prose.start);
    let leads_in = ws.last().is_some_and(|w| w.trail.starts_with([',', ':']));
    at.before(cue_before(&ws).filter(|_| leads_in))
}

/// Sieve step: the speaker in the sentence before the opening mark.
pub(super) fn sentence_before(at: &Around, _: &Context) -> Found {
    at.before(before_quote(at.ob, at.open.prose.start))
}

/// Sieve step: a document at the head of the sentence.
pub(super) fn document_at_head(at: &Around, _: &Context) -> Found {
    at.before(document_subject(at.ob, at.open.prose.start))
}

/// Sieve step: the person a colon lead-in opens with.
pub(super) fn colon_lead_in(at: &Around, ctx: &Context) -> Found {
    at.before(colon_subject(at.doc, at.ob, at.open.prose.start, ctx))
}

/// Sieve step: the name before a fragment that finishes its sentence's verb phrase.
pub(super) fn fragment_subject(at: &Around, _: &Context) -> Found {
    let verb_first = at.quote.text.trim_start().starts_with(char::is_lowercase);
    at.before(
        (at.quote.kind == QuoteKind::Fragment && verb_first)
            .then(|| subject_of_fragment(at.ob, at.open.prose.start))
            .flatten(),
    )
}
