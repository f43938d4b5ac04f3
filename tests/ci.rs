//! The editorial-workflow features, end to end: the GitHub, SARIF and JUnit formats,
//! `--changed-since`, `--shard` and `citelint init`.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA");
    cmd
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// The same small archive for every format: a path with a comma, a colon and a percent sign,
/// an orphan closing mark, a reversed mark, an entity and a clean file.
fn archive() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "news/budget, 100%: final.md",
        "We will not raise the levy,” the treasurer said.\n\nShe said, ”No.”\n",
    );
    write(dir.path(), "news/clean.md", "“All fine,” the clerk said.\n");
    write(
        dir.path(),
        "news/wp.md",
        "&#8220;Imported,&#8221; the editor said.\n",
    );
    dir
}

fn run(dir: &Path, format: &str) -> String {
    let out = citelint(dir)
        .args(["check", "--format", format, "news"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn human_concise_and_json_on_the_same_archive() {
    let dir = archive();
    let human = citelint(dir.path())
        .args(["check", "--color", "never", "news"])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    insta::assert_snapshot!("archive_human", String::from_utf8_lossy(&human.stdout));
    insta::assert_snapshot!("archive_concise", run(dir.path(), "concise"));
    let json: serde_json::Value = serde_json::from_str(&run(dir.path(), "json")).unwrap();
    insta::assert_json_snapshot!("archive_json", json["files"][0]["findings"]);
}

#[test]
fn github_format() {
    let dir = archive();
    insta::assert_snapshot!("github", run(dir.path(), "github"));
}

#[test]
fn github_step_summary() {
    let dir = archive();
    let summary = dir.path().join("summary.md");
    citelint(dir.path())
        .args(["check", "--format", "github", "news"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "newsroom/site")
        .env("GITHUB_SHA", "abc123")
        .assert()
        .code(1);
    insta::assert_snapshot!(
        "github_step_summary",
        std::fs::read_to_string(summary).unwrap()
    );
}

#[test]
fn sarif_format_deserializes_and_lists_every_rule() {
    let dir = archive();
    let text = run(dir.path(), "sarif");
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("SARIF deserializes");
    let run = &sarif.runs[0];
    let rules = run.tool.driver.rules.as_ref().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), citelint::rules::Rule::ALL.len());
    let results = run.results.as_ref().unwrap();
    assert_eq!(results.len(), 4);
    for r in results {
        let id = r.rule_id.as_deref().unwrap();
        let index = r.rule_index.unwrap() as usize;
        assert_eq!(ids[index], id, "ruleIndex points at the rule");
        assert!(r
            .partial_fingerprints
            .as_ref()
            .unwrap()
            .contains_key("citelint/v1"));
    }
    // Fingerprints are stable across runs.
    assert_eq!(text, run_again(dir.path()));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    insta::assert_json_snapshot!("sarif_results", value["runs"][0]["results"]);
    assert_eq!(value["runs"][0]["columnKind"], "unicodeCodePoints");
}

fn run_again(dir: &Path) -> String {
    run(dir, "sarif")
}

#[test]
fn junit_format() {
    let dir = archive();
    insta::assert_snapshot!("junit", run(dir.path(), "junit"));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn changed_since_reports_only_new_findings() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    let before = "Old lost opening,” the mayor said.\n\nA quiet line.\n\nAnother quiet line.\n";
    write(root, "story.md", before);
    write(root, "untouched.md", "Broken here too,” he said.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    // Two changed lines: one harmless, one breaking a new quotation.
    let after =
        "Old lost opening,” the mayor said.\n\nA quiet line, edited.\n\nShe said, ”Now broken.”\n";
    write(root, "story.md", after);
    let out = citelint(root)
        .args(["check", "--format", "concise", "--changed-since", "HEAD"])
        .assert()
        .code(1);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "story.md:5:11: error[CQ003] closing mark `”` used to open a quotation\n"
    );
    // Without the option, the old findings are there too.
    citelint(root)
        .args(["check", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("untouched.md:1:17"))
        .stdout(predicate::str::contains("story.md:1:18"));
    // A new, untracked file counts as changed throughout.
    write(root, "new.md", "Fresh,” she said.\n");
    citelint(root)
        .args(["check", "--format", "concise", "--changed-since", "HEAD"])
        .assert()
        .stdout(predicate::str::contains("new.md:1:7"));
}

#[test]
fn changed_since_errors() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", "x\n");
    citelint(dir.path())
        .args(["check", "--changed-since", "HEAD"])
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a git repository"));
    git(dir.path(), &["init", "-q"]);
    citelint(dir.path())
        .args(["check", "--changed-since", "no-such-ref"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`no-such-ref` is not a commit in this repository",
        ));
}

#[test]
fn shards_cover_every_file_exactly_once() {
    let dir = TempDir::new().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("archive/{i:02}/story-{i}.md"),
            "“Fine,” she said.\n",
        );
    }
    let files_of = |shard: &str| -> Vec<String> {
        let out = citelint(dir.path())
            .args(["check", "--format", "json", "--shard", shard, "archive"])
            .output()
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    let mut all: Vec<String> = ["1/3", "2/3", "3/3"]
        .iter()
        .flat_map(|s| files_of(s))
        .collect();
    let sizes: Vec<usize> = ["1/3", "2/3", "3/3"]
        .iter()
        .map(|s| files_of(s).len())
        .collect();
    assert!(
        sizes.iter().all(|&n| n > 0),
        "every shard gets files: {sizes:?}"
    );
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!(before, all.len(), "no file in two shards");
    assert_eq!(all.len(), 40, "every file in a shard");
    citelint(dir.path())
        .args(["check", "--shard", "4/3"])
        .assert()
        .code(2);
    citelint(dir.path())
        .args(["check", "--shard", "x"])
        .assert()
        .code(2);
}

#[test]
fn init_writes_config_and_workflow_once() {
    let dir = TempDir::new().unwrap();
    citelint(dir.path()).arg("init").assert().code(0);
    assert!(dir.path().join(".citelint.yml").is_file());
    let workflow =
        std::fs::read_to_string(dir.path().join(".github/workflows/citelint.yml")).unwrap();
    assert!(workflow.contains("uses: citelint/citelint@main"));
    // The configuration it wrote is the one the next run reads.
    write(dir.path(), "a.md", "“Fine,” she said.\n");
    citelint(dir.path())
        .args(["check", "a.md"])
        .assert()
        .code(0);
    citelint(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    citelint(dir.path())
        .args(["init", "--force", "--action", "acme/citelint@v1"])
        .assert()
        .code(0);
    let workflow =
        std::fs::read_to_string(dir.path().join(".github/workflows/citelint.yml")).unwrap();
    assert!(workflow.contains("uses: acme/citelint@v1"));
}
