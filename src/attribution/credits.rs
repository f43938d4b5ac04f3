//! Step: credit lines (`> — Dana Voss, Farm Bureau` under a blockquote, `– Name, Title` in
//! the paragraph after a quotation that stands alone).

use std::ops::Range;

use super::labels::MAX_LABEL_WORDS;
use super::words::{phrase_after, words};
use crate::document::Document;
use crate::span::Span;

/// For a paragraph that is only a quotation: a credit line in the paragraph after it
/// (`“…”` then `– Cheryl Smith, Associate Medical Director`), as under a blockquote.
pub(super) fn next_block_credit(doc: &Document, block: usize) -> Option<(usize, Range<usize>)> {
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

/// `> …` then `> — Dana Voss, Farm Bureau`: the credit line of a blockquote.
pub(super) fn blockquote_credit(doc: &Document, span: Span) -> Option<(usize, Range<usize>)> {
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
pub(super) fn credit_ending(text: &str) -> Option<usize> {
    let dash = text.rfind(['—', '–'])?;
    let before = text[..dash].trim_end();
    let after = &text[dash..];
    let name = after.trim_start_matches(['—', '–', ' ', '\u{a0}']);
    let ends_sentence = before.ends_with(['.', '!', '?', '”', '"']);
    let short = name.split_whitespace().count() <= MAX_LABEL_WORDS;
    (ends_sentence && short && name.starts_with(char::is_uppercase))
        .then(|| text.len() - name.len())
}
