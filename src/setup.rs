//! What a run needs before it starts, below every other layer: the error that stops a run
//! ([`SetupError`]), strict YAML reading with spans and "did you mean" hints (shared by the
//! configuration and the registry), and how paths are shown in messages.

use std::path::Path;
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

use crate::span::Span;

/// A path for messages: as given (relative to the working directory when it lies below
/// it), with `/` separators and no leading `./`.
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
    let mut err = err;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = err {
        err = error;
    }
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

/// Turns a serde-saphyr error into a diagnostic that points into `text`.
pub fn yaml_error(path: &str, text: &Arc<String>, err: &serde_saphyr::Error) -> ConfigError {
    let p = yaml_problem(text, err);
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
