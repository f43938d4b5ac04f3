//! The report as one self-contained HTML page (`template.html`): inline CSS and script, no
//! request to anywhere (its Content-Security-Policy forbids any), rows rendered on the
//! server. The first articles are on the page; the rest wait as markup in comments and are
//! built as they near the screen, and the filters read an index of every row (`index`),
//! so an archive of tens of thousands of quotations opens and filters as fast as a desk's.
//!
//! Every value goes through minijinja's HTML autoescaping; links are made only from
//! `http`/`https` URLs and local paths, so no value can become script.

use std::path::{Component, Path, PathBuf};

use minijinja::value::Serde;
use minijinja::Environment;
use serde::Serialize;

use super::{inline_diff, verdict_label, Article, DiffPart, Report, RuleCount, Summary};

mod index;

const TEMPLATE: &str = include_str!("template.html");
/// The page's script and the index it reads, placed by the template.
const SCRIPT: &str = include_str!("report-script.html");

/// How many articles are built when the page loads: enough to fill the first screens.
const LIVE_ARTICLES: usize = 20;

/// How local files (a source's copy, a cached page, the registry) are linked from the page.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// The directory the page is written to, absolute; `None` links paths as they are given.
    pub page_dir: Option<PathBuf>,
    /// What relative paths in the results are relative to (the working directory).
    pub cwd: PathBuf,
    /// Where an article's lines link (`--link-base`): a base URL the path and `#L` line
    /// are added to, or a template with `{path}`, `{abspath}` and `{line}`. `None` links
    /// the local file (`file://`, which has no way to name a line).
    pub copy: Option<String>,
}

impl Links {
    /// Links for a page written to `output` (relative to `cwd`), or to standard output.
    pub fn for_output(output: Option<&Path>, cwd: &Path) -> Links {
        let page_dir = output.map(|o| {
            let dir = o.parent().unwrap_or(Path::new(""));
            crate::setup::lexical_path(&cwd.join(dir))
        });
        Links {
            page_dir,
            cwd: cwd.to_path_buf(),
            copy: None,
        }
    }

    /// The `href` of line `line` of the article at `path` (as the results name it).
    pub fn line(&self, path: &str, line: Option<usize>) -> Option<String> {
        let abs = crate::setup::lexical_path(&self.cwd.join(path));
        let abs = encode_path(&abs.to_string_lossy().replace('\\', "/"));
        let Some(copy) = &self.copy else {
            return Some(format!("file://{abs}"));
        };
        // The base is the user's own, but never a script.
        let scheme = copy.trim_start().to_ascii_lowercase();
        if ["javascript:", "data:", "vbscript:"]
            .iter()
            .any(|s| scheme.starts_with(s))
        {
            return None;
        }
        let rel = encode_path(path.trim_start_matches("./"));
        let line_text = line.map_or(String::new(), |l| l.to_string());
        if copy.contains("{path}") || copy.contains("{abspath}") || copy.contains("{line}") {
            return Some(
                copy.replace("{abspath}", &abs)
                    .replace("{path}", &rel)
                    .replace("{line}", &line_text),
            );
        }
        let anchor = line.map_or(String::new(), |l| format!("#L{l}"));
        Some(format!("{}/{rel}{anchor}", copy.trim_end_matches('/')))
    }

    /// The `href` of a local file named in the results.
    pub fn local(&self, path: &str) -> String {
        let p = Path::new(path);
        let target = crate::setup::lexical_path(&self.cwd.join(p));
        let shown = match &self.page_dir {
            Some(dir) if !p.is_absolute() => relative(&target, dir),
            _ if p.is_absolute() => return format!("file://{}", encode_path(path)),
            _ => p.to_path_buf(),
        };
        encode_path(&shown.to_string_lossy().replace('\\', "/"))
    }
}

/// `target` as seen from the directory `base` (both absolute and normalized).
fn relative(target: &Path, base: &Path) -> PathBuf {
    let t: Vec<Component> = target.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    out
}

/// Percent-encodes what a path may hold that a URL may not (`%`, `#`, `?`, spaces…).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A URL that may be a link: `http` or `https` only (never `javascript:` or `data:`).
pub fn safe_url(url: &str) -> Option<&str> {
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url.trim_start())
}

#[derive(Serialize)]
struct Page<'a> {
    title: &'a str,
    version: &'static str,
    summary: Summary,
    verdicts: Vec<VerdictCount>,
    rules: Vec<RuleCount>,
    speakers: Vec<String>,
    articles: Vec<ArticleView<'a>>,
    /// Articles with no quotation and no finding, listed together at the end.
    quiet: Vec<&'a str>,
    /// Some speaker resolved to the registry: a run had one, so "not in the registry" says
    /// something.
    registry_used: bool,
    stamp: Option<&'a super::Stamp>,
    /// What the browser keeps this report's work under: the stamp's date and commit and
    /// every quotation's stable id, hashed.
    run_id: String,
    /// Some quotation has a source: without one (no registry) the source columns go.
    sources_used: bool,
    rule_docs: Vec<RuleDocView>,
    live_articles: usize,
    /// Every row's filter data, for the page's script (`index`).
    index_json: String,
}

#[derive(Serialize)]
struct VerdictCount {
    key: String,
    label: String,
    count: usize,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    path: &'a str,
    href: Option<String>,
    verdicts: Vec<VerdictCount>,
    findings: usize,
    rows: Vec<RowView<'a>>,
    loose: Vec<FindingView<'a>>,
}

#[derive(Serialize)]
struct RowView<'a> {
    id: &'a str,
    line: usize,
    column: usize,
    kind: &'a str,
    verdict: &'a str,
    verdict_label: &'a str,
    verdict_rank: usize,
    before: &'a str,
    text: &'a str,
    after: &'a str,
    open: &'a str,
    close: &'a str,
    speaker: Option<SpeakerView<'a>>,
    /// Lowercase written and resolved names, for the speaker filter.
    speaker_key: String,
    /// The quotation's stable id (article, words, speaker) and the speaker it is keyed by.
    sid: String,
    speaker_name: String,
    /// Work carried over from `--signoff`.
    work: Option<&'a super::signoff::Entry>,
    rules: String,
    source: Option<SourceView<'a>>,
    excerpt: Option<&'a str>,
    diff: Option<&'a [DiffPart]>,
    diff_text: Option<String>,
    findings: Vec<FindingView<'a>>,
    /// The rule of a lost mark (CQ001, CQ002): the row shows "marks broken".
    broken: Option<&'a str>,
    /// The line in the copy (`--link-base`, GitHub, or the local file).
    href: Option<String>,
}

#[derive(Serialize)]
struct SpeakerView<'a> {
    text: &'a str,
    /// The words as written without a leading title, and the title ("Council President").
    name: String,
    title: Option<String>,
    kind: Option<&'a str>,
    /// The name it stands for, when it differs from the words as written.
    resolved: Option<&'a str>,
    registry_id: Option<&'a str>,
    role: Option<&'a str>,
    registry_at: Option<String>,
    registry_href: Option<String>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    id: Option<&'a str>,
    url: Option<&'a str>,
    shown_url: Option<&'a str>,
    file: Option<&'a str>,
    file_href: Option<String>,
    score: Option<String>,
    translated: bool,
    evidence: Option<EvidenceView<'a>>,
}

#[derive(Serialize)]
struct EvidenceView<'a> {
    fetched_at: Option<&'a str>,
    status: Option<u16>,
    url: Option<&'a str>,
    final_url: Option<&'a str>,
    final_href: Option<&'a str>,
    /// Set when the request was redirected.
    redirected: bool,
    sha256: Option<&'a str>,
    sha_short: Option<&'a str>,
    cache_file: Option<&'a str>,
    cache_href: Option<String>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    /// The message in pieces: `code` ones were between backticks, shown as inline code.
    message: Vec<MessagePart<'a>>,
    line: usize,
    column: usize,
    /// The article's line, for findings outside any quotation.
    context: Option<&'a str>,
    href: Option<String>,
}

fn finding_view<'a>(f: &'a super::Finding, path: &str, links: &Links) -> FindingView<'a> {
    FindingView {
        href: links.line(path, Some(f.start.line)),
        code: &f.code,
        rule: &f.rule,
        severity: &f.severity,
        message: message_parts(&f.message),
        line: f.start.line,
        column: f.start.column,
        context: f.line_text.as_deref(),
    }
}

#[derive(Serialize, Debug, PartialEq, Eq)]
struct MessagePart<'a> {
    text: &'a str,
    code: bool,
}

/// A message split at its backticks: the odd pieces are code. An unpaired backtick is text.
fn message_parts(message: &str) -> Vec<MessagePart<'_>> {
    let pieces: Vec<&str> = message.split('`').collect();
    if pieces.len() % 2 == 0 {
        return vec![MessagePart {
            text: message,
            code: false,
        }];
    }
    pieces
        .into_iter()
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| MessagePart {
            text,
            code: i % 2 == 1,
        })
        .collect()
}

/// A rule's documentation, embedded once for the rules that have findings.
#[derive(Serialize)]
struct RuleDocView {
    code: &'static str,
    name: &'static str,
    summary: &'static str,
    how_to_fix: &'static str,
    why_it_matters: &'static str,
}

fn rule_docs(rules: &[RuleCount]) -> Vec<RuleDocView> {
    rules
        .iter()
        .filter_map(|r| {
            crate::catalog::Rule::ALL
                .iter()
                .find(|x| x.code() == r.code)
        })
        .map(|rule| {
            let doc = rule.doc();
            RuleDocView {
                code: rule.code(),
                name: rule.name(),
                summary: doc.summary.as_str(),
                how_to_fix: doc.how_to_fix.as_str(),
                why_it_matters: doc.why_it_matters.as_str(),
            }
        })
        .collect()
}

fn verdict_counts(counts: impl IntoIterator<Item = (String, usize)>) -> Vec<VerdictCount> {
    counts
        .into_iter()
        .map(|(key, count)| VerdictCount {
            label: verdict_label(&key).to_string(),
            key,
            count,
        })
        .collect()
}

fn article_view<'a>(
    article: &Article<'a>,
    links: &Links,
    signoff: &'a super::signoff::SignOff,
) -> ArticleView<'a> {
    let mut verdicts: Vec<(String, usize)> = Vec::new();
    for (key, _) in super::VERDICTS {
        let n = article
            .rows
            .iter()
            .filter(|r| r.quote.verdict == *key)
            .count();
        if n > 0 {
            verdicts.push((key.to_string(), n));
        }
    }
    let rows = article
        .rows
        .iter()
        .map(|row| {
            let q = row.quote;
            let (open, close) = q.marks();
            let speaker_name = q
                .speaker
                .as_ref()
                .map_or(String::new(), |s| s.resolved().to_string());
            let speaker = q.speaker.as_ref().map(|s| {
                let resolved = s.resolved();
                let name = crate::attribution::strip_title(&s.text);
                let title = s
                    .text
                    .trim()
                    .strip_suffix(name.as_str())
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from);
                SpeakerView {
                    text: &s.text,
                    name,
                    title,
                    kind: s.kind.as_deref(),
                    resolved: (resolved != s.text).then_some(resolved),
                    registry_id: s.registry_id.as_deref(),
                    role: s.registry.as_ref().and_then(|r| r.role.as_deref()),
                    registry_at: s
                        .registry
                        .as_ref()
                        .map(|r| format!("{}:{}", r.path, r.line)),
                    registry_href: s.registry.as_ref().map(|r| links.local(&r.path)),
                }
            });
            let speaker_key = q
                .speaker
                .as_ref()
                .map(|s| {
                    // The filter matches names, not the titles written before them.
                    let name = crate::attribution::strip_title(&s.text);
                    match s.resolved() {
                        same if same == name || same == s.text => name.to_lowercase(),
                        resolved => format!("{name}|{resolved}").to_lowercase(),
                    }
                })
                .unwrap_or_default();
            let source = q.source.as_ref().map(|s| SourceView {
                id: s.id.as_deref(),
                url: s.url.as_deref().and_then(safe_url),
                shown_url: s.url.as_deref(),
                file: s.file.as_deref(),
                file_href: s.file.as_deref().map(|f| links.local(f)),
                score: s.score.map(|x| format!("{:.0}%", x * 100.0)),
                translated: s.translated,
                evidence: s.evidence().map(|e| EvidenceView {
                    fetched_at: e.fetched_at.as_deref(),
                    status: e.status,
                    url: e.url.as_deref(),
                    final_url: e.final_url.as_deref(),
                    final_href: e.final_url.as_deref().and_then(safe_url),
                    redirected: e.final_url.is_some() && e.final_url != e.url,
                    sha256: e.sha256.as_deref(),
                    sha_short: e.sha256.as_deref().map(|h| h.get(..12).unwrap_or(h)),
                    cache_file: e.cache_file.as_deref(),
                    cache_href: e.cache_file.as_deref().map(|f| links.local(f)),
                }),
            });
            let diff = q.source.as_ref().and_then(|s| s.diff.as_deref());
            RowView {
                id: &q.id,
                line: q.start.line,
                column: q.start.column,
                kind: &q.kind,
                verdict: &q.verdict,
                verdict_label: verdict_label(&q.verdict),
                verdict_rank: super::verdict_rank(&q.verdict),
                before: &q.context.before,
                text: &q.text,
                after: &q.context.after,
                open,
                close,
                speaker,
                speaker_key,
                rules: row.rules().join(" "),
                source,
                excerpt: q
                    .source
                    .as_ref()
                    .filter(|_| diff.is_none())
                    .map(|s| s.excerpt.as_str()),
                diff,
                diff_text: diff.map(inline_diff),
                findings: row
                    .findings
                    .iter()
                    .map(|f| finding_view(f, &article.file.path, links))
                    .collect(),
                broken: row.broken,
                href: links.line(&article.file.path, Some(q.start.line)),
                sid: super::signoff::stable_id(&article.file.path, &q.text, &speaker_name),
                work: signoff.find(&article.file.path, &q.text, &speaker_name),
                speaker_name,
            }
        })
        .collect();
    ArticleView {
        href: links.line(&article.file.path, None),
        path: &article.file.path,
        verdicts: verdict_counts(verdicts),
        findings: article.file.findings.len(),
        rows,
        loose: article
            .loose
            .iter()
            .map(|f| finding_view(f, &article.file.path, links))
            .collect(),
    }
}

pub fn render(report: &Report, links: &Links) -> String {
    let counts = report.counts();
    let mut speakers: Vec<String> = report
        .files
        .iter()
        .flat_map(|f| &f.quotes)
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| crate::attribution::strip_title(s.resolved()))
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    let mut articles = Vec::new();
    let mut quiet = Vec::new();
    for article in report.articles() {
        if article.rows.is_empty() && article.file.findings.is_empty() {
            quiet.push(article.file.path.as_str());
        } else {
            articles.push(article_view(&article, links, &report.signoff));
        }
    }
    let registry_used = report
        .files
        .iter()
        .flat_map(|f| &f.quotes)
        .any(|q| q.speaker.as_ref().is_some_and(|s| s.registry.is_some()));
    let sources_used = report
        .files
        .iter()
        .flat_map(|f| f.quotes.iter().chain(f.broken.iter().map(|b| &b.quote)))
        .any(|q| q.source.is_some());
    let run_id = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        if let Some(stamp) = &report.stamp {
            h.update(stamp.date.as_bytes());
            h.update(stamp.commit.as_deref().unwrap_or("").as_bytes());
        }
        for a in &articles {
            for r in &a.rows {
                h.update(r.sid.as_bytes());
            }
        }
        format!("{:x}", h.finalize())[..16].to_string()
    };
    let page = Page {
        live_articles: LIVE_ARTICLES,
        index_json: index::index_json(&articles),
        run_id,
        sources_used,
        rule_docs: rule_docs(&counts.rules),
        registry_used,
        stamp: report.stamp.as_ref(),
        title: &report.title,
        version: env!("CARGO_PKG_VERSION"),
        summary: counts.summary,
        verdicts: verdict_counts(counts.verdicts),
        rules: counts.rules,
        speakers,
        articles,
        quiet,
    };
    let mut env = Environment::new();
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("the template syntax is valid"),
    );
    env.add_template("report.html", TEMPLATE)
        .expect("the report template parses");
    env.add_template("report-script.html", SCRIPT)
        .expect("the report script parses");
    env.get_template("report.html")
        .and_then(|t| t.render(minijinja::Value::from(Serde(&page))))
        .expect("the report template renders")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose every string is hostile, with fetched evidence on its one quotation.
    fn hostile_report() -> Report {
        let file: super::super::FileReport = serde_json::from_value(serde_json::json!({
            "path": "a/<b>&\"c\".md",
            "quotes": [{
                "id": "q1", "span": {"start": 0, "end": 10},
                "start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 11},
                "text": "</td></tr><script>alert(1)</script> & \"x\" 'y'",
                "kind": "speech<i>",
                "speaker": {"text": "<blink>Ann</blink>", "span": {"start": 12, "end": 15},
                            "registry_id": "ann\"", "kind": "name", "name": null,
                            "registry": {"id": "ann\"", "kind": "person", "name": "Ann <Lee>",
                                         "role": "Chair & <CEO>", "path": "r/<x>.yml", "line": 3}},
                "verdict": "altered\"><script>",
                "source": {"id": "s<1>", "url": "javascript:alert(1)", "excerpt": "<img src=x>",
                           "diff": [{"change": "removed", "text": "<u>old</u>"},
                                    {"change": "added", "text": "new & <b>"}],
                           "score": 0.8, "file": null, "translated": false,
                           "evidence": {"url": "https://example.org/a",
                                        "final_url": "https://example.org/b?x=<y>&z=1",
                                        "status": 200, "fetched_at": "2026-05-01T10:00:00Z",
                                        "sha256": "0123456789abcdef0123456789abcdef",
                                        "cache_file": ".citelint-cache/ab cd.html"}},
                "context": {"before": "<before>", "after": "</after>"}
            }],
            "findings": [{"code": "CV001", "rule": "altered-quote", "severity": "error",
                          "message": "<script>x</script>", "span": {"start": 0, "end": 10},
                          "start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 11}}]
        }))
        .unwrap();
        Report::new("<title> & co", vec![file])
    }

    #[test]
    fn every_value_is_escaped_and_evidence_is_shown() {
        let links = Links::for_output(Some(Path::new("report.html")), Path::new("/w"));
        let html = render(&hostile_report(), &links);
        // The page's script and its index, no markup from the values, no script link.
        assert_eq!(html.matches("<script").count(), 2);
        assert!(html.contains(
            "<script type=\"application/json\" id=\"index\">[{\"p\":\"a/\\u003cb>&\\\"c\\\".md\""
        ));
        for raw in [
            "<blink>",
            "<img",
            "<u>",
            "<i>",
            "<x>",
            "<CEO>",
            "</td></tr><script>",
            "<before>",
        ] {
            let body = &html[html.find("<main>").unwrap()..];
            assert!(!body.contains(raw), "{raw} is in the page unescaped");
        }
        assert!(html.contains("<title>&lt;title&gt; &amp; co</title>"));
        assert!(html.contains("&lt;&#x2f;td&gt;&lt;&#x2f;tr&gt;&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; &quot;x&quot; &#x27;y&#x27;"));
        assert!(
            html.contains("<del>&lt;u&gt;old&lt;&#x2f;u&gt;</del> <ins>new &amp; &lt;b&gt;</ins>")
        );
        // The source's script URL is shown as text, not linked.
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("<div>javascript:alert(1)</div>"));
        // The evidence: when, status, final URL (linked), hash, cached copy (linked).
        assert!(html.contains("fetched <time>2026-05-01T10:00:00Z</time> · HTTP 200"));
        assert!(html.contains("href=\"https:&#x2f;&#x2f;example.org&#x2f;b?x=&lt;y&gt;&amp;z=1\""));
        assert!(html.contains(
            "sha256 <code title=\"0123456789abcdef0123456789abcdef\">0123456789ab…</code>"
        ));
        assert!(html.contains("<a href=\".citelint-cache&#x2f;ab%20cd.html\">cached copy</a>"));
        // The registry entry, as resolved.
        assert!(html.contains("→ <b>Ann &lt;Lee&gt;</b>"));
        assert!(html.contains("r&#x2f;&lt;x&gt;.yml:3"));
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            safe_url("https://example.org/a"),
            Some("https://example.org/a")
        );
        assert_eq!(safe_url("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" data:text/html,x"), None);
        assert_eq!(safe_url("http"), None);
    }

    #[test]
    fn local_files_are_linked_from_the_page() {
        let links = Links::for_output(Some(Path::new("out/report.html")), Path::new("/w"));
        assert_eq!(
            links.local("fixtures/a b#1.txt"),
            "../fixtures/a%20b%231.txt"
        );
        assert_eq!(links.local("/abs/x.txt"), "file:///abs/x.txt");
        let stdout = Links::for_output(None, Path::new("/w"));
        assert_eq!(stdout.local("./x/y.txt"), "./x/y.txt");
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;

    #[test]
    fn backticks_become_code_and_a_lone_one_stays_text() {
        let parts = message_parts("closing mark `”` has no opening mark");
        assert_eq!(
            parts,
            [
                MessagePart {
                    text: "closing mark ",
                    code: false
                },
                MessagePart {
                    text: "”",
                    code: true
                },
                MessagePart {
                    text: " has no opening mark",
                    code: false
                },
            ]
        );
        let lone = message_parts("a ` alone");
        assert_eq!(
            lone,
            [MessagePart {
                text: "a ` alone",
                code: false
            }]
        );
    }
}

#[cfg(test)]
mod content_tests {
    use super::*;

    /// One quotation with straight marks and a titled speaker, and no source anywhere.
    fn desk_report() -> Report {
        let file: super::super::FileReport = serde_json::from_value(serde_json::json!({
            "path": "a.md",
            "quotes": [{
                "id": "q1", "span": {"start": 0, "end": 10},
                "start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 11},
                "text": "We will wait,", "kind": "speech", "verdict": "no-source", "source": null,
                "marks": ["\"", "\""],
                "speaker": {"text": "Council President Maria Delgado", "span": {"start": 12, "end": 40},
                            "registry_id": null, "kind": "name", "name": null}
            }],
            "findings": []
        }))
        .unwrap();
        Report::new("t", vec![file])
    }

    #[test]
    fn marks_as_written_titles_apart_and_no_empty_source_columns() {
        let html = render(&desk_report(), &Links::default());
        assert!(html.contains("<mark>&quot;<span class=\"w\">We will wait,</span>&quot;</mark>"));
        assert!(!html.contains("“We will wait,”"));
        assert!(html.contains(
            "<span class=\"name\">Maria Delgado</span> <span class=\"title\">(Council President)</span>"
        ));
        assert!(html.contains("data-speaker=\"maria delgado\""));
        assert!(html.contains("<option value=\"Maria Delgado\">"));
        // No quotation has a source: neither source column is there.
        assert!(!html.contains("<th data-sort=\"text\" tabindex=\"0\">Source</th>"));
        assert!(!html.contains("Source wording"));
        assert!(!html.contains("data-label=\"Source\""));
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn lines_link_to_the_copy_at_a_base_a_template_or_the_local_file() {
        let mut links = Links::for_output(None, Path::new("/w/desk"));
        assert_eq!(
            links.line("./news/a b.md", Some(12)).as_deref(),
            Some("file:///w/desk/news/a%20b.md")
        );
        links.copy = Some("https://github.com/o/r/blob/0123abc/".into());
        assert_eq!(
            links.line("news/a b.md", Some(12)).as_deref(),
            Some("https://github.com/o/r/blob/0123abc/news/a%20b.md#L12")
        );
        assert_eq!(
            links.line("news/a.md", None).as_deref(),
            Some("https://github.com/o/r/blob/0123abc/news/a.md")
        );
        links.copy = Some("vscode://file/{abspath}:{line}".into());
        assert_eq!(
            links.line("news/a.md", Some(3)).as_deref(),
            Some("vscode://file//w/desk/news/a.md:3")
        );
        links.copy = Some(" JavaScript:alert(1)//".into());
        assert_eq!(links.line("news/a.md", Some(3)), None);
    }
}
