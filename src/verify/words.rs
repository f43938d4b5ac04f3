//! Words as the matcher compares them, with a map back to the bytes they came from.
//!
//! Both sides of a comparison, the article's quotation and the source text, go through
//! [`for_each_word`]: compatibility forms decomposed (NFKD, which also folds accents, so
//! "Guaidó" and "Guaido" are one word), case folded, curly and straight apostrophes made
//! one, and everything that is neither a letter, a digit nor an apostrophe inside a word
//! treated as space. Punctuation, quotation marks, dashes and hyphens therefore never make
//! two wordings differ: "well-known" is "well known", and a quotation's edge punctuation
//! is gone.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '′')
}

/// Calls `each(word, bytes)` for every word of `text` in order: `word` normalized, `bytes`
/// the range of `text` it was made from.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str, Range<usize>)) {
    let mut word = String::new();
    let mut start = 0;
    let mut end = 0;
    // An apostrophe counts only between two letters ("don't", not "'tis" or "dogs'").
    let mut pending_apostrophe = false;
    let mut flush = |word: &mut String, start: usize, end: usize| {
        if !word.is_empty() {
            each(word, start..end);
            word.clear();
        }
    };
    for (at, c) in text.char_indices() {
        let len = c.len_utf8();
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if word.is_empty() {
                    start = at;
                } else if pending_apostrophe {
                    word.push('\'');
                }
                pending_apostrophe = false;
                word.push(c.to_ascii_lowercase());
                end = at + len;
            } else if c == '\'' && !word.is_empty() {
                pending_apostrophe = true;
            } else {
                pending_apostrophe = false;
                flush(&mut word, start, end);
            }
            continue;
        }
        if is_apostrophe(c) {
            pending_apostrophe = !word.is_empty();
            continue;
        }
        let mut letters = false;
        for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
            if d.is_alphanumeric() {
                if word.is_empty() {
                    start = at;
                } else if pending_apostrophe {
                    word.push('\'');
                }
                pending_apostrophe = false;
                word.extend(d.to_lowercase());
                letters = true;
            } else {
                // A compatibility form that decomposes to punctuation or space ends the word.
                pending_apostrophe = false;
                flush(&mut word, start, end);
            }
        }
        if letters || (is_combining_mark(c) && !word.is_empty()) {
            end = at + len;
        } else if !is_combining_mark(c) {
            pending_apostrophe = false;
            flush(&mut word, start, end);
        }
    }
    flush(&mut word, start, end);
}

/// A word of a quotation: normalized, and where it is in the quotation's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteWord {
    pub word: String,
    pub bytes: Range<usize>,
}

/// Every word of `text`, normalized.
pub fn words(text: &str) -> Vec<QuoteWord> {
    let mut out = Vec::new();
    for_each_word(text, |word, bytes| {
        out.push(QuoteWord {
            word: word.to_string(),
            bytes,
        })
    });
    out
}

/// The normalized words of `text` joined by single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_word(text, |word, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, &str)> {
        words(text)
            .into_iter()
            .map(|w| (w.word, &text[w.bytes]))
            .collect()
    }

    #[test]
    fn folds_marks_dashes_case_accents_and_spacing() {
        assert_eq!(
            normalize("We’ll NOT—ever,  give up!"),
            "we'll not ever give up"
        );
        assert_eq!(normalize("“It’s,” she"), "it's she");
        assert_eq!(normalize("Guaidó and GUAIDO"), "guaido and guaido");
        assert_eq!(normalize("a well-known ﬁle"), "a well known file");
        assert_eq!(normalize("'tis the dogs' bone"), "tis the dogs bone");
        assert_eq!(normalize("e\u{301}te\u{301}"), "ete");
        assert_eq!(normalize("no\u{a0}break\u{2009}thin"), "no break thin");
    }

    #[test]
    fn every_word_maps_back_to_its_bytes() {
        assert_eq!(
            spans("“Déjà vu,” she’d say — twice."),
            vec![
                ("deja".to_string(), "Déjà"),
                ("vu".to_string(), "vu"),
                ("she'd".to_string(), "she’d"),
                ("say".to_string(), "say"),
                ("twice".to_string(), "twice"),
            ]
        );
    }
}
