//! The commands behind the binary: `check`, `report`, `rules`/`explain`, `init`,
//! `registry check` and `completions`, one file each, with the steps they share (settings from the arguments,
//! the registry, fetching sources). A command never prints and never exits: it writes its
//! report to the [`Terminal`] it is lent (or to `--output`) and returns an [`Outcome`] whose
//! status the binary maps to an exit status.

pub mod args;
pub mod check;
pub mod completions;
pub mod init;
pub mod registry;
pub mod report;
pub mod rules;
pub mod stamp;
pub mod suggest;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crate::catalog::Rule;
use crate::config::{self, Settings, SetupError};
use crate::output::{self, Format, RenderOptions};
use crate::{walk, FileResult, RunResult};
use args::{ColorChoice, RunArgs, SourceArgs};

/// How a command ended, for the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing at or above the failing severity (exit status 0).
    Passed,
    /// Findings that fail the run (exit status 1).
    Failed,
    /// The run could not be done as asked (exit status 2).
    NotDone,
}

/// What a command came to: its status, what it has for standard output (when it did not
/// write there itself), and the lines for standard error, in order.
#[derive(Debug)]
pub struct Outcome {
    pub status: Status,
    pub stdout: String,
    pub stderr: Vec<String>,
}

impl Outcome {
    pub fn new(status: Status) -> Outcome {
        Outcome {
            status,
            stdout: String::new(),
            stderr: Vec::new(),
        }
    }
}

/// A display of fetching progress, lent by the binary (a terminal progress bar).
pub trait Progress: Sync {
    fn set(&self, done: usize, total: usize);
    /// Clears the display once fetching is over.
    fn finish(&self);
}

/// No progress shown.
pub struct NoProgress;

impl Progress for NoProgress {
    fn set(&self, _done: usize, _total: usize) {}
    fn finish(&self) {}
}

/// What the binary lends a command: standard output and a progress display.
pub struct Terminal {
    pub stdout: Box<dyn Write>,
    pub stdout_is_terminal: bool,
    /// Shown unless `--no-progress`.
    pub progress: Box<dyn Progress>,
}

fn resolve_rules(selectors: &[String]) -> Result<Vec<Rule>, SetupError> {
    selectors
        .iter()
        .map(|s| {
            Rule::from_selector(s.trim()).ok_or_else(|| {
                SetupError::Usage(format!("unknown rule `{s}`"), Some(Rule::suggest(s)))
            })
        })
        .collect()
}

fn current_dir() -> Result<PathBuf, SetupError> {
    std::env::current_dir().map_err(|source| SetupError::Io {
        path: ".".into(),
        source,
    })
}

fn settings_from(config: Option<&PathBuf>, no_config: bool) -> Result<Settings, SetupError> {
    let cwd = current_dir()?;
    let path = match (config, no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => config::discover(&cwd),
    };
    config::load(path.as_deref(), &cwd)
}

fn color_choice(choice: ColorChoice, to_file: bool, stdout_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file && stdout_is_terminal && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

fn render_options(color: ColorChoice, to_file: bool, stdout_is_terminal: bool) -> RenderOptions {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    RenderOptions {
        color: color_choice(color, to_file, stdout_is_terminal),
        width,
        ..RenderOptions::default()
    }
}

/// Loads the registry into `settings`. When it has errors, they are returned rendered in
/// `format`: they end the run (see [`registry_stopped`]), and the caller writes them where
/// its report would have gone, so that `-o FILE` is written whatever the registry says.
/// Warnings alone are rendered into `warnings` (for standard error) and the run goes on.
fn load_registry(
    settings: &mut Settings,
    format: Format,
    options: &RenderOptions,
    warnings: &mut Vec<String>,
) -> Result<Option<String>, SetupError> {
    load_registry_as(settings, format, options, warnings, Format::Human)
}

/// [`load_registry`], rendering warnings in `warnings_format`: `registry check`, whose
/// report they are, renders them as it renders errors.
fn load_registry_as(
    settings: &mut Settings,
    format: Format,
    options: &RenderOptions,
    warnings: &mut Vec<String>,
    warnings_format: Format,
) -> Result<Option<String>, SetupError> {
    if settings.registry_paths.is_empty() {
        return Ok(None);
    }
    let mut loaded =
        crate::registry::load_with(&settings.registry_paths, &settings.registry_load_options())?;
    if loaded.has_findings() {
        let errors = loaded.has_errors();
        let run = RunResult {
            files: std::mem::take(&mut loaded.reports)
                .into_iter()
                .filter(|r| !r.findings.is_empty())
                .map(FileResult::from)
                .collect(),
            ..RunResult::default()
        };
        if errors {
            return Ok(Some(output::render(format, &run, options)));
        }
        let human = RenderOptions {
            color: false,
            ..options.clone()
        };
        warnings.push(output::render(warnings_format, &run, &human));
    }
    settings.registry = Arc::new(loaded.registry);
    Ok(None)
}

/// The outcome of a run that the registry's problems stopped.
fn registry_stopped() -> Outcome {
    let mut outcome = Outcome::new(Status::NotDone);
    outcome.stderr.push(
        "error: the registry has problems; fix them first (citelint registry check)\n".into(),
    );
    outcome
}

/// The one place where the run options of `check` and `report` become [`Settings`].
fn load_settings(args: &RunArgs) -> Result<Settings, SetupError> {
    let mut settings = settings_from(args.config.as_ref(), args.no_config)?;
    if !args.registry.is_empty() {
        settings.registry_paths = args.registry.clone();
    }
    settings.require_source |= args.require_source;
    settings.force_exclude |= args.force_exclude;
    apply_source_args(&mut settings, &args.sources);
    let selected = resolve_rules(&args.select)?;
    if !selected.is_empty() {
        for rule in Rule::ALL {
            // File-level problems are always reported: an unchecked file must not pass.
            let keep = selected.contains(rule)
                || matches!(
                    rule,
                    Rule::InvalidUtf8 | Rule::UnreadableFile | Rule::FileTimeBudget
                );
            if !keep {
                settings.set_level(*rule, None);
            }
        }
    }
    for rule in resolve_rules(&args.ignore)? {
        settings.set_level(rule, None);
    }
    Ok(settings)
}

/// `--online`, `--offline` and their options over the configuration.
fn apply_source_args(settings: &mut Settings, args: &SourceArgs) {
    let fetch = &mut settings.fetch;
    fetch.mode = match (args.online, args.offline) {
        (true, _) => crate::fetch::Mode::Online,
        (_, true) => crate::fetch::Mode::Offline,
        _ => crate::fetch::Mode::Off,
    };
    if let Some(dir) = &args.cache_dir {
        fetch.cache_dir = dir.clone();
    }
    fetch.guard.allow_private |= args.allow_private_network;
    if fetch.mode != crate::fetch::Mode::Off {
        settings.sources.enable_urls();
    }
}

/// An online run's first pass: learn which source URLs the quotations need, and fetch
/// them. Returns the line that sums them up, if any were wanted.
fn fetch_sources(
    settings: &Settings,
    learn: impl FnOnce(),
    progress: &dyn Progress,
) -> Result<Option<String>, SetupError> {
    if settings.fetch.mode == crate::fetch::Mode::Off {
        return Ok(None);
    }
    learn();
    let summary = crate::fetch_wanted(settings, &|done, total| progress.set(done, total))?;
    progress.finish();
    let total = summary.read + summary.gone + summary.unread;
    if total == 0 {
        return Ok(None);
    }
    let how = if settings.fetch.mode == crate::fetch::Mode::Offline {
        "from the fetch cache"
    } else {
        "fetched or from the cache"
    };
    Ok(Some(format!(
        "sources: {total} URL{} {how}: {} read, {} gone, {} unreadable\n",
        if total == 1 { "" } else { "s" },
        summary.read,
        summary.gone,
        summary.unread
    )))
}

/// Where a report goes: the terminal's standard output (a closed pipe just stops the
/// writing) or `--output`.
struct Sink {
    out: Box<dyn Write>,
    path: Option<String>,
    closed: bool,
}

impl Sink {
    fn new(output: Option<&PathBuf>, stdout: Box<dyn Write>) -> Result<Sink, SetupError> {
        let out: Box<dyn Write> = match output {
            Some(path) => Box::new(BufWriter::new(create_file(path)?)),
            None => stdout,
        };
        Ok(Sink {
            out,
            path: output.map(|p| p.display().to_string()),
            closed: false,
        })
    }

    fn write(
        &mut self,
        f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), SetupError> {
        if self.closed {
            return Ok(());
        }
        match f(&mut *self.out) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && self.path.is_none() => {
                self.closed = true;
                Ok(())
            }
            Err(error) => Err(SetupError::Write {
                path: self
                    .path
                    .clone()
                    .unwrap_or_else(|| "standard output".into()),
                error,
            }),
            Ok(()) => Ok(()),
        }
    }
}

/// Creates `path` for writing, and the folders it is in (`-o build/report.html` in a fresh
/// checkout).
fn create_file(path: &std::path::Path) -> Result<std::fs::File, SetupError> {
    let error = |error| SetupError::Write {
        path: path.display().to_string(),
        error,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(error)?;
    }
    std::fs::File::create(path).map_err(error)
}

/// The files a run checks: `paths` walked (default: the current directory), one shard.
fn collect_files(
    paths: &[PathBuf],
    settings: &Settings,
    shard: Option<walk::Shard>,
) -> Result<(Vec<PathBuf>, Vec<String>), SetupError> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut found = walk::collect(&paths, settings)?;
    if let Some(shard) = shard {
        found.files.retain(|p| shard.contains(p));
    }
    Ok((found.files, found.notes))
}

/// The notes every run ends with: files skipped on purpose, and warnings.
fn run_notes(skipped: &[crate::Skipped], notes: &[String]) -> Vec<String> {
    let skipped = skipped
        .iter()
        .map(|s| format!("note: skipped {}: {}\n", s.path, s.reason));
    let warnings = notes.iter().map(|note| format!("warning: {note}\n"));
    skipped.chain(warnings).collect()
}
