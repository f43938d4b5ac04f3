//! Where a lost opening mark could go: every word start between the region's floor (the
//! paragraph start or the previous closing mark in the paragraph) and the orphaned closing
//! mark, with the words around each one.

use crate::document::Document;
use crate::quotes::{QuoteAnalysis, Role};

/// The most candidates kept for one quotation, the nearest to the closing mark. Quotations
/// are rarely longer; the cap keeps a paragraph of one huge unmarked run linear.
pub const MAX_CANDIDATES: usize = 200;

/// What the region starts at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Floor {
    ParagraphStart,
    PreviousClose,
    /// The cap ([`MAX_CANDIDATES`]) cut the region short.
    Capped,
}

/// A word of the region: where it starts, the word itself, and the punctuation around it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Prose offset in the block where the word begins (a candidate position).
    pub start: usize,
    /// The word, lowercase, letters and digits (and inner `'`, `-`, `.`) only.
    pub word: String,
    pub capitalized: bool,
    /// Punctuation right before the word, after the space (`(`, `[`).
    pub lead: String,
    /// Punctuation after the word up to the next word (`,`, `:`, `.`, `—`).
    pub trail: String,
}

/// The words between the floor and an orphaned closing mark, and what lies around them.
#[derive(Clone, Debug)]
pub struct Region<'t> {
    /// The block's prose text.
    pub text: &'t str,
    pub floor: usize,
    pub floor_kind: Floor,
    /// Where the closing mark starts.
    pub close: usize,
    /// The words, in order; each word start is a candidate.
    pub tokens: Vec<Token>,
}

impl Region<'_> {
    /// The prose text after the closing mark.
    pub fn after(&self) -> &str {
        let end = self.text[self.close..]
            .chars()
            .next()
            .map_or(self.close, |c| self.close + c.len_utf8());
        &self.text[end..]
    }
}

/// The region of the orphaned closing mark `orphan` (an index into `a.marks`).
pub fn region<'d>(doc: &'d Document, a: &QuoteAnalysis, orphan: usize) -> Option<Region<'d>> {
    let mark = a.marks.get(orphan)?;
    let text = doc.blocks.get(mark.block)?.text.as_str();
    let previous = a.marks[..orphan]
        .iter()
        .rev()
        .take_while(|m| m.block == mark.block)
        .find(|m| m.role == Role::Close);
    let (floor, floor_kind) = match previous {
        Some(m) => (m.prose.end, Floor::PreviousClose),
        None => (0, Floor::ParagraphStart),
    };
    let close = mark.prose.start;
    if floor > close || !text.is_char_boundary(floor) || !text.is_char_boundary(close) {
        return None;
    }
    let mut tokens = tokenize(text, floor, close);
    let mut floor_kind = floor_kind;
    if tokens.len() > MAX_CANDIDATES {
        tokens.drain(..tokens.len() - MAX_CANDIDATES);
        floor_kind = Floor::Capped;
    }
    Some(Region {
        text,
        floor,
        floor_kind,
        close,
        tokens,
    })
}

/// The char boundary at or before `at` (clamped to the text).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Characters that may begin a quotation's first word.
fn starts_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '$' | '£' | '€' | '#' | '…' | '‘' | '\'' | '%' | '&')
}

/// Characters that a word may carry inside it (`don’t`, `well-being`, `U.S.`).
fn inside_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '’' | '\'' | '-' | '.' | '&')
}

/// Splits `text[from..to]` into words. A dash splits words (`cities—we tried`); anything
/// that is not a word is punctuation, attached to the word before it (trail) or after it
/// (lead, for opening brackets).
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token> {
    let to = floor_boundary(text, to);
    let from = floor_boundary(text, from.min(to));
    let region = &text[from..to];
    let mut tokens: Vec<Token> = Vec::new();
    let mut lead = String::new();
    let mut chars = region.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !starts_word(c) {
            if matches!(c, '(' | '[') {
                lead.push(c);
            } else if let Some(last) = tokens.last_mut() {
                last.trail.push(c);
            } else {
                lead.push(c);
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !inside_word(d) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        // A word's final period is punctuation (`said.`), an abbreviation's is kept
        // (`U.S.`), which is decided later from the word.
        let raw = &region[i..end];
        let core = raw.trim_end_matches(['.', '-', '’', '\'']);
        let trail = raw[core.len()..].to_string();
        tokens.push(Token {
            start: from + i,
            word: core
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .flat_map(char::to_lowercase)
                .collect(),
            capitalized: core
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(char::is_uppercase),
            lead: std::mem::take(&mut lead),
            trail,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, String, String)> {
        tokenize(text, 0, text.len())
            .into_iter()
            .map(|t| (t.start, t.word, t.trail))
            .collect()
    }

    #[test]
    fn words_carry_the_punctuation_after_them() {
        assert_eq!(
            words("She said: Cities—we tried (twice), U.S. aid."),
            vec![
                (0, "she".into(), "".into()),
                (4, "said".into(), ":".into()),
                (10, "cities".into(), "—".into()),
                (19, "we".into(), "".into()),
                (22, "tried".into(), "".into()),
                (29, "twice".into(), "),".into()),
                (37, "u.s".into(), ".".into()),
                (42, "aid".into(), ".".into()),
            ]
        );
    }

    #[test]
    fn a_range_inside_a_character_is_narrowed() {
        let tokens = tokenize("a –b", 0, 3);
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokenize("a –b", 3, 99).len(), 1);
    }

    #[test]
    fn an_opening_bracket_leads_the_next_word() {
        let tokens = tokenize("a (big) plan", 0, 12);
        assert_eq!(tokens[1].lead, "(");
        assert_eq!(tokens[1].start, 3);
        assert_eq!(tokens[2].start, 8);
    }
}
