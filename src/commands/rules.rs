//! `citelint rules` and `citelint explain`: the rule catalogue as text.

use crate::catalog::Rule;
use crate::config::SetupError;

/// Every rule with its code, name, default severity and summary, one a line.
pub fn table() -> String {
    let mut out = String::new();
    for rule in Rule::ALL {
        out.push_str(&format!(
            "{:<7} {:<26} {:<8} {}\n",
            rule.code(),
            rule.name(),
            rule.default_severity().as_str(),
            rule.doc().summary
        ));
    }
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
