//! The sieve's steps, one quotation at a time.

use super::*;
use crate::document::ReadOptions;
use crate::lexicon::LEXICON;

fn speakers(text: &str) -> Vec<Option<String>> {
    let doc = Document::parse("t.md", text.to_string(), &ReadOptions::default());
    let lang = &LEXICON.marks["en"];
    let mut analysis = crate::quotes::analyze(&doc, lang);
    attribute(&doc, &mut analysis, &Registry::default())
        .into_iter()
        .map(|s| s.map(|s| s.text))
        .collect()
}

#[test]
fn the_common_patterns() {
    assert_eq!(
        speakers("“We will not,” Ortega said."),
        vec![Some("Ortega".into())]
    );
    assert_eq!(
        speakers("“We will not,” said Sen. Lucía Ortega, who chairs it."),
        vec![Some("Sen. Lucía Ortega".into())]
    );
    assert_eq!(
        speakers("Mayor Ilse Brandt said, “We will not.”"),
        vec![Some("Mayor Ilse Brandt".into())]
    );
    assert_eq!(
        speakers("Voss told reporters: “No.”"),
        vec![Some("Voss".into())]
    );
    assert_eq!(
        speakers("“No,” according to the harbor master."),
        vec![Some("the harbor master".into())]
    );
    assert_eq!(
        speakers("Lucía Ortega: “No.”"),
        vec![Some("Lucía Ortega".into())]
    );
    assert_eq!(
        speakers("In Ortega’s words, “never.”"),
        vec![Some("Ortega’s".into())]
    );
    assert_eq!(
        speakers("As Voss put it, “never again.”"),
        vec![Some("Voss".into())]
    );
    assert_eq!(
        speakers("Ortega, in a statement, called the plan “a slow-motion disaster.”"),
        vec![Some("Ortega".into())]
    );
    assert_eq!(
        speakers("“First,” Voss said, “second.”"),
        vec![Some("Voss".into()), Some("Voss".into())]
    );
    assert_eq!(
        speakers("“No,” a 2019 commission report states."),
        vec![Some("a 2019 commission report".into())]
    );
}

#[test]
fn a_quote_only_paragraph_continues_the_speaker() {
    assert_eq!(
        speakers("“One,” Ortega said.\n\n“Two.”"),
        vec![Some("Ortega".into()), Some("Ortega".into())]
    );
}

#[test]
fn a_name_set_off_from_its_title_by_a_comma_speaks() {
    assert_eq!(
        speakers("“The rules are clear,” said HCA Vice President of Policy, Ana Ruiz."),
        vec![Some("Ana Ruiz".into())]
    );
    // A name, then its title: the name speaks.
    assert_eq!(
        speakers("“The rules are clear,” said Dr. Ana Ruiz, Director of Harbor Planning."),
        vec![Some("Dr. Ana Ruiz".into())]
    );
    // No title before the comma: the words after it go on with the sentence.
    assert_eq!(
        speakers("“The rules are clear,” said Ortega, Ruiz and Voss."),
        vec![Some("Ortega".into())]
    );
}

#[test]
fn names_hold_titles_and_connectors() {
    assert_eq!(
        speakers("“We will,” White House Press Secretary Dana Voss said."),
        vec![Some("White House Press Secretary Dana Voss".into())]
    );
    assert_eq!(
        speakers(
            "“We will not back down,” American Federation of Farmers President Ana Ruiz told reporters."
        ),
        vec![Some(
            "American Federation of Farmers President Ana Ruiz".into()
        )]
    );
}

#[test]
fn labels_before_the_quotation() {
    assert_eq!(
        speakers("**Ana Ruiz, Professor of Law & Fellow, S.J. Kell College, University of Marrow**: “We agree with the plan.”"),
        vec![Some("Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("**President Voss** **summed up the year in one line:** “We delivered.”"),
        vec![Some("President Voss".into())]
    );
    assert_eq!(
        speakers("From the app store description: “Karen answers food safety questions.”"),
        vec![Some("the app store description".into())]
    );
    assert_eq!(
        speakers("**Marrow Farm Bureau**  \n“We support it,” said Farm Bureau President Ana Ruiz."),
        vec![Some("Farm Bureau President Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("- Kestrel College swim team member Ana Ruiz: “We trained for years.”"),
        vec![Some("Kestrel College swim team member Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("Here’s what you missed:\n\n“We delivered on every promise.”"),
        vec![None]
    );
}

#[test]
fn a_quotation_that_ends_its_sentence_keeps_the_next_one_apart() {
    assert_eq!(
        speakers("Dan stated that the goal “is to help survivors first.” He noted that, “we can adapt the message.”"),
        vec![Some("Dan".into()), Some("He".into())]
    );
}

#[test]
fn words_that_are_no_speaker() {
    // The verb is not the first of its clause: no `Said Mike` inversion.
    assert_eq!(
        speakers("Fern explains PWAs this way: “They are fast and they work offline.”"),
        vec![Some("Fern".into())]
    );
    // Passive: the subject heard the question.
    assert_eq!(
        speakers("One question we get asked most is: “How much will it cost?”"),
        vec![None]
    );
    // Terms take no speaker from a verb far off or from the quotation before.
    assert_eq!(
        speakers("The United States of America (“United States”) and Marrow (“Marrow”) signed it."),
        vec![None, None]
    );
    assert_eq!(
        speakers("“We will,” Voss said at the hearing on Tuesday. Growers in the valley know the region as the “Dry Corridor” now."),
        vec![Some("Voss".into()), None]
    );
}

#[test]
fn documents_and_handles() {
    // (`The compact guarantees …` has no speaker with the refit weights: the tagger reads
    // `guarantees` as a plural noun there, so the sentence has no verb to govern the words.)
    assert_eq!(
        speakers("The compact promises each state a share “in proportion to historic use.”"),
        vec![Some("The compact".into())]
    );
    assert_eq!(
        speakers("“Hello developers,” posted the_moongirl under her two-star app rating."),
        vec![Some("the_moongirl".into())]
    );
}

#[test]
fn labels_that_open_with_a_title() {
    assert_eq!(
        speakers("**Lockheed Chairman, President and CEO Ana Ruiz:** “We build.”"),
        vec![Some("President and CEO Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("**Senior Counsel for Marrow Cities, Ana Ruiz:** “We build.”"),
        vec![Some("Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("**Ana Ruiz, CEO, Marrow Group:** “We build.”"),
        vec![Some("Ana Ruiz".into())]
    );
}

#[test]
fn labels_that_open_with_a_place_or_a_long_title() {
    assert_eq!(
        speakers("**Little Rock, Arkansas Mayor Ana Ruiz:** “We build.”"),
        vec![Some("Mayor Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("**Benton Harbor, MI Mayor Ana Ruiz:** “We build.”"),
        vec![Some("Mayor Ana Ruiz".into())]
    );
    // A state inside an organization's name stays (`Texas Division of …`), and the
    // segment after a name that holds a state and a title is no city's.
    assert_eq!(
        speakers("**Ana Ruiz, California Program Director, Outdoor Alliance:** “We build.”"),
        vec![Some("Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("**Ranking Member, Marrow Committee, Senator Ana Ruiz:** “We build.”"),
        vec![Some("Senator Ana Ruiz".into())]
    );
    // A postal code is written in capitals: `Al` is a name.
    assert_eq!(
        speakers("**Al Ruiz, Al Mayor Ana Ruiz:** “We build.”"),
        vec![Some("Al Ruiz".into())]
    );
}

#[test]
fn fact_check_and_date_labels_name_no_speaker() {
    assert_eq!(speakers("**CLAIM:** “The river is dry.”"), vec![None]);
    assert_eq!(speakers("May 2020: “The river is dry.”"), vec![None]);
    assert_eq!(
        speakers("**FACT:** “The river runs,” the Ledger reported."),
        vec![Some("the Ledger".into())]
    );
    assert_eq!(
        speakers("**FACT:** Ana Ruiz answered the charge: “The river runs.”"),
        vec![Some("Ana Ruiz".into())]
    );
    // `May` is a name too, without a year.
    assert_eq!(
        speakers("“The river runs,” said Theresa May."),
        vec![Some("Theresa May".into())]
    );
}

#[test]
fn the_first_person_speaks_only_beside_its_verb() {
    assert_eq!(
        speakers("I said, “Who reads the gauges?”"),
        vec![Some("I".into())]
    );
    assert_eq!(
        speakers("Plato said, and I’m paraphrasing, “Rule or be ruled.”"),
        vec![Some("Plato".into())]
    );
    // Sentences away, `I` tells a story; the term is nobody's.
    assert_eq!(
        speakers("I warned the clerk. Then came a standard of “more likely than not.”"),
        vec![None]
    );
}

#[test]
fn credits_after_the_quotation() {
    assert_eq!(
        speakers("“It is dry,” Rep. Ana Ruiz (D-Calif.), a critic, told the Ledger."),
        vec![Some("Rep. Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("It had an “amazing” response, said Ana Ruiz, the web manager."),
        vec![Some("Ana Ruiz".into())]
    );
    // A verb after a comma that names no one.
    assert_eq!(
        speakers("The new “D” rating will, in turn, inform American travelers of risks."),
        vec![None]
    );
    assert_eq!(
        speakers("> “Get work done quicker” — USDA Apprentice"),
        vec![Some("USDA Apprentice".into())]
    );
    // A dash that goes on with the sentence is no credit.
    assert_eq!(
        speakers("I shouldn’t say “eventuality” — the possibility, rather."),
        vec![None]
    );
    assert_eq!(
        speakers("> Be a person. Say your name. —Tim Ruiz, communications lead"),
        vec![Some("Tim Ruiz".into())]
    );
}

#[test]
fn a_blockquote_takes_the_speaker_of_its_lead_in() {
    assert_eq!(
        speakers("But Ana Ruiz put it this way:\n\n> We build in the open."),
        vec![Some("Ana Ruiz".into())]
    );
    assert_eq!(
        speakers("The lesson comes at the end of the report:\n\n> Count it twice."),
        vec![Some("the report".into())]
    );
    // A lead-in that names no one, and a document that is not what the colon introduces.
    assert_eq!(
        speakers("Here is the short version:\n\n> Count it twice."),
        vec![None]
    );
    assert_eq!(
        speakers("The report came out in May, and it says more:\n\n> Count it twice."),
        vec![Some("it".into())]
    );
}

#[test]
fn a_name_before_a_fragment_speaks_it() {
    assert_eq!(
        speakers("The Palestinian Authority “welcomes the efforts of the envoy.”"),
        vec![Some("The Palestinian Authority".into())]
    );
    assert_eq!(
        speakers("As of today, the Intelligence Community has “coalesced around two views”."),
        vec![Some("the Intelligence Community".into())]
    );
    // Not the subject of a clause after `claims that`: the claim is the exhibit's.
    assert_eq!(
        speakers("The exhibit claims that the United States has “used race to rule.”"),
        vec![Some("The exhibit".into())]
    );
    // Not a common word opening the sentence.
    assert_eq!(speakers("Software is never “done.”"), vec![None]);
    // An imperative opening the sentence is no speaker.
    assert_eq!(
        speakers("Think about the “outside” view, not “how we do it.”"),
        vec![None, None]
    );
}

#[test]
fn spans_that_are_no_speaker() {
    // A question's auxiliary, and words cut off at an article.
    assert_eq!(
        speakers("Can you imagine a kid, two years old, saying, “Mom, no”?"),
        vec![None]
    );
    assert_eq!(
        speakers("“We will not be moved by this,” shared a photo of a"),
        vec![None]
    );
}

#[test]
fn no_speaker() {
    assert_eq!(
        speakers("The board met on “Tuesday night” in the hall."),
        vec![None]
    );
}
