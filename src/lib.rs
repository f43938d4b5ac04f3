//! citelint: a citation-integrity linter for Markdown journalism.
//!
//! The pipeline: files ([`walk`]) → documents ([`document`]) → quotes ([`quotes`]) →
//! checks ([`rules`]) → findings ([`diagnostic`]) → suppressions → outputs ([`output`]).
//! The library never prints and never exits; the binary does.

pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod lexicon;
pub mod output;
pub mod quotes;
pub mod rules;
pub mod span;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Settings, SetupError};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::quotes::QuoteAnalysis;
use crate::rules::Rule;
use crate::span::Span;

/// Everything citelint learned about one file.
#[derive(Debug)]
pub struct FileResult {
    /// The path as given or found, with `/` separators.
    pub path: String,
    /// The file as read (empty when it could not be read).
    pub text: Arc<String>,
    pub analysis: QuoteAnalysis,
    /// Sorted by position.
    pub findings: Vec<Finding>,
}

/// A file that was deliberately not checked, and why (shown as a note, never a failure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct RunResult {
    pub files: Vec<FileResult>,
    pub skipped: Vec<Skipped>,
    /// Things the user should know that are not findings ("no Markdown files in docs/").
    pub notes: Vec<String>,
}

impl RunResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn quote_count(&self) -> usize {
        self.files.iter().map(|f| f.analysis.quotes.len()).sum()
    }

    /// Whether any finding is at or above the failing severity.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        let threshold = if deny_warnings {
            Severity::Warning
        } else {
            Severity::Error
        };
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.severity >= threshold)
    }
}

/// Checks one document's text.
pub fn check_text(path: &str, text: String, settings: &Settings) -> FileResult {
    let doc = Document::parse(path, text, &settings.read);
    let analysis = quotes::analyze(&doc, settings.marks);
    let ctx = rules::Context {
        doc: &doc,
        quotes: &analysis,
        marks: settings.marks,
        house_style: settings.house_style,
    };
    let findings = rules::check(&ctx);
    let enabled = |rule: Rule| settings.severity(rule).is_some();
    let findings = document::suppress::apply(findings, &doc.suppressions, &enabled);
    let mut findings: Vec<Finding> = findings
        .into_iter()
        .filter_map(|mut f| {
            f.severity = settings.severity(f.rule)?;
            Some(f)
        })
        .collect();
    findings.sort_by_key(|f| (f.span, f.rule));
    FileResult {
        path: path.to_string(),
        text: Arc::new(doc.text),
        analysis,
        findings,
    }
}

/// How many bytes are sniffed for NUL to decide a file is binary, as git does.
const BINARY_SNIFF: usize = 8000;

pub enum Checked {
    File(FileResult),
    Skipped(Skipped),
}

/// Checks a file's bytes: binary files are skipped, invalid UTF-8 is a finding.
pub fn check_bytes(path: &str, bytes: Vec<u8>, settings: &Settings) -> Checked {
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Checked::Skipped(Skipped {
            path: path.to_string(),
            reason: "binary file (it contains NUL bytes)".into(),
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Checked::File(check_text(path, text, settings)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.utf8_error().error_len().unwrap_or(1);
            let bytes = e.into_bytes();
            let shown: Vec<String> = bytes[at..at + bad]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            // Keep the valid prefix so the finding can show its line.
            let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let finding = Finding::new(
                Rule::InvalidUtf8,
                Span::empty(at),
                format!(
                    "not valid UTF-8: byte {} at offset {at} (the file was not checked)",
                    shown.join(" ")
                ),
            )
            .with_label("invalid UTF-8 starts here")
            .with_help("convert the file to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8`");
            Checked::File(file_failure(path, text, finding, settings))
        }
    }
}

fn file_failure(path: &str, text: String, mut finding: Finding, settings: &Settings) -> FileResult {
    let findings = match settings.severity(finding.rule) {
        Some(severity) => {
            finding.severity = severity;
            vec![finding]
        }
        None => Vec::new(),
    };
    FileResult {
        path: path.to_string(),
        text: Arc::new(text),
        analysis: QuoteAnalysis::default(),
        findings,
    }
}

/// Reads and checks one file on disk; a read error is a finding, not a failed run.
pub fn check_file(path: &Path, settings: &Settings) -> Checked {
    let shown = walk::display_path(path);
    match std::fs::read(path) {
        Ok(bytes) => check_bytes(&shown, bytes, settings),
        Err(e) => {
            let finding = Finding::new(
                Rule::UnreadableFile,
                Span::empty(0),
                format!("cannot read the file: {e}"),
            )
            .with_help("fix the permissions or the link, or exclude the file in .citelint.yml");
            Checked::File(file_failure(&shown, String::new(), finding, settings))
        }
    }
}

/// Finds the Markdown files under `paths` and checks them in parallel.
pub fn check_paths(
    paths: &[PathBuf],
    settings: &Settings,
    jobs: Option<usize>,
) -> Result<RunResult, SetupError> {
    let found = walk::collect(paths, settings)?;
    let run = || -> Vec<Checked> {
        found
            .files
            .par_iter()
            .map(|p| check_file(p, settings))
            .collect()
    };
    let checked = match jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| SetupError::Usage(format!("cannot start {n} worker threads: {e}"), None))?
            .install(run),
        None => run(),
    };
    let mut result = RunResult {
        notes: found.notes,
        ..RunResult::default()
    };
    for c in checked {
        match c {
            Checked::File(f) => result.files.push(f),
            Checked::Skipped(s) => result.skipped.push(s),
        }
    }
    Ok(result)
}
