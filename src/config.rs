//! `.citelint.yml`: found by walking up from the working directory, read strictly (an
//! unknown key is an error with a span and a "did you mean"), resolved into [`Settings`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::catalog::Rule;
use crate::diagnostic::Severity;
use crate::document::ReadOptions;
use crate::lexicon::{LanguageMarks, LEXICON};
use crate::rules::QuoteStyle;
pub use crate::setup::{
    closest, location_span, parse_yaml, parse_yaml_all, problem_error, problems_error, span_at,
    yaml_error, yaml_problem, ConfigError, ErrorAt, SetupError, SetupProblems, YamlProblem,
    YamlProblemKind,
};

pub const CONFIG_NAMES: &[&str] = &[".citelint.yml", ".citelint.yaml"];

/// The level a rule runs at, as written in the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StyleConfig {
    pub quotes: Option<QuoteStyle>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterConfig {
    /// Top-level front-matter keys whose values are published prose.
    pub prose_keys: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyConfig {
    /// The least share of matching words for a near match to count as `altered`.
    pub threshold: Option<Spanned<f64>>,
    /// Report quotations that have no source to check against (CV002).
    #[serde(default)]
    pub require_source: bool,
}

/// `fetch:` — how `--online` fetches sources (DESIGN.md §8). Durations are written as
/// `20s`, `500ms`, `7days`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FetchConfig {
    pub timeout: Option<Spanned<String>>,
    pub connect_timeout: Option<Spanned<String>>,
    pub total_timeout: Option<Spanned<String>>,
    pub concurrency: Option<Spanned<usize>>,
    pub per_host: Option<Spanned<usize>>,
    pub host_interval: Option<Spanned<String>>,
    pub retries: Option<usize>,
    pub max_retry_after: Option<Spanned<String>>,
    pub max_redirects: Option<usize>,
    pub max_body_mb: Option<Spanned<u64>>,
    pub user_agent: Option<String>,
    pub cache_dir: Option<String>,
    pub cache_ttl: Option<Spanned<String>>,
    pub failure_ttl: Option<Spanned<String>>,
    #[serde(default)]
    pub allowed_hosts: Vec<String>,
    #[serde(default)]
    pub denied_hosts: Vec<String>,
    #[serde(default)]
    pub allow_private_network: bool,
}

/// `report:`, for `citelint report`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The report's title.
    pub title: Option<String>,
    /// Where the HTML report is written when `--output` is not given, relative to the
    /// configuration file.
    pub output: Option<String>,
}

/// The file as written. Every key is optional: no config at all is a valid newsroom setup.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub language: Option<Spanned<String>>,
    #[serde(default)]
    pub style: StyleConfig,
    #[serde(default)]
    pub rules: HashMap<String, Spanned<Level>>,
    #[serde(default)]
    pub front_matter: FrontMatterConfig,
    /// Registry files or directories, relative to the configuration file.
    #[serde(default)]
    pub registry: RegistryConfig,
    #[serde(default)]
    pub verify: VerifyConfig,
    #[serde(default)]
    pub fetch: FetchConfig,
    #[serde(default)]
    pub report: ReportConfig,
    #[serde(default)]
    pub limits: crate::limits::LimitsConfig,
}

/// `registry:` as written: a list of files and directories, or a table with that list as
/// `files` and the folders local copies may also lie in as `source_roots`.
#[derive(Debug, Default)]
pub struct RegistryConfig {
    pub files: Vec<String>,
    pub source_roots: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryTable {
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    source_roots: Vec<String>,
}

impl<'de> Deserialize<'de> for RegistryConfig {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RegistryConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of registry files, or `files` and `source_roots`")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<Self::Value, A::Error> {
                let files = Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RegistryConfig {
                    files,
                    source_roots: Vec::new(),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                let table =
                    RegistryTable::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RegistryConfig {
                    files: table.files,
                    source_roots: table.source_roots,
                })
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// What a run uses from the configuration, resolved and validated.
#[derive(Debug)]
pub struct Settings {
    pub path: Option<PathBuf>,
    /// Include and exclude globs are relative to this directory.
    pub root: PathBuf,
    pub language: String,
    pub marks: &'static LanguageMarks,
    pub house_style: Option<QuoteStyle>,
    pub severities: HashMap<Rule, Option<Severity>>,
    pub include: GlobSet,
    pub exclude: GlobSet,
    /// `exclude` applies to files named on the command line too (`--force-exclude`).
    pub force_exclude: bool,
    pub read: ReadOptions,
    /// Where the registry is (from the configuration, or `--registry`).
    pub registry_paths: Vec<PathBuf>,
    /// The loaded registry; empty when none is configured.
    pub registry: std::sync::Arc<crate::registry::Registry>,
    pub verify: crate::verify::VerifyOptions,
    /// A quotation with nothing to check it against is reported (CV002).
    pub require_source: bool,
    /// Source texts read during the run, shared by every file.
    pub sources: std::sync::Arc<crate::verify::SourceStore>,
    /// How sources are fetched with `--online`; `fetch.mode` says whether they are.
    pub fetch: crate::fetch::FetchOptions,
    /// `report.title`.
    pub report_title: Option<String>,
    /// `report.output`, resolved against the configuration file's directory.
    pub report_output: Option<PathBuf>,
    /// Folders besides a registry file's own where its sources' local copies may lie
    /// (`registry.source_roots`, resolved against the configuration file's directory).
    pub registry_source_roots: Vec<PathBuf>,
    /// `limits:`: how large a file and how long its check may be.
    pub limits: crate::limits::Limits,
}

impl Settings {
    /// The configured severity of `rule`, or `None` when it is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.severities
            .get(&rule)
            .copied()
            .unwrap_or(Some(rule.default_severity()))
    }

    pub fn set_level(&mut self, rule: Rule, severity: Option<Severity>) {
        self.severities.insert(rule, severity);
    }

    /// How the registry is read (`limits.max_file_mb`, `registry.source_roots`).
    pub fn registry_load_options(&self) -> crate::registry::LoadOptions {
        crate::registry::LoadOptions {
            max_file_bytes: self.limits.max_file_bytes,
            source_roots: self.registry_source_roots.clone(),
        }
    }
}

/// The nearest `.citelint.yml` in `start` or a directory above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Reads and validates the configuration at `path`, or the defaults when `path` is `None`.
pub fn load(path: Option<&Path>, cwd: &Path) -> Result<Settings, SetupError> {
    let Some(path) = path else {
        return resolve(
            ConfigFile::default(),
            None,
            cwd,
            None,
            SetupProblems::default(),
        );
    };
    let shown = path.display().to_string();
    let bytes = crate::read::read_regular(path, crate::read::DEFAULT_MAX_BYTES).map_err(|e| {
        SetupError::Io {
            path: shown.clone(),
            source: match e {
                crate::read::ReadError::Io(source) => source,
                other => std::io::Error::other(other.to_string()),
            },
        }
    })?;
    let text = Arc::new(String::from_utf8(bytes).map_err(|e| {
        SetupError::Usage(
            format!(
                "{shown} is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
            Some("save the configuration as UTF-8".into()),
        )
    })?);
    // Every problem at once: five typos are one run, not five. The file as read past
    // its unknown keys and invalid values is still resolved, for the problems only that
    // can find.
    let mut problems = SetupProblems::default();
    let file: ConfigFile = if text.trim().is_empty() {
        ConfigFile::default()
    } else {
        match parse_yaml_all(&text) {
            (Some(file), found) => {
                for problem in found {
                    let error = problem_error(&shown, &text, problem);
                    problems.push(SetupError::Config(Box::new(error)));
                }
                file
            }
            (None, found) => return Err(problems_error(&shown, &text, found)),
        }
    };
    let root = path
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
    let root = if root.as_os_str().is_empty() {
        cwd.to_path_buf()
    } else {
        root
    };
    resolve(
        file,
        Some(path.to_path_buf()),
        &root,
        Some((&shown, &text)),
        problems,
    )
}

fn build_globs(patterns: &[String], what: &str) -> Result<GlobSet, SetupError> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| {
            SetupError::Usage(
                format!("invalid {what} glob `{p}`: {e}"),
                Some("see the globset syntax: *, **, ?, [ab], {a,b}".into()),
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| SetupError::Usage(format!("invalid {what} globs: {e}"), None))
}

fn resolve(
    file: ConfigFile,
    path: Option<PathBuf>,
    root: &Path,
    source: Option<(&str, &Arc<String>)>,
    mut problems: SetupProblems,
) -> Result<Settings, SetupError> {
    let error_at = |message: String,
                    loc: &serde_saphyr::Location,
                    label: &str,
                    help: Option<String>| match source {
        Some((shown, text)) => SetupError::Config(Box::new(ConfigError::new(
            shown,
            text,
            message,
            span_at(text, loc),
            label,
            help,
        ))),
        None => SetupError::Usage(message, help),
    };
    // Each invalid value is kept in `problems` and falls back to its default meanwhile.
    let language = match &file.language {
        None => "en".to_string(),
        Some(lang) => {
            if !LEXICON.marks.contains_key(&lang.value) {
                let mut known: Vec<&str> = LEXICON.languages().collect();
                known.sort_unstable();
                problems.push(error_at(
                    format!("unsupported language `{}`", lang.value),
                    &lang.referenced,
                    "unsupported language",
                    Some(format!(
                        "citelint knows the quotation marks of: {}",
                        known.join(", ")
                    )),
                ));
                "en".to_string()
            } else {
                lang.value.clone()
            }
        }
    };
    let mut severities = HashMap::new();
    let mut entries: Vec<_> = file.rules.iter().collect();
    entries.sort_by_key(|(_, level)| level.referenced.span().offset());
    for (selector, level) in entries {
        let Some(rule) = Rule::from_selector(selector) else {
            let help = Rule::suggest(selector);
            problems.push(error_at(
                format!("unknown rule `{selector}` in `rules`"),
                &level.referenced,
                "unknown rule",
                Some(help),
            ));
            continue;
        };
        severities.insert(rule, level.value.severity());
    }
    let include = if file.include.is_empty() {
        vec![
            "*.md".to_string(),
            "*.markdown".to_string(),
            "*.mdx".to_string(),
        ]
    } else {
        file.include.clone()
    };
    let mut verify = crate::verify::VerifyOptions::default();
    if let Some(threshold) = &file.verify.threshold {
        if !(threshold.value > 0.0 && threshold.value <= 1.0) {
            problems.push(error_at(
                format!("`verify.threshold` must be between 0 and 1, not {}", threshold.value),
                &threshold.referenced,
                "out of range",
                Some("0.75 (the default) calls a quotation altered when three quarters of its words match".into()),
            ));
        } else {
            verify.threshold = threshold.value;
        }
    }
    let fetch = fetch_options(&file.fetch, root, &error_at, &mut problems);
    let limits = file.limits.resolve(&error_at, &mut problems);
    let include = problems
        .keep(build_globs(&include, "include"))
        .unwrap_or_else(GlobSet::empty);
    let exclude = problems
        .keep(build_globs(&file.exclude, "exclude"))
        .unwrap_or_else(GlobSet::empty);
    let mut read = ReadOptions::default();
    if let Some(keys) = file.front_matter.prose_keys {
        read.prose_front_matter_keys = keys;
    }
    let settings = Settings {
        path,
        root: root.to_path_buf(),
        marks: &LEXICON.marks[&language],
        language,
        house_style: file.style.quotes,
        severities,
        include,
        exclude,
        force_exclude: false,
        read,
        registry_paths: file.registry.files.iter().map(|p| root.join(p)).collect(),
        registry_source_roots: file
            .registry
            .source_roots
            .iter()
            .map(|p| root.join(p))
            .collect(),
        limits,
        registry: Default::default(),
        verify,
        require_source: file.verify.require_source,
        sources: Default::default(),
        fetch,
        report_title: file.report.title,
        report_output: file.report.output.map(|o| root.join(o)),
    };
    problems.or_value(settings, source)
}

/// The `fetch:` section over the defaults, every value checked; an invalid one is kept in
/// `problems` and its default stands.
fn fetch_options(
    config: &FetchConfig,
    root: &Path,
    error_at: &ErrorAt<'_>,
    problems: &mut SetupProblems,
) -> crate::fetch::FetchOptions {
    let mut options = crate::fetch::FetchOptions::default();
    let duration = |key: &str, value: &Option<Spanned<String>>, into: &mut std::time::Duration| {
        if let Some(value) = value {
            *into = humantime::parse_duration(value.value.trim()).map_err(|e| {
                error_at(
                    format!("`fetch.{key}` is not a duration: {e}"),
                    &value.referenced,
                    "not a duration",
                    Some("write it as `20s`, `500ms`, `2m` or `7days`".into()),
                )
            })?;
        }
        Ok::<(), SetupError>(())
    };
    problems.keep(duration("timeout", &config.timeout, &mut options.timeout));
    problems.keep(duration(
        "connect_timeout",
        &config.connect_timeout,
        &mut options.connect_timeout,
    ));
    problems.keep(duration(
        "total_timeout",
        &config.total_timeout,
        &mut options.total_timeout,
    ));
    problems.keep(duration(
        "host_interval",
        &config.host_interval,
        &mut options.host_interval,
    ));
    problems.keep(duration(
        "max_retry_after",
        &config.max_retry_after,
        &mut options.max_retry_after,
    ));
    problems.keep(duration(
        "cache_ttl",
        &config.cache_ttl,
        &mut options.cache_ttl,
    ));
    problems.keep(duration(
        "failure_ttl",
        &config.failure_ttl,
        &mut options.failure_ttl,
    ));
    let at_least_one = |key: &str, value: &Option<Spanned<usize>>, into: &mut usize| {
        if let Some(value) = value {
            if value.value == 0 {
                return Err(error_at(
                    format!("`fetch.{key}` must be at least 1"),
                    &value.referenced,
                    "zero",
                    None,
                ));
            }
            *into = value.value;
        }
        Ok(())
    };
    problems.keep(at_least_one(
        "concurrency",
        &config.concurrency,
        &mut options.concurrency,
    ));
    problems.keep(at_least_one(
        "per_host",
        &config.per_host,
        &mut options.per_host,
    ));
    if let Some(mb) = &config.max_body_mb {
        if mb.value == 0 {
            problems.push(error_at(
                "`fetch.max_body_mb` must be at least 1".into(),
                &mb.referenced,
                "zero",
                None,
            ));
        } else {
            options.max_body = mb.value.saturating_mul(1024 * 1024);
        }
    }
    if let Some(retries) = config.retries {
        options.retries = retries;
    }
    if let Some(redirects) = config.max_redirects {
        options.max_redirects = redirects;
    }
    if let Some(agent) = &config.user_agent {
        options.user_agent = agent.clone();
    }
    if let Some(dir) = &config.cache_dir {
        options.cache_dir = root.join(dir);
    }
    options.allowed_hosts = config.allowed_hosts.clone();
    options.denied_hosts = config.denied_hosts.clone();
    options.guard.allow_private = config.allow_private_network;
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Settings, SetupError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".citelint.yml");
        std::fs::write(&path, text).unwrap();
        load(Some(&path), dir.path())
    }

    fn config_error(text: &str) -> ConfigError {
        match load_text(text) {
            Err(SetupError::Config(e)) => *e,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_key_has_span_and_suggestion() {
        let e = config_error("language: en\nlangauge: fr\n");
        assert!(
            e.message.starts_with("unknown key `langauge`"),
            "{}",
            e.message
        );
        assert_eq!(e.help.as_deref(), Some("did you mean `language`?"));
        let span = e.span.unwrap();
        assert_eq!(span.offset(), 13);
    }

    #[test]
    fn unknown_rule_and_level() {
        let e = config_error("rules:\n  CQ01: off\n");
        assert_eq!(e.message, "unknown rule `CQ01` in `rules`");
        assert_eq!(e.help.as_deref(), Some("did you mean `CQ001`?"));
        let e = config_error("rules:\n  CQ001: loud\n");
        assert!(
            e.message.contains("`loud` is not a valid value"),
            "{}",
            e.message
        );
        assert_eq!(e.span.unwrap().offset(), 16);
    }

    #[test]
    fn levels_and_style_resolve() {
        let s = load_text(
            "style:\n  quotes: curly\nrules:\n  mixed-quote-marks: error\n  CQ005: off\n",
        )
        .unwrap();
        assert_eq!(s.house_style, Some(QuoteStyle::Curly));
        assert_eq!(s.severity(Rule::MixedQuoteMarks), Some(Severity::Error));
        assert_eq!(s.severity(Rule::EntityEncodedQuote), None);
        assert_eq!(s.severity(Rule::UnclosedQuote), Some(Severity::Error));
    }

    #[test]
    fn bom_does_not_shift_spans() {
        let e = config_error("\u{FEFF}langauge: en\n");
        assert_eq!(e.span.unwrap().offset(), 3);
    }

    #[test]
    fn invalid_yaml_is_an_error_with_a_span() {
        let e = config_error("rules: [unclosed\n");
        assert!(e.span.is_some(), "{e:?}");
    }

    #[test]
    fn report_keys() {
        let s = load_text("report:\n  title: Desk ledger\n  output: out/report.html\n").unwrap();
        assert_eq!(s.report_title.as_deref(), Some("Desk ledger"));
        assert!(s.report_output.unwrap().ends_with("out/report.html"));
        let e = config_error("report:\n  titel: x\n");
        assert!(
            e.message.starts_with("unknown key `titel`"),
            "{}",
            e.message
        );
        assert_eq!(e.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(e.span.unwrap().offset(), 10);
        let e = config_error("reprot:\n  title: x\n");
        assert_eq!(e.help.as_deref(), Some("did you mean `report`?"));
    }

    #[test]
    fn unsupported_language() {
        let e = config_error("language: xx\n");
        assert_eq!(e.message, "unsupported language `xx`");
        assert_eq!(e.span.unwrap().offset(), 10);
    }

    #[test]
    fn fetch_settings_are_read_and_checked() {
        let settings = load_text(
            "fetch:\n  timeout: 500ms\n  per_host: 2\n  host_interval: 1s\n  max_body_mb: 3\n  cache_dir: c\n  cache_ttl: 2days\n  denied_hosts: [ads.example]\n  allow_private_network: true\n",
        )
        .unwrap();
        let fetch = &settings.fetch;
        assert_eq!(fetch.timeout, std::time::Duration::from_millis(500));
        assert_eq!(fetch.per_host, 2);
        assert_eq!(fetch.host_interval, std::time::Duration::from_secs(1));
        assert_eq!(fetch.max_body, 3 * 1024 * 1024);
        assert!(fetch.cache_dir.ends_with("c"));
        assert_eq!(fetch.cache_ttl, std::time::Duration::from_secs(2 * 86_400));
        assert_eq!(fetch.denied_hosts, ["ads.example"]);
        assert!(fetch.guard.allow_private);
        // Defaults stay where the file is silent.
        assert_eq!(fetch.retries, 3);
        assert_eq!(fetch.mode, crate::fetch::Mode::Off, "only --online fetches");

        let e = config_error("fetch:\n  timeout: soon\n");
        assert_eq!(
            e.message,
            "`fetch.timeout` is not a duration: expected number at 0"
        );
        assert_eq!(e.span.unwrap().offset(), 18);
        let e = config_error("fetch:\n  per_host: 0\n");
        assert_eq!(e.message, "`fetch.per_host` must be at least 1");
        let e = config_error("fetch:\n  per_hots: 3\n");
        assert!(e.message.contains("per_hots"), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some("did you mean `per_host`?"));
    }
}
