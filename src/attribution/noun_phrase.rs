//! Speakers are noun phrases. The phrase a parsed head word stands at the centre of (`the
//! country’s senior judges`, `Justice Minister Irene Castellano`, `the Ministry of Justice`),
//! and the guard every step's speaker passes: a name, a pronoun or a description, never an
//! adverbial (`In many respects`, `But on balance`), a prepositional phrase or a date.

use std::ops::Range;

use crate::language::{DepRel, Upos};
use crate::lexicon::speech_acts::SPEECH_ACTS;
use crate::lexicon::LEXICON;

use super::parse::Parsed;

/// Relations of the words a noun phrase keeps with its head: determiners, possessors,
/// titles and the parts of a name, adjectives, numbers.
const IN_PHRASE: &[DepRel] = &[
    DepRel::Det,
    DepRel::DetPredet,
    DepRel::NmodPoss,
    DepRel::Compound,
    DepRel::Flat,
    DepRel::Amod,
    DepRel::Nummod,
];

/// Whether token `i` belongs to the noun phrase headed by `head`: every step up from it is
/// a relation of a noun phrase, or the `’s` and hyphens inside one, or `of` and a name
/// after a name (`the Ministry of Justice`).
fn in_phrase(p: &Parsed, head: usize, i: usize) -> bool {
    let mut at = i;
    for _ in 0..p.len() {
        if at == head {
            return true;
        }
        let Some(h) = p.head(at) else {
            return false;
        };
        let rel = p.deprel(at);
        let kept = IN_PHRASE.contains(&rel)
            || (rel == DepRel::Case && p.deprel(h) == DepRel::NmodPoss)
            || (rel == DepRel::Punct && p.lower(at) == "-")
            || (rel == DepRel::Nmod && names_part(p, head, at, h))
            || (rel == DepRel::Case
                && p.lower(at) == "of"
                && p.deprel(h) == DepRel::Nmod
                && p.head(h).is_some_and(|g| names_part(p, head, h, g)));
        if !kept {
            return false;
        }
        at = h;
    }
    false
}

/// Whether `of` and the name `at` after name `of_word` are part of the phrase headed by
/// `head`: in a title before the name (`Secretary of State Ana Ruiz`) or an organization's
/// name (`the Ministry of Justice`), not after a person's (`Castellano of the Ministry`).
fn names_part(p: &Parsed, head: usize, at: usize, of_word: usize) -> bool {
    p.upos(at) == Upos::Propn
        && p.upos(of_word) == Upos::Propn
        && (at < head || SPEECH_ACTS.organizations.contains(p.lower(of_word)))
}

/// The noun phrase headed by token `head`, as a range of tokens: the run of words on each
/// side of it that belong to it.
pub fn phrase_tokens(p: &Parsed, head: usize) -> Range<usize> {
    let mut first = head;
    while first > 0 && in_phrase(p, head, first - 1) {
        first -= 1;
    }
    let mut last = head;
    while last + 1 < p.len() && in_phrase(p, head, last + 1) {
        last += 1;
    }
    // A name runs on over its capitalized words and connectors (`the Center for Water Law
    // and Policy`), as long as they hang from it.
    if p.upos(head) == Upos::Propn && SPEECH_ACTS.organizations.contains(p.lower(head)) {
        while last + 1 < p.len()
            && within(p, head, last + 1)
            && (p.tokens[last + 1].text.starts_with(char::is_uppercase)
                || LEXICON.name_connectors.contains(p.lower(last + 1)))
        {
            last += 1;
        }
    }
    // A phrase ends on a word, not on the `of` of a name cut short.
    while last > head
        && (matches!(p.upos(last), Upos::Adp | Upos::Punct | Upos::Cconj)
            || LEXICON.name_connectors.contains(p.lower(last)))
    {
        last -= 1;
    }
    first..last + 1
}

/// Whether token `i` hangs from `head`, through any relations.
fn within(p: &Parsed, head: usize, i: usize) -> bool {
    let mut at = i;
    for _ in 0..p.len() {
        if at == head {
            return true;
        }
        match p.head(at) {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// The bytes of the noun phrase headed by token `head`, when it is one: its head a noun, a
/// proper noun or a pronoun, and not a date.
pub fn phrase(p: &Parsed, head: usize) -> Option<Range<usize>> {
    if !matches!(p.upos(head), Upos::Noun | Upos::Propn | Upos::Pron) || dated(p.lower(head)) {
        return None;
    }
    let tokens = phrase_tokens(p, head);
    Some(p.bytes(tokens.start, tokens.end - 1))
}

fn dated(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    LEXICON.months.contains(word)
        || SPEECH_ACTS.weekdays.contains(word)
        || (word.chars().any(|c| c.is_ascii_digit())
            && word.chars().all(|c| c.is_ascii_digit() || c == 's'))
}

/// The speaker's words at `range` of `text`, if they are a noun phrase; a conjunction or an
/// adverb before a name is left out (`and CEO Ana Ruiz`). With a parse of the sentence
/// that holds them, the head word's part of speech decides; without one, the first word
/// and whether the words are a date.
pub fn guard(p: Option<&Parsed>, text: &str, range: Range<usize>) -> Option<Range<usize>> {
    match p.map(|p| (p, p.tokens_within(&range))) {
        Some((p, tokens)) if !tokens.is_empty() && covers(p, &tokens, &range) => {
            parsed_guard(p, tokens)
        }
        _ => lexical_guard(text, range),
    }
}

/// Whether the tokens start and end where the speaker's words do (a parse of another
/// sentence, or a tokenization that split them otherwise, says nothing of them).
fn covers(p: &Parsed, tokens: &Range<usize>, range: &Range<usize>) -> bool {
    p.tokens[tokens.start].span.start == range.start
        && p.tokens[tokens.end - 1].span.end == range.end
}

fn parsed_guard(p: &Parsed, tokens: Range<usize>) -> Option<Range<usize>> {
    let mut first = tokens.start;
    // `and CEO Ana Ruiz`, `Even CNN`: a conjunction or an adverb before the phrase.
    while first + 1 < tokens.end && matches!(p.upos(first), Upos::Cconj | Upos::Adv) {
        first += 1;
    }
    let words = first..tokens.end;
    // The phrase's head: the word whose head lies outside it (the last, if several).
    let head = words
        .clone()
        .rev()
        .find(|&i| p.head(i).is_none_or(|h| !words.contains(&h)))?;
    let title = title_opens(p, &words);
    let opens_adverbial = matches!(p.upos(first), Upos::Adp | Upos::Sconj | Upos::Adv);
    let nominal = matches!(p.upos(head), Upos::Noun | Upos::Propn | Upos::Pron);
    if !nominal || (opens_adverbial && !title) || dated(p.lower(head)) {
        return None;
    }
    if words
        .clone()
        .all(|i| dated(p.lower(i)) || p.upos(i) == Upos::Punct)
    {
        return None;
    }
    Some(p.bytes(first, words.end - 1))
}

/// Whether a title opens the words (`Under Secretary of War Ana Ruiz`).
fn title_opens(p: &Parsed, words: &Range<usize>) -> bool {
    LEXICON.titles.iter().any(|t| {
        t.len() <= words.len()
            && t.iter()
                .enumerate()
                .all(|(k, w)| p.lower(words.start + k) == w)
    })
}

/// Words before a name that join it to the sentence (`and CEO Ana Ruiz`, `Even CNN`).
const JOINERS: &[&str] = &["and", "or", "but", "even", "also"];

fn lexical_guard(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let words = text.get(range.clone())?;
    let first = words.split_whitespace().next()?;
    let first_lower = first
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let rest = words[first.len()..].trim_start();
    if JOINERS.contains(&first_lower.as_str()) && rest.starts_with(char::is_uppercase) {
        return lexical_guard(text, range.end - rest.len()..range.end);
    }
    let lowered: Vec<String> = words.split_whitespace().map(|w| w.to_lowercase()).collect();
    let title = LEXICON
        .titles
        .iter()
        .any(|t| t.len() <= lowered.len() && t.iter().zip(&lowered).all(|(t, w)| t == w));
    if SPEECH_ACTS.not_noun_phrase_openers.contains(&first_lower) && !title {
        return None;
    }
    let date = words.split_whitespace().all(|w| {
        dated(
            &w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase(),
        )
    });
    (!date).then_some(range)
}

#[cfg(test)]
mod tests {
    use super::super::parse::sentence;
    use super::*;

    #[test]
    fn a_phrase_holds_its_determiners_possessors_and_titles() {
        // the country’s senior judges have called it
        let (text, p) = sentence(
            "the DET 2 det
             country NOUN 5 nmod:poss
             ’s PART 2 case
             senior ADJ 5 amod
             judges NOUN 7 nsubj
             have AUX 7 aux
             called VERB 0 root",
        );
        assert_eq!(
            &text[phrase(&p, 4).unwrap()],
            "the country ’s senior judges"
        );
        // Justice Minister Irene Castellano of the Ministry of Justice said
        let (text, p) = sentence(
            "Justice PROPN 4 compound
             Minister PROPN 4 compound
             Irene PROPN 4 compound
             Castellano PROPN 9 nsubj
             of ADP 8 case
             the DET 8 det
             Ministry PROPN 4 nmod
             Justice PROPN 7 nmod
             said VERB 0 root",
        );
        assert_eq!(
            &text[phrase(&p, 3).unwrap()],
            "Justice Minister Irene Castellano"
        );
    }

    #[test]
    fn a_name_holds_the_of_in_it() {
        // the Ministry of Justice said
        let (text, p) = sentence(
            "the DET 2 det
             Ministry PROPN 5 nsubj
             of ADP 4 case
             Justice PROPN 2 nmod
             said VERB 0 root",
        );
        assert_eq!(&text[phrase(&p, 1).unwrap()], "the Ministry of Justice");
    }

    #[test]
    fn the_guard_keeps_noun_phrases_and_drops_adverbials_and_dates() {
        // But on balance , the Bar Council said
        let (text, p) = sentence(
            "But CCONJ 8 cc
             on ADP 3 case
             balance NOUN 8 obl
             , PUNCT 8 punct
             the DET 7 det
             Bar PROPN 7 compound
             Council PROPN 8 nsubj
             said VERB 0 root",
        );
        let span = |a: &str| {
            let at = text.find(a).unwrap();
            at..at + a.len()
        };
        assert_eq!(guard(Some(&p), &text, span("But on balance")), None);
        assert_eq!(
            guard(Some(&p), &text, span("the Bar Council")),
            Some(span("the Bar Council"))
        );
        // Without a parse: the first word and dates decide.
        assert_eq!(guard(None, "In 2011", 0..7), None);
        assert_eq!(guard(None, "Friday", 0..6), None);
        assert_eq!(guard(None, "May 2020", 0..8), None);
        assert_eq!(guard(None, "Theresa May", 0..11), Some(0..11));
        assert_eq!(guard(None, "Under Secretary Ana Ruiz", 0..24), Some(0..24));
        assert_eq!(guard(None, "and CEO Ana Ruiz", 0..16), Some(4..16));
    }

    #[test]
    fn a_conjunction_before_a_name_is_left_out() {
        // and CEO Ana Ruiz
        let (text, p) = sentence(
            "and CCONJ 4 cc
             CEO PROPN 4 compound
             Ana PROPN 4 compound
             Ruiz PROPN 0 root",
        );
        assert_eq!(
            guard(Some(&p), &text, 0..text.len()).map(|r| &text[r]),
            Some("CEO Ana Ruiz")
        );
    }
}
