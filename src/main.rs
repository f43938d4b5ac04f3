//! The binary: parse arguments, call the library ([`citelint::commands`]), print, map to an
//! exit status.
//!
//! Exit status: 0 nothing at or above the failing severity; 1 findings that fail; 2 the run
//! could not be done as asked.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use citelint::commands::args::{Cli, Command, RegistryCommand, RulesFormat};
use citelint::commands::{self, Outcome, Progress, Status, Terminal};
use citelint::config::SetupError;

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
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let terminal = || Terminal {
        stdout: Box::new(BufWriter::new(std::io::stdout().lock())),
        stdout_is_terminal,
        progress: Box::new(Bar::new()),
    };
    let result = match cli.command {
        Command::Rules(args) => Ok(printed(match args.format {
            RulesFormat::Text => commands::rules::table(),
            RulesFormat::Json => commands::rules::json(),
        })),
        Command::Completions { shell } => Ok(printed(commands::completions::script(shell))),
        Command::Explain { rule } => commands::rules::explain(&rule).map(printed),
        Command::Check(args) => commands::check::run(*args, terminal()),
        Command::Report(args) => commands::report::run(*args, terminal()),
        Command::Init(args) => commands::init::run(args),
        Command::Registry {
            command: RegistryCommand::Check(args),
        } => commands::registry::run(args, stdout_is_terminal),
        Command::Registry {
            command: RegistryCommand::Suggest(args),
        } => commands::suggest::run(args),
    };
    ExitCode::from(match result {
        Ok(outcome) => finish(outcome),
        Err(e) => fail(e),
    })
}

/// A command whose whole result is text for standard output.
fn printed(stdout: String) -> Outcome {
    Outcome {
        stdout,
        ..Outcome::new(Status::Passed)
    }
}

/// Prints what the command left for standard output and standard error; its exit status.
fn finish(outcome: Outcome) -> u8 {
    let mut status = match outcome.status {
        Status::Passed => EXIT_OK,
        Status::Failed => EXIT_FINDINGS,
        Status::NotDone => EXIT_USAGE,
    };
    if !outcome.stdout.is_empty() && !print_stdout(&outcome.stdout) {
        status = EXIT_USAGE;
    }
    for line in &outcome.stderr {
        print_stderr(line);
    }
    status
}

fn fail(e: SetupError) -> u8 {
    print_stderr(&format!("{:?}\n", miette::Report::new(e)));
    EXIT_USAGE
}

/// Writes to stderr; a closed stderr (`citelint … 2>&1 | head`) loses the message and does
/// not change the exit status (`eprint!` would panic, exit 101).
fn print_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes to stdout; a closed pipe (`citelint rules | head`) is not an error.
fn print_stdout(text: &str) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            print_stderr(&format!("error: cannot write to standard output: {e}\n"));
            false
        }
        _ => true,
    }
}

/// The progress of fetching, on stderr when it is a terminal.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(indicatif::ProgressBar::hidden());
        }
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "fetching sources {bar:30} {pos}/{len} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn set(&self, done: usize, total: usize) {
        self.0.set_length(total as u64);
        self.0.set_position(done as u64);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
