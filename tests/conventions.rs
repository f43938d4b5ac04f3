//! End-to-end tests of the command-line conventions (issue 18): output files written whatever
//! the registry says, `--force-exclude`, every setup error in one run, `--quiet`,
//! `--statistics`, completions, baselines, and closed pipes. The real binary, exact exit
//! statuses and output.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn stderr_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

const BROKEN: &str = "We will not raise the levy,” the treasurer said.\n";
const CLEAN: &str = "“We will not raise the levy,” the treasurer said.\n";
/// A registry with one unknown key (CR002 at 5:5).
const REGISTRY_WITH_A_TYPO: &str = "version: 1\npeople:\n  - id: x\n    name: X\n    alias: [Y]\n";

// ---- -o FILE -----------------------------------------------------------------------------

#[test]
fn the_output_file_is_written_when_the_registry_is_invalid() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "registry.yml", REGISTRY_WITH_A_TYPO);
    write(dir.path(), "story.md", CLEAN);
    let mut cmd = citelint(dir.path());
    cmd.args([
        "check",
        "--registry",
        "registry.yml",
        "--format",
        "sarif",
        "-o",
        "build/scan/citelint.sarif",
        "story.md",
    ]);
    let out = cmd.assert().code(2);
    assert_eq!(String::from_utf8_lossy(&out.get_output().stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "error: the registry has problems; fix them first (citelint registry check)\n"
    );
    let sarif: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("build/scan/citelint.sarif")).unwrap(),
    )
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "CR002");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
}

#[test]
fn output_folders_are_created() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "story.md", BROKEN);
    citelint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "-o",
            "a/b/out.txt",
            "story.md",
        ])
        .assert()
        .code(1)
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a/b/out.txt")).unwrap(),
        "story.md:1:28: error[CQ001] closing quotation mark `”` has no opening mark\n"
    );
}

#[test]
fn an_output_that_cannot_be_written_says_write_and_the_os_error_once() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "story.md", BROKEN);
    // A folder where the file should be.
    write(dir.path(), "out/keep", "");
    let stderr = stderr_of(
        citelint(dir.path()).args(["check", "-o", "out", "story.md"]),
        2,
    );
    assert_eq!(
        stderr,
        "citelint::io\n\n  × cannot write out: Is a directory (os error 21)\n\n"
    );
}

// ---- closed pipes ------------------------------------------------------------------------

#[cfg(unix)]
/// Runs citelint in `dir` with `args`, its stdout and/or stderr a pipe whose reading end is
/// already closed (as after `| head` has exited). Returns the exit status and what it
/// wrote to the stream left open.
fn with_closed(dir: &Path, args: &[&str], close_stdout: bool, close_stderr: bool) -> (i32, String) {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("citelint"));
    cmd.current_dir(dir).args(args).env("NO_COLOR", "1");
    let closed = || {
        let mut fds = [0; 2];
        // SAFETY: `pipe` fills `fds` with two new descriptors, each owned once below.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        let (reader, writer) = unsafe {
            use std::os::fd::FromRawFd;
            (
                std::os::fd::OwnedFd::from_raw_fd(fds[0]),
                std::os::fd::OwnedFd::from_raw_fd(fds[1]),
            )
        };
        drop(reader);
        std::process::Stdio::from(writer)
    };
    cmd.stdout(if close_stdout {
        closed()
    } else {
        std::process::Stdio::piped()
    });
    cmd.stderr(if close_stderr {
        closed()
    } else {
        std::process::Stdio::piped()
    });
    let out = cmd.output().unwrap();
    let open = if close_stdout { out.stderr } else { out.stdout };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&open).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_closed_stderr_does_not_panic() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "bad.yml", REGISTRY_WITH_A_TYPO);
    // `citelint registry check bad.yml 2>&1 | head`: both streams closed.
    assert_eq!(
        with_closed(dir.path(), &["registry", "check", "bad.yml"], true, true).0,
        2
    );
    let (code, stdout) = with_closed(
        dir.path(),
        &["registry", "check", "--format", "concise", "bad.yml"],
        false,
        true,
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "bad.yml:5:5: error[CR002] unknown key `alias`\n");
    // A setup error, printed by miette.
    assert_eq!(
        with_closed(dir.path(), &["check", "missing.md"], false, true),
        (2, String::new())
    );
}

#[cfg(unix)]
#[test]
fn a_closed_stdout_does_not_panic() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "story.md", BROKEN);
    assert_eq!(
        with_closed(dir.path(), &["rules"], true, false),
        (0, String::new())
    );
    // Findings still fail the run when nobody reads them.
    assert_eq!(
        with_closed(dir.path(), &["check", "story.md"], true, false),
        (1, String::new())
    );
    assert_eq!(
        with_closed(dir.path(), &["check", "story.md"], true, true).0,
        1
    );
}

// ---- --force-exclude ---------------------------------------------------------------------

#[test]
fn force_exclude_applies_exclude_to_files_named_on_the_command_line() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".citelint.yml", "exclude: [\"archive/**\"]\n");
    write(dir.path(), "archive/old.md", BROKEN);
    write(dir.path(), "news/new.md", BROKEN);
    let named = ["archive/old.md", "news/new.md"];
    // Named files are checked as given by default…
    let out = stdout_of(
        citelint(dir.path())
            .args(["check", "--format", "concise"])
            .args(named),
        1,
    );
    assert_eq!(
        out,
        "archive/old.md:1:28: error[CQ001] closing quotation mark `”` has no opening mark\n\
         news/new.md:1:28: error[CQ001] closing quotation mark `”` has no opening mark\n"
    );
    // …and with --force-exclude, the configuration's exclude wins, as the walk does.
    let out = stdout_of(
        citelint(dir.path())
            .args(["check", "--format", "concise", "--force-exclude"])
            .args(named),
        1,
    );
    assert_eq!(
        out,
        "news/new.md:1:28: error[CQ001] closing quotation mark `”` has no opening mark\n"
    );
    // Nothing left to check passes: a pre-commit run on excluded files only.
    citelint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--force-exclude",
            "archive/old.md",
        ])
        .assert()
        .code(0)
        .stdout("");
}

// ---- --quiet, --statistics, completions, rules --format json -------------------------------

/// Two CQ005 (fixable), one CQ001.
const MIXED: &str = "&#8220;Entity,&#8221; she said.\n\nLost opening,” he said.\n";

#[test]
fn quiet_prints_the_findings_and_nothing_else() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "story.md", BROKEN);
    write(dir.path(), "clean.md", CLEAN);
    write(
        dir.path(),
        "image.md",
        b"\x89PNG\r\n\x1a\n\x00\x00".as_slice(),
    );
    let out = citelint(dir.path())
        .args(["check", "--quiet", "--color", "never", "."])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("CQ001"), "{stdout}");
    assert!(!stdout.contains("errors"), "{stdout}");
    assert!(!stdout.contains("in 3 files"), "{stdout}");
    // Without --quiet: the summary line and the note about the binary file.
    let out = citelint(dir.path())
        .args(["check", "--color", "never", "."])
        .assert()
        .code(1)
        .stderr("note: skipped image.md: binary file (it contains NUL bytes)\n");
    let loud = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(
        loud,
        format!("{stdout}1 error, 0 warnings and 0 infos in 2 files (1 quotation)\n")
    );
    // A clean run says nothing at all.
    citelint(dir.path())
        .args(["check", "-q", "clean.md", "image.md"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn statistics_count_findings_by_rule() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", MIXED);
    write(dir.path(), "b.md", BROKEN);
    assert_eq!(
        stdout_of(citelint(dir.path()).args(["check", "--statistics"]), 1),
        "2  CQ001   unmatched-closing-quote\n2  CQ005   entity-encoded-quote [*]\n"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        citelint(dir.path()).args(["check", "--statistics", "--format", "json", "a.md"]),
        1,
    ))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"code": "CQ005", "name": "entity-encoded-quote", "count": 2, "fixable": true},
            {"code": "CQ001", "name": "unmatched-closing-quote", "count": 1, "fixable": false},
        ])
    );
    let stderr = stderr_of(
        citelint(dir.path()).args(["check", "--statistics", "--format", "sarif"]),
        2,
    );
    assert!(
        stderr.contains("--statistics prints a table or JSON"),
        "{stderr}"
    );
}

#[test]
fn completions_for_each_shell() {
    let dir = TempDir::new().unwrap();
    let bash = stdout_of(citelint(dir.path()).args(["completions", "bash"]), 0);
    assert!(bash.contains("_citelint()"), "{}", &bash[..200]);
    assert!(bash.contains("--force-exclude"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(citelint(dir.path()).args(["completions", shell]), 0);
        assert!(script.contains("statistics"), "{shell}");
    }
    citelint(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn rules_as_json_with_fix_availability() {
    let dir = TempDir::new().unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        citelint(dir.path()).args(["rules", "--format", "json"]),
        0,
    ))
    .unwrap();
    let rules = json.as_array().unwrap();
    // One entry per rule file in rules/ (each rule's documentation is one file there).
    let rule_files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().ends_with(".yml")
        })
        .count();
    assert_eq!(rules.len(), rule_files);
    assert_eq!(
        rules[4],
        serde_json::json!({
            "code": "CQ005",
            "name": "entity-encoded-quote",
            "severity": "warning",
            // A safe fix, except where a bare mark would change what front matter's YAML
            // means (the first character of a plain value): a suggestion there.
            "fix": "sometimes",
            "fixable": true,
            "summary": "A quotation mark or apostrophe written as an HTML entity.",
        })
    );
    let fixable: Vec<&str> = rules
        .iter()
        .filter(|r| r["fixable"] == true)
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(fixable, ["CQ003", "CQ004", "CQ005"]);
    let text = stdout_of(citelint(dir.path()).arg("rules"), 0);
    assert!(
        text.contains("CQ005   entity-encoded-quote       warning  sometimes  A quotation mark"),
        "{text}"
    );
}

// ---- baselines -----------------------------------------------------------------------------

#[test]
fn a_baseline_hides_recorded_findings_even_after_lines_move() {
    let dir = TempDir::new().unwrap();
    let old =
        "“We will fix it,” said Ana Ruiz.\n\nLost opening,” he said.\n\n&#8220;Entity&#8221; x.\n";
    write(dir.path(), "news/old.md", old);
    write(dir.path(), "news/other.md", BROKEN);
    // Adopting: every finding recorded, none reported, the run passes.
    let out = citelint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--write-baseline",
            "ci/baseline.json",
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr("wrote baseline ci/baseline.json: 4 findings\n");
    drop(out);
    let recorded: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("ci/baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(
        recorded["findings"][0],
        serde_json::json!({"rule": "CQ001", "path": "news/old.md", "context": "Lost opening,” he said."})
    );
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 3);
    // Lines move and a new defect arrives: only the new one is reported.
    write(
        dir.path(),
        "news/old.md",
        format!("# A new headline\n\nAn intro paragraph.\n\n{old}\nA new lost one,” she said.\n"),
    );
    citelint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--baseline",
            "ci/baseline.json",
        ])
        .assert()
        .code(1)
        .stdout("news/old.md:11:16: error[CQ001] closing quotation mark `”` has no opening mark\n")
        .stderr("note: 4 findings hidden by the baseline\n");
    // Fixing a recorded finding just leaves its record unused.
    write(dir.path(), "news/other.md", CLEAN);
    citelint(dir.path())
        .args([
            "check",
            "-q",
            "--format",
            "concise",
            "--baseline",
            "ci/baseline.json",
            "news/other.md",
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn a_baseline_that_is_not_one_is_refused() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "story.md", BROKEN);
    write(
        dir.path(),
        "baseline.json",
        "{\"version\": 9, \"findings\": []}",
    );
    let stderr = stderr_of(
        citelint(dir.path()).args(["check", "--baseline", "baseline.json", "story.md"]),
        2,
    );
    assert!(
        stderr.contains("baseline.json is a baseline of version 9; this citelint reads version 1"),
        "{stderr}"
    );
    citelint(dir.path())
        .args(["check", "--baseline", "nothing.json", "story.md"])
        .assert()
        .code(2);
}

// ---- strict front matter -------------------------------------------------------------------

#[test]
fn unknown_keys_in_the_front_matter_citelint_block_are_errors() {
    let dir = TempDir::new().unwrap();
    let article = "---\ntitle: x\nauthor_notes: kept for the site\ncitelint:\n  ignroe: [CQ001]\n---\n\nLost opening,” he said.\n";
    write(dir.path(), "story.md", article);
    let out = stdout_of(
        citelint(dir.path()).args(["check", "--format", "json", "story.md"]),
        1,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = &json["files"][0]["findings"];
    assert_eq!(findings[0]["code"], "CS002");
    assert_eq!(
        findings[0]["message"],
        "unknown key `ignroe` in the front matter's `citelint:` block"
    );
    assert_eq!(findings[0]["help"], "did you mean `ignore`?");
    assert_eq!(
        findings[0]["start"],
        serde_json::json!({"line": 5, "column": 3})
    );
    assert_eq!(
        findings[1]["code"], "CQ001",
        "the misspelt ignore hides nothing"
    );
    // A well-formed block still works.
    write(
        dir.path(),
        "c.md",
        "---\ntitle: x\ncitelint:\n  ignore: [CQ001]\n---\n\nLost opening,” he said.\n",
    );
    citelint(dir.path())
        .args(["check", "c.md"])
        .assert()
        .code(0);
}

// ---- every setup problem in one run --------------------------------------------------------

/// What `check` prints to stderr (exit status 2) under the configuration `config`.
fn config_problems(config: &str) -> String {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".citelint.yml", config);
    write(dir.path(), "a.md", CLEAN);
    stderr_of(citelint(dir.path()).args(["check", "a.md"]), 2)
}

#[test]
fn every_unknown_key_of_the_configuration_in_one_run() {
    let stderr = config_problems(
        "langauge: en\nreport:\n  titel: Ledger\n  output: out.html\nfetch:\n  per_hots: 2\n  timeout: 5s\n",
    );
    assert!(stderr.contains("× 3 problems in "), "{stderr}");
    for (key, line, meant) in [
        ("langauge", ":1:1]", "language"),
        ("titel", ":3:3]", "title"),
        ("per_hots", ":6:3]", "per_host"),
    ] {
        assert!(stderr.contains(&format!("unknown key `{key}`")), "{stderr}");
        assert!(stderr.contains(line), "{line}: {stderr}");
        assert!(
            stderr.contains(&format!("did you mean `{meant}`?")),
            "{stderr}"
        );
    }
}

/// Invalid values too, not only unknown keys: each is left out and the file read again. A
/// mapping left empty by that (`rules:` whose only rule was wrong) is no further problem.
#[test]
fn every_invalid_value_of_the_configuration_in_one_run() {
    let stderr = config_problems(
        "rules:\n  CA001: loud\nlimts:\n  max_file_mb: 3\nlimits:\n  max_file_mb: many\nstyle:\n  quotes: curvy\n",
    );
    assert!(stderr.contains("× 4 problems in "), "{stderr}");
    for (what, line) in [
        ("`loud` is not a valid value", ":2:10]"),
        ("unknown key `limts`", ":3:1]"),
        ("invalid u64", ":6:16]"),
        ("`curvy` is not a valid value", ":8:11]"),
    ] {
        assert!(stderr.contains(what), "{what}: {stderr}");
        assert!(stderr.contains(line), "{line}: {stderr}");
    }
}

#[test]
fn the_values_checked_after_reading_are_reported_with_the_rest_in_one_run() {
    let stderr = config_problems(
        "language: xx\nrules:\n  CQ01: error\nverify:\n  threshold: 1.5\nfetch:\n  timeout: soon\n  per_host: 0\nlimits:\n  file_time_budget: later\nexclude: [\"[z-a]\"]\nreprot: {}\n",
    );
    assert!(stderr.contains("× 8 problems in "), "{stderr}");
    let mut last = 0;
    for (what, place) in [
        ("unsupported language `xx`", ":1:11]"),
        ("unknown rule `CQ01` in `rules`", ":3:9]"),
        (
            "`verify.threshold` must be between 0 and 1, not 1.5",
            ":5:14]",
        ),
        ("`fetch.timeout` is not a duration", ":7:12]"),
        ("`fetch.per_host` must be at least 1", ":8:13]"),
        ("`limits.file_time_budget` is not a duration", ":10:21]"),
        ("unknown key `reprot`", ":12:1]"),
        ("invalid exclude glob `[z-a]`", ""),
    ] {
        let at = stderr
            .find(what)
            .unwrap_or_else(|| panic!("{what}: {stderr}"));
        assert!(at > last, "{what} is out of the file's order: {stderr}");
        last = at;
        assert!(stderr.contains(place), "{place}: {stderr}");
    }
}

#[test]
fn every_registry_problem_in_one_run() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "sources.yml",
        "version: 1\npeople:\n  - id: ana\n    name: Ana Ruiz\n    alias: [Ruiz]\n    roles:\n      - title: Mayor\n        from: 2024-13-01\nsources:\n  - id: s\n    kind: post\n    by: [anna]\n    titel: x\n",
    );
    let out = stdout_of(
        citelint(dir.path()).args(["registry", "check", "--format", "concise", "sources.yml"]),
        2,
    );
    assert_eq!(
        out,
        "sources.yml:5:5: error[CR002] unknown key `alias`\n\
         sources.yml:8:15: error[CR003] `2024-13-01` is not a date\n\
         sources.yml:12:10: error[CR005] `by` names `anna`, which no entry has\n\
         sources.yml:13:5: error[CR002] unknown key `titel`\n"
    );
}
