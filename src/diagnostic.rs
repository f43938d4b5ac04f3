//! Findings are plain data: what a rule found, where, and how to mend it. They are turned
//! into miette reports, JSON and the rest only by `output`.

use serde::Serialize;

use crate::catalog::Rule;
pub use crate::catalog::Severity;
use crate::span::Span;

/// A secondary place a finding points at, in the same file unless `path` says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub path: Option<String>,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applied by `--fix`: the replacement is certain.
    Safe,
    /// Shown, never applied: a person has to decide.
    Suggestion,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl ToString) -> Self {
        Edit {
            start: span.start,
            end: span.end,
            replacement: replacement.to_string(),
        }
    }

    pub fn insert(at: usize, text: impl ToString) -> Self {
        Edit::replace(Span::empty(at), text)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edit: Edit) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits: vec![edit],
        }
    }

    pub fn suggestion(edit: Edit) -> Self {
        Fix {
            applicability: Applicability::Suggestion,
            edits: vec![edit],
        }
    }
}

/// One thing a rule found in one file. The severity is filled in from the configuration
/// when the finding leaves the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// What the primary label under the span says.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            span,
            label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.label = Some(message.into());
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            path: None,
            span,
            message: message.into(),
        });
        self
    }

    /// A label in another file (a registry entry), shown with that file's snippet.
    pub fn with_registry_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
