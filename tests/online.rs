//! `--online` and `--offline` end to end, against local servers started inside each test
//! (wiremock, 127.0.0.1 only). Every test runs the real binary on an article and a registry
//! written into a temporary folder, and reads the JSON it prints.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Run {
    status: i32,
    json: Value,
    stderr: String,
}

impl Run {
    fn quotes(&self) -> &Vec<Value> {
        self.json["files"][0]["quotes"].as_array().unwrap()
    }

    fn verdicts(&self) -> Vec<&str> {
        self.quotes()
            .iter()
            .map(|q| q["verdict"].as_str().unwrap())
            .collect()
    }

    /// (code, message) of every finding.
    fn findings(&self) -> Vec<(String, String)> {
        self.json["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    fn codes(&self) -> Vec<String> {
        self.findings().into_iter().map(|(c, _)| c).collect()
    }
}

/// Runs `citelint check story.md --format json ARGS` in `dir`, off the async runtime.
async fn check(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_citelint"));
    command
        .current_dir(dir)
        .args(["check", "story.md", "--format", "json"])
        .args(args);
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    Run {
        status: output.status.code().unwrap(),
        json: serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}")),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A folder with `story.md` (each quotation said by Dana Ruiz), a registry whose one source
/// for her is at `url` (with `archive`), and a `.citelint.yml` with `fetch` settings.
fn case(quotes: &[&str], url: &str, archive: Option<&str>, fetch: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let article: String = quotes
        .iter()
        .map(|q| format!("“{q},” Dana Ruiz said.\n\n"))
        .collect();
    std::fs::write(
        dir.path().join("story.md"),
        format!("# Harbor\n\n{article}"),
    )
    .unwrap();
    let archive = archive.map_or(String::new(), |a| format!("\n    archive: {a}"));
    std::fs::write(
        dir.path().join("sources.yml"),
        format!(
            "version: 1\npeople:\n  - id: dana-ruiz\n    name: Dana Ruiz\n    aliases: [Ruiz]\n\
             sources:\n  - id: ruiz-statement\n    kind: statement\n    by: [dana-ruiz]\n    url: {url}{archive}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".citelint.yml"),
        format!("registry: [sources.yml]\nfetch:\n  cache_dir: cache\n{fetch}"),
    )
    .unwrap();
    dir
}

const ONLINE: &[&str] = &["--online", "--allow-private-network"];

const STATEMENT: &str = "The council will vote on the harbor plan next Tuesday";

fn html_page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Statement</title><style>p {{ color: red }}</style>\
         <script>var said = \"Nothing in this script is on the page\";</script></head><body>\
         <nav><a href=\"/\">Home</a> | <a href=\"/about\">About</a></nav>\
         <main><p>{body}</p></main><footer>&copy; Harbor Town</footer></body></html>"
    )
}

/// [`case`] with one quotation of [`STATEMENT`], sourced at `server`'s `/statement`.
fn statement_case(server: &MockServer, fetch: &str) -> tempfile::TempDir {
    case(
        &[STATEMENT],
        &format!("{}/statement", server.uri()),
        None,
        fetch,
    )
}

/// A server whose `/statement` answers `first` once, then the page with [`STATEMENT`].
async fn once_then_the_statement(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/statement"))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/statement"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html_page(STATEMENT), "text/html"))
        .mount(&server)
        .await;
    server
}

/// A local server that answers `route` with `response` (and 404 elsewhere).
async fn serve(route: &str, response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path(route))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

async fn requests_to(server: &MockServer, route: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == route)
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_html_page_with_noise_and_entities_verifies_and_keeps_evidence() {
    let server = MockServer::start().await;
    let body = html_page(
        "The council will vote on the harbor plan next Tuesday. We owe the fishermen an \
         honest answer &amp; a fair hearing &mdash; that&rsquo;s all.",
    );
    Mock::given(method("GET"))
        .and(path("/statement"))
        .and(header(
            "user-agent",
            format!(
                "citelint/{} (citation checker; +https://github.com/citelint/citelint)",
                env!("CARGO_PKG_VERSION")
            )
            .as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "text/html"))
        .expect(1)
        .mount(&server)
        .await;
    let url = format!("{}/statement", server.uri());
    let dir = case(
        &[
            STATEMENT,
            "We owe the fishermen an honest answer & a fair hearing — that's all",
            "Nothing in this script is on the page",
        ],
        &url,
        None,
        "",
    );
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(
        run.verdicts(),
        ["verified", "verified", "not-found"],
        "{}",
        run.stderr
    );
    // The script's words are not the page's.
    assert_eq!(run.codes(), ["CV002"]);
    let source = &run.quotes()[0]["source"];
    assert_eq!(source["id"], "ruiz-statement");
    assert_eq!(source["url"], url.as_str());
    let evidence = &source["evidence"];
    assert_eq!(evidence["url"], url.as_str());
    assert_eq!(evidence["final_url"], url.as_str());
    assert_eq!(evidence["status"], 200);
    let sha = citelint::fetch::cache::sha256_hex(body.as_bytes());
    assert_eq!(evidence["sha256"], sha.as_str());
    assert!(evidence["fetched_at"].as_str().unwrap().ends_with('Z'));
    let cache_file = evidence["cache_file"].as_str().unwrap();
    let cached: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join(cache_file)).unwrap()).unwrap();
    assert_eq!(cached["outcome"], "fetched");
    assert_eq!(cached["sha256"], sha.as_str());
    assert!(cached["text"]
        .as_str()
        .unwrap()
        .contains("honest answer & a fair hearing"));
    assert_eq!(run.status, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pdf_source_is_read() {
    let server = MockServer::start().await;
    let pdf = common::pdf_with_text(&["The council will vote on the harbor plan next Tuesday."]);
    Mock::given(path("/minutes.pdf"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf, "application/pdf"))
        .mount(&server)
        .await;
    let dir = case(
        &[
            STATEMENT,
            "The council will vote on the harbor deal next Tuesday",
        ],
        &format!("{}/minutes.pdf", server.uri()),
        None,
        "",
    );
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified", "altered"], "{}", run.stderr);
    assert_eq!(run.codes(), ["CV001"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chain_of_redirects_is_followed_and_the_final_url_kept() {
    let server = MockServer::start().await;
    for (from, to) in [("/a", "/b"), ("/b", "/c")] {
        Mock::given(path(from))
            .respond_with(ResponseTemplate::new(301).insert_header("location", to))
            .mount(&server)
            .await;
    }
    Mock::given(path("/c"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html_page(STATEMENT), "text/html"))
        .mount(&server)
        .await;
    let dir = case(&[STATEMENT], &format!("{}/a", server.uri()), None, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified"], "{}", run.stderr);
    let evidence = &run.quotes()[0]["source"]["evidence"];
    assert_eq!(evidence["url"], format!("{}/a", server.uri()).as_str());
    assert_eq!(
        evidence["final_url"],
        format!("{}/c", server.uri()).as_str()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_loop_is_unverifiable() {
    let server = MockServer::start().await;
    for (from, to) in [("/one", "/two"), ("/two", "/one")] {
        Mock::given(path(from))
            .respond_with(ResponseTemplate::new(302).insert_header("location", to))
            .mount(&server)
            .await;
    }
    let dir = case(&[STATEMENT], &format!("{}/one", server.uri()), None, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["unverifiable"]);
    let (code, message) = &run.findings()[0];
    assert_eq!(code, "CV004");
    assert!(message.contains("a redirect loop"), "{message}");
    // Each hop once: a loop is seen, not run until the limit.
    assert_eq!(requests_to(&server, "/one").await, 1);
    assert_eq!(requests_to(&server, "/two").await, 1);
    assert_eq!(
        run.status, 0,
        "CV004 is information: it does not fail the run"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn not_found_and_gone_are_unreachable_and_the_archive_is_read() {
    let server = serve("/gone", ResponseTemplate::new(410)).await;
    Mock::given(path("/archived"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html_page(STATEMENT), "text/html"))
        .mount(&server)
        .await;
    // 404 (wiremock's answer for an unknown path) without an archive.
    let dir = case(&[STATEMENT], &format!("{}/missing", server.uri()), None, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["unverifiable"]);
    assert_eq!(
        run.findings(),
        [(
            "CV003".to_string(),
            format!(
                "the source `ruiz-statement` ({}/missing) is gone: HTTP 404 Not Found",
                server.uri()
            )
        )]
    );
    assert_eq!(
        run.status, 0,
        "CV003 is a warning: it fails a run only with --deny-warnings"
    );

    // 410 with an archive: the archived copy verifies the words.
    let archive = format!("{}/archived", server.uri());
    let dir = case(
        &[STATEMENT, STATEMENT],
        &format!("{}/gone", server.uri()),
        Some(&archive),
        "",
    );
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified", "verified"]);
    assert_eq!(
        run.quotes()[0]["source"]["evidence"]["url"],
        archive.as_str()
    );
    // One finding for the dead URL, not one per quotation.
    assert_eq!(
        run.findings(),
        [(
            "CV003".to_string(),
            format!(
                "the source `ruiz-statement` ({}/gone) is gone: HTTP 410 Gone; its archived copy ({archive}) was read instead",
                server.uri()
            )
        )]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_host_is_unreachable() {
    let dir = case(
        &[STATEMENT],
        "http://harbor-minutes.invalid/statement",
        None,
        "",
    );
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["unverifiable"]);
    let (code, message) = &run.findings()[0];
    assert_eq!(code, "CV003");
    assert!(
        message.ends_with("is gone: no such host: harbor-minutes.invalid"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bot_wall_is_unverifiable_not_missing() {
    let server = serve("/statement", ResponseTemplate::new(403).set_body_raw(
            "<html><head><title>Just a moment...</title></head><body>Checking your browser before accessing the site. Enable JavaScript and cookies to continue.</body></html>",
            "text/html",
        )).await;
    let dir = statement_case(&server, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["unverifiable"]);
    let (code, message) = &run.findings()[0];
    assert_eq!(code, "CV004");
    assert!(
        message.ends_with("could not be read: HTTP 403 Forbidden (a bot wall (a page that checks for a browser or a human))"),
        "{message}"
    );
    // The same wall served with 200 is still a wall.
    let server = serve("/statement", ResponseTemplate::new(200).set_body_raw(
            "<html><body><h1>Are you a robot?</h1><p>Please complete the security check.</p></body></html>",
            "text/html",
        )).await;
    let dir = statement_case(&server, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["unverifiable"]);
    assert!(
        run.findings()[0].1.contains("not the source"),
        "{:?}",
        run.findings()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn too_many_requests_waits_as_asked_then_reads() {
    let server =
        once_then_the_statement(ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let dir = statement_case(&server, "");
    let started = Instant::now();
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified"], "{}", run.stderr);
    assert_eq!(requests_to(&server, "/statement").await, 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was not honoured"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_retry_after_beyond_the_cap_is_not_waited_for() {
    let server = serve(
        "/statement",
        ResponseTemplate::new(429).insert_header("retry-after", "3600"),
    )
    .await;
    let dir = statement_case(&server, "");
    let started = Instant::now();
    let run = check(dir.path(), ONLINE).await;
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(run.verdicts(), ["unverifiable"]);
    assert!(
        run.findings()[0]
            .1
            .ends_with("HTTP 429 Too Many Requests; the server asked to wait 3600 s, more than the 30 s citelint waits"),
        "{:?}",
        run.findings()
    );
    assert_eq!(requests_to(&server, "/statement").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn service_unavailable_is_retried() {
    let server = once_then_the_statement(ResponseTemplate::new(503)).await;
    let dir = statement_case(&server, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified"], "{}", run.stderr);
    assert_eq!(requests_to(&server, "/statement").await, 2);

    // A server that stays down: retried, then unverifiable.
    let server = serve("/statement", ResponseTemplate::new(503)).await;
    let dir = statement_case(&server, "  retries: 2\n");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["unverifiable"]);
    let (_, message) = &run.findings()[0];
    assert!(
        message.ends_with("HTTP 503 Service Unavailable, still after 2 retries"),
        "{message}"
    );
    assert_eq!(requests_to(&server, "/statement").await, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_slower_than_the_timeout_is_unverifiable() {
    let server = serve(
        "/statement",
        ResponseTemplate::new(200)
            .set_body_raw(html_page(STATEMENT), "text/html")
            .set_delay(Duration::from_secs(10)),
    )
    .await;
    let dir = statement_case(&server, "  timeout: 300ms\n  retries: 1\n");
    let started = Instant::now();
    let run = check(dir.path(), ONLINE).await;
    assert!(started.elapsed() < Duration::from_secs(8));
    assert_eq!(run.verdicts(), ["unverifiable"]);
    assert!(
        run.findings()[0]
            .1
            .ends_with("the server did not answer in time"),
        "{:?}",
        run.findings()
    );
    assert_eq!(
        requests_to(&server, "/statement").await,
        2,
        "a timeout is retried once"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_over_the_cap_and_a_gzip_bomb_are_cut_off() {
    let server = MockServer::start().await;
    let big = format!("<p>{}</p>", "word ".repeat(500_000));
    Mock::given(path("/big"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(big, "text/html"))
        .mount(&server)
        .await;
    // 200 MB of zeros, 200 KB on the wire.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..200 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    assert!(bomb.len() < 1024 * 1024);
    Mock::given(path("/bomb"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(bomb, "text/html")
                .insert_header("content-encoding", "gzip"),
        )
        .mount(&server)
        .await;
    for route in ["/big", "/bomb"] {
        let dir = case(
            &[STATEMENT],
            &format!("{}{route}", server.uri()),
            None,
            "  max_body_mb: 1\n",
        );
        let started = Instant::now();
        let run = check(dir.path(), ONLINE).await;
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(run.verdicts(), ["unverifiable"], "{route}");
        assert!(
            run.findings()[0]
                .1
                .ends_with("the page is larger than 1 MB (counted after decompression)"),
            "{route}: {:?}",
            run.findings()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_iso_8859_1_page_is_decoded() {
    let server = MockServer::start().await;
    let mut body = b"<html><body><p>Se\xf1ora Ru\xedz: El caf\xe9 del muelle abrir\xe1 ma\xf1ana.</p></body></html>".to_vec();
    body.extend_from_slice(b"\n");
    Mock::given(path("/es"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body, "text/html; charset=ISO-8859-1"),
        )
        .mount(&server)
        .await;
    let dir = case(
        &["El café del muelle abrirá mañana"],
        &format!("{}/es", server.uri()),
        None,
        "",
    );
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified"], "{}", run.stderr);
    assert_eq!(
        run.quotes()[0]["source"]["excerpt"],
        "El café del muelle abrirá mañana"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn ten_quotations_from_one_url_fetch_it_once() {
    let server = MockServer::start().await;
    let sentences: Vec<String> = (1..=10)
        .map(|n| format!("Pier {n} will reopen after the storm repairs"))
        .collect();
    Mock::given(path("/statement"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(html_page(&sentences.join(". ")), "text/html"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let quotes: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let dir = case(&quotes, &format!("{}/statement", server.uri()), None, "");
    let run = check(dir.path(), ONLINE).await;
    assert_eq!(run.verdicts(), ["verified"; 10], "{}", run.stderr);
    assert_eq!(requests_to(&server, "/statement").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_after_online_gives_the_same_results_without_a_request() {
    let server = serve(
        "/statement",
        ResponseTemplate::new(200).set_body_raw(html_page(STATEMENT), "text/html"),
    )
    .await;
    let dir = case(
        &[
            STATEMENT,
            "The council will vote on the harbor deal next Tuesday",
        ],
        &format!("{}/statement", server.uri()),
        None,
        "",
    );
    let online = check(dir.path(), ONLINE).await;
    assert_eq!(online.verdicts(), ["verified", "altered"]);
    let before = server.received_requests().await.unwrap().len();
    // The same settings, offline (the guard and host lists still apply, so that a URL
    // refused online is refused offline too).
    let offline = check(dir.path(), &["--offline", "--allow-private-network"]).await;
    assert_eq!(server.received_requests().await.unwrap().len(), before);
    assert_eq!(offline.json, online.json);
    assert_eq!(offline.status, online.status);

    // Without a cache, --offline reads nothing and says so.
    let empty = check(
        dir.path(),
        &[
            "--offline",
            "--allow-private-network",
            "--cache-dir",
            "no-cache-here",
        ],
    )
    .await;
    assert_eq!(empty.verdicts(), ["unverifiable", "unverifiable"]);
    assert!(empty.findings()[0]
        .1
        .contains("not in the fetch cache (no-cache-here); run once with --online"));
    assert_eq!(server.received_requests().await.unwrap().len(), before);

    // A plain check never touches the network, and URLs are not its sources.
    let plain = check(dir.path(), &[]).await;
    assert_eq!(plain.verdicts(), ["no-source", "no-source"]);
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_entry_is_revalidated_and_a_corrupt_one_refetched() {
    let server = MockServer::start().await;
    Mock::given(path("/statement"))
        .and(header("if-none-match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/statement"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(html_page(STATEMENT), "text/html")
                .insert_header("etag", "\"v1\""),
        )
        .mount(&server)
        .await;
    let url = format!("{}/statement", server.uri());
    let dir = case(&[STATEMENT], &url, None, "  cache_ttl: 0s\n");
    let first = check(dir.path(), ONLINE).await;
    assert_eq!(first.verdicts(), ["verified"]);
    let second = check(dir.path(), ONLINE).await;
    assert_eq!(second.verdicts(), ["verified"], "{}", second.stderr);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].headers.get("if-none-match").unwrap(), "\"v1\"");

    // A damaged cache entry is ignored and the page fetched again.
    let cache_file = second.quotes()[0]["source"]["evidence"]["cache_file"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::write(dir.path().join(&cache_file), "{ half an entry").unwrap();
    let third = check(dir.path(), ONLINE).await;
    assert_eq!(third.verdicts(), ["verified"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests[2].headers.get("if-none-match").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_in_the_quotations_sentence_is_a_source() {
    let server = serve(
        "/post",
        ResponseTemplate::new(200).set_body_raw(
            "Today we open the new ferry terminal to everyone. Tickets stay at two dollars.",
            "text/plain",
        ),
    )
    .await;
    Mock::given(path("/budget"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw("The ferry budget for the year, line by line.", "text/plain"),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.md"),
        format!(
            "The mayor wrote in [a post]({0}/post) that “we open the new ferry terminal to everyone.”\n\n\
             In another sentence, “we close the old terminal for good,” she added.\n\n\
             She also [wrote]({0}/post) that “tickets stay at three dollars.”\n\n\
             The mayor, who [cut the budget]({0}/budget), said “the ferries will run all winter.”\n",
            server.uri()
        ),
    )
    .unwrap();
    let run = check(dir.path(), ONLINE).await;
    // The link to the budget is not where her words come from: no verdict against it.
    assert_eq!(
        run.verdicts(),
        ["verified", "no-source", "altered", "no-source"],
        "{}",
        run.stderr
    );
    assert_eq!(run.quotes()[0]["source"]["id"], Value::Null);
    assert_eq!(
        run.quotes()[0]["source"]["url"],
        format!("{}/post", server.uri()).as_str()
    );
    assert_eq!(
        run.findings(),
        [(
            "CV001".to_string(),
            format!(
                "the quoted words differ from the page linked in its sentence ({}/post)",
                server.uri()
            )
        )]
    );
    assert_eq!(requests_to(&server, "/post").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_queue_at_one_host_waits_its_turn_without_timing_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "Notice. The pier closes at dusk for the winter season.",
            "text/plain",
        ))
        .mount(&server)
        .await;
    let article: String = (0..20)
        .map(|n| {
            format!(
                "The office said in [notice {n}]({}/notice/{n}) that “the pier closes at dusk.”\n\n",
                server.uri()
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.md"), article).unwrap();
    std::fs::write(
        dir.path().join(".citelint.yml"),
        "fetch:\n  per_host: 1\n  host_interval: 100ms\n  total_timeout: 1s\n  cache_dir: cache\n",
    )
    .unwrap();
    let started = Instant::now();
    let run = check(dir.path(), ONLINE).await;
    // Twenty requests, 100 ms apart, one at a time: about 2 s in all, twice the limit per URL.
    assert!(started.elapsed() >= Duration::from_millis(1900));
    assert_eq!(run.verdicts(), ["verified"; 20], "{:?}", run.findings());
    assert_eq!(server.received_requests().await.unwrap().len(), 20);
}

/// SSRF: without --allow-private-network, none of these is requested, and each quotation's
/// finding says why.
#[tokio::test(flavor = "multi_thread")]
async fn private_addresses_are_refused_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(html_page(STATEMENT), "text/html"))
        .mount(&server)
        .await;
    let port = server.address().port();
    let urls = [
        (
            format!("http://127.0.0.1:{port}/a"),
            "127.0.0.1 is a loopback address",
        ),
        (
            format!("http://localhost:{port}/a"),
            "`localhost` is a local host name",
        ),
        (
            format!("http://[::1]:{port}/a"),
            "::1 is a loopback address",
        ),
        (
            "http://169.254.169.254/latest/meta-data/".to_string(),
            "169.254.169.254 is a link-local address",
        ),
        (
            format!("http://2130706433:{port}/a"),
            "127.0.0.1 is a loopback address",
        ),
    ];
    let article: String = urls
        .iter()
        .map(|(url, _)| format!("She said in [a post]({url}) that “{STATEMENT}.”\n\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.md"), article).unwrap();
    let run = check(dir.path(), &["--online"]).await;
    assert_eq!(run.verdicts(), ["unverifiable"; 5]);
    let findings = run.findings();
    for ((code, message), (_, why)) in findings.iter().zip(&urls) {
        assert_eq!(code, "CV004");
        assert!(message.contains(why), "{message} does not say {why}");
        assert!(
            message.ends_with("(--allow-private-network lifts this)"),
            "{message}"
        );
    }
    assert_eq!(findings.len(), 5);
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A public-looking host (resolved to a local server by a test override, as a public DNS
/// answer would be) that redirects to 127.0.0.1: the redirect is refused, and the private
/// server sees nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_to_a_private_address_is_refused() {
    let public = MockServer::start().await;
    let private = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("secret", "text/plain"))
        .mount(&private)
        .await;
    Mock::given(path("/story"))
        .respond_with(
            ResponseTemplate::new(301)
                .insert_header("location", format!("{}/admin", private.uri()).as_str()),
        )
        .mount(&public)
        .await;
    let cache = tempfile::tempdir().unwrap();
    let options = citelint::fetch::FetchOptions {
        mode: citelint::fetch::Mode::Online,
        cache_dir: cache.path().to_path_buf(),
        resolve_overrides: vec![("news.example".to_string(), *public.address())],
        ..Default::default()
    };
    let url = format!("http://news.example:{}/story", public.address().port());
    let wanted = vec![citelint::fetch::Wanted {
        url: url.clone(),
        archive: None,
    }];
    let fetched = tokio::task::spawn_blocking(move || {
        citelint::fetch::fetch_all(&wanted, &options, &|_, _| {}).unwrap()
    })
    .await
    .unwrap();
    let entry = &fetched[&url].entry;
    match &entry.outcome {
        citelint::fetch::Outcome::Unverifiable { reason } => assert!(
            reason.starts_with(&format!(
                "redirected to {}/admin, which is refused: 127.0.0.1 is a loopback address",
                private.uri()
            )),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(public.received_requests().await.unwrap().len(), 1);
    assert!(private.received_requests().await.unwrap().is_empty());
}
