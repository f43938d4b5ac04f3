//! What every step of the sieve is given: the quotation in place (its marks, the blocks
//! they stand in, a label before it), and what a step returns.

use std::ops::Range;

use std::cell::{OnceCell, RefCell};

use super::governed::Governed;
use super::kinds::Context;
use super::parse::Parses;
use crate::document::{Document, ProseBlock};
use crate::quotes::{Mark, Quote, QuoteAnalysis};
use crate::registry::Registry;

/// Words that may name a speaker: the block they are in and their byte range there.
pub(super) type Found = Option<(usize, Range<usize>)>;

/// One way of finding a quotation's speaker.
pub(super) type Step = fn(&Around, &Context) -> Found;

/// A quotation set off by marks, with everything around it the steps look at.
pub(super) struct Around<'a> {
    pub(super) doc: &'a Document,
    pub(super) registry: &'a Registry,
    pub(super) quote: &'a Quote,
    pub(super) open: &'a Mark,
    pub(super) close: &'a Mark,
    /// The blocks of the opening and the closing mark.
    pub(super) ob: &'a ProseBlock,
    pub(super) cb: &'a ProseBlock,
    /// The quoted words end with a period, question or exclamation mark.
    pub(super) closes_sentence: bool,
    /// The article's parsed sentences, shared by every quotation's steps.
    pub(super) parses: &'a RefCell<Parses>,
    /// The act of speech that governs the quotation, read from the parse when a step first
    /// asks.
    pub(super) governed: OnceCell<Option<Governed>>,
}

impl<'a> Around<'a> {
    /// `None` for a quotation that lacks a mark.
    pub(super) fn new(
        doc: &'a Document,
        analysis: &'a QuoteAnalysis,
        quote: &'a Quote,
        registry: &'a Registry,
        parses: &'a RefCell<Parses>,
    ) -> Option<Around<'a>> {
        let (open, close) = (&analysis.marks[quote.open?], &analysis.marks[quote.close?]);
        let (ob, cb) = (&doc.blocks[open.block], &doc.blocks[close.block]);
        Some(Around {
            doc,
            registry,
            quote,
            open,
            close,
            ob,
            cb,
            closes_sentence: quote.text.trim_end().ends_with(['.', '!', '?', '…']),
            parses,
            governed: OnceCell::new(),
        })
    }

    /// The act of speech that governs the quotation, and its speaker (parsed once).
    pub(super) fn governed(&self) -> Option<&Governed> {
        self.governed
            .get_or_init(|| {
                let mut parses = self.parses.borrow_mut();
                super::governed::governed(self.doc, &mut parses, self.open, self.close)
            })
            .as_ref()
    }

    /// `found` in the opening mark's block.
    pub(super) fn before(&self, found: Option<Range<usize>>) -> Found {
        found.map(|r| (self.open.block, r))
    }

    /// `found` in the closing mark's block.
    pub(super) fn after(&self, found: Option<Range<usize>>) -> Found {
        found.map(|r| (self.close.block, r))
    }
}
