//! The words that make a quotation's governor an act of speech (`rules/lexicon/speech-acts.yml`)
//! and the titles that give a person's gender and the words that say what a pronoun may stand for (`rules/lexicon/referents.yml`).

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeechActsFile {
    naming_verbs: Vec<Vec<String>>,
    as_verbs: Vec<Vec<String>>,
    speech_nouns: Vec<String>,
    issuing_verbs: Vec<String>,
    not_noun_phrase_openers: Vec<String>,
    weekdays: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferentsFile {
    male: Vec<String>,
    female: Vec<String>,
    organizations: Vec<String>,
}

/// Speech acts other than the speech verbs, lowercase, every form listed.
pub struct SpeechActs {
    /// `call`, `dub`, `describe`: name something with the quoted words.
    pub naming_verbs: HashSet<String>,
    /// `dismiss`, `hail`: name something with the quoted words only after `as`.
    pub as_verbs: HashSet<String>,
    /// `claim`, `warning`, `promise`: the quoted words are the possessor's.
    pub speech_nouns: HashSet<String>,
    /// `signed`, `issued`, `made`: put out a document or an act of speech.
    pub issuing_verbs: HashSet<String>,
    /// `but`, `in`, `throughout`: words that never open a noun phrase.
    pub not_noun_phrase_openers: HashSet<String>,
    pub weekdays: HashSet<String>,
    /// `mr`, `spokesman` and `mrs`, `spokeswoman`, without a final period.
    pub male_titles: HashSet<String>,
    pub female_titles: HashSet<String>,
    /// `ministry`, `council`: a name or description with one of these is an organization's.
    pub organizations: HashSet<String>,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> T {
    // Embedded files are checked by a unit test; a failure is a build defect.
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("rules/lexicon/{name}: {e}"))
}

pub static SPEECH_ACTS: LazyLock<SpeechActs> = LazyLock::new(|| {
    let acts: SpeechActsFile = parse(
        "speech-acts.yml",
        include_str!("../../rules/lexicon/speech-acts.yml"),
    );
    let titles: ReferentsFile = parse(
        "referents.yml",
        include_str!("../../rules/lexicon/referents.yml"),
    );
    SpeechActs {
        naming_verbs: acts.naming_verbs.into_iter().flatten().collect(),
        as_verbs: acts.as_verbs.into_iter().flatten().collect(),
        speech_nouns: acts.speech_nouns.into_iter().collect(),
        issuing_verbs: acts.issuing_verbs.into_iter().collect(),
        not_noun_phrase_openers: acts.not_noun_phrase_openers.into_iter().collect(),
        weekdays: acts.weekdays.into_iter().collect(),
        male_titles: titles.male.into_iter().collect(),
        female_titles: titles.female.into_iter().collect(),
        organizations: titles.organizations.into_iter().collect(),
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_acts_parse() {
        let acts = &*SPEECH_ACTS;
        assert!(acts.naming_verbs.contains("dubbed") && acts.as_verbs.contains("dismissed"));
        assert!(acts.speech_nouns.contains("warning") && !acts.speech_nouns.contains("word"));
        assert!(acts.not_noun_phrase_openers.contains("throughout"));
        assert!(acts.male_titles.contains("mr") && acts.female_titles.contains("spokeswoman"));
    }
}
