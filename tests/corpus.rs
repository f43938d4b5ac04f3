//! Real copy from ../shared/corpus (public-domain articles, kept outside this repository):
//! every documented quote-mark defect is flagged on its line, and on all 600 articles the
//! span invariants hold. Skipped when the corpus is not there, except under CI.

use std::path::{Path, PathBuf};

use citelint::span::LineIndex;
use citelint::{check_file, config, Checked};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have ../shared/corpus beside the checkout"
    );
    eprintln!("skipped: no corpus at {}", dir.display());
    None
}

#[derive(serde::Deserialize)]
struct Example {
    local_copy: String,
    line: usize,
    problem: String,
}

#[test]
fn every_known_defect_is_flagged_on_its_line() {
    let Some(dir) = corpus() else { return };
    let dir = dir.join("broken-quote-examples");
    let examples: Vec<Example> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("examples.json")).unwrap()).unwrap();
    let settings = config::load(None, &dir).unwrap();
    assert_eq!(examples.len(), 17);
    for e in &examples {
        let Checked::File(result) = check_file(&dir.join(&e.local_copy), &settings) else {
            panic!("{} was skipped", e.local_copy)
        };
        let index = LineIndex::new(&result.text);
        let on_line: Vec<&str> = result
            .findings
            .iter()
            .filter(|f| index.line_col(f.span.start).line == e.line)
            .map(|f| f.rule.code())
            .collect();
        assert!(
            on_line.iter().any(|c| c.starts_with("CQ")),
            "{}:{} ({}) is not flagged; findings: {:?}",
            e.local_copy,
            e.line,
            e.problem,
            result
                .findings
                .iter()
                .map(|f| (f.rule.code(), index.line_col(f.span.start).line))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_whole_corpus_keeps_the_span_invariants() {
    let Some(dir) = corpus() else { return };
    let settings = config::load(None, &dir).unwrap();
    let found = citelint::walk::collect(std::slice::from_ref(&dir), &settings).unwrap();
    assert!(found.files.len() >= 600, "{} files", found.files.len());
    let mut quotes = 0;
    for path in &found.files {
        let Checked::File(result) = check_file(path, &settings) else {
            continue;
        };
        let text = result.text.as_str();
        let ok = |s: usize, e: usize| {
            s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        };
        for f in &result.findings {
            assert!(ok(f.span.start, f.span.end), "{}: {:?}", result.path, f);
            assert!(
                f.labels.iter().all(|l| ok(l.span.start, l.span.end)),
                "{}: {:?}",
                result.path,
                f
            );
        }
        for q in &result.analysis.quotes {
            assert!(
                ok(q.span.start, q.span.end),
                "{}: {:?}",
                result.path,
                q.span
            );
        }
        quotes += result.analysis.quotes.len();
        // Every output reads the quotations' text and context around them: the report's
        // model, made through the JSON, must come out of every real file.
        let report =
            citelint::output::report::FileReport::from_result(&result, &Default::default());
        assert_eq!(report.quotes.len(), result.analysis.quotes.len());
    }
    // The White House files alone hold about 4,700 quote pairs.
    assert!(quotes > 4_700, "{quotes} quotations found");
}
