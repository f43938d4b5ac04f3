//! Checking quoted words against their sources (DESIGN.md §7): for every quotation, a
//! verdict and, where a source was found, the matched excerpt and a word diff.
//!
//! Where to look, in order: the speaker's recorded wording in the registry, the local
//! copies (`file`) of the speaker's sources, then the sources the article names in its
//! front matter. Within each, the tiers of [`matching`]: an exact run of words (with cuts
//! and brackets), else the nearest aligned window, which is `altered` when it is close
//! enough and `not-found` otherwise.

pub mod diff;
mod evidence;
pub mod index;
pub mod matching;
pub mod pattern;
mod store;
pub mod words;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::attribution::Speaker;
use crate::document::Document;
use crate::extract::page::Wanted;
use crate::quotes::{QuoteAnalysis, QuoteKind};
use crate::registry::{EntryKind, Origin, Registry};

use diff::{DiffPart, DiffWord};
use index::SourceText;
use pattern::Pattern;

pub use store::{Evidence, Page, Recorded, SourceStore};
pub use words::normalize;

/// The verdict on one quotation's words (DESIGN.md §1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Verified,
    Altered,
    /// The words are recorded in the registry as another speaker's (CA005).
    Misattributed,
    NotFound,
    /// Only the speaker's recorded excerpts were searched, and none is this statement:
    /// a short list of excerpts is no evidence against a quotation.
    Unrecorded,
    #[default]
    NoSource,
    Unverifiable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::Altered => "altered",
            Verdict::Misattributed => "misattributed",
            Verdict::NotFound => "not-found",
            Verdict::Unrecorded => "unrecorded",
            Verdict::NoSource => "no-source",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// Where a quotation's words were found, or came nearest.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceMatch {
    /// The registry id of the source; `None` for a page linked in the quotation's sentence.
    pub id: Option<String>,
    pub url: Option<String>,
    /// The source's words that match, as the source writes them.
    pub excerpt: String,
    /// For an altered quotation: from the source's words to the quotation's.
    pub diff: Option<Vec<DiffPart>>,
    /// The share of the quotation's words that match, 1.0 for an exact match.
    pub score: f64,
    /// The recorded quotation in the registry that matched, if it was one.
    pub recorded: Option<Origin>,
    /// The local copy that matched, if it was one.
    pub file: Option<PathBuf>,
    /// The recorded wording is a translation, compared loosely.
    pub translated: bool,
    /// The fetched page that matched, as evidence.
    pub evidence: Option<Evidence>,
}

/// A source that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// The registry id of the source, or the URL of a link in the quotation's sentence.
    pub id: String,
    /// The local copy or the URL that was tried.
    pub location: String,
    pub reason: String,
    /// The source is gone (404, 410, no such host): `source-unreachable`, not
    /// `source-unverifiable`.
    pub gone: bool,
    /// For a source that is gone: the archived copy that was read in its place.
    pub archive_read: Option<String>,
}

/// The words are recorded in the registry, as someone else's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedElsewhere {
    pub source: String,
    pub by: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verification {
    pub verdict: Verdict,
    pub source: Option<SourceMatch>,
    pub unreadable: Vec<Unreadable>,
    pub recorded_elsewhere: Option<RecordedElsewhere>,
    /// The ids of the sources whose text was searched.
    pub checked: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VerifyOptions {
    /// The least share of matching words for a near match to be `altered` rather than
    /// `not-found`.
    pub threshold: f64,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions { threshold: 0.75 }
    }
}

/// Near matches need this many quoted words: shorter ones are near something by chance.
pub const MIN_ALTERED_WORDS: usize = 4;
/// A translation is verified when this share of its words match the recorded wording.
pub const TRANSLATION_THRESHOLD: f64 = 0.5;
/// How many recorded places one quotation's words are looked up in.
const MAX_RECORDED_MATCHES: usize = 64;

/// What one quotation is checked against.
struct Candidates {
    /// Segments of the recorded index.
    recorded: Vec<usize>,
    /// (source entry, file).
    files: Vec<(usize, PathBuf)>,
    /// Web pages: the `url` of the same sources (with their `archive`), then the links in
    /// the quotation's sentence. Empty unless URLs are sources in this run.
    urls: Vec<(Option<usize>, Wanted)>,
}

fn candidates(
    registry: &Registry,
    recorded: &Recorded,
    speaker: Option<&str>,
    front_matter: &[(String, crate::span::Span)],
    links: Option<&[&str]>,
) -> Candidates {
    let mut sources: Vec<usize> = Vec::new();
    if let Some(id) = speaker {
        sources.extend(recorded.sources_by.get(id).into_iter().flatten());
        // The speaker may be the document itself ("the report says").
        sources.extend(
            registry
                .index_of(id)
                .filter(|&e| registry.entries[e].kind == EntryKind::Source),
        );
    }
    for (id, _) in front_matter {
        if let Some(e) = registry.index_of(id) {
            if !sources.contains(&e) && registry.entries[e].source.is_some() {
                sources.push(e);
            }
        }
    }
    let speaker_is_source = speaker
        .and_then(|id| registry.get(id))
        .is_some_and(|e| e.kind == EntryKind::Source);
    let mut recorded_segments: Vec<usize> = sources
        .iter()
        .flat_map(|e| recorded.segments_of.get(e).into_iter().flatten())
        .copied()
        .filter(|&segment| {
            let (e, q) = recorded.owners[segment];
            let by = registry.entries[e]
                .source
                .as_ref()
                .and_then(|s| s.quotes[q].by.as_deref());
            // A recorded quotation said by someone else is not this speaker's wording,
            // even in a source the article names.
            match (speaker, by) {
                (Some(speaker), Some(by)) => speaker_is_source || by == speaker,
                _ => true,
            }
        })
        .collect();
    let files = sources
        .iter()
        .filter_map(|&e| {
            let file = registry.entries[e].source.as_ref()?.file.clone()?;
            Some((e, file))
        })
        .collect();
    recorded_segments.sort_unstable();
    recorded_segments.dedup();
    let mut urls: Vec<(Option<usize>, Wanted)> = Vec::new();
    if let Some(links) = links {
        for &e in &sources {
            let Some(source) = registry.entries[e].source.as_ref() else {
                continue;
            };
            if let Some(url) = &source.url {
                let wanted = Wanted {
                    url: url.clone(),
                    archive: source.archive.clone(),
                };
                urls.push((Some(e), wanted));
            }
        }
        for link in links {
            if !urls.iter().any(|(_, w)| w.url == *link) {
                let wanted = Wanted {
                    url: link.to_string(),
                    archive: None,
                };
                urls.push((None, wanted));
            }
        }
    }
    Candidates {
        recorded: recorded_segments,
        files,
        urls,
    }
}

/// The web links in the sentence (or sentences) that hold `quote`.
fn sentence_links<'d>(
    doc: &'d Document,
    analysis: &QuoteAnalysis,
    quote: &crate::quotes::Quote,
) -> Vec<&'d str> {
    if doc.links.is_empty() {
        return Vec::new();
    }
    // A blockquote has no sentence around it.
    let Some(open) = quote.open else {
        return Vec::new();
    };
    let extent = doc.blocks[analysis.marks[open].block].file_extent();
    // The sentence runs from the last sentence end before the quotation to the first one
    // after it, within its paragraph.
    let text = &doc.text;
    // A sentence ends at `.`, `!` or `?` before a space: not at the dots of a URL.
    let ends_at = |slice: &str, i: usize| slice[i + 1..].starts_with(char::is_whitespace);
    let before = &text[extent.start..quote.span.start.clamp(extent.start, extent.end)];
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && ends_at(before, i))
        .map_or(extent.start, |(i, _)| extent.start + i + 1);
    let after_from = quote.span.end.clamp(extent.start, extent.end);
    let after = &text[after_from..extent.end];
    let end = after
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && (i + 1 == after.len() || ends_at(after, i)))
        .map_or(extent.end, |(i, _)| after_from + i + 1);
    doc.links
        .iter()
        .filter(|l| l.span.start >= start && l.span.start < end)
        .map(|l| l.url.as_str())
        .collect()
}

/// Verifies every quotation of a document. The result is aligned with `analysis.quotes`.
pub fn verify_quotes(
    doc: &Document,
    analysis: &QuoteAnalysis,
    speakers: &[Option<Speaker>],
    registry: &Registry,
    store: &SourceStore,
    options: &VerifyOptions,
) -> Vec<Verification> {
    let urls = store.urls_enabled();
    if registry.is_empty() && (!urls || doc.links.is_empty()) {
        return vec![Verification::default(); analysis.quotes.len()];
    }
    let recorded = store.recorded(registry);
    analysis
        .quotes
        .iter()
        .zip(speakers)
        .map(|(quote, speaker)| {
            // A quotation inside a quotation is the inner speaker's; a term has no speaker.
            if quote.parent.is_some() || quote.kind == QuoteKind::Term {
                return Verification::default();
            }
            let speaker_id = speaker.as_ref().and_then(|s| s.registry_id.as_deref());
            let links = urls.then(|| sentence_links(doc, analysis, quote));
            let candidates = candidates(
                registry,
                recorded,
                speaker_id,
                &doc.sources,
                links.as_deref(),
            );
            // Nothing to search, and no recorded wording that could be someone else's.
            let nothing = candidates.recorded.is_empty()
                && candidates.files.is_empty()
                && candidates.urls.is_empty();
            if nothing && (speaker_id.is_none() || recorded.text.is_empty()) {
                return Verification::default();
            }
            verify_one(
                &quote.text,
                speaker_id,
                &candidates,
                registry,
                recorded,
                store,
                options,
            )
        })
        .collect()
}

/// One quotation's words checked against its candidate sources: gathered and matched tier
/// by tier (the exact words first, source by source), then the verdict decided.
fn verify_one(
    text: &str,
    speaker: Option<&str>,
    candidates: &Candidates,
    registry: &Registry,
    recorded: &Recorded,
    store: &SourceStore,
    options: &VerifyOptions,
) -> Verification {
    let mut verification = Verification::default();
    let pattern = Pattern::parse(text);
    if pattern.is_empty() {
        return verification;
    }
    let sources = Matches { registry, recorded };
    // Tiers 1 and 2: the exact words, in the speaker's recorded wording, then in each
    // source as it is read (a source after the one that has them is never read).
    let mut read = ReadSources::default();
    if let Some(found) = exact_match(&pattern, candidates, &sources, store, &mut read) {
        verification.verdict = Verdict::Verified;
        verification.source = Some(found);
        verification.unreadable = read.unreadable;
        return verification;
    }
    let quote_words: Vec<&words::QuoteWord> = pattern.words().collect();
    verification.recorded_elsewhere = recorded_elsewhere(&pattern, &quote_words, speaker, &sources);
    // Tier 3: the nearest wording, recorded or in a source that was read.
    let best = nearest(text, &quote_words, candidates, &sources, &read);
    verification.checked = searched_sources(candidates, &sources, &read);
    verification.unreadable = std::mem::take(&mut read.unreadable);
    let evidence = read.files.len() + read.pages.iter().filter(|(e, _, _)| e.is_some()).count() > 0
        || evidence::recorded_statement(&quote_words, recorded, &candidates.recorded);
    decide(
        &mut verification,
        best,
        read.blocked,
        evidence,
        quote_words.len(),
        options,
    );
    verification
}

/// Where a quotation's words were found: the source, the excerpt, how close.
struct Matches<'a> {
    registry: &'a Registry,
    recorded: &'a Recorded,
}

impl Matches<'_> {
    fn source_id(&self, e: usize) -> String {
        self.registry.entries[e].id.clone()
    }

    /// The source entry and recorded quotation of a segment of the recorded index.
    fn recorded_quote(&self, segment: usize) -> (usize, &crate::registry::RecordedQuote) {
        let (e, q) = self.recorded.owners[segment];
        let source = self.registry.entries[e]
            .source
            .as_ref()
            .expect("owners are sources");
        (e, &source.quotes[q])
    }

    /// A match in a recorded quotation (`recorded`) or in a local copy (`file`).
    fn found(
        &self,
        e: usize,
        recorded: Option<&crate::registry::RecordedQuote>,
        file: Option<&Path>,
        excerpt: String,
        score: f64,
        diff: Option<Vec<DiffPart>>,
    ) -> SourceMatch {
        SourceMatch {
            id: Some(self.source_id(e)),
            url: self.registry.entries[e]
                .source
                .as_ref()
                .and_then(|s| s.url.clone()),
            excerpt,
            diff,
            score,
            recorded: recorded.map(|q| q.origin),
            file: file.map(Path::to_path_buf),
            translated: recorded.is_some_and(|q| q.translated_from.is_some()),
            evidence: None,
        }
    }

    fn recorded_match(
        &self,
        segment: usize,
        excerpt: String,
        score: f64,
        diff: Option<Vec<DiffPart>>,
    ) -> SourceMatch {
        let (e, quote) = self.recorded_quote(segment);
        self.found(e, Some(quote), None, excerpt, score, diff)
    }

    fn file_match(
        &self,
        e: usize,
        path: &Path,
        excerpt: String,
        score: f64,
        diff: Option<Vec<DiffPart>>,
    ) -> SourceMatch {
        self.found(e, None, Some(path), excerpt, score, diff)
    }

    /// A fetched page: a registry source's `url` (or its archive), or a link.
    fn page_match(
        &self,
        e: Option<usize>,
        page: &Page,
        excerpt: String,
        score: f64,
        diff: Option<Vec<DiffPart>>,
    ) -> SourceMatch {
        SourceMatch {
            id: e.map(|e| self.source_id(e)),
            url: Some(page.fetched.entry.url.clone()),
            excerpt,
            diff,
            score,
            recorded: None,
            file: None,
            translated: false,
            evidence: Some(page.evidence()),
        }
    }
}

/// The sources read for one quotation so far, and those that could not be.
#[derive(Default)]
struct ReadSources {
    files: Vec<(usize, PathBuf, Arc<SourceText>)>,
    pages: Vec<(Option<usize>, Arc<Page>, Arc<SourceText>)>,
    unreadable: Vec<Unreadable>,
    /// A source that could not be read may hold the words: then a miss is not `not-found`.
    blocked: bool,
}

impl ReadSources {
    /// Gathers a local copy: its text, or why it could not be read.
    fn read_file(
        &mut self,
        store: &SourceStore,
        sources: &Matches,
        e: usize,
        path: &Path,
    ) -> Option<Arc<SourceText>> {
        match store.file(path) {
            Ok(source) => Some(source),
            Err(reason) => {
                self.blocked = true;
                self.unreadable.push(Unreadable {
                    id: sources.source_id(e),
                    location: crate::setup::display_path(path),
                    reason,
                    gone: false,
                    archive_read: None,
                });
                None
            }
        }
    }

    /// Gathers a web page (or, when it is gone, its archived copy): the page and its text,
    /// or why it could not be read. `None` when the run did not fetch it.
    fn read_page(
        &mut self,
        store: &SourceStore,
        sources: &Matches,
        e: Option<usize>,
        wanted: &Wanted,
    ) -> Option<Option<(Arc<Page>, Arc<SourceText>)>> {
        let page = store.page(wanted)?;
        let id = e.map_or_else(|| wanted.url.clone(), |e| sources.source_id(e));
        let unreadable = |page: &Page, reason: &str| Unreadable {
            id: id.clone(),
            location: page.fetched.entry.url.clone(),
            reason: reason.to_string(),
            gone: page.gone(),
            archive_read: None,
        };
        let readable = match &page.text {
            Ok(text) => Some((page.clone(), Arc::clone(text))),
            Err(reason) => {
                self.unreadable.push(unreadable(&page, reason));
                // A source that is gone may live on in its archive.
                let archive = wanted.archive.as_ref().filter(|_| page.gone());
                let archived = archive.and_then(|a| {
                    store.page(&Wanted {
                        url: a.clone(),
                        archive: None,
                    })
                });
                match archived {
                    Some(archived) => match &archived.text {
                        Ok(text) => {
                            if let Some(gone) = self.unreadable.last_mut() {
                                gone.archive_read = Some(archived.fetched.entry.url.clone());
                            }
                            Some((archived.clone(), Arc::clone(text)))
                        }
                        Err(reason) => {
                            self.unreadable.push(unreadable(&archived, reason));
                            None
                        }
                    },
                    None => None,
                }
            }
        };
        if readable.is_none() {
            self.blocked = true;
        }
        Some(readable)
    }
}

/// Tiers 1 and 2: the exact words in the recorded wording, then in each local copy and
/// web page in turn, reading each only when the ones before did not have them.
fn exact_match(
    pattern: &Pattern,
    candidates: &Candidates,
    sources: &Matches,
    store: &SourceStore,
    read: &mut ReadSources,
) -> Option<SourceMatch> {
    let recorded = sources.recorded;
    let is_candidate = |segment: usize| candidates.recorded.binary_search(&segment).is_ok();
    let exact = matching::find_in_segments(pattern, &recorded.text, None, &is_candidate, 1);
    if let Some(words) = exact.into_iter().next() {
        let segment = recorded.text.segment_of(words.start);
        let excerpt = shown_excerpt(recorded.text.excerpt(words));
        return Some(sources.recorded_match(segment, excerpt, 1.0, None));
    }
    for (e, path) in &candidates.files {
        let Some(source) = read.read_file(store, sources, *e, path) else {
            continue;
        };
        if let Some(words) = matching::find(pattern, &source, None, 1).into_iter().next() {
            let excerpt = shown_excerpt(source.excerpt(words));
            return Some(sources.file_match(*e, path, excerpt, 1.0, None));
        }
        read.files.push((*e, path.clone(), source));
    }
    // Then the web pages, when this run reads them.
    for (e, wanted) in &candidates.urls {
        let Some(Some((page, source))) = read.read_page(store, sources, *e, wanted) else {
            continue;
        };
        if let Some(words) = matching::find(pattern, &source, None, 1).into_iter().next() {
            let excerpt = shown_excerpt(source.excerpt(words));
            return Some(sources.page_match(*e, &page, excerpt, 1.0, None));
        }
        read.pages.push((*e, page, source));
    }
    None
}

/// Not the speaker's words: are they recorded as someone else's? (Short phrases such as
/// "thank you" are everybody's.)
fn recorded_elsewhere(
    pattern: &Pattern,
    quote_words: &[&words::QuoteWord],
    speaker: Option<&str>,
    sources: &Matches,
) -> Option<RecordedElsewhere> {
    let speaker = speaker.filter(|_| quote_words.len() >= MIN_ALTERED_WORDS)?;
    let elsewhere = |segment: usize| {
        sources
            .recorded_quote(segment)
            .1
            .by
            .as_deref()
            .is_some_and(|by| by != speaker)
    };
    let text = &sources.recorded.text;
    let words = matching::find_in_segments(pattern, text, None, &elsewhere, 1)
        .into_iter()
        .next()?;
    let (e, quote) = sources.recorded_quote(text.segment_of(words.start));
    Some(RecordedElsewhere {
        source: sources.source_id(e),
        by: quote.by.clone().unwrap_or_default(),
        origin: quote.origin,
    })
}

/// Tier 3: the nearest wording, recorded or in a source that was read, with its score.
fn nearest(
    text: &str,
    quote_words: &[&words::QuoteWord],
    candidates: &Candidates,
    sources: &Matches,
    read: &ReadSources,
) -> Option<(f64, SourceMatch)> {
    let recorded = sources.recorded;
    let mut best: Option<(f64, SourceMatch)> = None;
    let mut consider =
        |source: &SourceText,
         within: Option<std::ops::Range<usize>>,
         make: &dyn Fn(f64, String, Vec<DiffPart>) -> SourceMatch| {
            let ids: Vec<u32> = quote_words.iter().map(|w| source.id(&w.word)).collect();
            let Some(aligned) = matching::align(&ids, source, within.clone()) else {
                return;
            };
            let score = aligned.score();
            if best.as_ref().is_some_and(|(b, _)| *b >= score) {
                return;
            }
            let bounds = within.unwrap_or(0..source.len());
            let shown = matching::widen(aligned.words.clone(), &ids, source, bounds, 3);
            let source_words: Vec<DiffWord> = shown
                .clone()
                .map(|k| DiffWord {
                    id: source.ids[k],
                    shown: source.word(k),
                })
                .collect();
            let quoted: Vec<DiffWord> = quote_words
                .iter()
                .zip(&ids)
                .map(|(w, &id)| DiffWord {
                    id,
                    shown: &text[w.bytes.clone()],
                })
                .collect();
            let diff = diff::word_diff(&source_words, &quoted);
            best = Some((
                score,
                make(score, shown_excerpt(source.excerpt(shown)), diff),
            ));
        };
    for segment in near_segments(quote_words, recorded, &candidates.recorded) {
        let range = recorded.text.segments[segment].clone();
        consider(&recorded.text, Some(range), &|score, excerpt, diff| {
            sources.recorded_match(segment, excerpt, score, Some(diff))
        });
    }
    for (e, path, source) in &read.files {
        consider(source, None, &|score, excerpt, diff| {
            sources.file_match(*e, path, excerpt, score, Some(diff))
        });
    }
    for (e, page, source) in &read.pages {
        consider(source, None, &|score, excerpt, diff| {
            sources.page_match(*e, page, excerpt, score, Some(diff))
        });
    }
    best
}

/// The sources the quotation was searched in, each once.
fn searched_sources(candidates: &Candidates, sources: &Matches, read: &ReadSources) -> Vec<String> {
    let mut checked: Vec<String> = Vec::new();
    let searched = candidates
        .recorded
        .iter()
        .map(|&segment| sources.source_id(sources.recorded.owners[segment].0))
        .chain(read.files.iter().map(|(e, _, _)| sources.source_id(*e)))
        // A link in the sentence may be to anything (the bill, the speaker's biography):
        // it counts as a source only where the words are on it, or nearly. Missing from
        // it, the quotation is not called `not-found`.
        .chain(
            read.pages
                .iter()
                .filter_map(|(e, _, _)| e.map(|e| sources.source_id(e))),
        );
    for id in searched {
        if !checked.contains(&id) {
            checked.push(id);
        }
    }
    checked
}

/// The verdict from the nearest wording found, whether a source could not be read, and
/// whether any was searched. `evidence`: a searched text could hold the quotation (a local
/// copy, a fetched source page, or recorded wording of the same statement); without it a
/// miss is `unrecorded`, not `not-found`.
fn decide(
    verification: &mut Verification,
    best: Option<(f64, SourceMatch)>,
    blocked: bool,
    evidence: bool,
    quote_words: usize,
    options: &VerifyOptions,
) {
    let searched = !verification.checked.is_empty();
    match best {
        // Every word aligned: a match the exact tier gave up on (too many places to try).
        Some((score, mut found)) if score >= 1.0 => {
            found.diff = None;
            verification.verdict = Verdict::Verified;
            verification.source = Some(found);
        }
        Some((score, mut found)) if found.translated && score >= TRANSLATION_THRESHOLD => {
            // A translation is the writer's or the translator's wording: never altered.
            found.diff = None;
            verification.verdict = Verdict::Verified;
            verification.source = Some(found);
        }
        Some((score, found))
            if !found.translated
                && score >= options.threshold
                && quote_words >= MIN_ALTERED_WORDS =>
        {
            verification.verdict = Verdict::Altered;
            verification.source = Some(found);
        }
        _ if blocked => verification.verdict = Verdict::Unverifiable,
        _ if searched && evidence => verification.verdict = Verdict::NotFound,
        _ if searched => verification.verdict = Verdict::Unrecorded,
        _ => {}
    }
    if verification.verdict == Verdict::Verified {
        verification.recorded_elsewhere = None;
    } else if verification.recorded_elsewhere.is_some() {
        // The words are someone else's on record: that is the verdict CA005 reports.
        verification.verdict = Verdict::Misattributed;
    }
}

/// Recorded quotations worth aligning a quotation with: among `candidates`, those that
/// share one of its rarer words, most shared first. A speaker with thousands of recorded
/// quotations must not cost thousands of alignments per quotation.
fn near_segments(
    quote: &[&words::QuoteWord],
    recorded: &Recorded,
    candidates: &[usize],
) -> Vec<usize> {
    const MAX_SEGMENTS: usize = 8;
    const MAX_FREQUENCY: usize = 50_000;
    if candidates.len() <= MAX_SEGMENTS {
        return candidates.to_vec();
    }
    const VOTERS: usize = 6;
    let mut voters: Vec<&[u32]> = quote
        .iter()
        .map(|w| recorded.text.positions(recorded.text.id(&w.word)))
        .filter(|p| !p.is_empty() && p.len() <= MAX_FREQUENCY)
        .collect();
    voters.sort_by_key(|p| p.len());
    voters.dedup();
    let mut hits: HashMap<usize, usize> = HashMap::new();
    for positions in voters.into_iter().take(VOTERS) {
        for &p in positions {
            let segment = recorded.text.segment_of(p as usize);
            if candidates.binary_search(&segment).is_ok() {
                *hits.entry(segment).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = hits.into_iter().collect();
    ranked.sort_by_key(|&(segment, n)| (std::cmp::Reverse(n), segment));
    ranked
        .into_iter()
        .take(MAX_SEGMENTS)
        .map(|(segment, _)| segment)
        .collect()
}

/// A source's words as a reader sees them: line breaks and runs of spaces made one space.
fn shown_excerpt(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a quotation that lost its opening mark begins, by the registry's wording: the
/// prose offset of the first word of the longest run of words (three at least) that ends
/// at the end of `before` and is recorded word for word.
pub fn recorded_start(recorded: &Recorded, before: &str) -> Option<usize> {
    const MIN_RUN: usize = 3;
    const MAX_LOOKBACK: usize = 200;
    let all = words::words(before);
    let tail = &all[all.len().saturating_sub(MAX_LOOKBACK)..];
    let ids: Vec<u32> = tail.iter().map(|w| recorded.text.id(&w.word)).collect();
    let last = *ids.last()?;
    let mut best = 0;
    for &p in recorded
        .text
        .positions(last)
        .iter()
        .take(MAX_RECORDED_MATCHES)
    {
        let p = p as usize;
        let segment = &recorded.text.segments[recorded.text.segment_of(p)];
        let mut run = 1;
        while run < ids.len()
            && p >= segment.start + run
            && recorded.text.ids[p - run] == ids[ids.len() - 1 - run]
        {
            run += 1;
        }
        best = best.max(run);
    }
    (best >= MIN_RUN).then(|| tail[tail.len() - best].bytes.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_start_finds_where_the_recorded_words_begin() {
        let recorded = Recorded {
            text: SourceText::segmented(["We will open the new clinic in March.", "Other words."]),
            owners: vec![(0, 0), (0, 1)],
            ..Recorded::default()
        };
        let before = "The mayor was upbeat. We will open the new clinic in March.";
        let at = recorded_start(&recorded, before).unwrap();
        assert_eq!(&before[at..], "We will open the new clinic in March.");
        assert_eq!(recorded_start(&recorded, "Nothing like it at all."), None);
    }
}
