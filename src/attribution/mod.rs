//! Who said each quotation (DESIGN.md §6): the speaker's words around the quotation, what
//! kind of speaker they are, and the registry entry they resolve to.
//!
//! Each top-level quotation goes through a sieve: the ways of finding a speaker are tried
//! in the order of [`SIEVE`] (one file per step), and the first whose words look like a
//! speaker wins. A quotation with none takes the speaker of the one before it when it
//! carries on its paragraph. Pronouns and surnames then resolve to the nearest fitting
//! full name ([`pronouns`], [`names`]), and [`kinds`] says what kind of speaker it is.
//! Word lists come from `rules/lexicon/`.

mod after;
mod before;
mod credits;
mod earlier;
mod kinds;
mod labels;
mod lead_ins;
mod lists;
mod names;
mod pronouns;
mod sieve;
mod words;

#[cfg(test)]
mod tests;

use std::ops::Range;

pub use kinds::{Speaker, SpeakerKind};
pub use names::{name_mentions, strip_title, NameMention};

use crate::document::{BlockKind, Document};
use crate::quotes::{Delimiter, Quote, QuoteAnalysis, QuoteKind};
use crate::registry::{EntryKind, Registry};
use kinds::{classify, plausible, remember, Context};
use sieve::{Around, Step};

/// The sieve for a quotation set off by marks, in order.
const SIEVE: &[Step] = &[
    labels::marked_label,          // **Ortega:** “…
    after::after_the_quote,        // “…,” Ortega said.
    labels::outlet_headline,       // **Ledger:** Headline, then “…” on the next line
    labels::loose_label,           // Ortega - “…
    before::sentence_before,       // Ortega said: “…  /  According to Ortega, “…
    before::document_at_head,      // The compact guarantees … “…”
    before::colon_lead_in,         // Law defined a “sweet spot” for the game: “…
    before::fragment_subject,      // The Authority “welcomes the efforts …”
    earlier::around_the_paragraph, // credit lines, label paragraphs, earlier sentences
    lists::under_list_intro,       // a list of quotations under a lead-in
];

/// The sieve for a term, title or scare quote: it has no speech verb near it, so only a
/// label or a cue right next to it gives it a speaker.
const TERM_SIEVE: &[Step] = &[
    labels::marked_label,   // **Ortega:** “No.”
    after::cue_after,       // “No,” according to the harbor master
    before::cue_leading_in, // According to the harbor master, “No.”
];

/// The speaker of every quotation in `analysis.quotes` (same order); `None` for nested
/// quotations and those with no speaker found.
pub fn attribute(
    doc: &Document,
    analysis: &QuoteAnalysis,
    registry: &Registry,
) -> Vec<Option<Speaker>> {
    let mut ctx = Context::default();
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(analysis.quotes.len());
    // The last speaker found, and the block where that quotation closed.
    let mut previous: Option<(usize, Speaker, usize)> = None;
    for quote in &analysis.quotes {
        if quote.parent.is_some() {
            out.push(None);
            continue;
        }
        let found = match quote.delimiter {
            Delimiter::Blockquote => credits::blockquote_credit(doc, quote.span)
                .or_else(|| lead_ins::blockquote_lead_in(doc, quote.span)),
            Delimiter::Marks => {
                let Some(at) = Around::new(doc, analysis, quote, registry) else {
                    out.push(None);
                    continue;
                };
                let sieve = if quote.kind == QuoteKind::Term {
                    TERM_SIEVE
                } else {
                    SIEVE
                };
                // Each step yields words that must look like a speaker; if they do not,
                // the next step is tried.
                sieve
                    .iter()
                    .find_map(|step| step(&at, &ctx).filter(|found| looks_like_speaker(doc, found)))
            }
        };
        let found = found.filter(|found| looks_like_speaker(doc, found));
        let speaker = match found {
            Some((block, range)) => Some(speaker_at(doc, block, range, registry, &mut ctx)),
            None => carried_over(doc, analysis, quote, previous.as_ref()),
        };
        if let (Some(s), Some(close)) = (&speaker, quote.close) {
            previous = Some((out.len(), s.clone(), analysis.marks[close].block));
        }
        out.push(speaker);
    }
    out
}

fn looks_like_speaker(doc: &Document, found: &(usize, Range<usize>)) -> bool {
    plausible(&doc.blocks[found.0].text[found.1.clone()])
}

/// The speaker the words at `range` of block `block` name, a pronoun resolved.
fn speaker_at(
    doc: &Document,
    block: usize,
    range: Range<usize>,
    registry: &Registry,
    ctx: &mut Context,
) -> Speaker {
    let b = &doc.blocks[block];
    // `Cynthia {{< legacy-img … >}}`: a credit stops where markup starts.
    let markup = b.text[range.clone()]
        .find("{{")
        .or_else(|| b.text[range.clone()].find('<'));
    let range = match markup {
        Some(at) => {
            range.start..range.start + b.text[range.start..range.start + at].trim_end().len()
        }
        None => range,
    };
    let text = b.text[range.clone()].trim();
    if pronouns::is_personal_pronoun(text) {
        if let Some(name) = pronouns::paragraph_subject(&b.text, range.start) {
            let id = names::resolve_name(registry, &name).map(|e| e.id.clone());
            remember(ctx, EntryKind::Person, &name, id);
        } else if let Some((name, id)) = pronouns::nearest_mention(doc, block, range.start, ctx) {
            let id = id.or_else(|| names::resolve_name(registry, &name).map(|e| e.id.clone()));
            ctx.last_person = Some((name, id));
        }
    }
    classify(text, b.file_span(range), registry, ctx)
}

/// For a quotation with no speaker of its own: the speaker of the quotation before it,
/// when it carries on. A paragraph that is only a quotation continues the one before it,
/// and `“A,” said Voss. “B.”` gives B the speaker of A in the same paragraph.
fn carried_over(
    doc: &Document,
    analysis: &QuoteAnalysis,
    quote: &Quote,
    previous: Option<&(usize, Speaker, usize)>,
) -> Option<Speaker> {
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
        doc.blocks[previous.map_or(b, |p| p.2.min(b))..=b]
            .iter()
            .any(|blk| blk.kind == BlockKind::Heading)
    });
    match previous {
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
