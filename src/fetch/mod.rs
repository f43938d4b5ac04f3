//! Getting the text of a source (DESIGN.md §8): local copies (`file` in the registry) are
//! read by [`crate::extract`]; with `--online`, URLs are fetched by [`client`] under the SSRF
//! [`guard`] and kept in the disk [`cache`], which `--offline` reads alone.
//!
//! The network lives here and nowhere else. A tokio runtime is started only for the
//! fetching phase of an online run; a plain `check` never starts one.

pub mod cache;
pub mod client;
pub mod guard;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use crate::extract::page::{Entry, Fetched, Outcome, Wanted};
pub use client::fetch_all;
pub use guard::Guard;

/// Whether sources are fetched, read from the cache only, or not looked at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// URLs are not sources (a plain `check`).
    #[default]
    Off,
    /// `--online`: fetch, using the cache while it is fresh.
    Online,
    /// `--offline`: the cache and nothing else, however old.
    Offline,
}

/// How sources are fetched. The defaults are no less polite than lychee's.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    pub mode: Mode,
    /// One request, from connecting to the last byte.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// One URL, its redirects and retries included.
    pub total_timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// The least time between two requests to one host.
    pub host_interval: Duration,
    /// Retries after a timeout, a reset connection, 429, 502, 503 or 504.
    pub retries: usize,
    /// The longest `Retry-After` honoured; a server asking for more is not waited for.
    pub max_retry_after: Duration,
    pub max_redirects: usize,
    /// The largest body read, counted after decompression.
    pub max_body: u64,
    pub user_agent: String,
    pub guard: Guard,
    /// When not empty, only these hosts (and their subdomains) are fetched.
    pub allowed_hosts: Vec<String>,
    /// These hosts (and their subdomains) are never fetched.
    pub denied_hosts: Vec<String>,
    pub cache_dir: PathBuf,
    /// How long a fetched page is used before the server is asked again.
    pub cache_ttl: Duration,
    /// How long a failure is remembered before the URL is tried again.
    pub failure_ttl: Duration,
    /// Addresses used instead of DNS for these hosts, and not checked by the guard: for
    /// tests that stand a local server in for a public host. Not configurable.
    pub resolve_overrides: Vec<(String, SocketAddr)>,
}

pub const DEFAULT_CACHE_DIR: &str = ".citelint-cache";

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            mode: Mode::Off,
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(60),
            concurrency: 64,
            per_host: 10,
            host_interval: Duration::from_millis(50),
            retries: 3,
            max_retry_after: Duration::from_secs(30),
            max_redirects: 10,
            max_body: 50 * 1024 * 1024,
            user_agent: format!(
                "citelint/{} (citation checker; +https://github.com/citelint/citelint)",
                env!("CARGO_PKG_VERSION")
            ),
            guard: Guard::default(),
            allowed_hosts: Vec::new(),
            denied_hosts: Vec::new(),
            cache_dir: PathBuf::from(DEFAULT_CACHE_DIR),
            cache_ttl: Duration::from_secs(7 * 24 * 3600),
            failure_ttl: Duration::from_secs(3600),
            resolve_overrides: Vec::new(),
        }
    }
}

impl FetchOptions {
    pub fn cache(&self) -> cache::Cache {
        cache::Cache {
            dir: self.cache_dir.clone(),
            ttl: self.cache_ttl,
            failure_ttl: self.failure_ttl,
        }
    }

    /// Whether the host lists let `host` be fetched; the reason when they do not.
    pub fn host_permitted(&self, host: &str) -> Result<(), String> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let within = |listed: &String| {
            let listed = listed.trim_end_matches('.').to_ascii_lowercase();
            host == listed || host.ends_with(&format!(".{listed}"))
        };
        if self.denied_hosts.iter().any(within) {
            return Err(format!("`{host}` is in `fetch.denied_hosts`"));
        }
        if !self.allowed_hosts.is_empty() && !self.allowed_hosts.iter().any(within) {
            return Err(format!("`{host}` is not in `fetch.allowed_hosts`"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_lists_take_subdomains_and_deny_wins() {
        let options = FetchOptions {
            allowed_hosts: vec!["example.org".into()],
            denied_hosts: vec!["private.example.org".into()],
            ..FetchOptions::default()
        };
        assert_eq!(options.host_permitted("example.org"), Ok(()));
        assert_eq!(options.host_permitted("News.Example.org."), Ok(()));
        assert_eq!(
            options.host_permitted("notexample.org"),
            Err("`notexample.org` is not in `fetch.allowed_hosts`".into())
        );
        assert_eq!(
            options.host_permitted("a.private.example.org"),
            Err("`a.private.example.org` is in `fetch.denied_hosts`".into())
        );
    }

    #[test]
    fn the_user_agent_names_citelint_and_its_version() {
        let agent = FetchOptions::default().user_agent;
        assert!(agent.starts_with(&format!("citelint/{} ", env!("CARGO_PKG_VERSION"))));
    }
}
