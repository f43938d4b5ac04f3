//! The sources a run reads, shared by every file: the registry's recorded wording in one
//! index, local copies read once, and fetched pages, with the evidence of each.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use super::index::SourceText;
use crate::extract;
use crate::extract::page::{Fetched, Outcome, Wanted};
use crate::registry::Registry;

/// What was fetched, when, and what it hashed to: the fact-checker's evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub url: String,
    pub final_url: String,
    pub status: u16,
    /// RFC 3339, UTC.
    pub fetched_at: String,
    /// SHA-256 of the body, hex.
    pub sha256: Option<String>,
    /// The cache entry that holds the page's text.
    pub cache_file: Option<PathBuf>,
}

/// All the registry's recorded wording in one index, a segment per recorded quotation,
/// and which sources each speaker has: built once per run, so that a quotation never
/// costs a pass over the registry.
#[derive(Debug, Default)]
pub struct Recorded {
    pub text: SourceText,
    /// By segment: the source entry and the quotation's index in it.
    pub owners: Vec<(usize, usize)>,
    /// By source entry: its segments.
    pub(super) segments_of: HashMap<usize, Vec<usize>>,
    /// By person or organization id: the source entries they are `by`.
    pub(super) sources_by: HashMap<String, Vec<usize>>,
}

impl Recorded {
    pub fn build(registry: &Registry) -> Recorded {
        let mut recorded = Recorded::default();
        let mut texts = Vec::new();
        for (e, entry) in registry.entries.iter().enumerate() {
            let Some(source) = &entry.source else {
                continue;
            };
            for by in &source.by {
                recorded.sources_by.entry(by.clone()).or_default().push(e);
            }
            // Unconfirmed wording (a `registry suggest` skeleton) is no evidence of anything.
            for (q, quote) in source
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.confirmed)
            {
                recorded
                    .segments_of
                    .entry(e)
                    .or_default()
                    .push(recorded.owners.len());
                recorded.owners.push((e, q));
                texts.push(quote.text.as_str());
            }
        }
        recorded.text = SourceText::segmented(texts);
        recorded
    }
}

type Loaded = Result<Arc<SourceText>, String>;

/// The sources of one run, read once however many quotations and files need them, and
/// shared between the worker threads.
#[derive(Debug, Default)]
pub struct SourceStore {
    files: Mutex<HashMap<PathBuf, Arc<OnceLock<Loaded>>>>,
    recorded: OnceLock<Recorded>,
    /// Whether URLs are sources in this run (`--online` or `--offline`).
    urls_enabled: AtomicBool,
    /// Fetched pages, by URL.
    pages: RwLock<HashMap<String, Arc<Page>>>,
    /// URLs that verification asked for and that were not fetched yet.
    wanted: Mutex<BTreeSet<Wanted>>,
}

/// A fetched URL: its evidence and, when it was read, its words.
#[derive(Debug)]
pub struct Page {
    pub fetched: Fetched,
    pub text: Result<Arc<SourceText>, String>,
}

impl Page {
    fn new(fetched: Fetched) -> Page {
        let text = match (&fetched.entry.outcome, &fetched.entry.text) {
            (Outcome::Fetched, Some(text)) => {
                let source = SourceText::new(text.clone());
                if source.is_empty() {
                    Err("no text could be read from the page".to_string())
                } else {
                    Ok(Arc::new(source))
                }
            }
            (Outcome::Unreachable { reason } | Outcome::Unverifiable { reason }, _) => {
                Err(reason.clone())
            }
            (Outcome::Fetched, None) => Err("the page has no text".to_string()),
        };
        Page { fetched, text }
    }

    pub fn gone(&self) -> bool {
        matches!(self.fetched.entry.outcome, Outcome::Unreachable { .. })
    }

    pub(super) fn evidence(&self) -> Evidence {
        let entry = &self.fetched.entry;
        Evidence {
            url: entry.url.clone(),
            final_url: entry.final_url.clone(),
            status: entry.status,
            fetched_at: entry.fetched_at_rfc3339(),
            sha256: entry.sha256.clone(),
            cache_file: self.fetched.cache_file.clone(),
        }
    }
}

impl SourceStore {
    /// Makes URLs sources for the rest of the run: verification asks for the pages it
    /// needs ([`SourceStore::take_wanted`]) and reads those given ([`SourceStore::add_pages`]).
    pub fn enable_urls(&self) {
        self.urls_enabled.store(true, Ordering::Relaxed);
    }

    pub(super) fn urls_enabled(&self) -> bool {
        self.urls_enabled.load(Ordering::Relaxed)
    }

    /// The URLs verification needed and did not have, each once.
    pub fn take_wanted(&self) -> Vec<Wanted> {
        let mut wanted = self.wanted.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut *wanted).into_iter().collect()
    }

    /// Fetched pages, indexed for searching (in parallel: a page may be megabytes).
    pub fn add_pages(&self, fetched: HashMap<String, Fetched>) {
        use rayon::prelude::*;
        let pages: Vec<(String, Arc<Page>)> = fetched
            .into_par_iter()
            .map(|(url, fetched)| (url, Arc::new(Page::new(fetched))))
            .collect();
        let mut all = self.pages.write().unwrap_or_else(|e| e.into_inner());
        all.extend(pages);
    }

    /// The page at `url`, or `None` after noting that it is wanted.
    pub(super) fn page(&self, wanted: &Wanted) -> Option<Arc<Page>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        if let Some(page) = pages.get(&wanted.url) {
            return Some(Arc::clone(page));
        }
        drop(pages);
        self.wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(wanted.clone());
        None
    }

    pub fn recorded(&self, registry: &Registry) -> &Recorded {
        self.recorded.get_or_init(|| Recorded::build(registry))
    }

    /// The text of a local source file, or why it cannot be read.
    pub fn file(&self, path: &Path) -> Loaded {
        let cell = {
            let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(files.entry(path.to_path_buf()).or_default())
        };
        cell.get_or_init(|| {
            let source = SourceText::new(read_source_file(path)?);
            if source.is_empty() {
                return Err(format!(
                    "{}: no text could be read from it",
                    crate::setup::display_path(path)
                ));
            }
            Ok(Arc::new(source))
        })
        .clone()
    }
}

fn read_source_file(path: &Path) -> Result<String, String> {
    let shown = crate::setup::display_path(path);
    let bytes = crate::read::read_regular(path, extract::MAX_SOURCE_BYTES)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    let format = extract::format_of(path, &bytes);
    extract::text_of(bytes, format).map_err(|e| format!("{shown}: {e}"))
}
