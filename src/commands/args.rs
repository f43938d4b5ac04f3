//! Command-line definitions (clap): the arguments each command takes. The binary parses
//! them (`main.rs`); the commands in this module act on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::report::ReportFormat;
use crate::output::Format;

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
    /// List every rule with its code, name, default severity and whether --fix fixes it.
    Rules(RulesArgs),
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
    /// Print a shell completion script (e.g. `citelint completions bash > /etc/bash_completion.d/citelint`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One rule a line: code, name, default severity, fix, summary.
    Text,
    /// An array of objects: code, name, severity, fix, fixable, summary.
    Json,
}

#[derive(Subcommand, Debug)]
pub enum RegistryCommand {
    /// Validate the registry on its own (default: the files .citelint.yml names).
    Check(RegistryCheckArgs),
    /// Write a registry skeleton for the speakers the articles name: people and
    /// organizations with aliases, each quotation as unconfirmed candidate wording.
    Suggest(RegistrySuggestArgs),
}

#[derive(Args, Debug)]
pub struct RegistrySuggestArgs {
    /// The articles to read (Markdown).
    #[arg(value_name = "ARTICLE", required = true)]
    pub articles: Vec<PathBuf>,

    /// Write the skeleton here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Use this configuration file instead of the nearest .citelint.yml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore any .citelint.yml.
    #[arg(long)]
    pub no_config: bool,
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

    /// The action the workflow uses, OWNER/REPO@REF (default: this version's release; a
    /// branch builds citelint from source on every cache miss).
    #[arg(long, default_value = crate::init::DEFAULT_ACTION, value_name = "ACTION")]
    pub action: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What to check and how: the options `check` and `report` share. They become
/// [`crate::config::Settings`] in one place (`main.rs`, `load_settings`).
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

    /// Apply the configuration's `exclude` to files named on the command line too (as
    /// pre-commit names every file).
    #[arg(long)]
    pub force_exclude: bool,

    /// Check only the K-th of N parts of the file set (e.g. 2/4), split by path.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::walk::Shard>,

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

    /// Print the findings and nothing else: no summary line, no notes.
    #[arg(long, short)]
    pub quiet: bool,

    /// Print how many findings each rule has instead of the findings (a table, or JSON
    /// with --format json).
    #[arg(long)]
    pub statistics: bool,

    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The name to report for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Hide the findings this baseline file records (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every finding of this run in FILE, and report none: the way to adopt
    /// citelint on an archive. Later runs with --baseline FILE report only new findings.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings on lines added or changed since the branch left this git ref:
    /// compared with their merge base, like `git diff REF...HEAD` (working tree included);
    /// files untouched since then are not read.
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

    /// Leave out the stamp (date, commit, branch, dirty flag, citelint version, SHA-256 of
    /// the registry and configuration): the same results then make the same bytes, as
    /// shard merges are compared.
    #[arg(long)]
    pub no_stamp: bool,

    /// Link every article and line to the copy: `URL/PATH#LLINE` (a GitHub blob URL at a
    /// commit, say), or a template with `{path}`, `{abspath}` and `{line}`
    /// (`vscode://file/{abspath}:{line}`). Default: the file at `GITHUB_SHA` on GitHub
    /// Actions, else `file://` links to the local copies.
    #[arg(long, value_name = "URL")]
    pub link_base: Option<String>,

    /// A sign-off exported from an earlier HTML report (JSON): each quotation's state,
    /// note, checker and time come back, matched by article, words and speaker.
    #[arg(long, value_name = "FILE")]
    pub signoff: Option<PathBuf>,
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
