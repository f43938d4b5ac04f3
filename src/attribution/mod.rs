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
mod governed;
mod governor;
mod kinds;
mod labels;
mod lead_ins;
mod lists;
mod names;
mod noun_phrase;
mod parse;
mod parsed_steps;
mod pronouns;
mod salience;
mod sieve;
mod subject;
mod words;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::ops::Range;

pub use kinds::{Speaker, SpeakerKind};
pub use names::{name_mentions, strip_title, NameMention};

use crate::document::{BlockKind, Document};
use crate::limits::Deadline;
use crate::quotes::{Delimiter, Quote, QuoteAnalysis, QuoteKind};
use crate::registry::{EntryKind, Registry};
use kinds::{classify, plausible, remember, Context};
use parse::Parses;
use parsed_steps::Antecedent;
use sieve::{Around, Step};

/// The sieve for a quotation set off by marks, in order.
const SIEVE: &[Step] = &[
    labels::marked_label,          // **Ortega:** “…
    parsed_steps::governor_before, // its spokesman called the letter “a fabrication”
    after::after_the_quote,        // “…,” Ortega said.
    labels::outlet_headline,       // **Ledger:** Headline, then “…” on the next line
    labels::loose_label,           // Ortega - “…
    before::sentence_before,       // Ortega said: “…  /  According to Ortega, “…
    before::document_at_head,      // The compact guarantees … “…”
    before::colon_lead_in,         // Law defined a “sweet spot” for the game: “…
    before::fragment_subject,      // The Authority “welcomes the efforts …”
    earlier::around_the_paragraph, // credit lines, label paragraphs, earlier sentences
    lists::under_list_intro,       // a list of quotations under a lead-in
    parsed_steps::any_governor,    // what the parse finds when nothing else does
];

/// The sieve for a term, title or scare quote: it has no speech verb near it, so only a
/// label or a cue right next to it gives it a speaker.
const TERM_SIEVE: &[Step] = &[
    labels::marked_label,   // **Ortega:** “No.”
    after::cue_after,       // “No,” according to the harbor master
    before::cue_leading_in, // According to the harbor master, “No.”
];

/// The speaker of every quotation in `analysis.quotes` (same order); `None` for nested
/// quotations and those with no speaker found. A term that an act of speech governs, with
/// a speaker (`called the ruling “shameful”`), becomes a fragment.
pub fn attribute(
    doc: &Document,
    analysis: &mut QuoteAnalysis,
    registry: &Registry,
) -> Vec<Option<Speaker>> {
    attribute_until(doc, analysis, registry, &Deadline::never())
}

/// [`attribute`], stopping when `deadline` passes (the quotations left get no speaker; the
/// caller reports the file as over its budget).
pub fn attribute_until(
    doc: &Document,
    analysis: &mut QuoteAnalysis,
    registry: &Registry,
    deadline: &Deadline,
) -> Vec<Option<Speaker>> {
    let parses = RefCell::new(Parses::default());
    let mut kinds = Vec::new();
    let speakers = attribute_parsed(doc, analysis, registry, &parses, &mut kinds, deadline);
    for (quote, kind) in kinds {
        analysis.quotes[quote].kind = kind;
    }
    speakers
}

fn attribute_parsed(
    doc: &Document,
    analysis: &QuoteAnalysis,
    registry: &Registry,
    parses: &RefCell<Parses>,
    kinds: &mut Vec<(usize, QuoteKind)>,
    deadline: &Deadline,
) -> Vec<Option<Speaker>> {
    let mut ctx = Context::default();
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(analysis.quotes.len());
    // The last speaker found, and the block where that quotation closed.
    let mut previous: Option<(usize, Speaker, usize)> = None;
    for (index, quote) in analysis.quotes.iter().enumerate() {
        // Each quotation can cost a parse: past the file's time budget the rest get no
        // speaker (the caller reports the file as unchecked, CF003).
        if deadline.passed() {
            out.resize(analysis.quotes.len(), None);
            break;
        }
        if quote.parent.is_some() {
            out.push(None);
            continue;
        }
        let found = match quote.delimiter {
            Delimiter::Blockquote => credits::blockquote_credit(doc, quote.span)
                .or_else(|| lead_ins::blockquote_lead_in(doc, quote.span)),
            Delimiter::Marks => {
                let Some(at) = Around::new(doc, analysis, quote, registry, parses) else {
                    out.push(None);
                    continue;
                };
                let kind = parsed_steps::kind(&at);
                if kind != quote.kind {
                    kinds.push((index, kind));
                }
                let sieve = if kind == QuoteKind::Term {
                    TERM_SIEVE
                } else {
                    SIEVE
                };
                // Each step yields words that must look like a speaker; if they do not,
                // the next step is tried.
                sieve
                    .iter()
                    .find_map(|step| step(&at, &ctx).and_then(|f| as_speaker(doc, parses, f)))
            }
        };
        let found = found.and_then(|found| as_speaker(doc, parses, found));
        let speaker = match found {
            Some((block, range)) => Some(speaker_at(doc, block, range, registry, &mut ctx, parses)),
            None => carried_over(doc, analysis, quote, previous.as_ref()),
        };
        if let (Some(s), Some(close)) = (&speaker, quote.close) {
            previous = Some((out.len(), s.clone(), analysis.marks[close].block));
        }
        out.push(speaker);
    }
    out
}

/// The words found, if they look like a speaker and are a noun phrase (a conjunction
/// before a name left out).
fn as_speaker(
    doc: &Document,
    parses: &RefCell<Parses>,
    (block, range): (usize, Range<usize>),
) -> Option<(usize, Range<usize>)> {
    if !plausible(&doc.blocks[block].text[range.clone()]) {
        return None;
    }
    parsed_steps::noun_phrase_guard(doc, &parses.borrow(), block, range).map(|r| (block, r))
}

/// The speaker the words at `range` of block `block` name, a pronoun resolved.
fn speaker_at(
    doc: &Document,
    block: usize,
    range: Range<usize>,
    registry: &Registry,
    ctx: &mut Context,
    parses: &RefCell<Parses>,
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
    // A pronoun stands for the salient noun phrase that agrees with it; only when the parse
    // finds none in reach do the older guesses below run.
    let antecedent = if salience::Pronoun::of(text).is_some() {
        let mut parses = parses.borrow_mut();
        parsed_steps::resolve_pronoun(doc, &mut parses, registry, ctx, block, range.start)
    } else {
        Antecedent::Unknown
    };
    if matches!(antecedent, Antecedent::Unknown) && pronouns::is_personal_pronoun(text) {
        if let Some(name) = pronouns::paragraph_subject(&b.text, range.start) {
            let id = names::resolve_name(registry, &name).map(|e| e.id.clone());
            remember(ctx, EntryKind::Person, &name, id);
        } else if let Some((name, id)) = pronouns::nearest_mention(doc, block, range.start, ctx) {
            let id = id.or_else(|| names::resolve_name(registry, &name).map(|e| e.id.clone()));
            ctx.last_person = Some((name, id));
        }
    }
    let mut speaker = classify(text, b.file_span(range), registry, ctx);
    match antecedent {
        Antecedent::To(name, id, kind) => {
            remember(ctx, kind, &name, id.clone());
            speaker.name = Some(name);
            speaker.registry_id = id;
        }
        Antecedent::Ambiguous => {
            speaker.name = None;
            speaker.registry_id = None;
        }
        Antecedent::Unknown => {}
    }
    speaker
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
