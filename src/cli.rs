//! Command-line definitions (clap). Behaviour lives in the library; see `main.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use citelint::output::report::ReportFormat;
use citelint::output::Format;

#[derive(Parser, Debug)]
#[command(
    name = "citelint",
    version,
    about = "Citation-integrity linter for Markdown journalism: broken quote marks, misquotes, missing attributions",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint articles (default: the current directory).
    Check(Box<CheckArgs>),
    /// The fact-checker report: every quotation with its speaker, source and verdict.
    Report(Box<ReportArgs>),
    /// List every rule with its code, name and default severity.
    Rules,
    /// Print one rule's documentation.
    Explain {
        /// A rule code (CQ001) or name (unmatched-closing-quote).
        rule: String,
    },
    /// Write a .citelint.yml and a GitHub workflow that runs citelint on pull requests.
    Init(InitArgs),
    /// Work with the source registry.
    Registry {
        #[command(subcommand)]
        command: RegistryCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum RegistryCommand {
    /// Validate the registry on its own (default: the files .citelint.yml names).
    Check(RegistryCheckArgs),
}

#[derive(Args, Debug)]
pub struct RegistryCheckArgs {
    /// Registry files or directories of *.yml.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Use this configuration file instead of the nearest .citelint.yml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to write the files (default: the current directory).
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,

    /// The action the workflow uses: OWNER/REPO@REF of your citelint checkout.
    #[arg(long, default_value = "citelint/citelint@main", value_name = "ACTION")]
    pub action: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What to check and how: the options `check` and `report` share. They become
/// [`citelint::config::Settings`] in one place (`main.rs`, `load_settings`).
#[derive(Args, Debug, Default)]
pub struct RunArgs {
    /// Use this configuration file instead of the nearest .citelint.yml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore every .citelint.yml and use the defaults.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// A registry file or directory of *.yml (repeatable); replaces the configuration's.
    #[arg(long, value_name = "PATH")]
    pub registry: Vec<PathBuf>,

    /// Report every quotation that has no registered source to check it against (CV002);
    /// the same as `verify.require_source: true` in .citelint.yml.
    #[arg(long)]
    pub require_source: bool,

    /// Run only these rules (codes or names; repeat or separate with commas).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Do not run these rules.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,

    /// Check only the K-th of N parts of the file set (e.g. 2/4), split by path.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<citelint::walk::Shard>,

    #[command(flatten)]
    pub sources: SourceArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Exit 0 even when there are findings (still 2 when the run itself fails).
    #[arg(long)]
    pub exit_zero: bool,

    /// Apply safe fixes in place. Suggestions are never applied.
    #[arg(long)]
    pub fix: bool,

    /// Write a copy of the one FILE checked to OUT_FILE with every opening mark that CQ001
    /// suggests put back, and print a diff of the insertions. The original is untouched.
    #[arg(
        long,
        value_name = "OUT_FILE",
        conflicts_with_all = ["fix", "changed_since", "output"]
    )]
    pub restore_marks: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The name to report for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Report only findings on lines added or changed since this git ref (working tree
    /// included); files untouched since then are not read.
    #[arg(long, value_name = "GIT_REF")]
    pub changed_since: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Files or directories to check (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    /// Render saved results of `citelint check --format json` instead of checking files
    /// (several: the outputs of `--shard` jobs are merged).
    #[arg(
        long,
        value_name = "RESULTS.json",
        num_args = 1..,
        conflicts_with_all = ["paths", "registry", "require_source", "select", "ignore", "shard", "online", "offline"]
    )]
    pub from: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    /// Write the report to FILE (default: `report.output` of .citelint.yml for HTML, else
    /// standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Where quoted words are checked: the network is used only when asked.
#[derive(Args, Debug, Clone, Default)]
pub struct SourceArgs {
    /// Fetch the source URLs that quotations need (registry `url`, links in the
    /// quotation's sentence), using the fetch cache while it is fresh.
    #[arg(long, conflicts_with = "offline")]
    pub online: bool,

    /// Use only the fetch cache, never the network (reproduces an earlier --online run).
    #[arg(long)]
    pub offline: bool,

    /// The fetch cache (default: .citelint-cache, or `fetch.cache_dir` in .citelint.yml).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Let --online reach private, loopback and link-local addresses (tests, intranets).
    #[arg(long)]
    pub allow_private_network: bool,

    /// No progress bar while fetching (there is none when stderr is not a terminal).
    #[arg(long)]
    pub no_progress: bool,
}
