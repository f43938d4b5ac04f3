//! Tokens with byte spans, split the way the UD English Web Treebank splits words:
//! punctuation and quote marks (curly or straight) apart, clitics apart (`do` `n't`,
//! `Ruiz` `’s`, `they` `'re`), hyphens between words apart except after a few prefixes
//! (`co-workers`), abbreviations (`Sen.`, `U.S.`), initials, numbers (`1,500.25`), URLs
//! and e-mail addresses whole.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// `range` moved inside `text` and onto character boundaries.
pub fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(range.start);
    let end = floor(range.end).max(start);
    start..end
}

fn lexicon(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Abbreviations before names and numbers (`Sen.`, `Dr.`, `Jan.`): never a sentence end.
pub fn titles() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon(include_str!("data/titles.txt")))
}

/// Other abbreviations that keep their period (`Inc.`, `etc.`).
pub fn abbreviations() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon(include_str!("data/abbreviations.txt")))
}

fn hyphen_prefixes() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| lexicon(include_str!("data/hyphen_prefixes.txt")))
}

/// Whether `word` (ending in `.`) keeps its period: a listed abbreviation, an initial
/// (`J.`), or letters each followed by a period (`U.S.`, `a.m.`).
pub fn keeps_period(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    if stem.is_empty() {
        return false;
    }
    if titles().contains(word)
        || abbreviations().contains(word)
        || titles()
            .iter()
            .any(|t| t.eq_ignore_ascii_case(word) && word == word.to_lowercase())
    {
        return true;
    }
    let mut chars = word.chars();
    let mut letters = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(l), Some('.')) if l.is_alphabetic() => letters += 1,
            (None, _) => return letters > 0,
            _ => return false,
        }
    }
}

/// The token spans of `text[range]`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let range = clamp(text, range);
    let mut out = Vec::new();
    let mut chunk_start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if c.is_whitespace() {
            if let Some(start) = chunk_start.take() {
                split_chunk(text, start..at, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(at);
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(text, start..range.end, &mut out);
    }
    out
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// Punctuation that repeats into one token (`...`, `!!!`, `--`, `**`).
fn repeats(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '-' | '*' | '_' | '=' | '~')
}

/// The length in bytes of the run of `c` that `s` starts with (or ends with, if `back`).
fn run_len(s: &str, c: char, back: bool) -> usize {
    let count = if back {
        s.chars().rev().take_while(|&x| x == c).count()
    } else {
        s.chars().take_while(|&x| x == c).count()
    };
    count * c.len_utf8()
}

/// Whether a chunk's leading character is a token of its own.
fn peels_in_front(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let c = chars.next()?;
    let next = chars.next();
    if c.is_alphanumeric() || next.is_none() {
        return None;
    }
    let digit_next = next.is_some_and(|n| n.is_ascii_digit());
    // '90s, .5, -3 and +2 stay whole; so do #hashtags and @handles.
    if (matches!(c, '\'' | '’' | '.' | '-' | '+') && digit_next) || matches!(c, '#' | '@') {
        return None;
    }
    Some(if repeats(c) {
        run_len(rest, c, false)
    } else {
        c.len_utf8()
    })
}

/// Whether a chunk's trailing character is a token of its own, and how many bytes it takes.
fn peels_behind(rest: &str) -> Option<usize> {
    let c = last_char(rest)?;
    if c.is_alphanumeric() || rest.len() == c.len_utf8() {
        return None;
    }
    if c == '.' {
        let run = run_len(rest, '.', true);
        if run > 1 {
            return (run < rest.len()).then_some(run);
        }
        return (!keeps_period(rest)).then_some(1);
    }
    if is_url(rest) && c == '/' {
        return None;
    }
    Some(if repeats(c) {
        run_len(rest, c, true).min(rest.len() - 1).max(c.len_utf8())
    } else {
        c.len_utf8()
    })
}

fn is_url(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("www.")
        || (s.contains('@') && s.contains('.') && !s.starts_with('@'))
}

/// Splits one whitespace-free chunk at `span` into tokens.
fn split_chunk(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let (mut lo, mut hi) = (span.start, span.end);
    let mut tail = Vec::new();
    loop {
        if let Some(n) = peels_in_front(&text[lo..hi]) {
            out.push(lo..lo + n);
            lo += n;
        } else if let Some(n) = peels_behind(&text[lo..hi]) {
            tail.push(hi - n..hi);
            hi -= n;
        } else {
            break;
        }
    }
    if lo < hi {
        if is_url(&text[lo..hi]) {
            out.push(lo..hi);
        } else {
            split_inside(text, lo..hi, out);
        }
    }
    out.extend(tail.into_iter().rev());
}

/// Splits a chunk's core at dashes, slashes and hyphens between words, then splits clitics.
fn split_inside(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let core = &text[span.clone()];
    let mut piece_start = span.start;
    let mut chars = core.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let at = span.start + i;
        let next = chars.peek().map(|&(_, n)| n);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let separator_len = match c {
            '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}' if !between_digits => {
                Some(c.len_utf8())
            }
            '-' if next == Some('-') => Some(run_len(&core[i..], '-', false)),
            '-' | '/' if !between_digits && prev.is_some() && next.is_some() => {
                let left = &text[piece_start..at];
                let joined = c == '-' && hyphen_prefixes().contains(left.to_lowercase().as_str());
                (!joined).then_some(1)
            }
            _ => None,
        };
        if let Some(len) = separator_len {
            if piece_start < at {
                split_clitics(text, piece_start..at, out);
            }
            out.push(at..at + len);
            piece_start = at + len;
            // Skip the rest of a run of hyphens.
            while chars
                .peek()
                .is_some_and(|&(j, _)| span.start + j < piece_start)
            {
                chars.next();
            }
            prev = None;
            continue;
        }
        prev = Some(c);
    }
    if piece_start < span.end {
        split_clitics(text, piece_start..span.end, out);
    }
}

/// Clitics split from the word before them, longest first; `’` spellings too.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Words that split without an apostrophe, and where: "cannot" → "can" "not".
const FUSED: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 4), ("gotta", 3)];

fn split_clitics(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let word = &text[span.clone()];
    let lower = word.to_lowercase();
    if lower.len() == word.len() {
        if let Some(&(_, at)) = FUSED.iter().find(|(w, _)| *w == lower) {
            out.push(span.start..span.start + at);
            out.push(span.start + at..span.end);
            return;
        }
    }
    let normalized = lower.replace('’', "'");
    for clitic in CLITICS {
        if !normalized.ends_with(clitic) {
            continue;
        }
        // The clitic's length in the original spelling: `’` is 3 bytes, `'` one.
        let clitic_chars = clitic.chars().count();
        let Some((cut, _)) = word.char_indices().rev().nth(clitic_chars - 1) else {
            continue;
        };
        if word[..cut].chars().any(char::is_alphanumeric) {
            out.push(span.start..span.start + cut);
            out.push(span.start + cut..span.end);
            return;
        }
    }
    out.push(span);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_punctuation_and_curly_quotes() {
        assert_eq!(
            words("The senator called the ruling “shameful.”"),
            ["The", "senator", "called", "the", "ruling", "“", "shameful", ".", "”"]
        );
        assert_eq!(
            words("\"No,\" she said (twice)!"),
            ["\"", "No", ",", "\"", "she", "said", "(", "twice", ")", "!"]
        );
        // Different marks in a row are tokens each.
        assert_eq!(words("Wait... what?!"), ["Wait", "...", "what", "?", "!"]);
    }

    #[test]
    fn splits_possessives_and_contractions() {
        assert_eq!(
            words("Ruiz’s warning didn't land; they're sure it won't."),
            [
                "Ruiz", "’s", "warning", "did", "n't", "land", ";", "they", "'re", "sure", "it",
                "wo", "n't", "."
            ]
        );
        assert_eq!(words("I cannot."), ["I", "can", "not", "."]);
        assert_eq!(
            words("the senators’ votes"),
            ["the", "senators", "’", "votes"]
        );
        assert_eq!(words("Can’t"), ["Ca", "n’t"]);
    }

    #[test]
    fn keeps_abbreviations_numbers_and_urls_whole() {
        assert_eq!(
            words("Sen. J. Smith of the U.S. paid $1,500.25 at 3 p.m. on 9/11."),
            [
                "Sen.", "J.", "Smith", "of", "the", "U.S.", "paid", "$", "1,500.25", "at", "3",
                "p.m.", "on", "9/11", "."
            ]
        );
        assert_eq!(
            words("See https://example.com/a-b, or mail a.b@example.org."),
            [
                "See",
                "https://example.com/a-b",
                ",",
                "or",
                "mail",
                "a.b@example.org",
                "."
            ]
        );
        assert_eq!(words("It rose 5%."), ["It", "rose", "5", "%", "."]);
    }

    #[test]
    fn splits_hyphens_and_dashes_except_after_prefixes() {
        assert_eq!(
            words("a well-known co-worker—and/or e-mail 2010-2011"),
            [
                "a",
                "well",
                "-",
                "known",
                "co-worker",
                "—",
                "and",
                "/",
                "or",
                "e-mail",
                "2010-2011"
            ]
        );
        assert_eq!(words("yes--no"), ["yes", "--", "no"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Hi,\r\n“Go” 😀 naïve’s";
        let spans = tokenize(text, 0..text.len());
        assert_eq!(
            spans,
            [0..2, 2..3, 5..8, 8..10, 10..13, 14..18, 19..25, 25..29]
        );
        assert_eq!(&text[19..25], "naïve");
        assert_eq!(&text[25..29], "’s");
        // A range inside the text: offsets stay those of the whole text.
        assert_eq!(tokenize(text, 5..13), [5..8, 8..10, 10..13]);
    }

    #[test]
    fn bad_ranges_are_clamped_not_panics() {
        let text = "naïve “x”";
        // 3 is inside `ï`: the range starts at the character's first byte.
        assert_eq!(tokenize(text, 3..100), [2..6, 7..10, 10..11, 11..14]);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 4..2;
        assert_eq!(tokenize(text, reversed), Vec::<Range<usize>>::new());
        assert_eq!(clamp(text, 3..4), 2..4);
        assert_eq!(tokenize("", 0..5), Vec::<Range<usize>>::new());
    }
}
