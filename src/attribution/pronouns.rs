//! Pronouns: the person a `he`, `she` or `they` stands for.

use super::kinds::Context;
use super::words::{capitalized, ends_clause, lower, sentence_start, words, NOT_NAME_STARTS};
use crate::document::Document;
use crate::lexicon::LEXICON;
use crate::registry::names;

pub(super) fn is_personal_pronoun(text: &str) -> bool {
    let lowered = lower(text);
    let p = &LEXICON.pronouns;
    [&p.male, &p.female, &p.neutral]
        .iter()
        .any(|list| list.contains(&lowered))
}

/// How far back a pronoun looks for the person its paragraph is about: a few sentences.
pub(super) const SUBJECT_WINDOW_BYTES: usize = 1000;
pub(super) const SUBJECT_SENTENCES: usize = 3;

/// The person a pronoun at `to` stands for when an earlier sentence of its paragraph opens
/// with their name (`Claire Loxsom shared that … She explained, “…`): a run of two or more
/// capitalized words, then a lowercase word. A sentence with a quotation in it stops the
/// search: its attribution (`“A,” said Voss. “B,” she added.`) is the better referent,
/// and the speakers found so far hold it.
pub(super) fn paragraph_subject(text: &str, to: usize) -> Option<String> {
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
pub(super) const MENTION_BLOCKS: usize = 2;

/// The person named last before `to` in block `block` or the paragraphs just before it,
/// among the people the article has named as speakers, by full name or surname: `Virmani
/// pointed out …` then `“…,” she advised` is Virmani, whoever spoke before.
pub(super) fn nearest_mention(
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
