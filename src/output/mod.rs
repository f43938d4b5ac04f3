//! Renderers: one module per output format, all reading the same [`FileResult`]s.
//!
//! Output is streamed: a renderer writes a header, then each file as its result arrives, then
//! a footer with the totals, so a run over a large archive never holds every result at once.

pub mod concise;
pub mod human;
pub mod json;

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::{FileResult, RunResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette reports with the source snippet, labels and help.
    Human,
    /// One line per finding: path:line:column: severity[CODE] message.
    Concise,
    /// The versioned JSON schema (see README, "JSON output").
    Json,
}

#[derive(Clone, Copy, Debug)]
pub struct RenderOptions {
    pub color: bool,
    /// Terminal width for wrapping human output.
    pub width: usize,
}

/// Counts over a whole run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    pub files: usize,
    pub quotes: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Totals {
    pub fn add(&mut self, file: &FileResult) {
        self.files += 1;
        self.quotes += file.analysis.quotes.len();
        for f in &file.findings {
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

/// Renders one file on its own. It holds no state, so workers render in parallel with
/// copies of it and [`Renderer`] writes the results in order.
#[derive(Clone, Copy, Debug)]
pub struct FileRenderer {
    format: Format,
    options: RenderOptions,
}

impl FileRenderer {
    pub fn render(&self, file: &FileResult) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = match self.format {
            Format::Human => human::file(&mut out, file, &self.options),
            Format::Concise => concise::file(&mut out, file),
            Format::Json => json::file(&mut out, file),
        };
        out
    }
}

/// Writes one format: a header, each file's rendering in order, a footer with the totals.
pub struct Renderer {
    format: Format,
    options: RenderOptions,
    files_written: usize,
}

impl Renderer {
    pub fn new(format: Format, options: RenderOptions) -> Self {
        Renderer {
            format,
            options,
            files_written: 0,
        }
    }

    pub fn file_renderer(&self) -> FileRenderer {
        FileRenderer {
            format: self.format,
            options: self.options,
        }
    }

    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => json::begin(out),
            Format::Human | Format::Concise => Ok(()),
        }
    }

    /// Writes what [`FileRenderer::render`] made; files must come in order.
    pub fn write_file(&mut self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        if self.format == Format::Json && self.files_written > 0 {
            out.write_all(b",")?;
        }
        self.files_written += 1;
        out.write_all(rendered)
    }

    pub fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        match self.format {
            Format::Human => writeln!(out, "{}", totals.line()),
            Format::Concise => Ok(()),
            Format::Json => json::finish(out, totals),
        }
    }
}

/// Renders a whole run into a string (for tests and library users).
pub fn render(format: Format, run: &RunResult, options: &RenderOptions) -> String {
    let mut out = Vec::new();
    let mut renderer = Renderer::new(format, *options);
    // Writing into a Vec cannot fail.
    let _ = renderer.begin(&mut out);
    let file_renderer = renderer.file_renderer();
    for file in &run.files {
        let _ = renderer.write_file(&mut out, &file_renderer.render(file));
    }
    let _ = renderer.finish(&mut out, &run.totals());
    String::from_utf8_lossy(&out).into_owned()
}
