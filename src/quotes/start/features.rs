//! What the ranker knows about each candidate position: the words and word classes on both
//! sides, the punctuation before it, capitals, sentence and clause boundaries, the
//! quotation's length, and how the quotation ends. Features are strings (`b:said`,
//! `bc+bt:speech|comma`); the ranker weighs each.
//!
//! Every feature that reads a word's class gets it from [`word_classes`]: part-of-speech
//! tags from the language layer, once it exists, are added there and nowhere else.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::candidates::{Floor, Region, Token};
use crate::lexicon::LEXICON;

/// The word classes of `rules/lexicon/quote-openers.yml`, by word.
static CLASSES: LazyLock<HashMap<String, Vec<&'static str>>> = LazyLock::new(|| {
    let file: Vec<(String, Vec<String>)> =
        parse_classes(include_str!("../../../rules/lexicon/quote-openers.yml"));
    let mut by_word: HashMap<String, Vec<&'static str>> = HashMap::new();
    for (class, words) in file {
        // A handful of class names, leaked once for the life of the process.
        let class: &'static str = Box::leak(class.into_boxed_str());
        for word in words {
            let classes = by_word.entry(word).or_default();
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
    }
    by_word
});

/// The classes file, in the file's order. An unreadable file gives no classes (a unit test
/// guards the embedded one), never a panic.
fn parse_classes(text: &str) -> Vec<(String, Vec<String>)> {
    let map: indexmap_free::Ordered = serde_saphyr::from_str(text).unwrap_or_default();
    map.0
}

/// A YAML mapping read in file order without another dependency.
mod indexmap_free {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    #[derive(Default)]
    pub struct Ordered(pub Vec<(String, Vec<String>)>);

    impl<'de> Deserialize<'de> for Ordered {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Ordered;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a mapping of class names to word lists")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ordered, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = m.next_entry::<String, Vec<String>>()? {
                        out.push(entry);
                    }
                    Ok(Ordered(out))
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// The classes of a word: the lexicon's (speech verbs, naming verbs, nouns of speech,
/// prepositions, determiners, pronouns, conjunctions, auxiliaries).
///
/// This is the one place to add part-of-speech tags from the language layer: push them as
/// further classes (`pos=VERB`) and every class feature takes them up.
pub fn word_classes(token: &Token) -> Vec<&'static str> {
    let mut classes = CLASSES.get(&token.word).cloned().unwrap_or_default();
    if LEXICON.is_speech_verb(&token.word) {
        classes.push("speech");
    }
    if token.word.chars().all(|c| c.is_ascii_digit()) {
        classes.push("number");
    }
    if classes.is_empty() {
        classes.push(if token.capitalized {
            "other_cap"
        } else {
            "other"
        });
    }
    classes
}

/// The punctuation that follows a word, as one of a few kinds.
pub fn trail_kind(token: &Token) -> &'static str {
    let t = token.trail.as_str();
    if t.is_empty() {
        "none"
    } else if ends_sentence(token) {
        "end"
    } else if t.contains(':') {
        "colon"
    } else if t.contains(';') {
        "semicolon"
    } else if t.contains(',') {
        "comma"
    } else if t.contains(['—', '–']) || t.contains("--") {
        "dash"
    } else if t.contains([')', ']']) {
        "paren"
    } else {
        "other"
    }
}

/// Whether a word ends its sentence: `.`, `?` or `!` after it, and not an abbreviation.
pub fn ends_sentence(token: &Token) -> bool {
    let t = token.trail.as_str();
    if t.contains(['?', '!']) {
        return true;
    }
    t.starts_with('.') && !(t == "." && LEXICON.is_abbreviation(&token.word))
}

/// What a quotation's last characters before the closing mark are.
fn ending(region: &Region) -> &'static str {
    match region.text[region.floor..region.close]
        .trim_end()
        .chars()
        .next_back()
    {
        Some('.') => "period",
        Some(',') => "comma",
        Some('?' | '!') => "question",
        Some('—' | '–' | '-') => "dash",
        Some('…') => "ellipsis",
        Some(c) if c.is_alphanumeric() => "word",
        Some(_) => "other",
        None => "empty",
    }
}

/// What comes right after the closing mark: a speech verb or pronoun soon (`, she said`),
/// a lowercase word (a fragment goes on), a capital, punctuation, or nothing.
fn after_mark(region: &Region) -> &'static str {
    let after = region.after();
    let next: Vec<Token> = super::candidates::tokenize(after, 0, after.len().min(80))
        .into_iter()
        .take(3)
        .collect();
    let attribution = next
        .iter()
        .any(|t| LEXICON.is_speech_verb(&t.word) || t.word == "according");
    let first = after.trim_start().chars().next();
    match first {
        None => "end",
        _ if attribution => "attribution",
        Some(c) if c.is_lowercase() => "lower",
        Some(c) if c.is_alphanumeric() => "upper",
        Some(',' | ';' | ':') => "comma",
        Some('.' | '?' | '!') => "period",
        Some(_) => "other",
    }
}

/// Facts about a region shared by all its candidates.
pub struct RegionFacts {
    ending: &'static str,
    after: &'static str,
    /// For each token, how many sentence ends lie from it to the closing mark (its own
    /// trail included, the last word's excluded: that one is the quotation's own end).
    sentence_ends_from: Vec<usize>,
    /// For each token, how many `, said`-like attributions lie from it to the mark.
    attributions_from: Vec<usize>,
    classes: Vec<Vec<&'static str>>,
    /// The token the rule-based guess picked, and why.
    heuristic: Option<(usize, &'static str)>,
}

impl RegionFacts {
    pub fn new(region: &Region, heuristic: Option<(usize, &'static str)>) -> Self {
        let n = region.tokens.len();
        let classes: Vec<Vec<&'static str>> = region.tokens.iter().map(word_classes).collect();
        let mut sentence_ends_from = vec![0; n + 1];
        let mut attributions_from = vec![0; n + 1];
        for i in (0..n).rev() {
            let t = &region.tokens[i];
            let end = i + 1 < n && ends_sentence(t);
            sentence_ends_from[i] = sentence_ends_from[i + 1] + usize::from(end);
            let attribution =
                i > 0 && classes[i].contains(&"speech") && region.tokens[i - 1].trail.contains(',');
            attributions_from[i] = attributions_from[i + 1] + usize::from(attribution);
        }
        RegionFacts {
            ending: ending(region),
            after: after_mark(region),
            sentence_ends_from,
            attributions_from,
            classes,
            heuristic,
        }
    }
}

/// Words from the candidate to the closing mark, in buckets.
fn length_bucket(words: usize) -> &'static str {
    match words {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4 => "4",
        5..=6 => "5-6",
        7..=9 => "7-9",
        10..=14 => "10-14",
        15..=24 => "15-24",
        25..=39 => "25-39",
        _ => "40+",
    }
}

fn floor_name(kind: Floor) -> &'static str {
    match kind {
        Floor::ParagraphStart => "paragraph",
        Floor::PreviousClose => "close",
        Floor::Capped => "capped",
    }
}

/// The features of the candidate at token `i` (the quotation would begin with that word).
pub fn features(region: &Region, facts: &RegionFacts, i: usize) -> Vec<String> {
    let tokens = &region.tokens;
    let mut f: Vec<String> = Vec::with_capacity(64);
    let w = &tokens[i];
    let cap = if w.capitalized { "cap" } else { "low" };
    let b = i.checked_sub(1).map(|j| &tokens[j]);
    let bb = i.checked_sub(2).map(|j| &tokens[j]);
    let none: Vec<&'static str> = vec!["none"];
    let b_classes = i.checked_sub(1).map_or(&none, |j| &facts.classes[j]);
    let bb_classes = i.checked_sub(2).map_or(&none, |j| &facts.classes[j]);
    let w_classes = &facts.classes[i];
    let bt = match b {
        Some(b) => trail_kind(b),
        None => floor_name(region.floor_kind),
    };
    let sentence_start = b.is_none() || bt == "end";
    let ss = if sentence_start { "ss" } else { "mid" };
    let len = length_bucket(tokens.len() - i);
    let inner = facts.sentence_ends_from[i].min(3);
    let attributions = facts.attributions_from[i].min(2);

    let b_word = b.map_or("<floor>", |t| t.word.as_str());
    f.push(format!("b:{b_word}"));
    f.push(format!("b+bt:{b_word}|{bt}"));
    f.push(format!("bt:{bt}"));
    f.push(format!("bt+cap:{bt}|{cap}"));
    f.push(format!("bt+cap+end:{bt}|{cap}|{}", facts.ending));
    f.push(format!(
        "bb+b:{}|{b_word}",
        bb.map_or("<floor>", |t| t.word.as_str())
    ));
    f.push(format!("w:{}", w.word));
    f.push(format!("w+cap:{}|{cap}", w.word));
    f.push(format!("b+w:{b_word}|{}", w.word));
    if !w.lead.is_empty() {
        f.push("lead".into());
    }
    if let Some(n) = tokens.get(i + 1) {
        f.push(format!("n:{}", n.word));
    }
    for bc in b_classes {
        f.push(format!("bc:{bc}"));
        f.push(format!("bc+bt:{bc}|{bt}"));
        f.push(format!("bc+bt+cap:{bc}|{bt}|{cap}"));
        f.push(format!("bc+end:{bc}|{}", facts.ending));
        f.push(format!("bc+after:{bc}|{}", facts.after));
        for wc in w_classes {
            f.push(format!("bc+wc:{bc}|{wc}"));
        }
        for bbc in bb_classes {
            f.push(format!("bbc+bc:{bbc}|{bc}"));
        }
    }
    for wc in w_classes {
        f.push(format!("wc:{wc}"));
        f.push(format!("wc+cap+bt:{wc}|{cap}|{bt}"));
    }
    f.push(format!("ss+cap:{ss}|{cap}"));
    f.push(format!("ss+cap+end:{ss}|{cap}|{}", facts.ending));
    f.push(format!("ss+cap+after:{ss}|{cap}|{}", facts.after));
    f.push(format!(
        "ss+end+after:{ss}|{}|{}",
        facts.ending, facts.after
    ));
    f.push(format!("len:{len}"));
    f.push(format!("len+ss:{len}|{ss}"));
    f.push(format!("len+end:{len}|{}", facts.ending));
    f.push(format!("len+after:{len}|{}", facts.after));
    f.push(format!("len+bt:{len}|{bt}"));
    f.push(format!("inner:{inner}"));
    f.push(format!("inner+bt:{inner}|{bt}"));
    f.push(format!("inner+ss+end:{inner}|{ss}|{}", facts.ending));
    f.push(format!("attr:{attributions}"));
    f.push(format!("attr+bt:{attributions}|{bt}"));
    if b.is_none() {
        f.push(format!("first:{}|{cap}", floor_name(region.floor_kind)));
    }
    if let Some((at, reason)) = facts.heuristic {
        if at == i {
            f.push(format!("heur:{reason}"));
            f.push(format!("heur+end:{reason}|{}", facts.ending));
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::super::candidates::tokenize;
    use super::*;

    #[test]
    fn the_embedded_classes_parse() {
        let classes = parse_classes(include_str!("../../../rules/lexicon/quote-openers.yml"));
        let names: Vec<&str> = classes.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            names,
            [
                "naming",
                "speech_noun",
                "preposition",
                "determiner",
                "pronoun",
                "conjunction",
                "auxiliary"
            ]
        );
        assert!(classes.iter().all(|(_, words)| words.len() >= 10));
    }

    #[test]
    fn a_word_has_its_lexicon_classes() {
        let tokens = tokenize("called of said Paris", 0, 20);
        assert_eq!(word_classes(&tokens[0]), ["naming", "speech"]);
        assert_eq!(word_classes(&tokens[1]), ["preposition"]);
        assert_eq!(word_classes(&tokens[2]), ["speech"]);
        assert_eq!(word_classes(&tokens[3]), ["other_cap"]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let tokens = tokenize("Sen. Ortega left. Then", 0, 22);
        assert_eq!(trail_kind(&tokens[0]), "other");
        assert!(!ends_sentence(&tokens[0]));
        assert!(ends_sentence(&tokens[2]));
    }
}
