//! What is known about one source page, shared by verification (which reads it) and
//! fetching (which writes it and keeps it in the cache): the URL wanted, what fetching it
//! came to, and the evidence.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Bumped when the entry format changes: older entries are then refetched.
pub const ENTRY_VERSION: u32 = 1;

/// What fetching one URL came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// The page was read; `text` holds its words.
    Fetched,
    /// The source is gone (404, 410, no such host): `source-unreachable`.
    Unreachable { reason: String },
    /// The source exists but could not be read (403, bot wall, 429, timeout, too large,
    /// refused by the guard): `source-unverifiable`.
    Unverifiable { reason: String },
}

/// One URL's record: the evidence and the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    pub url: String,
    /// Where the redirects ended.
    pub final_url: String,
    /// The last HTTP status (0 when no response came).
    pub status: u16,
    /// Seconds since the Unix epoch.
    pub fetched_at: u64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
    /// SHA-256 of the body as received, after decompression (hex).
    pub sha256: Option<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The page's text, for a fetched page.
    pub text: Option<String>,
}

impl Entry {
    pub fn failure(url: &str, status: u16, outcome: Outcome) -> Entry {
        Entry {
            version: ENTRY_VERSION,
            url: url.to_string(),
            final_url: url.to_string(),
            status,
            fetched_at: now(),
            etag: None,
            last_modified: None,
            content_type: None,
            sha256: None,
            outcome,
            text: None,
        }
    }

    pub fn is_fetched(&self) -> bool {
        self.outcome == Outcome::Fetched
    }

    pub fn fetched_at_rfc3339(&self) -> String {
        humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(self.fetched_at))
            .to_string()
    }
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A URL that verification needs, and the archived copy to read if it is gone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Wanted {
    pub url: String,
    pub archive: Option<String>,
}

/// One URL's result, with the cache file that holds it as evidence (when cached).
#[derive(Clone, Debug)]
pub struct Fetched {
    pub entry: Entry,
    pub cache_file: Option<PathBuf>,
}
