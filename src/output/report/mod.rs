//! The fact-checker report (`citelint report`): every quotation of every article with its
//! speaker, source and verdict, as HTML, CSV, Markdown or JSON.
//!
//! Every format is rendered from one model, [`Report`], which is read from the JSON that
//! `citelint check --format json` writes (schema version 1). A live run turns each
//! [`FileResult`] into that JSON and reads it back ([`FileReport::from_result`]); `--from`
//! reads saved results ([`parse_results`]) and merges them ([`Report::merge`]), so the
//! outputs of `--shard` jobs make the same report as one run over the whole archive.
//!
//! The model reads only the fields it shows and ignores the rest, so results written by a
//! newer citelint with more fields still load. Kinds, verdicts and severities are kept as
//! strings for the same reason.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod signoff;

pub use crate::verify::diff::{inline as inline_diff, Change, DiffPart};
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::output::json::SCHEMA_VERSION;
use crate::registry::Registry;
use crate::FileResult;

/// The report's title when the configuration gives none (`report.title`).
pub const DEFAULT_TITLE: &str = "Quotation report";

/// The formats of `citelint report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page: summary, filters, a table of quotations per article.
    Html,
    /// One row per quotation, for spreadsheets (RFC 4180).
    Csv,
    /// The `check` JSON (schema version 1), merged, with the summary recomputed.
    Json,
    /// A compact summary and the problems per article, for a pull request comment.
    Markdown,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn this() -> Tool {
        Tool {
            name: "citelint".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// A whole results file, as `check --format json` writes it. Its `summary` is not read:
/// the report counts for itself.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Results {
    pub version: u32,
    pub tool: Tool,
    pub files: Vec<FileReport>,
    #[serde(skip_deserializing)]
    pub summary: Summary,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub quotes: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct FileReport {
    pub path: String,
    pub quotes: Vec<Quote>,
    pub findings: Vec<Finding>,
    /// Quotations with a lost mark, rebuilt (CQ001, CQ002); absent in older results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub broken: Vec<BrokenQuote>,
}

/// A quotation whose opening or closing mark was lost, rebuilt by `check`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct BrokenQuote {
    #[serde(flatten)]
    pub quote: Quote,
    /// `opening` or `closing`.
    pub lost: String,
    /// The rule that reports the broken mark (CQ001, CQ002).
    pub code: String,
    /// The mark that is there.
    pub mark: Span,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Quote {
    pub id: String,
    pub span: Span,
    pub start: Pos,
    pub end: Pos,
    pub text: String,
    pub kind: String,
    pub speaker: Option<Speaker>,
    pub verdict: String,
    pub source: Option<Source>,
    #[serde(default)]
    pub delimiter: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// The marks as the article writes them (`""` for a lost one); absent in older results.
    #[serde(default)]
    pub marks: Option<[String; 2]>,
    #[serde(default)]
    pub context: Context,
}

impl Quote {
    /// The marks to show around the words, as the article writes them: a checker of marks
    /// must see straight marks as straight. None for a blockquote; curly ones for results
    /// older than the `marks` field.
    pub fn marks(&self) -> (&str, &str) {
        if let Some([open, close]) = &self.marks {
            return (open, close);
        }
        match (self.delimiter.as_deref(), self.level.as_deref()) {
            (Some("blockquote"), _) => ("", ""),
            (_, Some("single")) => ("‘", "’"),
            _ => ("“", "”"),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Context {
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Speaker {
    pub text: String,
    pub span: Span,
    pub registry_id: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub registry: Option<RegistryEntry>,
}

impl Speaker {
    /// Who the speaker is, as resolved: the registry's name, else the full name a pronoun
    /// or surname stands for, else the words as written.
    pub fn resolved(&self) -> &str {
        self.registry
            .as_ref()
            .map(|r| r.name.as_str())
            .or(self.name.as_deref())
            .unwrap_or(&self.text)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RegistryEntry {
    pub id: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    pub path: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Source {
    /// The registry id; `null` for a page that is not in the registry (a link in the
    /// quotation's sentence, read online).
    pub id: Option<String>,
    pub url: Option<String>,
    pub excerpt: String,
    pub diff: Option<Vec<DiffPart>>,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub translated: bool,
    /// What was fetched, when the source was read online (`--online`). Kept as it was
    /// given: absent (results from before fetching existed), `null`, or the evidence.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub evidence: Option<Option<Evidence>>,
}

impl Source {
    pub fn evidence(&self) -> Option<&Evidence> {
        self.evidence.as_ref().and_then(Option::as_ref)
    }
}

/// A field that is there, even as `null` (absent fields are `None` by `default`).
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// The fetched copy of a source: where the request ended, when, and the cached bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Evidence {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub final_url: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    /// RFC 3339.
    #[serde(default)]
    pub fetched_at: Option<String>,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub cache_file: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Finding {
    pub code: String,
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub span: Span,
    pub start: Pos,
    pub end: Pos,
    #[serde(default)]
    pub labels: Vec<Label>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub fix: Option<Fix>,
    /// The line of the article the finding is on, when the article could be read: shown
    /// for findings outside any quotation. Not part of the results.
    #[serde(skip)]
    pub line_text: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Label {
    pub path: String,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Fix {
    pub applicability: String,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl FileReport {
    /// One checked file, through the same JSON that `check --format json` writes.
    pub fn from_result(file: &FileResult, registry: &Registry) -> FileReport {
        let json = serde_json::to_vec(&crate::output::json::file_out(file, registry))
            .expect("the JSON output serializes");
        let mut report: FileReport =
            serde_json::from_slice(&json).expect("the JSON output reads back as a report file");
        report.read_lines(&file.text);
        report
    }

    /// Gives each finding the line of `text` (the article) it is on, trimmed to at most
    /// [`LINE_CONTEXT`] characters around the finding.
    pub fn read_lines(&mut self, text: &str) {
        for f in &mut self.findings {
            let Some(at) = text.get(..f.span.start.min(text.len())) else {
                continue;
            };
            let line_start = at.rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            let line = &text[line_start..line_end];
            let column = f.start.column.saturating_sub(1);
            let from = column.saturating_sub(LINE_CONTEXT / 2);
            let shown: String = line.chars().skip(from).take(LINE_CONTEXT).collect();
            let mut shown = shown.trim().to_string();
            if from > 0 {
                shown.insert(0, '…');
            }
            if line.chars().count() > from + LINE_CONTEXT {
                shown.push('…');
            }
            f.line_text = (!shown.is_empty()).then_some(shown);
        }
    }
}

/// How many characters of a finding's line the report shows.
pub const LINE_CONTEXT: usize = 160;

/// A results file that could not be read as `check` JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

fn parse_error(e: &serde_json::Error) -> ParseError {
    let full = e.to_string();
    // serde_json ends its messages with " at line L column C"; the caller places it.
    let message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    };
    let what = match e.classify() {
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Eof => "not valid JSON (it ends too soon)",
        serde_json::error::Category::Data => "not citelint results",
        serde_json::error::Category::Io => "cannot read",
    };
    ParseError {
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!("{what}: {message}"),
    }
}

/// Reads one results file written by `citelint check --format json`.
pub fn parse_results(text: &str) -> Result<Results, ParseError> {
    #[derive(Deserialize)]
    struct Head {
        version: serde_json::Value,
    }
    // The version first: a newer schema may not read as this one at all.
    let head: Head = serde_json::from_str(text).map_err(|e| parse_error(&e))?;
    if head.version != serde_json::json!(SCHEMA_VERSION) {
        let (line, column) = version_position(text);
        return Err(ParseError {
            line,
            column,
            message: format!(
                "results of schema version {} cannot be read; this citelint reads version {SCHEMA_VERSION}",
                head.version
            ),
        });
    }
    serde_json::from_str(text).map_err(|e| parse_error(&e))
}

/// Where `"version"` is written, for the error about it.
fn version_position(text: &str) -> (usize, usize) {
    let at = text.find("\"version\"").unwrap_or(0);
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    (line, text[line_start..at].chars().count() + 1)
}

/// A quotation and the findings that belong to it.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    pub quote: &'a Quote,
    pub findings: Vec<&'a Finding>,
    /// The code of the rule that reports this quotation's lost mark: the rebuilt
    /// quotations, and those with a CQ002 finding of their own (a paragraph it runs on
    /// into without opening with a mark).
    pub broken: Option<&'a str>,
}

impl Row<'_> {
    /// The codes of this row's findings, each once, in order.
    pub fn rules(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.findings.iter().map(|f| f.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

/// One article as the report shows it.
#[derive(Clone, Debug)]
pub struct Article<'a> {
    pub file: &'a FileReport,
    pub rows: Vec<Row<'a>>,
    /// Findings that belong to no quotation (a broken mark outside one, a name variant).
    pub loose: Vec<&'a Finding>,
}

impl<'a> Article<'a> {
    /// Every quotation, the rebuilt ones among the file's own by position, and each finding
    /// filed under one: the innermost quotation its start is inside, or the quotation whose
    /// speaker it is about (an unknown or anonymous speaker).
    pub fn new(file: &'a FileReport) -> Article<'a> {
        let mut rows: Vec<Row> = file
            .quotes
            .iter()
            .map(|quote| Row {
                quote,
                findings: Vec::new(),
                broken: None,
            })
            .chain(file.broken.iter().map(|b| Row {
                quote: &b.quote,
                findings: Vec::new(),
                broken: Some(b.code.as_str()),
            }))
            .collect();
        // Sorted by start, outer first: nested ones start inside their parent.
        rows.sort_by_key(|r| (r.quote.span.start, std::cmp::Reverse(r.quote.span.end)));
        let mut by_speaker: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            if let Some(s) = &r.quote.speaker {
                by_speaker
                    .entry((s.span.start, s.span.end))
                    .or_default()
                    .push(i);
            }
        }
        let starts: Vec<usize> = rows.iter().map(|r| r.quote.span.start).collect();
        let mut loose = Vec::new();
        for f in &file.findings {
            let at = f.span.start;
            let before = starts.partition_point(|&s| s <= at);
            // The latest-starting quotation that contains the finding is the innermost.
            let inside = (0..before)
                .rev()
                .take(64)
                .find(|&i| rows[i].quote.span.contains(at));
            if let Some(i) = inside {
                rows[i].findings.push(f);
            } else if let Some(quotes) = by_speaker.get(&(f.span.start, f.span.end)) {
                for &i in quotes {
                    rows[i].findings.push(f);
                }
            } else {
                loose.push(f);
            }
        }
        for row in &mut rows {
            if row.broken.is_none() && row.findings.iter().any(|f| f.code == "CQ002") {
                row.broken = Some("CQ002");
            }
        }
        Article { file, rows, loose }
    }
}

/// How verdicts are ordered and named in every format.
pub const VERDICTS: &[(&str, &str)] = &[
    ("verified", "verified"),
    ("altered", "altered"),
    ("misattributed", "misattributed"),
    ("not-found", "not found"),
    ("unverifiable", "unverifiable"),
    ("unrecorded", "unrecorded"),
    ("no-source", "no source"),
];

/// The words shown for a verdict.
pub fn verdict_label(verdict: &str) -> &str {
    VERDICTS
        .iter()
        .find(|(v, _)| *v == verdict)
        .map_or(verdict, |(_, label)| label)
}

fn verdict_rank(verdict: &str) -> usize {
    VERDICTS
        .iter()
        .position(|(v, _)| *v == verdict)
        .unwrap_or(VERDICTS.len())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: String,
    pub rule: String,
    pub severity: String,
    pub count: usize,
}

/// What the summary at the top of every format counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub summary: Summary,
    /// Every verdict that occurs, in [`VERDICTS`] order (unknown ones after).
    pub verdicts: Vec<(String, usize)>,
    /// Every rule that occurs, by code.
    pub rules: Vec<RuleCount>,
}

/// Results from several files cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicatePath {
    pub path: String,
    pub first: String,
    pub second: String,
}

/// What a filed report proves it checked: when, from which commit, with which citelint,
/// registry and configuration. Made by the command (`commands::stamp`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stamp {
    /// UTC, RFC 3339.
    pub date: String,
    pub commit: Option<String>,
    pub branch: Option<String>,
    /// Whether tracked files had changes not committed; `None` outside a repository.
    pub dirty: Option<bool>,
    pub version: String,
    /// The registry files and the configuration, with their SHA-256.
    pub files: Vec<StampedFile>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StampedFile {
    /// `registry` or `config`.
    pub role: String,
    pub path: String,
    /// `None` when the file could not be read.
    pub sha256: Option<String>,
}

/// The report: every article, sorted by path, a title and, unless `--no-stamp`, a stamp.
#[derive(Clone, Debug)]
pub struct Report {
    pub title: String,
    pub files: Vec<FileReport>,
    pub stamp: Option<Stamp>,
    /// A checker's earlier work (`--signoff`), shown again on the quotations it matches.
    pub signoff: signoff::SignOff,
}

impl Report {
    pub fn new(title: impl Into<String>, mut files: Vec<FileReport>) -> Report {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Report {
            title: title.into(),
            files,
            stamp: None,
            signoff: signoff::SignOff::default(),
        }
    }

    /// Merges results files (named for the error): the outputs of shards, say. A path in
    /// two of them is an error, since it is not clear which to believe.
    pub fn merge(
        title: impl Into<String>,
        inputs: Vec<(String, Results)>,
    ) -> Result<Report, DuplicatePath> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut files = Vec::new();
        for (name, results) in inputs {
            for file in results.files {
                if let Some(first) = seen.insert(file.path.clone(), name.clone()) {
                    return Err(DuplicatePath {
                        path: file.path,
                        first,
                        second: name,
                    });
                }
                files.push(file);
            }
        }
        Ok(Report::new(title, files))
    }

    pub fn articles(&self) -> impl Iterator<Item = Article<'_>> {
        self.files.iter().map(Article::new)
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        let mut verdicts: BTreeMap<(usize, &str), usize> = BTreeMap::new();
        let mut rules: BTreeMap<&str, RuleCount> = BTreeMap::new();
        for file in &self.files {
            counts.summary.files += 1;
            counts.summary.quotes += file.quotes.len() + file.broken.len();
            for q in file
                .quotes
                .iter()
                .chain(file.broken.iter().map(|b| &b.quote))
            {
                *verdicts
                    .entry((verdict_rank(&q.verdict), q.verdict.as_str()))
                    .or_default() += 1;
            }
            for f in &file.findings {
                match f.severity.as_str() {
                    "error" => counts.summary.errors += 1,
                    "warning" => counts.summary.warnings += 1,
                    _ => counts.summary.infos += 1,
                }
                rules
                    .entry(&f.code)
                    .or_insert_with(|| RuleCount {
                        code: f.code.clone(),
                        rule: f.rule.clone(),
                        severity: f.severity.clone(),
                        count: 0,
                    })
                    .count += 1;
            }
        }
        counts.verdicts = verdicts
            .into_iter()
            .map(|((_, v), n)| (v.to_string(), n))
            .collect();
        counts.rules = rules.into_values().collect();
        counts
    }

    /// The report as `check` JSON (schema version 1), the summary counted again.
    pub fn to_results(&self) -> Results {
        Results {
            version: SCHEMA_VERSION,
            tool: Tool::this(),
            files: self.files.clone(),
            // As `check` counts: the rebuilt quotations are not among its quotations.
            summary: Summary {
                quotes: self.files.iter().map(|f| f.quotes.len()).sum(),
                ..self.counts().summary
            },
        }
    }

    pub fn render(&self, format: ReportFormat, links: &html::Links) -> String {
        match format {
            ReportFormat::Html => html::render(self, links),
            ReportFormat::Csv => csv::render(self),
            ReportFormat::Markdown => markdown::render(self),
            ReportFormat::Json => {
                let mut out =
                    serde_json::to_string_pretty(&self.to_results()).expect("results serialize");
                out.push('\n');
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_file_says_where_and_what() {
        let e = parse_results("{\"version\": 1,\n \"tool\": {\"name\": \"citelint\", \"version\": \"0\"},\n \"files\": [{\"path\": 3}]}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 21));
        assert!(
            e.message.starts_with("not citelint results: invalid type"),
            "{e}"
        );
        let e = parse_results("{\"version\": 1, \"files\": [").unwrap_err();
        assert!(e.message.starts_with("not valid JSON"), "{e}");
        let e = parse_results("{\n  \"version\": 2}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.contains("schema version 2"), "{e}");
    }

    #[test]
    fn evidence_is_optional_and_read_by_its_names() {
        let source: Source = serde_json::from_str(
            r#"{"id": "s", "url": null, "excerpt": "x", "diff": null,
                "evidence": {"url": "https://a.example/", "final_url": "https://b.example/",
                             "status": 200, "fetched_at": "2026-05-01T10:00:00Z",
                             "sha256": "ab", "cache_file": ".citelint-cache/ab"}}"#,
        )
        .unwrap();
        let e = source.evidence().unwrap();
        assert_eq!(e.final_url.as_deref(), Some("https://b.example/"));
        assert_eq!(e.status, Some(200));
        // `null` and absent both read as no evidence, and each is written back as it came.
        for text in [
            r#"{"id":null,"url":null,"excerpt":"x","diff":null,"score":null,"file":null,"translated":false,"evidence":null}"#,
            r#"{"id":"s","url":null,"excerpt":"x","diff":null,"score":null,"file":null,"translated":false}"#,
        ] {
            let source: Source = serde_json::from_str(text).unwrap();
            assert_eq!(source.evidence(), None);
            assert_eq!(serde_json::to_string(&source).unwrap(), text);
        }
    }
}
