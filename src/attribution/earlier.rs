//! Step: earlier mentions: the last name named earlier in the quotation's paragraph.

use std::ops::Range;

use super::before::cue_before;
use super::credits::next_block_credit;
use super::kinds::Context;
use super::lead_ins::previous_block_label;
use super::names::strip_title;
use super::sieve::{Around, Found};
use super::words::{
    capitalized, ends_clause, lower, sentence_start, subject_before, verb_at, words,
};
use crate::document::ProseBlock;
use crate::lexicon::LEXICON;
use crate::registry::{EntryKind, Registry};

/// The last name named in `text[..to]` of the paragraph: for a quotation whose speaker was
/// named a sentence or two before it.
pub(super) fn earlier_in_paragraph(
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

/// Sieve step: the paragraphs around. A quotation alone in its paragraph takes a credit
/// line after it or a label before it; one opening its paragraph, a label paragraph
/// before; any other, the name named last earlier in its paragraph.
pub(super) fn around_the_paragraph(at: &Around, _: &Context) -> Found {
    let (ob, cb, open, close) = (at.ob, at.cb, at.open, at.close);
    let alone = ob.text[..open.prose.start].trim().is_empty()
        && cb.text[close.prose.end..]
            .trim_matches(|c: char| !c.is_alphanumeric())
            .is_empty();
    let opens_block = ob.text[..open.prose.start].trim().is_empty();
    if alone {
        next_block_credit(at.doc, close.block).or_else(|| previous_block_label(at.doc, open.block))
    } else if opens_block {
        previous_block_label(at.doc, open.block)
    } else {
        at.before(earlier_in_paragraph(
            ob,
            sentence_start(&ob.text, open.prose.start),
            at.registry,
        ))
    }
}
