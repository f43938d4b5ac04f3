//! An averaged perceptron over hashed features: the learner behind the tagger and the parser.
//!
//! Features are strings built from a template number and a few words or tags, hashed to 64
//! bits ([`FeatureHash`]); the model never stores the strings. Each feature keeps a short,
//! sparse list of (class, weight) pairs, because almost every feature is only ever seen with a
//! few of the classes: scoring costs as much as the weights a sentence touches.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Builds one feature's hash from its template number and its parts (FNV-1a, then a mix).
#[derive(Clone, Copy)]
pub struct FeatureHash(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl FeatureHash {
    pub fn new(template: u32) -> Self {
        FeatureHash(FNV_OFFSET).int(u64::from(template))
    }

    pub fn str(mut self, part: &str) -> Self {
        for &b in part.as_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(FNV_PRIME);
        self
    }

    pub fn int(mut self, part: u64) -> Self {
        for b in part.to_le_bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        self
    }

    pub fn finish(self) -> u64 {
        // splitmix64's finaliser: spreads FNV's weak high bits before the key is folded.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// The 32-bit key a feature is stored under in a weight file.
pub fn fold(feature: u64) -> u32 {
    (feature ^ (feature >> 32)) as u32
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Trained weights, read-only: what the tagger and the parser score with.
#[derive(Debug, Default)]
pub struct Weights {
    pub(crate) n_classes: usize,
    /// Feature key → (first entry, number of entries).
    pub(crate) index: KeyMap<u32, (u32, u8)>,
    pub(crate) classes: Vec<u8>,
    pub(crate) values: Vec<f32>,
}

impl Weights {
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Adds every feature's weights to `scores` (one slot per class, cleared first).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &feature in features {
            if let Some(&(start, len)) = self.index.get(&fold(feature)) {
                let range = start as usize..start as usize + len as usize;
                for (class, value) in self.classes[range.clone()].iter().zip(&self.values[range]) {
                    if let Some(slot) = scores.get_mut(*class as usize) {
                        *slot += value;
                    }
                }
            }
        }
    }
}

/// The index of the highest score among the classes `allowed` admits (ties: the lowest index).
pub fn best(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (class, &score) in scores.iter().enumerate() {
        if allowed(class) && best.is_none_or(|(_, s)| score > s) {
            best = Some((class, score));
        }
    }
    best.map(|(class, _)| class)
}

#[derive(Clone, Copy)]
struct Entry {
    class: u8,
    weight: f32,
    /// The weight summed over every step before `stamp`, for the average.
    total: f64,
    stamp: u64,
}

/// The perceptron while it learns: weights, their running totals, and the step count.
pub struct Trainer {
    n_classes: usize,
    rows: KeyMap<u64, Vec<Entry>>,
    step: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Self {
        assert!(n_classes <= 256, "classes are stored as bytes");
        Trainer {
            n_classes,
            rows: KeyMap::default(),
            step: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Current (not averaged) scores, as [`Weights::score`].
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for feature in features {
            for entry in self.rows.get(feature).into_iter().flatten() {
                scores[entry.class as usize] += entry.weight;
            }
        }
    }

    /// One training example seen: moves weight from `guess` to `truth` when they differ.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        for &feature in features {
            let row = self.rows.entry(feature).or_default();
            for (class, delta) in [(truth, 1.0), (guess, -1.0)] {
                let step = self.step;
                let at = match row.iter().position(|e| e.class as usize == class) {
                    Some(at) => at,
                    None => {
                        row.push(Entry {
                            class: class as u8,
                            weight: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        row.len() - 1
                    }
                };
                let entry = &mut row[at];
                entry.total += (step - entry.stamp) as f64 * f64::from(entry.weight);
                entry.stamp = step;
                entry.weight += delta;
            }
        }
    }

    /// The averaged weights of every feature, sorted by feature: what a model file keeps.
    pub fn averaged(&self) -> Vec<(u64, Vec<(u8, f32)>)> {
        let steps = self.step.max(1) as f64;
        let mut out: Vec<(u64, Vec<(u8, f32)>)> = self
            .rows
            .iter()
            .map(|(&feature, row)| {
                let entries = row
                    .iter()
                    .map(|e| {
                        let total = e.total + (self.step - e.stamp) as f64 * f64::from(e.weight);
                        (e.class, (total / steps) as f32)
                    })
                    .filter(|&(_, w)| w != 0.0)
                    .collect();
                (feature, entries)
            })
            .collect();
        out.sort_by_key(|(feature, _)| *feature);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_parts_are_separated() {
        let ab_c = FeatureHash::new(1).str("ab").str("c").finish();
        let a_bc = FeatureHash::new(1).str("a").str("bc").finish();
        let other_template = FeatureHash::new(2).str("ab").str("c").finish();
        assert_ne!(ab_c, a_bc);
        assert_ne!(ab_c, other_template);
    }

    #[test]
    fn learns_a_separable_problem_and_averages() {
        let mut trainer = Trainer::new(2);
        let (x, y) = (FeatureHash::new(0).finish(), FeatureHash::new(1).finish());
        let mut scores = [0.0; 2];
        for _ in 0..3 {
            for (feature, truth) in [(x, 0), (y, 1)] {
                trainer.score(&[feature], &mut scores);
                let guess = best(&scores, |_| true).unwrap();
                trainer.update(&[feature], truth, guess);
            }
        }
        trainer.score(&[x], &mut scores);
        assert_eq!(best(&scores, |_| true), Some(0));
        trainer.score(&[y], &mut scores);
        assert_eq!(best(&scores, |_| true), Some(1));
        let averaged = trainer.averaged();
        assert_eq!(averaged.len(), 1, "only y was ever mistaken: {averaged:?}");
        // y was mistaken at step 2; the new weights (+1, -1) then held for 4 of the 6 steps.
        let (_, entries) = &averaged[0];
        assert_eq!(entries.len(), 2);
        assert!(entries
            .iter()
            .any(|&(c, w)| c == 1 && (w - 4.0 / 6.0).abs() < 1e-6));
    }

    #[test]
    fn best_respects_the_allowed_classes() {
        assert_eq!(best(&[3.0, 5.0, 4.0], |c| c != 1), Some(2));
        assert_eq!(best(&[1.0, 1.0], |_| true), Some(0));
        assert_eq!(best(&[1.0], |_| false), None);
    }
}
