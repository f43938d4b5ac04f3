//! The binary: parse arguments, call the library, print, map to an exit status.
//!
//! Exit status: 0 nothing at or above the failing severity; 1 findings that fail; 2 the run
//! could not be done as asked.

mod cli;

// A closed standard output or error must not end the run with a panic (exit 101): these
// shadow the standard macros with writers that ignore a stream that is gone.
macro_rules! eprintln {
    ($($arg:tt)*) => { citelint::console::eprintln(format_args!($($arg)*)) };
}
macro_rules! eprint {
    ($($arg:tt)*) => { citelint::console::eprint(format_args!($($arg)*)) };
}
macro_rules! println {
    ($($arg:tt)*) => { citelint::console::println(format_args!($($arg)*)) };
}

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use citelint::config::{self, Settings, SetupError};
use citelint::output::report::{self, FileReport, Report, ReportFormat};
use citelint::output::{self, github, Format, RenderOptions, Rendered, Renderer, Totals};
use citelint::registry::{self, EntryKind};
use citelint::rules::Rule;
use citelint::{changes, check_bytes, fix, walk, Checked, FileResult, RunResult};
use cli::{
    CheckArgs, Cli, ColorChoice, Command, InitArgs, RegistryCheckArgs, RegistryCommand, ReportArgs,
    RunArgs,
};
use std::sync::Arc;

const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let status = match cli.command {
        Command::Rules => print_stdout(&rules_table()),
        Command::Explain { rule } => match Rule::from_selector(&rule) {
            Some(r) => print_stdout(&r.explain()),
            None => fail(SetupError::Usage(
                format!("unknown rule `{rule}`"),
                Some(Rule::suggest(&rule)),
            )),
        },
        Command::Check(args) => match check(*args) {
            Ok(code) => code,
            Err(e) => fail(e),
        },
        Command::Report(args) => match report(*args) {
            Ok(code) => code,
            Err(e) => fail(e),
        },
        Command::Init(args) => match init(args) {
            Ok(code) => code,
            Err(e) => fail(e),
        },
        Command::Registry {
            command: RegistryCommand::Check(args),
        } => match registry_check(args) {
            Ok(code) => code,
            Err(e) => fail(e),
        },
    };
    ExitCode::from(status)
}

fn fail(e: SetupError) -> u8 {
    eprintln!("{:?}", miette::Report::new(e));
    EXIT_USAGE
}

/// Writes to stdout; a closed pipe (`citelint check | head`) is not an error.
fn print_stdout(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to standard output: {e}");
            EXIT_USAGE
        }
        _ => EXIT_OK,
    }
}

fn rules_table() -> String {
    let mut out = String::new();
    for rule in Rule::ALL {
        out.push_str(&format!(
            "{:<7} {:<26} {:<8} {}\n",
            rule.code(),
            rule.name(),
            rule.default_severity().as_str(),
            rule.doc().summary
        ));
    }
    out
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

fn settings_from(config: Option<&PathBuf>, no_config: bool) -> Result<Settings, SetupError> {
    let cwd = std::env::current_dir().map_err(|source| SetupError::Io {
        path: ".".into(),
        source,
    })?;
    let path = match (config, no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => config::discover(&cwd),
    };
    config::load(path.as_deref(), &cwd)
}

fn color_choice(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

fn render_options(color: ColorChoice, to_file: bool) -> RenderOptions {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    RenderOptions {
        color: color_choice(color, to_file),
        width,
        ..RenderOptions::default()
    }
}

/// Loads the registry into `settings`. Its problems are rendered in `format` (on standard
/// output, or on standard error when the output is something else) and end the run:
/// `Some(exit status)`.
fn load_registry(
    settings: &mut Settings,
    format: Format,
    options: &RenderOptions,
    on_stderr: bool,
) -> Result<Option<u8>, SetupError> {
    if settings.registry_paths.is_empty() {
        return Ok(None);
    }
    let loaded = registry::load_with(
        &settings.registry_paths,
        &registry::LoadOptions::from_settings(settings),
    )?;
    if loaded.has_errors() {
        let run = RunResult {
            files: loaded
                .reports
                .into_iter()
                .filter(|r| !r.findings.is_empty())
                .collect(),
            ..RunResult::default()
        };
        let rendered = output::render(format, &run, options);
        if on_stderr {
            eprint!("{rendered}");
        } else {
            print_stdout(&rendered);
        }
        eprintln!("error: the registry has problems; fix them first (citelint registry check)");
        return Ok(Some(EXIT_USAGE));
    }
    settings.registry = Arc::new(loaded.registry);
    Ok(None)
}

/// `citelint registry check`: the registry's problems, on their own.
fn registry_check(args: RegistryCheckArgs) -> Result<u8, SetupError> {
    let mut settings = settings_from(args.config.as_ref(), false)?;
    if !args.files.is_empty() {
        settings.registry_paths = args.files.clone();
    }
    if settings.registry_paths.is_empty() {
        return Err(SetupError::Usage(
            "no registry to check".into(),
            Some("name registry files, or list them under `registry:` in .citelint.yml".into()),
        ));
    }
    let options = render_options(args.color, false);
    if let Some(code) = load_registry(&mut settings, args.format, &options, false)? {
        return Ok(code);
    }
    let r = &settings.registry;
    eprintln!(
        "registry ok: {} entries ({} people, {} organizations, {} sources), {} anonymous descriptions",
        r.entries.len(),
        r.entries.iter().filter(|e| e.kind == EntryKind::Person).count(),
        r.entries.iter().filter(|e| e.kind == EntryKind::Organization).count(),
        r.entries.iter().filter(|e| e.kind == EntryKind::Source).count(),
        r.anonymous.len()
    );
    Ok(EXIT_OK)
}

/// The one place where the run options of `check` and `report` become [`Settings`].
fn load_settings(args: &RunArgs) -> Result<Settings, SetupError> {
    let mut settings = settings_from(args.config.as_ref(), args.no_config)?;
    if !args.registry.is_empty() {
        settings.registry_paths = args.registry.clone();
    }
    settings.require_source |= args.require_source;
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
fn apply_source_args(settings: &mut Settings, args: &cli::SourceArgs) {
    let fetch = &mut settings.fetch;
    fetch.mode = match (args.online, args.offline) {
        (true, _) => citelint::fetch::Mode::Online,
        (_, true) => citelint::fetch::Mode::Offline,
        _ => citelint::fetch::Mode::Off,
    };
    if let Some(dir) = &args.cache_dir {
        fetch.cache_dir = dir.clone();
    }
    fetch.guard.allow_private |= args.allow_private_network;
    if fetch.mode != citelint::fetch::Mode::Off {
        settings.sources.enable_urls();
    }
}

/// The progress of fetching, on stderr when it is a terminal and not turned off.
fn fetch_progress(no_progress: bool) -> indicatif::ProgressBar {
    if no_progress || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("fetching sources {bar:30} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// An online run's first pass: learn which source URLs the quotations need, and fetch them.
fn fetch_sources(
    settings: &Settings,
    learn: impl FnOnce(),
    no_progress: bool,
) -> Result<(), SetupError> {
    if settings.fetch.mode == citelint::fetch::Mode::Off {
        return Ok(());
    }
    learn();
    let bar = fetch_progress(no_progress);
    let summary = citelint::fetch_wanted(settings, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    let total = summary.read + summary.gone + summary.unread;
    if total > 0 {
        let how = if settings.fetch.mode == citelint::fetch::Mode::Offline {
            "from the fetch cache"
        } else {
            "fetched or from the cache"
        };
        eprintln!(
            "sources: {total} URL{} {how}: {} read, {} gone, {} unreadable",
            if total == 1 { "" } else { "s" },
            summary.read,
            summary.gone,
            summary.unread
        );
    }
    Ok(())
}

/// One file, fixed, counted and rendered by a worker.
enum Processed {
    File(Box<ProcessedFile>),
    Skipped(citelint::Skipped),
}

struct ProcessedFile {
    rendered: Rendered,
    totals: Totals,
    fixed: usize,
}

/// Where the report goes: stdout (a closed pipe just stops the writing) or `--output`.
struct Sink {
    out: Box<dyn Write>,
    path: Option<String>,
    closed: bool,
}

impl Sink {
    fn new(output: Option<&PathBuf>) -> Result<Sink, SetupError> {
        let out: Box<dyn Write> = match output {
            Some(path) => Box::new(BufWriter::new(std::fs::File::create(path).map_err(
                |source| SetupError::Io {
                    path: path.display().to_string(),
                    source,
                },
            )?)),
            None => Box::new(BufWriter::new(std::io::stdout().lock())),
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
            Err(source) => Err(SetupError::Io {
                path: self.path.clone().unwrap_or_else(|| "<stdout>".into()),
                source,
            }),
            Ok(()) => Ok(()),
        }
    }
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

fn check(args: CheckArgs) -> Result<u8, SetupError> {
    let mut settings = load_settings(&args.run)?;
    let options = render_options(args.color, args.output.is_some());
    if let Some(code) = load_registry(&mut settings, args.format, &options, false)? {
        return Ok(code);
    }
    let settings = settings;
    let mut options = options;
    options.related = Arc::new(
        settings
            .registry
            .files
            .iter()
            .map(|f| (f.path.clone(), Arc::clone(&f.text)))
            .collect(),
    );
    options.registry = Arc::clone(&settings.registry);
    let mut renderer = Renderer::new(args.format, options);
    let mut totals = Totals::default();
    let mut skipped = Vec::new();
    let mut fixed = 0;

    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin {
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
    }
    let changes = match &args.changed_since {
        Some(git_ref) => {
            let cwd = std::env::current_dir().map_err(|source| SetupError::Io {
                path: ".".into(),
                source,
            })?;
            Some(changes::since(git_ref, &cwd)?)
        }
        None => None,
    };
    let (mut files, notes) = if stdin {
        (Vec::new(), Vec::new())
    } else {
        collect_files(&args.paths, &settings, args.run.shard)?
    };
    if let Some(changes) = &changes {
        // Files untouched since the ref are not read at all.
        files.retain(|p| changes.lines(p).is_some());
    }

    let mut sink = Sink::new(args.output.as_ref())?;
    sink.write(|out| renderer.begin(out))?;
    // Runs in the workers: fix, narrow to changed lines, count and render one file.
    let file_renderer = renderer.file_renderer();
    let process = |checked: Checked| -> Processed {
        match checked {
            Checked::File(mut file) => {
                let fixed = if args.fix {
                    fix_file(&mut file, &settings)
                } else {
                    0
                };
                if let Some(lines) = changes
                    .as_ref()
                    .and_then(|c| c.lines(Path::new(&file.path)))
                {
                    changes::retain_changed(&mut file, lines);
                }
                let mut totals = Totals::default();
                totals.add(&file);
                Processed::File(Box::new(ProcessedFile {
                    rendered: file_renderer.render(&file),
                    totals,
                    fixed,
                }))
            }
            Checked::Skipped(s) => Processed::Skipped(s),
        }
    };
    // Runs in order on this thread: write.
    let mut failure = None;
    let mut consume = |processed: Processed| match processed {
        Processed::File(file) => {
            let ProcessedFile {
                rendered,
                totals: t,
                fixed: n,
            } = *file;
            totals.merge(&t);
            fixed += n;
            if failure.is_none() {
                failure = sink.write(|out| renderer.write_file(out, rendered)).err();
            }
        }
        Processed::Skipped(s) => skipped.push(s),
    };
    if stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| SetupError::Io {
                path: "<stdin>".into(),
                source,
            })?;
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".into());
        let learn = || {
            check_bytes(&name, bytes.clone(), &settings);
        };
        fetch_sources(&settings, learn, args.run.sources.no_progress)?;
        consume(process(check_bytes(&name, bytes, &settings)));
    } else {
        let pool = citelint::thread_pool(args.run.jobs)?;
        let learn = || citelint::check_stream(&files, &settings, &pool, |_| (), |()| ());
        fetch_sources(&settings, learn, args.run.sources.no_progress)?;
        citelint::check_stream(&files, &settings, &pool, process, consume);
    }
    if let Some(e) = failure {
        return Err(e);
    }
    sink.write(|out| renderer.finish(out, &totals))?;
    sink.write(|out| out.flush())?;
    write_step_summary(&renderer, &totals);

    if fixed > 0 {
        eprintln!("fixed {fixed} finding{}", if fixed == 1 { "" } else { "s" });
    }
    for s in &skipped {
        eprintln!("note: skipped {}: {}", s.path, s.reason);
    }
    for note in &notes {
        eprintln!("warning: {note}");
    }
    if totals.by_rule.keys().any(|r| r.is_registry()) {
        // An article names a registry id that does not exist: the run was not done as asked.
        return Ok(EXIT_USAGE);
    }
    Ok(if !args.exit_zero && totals.fails(args.deny_warnings) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn current_dir() -> Result<PathBuf, SetupError> {
    std::env::current_dir().map_err(|source| SetupError::Io {
        path: ".".into(),
        source,
    })
}

/// `citelint report`: the fact-checker's ledger, from a run or from saved results. Findings
/// do not fail it: 0 when it was written, 2 when it could not be made.
fn report(args: ReportArgs) -> Result<u8, SetupError> {
    let cwd = current_dir()?;
    let (settings, files, skipped, notes) = if args.from.is_empty() {
        if args.paths.iter().any(|p| p.as_os_str() == "-") {
            return Err(SetupError::Usage(
                "`citelint report` does not read standard input".into(),
                Some(
                    "name the files, or save `citelint check --format json` and use --from".into(),
                ),
            ));
        }
        let mut settings = load_settings(&args.run)?;
        let options = render_options(ColorChoice::Auto, true);
        if let Some(code) = load_registry(&mut settings, Format::Human, &options, true)? {
            return Ok(code);
        }
        let (paths, notes) = collect_files(&args.paths, &settings, args.run.shard)?;
        let pool = citelint::thread_pool(args.run.jobs)?;
        let learn = || citelint::check_stream(&paths, &settings, &pool, |_| (), |()| ());
        fetch_sources(&settings, learn, args.run.sources.no_progress)?;
        let registry = Arc::clone(&settings.registry);
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        citelint::check_stream(
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
        (settings, files, skipped, notes)
    } else {
        let settings = settings_from(args.run.config.as_ref(), args.run.no_config)?;
        (settings, read_results(&args.from)?, Vec::new(), Vec::new())
    };
    let title = settings
        .report_title
        .clone()
        .unwrap_or_else(|| report::DEFAULT_TITLE.to_string());
    let report = Report::new(title, files);
    let output = args.output.clone().or_else(|| {
        (args.format == ReportFormat::Html)
            .then(|| settings.report_output.clone())
            .flatten()
    });
    let links = report::html::Links::for_output(output.as_deref(), &cwd);
    let text = report.render(args.format, &links);
    let mut sink = Sink::new(output.as_ref())?;
    sink.write(|out| out.write_all(text.as_bytes()))?;
    sink.write(|out| out.flush())?;
    for s in &skipped {
        eprintln!("note: skipped {}: {}", s.path, s.reason);
    }
    for note in &notes {
        eprintln!("warning: {note}");
    }
    if let Some(path) = &output {
        let counts = report.counts();
        eprintln!(
            "wrote {}: {} articles, {} quotations",
            path.display(),
            counts.summary.files,
            counts.summary.quotes
        );
    }
    Ok(EXIT_OK)
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
    Ok(merged.files)
}

/// Appends the job summary to `$GITHUB_STEP_SUMMARY` when GitHub Actions provides one.
fn write_step_summary(renderer: &Renderer, totals: &Totals) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let Some(summary) = renderer.step_summary(totals, &github::Links::from_env()) else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(summary.as_bytes()));
    if let Err(e) = written {
        eprintln!(
            "warning: cannot write the job summary to {}: {e}",
            Path::new(&path).display()
        );
    }
}

/// `citelint init`: a starting configuration and a workflow, never overwriting without --force.
fn init(args: InitArgs) -> Result<u8, SetupError> {
    let files = [
        (
            args.dir.join(".citelint.yml"),
            citelint::init::CONFIG.to_string(),
        ),
        (
            args.dir.join(".github/workflows/citelint.yml"),
            citelint::init::workflow(&args.action),
        ),
    ];
    if !args.force {
        if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
            return Err(SetupError::Usage(
                format!("{} already exists", path.display()),
                Some("pass --force to overwrite it".into()),
            ));
        }
    }
    for (path, content) in &files {
        let io = |source| SetupError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, content).map_err(io)?;
        println!("wrote {}", path.display());
    }
    Ok(EXIT_OK)
}

/// Applies safe fixes to one file (see [`fix::fix_result`]), writes it back, and leaves the
/// remaining findings in `file`.
fn fix_file(file: &mut FileResult, settings: &Settings) -> usize {
    let report = fix::fix_result(file, settings);
    if let Some(why) = &report.rolled_back {
        eprintln!("warning: {}: fixes rolled back: {why}", file.path);
    }
    if report.fixed > 0 {
        if let Err(e) = std::fs::write(&file.path, file.text.as_bytes()) {
            eprintln!("error: cannot write fixes to {}: {e}", file.path);
            return 0;
        }
    }
    report.fixed
}
