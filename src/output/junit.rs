//! `--format junit`: one test suite per file, one test case per quotation (failing when a
//! finding falls inside it), and one failing case for each finding outside any quotation.
//! Suites are collected and the report is written at the end: JUnit puts totals first.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::diagnostic::Finding;
use crate::span::LineIndex;
use crate::FileResult;

fn failure(findings: &[&Finding], index: &LineIndex) -> TestCaseStatus {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    let lines: Vec<String> = findings
        .iter()
        .map(|f| {
            let at = index.line_col(f.span.start);
            format!(
                "{}:{} {} {}: {}",
                at.line,
                at.column,
                f.rule.code(),
                f.severity.as_str(),
                f.message
            )
        })
        .collect();
    status.set_message(lines[0].clone());
    status.set_type(findings[0].rule.code());
    status.set_description(lines.join("\n"));
    status
}

/// The first words of a quotation, for a test case's name.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(48) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

pub fn suite(file: &FileResult) -> TestSuite {
    let index = LineIndex::new(&file.text);
    let mut suite = TestSuite::new(file.path.as_str());
    let mut inside_a_quote = vec![false; file.findings.len()];
    for (i, q) in file.analysis.quotes.iter().enumerate() {
        let at = index.line_col(q.span.start);
        let findings: Vec<&Finding> = file
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| q.span.start <= f.span.start && f.span.start < q.span.end)
            .map(|(j, f)| {
                inside_a_quote[j] = true;
                f
            })
            .collect();
        let status = if findings.is_empty() {
            TestCaseStatus::success()
        } else {
            failure(&findings, &index)
        };
        let mut case = TestCase::new(
            format!("q{} line {}: {}", i + 1, at.line, excerpt(&q.text)),
            status,
        );
        case.set_classname(file.path.as_str());
        suite.add_test_case(case);
    }
    for (f, _) in file
        .findings
        .iter()
        .zip(&inside_a_quote)
        .filter(|(_, inside)| !**inside)
    {
        let at = index.line_col(f.span.start);
        let mut case = TestCase::new(
            format!("{} line {}:{}", f.rule.code(), at.line, at.column),
            failure(&[f], &index),
        );
        case.set_classname(file.path.as_str());
        suite.add_test_case(case);
    }
    suite
}

pub fn report(suites: Vec<TestSuite>) -> Report {
    let mut report = Report::new("citelint");
    report.add_test_suites(suites);
    report
}

/// Writes the report as Jenkins' JUnit schema accepts it. quick-junit puts a `skipped` count
/// on `<testsuites>`, which that schema does not allow there (only on `<testsuite>`), and
/// citelint never skips a case, so the attribute is dropped.
pub fn write(out: &mut dyn Write, suites: Vec<TestSuite>) -> io::Result<()> {
    let xml = report(suites).to_string().map_err(io::Error::other)?;
    out.write_all(without_testsuites_skipped(&xml).as_bytes())
}

fn without_testsuites_skipped(xml: &str) -> String {
    let Some(open) = xml.find("<testsuites") else {
        return xml.to_string();
    };
    let end = xml[open..].find('>').map_or(xml.len(), |i| open + i);
    let tag = &xml[open..end];
    let Some(at) = tag.find(" skipped=\"") else {
        return xml.to_string();
    };
    let value_end = tag[at + 10..]
        .find('"')
        .map_or(tag.len(), |i| at + 10 + i + 1);
    format!("{}{}", &xml[..open + at], &xml[open + value_end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn testsuites_loses_only_its_skipped_count() {
        let xml = "<testsuites name=\"citelint\" tests=\"4\" skipped=\"0\" failures=\"3\">\
                   <testsuite name=\"a\" tests=\"1\" skipped=\"0\"/></testsuites>";
        assert_eq!(
            without_testsuites_skipped(xml),
            "<testsuites name=\"citelint\" tests=\"4\" failures=\"3\">\
             <testsuite name=\"a\" tests=\"1\" skipped=\"0\"/></testsuites>"
        );
        assert_eq!(without_testsuites_skipped("<x/>"), "<x/>");
    }
}
