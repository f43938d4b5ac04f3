//! A greedy arc-hybrid transition parser with labelled arcs (Kuhlmann, Gómez-Rodríguez and
//! Satta 2011; Goldberg and Nivre 2013 for its dynamic oracle, in `oracle.rs`).
//!
//! Words are numbered `0..n`; the root is word `n`, at the end of the buffer (Ballesteros and
//! Nivre 2013), so a sentence gets exactly one root: the last word left on the stack. Each
//! step is one of `SHIFT`, `LEFT(label)` (the stack's top becomes a dependent of the buffer's
//! front) or `RIGHT(label)` (the top becomes a dependent of the word below it). A sentence of
//! n words takes 2n steps, each scoring a fixed number of features: parsing is linear.

use super::model::{ModelError, ModelFile};
use super::perceptron::{best, FeatureHash, Weights};
use super::tags::DepRel;
use super::words::normalize;

/// The number of labels, and of classes: SHIFT, then LEFT per label, then RIGHT per label.
pub const LABELS: usize = DepRel::ALL.len();
pub const N_CLASSES: usize = 1 + 2 * LABELS;
const NONE: usize = usize::MAX;
const NO_LABEL: u8 = u8::MAX;

/// What a class does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

impl Move {
    pub fn of_class(class: usize) -> Move {
        match class {
            0 => Move::Shift,
            c if c <= LABELS => Move::Left((c - 1) as u8),
            c => Move::Right((c - 1 - LABELS) as u8),
        }
    }

    pub fn class(self) -> usize {
        match self {
            Move::Shift => 0,
            Move::Left(l) => 1 + l as usize,
            Move::Right(l) => 1 + LABELS + l as usize,
        }
    }
}

/// The classes' names in a weight file: `shift`, `left:LABEL`…, `right:LABEL`….
pub fn class_names() -> Vec<String> {
    (0..N_CLASSES)
        .map(|c| match Move::of_class(c) {
            Move::Shift => "shift".to_string(),
            Move::Left(l) => format!("left:{}", DepRel::ALL[l as usize]),
            Move::Right(l) => format!("right:{}", DepRel::ALL[l as usize]),
        })
        .collect()
}

/// The index of a label among the classes.
pub fn label_index(rel: DepRel) -> u8 {
    DepRel::ALL.iter().position(|&r| r == rel).unwrap_or(0) as u8
}

/// The index of the `root` label.
pub fn root_label() -> u8 {
    label_index(DepRel::Root)
}

/// The two nearest children on each side of a word, how many, and which labels.
#[derive(Clone, Copy)]
struct Children {
    left: [usize; 2],
    right: [usize; 2],
    n_left: u32,
    n_right: u32,
    left_labels: u64,
    right_labels: u64,
}

impl Default for Children {
    fn default() -> Self {
        Children {
            left: [NONE; 2],
            right: [NONE; 2],
            n_left: 0,
            n_right: 0,
            left_labels: 0,
            right_labels: 0,
        }
    }
}

/// A parser configuration.
pub struct State {
    pub n: usize,
    pub stack: Vec<usize>,
    /// The buffer's front; the buffer is `front..=n` (`n` is the root).
    pub front: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
    children: Vec<Children>,
}

impl State {
    pub fn new(n: usize) -> Self {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![NONE; n],
            labels: vec![NO_LABEL; n],
            children: vec![Children::default(); n + 1],
        }
    }

    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.front == self.n
    }

    /// Whether `m` may be taken now: the root takes exactly one dependent, labelled `root`,
    /// once every other word is attached.
    pub fn is_valid(&self, m: Move) -> bool {
        let root = root_label();
        match m {
            Move::Shift => self.front < self.n,
            Move::Left(l) => {
                !self.stack.is_empty()
                    && if self.front == self.n {
                        self.stack.len() == 1 && l == root
                    } else {
                        l != root
                    }
            }
            Move::Right(l) => self.stack.len() >= 2 && l != root,
        }
    }

    /// Takes move `m`, which must be valid.
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Move::Left(l) => {
                if let Some(dep) = self.stack.pop() {
                    self.attach(self.front, dep, l);
                }
            }
            Move::Right(l) => {
                if let Some(dep) = self.stack.pop() {
                    if let Some(&head) = self.stack.last() {
                        self.attach(head, dep, l);
                    }
                }
            }
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: u8) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        let c = &mut self.children[head];
        let bit = 1u64 << (label as u32 % 64);
        if dep < head {
            c.n_left += 1;
            c.left_labels |= bit;
            if c.left[0] == NONE || dep < c.left[0] {
                c.left = [dep, c.left[0]];
            } else if c.left[1] == NONE || dep < c.left[1] {
                c.left[1] = dep;
            }
        } else {
            c.n_right += 1;
            c.right_labels |= bit;
            if c.right[0] == NONE || dep > c.right[0] {
                c.right = [dep, c.right[0]];
            } else if c.right[1] == NONE || dep > c.right[1] {
                c.right[1] = dep;
            }
        }
    }

    fn stack_at(&self, depth: usize) -> usize {
        self.stack
            .len()
            .checked_sub(depth + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    fn buffer_at(&self, offset: usize) -> usize {
        let i = self.front + offset;
        if i <= self.n {
            i
        } else {
            NONE
        }
    }
}

/// The per-sentence hashes the features combine: word and tag of every word, the root
/// (index n) and "no word" (NONE) included.
pub struct ParseContext {
    words: Vec<u64>,
    tags: Vec<u64>,
}

const ROOT_HASH: u64 = 0x5eed_0001;
const NONE_HASH: u64 = 0x5eed_0002;

impl ParseContext {
    pub fn new(words: &[&str], tags: &[&str]) -> Self {
        let hash = |s: &str| FeatureHash::new(0).str(s).finish();
        let mut w: Vec<u64> = words.iter().map(|w| hash(&normalize(w))).collect();
        let mut t: Vec<u64> = tags.iter().map(|t| hash(t)).collect();
        w.push(ROOT_HASH);
        t.push(ROOT_HASH);
        ParseContext { words: w, tags: t }
    }

    fn word(&self, i: usize) -> u64 {
        self.words.get(i).copied().unwrap_or(NONE_HASH)
    }

    fn tag(&self, i: usize) -> u64 {
        self.tags.get(i).copied().unwrap_or(NONE_HASH)
    }
}

fn distance(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// The features of a configuration: Zhang and Nivre's (2011) templates, adapted to a stack
/// and buffer where the buffer's front has only left children.
pub fn features(ctx: &ParseContext, state: &State, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (state.stack_at(0), state.stack_at(1), state.stack_at(2));
    let (n0, n1, n2) = (state.buffer_at(0), state.buffer_at(1), state.buffer_at(2));
    let kids = |i: usize| state.children.get(i).copied().unwrap_or_default();
    let (c0, c1, cn) = (kids(s0), kids(s1), kids(n0));
    let label = |i: usize| {
        state
            .labels
            .get(i)
            .map_or(u64::from(NO_LABEL) + 1, |&l| u64::from(l))
    };
    let w = |i| ctx.word(i);
    let p = |i| ctx.tag(i);
    let mut t = 0u32;
    let mut push = |parts: &[u64]| {
        t += 1;
        let mut h = FeatureHash::new(t);
        for &part in parts {
            h = h.int(part);
        }
        out.push(h.finish());
    };
    push(&[]);
    // Single words.
    for i in [s0, s1, n0, n1, n2] {
        push(&[w(i)]);
        push(&[p(i)]);
        push(&[w(i), p(i)]);
    }
    push(&[p(s2)]);
    // Pairs.
    push(&[w(s0), p(s0), w(n0), p(n0)]);
    push(&[w(s0), p(s0), w(n0)]);
    push(&[w(s0), w(n0), p(n0)]);
    push(&[w(s0), p(s0), p(n0)]);
    push(&[p(s0), w(n0), p(n0)]);
    push(&[w(s0), w(n0)]);
    push(&[p(s0), p(n0)]);
    push(&[p(n0), p(n1)]);
    push(&[w(s1), p(s1), w(s0), p(s0)]);
    push(&[w(s1), w(s0)]);
    push(&[p(s1), p(s0)]);
    push(&[p(s1), w(s0)]);
    push(&[w(s1), p(s0)]);
    push(&[p(s1), w(n0)]);
    push(&[w(s1), p(n0)]);
    // Triples of tags.
    push(&[p(n0), p(n1), p(n2)]);
    push(&[p(s0), p(n0), p(n1)]);
    push(&[p(s1), p(s0), p(n0)]);
    push(&[p(s2), p(s1), p(s0)]);
    push(&[p(s0), p(c0.left[0]), p(n0)]);
    push(&[p(s0), p(c0.right[0]), p(n0)]);
    push(&[p(s0), p(n0), p(cn.left[0])]);
    push(&[p(s1), p(c1.right[0]), p(s0)]);
    push(&[p(s1), p(s0), p(c0.left[0])]);
    push(&[p(s1), p(s0), p(c0.right[0])]);
    // Distance.
    let d0 = distance(s0, n0);
    let d1 = distance(s1, s0);
    push(&[w(s0), d0]);
    push(&[p(s0), d0]);
    push(&[w(n0), d0]);
    push(&[p(n0), d0]);
    push(&[w(s0), w(n0), d0]);
    push(&[p(s0), p(n0), d0]);
    push(&[p(s1), p(s0), d1]);
    push(&[w(s1), w(s0), d1]);
    // Valency.
    let (vl0, vr0, vl1, vr1, vln) = (
        u64::from(c0.n_left),
        u64::from(c0.n_right),
        u64::from(c1.n_left),
        u64::from(c1.n_right),
        u64::from(cn.n_left),
    );
    push(&[w(s0), vr0]);
    push(&[p(s0), vr0]);
    push(&[w(s0), vl0]);
    push(&[p(s0), vl0]);
    push(&[w(n0), vln]);
    push(&[p(n0), vln]);
    push(&[p(s1), vr1]);
    push(&[p(s1), vl1]);
    // Children.
    for child in [
        c0.left[0],
        c0.right[0],
        cn.left[0],
        c0.left[1],
        c0.right[1],
        cn.left[1],
    ] {
        push(&[w(child)]);
        push(&[p(child)]);
        push(&[label(child)]);
    }
    for child in [c1.left[0], c1.right[0]] {
        push(&[p(child)]);
        push(&[label(child)]);
    }
    push(&[p(s0), p(c0.left[0]), p(c0.left[1])]);
    push(&[p(s0), p(c0.right[0]), p(c0.right[1])]);
    push(&[p(n0), p(cn.left[0]), p(cn.left[1])]);
    push(&[p(s1), p(c1.right[0]), p(c1.right[1])]);
    push(&[p(s0), label(c0.left[0]), label(c0.right[0])]);
    // Label sets.
    push(&[w(s0), c0.left_labels]);
    push(&[p(s0), c0.left_labels]);
    push(&[w(s0), c0.right_labels]);
    push(&[p(s0), c0.right_labels]);
    push(&[w(n0), cn.left_labels]);
    push(&[p(n0), cn.left_labels]);
    push(&[p(s1), c1.right_labels]);
}

/// The trained parser.
#[derive(Debug)]
pub struct Parser {
    weights: Weights,
}

impl Parser {
    pub fn from_model(model: ModelFile) -> Result<Self, ModelError> {
        if model.classes != class_names() {
            return Err(ModelError::Corrupt {
                at: 0,
                what: "the parser's labels are not this version's",
            });
        }
        Ok(Parser {
            weights: model.weights,
        })
    }

    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// Each word's head (`None` for the root) and relation, given the words' tags.
    pub fn parse(&self, words: &[&str], tags: &[&str]) -> Vec<(Option<usize>, DepRel)> {
        let ctx = ParseContext::new(words, tags);
        let mut state = State::new(words.len());
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0.0; N_CLASSES];
        while !state.is_final() {
            features(&ctx, &state, &mut feats);
            self.weights.score(&feats, &mut scores);
            let Some(class) = best(&scores, |c| state.is_valid(Move::of_class(c))) else {
                break;
            };
            state.apply(Move::of_class(class));
        }
        (0..words.len())
            .map(|i| {
                let head = state.heads[i];
                let rel = DepRel::ALL
                    .get(state.labels[i] as usize)
                    .copied()
                    .unwrap_or(DepRel::Dep);
                ((head < words.len()).then_some(head), rel)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_round_trip_through_classes() {
        for class in 0..N_CLASSES {
            assert_eq!(Move::of_class(class).class(), class);
        }
        assert_eq!(Move::of_class(0), Move::Shift);
        assert_eq!(Move::of_class(N_CLASSES - 1), Move::Right(LABELS as u8 - 1));
    }

    #[test]
    fn any_valid_sequence_ends_in_a_tree_with_one_root() {
        // Always take the first valid move: shift everything, then attach right to left.
        let mut state = State::new(4);
        let mut steps = 0;
        while !state.is_final() {
            let m = (0..N_CLASSES)
                .map(Move::of_class)
                .find(|&m| state.is_valid(m))
                .unwrap();
            state.apply(m);
            steps += 1;
        }
        assert_eq!(steps, 8);
        assert_eq!(state.heads, [4, 0, 1, 2]);
        assert_eq!(state.labels[0], root_label());
    }
}
