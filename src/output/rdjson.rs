//! `--format rdjson`: reviewdog's Diagnostic Format (rdjson), for
//! `reviewdog -f=rdjson`, which comments on pull and merge requests on any forge.
//!
//! One JSON object: the tool, then `diagnostics`, streamed file by file like the JSON output.
//! Positions are 1-based lines and 1-based columns counted in UTF-8 bytes, as rdjson defines
//! them. Every fix, safe or a suggestion, becomes a reviewdog suggestion: reviewdog only
//! proposes it, and a person accepts it or not.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::sarif::{help_uri, INFORMATION_URI};
use crate::diagnostic::{Finding, Severity};
use crate::span::LineIndex;
use crate::FileResult;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// A byte offset as an rdjson position: line, and column in bytes from the line's start.
fn position(index: &LineIndex, offset: usize) -> Value {
    let line = index.line_col(offset).line;
    let line_start = index.line_span(line).map_or(0, |s| s.start);
    json!({ "line": line, "column": offset.saturating_sub(line_start) + 1 })
}

fn range(index: &LineIndex, start: usize, end: usize) -> Value {
    json!({ "start": position(index, start), "end": position(index, end) })
}

fn diagnostic(file: &FileResult, index: &LineIndex, f: &Finding) -> Value {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(help);
    }
    let suggestions: Vec<Value> = f
        .fix
        .iter()
        .flat_map(|fix| &fix.edits)
        .map(|e| json!({ "range": range(index, e.start, e.end), "text": e.replacement }))
        .collect();
    let mut value = json!({
        "message": message,
        "location": {
            "path": file.path,
            "range": range(index, f.span.start, f.span.end),
        },
        "severity": severity(f.severity),
        "code": { "value": f.rule.code(), "url": help_uri(f.rule) },
    });
    if !suggestions.is_empty() {
        value["suggestions"] = Value::Array(suggestions);
    }
    value
}

pub fn begin(out: &mut dyn Write) -> io::Result<()> {
    let source = json!({ "name": "citelint", "url": INFORMATION_URI });
    write!(out, "{{\n  \"source\": {source},\n  \"diagnostics\": [")
}

/// This file's diagnostics, comma-separated; the caller separates files.
pub fn file(out: &mut dyn Write, file: &FileResult) -> io::Result<()> {
    let index = LineIndex::new(&file.text);
    for (i, f) in file.findings.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\n    {}", diagnostic(file, &index, f))?;
    }
    Ok(())
}

pub fn finish(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"\n  ]\n}\n")
}
