//! A greedy part-of-speech tagger: left to right, each word's tag from its own spelling, the
//! words around it, the two tags before it and the tags the words ahead can have.
//!
//! A class is a pair of tags, universal and Penn (`PROPN` + `NNP`): the Penn tag is the finer
//! one the parser reads, and predicting both together costs nothing more.

use std::collections::HashMap;

use super::model::{ModelError, ModelFile};
use super::perceptron::{best, FeatureHash, Weights};
use super::tags::Upos;
use super::words::{normalize, prefix, shape, suffix};

/// One tagger class: a universal tag and a Penn Treebank tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagClass {
    pub upos: Upos,
    pub xpos: String,
}

impl TagClass {
    /// The class's name in a weight file: `UPOS`, a tab, `XPOS`.
    pub fn name(&self) -> String {
        format!("{}\t{}", self.upos.as_str(), self.xpos)
    }

    fn parse(name: &str) -> Option<TagClass> {
        let (upos, xpos) = name.split_once('\t')?;
        let parsed = Upos::parse(upos);
        (parsed.as_str() == upos).then(|| TagClass {
            upos: parsed,
            xpos: xpos.to_string(),
        })
    }
}

/// Words seen often in training → the universal tags they take (a bit per [`Upos::ALL`]).
pub type Ambiguity = HashMap<String, u32>;

/// A word no ambiguity entry covers.
const UNKNOWN: u32 = 1 << 31;

/// The per-sentence facts the features read, computed once per word.
pub struct TagContext {
    raw: Vec<String>,
    norm: Vec<String>,
    shapes: Vec<String>,
    ambiguity: Vec<u32>,
}

impl TagContext {
    pub fn new(words: &[&str], ambiguity: &Ambiguity) -> Self {
        let norm: Vec<String> = words.iter().map(|w| normalize(w)).collect();
        TagContext {
            raw: words.iter().map(|w| w.to_string()).collect(),
            shapes: words.iter().map(|w| shape(w)).collect(),
            ambiguity: norm
                .iter()
                .map(|w| ambiguity.get(w).copied().unwrap_or(UNKNOWN))
                .collect(),
            norm,
        }
    }

    fn norm(&self, i: isize) -> &str {
        match i {
            -2 => "<s2>",
            -1 => "<s1>",
            _ => self.norm.get(i as usize).map_or("</s>", |w| w.as_str()),
        }
    }

    fn ambiguity(&self, i: usize) -> u32 {
        self.ambiguity.get(i).copied().unwrap_or(0)
    }

    /// The features of word `i` given the classes of the two words before it (`u32::MAX`
    /// before the sentence start).
    pub fn features(&self, i: usize, prev: [u32; 2], out: &mut Vec<u64>) {
        out.clear();
        let at = i as isize;
        let word = self.norm(at);
        let raw = self.raw[i].as_str();
        let f = FeatureHash::new;
        out.push(f(0).finish());
        out.push(f(1).str(word).finish());
        out.push(f(2).str(raw).finish());
        for n in 1..=4 {
            out.push(f(2 + n as u32).str(suffix(word, n)).finish());
        }
        for n in 1..=3 {
            out.push(f(6 + n as u32).str(prefix(word, n)).finish());
        }
        out.push(f(10).str(&self.shapes[i]).finish());
        let first_upper = raw.chars().next().is_some_and(char::is_uppercase);
        let flags = [
            first_upper && i == 0,
            first_upper && i > 0,
            raw.chars().any(|c| c == '-'),
            raw.chars().any(|c| c.is_ascii_digit()),
            raw.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !raw.chars().any(char::is_lowercase),
        ];
        for (n, flag) in flags.into_iter().enumerate() {
            if flag {
                out.push(f(11 + n as u32).finish());
            }
        }
        out.push(f(16).str(self.norm(at - 1)).finish());
        out.push(f(17).str(self.norm(at - 2)).finish());
        out.push(f(18).str(self.norm(at + 1)).finish());
        out.push(f(19).str(self.norm(at + 2)).finish());
        out.push(f(20).str(suffix(self.norm(at - 1), 3)).finish());
        out.push(f(21).str(suffix(self.norm(at + 1), 3)).finish());
        out.push(f(22).str(self.norm(at - 1)).str(word).finish());
        out.push(f(23).str(word).str(self.norm(at + 1)).finish());
        let neighbour_shape = |j: isize| {
            usize::try_from(j)
                .ok()
                .and_then(|j| self.shapes.get(j))
                .map_or("", |s| s.as_str())
        };
        out.push(f(24).str(neighbour_shape(at - 1)).finish());
        out.push(f(25).str(neighbour_shape(at + 1)).finish());
        let [p1, p2] = prev;
        out.push(f(26).int(u64::from(p1)).finish());
        out.push(f(27).int(u64::from(p1)).int(u64::from(p2)).finish());
        out.push(f(28).int(u64::from(p1)).str(word).finish());
        let (a0, a1, a2) = (
            self.ambiguity(i),
            self.ambiguity(i + 1),
            self.ambiguity(i + 2),
        );
        out.push(f(29).int(u64::from(a0)).finish());
        out.push(f(30).int(u64::from(a1)).finish());
        out.push(f(31).int(u64::from(a1)).int(u64::from(a2)).finish());
        out.push(f(32).int(u64::from(p1)).int(u64::from(a1)).finish());
        out.push(f(33).int(u64::from(a0)).str(suffix(word, 3)).finish());
    }
}

/// The trained tagger.
#[derive(Debug)]
pub struct Tagger {
    weights: Weights,
    classes: Vec<TagClass>,
    ambiguity: Ambiguity,
}

impl Tagger {
    pub fn from_model(model: ModelFile) -> Result<Self, ModelError> {
        let classes = model
            .classes
            .iter()
            .map(|name| TagClass::parse(name))
            .collect::<Option<Vec<_>>>()
            .ok_or(ModelError::Corrupt {
                at: 0,
                what: "a tagger class is not UPOS<tab>XPOS",
            })?;
        Ok(Tagger {
            weights: model.weights,
            classes,
            ambiguity: model.lexicon.into_iter().collect(),
        })
    }

    pub fn classes(&self) -> &[TagClass] {
        &self.classes
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// The class of each word, as indices into [`Tagger::classes`].
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let context = TagContext::new(words, &self.ambiguity);
        let mut features = Vec::with_capacity(48);
        let mut scores = vec![0.0; self.weights.n_classes()];
        let mut out = Vec::with_capacity(words.len());
        let mut prev = [u32::MAX; 2];
        for i in 0..words.len() {
            context.features(i, prev, &mut features);
            self.weights.score(&features, &mut scores);
            let class = best(&scores, |_| true).unwrap_or(0);
            out.push(class);
            prev = [class as u32, prev[0]];
        }
        out
    }
}
