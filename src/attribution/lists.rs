//! Step: list introductions: the person a heading or lead-in above a list of quotations
//! names.

use std::ops::Range;

use super::kinds::Context;
use super::sieve::{Around, Found};
use super::words::{capitalized, ends_clause, is_connector, title_at, words, NOT_NAME_STARTS};
use crate::document::{BlockKind, Document, ProseBlock};
use crate::lexicon::LEXICON;

/// Words of a topic label a list item may put before its quotation (`[On the strikes](…):
/// “…`).
pub(super) const MAX_TOPIC_LABEL_WORDS: usize = 8;

/// Items of a list that must open with a quotation for the list to be a list of one
/// speaker's quotations.
pub(super) const MIN_QUOTATION_ITEMS: usize = 3;

/// Blocks above a list searched for the person it quotes.
pub(super) const LIST_INTRO_BLOCKS: usize = 4;

/// Whether the words before `to` in a list item leave the quotation at `to` opening the
/// item: nothing, or a topic label that names no speaker (`On the strikes:`).
pub(super) fn opens_item(text: &str, to: usize) -> bool {
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
pub(super) fn list_intro(doc: &Document, block: usize, to: usize) -> Option<(usize, Range<usize>)> {
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

/// The person an introduction or heading is about: the first titled name in it
/// (`…, President Ana Voss reflected on …`, `Governor Reyes on Channel 4`) or a name of two
/// or more words that opens a sentence and is followed by a lowercase word. Not a
/// possessive (`the Governor’s address`).
pub(super) fn intro_subject(block: &ProseBlock) -> Option<Range<usize>> {
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

/// Sieve step: the person the heading or introduction above a list of quotations names.
pub(super) fn under_list_intro(at: &Around, _: &Context) -> Found {
    list_intro(at.doc, at.open.block, at.open.prose.start)
}
