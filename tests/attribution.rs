//! The attribution fixture (fixtures/attribution/): a story with the expected speaker of
//! each of its quotations, and its registry. Checked: the story's quotation marks are
//! sound, its quotations are found in the order expected.yml lists them, its registry is
//! valid and resolves every expected id, and every quotation gets the expected speaker.

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

/// The expected speaker of every quotation, with the registry loaded: the registry id each
/// resolves to (or none), quotation by quotation.
#[test]
fn speakers_match_the_expected_ones() {
    let mut settings = config::load(None, &dir()).unwrap();
    settings.registry_paths = vec![dir().join("sources.yml")];
    settings.registry =
        std::sync::Arc::new(registry::load(&settings.registry_paths).unwrap().registry);
    let text = std::fs::read_to_string(dir().join("story.md")).unwrap();
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
    let expected = expected();
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
    eprintln!("{right} of {} speakers right", expected.len());
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(misses.is_empty(), "{} misses", misses.len());
}
