//! CQ005 entity-encoded-quote: `&#8220;`, `&rsquo;` and friends in Markdown prose.
//!
//! In front matter the fix must keep the YAML valid: `&quot;` inside `"…"` becomes `\"`,
//! `&#39;` inside `'…'` becomes `''`, and where a bare mark would change what the YAML means
//! (the first character of a plain value) the fix is only a suggestion.

use super::{Context, Rule};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::document::front_matter::{scalar_style_at, ScalarStyle};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for mark in &ctx.quotes.marks {
        let written = &ctx.doc.text[mark.span.start..mark.span.end];
        if !written.starts_with('&') {
            continue;
        }
        let glyph = ctx.glyph(mark);
        let fix = match yaml_replacement(ctx, mark.span.start, glyph) {
            Some(replacement) => Fix::safe(Edit::replace(mark.span, replacement)),
            None => Fix::suggestion(Edit::replace(mark.span, glyph)),
        };
        out.push(
            Finding::new(
                Rule::EntityEncodedQuote,
                mark.span,
                format!("`{written}` is an HTML entity for `{glyph}`"),
            )
            .with_label("entity")
            .with_help(format!("write `{glyph}` itself"))
            .with_fix(fix),
        );
    }
}

/// What `glyph` must be written as at byte `at` so the file stays what it was: the glyph
/// itself in the body, escaped as the front-matter scalar's quoting requires there, or
/// `None` where no replacement is certain to keep the YAML's meaning.
fn yaml_replacement(ctx: &Context, at: usize, glyph: &str) -> Option<String> {
    let Some(fm) = ctx
        .doc
        .front_matter
        .as_ref()
        .filter(|fm| fm.yaml.contains(&at))
    else {
        return Some(glyph.to_string());
    };
    let straight = glyph == "\"" || glyph == "'";
    match scalar_style_at(&ctx.doc.text, fm, at) {
        ScalarStyle::DoubleQuoted if glyph == "\"" => Some("\\\"".into()),
        ScalarStyle::SingleQuoted if glyph == "'" => Some("''".into()),
        ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted | ScalarStyle::Block => {
            Some(glyph.to_string())
        }
        ScalarStyle::Plain { line_start } if !(straight && line_start) => Some(glyph.to_string()),
        ScalarStyle::Plain { .. } | ScalarStyle::Other => None,
    }
}
