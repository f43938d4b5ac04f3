//! The report as Markdown, for a pull request comment: the summary, then per article what
//! a fact-checker must look at (quotations altered, not found or unverifiable, and errors
//! and warnings). Information findings and verified quotations are only counted. The
//! comment stays under [`MAX_CHARS`] (GitHub takes 65,536) and says what it left out.

use std::fmt::Write;

use super::{verdict_label, Change, DiffPart, Report, Row};

/// The most characters of the whole comment.
pub const MAX_CHARS: usize = 60_000;
/// The most problems listed for one article.
pub const MAX_PER_ARTICLE: usize = 15;
/// The most characters of a quotation shown.
const MAX_QUOTE: usize = 200;

/// Text that Markdown (GitHub's) shows as it is: markup characters escaped, HTML made
/// harmless, line breaks folded.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn clip(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", flat[..at].trim_end()),
        None => flat,
    }
}

/// The word diff with the source's words struck through and the quotation's in bold.
fn diff_markdown(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| {
            let text = escape(&clip(&p.text, 200));
            match p.change {
                Change::Removed => format!("~~{text}~~"),
                Change::Added => format!("**{text}**"),
                Change::Equal => text,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_problem_verdict(verdict: &str) -> bool {
    matches!(
        verdict,
        "altered" | "misattributed" | "not-found" | "unverifiable"
    )
}

fn is_listed(severity: &str) -> bool {
    matches!(severity, "error" | "warning")
}

/// The problem lines of one quotation, or none.
fn quote_item(row: &Row) -> Option<String> {
    let q = row.quote;
    let findings: Vec<_> = row
        .findings
        .iter()
        .filter(|f| is_listed(&f.severity))
        .collect();
    if !is_problem_verdict(&q.verdict) && findings.is_empty() {
        return None;
    }
    let (open, close) = q.marks();
    let mut item = format!(
        "- line {}: **{}** {}{}{}",
        q.start.line,
        verdict_label(&q.verdict),
        open,
        escape(&clip(&q.text, MAX_QUOTE)),
        close
    );
    if let Some(s) = &q.speaker {
        let _ = write!(item, " — {}", escape(s.resolved()));
        if let Some(role) = s.registry.as_ref().and_then(|r| r.role.as_deref()) {
            let _ = write!(item, ", {}", escape(role));
        }
    }
    if let Some(source) = &q.source {
        match (&source.id, &source.url) {
            (Some(id), _) => {
                let _ = write!(item, " · source `{}`", id.replace('`', "'"));
            }
            (None, Some(url)) => {
                let _ = write!(item, " · source {}", escape(url));
            }
            (None, None) => {}
        }
        if let Some(diff) = &source.diff {
            let _ = write!(item, "\n  - diff: {}", diff_markdown(diff));
        }
        if let Some(e) = source.evidence() {
            let mut parts = vec![format!(
                "fetched {}",
                escape(e.fetched_at.as_deref().unwrap_or("(time unknown)"))
            )];
            parts.extend(e.status.map(|s| format!("HTTP {s}")));
            parts.extend(
                e.final_url
                    .as_deref()
                    .filter(|f| Some(*f) != e.url.as_deref())
                    .map(|f| format!("final URL {}", escape(f))),
            );
            parts.extend(
                e.sha256
                    .as_deref()
                    .map(|h| format!("sha256 {}…", escape(h.get(..12).unwrap_or(h)))),
            );
            parts.extend(
                e.cache_file
                    .as_deref()
                    .map(|c| format!("cached copy {}", escape(c))),
            );
            let _ = write!(item, "\n  - evidence: {}", parts.join(" · "));
        }
    }
    for f in findings {
        let _ = write!(
            item,
            "\n  - {} {}: {}",
            f.code,
            f.severity,
            escape(&clip(&f.message, 300))
        );
    }
    Some(item)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn render(report: &Report) -> String {
    let counts = report.counts();
    let s = &counts.summary;
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", escape(&report.title));
    let _ = writeln!(
        out,
        "{} · {} · {} · {} · {}\n",
        plural(s.files, "article"),
        plural(s.quotes, "quotation"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    if !counts.verdicts.is_empty() {
        out.push_str("| verdict | quotations |\n|---|---:|\n");
        for (verdict, n) in &counts.verdicts {
            let _ = writeln!(out, "| {} | {n} |", escape(verdict_label(verdict)));
        }
        out.push('\n');
    }
    if !counts.rules.is_empty() {
        out.push_str("| rule | name | severity | findings |\n|---|---|---|---:|\n");
        for r in &counts.rules {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&r.code),
                escape(&r.rule),
                escape(&r.severity),
                r.count
            );
        }
        out.push('\n');
    }
    let mut cut_items = 0;
    let mut cut_articles = 0;
    let mut full = false;
    let mut any = false;
    for article in report.articles() {
        let mut items: Vec<String> = article.rows.iter().filter_map(quote_item).collect();
        items.extend(
            article
                .loose
                .iter()
                .filter(|f| is_listed(&f.severity))
                .map(|f| {
                    format!(
                        "- line {}: {} {}: {}",
                        f.start.line,
                        f.code,
                        f.severity,
                        escape(&clip(&f.message, 300))
                    )
                }),
        );
        if items.is_empty() {
            continue;
        }
        if !any {
            out.push_str("### Problems\n\n");
            any = true;
        }
        let mut section = format!("#### {}\n\n", escape(&article.file.path));
        let total = items.len();
        for item in items.iter().take(MAX_PER_ARTICLE) {
            section.push_str(item);
            section.push('\n');
        }
        if total > MAX_PER_ARTICLE {
            let _ = writeln!(section, "- …and {} more", total - MAX_PER_ARTICLE);
        }
        section.push('\n');
        if full || out.len() + section.len() > MAX_CHARS - 500 {
            full = true;
            cut_items += total;
            cut_articles += 1;
            continue;
        }
        out.push_str(&section);
    }
    if !any {
        out.push_str("No problems: no quotation is altered, not found or unverifiable, and there are no errors or warnings.\n");
    }
    if cut_articles > 0 {
        let _ = writeln!(
            out,
            "**Not shown:** {} in {} more (this comment is kept under {MAX_CHARS} characters). `citelint report --format html` shows every quotation.",
            plural(cut_items, "problem"),
            plural(cut_articles, "article")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_listed_under_its_quotation() {
        let file: super::super::FileReport = serde_json::from_value(serde_json::json!({
            "path": "a.md",
            "quotes": [{
                "id": "q1", "span": {"start": 0, "end": 10},
                "start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 11},
                "text": "words", "kind": "speech", "speaker": null, "verdict": "unverifiable",
                "source": {"id": "s", "url": "https://example.org/a", "excerpt": "", "diff": null,
                           "evidence": {"url": "https://example.org/a",
                                        "final_url": "https://example.org/b",
                                        "status": 403, "fetched_at": "2026-05-01T10:00:00Z",
                                        "sha256": "0123456789abcdef",
                                        "cache_file": ".citelint-cache/x.html"}}
            }],
            "findings": []
        }))
        .unwrap();
        let md = render(&Report::new("t", vec![file]));
        assert!(md.contains("- line 1: **unverifiable** “words” · source `s`\n  - evidence: fetched 2026-05-01T10:00:00Z · HTTP 403 · final URL https://example.org/b · sha256 0123456789ab… · cached copy .citelint-cache/x.html\n"), "{md}");
        let csv = super::super::csv::render(&Report::new("t", vec![]));
        assert_eq!(csv.lines().count(), 1);
    }

    #[test]
    fn markup_in_quotations_is_shown_as_text() {
        assert_eq!(
            escape("<script>alert(1)</script> *a* | [x](y) &amp;\nb {+c+}"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\*a\\* \\| \\[x\\](y) &amp;amp; b {+c+}"
        );
    }
}
