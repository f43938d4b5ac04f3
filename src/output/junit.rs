//! `--format junit`: one test suite per file, one test case per quotation (failing when a
//! finding falls inside it), and one failing case for each finding outside any quotation.
//! Suites are collected and the report is written at the end: JUnit puts totals first.

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
