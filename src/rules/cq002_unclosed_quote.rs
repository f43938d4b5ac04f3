//! CQ002 unclosed-quote: an opening mark whose quotation never closes, or that runs on into
//! a paragraph that does not open with a quotation mark.

use super::{Context, Rule};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::quotes::Role;

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for &open in &ctx.quotes.unclosed {
        let mark = &ctx.quotes.marks[open];
        out.push(
            Finding::new(
                Rule::UnclosedQuote,
                mark.span,
                format!("quotation opened with `{}` is never closed", ctx.glyph(mark)),
            )
            .with_label("opened here")
            .with_help(
                "close the quotation where the speaker's words end; if it goes on in the next paragraph, open that paragraph with a quotation mark",
            ),
        );
    }
    for missing in &ctx.quotes.missing_continuations {
        let open = &ctx.quotes.marks[missing.open];
        let close = &ctx.quotes.marks[missing.close];
        let block = &ctx.doc.blocks[missing.paragraph];
        let first = block.text.len() - block.text.trim_start().len();
        let word_end = block.text[first..]
            .find(char::is_whitespace)
            .map_or(block.text.len(), |i| first + i);
        let word = block.file_span(first..word_end);
        let mark = ctx.curly(open.level, Role::Open);
        out.push(
            Finding::new(
                Rule::UnclosedQuote,
                open.span,
                format!(
                    "quotation opened with `{}` runs on into a paragraph that does not open with a quotation mark",
                    ctx.glyph(open)
                ),
            )
            .with_label("opened here")
            .with_related(word, "the quotation goes on here without an opening mark")
            .with_related(close.span, "and closes here")
            .with_help(format!(
                "open each paragraph a quotation runs on into with `{mark}`, or close the quotation at the end of its paragraph"
            ))
            .with_fix(Fix::suggestion(Edit::insert(word.start, mark))),
        );
    }
}
