//! `citelint report`: the fact-checker's ledger, from a run or from saved results. Findings
//! do not fail it: it passes when it was written, and is not done when it could not be made.

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

use super::args::{ColorChoice, ReportArgs};
use super::{Outcome, Sink, Status, Terminal};
use crate::config::{Settings, SetupError};
use crate::output::report::{self, FileReport, Report, ReportFormat};
use crate::output::Format;
use crate::Checked;

/// The articles a report covers, checked now.
struct ReportInput {
    settings: Settings,
    files: Vec<FileReport>,
    skipped: Vec<crate::Skipped>,
    notes: Vec<String>,
}

pub fn run(args: ReportArgs, terminal: Terminal) -> Result<Outcome, SetupError> {
    let cwd = super::current_dir()?;
    let mut outcome = Outcome::new(Status::Passed);
    let checked = if args.from.is_empty() {
        match check(&args, &terminal, &mut outcome)? {
            Ok(checked) => checked,
            Err(stopped) => return Ok(stopped),
        }
    } else {
        let settings = super::settings_from(args.run.config.as_ref(), args.run.no_config)?;
        ReportInput {
            settings,
            files: read_results(&args.from)?,
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    };
    let settings = &checked.settings;
    let title = settings
        .report_title
        .clone()
        .unwrap_or_else(|| report::DEFAULT_TITLE.to_string());
    let mut report = Report::new(title, checked.files);
    if let Some(path) = &args.signoff {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| SetupError::Io {
            path: shown.clone(),
            source,
        })?;
        report.signoff = report::signoff::parse(&text).map_err(|e| {
            SetupError::Usage(
                format!("{shown}: not a sign-off: {e}"),
                Some(
                    "--signoff reads the JSON the report's \"Export sign-off\" button writes"
                        .into(),
                ),
            )
        })?;
    }
    if !args.no_stamp {
        report.stamp = Some(super::stamp::now(&cwd, settings));
    }
    let output = args.output.clone().or_else(|| {
        (args.format == ReportFormat::Html)
            .then(|| settings.report_output.clone())
            .flatten()
    });
    let mut links = report::html::Links::for_output(output.as_deref(), &cwd);
    links.copy = args.link_base.clone().or_else(github_blob_base);
    let text = report.render(args.format, &links);
    let mut sink = Sink::new(output.as_ref(), terminal.stdout)?;
    sink.write(|out| out.write_all(text.as_bytes()))?;
    sink.write(|out| out.flush())?;
    outcome
        .stderr
        .extend(super::run_notes(&checked.skipped, &checked.notes));
    if let Some(path) = &output {
        let counts = report.counts();
        outcome.stderr.push(format!(
            "wrote {}: {} articles, {} quotations\n",
            path.display(),
            counts.summary.files,
            counts.summary.quotes
        ));
    }
    Ok(outcome)
}

/// On GitHub Actions, the repository's files at the commit checked:
/// `GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA`.
fn github_blob_base() -> Option<String> {
    let var = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
    Some(format!(
        "{}/{}/blob/{}",
        var("GITHUB_SERVER_URL")?.trim_end_matches('/'),
        var("GITHUB_REPOSITORY")?,
        var("GITHUB_SHA")?
    ))
}

/// Checks the articles for the report. `Err` is the outcome when the registry stops the
/// run.
fn check(
    args: &ReportArgs,
    terminal: &Terminal,
    outcome: &mut Outcome,
) -> Result<Result<ReportInput, Outcome>, SetupError> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(SetupError::Usage(
            "`citelint report` does not read standard input".into(),
            Some("name the files, or save `citelint check --format json` and use --from".into()),
        ));
    }
    let mut settings = super::load_settings(&args.run)?;
    let options = super::render_options(ColorChoice::Auto, true, terminal.stdout_is_terminal);
    let mut registry_warnings = Vec::new();
    if let Some(problems) = super::load_registry(
        &mut settings,
        Format::Human,
        &options,
        &mut registry_warnings,
    )? {
        // The report has no form for registry problems: they go to standard error.
        let mut stopped = super::registry_stopped();
        stopped.stderr.insert(0, problems);
        return Ok(Err(stopped));
    }
    outcome.stderr.extend(registry_warnings);
    let (paths, notes) = super::collect_files(&args.paths, &settings, args.run.shard)?;
    let pool = crate::thread_pool(args.run.jobs)?;
    let learn = || crate::check_stream(&paths, &settings, &pool, |_| (), |()| ());
    let progress: &dyn super::Progress = if args.run.sources.no_progress {
        &super::NoProgress
    } else {
        &*terminal.progress
    };
    outcome
        .stderr
        .extend(super::fetch_sources(&settings, learn, progress)?);
    let registry = Arc::clone(&settings.registry);
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    crate::check_stream(
        &paths,
        &settings,
        &pool,
        |checked| match checked {
            Checked::File(file) => Ok(FileReport::from_result(&file, &registry)),
            Checked::Skipped(s) => Err(s),
        },
        |done| match done {
            Ok(file) => files.push(file),
            Err(s) => skipped.push(s),
        },
    );
    Ok(Ok(ReportInput {
        settings,
        files,
        skipped,
        notes,
    }))
}

/// Reads saved `check --format json` results (`-` is standard input), for `report --from`.
fn read_results(paths: &[PathBuf]) -> Result<Vec<FileReport>, SetupError> {
    let mut inputs = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let io = |source| SetupError::Io {
            path: shown.clone(),
            source,
        };
        let mut bytes = Vec::new();
        if path.as_os_str() == "-" {
            std::io::stdin().read_to_end(&mut bytes).map_err(io)?;
        } else {
            bytes = std::fs::read(path).map_err(io)?;
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            SetupError::Usage(
                format!(
                    "{shown}: not UTF-8 (byte {}); --from reads the output of `citelint check --format json`",
                    e.utf8_error().valid_up_to()
                ),
                None,
            )
        })?;
        let results = report::parse_results(&text).map_err(|e| {
            SetupError::Usage(
                format!("{shown}:{e}"),
                Some("--from reads the output of `citelint check --format json`".into()),
            )
        })?;
        inputs.push((shown, results));
    }
    let merged = Report::merge("", inputs).map_err(|d| {
        SetupError::Usage(
            format!("{} is in both {} and {}", d.path, d.first, d.second),
            Some("give each file's results once (shards never overlap)".into()),
        )
    })?;
    let mut files = merged.files;
    // The articles are read again where they are, for the lines of their findings: results
    // hold no article text.
    for file in &mut files {
        if let Ok(text) = std::fs::read_to_string(&file.path) {
            file.read_lines(&text);
        }
    }
    Ok(files)
}
