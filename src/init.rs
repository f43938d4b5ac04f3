//! What `citelint init` writes: a starting `.citelint.yml` and a GitHub workflow.

use std::path::Path;
use std::process::Command;

/// Every key with its default, commented, so a newsroom can see what there is to set.
pub const CONFIG: &str = r#"# citelint configuration. Every key is optional; these are the defaults.
# Documentation: `citelint rules`, `citelint explain CODE`, and the README.

# Which files a directory walk takes (globs on the file name or the path from here),
# and which it leaves out. .gitignore is honoured as well.
include: ["*.md", "*.markdown", "*.mdx"]
exclude: []

# Which quotation marks open and close: en, fr or de.
language: en

# The house style for quotation marks: curly or straight. Unset, it is not checked.
# style:
#   quotes: curly

# Per rule: off, info, warning or error (by code or name).
# rules:
#   CQ004: error
#   entity-encoded-quote: off

# The source registry: YAML files or directories of them (see the README).
# registry: [sources/]

# Front-matter strings that are published prose and are checked like the body.
# front_matter:
#   prose_keys: [title, subtitle, summary, description, dek, excerpt, lede, caption]
"#;

/// The action reference `init` writes unless told another: the release of this binary, so
/// the workflow downloads the same citelint in seconds instead of building a branch.
pub const DEFAULT_ACTION: &str = concat!("citelint/citelint@v", env!("CARGO_PKG_VERSION"));

/// What `init` says about the action reference it wrote, so it is never chosen silently.
pub fn action_note(action: &str) -> String {
    format!(
        "the workflow uses `{action}`; pass --action OWNER/REPO@REF for another \
         (a release tag downloads a checked binary, a branch builds from source)"
    )
}

/// The branch pushes to which get a full analysis: the remote's default branch when git
/// knows it, else the branch checked out, else `main`.
pub fn default_branch(dir: &Path) -> String {
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    git(&[
        "symbolic-ref",
        "--quiet",
        "--short",
        "refs/remotes/origin/HEAD",
    ])
    .and_then(|r| r.strip_prefix("origin/").map(str::to_string))
    .or_else(|| git(&["branch", "--show-current"]))
    .unwrap_or_else(|| "main".into())
}

/// A workflow that annotates the lines a pull request changes and writes a job summary, and
/// on pushes to the default branch sends every finding to code scanning.
pub fn workflow(action: &str, default_branch: &str) -> String {
    format!(
        r#"name: citelint

on:
  pull_request:
    paths: ["**/*.md", "**/*.markdown", "**/*.mdx", ".citelint.yml"]
  # Code scanning keeps the whole analysis of the default branch.
  push:
    branches: [{default_branch}]

permissions:
  contents: read
  security-events: write

jobs:
  citelint:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
      # On a pull request: annotations on the changed lines and a job summary.
      # On the default branch: every finding, in the SARIF file too.
      - uses: {action}
        with:
          paths: .
          fail-on: error
          sarif: citelint.sarif
      - name: Upload to code scanning
        if: ${{{{ !cancelled() }}}}
        # Code scanning needs GitHub Advanced Security on a private repository; without it
        # this step fails on its own and citelint's result above still decides the job.
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: citelint.sarif
          category: citelint
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_it_writes_is_valid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".citelint.yml");
        std::fs::write(&path, CONFIG).unwrap();
        crate::config::load(Some(&path), dir.path()).unwrap();
    }

    #[test]
    fn the_workflow_runs_on_pull_requests_and_the_default_branch() {
        let text = workflow("acme/citelint@v1.2.3", "trunk");
        let yaml: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(yaml["on"]["push"]["branches"], serde_json::json!(["trunk"]));
        assert!(yaml["on"]["pull_request"].is_object());
        let steps = &yaml["jobs"]["citelint"]["steps"];
        assert_eq!(steps[1]["uses"], "acme/citelint@v1.2.3");
        assert_eq!(steps[1]["with"]["sarif"], "citelint.sarif");
        assert_eq!(steps[2]["if"], "${{ !cancelled() }}");
        assert_eq!(yaml["jobs"]["citelint"]["timeout-minutes"], 15);
    }

    #[test]
    fn the_default_action_is_this_release() {
        assert_eq!(
            DEFAULT_ACTION,
            format!("citelint/citelint@v{}", env!("CARGO_PKG_VERSION"))
        );
    }
}
