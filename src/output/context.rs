//! A little of the sentence around a quotation, for a fact-checker to read it in place:
//! the words before its opening mark back to the start of the sentence, and the words after
//! its closing mark up to the end of the sentence, each at most [`MAX_CHARS`] characters,
//! never across a paragraph break, with Markdown and HTML markup left out.

use serde::Serialize;

use crate::span::Span;

/// The most characters kept on each side (cut at a word, marked with `…`).
pub const MAX_CHARS: usize = 90;
/// How many bytes on each side are looked at, before cleaning.
const WINDOW: usize = 400;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Context {
    pub before: String,
    pub after: String,
}

/// The context of the quotation at `span` in `text`.
pub fn around(text: &str, span: Span) -> Context {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let after_text = after(&text[end..floor(text, (end + WINDOW).min(text.len()))]);
    // A quotation that ends its sentence (`…levy.” Then…`) has nothing after it; one that
    // ends with a full stop of its own inside a sentence (`“Yes!” she said.`) goes on.
    let words = text[start..end]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '!' | '?'));
    let ends_sentence = words.ends_with(['.', '!', '?'])
        && after_text
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
    Context {
        before: before(&text[floor(text, start.saturating_sub(WINDOW))..start]),
        after: if ends_sentence {
            String::new()
        } else {
            after_text
        },
    }
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte where the paragraph that `text` ends in starts (after the last blank line).
fn paragraph_start(text: &str) -> usize {
    let mut start = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            start = line_start + line.len();
        }
        line_start += line.len();
    }
    start
}

/// The byte where the paragraph that `text` starts in ends (at the first blank line).
fn paragraph_end(text: &str) -> usize {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim().is_empty() {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

/// Words that end with a full stop without ending a sentence.
fn is_abbreviation(word: &str) -> bool {
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = bare.trim_end_matches('.');
    // "Sen.", "Dr.", "St.", "U.S.", "a.m.", "No." and single initials.
    (letters.chars().count() <= 3 && letters.chars().next().is_some_and(char::is_uppercase))
        || letters.contains('.')
        || letters.chars().count() == 1
}

/// Byte offsets just after each sentence end in `text` (`.`, `!`, `?`, possibly followed by
/// closing marks or brackets, then whitespace).
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '*' | '_')
            {
                j += 1;
            }
            let followed_by_space = j < chars.len() && chars[j].1.is_whitespace();
            let word_start = text[..at]
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map_or(0, |(w, c)| w + c.len_utf8());
            let word = &text[word_start..=at];
            if followed_by_space && (c != '.' || !is_abbreviation(word)) {
                ends.push(chars.get(j).map_or(text.len(), |(b, _)| *b));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    ends.into_iter()
}

fn before(window: &str) -> String {
    let para = &window[paragraph_start(window)..];
    let sentence = match sentence_ends(para).last() {
        Some(end) => &para[end..],
        None => para,
    };
    let clean = clean(sentence);
    let count = clean.chars().count();
    if count <= MAX_CHARS {
        return clean;
    }
    let from = clean
        .char_indices()
        .nth(count - MAX_CHARS)
        .map_or(0, |(b, _)| b);
    let cut = clean[from..]
        .find(' ')
        .map_or(from, |space| from + space + 1);
    format!("…{}", &clean[cut..])
}

fn after(window: &str) -> String {
    let para = &window[..paragraph_end(window)];
    let sentence = match sentence_ends(para).next() {
        Some(end) => &para[..end],
        None => para,
    };
    let clean = clean(sentence);
    if clean.chars().count() <= MAX_CHARS {
        return clean;
    }
    let to = clean
        .char_indices()
        .nth(MAX_CHARS)
        .map_or(clean.len(), |(b, _)| b);
    let cut = clean[..to].rfind(' ').unwrap_or(to);
    format!("{}…", clean[..cut].trim_end())
}

/// Text as a reader sees it: whitespace collapsed, character references decoded, HTML
/// tags, emphasis markers, code ticks, link destinations, and the block markers at line
/// starts (`>`, `#`, `-`) left out.
fn clean(text: &str) -> String {
    let mut lines = Vec::new();
    for line in text.split('\n') {
        let mut line = line.trim_start();
        loop {
            let stripped = line
                .strip_prefix('>')
                .or_else(|| line.strip_prefix("- "))
                .or_else(|| line.strip_prefix("+ "))
                .or_else(|| {
                    let hashes = line.len() - line.trim_start_matches('#').len();
                    (hashes > 0 && line[hashes..].starts_with(' ')).then(|| &line[hashes..])
                });
            match stripped {
                Some(rest) => line = rest.trim_start(),
                None => break,
            }
        }
        lines.push(line);
    }
    let joined = lines.join(" ");
    let mut out = String::with_capacity(joined.len());
    let mut rest = joined.as_str();
    while let Some(c) = rest.chars().next() {
        // An HTML tag or comment.
        if c == '<' {
            let next = rest[1..].chars().next();
            if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!') {
                if let Some(close) = rest.find('>') {
                    rest = &rest[close + 1..];
                    out.push(' ');
                    continue;
                }
            }
        }
        // A link's destination: `](…)`.
        if rest.starts_with("](") {
            if let Some(close) = rest.find(')') {
                rest = &rest[close + 1..];
                continue;
            }
        }
        if c == '[' && rest[1..].contains("](") {
            rest = &rest[1..];
            continue;
        }
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        if c == '`' {
            rest = &rest[1..];
            continue;
        }
        // A character reference, as the reader sees it (`&rsquo;` is `’`).
        if c == '&' {
            if let Some((len, decoded)) = crate::document::entities::decode_at(rest) {
                out.push_str(&decoded);
                rest = &rest[len..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(text: &str, quote: &str) -> Context {
        let start = text.find(quote).unwrap();
        around(text, Span::new(start, start + quote.len()))
    }

    #[test]
    fn the_sentence_around_a_quotation() {
        let text = "The vote was close. Mayor Whitfield said “we will rebuild it” at the meeting. Then she left.";
        let c = ctx(text, "“we will rebuild it”");
        assert_eq!(c.before, "Mayor Whitfield said");
        assert_eq!(c.after, "at the meeting.");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Earlier on Monday, Sen. Ortega told the U.S. press: “No.” Then nothing.";
        let c = ctx(text, "“No.”");
        assert_eq!(
            c.before,
            "Earlier on Monday, Sen. Ortega told the U.S. press:"
        );
        // The quotation ends the sentence.
        assert_eq!(c.after, "");
        let c = ctx("“No!” she said. Then nothing.", "“No!”");
        assert_eq!(c.after, "she said.");
    }

    #[test]
    fn never_across_a_paragraph_and_without_markup() {
        let text = "Before.\n\n> **Whitfield:** <b>[said](https://x.org/a)</b> &lt;b&gt; “Yes,” she said.\n\nNext paragraph.";
        let c = ctx(text, "“Yes,”");
        assert_eq!(c.before, "Whitfield: said <b>");
        assert_eq!(c.after, "she said.");
        let c = ctx("“Alone.”\n\nNext.", "“Alone.”");
        assert_eq!(c, Context::default());
    }

    #[test]
    fn any_text_and_span() {
        // No-break spaces and other multi-byte characters around sentence ends.
        let text = "A\u{a0}bcd.\u{a0}C “q.”\u{2003}D.\u{a0}E";
        let start = text.find('“').unwrap();
        let c = around(text, Span::new(start, start + "“q.”".len()));
        assert_eq!(c.before, "C");
        proptest::proptest!(|(text in "[a-zA-Z .!?“”\u{a0}\u{2003}<>\\[\\]()*_`&;#\n-]{0,80}", a in 0usize..100, b in 0usize..100)| {
            let floor = |mut i: usize| { i = i.min(text.len()); while !text.is_char_boundary(i) { i -= 1; } i };
            let (a, b) = (floor(a.min(b)), floor(a.max(b)));
            let c = around(&text, Span::new(a, b));
            proptest::prop_assert!(c.before.chars().count() <= MAX_CHARS + 1);
            proptest::prop_assert!(c.after.chars().count() <= MAX_CHARS + 1);
        });
    }

    #[test]
    fn long_sides_are_cut_at_a_word() {
        let words = "word ".repeat(60);
        let text = format!("{words}“q” {words}");
        let c = ctx(&text, "“q”");
        assert!(c.before.starts_with('…') && c.before.chars().count() <= MAX_CHARS + 1);
        assert!(c.after.ends_with('…') && c.after.chars().count() <= MAX_CHARS + 1);
        assert!(!c.before.contains("  ") && !c.after.starts_with(' '));
    }
}
