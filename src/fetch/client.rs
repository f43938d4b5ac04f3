//! The fetcher: one reqwest client on a tokio runtime started for this phase only.
//!
//! Politeness: a bound on requests in flight overall and per host, and a least interval
//! between requests to one host. Patience: retries with exponential backoff (backon) only
//! for timeouts, reset connections, 429, 502, 503 and 504, honouring `Retry-After` up to a
//! cap. Safety: the guard checks every URL before its request, the resolver checks every
//! address a name resolves to, redirects are followed by hand so that every hop is checked,
//! a body is cut off at a size counted after decompression, and each URL has a total time
//! limit. Each URL is fetched once per run, however many quotations need it.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};
use tokio::sync::{Semaphore, SemaphorePermit};
use url::Url;

use super::cache::{self, Cache, Entry, Lookup, Outcome};
use super::guard::{Guard, Refusal};
use super::{FetchOptions, Fetched, Mode, Wanted};
use crate::extract::{self, walls};

/// Fetches every wanted URL (and the archived copy of each one that is gone) and returns
/// each URL's result. `progress(done, total)` is called as URLs finish.
pub fn fetch_all(
    wanted: &[Wanted],
    options: &FetchOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<HashMap<String, Fetched>, String> {
    let mut urls: Vec<&Wanted> = wanted.iter().collect();
    urls.sort();
    urls.dedup_by(|a, b| a.url == b.url);
    if urls.is_empty() {
        return Ok(HashMap::new());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("citelint-fetch")
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the network runtime: {e}"))?;
    let fetcher = Arc::new(Fetcher::new(options)?);
    let total = urls.len();
    runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for want in urls {
            let fetcher = Arc::clone(&fetcher);
            let want = want.clone();
            tasks.spawn(async move {
                let mut results = vec![(want.url.clone(), fetcher.fetch(&want.url).await)];
                let gone = matches!(results[0].1.entry.outcome, Outcome::Unreachable { .. });
                if let (true, Some(archive)) = (gone, &want.archive) {
                    results.push((archive.clone(), fetcher.fetch(archive).await));
                }
                results
            });
        }
        let mut fetched = HashMap::new();
        let mut done = 0;
        while let Some(joined) = tasks.join_next().await {
            done += 1;
            progress(done, total);
            // A task that panicked loses its URL, which then reads as not fetched.
            if let Ok(results) = joined {
                fetched.extend(results);
            }
        }
        Ok(fetched)
    })
}

/// One host's share of the fetcher: how many requests it may have in flight, and when the
/// next may start.
struct Host {
    permits: Arc<Semaphore>,
    next: tokio::sync::Mutex<Instant>,
    /// Set when the host's name turned out not to exist.
    gone: std::sync::OnceLock<Outcome>,
}

struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
    cache: Cache,
    in_flight: Semaphore,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
}

/// A request that came to nothing usable: what it means, and the last status (0: none).
struct Failure(Outcome, u16);

impl Fetcher {
    fn new(options: &FetchOptions) -> Result<Fetcher, String> {
        let mut builder = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .gzip(true)
            .brotli(true)
            .dns_resolver(GuardedResolver {
                guard: options.guard,
                timeout: options.connect_timeout,
            });
        for (host, addr) in &options.resolve_overrides {
            builder = builder.resolve(host, *addr);
        }
        let client = builder
            .build()
            .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            options: options.clone(),
            cache: options.cache(),
            in_flight: Semaphore::new(options.concurrency.max(1)),
            hosts: Mutex::new(HashMap::new()),
        })
    }

    /// One URL: the cache when it is fresh (or, offline, whenever it has the URL), else the
    /// network under the total time limit; the result is cached.
    async fn fetch(&self, url: &str) -> Fetched {
        let cache_file = Some(self.cache.path_of(url));
        let parsed = match Url::parse(url) {
            Ok(parsed) => parsed,
            Err(e) => return uncached(unverifiable(url, 0, format!("not a valid URL: {e}"))),
        };
        if let Err(reason) = self.permitted(&parsed) {
            // A refusal depends on this run's settings, not on the source: never cached.
            return uncached(unverifiable(url, 0, reason));
        }
        let lookup = self.cache.lookup(url);
        if self.options.mode == Mode::Offline {
            return match lookup {
                Lookup::Fresh(entry) | Lookup::Stale(entry) => Fetched { entry, cache_file },
                Lookup::Missing => uncached(unverifiable(
                    url,
                    0,
                    format!(
                        "not in the fetch cache ({}); run once with --online",
                        crate::setup::display_path(&self.cache.dir)
                    ),
                )),
            };
        }
        let stale = match lookup {
            Lookup::Fresh(entry) => return Fetched { entry, cache_file },
            Lookup::Stale(entry) if entry.is_fetched() => Some(entry),
            Lookup::Stale(_) | Lookup::Missing => None,
        };
        let entry = self.fetch_network(url, parsed, stale).await;
        match self.cache.write(&entry) {
            Ok(path) => Fetched {
                entry,
                cache_file: Some(path),
            },
            // Without a cache the run still has its answer; only the evidence file is lost.
            Err(_) => uncached(entry),
        }
    }

    /// The guard and the host lists.
    fn permitted(&self, url: &Url) -> Result<(), String> {
        self.options.guard.check_url(url).map_err(|r| r.0)?;
        self.options
            .host_permitted(url.host_str().unwrap_or_default())
    }

    /// Fetches `first`, following redirects. The total time limit runs from the URL's first
    /// turn at its host, not from when it was queued: a thousand links to one site wait
    /// their turn politely without timing out.
    async fn fetch_network(&self, url: &str, first: Url, stale: Option<Entry>) -> Entry {
        let mut current = first;
        let mut visited = HashSet::new();
        let mut deadline = None;
        for _ in 0..=self.options.max_redirects {
            if let Err(reason) = self.permitted(&current) {
                return Entry {
                    final_url: current.to_string(),
                    ..unverifiable(
                        url,
                        0,
                        format!("redirected to {current}, which is refused: {reason}"),
                    )
                };
            }
            visited.insert(current.to_string());
            // The validators belong to the URL they came from.
            let validators = stale.as_ref().filter(|s| s.final_url == current.as_str());
            let sent = self.send(&current, validators, &mut deadline).await;
            let (response, permits) = match sent {
                Ok(sent) => sent,
                Err(Failure(outcome, status)) => {
                    return Entry {
                        final_url: current.to_string(),
                        ..Entry::failure(url, status, outcome)
                    };
                }
            };
            let status = response.status();
            if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                let next = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| current.join(l).ok());
                let Some(next) = next else {
                    return unverifiable(
                        url,
                        status.as_u16(),
                        format!("{} without a usable Location", status_text(status)),
                    );
                };
                if visited.contains(next.as_str()) {
                    return Entry {
                        final_url: current.to_string(),
                        ..unverifiable(
                            url,
                            status.as_u16(),
                            format!("a redirect loop ({current} → {next})"),
                        )
                    };
                }
                current = next;
                continue;
            }
            if status == StatusCode::NOT_MODIFIED {
                if let Some(stale) = stale.filter(|s| s.final_url == current.as_str()) {
                    return Entry {
                        fetched_at: cache::now(),
                        ..stale
                    };
                }
            }
            let until = deadline.unwrap_or_else(|| self.deadline_from_now());
            let entry = self.read(url, &current, response, until).await;
            drop(permits);
            return entry;
        }
        unverifiable(
            url,
            0,
            format!("more than {} redirects", self.options.max_redirects),
        )
    }

    /// Sends one GET, retrying what is worth retrying. The permits are held until the body
    /// has been read.
    async fn send(
        &self,
        url: &Url,
        validators: Option<&Entry>,
        deadline: &mut Option<tokio::time::Instant>,
    ) -> Result<(Response, Permits<'_>), Failure> {
        let host = self.host(url);
        let mut backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(250))
            .with_max_delay(Duration::from_secs(8))
            .with_max_times(self.options.retries)
            .with_jitter()
            .build();
        loop {
            // A host that does not exist is asked about once, not once per URL.
            if let Some(gone) = host.gone.get() {
                return Err(Failure(gone.clone(), 0));
            }
            let permits = self.permits(&host).await;
            if let Some(gone) = host.gone.get() {
                return Err(Failure(gone.clone(), 0));
            }
            let until = *deadline.get_or_insert_with(|| self.deadline_from_now());
            let mut request = self.client.get(url.clone());
            if let Some(entry) = validators {
                request = request.headers(conditional_headers(entry));
            }
            let sent = match tokio::time::timeout_at(until, request.send()).await {
                Ok(sent) => sent,
                Err(_) => return Err(Failure(self.out_of_time(), 0)),
            };
            let (retry_after, failure) = match sent {
                Ok(response) if !retryable_status(response.status()) => {
                    return Ok((response, permits));
                }
                Ok(response) => {
                    let status = response.status();
                    let wait = retry_after(response.headers());
                    let failure = Failure(
                        Outcome::Unverifiable {
                            reason: format!(
                                "{}, still after {} retries",
                                status_text(status),
                                self.options.retries
                            ),
                        },
                        status.as_u16(),
                    );
                    if let Some(wait) = wait.filter(|w| *w > self.options.max_retry_after) {
                        return Err(Failure(
                            Outcome::Unverifiable {
                                reason: format!(
                                    "{}; the server asked to wait {} s, more than the {} s citelint waits",
                                    status_text(status),
                                    wait.as_secs(),
                                    self.options.max_retry_after.as_secs()
                                ),
                            },
                            status.as_u16(),
                        ));
                    }
                    (wait, failure)
                }
                Err(e) => {
                    let failure = Failure(classify(&e), 0);
                    if let Outcome::Unreachable { .. } = &failure.0 {
                        let _ = host.gone.set(failure.0.clone());
                    }
                    if !(e.is_timeout() || is_reset(&e)) {
                        return Err(failure);
                    }
                    (None, failure)
                }
            };
            drop(permits);
            let Some(delay) = backoff.next() else {
                return Err(failure);
            };
            let wait = retry_after.unwrap_or(delay);
            if tokio::time::Instant::now() + wait > until {
                return Err(failure);
            }
            tokio::time::sleep(wait).await;
        }
    }

    fn deadline_from_now(&self) -> tokio::time::Instant {
        tokio::time::Instant::now() + self.options.total_timeout
    }

    fn out_of_time(&self) -> Outcome {
        Outcome::Unverifiable {
            reason: format!(
                "no complete answer within {} s",
                self.options.total_timeout.as_secs_f64()
            ),
        }
    }

    /// The host of `url` (with its port): its queue, its pace, and whether it exists.
    fn host(&self, url: &Url) -> Arc<Host> {
        let key = match (url.host_str(), url.port_or_known_default()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (host, _) => host.unwrap_or_default().to_string(),
        };
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(hosts.entry(key).or_insert_with(|| {
            Arc::new(Host {
                permits: Arc::new(Semaphore::new(self.options.per_host.max(1))),
                next: tokio::sync::Mutex::new(Instant::now()),
                gone: std::sync::OnceLock::new(),
            })
        }))
    }

    /// A place among the requests in flight, overall and at the host, at the host's pace.
    async fn permits(&self, host: &Arc<Host>) -> Permits<'_> {
        // The host's place and pace first: a slow or busy host must not hold places in
        // flight that other hosts could use.
        let host_permit = Arc::clone(&host.permits).acquire_owned().await.ok();
        {
            let mut next = host.next.lock().await;
            let now = Instant::now();
            if *next > now {
                tokio::time::sleep(*next - now).await;
            }
            *next = Instant::now().max(*next) + self.options.host_interval;
        }
        let overall = self.in_flight.acquire().await.ok();
        Permits {
            _overall: overall,
            _host: host_permit,
        }
    }

    /// Reads and judges a final response.
    async fn read(
        &self,
        url: &str,
        final_url: &Url,
        mut response: Response,
        until: tokio::time::Instant,
    ) -> Entry {
        let status = response.status();
        let code = status.as_u16();
        let header_text = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header_text(header::CONTENT_TYPE);
        let etag = header_text(header::ETAG);
        let last_modified = header_text(header::LAST_MODIFIED);
        let mut body = Vec::new();
        let limit = self.options.max_body;
        loop {
            let Ok(chunk) = tokio::time::timeout_at(until, response.chunk()).await else {
                return Entry::failure(url, code, self.out_of_time());
            };
            match chunk {
                Ok(Some(chunk)) => {
                    if (body.len() + chunk.len()) as u64 > limit {
                        return unverifiable(
                            url,
                            code,
                            format!(
                                "the page is larger than {} (counted after decompression)",
                                megabytes(limit)
                            ),
                        );
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Entry::failure(url, code, classify(&e)),
            }
        }
        let sha256 = cache::sha256_hex(&body);
        let base = Entry {
            final_url: final_url.to_string(),
            content_type: content_type.clone(),
            sha256: Some(sha256),
            ..Entry::failure(url, code, Outcome::Fetched)
        };
        let failed = |outcome| Entry {
            outcome,
            ..base.clone()
        };
        if matches!(code, 404 | 410) {
            return failed(Outcome::Unreachable {
                reason: status_text(status),
            });
        }
        if !status.is_success() {
            let wall = walls::wall_in(&String::from_utf8_lossy(&body));
            let reason = match wall {
                Some(wall) => format!("{} ({wall})", status_text(status)),
                None => status_text(status),
            };
            return failed(Outcome::Unverifiable { reason });
        }
        let path = final_url.path().to_string();
        let extracted = tokio::task::spawn_blocking(move || {
            extract::text_of_response(body, content_type.as_deref(), &path)
        })
        .await
        .unwrap_or_else(|_| Err("the page could not be read".to_string()));
        match extracted {
            Err(reason) => failed(Outcome::Unverifiable { reason }),
            Ok(text) => {
                if let Some(wall) = walls::wall_in(&text) {
                    return failed(Outcome::Unverifiable {
                        reason: format!("the server answered with {wall}, not the source"),
                    });
                }
                Entry {
                    etag,
                    last_modified,
                    text: Some(text),
                    ..base
                }
            }
        }
    }
}

struct Permits<'a> {
    _overall: Option<SemaphorePermit<'a>>,
    _host: Option<tokio::sync::OwnedSemaphorePermit>,
}

fn uncached(entry: Entry) -> Fetched {
    Fetched {
        entry,
        cache_file: None,
    }
}

fn unverifiable(url: &str, status: u16, reason: String) -> Entry {
    Entry::failure(url, status, Outcome::Unverifiable { reason })
}

fn status_text(status: StatusCode) -> String {
    format!("HTTP {status}")
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

fn conditional_headers(entry: &Entry) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let mut set = |name, value: &Option<String>| {
        if let Some(value) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(name, value);
        }
    };
    set(header::IF_NONE_MATCH, &entry.etag);
    set(header::IF_MODIFIED_SINCE, &entry.last_modified);
    headers
}

/// What a transport error means for the source.
fn classify(error: &reqwest::Error) -> Outcome {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(refusal) = e.downcast_ref::<RefusedAddress>() {
            return Outcome::Unverifiable {
                reason: refusal.0.to_string(),
            };
        }
        if let Some(missing) = e.downcast_ref::<NoSuchHost>() {
            return Outcome::Unreachable {
                reason: missing.to_string(),
            };
        }
        source = e.source();
    }
    let reason = if error.is_timeout() {
        "the server did not answer in time".to_string()
    } else if error.is_decode() {
        "the body could not be decompressed".to_string()
    } else if error.is_connect() {
        format!("cannot connect: {}", innermost(error))
    } else {
        format!("the request failed: {}", innermost(error))
    };
    Outcome::Unverifiable { reason }
}

fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

fn is_reset(error: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::UnexpectedEof
            ) {
                return true;
            }
        }
        source = e.source();
    }
    false
}

/// The name resolves to nothing: the source is gone.
#[derive(Debug)]
struct NoSuchHost(String);

impl std::fmt::Display for NoSuchHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no such host: {}", self.0)
    }
}

impl std::error::Error for NoSuchHost {}

/// The name resolves only to addresses the guard refuses.
#[derive(Debug)]
struct RefusedAddress(Refusal);

impl std::fmt::Display for RefusedAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for RefusedAddress {}

/// The system resolver, with the guard applied to every address it returns. Names under
/// `.invalid` never exist (RFC 6761), so they are answered without asking anyone.
struct GuardedResolver {
    guard: Guard,
    /// A resolver that does not answer is given as long as a connection.
    timeout: Duration,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = self.guard;
        let timeout = self.timeout;
        let host = name.as_str().to_string();
        Box::pin(async move {
            type BoxError = Box<dyn std::error::Error + Send + Sync>;
            let bare = host.trim_end_matches('.').to_ascii_lowercase();
            if bare == "invalid" || bare.ends_with(".invalid") {
                return Err(Box::new(NoSuchHost(host)) as BoxError);
            }
            let lookup = tokio::net::lookup_host(format!("{host}:0"));
            let Ok(looked_up) = tokio::time::timeout(timeout, lookup).await else {
                let why = format!(
                    "looking up {host} took longer than {} s",
                    timeout.as_secs_f64()
                );
                return Err(
                    Box::new(std::io::Error::new(std::io::ErrorKind::TimedOut, why)) as BoxError,
                );
            };
            let addrs: Vec<SocketAddr> = match looked_up {
                Ok(addrs) => addrs.collect(),
                // "Temporary failure in name resolution": the resolver, not the name.
                Err(e) if e.to_string().contains("emporar") => return Err(Box::new(e) as BoxError),
                Err(_) => return Err(Box::new(NoSuchHost(host)) as BoxError),
            };
            if addrs.is_empty() {
                return Err(Box::new(NoSuchHost(host)) as BoxError);
            }
            let allowed = guard
                .filter_resolved(&host, addrs)
                .map_err(|r| Box::new(RefusedAddress(r)) as BoxError)?;
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn resolve(resolver: &GuardedResolver, name: &str) -> Result<Vec<SocketAddr>, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            resolver
                .resolve(Name::from_str(name).unwrap())
                .await
                .map(|addrs| addrs.collect())
                .map_err(|e| e.to_string())
        })
    }

    #[test]
    fn the_resolver_refuses_names_that_resolve_to_private_addresses() {
        let guarded = GuardedResolver {
            guard: Guard::default(),
            timeout: Duration::from_secs(5),
        };
        // `localhost` comes from the hosts file, not the network.
        let err = resolve(&guarded, "localhost").unwrap_err();
        assert!(err.starts_with("`localhost` resolves to "), "{err}");
        assert!(err.contains("a loopback address"), "{err}");
        let open = GuardedResolver {
            guard: Guard {
                allow_private: true,
            },
            timeout: Duration::from_secs(5),
        };
        let addrs = resolve(&open, "localhost").unwrap();
        assert!(addrs.iter().all(|a| a.ip().is_loopback()), "{addrs:?}");
    }

    #[test]
    fn invalid_names_do_not_exist_without_asking_anyone() {
        let guarded = GuardedResolver {
            guard: Guard::default(),
            timeout: Duration::from_secs(5),
        };
        assert_eq!(
            resolve(&guarded, "press.invalid").unwrap_err(),
            "no such host: press.invalid"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        let later = std::time::SystemTime::now() + Duration::from_secs(120);
        let date = httpdate::fmt_http_date(later);
        headers.insert(header::RETRY_AFTER, HeaderValue::from_str(&date).unwrap());
        let wait = retry_after(&headers).unwrap();
        assert!(wait > Duration::from_secs(100) && wait <= Duration::from_secs(120));
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }
}
