//! The attribution fixtures: a story with the expected speaker of each of its quotations,
//! and its registry. `fixtures/attribution/` is mostly news built of whole-sentence
//! quotations; `fixtures/attribution-political/` is political and long-form reporting,
//! where most quotations are fragments inside the writer's sentences (issue 14). For each
//! folder: the story's quotation marks are sound, its quotations are found in the order
//! expected.yml lists them, its registry is valid and resolves every expected id, and every
//! quotation gets the expected speaker.

use std::path::{Path, PathBuf};

use citelint::{check_text, config, registry};

const NEWS: &str = "fixtures/attribution";
const POLITICAL: &str = "fixtures/attribution-political";

fn dir(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)
}

#[derive(serde::Deserialize)]
struct Expected {
    starts: String,
    speaker: Option<String>,
    resolves_to: Option<String>,
    kind: String,
    pattern: String,
}

fn expected(folder: &str) -> Vec<Expected> {
    let yaml = std::fs::read_to_string(dir(folder).join("expected.yml")).unwrap();
    serde_saphyr::from_str(&yaml).unwrap()
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The registry loads without findings and has an entry for every expected id.
fn check_registry(folder: &str) {
    let loaded = registry::load(&[dir(folder).join("sources.yml")]).unwrap();
    assert!(
        !loaded.has_errors(),
        "{:?}",
        loaded
            .reports
            .iter()
            .flat_map(|r| &r.findings)
            .collect::<Vec<_>>()
    );
    for e in expected(folder) {
        match e.resolves_to.as_deref() {
            None | Some("anonymous") => {}
            Some(id) => assert!(loaded.registry.get(id).is_some(), "{id} ({:?})", e.speaker),
        }
    }
}

/// No quotation-mark finding, and each expected quotation starts one of the found
/// top-level quotations, in order.
fn check_quotations_in_order(folder: &str, at_least: usize) {
    let settings = config::load(None, &dir(folder)).unwrap();
    let text = std::fs::read_to_string(dir(folder).join("story.md")).unwrap();
    let result = check_text("story.md", text, &settings);
    let marks: Vec<_> = result
        .findings
        .iter()
        .filter(|f| f.rule.code().starts_with("CQ"))
        .collect();
    assert!(marks.is_empty(), "{marks:?}");
    let found: Vec<String> = result
        .analysis
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| normalize(&q.text))
        .collect();
    let expected = expected(folder);
    assert!(expected.len() >= at_least, "{} quotations", expected.len());
    // Each expected quotation starts one of the found ones, in order (a quotation broken by
    // its attribution is two pairs of marks but one expected entry).
    let mut next = 0;
    for e in &expected {
        let start = normalize(&e.starts);
        let at = found[next..]
            .iter()
            .position(|q| q.starts_with(&start))
            .unwrap_or_else(|| {
                panic!(
                    "`{}` ({}) not found after quotation {next}",
                    e.starts, e.pattern
                )
            });
        next += at + 1;
        assert!(["speech", "fragment", "term"].contains(&e.kind.as_str()));
    }
}

/// The expected speaker of every quotation, with the registry loaded: the registry id each
/// resolves to (or none), quotation by quotation. Prints the score and each miss.
fn check_speakers(folder: &str) {
    let mut settings = config::load(None, &dir(folder)).unwrap();
    settings.registry_paths = vec![dir(folder).join("sources.yml")];
    settings.registry =
        std::sync::Arc::new(registry::load(&settings.registry_paths).unwrap().registry);
    let text = std::fs::read_to_string(dir(folder).join("story.md")).unwrap();
    let result = check_text("story.md", text, &settings);
    let found: Vec<(String, Option<&citelint::attribution::Speaker>)> = result
        .analysis
        .quotes
        .iter()
        .zip(&result.speakers)
        .filter(|(q, _)| q.parent.is_none())
        .map(|(q, s)| (normalize(&q.text), s.as_ref()))
        .collect();
    let mut next = 0;
    let mut misses = Vec::new();
    let expected = expected(folder);
    for e in &expected {
        let start = normalize(&e.starts);
        let at = next
            + found[next..]
                .iter()
                .position(|(q, _)| q.starts_with(&start))
                .unwrap();
        next = at + 1;
        let speaker = found[at].1;
        let got = speaker.and_then(|s| {
            if s.kind == citelint::attribution::SpeakerKind::Anonymous {
                Some("anonymous".to_string())
            } else {
                s.registry_id.clone()
            }
        });
        let want = e.resolves_to.clone();
        // With no registry entry to resolve to, the words themselves are checked: none where
        // none is expected (a term, a fact check's label), `I` where the writer speaks.
        let text_differs = want.is_none()
            && e.speaker.as_deref().map(normalize) != speaker.map(|s| normalize(&s.text));
        if got != want || text_differs {
            misses.push(format!(
                "[{}] `{}`: expected {:?} ({:?}), got {:?} ({:?})",
                e.pattern,
                e.starts,
                want,
                e.speaker,
                got,
                speaker.map(|s| &s.text)
            ));
        }
    }
    let right = expected.len() - misses.len();
    eprintln!("{folder}: {right} of {} speakers right", expected.len());
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(misses.is_empty(), "{} misses", misses.len());
}

#[test]
fn news_registry_is_valid_and_knows_every_expected_speaker() {
    check_registry(NEWS);
    let loaded = registry::load(&[dir(NEWS).join("sources.yml")]).unwrap();
    assert!(
        loaded.registry.resolve("Lucía Ortega").is_some()
            || loaded.registry.resolve("Ortega").is_some()
    );
}

#[test]
fn news_quotations_are_found_in_order_with_no_quote_mark_finding() {
    check_quotations_in_order(NEWS, 60);
}

#[test]
fn news_speakers_match_the_expected_ones() {
    check_speakers(NEWS);
}

#[test]
fn political_registry_is_valid_and_knows_every_expected_speaker() {
    check_registry(POLITICAL);
}

#[test]
fn political_quotations_are_found_in_order_with_no_quote_mark_finding() {
    check_quotations_in_order(POLITICAL, 100);
}

#[test]
#[ignore = "93 of 123 right with the parse-based steps (issue 14); run with --ignored to measure"]
fn political_speakers_match_the_expected_ones() {
    check_speakers(POLITICAL);
}
