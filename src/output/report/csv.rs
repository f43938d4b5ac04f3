//! The report as CSV: one row per quotation, for spreadsheets. RFC 4180: comma-separated,
//! CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled. The
//! columns ([`COLUMNS`]) are stable: new ones are only ever added at the end.
//!
//! A quotation whose mark was lost is a row, rebuilt, with the rule in `marks_broken`.
//! Findings outside any quotation (a name variant) have no row: they are in the HTML,
//! Markdown and JSON formats.

use super::{inline_diff, Report};

/// The header row, in order.
pub const COLUMNS: &[&str] = &[
    "path",
    "quote_id",
    "line",
    "column",
    "end_line",
    "end_column",
    "kind",
    "verdict",
    "text",
    "context_before",
    "context_after",
    "speaker",
    "speaker_kind",
    "speaker_resolved",
    "registry_id",
    "registry_name",
    "registry_role",
    "registry_file",
    "registry_line",
    "source_id",
    "source_url",
    "source_file",
    "score",
    "translated",
    "excerpt",
    "diff",
    "evidence_url",
    "evidence_final_url",
    "evidence_status",
    "evidence_fetched_at",
    "evidence_sha256",
    "evidence_cache_file",
    "rules",
    "findings",
    "marks_broken",
];

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` quoted from an article,
/// `+`, `-`, `@`, or a tab or carriage return first) gets a leading `'`, which spreadsheets
/// read as "this is text" and hide: quoted words are untrusted input.
fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

pub fn render(report: &Report) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = out.write_record(COLUMNS);
    for article in report.articles() {
        for row in &article.rows {
            let q = row.quote;
            let speaker = q.speaker.as_ref();
            let entry = speaker.and_then(|s| s.registry.as_ref());
            let source = q.source.as_ref();
            let evidence = source.and_then(|s| s.evidence());
            let opt = |s: Option<&String>| s.cloned().unwrap_or_default();
            let findings: Vec<String> = row
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{} {} {}:{}: {}",
                        f.code, f.severity, f.start.line, f.start.column, f.message
                    )
                })
                .collect();
            let record: [String; 35] = [
                article.file.path.clone(),
                q.id.clone(),
                q.start.line.to_string(),
                q.start.column.to_string(),
                q.end.line.to_string(),
                q.end.column.to_string(),
                q.kind.clone(),
                q.verdict.clone(),
                q.text.clone(),
                q.context.before.clone(),
                q.context.after.clone(),
                speaker.map(|s| s.text.clone()).unwrap_or_default(),
                opt(speaker.and_then(|s| s.kind.as_ref())),
                speaker
                    .map(|s| s.resolved().to_string())
                    .unwrap_or_default(),
                opt(speaker.and_then(|s| s.registry_id.as_ref())),
                entry.map(|e| e.name.clone()).unwrap_or_default(),
                opt(entry.and_then(|e| e.role.as_ref())),
                entry.map(|e| e.path.clone()).unwrap_or_default(),
                entry.map(|e| e.line.to_string()).unwrap_or_default(),
                opt(source.and_then(|s| s.id.as_ref())),
                opt(source.and_then(|s| s.url.as_ref())),
                opt(source.and_then(|s| s.file.as_ref())),
                source
                    .and_then(|s| s.score)
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                source.map(|s| s.translated.to_string()).unwrap_or_default(),
                source.map(|s| s.excerpt.clone()).unwrap_or_default(),
                source
                    .and_then(|s| s.diff.as_deref())
                    .map(inline_diff)
                    .unwrap_or_default(),
                opt(evidence.and_then(|e| e.url.as_ref())),
                opt(evidence.and_then(|e| e.final_url.as_ref())),
                evidence
                    .and_then(|e| e.status)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                opt(evidence.and_then(|e| e.fetched_at.as_ref())),
                opt(evidence.and_then(|e| e.sha256.as_ref())),
                opt(evidence.and_then(|e| e.cache_file.as_ref())),
                row.rules().join(" "),
                findings.join("\n"),
                row.broken.unwrap_or_default().to_string(),
            ];
            let _ = out.write_record(record.iter().map(|cell| neutralize(cell).into_owned()));
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).expect("every field is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_text() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-2+3"), "'-2+3");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("We will."), "We will.");
        assert_eq!(neutralize(""), "");
    }

    #[test]
    fn evidence_has_its_columns() {
        let file: super::super::FileReport = serde_json::from_value(serde_json::json!({
            "path": "a.md",
            "quotes": [{
                "id": "q1", "span": {"start": 0, "end": 10},
                "start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 11},
                "text": "say \"no\",\nthen", "kind": "speech", "speaker": null, "verdict": "verified",
                "source": {"id": "s", "url": "https://example.org/a", "excerpt": "e", "diff": null,
                           "evidence": {"url": "https://example.org/a",
                                        "final_url": "https://example.org/b",
                                        "status": 200, "fetched_at": "2026-05-01T10:00:00Z",
                                        "sha256": "0123", "cache_file": "c/x.html"}}
            }],
            "findings": []
        }))
        .unwrap();
        let csv = render(&Report::new("t", vec![file]));
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        let col = |name: &str| &row[COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("text"), "say \"no\",\nthen");
        assert_eq!(col("evidence_final_url"), "https://example.org/b");
        assert_eq!(col("evidence_status"), "200");
        assert_eq!(col("evidence_fetched_at"), "2026-05-01T10:00:00Z");
        assert_eq!(col("evidence_sha256"), "0123");
        assert_eq!(col("evidence_cache_file"), "c/x.html");
        assert!(csv.contains("\"say \"\"no\"\",\nthen\""));
    }
}
