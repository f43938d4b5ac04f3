//! End-to-end tests: the real binary, real files, exact exit statuses and output.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100");
    cmd
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("valid JSON")
}

const BROKEN: &str = "We will not raise the levy,” the treasurer said.\n";
const CLEAN: &str = "“We will not raise the levy,” the treasurer said.\n";

#[test]
fn exit_statuses_mean_one_thing_each() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "clean.md", CLEAN);
    write(dir.path(), "broken.md", BROKEN);
    write(dir.path(), "warn.md", "\"We will not,” he said.\n");
    citelint(dir.path())
        .args(["check", "clean.md"])
        .assert()
        .code(0);
    citelint(dir.path())
        .args(["check", "broken.md"])
        .assert()
        .code(1);
    citelint(dir.path())
        .args(["check", "--exit-zero", "broken.md"])
        .assert()
        .code(0);
    // A warning does not fail the run unless asked to.
    citelint(dir.path())
        .args(["check", "warn.md"])
        .assert()
        .code(0);
    citelint(dir.path())
        .args(["check", "--deny-warnings", "warn.md"])
        .assert()
        .code(1);
    citelint(dir.path())
        .args(["check", "missing.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.md"));
    citelint(dir.path())
        .args(["check", "--select", "CQ999", "clean.md"])
        .assert()
        .code(2);
    citelint(dir.path())
        .args(["check", "--bogus"])
        .assert()
        .code(2);
}

#[test]
fn json_output_follows_schema_version_1() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "story.md",
        "# Title\n\nThe mayor said, “We will not raise the levy.” Then: done,” she said.\n",
    );
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "story.md"])
        .assert()
        .code(1);
    let value = json(&out.get_output().stdout);
    insta::assert_json_snapshot!("json_story", value);
    let file = &value["files"][0];
    assert_eq!(
        file["quotes"][0]["span"],
        serde_json::json!({"start": 25, "end": 58})
    );
    assert_eq!(file["findings"][0]["code"], "CQ001");
    assert_eq!(
        file["findings"][0]["start"],
        serde_json::json!({"line": 3, "column": 58})
    );
    // The report's rebuilt quotation starts exactly where CQ001 suggests the lost mark.
    assert_eq!(file["findings"][0]["fix"]["edits"][0]["start"], 59);
    assert_eq!(file["broken"][0]["span"]["start"], 59);
}

#[test]
fn human_and_concise_output() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "story.md",
        format!("Intro.\n\n{BROKEN}\nSaid, ”Reversed.”\n"),
    );
    let out = citelint(dir.path())
        .args(["check", "--color", "never", "story.md"])
        .assert()
        .code(1);
    insta::assert_snapshot!(
        "human_story",
        String::from_utf8_lossy(&out.get_output().stdout)
    );
    let out = citelint(dir.path())
        .args(["check", "--format", "concise", "story.md"])
        .assert()
        .code(1);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "story.md:3:28: error[CQ001] closing quotation mark `”` has no opening mark\n\
         story.md:5:7: error[CQ003] closing mark `”` used to open a quotation\n"
    );
}

#[test]
fn stdin_with_a_filename() {
    let dir = TempDir::new().unwrap();
    citelint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "news/story.md",
            "-",
        ])
        .write_stdin(BROKEN)
        .assert()
        .code(1)
        .stdout(
            "news/story.md:1:28: error[CQ001] closing quotation mark `”` has no opening mark\n",
        );
}

#[test]
fn invalid_utf8_is_a_finding_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "a-latin1.md",
        b"Caf\xe9 \x93quoted\x94\n".as_slice(),
    );
    write(dir.path(), "b.md", BROKEN);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "."])
        .assert()
        .code(1);
    let value = json(&out.get_output().stdout);
    let files = value["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "a-latin1.md");
    let finding = &files[0]["findings"][0];
    assert_eq!(finding["code"], "CF001");
    assert_eq!(finding["span"], serde_json::json!({"start": 3, "end": 3}));
    assert_eq!(
        finding["start"],
        serde_json::json!({"line": 1, "column": 4})
    );
    assert!(finding["message"]
        .as_str()
        .unwrap()
        .contains("byte 0xE9 at offset 3"));
    assert_eq!(files[1]["findings"][0]["code"], "CQ001");
}

#[test]
fn empty_crlf_and_bom_files() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "empty.md", "");
    citelint(dir.path())
        .args(["check", "empty.md"])
        .assert()
        .code(0);

    let crlf = "First line.\r\n\r\nWe will not,” she said.\r\n";
    write(dir.path(), "crlf.md", crlf);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "crlf.md"])
        .assert()
        .code(1);
    let f = &json(&out.get_output().stdout)["files"][0]["findings"][0];
    let start = crlf.find('”').unwrap();
    assert_eq!(
        f["span"],
        serde_json::json!({"start": start, "end": start + 3})
    );
    assert_eq!(f["start"], serde_json::json!({"line": 3, "column": 13}));

    let bom = "\u{FEFF}---\r\ntitle: x\r\n---\r\nWe will not,” she said.\r\n";
    write(dir.path(), "bom.md", bom);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "bom.md"])
        .assert()
        .code(1);
    let f = &json(&out.get_output().stdout)["files"][0]["findings"][0];
    let start = bom.find('”').unwrap();
    assert_eq!(
        f["span"],
        serde_json::json!({"start": start, "end": start + 3})
    );
    assert_eq!(f["start"], serde_json::json!({"line": 4, "column": 13}));
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "image.md",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".as_slice(),
    );
    citelint(dir.path())
        .args(["check", "image.md"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "note: skipped image.md: binary file",
        ));
}

#[test]
fn a_directory_without_markdown_warns_and_passes() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "docs/notes.txt", BROKEN);
    citelint(dir.path())
        .args(["check", "docs"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: no Markdown files found in docs",
        ));
}

#[test]
fn walking_honours_gitignore_and_globs() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".gitignore", "drafts/\n");
    write(dir.path(), "drafts/a.md", BROKEN);
    write(dir.path(), "news/b.md", BROKEN);
    write(dir.path(), "news/c.markdown", BROKEN);
    write(dir.path(), "news/d.txt", BROKEN);
    write(dir.path(), "archive/e.md", BROKEN);
    write(dir.path(), ".citelint.yml", "exclude: [\"archive/**\"]\n");
    let out = citelint(dir.path())
        .args(["check", "--format", "json"])
        .assert()
        .code(1);
    let value = json(&out.get_output().stdout);
    let paths: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["news/b.md", "news/c.markdown"]);
}

#[test]
fn config_errors_point_into_the_file() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".citelint.yml", "language: en\nlangauge: fr\n");
    write(dir.path(), "a.md", CLEAN);
    citelint(dir.path())
        .args(["check", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown key `langauge`"))
        .stderr(predicate::str::contains(".citelint.yml:2:1"))
        .stderr(predicate::str::contains("did you mean `language`?"));
    // --no-config ignores it.
    citelint(dir.path())
        .args(["check", "--no-config", "a.md"])
        .assert()
        .code(0);
}

#[test]
fn rules_and_explain() {
    let dir = TempDir::new().unwrap();
    citelint(dir.path())
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "CQ001   unmatched-closing-quote    error",
        ));
    citelint(dir.path())
        .args(["explain", "unclosed-quote"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# CQ002 unclosed-quote"))
        .stdout(predicate::str::contains("## What it flags"))
        .stdout(predicate::str::contains("## How to fix"));
    citelint(dir.path())
        .args(["explain", "CQ01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `CQ001`?"));
}

#[test]
fn fix_applies_safe_fixes_only() {
    let dir = TempDir::new().unwrap();
    let before =
        "&#8220;Entity,&#8221; she said.\n\nHe said, ”Reversed.”\n\nLost opening,” he said.\n";
    write(dir.path(), "story.md", before);
    citelint(dir.path())
        .args(["check", "--fix", "--format", "concise", "story.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fixed 3 findings"))
        .stdout("story.md:5:14: error[CQ001] closing quotation mark `”` has no opening mark\n");
    let after = std::fs::read_to_string(dir.path().join("story.md")).unwrap();
    assert_eq!(
        after,
        "“Entity,” she said.\n\nHe said, “Reversed.”\n\nLost opening,” he said.\n"
    );
}

#[test]
fn select_and_ignore() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "story.md",
        format!("{BROKEN}\n&#8220;Entity&#8221; x.\n"),
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let out = citelint(dir.path())
            .args(["check", "--format", "json"])
            .args(args)
            .arg("story.md")
            .output()
            .unwrap();
        json(&out.stdout)["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes(&[]), vec!["CQ001", "CQ005", "CQ005"]);
    assert_eq!(codes(&["--select", "CQ005"]), vec!["CQ005", "CQ005"]);
    assert_eq!(codes(&["--ignore", "entity-encoded-quote"]), vec!["CQ001"]);
}

#[test]
fn output_file() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "story.md", BROKEN);
    citelint(dir.path())
        .args([
            "check", "--format", "json", "--output", "out.json", "story.md",
        ])
        .assert()
        .code(1)
        .stdout("");
    let value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(value["summary"]["errors"], 1);
}

#[test]
fn a_paragraph_on_one_very_long_line_is_shown_as_a_window() {
    let dir = TempDir::new().unwrap();
    let line = "The plan is a costly detour” for the east bank. ".repeat(300);
    write(dir.path(), "long.md", &line);
    // A debug build on a loaded machine must not reach the time budget (CF003): this test is
    // about the window, not the speed (benches/pipeline.rs measures that).
    write(
        dir.path(),
        ".citelint.yml",
        "limits:\n  file_time_budget: 10m\n",
    );
    let out = citelint(dir.path())
        .args(["check", "--color", "never", "long.md"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let head: String = stdout.chars().take(500).collect();
    // Each snippet is a window of the line around its mark, never the whole line.
    assert!(stdout.contains("╭─[long.md:1:28]"), "{}", head);
    assert!(
        stdout.contains(" 1 │ The plan is a costly detour” for the east bank. The plan is"),
        "{}",
        head
    );
    assert!(stdout.lines().all(|l| l.chars().count() <= 100));
    assert!(stdout.ends_with("300 errors, 0 warnings and 0 infos in 1 file (0 quotations)\n"));
}

#[test]
fn restore_marks_writes_the_copy_with_the_suggested_opening_marks() {
    let dir = TempDir::new().unwrap();
    let stripped = "# Council keeps the levy\n\n\
        We will not raise the levy this year,” the treasurer said. The council agreed.\n\n\
        The mayor, Ana Ruiz, said: The bridge will open in May.” She left early.\n\n\
        No change,” he said.\n";
    write(dir.path(), "story.md", stripped);
    citelint(dir.path())
        .args(["check", "--restore-marks", "restored.md", "story.md"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(
            "@@ line 3 @@\n\
             -We will not raise the levy this year,” the treasurer said. The council agreed.\n\
             +“We will not raise the levy this year,” the treasurer said. The council agreed.\n \
             ^ 100% sure\n\
             @@ line 5 @@\n\
             -The mayor, Ana Ruiz, said: The bridge will open in May.” She left early.\n\
             +The mayor, Ana Ruiz, said: “The bridge will open in May.” She left early.\n                            \
             ^ 80% sure\n\
             @@ line 7 @@\n\
             -No change,” he said.\n\
             +“No change,” he said.\n \
             ^ 100% sure\n\
             restored 3 opening marks in restored.md: each is a guess, check it against the source\n",
        );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("restored.md")).unwrap(),
        "# Council keeps the levy\n\n\
         “We will not raise the levy this year,” the treasurer said. The council agreed.\n\n\
         The mayor, Ana Ruiz, said: “The bridge will open in May.” She left early.\n\n\
         “No change,” he said.\n"
    );
    // The original is never touched.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("story.md")).unwrap(),
        stripped
    );
}

#[test]
fn restore_marks_takes_one_file_and_no_fix() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", BROKEN);
    write(dir.path(), "b.md", BROKEN);
    citelint(dir.path())
        .args(["check", "--restore-marks", "out.md", "a.md", "b.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--restore-marks takes exactly one file to check",
        ));
    citelint(dir.path())
        .args(["check", "--restore-marks", "out.md", "--fix", "a.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with '--fix'"));
    assert!(!dir.path().join("out.md").exists());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        BROKEN
    );
}
