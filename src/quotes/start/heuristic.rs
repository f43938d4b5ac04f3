//! The rule-based guess at where a quotation that lost its opening mark began: the last
//! colon or `said,` before the mark, else the start of the sentence. The ranker takes it as
//! one of its features, and the evaluation reports it as the baseline.

use super::{StartGuess, StartReason};
use crate::document::Document;
use crate::lexicon::LEXICON;
use crate::quotes::{QuoteAnalysis, Role};

/// Guesses where the quotation closed by the orphan mark `orphan` began. The search never
/// goes back past the previous closing mark in the paragraph, so it stays linear however
/// many orphans a paragraph holds.
pub fn rule_based_start(doc: &Document, a: &QuoteAnalysis, orphan: usize) -> Option<StartGuess> {
    let mark = &a.marks[orphan];
    let text = &doc.blocks[mark.block].text;
    let floor = a.marks[..orphan]
        .iter()
        .rev()
        .take_while(|m| m.block == mark.block)
        .find(|m| m.role == Role::Close)
        .map_or(0, |m| m.prose.end);
    let region = &text[floor..mark.prose.start];

    let mut best: Option<(usize, StartReason)> = None;
    let mut consider = |at: usize, reason| {
        if best.is_none_or(|(b, _)| at > b) {
            best = Some((at, reason));
        }
    };
    for (i, _) in region.match_indices(": ") {
        consider(i + 2, StartReason::AfterColon);
    }
    let mut offset = 0;
    for piece in region.split_inclusive(char::is_whitespace) {
        let here = offset;
        offset += piece.len();
        let word = piece.trim_end();
        if let Some(verb) = word.strip_suffix(',') {
            if LEXICON.is_speech_verb(verb.trim_matches(|c: char| !c.is_alphabetic())) {
                consider(here + word.len(), StartReason::AfterSpeechVerb);
            }
        }
    }
    // `disaster” for farm towns`: no punctuation before the mark and a word after it. (In
    // German and French the comma stands outside: `nicht“, sagte` is a whole sentence.)
    let after = &text[mark.prose.end..];
    let word_after = after
        .trim_start()
        .starts_with(|c: char| c.is_alphanumeric());
    let fragment = word_after && region.trim_end().ends_with(|c: char| c.is_alphanumeric());
    let (start, reason) = match best {
        Some(found) => found,
        None if fragment => (sentence_start(region), StartReason::SomewhereInSentence),
        None if floor > 0 => (sentence_start(region), StartReason::SentenceStart),
        None => (0, StartReason::ParagraphStart),
    };
    // The first word from there: not a space, not a dash that introduces the quotation.
    let skipped =
        region[start..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '–'));
    if skipped.is_empty() {
        return None;
    }
    Some(StartGuess {
        prose: floor + region.len() - skipped.len(),
        reason,
        confidence: None,
        runner_up: None,
    })
}

/// Where the last sentence of `region` starts: after the last `.`, `?` or `!` that is
/// followed by a space and does not end an abbreviation (`Sen.`), or at the start.
fn sentence_start(region: &str) -> usize {
    region
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            let ends =
                matches!(c, '.' | '?' | '!') && region[i + 1..].starts_with(char::is_whitespace);
            ends && !(c == '.' && LEXICON.is_abbreviation(word_before(region, i)))
        })
        .map_or(0, |(i, _)| i + 1)
}

/// The word that ends at byte `end` (letters, digits and inner periods: `U.S`).
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(end, |(i, _)| i);
    &text[start..end]
}
