//! Whether a miss is evidence: recorded wording counts against a quotation only when it is
//! the same statement, that is when it shares a run of words with the quotation.

use super::index::ABSENT;
use super::store::Recorded;
use super::words::QuoteWord;

/// Recorded wording is of the same statement when it shares this many words in a row with
/// the quotation: fewer are shared by chance ("we will not", "the people of").
pub const SAME_STATEMENT_WORDS: usize = 4;

/// Whether one of the recorded quotations `segments` shares [`SAME_STATEMENT_WORDS`] words
/// in a row with the quotation, and says more than the quotation has: an excerpt that the
/// quotation holds word for word is a shorter record of it, no evidence against the rest.
pub fn recorded_statement(quote: &[&QuoteWord], recorded: &Recorded, segments: &[usize]) -> bool {
    if quote.len() < SAME_STATEMENT_WORDS || segments.is_empty() {
        return false;
    }
    let text = &recorded.text;
    let ids: Vec<u32> = quote.iter().map(|w| text.id(&w.word)).collect();
    ids.windows(SAME_STATEMENT_WORDS).any(|run| {
        if run.contains(&ABSENT) {
            return false;
        }
        text.positions(run[0]).iter().any(|&p| {
            let p = p as usize;
            let segment = text.segment_of(p);
            let bounds = &text.segments[segment];
            segments.binary_search(&segment).is_ok()
                && p + SAME_STATEMENT_WORDS <= bounds.end
                && text.ids[p..p + SAME_STATEMENT_WORDS] == *run
                && !contains_run(&ids, &text.ids[bounds.clone()])
        })
    })
}

/// Whether `run` occurs in `words`, word for word.
fn contains_run(words: &[u32], run: &[u32]) -> bool {
    !run.is_empty() && words.windows(run.len()).any(|w| w == run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::index::SourceText;
    use crate::verify::pattern::Pattern;

    fn recorded(texts: &[&str]) -> Recorded {
        Recorded {
            text: SourceText::segmented(texts.iter().copied()),
            owners: (0..texts.len()).map(|q| (0, q)).collect(),
            ..Recorded::default()
        }
    }

    fn shares(quote: &str, texts: &[&str]) -> bool {
        let pattern = Pattern::parse(quote);
        let words: Vec<&QuoteWord> = pattern.words().collect();
        let r = recorded(texts);
        let all: Vec<usize> = (0..texts.len()).collect();
        recorded_statement(&words, &r, &all)
    }

    #[test]
    fn four_words_in_a_row_make_the_same_statement() {
        assert!(shares(
            "we will build the bridge before winter ends",
            &["Other words.", "We will build the road first."]
        ));
    }

    #[test]
    fn three_shared_words_or_scattered_ones_do_not() {
        assert!(!shares(
            "we will build the bridge",
            &["We will not build anything the bridge needs."]
        ));
        // A recorded excerpt the quotation holds whole is a shorter record of it.
        assert!(!shares(
            "we will build the road first and then the bridge",
            &["We will build the road first."]
        ));
        // The run may not cross from one recorded quotation into the next.
        assert!(!shares(
            "the final two words came",
            &["It is the final", "two words came later."]
        ));
    }
}
