//! `--format sarif`: SARIF 2.1.0 for code scanning. Built with serde-sarif's types; written
//! as a stream (header, each file's results, footer) like the JSON output.
//!
//! Columns are Unicode code points (`columnKind: unicodeCodePoints`), 1-based, as in every
//! other citelint output. Each result carries a `partialFingerprints` entry that depends on
//! the rule, the path and the text of the flagged line (and how many identical findings
//! precede it there), not on line numbers, so it is stable across runs and unrelated edits.
//!
//! Paths are relative to the repository root, named `%SRCROOT%` in `originalUriBaseIds`
//! (code scanning matches them against the repository's files whatever folder citelint ran
//! in); outside a repository the root is the working directory.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Tool,
    ToolComponent,
};

use crate::diagnostic::{Finding, Severity};
use crate::rules::Rule;
use crate::span::{LineIndex, Span};
use crate::walk::fnv1a;
use crate::FileResult;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// citelint's home page, the driver's `informationUri`.
pub const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The base id every repository path is relative to.
pub const SRCROOT: &str = "%SRCROOT%";

/// A rule's documentation, as this version has it: its file under rules/ at this release.
pub fn help_uri(rule: Rule) -> String {
    format!(
        "{INFORMATION_URI}/blob/v{}/rules/{}-{}.yml",
        env!("CARGO_PKG_VERSION"),
        rule.code(),
        rule.name()
    )
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result_level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s.trim()).build()
}

/// The driver, listing every rule with its documentation and default level.
pub fn tool() -> Tool {
    let rules: Vec<ReportingDescriptor> = Rule::ALL
        .iter()
        .map(|rule| {
            let doc = rule.doc();
            ReportingDescriptor::builder()
                .id(rule.code())
                .name(rule.name())
                .help_uri(help_uri(*rule))
                .short_description(text(&doc.summary))
                .full_description(text(&doc.what_it_flags))
                .help(
                    MultiformatMessageString::builder()
                        .text(doc.how_to_fix.trim())
                        .markdown(rule.explain())
                        .build(),
                )
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(serde_json::Value::from(level(doc.severity)))
                        .build(),
                )
                .build()
        })
        .collect();
    Tool::builder()
        .driver(
            ToolComponent::builder()
                .name("citelint")
                .information_uri(INFORMATION_URI)
                .version(env!("CARGO_PKG_VERSION"))
                .semantic_version(env!("CARGO_PKG_VERSION"))
                .rules(rules)
                .build(),
        )
        .build()
}

/// A relative path as a URI reference (percent-encoding what a URI may not hold); an
/// absolute path as a `file://` URI.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where citelint runs and the root that SARIF paths are relative to.
#[derive(Debug)]
pub struct SourceRoot {
    cwd: PathBuf,
    root: PathBuf,
}

impl SourceRoot {
    /// The nearest folder at or above `cwd` that holds `.git`, else `cwd` itself.
    pub fn find(cwd: &Path) -> SourceRoot {
        let root = cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(cwd);
        SourceRoot {
            cwd: cwd.to_path_buf(),
            root: root.to_path_buf(),
        }
    }

    /// The working directory's, found once per run.
    fn current() -> Option<&'static SourceRoot> {
        static ROOT: OnceLock<Option<SourceRoot>> = OnceLock::new();
        ROOT.get_or_init(|| {
            std::env::current_dir()
                .ok()
                .map(|cwd| SourceRoot::find(&cwd))
        })
        .as_ref()
    }

    /// The root as a `file://` URI ending in `/`, as `originalUriBaseIds` wants it.
    pub fn uri(&self) -> String {
        let mut path = self.root.to_string_lossy().replace('\\', "/");
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        uri(&path)
    }

    /// `path` (as citelint reports it: from the working directory, or absolute) from the
    /// root, with `/` between the parts, when it lies inside the root.
    pub fn relative(&self, path: &str) -> Option<String> {
        let mut absolute = PathBuf::new();
        for part in self.cwd.join(path).components() {
            match part {
                Component::ParentDir => {
                    absolute.pop();
                }
                Component::CurDir => {}
                other => absolute.push(other),
            }
        }
        let inside = absolute.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    fn artifact(&self, path: &str) -> ArtifactLocation {
        match self.relative(path) {
            Some(relative) => ArtifactLocation::builder()
                .uri(uri(&relative))
                .uri_base_id(SRCROOT)
                .build(),
            None => ArtifactLocation::builder().uri(uri(path)).build(),
        }
    }
}

fn artifact(path: &str) -> ArtifactLocation {
    match SourceRoot::current() {
        Some(root) => root.artifact(path),
        None => ArtifactLocation::builder().uri(uri(path)).build(),
    }
}

fn region(index: &LineIndex, span: Span) -> Region {
    let start = index.line_col(span.start);
    let end = index.line_col(span.end);
    Region::builder()
        .start_line(start.line as i64)
        .start_column(start.column as i64)
        .end_line(end.line as i64)
        .end_column(end.column as i64)
        .byte_offset(span.start as i64)
        .byte_length(span.len() as i64)
        .build()
}

fn location(path: &str, index: &LineIndex, span: Span, message: Option<&str>) -> Location {
    let physical = PhysicalLocation::builder()
        .artifact_location(artifact(path))
        .region(region(index, span))
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(m).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}

fn result(file: &FileResult, index: &LineIndex, f: &Finding, fingerprint: String) -> SarifResult {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(help);
    }
    let related: Vec<Location> = f
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(
                l.path.as_deref().unwrap_or(&file.path),
                index,
                l.span,
                Some(&l.message),
            );
            loc.id = Some(i as i64);
            loc
        })
        .collect();
    let builder = SarifResult::builder()
        .rule_id(f.rule.code())
        .rule_index(f.rule as i64)
        .level(result_level(f.severity))
        .message(Message::builder().text(message).build())
        .locations(vec![location(
            &file.path,
            index,
            f.span,
            f.label.as_deref(),
        )])
        .partial_fingerprints(
            [("citelint/v1".to_string(), fingerprint)]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        );
    let mut built = if related.is_empty() {
        builder.build()
    } else {
        builder.related_locations(related).build()
    };
    if let Some(verdict) = quote_verdict(file, f) {
        let properties = [("verdict".to_string(), serde_json::Value::from(verdict))];
        built.properties = Some(
            PropertyBag::builder()
                .additional_properties(
                    properties
                        .into_iter()
                        .collect::<std::collections::BTreeMap<_, _>>(),
                )
                .build(),
        );
    }
    built
}

/// The verdict on the quotation a finding is about (its span or one of its labels in the
/// same file is the quotation), for the result's `properties.verdict`.
fn quote_verdict(file: &FileResult, f: &Finding) -> Option<&'static str> {
    let spans =
        std::iter::once(f.span).chain(f.labels.iter().filter(|l| l.path.is_none()).map(|l| l.span));
    let quotes = &file.analysis.quotes;
    spans
        .filter_map(|span| quotes.iter().position(|q| q.span == span))
        .find_map(|i| file.verifications.get(i))
        .map(|v| v.verdict.as_str())
}

/// Each finding's fingerprint, in order: a hash of the rule, the path from the repository
/// root, the text of the flagged line and how many identical findings precede it there, so it survives line moves.
pub fn fingerprints(file: &FileResult, index: &LineIndex) -> Vec<String> {
    let path = repository_path(&file.path);
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    file.findings
        .iter()
        .map(|f| {
            let line = index
                .line_span(index.line_col(f.span.start).line)
                .unwrap_or(f.span);
            let line_text = file.text.get(line.start..line.end).unwrap_or("").trim();
            let nth = seen.entry((f.rule.code(), line_text)).or_insert(0);
            let fingerprint = format!(
                "{:016x}",
                fnv1a(&[f.rule.code(), &path, line_text, &nth.to_string()])
            );
            *nth += 1;
            fingerprint
        })
        .collect()
}

/// `path` from the repository root when it lies inside the repository, else as given.
pub fn repository_path(path: &str) -> String {
    SourceRoot::current()
        .and_then(|root| root.relative(path))
        .unwrap_or_else(|| path.to_string())
}

pub fn begin(out: &mut dyn Write) -> io::Result<()> {
    write!(out, "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": ")?;
    super::json::write_indented(out, &tool(), b"      ")?;
    write!(out, ",\n      \"columnKind\": \"unicodeCodePoints\"")?;
    if let Some(root) = SourceRoot::current() {
        let base = serde_json::json!({ SRCROOT: { "uri": root.uri() } });
        write!(out, ",\n      \"originalUriBaseIds\": ")?;
        super::json::write_indented(out, &base, b"      ")?;
    }
    write!(out, ",\n      \"results\": [")
}

/// This file's results, comma-separated; the caller separates files.
pub fn file(out: &mut dyn Write, file: &FileResult) -> io::Result<()> {
    if file.findings.is_empty() {
        return Ok(());
    }
    let index = LineIndex::new(&file.text);
    for (i, (f, fingerprint)) in file
        .findings
        .iter()
        .zip(fingerprints(file, &index))
        .enumerate()
    {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n        ")?;
        super::json::write_indented(out, &result(file, &index, f, fingerprint), b"        ")?;
    }
    Ok(())
}

pub fn finish(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"\n      ]\n    }\n  ]\n}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("news/a story.md"), "news/a%20story.md");
        assert_eq!(uri("/abs/é.md"), "file:///abs/%C3%A9.md");
        assert_eq!(uri("a,b:c.md"), "a,b:c.md");
    }

    #[test]
    fn paths_are_relative_to_the_repository_root() {
        let root = SourceRoot {
            cwd: PathBuf::from("/work/site/news"),
            root: PathBuf::from("/work/site"),
        };
        assert_eq!(
            root.relative("a story.md").as_deref(),
            Some("news/a story.md")
        );
        assert_eq!(
            root.relative("../docs/./b.md").as_deref(),
            Some("docs/b.md")
        );
        assert_eq!(root.relative("/work/site/c.md").as_deref(), Some("c.md"));
        assert_eq!(root.relative("/elsewhere/d.md"), None);
        assert_eq!(root.relative("../../e.md"), None);
        assert_eq!(root.uri(), "file:///work/site/");
        let location = root.artifact("a story.md");
        assert_eq!(location.uri.as_deref(), Some("news/a%20story.md"));
        assert_eq!(location.uri_base_id.as_deref(), Some(SRCROOT));
    }

    #[test]
    fn every_rule_links_to_its_documentation() {
        for rule in Rule::ALL {
            let uri = help_uri(*rule);
            let file = uri
                .rsplit_once("/blob/")
                .unwrap()
                .1
                .split_once('/')
                .unwrap()
                .1;
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(file).is_file(),
                "{uri}"
            );
        }
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&["a"]), fnv1a(&["a"]));
        assert_ne!(fnv1a(&["a", "b"]), fnv1a(&["ab"]));
    }
}
