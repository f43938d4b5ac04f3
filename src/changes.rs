//! `--changed-since REF`: which lines of which files changed since the current branch left a
//! git ref (the working tree included), and keeping only the findings on them. Like
//! `git diff REF...HEAD`, the comparison is with the merge base of REF and HEAD, so on a
//! branch that is behind REF only the branch's own changes count.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::SetupError;
use crate::span::LineIndex;
use crate::FileResult;

/// Added or changed lines, 1-based and inclusive; `None` means every line (a new file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangedLines(Option<Vec<(usize, usize)>>);

impl ChangedLines {
    pub fn all() -> Self {
        ChangedLines(None)
    }

    pub fn touches(&self, first: usize, last: usize) -> bool {
        match &self.0 {
            None => true,
            Some(ranges) => ranges.iter().any(|&(a, b)| a <= last && first <= b),
        }
    }
}

/// The files changed since a ref, by absolute path.
#[derive(Debug, Default)]
pub struct Changes {
    pub files: HashMap<PathBuf, ChangedLines>,
}

fn git(root: &Path, args: &[&str]) -> Result<std::process::Output, SetupError> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| {
            SetupError::Usage(
                format!("--changed-since needs git, which could not be run: {e}"),
                None,
            )
        })
}

/// Unquotes a path as git prints it (`"a\"b.md"` when it holds special characters).
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_string();
    };
    let mut out = Vec::new();
    let mut bytes = inner.bytes();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let (d2, d3) = (bytes.next().unwrap_or(b'0'), bytes.next().unwrap_or(b'0'));
                out.push(((d - b'0') << 6) | ((d2 - b'0') << 3) | (d3 - b'0'));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses `git diff --unified=0` output: the added line ranges of each new-side file.
pub fn parse_diff(diff: &str) -> HashMap<String, Vec<(usize, usize)>> {
    let mut out: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            current = match path {
                "/dev/null" => None,
                p => {
                    let p = unquote(p);
                    Some(p.strip_prefix("b/").map(str::to_string).unwrap_or(p))
                }
            };
            if let Some(p) = &current {
                out.entry(p.clone()).or_default();
            }
        } else if let (Some(hunk), Some(path)) = (line.strip_prefix("@@ "), &current) {
            // @@ -a,b +c,d @@
            let Some(new) = hunk.split_whitespace().find(|w| w.starts_with('+')) else {
                continue;
            };
            let mut parts = new[1..].splitn(2, ',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts
                .next()
                .map_or(Some(1), |c| c.parse().ok())
                .unwrap_or(0);
            if count > 0 {
                out.entry(path.clone())
                    .or_default()
                    .push((start, start + count - 1));
            }
        }
    }
    out
}

/// What changed since `git_ref` in the repository around `cwd`, working tree included, and
/// untracked files (not ignored) as wholly new.
pub fn since(git_ref: &str, cwd: &Path) -> Result<Changes, SetupError> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(SetupError::Usage(
            format!(
                "--changed-since needs a git repository, and {} is not inside one",
                cwd.display()
            ),
            Some("run citelint from inside the repository, or leave out --changed-since".into()),
        ));
    }
    let root = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let verify = git(
        &root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{git_ref}^{{commit}}"),
        ],
    )?;
    if !verify.status.success() {
        return Err(SetupError::Usage(
            format!("--changed-since: `{git_ref}` is not a commit in this repository"),
            Some("give a branch, tag or commit; in a shallow CI checkout, fetch the base first (git fetch origin main)".into()),
        ));
    }
    let base = merge_base(&root, git_ref)?;
    let diff = git(
        &root,
        &[
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--unified=0",
            "--no-renames",
            &base,
            "--",
        ],
    )?;
    if !diff.status.success() {
        return Err(SetupError::Usage(
            format!(
                "git diff {base} failed: {}",
                String::from_utf8_lossy(&diff.stderr).trim()
            ),
            None,
        ));
    }
    let mut changes = Changes::default();
    for (path, ranges) in parse_diff(&String::from_utf8_lossy(&diff.stdout)) {
        changes
            .files
            .insert(root.join(path), ChangedLines(Some(ranges)));
    }
    let untracked = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for path in untracked
        .stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
    {
        changes.files.insert(
            root.join(String::from_utf8_lossy(path).as_ref()),
            ChangedLines::all(),
        );
    }
    Ok(changes)
}

/// Where the current branch left `git_ref`: the merge base of `git_ref` and `HEAD`, as in
/// `git diff REF...HEAD`. Diffing against `git_ref` itself would blame a branch that is behind
/// it for every line `git_ref` changed since.
fn merge_base(root: &Path, git_ref: &str) -> Result<String, SetupError> {
    let out = git(root, &["merge-base", git_ref, "HEAD"])?;
    let base = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !base.is_empty() {
        return Ok(base);
    }
    Err(SetupError::Usage(
        format!("--changed-since: `{git_ref}` and HEAD have no common ancestor in this repository"),
        Some(
            "in a shallow CI checkout, fetch more history (actions/checkout with fetch-depth: 0)"
                .into(),
        ),
    ))
}

impl Changes {
    /// The changed lines of `path` (as given on the command line or found by the walk).
    pub fn lines(&self, path: &Path) -> Option<&ChangedLines> {
        let absolute = std::fs::canonicalize(path).ok()?;
        self.files.get(&absolute).or_else(|| {
            // The repository root may itself sit behind a symbolic link.
            self.files.iter().find_map(|(p, lines)| {
                (std::fs::canonicalize(p).ok()? == absolute).then_some(lines)
            })
        })
    }
}

/// Keeps the findings on changed lines, and those inside a quotation any of whose lines
/// changed (a quotation counts as changed as a whole).
pub fn retain_changed(file: &mut FileResult, lines: &ChangedLines) {
    let index = LineIndex::new(&file.text);
    let line_range = |start: usize, end: usize| {
        (
            index.line_col(start).line,
            index.line_col(end.max(start + 1) - 1).line,
        )
    };
    let changed_quotes: Vec<crate::span::Span> = file
        .analysis
        .quotes
        .iter()
        .filter(|q| {
            let (a, b) = line_range(q.span.start, q.span.end);
            lines.touches(a, b)
        })
        .map(|q| q.span)
        .collect();
    file.findings.retain(|f| {
        let (a, b) = line_range(f.span.start, f.span.end);
        lines.touches(a, b)
            || changed_quotes
                .iter()
                .any(|q| q.start <= f.span.start && f.span.end <= q.end)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks() {
        let diff = "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+a\n+b\n@@ -20,3 +22,0 @@\n\
diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n+++ \"b/q\\\"\\303\\251.md\"\n@@ -1 +1 @@\n";
        let parsed = parse_diff(diff);
        assert_eq!(parsed["a.md"], vec![(3, 3), (11, 12)]);
        assert!(!parsed.contains_key("gone.md"));
        assert_eq!(parsed["q\"é.md"], vec![(1, 1)]);
    }

    #[test]
    fn touches() {
        let lines = ChangedLines(Some(vec![(3, 3), (10, 12)]));
        assert!(lines.touches(3, 3) && lines.touches(1, 4) && lines.touches(12, 20));
        assert!(!lines.touches(4, 9) && !lines.touches(13, 13));
        assert!(ChangedLines::all().touches(1, 1));
    }
}
