//! The GitHub Action's scripts (action/install.sh, action/run.sh), run as the runner runs
//! them: with GitHub's environment variables, a `GITHUB_OUTPUT` file, a release served from
//! a folder (`CITELINT_RELEASES_URL=file://…`) and git repositories shaped like a push and a
//! pull request checkout.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const TARGET: &str = "x86_64-unknown-linux-musl";

/// A runner: its temp folder, its output file, and the variables every step gets.
struct Runner {
    dir: TempDir,
}

impl Runner {
    fn new() -> Runner {
        let runner = Runner {
            dir: TempDir::new().unwrap(),
        };
        std::fs::create_dir_all(runner.temp()).unwrap();
        runner
    }

    fn temp(&self) -> PathBuf {
        self.dir.path().join("runner-temp")
    }

    fn output_file(&self) -> PathBuf {
        self.dir.path().join("github-output")
    }

    /// A step's script with GitHub's variables (and none of the caller's GITHUB_*).
    fn step(
        &self,
        script: &str,
        cwd: &Path,
        env: &[(&str, &str)],
    ) -> (Output, BTreeMap<String, String>) {
        let _ = std::fs::remove_file(self.output_file());
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("action").join(script)).current_dir(cwd);
        for (key, _) in std::env::vars() {
            if key.starts_with("GITHUB_")
                || key.starts_with("CITELINT_")
                || key.starts_with("RUNNER_")
            {
                cmd.env_remove(key);
            }
        }
        cmd.env("GITHUB_ACTION_PATH", root())
            .env("GITHUB_OUTPUT", self.output_file())
            .env("GITHUB_SERVER_URL", "https://github.com")
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", self.temp())
            .env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let outputs = std::fs::read_to_string(self.output_file())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        (out, outputs)
    }
}

fn sha256_hex(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

/// A release `tag` laid out as GitHub serves it, holding this build of citelint; returns the
/// releases' base URL.
fn release(dir: &Path, tag: &str) -> String {
    let base = dir.join("releases");
    let folder = base.join(tag);
    let stage = dir.join("stage").join(format!("citelint-{TARGET}"));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_citelint"), stage.join("citelint")).unwrap();
    let archive = folder.join(format!("citelint-{TARGET}.tar.gz"));
    let status = Command::new("tar")
        .arg("-C")
        .arg(dir.join("stage"))
        .arg("-czf")
        .arg(&archive)
        .arg(format!("citelint-{TARGET}"))
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::write(
        folder.join(format!("citelint-{TARGET}.tar.gz.sha256")),
        format!("{}  citelint-{TARGET}.tar.gz\n", sha256_hex(&archive)),
    )
    .unwrap();
    format!("file://{}", base.display())
}

#[test]
fn a_release_tag_downloads_the_binary_and_checks_its_sum() {
    let runner = Runner::new();
    let url = release(runner.dir.path(), "v9.9.9");
    let bin = runner.temp().join("citelint-bin/bin/citelint");
    // Used at the tag itself, or asked for a version from any ref.
    for env in [
        vec![
            ("ACTION_REF", "v9.9.9"),
            ("CITELINT_RELEASES_URL", url.as_str()),
        ],
        vec![
            ("ACTION_REF", "main"),
            ("CITELINT_VERSION", "9.9.9"),
            ("CITELINT_RELEASES_URL", url.as_str()),
        ],
    ] {
        let _ = std::fs::remove_file(&bin);
        let (out, outputs) = runner.step("install.sh", runner.dir.path(), &env);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(outputs["mode"], "download");
        assert_eq!(outputs["version"], "v9.9.9");
        assert_eq!(outputs["bin"], bin.display().to_string());
        assert_eq!(outputs["key"], "");
        let version = Command::new(&bin).arg("--version").output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&version.stdout),
            format!("citelint {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn a_download_with_the_wrong_sum_is_refused() {
    let runner = Runner::new();
    let url = release(runner.dir.path(), "v9.9.9");
    let sums = runner
        .dir
        .path()
        .join(format!("releases/v9.9.9/citelint-{TARGET}.tar.gz.sha256"));
    std::fs::write(
        &sums,
        format!("{}  citelint-{TARGET}.tar.gz\n", "0".repeat(64)),
    )
    .unwrap();
    let (out, outputs) = runner.step(
        "install.sh",
        runner.dir.path(),
        &[("ACTION_REF", "v9.9.9"), ("CITELINT_RELEASES_URL", &url)],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!(
            "::error title=citelint::checksum mismatch for citelint-{TARGET}.tar.gz: the release says {}",
            "0".repeat(64)
        )),
        "{stdout}"
    );
    assert!(outputs.is_empty());
    assert!(!runner.temp().join("citelint-bin/bin/citelint").exists());
    // A missing release is an error too, not a silent build.
    let (out, _) = runner.step(
        "install.sh",
        runner.dir.path(),
        &[
            ("CITELINT_VERSION", "v1.0.0"),
            ("CITELINT_RELEASES_URL", &url),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("could not download"));
}

/// A copy of the files the build key covers, to edit.
fn action_sources(dir: &Path) -> PathBuf {
    let action = dir.join("action-copy");
    for (name, text) in [
        ("Cargo.lock", "lock"),
        ("Cargo.toml", "[package]"),
        ("src/main.rs", "fn main() {}"),
        ("rules/CQ001.yml", "code: CQ001"),
    ] {
        let path = action.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    action
}

#[test]
fn an_untagged_ref_builds_with_a_key_from_the_sources() {
    let runner = Runner::new();
    let action = action_sources(runner.dir.path());
    let key = |extra: &[(&str, &str)]| {
        let mut env = vec![("GITHUB_ACTION_PATH", action.to_str().unwrap())];
        env.extend_from_slice(extra);
        let (out, outputs) = runner.step("install.sh", runner.dir.path(), &env);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(outputs["mode"], "build");
        assert_eq!(
            outputs["bin"],
            runner
                .temp()
                .join("citelint-bin/bin/citelint")
                .display()
                .to_string()
        );
        outputs["key"].clone()
    };
    let first = key(&[("ACTION_REF", "main")]);
    assert!(first.starts_with("citelint-build-Linux-X64-"), "{first}");
    assert_eq!(first.len(), "citelint-build-Linux-X64-".len() + 32);
    // A commit, a major-version tag and a local `uses: ./` have no release of their own.
    assert_eq!(key(&[("ACTION_REF", "0123abcd")]), first);
    assert_eq!(key(&[("ACTION_REF", "v1")]), first);
    assert_eq!(key(&[]), first);
    // Any change to the sources or the rules makes another key.
    std::fs::write(action.join("src/main.rs"), "fn main() { }").unwrap();
    let second = key(&[("ACTION_REF", "main")]);
    assert_ne!(second, first);
    std::fs::write(action.join("rules/CQ002.yml"), "code: CQ002").unwrap();
    assert_ne!(key(&[("ACTION_REF", "main")]), second);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
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

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// A newsroom repository: `main` with an old defect, and a pull request adding one more,
/// checked out as GitHub checks out a pull request: the merge commit.
fn newsroom(dir: &Path) -> PathBuf {
    let repo = dir.join("site");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    write(&repo, "news/old.md", "Old and broken,” he said.\n");
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "archive"]);
    git(&repo, &["checkout", "-q", "-b", "pr"]);
    write(
        &repo,
        "news/new.md",
        "“Fine,” she said.\n\nNew and broken,” she said.\n",
    );
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "new story"]);
    git(&repo, &["checkout", "-q", "main"]);
    write(&repo, "news/other.md", "“Also fine,” he said.\n");
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "meanwhile on main"]);
    git(&repo, &["checkout", "-q", "--detach"]);
    git(
        &repo,
        &["merge", "-q", "--no-ff", "-m", "Merge pr into main", "pr"],
    );
    repo
}

fn sarif_uris(path: &Path) -> Vec<String> {
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn run_env<'a>(sarif: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = vec![
        ("CITELINT_BIN", env!("CARGO_BIN_EXE_citelint")),
        ("CITELINT_PATHS", "news"),
        ("CITELINT_FORMAT", "concise"),
        ("CITELINT_FAIL_ON", "error"),
        ("CITELINT_SARIF", sarif),
    ];
    env.extend_from_slice(extra);
    env
}

#[test]
fn a_push_reports_and_uploads_everything() {
    let runner = Runner::new();
    let repo = newsroom(runner.dir.path());
    let (out, outputs) = runner.step("run.sh", &repo, &run_env("citelint.sarif", &[]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "news/new.md:3:16: error[CQ001] closing quotation mark `”` has no opening mark\n\
         news/old.md:1:16: error[CQ001] closing quotation mark `”` has no opening mark\n"
    );
    let expected: BTreeMap<String, String> = [
        ("exit-code", "1"),
        ("errors", "2"),
        ("warnings", "0"),
        ("infos", "0"),
        ("files", "3"),
        ("sarif", "citelint.sarif"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(outputs, expected);
    assert_eq!(
        sarif_uris(&repo.join("citelint.sarif")),
        ["news/new.md", "news/old.md"]
    );
}

#[test]
fn a_pull_request_reports_and_uploads_its_own_lines() {
    let runner = Runner::new();
    let repo = newsroom(runner.dir.path());
    let (out, outputs) = runner.step(
        "run.sh",
        &repo,
        &run_env(
            "citelint.sarif",
            &[("GITHUB_BASE_REF", "main"), ("CITELINT_FAIL_ON", "never")],
        ),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "news/new.md:3:16: error[CQ001] closing quotation mark `”` has no opening mark\n"
    );
    assert_eq!(outputs["exit-code"], "0");
    assert_eq!(outputs["errors"], "1");
    assert_eq!(outputs["files"], "1");
    assert_eq!(sarif_uris(&repo.join("citelint.sarif")), ["news/new.md"]);
    // "none" checks everything on a pull request too; the SARIF stays the pull request's.
    let (out, outputs) = runner.step(
        "run.sh",
        &repo,
        &run_env(
            "citelint.sarif",
            &[
                ("GITHUB_BASE_REF", "main"),
                ("CITELINT_CHANGED_SINCE", "none"),
            ],
        ),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(outputs["errors"], "2");
    assert_eq!(sarif_uris(&repo.join("citelint.sarif")), ["news/new.md"]);
}

/// A stand-in for citelint that records its arguments, to see what the inputs become.
fn recording_bin(dir: &Path) -> (PathBuf, PathBuf) {
    let log = dir.join("calls.log");
    let bin = dir.join("fake-citelint");
    std::fs::write(
        &bin,
        format!(
            "#!/usr/bin/env bash\necho \"$*\" >>'{}'\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = --output ]; then printf '{{\\n  \"summary\": {{\\n    \"files\": 0\\n  }}\\n}}\\n' >\"$2\"; fi\n  shift\ndone\n",
            log.display()
        ),
    )
    .unwrap();
    let status = Command::new("chmod").arg("+x").arg(&bin).status().unwrap();
    assert!(status.success());
    (bin, log)
}

#[test]
fn the_inputs_become_these_arguments() {
    let runner = Runner::new();
    let (bin, log) = recording_bin(runner.dir.path());
    let bin = bin.to_str().unwrap();
    let (out, outputs) = runner.step(
        "run.sh",
        runner.dir.path(),
        &[
            ("CITELINT_BIN", bin),
            ("CITELINT_PATHS", "news features"),
            ("CITELINT_CONFIG", "ci/citelint.yml"),
            ("CITELINT_FORCE_EXCLUDE", "true"),
            ("CITELINT_FAIL_ON", "warning"),
            ("CITELINT_CHANGED_SINCE", "origin/main"),
            ("CITELINT_ARGS", "--select CQ001"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(outputs["exit-code"], "0");
    assert_eq!(outputs["sarif"], "");
    let summary = runner.temp().join("citelint-summary.json");
    assert_eq!(
        std::fs::read_to_string(log).unwrap(),
        format!(
            "check --config ci/citelint.yml --force-exclude --changed-since origin/main --format json --output {} --exit-zero --select CQ001 -- news features\n\
             check --config ci/citelint.yml --force-exclude --changed-since origin/main --format github --deny-warnings --select CQ001 -- news features\n",
            summary.display()
        )
    );
    for (input, value) in [
        ("CITELINT_FAIL_ON", "sometimes"),
        ("CITELINT_FORCE_EXCLUDE", "yes"),
    ] {
        let (out, _) = runner.step(
            "run.sh",
            runner.dir.path(),
            &[("CITELINT_BIN", bin), (input, value)],
        );
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("::error title=citelint::"));
    }
}

#[test]
fn a_run_that_cannot_start_still_sets_the_outputs() {
    let runner = Runner::new();
    let repo = newsroom(runner.dir.path());
    write(&repo, ".citelint.yml", "langauge: en\n");
    let (out, outputs) = runner.step("run.sh", &repo, &run_env("citelint.sarif", &[]));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(outputs["exit-code"], "2");
    assert_eq!(outputs["errors"], "0");
    assert_eq!(outputs["sarif"], "");
}
