//! The stamp a filed report carries (`citelint report`, unless `--no-stamp`): when it was
//! made, from which commit of which branch and whether the tree was dirty, by which
//! citelint, and the SHA-256 of each registry file and of the configuration, so a report
//! proves what was checked against what.

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::config::Settings;
use crate::output::report::{Stamp, StampedFile};

/// The stamp of a report made now in `cwd` with `settings`. Git facts are `None` outside a
/// repository or without git; a file that cannot be read is listed without a hash.
pub fn now(cwd: &Path, settings: &Settings) -> Stamp {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .args(args)
            .current_dir(cwd)
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "HEAD"]);
    let branch = commit
        .as_ref()
        .and_then(|_| git(&["rev-parse", "--abbrev-ref", "HEAD"]));
    let dirty = commit
        .as_ref()
        .and_then(|_| git(&["status", "--porcelain", "--untracked-files=no"]))
        .map(|s| !s.is_empty());
    let mut files: Vec<StampedFile> = settings
        .registry_paths
        .iter()
        .map(|p| hashed("registry", p))
        .collect();
    if let Some(config) = &settings.path {
        files.push(hashed("config", config));
    }
    Stamp {
        date: humantime::format_rfc3339_seconds(SystemTime::now()).to_string(),
        commit,
        branch,
        dirty,
        version: env!("CARGO_PKG_VERSION").to_string(),
        files,
    }
}

fn hashed(role: &str, path: &Path) -> StampedFile {
    StampedFile {
        role: role.to_string(),
        path: crate::setup::display_path(path),
        sha256: std::fs::read(path)
            .ok()
            .map(|bytes| format!("{:x}", Sha256::digest(bytes))),
    }
}
