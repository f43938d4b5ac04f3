//! CA001 missing-attribution: a quotation with no speaker near it.

use super::{Context, Rule};
use crate::diagnostic::Finding;
use crate::quotes::{Delimiter, QuoteKind};

/// Fragments of at most this many words need no speaker.
const SHORT_FRAGMENT: usize = 4;

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
        // `beyond “trust but verify”`: a few words inside the writer's sentence are a
        // phrase being used, not a statement someone made.
        if quote.kind == QuoteKind::Fragment
            && quote.text.split_whitespace().count() <= SHORT_FRAGMENT
        {
            continue;
        }
        let Some(open) = quote.open else { continue };
        let mark = &ctx.quotes.marks[open];
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
