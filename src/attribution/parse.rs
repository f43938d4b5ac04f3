//! The parsed sentences attribution reads. Only sentences that hold a quotation are parsed,
//! and the few before a pronoun that needs them; each at most once per document, and each
//! paragraph split into sentences at most once, so the cost stays linear in the quotations.

use std::collections::HashMap;
use std::ops::Range;

use crate::document::Document;
use crate::language::{self, DepRel, Sentence, Token, Upos};

/// A parsed sentence of a paragraph, with each token's dependents and lowercase text.
#[derive(Debug)]
pub struct Parsed {
    pub tokens: Vec<Token>,
    children: Vec<Vec<usize>>,
    lower: Vec<String>,
}

impl Parsed {
    pub fn new(sentence: Sentence) -> Parsed {
        let tokens = sentence.tokens;
        let mut children = vec![Vec::new(); tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = t.head.filter(|&h| h < tokens.len() && h != i) {
                children[h].push(i);
            }
        }
        let lower = tokens
            .iter()
            .map(|t| t.text.to_lowercase().replace('’', "'"))
            .collect();
        Parsed {
            tokens,
            children,
            lower,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.tokens[i]
            .head
            .filter(|&h| h < self.tokens.len() && h != i)
    }

    pub fn upos(&self, i: usize) -> Upos {
        self.tokens[i].upos
    }

    pub fn deprel(&self, i: usize) -> DepRel {
        self.tokens[i].deprel
    }

    /// The token's text lowercased, with ’ as '.
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// The first dependent of token `i` with one of the relations `rels`.
    pub fn child(&self, i: usize, rels: &[DepRel]) -> Option<usize> {
        self.children[i]
            .iter()
            .copied()
            .find(|&c| rels.contains(&self.deprel(c)))
    }

    /// The tokens that lie inside the bytes `range`, as a range of token indexes.
    pub fn tokens_within(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.tokens.partition_point(|t| t.span.start < range.start);
        let end = first
            + self.tokens[first..]
                .iter()
                .take_while(|t| t.span.end <= range.end)
                .count();
        first..end
    }

    /// The bytes from token `first` through token `last`.
    pub fn bytes(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].span.start..self.tokens[last].span.end
    }
}

/// The sentences of the paragraphs attribution has looked at, and those it parsed.
#[derive(Default)]
pub struct Parses {
    /// Each block's sentence spans, split once, when first needed.
    sentences: HashMap<usize, Vec<Range<usize>>>,
    /// By block and sentence index.
    parsed: HashMap<(usize, usize), Parsed>,
}

impl Parses {
    fn sentences_of(&mut self, doc: &Document, block: usize) -> &[Range<usize>] {
        self.sentences
            .entry(block)
            .or_insert_with(|| language::sentences(&doc.blocks[block].text))
    }

    /// The index of the sentence of block `block` that holds byte `at`.
    pub fn sentence_index(&mut self, doc: &Document, block: usize, at: usize) -> Option<usize> {
        let sentences = self.sentences_of(doc, block);
        let i = sentences.partition_point(|s| s.end <= at);
        sentences.get(i).filter(|s| s.start <= at).map(|_| i)
    }

    /// How many sentences block `block` has.
    pub fn sentence_count(&mut self, doc: &Document, block: usize) -> usize {
        self.sentences_of(doc, block).len()
    }

    /// Sentence `index` of block `block`, parsed (once).
    pub fn sentence(&mut self, doc: &Document, block: usize, index: usize) -> Option<&Parsed> {
        let range = self.sentences_of(doc, block).get(index)?.clone();
        Some(
            self.parsed
                .entry((block, index))
                .or_insert_with(|| Parsed::new(language::analyze(&doc.blocks[block].text, range))),
        )
    }

    /// The parse of the sentence of block `block` that holds byte `at`, if one was made:
    /// nothing is parsed here.
    pub fn cached_at(&self, block: usize, at: usize) -> Option<&Parsed> {
        let sentences = self.sentences.get(&block)?;
        let i = sentences.partition_point(|s| s.end <= at);
        sentences.get(i).filter(|s| s.start <= at)?;
        self.parsed.get(&(block, i))
    }

    /// The parsed sentence of block `block` that holds byte `at`.
    pub fn at(&mut self, doc: &Document, block: usize, at: usize) -> Option<&Parsed> {
        let index = self.sentence_index(doc, block, at)?;
        self.sentence(doc, block, index)
    }
}

/// A sentence written for a test: one token a line, `text UPOS head deprel` with heads
/// counted from 1 and 0 for the root. The tokens are joined by single spaces.
#[cfg(test)]
pub fn sentence(conll: &str) -> (String, Parsed) {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for line in conll.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [word, upos, head, deprel] = fields[..] else {
            panic!("bad test line {line:?}");
        };
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        let head: usize = head.parse().expect("head");
        tokens.push(Token {
            span: start..text.len(),
            text: word.to_string(),
            upos: Upos::parse(upos),
            xpos: String::new(),
            head: head.checked_sub(1),
            deprel: DepRel::parse(deprel),
        });
    }
    let span = 0..text.len();
    (text, Parsed::new(Sentence { span, tokens }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_within_a_span_and_their_dependents() {
        let (text, p) = sentence(
            "Ruiz PROPN 2 nsubj
             said VERB 0 root
             “ PUNCT 4 punct
             no INTJ 2 ccomp
             ” PUNCT 4 punct",
        );
        let quote = text.find('“').unwrap()..text.len();
        assert_eq!(p.tokens_within(&quote), 2..5);
        assert_eq!(p.child(1, &[DepRel::Nsubj]), Some(0));
        assert_eq!(p.children(3), &[2, 4]);
        assert_eq!(&text[p.bytes(0, 1)], "Ruiz said");
    }
}
