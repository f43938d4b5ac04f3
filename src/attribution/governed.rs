//! The act of speech that governs a quotation, and who performs it, from the parse of
//! the sentence that holds its opening mark: what the parse-based sieve steps read.

use std::ops::Range;

use crate::document::Document;
use crate::quotes::Mark;

use super::governor::{governor, Act};
use super::noun_phrase::phrase;
use super::parse::Parses;
use super::subject;

/// A quotation an act of speech governs.
#[derive(Clone, Debug)]
pub(super) struct Governed {
    /// The act stands before the opening mark, in the writer's sentence (`called the vote
    /// “shameful”`), not after it (`“…,” Delgado said`).
    pub before: bool,
    /// The act makes the quotation someone's words even if it reads as a term: a naming
    /// act or a noun of speech (`called the vote “shameful”`), not a verb of speech, whose
    /// short quotation may be a word mentioned (`I shouldn’t say “eventuality”`).
    pub makes_words: bool,
    /// The speaker's words, in the opening mark's block.
    pub speaker: Option<Range<usize>>,
}

/// The act of speech that governs the quotation between marks `open` and `close`, and who
/// performs it, from the parse of the sentence holding the opening mark.
pub(super) fn governed(
    doc: &Document,
    parses: &mut Parses,
    open: &Mark,
    close: &Mark,
) -> Option<Governed> {
    let end = if close.block == open.block {
        close.prose.end
    } else {
        doc.blocks[open.block].text.len()
    };
    let p = parses.at(doc, open.block, open.prose.start)?;
    let g = governor(p, &(open.prose.start..end))?;
    let speaker = subject::speaker(p, g).and_then(|head| phrase(p, head));
    Some(Governed {
        before: p.tokens[g.token].span.start < open.prose.start,
        makes_words: g.act != Act::Speech,
        speaker,
    })
}
