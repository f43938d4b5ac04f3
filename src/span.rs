//! Byte spans into a file and their translation to 1-based lines and character columns.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the file as it was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to lines and character columns.
///
/// Columns are counted in characters, so a naive count from the line start would be
/// quadratic on a single 50 MB line with many findings; a prefix count of characters
/// per fixed-size block keeps every lookup bounded by one block.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    block_chars: Vec<usize>,
}

const BLOCK: usize = 4096;

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut block_chars = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut total = 0;
        for chunk in text.as_bytes().chunks(BLOCK) {
            block_chars.push(total);
            total += count_chars(chunk);
        }
        block_chars.push(total);
        LineIndex {
            text,
            line_starts,
            block_chars,
        }
    }

    /// Characters before `offset` in the whole text. `offset` is clamped to the text.
    fn chars_before(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / BLOCK;
        self.block_chars[block] + count_chars(&self.text.as_bytes()[block * BLOCK..offset])
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line - 1];
        // Most lines are short: count them directly; long ones use the block counts.
        let column = if offset - line_start <= BLOCK {
            count_chars(&self.text.as_bytes()[line_start..offset])
        } else {
            self.chars_before(offset) - self.chars_before(line_start)
        };
        LineCol {
            line,
            column: column + 1,
        }
    }

    /// The byte range of the 1-based `line`, without its line terminator.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let mut end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Some(Span::new(start, end))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// The length of a UTF-8 byte order mark at the start of `text`, if any.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\n“cd”\r\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(3), LineCol { line: 2, column: 1 });
        // after “ (3 bytes) and c, d
        assert_eq!(index.line_col(8), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(text.len()), LineCol { line: 3, column: 2 });
        assert_eq!(index.line_span(2), Some(Span::new(3, 11)));
    }

    #[test]
    fn long_lines_cross_blocks() {
        let text = "é".repeat(5000) + "x";
        let index = LineIndex::new(&text);
        assert_eq!(
            index.line_col(10_000),
            LineCol {
                line: 1,
                column: 5001
            }
        );
    }
}
