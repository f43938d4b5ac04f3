//! Word lists and mark tables from `rules/lexicon/*.yml`, embedded at build time.

pub mod given_names;
pub mod speech_acts;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkSet {
    pub open: Vec<char>,
    pub close: Vec<char>,
    #[serde(default)]
    pub also_close: Vec<char>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageMarks {
    pub double: MarkSet,
    pub single: MarkSet,
}

#[derive(Debug, Deserialize)]
struct TitlesFile {
    abbreviated: Vec<String>,
    full: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct AnonymousFile {
    phrases: Vec<String>,
    markers: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Pronouns {
    pub male: Vec<String>,
    pub female: Vec<String>,
    pub neutral: Vec<String>,
    pub organization: Vec<String>,
    pub first_person: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CuesFile {
    according_to: Vec<String>,
    possessive_words: Vec<String>,
    statement_nouns: Vec<String>,
    name_connectors: Vec<String>,
    passive_auxiliaries: Vec<String>,
    label_prefixes: Vec<String>,
    not_speakers: Vec<String>,
    auxiliaries: Vec<String>,
    quote_openers: Vec<String>,
    quote_closers: Vec<String>,
    pronouns: Pronouns,
    noun_markers: Vec<String>,
    clause_words: Vec<String>,
    adverbs: Vec<String>,
    determiners: Vec<String>,
    months: Vec<String>,
    fact_check_labels: Vec<String>,
    group_nouns: Vec<String>,
}

pub struct Lexicon {
    pub marks: HashMap<String, LanguageMarks>,
    pub elisions: HashSet<String>,
    pub speech_verbs: HashSet<String>,
    pub abbreviations: HashSet<String>,
    /// Titles before a name, lowercase, as word sequences ("lt. gov.", "secretary of state").
    pub titles: Vec<Vec<String>>,
    /// Every word of every title, lowercase, without its period ("adviser", "lt").
    title_word_set: HashSet<String>,
    pub anonymous_phrases: Vec<String>,
    pub anonymous_markers: Vec<String>,
    /// Every anonymous phrase and marker, searched in one pass.
    pub anonymous: aho_corasick::AhoCorasick,
    pub according_to: Vec<String>,
    /// The same, split into words.
    pub according_to_words: Vec<Vec<String>>,
    /// `possessive_cues` split at `{name}` into the words before and after it.
    pub possessive_cue_words: Vec<(Vec<String>, Vec<String>)>,
    /// `in {name}'s words`, `as {name} put it`, lowercase with the literal `{name}`.
    pub possessive_cues: Vec<String>,
    pub statement_nouns: HashSet<String>,
    /// Lowercase words kept inside a name when a capitalized word follows ("of", "&").
    pub name_connectors: HashSet<String>,
    /// `was`, `get`: before a speech verb, the subject is who heard the words.
    pub passive_auxiliaries: HashSet<String>,
    /// Words that open a label without being the speaker ("From the report: …").
    pub label_prefixes: HashSet<String>,
    /// `has`, `will`: between a speaker and the speech verb.
    pub auxiliaries: HashSet<String>,
    /// First words of a span that is no speaker (`by`, `I`, `Can`), lowercase.
    pub not_speakers: HashSet<String>,
    /// `quote`, `and I quote` between a speech verb and its quotation, split into words.
    pub quote_openers: Vec<Vec<String>>,
    /// `End quote.`, `Unquote.`: spoken words that close a quotation, split into words.
    pub quote_closers: Vec<Vec<String>>,
    pub pronouns: Pronouns,
    /// `the`, `his`: after one of these a speech verb is a noun (`the state`).
    pub noun_markers: HashSet<String>,
    /// `who`, `when`: words that end a speaker's name and start a clause about them.
    pub clause_words: HashSet<String>,
    /// `later`, `once`: between a speaker and the speech verb, not part of the speaker.
    pub adverbs: HashSet<String>,
    /// `a`, `the`, `two`: words that open a description rather than a name.
    pub determiners: HashSet<String>,
    /// Words that introduce a term (`known as`, `so-called`), lowercase, split into words.
    pub term_cues: Vec<Vec<String>>,
    /// `people`, `users`: groups that speak without a determiner, lowercase.
    pub group_nouns: HashSet<String>,
    /// `fact`, `claim`: labels of a fact check, lowercase.
    pub fact_check_labels: HashSet<String>,
    /// Month names and their abbreviations, lowercase.
    pub months: HashSet<String>,
    /// States and territories as words, lowercase, without periods (`new jersey`, `calif`,
    /// `n.j`), longest first.
    pub places: Vec<Vec<String>>,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> T {
    // Embedded files are checked by a unit test; a failure is a build defect.
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("rules/lexicon/{name}: {e}"))
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let verbs: Vec<Vec<String>> = parse(
        "speech-verbs.yml",
        include_str!("../rules/lexicon/speech-verbs.yml"),
    );
    let titles: TitlesFile = parse("titles.yml", include_str!("../rules/lexicon/titles.yml"));
    let anonymous: AnonymousFile = parse(
        "anonymous.yml",
        include_str!("../rules/lexicon/anonymous.yml"),
    );
    let cues: CuesFile = parse(
        "attribution-cues.yml",
        include_str!("../rules/lexicon/attribution-cues.yml"),
    );
    let mut title_words: Vec<Vec<String>> = titles
        .abbreviated
        .iter()
        .chain(&titles.full)
        .map(|t| {
            t.to_lowercase()
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .collect();
    // Longest first, so "lt. gov." wins over "lt.".
    title_words.sort_by_key(|t| std::cmp::Reverse(t.len()));
    // Built from embedded word lists checked by a unit test: failure is a build defect.
    let anonymous_matcher =
        aho_corasick::AhoCorasick::new(anonymous.phrases.iter().chain(&anonymous.markers))
            .expect("anonymous phrases build an automaton");
    let term_cues: Vec<String> = parse(
        "term-cues.yml",
        include_str!("../rules/lexicon/term-cues.yml"),
    );
    let mut places: Vec<Vec<String>> =
        parse::<Vec<String>>("places.yml", include_str!("../rules/lexicon/places.yml"))
            .iter()
            .map(|p| {
                p.to_lowercase()
                    .split_whitespace()
                    .map(|w| w.trim_end_matches('.').to_string())
                    .collect()
            })
            .collect();
    places.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Lexicon {
        months: cues.months.into_iter().collect(),
        fact_check_labels: cues.fact_check_labels.into_iter().collect(),
        group_nouns: cues.group_nouns.into_iter().collect(),
        places,
        term_cues: term_cues
            .iter()
            .map(|c| {
                c.to_lowercase()
                    .split_whitespace()
                    .map(String::from)
                    .collect()
            })
            .collect(),
        anonymous: anonymous_matcher,
        title_word_set: title_words
            .iter()
            .flatten()
            .map(|w| w.trim_end_matches('.').to_string())
            .collect(),
        titles: title_words,
        anonymous_phrases: anonymous.phrases,
        anonymous_markers: anonymous.markers,
        according_to_words: cues
            .according_to
            .iter()
            .map(|c| c.split_whitespace().map(String::from).collect())
            .collect(),
        possessive_cue_words: cues
            .possessive_words
            .iter()
            .filter_map(|c| c.split_once("{name}"))
            .map(|(pre, post)| {
                let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
                (words(pre), words(post))
            })
            .collect(),
        according_to: cues.according_to,
        possessive_cues: cues.possessive_words,
        statement_nouns: cues.statement_nouns.into_iter().collect(),
        name_connectors: cues.name_connectors.into_iter().collect(),
        passive_auxiliaries: cues.passive_auxiliaries.into_iter().collect(),
        label_prefixes: cues.label_prefixes.into_iter().collect(),
        not_speakers: cues.not_speakers.into_iter().collect(),
        auxiliaries: cues.auxiliaries.into_iter().collect(),
        quote_openers: cues
            .quote_openers
            .iter()
            .map(|c| c.split_whitespace().map(str::to_string).collect())
            .collect(),
        quote_closers: cues
            .quote_closers
            .iter()
            .map(|c| c.split_whitespace().map(str::to_string).collect())
            .collect(),
        pronouns: cues.pronouns,
        noun_markers: cues.noun_markers.into_iter().collect(),
        clause_words: cues.clause_words.into_iter().collect(),
        adverbs: cues.adverbs.into_iter().collect(),
        determiners: cues.determiners.into_iter().collect(),
        marks: parse(
            "quote-marks.yml",
            include_str!("../rules/lexicon/quote-marks.yml"),
        ),
        elisions: parse::<Vec<String>>(
            "elisions.yml",
            include_str!("../rules/lexicon/elisions.yml"),
        )
        .into_iter()
        .collect(),
        speech_verbs: verbs.into_iter().flatten().collect(),
        abbreviations: parse::<Vec<String>>(
            "abbreviations.yml",
            include_str!("../rules/lexicon/abbreviations.yml"),
        )
        .into_iter()
        .collect(),
    }
});

impl Lexicon {
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.marks.keys().map(String::as_str)
    }

    /// Whether a period after `word` (`Sen`, `U.S`, an initial) leaves the sentence open.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        // Run-together initials (`S.J`, `J.R.R`): each piece a single capital letter.
        let initials = word.contains('.')
            && word.split('.').all(|piece| {
                let mut chars = piece.chars();
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
            });
        initial || initials || self.abbreviations.contains(&word.to_lowercase())
    }

    pub fn pronouns_contain(&self, word: &str) -> bool {
        let p = &self.pronouns;
        [
            &p.male,
            &p.female,
            &p.neutral,
            &p.organization,
            &p.first_person,
        ]
        .iter()
        .any(|list| list.iter().any(|w| w == word))
    }

    /// Whether `word` (lowercase) is a word of some title: `adviser` of `National Security
    /// Adviser`, `sen.` or `sen`.
    pub fn is_title_word(&self, word: &str) -> bool {
        self.title_word_set.contains(word.trim_end_matches('.'))
    }

    pub fn is_speech_verb(&self, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.speech_verbs.contains(&word.to_lowercase())
        } else {
            self.speech_verbs.contains(word)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_parse() {
        let lex = &*LEXICON;
        assert!(lex.marks.contains_key("en") && lex.marks.contains_key("de"));
        assert!(lex.is_speech_verb("Said"));
        assert!(lex.elisions.contains("tis"));
        assert!(
            lex.is_abbreviation("Sen") && lex.is_abbreviation("U.S") && lex.is_abbreviation("J")
        );
        assert!(lex.is_abbreviation("S.J") && !lex.is_abbreviation("S.Jo"));
        assert!(!lex.is_abbreviation("Senate"));
    }
}
