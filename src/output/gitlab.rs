//! `--format gitlab`: GitLab's Code Quality report (a JSON array of issues), for a job's
//! `artifacts: reports: codequality:`; GitLab shows the issues in merge requests.
//!
//! Paths are from the repository root, as GitLab matches them against the project's files.
//! Fingerprints are the SARIF ones (rule, path, the flagged line's text), so an issue keeps
//! its identity when lines move and GitLab can tell new issues from fixed ones.

use std::io::{self, Write};

use serde_json::json;

use super::sarif::{fingerprints, repository_path};
use crate::diagnostic::Severity;
use crate::span::LineIndex;
use crate::FileResult;

/// GitLab's scale: info, minor, major, critical, blocker.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn begin(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")
}

/// This file's issues, comma-separated; the caller separates files.
pub fn file(out: &mut dyn Write, file: &FileResult) -> io::Result<()> {
    let index = LineIndex::new(&file.text);
    let path = repository_path(&file.path);
    for (i, (f, fingerprint)) in file
        .findings
        .iter()
        .zip(fingerprints(file, &index))
        .enumerate()
    {
        let start = index.line_col(f.span.start);
        let end = index.line_col(f.span.end);
        let issue = json!({
            "type": "issue",
            "check_name": f.rule.code(),
            "description": format!("{} {}: {}", f.rule.code(), f.rule.name(), f.message),
            "severity": severity(f.severity),
            "fingerprint": fingerprint,
            "location": {
                "path": path,
                "positions": {
                    "begin": { "line": start.line, "column": start.column },
                    "end": { "line": end.line, "column": end.column },
                },
            },
        });
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\n  {issue}")?;
    }
    Ok(())
}

pub fn finish(out: &mut dyn Write, files_written: usize) -> io::Result<()> {
    // An empty report is `[]` on one line; otherwise the closing bracket gets its own.
    out.write_all(if files_written == 0 { b"]\n" } else { b"\n]\n" })
}
