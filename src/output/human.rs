//! miette graphical reports: the snippet, the labels, the help, the suggested fix. Each
//! snippet is an [`Excerpt`]: the finding's own lines, windowed to the terminal and escaped.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic};

use super::excerpt::{self, escape, Excerpt};
use super::RenderOptions;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::span::{LineIndex, Span};
use crate::FileResult;

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Info => miette::Severity::Advice,
        Severity::Warning => miette::Severity::Warning,
        Severity::Error => miette::Severity::Error,
    }
}

/// The diagnostic for one finding, as miette data, with its labels at `spans` (the
/// primary first, then the labels in the same file) and label text wrapped by `wrap`.
fn diagnostic_at(
    f: &Finding,
    spans: &[Span],
    wrap: &dyn Fn(&str, Span) -> String,
) -> MietteDiagnostic {
    let primary = spans.first().copied().unwrap_or(f.span);
    let mut labels = vec![match &f.label {
        Some(text) => LabeledSpan::new_primary_with_span(Some(wrap(text, primary)), primary),
        None => LabeledSpan::new_primary_with_span(None, primary),
    }];
    // Labels in other files (registry entries) are rendered after, as notes.
    labels.extend(
        f.labels
            .iter()
            .filter(|l| l.path.is_none())
            .zip(spans.iter().skip(1))
            .map(|(l, &span)| LabeledSpan::new_with_span(Some(wrap(&l.message, span)), span)),
    );
    let mut help = f
        .help
        .as_deref()
        .map(escape)
        .unwrap_or_default()
        .into_owned();
    if let Some(fix) = &f.fix {
        let verb = match fix.applicability {
            Applicability::Safe => "fixable with --fix",
            Applicability::Suggestion => "suggestion, not applied by --fix",
        };
        if !help.is_empty() {
            help.push_str(&format!(" ({verb})"));
        }
    }
    let mut d = MietteDiagnostic::new(escape(&f.message))
        .with_code(format!("{}({})", f.rule.code(), f.rule.name()))
        .with_severity(severity(f.severity))
        .with_labels(labels);
    if !help.is_empty() {
        d = d.with_help(help);
    }
    d
}

/// A label's text wrapped to what is left of the terminal after the column where miette
/// draws it (under the middle of its span).
fn wrapped_label(excerpt: &Excerpt, width: usize) -> impl Fn(&str, Span) -> String + '_ {
    move |text, span| excerpt::wrap(&escape(text), excerpt.label_width(span, width))
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
    let mut related_index = std::collections::HashMap::new();
    let mut text = String::new();
    for f in &file.findings {
        let spans: Vec<Span> = std::iter::once(f.span)
            .chain(f.labels.iter().filter(|l| l.path.is_none()).map(|l| l.span))
            .collect();
        let (excerpt, moved) = Excerpt::new(&file.path, &file.text, &index, &spans, options.width);
        let d = diagnostic_at(f, &moved, &wrapped_label(&excerpt, options.width));
        text.clear();
        let report = miette::Report::new(d).with_source_code(excerpt);
        if handler.render_report(&mut text, report.as_ref()).is_err() {
            text = format!("{}: {}\n", escape(&file.path), escape(&f.message));
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
            let index = related_index
                .entry(path)
                .or_insert_with(|| LineIndex::new(source));
            let (excerpt, moved) = Excerpt::new(path, source, index, &[label.span], options.width);
            let message = wrapped_label(&excerpt, options.width)(&label.message, moved[0]);
            let note = MietteDiagnostic::new(message)
                .with_severity(miette::Severity::Advice)
                .with_labels([LabeledSpan::new_primary_with_span(None, moved[0])]);
            let report = miette::Report::new(note).with_source_code(excerpt);
            text.clear();
            if handler.render_report(&mut text, report.as_ref()).is_ok() {
                writeln!(out, "{text}")?;
            }
        }
    }
    Ok(())
}
