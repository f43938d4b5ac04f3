//! Who performs a quotation's governing act of speech: the verb's subject (`its spokesman
//! called …`), its passive agent (`was described by the union as …`), the possessor of a
//! noun of speech (`Varga’s description`), the subject a coordinated verb or a participle
//! shares (`Delgado praised the court, calling it …`), the antecedent of a relative pronoun
//! (`Ruiz, who called it …`), and the name in apposition to a description (`The envoy, Kim
//! Lee, described …`).

use crate::language::{DepRel, Upos};
use crate::lexicon::speech_acts::SPEECH_ACTS;
use crate::lexicon::LEXICON;

use super::governor::{Act, Governor};
use super::parse::Parsed;

/// Clauses a shared subject is looked for through (`said A and promised B`, a participle
/// of a participle).
const MAX_DEPTH: usize = 3;

/// The head token of the noun phrase that speaks the words governor `g` governs.
pub fn speaker(p: &Parsed, g: Governor) -> Option<usize> {
    let head = match g.act {
        Act::Speech | Act::Naming => verb_speaker(p, g.token, 0),
        Act::Noun => noun_speaker(p, g.token),
    }?;
    Some(apposed_name(p, head))
}

fn verb_speaker(p: &Parsed, verb: usize, depth: usize) -> Option<usize> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(subject) = p.child(verb, &[DepRel::Nsubj]) {
        // `Ruiz, who called it …`: the relative pronoun stands for the noun the clause is
        // about.
        let relative = matches!(p.lower(subject), "who" | "that" | "which");
        if relative {
            return (p.deprel(verb) == DepRel::AclRelcl)
                .then(|| p.head(verb))
                .flatten();
        }
        return Some(subject);
    }
    let passive = p
        .child(verb, &[DepRel::NsubjPass, DepRel::AuxPass])
        .is_some()
        || p.tokens[verb].xpos == "VBN";
    if let Some(agent) = agent(p, verb) {
        return Some(agent);
    }
    if p.child(verb, &[DepRel::NsubjPass, DepRel::AuxPass])
        .is_some()
    {
        // Passive with no agent: whoever heard or was called is no speaker.
        return None;
    }
    let head = p.head(verb)?;
    match p.deprel(verb) {
        // `The ministry said …, and promised “…”`: the first conjunct's subject.
        DepRel::Conj if p.upos(head) == Upos::Verb => verb_speaker(p, head, depth + 1),
        // `…, calling it “…”`, `went on to call it “…”`: a participle or an infinitive
        // shares the subject of the clause it hangs from.
        DepRel::Advcl | DepRel::Xcomp if participle_or_infinitive(p, verb) => {
            verb_speaker(p, head, depth + 1)
        }
        // `signed a letter calling the timetable “reckless”`: a document its signers put
        // out speaks for them.
        DepRel::Acl if !passive => issued_by(p, head, depth),
        _ => None,
    }
}

/// The agent of a passive verb: `by the union`.
fn agent(p: &Parsed, verb: usize) -> Option<usize> {
    p.children(verb).iter().copied().find(|&c| {
        p.deprel(c) == DepRel::OblAgent
            || (p.deprel(c) == DepRel::Obl
                && p.children(c)
                    .iter()
                    .any(|&k| p.deprel(k) == DepRel::Case && p.lower(k) == "by"))
    })
}

fn participle_or_infinitive(p: &Parsed, verb: usize) -> bool {
    let word = p.lower(verb);
    let xpos = p.tokens[verb].xpos.as_str();
    let to = p
        .children(verb)
        .iter()
        .any(|&c| p.deprel(c) == DepRel::Mark && p.lower(c) == "to");
    matches!(xpos, "VBG" | "VBN") || word.ends_with("ing") || word.ends_with("ed") || to
}

/// For a noun that a participle describes (`a letter calling …`): who put it out, when a
/// verb of issuing has it as its object.
fn issued_by(p: &Parsed, noun: usize, depth: usize) -> Option<usize> {
    if let Some(owner) = possessor(p, noun) {
        return Some(owner);
    }
    let verb = p.head(noun)?;
    (p.deprel(noun) == DepRel::Obj && SPEECH_ACTS.issuing_verbs.contains(p.lower(verb)))
        .then(|| verb_speaker(p, verb, depth + 1))
        .flatten()
}

/// `Varga’s warning`, `the claim by the ministry`, `a statement from the ministry`.
fn possessor(p: &Parsed, noun: usize) -> Option<usize> {
    p.child(noun, &[DepRel::NmodPoss]).or_else(|| {
        p.children(noun).iter().copied().find(|&c| {
            p.deprel(c) == DepRel::Nmod
                && p.children(c)
                    .iter()
                    .any(|&k| p.deprel(k) == DepRel::Case && matches!(p.lower(k), "by" | "from"))
        })
    })
}

fn noun_speaker(p: &Parsed, noun: usize) -> Option<usize> {
    if let Some(owner) = possessor(p, noun) {
        return Some(owner);
    }
    // `The claim that “…” has been repeated by government ministers`, `ministers made the
    // claim that “…”`: who repeats or makes the claim.
    let verb = p.head(noun)?;
    let verb_word = p.lower(verb);
    let speaks =
        LEXICON.speech_verbs.contains(verb_word) || SPEECH_ACTS.issuing_verbs.contains(verb_word);
    match p.deprel(noun) {
        DepRel::NsubjPass if speaks => agent(p, verb),
        DepRel::Obj if speaks => verb_speaker(p, verb, 1),
        _ => None,
    }
}

/// `The envoy, Kim Lee, described …`: a description's name in apposition speaks.
fn apposed_name(p: &Parsed, head: usize) -> usize {
    if p.upos(head) == Upos::Propn {
        return head;
    }
    p.children(head)
        .iter()
        .copied()
        .find(|&c| p.deprel(c) == DepRel::Appos && p.upos(c) == Upos::Propn)
        .unwrap_or(head)
}

#[cfg(test)]
mod tests {
    use super::super::governor::governor;
    use super::super::noun_phrase::phrase;
    use super::super::parse::sentence;
    use super::*;

    /// The speaker's words for the quotation in a test sentence.
    fn spoken_by(conll: &str) -> Option<String> {
        let (text, p) = sentence(conll);
        let quote = text.find('“').unwrap()..text.rfind('”').unwrap() + '”'.len_utf8();
        let g = governor(&p, &quote)?;
        let head = speaker(&p, g)?;
        phrase(&p, head).map(|r| text[r].to_string())
    }

    #[test]
    fn the_subject_of_a_coordinated_naming_verb() {
        // and its spokesman called their letter “a fabrication”
        let got = spoken_by(
            "and CCONJ 4 cc
             its PRON 3 nmod:poss
             spokesman NOUN 4 nsubj
             called VERB 0 root
             their PRON 6 nmod:poss
             letter NOUN 4 obj
             “ PUNCT 9 punct
             a DET 9 det
             fabrication NOUN 4 xcomp
             ” PUNCT 9 punct",
        );
        assert_eq!(got.as_deref(), Some("its spokesman"));
    }

    #[test]
    fn a_participle_shares_its_clause_subject() {
        // Delgado praised the court , calling it “a model”
        let got = spoken_by(
            "Delgado PROPN 2 nsubj
             praised VERB 0 root
             the DET 4 det
             court NOUN 2 obj
             , PUNCT 6 punct
             calling VERB 2 advcl
             it PRON 6 obj
             “ PUNCT 10 punct
             a DET 10 det
             model NOUN 6 xcomp
             ” PUNCT 10 punct",
        );
        assert_eq!(got.as_deref(), Some("Delgado"));
    }

    #[test]
    fn a_conjunct_without_a_subject_takes_the_first_ones() {
        // The ministry said it erred and promised “a correction”
        let got = spoken_by(
            "The DET 2 det
             ministry NOUN 3 nsubj
             said VERB 0 root
             it PRON 5 nsubj
             erred VERB 3 ccomp
             and CCONJ 7 cc
             promised VERB 3 conj
             “ PUNCT 10 punct
             a DET 10 det
             correction NOUN 7 obj
             ” PUNCT 10 punct",
        );
        assert_eq!(got.as_deref(), Some("The ministry"));
    }

    #[test]
    fn a_passive_speaks_through_its_agent_or_not_at_all() {
        // He was described by the union as “a steady hand”
        let with_agent = "He PRON 3 nsubj:pass
             was AUX 3 aux:pass
             described VERB 0 root
             by ADP 6 case
             the DET 6 det
             union NOUN 3 obl:agent
             as ADP 10 case
             “ PUNCT 10 punct
             a DET 10 det
             hand NOUN 3 obl
             ” PUNCT 10 punct";
        assert_eq!(spoken_by(with_agent).as_deref(), Some("the union"));
        // It is called “the Dry Corridor”
        let no_agent = "It PRON 3 nsubj:pass
             is AUX 3 aux:pass
             called VERB 0 root
             “ PUNCT 7 punct
             the DET 7 det
             Dry PROPN 7 compound
             Corridor PROPN 3 xcomp
             ” PUNCT 7 punct";
        assert_eq!(spoken_by(no_agent), None);
    }

    #[test]
    fn a_possessor_speaks_a_noun_of_speech() {
        // Varga ’s description of the bill as “a slow amputation”
        let got = spoken_by(
            "Varga PROPN 3 nmod:poss
             ’s PART 1 case
             description NOUN 0 root
             of ADP 6 case
             the DET 6 det
             bill NOUN 3 nmod
             as ADP 11 case
             “ PUNCT 11 punct
             a DET 11 det
             slow ADJ 11 amod
             amputation NOUN 3 nmod
             ” PUNCT 11 punct",
        );
        assert_eq!(got.as_deref(), Some("Varga ’s"));
    }

    #[test]
    fn apposition_and_relative_pronouns() {
        // The envoy , Kim Lee , described it as “a concern”
        let got = spoken_by(
            "The DET 2 det
             envoy NOUN 7 nsubj
             , PUNCT 5 punct
             Kim PROPN 5 compound
             Lee PROPN 2 appos
             , PUNCT 5 punct
             described VERB 0 root
             it PRON 7 obj
             as ADP 12 case
             “ PUNCT 12 punct
             a DET 12 det
             concern NOUN 7 obl
             ” PUNCT 12 punct",
        );
        assert_eq!(got.as_deref(), Some("Kim Lee"));
        // Ruiz , who called it “tight” , left
        let got = spoken_by(
            "Ruiz PROPN 9 nsubj
             , PUNCT 4 punct
             who PRON 4 nsubj
             called VERB 1 acl:relcl
             it PRON 4 obj
             “ PUNCT 7 punct
             tight ADJ 4 xcomp
             ” PUNCT 7 punct
             left VERB 0 root",
        );
        assert_eq!(got.as_deref(), Some("Ruiz"));
    }
}
