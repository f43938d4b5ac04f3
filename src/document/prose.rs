//! Prose: the words a reader sees, with a map from every byte back to the file.
//!
//! Markdown syntax, decoded entities and backslash escapes make the text a reader sees differ
//! from the bytes in the file. A [`ProseBlock`] holds the reader's text and a list of
//! [`Piece`]s that map it back, so every finding spans exact file bytes.

use std::ops::Range;

use crate::span::Span;

/// A run of prose text and the file bytes it came from. A verbatim run maps byte for byte;
/// any other (an entity, an escape, a code span stood in for by a placeholder) maps every
/// offset inside it to its whole file range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    prose: usize,
    prose_len: usize,
    file: usize,
    file_len: usize,
    verbatim: bool,
}

/// What a block of prose is, which decides how quotations may run from one block to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, or a paragraph of an HTML block.
    Paragraph,
    /// The text of a list item.
    ListItem,
    Heading,
    TableCell,
    /// A published string in the front matter (`title`, `summary`, …).
    FrontMatter,
}

/// Stands in for text that is not prose but occupies a place in the sentence (a code span,
/// a footnote reference), so the marks around it see a word there.
pub const PLACEHOLDER: char = '\u{FFFC}';

#[derive(Clone, Debug)]
pub struct ProseBlock {
    pub kind: BlockKind,
    pub text: String,
    pieces: Vec<Piece>,
    /// Byte ranges of `text` that must not be searched for marks (template tags).
    pub masked: Vec<Range<usize>>,
    /// Nesting depth of `>` blockquotes around this block, and which blockquote it is in.
    pub blockquote: Option<usize>,
}

impl ProseBlock {
    /// The file offset where the prose byte `offset` starts.
    pub fn file_start(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.prose + p.prose_len <= offset);
        match self.pieces.get(i) {
            Some(p) if p.verbatim => p.file + (offset.saturating_sub(p.prose)),
            Some(p) => p.file,
            None => self.pieces.last().map_or(0, |p| p.file + p.file_len),
        }
    }

    /// The file offset where the prose byte just before `offset` ends.
    pub fn file_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.file_start(0);
        }
        let i = self
            .pieces
            .partition_point(|p| p.prose + p.prose_len < offset);
        match self.pieces.get(i) {
            Some(p) if p.verbatim => p.file + (offset - p.prose).min(p.prose_len),
            Some(p) => p.file + p.file_len,
            None => self.pieces.last().map_or(0, |p| p.file + p.file_len),
        }
    }

    /// The file bytes behind a range of prose.
    pub fn file_span(&self, prose: Range<usize>) -> Span {
        if prose.is_empty() {
            let at = self.file_start(prose.start);
            return Span::empty(at);
        }
        Span::new(self.file_start(prose.start), self.file_end(prose.end))
    }

    pub fn file_extent(&self) -> Span {
        self.file_span(0..self.text.len())
    }

    pub fn is_masked(&self, offset: usize) -> bool {
        // Sorted and disjoint: the last range starting at or before `offset` decides.
        let i = self.masked.partition_point(|r| r.start <= offset);
        i > 0 && self.masked[i - 1].contains(&offset)
    }
}

/// Builds one [`ProseBlock`] from the pieces of text a parser hands over.
pub struct ProseBuilder {
    text: String,
    pieces: Vec<Piece>,
}

impl ProseBuilder {
    pub fn new() -> Self {
        ProseBuilder {
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn push_piece(&mut self, text: &str, file: usize, file_len: usize, verbatim: bool) {
        if text.is_empty() {
            return;
        }
        let prose = self.text.len();
        self.text.push_str(text);
        // Merge adjacent verbatim runs: long plain paragraphs stay one piece.
        if let Some(last) = self.pieces.last_mut() {
            if verbatim
                && last.verbatim
                && last.prose + last.prose_len == prose
                && last.file + last.file_len == file
            {
                last.prose_len += text.len();
                last.file_len += file_len;
                return;
            }
        }
        self.pieces.push(Piece {
            prose,
            prose_len: text.len(),
            file,
            file_len,
            verbatim,
        });
    }

    /// Text copied verbatim from `file_start`.
    pub fn push_verbatim(&mut self, text: &str, file_start: usize) {
        self.push_piece(text, file_start, text.len(), true);
    }

    /// Text that stands for the whole of `file` (an entity, a line break, a placeholder).
    pub fn push_opaque(&mut self, text: &str, file: Span) {
        self.push_piece(text, file.start, file.len(), false);
    }

    /// Raw text that a renderer will entity-decode (HTML blocks, front-matter strings):
    /// entities become their characters, mapped to the whole entity.
    pub fn push_with_entities(&mut self, raw: &str, file_start: usize) {
        let mut pos = 0;
        let mut run = 0;
        while let Some(amp) = memchr::memchr(b'&', &raw.as_bytes()[pos..]).map(|i| pos + i) {
            match super::entities::decode_at(&raw[amp..]) {
                Some((len, decoded)) => {
                    self.push_verbatim(&raw[run..amp], file_start + run);
                    self.push_opaque(
                        &decoded,
                        Span::new(file_start + amp, file_start + amp + len),
                    );
                    pos = amp + len;
                    run = pos;
                }
                None => pos = amp + 1,
            }
        }
        self.push_verbatim(&raw[run..], file_start + run);
    }

    /// Text a parser decoded from `source` (the file bytes at `file_start`): verbatim where
    /// they agree, and entity by entity or escape by escape where they do not.
    pub fn push_decoded(&mut self, text: &str, source: &str, file_start: usize) {
        if text == source {
            return self.push_verbatim(text, file_start);
        }
        if !self.align(text, source, file_start) {
            self.push_opaque(text, Span::new(file_start, file_start + source.len()));
        }
    }

    /// Walks `text` and `source` together. Returns false (and pushes nothing) when they
    /// cannot be aligned, so the caller can fall back to a coarse mapping.
    fn align(&mut self, text: &str, source: &str, file_start: usize) -> bool {
        let mut steps: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        let (mut t, mut s) = (0, 0);
        while t < text.len() {
            let rest_s = &source[s..];
            let rest_t = &text[t..];
            if rest_s.starts_with('&') && !rest_t.starts_with('&') {
                if let Some((entity_len, decoded)) = super::entities::decode_at(rest_s) {
                    if rest_t.starts_with(decoded.as_str()) {
                        steps.push((t..t + decoded.len(), s..s + entity_len));
                        t += decoded.len();
                        s += entity_len;
                        continue;
                    }
                }
                return false;
            }
            if rest_s.starts_with('\\') && !rest_t.starts_with('\\') {
                let next = rest_t.chars().next().unwrap_or(' ');
                if rest_s[1..].starts_with(next) {
                    let n = next.len_utf8();
                    steps.push((t..t + n, s..s + 1 + n));
                    t += n;
                    s += 1 + n;
                    continue;
                }
                return false;
            }
            match (rest_t.chars().next(), rest_s.chars().next()) {
                (Some(a), Some(b)) if a == b => {
                    let n = a.len_utf8();
                    steps.push((t..t + n, s..s + n));
                    t += n;
                    s += n;
                }
                _ => return false,
            }
        }
        for (tr, sr) in steps {
            let verbatim = tr.len() == sr.len();
            self.push_piece(&text[tr], file_start + sr.start, sr.len(), verbatim);
        }
        true
    }

    pub fn finish(self, kind: BlockKind, blockquote: Option<usize>) -> ProseBlock {
        let masked = template_tags(&self.text);
        ProseBlock {
            kind,
            text: self.text,
            pieces: self.pieces,
            masked,
            blockquote,
        }
    }
}

impl Default for ProseBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// Byte ranges that hold no quotation marks even though they sit in prose text:
/// Hugo shortcodes (`{{< … >}}`, `{{% … %}}`), Liquid/Jinja tags (`{{ … }}`, `{% … %}`), and
/// HTML tags the Markdown parser left as text because a shortcode inside an attribute made
/// them invalid (`<a href="{{< ref "x.md" >}}" target="_blank">`).
fn template_tags(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if matches!(bytes.get(i + 1), Some(b'{' | b'%')) => {
                let close = if bytes[i + 1] == b'{' { "}}" } else { "%}" };
                match text[i + 2..].find(close) {
                    Some(len) => {
                        let end = i + 2 + len + 2;
                        out.push(i..end);
                        i = end;
                    }
                    None => i += 2,
                }
            }
            b'<' if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/') =>
            {
                match html_tag_end(text, i) {
                    Some(end) => {
                        out.push(i..end);
                        i = end;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The end of an HTML-looking tag at `start`, allowing template tags inside it. A tag does
/// not span a blank line, and one without `=` or a closing `/` is treated as prose (`a <b`).
fn html_tag_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    let mut saw_attribute = bytes[i] == b'/';
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return saw_attribute.then_some(i + 1),
            b'<' => return None,
            b'=' => saw_attribute = true,
            b'{' if matches!(bytes.get(i + 1), Some(b'{' | b'%')) => {
                let close = if bytes[i + 1] == b'{' { "}}" } else { "%}" };
                i = i + 2 + text[i + 2..].find(close)? + 2;
                continue;
            }
            b'\n' if bytes.get(i + 1) == Some(&b'\n') => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_map_to_their_whole_source() {
        let mut b = ProseBuilder::new();
        let source = "&#8220;Hi&rdquo; x";
        b.push_decoded("“Hi” x", source, 10);
        let block = b.finish(BlockKind::Paragraph, None);
        assert_eq!(block.file_span(0..3), Span::new(10, 17));
        assert_eq!(block.file_span(3..5), Span::new(17, 19));
        assert_eq!(block.file_span(5..8), Span::new(19, 26));
        assert_eq!(block.file_span(0..block.text.len()), Span::new(10, 28));
    }

    #[test]
    fn escapes_and_placeholders_map() {
        let mut b = ProseBuilder::new();
        b.push_decoded("a*b", "a\\*b", 0);
        b.push_opaque("\u{FFFC}", Span::new(4, 9));
        b.push_opaque("\n", Span::new(9, 11));
        let block = b.finish(BlockKind::Paragraph, None);
        assert_eq!(block.file_span(1..2), Span::new(1, 3));
        assert_eq!(block.file_span(3..6), Span::new(4, 9));
        assert_eq!(block.file_span(6..7), Span::new(9, 11));
    }

    #[test]
    fn shortcodes_are_masked() {
        let tags = template_tags(r#"a {{< img src="x" >}} b {% raw %} {c}"#);
        assert_eq!(tags, vec![2..21, 24..33]);
    }

    #[test]
    fn broken_html_tags_with_shortcodes_are_masked() {
        let text = r#"see <a href="{{< ref "x.md" >}}" target="_blank">here</a> and a <b then"#;
        let tags = template_tags(text);
        assert_eq!(
            &text[tags[0].clone()],
            r#"<a href="{{< ref "x.md" >}}" target="_blank">"#
        );
        assert_eq!(&text[tags[1].clone()], "</a>");
        assert_eq!(tags.len(), 2);
    }
}
