//! Rule identity: every rule's code, name, default severity and documentation, with the
//! metadata read from `rules/*.yml` (embedded at build time). The checks themselves live
//! in [`crate::rules`]; this module is a leaf so that findings, configuration and documents
//! can name a rule without depending on the checks.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// How much a finding matters; a rule's default lives in its `rules/*.yml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Declares every rule once: its enum variant, its code and its documentation file.
macro_rules! catalogue {
    ($($variant:ident => $code:literal, $file:literal;)*) => {
        /// Every rule citelint knows, by code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            fn source(self) -> &'static str {
                match self {
                    $(Rule::$variant => include_str!(concat!("../rules/", $file)),)*
                }
            }
        }

        #[cfg(test)]
        pub(crate) const DOC_FILES: &[&str] = &[$($file,)*];
    };
}

catalogue! {
    UnmatchedClosingQuote => "CQ001", "CQ001-unmatched-closing-quote.yml";
    UnclosedQuote => "CQ002", "CQ002-unclosed-quote.yml";
    ReversedQuoteMark => "CQ003", "CQ003-reversed-quote-mark.yml";
    MixedQuoteMarks => "CQ004", "CQ004-mixed-quote-marks.yml";
    EntityEncodedQuote => "CQ005", "CQ005-entity-encoded-quote.yml";
    UnusedSuppression => "CS001", "CS001-unused-suppression.yml";
    InvalidFrontMatterDirective => "CS002", "CS002-invalid-front-matter-directive.yml";
    InvalidRegistryYaml => "CR001", "CR001-invalid-registry-yaml.yml";
    UnknownRegistryKey => "CR002", "CR002-unknown-registry-key.yml";
    InvalidRegistryValue => "CR003", "CR003-invalid-registry-value.yml";
    DuplicateRegistryId => "CR004", "CR004-duplicate-registry-id.yml";
    UnknownRegistryReference => "CR005", "CR005-unknown-registry-reference.yml";
    AmbiguousRegistryAlias => "CR006", "CR006-ambiguous-registry-alias.yml";
    MissingSourceFile => "CR007", "CR007-missing-source-file.yml";
    UnknownSourceKind => "CR008", "CR008-unknown-source-kind.yml";
    SourceOutsideRoots => "CR009", "CR009-source-outside-allowed-folders.yml";
    MissingAttribution => "CA001", "CA001-missing-attribution.yml";
    UnknownSpeaker => "CA002", "CA002-unknown-speaker.yml";
    NameVariant => "CA003", "CA003-name-variant.yml";
    AnonymousSource => "CA004", "CA004-anonymous-source.yml";
    MisattributedQuote => "CA005", "CA005-misattributed-quote.yml";
    AlteredQuote => "CV001", "CV001-altered-quote.yml";
    QuoteNotInSource => "CV002", "CV002-quote-not-in-source.yml";
    SourceUnreachable => "CV003", "CV003-source-unreachable.yml";
    SourceUnverifiable => "CV004", "CV004-source-unverifiable.yml";
    InvalidUtf8 => "CF001", "CF001-invalid-utf8.yml";
    UnreadableFile => "CF002", "CF002-unreadable-file.yml";
    FileTimeBudget => "CF003", "CF003-time-budget-exceeded.yml";
}

/// Whether `--fix` can fix a rule's findings: ruff's "fix availability".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// Every finding has a safe fix.
    Always,
    /// Some findings have a safe fix (where the right edit is unambiguous).
    Sometimes,
    /// Findings may offer an edit, but only a person can apply it.
    Suggestion,
    None,
}

impl FixAvailability {
    /// Whether `--fix` applies some of the rule's findings.
    pub fn fixable(self) -> bool {
        matches!(self, FixAvailability::Always | FixAvailability::Sometimes)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::Always => "always",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Suggestion => "suggestion",
            FixAvailability::None => "none",
        }
    }
}

/// A rule's metadata and documentation, as written in `rules/*.yml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub fix: FixAvailability,
    pub summary: String,
    pub what_it_flags: String,
    pub why_it_matters: String,
    pub example: String,
    pub how_to_fix: String,
}

static DOCS: LazyLock<Vec<RuleDoc>> = LazyLock::new(|| {
    Rule::ALL
        .iter()
        .map(|rule| {
            // The files are part of the binary and are parsed by a unit test, so a failure
            // here is a build defect, not bad input.
            serde_saphyr::from_str(rule.source())
                .unwrap_or_else(|e| panic!("rules/{}: {e}", rule.code()))
        })
        .collect()
});

impl Rule {
    pub fn doc(self) -> &'static RuleDoc {
        &DOCS[self as usize]
    }

    pub fn name(self) -> &'static str {
        &self.doc().name
    }

    pub fn default_severity(self) -> Severity {
        self.doc().severity
    }

    /// Registry problems: the run cannot go on as asked (exit status 2).
    pub fn is_registry(self) -> bool {
        self.code().starts_with("CR")
    }

    /// Finds a rule by code (`CQ001`, any case) or by name (`unmatched-closing-quote`).
    pub fn from_selector(selector: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|rule| rule.code().eq_ignore_ascii_case(selector) || rule.name() == selector)
    }

    /// Help for a selector that names no rule: the closest code or name, if one is close
    /// enough to be a typo.
    pub fn suggest(selector: &str) -> String {
        crate::setup::closest(selector, Rule::selectors()).map_or_else(
            || "run `citelint rules` to list the rules".to_string(),
            |s| format!("did you mean `{s}`?"),
        )
    }

    /// Every code and name, for "did you mean" hints.
    pub fn selectors() -> impl Iterator<Item = &'static str> {
        Rule::ALL.iter().flat_map(|r| [r.code(), r.name()])
    }

    /// The rule's documentation as Markdown, under the fixed headings.
    pub fn explain(self) -> String {
        let doc = self.doc();
        format!(
            "# {} {}\n\n{}\n\nDefault severity: {}\n\n## What it flags\n\n{}\n## Why it matters\n\n{}\n## Example\n\n{}\n## How to fix\n\n{}",
            doc.code,
            doc.name,
            doc.summary,
            doc.severity.as_str(),
            doc.what_it_flags,
            doc.why_it_matters,
            doc.example,
            doc.how_to_fix
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_doc_file_parses_and_matches_its_rule() {
        for (rule, file) in Rule::ALL.iter().zip(DOC_FILES) {
            let doc = rule.doc();
            assert_eq!(doc.code, rule.code(), "{file}");
            assert!(
                file.starts_with(&format!("{}-{}", doc.code, doc.name)),
                "{file}"
            );
            assert!(!doc.what_it_flags.trim().is_empty());
        }
    }

    #[test]
    fn every_yml_in_rules_is_in_the_catalogue() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".yml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = DOC_FILES.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn selectors_accept_codes_and_names() {
        assert_eq!(
            Rule::from_selector("cq001"),
            Some(Rule::UnmatchedClosingQuote)
        );
        assert_eq!(
            Rule::from_selector("unclosed-quote"),
            Some(Rule::UnclosedQuote)
        );
        assert_eq!(Rule::from_selector("CQ999"), None);
    }
}
