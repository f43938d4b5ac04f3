//! Which files to check: explicit files as given, directories walked with `.gitignore`
//! honoured and the configuration's include/exclude globs applied.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::config::{Settings, SetupError};
pub use crate::setup::display_path;

#[derive(Debug, Default)]
pub struct Found {
    /// Sorted, without duplicates.
    pub files: Vec<PathBuf>,
    pub notes: Vec<String>,
}

fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root)
        .or_else(|_| path.strip_prefix("./"))
        .unwrap_or(path)
}

/// The path's file name, and the path relative to the configuration's folder: the two
/// things a glob is matched against.
fn glob_targets(path: &Path, settings: &Settings) -> (PathBuf, PathBuf) {
    let name = path.file_name().map(Path::new).unwrap_or(path);
    let rel = match std::path::absolute(path) {
        Ok(abs) => relative(&abs, &settings.root).to_path_buf(),
        Err(_) => path.to_path_buf(),
    };
    (name.to_path_buf(), rel)
}

fn excluded(path: &Path, settings: &Settings) -> bool {
    let (name, rel) = glob_targets(path, settings);
    settings.exclude.is_match(name) || settings.exclude.is_match(rel)
}

fn wanted(path: &Path, settings: &Settings) -> bool {
    let (name, rel) = glob_targets(path, settings);
    let included = settings.include.is_match(name) || settings.include.is_match(rel);
    included && !excluded(path, settings)
}

pub fn collect(paths: &[PathBuf], settings: &Settings) -> Result<Found, SetupError> {
    let mut found = Found::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| SetupError::Io {
            path: display_path(path),
            source,
        })?;
        if !meta.is_dir() {
            // A FIFO or a device named on the command line would block the run or never
            // end: the run cannot be done as asked.
            if let Some(what) = crate::read::kind_of(meta.file_type()) {
                return Err(SetupError::Usage(
                    format!("{} is {what}, not a regular file", display_path(path)),
                    Some("name Markdown files or folders".into()),
                ));
            }
            // A file named on the command line is checked whatever its extension, and
            // whatever `exclude` says unless `--force-exclude` (pre-commit names every file).
            if !(settings.force_exclude && excluded(path, settings)) {
                found.files.push(path.clone());
            }
            continue;
        }
        let before = found.files.len();
        let walker = WalkBuilder::new(path)
            .standard_filters(true)
            .require_git(false)
            .filter_entry(|e| e.file_name() != ".citelint-cache")
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    found.notes.push(format!("skipped: {e}"));
                    continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() || file_type.is_symlink() || !wanted(entry.path(), settings) {
                continue;
            }
            match crate::read::kind_of(file_type) {
                None => found.files.push(entry.into_path()),
                Some(what) => found.notes.push(format!(
                    "skipped {}: {what}, not a regular file",
                    display_path(entry.path())
                )),
            }
        }
        if found.files.len() == before {
            found
                .notes
                .push(format!("no Markdown files found in {}", display_path(path)));
        }
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

/// `--shard K/N`: the K-th of N disjoint parts of the file set (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N, e.g. 1/3"))?;
        let (k, n): (u64, u64) = (
            k.trim()
                .parse()
                .map_err(|_| format!("`{k}` is not a shard number"))?,
            n.trim()
                .parse()
                .map_err(|_| format!("`{n}` is not a number of shards"))?,
        );
        if n == 0 || k == 0 || k > n {
            return Err(format!(
                "shard {k}/{n} does not exist: K must be between 1 and N"
            ));
        }
        Ok(Shard { index: k, count: n })
    }
}

impl Shard {
    /// Whether `path` belongs to this shard. Decided by a stable hash of the path as shown,
    /// so the split is the same on every machine and does not move files between shards
    /// when others are added.
    pub fn contains(&self, path: &Path) -> bool {
        let hash = fnv1a(&[&display_path(path)]);
        hash % self.count == self.index - 1
    }
}

/// FNV-1a: small, stable across platforms and releases (unlike std's hasher).
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}
