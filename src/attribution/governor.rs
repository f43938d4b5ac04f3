//! A quotation's governor: the word outside the quotation that the quotation attaches to,
//! when it is an act of speech. A speech verb (`he told reporters that the government was
//! “building …”`), a naming verb (`called the vote “shameful”`, `dismissed them as
//! “baseless”`) or a noun of speech (`Varga’s warning of “…”`). The walk goes up from the
//! quotation through the words a quotation hangs from in reported speech (`Ortega said Ruiz
//! had been “the quiet broker”`: through the inner clause to `said`), a few steps at most.

use std::ops::Range;

use crate::language::{DepRel, Upos};
use crate::lexicon::speech_acts::SPEECH_ACTS;
use crate::lexicon::LEXICON;

use super::parse::Parsed;

/// What kind of act of speech governs a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    /// `said`, `told`, `warned`.
    Speech,
    /// `called`, `dubbed`, `dismissed … as`.
    Naming,
    /// `claim`, `warning`, `promise`.
    Noun,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Governor {
    /// The token of the act.
    pub token: usize,
    pub act: Act,
}

/// Steps up the tree from the quotation to its governor: the quotation's head, then the
/// clause or phrase that holds it, then the speech act above that.
const MAX_STEPS: usize = 3;

/// Relations of a word that is no act of speech through which the walk goes on to its
/// head: reported clauses (`ccomp`), objects and obliques inside them, infinitives.
const PASS_THROUGH: &[DepRel] = &[
    DepRel::Ccomp,
    DepRel::Xcomp,
    DepRel::Obj,
    DepRel::Obl,
    DepRel::Nmod,
    DepRel::Acl,
];

/// Relations by which a word depends on one that does not govern it.
const NOT_GOVERNED: &[DepRel] = &[
    DepRel::Conj,
    DepRel::Nsubj,
    DepRel::NsubjPass,
    DepRel::Csubj,
    DepRel::CsubjPass,
    DepRel::Vocative,
    DepRel::Reparandum,
    // `the county’s “Dry Year Rule” plan`: a quotation that modifies a noun names a thing.
    DepRel::Compound,
    DepRel::Amod,
    DepRel::NmodPoss,
];

/// The governor of the quotation whose bytes (its marks included) are `quote`, if an act
/// of speech governs it. Parts of the quotation that attach to different acts leave it
/// with none.
pub fn governor(p: &Parsed, quote: &Range<usize>) -> Option<Governor> {
    let inside = p.tokens_within(quote);
    let mut found: Option<Governor> = None;
    for t in inside.clone() {
        if p.upos(t) == Upos::Punct {
            continue;
        }
        let Some(h) = p.head(t) else {
            continue;
        };
        if inside.contains(&h) {
            continue;
        }
        let Some(g) = walk_up(p, t, h, &inside) else {
            continue;
        };
        match found {
            Some(f) if f != g => return None,
            _ => found = Some(g),
        }
    }
    found
}

fn walk_up(p: &Parsed, from: usize, head: usize, inside: &Range<usize>) -> Option<Governor> {
    let (mut child, mut h) = (from, head);
    for _ in 0..MAX_STEPS {
        if inside.contains(&h) {
            return None;
        }
        // A subject or a coordinated clause is no complement of the word it attaches to
        // (`Ortega said nothing and the crowd was “ecstatic”`).
        if NOT_GOVERNED.contains(&p.deprel(child)) {
            return None;
        }
        if let Some(act) = act_of(p, h, child) {
            return Some(Governor { token: h, act });
        }
        let rel = p.deprel(h);
        // A conjunct goes up only inside a reported clause (`said that A and that B`): at the
        // top of a sentence it is a clause of its own (`Ortega spoke and the crowd was “…”`).
        let reported_conjunct = rel == DepRel::Conj
            && p.head(h)
                .is_some_and(|g| matches!(p.deprel(g), DepRel::Ccomp));
        if !PASS_THROUGH.contains(&rel) && !reported_conjunct {
            return None;
        }
        child = h;
        h = p.head(h)?;
    }
    None
}

/// The act of speech token `h` is, for a quotation that hangs from it through `child`.
fn act_of(p: &Parsed, h: usize, child: usize) -> Option<Act> {
    let word = p.lower(h);
    // `I shouldn’t say “eventuality”`, `never called it “a crisis”`: words not said.
    let negated = p
        .children(h)
        .iter()
        .any(|&c| matches!(p.lower(c), "not" | "n't" | "never"));
    if negated {
        return None;
    }
    match p.upos(h) {
        Upos::Verb => {
            // `dismissed the staff` is no speech, whatever speech-verbs.yml says of it.
            if SPEECH_ACTS.as_verbs.contains(word) {
                marked_by_as(p, child).then_some(Act::Naming)
            } else if SPEECH_ACTS.naming_verbs.contains(word) {
                Some(Act::Naming)
            } else if LEXICON.speech_verbs.contains(word) {
                Some(Act::Speech)
            } else {
                None
            }
        }
        Upos::Noun if SPEECH_ACTS.speech_nouns.contains(word) => Some(Act::Noun),
        _ => None,
    }
}

/// Whether `as` introduces token `i` (`dismissed them as “baseless”`).
fn marked_by_as(p: &Parsed, i: usize) -> bool {
    p.children(i)
        .iter()
        .any(|&c| matches!(p.deprel(c), DepRel::Case | DepRel::Mark) && p.lower(c) == "as")
}

#[cfg(test)]
mod tests {
    use super::super::parse::sentence;
    use super::*;

    fn quoted(text: &str) -> Range<usize> {
        text.find('“').unwrap()..text.rfind('”').unwrap() + '”'.len_utf8()
    }

    fn governing_word(conll: &str) -> Option<(String, Act)> {
        let (text, p) = sentence(conll);
        governor(&p, &quoted(&text)).map(|g| (p.tokens[g.token].text.clone(), g.act))
    }

    #[test]
    fn a_naming_verb_governs_its_predicate() {
        // The senator called the ruling “shameful.”
        let got = governing_word(
            "The DET 2 det
             senator NOUN 3 nsubj
             called VERB 0 root
             the DET 5 det
             ruling NOUN 3 obj
             “ PUNCT 7 punct
             shameful ADJ 3 xcomp
             ” PUNCT 7 punct",
        );
        assert_eq!(got, Some(("called".into(), Act::Naming)));
    }

    #[test]
    fn an_as_verb_governs_only_through_as() {
        // The ministry dismissed the claims as “baseless”
        let with_as = "The DET 2 det
             ministry NOUN 3 nsubj
             dismissed VERB 0 root
             the DET 5 det
             claims NOUN 3 obj
             as ADP 8 case
             “ PUNCT 8 punct
             baseless ADJ 3 obl
             ” PUNCT 8 punct";
        assert_eq!(
            governing_word(with_as),
            Some(("dismissed".into(), Act::Naming))
        );
        // The ministry dismissed “two clerks”
        let without = "The DET 2 det
             ministry NOUN 3 nsubj
             dismissed VERB 0 root
             “ PUNCT 6 punct
             two NUM 6 nummod
             clerks NOUN 3 obj
             ” PUNCT 6 punct";
        assert_eq!(governing_word(without), None);
    }

    #[test]
    fn reported_speech_goes_up_to_the_verb_of_saying() {
        // Ortega later said Ruiz had been “the quiet broker.”
        let got = governing_word(
            "Ortega PROPN 3 nsubj
             later ADV 3 advmod
             said VERB 0 root
             Ruiz PROPN 9 nsubj
             had AUX 9 aux
             been AUX 9 cop
             “ PUNCT 9 punct
             the DET 9 det
             broker NOUN 3 ccomp
             ” PUNCT 9 punct",
        );
        assert_eq!(got, Some(("said".into(), Act::Speech)));
    }

    #[test]
    fn a_noun_of_speech_governs_through_of() {
        // Ruiz’s warning of “a lost decade” went unheeded.
        let got = governing_word(
            "Ruiz PROPN 3 nmod:poss
             ’s PART 1 case
             warning NOUN 9 nsubj
             of ADP 7 case
             “ PUNCT 7 punct
             a DET 7 det
             decade NOUN 3 nmod
             ” PUNCT 7 punct
             went VERB 0 root
             unheeded ADJ 9 xcomp",
        );
        assert_eq!(got, Some(("warning".into(), Act::Noun)));
    }

    #[test]
    fn a_negated_act_governs_nothing() {
        // I should n't say “eventuality”
        let got = governing_word(
            "I PRON 4 nsubj
             should AUX 4 aux
             n't PART 4 advmod
             say VERB 0 root
             “ PUNCT 6 punct
             eventuality NOUN 4 obj
             ” PUNCT 6 punct",
        );
        assert_eq!(got, None);
    }

    #[test]
    fn a_sentence_with_no_act_of_speech_governs_nothing() {
        // In many respects, “the robe caucus” has become an enemy.
        let got = governing_word(
            "In ADP 3 case
             many ADJ 3 amod
             respects NOUN 10 obl
             , PUNCT 3 punct
             “ PUNCT 8 punct
             the DET 8 det
             robe NOUN 8 compound
             caucus NOUN 10 nsubj
             ” PUNCT 8 punct
             become VERB 0 root
             an DET 12 det
             enemy NOUN 10 xcomp",
        );
        assert_eq!(got, None);
        // A speech verb at the top of a sentence does not govern the clause coordinated
        // with it: Ortega said nothing and the crowd was “ecstatic.”
        let got = governing_word(
            "Ortega PROPN 2 nsubj
             said VERB 0 root
             nothing PRON 2 obj
             and CCONJ 9 cc
             the DET 6 det
             crowd NOUN 9 nsubj
             was AUX 9 cop
             “ PUNCT 9 punct
             ecstatic ADJ 2 conj
             ” PUNCT 9 punct",
        );
        assert_eq!(got, None);
    }
}
