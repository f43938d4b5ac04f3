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

/// Characters that are neither letters nor space: a soft hyphen or a zero-width space
/// inside a word must not split it.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Superscript and subscript digits and letters decompose to plain ones, but `3²` is not
/// "32": they end a word instead.
fn is_script(c: char) -> bool {
    matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}'..='\u{209f}')
}

/// Before a letter at byte `at`: starts a word there, or keeps an apostrophe that turned
/// out to be inside one.
fn begin_letter(word: &mut String, start: &mut usize, pending_apostrophe: &mut bool, at: usize) {
    if word.is_empty() {
        *start = at;
    } else if *pending_apostrophe {
        word.push('\'');
    }
    *pending_apostrophe = false;
}

/// Calls `each(word, bytes)` for every word of `text` in order: `word` normalized, `bytes`
/// the range of `text` it was made from.
pub fn for_each_word(text: &str, each: impl FnMut(&str, Range<usize>)) {
    for_each_word_skipping(text, |_| false, each)
}

/// [`for_each_word`], with the characters at the byte offsets `skipped` takes read as if
/// they were not there (`[W]e` is the word "We").
pub fn for_each_word_skipping(
    text: &str,
    skipped: impl Fn(usize) -> bool,
    mut each: impl FnMut(&str, Range<usize>),
) {
    let mut word = String::new();
    let mut start = 0;
    let mut end = 0;
    // An apostrophe counts only between two letters ("don't", not "'tis" or "dogs'").
    let mut pending_apostrophe = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let len = c.len_utf8();
        if c.is_ascii_alphanumeric() {
            begin_letter(&mut word, &mut start, &mut pending_apostrophe, at);
            word.push(c.to_ascii_lowercase());
            end = at + len;
            continue;
        }
        if is_invisible(c) || skipped(at) {
            continue;
        }
        if is_apostrophe(c) {
            pending_apostrophe = !word.is_empty();
            continue;
        }
        if is_combining_mark(c) {
            if !word.is_empty() {
                end = at + len;
            }
            continue;
        }
        // A hyphen that ends a line joins the word broken across it ("re-⏎build").
        if is_hyphen(c) && !word.is_empty() {
            let mut ahead = chars.clone();
            while ahead
                .next_if(|&(_, d)| d == ' ' || d == '\t' || d == '\r')
                .is_some()
            {}
            if ahead.next_if(|&(_, d)| d == '\n').is_some() {
                while ahead.next_if(|&(_, d)| d.is_whitespace()).is_some() {}
                chars = ahead;
                continue;
            }
        }
        if !c.is_ascii() && !is_script(c) {
            let mut any = false;
            for d in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
                any = true;
                if d.is_alphanumeric() {
                    begin_letter(&mut word, &mut start, &mut pending_apostrophe, at);
                    for l in d.to_lowercase().filter(|l| !is_combining_mark(*l)) {
                        // Full case folding: "Straße" is "STRASSE".
                        if l == 'ß' {
                            word.push_str("ss");
                        } else {
                            word.push(l);
                        }
                    }
                    end = at + len;
                } else {
                    // A compatibility form that decomposes to punctuation or space ends
                    // the word; letters after it in the same character start another.
                    pending_apostrophe = false;
                    if !word.is_empty() {
                        each(&word, start..end);
                        word.clear();
                    }
                }
            }
            if any {
                continue;
            }
        }
        pending_apostrophe = false;
        if !word.is_empty() {
            each(&word, start..end);
            word.clear();
        }
    }
    if !word.is_empty() {
        each(&word, start..end);
    }
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
    fn symbols_invisibles_scripts_and_line_end_hyphens() {
        assert_eq!(normalize("½ of it"), "1 2 of it");
        assert_eq!(
            normalize("co\u{ad}operate zero\u{200b}width"),
            "cooperate zerowidth"
        );
        assert_eq!(normalize("STRASSE Straße"), "strasse strasse");
        assert_eq!(
            normalize("re-\n  build a well-known"),
            "rebuild a well known"
        );
        assert_eq!(normalize("3² İstanbul"), "3 istanbul");
        for text in ["½", "a½b", "⑴x", "x⑴", "ǆ", "ﬀi"] {
            for w in words(text) {
                assert!(w.bytes.start < w.bytes.end, "{text:?}: {w:?}");
                let _ = &text[w.bytes];
            }
        }
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
