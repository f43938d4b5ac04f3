//! Training and evaluation on a CoNLL-U treebank: the code behind
//! `cargo run --release --example train_language`. Deterministic: sentences are shuffled
//! with a fixed seed and nothing else is random.

use std::collections::HashMap;

use super::conllu::GoldWord;
use super::model::{self, ModelError};
use super::oracle::{costs, GoldTree};
use super::parser::{self, label_index, Move, ParseContext, Parser, State, N_CLASSES};
use super::perceptron::{best, Trainer};
use super::tagger::{Ambiguity, TagClass, TagContext, Tagger};
use super::tags::{DepRel, Upos};
use super::words::normalize;

pub type Treebank = [Vec<GoldWord>];

/// A small deterministic generator (splitmix64) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// What one training run chose and scored.
#[derive(Clone, Debug, Default)]
pub struct Choice {
    pub epoch: usize,
    pub prune: f32,
    pub dev: f64,
    pub bytes: Vec<u8>,
}

/// Every (universal, Penn) pair in the treebank, in a fixed order.
pub fn tag_classes(treebank: &Treebank) -> Vec<TagClass> {
    let mut names: Vec<(Upos, String)> = treebank
        .iter()
        .flatten()
        .map(|w| (Upos::parse(&w.upos), w.xpos.clone()))
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|(upos, xpos)| TagClass { upos, xpos })
        .collect()
}

/// Words seen at least `MIN_COUNT` times → the universal tags that make up at least
/// `MIN_SHARE` of their uses.
pub fn ambiguity(treebank: &Treebank) -> Ambiguity {
    const MIN_COUNT: usize = 3;
    const MIN_SHARE: f64 = 0.05;
    let mut counts: HashMap<String, HashMap<Upos, usize>> = HashMap::new();
    for w in treebank.iter().flatten() {
        *counts
            .entry(normalize(&w.form))
            .or_default()
            .entry(Upos::parse(&w.upos))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .filter_map(|(word, tags)| {
            let total: usize = tags.values().sum();
            (total >= MIN_COUNT).then(|| {
                let mask = tags
                    .iter()
                    .filter(|&(_, &n)| n as f64 >= MIN_SHARE * total as f64)
                    .map(|(&t, _)| 1u32 << (t as u32))
                    .fold(0, |a, b| a | b);
                (word, mask)
            })
        })
        .collect()
}

fn sorted_lexicon(ambiguity: &Ambiguity) -> Vec<(String, u32)> {
    let mut lexicon: Vec<(String, u32)> = ambiguity.iter().map(|(w, &m)| (w.clone(), m)).collect();
    lexicon.sort();
    lexicon
}

fn forms(sentence: &[GoldWord]) -> Vec<&str> {
    sentence.iter().map(|w| w.form.as_str()).collect()
}

/// One pass of greedy tagger training over `order`.
fn tagger_epoch(
    trainer: &mut Trainer,
    treebank: &Treebank,
    order: &[usize],
    classes: &HashMap<(Upos, &str), usize>,
    ambiguity: &Ambiguity,
) {
    let mut features = Vec::new();
    let mut scores = vec![0.0; trainer.n_classes()];
    for &s in order {
        let sentence = &treebank[s];
        let context = TagContext::new(&forms(sentence), ambiguity);
        let mut prev = [u32::MAX; 2];
        for (i, word) in sentence.iter().enumerate() {
            context.features(i, prev, &mut features);
            trainer.score(&features, &mut scores);
            let guess = best(&scores, |_| true).unwrap_or(0);
            let truth = classes
                .get(&(Upos::parse(&word.upos), word.xpos.as_str()))
                .copied()
                .unwrap_or(guess);
            trainer.update(&features, truth, guess);
            prev = [guess as u32, prev[0]];
        }
    }
}

/// Trains a tagger on `train` for up to `epochs` passes; with `dev`, keeps the epoch and
/// pruning threshold that score best on it (smaller files win ties within 0.05 points).
pub fn train_tagger(
    train: &Treebank,
    dev: Option<&Treebank>,
    epochs: usize,
    prunes: &[f32],
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<Choice, ModelError> {
    let classes = tag_classes(train);
    let index: HashMap<(Upos, &str), usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.upos, c.xpos.as_str()), i))
        .collect();
    let names: Vec<String> = classes.iter().map(TagClass::name).collect();
    let ambiguity = ambiguity(train);
    let lexicon = sorted_lexicon(&ambiguity);
    let mut trainer = Trainer::new(classes.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(seed);
    let mut chosen = Choice::default();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        tagger_epoch(&mut trainer, train, &order, &index, &ambiguity);
        let averaged = trainer.averaged();
        let Some(dev) = dev else {
            if epoch == epochs {
                chosen.epoch = epoch;
                chosen.prune = prunes[0];
                chosen.bytes = model::encode(&names, &lexicon, &averaged, prunes[0]);
            }
            continue;
        };
        for &prune in prunes {
            let bytes = model::encode(&names, &lexicon, &averaged, prune);
            let tagger = Tagger::from_model(model::decode(&bytes)?)?;
            let score = tagger_accuracy(&tagger, dev).upos;
            log(format!(
                "tagger epoch {epoch} prune {prune}: dev UPOS {:.2}%, {} bytes",
                100.0 * score,
                bytes.len()
            ));
            if better(score, bytes.len(), &chosen) {
                chosen = Choice {
                    epoch,
                    prune,
                    dev: score,
                    bytes,
                };
            }
        }
    }
    Ok(chosen)
}

/// Whether a candidate beats the choice so far: higher on dev, or as good (within 0.05
/// points) and smaller.
fn better(score: f64, size: usize, chosen: &Choice) -> bool {
    chosen.bytes.is_empty()
        || score > chosen.dev + 0.0005
        || (score >= chosen.dev - 0.0005 && size < chosen.bytes.len())
}

#[derive(Clone, Copy, Debug, Default)]
pub struct TagScores {
    pub upos: f64,
    pub xpos: f64,
}

pub fn tagger_accuracy(tagger: &Tagger, treebank: &Treebank) -> TagScores {
    let (mut upos, mut xpos, mut total) = (0usize, 0usize, 0usize);
    for sentence in treebank {
        let tags = tagger.tag(&forms(sentence));
        for (word, &class) in sentence.iter().zip(&tags) {
            let predicted = &tagger.classes()[class];
            upos += usize::from(predicted.upos.as_str() == word.upos);
            xpos += usize::from(predicted.xpos == word.xpos);
            total += 1;
        }
    }
    let total = total.max(1) as f64;
    TagScores {
        upos: upos as f64 / total,
        xpos: xpos as f64 / total,
    }
}

/// The tag names a tagger predicts for every sentence (the parser's input).
pub fn predicted_tags(tagger: &Tagger, treebank: &Treebank) -> Vec<Vec<String>> {
    treebank
        .iter()
        .map(|sentence| {
            tagger
                .tag(&forms(sentence))
                .into_iter()
                .map(|c| tagger.classes()[c].name())
                .collect()
        })
        .collect()
}

/// Tags for `train` as a tagger that never saw them would: each of `folds` parts is tagged
/// by a tagger trained on the others, so the parser learns from realistic tagging errors.
pub fn jackknife_tags(
    train: &Treebank,
    folds: usize,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<Vec<Vec<String>>, ModelError> {
    if folds < 2 {
        return Ok(gold_tags(train));
    }
    let mut out = vec![Vec::new(); train.len()];
    for fold in 0..folds {
        let rest: Vec<Vec<GoldWord>> = (0..train.len())
            .filter(|i| i % folds != fold)
            .map(|i| train[i].clone())
            .collect();
        let choice = train_tagger(&rest, None, epochs, &[0.0], seed, &mut *log)?;
        let tagger = Tagger::from_model(model::decode(&choice.bytes)?)?;
        for i in (0..train.len()).filter(|i| i % folds == fold) {
            out[i] = predicted_tags(&tagger, std::slice::from_ref(&train[i])).remove(0);
        }
        log(format!("jackknife fold {} of {folds} tagged", fold + 1));
    }
    Ok(out)
}

pub fn gold_tags(treebank: &Treebank) -> Vec<Vec<String>> {
    treebank
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    TagClass {
                        upos: Upos::parse(&w.upos),
                        xpos: w.xpos.clone(),
                    }
                    .name()
                })
                .collect()
        })
        .collect()
}

fn gold_tree(sentence: &[GoldWord]) -> GoldTree {
    let n = sentence.len();
    GoldTree {
        heads: sentence
            .iter()
            .map(|w| if w.head == 0 { n } else { w.head - 1 })
            .collect(),
        labels: sentence
            .iter()
            .map(|w| label_index(DepRel::parse(&w.deprel)))
            .collect(),
    }
}

/// One pass of parser training with the dynamic oracle. After the first epoch the parser
/// follows its own prediction (`explore` of the time) rather than the cheapest move.
fn parser_epoch(
    trainer: &mut Trainer,
    treebank: &Treebank,
    tags: &[Vec<String>],
    order: &[usize],
    explore: f64,
    rng: &mut Rng,
) {
    let mut feats = Vec::new();
    let mut scores = vec![0.0; N_CLASSES];
    let mut cost = Vec::new();
    for &s in order {
        let sentence = &treebank[s];
        let tag_refs: Vec<&str> = tags[s].iter().map(String::as_str).collect();
        let ctx = ParseContext::new(&forms(sentence), &tag_refs);
        let gold = gold_tree(sentence);
        let mut state = State::new(sentence.len());
        while !state.is_final() {
            parser::features(&ctx, &state, &mut feats);
            trainer.score(&feats, &mut scores);
            costs(&state, &gold, &mut cost);
            let Some(guess) = best(&scores, |c| cost[c] != u32::MAX) else {
                break;
            };
            let cheapest = cost.iter().copied().min().unwrap_or(0);
            let Some(truth) = best(&scores, |c| cost[c] == cheapest) else {
                break;
            };
            trainer.update(&feats, truth, guess);
            let next = if rng.unit() < explore { guess } else { truth };
            state.apply(Move::of_class(next));
        }
    }
}

/// Trains the parser on `train` (with `train_tags`), choosing the epoch and pruning
/// threshold by LAS on `dev` (a treebank and its tags); without `dev`, the last epoch
/// pruned at `prunes[0]`.
pub fn train_parser(
    train: &Treebank,
    train_tags: &[Vec<String>],
    dev: Option<(&Treebank, &[Vec<String>])>,
    epochs: usize,
    prunes: &[f32],
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<Choice, ModelError> {
    let names = parser::class_names();
    let mut trainer = Trainer::new(N_CLASSES);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng::new(seed);
    let mut chosen = Choice::default();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let explore = if epoch == 1 { 0.0 } else { 0.9 };
        parser_epoch(&mut trainer, train, train_tags, &order, explore, &mut rng);
        let averaged = trainer.averaged();
        let Some((dev, dev_tags)) = dev else {
            if epoch == epochs {
                chosen.epoch = epoch;
                chosen.prune = prunes[0];
                chosen.bytes = model::encode(&names, &[], &averaged, prunes[0]);
            }
            continue;
        };
        for &prune in prunes {
            let bytes = model::encode(&names, &[], &averaged, prune);
            let parser = Parser::from_model(model::decode(&bytes)?)?;
            let scores = attachment(&parser, dev, dev_tags);
            log(format!(
                "parser epoch {epoch} prune {prune}: dev UAS {:.2}% LAS {:.2}%, {} bytes",
                100.0 * scores.uas,
                100.0 * scores.las,
                bytes.len()
            ));
            if better(scores.las, bytes.len(), &chosen) {
                chosen = Choice {
                    epoch,
                    prune,
                    dev: scores.las,
                    bytes,
                };
            }
        }
    }
    Ok(chosen)
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ParseScores {
    pub uas: f64,
    pub las: f64,
}

/// Unlabelled and labelled attachment scores, punctuation included.
pub fn attachment(parser: &Parser, treebank: &Treebank, tags: &[Vec<String>]) -> ParseScores {
    let (mut uas, mut las, mut total) = (0usize, 0usize, 0usize);
    for (sentence, tags) in treebank.iter().zip(tags) {
        let tag_refs: Vec<&str> = tags.iter().map(String::as_str).collect();
        let parsed = parser.parse(&forms(sentence), &tag_refs);
        for (word, (head, rel)) in sentence.iter().zip(parsed) {
            let head = head.map_or(0, |h| h + 1);
            if head == word.head {
                uas += 1;
                las += usize::from(rel == DepRel::parse(&word.deprel));
            }
            total += 1;
        }
    }
    let total = total.max(1) as f64;
    ParseScores {
        uas: uas as f64 / total,
        las: las as f64 / total,
    }
}

/// Loads a tagger and a parser from weight files' bytes.
pub fn load(tagger: &[u8], parser: &[u8]) -> Result<(Tagger, Parser), ModelError> {
    Ok((
        Tagger::from_model(model::decode(tagger)?)?,
        Parser::from_model(model::decode(parser)?)?,
    ))
}

/// Loads a tagger from a weight file's bytes.
pub fn load_tagger(bytes: &[u8]) -> Result<Tagger, ModelError> {
    Tagger::from_model(model::decode(bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffling_is_deterministic() {
        let mut a: Vec<u32> = (0..10).collect();
        let mut b = a.clone();
        Rng::new(7).shuffle(&mut a);
        Rng::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..10).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    }
}
