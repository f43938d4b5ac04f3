//! The checks, one file per rule. A rule's identity (code, name, severity, documentation)
//! is in [`crate::catalog`], re-exported here.
//!
//! Rules run on a [`crate::quotes::QuoteAnalysis`]; suppressions are applied afterwards as a
//! filter (see [`crate::document::suppress`]).

use serde::Deserialize;

pub use crate::catalog::{Rule, RuleDoc};

pub mod ca001_missing_attribution;
pub mod ca002_unknown_speaker;
pub mod ca003_name_variant;
pub mod ca004_anonymous_source;
pub mod ca005_misattributed_quote;
pub mod cq001_unmatched_closing_quote;
pub mod cq002_unclosed_quote;
pub mod cq003_reversed_quote_mark;
pub mod cq004_mixed_quote_marks;
pub mod cq005_entity_encoded_quote;
pub mod cv001_altered_quote;
pub mod cv002_quote_not_in_source;
pub mod cv003_source_unreachable;
pub mod cv004_source_unverifiable;

use crate::diagnostic::Finding;
use crate::document::Document;
use crate::lexicon::LanguageMarks;
use crate::quotes::{Level, Mark, QuoteAnalysis, Role};

/// The house style for quotation marks (`style.quotes` in `.citelint.yml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteStyle {
    Curly,
    Straight,
}

/// Everything a rule may look at for one document.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub quotes: &'a QuoteAnalysis,
    /// The speaker of each quotation in `quotes.quotes`, same order.
    pub speakers: &'a [Option<crate::attribution::Speaker>],
    /// The verdict on each quotation's words, same order.
    pub verifications: &'a [crate::verify::Verification],
    /// The registry's recorded wording, when a registry is loaded.
    pub recorded: Option<&'a crate::verify::Recorded>,
    /// Report quotations with nothing to check them against (`verify.require_source`).
    pub require_source: bool,
    pub marks: &'a LanguageMarks,
    pub house_style: Option<QuoteStyle>,
    /// Empty when no registry is configured.
    pub registry: &'a crate::registry::Registry,
    pub registry_configured: bool,
    /// Whether attribution runs: its word lists are English, so only for `language: en`.
    pub attribution: bool,
}

impl Context<'_> {
    /// The characters a mark was written as, after entity decoding.
    pub fn glyph(&self, mark: &Mark) -> &str {
        &self.doc.blocks[mark.block].text[mark.prose.clone()]
    }

    /// The language's curly mark for `level` in `role` (`“` for an English double opening).
    pub fn curly(&self, level: Level, role: Role) -> char {
        let set = match level {
            Level::Double => &self.marks.double,
            Level::Single => &self.marks.single,
        };
        match role {
            Role::Close => set.close[0],
            _ => set.open[0],
        }
    }

    pub fn straight(level: Level) -> char {
        match level {
            Level::Double => '"',
            Level::Single => '\'',
        }
    }
}

/// Runs every quote-mark rule. Selection and severities are applied by the caller, after
/// suppressions.
pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    cq001_unmatched_closing_quote::check(ctx, &mut out);
    cq002_unclosed_quote::check(ctx, &mut out);
    cq003_reversed_quote_mark::check(ctx, &mut out);
    cq004_mixed_quote_marks::check(ctx, &mut out);
    cq005_entity_encoded_quote::check(ctx, &mut out);
    ca001_missing_attribution::check(ctx, &mut out);
    ca002_unknown_speaker::check(ctx, &mut out);
    ca003_name_variant::check(ctx, &mut out);
    ca004_anonymous_source::check(ctx, &mut out);
    ca005_misattributed_quote::check(ctx, &mut out);
    cv001_altered_quote::check(ctx, &mut out);
    cv002_quote_not_in_source::check(ctx, &mut out);
    cv003_source_unreachable::check(ctx, &mut out);
    cv004_source_unverifiable::check(ctx, &mut out);
    out
}
