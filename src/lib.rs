//! citelint: a citation-integrity linter for Markdown journalism.
//!
//! The pipeline: files ([`walk`]) → documents ([`document`]) → quotes ([`quotes`]) →
//! attribution ([`attribution`]) → verification ([`verify`]) → checks ([`rules`]) →
//! findings ([`diagnostic`]) → suppressions → outputs ([`output`]).
//! The library never prints and never exits; the binary does.
//!
//! The modules are layers (ARCHITECTURE.md; enforced by `tests/architecture.rs`). Lowest
//! first, each may use only its own layer and those before it:
//!
//! 1. foundations: [`span`], [`lexicon`], [`setup`], [`read`], [`limits`]
//! 2. rule identity: [`catalog`]
//! 3. [`diagnostic`]
//! 4. [`document`]
//! 5. [`quotes`]
//! 6. language (next issue)
//! 7. [`registry`]
//! 8. [`attribution`]
//! 9. source text extraction: [`extract`]
//! 10. [`verify`]
//! 11. [`fetch`]
//! 12. [`rules`]
//! 13. [`config`]
//! 14. files: [`walk`]
//! 15. the pipeline: this file
//! 16. [`output`]
//! 17. after the run: [`baseline`], [`changes`], [`fix`]
//! 18. [`commands`], [`init`]
//! 19. the binary (`main.rs`)

pub mod attribution;
pub mod baseline;
pub mod catalog;
pub mod changes;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod extract;
pub mod fetch;
pub mod fix;
pub mod init;
pub mod language;
pub mod lexicon;
pub mod limits;
pub mod output;
pub mod quotes;
pub mod read;
pub mod registry;
pub mod rules;
pub mod setup;
pub mod span;
pub mod verify;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::Rule;
use crate::config::{Settings, SetupError};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::quotes::QuoteAnalysis;
use crate::span::Span;

/// Everything citelint learned about one file.
#[derive(Debug)]
pub struct FileResult {
    /// The path as given or found, with `/` separators.
    pub path: String,
    /// The file as read (empty when it could not be read).
    pub text: Arc<String>,
    pub analysis: QuoteAnalysis,
    /// The speaker of each quotation in `analysis.quotes`, same order.
    pub speakers: Vec<Option<attribution::Speaker>>,
    /// The verdict on each quotation's words, same order (empty where nothing was read).
    pub verifications: Vec<verify::Verification>,
    /// Sorted by position.
    pub findings: Vec<Finding>,
    /// Quotations whose marks are broken (CQ001, CQ002), rebuilt for the report.
    pub broken: Vec<BrokenQuote>,
}

/// A quotation with a lost mark, rebuilt from the suggested opening to its closing mark (or
/// from its opening mark to the end of its paragraph), with the speaker and verdict the
/// rebuilt words get (see `quotes::broken`).
#[derive(Debug, Clone)]
pub struct BrokenQuote {
    pub quote: quotes::Quote,
    pub lost: quotes::broken::Lost,
    /// The broken mark: the orphan closing mark or the unclosed opening one.
    pub mark: Span,
    pub speaker: Option<attribution::Speaker>,
    pub verification: Option<verify::Verification>,
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

/// A registry file's problems, shown like a checked file's findings.
impl From<registry::RegistryReport> for FileResult {
    fn from(report: registry::RegistryReport) -> Self {
        FileResult {
            path: report.path,
            text: report.text,
            analysis: QuoteAnalysis::default(),
            speakers: Vec::new(),
            verifications: Vec::new(),
            findings: report.findings,
            broken: Vec::new(),
        }
    }
}

/// Checks one document's text, within the configured time budget
/// (`limits.file_time_budget`): a check that runs over it stops and reports CF003.
pub fn check_text(path: &str, text: String, settings: &Settings) -> FileResult {
    let deadline = limits::Deadline::after(settings.limits.file_time_budget);
    let doc = Document::parse(path, text, &settings.read);
    match check_document(&doc, settings, &deadline) {
        Some((analysis, speakers, verifications, findings, broken)) => FileResult {
            path: path.to_string(),
            text: Arc::new(doc.text),
            analysis,
            speakers,
            verifications,
            findings,
            broken,
        },
        None => over_budget(path, doc.text, &deadline, settings),
    }
}

/// What checking a document finds: its quotations, their speakers and verdicts, and the
/// findings; `None` when `deadline` passed first.
type Checks = (
    QuoteAnalysis,
    Vec<Option<attribution::Speaker>>,
    Vec<verify::Verification>,
    Vec<Finding>,
    Vec<BrokenQuote>,
);

fn check_document(
    doc: &Document,
    settings: &Settings,
    deadline: &limits::Deadline,
) -> Option<Checks> {
    let mut analysis = quotes::analyze(doc, settings.marks);
    deadline.not_passed()?;
    // The attribution lexicons are English: other languages get no speakers yet.
    let attribution = settings.language == "en";
    let speakers = if attribution {
        attribution::attribute_until(doc, &mut analysis, &settings.registry, deadline)
    } else {
        vec![None; analysis.quotes.len()]
    };
    deadline.not_passed()?;
    let verifications = verify::verify_quotes(
        doc,
        &analysis,
        &speakers,
        &settings.registry,
        &settings.sources,
        &settings.verify,
    );
    let recorded =
        (!settings.registry.is_empty()).then(|| settings.sources.recorded(&settings.registry));
    deadline.not_passed()?;
    let ctx = rules::Context {
        doc,
        quotes: &analysis,
        speakers: &speakers,
        verifications: &verifications,
        recorded,
        require_source: settings.require_source,
        marks: settings.marks,
        house_style: settings.house_style,
        registry: &settings.registry,
        registry_configured: !settings.registry_paths.is_empty(),
        attribution,
    };
    let mut findings = rules::check(&ctx);
    let broken = rebuild_broken(&ctx, settings, deadline);
    findings.extend(unknown_sources(doc, settings));
    findings.extend(doc.front_matter_findings.iter().cloned());
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
    deadline.not_passed()?;
    Some((analysis, speakers, verifications, findings, broken))
}

/// A file whose check ran over its time budget: CF003 with the time it took, and nothing
/// else (a partial check could pass a file that has problems).
fn over_budget(
    path: &str,
    text: String,
    deadline: &limits::Deadline,
    settings: &Settings,
) -> FileResult {
    let finding = Finding::new(
        Rule::FileTimeBudget,
        Span::empty(0),
        format!(
            "checking this file took {:.2} s, more than its {} budget; it was not checked",
            deadline.elapsed().as_secs_f64(),
            humantime::format_duration(deadline.budget())
        ),
    )
    .with_label("stopped")
    .with_help("split the file, or raise `limits.file_time_budget` in .citelint.yml");
    file_failure(path, text, finding, settings)
}

/// The quotations with a broken mark, rebuilt from the opening CQ001 suggests, then
/// attributed and verified among the document's own quotations.
fn rebuild_broken(
    ctx: &rules::Context,
    settings: &Settings,
    deadline: &limits::Deadline,
) -> Vec<BrokenQuote> {
    if ctx.quotes.orphans.is_empty() && ctx.quotes.unclosed.is_empty() {
        return Vec::new();
    }
    let mut rebuilt = quotes::broken::rebuild(ctx.doc, ctx.quotes, |orphan| {
        rules::cq001_unmatched_closing_quote::suggested_start(ctx, orphan).map(|g| g.prose)
    });
    if rebuilt.broken.is_empty() {
        return Vec::new();
    }
    let speakers = if ctx.attribution {
        attribution::attribute_until(ctx.doc, &mut rebuilt.analysis, &settings.registry, deadline)
    } else {
        vec![None; rebuilt.analysis.quotes.len()]
    };
    let mut verifications = verify::verify_quotes(
        ctx.doc,
        &rebuilt.analysis,
        &speakers,
        &settings.registry,
        &settings.sources,
        &settings.verify,
    );
    rebuilt
        .broken
        .iter()
        .map(|&(i, lost, mark)| BrokenQuote {
            quote: rebuilt.analysis.quotes[i].clone(),
            lost,
            mark,
            speaker: speakers.get(i).cloned().flatten(),
            verification: verifications.get_mut(i).map(std::mem::take),
        })
        .collect()
}

/// Front-matter `citelint.sources` ids that the registry does not have (CR005). Checked
/// only when a registry is configured: without one, no id can be known.
fn unknown_sources(doc: &Document, settings: &Settings) -> Vec<Finding> {
    if settings.registry_paths.is_empty() {
        return Vec::new();
    }
    doc.sources
        .iter()
        .filter(|(id, _)| settings.registry.get(id).is_none())
        .map(|(id, span)| {
            Finding::new(
                Rule::UnknownRegistryReference,
                *span,
                format!("`citelint.sources` names `{id}`, which is not in the registry"),
            )
            .with_label("unknown id")
            .with_help(registry::unknown_id_help(&settings.registry, id))
        })
        .collect()
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
        speakers: Vec::new(),
        verifications: Vec::new(),
        findings,
        broken: Vec::new(),
    }
}

/// Reads and checks one file on disk; a read error is a finding, not a failed run, and a
/// file that is not a regular file (a FIFO, a device) is skipped.
pub fn check_file(path: &Path, settings: &Settings) -> Checked {
    let shown = walk::display_path(path);
    match read::read_regular(path, settings.limits.max_file_bytes) {
        Ok(bytes) => check_bytes(&shown, bytes, settings),
        Err(read::ReadError::NotRegular(what)) => Checked::Skipped(Skipped {
            path: shown,
            reason: format!("{what}, not a regular file"),
        }),
        Err(e) => {
            let finding = Finding::new(
                Rule::UnreadableFile,
                Span::empty(0),
                format!("cannot read the file: {e}"),
            )
            .with_help(match e {
                read::ReadError::TooLarge { .. } => {
                    "raise `limits.max_file_mb` in .citelint.yml, or exclude the file"
                }
                _ => "fix the permissions or the link, or exclude the file in .citelint.yml",
            });
            Checked::File(file_failure(&shown, String::new(), finding, settings))
        }
    }
}

/// How many files are checked in parallel before their results are handed on. Results are
/// rendered and dropped chunk by chunk, so memory stays flat however large the archive.
const CHUNK_PER_THREAD: usize = 8;

/// Checks `files` in parallel, turns each result into a `T` with `map` (also in parallel:
/// rendering belongs there), and hands the `T`s to `sink` in the order of `files`.
pub fn check_stream<T: Send>(
    files: &[PathBuf],
    settings: &Settings,
    pool: &rayon::ThreadPool,
    map: impl Fn(Checked) -> T + Sync,
    mut sink: impl FnMut(T),
) {
    let chunk = (pool.current_num_threads() * CHUNK_PER_THREAD).max(1);
    for batch in files.chunks(chunk) {
        let results: Vec<T> = pool.install(|| {
            batch
                .par_iter()
                .map(|p| map(check_file(p, settings)))
                .collect()
        });
        results.into_iter().for_each(&mut sink);
    }
}

/// Fetches the source URLs that the quotations checked so far asked for (each once, with
/// the archived copy of any that is gone) and makes them sources for the rest of the run.
///
/// An online run reads its files twice: a first pass learns which URLs verification needs
/// (a quotation already verified offline needs none), this fetches them all at once,
/// concurrently, and the second pass checks against them.
pub fn fetch_wanted(
    settings: &Settings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<FetchSummary, SetupError> {
    let wanted = settings.sources.take_wanted();
    let fetched = fetch::fetch_all(&wanted, &settings.fetch, progress)
        .map_err(|e| SetupError::Usage(e, None))?;
    let mut summary = FetchSummary::default();
    for page in fetched.values() {
        match page.entry.outcome {
            fetch::Outcome::Fetched => summary.read += 1,
            fetch::Outcome::Unreachable { .. } => summary.gone += 1,
            fetch::Outcome::Unverifiable { .. } => summary.unread += 1,
        }
    }
    settings.sources.add_pages(fetched);
    Ok(summary)
}

/// How many source URLs an online run read, found gone, or could not read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FetchSummary {
    pub read: usize,
    pub gone: usize,
    pub unread: usize,
}

/// A thread pool of `jobs` threads (default: one per core).
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, SetupError> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    builder
        .build()
        .map_err(|e| SetupError::Usage(format!("cannot start worker threads: {e}"), None))
}

/// Finds the Markdown files under `paths` and checks them all, keeping every result. For
/// large archives prefer [`walk::collect`] with [`check_stream`].
pub fn check_paths(
    paths: &[PathBuf],
    settings: &Settings,
    jobs: Option<usize>,
) -> Result<RunResult, SetupError> {
    let found = walk::collect(paths, settings)?;
    let pool = thread_pool(jobs)?;
    let mut result = RunResult {
        notes: found.notes,
        ..RunResult::default()
    };
    check_stream(
        &found.files,
        settings,
        &pool,
        |c| c,
        |c| match c {
            Checked::File(f) => result.files.push(f),
            Checked::Skipped(s) => result.skipped.push(s),
        },
    );
    Ok(result)
}
