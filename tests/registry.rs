//! The source registry: one test per error class (exit status 2, line and column, message),
//! a valid registry, and front-matter ids checked against it.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

const GOOD: &str = "version: 1
people:
  - id: lucia-ortega
    name: Lucía Ortega
    aliases: [Ortega, Sen. Ortega]
    roles:
      - title: Senator
        from: 2019-01-03
organizations:
  - id: farm-bureau
    name: Kestrel Plains Farm Bureau
sources:
  - id: ortega-statement
    kind: statement
    by: [lucia-ortega]
    file: statements/ortega.txt
    quotes:
      - text: We will not give up the river.
anonymous:
  - match: a senior administration official
    reason: known to the editor
";

/// `registry check --format concise` on one registry file: (exit status, stdout).
fn registry_check(content: &str) -> (i32, String) {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "statements/ortega.txt",
        "We will not give up the river.",
    );
    write(dir.path(), "sources.yml", content);
    let out = citelint(dir.path())
        .args(["registry", "check", "--format", "concise", "sources.yml"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn a_valid_registry_passes() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "statements/ortega.txt", "x");
    write(dir.path(), "sources.yml", GOOD);
    citelint(dir.path())
        .args(["registry", "check", "sources.yml"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("registry ok: 3 entries"));
}

#[test]
fn cr008_an_unknown_kind_warns_with_the_closest_and_the_run_goes_on() {
    let (code, out) = registry_check("version: 1\nsources:\n  - id: s\n    kind: tweet\n");
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "sources.yml:4:11: warning[CR008] `tweet` is not a source kind\n"
    );
    // `check` goes on: the warning on standard error, the article checked.
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "r.yml",
        "version: 1\nsources:\n  - id: s\n    kind: speach\n",
    );
    write(dir.path(), "a.md", "Plain text.\n");
    citelint(dir.path())
        .args(["check", "--registry", "r.yml", "a.md"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("did you mean `speech`?"));
}

#[test]
fn newsroom_source_kinds_and_language_are_accepted() {
    let mut yaml = String::from("version: 1\nsources:\n");
    for (i, kind) in [
        "speech",
        "press-conference",
        "briefing",
        "press-release",
        "post",
        "video",
        "podcast",
        "testimony",
        "court-filing",
        "other",
    ]
    .iter()
    .enumerate()
    {
        yaml.push_str(&format!(
            "  - id: s{i}\n    kind: {kind}\n    language: es\n"
        ));
    }
    assert_eq!(registry_check(&yaml), (0, String::new()));
}

#[test]
fn cr001_invalid_yaml() {
    let (code, out) = registry_check("version: 1\npeople:\n  - id: [x\n");
    assert_eq!(code, 2);
    assert!(out.starts_with("sources.yml:3:9: error[CR001] "), "{out}");
}

#[test]
fn cr002_unknown_key_with_suggestion() {
    let (code, out) =
        registry_check("version: 1\npeople:\n  - id: x\n    name: X\n    alias: [Y]\n");
    assert_eq!(code, 2);
    assert_eq!(out, "sources.yml:5:5: error[CR002] unknown key `alias`\n");
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "r.yml",
        "version: 1\npeople:\n  - id: x\n    name: X\n    alias: [Y]\n",
    );
    citelint(dir.path())
        .args(["registry", "check", "r.yml"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("did you mean `aliases`?"));
}

#[test]
fn cr003_wrong_type_bad_date_bad_version() {
    let (code, out) = registry_check("version: 1\npeople:\n  - id: x\n    name: [X]\n");
    assert_eq!(code, 2);
    assert!(out.starts_with("sources.yml:4:11: error[CR003] "), "{out}");
    let (_, out) =
        registry_check("version: 1\nsources:\n  - id: s\n    kind: post\n    date: 2024-13-01\n");
    assert_eq!(
        out,
        "sources.yml:5:11: error[CR003] `2024-13-01` is not a date\n"
    );
    let (_, out) = registry_check("version: 2\n");
    assert_eq!(
        out,
        "sources.yml:1:10: error[CR003] registry schema version 2 is not supported\n"
    );
    let (_, out) = registry_check("people: []\n");
    assert!(
        out.starts_with("sources.yml:1:1: error[CR003] ") && out.contains("version"),
        "{out}"
    );
}

#[test]
fn cr004_duplicate_id() {
    let (code, out) = registry_check("version: 1\npeople:\n  - id: ortega\n    name: Lucía Ortega\norganizations:\n  - id: ortega\n    name: Ortega Farms\n");
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "sources.yml:6:9: error[CR004] the id `ortega` is already used by another entry\n"
    );
}

#[test]
fn cr005_unknown_reference_with_suggestion() {
    let registry = GOOD.replace("by: [lucia-ortega]", "by: [lucia-ortga]");
    let (code, out) = registry_check(&registry);
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "sources.yml:15:10: error[CR005] `by` names `lucia-ortga`, which no entry has\n"
    );
}

#[test]
fn cr006_alias_claimed_twice() {
    let (code, out) = registry_check(
        "version: 1\npeople:\n  - id: lucia-ortega\n    name: Lucía Ortega\n    aliases: [Ortega]\n  - id: rafael-ortega\n    name: Rafael Ortega\n    aliases: [ORTEGA]\n",
    );
    assert_eq!(code, 2);
    assert_eq!(
        out,
        "sources.yml:8:15: error[CR006] `ORTEGA` names both `lucia-ortega` and `rafael-ortega`\n"
    );
}

#[test]
fn cr007_missing_file() {
    let registry = GOOD.replace("statements/ortega.txt", "statements/missing.txt");
    let (code, out) = registry_check(&registry);
    assert_eq!(code, 2);
    assert!(
        out.starts_with("sources.yml:16:11: error[CR007] the local copy"),
        "{out}"
    );
}

#[test]
fn check_stops_on_registry_errors_and_checks_front_matter_ids() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "registry/statements/ortega.txt",
        "Fine. We will see.",
    );
    write(dir.path(), "registry/sources.yml", GOOD);
    write(dir.path(), ".citelint.yml", "registry: [registry]\n");
    write(
        dir.path(),
        "story.md",
        "---\ntitle: A story\ncitelint:\n  sources: [ortega-statement, ortega-statment]\n---\n“Fine,” Ortega said.\n",
    );
    citelint(dir.path())
        .args(["check", "--format", "concise", "story.md"])
        .assert()
        .code(2)
        .stdout("story.md:4:31: error[CR005] `citelint.sources` names `ortega-statment`, which is not in the registry\n");
    // A broken registry ends the run before any article is read.
    write(
        dir.path(),
        "registry/more.yml",
        "version: 1\npeople:\n  - id: x\n    nam: X\n",
    );
    citelint(dir.path())
        .args(["check", "--format", "concise", "story.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "registry/more.yml:4:5: error[CR002] unknown key `nam`",
        ))
        .stdout(predicate::str::contains("story.md").not());
    // --registry replaces the configured registry.
    write(dir.path(), "other.yml", "version: 1\nsources:\n  - id: ortega-statement\n    kind: post\n  - id: ortega-statment\n    kind: post\n");
    citelint(dir.path())
        .args(["check", "--registry", "other.yml", "story.md"])
        .assert()
        .code(0);
}

#[test]
fn suggest_writes_a_skeleton_whose_unconfirmed_wording_is_no_evidence() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a.md",
        "“We will not give up the river,” said Sen. Lucía Ortega.\n\n\
         “The money is there,” Ortega added.\n\n“We were never consulted,” said a shop owner.\n",
    );
    citelint(dir.path())
        .args(["registry", "suggest", "--no-config", "a.md", "-o", "r.yml"])
        .assert()
        .code(0);
    let skeleton = std::fs::read_to_string(dir.path().join("r.yml")).unwrap();
    assert!(
        skeleton.contains(
            "people:\n  - id: lucia-ortega\n    name: \"Lucía Ortega\"\n    aliases: [\"Sen. Lucía Ortega\", \"Ortega\"]\n"
        ),
        "{skeleton}"
    );
    assert!(
        skeleton.contains("      - text: \"The money is there,\"\n        confirmed: false\n"),
        "{skeleton}"
    );
    assert!(!skeleton.contains("shop owner"), "{skeleton}");
    // The skeleton is a valid registry, and its candidate wording verifies nothing: the
    // very words quoted are `no-source`, not `verified`.
    let out = citelint(dir.path())
        .args([
            "check",
            "--no-config",
            "--registry",
            "r.yml",
            "a.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let verdicts: Vec<&str> = json["files"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["no-source", "no-source", "no-source"]);
    // Confirmed by an editor, the same wording verifies.
    std::fs::write(
        dir.path().join("r.yml"),
        skeleton.replace("confirmed: false", "confirmed: true"),
    )
    .unwrap();
    let out = citelint(dir.path())
        .args([
            "check",
            "--no-config",
            "--registry",
            "r.yml",
            "a.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["quotes"][0]["verdict"], "verified");
}
