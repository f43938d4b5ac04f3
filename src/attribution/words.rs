//! The words of prose and the clauses around a quotation: sentences, subjects, speech
//! verbs, the shapes of names. Every step of the sieve reads the text through these.

use std::borrow::Cow;
use std::ops::Range;

use crate::lexicon::LEXICON;

/// A word of prose: its bytes without surrounding punctuation, and the punctuation after it.
#[derive(Clone, Debug)]
pub(super) struct Word<'t> {
    pub(super) range: Range<usize>,
    pub(super) text: &'t str,
    /// `text` lowercased, with ’ as ': computed once, compared often; borrowed when the
    /// word already is (most words are, and a corpus has millions).
    pub(super) lower: Cow<'t, str>,
    pub(super) trail: &'t str,
}

impl Word<'_> {
    pub(super) fn low(&self) -> &str {
        &self.lower
    }
}

pub(super) fn is_edge_punct(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '\'' | '’' | '-' | '&' | '@' | '#' | '\u{FFFC}')
}

pub(super) fn words(text: &str, range: Range<usize>) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    if range.start >= range.end || range.end > text.len() {
        return out;
    }
    let slice = &text[range.clone()];
    let mut offset = range.start;
    for piece in slice.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += piece.len();
        let raw = piece.trim_end();
        let lead = raw.len() - raw.trim_start_matches(is_edge_punct).len();
        let core = raw[lead..].trim_end_matches(is_edge_punct);
        // Keep the period of an abbreviation ("Sen.", "U.S.") inside the word.
        let core_end = lead + core.len();
        let (core, core_end) = if raw[core_end..].starts_with('.') && LEXICON.is_abbreviation(core)
        {
            (&raw[lead..core_end + 1], core_end + 1)
        } else {
            (core, core_end)
        };
        if core.is_empty() {
            // A dash set off by spaces (`reservoirs — a practice`) ends a clause: keep it as
            // a word so the speaker search stops there.
            if let Some(dash) = raw.find(['—', '–']) {
                let len = raw[dash..].chars().next().map_or(1, char::len_utf8);
                out.push(Word {
                    range: start + dash..start + dash + len,
                    text: &raw[dash..dash + len],
                    lower: Cow::Borrowed(&raw[dash..dash + len]),
                    trail: &raw[dash..dash + len],
                });
            }
            continue;
        }
        out.push(Word {
            range: start + lead..start + core_end,
            text: core,
            lower: lower_word(core),
            trail: &raw[core_end..],
        });
    }
    out
}

pub(super) fn lower(s: &str) -> String {
    lower_word(s).into_owned()
}

/// `s` lowercased with ’ as ', borrowed when it already is.
pub(super) fn lower_word(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        };
    }
    let lowered = s.to_lowercase();
    if lowered.contains('’') {
        Cow::Owned(lowered.replace('’', "'"))
    } else {
        Cow::Owned(lowered)
    }
}

pub(super) fn is_verb(w: &Word) -> bool {
    LEXICON.speech_verbs.contains(w.low())
}

/// Whether `words[i]` is a speech verb here: not a noun after a determiner (`the state`),
/// and not a word of a name or title (`White House Press Secretary`, `the United States`,
/// `Jill Biden Continues`): mid-clause, a capitalized word is part of a proper noun.
pub(super) fn verb_at(words: &[Word], i: usize) -> bool {
    if !is_verb(&words[i]) {
        return false;
    }
    let Some(prev) = i.checked_sub(1).map(|p| &words[p]) else {
        return true;
    };
    let names_a_thing = capitalized(&words[i]) && !ends_clause(prev);
    !LEXICON.noun_markers.contains(prev.low()) && !names_a_thing && !document_noun(words, i)
}

/// Words a determiner may stand before a noun (`the 2019 commission report`).
pub(super) const NOUN_PHRASE_WORDS: usize = 3;

/// Whether `words[i]`, a speech verb that also names a document (`report`, `post`), ends a
/// noun phrase: `The commission report gives …`, `a 2019 report`.
pub(super) fn document_noun(words: &[Word], i: usize) -> bool {
    LEXICON.statement_nouns.contains(words[i].low())
        && (i.saturating_sub(NOUN_PHRASE_WORDS)..i)
            .rev()
            .take_while(|&j| !ends_clause(&words[j]))
            .any(|j| LEXICON.noun_markers.contains(words[j].low()))
}

pub(super) fn is_connector(w: &Word) -> bool {
    LEXICON.name_connectors.contains(w.low())
}

/// Lowercase words that belong inside names (`Ana de la Cruz`, `Ludwig van Beethoven`).
pub(super) const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "der", "den", "van", "von", "da", "dos", "das", "di", "du", "le", "bin",
    "al", "y",
];

/// How many words open `ws` that join its sentence to the one before (`But Dina Li, an IT
/// specialist, offered`, `So I said`): no part of a speaker.
pub(super) fn past_conjunction(ws: &[Word]) -> usize {
    usize::from(
        ws.len() > 1 && ["and", "but", "so", "yet"].contains(&ws[0].low()) && capitalized(&ws[1]),
    )
}

/// A subject `words[start..end]` tidied: no clause words at its end, and a name stops at
/// its first lowercase word (`Siqueira paused when` → `Siqueira`).
pub(super) fn tidy(words: &[Word], mut start: usize, mut end: usize) -> Option<Range<usize>> {
    while end > start && LEXICON.clause_words.contains(words[end - 1].low()) {
        end -= 1;
    }
    if end > start + 1 {
        start += past_conjunction(&words[start..end]);
    }
    // `Having a high-level executive say`: a gerund opens the phrase, the speaker is the
    // description after it.
    if end > start + 1
        && capitalized(&words[start])
        && words[start].lower.ends_with("ing")
        && ["a", "an"].contains(&words[start + 1].low())
    {
        start += 1;
    }
    let first = words.get(start).map_or("", |w| w.low());
    let description = LEXICON.determiners.contains(first) || LEXICON.pronouns_contain(first);
    if end > start && capitalized(&words[start]) && !description {
        if let Some(cut) = (start + 1..end).find(|&i| {
            let w = &words[i].lower;
            // `American Federation of Teachers President Randi Weingarten`, `Coordinator
            // for the Middle East`: connectors, then more of the name.
            let joins = is_connector(&words[i])
                && !ends_clause(&words[i - 1])
                && (i + 1..end)
                    .find(|&j| !is_connector(&words[j]))
                    .is_some_and(|j| capitalized(&words[j]));
            !capitalized(&words[i])
                && !joins
                && !NAME_PARTICLES.contains(&&**w)
                && !w.chars().all(|c| c.is_ascii_digit())
        }) {
            end = cut;
        }
    }
    (end > start).then(|| words[start].range.start..words[end - 1].range.end)
}

pub(super) fn ends_clause(w: &Word) -> bool {
    w.trail
        .contains([',', ';', ':', '.', '!', '?', '—', '–', ')'])
}

pub(super) fn capitalized(w: &Word) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `words[i]` is a connector inside a name or title, between capitalized words:
/// `Secretary of State and Acting National Security Advisor Marco Rubio`, `National
/// Museum of African American History and Culture`.
pub(super) fn joins_name(words: &[Word], i: usize) -> bool {
    i > 0
        && is_connector(&words[i])
        && capitalized(&words[i - 1])
        && !ends_clause(&words[i - 1])
        && words.get(i + 1).is_some_and(capitalized)
}

/// The speaker's words starting at `words[0]` (after `said`, `according to`, a dash).
pub(super) fn phrase_after<'t>(words: &[Word<'t>]) -> Option<Range<usize>> {
    let first = words.first()?;
    // `said he had cut …`: a pronoun is the whole speaker; so is a user handle
    // (`posted the_moongirl under her app rating`).
    if LEXICON.pronouns_contain(&first.lower) || first.text.contains(['_', '@']) {
        return Some(first.range.clone());
    }
    let named = capitalized(first);
    let mut end = 0;
    for (i, w) in words.iter().enumerate().take(12) {
        if i > 0 && named && LEXICON.clause_words.contains(w.low()) && !joins_name(words, i) {
            break;
        }

        end = i + 1;
        if ends_clause(w) {
            break;
        }
    }
    (end > 0).then(|| first.range.start..words[end - 1].range.end)
}

/// The speaker's words ending just before `words[verb]` (`Ortega said`, `a report states`).
pub(super) fn subject_before(words: &[Word], verb: usize) -> Option<Range<usize>> {
    let mut end = verb;
    while end > 0
        && (LEXICON.adverbs.contains(words[end - 1].low())
            || LEXICON.auxiliaries.contains(words[end - 1].low()))
        && !ends_clause(&words[end - 1])
    {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    // `One of the questions we get asked is: “…`, `it is called “…`: passive, so the
    // subject is not the speaker (`she was saying` is not passive).
    if LEXICON.passive_auxiliaries.contains(words[end - 1].low())
        && !words[verb].lower.ends_with("ing")
    {
        return None;
    }
    // `Ortega, in a statement, called …`: step over a parenthetical set off by commas.
    // `Benjamin Franklin, famously answered`: with no comma before, the words before the
    // comma are the subject (an adverb was stepped over).
    if ends_clause(&words[end - 1]) && words[end - 1].trail.starts_with(',') {
        match (0..end - 1)
            .rev()
            .find(|&i| words[i].trail.starts_with(','))
        {
            Some(open) => end = open + 1,
            None if end < verb && capitalized(&words[end - 1]) => {}
            None => return None,
        }
    } else if ends_clause(&words[end - 1]) {
        return None;
    }
    let mut start = end;
    while start > 0 && end - start < MAX_NAME_WORDS {
        let w = &words[start - 1];
        // Past a few words only a name goes on (`The National Museum of African American
        // History and Culture has proclaimed`); a clause stops.
        let in_name = capitalized(w) || is_connector(w);
        if end - start >= MAX_SUBJECT_WORDS && !in_name {
            break;
        }
        if start < end && ends_clause(w) {
            break;
        }
        if start < end && LEXICON.clause_words.contains(w.low()) && !joins_name(words, start - 1) {
            break;
        }
        start -= 1;
    }
    tidy(words, start, end)
}

/// Words a subject runs to before the verb, unless they are a name.
pub(super) const MAX_SUBJECT_WORDS: usize = 9;

/// Where the sentence holding `at` ends (or the block, or the next opening quotation).
pub(super) fn sentence_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    for (j, c) in rest.char_indices() {
        if matches!(c, '“' | '"' | '«' | '„') && j > 0 {
            return from + j;
        }
        if matches!(c, '.' | '!' | '?') {
            let after = &rest[j + 1..];
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                let word: String = rest[..j]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '.')
                    .collect();
                let word: String = word.chars().rev().collect();
                if !LEXICON.is_abbreviation(&word) {
                    return from + j + 1;
                }
            }
        }
        if c == '\n'
            && rest[j + 1..]
                .trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
                .starts_with('\n')
        {
            return from + j;
        }
    }
    text.len()
}

/// How far back a step reads for a lead-in, a subject or a name: far more than any real
/// sentence or two, and a bound, so that a paragraph of thousands of quotations is read in
/// time linear in its length (issue 17), not once per quotation from its start.
pub(super) const LOOK_BACK_BYTES: usize = 1500;

/// The first word start at most [`LOOK_BACK_BYTES`] before `to` (0 when the paragraph is
/// shorter than that).
pub(super) fn look_back_start(text: &str, to: usize) -> usize {
    if to <= LOOK_BACK_BYTES {
        return 0;
    }
    let mut from = to - LOOK_BACK_BYTES;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // Start at a word, never inside one.
    text[from..to]
        .find(char::is_whitespace)
        .map_or(to, |i| from + i)
}

/// Where the sentence holding the byte before `to` starts (or its line, after two line
/// breaks), looking back at most [`LOOK_BACK_BYTES`].
pub(super) fn sentence_start(text: &str, to: usize) -> usize {
    let window = look_back_start(text, to);
    let before = &text[..to];
    before[window..]
        .char_indices()
        .map(|(i, c)| (window + i, c))
        .rev()
        .find(|&(i, c)| {
            // Two line breaks in a row (hard breaks, `  ⏎ ⏎`, the second line holding
            // only a no-break space) set off a new line of a round-up, as a blank line
            // would.
            if c == '\n' {
                return before[..i]
                    .trim_end_matches(|c: char| c.is_whitespace() && c != '\n')
                    .ends_with('\n');
            }
            if !matches!(c, '.' | '!' | '?') || !before[i + 1..].starts_with(char::is_whitespace) {
                return false;
            }
            let word: String = before[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect();
            let word: String = word.chars().rev().collect();
            !LEXICON.is_abbreviation(&word)
        })
        .map_or(window, |(i, _)| i + 1)
}

/// `according to the harbor master`: the speaker after a cue that opens `ws`.
pub(super) fn according_to_first(ws: &[Word]) -> Option<Range<usize>> {
    let cue = LEXICON.according_to_words.iter().find(|cue| {
        ws.len() > cue.len() && ws.iter().zip(cue.iter()).all(|(w, c)| w.lower == *c)
    })?;
    phrase_after(&ws[cue.len()..])
}

/// Whether the capitalized words of a label or heading hold a lowercase speech verb, which
/// makes them a sentence (`Ortega said:`), not a name (`Press Secretary Karine Jean-Pierre:`).
pub(super) fn has_sentence_verb(ws: &[Word]) -> bool {
    (0..ws.len()).any(|i| verb_at(ws, i) && !capitalized(&ws[i]))
}

/// Titles before a name run long (`Former National Security Council Coordinator for the
/// Middle East and North Africa Brett McGurk`).
pub(super) const MAX_NAME_WORDS: usize = 16;

/// Whether `w` is a title of one word (`Senator`, `CEO`, `Sen.`).
pub(super) fn is_title_word(w: &Word) -> bool {
    ONE_WORD_TITLES.contains(w.low())
}

/// A name on its own in a label: `Ryan Johnston`, `Jo Ann Jenkins`, `Robert Martinez Jr.`
pub(super) const MAX_BARE_NAME_WORDS: usize = 4;

/// Capitalized words that start a sentence or a heading without being names.
pub(super) const NOT_NAME_STARTS: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "for", "and", "but", "if", "when", "this", "that", "these",
    "those", "it", "he", "she", "we", "they", "his", "her", "our", "their", "as", "after",
    "before", "with", "from", "by", "to", "of", "while", "since", "during", "under", "over",
    "about", "more", "most", "some", "all",
];

/// The words of names in the article: runs of two or more capitalized words (a title and
/// a leading article or preposition left out), five letters or longer. Also the set of
/// words the article writes in lowercase, which are common words, not names.
/// The titles of one word (`Sen.`, `President`), for a quick test per word.
pub(super) static ONE_WORD_TITLES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        LEXICON
            .titles
            .iter()
            .filter(|t| t.len() == 1)
            .map(|t| t[0].as_str())
            .collect()
    });

/// How many words of a title start at `ws[i]` (`Vice President`, `Sen.`), if any.
pub(super) fn title_at(ws: &[Word], i: usize) -> Option<usize> {
    LEXICON
        .titles
        .iter()
        .find(|t| {
            i + t.len() <= ws.len()
                && ws[i..i + t.len()]
                    .iter()
                    .zip(t.iter())
                    .all(|(w, t)| w.lower == *t)
        })
        .map(Vec::len)
}

/// How many words of a state or territory start at `ws[i]` (`New Jersey`, `Calif.`, `MI`),
/// if any.
pub(super) fn place_at(ws: &[Word], i: usize) -> Option<usize> {
    LEXICON
        .places
        .iter()
        .find(|p| {
            i + p.len() <= ws.len()
                && ws[i..i + p.len()].iter().zip(p.iter()).all(|(w, p)| {
                    // A postal code is written in capitals: `MI`, not `Mi`; `AL`, not `Al`.
                    let postal = p.len() == 2 && !w.text.contains('.');
                    w.lower.trim_end_matches('.') == p
                        && (!postal || w.text.chars().all(|c| c.is_ascii_uppercase()))
                })
        })
        .map(Vec::len)
}
