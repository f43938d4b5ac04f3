//! What a pronoun that speaks stands for, by salience: the nouns of the sentence it stands
//! in (before it) and of the few sentences before, the nearer sentence first and, within a
//! sentence, the subject of the main clause before the subject of another clause before
//! anything else. The first that agrees in gender and number wins, unless one as salient
//! agrees too, or one more salient might (a name of unknown gender): then the pronoun
//! stays unresolved. Words inside quotation marks are the speaker's, not the writer's
//! referents, and are passed over.

use crate::language::{DepRel, Upos};
use crate::lexicon::given_names::{gender_of_given_name, Gender};
use crate::lexicon::speech_acts::SPEECH_ACTS;
use crate::lexicon::LEXICON;

use super::noun_phrase::phrase_tokens;
use super::parse::Parsed;

/// Sentences before the pronoun's own that are searched.
pub const MAX_SENTENCES_BACK: usize = 2;

/// What a pronoun asks of the one it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, him, his
    Male,
    /// she, her, hers
    Female,
    /// it, its
    Thing,
    /// they, them, their
    Plural,
}

impl Pronoun {
    pub fn of(word: &str) -> Option<Pronoun> {
        let w = word.to_lowercase().replace('’', "'");
        let p = &LEXICON.pronouns;
        if p.male.contains(&w) {
            Some(Pronoun::Male)
        } else if p.female.contains(&w) {
            Some(Pronoun::Female)
        } else if p.organization.contains(&w) {
            Some(Pronoun::Thing)
        } else if p.neutral.contains(&w) {
            Some(Pronoun::Plural)
        } else {
            None
        }
    }
}

/// What a noun phrase names, as far as the words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Referent {
    Person(Option<Gender>),
    Organization,
    /// A plural description (`the lawmakers`).
    Group,
    /// Something else (`the letter`), or a name that may be anyone's.
    Other,
    Unknown,
}

/// A noun phrase a pronoun may stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Sentences back from the pronoun's (0: its own).
    pub distance: usize,
    /// 0 the subject of a main clause, 1 of another clause, 2 anything else.
    pub role: usize,
    /// The words, as a range of tokens of that sentence's parse.
    pub tokens: std::ops::Range<usize>,
    pub referent: Referent,
}

/// How sure a candidate's agreement with the pronoun is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    Yes,
    Maybe,
    No,
}

fn fit(pronoun: Pronoun, referent: Referent) -> Fit {
    use Referent::*;
    match (pronoun, referent) {
        (Pronoun::Male, Person(Some(Gender::Male)))
        | (Pronoun::Female, Person(Some(Gender::Female)))
        | (Pronoun::Thing, Organization)
        | (Pronoun::Plural, Organization) => Fit::Yes,
        // `they` may be any plural (`lives`, `the figures`): only a maybe.
        (Pronoun::Plural, Group) => Fit::Maybe,
        (Pronoun::Male | Pronoun::Female, Person(None) | Unknown) => Fit::Maybe,
        (Pronoun::Thing, Unknown) => Fit::Maybe,
        _ => Fit::No,
    }
}

/// The outcome of resolving a pronoun.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// It stands for the candidate at this index.
    To(usize),
    /// More than one may fit: it stays unresolved.
    Ambiguous,
    /// Nothing in reach fits.
    Unknown,
}

/// The candidate `pronoun` stands for, among `candidates` in any order.
pub fn choose(pronoun: Pronoun, candidates: &[Candidate]) -> Resolution {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    // Nearer sentence, then role, then the later word (nearer the pronoun) first.
    order.sort_by_key(|&i| {
        let c = &candidates[i];
        (c.distance, c.role, std::cmp::Reverse(c.tokens.start))
    });
    let Some(pos) = order
        .iter()
        .position(|&i| fit(pronoun, candidates[i].referent) != Fit::No)
    else {
        return Resolution::Unknown;
    };
    let best = order[pos];
    // A name of unknown gender may be the one meant when nobody else in reach fits; not
    // when someone of the right gender stands further down.
    let sure_later = order[pos + 1..]
        .iter()
        .any(|&i| fit(pronoun, candidates[i].referent) == Fit::Yes);
    // A word that may not be a person at all (`Pokémon GO`) is never taken on a maybe.
    let maybe = fit(pronoun, candidates[best].referent) == Fit::Maybe;
    if maybe && (sure_later || candidates[best].referent == Referent::Unknown) {
        return Resolution::Ambiguous;
    }
    let rank = |c: &Candidate| (c.distance, c.role);
    let rival = order[pos + 1..].iter().any(|&i| {
        rank(&candidates[i]) == rank(&candidates[best])
            && fit(pronoun, candidates[i].referent) != Fit::No
            && candidates[i].tokens != candidates[best].tokens
    });
    if rival {
        Resolution::Ambiguous
    } else {
        Resolution::To(best)
    }
}

/// The noun phrases of a parsed sentence before byte `before`, outside quotation marks, at
/// `distance` sentences back; `referent` tells what each names.
pub fn candidates(
    p: &Parsed,
    before: usize,
    distance: usize,
    referent: &dyn Fn(&Parsed, std::ops::Range<usize>) -> Referent,
) -> Vec<Candidate> {
    let quoted = quoted_tokens(p);
    let mut out = Vec::new();
    for (i, inside) in quoted.into_iter().enumerate() {
        if p.tokens[i].span.end > before {
            break;
        }
        if inside {
            continue;
        }
        let head_of_phrase = !matches!(
            p.deprel(i),
            DepRel::Compound | DepRel::Flat | DepRel::NmodPoss | DepRel::Det
        );
        if !matches!(p.upos(i), Upos::Noun | Upos::Propn) || !head_of_phrase {
            continue;
        }
        let tokens = phrase_tokens(p, i);
        out.push(Candidate {
            distance,
            role: role(p, i),
            referent: referent(p, tokens.clone()),
            tokens,
        });
    }
    out
}

/// 0 the subject of the main clause (or of a clause coordinated with it), 1 a subject of
/// another clause, 2 anything else.
fn role(p: &Parsed, i: usize) -> usize {
    let mut at = i;
    // `Delgado and Varga met`: a conjunct of a subject is one too.
    if p.deprel(at) == DepRel::Conj {
        match p.head(at) {
            Some(h) => at = h,
            None => return 2,
        }
    }
    if !matches!(p.deprel(at), DepRel::Nsubj | DepRel::NsubjPass) {
        return 2;
    }
    let mut clause = p.head(at);
    while let Some(c) = clause {
        match p.deprel(c) {
            DepRel::Root => return 0,
            DepRel::Conj | DepRel::Parataxis => clause = p.head(c),
            _ => return 1,
        }
    }
    0
}

/// Which tokens stand inside quotation marks. A sentence may start inside a quotation
/// (`It is merely unaccountable,” she said.`): a closing mark before any opening one shows
/// it did.
fn quoted_tokens(p: &Parsed) -> Vec<bool> {
    let first_mark = (0..p.len()).find(|&i| matches!(p.tokens[i].text.as_str(), "“" | "”"));
    let mut inside = first_mark.is_some_and(|i| p.tokens[i].text == "”");
    let mut out = vec![false; p.len()];
    for (i, t) in p.tokens.iter().enumerate() {
        match t.text.as_str() {
            "“" => inside = true,
            "”" => {
                out[i] = true;
                inside = false;
                continue;
            }
            "\"" => {
                inside = !inside;
                out[i] = true;
                continue;
            }
            _ => {}
        }
        out[i] = inside;
    }
    out
}

/// What the words of a phrase say of who it is: a gendered title or noun, an
/// organization's noun, a given name (a capitalized word before the last of a name, after
/// any title), a plural. `given`: the given name of the person a lone surname names, when
/// the article names them in full.
pub fn referent_of_words(
    words: &[&str],
    plural: bool,
    proper: bool,
    given: Option<&str>,
) -> Referent {
    let lowered: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase().trim_end_matches('.').to_string())
        .collect();
    if lowered.iter().any(|w| SPEECH_ACTS.male_titles.contains(w)) {
        return Referent::Person(Some(Gender::Male));
    }
    if lowered
        .iter()
        .any(|w| SPEECH_ACTS.female_titles.contains(w))
    {
        return Referent::Person(Some(Gender::Female));
    }
    // `the Bar Council`, `the ministry`; not `the state water engineer`.
    if lowered
        .last()
        .is_some_and(|w| SPEECH_ACTS.organizations.contains(w))
    {
        return Referent::Organization;
    }
    if let Some(given) = given {
        return Referent::Person(gender_of_given_name(given));
    }
    let is_title = |w: &str| {
        LEXICON
            .titles
            .iter()
            .any(|t| t.len() == 1 && t[0].trim_end_matches('.') == w)
    };
    let capitalized = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let names: Vec<&str> = words.iter().copied().filter(capitalized).collect();
    // A name is a person's when a title or a given name says so; `TIME Magazine` and
    // `Northern Virginia` are no one's.
    if lowered.iter().any(|w| is_title(w)) {
        let gender = names.iter().find_map(|w| gender_of_given_name(w));
        return Referent::Person(gender);
    }
    if proper && names.len() >= 2 {
        if let Some(gender) = names[..names.len() - 1]
            .iter()
            .find_map(|w| gender_of_given_name(w))
        {
            return Referent::Person(Some(gender));
        }
    }
    match (plural, proper) {
        (true, _) => Referent::Group,
        (false, true) => Referent::Unknown,
        (false, false) => Referent::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(distance: usize, role: usize, at: usize, referent: Referent) -> Candidate {
        Candidate {
            distance,
            role,
            tokens: at..at + 1,
            referent,
        }
    }

    const MAN: Referent = Referent::Person(Some(Gender::Male));
    const WOMAN: Referent = Referent::Person(Some(Gender::Female));

    #[test]
    fn the_salient_subject_of_the_right_gender() {
        // Ortega met Ruiz. She …: Ortega is the subject, but only Ruiz is a woman.
        let c = [candidate(1, 0, 0, MAN), candidate(1, 2, 2, WOMAN)];
        assert_eq!(choose(Pronoun::Female, &c), Resolution::To(1));
        assert_eq!(choose(Pronoun::Male, &c), Resolution::To(0));
        // Two women: the subject before the object.
        let c = [candidate(1, 0, 0, WOMAN), candidate(1, 2, 2, WOMAN)];
        assert_eq!(choose(Pronoun::Female, &c), Resolution::To(0));
        // The nearer sentence first.
        let c = [candidate(2, 0, 0, WOMAN), candidate(1, 2, 2, WOMAN)];
        assert_eq!(choose(Pronoun::Female, &c), Resolution::To(1));
    }

    #[test]
    fn never_a_guess() {
        // Two subjects of one rank that both agree.
        let c = [candidate(1, 0, 0, MAN), candidate(1, 0, 2, MAN)];
        assert_eq!(choose(Pronoun::Male, &c), Resolution::Ambiguous);
        // A more salient name of unknown gender, and a man further down.
        let c = [
            candidate(1, 0, 0, Referent::Unknown),
            candidate(1, 2, 2, MAN),
        ];
        assert_eq!(choose(Pronoun::Male, &c), Resolution::Ambiguous);
        // A name of unknown gender alone in reach is the one meant.
        let c = [candidate(1, 0, 0, Referent::Person(None))];
        assert_eq!(choose(Pronoun::Female, &c), Resolution::To(0));
        // Nobody at all.
        assert_eq!(choose(Pronoun::Male, &[]), Resolution::Unknown);
        let c = [candidate(1, 0, 0, WOMAN)];
        assert_eq!(choose(Pronoun::Male, &c), Resolution::Unknown);
    }

    #[test]
    fn organizations_are_it_and_they() {
        let c = [
            candidate(0, 0, 0, Referent::Organization),
            candidate(0, 1, 3, Referent::Other),
        ];
        assert_eq!(choose(Pronoun::Thing, &c), Resolution::To(0));
        assert_eq!(choose(Pronoun::Plural, &c), Resolution::To(0));
        assert_eq!(choose(Pronoun::Male, &c), Resolution::Unknown);
    }

    #[test]
    fn words_tell_gender_and_kind() {
        assert_eq!(
            referent_of_words(
                &["Justice", "Minister", "Irene", "Castellano"],
                false,
                true,
                None
            ),
            WOMAN
        );
        assert_eq!(
            referent_of_words(&["Irene", "Castellano"], false, true, None),
            WOMAN
        );
        assert_eq!(
            referent_of_words(&["Castellano"], false, true, Some("Irene")),
            WOMAN
        );
        assert_eq!(
            referent_of_words(&["its", "spokesman"], false, false, None),
            MAN
        );
        assert_eq!(
            referent_of_words(&["The", "Veradian", "Bar", "Council"], false, true, None),
            Referent::Organization
        );
        assert_eq!(
            referent_of_words(&["Delgado"], false, true, None),
            Referent::Unknown
        );
        assert_eq!(
            referent_of_words(&["Judge", "Milan", "Kovac"], false, true, None),
            Referent::Person(None)
        );
        assert_eq!(
            referent_of_words(&["lawmakers"], true, false, None),
            Referent::Group
        );
    }
}
