//! Real copy (public-domain articles, kept outside this repository): every documented
//! quote-mark defect is flagged on its line, and on all 600 articles the span invariants hold.
//!
//! The corpus is not in a public checkout, so these tests are ignored by default and say so.
//! `.ci/run` sets `CITELINT_CORPUS` (to ../shared/corpus) and runs them with `--ignored`;
//! by hand: `CITELINT_CORPUS=../shared/corpus cargo test --test corpus -- --ignored`.

use std::path::PathBuf;

use citelint::span::LineIndex;
use citelint::{check_file, config, Checked};

/// What running these tests needs (the `#[ignore]` reasons say the same).
const NEEDS_CORPUS: &str = "needs the article corpus: set CITELINT_CORPUS and pass --ignored";

/// The corpus directory; a test that is run must have it, or it fails rather than pass.
fn corpus() -> PathBuf {
    let dir = std::env::var_os("CITELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("CITELINT_CORPUS is not set: {NEEDS_CORPUS}"));
    assert!(
        dir.is_dir(),
        "CITELINT_CORPUS={} is not a directory",
        dir.display()
    );
    dir
}

#[derive(serde::Deserialize)]
struct Example {
    local_copy: String,
    line: usize,
    problem: String,
}

#[test]
#[ignore = "needs the article corpus: set CITELINT_CORPUS and pass --ignored"]
fn every_known_defect_is_flagged_on_its_line() {
    let dir = corpus().join("broken-quote-examples");
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
#[ignore = "needs the article corpus: set CITELINT_CORPUS and pass --ignored"]
fn the_whole_corpus_keeps_the_span_invariants() {
    let dir = corpus();
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
