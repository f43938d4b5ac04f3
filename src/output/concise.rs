//! One line per finding, for terminals, editors and grep.

use std::io::{self, Write};

use crate::span::LineIndex;
use crate::FileResult;

pub fn file(out: &mut dyn Write, file: &FileResult) -> io::Result<()> {
    if file.findings.is_empty() {
        return Ok(());
    }
    let index = LineIndex::new(&file.text);
    for f in &file.findings {
        let at = index.line_col(f.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            file.path,
            at.line,
            at.column,
            f.severity.as_str(),
            f.rule.code(),
            f.message
        )?;
    }
    Ok(())
}
