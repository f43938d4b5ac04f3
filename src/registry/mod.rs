//! The source registry: YAML files that list people, organizations and sources (schema
//! version 1, DESIGN.md §4), read with spans, validated, and indexed by folded name.
//!
//! Loading never fails as a whole: each registry file becomes a [`RegistryReport`] whose
//! findings (CR001–CR009) point into the YAML. The caller decides that any of them ends the
//! run with status 2; `citelint registry check` shows them on their own.

pub mod files;
pub mod kinds;
pub mod names;

pub use kinds::SourceKind;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::catalog::Rule;
use crate::diagnostic::{Finding, Label};
use crate::setup::display_path;
use crate::setup::{location_span, parse_yaml_all_with, yaml_problem, YamlProblemKind};
use crate::span::Span;

pub const SCHEMA_VERSION: u32 = 1;

// ---- the schema, as written -------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSchema {
    version: Spanned<u32>,
    #[serde(default)]
    people: Vec<PersonSchema>,
    #[serde(default)]
    organizations: Vec<OrganizationSchema>,
    #[serde(default)]
    sources: Vec<SourceSchema>,
    #[serde(default)]
    anonymous: Vec<AnonymousSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonSchema {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    roles: Vec<RoleSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSchema {
    title: String,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganizationSchema {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceSchema {
    id: Spanned<String>,
    kind: Spanned<String>,
    title: Option<String>,
    /// The language the source is in (`en`, `es`): recorded wording in another language
    /// is marked `translated_from` on the quotation.
    language: Option<String>,
    #[serde(default)]
    by: Vec<Spanned<String>>,
    date: Option<Spanned<String>>,
    url: Option<String>,
    archive: Option<String>,
    file: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    quotes: Vec<QuoteSchema>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteSchema {
    text: Spanned<String>,
    by: Option<Spanned<String>>,
    translated_from: Option<String>,
    /// `false` for candidate wording an editor has not checked against the source yet
    /// (what `citelint registry suggest` writes): never evidence for a verdict.
    confirmed: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnonymousSchema {
    #[serde(rename = "match")]
    pattern: Spanned<String>,
    reason: String,
}

// ---- the registry, as used -------------------------------------------------------------

/// Where a registry value was written: which registry file, which bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: usize,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Person,
    Organization,
    Source,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Wording recorded in the registry for a source.
#[derive(Clone, Debug)]
pub struct RecordedQuote {
    pub text: String,
    /// The speaker's id (defaults to the source's only `by`).
    pub by: Option<String>,
    pub translated_from: Option<String>,
    /// Checked against the source by an editor; unconfirmed wording is never searched.
    pub confirmed: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct SourceInfo {
    pub kind: SourceKind,
    pub title: Option<String>,
    pub language: Option<String>,
    pub by: Vec<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub archive: Option<String>,
    /// The local copy, resolved against the registry file's directory.
    pub file: Option<PathBuf>,
    pub quotes: Vec<RecordedQuote>,
}

/// A person, organization or source: anything a quotation can be attributed to.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    pub kind: EntryKind,
    /// The display name (a source's title, or its id when it has none).
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    pub source: Option<SourceInfo>,
    /// The entry's `id` in its registry file.
    pub origin: Origin,
}

impl Entry {
    /// The role to show beside the name: the last one listed without an end date (the
    /// current one), else the last one listed.
    pub fn current_role(&self) -> Option<&Role> {
        self.roles
            .iter()
            .rev()
            .find(|r| r.to.is_none())
            .or(self.roles.last())
    }
}

/// A description allowed to stand for a speaker whose name is withheld.
#[derive(Clone, Debug)]
pub struct Anonymous {
    pub pattern: String,
    pub reason: String,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub struct RegistryFile {
    pub path: String,
    pub text: Arc<String>,
    /// The byte offset of each line after the first, for [`Registry::line_of`].
    line_starts: Vec<usize>,
}

impl RegistryFile {
    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) + 1
    }
}

/// Close registry name words found so far, by (word, edits), as name-token indexes.
type CloseCache = HashMap<(String, usize), Box<[u32]>>;

/// The end of a chain of postings in the deletion index.
const NO_POSTING: u32 = u32::MAX;

#[derive(Debug, Default)]
pub struct Registry {
    pub files: Vec<RegistryFile>,
    pub entries: Vec<Entry>,
    pub anonymous: Vec<Anonymous>,
    by_id: HashMap<String, usize>,
    /// Folded names and aliases; unique by validation.
    by_name: HashMap<String, usize>,
    /// Folded surnames of people, for "Ortega said" after "Lucía Ortega".
    by_surname: HashMap<String, Vec<usize>>,
    /// Every folded word of every name and alias (five letters or more), for name variants.
    name_tokens: HashMap<String, u32>,
    name_token_list: Vec<String>,
    /// Each token, whole and with one letter deleted, by the hash of those letters → the
    /// tokens it came from. A deletion index: a word one or two letters off a registry word
    /// shares a deletion with it. Hashes, not strings, so neither loading nor a lookup
    /// allocates per deletion; a collision only adds a candidate that the distance check drops.
    /// The newest posting for each key; postings chain to older ones with the same key,
    /// so the index allocates no list per key.
    token_deletions: HashMap<u64, u32, names::KeyHasher>,
    /// (token, the next older posting of the same key or [`NO_POSTING`]).
    deletion_postings: Vec<(u32, u32)>,
    /// Answers of `close_name_tokens` so far, as indexes into `name_token_list`.
    close_cache: std::sync::Mutex<CloseCache>,
}

impl Registry {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.anonymous.is_empty()
    }

    /// The position of entry `id` in `entries`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The entry whose name or alias is `name`, case and accents folded.
    pub fn resolve(&self, name: &str) -> Option<&Entry> {
        self.by_name
            .get(&names::fold(name))
            .map(|&i| &self.entries[i])
    }

    /// People whose full name ends with `surname`.
    pub fn by_surname(&self, surname: &str) -> impl Iterator<Item = &Entry> {
        self.by_surname
            .get(&names::fold(surname))
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// Whether `token` (folded) is a word of some registry name or alias.
    pub fn has_name_token(&self, token: &str) -> bool {
        self.name_tokens.contains_key(token)
    }

    /// Registry name words within `max` edits of `token` (folded), without scanning.
    pub fn close_name_tokens(&self, token: &str, max: usize) -> Vec<&str> {
        if self.name_tokens.is_empty() {
            return Vec::new();
        }
        // The same capitalized words come back in article after article ("President",
        // "Department"): each is looked up once per run.
        let key = (token.to_string(), max);
        if let Some(found) = self
            .close_cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return found
                .iter()
                .map(|&i| self.name_token_list[i as usize].as_str())
                .collect();
        }
        let found = self.lookup_close_name_tokens(token, max);
        let indexes: Box<[u32]> = found.iter().map(|t| self.name_tokens[*t]).collect();
        self.close_cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, indexes);
        found
    }

    fn lookup_close_name_tokens(&self, token: &str, max: usize) -> Vec<&str> {
        let chars: Vec<char> = token.chars().collect();
        let postings = &self.deletion_postings;
        let mut out: Vec<&str> = names::deletion_keys(&chars, max)
            .filter_map(|key| self.token_deletions.get(&key).copied())
            .flat_map(|head| {
                std::iter::successors(Some(head), |&p| {
                    let next = postings[p as usize].1;
                    (next != NO_POSTING).then_some(next)
                })
            })
            .map(|p| self.name_token_list[postings[p as usize].0 as usize].as_str())
            .filter(|t| *t != token && strsim::damerau_levenshtein(t, token) <= max)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The registry file a value was written in, and its 1-based line there.
    pub fn line_of(&self, origin: Origin) -> Option<(&str, usize)> {
        let file = self.files.get(origin.file)?;
        Some((file.path.as_str(), file.line_of(origin.span.start)))
    }

    /// Every id, for "did you mean" hints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }
}

/// A loaded registry and, per registry file, its problems.
#[derive(Debug, Default)]
pub struct Loaded {
    pub registry: Registry,
    pub reports: Vec<RegistryReport>,
}

/// One registry file as read, and its problems (CR001–CR009), sorted by position.
#[derive(Debug)]
pub struct RegistryReport {
    /// The path as shown in messages.
    pub path: String,
    pub text: Arc<String>,
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// Problems that end the run: a registry that cannot be read, or that is ambiguous
    /// (every rule of severity `error`). Warnings (an unknown source kind) do not.
    pub fn has_errors(&self) -> bool {
        self.reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity == crate::diagnostic::Severity::Error)
    }

    pub fn has_findings(&self) -> bool {
        self.reports.iter().any(|r| !r.findings.is_empty())
    }
}

pub use files::{files_under, LoadOptions};

struct Builder {
    loaded: Loaded,
    max_file_bytes: u64,
    roots: files::SourceRoots,
    /// Where each id was defined (for duplicate reports).
    id_origin: HashMap<String, Origin>,
    /// Where each folded name or alias was claimed, and by which entry.
    name_origin: HashMap<String, (usize, Origin)>,
    /// References to check once every file is read: (id, where, what refers).
    references: Vec<(String, Origin, &'static str)>,
}

impl Builder {
    fn finding(&mut self, file: usize, finding: Finding) {
        self.loaded.reports[file].findings.push(finding);
    }

    fn origin(&self, file: usize, loc: &serde_saphyr::Location) -> Origin {
        Origin {
            file,
            span: location_span(&self.loaded.registry.files[file].text, loc),
        }
    }

    fn label(&self, at: Origin, from_file: usize, message: String) -> Label {
        Label {
            path: (at.file != from_file).then(|| self.loaded.registry.files[at.file].path.clone()),
            span: at.span,
            message,
        }
    }

    fn add_entry(&mut self, entry: Entry, names: Vec<(String, Origin)>) {
        let index = self.loaded.registry.entries.len();
        let file = entry.origin.file;
        if entry.id.trim().is_empty() {
            self.finding(
                file,
                Finding::new(
                    Rule::InvalidRegistryValue,
                    entry.origin.span,
                    "an id must not be empty",
                )
                .with_label("empty id")
                .with_help("give the entry a short lowercase id, like lucia-ortega"),
            );
            return;
        }
        if let Some(first) = self.id_origin.get(&entry.id).copied() {
            let label = self.label(first, file, "first defined here".into());
            let mut finding = Finding::new(
                Rule::DuplicateRegistryId,
                entry.origin.span,
                format!("the id `{}` is already used by another entry", entry.id),
            )
            .with_label("defined again here")
            .with_help("give each entry its own id");
            finding.labels.push(label);
            self.finding(file, finding);
            return;
        }
        self.id_origin.insert(entry.id.clone(), entry.origin);
        for (name, origin) in names {
            let folded = names::fold(&name);
            if folded.is_empty() {
                continue;
            }
            match self.name_origin.get(&folded).copied() {
                Some((other, _)) if other == index => {}
                Some((other, first)) => {
                    let other_id = self.loaded.registry.entries[other].id.clone();
                    let label =
                        self.label(first, origin.file, format!("claimed by `{other_id}` here"));
                    let mut finding = Finding::new(
                        Rule::AmbiguousRegistryAlias,
                        origin.span,
                        format!("`{name}` names both `{other_id}` and `{}`", entry.id),
                    )
                    .with_label("claimed again here")
                    .with_help("a name or alias may belong to one entry only: give each a distinguishing alias");
                    finding.labels.push(label);
                    self.finding(origin.file, finding);
                }
                None => {
                    self.name_origin.insert(folded.clone(), (index, origin));
                    self.loaded.registry.by_name.insert(folded, index);
                }
            }
        }
        if entry.kind != EntryKind::Source {
            let registry = &mut self.loaded.registry;
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                for token in names::fold(name)
                    .split(' ')
                    .filter(|t| t.chars().count() >= names::MIN_VARIANT_LEN)
                {
                    if registry.name_tokens.contains_key(token) {
                        continue;
                    }
                    let index = registry.name_token_list.len() as u32;
                    registry.name_tokens.insert(token.to_string(), index);
                    registry.name_token_list.push(token.to_string());
                    let chars: Vec<char> = token.chars().collect();
                    for key in names::deletion_keys(&chars, 1) {
                        let posting = registry.deletion_postings.len() as u32;
                        let older = registry.token_deletions.insert(key, posting);
                        registry
                            .deletion_postings
                            .push((index, older.unwrap_or(NO_POSTING)));
                    }
                }
            }
        }
        if entry.kind == EntryKind::Person {
            if let Some(surname) = names::surname(&names::fold(&entry.name)) {
                self.loaded
                    .registry
                    .by_surname
                    .entry(surname.to_string())
                    .or_default()
                    .push(index);
            }
        }
        self.loaded.registry.by_id.insert(entry.id.clone(), index);
        self.loaded.registry.entries.push(entry);
    }

    fn check_date(&mut self, file: usize, date: &Spanned<String>) {
        let ok = {
            let parts: Vec<&str> = date.value.split('-').collect();
            let number = |s: &str, n: usize, max: u32| {
                s.len() == n
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && s.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v))
            };
            match parts.as_slice() {
                [y] => number(y, 4, 9999),
                [y, m] => number(y, 4, 9999) && number(m, 2, 12),
                [y, m, d] => number(y, 4, 9999) && number(m, 2, 12) && number(d, 2, 31),
                _ => false,
            }
        };
        if !ok {
            let span = self.origin(file, &date.referenced).span;
            self.finding(
                file,
                Finding::new(
                    Rule::InvalidRegistryValue,
                    span,
                    format!("`{}` is not a date", date.value),
                )
                .with_label("not YYYY-MM-DD")
                .with_help("write dates as YYYY-MM-DD (or YYYY-MM, or YYYY)"),
            );
        }
    }

    fn read_file(&mut self, path: &Path) {
        let file = self.loaded.registry.files.len();
        let shown = display_path(path);
        let (text, read_error) = match crate::read::read_regular(path, self.max_file_bytes) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => (text, None),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    (
                        String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned(),
                        Some(Finding::new(
                            Rule::InvalidUtf8,
                            Span::empty(at),
                            format!("not valid UTF-8 at byte {at}"),
                        )),
                    )
                }
            },
            Err(e) => (
                String::new(),
                Some(Finding::new(
                    Rule::UnreadableFile,
                    Span::empty(0),
                    format!("cannot read the registry file: {e}"),
                )),
            ),
        };
        let text = Arc::new(text);
        self.loaded.registry.files.push(RegistryFile {
            path: shown.clone(),
            text: Arc::clone(&text),
            line_starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|nl| nl + 1)
                .collect(),
        });
        self.loaded.reports.push(RegistryReport {
            path: shown,
            text: Arc::clone(&text),
            findings: Vec::new(),
        });
        if let Some(finding) = read_error {
            self.finding(file, finding);
            return;
        }
        // Every unknown key is reported, and the file still read past them (so a typo, a bad
        // date and a dangling reference are found in one run). A deserializer stops at the
        // first value of the wrong type before the parser reaches a syntax error further on,
        // so only a plain parse tells broken YAML (CR001) from a wrong value (CR003); it runs
        // only when the schema parse fails.
        let (schema, problems) = parse_yaml_all_with(&text, parse_registry_yaml::<FileSchema>);
        let schema = match schema {
            Some(schema) => {
                for p in problems {
                    self.problem_finding(file, p, Rule::InvalidRegistryValue);
                }
                schema
            }
            None => {
                let syntax = parse_registry_yaml::<serde::de::IgnoredAny>(&text).err();
                for p in problems {
                    if syntax.is_some() && p.kind != YamlProblemKind::UnknownKey {
                        continue;
                    }
                    self.problem_finding(file, p, Rule::InvalidRegistryValue);
                }
                if let Some(syntax) = syntax {
                    self.yaml_finding(file, &text, &syntax, Rule::InvalidRegistryYaml);
                }
                return;
            }
        };
        if schema.version.value != SCHEMA_VERSION {
            let span = self.origin(file, &schema.version.referenced).span;
            self.finding(
                file,
                Finding::new(
                    Rule::InvalidRegistryValue,
                    span,
                    format!(
                        "registry schema version {} is not supported",
                        schema.version.value
                    ),
                )
                .with_label("version")
                .with_help(format!("this citelint reads version {SCHEMA_VERSION}")),
            );
            return;
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for person in schema.people {
            self.add_person(file, person);
        }
        for o in schema.organizations {
            let entry = Entry {
                id: o.id.value.clone(),
                kind: EntryKind::Organization,
                name: o.name.value.clone(),
                aliases: o.aliases.iter().map(|a| a.value.clone()).collect(),
                roles: Vec::new(),
                source: None,
                origin: self.origin(file, &o.id.referenced),
            };
            let names = self.names(file, &o.name, &o.aliases);
            self.add_entry(entry, names);
        }
        for source in schema.sources {
            self.add_source(file, &dir, source);
        }
        for a in schema.anonymous {
            let origin = self.origin(file, &a.pattern.referenced);
            self.loaded.registry.anonymous.push(Anonymous {
                pattern: a.pattern.value,
                reason: a.reason,
                origin,
            });
        }
    }

    fn add_person(&mut self, file: usize, p: PersonSchema) {
        for role in &p.roles {
            for date in role.from.iter().chain(role.to.iter()) {
                self.check_date(file, date);
            }
        }
        let entry = Entry {
            id: p.id.value.clone(),
            kind: EntryKind::Person,
            name: p.name.value.clone(),
            aliases: p.aliases.iter().map(|a| a.value.clone()).collect(),
            roles: p
                .roles
                .into_iter()
                .map(|r| Role {
                    title: r.title,
                    from: r.from.map(|d| d.value),
                    to: r.to.map(|d| d.value),
                })
                .collect(),
            source: None,
            origin: self.origin(file, &p.id.referenced),
        };
        let names = self.names(file, &p.name, &p.aliases);
        self.add_entry(entry, names);
    }

    /// A source entry, its local copy checked and its recorded quotations read.
    fn add_source(&mut self, file: usize, dir: &Path, s: SourceSchema) {
        if let Some(date) = &s.date {
            self.check_date(file, date);
        }
        let local = s.file.as_ref().and_then(|f| {
            let span = self.origin(file, &f.referenced).span;
            let (path, finding) = files::local_copy(&self.roots, dir, &f.value, span);
            if let Some(finding) = finding {
                self.finding(file, finding);
            }
            path
        });
        for by in &s.by {
            let origin = self.origin(file, &by.referenced);
            self.references.push((by.value.clone(), origin, "`by`"));
        }
        let quotes =
            s.quotes
                .iter()
                .map(|q| {
                    if let Some(by) = &q.by {
                        let origin = self.origin(file, &by.referenced);
                        self.references
                            .push((by.value.clone(), origin, "the quote's `by`"));
                    }
                    RecordedQuote {
                        text: q.text.value.clone(),
                        by: q.by.as_ref().map(|b| b.value.clone()).or_else(|| {
                            match s.by.as_slice() {
                                [only] => Some(only.value.clone()),
                                _ => None,
                            }
                        }),
                        translated_from: q.translated_from.clone(),
                        confirmed: q.confirmed.unwrap_or(true),
                        origin: self.origin(file, &q.text.referenced),
                    }
                })
                .collect();
        let names: Vec<(String, Origin)> = s
            .aliases
            .iter()
            .map(|a| (a.value.clone(), self.origin(file, &a.referenced)))
            .collect();
        let kind = self.source_kind(file, &s.kind);
        let entry = Entry {
            id: s.id.value.clone(),
            kind: EntryKind::Source,
            name: s.title.clone().unwrap_or_else(|| s.id.value.clone()),
            aliases: s.aliases.iter().map(|a| a.value.clone()).collect(),
            roles: Vec::new(),
            source: Some(SourceInfo {
                kind,
                title: s.title,
                language: s.language,
                by: s.by.iter().map(|b| b.value.clone()).collect(),
                date: s.date.map(|d| d.value),
                url: s.url,
                archive: s.archive,
                file: local,
                quotes,
            }),
            origin: self.origin(file, &s.id.referenced),
        };
        self.add_entry(entry, names);
    }

    /// A source's kind; an unknown one is a warning (CR008) with the closest known kind,
    /// and the source counts as `other`.
    fn source_kind(&mut self, file: usize, kind: &Spanned<String>) -> SourceKind {
        if let Some(known) = SourceKind::parse(&kind.value) {
            return known;
        }
        let span = self.origin(file, &kind.referenced).span;
        let help = match SourceKind::closest(&kind.value) {
            Some(closest) => {
                format!("did you mean `{closest}`? The source is read as `other` meanwhile")
            }
            None => {
                let kinds: Vec<&str> = SourceKind::ALL.iter().map(|(_, name)| *name).collect();
                format!("expected one of: {}", kinds.join(", "))
            }
        };
        self.finding(
            file,
            Finding::new(
                Rule::UnknownSourceKind,
                span,
                format!("`{}` is not a source kind", kind.value),
            )
            .with_label("unknown kind")
            .with_help(help),
        );
        SourceKind::Other
    }

    /// A YAML error as a finding: an unknown key is CR002 wherever it shows up, anything
    /// else is `rule`.
    fn yaml_finding(&mut self, file: usize, text: &str, err: &serde_saphyr::Error, rule: Rule) {
        self.problem_finding(file, yaml_problem(text, err), rule);
    }

    /// A YAML problem as a finding: an unknown key is CR002 wherever it shows up, anything
    /// else is `rule`.
    fn problem_finding(&mut self, file: usize, p: crate::setup::YamlProblem, rule: Rule) {
        let rule = if p.kind == YamlProblemKind::UnknownKey {
            Rule::UnknownRegistryKey
        } else {
            rule
        };
        let span = p.span.map_or(Span::empty(0), |s| {
            Span::new(s.offset(), s.offset() + s.len())
        });
        let mut finding = Finding::new(rule, span, p.message).with_label(p.label);
        if let Some(help) = p.help {
            finding = finding.with_help(help);
        }
        self.finding(file, finding);
    }

    fn names(
        &self,
        file: usize,
        name: &Spanned<String>,
        aliases: &[Spanned<String>],
    ) -> Vec<(String, Origin)> {
        std::iter::once(name)
            .chain(aliases)
            .map(|n| (n.value.clone(), self.origin(file, &n.referenced)))
            .collect()
    }

    fn check_references(&mut self) {
        for (id, origin, what) in std::mem::take(&mut self.references) {
            if self.loaded.registry.by_id.contains_key(&id) {
                continue;
            }
            let help = unknown_id_help(&self.loaded.registry, &id);
            self.finding(
                origin.file,
                Finding::new(
                    Rule::UnknownRegistryReference,
                    origin.span,
                    format!("{what} names `{id}`, which no entry has"),
                )
                .with_label("unknown id")
                .with_help(help),
            );
        }
    }
}

/// "did you mean" for an id, among the registry's ids.
pub fn unknown_id_help(registry: &Registry, id: &str) -> String {
    match crate::setup::closest(id, registry.ids()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "add an entry with this id, or correct it".to_string(),
    }
}

/// The registry's YAML, with a parser budget in proportion to its size: the parser's fixed
/// default (250,000 nodes) refuses a registry of about 28,000 people, while the file's size
/// is already capped by `limits.max_file_mb`. A YAML node takes at least two bytes, and an
/// event at least one, so these limits bound nothing a file of this size can hold, while
/// anchors and aliases (which can multiply nodes without bytes) keep the parser's defaults.
fn parse_registry_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<T, serde_saphyr::Error> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(text.len());
    budget.max_events = budget.max_events.max(2 * text.len());
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(text.len());
    let options = serde_saphyr::options! { budget: Some(budget) };
    let body = &text[crate::span::bom_len(text)..];
    serde_saphyr::from_str_with_options(body, options)
}

/// Reads every registry file under `paths` (files, or directories of `*.yml`).
pub fn load(paths: &[PathBuf]) -> Result<Loaded, crate::setup::SetupError> {
    load_with(paths, &LoadOptions::default())
}

/// [`load`] with a size cap and the folders local copies may lie in.
pub fn load_with(
    paths: &[PathBuf],
    options: &LoadOptions,
) -> Result<Loaded, crate::setup::SetupError> {
    let mut builder = Builder {
        loaded: Loaded::default(),
        max_file_bytes: options.max_file_bytes,
        roots: files::SourceRoots::new(&options.source_roots),
        id_origin: HashMap::new(),
        name_origin: HashMap::new(),
        references: Vec::new(),
    };
    let files =
        files::files_under_all(paths).map_err(|(path, source)| crate::setup::SetupError::Io {
            path: format!("registry {}", display_path(&path)),
            source,
        })?;
    for file in &files {
        builder.read_file(file);
    }
    builder.check_references();
    for report in &mut builder.loaded.reports {
        report.findings.sort_by_key(|f| (f.span, f.rule));
    }
    Ok(builder.loaded)
}
