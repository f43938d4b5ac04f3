//! CQ003 reversed-quote-mark: `”` used to open, `“` used to close.

use super::{Context, Rule};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::quotes::{Position, Role};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for mark in ctx.quotes.marks.iter().filter(|m| m.is_reversed()) {
        let glyph = ctx.glyph(mark);
        let right = ctx.curly(mark.level, mark.role);
        let (message, label) = if mark.role == Role::Close {
            (
                format!("opening mark `{glyph}` used to close a quotation"),
                "closes the quotation",
            )
        } else {
            (
                format!("closing mark `{glyph}` used to open a quotation"),
                "opens the quotation",
            )
        };
        // A space on one side and a word on the other leave no doubt about what the mark does.
        let edit = Edit::replace(mark.span, right);
        let fix = match mark.position {
            Position::Open | Position::Close => Fix::safe(edit),
            _ => Fix::suggestion(edit),
        };
        out.push(
            Finding::new(Rule::ReversedQuoteMark, mark.span, message)
                .with_label(label)
                .with_help(format!("use `{right}`"))
                .with_fix(fix),
        );
    }
}
