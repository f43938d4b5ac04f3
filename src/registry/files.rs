//! Which files a registry reads: its YAML files (each once, whatever links lead to it, and
//! never round a cycle of folder links), and its sources' local copies (only inside the
//! folders it is allowed to read: a registry in a pull request must not be able to read
//! the CI machine's files).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::catalog::Rule;
use crate::diagnostic::Finding;
use crate::setup::display_path;
use crate::span::Span;

/// How a registry is read: the size cap per file, and the folders its sources' local copies
/// may lie in besides each registry file's own.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    pub max_file_bytes: u64,
    pub source_roots: Vec<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: crate::read::DEFAULT_MAX_BYTES,
            source_roots: Vec::new(),
        }
    }
}

/// A source's `file:` written as `written` in a registry file in `dir`, resolved and
/// confined: the path to read (also when missing: CR007 says so), and the finding to report
/// (CR007 for a missing file or a directory, CR009 outside the allowed folders: then no
/// path, so it is never read).
pub(super) fn local_copy(
    roots: &SourceRoots,
    dir: &Path,
    written: &str,
    span: Span,
) -> (Option<PathBuf>, Option<Finding>) {
    let (finding, path) = match roots.resolve(dir, written) {
        LocalCopy::File(path) => return (Some(path), None),
        LocalCopy::Missing(path) => (
            Finding::new(
                Rule::MissingSourceFile,
                span,
                format!("the local copy `{}` does not exist", display_path(&path)),
            )
            .with_label("no such file"),
            path,
        ),
        LocalCopy::Directory(path) => (
            Finding::new(
                Rule::MissingSourceFile,
                span,
                format!(
                    "the local copy `{}` is a directory, not a file",
                    display_path(&path)
                ),
            )
            .with_label("a directory"),
            path,
        ),
        LocalCopy::Outside(_) => {
            let finding = Finding::new(
                Rule::SourceOutsideRoots,
                span,
                format!("source file `{written}` is outside the allowed folders"),
            )
            .with_label("outside the allowed folders")
            .with_help("keep local copies beside the registry file, or list their folder under `registry.source_roots` in .citelint.yml");
            return (None, Some(finding));
        }
    };
    let finding = finding
        .with_help("paths are relative to this registry file; add the file or correct the path");
    (Some(path), Some(finding))
}

/// The registry files a path stands for: the file itself, or every `*.yml`/`*.yaml` below
/// a directory, sorted. Folder links are followed once per real folder, so `a -> .` and
/// `b -> .` neither loop nor read a file twice.
pub fn files_under(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut seen = HashSet::new();
    files_under_once(path, &mut seen)
}

/// [`files_under`] for several paths: a file reached by two of them (or by a link) is read
/// once, from the first path that reaches it in sorted order.
pub fn files_under_all(paths: &[PathBuf]) -> Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        out.extend(files_under_once(path, &mut seen).map_err(|e| (path.clone(), e))?);
    }
    Ok(out)
}

/// `seen` holds the canonical paths of the files already listed.
fn files_under_once(path: &Path, seen: &mut HashSet<PathBuf>) -> std::io::Result<Vec<PathBuf>> {
    if !std::fs::metadata(path)?.is_dir() {
        let first = std::fs::canonicalize(path).map_or(true, |real| seen.insert(real));
        return Ok(if first {
            vec![path.to_path_buf()]
        } else {
            Vec::new()
        });
    }
    let mut found = Vec::new();
    let mut visited_dirs = HashSet::new();
    let mut dirs = vec![path.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        // A folder already walked (reached again through a link) is not walked again.
        if !visited_dirs.insert(std::fs::canonicalize(&dir)?) {
            continue;
        }
        for entry in std::fs::read_dir(&dir)? {
            let p = entry?.path();
            // Links are followed; a broken one is listed when its name is a registry
            // file's, so reading it reports the problem.
            if std::fs::metadata(&p).is_ok_and(|m| m.is_dir()) {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                found.push(p);
            }
        }
    }
    found.sort();
    found.retain(|p| std::fs::canonicalize(p).map_or(true, |real| seen.insert(real)));
    Ok(found)
}

/// The folders a registry file's sources may name local copies in.
#[derive(Clone, Debug, Default)]
pub struct SourceRoots {
    /// `registry.source_roots`, canonical (roots that do not exist are left out).
    roots: Vec<PathBuf>,
}

/// Where a source's `file:` leads.
#[derive(Debug, PartialEq, Eq)]
pub enum LocalCopy {
    /// A file inside the allowed folders, to be read.
    File(PathBuf),
    /// Inside the allowed folders, but a directory.
    Directory(PathBuf),
    /// Inside the allowed folders (as written), but not there.
    Missing(PathBuf),
    /// Outside every allowed folder: never read.
    Outside(PathBuf),
}

impl SourceRoots {
    pub fn new(roots: &[PathBuf]) -> SourceRoots {
        SourceRoots {
            roots: roots
                .iter()
                .filter_map(|r| std::fs::canonicalize(r).ok())
                .collect(),
        }
    }

    /// Resolves `written` (a source's `file:`) against `registry_dir`, the folder of the
    /// registry file that names it. The copy must lie, after every link is resolved, in that
    /// folder or in one of the roots.
    pub fn resolve(&self, registry_dir: &Path, written: &str) -> LocalCopy {
        let joined = registry_dir.join(written);
        let dir = std::fs::canonicalize(registry_dir).unwrap_or_else(|_| {
            crate::setup::lexical_path(&std::path::absolute(registry_dir).unwrap_or_default())
        });
        let inside =
            |real: &Path| real.starts_with(&dir) || self.roots.iter().any(|r| real.starts_with(r));
        match std::fs::canonicalize(&joined) {
            Ok(real) if !inside(&real) => LocalCopy::Outside(joined),
            Ok(real) if real.is_dir() => LocalCopy::Directory(joined),
            Ok(_) => LocalCopy::File(joined),
            Err(_) => {
                // Not there: judged by the path as written, so `../../x` is still refused.
                if inside(&crate::setup::lexical_path(&dir.join(written))) {
                    LocalCopy::Missing(joined)
                } else {
                    LocalCopy::Outside(joined)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_copies_inside_and_outside() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("reg");
        std::fs::create_dir_all(reg.join("copies")).unwrap();
        std::fs::write(reg.join("copies/a.txt"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        let roots = SourceRoots::new(&[]);
        assert_eq!(
            roots.resolve(&reg, "copies/a.txt"),
            LocalCopy::File(reg.join("copies/a.txt"))
        );
        assert_eq!(
            roots.resolve(&reg, "copies"),
            LocalCopy::Directory(reg.join("copies"))
        );
        assert_eq!(
            roots.resolve(&reg, "copies/b.txt"),
            LocalCopy::Missing(reg.join("copies/b.txt"))
        );
        assert_eq!(
            roots.resolve(&reg, "../secret.txt"),
            LocalCopy::Outside(reg.join("../secret.txt"))
        );
        assert_eq!(
            roots.resolve(&reg, "../../nowhere.txt"),
            LocalCopy::Outside(reg.join("../../nowhere.txt"))
        );
        assert!(matches!(
            roots.resolve(&reg, "/etc/passwd"),
            LocalCopy::Outside(_)
        ));
        // A configured root lets the copy in.
        let roots = SourceRoots::new(&[dir.path().to_path_buf()]);
        assert!(matches!(
            roots.resolve(&reg, "../secret.txt"),
            LocalCopy::File(_)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_outside() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("reg");
        std::fs::create_dir(&reg).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", reg.join("innocent.txt")).unwrap();
        assert!(matches!(
            SourceRoots::new(&[]).resolve(&reg, "innocent.txt"),
            LocalCopy::Outside(_)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn folder_link_cycles_end_and_each_file_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("reg");
        std::fs::create_dir(&reg).unwrap();
        std::fs::write(reg.join("people.yml"), "version: 1\n").unwrap();
        for link in ["a", "b", "self"] {
            std::os::unix::fs::symlink(".", reg.join(link)).unwrap();
        }
        let found = files_under(&reg).unwrap();
        assert_eq!(found, [reg.join("people.yml")]);
        // The same file through a second path is read once.
        let both = files_under_all(&[reg.join("self"), reg.clone()]).unwrap();
        assert_eq!(both.len(), 1, "{both:?}");
    }
}
