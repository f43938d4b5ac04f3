//! A source text made searchable: its words as numbers, and where each number occurs.
//!
//! Built once per source (a local file, or all the registry's recorded wording), then
//! asked about every quotation that may come from it. Lookups start from the rarest word
//! a quotation shares with the source, so a quotation costs time in proportion to how
//! often its words occur, never to the length of the source.

use std::collections::HashMap;
use std::ops::Range;

use super::words::for_each_word;

/// A word number that no source word has: a quotation word the source never uses.
pub const ABSENT: u32 = u32::MAX;

#[derive(Debug, Default)]
pub struct SourceText {
    /// The text as extracted (plain text, or the visible text of an HTML page or a PDF).
    pub text: String,
    /// Each word of the text as a number, in order.
    pub ids: Vec<u32>,
    /// Each word's bytes in `text`.
    pub bytes: Vec<(u32, u32)>,
    vocabulary: HashMap<String, u32>,
    /// By word number: the positions (indexes into `ids`) where it occurs, ascending.
    positions: Vec<Vec<u32>>,
    /// Where one separately recorded text ends and the next begins (word indexes): a match
    /// may not run across a boundary.
    pub segments: Vec<Range<usize>>,
}

impl SourceText {
    /// Indexes `text` as one segment.
    pub fn new(text: String) -> SourceText {
        let mut source = SourceText::default();
        source.push_segment(&text, 0);
        source.text = text;
        source
    }

    /// Indexes several texts, each its own segment, in one index.
    pub fn segmented<'t>(texts: impl IntoIterator<Item = &'t str>) -> SourceText {
        let mut source = SourceText::default();
        let mut joined = String::new();
        for text in texts {
            let offset = joined.len();
            joined.push_str(text);
            joined.push('\n');
            source.push_segment(text, offset);
        }
        source.text = joined;
        source
    }

    fn push_segment(&mut self, text: &str, offset: usize) {
        let first = self.ids.len();
        for_each_word(text, |word, bytes| {
            let id = match self.vocabulary.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.positions.len() as u32;
                    self.vocabulary.insert(word.to_string(), id);
                    self.positions.push(Vec::new());
                    id
                }
            };
            self.positions[id as usize].push(self.ids.len() as u32);
            self.ids.push(id);
            self.bytes
                .push(((offset + bytes.start) as u32, (offset + bytes.end) as u32));
        });
        self.segments.push(first..self.ids.len());
    }

    /// The number of a normalized word, or [`ABSENT`].
    pub fn id(&self, word: &str) -> u32 {
        self.vocabulary.get(word).copied().unwrap_or(ABSENT)
    }

    /// Where word `id` occurs.
    pub fn positions(&self, id: u32) -> &[u32] {
        self.positions
            .get(id as usize)
            .map_or(&[][..], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The segment holding word `at`.
    pub fn segment_of(&self, at: usize) -> usize {
        self.segments.partition_point(|s| s.end <= at)
    }

    /// The original text of words `range`.
    pub fn excerpt(&self, range: Range<usize>) -> &str {
        if range.start >= range.end || range.end > self.bytes.len() {
            return "";
        }
        let start = self.bytes[range.start].0 as usize;
        let end = self.bytes[range.end - 1].1 as usize;
        &self.text[start..end]
    }

    /// The original text of word `at`.
    pub fn word(&self, at: usize) -> &str {
        self.excerpt(at..at + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_words_and_keeps_their_bytes() {
        let s = SourceText::new("The cat — the CAT’s hat.".into());
        assert_eq!(s.len(), 5);
        assert_eq!(s.ids[0], s.ids[2]);
        assert_eq!(s.positions(s.id("the")), &[0, 2]);
        assert_eq!(s.excerpt(2..5), "the CAT’s hat");
        assert_eq!(s.id("dog"), ABSENT);
        assert!(s.positions(ABSENT).is_empty());
    }

    #[test]
    fn segments_keep_recorded_texts_apart() {
        let s = SourceText::segmented(["one two", "three four five"]);
        assert_eq!(s.segments, vec![0..2, 2..5]);
        assert_eq!(s.segment_of(1), 0);
        assert_eq!(s.segment_of(2), 1);
        assert_eq!(s.excerpt(2..4), "three four");
    }
}
