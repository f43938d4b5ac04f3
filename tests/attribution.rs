//! The attribution fixture (fixtures/attribution/): a 76-paragraph story with 66 quotations
//! and the expected speaker of each, and its registry. Attribution itself is not built yet;
//! what is checked now is that the story's quotation marks are sound, that its quotations
//! are found in the order expected.yml lists them, and that its registry is valid and
//! resolves every expected id.

use std::path::Path;

use citelint::{check_text, config, registry};

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/attribution")
}

#[derive(serde::Deserialize)]
struct Expected {
    starts: String,
    speaker: Option<String>,
    resolves_to: Option<String>,
    kind: String,
    pattern: String,
}

fn expected() -> Vec<Expected> {
    serde_saphyr::from_str(&std::fs::read_to_string(dir().join("expected.yml")).unwrap()).unwrap()
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_registry_is_valid_and_knows_every_expected_speaker() {
    let loaded = registry::load(&[dir().join("sources.yml")]).unwrap();
    assert!(
        !loaded.has_errors(),
        "{:?}",
        loaded
            .reports
            .iter()
            .flat_map(|r| &r.findings)
            .collect::<Vec<_>>()
    );
    for e in expected() {
        match e.resolves_to.as_deref() {
            None | Some("anonymous") => {}
            Some(id) => assert!(loaded.registry.get(id).is_some(), "{id} ({:?})", e.speaker),
        }
    }
    assert!(
        loaded.registry.resolve("Lucía Ortega").is_some()
            || loaded.registry.resolve("Ortega").is_some()
    );
}

#[test]
fn every_expected_quotation_is_found_in_order_with_no_quote_mark_finding() {
    let settings = config::load(None, &dir()).unwrap();
    let text = std::fs::read_to_string(dir().join("story.md")).unwrap();
    let result = check_text("story.md", text, &settings);
    assert!(result.findings.is_empty(), "{:?}", result.findings);
    let found: Vec<String> = result
        .analysis
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| normalize(&q.text))
        .collect();
    let expected = expected();
    assert!(expected.len() >= 60);
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
