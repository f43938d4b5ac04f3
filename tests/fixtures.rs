//! Every fixture folder (but those with an expected.yml, and cq001-held-back, which have
//! their own tests):
//! `pass*.md` must produce no finding; every other article is checked
//! against a snapshot that lists each finding exactly (code, line:column, byte span, labels,
//! fix). A folder named after a rule (`cq001-…`) may only produce that rule's findings.
//! A folder with a `cache/` is checked offline against that fetch cache.

use std::path::{Path, PathBuf};

use citelint::config::{self, Settings};
use citelint::diagnostic::Applicability;
use citelint::span::LineIndex;
use citelint::{check_text, FileResult};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn settings_for(dir: &Path) -> Settings {
    let cfg = dir.join(".citelint.yml");
    let cfg = cfg.is_file().then_some(cfg);
    let mut settings = config::load(cfg.as_deref(), dir).expect("fixture configuration is valid");
    if !settings.registry_paths.is_empty() {
        let loaded = citelint::registry::load(&settings.registry_paths).unwrap();
        assert!(
            !loaded.has_errors(),
            "fixture registry in {} is invalid",
            dir.display()
        );
        settings.registry = std::sync::Arc::new(loaded.registry);
    }
    // A folder with a fetch cache is checked offline against it, as `--offline` would.
    if dir.join("cache").is_dir() {
        settings.fetch.mode = citelint::fetch::Mode::Offline;
        settings.sources.enable_urls();
    }
    settings
}

fn check(path: &Path) -> FileResult {
    let dir = path.parent().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(fixtures_dir())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let settings = settings_for(dir);
    if settings.fetch.mode == citelint::fetch::Mode::Offline {
        // The first pass learns which URLs the quotations need; they come from the cache.
        check_text(&name, text.clone(), &settings);
        citelint::fetch_wanted(&settings, &|_, _| {}).unwrap();
    }
    check_text(&name, text, &settings)
}

/// One line per finding and per label, with exact positions.
fn describe(result: &FileResult) -> String {
    let index = LineIndex::new(&result.text);
    let pos = |offset: usize| {
        let at = index.line_col(offset);
        format!("{}:{}", at.line, at.column)
    };
    let mut out = String::new();
    for f in &result.findings {
        let s = f.span;
        out.push_str(&format!(
            "{} {}-{} [{}..{}] {:?} {}\n",
            f.rule.code(),
            pos(s.start),
            pos(s.end),
            s.start,
            s.end,
            &result.text[s.start..s.end],
            f.message
        ));
        for l in &f.labels {
            if let Some(path) = &l.path {
                // A label in another file (the registry): its path and bytes.
                out.push_str(&format!(
                    "    label {path} [{}..{}]: {}\n",
                    l.span.start, l.span.end, l.message
                ));
                continue;
            }
            out.push_str(&format!(
                "    label {} [{}..{}] {:?}: {}\n",
                pos(l.span.start),
                l.span.start,
                l.span.end,
                &result.text[l.span.start..l.span.end],
                l.message
            ));
        }
        if let Some(fix) = &f.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Suggestion => "suggestion",
            };
            for e in &fix.edits {
                out.push_str(&format!(
                    "    fix {kind} [{}..{}] -> {:?}\n",
                    e.start, e.end, e.replacement
                ));
            }
        }
    }
    out
}

fn articles() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![fixtures_dir()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            // Held-back articles are measured, not snapshotted (tests/opening_marks.rs).
            if path.is_dir() && !path.ends_with("cq001-held-back") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md")
                && path.file_name().unwrap() != "README.md"
                // A folder with an expected.yml has a test of its own (attribution/).
                && !path.with_file_name("expected.yml").exists()
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn pass_fixtures_have_no_findings() {
    for path in articles()
        .iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("pass"))
    {
        let result = check(path);
        assert!(
            result.findings.is_empty(),
            "{}:\n{}",
            path.display(),
            describe(&result)
        );
    }
}

#[test]
fn flag_fixtures_match_their_snapshots() {
    for path in articles() {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        if file.starts_with("pass") {
            continue;
        }
        let result = check(&path);
        assert!(
            !result.findings.is_empty(),
            "{} flags nothing",
            path.display()
        );
        let folder = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let code = folder.split('-').next().unwrap().to_uppercase();
        if code.len() == 5 && code.starts_with('C') {
            for f in &result.findings {
                assert_eq!(
                    f.rule.code(),
                    code,
                    "{}: {}",
                    path.display(),
                    describe(&result)
                );
            }
        }
        let name = result.path.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, describe(&result));
    }
}

/// The CMS-export article: every opening double mark stripped. Each closing mark must be
/// flagged exactly once, and nothing else (no apostrophe); restored, every quotation is
/// found and nothing is flagged.
#[test]
fn cms_export_article() {
    let dir = fixtures_dir().join("cq001-unmatched-closing-quote/cms-export");
    let restored = check(&dir.join("pass-restored.md"));
    let stripped = check(&dir.join("flag-stripped.md"));
    let restored_text = std::fs::read_to_string(dir.join("pass-restored.md")).unwrap();
    assert_eq!(
        restored_text.replace('“', ""),
        *stripped.text,
        "flag-stripped.md must be pass-restored.md without U+201C"
    );
    let paragraphs = restored_text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .count();
    assert!(paragraphs >= 40, "{paragraphs} paragraphs");

    assert!(restored.findings.is_empty(), "{}", describe(&restored));
    let quotes = &restored.analysis.quotes;
    let doubles = quotes
        .iter()
        .filter(|q| q.level == citelint::quotes::Level::Double)
        .count();
    let singles = quotes.len() - doubles;
    // 51 opening marks, 4 of them continuation marks of two multi-paragraph quotations.
    assert_eq!(restored_text.matches('“').count(), 51);
    assert_eq!((doubles, singles), (47, 3));
    let multi: Vec<usize> = quotes
        .iter()
        .map(|q| q.continuations.len())
        .filter(|&n| n > 0)
        .collect();
    assert_eq!(multi, vec![2, 2]);

    let closers: Vec<usize> = stripped.text.match_indices('”').map(|(i, _)| i).collect();
    assert_eq!(closers.len(), 47);
    let flagged: Vec<usize> = stripped.findings.iter().map(|f| f.span.start).collect();
    assert_eq!(flagged, closers, "{}", describe(&stripped));
    assert!(stripped
        .findings
        .iter()
        .all(|f| f.rule.code() == "CQ001" && f.span.len() == '”'.len_utf8()));
}
