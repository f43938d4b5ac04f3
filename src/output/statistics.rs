//! `--statistics`: how many findings each rule has, instead of the findings (ruff's
//! `--statistics`), as a table or as JSON.

use crate::output::Totals;
use crate::rules::Rule;

/// The rules with findings, most findings first (then by code).
fn counts(totals: &Totals) -> Vec<(Rule, usize)> {
    let mut counts: Vec<(Rule, usize)> = totals
        .by_rule
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(rule, n)| (*rule, *n))
        .collect();
    counts.sort_by_key(|(rule, n)| (std::cmp::Reverse(*n), rule.code()));
    counts
}

/// One rule a line: count, code, name, and `[*]` when `--fix` fixes some of them.
pub fn table(totals: &Totals) -> String {
    let counts = counts(totals);
    let width = counts
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    counts
        .iter()
        .map(|(rule, n)| {
            let fixable = if rule.doc().fix.fixable() { " [*]" } else { "" };
            format!("{n:>width$}  {:<7} {}{fixable}\n", rule.code(), rule.name())
        })
        .collect()
}

/// The same as a JSON array of `{code, name, count, fixable}`.
pub fn json(totals: &Totals) -> String {
    let rows: Vec<serde_json::Value> = counts(totals)
        .iter()
        .map(|(rule, n)| {
            serde_json::json!({
                "code": rule.code(),
                "name": rule.name(),
                "count": n,
                "fixable": rule.doc().fix.fixable(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_default();
    out.push('\n');
    out
}
