//! miette graphical reports: the snippet, the labels, the help, the suggested fix.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

use super::RenderOptions;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::span::LineIndex;
use crate::FileResult;

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Info => miette::Severity::Advice,
        Severity::Warning => miette::Severity::Warning,
        Severity::Error => miette::Severity::Error,
    }
}

/// The diagnostic for one finding, as miette data.
pub fn diagnostic(f: &Finding) -> MietteDiagnostic {
    let mut labels = vec![match &f.label {
        Some(text) => LabeledSpan::new_primary_with_span(Some(text.clone()), f.span),
        None => LabeledSpan::new_primary_with_span(None, f.span),
    }];
    // Labels in other files (registry entries) are rendered by later issues' related reports.
    labels.extend(
        f.labels
            .iter()
            .filter(|l| l.path.is_none())
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span)),
    );
    let mut help = f.help.clone().unwrap_or_default();
    if let Some(fix) = &f.fix {
        let verb = match fix.applicability {
            Applicability::Safe => "fixable with --fix",
            Applicability::Suggestion => "suggestion, not applied by --fix",
        };
        if !help.is_empty() {
            help.push_str(&format!(" ({verb})"));
        }
    }
    let mut d = MietteDiagnostic::new(f.message.clone())
        .with_code(format!("{}({})", f.rule.code(), f.rule.name()))
        .with_severity(severity(f.severity))
        .with_labels(labels);
    if !help.is_empty() {
        d = d.with_help(help);
    }
    d
}

/// Lines longer than this are not drawn as a snippet: a whole paragraph on one line is
/// unreadable in a terminal, and miette's renderer cannot lay out very long lines.
const MAX_SNIPPET_LINE: usize = 1000;

/// Whether every line the finding points at is short enough to draw.
fn drawable(index: &LineIndex, f: &Finding) -> bool {
    std::iter::once(f.span)
        .chain(f.labels.iter().filter(|l| l.path.is_none()).map(|l| l.span))
        .all(|span| {
            let line = index.line_col(span.start).line;
            index
                .line_span(line)
                .is_some_and(|l| l.len() <= MAX_SNIPPET_LINE)
        })
}

pub fn file(out: &mut dyn Write, file: &FileResult, options: &RenderOptions) -> io::Result<()> {
    if file.findings.is_empty() {
        return Ok(());
    }
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let index = LineIndex::new(&file.text);
    let mut text = String::new();
    for f in &file.findings {
        text.clear();
        let rendered = if drawable(&index, f) {
            let report = miette::Report::new(diagnostic(f))
                .with_source_code(NamedSource::new(&file.path, Arc::clone(&file.text)));
            handler.render_report(&mut text, report.as_ref())
        } else {
            let at = index.line_col(f.span.start);
            let mut d = diagnostic(f);
            d.labels = None;
            d.message = format!(
                "{} (at {}:{}:{}; the line is too long to show)",
                d.message, file.path, at.line, at.column
            );
            handler.render_report(&mut text, &d)
        };
        if rendered.is_err() {
            text = format!("{}: {}\n", file.path, f.message);
        }
        writeln!(out, "{text}")?;
        // Labels in another file (a registry entry): that file's snippet, as a note.
        for label in f.labels.iter().filter(|l| l.path.is_some()) {
            let Some(path) = label.path.as_deref() else {
                continue;
            };
            let Some(source) = options.related.get(path) else {
                continue;
            };
            let note = MietteDiagnostic::new(label.message.clone())
                .with_severity(miette::Severity::Advice)
                .with_labels([LabeledSpan::new_primary_with_span(None, label.span)]);
            let report = miette::Report::new(note)
                .with_source_code(NamedSource::new(path, Arc::clone(source)));
            text.clear();
            if handler.render_report(&mut text, report.as_ref()).is_ok() {
                writeln!(out, "{text}")?;
            }
        }
    }
    Ok(())
}
