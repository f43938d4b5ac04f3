//! Sentence splitting of prose with byte spans.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (runs such as `?!` or `...` included), together with
//! any closing quote marks and brackets right after it, when whitespace and then something
//! other than a lowercase word follows. A period does not end a sentence after a title
//! (`Sen.`, `Dr.`, `Jan.`) or an initial (`J.`), nor after another abbreviation (`U.S.`,
//! `Inc.`) unless a usual sentence opening follows (`The`, `He`, `But`). A blank line always
//! ends a sentence, so headings and list items without final punctuation stay apart.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::tokens::{abbreviations, keeps_period, titles};

fn starters() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("data/sentence_starters.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_'
    )
}

/// The sentence spans of `text`, in order, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0; // end of the last non-whitespace character
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if c == '\n' && start.is_some() && blank_line_follows(&text[i + 1..]) {
                out.extend(start.take().map(|s| s..last_end));
            }
            continue;
        }
        start.get_or_insert(i);
        last_end = i + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        // The run of terminators and closers that ends here.
        let mut end = last_end;
        while let Some(&(j, d)) = chars.peek() {
            if is_terminator(d) || is_closer(d) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        last_end = end;
        let after = &text[end..];
        if !after.is_empty() && !after.starts_with(char::is_whitespace) {
            continue;
        }
        let sentence_start = start.unwrap_or(i);
        if ends_sentence(&text[sentence_start..i], c, &text[i..end], after) {
            out.push(sentence_start..end);
            start = None;
        }
    }
    out.extend(start.map(|s| s..last_end));
    out
}

/// Whether only whitespace separates this newline from the next one.
fn blank_line_follows(rest: &str) -> bool {
    rest.chars()
        .take_while(|&c| c.is_whitespace())
        .any(|c| c == '\n')
}

/// Whether the terminator `c` (with `run`, the terminators and closers from it on) ends the
/// sentence, given the sentence so far (`before`, up to `c`) and the text `after`.
fn ends_sentence(before: &str, c: char, run: &str, after: &str) -> bool {
    let next_word: &str = after
        .trim_start()
        .split(char::is_whitespace)
        .next()
        .unwrap_or("");
    let next_word = next_word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if next_word.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    if c != '.' || run.chars().filter(|&d| d == '.').count() > 1 {
        return true;
    }
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '‘' | '['))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = format!("{}.", &before[word_start..]);
    let only_period = run == ".";
    if only_period && titles().contains(word.as_str()) {
        return false;
    }
    if only_period && keeps_period(&word) {
        let single_initial = word.chars().count() == 2;
        if single_initial {
            return false;
        }
        if abbreviations().contains(word.as_str()) || word.len() > 2 {
            return next_word.is_empty() || starters().contains(next_word.to_lowercase().as_str());
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_terminators() {
        assert_eq!(
            split("It rained. Was it cold? Yes!  Very."),
            ["It rained.", "Was it cold?", "Yes!", "Very."]
        );
        assert_eq!(split("No end"), ["No end"]);
        assert_eq!(split("   "), Vec::<&str>::new());
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        assert_eq!(
            split("Sen. Ruiz met Dr. J. Smith at 3.5 p.m. on Jan. 4. They spoke."),
            [
                "Sen. Ruiz met Dr. J. Smith at 3.5 p.m. on Jan. 4.",
                "They spoke."
            ]
        );
        assert_eq!(
            split("He lives in the U.S. The rest live in the U.S. Virgin Islands."),
            [
                "He lives in the U.S.",
                "The rest live in the U.S. Virgin Islands."
            ]
        );
        assert_eq!(
            split("Acme Inc. said so. Acme Inc. Chief Lee agreed."),
            ["Acme Inc. said so.", "Acme Inc. Chief Lee agreed."]
        );
    }

    #[test]
    fn quotation_marks_stay_with_their_sentence() {
        assert_eq!(
            split("He said, “Go home.” Then he left. “Why?” she asked."),
            ["He said, “Go home.”", "Then he left.", "“Why?” she asked."]
        );
        assert_eq!(
            split("\"Enough.\" (It was.) Done..."),
            ["\"Enough.\"", "(It was.)", "Done..."]
        );
    }

    #[test]
    fn blank_lines_split_and_crlf_is_whitespace() {
        let text = "Heading\r\n\r\nFirst line\r\ncontinues. Next.";
        assert_eq!(
            split(text),
            ["Heading", "First line\r\ncontinues.", "Next."]
        );
        assert_eq!(sentences(text)[0], 0..7);
    }
}
