//! CQ005 entity-encoded-quote: `&#8220;`, `&rsquo;` and friends in Markdown prose.

use super::{Context, Rule};
use crate::diagnostic::{Edit, Finding, Fix};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for mark in &ctx.quotes.marks {
        let written = &ctx.doc.text[mark.span.start..mark.span.end];
        if !written.starts_with('&') {
            continue;
        }
        let glyph = ctx.glyph(mark);
        out.push(
            Finding::new(
                Rule::EntityEncodedQuote,
                mark.span,
                format!("`{written}` is an HTML entity for `{glyph}`"),
            )
            .with_label("entity")
            .with_help(format!("write `{glyph}` itself"))
            .with_fix(Fix::safe(Edit::replace(mark.span, glyph))),
        );
    }
}
