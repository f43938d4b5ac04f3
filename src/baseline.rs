//! Baselines: the findings an archive already had when it adopted citelint, recorded so that
//! a run reports only new ones (`--write-baseline FILE`, then `--baseline FILE`).
//!
//! A finding is recorded by rule, file and context, never by line: the context is the text
//! of the quotation the finding is in, or else the finding's own text with a few words
//! either side on its line. So a recorded finding stays hidden when lines above it move, and
//! shows again when its quotation or its words change. The same key may be recorded several
//! times; each record hides one finding.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::SetupError;
use crate::diagnostic::Finding;
use crate::FileResult;

/// The version of the baseline file's format.
pub const VERSION: u32 = 1;

/// How many bytes of the line either side of a finding outside quotations make its context.
const CONTEXT_BYTES: usize = 40;
/// Contexts are cut to this many bytes: a long quotation is known by its start.
const MAX_CONTEXT_BYTES: usize = 400;

/// What identifies a recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub rule: String,
    pub path: String,
    pub context: String,
}

#[derive(Serialize, Deserialize)]
struct Record {
    #[serde(flatten)]
    key: Key,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Record>,
}

/// A baseline, read.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: HashMap<Key, usize>,
}

impl Baseline {
    pub fn read(path: &Path) -> Result<Baseline, SetupError> {
        let shown = crate::setup::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|source| SetupError::Io {
            path: shown.clone(),
            source,
        })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            SetupError::Usage(
                format!("{shown} is not a citelint baseline: {e}"),
                Some("write one with `citelint check --write-baseline FILE`".into()),
            )
        })?;
        if file.version != VERSION {
            return Err(SetupError::Usage(
                format!(
                    "{shown} is a baseline of version {}; this citelint reads version {VERSION}",
                    file.version
                ),
                Some("write it again with `citelint check --write-baseline FILE`".into()),
            ));
        }
        let mut counts = HashMap::new();
        for record in file.findings {
            *counts.entry(record.key).or_default() += record.count;
        }
        Ok(Baseline { counts })
    }

    /// Removes the findings of `file` that the baseline records; returns how many.
    pub fn hide(&self, file: &mut FileResult) -> usize {
        let keys = keys(file);
        let mut used: HashMap<&Key, usize> = HashMap::new();
        let mut index = 0;
        let before = file.findings.len();
        file.findings.retain(|_| {
            let key = &keys[index];
            index += 1;
            let recorded = self.counts.get(key).copied().unwrap_or(0);
            let hidden = used.entry(key).or_default();
            if *hidden < recorded {
                *hidden += 1;
                false
            } else {
                true
            }
        });
        before - file.findings.len()
    }
}

/// The key of each of `file`'s findings, in order.
pub fn keys(file: &FileResult) -> Vec<Key> {
    file.findings
        .iter()
        .map(|f| Key {
            rule: f.rule.code().to_string(),
            path: file.path.clone(),
            context: context(file, f),
        })
        .collect()
}

/// The text of the innermost quotation the finding lies in, or its text and a little of
/// its line either side, with runs of white space made one space.
fn context(file: &FileResult, finding: &Finding) -> String {
    let span = finding.span;
    let quote = file
        .analysis
        .quotes
        .iter()
        .filter(|q| q.span.start <= span.start && span.end <= q.span.end)
        .min_by_key(|q| q.span.end - q.span.start);
    let raw = match quote {
        Some(q) => q.text.as_str(),
        None => around(&file.text, span.start, span.end),
    };
    let mut context = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if context.len() > MAX_CONTEXT_BYTES {
        let mut cut = MAX_CONTEXT_BYTES;
        while !context.is_char_boundary(cut) {
            cut -= 1;
        }
        context.truncate(cut);
    }
    context
}

/// `text[start..end]` with up to [`CONTEXT_BYTES`] of its line either side.
fn around(text: &str, start: usize, end: usize) -> &str {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut from = start.saturating_sub(CONTEXT_BYTES).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + CONTEXT_BYTES).min(line_end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[from..to.max(from)]
}

/// Writes `keys` (every finding of a run) as a baseline file; returns how many it records.
pub fn write(path: &Path, mut keys: Vec<Key>) -> Result<usize, SetupError> {
    keys.sort();
    let total = keys.len();
    let mut findings: Vec<Record> = Vec::new();
    for key in keys {
        match findings.last_mut() {
            Some(last) if last.key == key => last.count += 1,
            _ => findings.push(Record { key, count: 1 }),
        }
    }
    let file = BaselineFile {
        version: VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    let error = |error| SetupError::Write {
        path: crate::setup::display_path(path),
        error,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(error)?;
    }
    std::fs::write(path, text).map_err(error)?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_stays_on_the_line_and_on_char_boundaries() {
        let text = "first line\nabc “d” é long enough tail to be cut somewhere past forty bytes\n";
        let at = text.find('é').unwrap();
        let got = around(text, at, at + 2);
        assert!(got.starts_with("abc"), "{got}");
        assert!(!got.contains('\n'));
        // A span past the end (a file changed under the run) keeps its line, no panic.
        assert_eq!(around("x", 5, 9), "x");
    }
}
