//! One line per finding, for terminals, editors and grep.

use std::fmt::Write;

use crate::span::LineIndex;
use crate::RunResult;

pub fn render(run: &RunResult) -> String {
    let mut out = String::new();
    for file in &run.files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            let at = index.line_col(f.span.start);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.path,
                at.line,
                at.column,
                f.severity.as_str(),
                f.rule.code(),
                f.message
            );
        }
    }
    out
}
