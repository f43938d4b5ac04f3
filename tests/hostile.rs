//! Hostile input (issue 17): files that would hang, corrupt or leak must not. The real
//! binary, real files, exact exit statuses.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .timeout(std::time::Duration::from_secs(60));
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

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
}

const CLEAN: &str = "“We will not raise the levy,” the treasurer said.\n";

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_refused_at_once() {
    let dir = TempDir::new().unwrap();
    mkfifo(&dir.path().join("pipe.md"));
    citelint(dir.path())
        .args(["check", "pipe.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pipe.md is a FIFO (named pipe), not a regular file",
        ));
    citelint(dir.path())
        .args(["registry", "check", "pipe.md"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("not a regular file"));
}

#[cfg(unix)]
#[test]
fn a_fifo_found_in_a_folder_is_skipped_with_a_note() {
    let dir = TempDir::new().unwrap();
    mkfifo(&dir.path().join("news/pipe.md").tap_parent());
    write(dir.path(), "news/story.md", CLEAN);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "news"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "skipped news/pipe.md: a FIFO (named pipe), not a regular file",
        ));
    let v = json(&out.get_output().stdout);
    assert_eq!(v["summary"]["files"], 1);
}

/// Creates the parent folder of a path, for paths made before their file.
trait TapParent {
    fn tap_parent(self) -> Self;
}

impl TapParent for std::path::PathBuf {
    fn tap_parent(self) -> Self {
        std::fs::create_dir_all(self.parent().unwrap()).unwrap();
        self
    }
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_is_refused_not_read() {
    let dir = TempDir::new().unwrap();
    citelint(dir.path())
        .args(["check", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero is a device, not a regular file",
        ));
    citelint(dir.path())
        .args(["check", "--registry", "/dev/zero", "."])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "it is a device, not a regular file",
        ));
}

#[test]
fn a_file_over_the_size_cap_is_reported_not_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".citelint.yml", "limits:\n  max_file_mb: 1\n");
    write(dir.path(), "big.md", "word ".repeat(300_000));
    write(dir.path(), "story.md", CLEAN);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "big.md", "story.md"])
        .assert()
        .code(1);
    let v = json(&out.get_output().stdout);
    assert_eq!(v["files"][0]["path"], "big.md");
    assert_eq!(v["files"][0]["findings"][0]["code"], "CF002");
    assert_eq!(
        v["files"][0]["findings"][0]["message"],
        "cannot read the file: it is larger than the 1 MB limit"
    );
    assert_eq!(v["summary"]["files"], 2);
}

const PEOPLE: &str = "version: 1\npeople:\n  - id: lucia-ortega\n    name: Lucía Ortega\n";

#[cfg(unix)]
#[test]
fn registry_folder_links_neither_loop_nor_duplicate() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "reg/people.yml", PEOPLE);
    for link in ["a", "b", "self"] {
        std::os::unix::fs::symlink(".", dir.path().join("reg").join(link)).unwrap();
    }
    citelint(dir.path())
        .args(["registry", "check", "reg"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("registry ok: 1 entries (1 people"));
}

const SECRET: &str = "do-not-print-this-secret";

fn source_registry(file: &str) -> String {
    format!(
        "version: 1\nsources:\n  - id: leak\n    kind: statement\n    file: {file}\n    quotes:\n      - text: We will not raise the levy.\n"
    )
}

#[test]
fn a_registry_source_outside_its_folder_is_cr009_and_never_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "secret.txt", SECRET);
    for file in ["../secret.txt", "../../secret.txt", "/etc/passwd"] {
        write(dir.path(), "reg/sources.yml", source_registry(file));
        let out = citelint(dir.path())
            .args(["registry", "check", "--format", "json", "reg/sources.yml"])
            .assert()
            .code(2);
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            !stdout.contains(SECRET) && !stdout.contains("root:"),
            "{stdout}"
        );
        let v = json(out.get_output().stdout.as_slice());
        let finding = &v["files"][0]["findings"][0];
        assert_eq!(finding["code"], "CR009", "{file}: {v}");
        assert_eq!(
            finding["message"],
            format!("source file `{file}` is outside the allowed folders")
        );
    }
    // A folder listed in `registry.source_roots` is allowed.
    write(
        dir.path(),
        "reg/sources.yml",
        source_registry("../secret.txt"),
    );
    write(
        dir.path(),
        ".citelint.yml",
        "registry:\n  files: [reg/]\n  source_roots: [.]\n",
    );
    citelint(dir.path())
        .args(["registry", "check"])
        .assert()
        .code(0);
}

#[cfg(unix)]
#[test]
fn a_link_from_the_registry_folder_to_outside_is_cr009() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "secret.txt", SECRET);
    write(dir.path(), "reg/sources.yml", source_registry("copy.txt"));
    std::os::unix::fs::symlink("../secret.txt", dir.path().join("reg/copy.txt")).unwrap();
    citelint(dir.path())
        .args(["registry", "check", "reg"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("CR009").and(predicate::str::contains(SECRET).not()));
}

#[test]
fn a_directory_as_a_local_copy_says_so() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("reg/copies")).unwrap();
    write(dir.path(), "reg/sources.yml", source_registry("copies"));
    citelint(dir.path())
        .args(["registry", "check", "reg"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "the local copy `reg/copies` is a directory, not a file",
        ));
}

#[test]
fn yaml_library_internals_stay_out_of_messages() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "reg/people.yml",
        "version: 1\nversion: 1\npeople: []\n",
    );
    let out = citelint(dir.path())
        .args(["registry", "check", "reg"])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("the key `version` appears twice in the same mapping"),
        "{stdout}"
    );
    assert!(!stdout.contains("DuplicateKeyPolicy"), "{stdout}");
}

#[test]
fn a_registry_larger_than_the_parsers_default_budget_loads() {
    // 30,000 people is more than the 250,000 YAML nodes the parser allows by default.
    let mut yaml = String::from("version: 1\npeople:\n");
    for i in 0..30_000 {
        yaml.push_str(&format!(
            "  - id: person-{i}\n    name: Person Number{i}\n    aliases: [P{i}]\n"
        ));
    }
    let dir = TempDir::new().unwrap();
    write(dir.path(), "people.yml", yaml);
    let loaded = citelint::registry::load(&[dir.path().join("people.yml")]).unwrap();
    assert!(!loaded.has_errors(), "{:?}", loaded.reports[0].findings);
    assert_eq!(loaded.registry.entries.len(), 30_000);
}

#[test]
fn a_file_over_its_time_budget_is_cf003_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        ".citelint.yml",
        "limits:\n  file_time_budget: 500ms\n",
    );
    // One paragraph of quotations with no sentence end: seconds of attribution work.
    write(dir.path(), "slow.md", "“x” ".repeat(6_000));
    write(dir.path(), "story.md", CLEAN);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "slow.md", "story.md"])
        .assert()
        .code(1);
    let v = json(&out.get_output().stdout);
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["code"], "CF003");
    let message = findings[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("checking this file took ")
            && message.ends_with(" s, more than its 500ms budget; it was not checked"),
        "{message}"
    );
    // The run went on: the other file was checked.
    assert_eq!(v["files"][1]["path"], "story.md");
    assert_eq!(v["files"][1]["quotes"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn fix_keeps_front_matter_valid_yaml() {
    let dir = TempDir::new().unwrap();
    let article = "---\ntitle: \"He said &quot;hi&quot;\"\nsummary: 'It&#39;s &#8220;done&#8221;'\ndek: He said &quot;no&quot;\n---\nBody.\n";
    write(dir.path(), "story.md", article);
    citelint(dir.path())
        .args(["check", "--fix", "story.md"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("fixed 7 findings"));
    let fixed = std::fs::read_to_string(dir.path().join("story.md")).unwrap();
    assert_eq!(
        fixed,
        "---\ntitle: \"He said \\\"hi\\\"\"\nsummary: 'It''s “done”'\ndek: He said \"no\"\n---\nBody.\n"
    );
    assert_eq!(citelint::fix::front_matter_parses(&fixed), Ok(()));
}

#[test]
fn long_quotation_text_is_capped_in_json() {
    let dir = TempDir::new().unwrap();
    let words = "levy ".repeat(1_000);
    write(dir.path(), "story.md", format!("“{words}” she said.\n"));
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "story.md"])
        .assert();
    let v = json(&out.get_output().stdout);
    let quote = &v["files"][0]["quotes"][0];
    assert_eq!(quote["text_truncated"], true);
    assert_eq!(quote["text"].as_str().unwrap().len(), 2048);
    write(dir.path(), "short.md", CLEAN);
    let out = citelint(dir.path())
        .args(["check", "--format", "json", "short.md"])
        .assert();
    let v = json(&out.get_output().stdout);
    assert!(v["files"][0]["quotes"][0].get("text_truncated").is_none());
}

#[test]
fn control_and_bidi_characters_are_escaped_in_the_terminal() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "story.md",
        "The \u{1b}[31mlevy\u{202E} rose,” the treasurer said.\n",
    );
    let out = citelint(dir.path())
        .args(["check", "story.md"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{202E}'),
        "{stdout}"
    );
    assert!(
        stdout.contains("The \\u{1B}[31mlevy\\u{202E} rose,”"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn a_closed_stderr_is_not_a_panic() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "bad.yml", "version: 1\npeople: [\n");
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe() returns.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // Close the reading end first: every write to the pipe then fails (EPIPE).
    // SAFETY: both descriptors were just opened by pipe() and are owned here.
    let write_end = unsafe {
        libc::close(fds[0]);
        <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fds[1])
    };
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("citelint"))
        .current_dir(dir.path())
        .args(["registry", "check", "bad.yml"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::from(write_end))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

/// A CMS export's paragraph on one line: about 700 characters, a closing mark with no
/// opening one in the middle.
fn long_paragraph() -> String {
    let before = "The harbor commission met on Tuesday evening to weigh the proposal for a new \
        levy on shipping containers, which the port authority says would raise about four million \
        dollars a year for dredging and repairs to the eastern breakwater. Residents filled the \
        hall and many spoke against it. The plan is a costly detour for the east bank";
    let after = " the treasurer said, adding that the commission would return to the question in \
        the spring after an independent review of the port's accounts, and that no vote would be \
        taken before the public had seen the figures and the auditors had reported on the state of \
        the breakwater, the dredging contracts and the container terminal's debts.";
    let text = format!("{before}”{after}\n");
    assert!(
        (650..750).contains(&text.chars().count()),
        "{}",
        text.chars().count()
    );
    text
}

fn human_at_width(width: usize) -> String {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "export.md", long_paragraph());
    let out = citelint(dir.path())
        .env("COLUMNS", width.to_string())
        .args(["check", "export.md"])
        .assert()
        .code(1);
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn a_long_line_is_windowed_to_the_terminal_width() {
    for width in [80, 120] {
        let out = human_at_width(width);
        for line in out.lines() {
            let columns = unicode_width::UnicodeWidthStr::width(line);
            assert!(columns <= width, "{columns} > {width}: {line}");
        }
        insta::assert_snapshot!(format!("long_line_width_{width}"), out);
    }
}
