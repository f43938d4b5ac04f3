//! Renderers: one module per output format, all reading the same [`FileResult`]s.
//!
//! Output is streamed: a renderer writes a header, then each file as its result arrives, then
//! a footer with the totals, so a run over a large archive never holds every result at once.

pub mod concise;
pub mod context;
pub mod excerpt;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod rdjson;
pub mod report;
pub mod sarif;
pub mod statistics;

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::rules::Rule;
use crate::span::LineIndex;
use crate::{FileResult, RunResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette reports with the source snippet, labels and help.
    Human,
    /// One line per finding: path:line:column: severity[CODE] message.
    Concise,
    /// The versioned JSON schema (see README, "JSON output").
    Json,
    /// GitHub Actions workflow commands (annotations) and a job summary.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: a suite per file, a case per quotation.
    Junit,
    /// reviewdog's Diagnostic Format (`reviewdog -f=rdjson`).
    Rdjson,
    /// GitLab Code Quality (`artifacts: reports: codequality:`).
    Gitlab,
}

#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    pub color: bool,
    /// Terminal width for wrapping human output.
    pub width: usize,
    /// Other files labels may point into (the registry's), by path, for their snippets.
    pub related: std::sync::Arc<std::collections::HashMap<String, std::sync::Arc<String>>>,
    /// The run's registry, for the resolved speakers' details in JSON.
    pub registry: std::sync::Arc<crate::registry::Registry>,
}

/// Counts over a whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub files: usize,
    pub quotes: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    #[serde(skip)]
    pub by_rule: BTreeMap<Rule, usize>,
    #[serde(skip)]
    pub by_verdict: BTreeMap<&'static str, usize>,
}

impl Totals {
    pub fn add(&mut self, file: &FileResult) {
        self.files += 1;
        self.quotes += file.analysis.quotes.len();
        for i in 0..file.analysis.quotes.len() {
            let verdict = file
                .verifications
                .get(i)
                .map_or("no-source", |v| v.verdict.as_str());
            *self.by_verdict.entry(verdict).or_default() += 1;
        }
        for f in &file.findings {
            *self.by_rule.entry(f.rule).or_default() += 1;
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    pub fn merge(&mut self, other: &Totals) {
        self.files += other.files;
        self.quotes += other.quotes;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        for (rule, n) in &other.by_rule {
            *self.by_rule.entry(*rule).or_default() += n;
        }
        for (verdict, n) in &other.by_verdict {
            *self.by_verdict.entry(verdict).or_default() += n;
        }
    }

    /// Whether any finding is at or above the failing severity.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }

    /// "3 errors, 1 warning and 0 infos in 2 files (14 quotations)".
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {} and {} in {} ({})",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file"),
            plural(self.quotes, "quotation"),
        )
    }
}

/// A finding worth listing in a job summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notable {
    pub severity: Severity,
    pub code: &'static str,
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// One file's output, made by a worker.
#[derive(Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// For JUnit, which writes every suite at the end.
    pub suite: Option<quick_junit::TestSuite>,
    /// For the GitHub job summary.
    pub notable: Vec<Notable>,
}

/// Renders one file on its own. It holds no state, so workers render in parallel with
/// copies of it and [`Renderer`] writes the results in order.
#[derive(Clone, Debug)]
pub struct FileRenderer {
    format: Format,
    options: RenderOptions,
}

impl FileRenderer {
    pub fn render(&self, file: &FileResult) -> Rendered {
        let mut rendered = Rendered::default();
        let out = &mut rendered.bytes;
        // Writing into a Vec cannot fail.
        let _ = match self.format {
            Format::Human => human::file(out, file, &self.options),
            Format::Concise => concise::file(out, file),
            Format::Json => json::file(out, file, &self.options.registry),
            Format::Github => github::file(out, file),
            Format::Sarif => sarif::file(out, file),
            Format::Rdjson => rdjson::file(out, file),
            Format::Gitlab => gitlab::file(out, file),
            Format::Junit => Ok(()),
        };
        match self.format {
            Format::Junit => rendered.suite = Some(junit::suite(file)),
            Format::Github => rendered.notable = notable(file),
            _ => {}
        }
        rendered
    }
}

/// A file's findings for a summary: errors first, then warnings, at most what a summary lists.
fn notable(file: &FileResult) -> Vec<Notable> {
    let index = LineIndex::new(&file.text);
    let mut found: Vec<&crate::diagnostic::Finding> = file
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.severity));
    found
        .into_iter()
        .take(github::SUMMARY_FINDINGS)
        .map(|f| Notable {
            severity: f.severity,
            code: f.rule.code(),
            path: file.path.clone(),
            line: index.line_col(f.span.start).line,
            message: f.message.clone(),
        })
        .collect()
}

/// Writes one format: a header, each file's rendering in order, a footer with the totals.
pub struct Renderer {
    format: Format,
    options: RenderOptions,
    /// Files that produced output (the JSON formats separate them with commas).
    files_written: usize,
    suites: Vec<quick_junit::TestSuite>,
    notable: Vec<Notable>,
}

impl Renderer {
    pub fn new(format: Format, options: RenderOptions) -> Self {
        Renderer {
            format,
            options,
            files_written: 0,
            suites: Vec::new(),
            notable: Vec::new(),
        }
    }

    pub fn file_renderer(&self) -> FileRenderer {
        FileRenderer {
            format: self.format,
            options: self.options.clone(),
        }
    }

    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::begin(out),
            Format::Sarif => sarif::begin(out),
            Format::Rdjson => rdjson::begin(out),
            Format::Gitlab => gitlab::begin(out),
            Format::Human | Format::Concise | Format::Github | Format::Junit => Ok(()),
        }
    }

    /// Writes what [`FileRenderer::render`] made; files must come in order.
    pub fn write_file(&mut self, out: &mut dyn Write, rendered: Rendered) -> io::Result<()> {
        self.suites.extend(rendered.suite);
        if !rendered.notable.is_empty() {
            self.notable.extend(rendered.notable);
            // Keep only what the summary shows: errors before warnings, in file order.
            self.notable.sort_by_key(|n| std::cmp::Reverse(n.severity));
            self.notable.truncate(github::SUMMARY_FINDINGS);
        }
        if rendered.bytes.is_empty() {
            return Ok(());
        }
        let separated = matches!(
            self.format,
            Format::Json | Format::Sarif | Format::Rdjson | Format::Gitlab
        );
        if separated && self.files_written > 0 {
            out.write_all(b",")?;
        }
        self.files_written += 1;
        out.write_all(&rendered.bytes)
    }

    pub fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        match self.format {
            Format::Human => writeln!(out, "{}", totals.line()),
            Format::Concise | Format::Github => Ok(()),
            Format::Json => json::finish(out, totals),
            Format::Sarif => sarif::finish(out),
            Format::Rdjson => rdjson::finish(out),
            Format::Gitlab => gitlab::finish(out, self.files_written),
            Format::Junit => junit::write(out, std::mem::take(&mut self.suites)),
        }
    }

    /// The Markdown job summary, for `--format github`.
    pub fn step_summary(&self, totals: &Totals, links: &github::Links) -> Option<String> {
        (self.format == Format::Github).then(|| github::step_summary(totals, &self.notable, links))
    }
}

impl RunResult {
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        self.files.iter().for_each(|f| totals.add(f));
        totals
    }
}

/// Renders a whole run into a string (for tests and library users).
pub fn render(format: Format, run: &RunResult, options: &RenderOptions) -> String {
    let mut out = Vec::new();
    let mut renderer = Renderer::new(format, options.clone());
    // Writing into a Vec cannot fail.
    let _ = renderer.begin(&mut out);
    let file_renderer = renderer.file_renderer();
    for file in &run.files {
        let _ = renderer.write_file(&mut out, file_renderer.render(file));
    }
    let _ = renderer.finish(&mut out, &run.totals());
    String::from_utf8_lossy(&out).into_owned()
}
