//! What each fuzz target does with one input. Shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, nightly) and by `tests/fuzz_bodies.rs`, which runs every body
//! over the seed corpus (`fixtures/`) and over random input in the normal test suite, so the
//! bodies are exercised on a stable toolchain too.
//!
//! A body must never panic on any input; where it asserts, the assertion is a property of
//! citelint that a fuzzer should be able to break.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use citelint::config::Settings;

/// The default settings, made once.
fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        citelint::config::load(None, Path::new(".")).expect("the default settings load")
    })
}

/// A scratch file for inputs that are read from disk, one per thread.
fn scratch(name: &str, data: &[u8]) -> PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let folder = dir.path().join(thread);
    std::fs::create_dir_all(&folder).expect("a scratch folder");
    let path = folder.join(name);
    std::fs::write(&path, data).expect("a scratch file");
    path
}

/// The document checker: any bytes, as an article.
pub fn check_document(data: &[u8]) {
    let _ = citelint::check_bytes("fuzz.md", data.to_vec(), settings());
}

/// The registry loader: any bytes, as a registry file.
pub fn registry(data: &[u8]) {
    let path = scratch("registry.yml", data);
    let _ = citelint::registry::load(&[path]);
}

/// The configuration loader: any bytes, as `.citelint.yml`.
pub fn config(data: &[u8]) {
    let path = scratch(".citelint.yml", data);
    let _ = citelint::config::load(Some(&path), path.parent().unwrap_or(Path::new(".")));
}

/// Front matter: any text after a `---` fence, read as an article's front matter.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = format!("---\n{text}\n---\nBody.\n");
    let Some(fm) = citelint::document::front_matter::split(&text) else {
        return;
    };
    let keys = citelint::document::ReadOptions::default().prose_front_matter_keys;
    for block in citelint::document::front_matter::prose_fields(&text, &fm, &keys) {
        for (at, _) in block.text.char_indices() {
            let span = block.file_span(at..at);
            let _ = citelint::document::front_matter::scalar_style_at(&text, &fm, span.start);
        }
    }
    let _ = citelint::fix::front_matter_parses(&text);
}

/// `--fix`: the fixed text must check again without panicking, and front matter that parsed
/// before the fixes must parse after them.
pub fn fix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = settings();
    let mut file = citelint::check_text("fuzz.md", text.to_string(), settings);
    let report = citelint::fix::fix_result(&mut file, settings);
    let fixed = file.text.to_string();
    let _ = citelint::check_text("fuzz.md", fixed.clone(), settings);
    if citelint::fix::front_matter_parses(text).is_ok() {
        assert_eq!(
            citelint::fix::front_matter_parses(&fixed),
            Ok(()),
            "--fix broke the front matter of {text:?} ({report:?})"
        );
    }
}
