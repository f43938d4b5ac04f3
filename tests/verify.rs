//! Verification of quoted words (DESIGN.md §7): the fixture story in fixtures/verify/ with
//! the verdict, source and diff of every quotation asserted, local PDF sources generated
//! here, and properties of the matcher.

use std::path::{Path, PathBuf};

mod common;

use assert_cmd::Command;
use citelint::span::LineIndex;
use citelint::verify::diff::inline;
use citelint::verify::index::SourceText;
use citelint::verify::matching;
use citelint::verify::pattern::Pattern;
use citelint::{check_text, config, registry, FileResult};
use proptest::prelude::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/verify")
}

#[derive(serde::Deserialize)]
struct Expected {
    quotes: Vec<ExpectedQuote>,
    findings: Vec<String>,
}

#[derive(serde::Deserialize)]
struct ExpectedQuote {
    starts: String,
    case: String,
    verdict: String,
    source: Option<String>,
    diff: Option<String>,
}

fn check_in(dir: &Path, article: &str) -> FileResult {
    let mut settings = config::load(Some(&dir.join(".citelint.yml")), dir).unwrap();
    let loaded = registry::load(&settings.registry_paths).unwrap();
    assert!(
        !loaded.has_errors(),
        "the registry in {} is invalid",
        dir.display()
    );
    settings.registry = std::sync::Arc::new(loaded.registry);
    let text = std::fs::read_to_string(dir.join(article)).unwrap();
    check_text(article, text, &settings)
}

/// Each quotation's verdict and the id of the source that decided it.
fn verdicts_and_sources(result: &FileResult) -> Vec<(&'static str, Option<&str>)> {
    result
        .verifications
        .iter()
        .map(|v| {
            (
                v.verdict.as_str(),
                v.source
                    .as_ref()
                    .map(|s| s.id.as_deref().unwrap_or_default()),
            )
        })
        .collect()
}

#[test]
fn every_quotation_of_the_fixture_gets_its_expected_verdict_source_and_diff() {
    let dir = fixture_dir();
    let expected: Expected =
        serde_saphyr::from_str(&std::fs::read_to_string(dir.join("expected.yml")).unwrap())
            .unwrap();
    let result = check_in(&dir, "story.md");
    let quotes = &result.analysis.quotes;
    assert_eq!(
        quotes.len(),
        expected.quotes.len(),
        "one expectation per quotation"
    );
    for ((quote, verification), want) in quotes
        .iter()
        .zip(&result.verifications)
        .zip(&expected.quotes)
    {
        let case = &want.case;
        assert!(
            quote.text.starts_with(&want.starts),
            "{case}: expected a quotation starting {:?}, found {:?}",
            want.starts,
            quote.text
        );
        assert_eq!(
            verification.verdict.as_str(),
            want.verdict,
            "{case}: {:?}",
            quote.text
        );
        let source = verification.source.as_ref();
        assert_eq!(
            source.and_then(|s| s.id.as_deref()),
            want.source.as_deref(),
            "{case}"
        );
        let diff = source.and_then(|s| s.diff.as_deref()).map(inline);
        assert_eq!(diff, want.diff, "{case}");
    }
    let index = LineIndex::new(&result.text);
    let findings: Vec<String> = result
        .findings
        .iter()
        .map(|f| {
            let at = index.line_col(f.span.start);
            format!("{} {}:{}", f.rule.code(), at.line, at.column)
        })
        .collect();
    assert_eq!(findings, expected.findings);
}

#[test]
fn human_output_shows_the_diff_and_the_recorded_wording() {
    let dir = fixture_dir();
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(&dir)
        .args(["check", "story.md", "--color", "never", "--select", "CV001"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    insta::assert_snapshot!("verify_human_cv001", text);
}

#[test]
fn json_carries_verdicts_sources_and_diffs() {
    let dir = fixture_dir();
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(&dir)
        .args(["check", "story.md", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let quotes: Vec<serde_json::Value> = json["files"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| serde_json::json!({"id": q["id"], "verdict": q["verdict"], "source": q["source"]}))
        .collect();
    insta::assert_json_snapshot!("verify_json_quotes", quotes);
}

/// A folder with an article quoting Lena Brandt and a registry whose source for her is
/// `audit.pdf` with `pdf` as its bytes.
fn pdf_case(pdf: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("audit.pdf"), pdf).unwrap();
    std::fs::write(
        dir.path().join("sources.yml"),
        "version: 1\npeople:\n  - id: lena-brandt\n    name: Lena Brandt\n    aliases: [Brandt]\n\
         sources:\n  - id: audit-2026\n    kind: report\n    by: [lena-brandt]\n    file: audit.pdf\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".citelint.yml"),
        "registry: [sources.yml]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("story.md"),
        "Finance officer Lena Brandt presented the audit.\n\n\
         “The city closed the year with a surplus of four million dollars,” Brandt said.\n\n\
         “Every department stayed within its budget,” Brandt said.\n",
    )
    .unwrap();
    dir
}

#[cfg(feature = "pdf")]
#[test]
fn a_local_pdf_source_verifies_and_alters() {
    let pdf = common::pdf_with_text(&[
        "Annual audit of the City of Millbrook",
        "The city closed the year with a surplus of four million dollars.",
        "Every department stayed within its approved budget.",
    ]);
    let dir = pdf_case(&pdf);
    let result = check_in(dir.path(), "story.md");
    let verdicts = verdicts_and_sources(&result);
    assert_eq!(
        verdicts,
        vec![
            ("verified", Some("audit-2026")),
            ("altered", Some("audit-2026"))
        ]
    );
    let diff = result.verifications[1]
        .source
        .as_ref()
        .unwrap()
        .diff
        .as_deref()
        .map(inline);
    assert_eq!(
        diff.as_deref(),
        Some("Every department stayed within its [-approved-] budget")
    );
}

#[test]
fn a_corrupt_pdf_leaves_its_quotations_unverifiable_and_the_run_goes_on() {
    let mut pdf = common::pdf_with_text(&["The city closed the year with a surplus."]);
    pdf.truncate(pdf.len() / 2);
    pdf.extend(b"\x00\xff garbage endobj trailer <<");
    let dir = pdf_case(&pdf);
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "story.md", "--format", "json"])
        .output()
        .unwrap();
    // CV004 is information: it does not fail the run.
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &json["files"][0];
    let verdicts: Vec<&str> = file["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, vec!["unverifiable", "unverifiable"]);
    let findings = file["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0]["code"], "CV004");
    assert_eq!(findings[0]["severity"], "info");
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .contains("audit.pdf: the PDF could not be read"),
        "{}",
        findings[0]["message"]
    );
}

#[test]
fn require_source_reports_quotations_with_nothing_to_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.md"),
        "“We were never consulted,” said a shop owner.\n\nThe project is known as the “bridge to nowhere.”\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        Command::cargo_bin("citelint")
            .unwrap()
            .current_dir(dir.path())
            .args([
                "check", "story.md", "--format", "concise", "--select", "CV002",
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let plain = run(&[]);
    assert_eq!(plain.status.code(), Some(0));
    let strict = run(&["--require-source"]);
    assert_eq!(
        strict.status.code(),
        Some(0),
        "a warning does not fail by default"
    );
    assert_eq!(
        String::from_utf8(strict.stdout).unwrap(),
        "story.md:1:1: warning[CV002] no source in the registry to check a shop owner's words against\n"
    );
    std::fs::write(
        dir.path().join(".citelint.yml"),
        "verify:\n  require_source: true\n",
    )
    .unwrap();
    let configured = run(&["--deny-warnings"]);
    assert_eq!(configured.status.code(), Some(1));
}

#[test]
fn a_threshold_out_of_range_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".citelint.yml"),
        "verify:\n  threshold: 1.5\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("story.md"), "Nothing quoted.\n").unwrap();
    let output = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "story.md", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("`verify.threshold` must be between 0 and 1, not 1.5"),
        "{stderr}"
    );
    assert!(stderr.contains(".citelint.yml:2:14"), "{stderr}");
}

const VOCABULARY: &[&str] = &[
    "the", "council", "will", "vote", "on", "budget", "river", "bridge", "we", "said", "a",
    "promise", "kept", "water", "safe", "clinic", "open", "Sunday", "never", "families", "taxes",
    "year", "work", "starts", "Monday", "and", "is", "it", "to", "of",
];

fn source_text(words: &[usize]) -> String {
    let mut text = String::new();
    for (i, &w) in words.iter().enumerate() {
        if i > 0 {
            text.push_str(if i % 9 == 0 {
                ". "
            } else if i % 5 == 0 {
                ", "
            } else {
                " "
            });
        }
        text.push_str(VOCABULARY[w]);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any run of a source's words, however the article punctuates and capitalizes it, is
    /// found; the same run with one word replaced by a word the source never uses is not.
    #[test]
    fn a_quote_cut_from_the_source_is_found_and_a_changed_one_is_not(
        words in prop::collection::vec(0..VOCABULARY.len(), 30..300),
        start in 0usize..1000,
        len in 3usize..25,
        changed in 0usize..25,
    ) {
        let text = source_text(&words);
        let source = SourceText::new(text);
        let start = start % (words.len() - len);
        let quoted: Vec<&str> = words[start..start + len].iter().map(|&w| VOCABULARY[w]).collect();
        let mut quote = quoted.join(" ");
        if let Some(first) = quote.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        let quote = format!("{quote},");
        prop_assert!(!matching::find(&Pattern::parse(&quote), &source, None, 1).is_empty(), "{quote}");
        let mut altered = quoted.clone();
        altered[changed % len] = "zeppelin";
        let altered = altered.join(" ");
        prop_assert!(matching::find(&Pattern::parse(&altered), &source, None, 1).is_empty(), "{altered}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The same property through the whole pipeline: an article quoting a run of a local
    /// source file gets the verdict `verified`; with one word replaced, never.
    #[test]
    fn a_quote_from_a_local_source_is_verified_and_a_changed_one_is_not(
        words in prop::collection::vec(0..VOCABULARY.len(), 40..200),
        start in 0usize..1000,
        len in 4usize..20,
        changed in 0usize..20,
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("hearing.txt"), source_text(&words)).unwrap();
        std::fs::write(
            dir.path().join("sources.yml"),
            "version: 1\npeople:\n  - id: ana-reyes\n    name: Ana Reyes\n    aliases: [Reyes]\n\
             sources:\n  - id: hearing\n    kind: hearing\n    by: [ana-reyes]\n    file: hearing.txt\n",
        )
        .unwrap();
        std::fs::write(dir.path().join(".citelint.yml"), "registry: [sources.yml]\n").unwrap();
        let start = start % (words.len() - len);
        let quoted: Vec<&str> = words[start..start + len].iter().map(|&w| VOCABULARY[w]).collect();
        let mut altered = quoted.clone();
        altered[changed % len] = "zeppelin";
        std::fs::write(
            dir.path().join("story.md"),
            format!(
                "Council member Ana Reyes spoke at the hearing.\n\n“{},” Reyes said.\n\n“{},” Reyes said.\n",
                quoted.join(" "),
                altered.join(" ")
            ),
        )
        .unwrap();
        let result = check_in(dir.path(), "story.md");
        let verdicts: Vec<&str> = result.verifications.iter().map(|v| v.verdict.as_str()).collect();
        prop_assert_eq!(verdicts.len(), 2);
        prop_assert_eq!(verdicts[0], "verified");
        prop_assert_ne!(verdicts[1], "verified");
    }
}

#[test]
fn sources_named_in_the_front_matter_are_searched_for_any_speaker() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.yml"),
        "version: 1\nsources:\n  - id: transit-agency-release\n    kind: statement\n    quotes:\n      \
         - text: \"Service on the number 12 line resumes on Monday at five in the morning.\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".citelint.yml"),
        "registry: [sources.yml]\n",
    )
    .unwrap();
    let story = "---\ntitle: Buses return\ncitelint:\n  sources: [transit-agency-release]\n---\n\n\
                 “Service on the number 12 line resumes on Monday,” a spokeswoman said.\n\n\
                 “Service on the number 14 line resumes on Monday,” she added.\n";
    std::fs::write(dir.path().join("story.md"), story).unwrap();
    let result = check_in(dir.path(), "story.md");
    let verdicts = verdicts_and_sources(&result);
    assert_eq!(
        verdicts,
        vec![
            ("verified", Some("transit-agency-release")),
            ("altered", Some("transit-agency-release"))
        ]
    );
    // Without the front matter there is nothing to check the spokeswoman's words against.
    std::fs::write(
        dir.path().join("story.md"),
        story.split("---\n\n").nth(1).unwrap(),
    )
    .unwrap();
    let result = check_in(dir.path(), "story.md");
    assert!(result
        .verifications
        .iter()
        .all(|v| v.verdict.as_str() == "no-source"));
}
