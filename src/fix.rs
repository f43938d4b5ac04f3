//! Applying `safe` fixes. Suggestions are never applied, except by
//! [`restore_opening_marks`], which makes a separate copy for an editor to review.

use crate::catalog::Rule;
use crate::diagnostic::{Applicability, Confidence, Edit, Finding};
use crate::span::LineIndex;

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

/// An opening mark put back by [`restore_opening_marks`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insertion {
    /// Byte offset in the original text.
    pub at: usize,
    /// Byte offset of the inserted mark in the restored text.
    pub restored_at: usize,
    pub mark: String,
    pub confidence: Option<Confidence>,
}

/// The text with every opening mark that CQ001 suggests inserted (its best guess for each
/// orphaned closing mark), and the insertions in order. Only for a copy that a person will
/// review: the suggestions are guesses.
pub fn restore_opening_marks(text: &str, findings: &[Finding]) -> (String, Vec<Insertion>) {
    let mut edits: Vec<(&Edit, Option<Confidence>)> = findings
        .iter()
        .filter(|f| f.rule == Rule::UnmatchedClosingQuote)
        .filter_map(|f| {
            let fix = f.fix.as_ref()?;
            let edit = fix.edits.first()?;
            let insert = edit.start == edit.end
                && edit.end <= text.len()
                && text.is_char_boundary(edit.start);
            insert.then_some((edit, fix.confidence))
        })
        .collect();
    edits.sort_by_key(|(e, _)| e.start);
    edits.dedup_by_key(|(e, _)| e.start);
    let mut out = String::with_capacity(text.len() + edits.len() * 3);
    let mut pos = 0;
    let mut insertions = Vec::with_capacity(edits.len());
    for (edit, confidence) in edits {
        out.push_str(&text[pos..edit.start]);
        insertions.push(Insertion {
            at: edit.start,
            restored_at: out.len(),
            mark: edit.replacement.clone(),
            confidence,
        });
        out.push_str(&edit.replacement);
        pos = edit.start;
    }
    out.push_str(&text[pos..]);
    (out, insertions)
}

/// A line diff of a restoration: each changed line before (`-`) and after (`+`), the
/// inserted marks pointed at by `^` (and shown in reverse video when `color`).
pub fn restoration_diff(original: &str, insertions: &[Insertion], color: bool) -> String {
    let index = LineIndex::new(original);
    let mut out = String::new();
    let mut i = 0;
    while i < insertions.len() {
        let line = index.line_col(insertions[i].at).line;
        let on_line: Vec<&Insertion> = insertions[i..]
            .iter()
            .take_while(|n| index.line_col(n.at).line == line)
            .collect();
        i += on_line.len();
        let Some(span) = index.line_span(line) else {
            continue;
        };
        let before = original[span.start..span.end].trim_end_matches(['\n', '\r']);
        let mut after = String::new();
        let mut carets = String::new();
        let mut notes = Vec::new();
        let mut pos = span.start;
        for n in &on_line {
            let chunk = &original[pos..n.at];
            after.push_str(chunk);
            let column = original[span.start..n.at].chars().count();
            while carets.chars().count() < column {
                carets.push(' ');
            }
            carets.push('^');
            if color {
                after.push_str(&format!("\x1b[7m{}\x1b[0m", n.mark));
            } else {
                after.push_str(&n.mark);
            }
            if let Some(c) = n.confidence {
                notes.push(format!("{}%", c.percent()));
            }
            pos = n.at;
        }
        after.push_str(original[pos..span.end].trim_end_matches(['\n', '\r']));
        out.push_str(&format!(
            "@@ line {line} @@\n-{before}\n+{after}\n {carets}"
        ));
        if !notes.is_empty() {
            out.push_str(&format!(" {} sure", notes.join(", ")));
        }
        out.push('\n');
    }
    out
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

    fn lost_opening(close: usize, insert_at: usize, confidence: f32) -> Finding {
        Finding::new(
            Rule::UnmatchedClosingQuote,
            Span::new(close, close + 3),
            "lost",
        )
        .with_fix(
            Fix::suggestion(Edit::insert(insert_at, "“"))
                .with_confidence(Confidence::new(confidence)),
        )
    }

    #[test]
    fn restoring_inserts_every_suggested_opening_mark() {
        let text = "She called it a paper tiger” today.\nWe will rebuild,” he said.\n";
        let findings = [lost_opening(27, 16, 0.91), lost_opening(54, 38, 0.99)];
        let (restored, insertions) = restore_opening_marks(text, &findings);
        assert_eq!(
            restored,
            "She called it a “paper tiger” today.\n“We will rebuild,” he said.\n"
        );
        assert_eq!(
            insertions
                .iter()
                .map(|i| (i.at, i.restored_at))
                .collect::<Vec<_>>(),
            [(16, 16), (38, 41)]
        );
        assert_eq!(
            restoration_diff(text, &insertions, false),
            "@@ line 1 @@\n-She called it a paper tiger” today.\n+She called it a “paper tiger” today.\n                 ^ 91% sure\n\
             @@ line 2 @@\n-We will rebuild,” he said.\n+“We will rebuild,” he said.\n ^ 99% sure\n"
        );
    }

    #[test]
    fn restoring_skips_other_rules_and_impossible_edits() {
        let text = "Lost,” he said.";
        let other = Finding::new(Rule::ReversedQuoteMark, Span::new(0, 1), "x")
            .with_fix(Fix::safe(Edit::insert(0, "“")));
        let outside = lost_opening(4, 99, 0.5);
        let (restored, insertions) = restore_opening_marks(text, &[other, outside]);
        assert_eq!(restored, text);
        assert!(insertions.is_empty());
        assert_eq!(restoration_diff(text, &insertions, false), "");
    }

    #[test]
    fn two_marks_on_one_line_share_a_diff_hunk() {
        let text = "a b” c d”\n";
        let findings = [lost_opening(3, 2, 0.5), lost_opening(10, 9, 0.6)];
        let (_, insertions) = restore_opening_marks(text, &findings);
        assert_eq!(
            restoration_diff(text, &insertions, true),
            "@@ line 1 @@\n-a b” c d”\n+a \u{1b}[7m“\u{1b}[0mb” c \u{1b}[7m“\u{1b}[0md”\n   ^    ^ 50%, 60% sure\n"
        );
    }

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
