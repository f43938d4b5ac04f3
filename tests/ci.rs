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

/// Run from a folder inside a repository, SARIF paths are still the repository's:
/// relative to `%SRCROOT%`, which `originalUriBaseIds` sets to the root.
#[test]
fn sarif_paths_are_relative_to_the_repository_root() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().canonicalize().unwrap();
    git(&root, &["init", "-q"]);
    write(&root, "news/story.md", "Lost,” she said.\n");
    let out = citelint(&root.join("news"))
        .args(["check", "--format", "sarif", "story.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &value["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/", root.display())
    );
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        location,
        &serde_json::json!({ "uri": "news/story.md", "uriBaseId": "%SRCROOT%" })
    );
    assert_eq!(
        run["tool"]["driver"]["informationUri"],
        "https://github.com/citelint/citelint"
    );
    assert_eq!(
        run["tool"]["driver"]["rules"][0]["helpUri"],
        format!(
            "https://github.com/citelint/citelint/blob/v{}/rules/CQ001-unmatched-closing-quote.yml",
            env!("CARGO_PKG_VERSION")
        )
    );
}

fn run_again(dir: &Path) -> String {
    run(dir, "sarif")
}

#[test]
fn junit_format() {
    let dir = archive();
    let xml = run(dir.path(), "junit");
    assert_eq!(jenkins_schema_violations(&xml), Vec::<String>::new());
    insta::assert_snapshot!("junit", xml);
}

/// An element's name, its allowed attributes, its required ones, and its children in order.
type ElementRule = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

/// Per element of Jenkins' JUnit schema (jenkins-junit.xsd, the one JUnit 5 validates its
/// reports with): the attributes it allows, those it requires, and its children in the order
/// the schema's sequence puts them.
const JENKINS_JUNIT: &[ElementRule] = &[
    (
        "testsuites",
        &["name", "time", "tests", "failures", "disabled", "errors"],
        &[],
        &["testsuite"],
    ),
    (
        "testsuite",
        &[
            "name",
            "tests",
            "failures",
            "errors",
            "time",
            "disabled",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
        ],
        &["name", "tests"],
        &["properties", "testcase", "system-out", "system-err"],
    ),
    (
        "testcase",
        &["name", "assertions", "time", "classname", "status"],
        &["name"],
        &["skipped", "error", "failure", "system-out", "system-err"],
    ),
    ("failure", &["type", "message"], &[], &[]),
    ("error", &["type", "message"], &[], &[]),
    ("properties", &[], &[], &["property"]),
    ("property", &["name", "value"], &["name", "value"], &[]),
    ("skipped", &[], &[], &[]),
    ("system-out", &[], &[], &[]),
    ("system-err", &[], &[], &[]),
];

/// What in `xml` Jenkins' JUnit schema rejects: unknown elements or attributes, missing
/// required attributes, children out of order or out of place, and a root other than
/// `<testsuites>`.
fn jenkins_schema_violations(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let rule = |name: &str| JENKINS_JUNIT.iter().find(|r| r.0 == name);
    let mut problems = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    // The open elements, each with the position in its children's order reached so far.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut roots = 0;
    loop {
        let (element, closes) = match reader.read_event() {
            Ok(Event::Start(e)) => (e.into_owned(), false),
            Ok(Event::Empty(e)) => (e.into_owned(), true),
            Ok(Event::End(_)) => {
                open.pop();
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(e) => {
                problems.push(format!("not XML: {e}"));
                break;
            }
        };
        let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
        let Some((_, allowed, required, _)) = rule(&name) else {
            problems.push(format!("unknown element <{name}>"));
            continue;
        };
        let attributes: Vec<String> = element
            .attributes()
            .map(|a| String::from_utf8_lossy(a.unwrap().key.as_ref()).into_owned())
            .collect();
        for a in &attributes {
            if !allowed.contains(&a.as_str()) {
                problems.push(format!("<{name}> may not have `{a}`"));
            }
        }
        for r in *required {
            if !attributes.iter().any(|a| a == r) {
                problems.push(format!("<{name}> lacks `{r}`"));
            }
        }
        match open.last_mut() {
            None => {
                roots += 1;
                if name != "testsuites" {
                    problems.push(format!("the root is <{name}>, not <testsuites>"));
                }
            }
            Some((parent, reached)) => {
                let order = rule(parent).map_or(&[][..], |r| r.3);
                match order.iter().position(|c| *c == name) {
                    None => problems.push(format!("<{name}> inside <{parent}>")),
                    Some(i) if i < *reached => {
                        problems.push(format!("<{name}> after a later child of <{parent}>"))
                    }
                    Some(i) => *reached = i,
                }
            }
        }
        if !closes {
            open.push((name, 0));
        }
    }
    if roots != 1 {
        problems.push(format!("{roots} root elements"));
    }
    problems
}

#[test]
fn the_jenkins_schema_check_catches_what_jenkins_rejects() {
    assert_eq!(
        jenkins_schema_violations(
            "<testsuites skipped=\"0\"><testsuite name=\"a\"><system-out/><testcase/></testsuite></testsuites>"
        ),
        [
            "<testsuites> may not have `skipped`",
            "<testsuite> lacks `tests`",
            "<testcase> lacks `name`",
            "<testcase> after a later child of <testsuite>",
        ]
    );
}

#[test]
fn rdjson_format() {
    let dir = archive();
    let value: serde_json::Value = serde_json::from_str(&run(dir.path(), "rdjson")).unwrap();
    insta::assert_json_snapshot!("rdjson", value);
    // Columns count UTF-8 bytes, as rdjson defines them: `“` and `é` take 3 and 2.
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "news/a.md",
        "“Café,” she said. Then,” he said.\n",
    );
    let value: serde_json::Value = serde_json::from_str(&run(dir.path(), "rdjson")).unwrap();
    assert_eq!(
        value["diagnostics"][0]["location"]["range"],
        serde_json::json!({ "start": { "line": 1, "column": 29 }, "end": { "line": 1, "column": 32 } })
    );
    // Nothing found: still one valid document.
    let out = citelint(dir.path())
        .args(["check", "--format", "rdjson", "--select", "CQ005", "news"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["diagnostics"], serde_json::json!([]));
}

#[test]
fn gitlab_format() {
    let dir = archive();
    let text = run(dir.path(), "gitlab");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    insta::assert_json_snapshot!("gitlab", value);
    // GitLab needs these on every issue, and tells issues apart by fingerprint.
    let issues = value.as_array().unwrap();
    assert_eq!(issues.len(), 4);
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| {
            for key in ["description", "check_name", "severity"] {
                assert!(i[key].is_string(), "{key} in {i}");
            }
            assert!(i["location"]["path"].is_string());
            assert!(i["location"]["positions"]["begin"]["line"].is_u64());
            i["fingerprint"].as_str().unwrap()
        })
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 4);
    // Nothing found: an empty array.
    let out = citelint(dir.path())
        .args(["check", "--format", "gitlab", "news/clean.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[]\n");
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

/// A branch behind `main` is blamed only for its own lines: `--changed-since main` compares
/// with the merge base (`main...HEAD`), not with `main`'s tip.
#[test]
fn changed_since_compares_with_the_merge_base() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(
        root,
        "story.md",
        "Broken from the start,” he said.\n\nA quiet line.\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["checkout", "-q", "-b", "feature"]);
    write(
        root,
        "feature.md",
        "“Fine,” she said.\n\nNew and broken,” she said.\n",
    );
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "feature"]);
    // main moves on and rewrites the first line; the branch still has the old one.
    git(root, &["checkout", "-q", "main"]);
    write(
        root,
        "story.md",
        "Rewritten on main,” he said.\n\nA quiet line.\n",
    );
    git(root, &["commit", "-q", "-am", "main edits"]);
    git(root, &["checkout", "-q", "feature"]);
    let out = citelint(root)
        .args(["check", "--format", "concise", "--changed-since", "main"])
        .assert()
        .code(1);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "feature.md:3:16: error[CQ001] closing quotation mark `”` has no opening mark\n"
    );
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
    let release = format!("citelint/citelint@v{}", env!("CARGO_PKG_VERSION"));
    let out = citelint(dir.path()).arg("init").assert().code(0);
    // It says which action it wrote, and how to choose another.
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        format!(
            "wrote ./.citelint.yml\nwrote ./.github/workflows/citelint.yml\n\
             the workflow uses `{release}`; pass --action OWNER/REPO@REF for another \
             (a release tag downloads a checked binary, a branch builds from source)\n"
        )
    );
    assert!(dir.path().join(".citelint.yml").is_file());
    let workflow =
        std::fs::read_to_string(dir.path().join(".github/workflows/citelint.yml")).unwrap();
    assert!(workflow.contains(&format!("uses: {release}\n")));
    // Outside a repository the default branch is `main`.
    assert!(workflow.contains("  push:\n    branches: [main]\n"));
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
    // In a repository, pushes to its branch get the full analysis.
    git(dir.path(), &["init", "-q", "-b", "trunk"]);
    citelint(dir.path())
        .args(["init", "--force", "--action", "acme/citelint@v1"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "the workflow uses `acme/citelint@v1`",
        ));
    let workflow =
        std::fs::read_to_string(dir.path().join(".github/workflows/citelint.yml")).unwrap();
    assert!(workflow.contains("uses: acme/citelint@v1\n"));
    assert!(workflow.contains("  push:\n    branches: [trunk]\n"));
}

/// Every licence Cargo.toml names is in the repository, with its text.
#[test]
fn the_licences_cargo_toml_names_are_in_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let licence = env!("CARGO_PKG_LICENSE");
    assert_eq!(licence, "MIT OR Apache-2.0");
    for (name, file, heading) in [
        ("MIT", "LICENSE-MIT", "MIT License"),
        ("Apache-2.0", "LICENSE-APACHE", "Apache License"),
    ] {
        assert!(licence.split(" OR ").any(|l| l == name));
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(text.trim_start().starts_with(heading), "{file}");
    }
}

/// `rules --format json` lists every rule, and what it says about fixes is what the rules'
/// findings on every fixture carry.
#[test]
fn rules_json_says_which_rules_fix() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = citelint(root)
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), citelint::rules::Rule::ALL.len());
    assert_eq!(
        rules[0],
        serde_json::json!({
            "code": "CQ001",
            "name": "unmatched-closing-quote",
            "severity": "error",
            "summary": "A closing quotation mark with no opening mark before it.",
            "fixable": false,
            "fix": "suggestion",
        })
    );
    let fix_of = |code: &str| {
        let rule = rules.iter().find(|r| r["code"] == code).unwrap();
        rule["fix"].as_str().unwrap().to_string()
    };
    let fixable: Vec<&str> = rules
        .iter()
        .filter(|r| r["fixable"] == true)
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(fixable, ["CQ003", "CQ004", "CQ005"]);
    let out = citelint(root)
        .args(["check", "--format", "json", "--exit-zero", "fixtures"])
        .output()
        .unwrap();
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for file in run["files"].as_array().unwrap() {
        for f in file["findings"].as_array().unwrap() {
            let code = f["code"].as_str().unwrap();
            let carried = f["fix"]["applicability"].as_str().unwrap_or("none");
            let declared = fix_of(code);
            let allowed: &[&str] = match declared.as_str() {
                "always" => &["safe"],
                // Where no place for the mark is likely, a finding carries no fix at all.
                "sometimes" => &["safe", "suggestion", "none"],
                "suggestion" => &["suggestion", "none"],
                _ => &["none"],
            };
            assert!(
                allowed.contains(&carried),
                "{code} declares {declared} but carries {carried} in {}",
                file["path"]
            );
            seen.insert((code.to_string(), carried.to_string()));
        }
    }
    // The fixtures exercise both kinds of the rules that have both.
    for code in ["CQ003", "CQ004"] {
        assert!(
            seen.contains(&(code.to_string(), "safe".to_string())),
            "{code}"
        );
    }
}
