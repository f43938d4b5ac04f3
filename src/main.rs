//! The binary: parse arguments, call the library, print, map to an exit status.
//!
//! Exit status: 0 nothing at or above the failing severity; 1 findings that fail; 2 the run
//! could not be done as asked.

mod cli;

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use citelint::config::{self, Settings, SetupError};
use citelint::output::{self, RenderOptions};
use citelint::rules::Rule;
use citelint::{check_bytes, fix, Checked, RunResult};
use cli::{CheckArgs, Cli, ColorChoice, Command};

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
                Some(suggest_rule(&rule)),
            )),
        },
        Command::Check(args) => match check(args) {
            Ok(code) => code,
            Err(e) => fail(e),
        },
    };
    ExitCode::from(status)
}

fn suggest_rule(text: &str) -> String {
    config::closest(text, Rule::selectors()).map_or_else(
        || "run `citelint rules` to list the rules".to_string(),
        |s| format!("did you mean `{s}`?"),
    )
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
                SetupError::Usage(format!("unknown rule `{s}`"), Some(suggest_rule(s)))
            })
        })
        .collect()
}

fn load_settings(args: &CheckArgs) -> Result<Settings, SetupError> {
    let cwd = std::env::current_dir().map_err(|source| SetupError::Io {
        path: ".".into(),
        source,
    })?;
    let path = match (&args.config, args.no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => config::discover(&cwd),
    };
    let mut settings = config::load(path.as_deref(), &cwd)?;
    let selected = resolve_rules(&args.select)?;
    if !selected.is_empty() {
        for rule in Rule::ALL {
            // File-level problems are always reported: an unchecked file must not pass.
            let keep =
                selected.contains(rule) || matches!(rule, Rule::InvalidUtf8 | Rule::UnreadableFile);
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

fn check(args: CheckArgs) -> Result<u8, SetupError> {
    let settings = load_settings(&args)?;
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut run = if stdin {
        if args.paths.len() > 1 {
            return Err(SetupError::Usage(
                "`-` (standard input) cannot be combined with other paths".into(),
                None,
            ));
        }
        if args.fix {
            return Err(SetupError::Usage(
                "--fix cannot rewrite standard input".into(),
                Some("run --fix on the file itself".into()),
            ));
        }
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
        let mut run = RunResult::default();
        match check_bytes(&name, bytes, &settings) {
            Checked::File(f) => run.files.push(f),
            Checked::Skipped(s) => run.skipped.push(s),
        }
        run
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        citelint::check_paths(&paths, &settings, args.jobs)?
    };
    if args.fix {
        let fixed = apply_fixes(&mut run, &settings);
        if fixed > 0 {
            eprintln!("fixed {fixed} finding{}", if fixed == 1 { "" } else { "s" });
        }
    }
    for skipped in &run.skipped {
        eprintln!("note: skipped {}: {}", skipped.path, skipped.reason);
    }
    for note in &run.notes {
        eprintln!("warning: {note}");
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    let rendered = output::render(args.format, &run, &RenderOptions { color, width });
    match &args.output {
        Some(path) => std::fs::write(path, rendered).map_err(|source| SetupError::Io {
            path: path.display().to_string(),
            source,
        })?,
        None => {
            if print_stdout(&rendered) != EXIT_OK {
                return Ok(EXIT_USAGE);
            }
        }
    }
    Ok(if !args.exit_zero && run.fails(args.deny_warnings) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Applies safe fixes file by file until none is left (fixes that overlapped wait for the
/// next pass), writes the files back, and leaves the remaining findings in `run`.
fn apply_fixes(run: &mut RunResult, settings: &Settings) -> usize {
    const MAX_PASSES: usize = 10;
    let mut total = 0;
    for file in &mut run.files {
        let mut text = file.text.as_str().to_string();
        let mut fixed_here = 0;
        for _ in 0..MAX_PASSES {
            let (new_text, applied) = fix::apply_safe(&text, &file.findings);
            if applied == 0 {
                break;
            }
            fixed_here += applied;
            text = new_text;
            *file = citelint::check_text(&file.path, text.clone(), settings);
        }
        if fixed_here > 0 {
            if let Err(e) = std::fs::write(&file.path, &text) {
                eprintln!("error: cannot write fixes to {}: {e}", file.path);
                continue;
            }
            total += fixed_here;
        }
    }
    total
}
