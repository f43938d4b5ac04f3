//! The language layer: sentences, tokens with byte spans, part-of-speech tags and a
//! dependency parse, from small averaged-perceptron models trained on the Universal
//! Dependencies English Web Treebank (`weights/`, CC BY-SA 4.0: see `weights/README.md`).
//!
//! ```text
//! sentences(text)           → sentence spans
//! tokenize(text, range)     → token spans (UD English tokenization: "don't" → "do" "n't")
//! analyze(text, range)      → a Sentence: tokens with tags, heads and relations
//! ```
//! Spans are byte ranges into the text given. Nothing here panics on any input: ranges out
//! of bounds or off character boundaries are clamped to the nearest boundary inside.

mod conllu;
mod model;
mod oracle;
mod parser;
mod perceptron;
mod sentences;
mod tagger;
mod tags;
mod tokens;
#[doc(hidden)]
pub mod train;
mod words;

use std::ops::Range;
use std::sync::OnceLock;

pub use conllu::{parse as parse_conllu, GoldWord};
pub use model::ModelError;
pub use parser::Parser;
pub use sentences::sentences;
pub use tagger::{TagClass, Tagger};
pub use tags::{DepRel, Upos};
pub use tokens::tokenize;

/// Sentences longer than this many tokens are tagged but not parsed: every head is `None`
/// and every relation `Dep`. It bounds the work hostile input can ask for.
pub const MAX_PARSED_TOKENS: usize = 200;

/// A word of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text given to [`analyze`].
    pub span: Range<usize>,
    pub text: String,
    pub upos: Upos,
    /// The Penn Treebank tag (`NNP`, `VBD`, …): finer than `upos`.
    pub xpos: String,
    /// The index (into the sentence's tokens) of this token's head; `None` for the root.
    pub head: Option<usize>,
    pub deprel: DepRel,
}

/// A tagged and parsed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Range<usize>,
    pub tokens: Vec<Token>,
}

/// The embedded models.
#[derive(Debug)]
pub struct Language {
    tagger: Result<Tagger, ModelError>,
    parser: Result<Parser, ModelError>,
}

static TAGGER_BYTES: &[u8] = include_bytes!("weights/tagger.bin");
static PARSER_BYTES: &[u8] = include_bytes!("weights/parser.bin");

/// The embedded models, decoded on first use.
pub fn language() -> &'static Language {
    static LANGUAGE: OnceLock<Language> = OnceLock::new();
    LANGUAGE.get_or_init(|| Language::from_bytes(TAGGER_BYTES, PARSER_BYTES))
}

impl Language {
    /// Models from weight files' bytes. A file that does not decode leaves its model out:
    /// tags are then `X` and no token has a head.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> Language {
        Language {
            tagger: model::decode(tagger).and_then(Tagger::from_model),
            parser: model::decode(parser).and_then(Parser::from_model),
        }
    }

    /// Why a model could not be loaded, if one could not.
    pub fn error(&self) -> Option<&ModelError> {
        self.tagger.as_ref().err().or(self.parser.as_ref().err())
    }

    pub fn tagger(&self) -> Option<&Tagger> {
        self.tagger.as_ref().ok()
    }

    pub fn parser(&self) -> Option<&Parser> {
        self.parser.as_ref().ok()
    }

    /// Tokenizes, tags and parses the sentence at `range` of `text`.
    pub fn analyze(&self, text: &str, range: Range<usize>) -> Sentence {
        let range = tokens::clamp(text, range);
        let spans = tokenize(text, range.clone());
        let words: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        let tags: Vec<Option<&TagClass>> = match self.tagger() {
            Some(tagger) => tagger
                .tag(&words)
                .into_iter()
                .map(|c| tagger.classes().get(c))
                .collect(),
            None => vec![None; words.len()],
        };
        let parse = match self.parser() {
            Some(parser) if words.len() <= MAX_PARSED_TOKENS && self.tagger().is_some() => {
                let names: Vec<String> = tags.iter().flatten().map(|t| t.name()).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                parser.parse(&words, &names)
            }
            _ => vec![(None, DepRel::Dep); words.len()],
        };
        let tokens = spans
            .into_iter()
            .zip(tags)
            .zip(parse)
            .map(|((span, tag), (head, deprel))| Token {
                text: text[span.clone()].to_string(),
                span,
                upos: tag.map_or(Upos::X, |t| t.upos),
                xpos: tag.map_or_else(String::new, |t| t.xpos.clone()),
                head,
                deprel,
            })
            .collect();
        Sentence {
            span: range,
            tokens,
        }
    }
}

/// Tokenizes, tags and parses the sentence at `range` of `text` with the embedded models.
pub fn analyze(text: &str, range: Range<usize>) -> Sentence {
    language().analyze(text, range)
}
