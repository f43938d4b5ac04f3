//! The fetch cache (DESIGN.md §8): one JSON file per URL under the cache directory, holding
//! what the fact-checker needs as evidence (final URL, status, fetch time, validators, a
//! hash of the body) and the extracted text. Entries are written atomically; an entry that
//! cannot be read is ignored and fetched again, never fatal. A failure is kept only
//! briefly, and never stands in for a page.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sha2::{Digest, Sha256};

pub use crate::extract::page::{now, Entry, Outcome, ENTRY_VERSION};

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[derive(Clone, Debug)]
pub struct Cache {
    pub dir: PathBuf,
    /// How long a fetched page is used without asking the server again.
    pub ttl: Duration,
    /// How long a failure is remembered before the URL is tried again.
    pub failure_ttl: Duration,
}

/// How fresh a cached entry is.
#[derive(Debug)]
pub enum Lookup {
    Fresh(Entry),
    /// Too old to use without asking; a fetched page's validators make the request
    /// conditional.
    Stale(Entry),
    Missing,
}

impl Cache {
    /// The file that holds `url`'s entry.
    pub fn path_of(&self, url: &str) -> PathBuf {
        self.dir
            .join(format!("{}.json", &sha256_hex(url.as_bytes())[..32]))
    }

    /// The entry for `url`, if a readable one is on disk. A corrupt, foreign or outdated
    /// file is treated as missing.
    pub fn read(&self, url: &str) -> Option<Entry> {
        let bytes = std::fs::read(self.path_of(url)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        let consistent = entry.version == ENTRY_VERSION
            && entry.url == url
            && (entry.is_fetched() == entry.text.is_some());
        consistent.then_some(entry)
    }

    pub fn lookup(&self, url: &str) -> Lookup {
        let Some(entry) = self.read(url) else {
            return Lookup::Missing;
        };
        let ttl = if entry.is_fetched() {
            self.ttl
        } else {
            self.failure_ttl
        };
        let age = now().saturating_sub(entry.fetched_at);
        if age < ttl.as_secs() {
            Lookup::Fresh(entry)
        } else {
            Lookup::Stale(entry)
        }
    }

    /// Writes `entry` atomically: to a temporary file in the same directory, then renamed
    /// over the old one, so a reader never sees half an entry.
    pub fn write(&self, entry: &Entry) -> Result<PathBuf, String> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let path = self.path_of(&entry.url);
        let failed =
            |e: std::io::Error| format!("cannot write the cache entry {}: {e}", path.display());
        std::fs::create_dir_all(&self.dir).map_err(failed)?;
        let temporary = self.dir.join(format!(
            ".{}.{}.{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            path.file_name().and_then(|n| n.to_str()).unwrap_or("entry")
        ));
        let json = serde_json::to_vec_pretty(entry).map_err(|e| e.to_string())?;
        std::fs::write(&temporary, json).map_err(failed)?;
        std::fs::rename(&temporary, &path).map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            failed(e)
        })?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn cache(dir: &Path) -> Cache {
        Cache {
            dir: dir.to_path_buf(),
            ttl: Duration::from_secs(3600),
            failure_ttl: Duration::from_secs(60),
        }
    }

    fn page(url: &str) -> Entry {
        Entry {
            outcome: Outcome::Fetched,
            text: Some("the words".into()),
            sha256: Some(sha256_hex(b"<p>the words</p>")),
            ..Entry::failure(url, 200, Outcome::Fetched)
        }
    }

    #[test]
    fn entries_round_trip_and_age() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let url = "https://example.org/a";
        assert!(matches!(cache.lookup(url), Lookup::Missing));
        let written = cache.write(&page(url)).unwrap();
        assert_eq!(written, cache.path_of(url));
        assert!(
            matches!(cache.lookup(url), Lookup::Fresh(e) if e.text.as_deref() == Some("the words"))
        );
        let mut old = page(url);
        old.fetched_at -= 7200;
        cache.write(&old).unwrap();
        assert!(matches!(cache.lookup(url), Lookup::Stale(_)));
        // A failure is remembered for a minute, not an hour.
        let mut failure = Entry::failure(
            url,
            503,
            Outcome::Unverifiable {
                reason: "503".into(),
            },
        );
        failure.fetched_at -= 120;
        cache.write(&failure).unwrap();
        assert!(matches!(cache.lookup(url), Lookup::Stale(_)));
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn corrupt_and_foreign_entries_are_missing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let url = "https://example.org/b";
        std::fs::write(cache.path_of(url), b"{ not json").unwrap();
        assert!(matches!(cache.lookup(url), Lookup::Missing));
        // Another URL's entry under this name (a collision, or a hand-edited file).
        let other = serde_json::to_vec(&page("https://example.org/other")).unwrap();
        std::fs::write(cache.path_of(url), other).unwrap();
        assert!(matches!(cache.lookup(url), Lookup::Missing));
        // A "fetched" entry without its text would pass for a page with no words.
        let mut hollow = page(url);
        hollow.text = None;
        std::fs::write(cache.path_of(url), serde_json::to_vec(&hollow).unwrap()).unwrap();
        assert!(matches!(cache.lookup(url), Lookup::Missing));
    }
}
