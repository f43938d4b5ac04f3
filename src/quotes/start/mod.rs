//! Where a quotation that lost its opening mark most likely began.
//!
//! Every word start between the paragraph start (or the previous closing mark) and the
//! orphaned closing mark is a candidate ([`candidates`]); each is described by lexical
//! features ([`features`]) and a trained log-linear model ranks them ([`ranker`]). The old
//! rule-based guess ([`rule_based_start`]) is one of the features, and stands alone if the
//! embedded weights ever fail to load.

pub mod candidates;
pub mod features;
mod heuristic;
pub mod ranker;
pub mod strip;

pub use heuristic::rule_based_start;

use self::candidates::{Floor, Region};
use self::features::{features, trail_kind, word_classes, RegionFacts};
use self::ranker::{Model, Ranked};
use super::QuoteAnalysis;
use crate::document::Document;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartReason {
    AfterSpeechVerb,
    AfterColon,
    SentenceStart,
    ParagraphStart,
    /// The words before the mark end without punctuation: a fragment, which could have
    /// started anywhere in its sentence.
    SomewhereInSentence,
    /// The words before the mark end with wording the registry records.
    RecordedWording,
    /// The start of a sentence inside the paragraph.
    AtSentenceStart,
    /// Inside a sentence, after the words that lead into a fragment.
    InsideSentence,
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
            StartReason::RecordedWording => "where the wording recorded in the registry begins",
            StartReason::SomewhereInSentence => {
                "somewhere in this sentence: the quoted words end without punctuation, so they may be a fragment"
            }
            StartReason::AtSentenceStart => "at the start of the sentence",
            StartReason::InsideSentence => "inside the sentence, after the words that lead into it",
        }
    }

    /// A short name, used as a feature of the candidate the rules picked.
    pub fn code(self) -> &'static str {
        match self {
            StartReason::AfterSpeechVerb => "speech_verb",
            StartReason::AfterColon => "colon",
            StartReason::SentenceStart => "after_close",
            StartReason::ParagraphStart => "paragraph",
            StartReason::SomewhereInSentence => "fragment",
            StartReason::RecordedWording => "recorded",
            StartReason::AtSentenceStart => "sentence",
            StartReason::InsideSentence => "inside",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StartGuess {
    /// Byte offset in the prose of the orphan mark's block.
    pub prose: usize,
    pub reason: StartReason,
    /// How likely the quotation begins exactly here (0–1); `None` from the rules alone.
    pub confidence: Option<f32>,
    /// The next most likely start, given only when the best one is not sure enough.
    pub runner_up: Option<usize>,
}

/// Guesses where the quotation closed by the orphan mark `orphan` began. The search never
/// goes back past the previous closing mark in the paragraph (nor further than
/// [`candidates::MAX_CANDIDATES`] words), so it stays linear however many orphans a
/// paragraph holds.
pub fn likely_start(doc: &Document, a: &QuoteAnalysis, orphan: usize) -> Option<StartGuess> {
    let rules = rule_based_start(doc, a, orphan);
    let (Some(model), Some(region)) = (ranker::MODEL.as_ref(), candidates::region(doc, a, orphan))
    else {
        return rules;
    };
    let ranked = rank(model, &region, rules)?;
    let best = region.tokens[ranked.best].start;
    let reason = match rules {
        Some(guess) if guess.prose == best => guess.reason,
        _ => describe(&region, ranked.best),
    };
    Some(StartGuess {
        prose: best,
        reason,
        confidence: Some(ranked.confidence),
        runner_up: ranked
            .runner_up
            .filter(|_| ranked.confidence < model.runner_up_below)
            .map(|i| region.tokens[i].start),
    })
}

/// Ranks a region's candidates with `model`; `rules` is the rule-based guess.
pub fn rank(model: &Model, region: &Region, rules: Option<StartGuess>) -> Option<Ranked> {
    model.rank(&region_features(region, rules))
}

/// Every candidate's features, in candidate order.
pub fn region_features(region: &Region, rules: Option<StartGuess>) -> Vec<Vec<String>> {
    let facts = RegionFacts::new(region, rules.and_then(|g| rule_pick(region, g)));
    (0..region.tokens.len())
        .map(|i| features(region, &facts, i))
        .collect()
}

/// The candidate the rule-based guess lands on (the first word at or after it), and why.
pub fn rule_pick(region: &Region, guess: StartGuess) -> Option<(usize, &'static str)> {
    let i = region.tokens.partition_point(|t| t.start < guess.prose);
    (i < region.tokens.len()).then_some((i, guess.reason.code()))
}

/// Why a ranked candidate is a likely start, in the words of [`StartReason`].
fn describe(region: &Region, i: usize) -> StartReason {
    let Some(before) = i.checked_sub(1).map(|j| &region.tokens[j]) else {
        return match region.floor_kind {
            Floor::PreviousClose => StartReason::SentenceStart,
            Floor::ParagraphStart | Floor::Capped => StartReason::ParagraphStart,
        };
    };
    match trail_kind(before) {
        "colon" => StartReason::AfterColon,
        "end" => StartReason::AtSentenceStart,
        "comma" if word_classes(before).contains(&"speech") => StartReason::AfterSpeechVerb,
        _ => StartReason::InsideSentence,
    }
}
