//! Name resolution: titles stripped, registry entries found, the full names and name
//! words an article writes.

use std::collections::HashMap;

use super::words::{
    capitalized, ends_clause, is_title_word, words, Word, MAX_BARE_NAME_WORDS, NOT_NAME_STARTS,
    ONE_WORD_TITLES,
};
use crate::document::Document;
use crate::lexicon::LEXICON;
use crate::registry::{names, Entry, EntryKind, Registry};
use crate::span::Span;

/// The name without a leading title ("Sen. Lucía Ortega" → "Lucía Ortega").
/// Titles joined by `and` go too ("Secretary of State and Acting National Security
/// Advisor Marco Rubio" → "Acting National Security Advisor Marco Rubio"; "President and
/// CEO Jim Taiclet" → "Jim Taiclet").
pub fn strip_title(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut at = 0;
    while let Some(title) = LEXICON
        .titles
        .iter()
        .find(|t| at + t.len() < words.len() && lowered[at..at + t.len()] == t[..])
    {
        at += title.len();
        // `and` or `&` after a title joins another title; a name never starts with it.
        if matches!(lowered[at].as_str(), "and" | "&") && at + 1 < words.len() {
            at += 1;
        } else {
            break;
        }
    }
    if at == 0 {
        return name.to_string();
    }
    // `Secretary of Interior Deb Haaland`, `Vice President of Policy Ana Ruiz`: what the
    // title is of runs on to the name, which starts at a known given name.
    if lowered[at] == "of" {
        let of_what = (at + 1..words.len().saturating_sub(1)).find(|&i| {
            crate::lexicon::given_names::gender_of_given_name(words[i]).is_some()
                && words[at + 1..i]
                    .iter()
                    .all(|w| w.starts_with(char::is_uppercase) || *w == "the")
        });
        if let Some(given) = of_what {
            at = given;
        }
    }
    words[at..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::strip_title;

    #[test]
    fn a_title_and_what_it_is_of_go() {
        assert_eq!(
            strip_title("Secretary of Interior Deb Haaland"),
            "Deb Haaland"
        );
        assert_eq!(
            strip_title("Vice President of Policy and Programs Ana Ruiz"),
            "of Policy and Programs Ana Ruiz",
            "only capitalized words and `the` stand between `of` and the name"
        );
        assert_eq!(
            strip_title("Secretary of the Interior Deb Haaland"),
            "Deb Haaland"
        );
        assert_eq!(
            strip_title("Secretary of Homeland Security Kristi Noem"),
            "Kristi Noem"
        );
        // No given name to start at: the words stay.
        assert_eq!(
            strip_title("Secretary of Interior Haaland"),
            "of Interior Haaland"
        );
        assert_eq!(strip_title("Mayor Ana Ruiz"), "Ana Ruiz");
    }
}

/// The registry entry `name` stands for: as written, without a leading title, or by its
/// last words ("Health Director Priya Raman" is Priya Raman, whatever her title's words).
pub(super) fn resolve_name<'r>(registry: &'r Registry, name: &str) -> Option<&'r Entry> {
    // `The Tessaly Compact Commission`: an article before a name is not part of it.
    let unarticled = ["The ", "the "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .filter(|rest| rest.starts_with(char::is_uppercase));
    if let Some(entry) = registry
        .resolve(name)
        .or_else(|| registry.resolve(&strip_title(name)))
        .or_else(|| unarticled.and_then(|rest| registry.resolve(rest)))
    {
        return Some(entry);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..words.len())
        .rev()
        .find_map(|k| registry.resolve(&words[words.len() - k..].join(" ")))
        .filter(|entry| entry.kind == EntryKind::Person)
}

/// The full names an article writes (`Jyotika Virmani`, after any title), by their folded
/// surname, the first spelling kept.
pub(super) fn full_names(doc: &Document) -> HashMap<String, String> {
    let mut named = HashMap::new();
    for block in &doc.blocks {
        let ws = words(&block.text, 0..block.text.len());
        let mut i = 0;
        while i < ws.len() {
            let mut j = i;
            while j < ws.len() && capitalized(&ws[j]) && (j == i || !ends_clause(&ws[j - 1])) {
                j += 1;
            }
            let run: Vec<&Word> = ws[i..j]
                .iter()
                .skip_while(|w| NOT_NAME_STARTS.contains(&w.low()) || is_title_word(w))
                .collect();
            // Words of a person's name: letters (and `-`, `’`, `.`), not a pronoun or a
            // sentence opener, the surname not an acronym (`XPRIZE` is an organization).
            let personal = run.iter().all(|w| {
                w.text.chars().count() >= 2
                    && w.text
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'' | '.'))
                    && !NOT_NAME_STARTS.contains(&w.low())
                    && !LEXICON.pronouns_contain(w.low())
                    && !LEXICON.not_speakers.contains(w.low())
            }) && run
                .last()
                .is_some_and(|w| w.text.chars().any(char::is_lowercase));
            if personal && (2..=MAX_BARE_NAME_WORDS).contains(&run.len()) {
                let last = run[run.len() - 1];
                let full = block.text[run[0].range.start..last.range.end].to_string();
                let surname = last.text.trim_end_matches("’s").trim_end_matches("'s");
                named.entry(names::fold(surname)).or_insert(full);
            }
            i = j.max(i + 1);
        }
    }
    named
}

/// A word of a person's or organization's name as the article writes it.
#[derive(Clone, Debug)]
pub struct NameMention {
    pub text: String,
    /// Case and accents folded.
    pub folded: String,
    pub span: Span,
}

pub fn name_mentions(doc: &Document) -> (Vec<NameMention>, std::collections::HashSet<String>) {
    let mut mentions = Vec::new();
    let mut lowercase = std::collections::HashSet::new();
    for block in &doc.blocks {
        let ws = words(&block.text, 0..block.text.len());
        let mut i = 0;
        while i < ws.len() {
            if !capitalized(&ws[i]) {
                // Only words as long as a reportable name can excuse one.
                let word = ws[i].text;
                if word.len() >= names::MIN_VARIANT_LEN
                    && word.chars().all(char::is_alphabetic)
                    && !lowercase.contains(word)
                {
                    lowercase.insert(names::fold(word));
                }
                i += 1;
                continue;
            }
            let mut j = i;
            while j < ws.len()
                && capitalized(&ws[j])
                && ws[j]
                    .text
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
            {
                j += 1;
                if ends_clause(&ws[j - 1]) {
                    break;
                }
            }
            let run: Vec<&Word> = ws[i..j]
                .iter()
                .skip_while(|w| {
                    NOT_NAME_STARTS.contains(&w.low()) || ONE_WORD_TITLES.contains(w.low())
                })
                .collect();
            if run.len() >= 2 {
                for w in run {
                    let folded = names::fold(w.text);
                    if folded.chars().count() >= names::MIN_VARIANT_LEN
                        && folded.chars().all(char::is_alphabetic)
                    {
                        mentions.push(NameMention {
                            text: w.text.to_string(),
                            folded,
                            span: block.file_span(w.range.clone()),
                        });
                    }
                }
            }
            i = j.max(i + 1);
        }
    }
    (mentions, lowercase)
}
