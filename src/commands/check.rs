//! `citelint check`: lint articles, streaming each file's findings as soon as it is
//! checked, with `--fix`, `--changed-since`, standard input and the GitHub job summary.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::args::CheckArgs;
use super::{Outcome, Sink, Status, Terminal};
use crate::baseline::{self, Baseline};
use crate::config::{Settings, SetupError};
use crate::output::{
    github, statistics, FileRenderer, Format, RenderOptions, Rendered, Renderer, Totals,
};
use crate::{changes, check_bytes, fix, Checked, FileResult};

/// One file, fixed, counted and rendered by a worker.
enum Processed {
    File(Box<ProcessedFile>),
    Skipped(crate::Skipped),
}

struct ProcessedFile {
    rendered: Rendered,
    totals: Totals,
    fixed: usize,
    /// Why the fixes could not be written back.
    fix_error: Option<String>,
    /// Findings the baseline hid.
    hidden: usize,
    /// With `--write-baseline`: the keys of the file's findings.
    keys: Vec<baseline::Key>,
}

/// Refuses what cannot be combined with standard input (`-`).
fn check_stdin_args(args: &CheckArgs) -> Result<bool, SetupError> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if !stdin {
        return Ok(false);
    }
    if args.paths.len() > 1 {
        return Err(SetupError::Usage(
            "`-` (standard input) cannot be combined with other paths".into(),
            None,
        ));
    }
    let unsupported = [
        (args.fix, "--fix"),
        (args.changed_since.is_some(), "--changed-since"),
        (args.run.shard.is_some(), "--shard"),
    ];
    if let Some((_, flag)) = unsupported.iter().find(|(set, _)| *set) {
        return Err(SetupError::Usage(
            format!("{flag} cannot be used with standard input"),
            Some("check the file itself".into()),
        ));
    }
    Ok(true)
}

/// Refuses `--statistics` with a format that has no form for it.
fn check_statistics_format(args: &CheckArgs) -> Result<(), SetupError> {
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return Err(SetupError::Usage(
            "--statistics prints a table or JSON".into(),
            Some("use it with --format human, concise or json".into()),
        ));
    }
    Ok(())
}

pub fn run(args: CheckArgs, terminal: Terminal) -> Result<Outcome, SetupError> {
    check_statistics_format(&args)?;
    let mut settings = super::load_settings(&args.run)?;
    let options = super::render_options(
        args.color,
        args.output.is_some(),
        terminal.stdout_is_terminal,
    );
    let mut registry_warnings = Vec::new();
    if let Some(problems) =
        super::load_registry(&mut settings, args.format, &options, &mut registry_warnings)?
    {
        // Written where the report would have gone: `-o FILE` is there for the next step.
        let mut sink = Sink::new(args.output.as_ref(), terminal.stdout)?;
        sink.write(|out| out.write_all(problems.as_bytes()))?;
        sink.write(|out| out.flush())?;
        return Ok(super::registry_stopped());
    }
    let settings = settings;
    if let Some(out) = &args.restore_marks {
        let mut outcome = restore_marks(&args.paths, out, &settings, options.color)?;
        outcome.stderr.splice(0..0, registry_warnings);
        return Ok(outcome);
    }
    let mut renderer = renderer_for(&settings, args.format, options);
    let mut totals = Totals::default();
    let mut skipped = Vec::new();
    let mut fixed = 0;
    let mut outcome = Outcome::new(Status::Passed);
    outcome.stderr.extend(registry_warnings);

    let stdin = check_stdin_args(&args)?;
    let (files, notes, changes) = files_to_check(&args, &settings, stdin)?;

    let progress: &dyn super::Progress = if args.run.sources.no_progress {
        &super::NoProgress
    } else {
        &*terminal.progress
    };
    // Read before the output file is created: a bad baseline leaves no empty report.
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let mut sink = Sink::new(args.output.as_ref(), terminal.stdout)?;
    if !args.statistics {
        sink.write(|out| renderer.begin(out))?;
    }
    let step = FileStep {
        args: &args,
        settings: &settings,
        changes: changes.as_ref(),
        baseline: baseline.as_ref(),
        renderer: renderer.file_renderer(),
    };
    let process = |checked: Checked| step.process(checked);
    // Runs in order on this thread: write.
    let mut failure = None;
    let mut fix_errors = Vec::new();
    let (mut hidden, mut baseline_keys) = (0, Vec::new());
    let mut consume = |processed: Processed| match processed {
        Processed::File(file) => {
            let ProcessedFile {
                rendered,
                totals: t,
                fixed: n,
                fix_error,
                hidden: h,
                keys,
            } = *file;
            totals.merge(&t);
            fixed += n;
            hidden += h;
            baseline_keys.extend(keys);
            fix_errors.extend(fix_error);
            if failure.is_none() {
                failure = sink.write(|out| renderer.write_file(out, rendered)).err();
            }
        }
        Processed::Skipped(s) => skipped.push(s),
    };
    if stdin {
        let bytes = read_stdin()?;
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        let learn = || {
            check_bytes(&name, bytes.clone(), &settings);
        };
        outcome
            .stderr
            .extend(super::fetch_sources(&settings, learn, progress)?);
        consume(process(check_bytes(&name, bytes, &settings)));
    } else {
        let pool = crate::thread_pool(args.run.jobs)?;
        let learn = || crate::check_stream(&files, &settings, &pool, |_| (), |()| ());
        outcome
            .stderr
            .extend(super::fetch_sources(&settings, learn, progress)?);
        crate::check_stream(&files, &settings, &pool, process, consume);
    }
    if let Some(e) = failure {
        return Err(e);
    }
    write_end(&args, &mut sink, &mut renderer, &totals)?;
    outcome
        .stderr
        .extend(write_step_summary(&renderer, &totals));

    outcome.stderr.extend(fix_errors);
    if let Some(path) = &args.write_baseline {
        let recorded = baseline::write(path, baseline_keys)?;
        outcome.stderr.push(format!(
            "wrote baseline {}: {recorded} finding{}\n",
            path.display(),
            if recorded == 1 { "" } else { "s" }
        ));
    }
    outcome
        .stderr
        .extend(closing_notes(&args, fixed, hidden, &skipped, &notes));
    if args.quiet {
        // Findings, errors and warnings only: what was fetched, fixed, hidden or skipped
        // is not news.
        outcome
            .stderr
            .retain(|line| line.starts_with("error") || line.starts_with("warning"));
    }
    outcome.status = status(&args, &totals);
    Ok(outcome)
}

/// What a run says after its report: what was fixed and hidden, what was skipped, warnings.
fn closing_notes(
    args: &CheckArgs,
    fixed: usize,
    hidden: usize,
    skipped: &[crate::Skipped],
    notes: &[String],
) -> Vec<String> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut lines = Vec::new();
    if fixed > 0 {
        lines.push(format!("fixed {fixed} finding{}\n", plural(fixed)));
    }
    if hidden > 0 && args.baseline.is_some() {
        lines.push(format!(
            "note: {hidden} finding{} hidden by the baseline\n",
            plural(hidden)
        ));
    }
    lines.extend(super::run_notes(skipped, notes));
    lines
}

/// What each worker does to one checked file: fix it, narrow it to changed lines, hide
/// what the baseline records, count and render it.
struct FileStep<'a> {
    args: &'a CheckArgs,
    settings: &'a Settings,
    changes: Option<&'a changes::Changes>,
    baseline: Option<&'a Baseline>,
    renderer: FileRenderer,
}

impl FileStep<'_> {
    fn process(&self, checked: Checked) -> Processed {
        let mut file = match checked {
            Checked::File(file) => file,
            Checked::Skipped(s) => return Processed::Skipped(s),
        };
        let (fixed, fix_error) = if self.args.fix {
            fix_file(&mut file, self.settings)
        } else {
            (0, None)
        };
        if let Some(lines) = self.changes.and_then(|c| c.lines(Path::new(&file.path))) {
            changes::retain_changed(&mut file, lines);
        }
        let mut keys = Vec::new();
        if self.args.write_baseline.is_some() {
            // Recorded, so hidden from this run as from the next.
            keys = baseline::keys(&file);
            file.findings.clear();
        }
        let hidden = self.baseline.map_or(0, |b| b.hide(&mut file));
        let mut totals = Totals::default();
        totals.add(&file);
        Processed::File(Box::new(ProcessedFile {
            rendered: if self.args.statistics {
                Rendered::default()
            } else {
                self.renderer.render(&file)
            },
            totals,
            fixed,
            fix_error,
            hidden,
            keys,
        }))
    }
}

/// What ends the report: the renderer's footer (no summary line with `--quiet`), or the
/// statistics that stand in for the findings.
fn write_end(
    args: &CheckArgs,
    sink: &mut Sink,
    renderer: &mut Renderer,
    totals: &Totals,
) -> Result<(), SetupError> {
    if args.statistics {
        let text = match args.format {
            Format::Json => statistics::json(totals),
            _ => statistics::table(totals),
        };
        sink.write(|out| out.write_all(text.as_bytes()))?;
    } else if !(args.quiet && args.format == Format::Human) {
        sink.write(|out| renderer.finish(out, totals))?;
    }
    sink.write(|out| out.flush())
}

/// The renderer, with the registry's files for findings that point into them.
fn renderer_for(settings: &Settings, format: Format, mut options: RenderOptions) -> Renderer {
    options.related = Arc::new(
        settings
            .registry
            .files
            .iter()
            .map(|f| (f.path.clone(), Arc::clone(&f.text)))
            .collect(),
    );
    options.registry = Arc::clone(&settings.registry);
    Renderer::new(format, options)
}

/// The files to check, the notes from finding them, the changed lines.
type FilesToCheck = (Vec<PathBuf>, Vec<String>, Option<changes::Changes>);

/// The files to check (none for standard input), the notes from finding them, and the
/// changed lines with `--changed-since`.
fn files_to_check(
    args: &CheckArgs,
    settings: &Settings,
    stdin: bool,
) -> Result<FilesToCheck, SetupError> {
    let changes = match &args.changed_since {
        Some(git_ref) => Some(changes::since(git_ref, &super::current_dir()?)?),
        None => None,
    };
    let (mut files, notes) = if stdin {
        (Vec::new(), Vec::new())
    } else {
        super::collect_files(&args.paths, settings, args.run.shard)?
    };
    if let Some(changes) = &changes {
        // Files untouched since the ref are not read at all.
        files.retain(|p| changes.lines(p).is_some());
    }
    Ok((files, notes, changes))
}

fn read_stdin() -> Result<Vec<u8>, SetupError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| SetupError::Io {
            path: "<stdin>".into(),
            source,
        })?;
    Ok(bytes)
}

fn status(args: &CheckArgs, totals: &Totals) -> Status {
    if totals.by_rule.keys().any(|r| r.is_registry()) {
        // An article names a registry id that does not exist: the run was not done as asked.
        Status::NotDone
    } else if !args.exit_zero && totals.fails(args.deny_warnings) {
        Status::Failed
    } else {
        Status::Passed
    }
}

/// Appends the job summary to `$GITHUB_STEP_SUMMARY` when GitHub Actions provides one;
/// the warning when it cannot.
fn write_step_summary(renderer: &Renderer, totals: &Totals) -> Option<String> {
    let path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())?;
    let summary = renderer.step_summary(totals, &github::Links::from_env())?;
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(summary.as_bytes()));
    written.err().map(|e| {
        format!(
            "warning: cannot write the job summary to {}: {e}\n",
            Path::new(&path).display()
        )
    })
}

/// Applies safe fixes to one file (see [`fix::fix_result`]: fixes that would leave its front
/// matter invalid YAML are rolled back), writes it back, and leaves the remaining findings in
/// `file`. Returns how many were fixed, and what standard error must say (a rollback, or
/// why the fixes could not be written).
fn fix_file(file: &mut FileResult, settings: &Settings) -> (usize, Option<String>) {
    let report = fix::fix_result(file, settings);
    if let Some(why) = &report.rolled_back {
        return (
            0,
            Some(format!(
                "warning: {}: fixes rolled back: {why}\n",
                file.path
            )),
        );
    }
    if report.fixed > 0 {
        if let Err(e) = std::fs::write(&file.path, file.text.as_bytes()) {
            return (
                0,
                Some(format!("error: cannot write fixes to {}: {e}\n", file.path)),
            );
        }
    }
    (report.fixed, None)
}

/// `check --restore-marks OUT_FILE FILE`: writes the copy of FILE with every opening mark
/// CQ001 suggests put back, and returns the diff of the insertions for standard output.
/// Exit status 0 whatever was found: the copy is the result, and a person reviews it.
fn restore_marks(
    paths: &[PathBuf],
    out: &Path,
    settings: &Settings,
    color: bool,
) -> Result<Outcome, SetupError> {
    let [path] = paths else {
        return Err(SetupError::Usage(
            "--restore-marks takes exactly one file to check".into(),
            Some("name one Markdown file: citelint check --restore-marks OUT_FILE FILE".into()),
        ));
    };
    if path.as_os_str() == "-" {
        return Err(SetupError::Usage(
            "--restore-marks cannot be used with standard input".into(),
            Some("check the file itself".into()),
        ));
    }
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| SetupError::Io { path, source }
    };
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    let file = crate::check_text(&crate::setup::display_path(path), text, settings);
    let (restored, insertions) = fix::restore_opening_marks(&file.text, &file.findings);
    std::fs::write(out, &restored).map_err(io(out))?;
    let mut outcome = Outcome::new(Status::Passed);
    outcome.stdout = fix::restoration_diff(&file.text, &insertions, color);
    outcome.stdout.push_str(&format!(
        "restored {} opening mark{} in {}: each is a guess, check it against the source\n",
        insertions.len(),
        if insertions.len() == 1 { "" } else { "s" },
        out.display()
    ));
    Ok(outcome)
}
