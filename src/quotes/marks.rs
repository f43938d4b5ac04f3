//! Finding quotation-mark characters in prose and describing where each one stands.

use std::ops::Range;

use crate::document::{ProseBlock, PLACEHOLDER};
use crate::lexicon::LanguageMarks;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Double,
    Single,
}

/// What a mark's glyph says about it, in the configured language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Open,
    Close,
    /// `"` or `'`: its place in the sentence decides.
    Straight,
}

/// What the neighbours of a mark say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Space or an opening bracket or dash before, a word after.
    Open,
    /// A word or closing punctuation before, a space or punctuation after.
    Close,
    /// Closing punctuation before and a word after: `Bay…”Average`, `said,”We`.
    Glued,
    /// Letters or digits on both sides: `don't`, `Hawai‘i`.
    Inner,
    /// Space on both sides, or space before and punctuation after.
    Isolated,
}

/// A quotation-mark candidate: a mark character (or `’’` written for a double mark).
#[derive(Clone, Debug)]
pub struct MarkToken {
    pub block: usize,
    pub prose: Range<usize>,
    pub level: Level,
    pub shape: Shape,
    pub position: Position,
    /// Two single marks standing for one double (`’’`, `''`).
    pub doubled: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Space,
    /// `( [ { — – - /` and opening marks: what a quotation may start after.
    OpenPunct,
    Word,
    /// `. , ; : ! ? … ) ] }` and the like.
    Punct,
}

fn side(c: Option<char>, marks: &LanguageMarks) -> Side {
    match c {
        None => Side::Space,
        Some(c) if c.is_whitespace() => Side::Space,
        Some(c) if c.is_alphanumeric() || c == PLACEHOLDER => Side::Word,
        Some('(' | '[' | '{' | '—' | '–' | '-' | '/' | '<') => Side::OpenPunct,
        Some(c) if marks.double.open.contains(&c) || marks.single.open.contains(&c) => {
            Side::OpenPunct
        }
        Some(_) => Side::Punct,
    }
}

fn classify(c: char, marks: &LanguageMarks) -> Option<(Level, Shape)> {
    if c == '"' {
        return Some((Level::Double, Shape::Straight));
    }
    if c == '\'' {
        return Some((Level::Single, Shape::Straight));
    }
    for (level, set) in [
        (Level::Double, &marks.double),
        (Level::Single, &marks.single),
    ] {
        if set.open.contains(&c) {
            return Some((level, Shape::Open));
        }
        if set.close.contains(&c) || set.also_close.contains(&c) {
            return Some((level, Shape::Close));
        }
    }
    None
}

/// Every mark in `block`, left to right.
pub fn tokenize(block_index: usize, block: &ProseBlock, marks: &LanguageMarks) -> Vec<MarkToken> {
    let text = &block.text;
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        // Every mark is `"`, `'` or a non-ASCII character: skip the rest byte by byte
        // without decoding, which is most of the text.
        let b = bytes[pos];
        if b != b'"' && b != b'\'' && b < 0xC0 {
            pos += 1;
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let i = pos;
        pos += c.len_utf8();
        let Some((mut level, shape)) = classify(c, marks) else {
            continue;
        };
        if block.is_masked(i) {
            continue;
        }
        let prev_raw = text[..i].chars().next_back();
        let mut end = pos;
        let mut doubled = false;
        // `’’` or `''` written for a double mark.
        if level == Level::Single
            && text[pos..].starts_with(c)
            && (shape != Shape::Straight || prev_raw.is_some_and(|p| !p.is_alphanumeric()))
        {
            pos += c.len_utf8();
            end = pos;
            level = Level::Double;
            doubled = true;
        }
        // Emphasis markers the parser left as literal text (`**“**We`) are not neighbours.
        // (A few at most, so a line of asterisks stays linear.)
        let next = text[end..]
            .chars()
            .take(4)
            .find(|c| !matches!(c, '*' | '_'));
        let prev = text[..i]
            .chars()
            .rev()
            .take(4)
            .find(|c| !matches!(c, '*' | '_'));
        let (before, after) = (side(prev, marks), side(next, marks));
        let position = match (before, after) {
            (Side::Space | Side::OpenPunct, Side::Word | Side::OpenPunct) => Position::Open,
            // `année »,` (French spacing) or ` “…`: glyph and context decide.
            (Side::Space | Side::OpenPunct, Side::Punct) => Position::Isolated,
            (Side::Word | Side::Punct, Side::Space | Side::Punct | Side::OpenPunct) => {
                Position::Close
            }
            (Side::Punct, Side::Word) => Position::Glued,
            (Side::Word, Side::Word) => Position::Inner,
            (Side::Space | Side::OpenPunct, Side::Space) => Position::Isolated,
        };
        out.push(MarkToken {
            block: block_index,
            prose: i..end,
            level,
            shape,
            position,
            doubled,
        });
    }
    out
}
