//! The fuzz targets' bodies (`fuzz/bodies.rs`) on a stable toolchain: over every file in
//! `fixtures/` and the kept regressions (`fuzz/regressions/TARGET/`), and over random input.
//! cargo-fuzz itself needs nightly (see fuzz/README.md).

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::path::{Path, PathBuf};

use proptest::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every file under `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The seeds of `target`: the fixtures and its regressions.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut files = files_under(&Path::new(ROOT).join("fixtures"));
    files.extend(files_under(
        &Path::new(ROOT).join("fuzz/regressions").join(target),
    ));
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn every_body_runs_over_its_seed_corpus() {
    type Body = fn(&[u8]);
    let bodies: [(&str, Body); 5] = [
        ("check_document", bodies::check_document),
        ("registry", bodies::registry),
        ("config", bodies::config),
        ("front_matter", bodies::front_matter),
        ("fix", bodies::fix),
    ];
    for (target, body) in bodies {
        let seeds = seeds(target);
        assert!(seeds.len() > 80, "{target}: only {} seeds", seeds.len());
        for seed in &seeds {
            body(seed);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bodies_survive_random_bytes(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        bodies::check_document(&data);
        bodies::registry(&data);
        bodies::config(&data);
        bodies::front_matter(&data);
        bodies::fix(&data);
    }
}

/// A front-matter value written in one of YAML's scalar styles, with entities for quote
/// marks among its words.
fn front_matter_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("&quot;"),
        Just("&#39;"),
        Just("&#34;"),
        Just("&apos;"),
        Just("&ldquo;"),
        Just("&rdquo;"),
        Just("&#8220;"),
        Just("&rsquo;"),
        Just("word"),
        Just("said"),
        Just(" "),
        Just(", "),
        Just("."),
    ];
    let words = proptest::collection::vec(piece, 1..12).prop_map(|p| p.concat());
    (words, 0..4u8).prop_map(|(words, style)| {
        let words = words.trim().to_string();
        match style {
            0 => format!("\"{words}\""),
            1 => format!("'{words}'"),
            2 => format!("|\n  {words}"),
            _ => format!("x {words}"),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `--fix` on front matter with entities: the output parses as YAML, and a second
    /// `--fix` changes nothing.
    #[test]
    fn fix_keeps_front_matter_yaml_and_is_idempotent(
        title in front_matter_value(),
        summary in front_matter_value(),
    ) {
        let text = format!("---\ntitle: {title}\nsummary: {summary}\n---\nBody “text”.\n");
        prop_assume!(citelint::fix::front_matter_parses(&text).is_ok());
        let settings = citelint::config::load(None, Path::new(".")).unwrap();
        let mut file = citelint::check_text("a.md", text.clone(), &settings);
        citelint::fix::fix_result(&mut file, &settings);
        let once = file.text.to_string();
        prop_assert_eq!(citelint::fix::front_matter_parses(&once), Ok(()), "{}", once);
        let again = citelint::fix::fix_result(&mut file, &settings);
        prop_assert_eq!(again.fixed, 0, "{}", once);
        prop_assert_eq!(file.text.as_str(), once.as_str());
    }
}
