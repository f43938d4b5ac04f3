//! Where a quotation that lost its opening mark most likely began.

use super::{QuoteAnalysis, Role};
use crate::document::Document;
use crate::lexicon::LEXICON;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartReason {
    AfterSpeechVerb,
    AfterColon,
    SentenceStart,
    ParagraphStart,
}

impl StartReason {
    pub fn describe(self) -> &'static str {
        match self {
            StartReason::AfterSpeechVerb => "after the speech verb",
            StartReason::AfterColon => "after the colon",
            StartReason::SentenceStart => {
                "at the start of the sentence after the previous quotation"
            }
            StartReason::ParagraphStart => "at the start of the paragraph",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StartGuess {
    /// Byte offset in the prose of the orphan mark's block.
    pub prose: usize,
    pub reason: StartReason,
}

/// Guesses where the quotation closed by the orphan mark `orphan` began. The search never
/// goes back past the previous closing mark in the paragraph, so it stays linear however
/// many orphans a paragraph holds.
pub fn likely_start(doc: &Document, a: &QuoteAnalysis, orphan: usize) -> Option<StartGuess> {
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
    let (start, reason) = match best {
        Some(found) => found,
        None if floor > 0 => {
            let after_sentence = region
                .char_indices()
                .find(|&(i, c)| {
                    matches!(c, '.' | '?' | '!') && region[i + 1..].starts_with(char::is_whitespace)
                })
                .map(|(i, _)| i + 1);
            (after_sentence.unwrap_or(0), StartReason::SentenceStart)
        }
        None => (0, StartReason::ParagraphStart),
    };
    let skipped = region.get(start..)?;
    let first = skipped.find(|c: char| !c.is_whitespace())?;
    Some(StartGuess {
        prose: floor + start + first,
        reason,
    })
}
