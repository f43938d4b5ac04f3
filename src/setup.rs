//! What a run needs before it starts, below every other layer: the error that stops a run
//! ([`SetupError`]), strict YAML reading with spans and "did you mean" hints (shared by the
//! configuration and the registry), and how paths are shown in messages.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use crate::span::Span;

/// A path for messages: as given (relative to the working directory when it lies below
/// it), with `/` separators and no leading `./`.
/// `path` with `.` and `..` folded away, without touching the file system (a path that
/// does not exist yet, or one whose links must not be followed).
pub fn lexical_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .filter(|_| path.is_absolute())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let path = relative.as_deref().unwrap_or(path);
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// A configuration error, pointing into the file.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(citelint::config))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub src: NamedSource<Arc<String>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

/// Errors that stop a run before any file is checked (exit status 2).
#[derive(Debug, Error, Diagnostic)]
pub enum SetupError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),
    #[error("cannot read {path}: {source}")]
    #[diagnostic(code(citelint::io))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A report or file that could not be written. The OS error is part of the message
    /// and not a `#[source]`, so that it is shown once.
    #[error("cannot write {path}: {error}")]
    #[diagnostic(code(citelint::io))]
    Write { path: String, error: std::io::Error },
    #[error("{0}")]
    #[diagnostic(code(citelint::usage))]
    Usage(String, #[help] Option<String>),
    /// Every problem of a configuration file, reported in one run.
    #[error("{} problems in {path}", .problems.len())]
    #[diagnostic(code(citelint::config))]
    Several {
        path: String,
        #[related]
        problems: Vec<ConfigError>,
    },
}

/// The closest candidate to `text` within two edits (or a case-insensitive match).
pub fn closest<'a>(text: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| {
            (
                strsim::damerau_levenshtein(&text.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn byte_offset(text: &str, loc: &serde_saphyr::Location) -> Option<usize> {
    if let Some(b) = loc.span().byte_offset() {
        return Some(b as usize);
    }
    let line = loc.line() as usize;
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let col = (loc.column() as usize).saturating_sub(1);
    Some(
        start
            + text[start..]
                .chars()
                .take(col)
                .map(char::len_utf8)
                .sum::<usize>(),
    )
}

pub fn span_at(text: &str, loc: &serde_saphyr::Location) -> Option<SourceSpan> {
    // The YAML is parsed without its byte order mark (see `load`).
    let bom = crate::span::bom_len(text);
    let start = (bom + byte_offset(&text[bom..], loc)?).min(text.len());
    let len = loc
        .span()
        .byte_len()
        .map_or(0, |l| l as usize)
        .min(text.len() - start);
    Some((start, len.max(1).min(text.len() - start)).into())
}

impl ConfigError {
    pub fn new(
        path: &str,
        text: &Arc<String>,
        message: String,
        span: Option<SourceSpan>,
        label: &str,
        help: Option<String>,
    ) -> Self {
        ConfigError {
            message,
            src: NamedSource::new(path, Arc::clone(text)),
            span,
            label: label.to_string(),
            help,
        }
    }
}

/// What went wrong in a YAML file, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlProblemKind {
    /// Not YAML at all.
    Syntax,
    /// A key the schema does not have.
    UnknownKey,
    /// A value of the wrong type or form, or a required key missing.
    InvalidValue,
}

#[derive(Clone, Debug)]
pub struct YamlProblem {
    pub kind: YamlProblemKind,
    pub message: String,
    /// Byte range in the text as read (BOM included).
    pub span: Option<SourceSpan>,
    pub label: &'static str,
    pub help: Option<String>,
}

/// Describes a serde-saphyr error with a span into `text` and a "did you mean" for keys.
pub fn yaml_problem(text: &str, err: &serde_saphyr::Error) -> YamlProblem {
    use serde_saphyr::Error as E;
    // Errors come wrapped with a snippet of their own; citelint renders its own snippet.
    let err = strip_wrappers(err);
    let span = err.location().and_then(|loc| span_at(text, &loc));
    let problem = |kind, message, label, help| YamlProblem {
        kind,
        message,
        span,
        label,
        help,
    };
    match err {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = match closest(field, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("expected one of: {}", expected.join(", ")),
            };
            problem(
                YamlProblemKind::UnknownKey,
                format!("unknown key `{field}`"),
                "unknown key",
                Some(help),
            )
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => problem(
            YamlProblemKind::InvalidValue,
            format!("`{variant}` is not a valid value"),
            "invalid value",
            Some(format!("expected one of: {}", expected.join(", "))),
        ),
        E::DuplicateMappingKey { key, .. } => problem(
            YamlProblemKind::Syntax,
            match key {
                Some(k) => format!("the key `{k}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_string(),
            },
            "duplicate key",
            Some("keep one of them".into()),
        ),
        E::Budget { breach, .. } => problem(
            YamlProblemKind::Syntax,
            budget_message(breach),
            "here",
            Some("split the file, or remove anchors and aliases that repeat content".into()),
        ),
        other => {
            // serde-saphyr's message repeats the location, which the label shows already.
            let message = other.to_string();
            let first = message.lines().next().unwrap_or("invalid YAML");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            let first = match first.split_once(": ") {
                Some((loc, rest)) if loc.starts_with("line ") => rest,
                _ => first,
            };
            let kind = match other {
                E::SerdeInvalidType { .. }
                | E::SerdeInvalidValue { .. }
                | E::SerdeInvalidLength { .. }
                | E::SerdeMissingField { .. }
                | E::InvalidScalar { .. }
                | E::InvalidBooleanStrict { .. }
                | E::NullIntoString { .. } => YamlProblemKind::InvalidValue,
                _ => YamlProblemKind::Syntax,
            };
            problem(kind, first.to_string(), "here", None)
        }
    }
}

/// What a YAML size limit stopped, in words (not the parser's option names).
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { depth } => format!("the YAML is nested {depth} levels deep, too deep to read"),
        B::Aliases { .. } | B::Anchors { .. } => {
            "the YAML uses too many anchors and aliases to read".to_string()
        }
        _ => "the YAML holds too many values to read".to_string(),
    }
}

/// Makes a configuration error at a place in the file: message, place, label, help.
pub type ErrorAt<'a> =
    dyn Fn(String, &serde_saphyr::Location, &str, Option<String>) -> SetupError + 'a;

/// Turns a serde-saphyr error into a diagnostic that points into `text`.
pub fn yaml_error(path: &str, text: &Arc<String>, err: &serde_saphyr::Error) -> ConfigError {
    problem_error(path, text, yaml_problem(text, err))
}

/// The problems of one YAML file as the error that stops the run: the one problem, or all
/// of them together.
pub fn problems_error(path: &str, text: &Arc<String>, problems: Vec<YamlProblem>) -> SetupError {
    let mut errors: Vec<ConfigError> = problems
        .into_iter()
        .map(|p| problem_error(path, text, p))
        .collect();
    match errors.len() {
        0 => SetupError::Usage(format!("{path} could not be read as YAML"), None),
        1 => SetupError::Config(Box::new(errors.remove(0))),
        _ => SetupError::Several {
            path: path.to_string(),
            problems: errors,
        },
    }
}

/// Setup errors found one after another in a file's values, gathered so that one run
/// reports them all.
#[derive(Debug, Default)]
pub struct SetupProblems(Vec<SetupError>);

impl SetupProblems {
    pub fn push(&mut self, error: SetupError) {
        self.0.push(error);
    }

    /// The value, or `None` with its error kept for later.
    pub fn keep<T>(&mut self, result: Result<T, SetupError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    /// `value` when nothing went wrong; otherwise the one error, or all of them under the
    /// file `source` names.
    pub fn or_value<T>(
        mut self,
        value: T,
        source: Option<(&str, &Arc<String>)>,
    ) -> Result<T, SetupError> {
        match (self.0.len(), source) {
            (0, _) => Ok(value),
            (1, _) | (_, None) => Err(self.0.remove(0)),
            (_, Some((path, text))) => {
                let mut problems: Vec<ConfigError> = self
                    .0
                    .into_iter()
                    .flat_map(|e| e.into_config_errors(path, text))
                    .collect();
                // In the file's order, those without a place last.
                problems.sort_by_key(|e| e.span.map_or(usize::MAX, |s| s.offset()));
                Err(SetupError::Several {
                    path: path.to_string(),
                    problems,
                })
            }
        }
    }
}

impl SetupError {
    /// This error as diagnostics of the file `path`; one without a place in it keeps its
    /// message and help.
    fn into_config_errors(self, path: &str, text: &Arc<String>) -> Vec<ConfigError> {
        let unplaced = |message: String, help: Option<String>| {
            ConfigError::new(path, text, message, None, "", help)
        };
        match self {
            SetupError::Config(e) => vec![*e],
            SetupError::Several { problems, .. } => problems,
            SetupError::Usage(message, help) => vec![unplaced(message, help)],
            other => vec![unplaced(other.to_string(), None)],
        }
    }
}

/// A YAML problem as a diagnostic that points into `text`.
pub fn problem_error(path: &str, text: &Arc<String>, p: YamlProblem) -> ConfigError {
    let message = match p.kind {
        YamlProblemKind::Syntax => format!("{path}: {}", p.message),
        _ => format!("{} in {path}", p.message),
    };
    ConfigError::new(path, text, message, p.span, p.label, p.help)
}

/// Parses YAML without its byte order mark (spans are shifted back by `span_at`).
pub fn parse_yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    let body = &text[crate::span::bom_len(text)..];
    serde_saphyr::from_str(body)
}

/// A serde-saphyr location as a byte span of `text` (BOM included).
pub fn location_span(text: &str, loc: &serde_saphyr::Location) -> Span {
    match span_at(text, loc) {
        Some(s) => Span::new(s.offset(), s.offset() + s.len()),
        None => Span::empty(0),
    }
}

/// How many problems one YAML file may report in a run: past this, a file has bigger
/// trouble than typos.
const MAX_PROBLEMS: usize = 50;

/// Parses YAML into `T` and reports every unknown key, not just the first: each one is
/// blanked out (its entry replaced by spaces, so every offset stays where it was) and the
/// text parsed again. A problem of another kind ends the parse. It is reported only when
/// nothing was blanked: a blanked key may leave its mapping empty or its sequence item
/// changed, so a later problem may be of citelint's own making (it shows once the unknown
/// keys are fixed). Returns the value when the text parsed once the unknown keys were out
/// of the way.
pub fn parse_yaml_all<T: serde::de::DeserializeOwned>(text: &str) -> (Option<T>, Vec<YamlProblem>) {
    parse_all(text, parse_yaml::<T>, true)
}

/// [`parse_yaml_all`] with a parser of the caller's (a registry's, whose size limits grow
/// with the file), going on past unknown keys only: a registry entry whose value is left
/// out may be missing a key it needs, and that would be a second, false problem.
pub fn parse_yaml_all_with<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, serde_saphyr::Error>,
) -> (Option<T>, Vec<YamlProblem>) {
    parse_all(text, parse, false)
}

/// Parses `text`, and after each unknown key (and, with `past_values`, each invalid value)
/// blanks its entry and parses again, so that one run reports them all. Syntax errors end
/// the search: what follows one cannot be trusted. Without `past_values` a problem of
/// another kind is reported only when it is the first: it may be the blanking's doing.
fn parse_all<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, serde_saphyr::Error>,
    past_values: bool,
) -> (Option<T>, Vec<YamlProblem>) {
    let mut current = text.to_string();
    let mut problems = Vec::new();
    let mut left_out_values = false;
    while problems.len() < MAX_PROBLEMS {
        let err = match parse(&current) {
            Ok(value) => return (Some(value), problems),
            Err(err) => err,
        };
        let missing = matches!(
            strip_wrappers(&err),
            serde_saphyr::Error::SerdeMissingField { .. }
        );
        let problem = yaml_problem(&current, &err);
        let offset = problem.span.map(|span| span.offset());
        let blanked = match problem.kind {
            YamlProblemKind::UnknownKey => offset.is_some_and(|at| {
                blank_entry(&mut current, at) && {
                    blank_emptied_parents(&mut current, at);
                    true
                }
            }),
            YamlProblemKind::InvalidValue if past_values && !missing => {
                offset.is_some_and(|at| blank_value_entry(&mut current, at))
            }
            _ => false,
        };
        // A key reported missing after a value was left out may be that value's own key.
        let artefact = missing && left_out_values;
        let first_or_listable = problems.is_empty()
            || problem.kind == YamlProblemKind::UnknownKey
            || (past_values && problem.kind == YamlProblemKind::InvalidValue);
        if !artefact && first_or_listable {
            problems.push(problem);
        }
        if !blanked {
            break;
        }
        left_out_values |= past_values
            && problems
                .last()
                .is_some_and(|p| p.kind == YamlProblemKind::InvalidValue);
    }
    (None, problems)
}

/// The error inside the snippet and alias wrappers serde-saphyr puts around it.
fn strip_wrappers(err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    use serde_saphyr::Error as E;
    let mut err = err;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = err {
        err = error;
    }
    err
}

/// Blanks the entry an invalid value at `offset` belongs to: the list item or key it opens
/// its line with, or else the `key:` before it on its line. False in flow style.
fn blank_value_entry(text: &mut String, offset: usize) -> bool {
    if blank_entry(text, offset) {
        return true;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let key_at = line_start + (before.len() - before.trim_start_matches([' ', '-']).len());
    let is_key = text[key_at..offset]
        .trim_end()
        .strip_suffix(':')
        .is_some_and(|key| !key.is_empty() && !key.contains([':', '{', '[', ',', '#']));
    is_key && blank_entry(text, key_at) && {
        blank_emptied_parents(text, key_at);
        true
    }
}

/// After the entry at `offset` was blanked: a parent mapping key left with nothing under
/// it (`rules:` whose only rule was invalid) would now be null, a new and false problem;
/// blank it too, and so on up.
fn blank_emptied_parents(text: &mut String, mut offset: usize) {
    loop {
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let column = offset - line_start;
        if column == 0 {
            return;
        }
        // The nearest line above that is indented less: the parent.
        let mut parent = None;
        let mut end = line_start;
        while end > 0 {
            let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
            let line = &text[start..end - 1];
            let indent = line.len() - line.trim_start_matches(' ').len();
            if !line.trim().is_empty() && indent < column {
                parent = Some((start + indent, line.trim_end().ends_with(':')));
                break;
            }
            end = start;
        }
        let Some((parent_at, opens_mapping)) = parent else {
            return;
        };
        let parent_line_end = text[parent_at..]
            .find('\n')
            .map_or(text.len(), |i| parent_at + i);
        let parent_column = parent_at - text[..parent_at].rfind('\n').map_or(0, |i| i + 1);
        let children_left = text[parent_line_end..]
            .lines()
            .skip(1)
            .take_while(|l| {
                l.trim().is_empty() || l.len() - l.trim_start_matches(' ').len() > parent_column
            })
            .any(|l| !l.trim().is_empty());
        if !opens_mapping || children_left || !blank_entry(text, parent_at) {
            return;
        }
        offset = parent_at;
    }
}

/// Replaces the mapping entry whose key starts at `offset` (its line, and the lines below
/// indented deeper) with spaces. False when the key is not the first thing on its line
/// (flow style), which cannot be blanked safely.
fn blank_entry(text: &mut String, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    if !prefix.bytes().all(|b| b == b' ' || b == b'-') {
        return false;
    }
    let column = offset - line_start;
    let mut end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    while end < text.len() {
        let next = end + 1;
        let next_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
        let line = &text[next..next_end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        if !line.trim().is_empty() && indent <= column {
            break;
        }
        end = next_end;
    }
    let blanked: String = text[offset..end]
        .chars()
        .flat_map(|c| match c {
            '\n' | '\r' => vec![c],
            other => vec![' '; other.len_utf8()],
        })
        .collect();
    text.replace_range(offset..end, &blanked);
    true
}
