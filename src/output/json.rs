//! The JSON output, schema version 1 (DESIGN.md §10). Fields may be added; none may be
//! renamed or removed without raising `version`.

use serde::Serialize;

use crate::attribution::Speaker;
use crate::catalog::Rule;
use crate::diagnostic::{Finding, Fix, Severity};
use crate::output::Totals;
use crate::quotes::broken::Lost;
use crate::quotes::{Delimiter, Level, Quote, QuoteKind};
use crate::registry::Registry;
use crate::span::{LineCol, LineIndex, Span};
use crate::verify::Verification;
use crate::FileResult;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// The most bytes of a quotation's text written into JSON. A file of nested quotations or
/// one unclosed mark before 400 KB of text would otherwise repeat that text per quotation
/// (hundreds of megabytes); the span still says where all of it is.
pub const MAX_QUOTE_TEXT: usize = 2048;

/// `text` cut to at most `max` bytes at a character boundary, and whether it was cut.
fn capped(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct FileOut<'a> {
    pub path: &'a str,
    pub quotes: Vec<QuoteOut<'a>>,
    pub findings: Vec<FindingOut<'a>>,
    /// Extension: quotations with a lost mark (CQ001, CQ002), rebuilt from the suggested
    /// opening to the closing mark, or from the opening mark to the end of its paragraph.
    /// Left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub broken: Vec<BrokenOut<'a>>,
}

#[derive(Serialize)]
pub struct BrokenOut<'a> {
    #[serde(flatten)]
    pub quote: QuoteOut<'a>,
    /// `opening` or `closing`: the mark that was lost.
    pub lost: &'static str,
    /// The rule that reports the broken mark.
    pub code: &'static str,
    /// The mark that is there: the orphan closing mark or the unclosed opening one.
    pub mark: Span,
}

#[derive(Serialize)]
pub struct QuoteOut<'a> {
    pub id: String,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    /// The quotation's words, at most [`MAX_QUOTE_TEXT`] bytes of them.
    pub text: &'a str,
    /// Present (and `true`) only when `text` was cut at [`MAX_QUOTE_TEXT`] bytes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_truncated: bool,
    pub kind: QuoteKind,
    /// `null` when no speaker was found.
    pub speaker: Option<SpeakerOut<'a>>,
    /// `verified`, `altered`, `not-found`, `no-source` or `unverifiable`.
    pub verdict: &'static str,
    /// Where the words were found or came nearest; `null` when no source matched.
    pub source: Option<SourceOut<'a>>,
    /// Extensions to the base schema.
    pub delimiter: Delimiter,
    pub level: Level,
    pub parent: Option<String>,
    /// Extension: the opening and closing marks as the file writes them (straight, curly,
    /// an entity); `""` for a mark that was lost; `null` for a blockquote.
    pub marks: Option<[&'a str; 2]>,
    /// A little of the sentence around the quotation, from the file (see [`super::context`]).
    pub context: super::context::Context,
}

#[derive(Serialize)]
pub struct SourceOut<'a> {
    /// The registry id of the source; `null` for a page linked in the quotation's sentence.
    pub id: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The source's matching words, as the source writes them.
    pub excerpt: &'a str,
    /// For an altered quotation, the word diff from the source to the quotation; else `null`.
    pub diff: Option<&'a [crate::verify::diff::DiffPart]>,
    /// Extensions: the share of matching words, the local copy that matched, and whether
    /// the recorded wording is a translation.
    pub score: f64,
    pub file: Option<String>,
    pub translated: bool,
    /// Extension: the fetched page that matched (`--online` / `--offline`); else `null`.
    pub evidence: Option<EvidenceOut<'a>>,
}

/// What was fetched, for the fact-checker: the URL asked for, where redirects ended, the
/// status, when (RFC 3339), the SHA-256 of the body, and the cache file holding the text.
#[derive(Serialize)]
pub struct EvidenceOut<'a> {
    pub url: &'a str,
    pub final_url: &'a str,
    pub status: u16,
    pub fetched_at: &'a str,
    pub sha256: Option<&'a str>,
    pub cache_file: Option<String>,
}

#[derive(Serialize)]
pub struct SpeakerOut<'a> {
    pub text: &'a str,
    pub span: Span,
    /// `null` when the speaker does not resolve to the registry.
    pub registry_id: Option<&'a str>,
    /// Extensions: name, pronoun, description or anonymous; and the full name a pronoun or
    /// surname stands for.
    pub kind: crate::attribution::SpeakerKind,
    pub name: Option<&'a str>,
    /// Extension: the registry entry the speaker resolved to; `null` when none.
    pub registry: Option<RegistryOut<'a>>,
}

/// A registry entry as the report shows it: who the speaker is and where that is written.
#[derive(Serialize)]
pub struct RegistryOut<'a> {
    pub id: &'a str,
    pub kind: crate::registry::EntryKind,
    pub name: &'a str,
    /// The current role's title (the last without an end date, else the last listed).
    pub role: Option<&'a str>,
    /// The registry file and the 1-based line of the entry's `id`.
    pub path: &'a str,
    pub line: usize,
}

fn registry_out<'a>(registry: &'a Registry, id: &str) -> Option<RegistryOut<'a>> {
    let entry = registry.get(id)?;
    let (path, line) = registry.line_of(entry.origin)?;
    Some(RegistryOut {
        id: &entry.id,
        kind: entry.kind,
        name: &entry.name,
        role: entry.current_role().map(|r| r.title.as_str()),
        path,
        line,
    })
}

#[derive(Serialize)]
pub struct LabelOut<'a> {
    pub path: &'a str,
    pub span: Span,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct FindingOut<'a> {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    pub labels: Vec<LabelOut<'a>>,
    pub help: Option<&'a str>,
    pub fix: Option<&'a Fix>,
}

fn finding<'a>(path: &'a str, index: &LineIndex, f: &'a Finding) -> FindingOut<'a> {
    let mut labels = Vec::with_capacity(f.labels.len() + 1);
    if let Some(message) = &f.label {
        labels.push(LabelOut {
            path,
            span: f.span,
            message,
        });
    }
    labels.extend(f.labels.iter().map(|l| LabelOut {
        path: l.path.as_deref().unwrap_or(path),
        span: l.span,
        message: &l.message,
    }));
    FindingOut {
        code: f.rule.code(),
        rule: f.rule.name(),
        severity: f.severity,
        message: &f.message,
        span: f.span,
        start: index.line_col(f.span.start),
        end: index.line_col(f.span.end),
        labels,
        help: f.help.as_deref(),
        fix: f.fix.as_ref(),
    }
}

/// One file's JSON; `registry` (the run's, possibly empty) fills in `speaker.registry`.
pub fn file_out<'a>(file: &'a FileResult, registry: &'a Registry) -> FileOut<'a> {
    let index = LineIndex::new(&file.text);
    let quotes = file
        .analysis
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let marks = match (q.open, q.close) {
                (Some(open), Some(close)) => Some([
                    written(file, file.analysis.marks[open].span),
                    written(file, file.analysis.marks[close].span),
                ]),
                _ => None,
            };
            let mut out = quote_out(
                file,
                &index,
                q,
                marks,
                file.speakers.get(i).and_then(Option::as_ref),
                file.verifications.get(i),
                registry,
            );
            out.id = format!("q{}", i + 1);
            out.parent = q.parent.map(|p| format!("q{}", p + 1));
            out
        })
        .collect();
    let broken = file
        .broken
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let marks = match b.lost {
                Lost::Opening => ["", written(file, b.mark)],
                Lost::Closing => [written(file, b.mark), ""],
            };
            let mut quote = quote_out(
                file,
                &index,
                &b.quote,
                Some(marks),
                b.speaker.as_ref(),
                b.verification.as_ref(),
                registry,
            );
            quote.id = format!("b{}", i + 1);
            // Its nesting is among the rebuilt quotations, not the file's own.
            quote.parent = None;
            let (lost, rule) = match b.lost {
                Lost::Opening => ("opening", Rule::UnmatchedClosingQuote),
                Lost::Closing => ("closing", Rule::UnclosedQuote),
            };
            BrokenOut {
                quote,
                lost,
                code: rule.code(),
                mark: b.mark,
            }
        })
        .collect();
    let findings = file
        .findings
        .iter()
        .map(|f| finding(&file.path, &index, f))
        .collect();
    FileOut {
        path: &file.path,
        quotes,
        findings,
        broken,
    }
}

/// One quotation, its id and parent left for the caller.
fn quote_out<'a>(
    file: &'a FileResult,
    index: &LineIndex,
    q: &'a Quote,
    marks: Option<[&'a str; 2]>,
    speaker: Option<&'a Speaker>,
    verification: Option<&'a Verification>,
    registry: &'a Registry,
) -> QuoteOut<'a> {
    let (text, text_truncated) = capped(&q.text, MAX_QUOTE_TEXT);
    QuoteOut {
        id: String::new(),
        span: q.span,
        start: index.line_col(q.span.start),
        end: index.line_col(q.span.end),
        text,
        text_truncated,
        kind: q.kind,
        speaker: speaker.map(|s| SpeakerOut {
            text: &s.text,
            span: s.span,
            registry_id: s.registry_id.as_deref(),
            kind: s.kind,
            name: s.name.as_deref(),
            registry: s
                .registry_id
                .as_deref()
                .and_then(|id| registry_out(registry, id)),
        }),
        verdict: verification.map_or("no-source", |v| v.verdict.as_str()),
        source: verification
            .and_then(|v| v.source.as_ref())
            .map(|m| SourceOut {
                id: m.id.as_deref(),
                url: m.url.as_deref(),
                excerpt: &m.excerpt,
                diff: m.diff.as_deref(),
                score: (m.score * 1000.0).round() / 1000.0,
                file: m.file.as_deref().map(crate::setup::display_path),
                translated: m.translated,
                evidence: m.evidence.as_ref().map(|e| EvidenceOut {
                    url: &e.url,
                    final_url: &e.final_url,
                    status: e.status,
                    fetched_at: &e.fetched_at,
                    sha256: e.sha256.as_deref(),
                    cache_file: e.cache_file.as_deref().map(crate::setup::display_path),
                }),
            }),
        delimiter: q.delimiter,
        level: q.level,
        parent: None,
        marks,
        context: super::context::around(&file.text, q.span),
    }
}

/// The file's bytes at `span`, as written.
fn written(file: &FileResult, span: Span) -> &str {
    file.text.get(span.start..span.end).unwrap_or("")
}

fn tool() -> Tool {
    Tool {
        name: "citelint",
        version: env!("CARGO_PKG_VERSION"),
    }
}

/// Indents every line after the first as it is written, so pretty JSON written a piece at a
/// time reads as one document, without building the piece as a string first.
struct Indent<'w> {
    out: &'w mut dyn Write,
    indent: &'static [u8],
}

impl Write for Indent<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            self.out.write_all(&rest[..=nl])?;
            self.out.write_all(self.indent)?;
            rest = &rest[nl + 1..];
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

pub(crate) fn write_indented<T: Serialize>(
    out: &mut dyn Write,
    value: &T,
    indent: &'static [u8],
) -> io::Result<()> {
    // serde writes in tiny pieces; hand the indenter large ones.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, Indent { out, indent });
    serde_json::to_writer_pretty(&mut buffered, value).map_err(io::Error::other)?;
    buffered.flush()
}

pub fn begin(out: &mut dyn Write) -> io::Result<()> {
    write!(out, "{{\n  \"version\": {SCHEMA_VERSION},\n  \"tool\": ")?;
    write_indented(out, &tool(), b"  ")?;
    write!(out, ",\n  \"files\": [")
}

/// One element of `files`; the caller writes the separating commas.
pub fn file(out: &mut dyn Write, file: &FileResult, registry: &Registry) -> io::Result<()> {
    out.write_all(b"\n    ")?;
    write_indented(out, &file_out(file, registry), b"    ")
}

pub fn finish(out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
    out.write_all(b"\n  ],\n  \"summary\": ")?;
    write_indented(out, totals, b"  ")?;
    out.write_all(b"\n}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotation_text_is_capped_at_a_character_boundary() {
        assert_eq!(capped("short", 10), ("short", false));
        let long = "é".repeat(MAX_QUOTE_TEXT);
        let (text, cut) = capped(&long, MAX_QUOTE_TEXT);
        assert!(cut);
        assert_eq!(text.len(), MAX_QUOTE_TEXT);
        let (text, cut) = capped("aé", 2);
        assert_eq!((text, cut), ("a", true));
    }
}
