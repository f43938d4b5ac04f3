//! Step: the speaker after the closing mark (`…,” Ortega said`, `…,” according to Ortega`,
//! `…” — Ortega`).

use std::ops::Range;

use super::kinds::Context;
use super::sieve::{Around, Found};
use super::words::{
    according_to_first, capitalized, ends_clause, phrase_after, sentence_end, subject_before, tidy,
    verb_at, words, Word,
};
use crate::lexicon::given_names::gender_of_given_name;
use crate::lexicon::LEXICON;

/// The speaker in the words after a closing mark, up to the end of the sentence (or a
/// citation in brackets: `[Tweet, 3/11/22]`). `closes_sentence`: the quoted words end with
/// a period, question or exclamation mark, so a capitalized word after the closing mark
/// starts the next sentence, which names this quotation's speaker only when it is a bare
/// attribution (`“… in May.” Ortega said.`), not its own statement or the lead-in to the
/// next quotation (`“…disaster.” He noted that, “…`).
pub(super) fn after_quote(text: &str, from: usize, closes_sentence: bool) -> Option<Range<usize>> {
    let end = sentence_end(text, from);
    let end = text[from..end].find('[').map_or(end, |i| from + i);
    let tail = &text[from..end];
    let trimmed =
        tail.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '*' | '_'));
    // `[Tweet, 3/11/22]`, `(Video)` right after the quotation cite it; a parenthesis after
    // a word is an aside (`Rep. Ana Voss (D-Calif.) said`), stepped over.
    if trimmed.starts_with('(') {
        return None;
    }
    let dash = trimmed.starts_with(['—', '–']) || trimmed.starts_with("--");
    let ws = without_asides(text, words(text, from..end));
    if ws.is_empty() {
        return None;
    }
    if dash {
        // `” — USDA Apprentice`: the dash set off by spaces is a word of its own.
        // A credit names someone (`” — Tim Hudak`); `” — he meant it —` and `“fabs” — these
        // factories` go on with the sentence.
        let name = ws
            .iter()
            .position(|w| w.text.chars().any(char::is_alphanumeric))?;
        if !capitalized(&ws[name]) || LEXICON.pronouns_contain(ws[name].low()) {
            return None;
        }
        return phrase_after(&ws[name..]);
    }
    let closer = LEXICON
        .quote_closers
        .iter()
        .any(|c| ws.len() >= c.len() && ws.iter().zip(c).all(|(w, c)| w.lower == *c));
    if closer {
        return None;
    }
    if closes_sentence && capitalized(&ws[0]) {
        let verb = (0..ws.len().min(5)).find(|&i| verb_at(&ws, i))?;
        let ends_sentence = ws.last().is_some_and(|w| w.trail.contains(['.', '!', '?']));
        if verb == 0 || ws.len() > verb + 4 || !ends_sentence {
            return None;
        }
    }
    if let Some(speaker) = according_to_first(&ws) {
        return Some(speaker);
    }
    let first = ws[0].low();
    // `…,” said Ortega`; a capitalized verb here opens a name (`…” Press Secretary …`).
    if LEXICON.is_speech_verb(first) && !capitalized(&ws[0]) {
        // `…,” urging his supporters to …`: a participle goes on about the subject before
        // the quotation; the words after it are its object.
        if first.ends_with("ing") {
            return None;
        }
        let speaker = phrase_after(&ws[1..])?;
        return Some(name_after_title(&ws, &speaker).unwrap_or(speaker));
    }
    // `…,” and said`: the subject stands before the quotation.
    if ["and", "but", "or", "then"].contains(&first) {
        return None;
    }
    // `Ortega said`, `a 2019 report states`, `she added`: a subject, then the verb.
    let mut verb = (0..ws.len().min(18)).find(|&i| verb_at(&ws, i))?;
    // `report states`, `post says`: the first is a noun.
    while verb + 1 < ws.len() && verb_at(&ws, verb + 1) && !ends_clause(&ws[verb]) {
        verb += 1;
    }
    if verb == 0 {
        return None;
    }
    // `an “amazing” response, said Anne Henderson.`: the credit closes the sentence.
    // (`Ana Voss, a critic of Su, told POLITICO` is a name with an aside, below.)
    if !capitalized(&ws[0])
        && ws[verb - 1].trail.starts_with(',')
        && !capitalized(&ws[verb])
        && !ws[verb].lower.ends_with("ing")
        && ws.get(verb + 1).is_some_and(capitalized)
    {
        // The name ends the sentence or an aside follows it (`, new media manager at
        // PBGC`); `…, inform American travelers of risks` is no credit.
        let speaker = phrase_after(&ws[verb + 1..])?;
        let last = ws.iter().find(|w| w.range.end == speaker.end)?;
        return (last.trail.starts_with([',', '.', '!', '?'])
            || ws.last().is_some_and(|w| w.range.end == speaker.end))
        .then_some(speaker);
    }
    if let Some(comma) = ws[..verb].iter().position(ends_clause) {
        // `Tomas Achterberg, the state water engineer, said`: a name, then an aside set off
        // by commas, then the verb.
        let aside_closes = ws[verb - 1].trail.starts_with(',');
        if comma + 1 < verb
            && aside_closes
            && capitalized(&ws[0])
            && ws[comma].trail.starts_with(',')
        {
            return tidy(&ws, 0, comma + 1);
        }
        return None;
    }
    if verb > 9 {
        return None;
    }
    subject_before(&ws, verb)
}

/// `said NAM Vice President of Policy, Charles Crain.`: a title set off by a comma from the
/// name that ends the sentence; the name speaks (as in apposition). `speaker` is the title's
/// range in `ws`.
fn name_after_title(ws: &[Word], speaker: &Range<usize>) -> Option<Range<usize>> {
    let last = ws.iter().position(|w| w.range.end == speaker.end)?;
    // The words before the comma are a title with no name in them (`Dr. Sean Khozin,
    // Director of …` is a name, then its title), and a given name opens the name after it.
    // (`NAM`, an acronym, is no given name, whatever the list says.)
    let given = |w: &Word| {
        let acronym = w
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        !acronym && gender_of_given_name(w.text).is_some()
    };
    let titled = ws[..=last]
        .iter()
        .any(|w| LEXICON.is_title_word(w.low().trim_end_matches(',')));
    if !titled
        || ws[..=last].iter().any(given)
        || !ws[last].trail.starts_with(',')
        || !ws.get(last + 1).is_some_and(given)
    {
        return None;
    }
    let name = phrase_after(&ws[last + 1..])?;
    let ends_sentence = ws
        .last()
        .is_some_and(|w| w.range.end == name.end && w.trail.starts_with(['.', '!', '?']));
    let words = ws.iter().filter(|w| w.range.start >= name.start).count();
    (ends_sentence && (2..=4).contains(&words)).then_some(name)
}

/// `ws` without the words inside parentheses after a name (`Rep. Ana Voss (D-Calif.), who
/// …`): the word before the aside takes the punctuation after it, so `Voss,` still ends a
/// clause.
pub(super) fn without_asides<'t>(text: &'t str, ws: Vec<Word<'t>>) -> Vec<Word<'t>> {
    let mut out: Vec<Word<'t>> = Vec::with_capacity(ws.len());
    let mut inside = false;
    for w in ws {
        let opens = text[..w.range.start].ends_with('(') && out.last().is_some_and(capitalized);
        if !inside && !opens {
            out.push(w);
            continue;
        }
        inside = true;
        if let Some(close) = w.trail.find(')') {
            inside = false;
            if let Some(prev) = out.last_mut() {
                prev.trail = &w.trail[close + 1..];
            }
        }
    }
    out
}

/// Sieve step: the speaker after the closing mark.
pub(super) fn after_the_quote(at: &Around, _: &Context) -> Found {
    at.after(after_quote(
        &at.cb.text,
        at.close.prose.end,
        at.closes_sentence,
    ))
}

/// Sieve step for a term: only a cue right after it (`“No,” according to the harbor
/// master`).
pub(super) fn cue_after(at: &Around, _: &Context) -> Found {
    let end = sentence_end(&at.cb.text, at.close.prose.end);
    at.after(according_to_first(&words(
        &at.cb.text,
        at.close.prose.end..end,
    )))
}
