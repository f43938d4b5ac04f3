//! CQ004 mixed-quote-marks: one quotation with two kinds of marks, or marks against the
//! house style.

use super::{Context, QuoteStyle, Rule};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::quotes::{Level, Mark, Role, Shape};

pub fn check(ctx: &Context, out: &mut Vec<Finding>) {
    let mut reported = vec![false; ctx.quotes.marks.len()];
    for quote in &ctx.quotes.quotes {
        let (Some(open), Some(close)) = (quote.open, quote.close) else {
            continue;
        };
        let (o, c) = (&ctx.quotes.marks[open], &ctx.quotes.marks[close]);
        if c.doubled && !o.doubled {
            let right = ctx.curly(Level::Double, Role::Close);
            out.push(
                Finding::new(
                    Rule::MixedQuoteMarks,
                    c.span,
                    format!(
                        "double quotation closed with two single marks `{}`",
                        ctx.glyph(c)
                    ),
                )
                .with_label("two single marks")
                .with_related(o.span, "opened with a double mark")
                .with_help(format!("close it with `{right}`"))
                .with_fix(Fix::safe(Edit::replace(c.span, right))),
            );
            reported[close] = true;
            continue;
        }
        if o.is_straight() != c.is_straight() {
            let (odd, other, odd_index) = if o.is_straight() {
                (o, c, open)
            } else {
                (c, o, close)
            };
            out.push(mixed_pair(ctx, odd, other));
            reported[odd_index] = true;
        }
    }
    let Some(style) = ctx.house_style else { return };
    for (i, mark) in ctx.quotes.marks.iter().enumerate() {
        let quoting = matches!(mark.role, Role::Open | Role::Close | Role::Continuation);
        let wrong = match style {
            QuoteStyle::Curly => mark.shape == Shape::Straight,
            QuoteStyle::Straight => mark.shape != Shape::Straight,
        };
        if !quoting || !wrong || reported[i] {
            continue;
        }
        let right = match style {
            QuoteStyle::Curly => ctx.curly(mark.level, mark.role),
            QuoteStyle::Straight => Context::straight(mark.level),
        };
        let style_name = match style {
            QuoteStyle::Curly => "curly",
            QuoteStyle::Straight => "straight",
        };
        out.push(
            Finding::new(
                Rule::MixedQuoteMarks,
                mark.span,
                format!(
                    "`{}` is against the house style ({style_name} quotes)",
                    ctx.glyph(mark)
                ),
            )
            .with_label("house style")
            .with_help(format!("use `{right}`"))
            .with_fix(Fix::safe(Edit::replace(mark.span, right))),
        );
    }
}

fn mixed_pair(ctx: &Context, straight: &Mark, curly: &Mark) -> Finding {
    let right = match ctx.house_style {
        Some(QuoteStyle::Straight) => Context::straight(curly.level),
        _ => ctx.curly(straight.level, straight.role),
    };
    let (target, other) = match ctx.house_style {
        Some(QuoteStyle::Straight) => (curly, straight),
        _ => (straight, curly),
    };
    // Without a house style, which end is wrong is a guess: offer it, do not apply it.
    let edit = Edit::replace(target.span, right);
    let fix = if ctx.house_style.is_some() {
        Fix::safe(edit)
    } else {
        Fix::suggestion(edit)
    };
    let which = if straight.role == Role::Open {
        "opened with a straight mark and closed with a curly one"
    } else {
        "opened with a curly mark and closed with a straight one"
    };
    Finding::new(
        Rule::MixedQuoteMarks,
        target.span,
        format!("quotation {which}"),
    )
    .with_label(if target.is_straight() {
        "straight mark"
    } else {
        "curly mark"
    })
    .with_related(other.span, "the other end of the quotation")
    .with_help(format!("use `{right}` so both ends match"))
    .with_fix(fix)
}
