//! `--format github`: workflow commands that GitHub turns into annotations on the lines of a
//! pull request, and a Markdown job summary.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Notable, Totals};
use crate::diagnostic::Severity;
use crate::span::LineIndex;
use crate::FileResult;

/// How many findings the job summary lists.
pub const SUMMARY_FINDINGS: usize = 20;

/// Escapes a workflow command's message, as GitHub's toolkit does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (`file=`, `title=`): also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn file(out: &mut dyn Write, file: &FileResult) -> io::Result<()> {
    if file.findings.is_empty() {
        return Ok(());
    }
    let index = LineIndex::new(&file.text);
    for f in &file.findings {
        let start = index.line_col(f.span.start);
        let end = index.line_col(f.span.end);
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push('\n');
            message.push_str(help);
        }
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(f.severity),
            escape_property(&file.path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", f.rule.code(), f.rule.name())),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Where a finding can be opened: a link to the line on GitHub when the workflow's
/// environment says which repository and commit, else `path:line`.
pub struct Links {
    pub base: Option<String>,
}

impl Links {
    /// From `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_SHA`.
    pub fn from_env() -> Links {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let base = match (
            var("GITHUB_SERVER_URL"),
            var("GITHUB_REPOSITORY"),
            var("GITHUB_SHA"),
        ) {
            (Some(server), Some(repo), Some(sha)) => Some(format!("{server}/{repo}/blob/{sha}")),
            _ => None,
        };
        Links { base }
    }

    fn link(&self, path: &str, line: usize) -> String {
        match &self.base {
            Some(base) => format!(
                "[{}:{line}]({base}/{}#L{line})",
                markdown(path),
                super::sarif::uri(path.trim_start_matches("./"))
            ),
            None => format!("`{path}:{line}`"),
        }
    }
}

/// Escapes text for a Markdown table cell or list item.
fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '<' | '>' | '[' | ']' | '*' | '_' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The job summary: counts per rule and per verdict, and the findings to look at first.
pub fn step_summary(totals: &Totals, notable: &[Notable], links: &Links) -> String {
    let mut md = String::from("## citelint\n\n");
    let _ = writeln!(md, "**{}**\n", totals.line());
    if !totals.by_rule.is_empty() {
        md.push_str("| rule | findings |\n|---|---:|\n");
        for (rule, count) in &totals.by_rule {
            let _ = writeln!(md, "| {} {} | {count} |", rule.code(), rule.name());
        }
        md.push('\n');
    }
    if !totals.by_verdict.is_empty() {
        md.push_str("| verdict | quotations |\n|---|---:|\n");
        for (verdict, count) in &totals.by_verdict {
            let _ = writeln!(md, "| {verdict} | {count} |");
        }
        md.push('\n');
    }
    if !notable.is_empty() {
        md.push_str("### Findings to look at first\n\n");
        for n in notable {
            let _ = writeln!(
                md,
                "- **{}** {} {}: {}",
                n.severity.as_str(),
                n.code,
                links.link(&n.path, n.line),
                markdown(&n.message)
            );
        }
        if totals.errors + totals.warnings > notable.len() {
            let _ = writeln!(
                md,
                "\n…and {} more in the annotations.",
                totals.errors + totals.warnings - notable.len()
            );
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
    }

    #[test]
    fn links_fall_back_to_paths() {
        let none = Links { base: None };
        assert_eq!(none.link("news/a.md", 3), "`news/a.md:3`");
        let gh = Links {
            base: Some("https://github.com/o/r/blob/abc".into()),
        };
        assert_eq!(
            gh.link("news/a.md", 3),
            "[news/a.md:3](https://github.com/o/r/blob/abc/news/a.md#L3)"
        );
    }
}
