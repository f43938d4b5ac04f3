//! Applying `safe` fixes. Suggestions are never applied.

use crate::diagnostic::{Applicability, Edit, Finding};

/// Applies every safe edit that does not overlap an earlier one. Returns the new text and
/// how many findings were fixed; overlapping fixes are left for the next pass.
pub fn apply_safe(text: &str, findings: &[Finding]) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability == Applicability::Safe && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.start).min());
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for edits in fixes {
        let mut sorted: Vec<&Edit> = edits.iter().collect();
        sorted.sort_by_key(|e| e.start);
        let fits = sorted.first().is_some_and(|e| e.start >= pos)
            && sorted.windows(2).all(|w| w[0].end <= w[1].start)
            && sorted.iter().all(|e| {
                e.start <= e.end
                    && e.end <= text.len()
                    && text.is_char_boundary(e.start)
                    && text.is_char_boundary(e.end)
            });
        if !fits {
            continue;
        }
        for e in sorted {
            out.push_str(&text[pos..e.start]);
            out.push_str(&e.replacement);
            pos = e.end;
        }
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// How many times fixes are applied and the file re-checked: fixes that overlapped an
/// earlier one wait for the next pass.
const MAX_PASSES: usize = 10;

/// What `--fix` did to one file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FixReport {
    /// How many findings were fixed (0 when the fixes were rolled back).
    pub fixed: usize,
    /// Why the fixes were undone, when they were.
    pub rolled_back: Option<String>,
}

/// Applies safe fixes to `file` until none is left, re-checking after each pass, and leaves
/// the fixed text and its remaining findings in `file` (the caller writes it). When the
/// fixed front matter no longer parses as YAML (it did before), every fix is undone: a site
/// generator must never be handed a page it cannot build.
pub fn fix_result(file: &mut crate::FileResult, settings: &crate::config::Settings) -> FixReport {
    let original = std::sync::Arc::clone(&file.text);
    let mut fixed = 0;
    let mut passes = 0;
    while passes < MAX_PASSES {
        passes += 1;
        let (text, applied) = apply_safe(&file.text, &file.findings);
        if applied == 0 {
            break;
        }
        fixed += applied;
        *file = crate::check_text(&file.path, text, settings);
    }
    if fixed == 0 {
        return FixReport::default();
    }
    if let (Ok(()), Err(e)) = (
        front_matter_parses(&original),
        front_matter_parses(&file.text),
    ) {
        *file = crate::check_text(&file.path, original.to_string(), settings);
        return FixReport {
            fixed: 0,
            rolled_back: Some(format!(
                "the fixed front matter would not be valid YAML ({e}); nothing was changed"
            )),
        };
    }
    FixReport {
        fixed,
        rolled_back: None,
    }
}

/// Whether the front matter of `text` (if it has any) parses as YAML.
pub fn front_matter_parses(text: &str) -> Result<(), String> {
    let Some(fm) = crate::document::front_matter::split(text) else {
        return Ok(());
    };
    let yaml = &text[fm.yaml.clone()];
    crate::config::parse_yaml::<serde::de::IgnoredAny>(yaml)
        .map(|_| ())
        .map_err(|e| crate::config::yaml_problem(yaml, &e).message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Finding, Fix};
    use crate::rules::Rule;
    use crate::span::Span;

    #[test]
    fn fixes_that_break_the_front_matter_are_rolled_back() {
        let settings = crate::config::load(None, std::path::Path::new(".")).unwrap();
        let text = "---\ntitle: \"Hi\"\n---\nBody.\n";
        let mut file = crate::check_text("a.md", text.to_string(), &settings);
        // A safe fix that would put a bare `"` inside the double-quoted title.
        let at = text.find("Hi").unwrap();
        file.findings.push(
            Finding::new(Rule::EntityEncodedQuote, Span::new(at, at), "test")
                .with_fix(Fix::safe(Edit::replace(Span::new(at, at), "\""))),
        );
        let report = fix_result(&mut file, &settings);
        assert_eq!(report.fixed, 0);
        let why = report.rolled_back.expect("rolled back");
        assert!(
            why.starts_with("the fixed front matter would not be valid YAML ("),
            "{why}"
        );
        assert_eq!(file.text.as_str(), text);
    }

    #[test]
    fn front_matter_validity() {
        assert_eq!(front_matter_parses("no front matter"), Ok(()));
        assert_eq!(front_matter_parses("---\ntitle: 'a''b'\n---\n"), Ok(()));
        assert!(front_matter_parses("---\ntitle: \"a\"b\"\n---\n").is_err());
    }
}
