//! Renderers: one module per output format, all reading the same [`RunResult`].

pub mod concise;
pub mod human;
pub mod json;

use crate::diagnostic::Severity;
use crate::RunResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette reports with the source snippet, labels and help.
    Human,
    /// One line per finding: path:line:column: severity[CODE] message.
    Concise,
    /// The versioned JSON schema (see README, "JSON output").
    Json,
}

pub struct RenderOptions {
    pub color: bool,
    /// Terminal width for wrapping human output.
    pub width: usize,
}

pub fn render(format: Format, run: &RunResult, options: &RenderOptions) -> String {
    match format {
        Format::Human => human::render(run, options),
        Format::Concise => concise::render(run),
        Format::Json => json::render(run),
    }
}

/// "3 errors, 1 warning and 0 infos in 2 files (14 quotations)".
pub fn summary_line(run: &RunResult) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} and {} in {} ({})",
        plural(run.count(Severity::Error), "error"),
        plural(run.count(Severity::Warning), "warning"),
        plural(run.count(Severity::Info), "info"),
        plural(run.files.len(), "file"),
        plural(run.quote_count(), "quotation"),
    )
}
