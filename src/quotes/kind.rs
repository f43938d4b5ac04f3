//! Speech, fragment or term: decided from the quoted words and the speech verbs near them.

use super::{Delimiter, QuoteAnalysis, QuoteKind};
use crate::document::Document;
use crate::lexicon::LEXICON;

/// Titles of works and bills run long (`the “Emergency Medical Services for Children
/// Reauthorization Act”`); longer title-case quotations are taken for speech.
const TITLE_WORDS: usize = 16;

/// Words after which a quotation in title case names a thing (a possessive too:
/// `the United States’ “Implementation-Plus” approach`).
const ARTICLES: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this",
];

/// Words on each side of a quotation, in its sentence, where a speech verb makes a short
/// quotation before a noun someone's words rather than a name.
const CLOSE_VERB_WORDS: usize = 4;

/// How many words on each side of a quotation are searched for a speech verb.
const VERB_WINDOW: usize = 6;

fn has_speech_verb<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    words.any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        !w.is_empty() && LEXICON.is_speech_verb(w)
    })
}

/// A quotation this short right after a term cue is a term.
const TERM_WORDS: usize = 6;

/// Whether `before` ends with a term cue (`known as`, `so-called`), an article allowed
/// after it.
fn after_term_cue(before: &str) -> bool {
    let mut last: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(5)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect();
    last.reverse();
    if matches!(
        last.last().map(String::as_str),
        Some("a" | "an" | "the" | "its" | "their" | "his" | "her")
    ) {
        last.pop();
    }
    LEXICON
        .term_cues
        .iter()
        .any(|cue| last.len() >= cue.len() && last[last.len() - cue.len()..] == cue[..])
}

pub fn assign(doc: &Document, a: &mut QuoteAnalysis) {
    for q in a
        .quotes
        .iter_mut()
        .filter(|q| q.delimiter == Delimiter::Marks)
    {
        let (Some(open), Some(close)) = (q.open, q.close) else {
            continue;
        };
        let (open, close) = (&a.marks[open], &a.marks[close]);
        let before = &doc.blocks[open.block].text[..open.prose.start];
        let after = &doc.blocks[close.block].text[close.prose.end..];
        let verb_near = has_speech_verb(before.split_whitespace().rev().take(VERB_WINDOW))
            || has_speech_verb(after.split_whitespace().take(VERB_WINDOW));
        let words = q.text.split_whitespace().count();
        let text = q.text.trim();
        let starts_upper = text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase);
        let ends_sentence = text.ends_with(['.', '?', '!', '…', ',', '—', '–', ':', ';']);
        let whole_block =
            before.trim().is_empty() && after.trim_start_matches(['.', ',']).trim().is_empty();
        // `“Life in the Fast Lane,”`: the title of a work, in title case, with no verb near.
        let capitals = text
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let title_case = words <= TITLE_WORDS
            && capitals * 3 >= words * 2
            && !text.trim_end_matches(['.', ',']).contains(['.', '!', '?']);
        let after_cue = words <= TERM_WORDS && after_term_cue(before);
        // A name used as a noun or before one (`endorsed the “Right to Repair,”`, `the
        // “Implementation-Plus” approach`) is a term even when a speech verb stands near.
        let after_article = before.split_whitespace().next_back().is_some_and(|w| {
            ARTICLES.contains(&w.to_lowercase().as_str())
                || w.ends_with(['’', '\''])
                || w.ends_with("’s")
                || w.ends_with("'s")
        });
        let before_noun = !ends_sentence
            && after.starts_with(' ')
            && after.trim_start().starts_with(char::is_lowercase);
        // `the “use it or lose it” policy`: after an article and before a noun, short words
        // name a thing (not before `for`, `and`, `today`: `called it a “litmus test” for …`).
        let next_word = after
            .split_whitespace()
            .next()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .unwrap_or_default();
        let before_content_word = before_noun
            && !LEXICON.not_speakers.contains(&next_word)
            && !LEXICON.clause_words.contains(&next_word);
        // Not after a possessive (`announced its “…” plan` credits its owner) nor with a
        // speech verb close by (`an “amazing” response, said Ana Ruiz`, `As Ruiz explains,
        // there’s a “two-pronged” plan`).
        let plain_article = before
            .split_whitespace()
            .next_back()
            .is_some_and(|w| ["the", "a", "an", "this"].contains(&w.to_lowercase().as_str()));
        let same_sentence = |w: &&str| !w.ends_with(['.', '!', '?']);
        let verb_close = has_speech_verb(
            before
                .split_whitespace()
                .rev()
                .take(CLOSE_VERB_WORDS)
                .take_while(same_sentence),
        ) || has_speech_verb(after.split_whitespace().take(CLOSE_VERB_WORDS));
        let names_a_thing = (title_case && starts_upper && (after_article || before_noun))
            || (plain_article && before_content_word && !verb_close && words <= TERM_WORDS);
        q.kind = if after_cue || names_a_thing || ((words <= 2 || title_case) && !verb_near) {
            QuoteKind::Term
        } else if starts_upper && (ends_sentence || whole_block || verb_near) {
            QuoteKind::Speech
        } else {
            QuoteKind::Fragment
        };
    }
}
