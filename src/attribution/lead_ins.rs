//! Step: a lead-in in the paragraph before (a label paragraph, `Ortega told the board:`).

use std::ops::Range;

use super::before::before_quote;
use super::kinds::plausible;
use super::labels::label_speaker;
use super::words::{
    capitalized, ends_clause, has_sentence_verb, sentence_start, words, NOUN_PHRASE_WORDS,
};
use crate::document::{Document, ProseBlock};
use crate::lexicon::LEXICON;
use crate::span::Span;

/// For a quotation that opens its paragraph: a label paragraph just before it
/// (`**Marc Morial, President of the League**`), or an introduction ending with a colon
/// (`President Trump said:` before a list of quotations).
pub(super) fn previous_block_label(doc: &Document, block: usize) -> Option<(usize, Range<usize>)> {
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
pub(super) fn lead_in_speaker(block: &ProseBlock, to: usize) -> Option<Range<usize>> {
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
pub(super) fn blockquote_lead_in(doc: &Document, span: Span) -> Option<(usize, Range<usize>)> {
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
