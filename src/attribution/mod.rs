//! Who said each quotation (DESIGN.md §6): the speaker's words around the quotation, what
//! kind of speaker they are, and the registry entry they resolve to.
//!
//! For each top-level quotation the search goes, in order: the rest of the sentence after
//! the closing mark (`…,” Ortega said` / `…,” said Ortega` / `…,” according to Ortega` /
//! `…” — Ortega`), the sentence before the opening mark (`Ortega said: “…` / `According to
//! Ortega, “…` / `In Ortega’s words, “…` / a `Name:` label), a blockquote's credit line,
//! earlier sentences of the paragraph, and, for a paragraph that is only a quotation, the
//! previous quotation's speaker. Pronouns and surnames then resolve to the nearest fitting
//! full name. Word lists come from `rules/lexicon/`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::document::{BlockKind, Document, ProseBlock};
use crate::lexicon::LEXICON;
use crate::quotes::{Delimiter, QuoteAnalysis, QuoteKind};
use crate::registry::{names, Entry, EntryKind, Registry};
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

/// A word of prose: its bytes without surrounding punctuation, and the punctuation after it.
#[derive(Clone, Debug)]
struct Word<'t> {
    range: Range<usize>,
    text: &'t str,
    /// `text` lowercased, with ’ as ': computed once, compared often; borrowed when the
    /// word already is (most words are, and a corpus has millions).
    lower: Cow<'t, str>,
    trail: &'t str,
}

impl Word<'_> {
    fn low(&self) -> &str {
        &self.lower
    }
}

fn is_edge_punct(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '\'' | '’' | '-' | '&' | '@' | '#' | '\u{FFFC}')
}

fn words(text: &str, range: Range<usize>) -> Vec<Word<'_>> {
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

fn lower(s: &str) -> String {
    lower_word(s).into_owned()
}

/// `s` lowercased with ’ as ', borrowed when it already is.
fn lower_word(s: &str) -> Cow<'_, str> {
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

fn is_verb(w: &Word) -> bool {
    LEXICON.speech_verbs.contains(w.low())
}

/// Whether `words[i]` is a speech verb here: not a noun after a determiner (`the state`),
/// and not a word of a name or title (`White House Press Secretary`, `the United States`,
/// `Jill Biden Continues`): mid-clause, a capitalized word is part of a proper noun.
fn verb_at(words: &[Word], i: usize) -> bool {
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
const NOUN_PHRASE_WORDS: usize = 3;

/// Whether `words[i]`, a speech verb that also names a document (`report`, `post`), ends a
/// noun phrase: `The commission report gives …`, `a 2019 report`.
fn document_noun(words: &[Word], i: usize) -> bool {
    LEXICON.statement_nouns.contains(words[i].low())
        && (i.saturating_sub(NOUN_PHRASE_WORDS)..i)
            .rev()
            .take_while(|&j| !ends_clause(&words[j]))
            .any(|j| LEXICON.noun_markers.contains(words[j].low()))
}

fn is_connector(w: &Word) -> bool {
    LEXICON.name_connectors.contains(w.low())
}

/// Lowercase words that belong inside names (`Ana de la Cruz`, `Ludwig van Beethoven`).
const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "der", "den", "van", "von", "da", "dos", "das", "di", "du", "le", "bin",
    "al", "y",
];

/// How many words open `ws` that join its sentence to the one before (`But Dina Li, an IT
/// specialist, offered`, `So I said`): no part of a speaker.
fn past_conjunction(ws: &[Word]) -> usize {
    usize::from(
        ws.len() > 1 && ["and", "but", "so", "yet"].contains(&ws[0].low()) && capitalized(&ws[1]),
    )
}

/// A subject `words[start..end]` tidied: no clause words at its end, and a name stops at
/// its first lowercase word (`Siqueira paused when` → `Siqueira`).
fn tidy(words: &[Word], mut start: usize, mut end: usize) -> Option<Range<usize>> {
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

fn ends_clause(w: &Word) -> bool {
    w.trail
        .contains([',', ';', ':', '.', '!', '?', '—', '–', ')'])
}

fn capitalized(w: &Word) -> bool {
    w.text.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `words[i]` is a connector inside a name or title, between capitalized words:
/// `Secretary of State and Acting National Security Advisor Marco Rubio`, `National
/// Museum of African American History and Culture`.
fn joins_name(words: &[Word], i: usize) -> bool {
    i > 0
        && is_connector(&words[i])
        && capitalized(&words[i - 1])
        && !ends_clause(&words[i - 1])
        && words.get(i + 1).is_some_and(capitalized)
}

/// The speaker's words starting at `words[0]` (after `said`, `according to`, a dash).
fn phrase_after<'t>(words: &[Word<'t>]) -> Option<Range<usize>> {
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
fn subject_before(words: &[Word], verb: usize) -> Option<Range<usize>> {
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
const MAX_SUBJECT_WORDS: usize = 9;

/// Where the sentence holding `at` ends (or the block, or the next opening quotation).
fn sentence_end(text: &str, from: usize) -> usize {
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

/// Where the sentence holding the byte before `to` starts (or its line, after two line
/// breaks).
fn sentence_start(text: &str, to: usize) -> usize {
    let before = &text[..to];
    before
        .char_indices()
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
        .map_or(0, |(i, _)| i + 1)
}

/// `according to the harbor master`: the speaker after a cue that opens `ws`.
fn according_to_first(ws: &[Word]) -> Option<Range<usize>> {
    let cue = LEXICON.according_to_words.iter().find(|cue| {
        ws.len() > cue.len() && ws.iter().zip(cue.iter()).all(|(w, c)| w.lower == *c)
    })?;
    phrase_after(&ws[cue.len()..])
}

/// Whether the capitalized words of a label or heading hold a lowercase speech verb, which
/// makes them a sentence (`Ortega said:`), not a name (`Press Secretary Karine Jean-Pierre:`).
fn has_sentence_verb(ws: &[Word]) -> bool {
    (0..ws.len()).any(|i| verb_at(ws, i) && !capitalized(&ws[i]))
}

/// The speaker in the words after a closing mark, up to the end of the sentence (or a
/// citation in brackets: `[Tweet, 3/11/22]`). `closes_sentence`: the quoted words end with
/// a period, question or exclamation mark, so a capitalized word after the closing mark
/// starts the next sentence, which names this quotation's speaker only when it is a bare
/// attribution (`“… in May.” Ortega said.`), not its own statement or the lead-in to the
/// next quotation (`“…disaster.” He noted that, “…`).
fn after_quote(text: &str, from: usize, closes_sentence: bool) -> Option<Range<usize>> {
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
        return phrase_after(&ws[1..]);
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

/// `ws` without the words inside parentheses after a name (`Rep. Ana Voss (D-Calif.), who
/// …`): the word before the aside takes the punctuation after it, so `Voss,` still ends a
/// clause.
fn without_asides<'t>(text: &'t str, ws: Vec<Word<'t>>) -> Vec<Word<'t>> {
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

/// Labels run long: `**John Ruple, Professor of Law (Research) & Wallace Stegner Center
/// Fellow, S.J. Quinney College of Law, University of Utah**: “…`.
const MAX_LABEL_WORDS: usize = 24;

/// A label that names several people, each with a title (`**Sen. Ana Voss, Chair, …, and
/// Rep. Tomas Achterberg, …:**`).
const MAX_JOINT_LABEL_WORDS: usize = 32;

/// Bytes of a note in parentheses between a label and its quotation (`(1/3)`).
const MAX_LABEL_NOTE: usize = 12;

/// How a label is set off from its quotation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LabelForm {
    /// `Lucía Ortega: “…`, `**Name.** “…`: the label is the speaker.
    Marked,
    /// A name on a line of its own, or `**Social Security Works PAC,** “…`: often a
    /// heading over the quotation (an organization above its CEO's words), so an
    /// attribution after the quotation wins over it.
    Loose,
}

/// A label right before an opening mark: `Lucía Ortega: “…`, `**Sheila Katz, CEO:** “…`,
/// `**Name.** “…`, or a name on a line of its own. A marked label wins over anything after
/// the quotation (often a citation: `[Tweet, 3/11/22]`).
fn label_before(block: &ProseBlock, to: usize) -> Option<(Range<usize>, LabelForm)> {
    let text = &block.text;
    let mut start = past_fact_check_label(text, sentence_start(text, to), to);
    // Emphasis the parser could not close (`**Name: **“…`) is left as literal asterisks.
    let head = text[..to].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    // `**Name:** (1/3) “…`: a thread's count or a short note between label and quotation.
    let head = match head.strip_suffix(')').and_then(|h| h.rfind('(')) {
        Some(open)
            if head.len() - open <= MAX_LABEL_NOTE && head[..open].trim_end().ends_with(':') =>
        {
            head[..open].trim_end()
        }
        _ => head,
    };
    let own_line = text[head.len()..to].contains('\n') && !head.contains('\n');
    let (label, form) = if let Some(label) = head.strip_suffix(':') {
        (label, LabelForm::Marked)
    } else if let Some(label) = head.strip_suffix('.') {
        // `**Ana Ruiz, Director.** “…`: the label's own period closed the sentence the
        // search above found, so its sentence is the one before that period; only that
        // one counts (the paragraph may hold earlier round-up entries, set off by hard
        // breaks).
        let own = sentence_start(text, label.len());
        let opens_line = {
            let before = text[..own].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
            before.is_empty() || before.ends_with('\n')
        };
        // A sentence before a quotation (`Growers are angry. “We …`) is no label: the label
        // opens with a name (`Ana Ruiz, Director, …`).
        let ws = words(text, own..label.len());
        let name_words = ws
            .iter()
            .position(|w| w.trail.starts_with(','))
            .map_or(ws.len(), |comma| comma + 1);
        let named = (2..=MAX_NAME_WORDS).contains(&name_words)
            && ws[..name_words]
                .iter()
                .all(|w| capitalized(w) || is_connector(w));
        if label[own..].contains(['.', '!', '?']) || !opens_line || !named {
            return None;
        }
        start = own;
        (label, LabelForm::Marked)
    } else if own_line {
        (head, LabelForm::Loose)
    } else {
        let label = head.strip_suffix(',')?;
        // Only a whole name opening the paragraph: not `In Washington, “…` nor `Meanwhile,`.
        let ws = words(text, 0..label.len());
        let name_like = text[..ws.first()?.range.start]
            .trim_matches('*')
            .trim()
            .is_empty()
            && ws.len() >= 2
            && !NOT_NAME_STARTS.contains(&ws[0].low())
            && ws.iter().all(|w| capitalized(w) || is_connector(w))
            && !ws[..ws.len() - 1].iter().any(ends_clause);
        if !name_like {
            return None;
        }
        (label, LabelForm::Loose)
    };
    // `**Secretary Rubio** (March 3):` — a date or place in parentheses after the name.
    let label = match label
        .trim_end()
        .strip_suffix(')')
        .and_then(|l| l.rfind('('))
    {
        Some(open) => {
            label[..open].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
        }
        None => label,
    };
    // A label opens its paragraph, or a line set off by two line breaks.
    let line_start = text[..start]
        .trim_end_matches(|c: char| c.is_whitespace() && c != '\n')
        .ends_with('\n');
    // From the start of its line, a label's periods are abbreviations (`Sen.`): the
    // sentence search stepped over them.
    let stops: &[char] = if line_start {
        &['“', '”']
    } else {
        &['.', '!', '?', '“', '”']
    };
    let in_label = if line_start {
        &label[start.min(label.len())..]
    } else {
        label
    };
    if in_label.contains(stops) && start != 0 {
        return None;
    }
    // A label may wrap over lines (`**Randi⏎Weingarten, President:**`); a sentence that
    // ended just before the quotation is not one.
    if start >= label.len() {
        return None;
    }
    let ws = words(text, start..label.len());
    // A label set off by a colon may name several people with their titles; past the
    // usual length, an auxiliary (`is`, `have`) shows it to be a sentence.
    let max = if head.ends_with(':') {
        MAX_JOINT_LABEL_WORDS
    } else {
        MAX_LABEL_WORDS
    };
    let long_sentence = ws.len() > MAX_LABEL_WORDS
        && ws.iter().any(|w| {
            LEXICON.auxiliaries.contains(w.low()) || LEXICON.passive_auxiliaries.contains(w.low())
        });
    if ws.is_empty()
        || ws.len() > max
        || long_sentence
        || has_sentence_verb(&ws)
        || !capitalized(&ws[0])
    {
        return None;
    }
    label_speaker(&ws).map(|r| (r, form))
}

/// Past a fact check's label at `start` (`**FACT:** Kennedy debunked it: “…`), which is
/// the label of no speaker.
fn past_fact_check_label(text: &str, start: usize, to: usize) -> usize {
    let Some(colon) = text[start..to].find(':') else {
        return start;
    };
    let label = text[start..start + colon]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if !LEXICON.fact_check_labels.contains(&lower(label)) {
        return start;
    }
    let after = start + colon + 1;
    after
        + (text[after..to].len()
            - text[after..to]
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
                .len())
}

/// Words of an outlet's name before a headline (`KMTV (Omaha, NE)`).
const MAX_OUTLET_WORDS: usize = 8;

/// A quotation on the line after `Outlet: Headline`, set off by a hard line break
/// (`**Dunmore Ledger:** Governor signs a pause on wells` then `“The pause applies …”`):
/// an excerpt of the outlet's story, whose source is the outlet, not the headline's
/// subject.
fn outlet_before_headline(doc: &Document, block: usize, to: usize) -> Option<Range<usize>> {
    let b = &doc.blocks[block];
    let text = &b.text;
    let head = text[..to].trim_end_matches([' ', '\t']);
    let newline = head.strip_suffix('\n')?.len();
    // A hard break is written as trailing spaces or a backslash before the newline.
    let span = b.file_span(newline..newline + 1);
    let hard = doc
        .text
        .get(span.start..span.end)
        .is_some_and(|s| !s.trim_end_matches(['\n', '\r']).is_empty());
    if !hard {
        return None;
    }
    let start = sentence_start(text, newline);
    let line = &text[start..newline];
    let colon = line
        .char_indices()
        .find(|&(i, c)| c == ':' && line[i + 1..].starts_with(char::is_whitespace))?
        .0;
    let outlet = &line[..colon];
    // `WKBT (La Crosse, WI)`: the name without the place.
    let outlet = outlet.find('(').map_or(outlet, |p| &outlet[..p]);
    let ws = words(text, start..start + outlet.trim_end().len());
    let headline = line[colon + 1..].trim_start();
    let name = !ws.is_empty()
        && ws.len() <= MAX_OUTLET_WORDS
        && capitalized(&ws[0])
        && !has_sentence_verb(&ws)
        && !LEXICON.not_speakers.contains(ws[0].low());
    (name && headline.starts_with(char::is_uppercase))
        .then(|| ws[0].range.start..ws[ws.len() - 1].range.end)
}

/// The speaker in the sentence before an opening mark.
fn before_quote(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
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
fn cue_before(ws: &[Word]) -> Option<Range<usize>> {
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
    for cue in &LEXICON.possessive_cues {
        let Some((pre, post)) = cue.split_once("{name}") else {
            continue;
        };
        let pre: Vec<&str> = pre.split_whitespace().collect();
        let post: Vec<&str> = post.split_whitespace().collect();
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
                let possessive = post.first().is_some_and(|p| p.starts_with("'s"));
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
                // Past four words only a name with its title goes on (`As Jacob Parcell,
                // MobileGov community lead put it`), not a clause (`as the momentum builds,
                // it becomes …,” Contreras said`).
                let long = name_end - name_start > 4;
                let clause = ws[name_start..name_end]
                    .iter()
                    .filter(|w| ends_clause(w))
                    .count()
                    > 1;
                if fits && (!long || (capitalized(&ws[name_start]) && !clause)) {
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
fn verb_before(ws: &[Word]) -> Option<Range<usize>> {
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
const MAX_DOCUMENT_SUBJECT_WORDS: usize = 5;

/// A document at the head of the sentence that holds a quotation, with no speech verb:
/// `The compact guarantees each state a share “in proportion to historic beneficial use,”`
/// quotes the compact.
fn document_subject(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
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
fn colon_subject(
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
fn subject_of_fragment(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
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

/// The speaker in a label: up to its first comma (`Sheila Katz, CEO, Example Group`),
/// after `Statement from` (`Statement from President Biden`).
fn label_speaker(ws: &[Word]) -> Option<Range<usize>> {
    let mut start = 0;
    if ws.len() > 2
        && LEXICON.statement_nouns.contains(ws[0].low())
        && ["from", "by", "of"].contains(&ws[1].low())
    {
        start = 2;
    } else if ws.len() > 1 && LEXICON.label_prefixes.contains(ws[0].low()) {
        start = 1;
    }
    let ws = &ws[start + past_conjunction(&ws[start..])..];
    // Segments between commas (or a dash, or a parenthesis): the first that has two words
    // or more is the name (`Scranton, PA Mayor Paige Cognetti` → the second); otherwise
    // the first.
    let mut segments: Vec<&[Word]> = Vec::new();
    let mut from = 0;
    for (i, w) in ws.iter().enumerate() {
        if w.trail.starts_with([',', '(', '–', '—']) || i + 1 == ws.len() {
            segments.push(&ws[from..=i]);
            from = i + 1;
        }
    }
    // A label that opens with a name keeps it (`Sheila Katz, CEO, Example Group`). One that
    // opens with a title names its speaker later: in the segment where a title stands
    // before a name (`Chair, Senate Agriculture Committee, Michigan Senator Debbie
    // Stabenow`, `Lockheed Martin Chairman, President and CEO Jim Taiclet`), else in a
    // segment with no title word (`Senior Policy Counsel for Next Century Cities, Ryan
    // Johnston`).
    // `Ranking Member, …` opens with a title of two words, `Little Rock, Arkansas Mayor
    // Frank Scott` with a city: neither is a name.
    let bare_name = |s: &[Word]| {
        (2..=MAX_BARE_NAME_WORDS).contains(&s.len())
            && s.iter().all(capitalized)
            && !s.iter().any(is_title_word)
            && title_at(s, 0) != Some(s.len())
    };
    let opens_with_city = segments.get(1).is_some_and(|s| {
        place_at(s, 0).is_some_and(|n| title_at(s, n).is_some() && title_then_name(&s[n..]))
    });
    let chosen = segments
        .first()
        .filter(|s| bare_name(s) && !opens_with_city)
        .or_else(|| segments.iter().find(|s| title_then_name(s)))
        .or_else(|| segments.iter().skip(1).find(|s| bare_name(s)))
        .or_else(|| segments.iter().find(|s| s.len() >= 2))
        .or(segments.first())?;
    // `New Jersey Congressman Frank Pallone`: the state is not part of the name.
    let chosen = match place_at(chosen, 0) {
        Some(n) if title_at(chosen, n).is_some() && title_then_name(&chosen[n..]) => &chosen[n..],
        _ => chosen,
    };
    // `President Trump distilled his first 100 days to a single statement:` names its
    // speaker at its head: the label stops at its last capitalized word (a name may hold a
    // lowercase word: `Tufts University Food is Medicine Institute Director`).
    // A short description that only starts with a capital (`Local resident`, `Flood
    // survivor`) is whole.
    let described = chosen.len() <= MAX_LABEL_DESCRIPTION_WORDS
        && chosen[1..]
            .iter()
            .all(|w| !capitalized(w) && !is_connector(w));
    let end = if described {
        chosen.len()
    } else {
        chosen
            .iter()
            .rposition(capitalized)
            .map_or(chosen.len(), |last| last + 1)
    };
    Some(chosen[0].range.start..chosen[end - 1].range.end)
}

/// Words of a label that describes its speaker rather than naming them (`Local resident`).
const MAX_LABEL_DESCRIPTION_WORDS: usize = 3;

/// For a paragraph that is only a quotation: a credit line in the paragraph after it
/// (`“…”` then `– Cheryl Smith, Associate Medical Director`), as under a blockquote.
fn next_block_credit(doc: &Document, block: usize) -> Option<(usize, Range<usize>)> {
    let current = &doc.blocks[block];
    let next = doc.blocks.get(block + 1)?;
    if next.blockquote != current.blockquote {
        return None;
    }
    let text = next.text.trim_start();
    let body = text.strip_prefix(['—', '–'])?;
    let start = next.text.len() - body.len();
    let ws = words(&next.text, start..next.text.len());
    phrase_after(&ws).map(|r| (block + 1, r))
}

/// A name on its own in a label: `Ryan Johnston`, `Jo Ann Jenkins`, `Robert Martinez Jr.`
const MAX_BARE_NAME_WORDS: usize = 4;

/// Whether `w` is a title of one word (`Senator`, `CEO`, `Sen.`).
fn is_title_word(w: &Word) -> bool {
    ONE_WORD_TITLES.contains(w.low())
}

/// Whether a label segment ends in a name after a title: `PA Mayor Paige Cognetti`,
/// `President and CEO Jim Taiclet` (not `Executive Director`, not `Counsel for Cities`).
fn title_then_name(s: &[Word]) -> bool {
    let Some(last_title) = s.iter().rposition(is_title_word) else {
        return false;
    };
    let name = &s[last_title + 1..];
    !name.is_empty() && name.iter().all(capitalized)
}

/// For a quotation that opens its paragraph: a label paragraph just before it
/// (`**Marc Morial, President of the League**`), or an introduction ending with a colon
/// (`President Trump said:` before a list of quotations).
fn previous_block_label(doc: &Document, block: usize) -> Option<(usize, Range<usize>)> {
    let current = &doc.blocks[block];
    let prev_index = block.checked_sub(1)?;
    let prev = &doc.blocks[prev_index];
    if prev.blockquote != current.blockquote {
        return None;
    }
    let text = prev.text.trim_end();
    if text.ends_with(':') {
        return lead_in_speaker(prev, text.len()).map(|r| (prev_index, r));
    }
    let ws = words(&prev.text, 0..text.len());
    let label_like = !ws.is_empty()
        && ws.len() <= 25
        && !text.contains(['“', '”', '"'])
        && !text.ends_with(['.', '!', '?'])
        && !has_sentence_verb(&ws);
    if !label_like || !capitalized(&ws[0]) {
        return None;
    }
    label_speaker(&ws).map(|r| (prev_index, r))
}

/// The speaker a lead-in ending with a colon at `to` names: the subject of its speech verb
/// (`Ortega told the board:`), or the document it introduces (`the lesson comes from the
/// end of the report:`, `the following text for the authorization letter:`).
fn lead_in_speaker(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
    let text = &block.text;
    before_quote(block, to)
        .filter(|r| plausible(&text[r.clone()]))
        .or_else(|| {
            let ws = words(text, sentence_start(text, to)..to);
            let noun = (0..ws.len())
                .rev()
                .find(|&i| LEXICON.statement_nouns.contains(ws[i].low()))?;
            let determiner = (noun.saturating_sub(NOUN_PHRASE_WORDS)..noun)
                .rev()
                .take_while(|&j| !ends_clause(&ws[j]))
                .find(|&j| LEXICON.noun_markers.contains(ws[j].low()))?;
            // The document ends the lead-in (`… of the report:`), not a clause after it.
            (noun + 1 == ws.len()).then(|| ws[determiner].range.start..ws[noun].range.end)
        })
}

/// For a blockquote with no credit line: a lead-in ending with a colon in the paragraph just
/// before it (`As the report puts it:`, `Ortega told the board:`).
fn blockquote_lead_in(doc: &Document, span: Span) -> Option<(usize, Range<usize>)> {
    let first = doc.blocks.iter().position(|b| {
        let e = b.file_extent();
        e.start >= span.start && e.end <= span.end
    })?;
    let prev_index = first.checked_sub(1)?;
    let prev = &doc.blocks[prev_index];
    let text = prev.text.trim_end();
    if !text.ends_with(':') || prev.blockquote >= doc.blocks[first].blockquote {
        return None;
    }
    lead_in_speaker(prev, text.len()).map(|r| (prev_index, r))
}

/// Words of a topic label a list item may put before its quotation (`[On the strikes](…):
/// “…`).
const MAX_TOPIC_LABEL_WORDS: usize = 8;

/// Items of a list that must open with a quotation for the list to be a list of one
/// speaker's quotations.
const MIN_QUOTATION_ITEMS: usize = 3;

/// Blocks above a list searched for the person it quotes.
const LIST_INTRO_BLOCKS: usize = 4;

/// Whether the words before `to` in a list item leave the quotation at `to` opening the
/// item: nothing, or a topic label that names no speaker (`On the strikes:`).
fn opens_item(text: &str, to: usize) -> bool {
    let head = text[..to].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if head.trim().is_empty() {
        return true;
    }
    let Some(label) = head.strip_suffix(':') else {
        return false;
    };
    let ws = words(text, 0..label.len());
    !ws.is_empty()
        && ws.len() <= MAX_TOPIC_LABEL_WORDS
        && !text[..to].contains(['“', '”', '"'])
        && LEXICON.not_speakers.contains(ws[0].low())
}

/// For a quotation that opens an item of a list of quotations with no speaker of their
/// own (`- “…” ([Watch](…))` under `**President Voss has been clear:**`, or items under a
/// heading `#### Governor Reyes on Channel 4`): the person the heading or introduction
/// above the list names.
fn list_intro(doc: &Document, block: usize, to: usize) -> Option<(usize, Range<usize>)> {
    let current = &doc.blocks[block];
    if current.kind != BlockKind::ListItem || !opens_item(&current.text, to) {
        return None;
    }
    let in_list =
        |b: &ProseBlock| b.kind == BlockKind::ListItem && b.blockquote == current.blockquote;
    let first = (0..block)
        .rev()
        .take_while(|&i| in_list(&doc.blocks[i]))
        .last()
        .unwrap_or(block);
    let quotation_items = doc.blocks[first..]
        .iter()
        .take_while(|b| in_list(b))
        .filter(|b| {
            b.text
                .find(['“', '"'])
                .is_some_and(|at| opens_item(&b.text, at))
        })
        .take(MIN_QUOTATION_ITEMS)
        .count();
    if quotation_items < MIN_QUOTATION_ITEMS {
        return None;
    }
    (first.saturating_sub(LIST_INTRO_BLOCKS)..first)
        .rev()
        .take_while(|&i| doc.blocks[i].kind != BlockKind::FrontMatter)
        .find_map(|i| intro_subject(&doc.blocks[i]).map(|r| (i, r)))
}

/// How many words of a title start at `ws[i]` (`Vice President`, `Sen.`), if any.
fn title_at(ws: &[Word], i: usize) -> Option<usize> {
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
fn place_at(ws: &[Word], i: usize) -> Option<usize> {
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

/// The person an introduction or heading is about: the first titled name in it
/// (`…, President Ana Voss reflected on …`, `Governor Reyes on Channel 4`) or a name of two
/// or more words that opens a sentence and is followed by a lowercase word. Not a
/// possessive (`the Governor’s address`).
fn intro_subject(block: &ProseBlock) -> Option<Range<usize>> {
    let ws = words(&block.text, 0..block.text.len());
    for i in 0..ws.len() {
        if !capitalized(&ws[i]) {
            continue;
        }
        let titled = title_at(&ws, i);
        let opens_sentence = i == 0 || ws[i - 1].trail.contains(['.', '!', '?', ':']);
        if titled.is_none() && (!opens_sentence || NOT_NAME_STARTS.contains(&ws[i].low())) {
            continue;
        }
        let mut j = i + 1;
        while j < ws.len() && !ends_clause(&ws[j - 1]) {
            if capitalized(&ws[j]) {
                j += 1;
                continue;
            }
            // `Secretary of the Interior Ana Voss`: connectors, then more of the name.
            let connectors = (j..ws.len())
                .take_while(|&k| is_connector(&ws[k]) && ws[k].low() != "on")
                .count();
            if connectors > 0 && ws.get(j + connectors).is_some_and(capitalized) {
                j += connectors;
                continue;
            }
            break;
        }
        let run = &ws[i..j];
        let named = match titled {
            Some(n) => run.len() > n,
            None => run.len() >= 2,
        };
        let possessive = run.last().is_some_and(|w| w.lower.ends_with("'s"));
        let then_lowercase = ws.get(j).is_none_or(|w| !capitalized(w));
        if named && !possessive && then_lowercase {
            return Some(run[0].range.start..run[run.len() - 1].range.end);
        }
    }
    None
}

/// The last name named in `text[..to]` of the paragraph: for a quotation whose speaker was
/// named a sentence or two before it.
fn earlier_in_paragraph(
    block: &ProseBlock,
    to: usize,
    registry: &Registry,
) -> Option<Range<usize>> {
    // `…, according to Janice Clark, Director of the Office. “We saw …”`: the sentence
    // just before names its source with a cue.
    let prev = block.text[..to].trim_end().len();
    let prev_start = sentence_start(&block.text, prev);
    if let Some(speaker) = cue_before(&words(&block.text, prev_start..prev)) {
        return Some(speaker);
    }
    let ws = words(&block.text, 0..to);
    let verb = (0..ws.len()).rev().find(|&i| verb_at(&ws, i));
    if let Some(v) = verb {
        // `I` tells a story sentences away (`I called him … “more likely than not.”`);
        // it speaks only beside its own verb.
        // Nor does a group (`After reviewing what people “shared” …`).
        if let Some(subject) = subject_before(&ws, v).filter(|r| {
            let subject = lower(&block.text[r.clone()]);
            let first = subject.split_whitespace().next().unwrap_or("");
            !LEXICON.pronouns.first_person.contains(&subject)
                && !LEXICON.group_nouns.contains(first)
        }) {
            return Some(subject);
        }
    }
    // A run of capitalized words that the registry knows.
    let mut i = ws.len();
    while i > 0 {
        i -= 1;
        if !capitalized(&ws[i]) {
            continue;
        }
        let mut j = i;
        while j > 0 && capitalized(&ws[j - 1]) && !ends_clause(&ws[j - 1]) && i - j < 4 {
            j -= 1;
        }
        let range = ws[j].range.start..ws[i].range.end;
        let text = &block.text[range.clone()];
        // People only: an organization named in passing is not a speaker.
        let person = |e: &crate::registry::Entry| e.kind == EntryKind::Person;
        if registry.resolve(text).is_some_and(person)
            || registry.resolve(&strip_title(text)).is_some_and(person)
        {
            return Some(range);
        }
        i = j;
    }
    None
}

/// The name without a leading title ("Sen. Lucía Ortega" → "Lucía Ortega").
/// Titles joined by `and` go too ("Secretary of State and Acting National Security
/// Advisor Marco Rubio" → "Acting National Security Advisor Marco Rubio"; "President and
/// CEO Jim Taiclet" → "Jim Taiclet").
pub fn strip_title(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut at = 0;
    while let Some(title) = LEXICON
        .titles
        .iter()
        .find(|t| at + t.len() < words.len() && lowered[at..at + t.len()] == t[..])
    {
        at += title.len();
        // `and` or `&` after a title joins another title; a name never starts with it.
        if matches!(lowered[at].as_str(), "and" | "&") && at + 1 < words.len() {
            at += 1;
        } else {
            break;
        }
    }
    if at == 0 {
        return name.to_string();
    }
    words[at..].join(" ")
}

/// The registry entry `name` stands for: as written, without a leading title, or by its
/// last words ("Health Director Priya Raman" is Priya Raman, whatever her title's words).
fn resolve_name<'r>(registry: &'r Registry, name: &str) -> Option<&'r Entry> {
    // `The Tessaly Compact Commission`: an article before a name is not part of it.
    let unarticled = ["The ", "the "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .filter(|rest| rest.starts_with(char::is_uppercase));
    if let Some(entry) = registry
        .resolve(name)
        .or_else(|| registry.resolve(&strip_title(name)))
        .or_else(|| unarticled.and_then(|rest| registry.resolve(rest)))
    {
        return Some(entry);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..words.len())
        .rev()
        .find_map(|k| registry.resolve(&words[words.len() - k..].join(" ")))
        .filter(|entry| entry.kind == EntryKind::Person)
}

/// Everything the article has named so far, for pronouns and surnames.
#[derive(Default)]
struct Context {
    /// The last person named as a speaker, with their registry id.
    last_person: Option<(String, Option<String>)>,
    last_organization: Option<(String, Option<String>)>,
    /// Full names of people named so far (folded), with their ids.
    people: Vec<(String, String, Option<String>)>,
    /// Every full name the article writes, by folded surname: read only when a pronoun or a
    /// one-word lead-in needs it (a second pass over the words of every article would cost a
    /// third of the run).
    named: std::cell::OnceCell<HashMap<String, String>>,
}

impl Context {
    fn named(&self, doc: &Document) -> &HashMap<String, String> {
        self.named.get_or_init(|| full_names(doc))
    }
}

fn classify(text: &str, span: Span, registry: &Registry, ctx: &mut Context) -> Speaker {
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

fn is_personal_pronoun(text: &str) -> bool {
    let lowered = lower(text);
    let p = &LEXICON.pronouns;
    [&p.male, &p.female, &p.neutral]
        .iter()
        .any(|list| list.contains(&lowered))
}

/// How far back a pronoun looks for the person its paragraph is about: a few sentences.
const SUBJECT_WINDOW_BYTES: usize = 1000;
const SUBJECT_SENTENCES: usize = 3;

/// The person a pronoun at `to` stands for when an earlier sentence of its paragraph opens
/// with their name (`Claire Loxsom shared that … She explained, “…`): a run of two or more
/// capitalized words, then a lowercase word. A sentence with a quotation in it stops the
/// search: its attribution (`“A,” said Voss. “B,” she added.`) is the better referent,
/// and the speakers found so far hold it.
fn paragraph_subject(text: &str, to: usize) -> Option<String> {
    let mut floor = to.saturating_sub(SUBJECT_WINDOW_BYTES);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let window = &text[floor..to];
    let mut end = sentence_start(window, window.len());
    for _ in 0..SUBJECT_SENTENCES {
        let stop = window[..end].trim_end().len();
        if stop == 0 {
            return None;
        }
        let start = sentence_start(window, stop);
        let sentence = &window[start..stop];
        if sentence.contains(['“', '”', '"']) {
            return None;
        }
        let ws = words(text, floor + start..floor + stop);
        let run = ws
            .iter()
            .position(|w| !capitalized(w) || ends_clause(w))
            .unwrap_or(ws.len());
        let named = run >= 2
            && ws.get(run).is_some_and(|w| !capitalized(w))
            && !NOT_NAME_STARTS.contains(&ws[0].low())
            && !ws[..run].iter().any(|w| LEXICON.pronouns_contain(w.low()));
        if named {
            return Some(text[ws[0].range.start..ws[run - 1].range.end].to_string());
        }
        end = start;
    }
    None
}

/// Paragraphs before a pronoun's own searched for the person it stands for.
const MENTION_BLOCKS: usize = 2;

/// The person named last before `to` in block `block` or the paragraphs just before it,
/// among the people the article has named as speakers, by full name or surname: `Virmani
/// pointed out …` then `“…,” she advised` is Virmani, whoever spoke before.
fn nearest_mention(
    doc: &Document,
    block: usize,
    to: usize,
    ctx: &Context,
) -> Option<(String, Option<String>)> {
    if ctx.people.is_empty() {
        return None;
    }
    let first = block.saturating_sub(MENTION_BLOCKS);
    (first..=block).rev().find_map(|i| {
        let text = &doc.blocks[i].text;
        let end = if i == block { to } else { text.len() };
        let ws = words(text, 0..end);
        (0..ws.len()).rev().find_map(|k| {
            let w = &ws[k];
            if !capitalized(w) {
                return None;
            }
            let folded = names::fold(w.text.trim_end_matches("’s").trim_end_matches("'s"));
            let speaker = ctx
                .people
                .iter()
                .rev()
                .find(|(full, _, _)| names::surname(full) == Some(folded.as_str()))
                .map(|(_, display, id)| (display.clone(), id.clone()));
            // Someone the article named in full but who has not spoken yet counts only as
            // the subject of a sentence (`Virmani pointed out …`), not in passing.
            // The word ends a name that opens its sentence (`Virmani pointed out`, `Hollis
            // Marchetti pointed out`).
            let mut opens = k;
            while opens > 0 && capitalized(&ws[opens - 1]) && !ends_clause(&ws[opens - 1]) {
                opens -= 1;
            }
            let subject = opens == 0 || ws[opens - 1].trail.contains(['.', '!', '?']);
            let next = ws.get(k + 1);
            let then_verb = next.is_some_and(|n| !capitalized(n)) && w.trail.is_empty();
            // `Patel, whose program …, highlighted`: a person, named or not in full.
            let then_who = w.trail.starts_with(',')
                && next.is_some_and(|n| ["who", "whose"].contains(&n.low()));
            speaker.or_else(|| {
                if !(then_who || subject && then_verb) {
                    return None;
                }
                let full = ctx.named(doc).get(&folded).cloned();
                // `my son, Beau, who was then attorney general`: a person wherever it stands.
                if then_who {
                    return Some((full.unwrap_or_else(|| w.text.to_string()), None));
                }
                full.map(|f| (f, None))
            })
        })
    })
}

/// The full names an article writes (`Jyotika Virmani`, after any title), by their folded
/// surname, the first spelling kept.
fn full_names(doc: &Document) -> HashMap<String, String> {
    let mut named = HashMap::new();
    for block in &doc.blocks {
        let ws = words(&block.text, 0..block.text.len());
        let mut i = 0;
        while i < ws.len() {
            let mut j = i;
            while j < ws.len() && capitalized(&ws[j]) && (j == i || !ends_clause(&ws[j - 1])) {
                j += 1;
            }
            let run: Vec<&Word> = ws[i..j]
                .iter()
                .skip_while(|w| NOT_NAME_STARTS.contains(&w.low()) || is_title_word(w))
                .collect();
            // Words of a person's name: letters (and `-`, `’`, `.`), not a pronoun or a
            // sentence opener, the surname not an acronym (`XPRIZE` is an organization).
            let personal = run.iter().all(|w| {
                w.text.chars().count() >= 2
                    && w.text
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'' | '.'))
                    && !NOT_NAME_STARTS.contains(&w.low())
                    && !LEXICON.pronouns_contain(w.low())
                    && !LEXICON.not_speakers.contains(w.low())
            }) && run
                .last()
                .is_some_and(|w| w.text.chars().any(char::is_lowercase));
            if personal && (2..=MAX_BARE_NAME_WORDS).contains(&run.len()) {
                let last = run[run.len() - 1];
                let full = block.text[run[0].range.start..last.range.end].to_string();
                let surname = last.text.trim_end_matches("’s").trim_end_matches("'s");
                named.entry(names::fold(surname)).or_insert(full);
            }
            i = j.max(i + 1);
        }
    }
    named
}

fn remember(ctx: &mut Context, kind: EntryKind, name: &str, id: Option<String>) {
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

/// The speaker of every quotation in `analysis.quotes` (same order); `None` for nested
/// quotations and those with no speaker found.
pub fn attribute(
    doc: &Document,
    analysis: &QuoteAnalysis,
    registry: &Registry,
) -> Vec<Option<Speaker>> {
    attribute_until(doc, analysis, registry, &crate::limits::Deadline::never())
}

/// [`attribute`], stopping when `deadline` passes (the quotations left get no speaker; the
/// caller reports the file as over its budget).
pub fn attribute_until(
    doc: &Document,
    analysis: &QuoteAnalysis,
    registry: &Registry,
    deadline: &crate::limits::Deadline,
) -> Vec<Option<Speaker>> {
    let mut ctx = Context::default();
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(analysis.quotes.len());
    // The last speaker found, and the block where that quotation closed.
    let mut previous: Option<(usize, Speaker, usize)> = None;
    for quote in &analysis.quotes {
        if deadline.passed() {
            out.resize(analysis.quotes.len(), None);
            break;
        }
        if quote.parent.is_some() {
            out.push(None);
            continue;
        }
        let found = match quote.delimiter {
            Delimiter::Blockquote => {
                blockquote_credit(doc, quote.span).or_else(|| blockquote_lead_in(doc, quote.span))
            }
            Delimiter::Marks => {
                let (Some(open), Some(close)) = (quote.open, quote.close) else {
                    out.push(None);
                    continue;
                };
                let (open, close) = (&analysis.marks[open], &analysis.marks[close]);
                let (ob, cb) = (&doc.blocks[open.block], &doc.blocks[close.block]);
                let closes_sentence = quote.text.trim_end().ends_with(['.', '!', '?', '…']);
                // Each way of finding a speaker yields words that must look like one;
                // if they do not, the next way is tried.
                let speaker_at = |block: usize, range: Range<usize>| {
                    plausible(&doc.blocks[block].text[range.clone()]).then_some((block, range))
                };
                let label = label_before(ob, open.prose.start);
                let label_in = |form: LabelForm| {
                    label
                        .clone()
                        .filter(|(_, f)| *f == form)
                        .and_then(|(r, _)| speaker_at(open.block, r))
                };
                if quote.kind == QuoteKind::Term {
                    // A term, title or scare quote has no speech verb near it; only a
                    // label (`**Ortega:** “No.”`) or a cue right after it (`“No,”
                    // according to the harbor master`) gives it a speaker.
                    label_in(LabelForm::Marked)
                        .or_else(|| {
                            let end = sentence_end(&cb.text, close.prose.end);
                            according_to_first(&words(&cb.text, close.prose.end..end))
                                .and_then(|r| speaker_at(close.block, r))
                        })
                        .or_else(|| {
                            // Only a cue that leads straight into the quotation
                            // (`According to the harbor master, “No.”`, `In Ortega’s
                            // words, “never.”`), not one that opens a sentence the term
                            // merely stands in.
                            let start = sentence_start(&ob.text, open.prose.start);
                            let ws = words(&ob.text, start..open.prose.start);
                            let leads_in =
                                ws.last().is_some_and(|w| w.trail.starts_with([',', ':']));
                            cue_before(&ws)
                                .filter(|_| leads_in)
                                .and_then(|r| speaker_at(open.block, r))
                        })
                } else {
                    label_in(LabelForm::Marked)
                        .or_else(|| {
                            after_quote(&cb.text, close.prose.end, closes_sentence)
                                .and_then(|r| speaker_at(close.block, r))
                        })
                        .or_else(|| {
                            outlet_before_headline(doc, open.block, open.prose.start)
                                .and_then(|r| speaker_at(open.block, r))
                        })
                        .or_else(|| label_in(LabelForm::Loose))
                        .or_else(|| {
                            before_quote(ob, open.prose.start)
                                .and_then(|r| speaker_at(open.block, r))
                        })
                        .or_else(|| {
                            document_subject(ob, open.prose.start)
                                .and_then(|r| speaker_at(open.block, r))
                        })
                        .or_else(|| {
                            colon_subject(doc, ob, open.prose.start, &ctx)
                                .and_then(|r| speaker_at(open.block, r))
                        })
                        .or_else(|| {
                            let verb_first =
                                quote.text.trim_start().starts_with(char::is_lowercase);
                            (quote.kind == QuoteKind::Fragment && verb_first)
                                .then(|| subject_of_fragment(ob, open.prose.start))
                                .flatten()
                                .and_then(|r| speaker_at(open.block, r))
                        })
                        .or_else(|| {
                            let alone = ob.text[..open.prose.start].trim().is_empty()
                                && cb.text[close.prose.end..]
                                    .trim_matches(|c: char| !c.is_alphanumeric())
                                    .is_empty();
                            let opens_block = ob.text[..open.prose.start].trim().is_empty();
                            if alone {
                                next_block_credit(doc, close.block)
                                    .or_else(|| previous_block_label(doc, open.block))
                            } else if opens_block {
                                previous_block_label(doc, open.block)
                            } else {
                                earlier_in_paragraph(
                                    ob,
                                    sentence_start(&ob.text, open.prose.start),
                                    registry,
                                )
                                .map(|r| (open.block, r))
                            }
                            .and_then(|(b, r)| speaker_at(b, r))
                        })
                        .or_else(|| {
                            list_intro(doc, open.block, open.prose.start)
                                .and_then(|(b, r)| speaker_at(b, r))
                        })
                }
            }
        };
        let found =
            found.filter(|(block, range)| plausible(&doc.blocks[*block].text[range.clone()]));
        let speaker = match found {
            Some((block, range)) => {
                let b = &doc.blocks[block];
                // `Cynthia {{< legacy-img … >}}`: a credit stops where markup starts.
                let markup = b.text[range.clone()]
                    .find("{{")
                    .or_else(|| b.text[range.clone()].find('<'));
                let range = match markup {
                    Some(at) => {
                        range.start
                            ..range.start + b.text[range.start..range.start + at].trim_end().len()
                    }
                    None => range,
                };
                let text = b.text[range.clone()].trim();
                if is_personal_pronoun(text) {
                    if let Some(name) = paragraph_subject(&b.text, range.start) {
                        let id = resolve_name(registry, &name).map(|e| e.id.clone());
                        remember(&mut ctx, EntryKind::Person, &name, id);
                    } else if let Some((name, id)) = nearest_mention(doc, block, range.start, &ctx)
                    {
                        let id = id.or_else(|| resolve_name(registry, &name).map(|e| e.id.clone()));
                        ctx.last_person = Some((name, id));
                    }
                }
                Some(classify(text, b.file_span(range), registry, &mut ctx))
            }
            None => {
                // A paragraph that is only a quotation continues the one before it, and
                // `“A,” said Voss. “B.”` gives B the speaker of A in the same paragraph.
                let block = quote.open.map(|o| analysis.marks[o].block);
                let only_quote = quote.open.is_some_and(|o| {
                    let m = &analysis.marks[o];
                    doc.blocks[m.block].text[..m.prose.start].trim().is_empty()
                });
                // A short paragraph of its own that is a sentence (`“Two.”`) is a
                // reply, not a term in the writer's sentence.
                let spoken_alone = only_quote && quote.text.trim_end().ends_with(['.', '!', '?']);
                // A heading starts a new section: it neither speaks for the quotation before
                // it nor lets a quotation after it carry on that speaker.
                let new_section = block.is_none_or(|b| {
                    doc.blocks[previous.as_ref().map_or(b, |p| p.2.min(b))..=b]
                        .iter()
                        .any(|blk| blk.kind == BlockKind::Heading)
                });
                match &previous {
                    Some((_, s, prev_block))
                        if quote.delimiter == Delimiter::Marks
                            && (quote.kind != QuoteKind::Term || spoken_alone)
                            && (only_quote || block == Some(*prev_block))
                            && !new_section =>
                    {
                        Some(s.clone())
                    }
                    _ => None,
                }
            }
        };
        if let (Some(s), Some(close)) = (&speaker, quote.close) {
            previous = Some((out.len(), s.clone(), analysis.marks[close].block));
        }
        out.push(speaker);
    }
    out
}

/// Words a group may run to without a determiner (`people`, `users in Ohio`).
const MAX_GROUP_WORDS: usize = 3;

/// A name may hold this many lowercase words that are not connectors (`Lucía Ortega de
/// la Cruz`, `Ana Ruiz, director`); more, and it is a clause (`One of the reasons this is
/// a hard question`).
const MAX_LOWERCASE_IN_NAME: usize = 2;

/// Titles before a name run long (`Former National Security Council Coordinator for the
/// Middle East and North Africa Brett McGurk`).
const MAX_NAME_WORDS: usize = 16;

/// Whether `text` can name or describe a speaker: a pronoun, a capitalized name, a
/// description that starts with a determiner, a lowercase title before a name
/// (`spokeswoman Adaeze Morrow`), or a user handle (`the_moongirl`); letters, not a
/// number or a date; short; no quotation marks (a span that runs into a quotation is a
/// piece of a sentence).
fn plausible(text: &str) -> bool {
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

/// `> …` then `> — Dana Voss, Farm Bureau`: the credit line of a blockquote.
fn blockquote_credit(doc: &Document, span: Span) -> Option<(usize, Range<usize>)> {
    let (index, block) = doc.blocks.iter().enumerate().rev().find(|(_, b)| {
        let e = b.file_extent();
        e.start >= span.start && e.end <= span.end
    })?;
    let text = block.text.trim_start();
    let lead = block.text.len() - text.len();
    let body = text.trim_start_matches(['—', '–', '-', ' ', '\u{a0}']);
    let start = if body.len() == text.len() {
        credit_ending(&block.text)?
    } else {
        lead + (text.len() - body.len())
    };
    let ws = words(&block.text, start..block.text.len());
    phrase_after(&ws).map(|r| (index, r))
}

/// Where a credit at the end of a blockquote's last paragraph starts: `… with your
/// customer. —Tim Hudak, communications lead`, a dash right after the last sentence, then
/// a capitalized name.
fn credit_ending(text: &str) -> Option<usize> {
    let dash = text.rfind(['—', '–'])?;
    let before = text[..dash].trim_end();
    let after = &text[dash..];
    let name = after.trim_start_matches(['—', '–', ' ', '\u{a0}']);
    let ends_sentence = before.ends_with(['.', '!', '?', '”', '"']);
    let short = name.split_whitespace().count() <= MAX_LABEL_WORDS;
    (ends_sentence && short && name.starts_with(char::is_uppercase))
        .then(|| text.len() - name.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ReadOptions;

    fn speakers(text: &str) -> Vec<Option<String>> {
        let doc = Document::parse("t.md", text.to_string(), &ReadOptions::default());
        let lang = &LEXICON.marks["en"];
        let analysis = crate::quotes::analyze(&doc, lang);
        attribute(&doc, &analysis, &Registry::default())
            .into_iter()
            .map(|s| s.map(|s| s.text))
            .collect()
    }

    #[test]
    fn the_common_patterns() {
        assert_eq!(
            speakers("“We will not,” Ortega said."),
            vec![Some("Ortega".into())]
        );
        assert_eq!(
            speakers("“We will not,” said Sen. Lucía Ortega, who chairs it."),
            vec![Some("Sen. Lucía Ortega".into())]
        );
        assert_eq!(
            speakers("Mayor Ilse Brandt said, “We will not.”"),
            vec![Some("Mayor Ilse Brandt".into())]
        );
        assert_eq!(
            speakers("Voss told reporters: “No.”"),
            vec![Some("Voss".into())]
        );
        assert_eq!(
            speakers("“No,” according to the harbor master."),
            vec![Some("the harbor master".into())]
        );
        assert_eq!(
            speakers("Lucía Ortega: “No.”"),
            vec![Some("Lucía Ortega".into())]
        );
        assert_eq!(
            speakers("In Ortega’s words, “never.”"),
            vec![Some("Ortega’s".into())]
        );
        assert_eq!(
            speakers("As Voss put it, “never again.”"),
            vec![Some("Voss".into())]
        );
        assert_eq!(
            speakers("Ortega, in a statement, called the plan “a slow-motion disaster.”"),
            vec![Some("Ortega".into())]
        );
        assert_eq!(
            speakers("“First,” Voss said, “second.”"),
            vec![Some("Voss".into()), Some("Voss".into())]
        );
        assert_eq!(
            speakers("“No,” a 2019 commission report states."),
            vec![Some("a 2019 commission report".into())]
        );
    }

    #[test]
    fn a_quote_only_paragraph_continues_the_speaker() {
        assert_eq!(
            speakers("“One,” Ortega said.\n\n“Two.”"),
            vec![Some("Ortega".into()), Some("Ortega".into())]
        );
    }

    #[test]
    fn names_hold_titles_and_connectors() {
        assert_eq!(
            speakers("“We will,” White House Press Secretary Dana Voss said."),
            vec![Some("White House Press Secretary Dana Voss".into())]
        );
        assert_eq!(
            speakers(
                "“We will not back down,” American Federation of Farmers President Ana Ruiz told reporters."
            ),
            vec![Some(
                "American Federation of Farmers President Ana Ruiz".into()
            )]
        );
    }

    #[test]
    fn labels_before_the_quotation() {
        assert_eq!(
            speakers("**Ana Ruiz, Professor of Law & Fellow, S.J. Kell College, University of Marrow**: “We agree with the plan.”"),
            vec![Some("Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("**President Voss** **summed up the year in one line:** “We delivered.”"),
            vec![Some("President Voss".into())]
        );
        assert_eq!(
            speakers("From the app store description: “Karen answers food safety questions.”"),
            vec![Some("the app store description".into())]
        );
        assert_eq!(
            speakers(
                "**Marrow Farm Bureau**  \n“We support it,” said Farm Bureau President Ana Ruiz."
            ),
            vec![Some("Farm Bureau President Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("- Kestrel College swim team member Ana Ruiz: “We trained for years.”"),
            vec![Some("Kestrel College swim team member Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("Here’s what you missed:\n\n“We delivered on every promise.”"),
            vec![None]
        );
    }

    #[test]
    fn a_quotation_that_ends_its_sentence_keeps_the_next_one_apart() {
        assert_eq!(
            speakers("Dan stated that the goal “is to help survivors first.” He noted that, “we can adapt the message.”"),
            vec![Some("Dan".into()), Some("He".into())]
        );
    }

    #[test]
    fn words_that_are_no_speaker() {
        // The verb is not the first of its clause: no `Said Mike` inversion.
        assert_eq!(
            speakers("Fern explains PWAs this way: “They are fast and they work offline.”"),
            vec![Some("Fern".into())]
        );
        // Passive: the subject heard the question.
        assert_eq!(
            speakers("One question we get asked most is: “How much will it cost?”"),
            vec![None]
        );
        // Terms take no speaker from a verb far off or from the quotation before.
        assert_eq!(
            speakers(
                "The United States of America (“United States”) and Marrow (“Marrow”) signed it."
            ),
            vec![None, None]
        );
        assert_eq!(
            speakers("“We will,” Voss said at the hearing on Tuesday. Growers in the valley know the region as the “Dry Corridor” now."),
            vec![Some("Voss".into()), None]
        );
    }

    #[test]
    fn documents_and_handles() {
        assert_eq!(
            speakers("The compact guarantees each state a share “in proportion to historic use.”"),
            vec![Some("The compact".into())]
        );
        assert_eq!(
            speakers("“Hello developers,” posted the_moongirl under her two-star app rating."),
            vec![Some("the_moongirl".into())]
        );
    }

    #[test]
    fn labels_that_open_with_a_title() {
        assert_eq!(
            speakers("**Lockheed Chairman, President and CEO Ana Ruiz:** “We build.”"),
            vec![Some("President and CEO Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("**Senior Counsel for Marrow Cities, Ana Ruiz:** “We build.”"),
            vec![Some("Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("**Ana Ruiz, CEO, Marrow Group:** “We build.”"),
            vec![Some("Ana Ruiz".into())]
        );
    }

    #[test]
    fn labels_that_open_with_a_place_or_a_long_title() {
        assert_eq!(
            speakers("**Little Rock, Arkansas Mayor Ana Ruiz:** “We build.”"),
            vec![Some("Mayor Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("**Benton Harbor, MI Mayor Ana Ruiz:** “We build.”"),
            vec![Some("Mayor Ana Ruiz".into())]
        );
        // A state inside an organization's name stays (`Texas Division of …`), and the
        // segment after a name that holds a state and a title is no city's.
        assert_eq!(
            speakers("**Ana Ruiz, California Program Director, Outdoor Alliance:** “We build.”"),
            vec![Some("Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("**Ranking Member, Marrow Committee, Senator Ana Ruiz:** “We build.”"),
            vec![Some("Senator Ana Ruiz".into())]
        );
        // A postal code is written in capitals: `Al` is a name.
        assert_eq!(
            speakers("**Al Ruiz, Al Mayor Ana Ruiz:** “We build.”"),
            vec![Some("Al Ruiz".into())]
        );
    }

    #[test]
    fn fact_check_and_date_labels_name_no_speaker() {
        assert_eq!(speakers("**CLAIM:** “The river is dry.”"), vec![None]);
        assert_eq!(speakers("May 2020: “The river is dry.”"), vec![None]);
        assert_eq!(
            speakers("**FACT:** “The river runs,” the Ledger reported."),
            vec![Some("the Ledger".into())]
        );
        assert_eq!(
            speakers("**FACT:** Ana Ruiz answered the charge: “The river runs.”"),
            vec![Some("Ana Ruiz".into())]
        );
        // `May` is a name too, without a year.
        assert_eq!(
            speakers("“The river runs,” said Theresa May."),
            vec![Some("Theresa May".into())]
        );
    }

    #[test]
    fn the_first_person_speaks_only_beside_its_verb() {
        assert_eq!(
            speakers("I said, “Who reads the gauges?”"),
            vec![Some("I".into())]
        );
        assert_eq!(
            speakers("Plato said, and I’m paraphrasing, “Rule or be ruled.”"),
            vec![Some("Plato".into())]
        );
        // Sentences away, `I` tells a story; the term is nobody's.
        assert_eq!(
            speakers("I warned the clerk. Then came a standard of “more likely than not.”"),
            vec![None]
        );
    }

    #[test]
    fn credits_after_the_quotation() {
        assert_eq!(
            speakers("“It is dry,” Rep. Ana Ruiz (D-Calif.), a critic, told the Ledger."),
            vec![Some("Rep. Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("It had an “amazing” response, said Ana Ruiz, the web manager."),
            vec![Some("Ana Ruiz".into())]
        );
        // A verb after a comma that names no one.
        assert_eq!(
            speakers("The new “D” rating will, in turn, inform American travelers of risks."),
            vec![None]
        );
        assert_eq!(
            speakers("> “Get work done quicker” — USDA Apprentice"),
            vec![Some("USDA Apprentice".into())]
        );
        // A dash that goes on with the sentence is no credit.
        assert_eq!(
            speakers("I shouldn’t say “eventuality” — the possibility, rather."),
            vec![None]
        );
        assert_eq!(
            speakers("> Be a person. Say your name. —Tim Ruiz, communications lead"),
            vec![Some("Tim Ruiz".into())]
        );
    }

    #[test]
    fn a_blockquote_takes_the_speaker_of_its_lead_in() {
        assert_eq!(
            speakers("But Ana Ruiz put it this way:\n\n> We build in the open."),
            vec![Some("Ana Ruiz".into())]
        );
        assert_eq!(
            speakers("The lesson comes at the end of the report:\n\n> Count it twice."),
            vec![Some("the report".into())]
        );
        // A lead-in that names no one, and a document that is not what the colon introduces.
        assert_eq!(
            speakers("Here is the short version:\n\n> Count it twice."),
            vec![None]
        );
        assert_eq!(
            speakers("The report came out in May, and it says more:\n\n> Count it twice."),
            vec![Some("it".into())]
        );
    }

    #[test]
    fn a_name_before_a_fragment_speaks_it() {
        assert_eq!(
            speakers("The Palestinian Authority “welcomes the efforts of the envoy.”"),
            vec![Some("The Palestinian Authority".into())]
        );
        assert_eq!(
            speakers("As of today, the Intelligence Community has “coalesced around two views”."),
            vec![Some("the Intelligence Community".into())]
        );
        // Not the subject of a clause after `claims that`: the claim is the exhibit's.
        assert_eq!(
            speakers("The exhibit claims that the United States has “used race to rule.”"),
            vec![Some("The exhibit".into())]
        );
        // Not a common word opening the sentence.
        assert_eq!(speakers("Software is never “done.”"), vec![None]);
        // An imperative opening the sentence is no speaker.
        assert_eq!(
            speakers("Think about the “outside” view, not “how we do it.”"),
            vec![None, None]
        );
    }

    #[test]
    fn spans_that_are_no_speaker() {
        // A question's auxiliary, and words cut off at an article.
        assert_eq!(
            speakers("Can you imagine a kid, two years old, saying, “Mom, no”?"),
            vec![None]
        );
        assert_eq!(
            speakers("“We will not be moved by this,” shared a photo of a"),
            vec![None]
        );
    }

    #[test]
    fn no_speaker() {
        assert_eq!(
            speakers("The board met on “Tuesday night” in the hall."),
            vec![None]
        );
    }
}

/// A word of a person's or organization's name as the article writes it.
#[derive(Clone, Debug)]
pub struct NameMention {
    pub text: String,
    /// Case and accents folded.
    pub folded: String,
    pub span: Span,
}

/// Capitalized words that start a sentence or a heading without being names.
const NOT_NAME_STARTS: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "for", "and", "but", "if", "when", "this", "that", "these",
    "those", "it", "he", "she", "we", "they", "his", "her", "our", "their", "as", "after",
    "before", "with", "from", "by", "to", "of", "while", "since", "during", "under", "over",
    "about", "more", "most", "some", "all",
];

/// The words of names in the article: runs of two or more capitalized words (a title and
/// a leading article or preposition left out), five letters or longer. Also the set of
/// words the article writes in lowercase, which are common words, not names.
/// The titles of one word (`Sen.`, `President`), for a quick test per word.
static ONE_WORD_TITLES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        LEXICON
            .titles
            .iter()
            .filter(|t| t.len() == 1)
            .map(|t| t[0].as_str())
            .collect()
    });

pub fn name_mentions(doc: &Document) -> (Vec<NameMention>, std::collections::HashSet<String>) {
    let mut mentions = Vec::new();
    let mut lowercase = std::collections::HashSet::new();
    for block in &doc.blocks {
        let ws = words(&block.text, 0..block.text.len());
        let mut i = 0;
        while i < ws.len() {
            if !capitalized(&ws[i]) {
                // Only words as long as a reportable name can excuse one.
                let word = ws[i].text;
                if word.len() >= names::MIN_VARIANT_LEN
                    && word.chars().all(char::is_alphabetic)
                    && !lowercase.contains(word)
                {
                    lowercase.insert(names::fold(word));
                }
                i += 1;
                continue;
            }
            let mut j = i;
            while j < ws.len()
                && capitalized(&ws[j])
                && ws[j]
                    .text
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
            {
                j += 1;
                if ends_clause(&ws[j - 1]) {
                    break;
                }
            }
            let run: Vec<&Word> = ws[i..j]
                .iter()
                .skip_while(|w| {
                    NOT_NAME_STARTS.contains(&w.low()) || ONE_WORD_TITLES.contains(w.low())
                })
                .collect();
            if run.len() >= 2 {
                for w in run {
                    let folded = names::fold(w.text);
                    if folded.chars().count() >= names::MIN_VARIANT_LEN
                        && folded.chars().all(char::is_alphabetic)
                    {
                        mentions.push(NameMention {
                            text: w.text.to_string(),
                            folded,
                            span: block.file_span(w.range.clone()),
                        });
                    }
                }
            }
            i = j.max(i + 1);
        }
    }
    (mentions, lowercase)
}
