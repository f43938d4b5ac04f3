//! CA001 missing-attribution: a quotation with no speaker near it.

use super::{Context, Rule};
use crate::diagnostic::Finding;
use crate::document::BlockKind;
use crate::lexicon::LEXICON;
use crate::quotes::{Delimiter, QuoteKind};

/// How many words before a quotation are searched for a speech verb.
const VERB_WINDOW: usize = 12;

/// Speech this short is a phrase or a label, not a statement to attribute.
const MIN_WORDS: usize = 4;

/// A paragraph before the quotation this short, ending in a colon, is a lead-in.
const LEAD_IN_WORDS: usize = 30;

/// Whether the writer introduces the quotation in a way the speaker finder does not
/// resolve but a reader follows:
/// - a colon lead-in: `Kalin explained:` just before it, a label line before it in the
///   same paragraph (`Your Local News: Headline` and the excerpt on the next line), or a
///   short paragraph before it that ends in or holds a colon;
/// - a label at the start of the paragraph (`Annette Magnus, Executive Director.`);
/// - a speech verb just before it with any subject (`I said`, `users come back and say`).
fn introduced(ctx: &Context, block: usize, before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t', '\u{a0}']);
    if before.trim_end().ends_with(':') {
        return true;
    }
    let starts_line = before.is_empty() || before.ends_with('\n');
    if starts_line && before.contains(':') {
        return true;
    }
    if before.trim().is_empty() && block > 0 {
        let previous = ctx.doc.blocks[block - 1].text.trim_end();
        if previous.ends_with(':')
            || (previous.contains(':') && previous.split_whitespace().count() <= LEAD_IN_WORDS)
        {
            return true;
        }
    }
    if is_label(before) {
        return true;
    }
    before
        .split_whitespace()
        .rev()
        .take(VERB_WINDOW)
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .any(|w| !w.is_empty() && LEXICON.is_speech_verb(&w.to_lowercase()))
}

/// Words mostly capitalized and closed by a period, colon or dash, alone before the
/// quotation: a name-and-title label.
fn is_label(before: &str) -> bool {
    let text = before.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 || !text.ends_with(['.', ':', '—', '–']) {
        return false;
    }
    let capitalized = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    capitalized * 2 >= words.len()
}

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    if !ctx.attribution {
        return;
    }
    for (quote, speaker) in ctx.quotes.quotes.iter().zip(ctx.speakers) {
        if speaker.is_some()
            || quote.parent.is_some()
            || quote.kind == QuoteKind::Term
            || quote.delimiter != Delimiter::Marks
        {
            continue;
        }
        // A fragment inside the writer's sentence is far more often a phrase being used
        // (a slogan, a page title, an example wording) than a statement someone made: on
        // 40 corpus findings, fragments were false alarms almost every time.
        if quote.kind != QuoteKind::Speech || quote.text.split_whitespace().count() < MIN_WORDS {
            continue;
        }
        let Some(open) = quote.open else { continue };
        let mark = &ctx.quotes.marks[open];
        let block = &ctx.doc.blocks[mark.block];
        // Lists, tables and headings name their speaker in the layout (a heading, a lead-in
        // line, a bold label) that a sentence-level search does not see.
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        if introduced(ctx, mark.block, &block.text[..mark.prose.start]) {
            continue;
        }
        // Inside a quotation whose opening mark was lost (a closing mark with nothing to
        // close follows in the paragraph): CQ001 is the finding, not this.
        let inside_broken = ctx.quotes.orphans.iter().any(|&o| {
            let orphan = &ctx.quotes.marks[o];
            orphan.block == mark.block && orphan.prose.start > mark.prose.start
        });
        if inside_broken {
            continue;
        }
        out.push(
            Finding::new(Rule::MissingAttribution, mark.span, "quotation with no speaker")
                .with_label("whose words are these?")
                .with_related(quote.span, "the quotation")
                .with_help("name the speaker in this sentence (`…,” Ortega said.`), or take the quotation marks away"),
        );
    }
}
