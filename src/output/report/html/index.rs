//! What the page's script reads instead of the rows themselves: per article its path, and per
//! quotation and loose finding what the filters, the search and the sign-off export need. The
//! rows of a large archive are built only when they near the screen (see the template), so
//! filtering and exporting cannot walk the rows on the page.

use serde::Serialize;

use super::{ArticleView, FindingView, RowView};

/// One article: `p` its path, `r` its quotations, `l` its findings outside any quotation.
/// Short keys and tuples: this is repeated for every row of an archive.
#[derive(Serialize)]
struct IndexArticle<'a> {
    p: &'a str,
    r: Vec<IndexRow<'a>>,
    l: Vec<(&'a str, String)>,
}

/// verdict, rules, speaker key, stable id, speaker name, the quoted words, what else the
/// search looks in (lowercase; the quoted words are searched as well), and the work carried
/// over by `--signoff` (state, note, checker, time), or null.
type IndexRow<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    String,
    Option<[&'a str; 4]>,
);

/// The index as JSON that can stand inside a `<script>` element: no `<` in it at all, so
/// no `</script>` or `<!--` can end or change the element.
pub(super) fn index_json(articles: &[ArticleView<'_>]) -> String {
    let index: Vec<IndexArticle<'_>> = articles.iter().map(index_article).collect();
    serde_json::to_string(&index)
        .expect("the index serializes")
        .replace('<', "\\u003c")
}

fn index_article<'a>(a: &'a ArticleView<'a>) -> IndexArticle<'a> {
    IndexArticle {
        p: a.path,
        r: a.rows.iter().map(index_row).collect(),
        l: a.loose
            .iter()
            .map(|f| (f.code, finding_text(f).to_lowercase()))
            .collect(),
    }
}

fn index_row<'a>(r: &'a RowView<'a>) -> IndexRow<'a> {
    let work = r.work.map(|w| {
        [
            w.state.as_str(),
            w.note.as_str(),
            w.checker.as_str(),
            w.time.as_str(),
        ]
    });
    (
        r.verdict,
        &r.rules,
        &r.speaker_key,
        &r.sid,
        &r.speaker_name,
        r.text,
        search_text(r),
        work,
    )
}

/// The words a row shows beside the quoted ones, as the search sees them. The context
/// around the quotation is left out: it is most of an archive's text, and a search is for
/// what was said, by whom, from where and what is wrong with it.
fn search_text(r: &RowView<'_>) -> String {
    let mut parts: Vec<&str> = vec![r.kind, r.verdict_label];
    if let Some(s) = &r.speaker {
        parts.push(s.text);
        parts.extend(s.resolved);
        parts.extend(s.role);
    }
    if let Some(s) = &r.source {
        parts.extend(s.id);
        parts.extend(s.shown_url);
        parts.extend(s.file);
    }
    parts.extend(r.excerpt);
    let findings: Vec<String> = r.findings.iter().map(finding_text).collect();
    parts.extend(findings.iter().map(String::as_str));
    parts.join(" ").to_lowercase()
}

fn finding_text(f: &FindingView<'_>) -> String {
    let message: String = f.message.iter().map(|p| p.text).collect();
    let mut text = format!("{} {} {message} {}", f.code, f.severity, f.rule);
    if let Some(context) = f.context {
        text.push(' ');
        text.push_str(context);
    }
    text
}
