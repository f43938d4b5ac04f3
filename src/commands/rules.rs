//! `citelint rules` and `citelint explain`: the rule catalogue as text.

use crate::catalog::Rule;
use crate::config::SetupError;

/// Every rule with its code, name, default severity, fix availability and summary, one a
/// line.
pub fn table() -> String {
    let mut out = String::new();
    for rule in Rule::ALL {
        out.push_str(&format!(
            "{:<7} {:<26} {:<8} {:<10} {}\n",
            rule.code(),
            rule.name(),
            rule.default_severity().as_str(),
            rule.doc().fix.as_str(),
            rule.doc().summary
        ));
    }
    out
}

/// The rule catalogue as a JSON array, for tools (`citelint rules --format json`).
pub fn json() -> String {
    let rules: Vec<serde_json::Value> = Rule::ALL
        .iter()
        .map(|rule| {
            let doc = rule.doc();
            serde_json::json!({
                "code": rule.code(),
                "name": rule.name(),
                "severity": rule.default_severity(),
                "fix": doc.fix,
                "fixable": doc.fix.fixable(),
                "summary": doc.summary,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rules).unwrap_or_default();
    out.push('\n');
    out
}

/// One rule's documentation, found by code or name.
pub fn explain(rule: &str) -> Result<String, SetupError> {
    match Rule::from_selector(rule) {
        Some(r) => Ok(r.explain()),
        None => Err(SetupError::Usage(
            format!("unknown rule `{rule}`"),
            Some(Rule::suggest(rule)),
        )),
    }
}
