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
///
/// Laid out for lookups, because scoring is half of a corpus run and each lookup is a
/// likely cache miss: `slots` is an open-addressed table (linear probing, at most half
/// full) of `key << 32 | start << 8 | len`, where 0 is an empty slot, and each feature's
/// (class, weight) pairs lie together in `entries`. A feature costs its slot and its row.
#[derive(Debug, Default)]
pub struct Weights {
    n_classes: usize,
    n_features: usize,
    slots: Vec<u64>,
    entries: Vec<ClassWeight>,
}

#[derive(Clone, Copy, Debug)]
struct ClassWeight {
    weight: f32,
    class: u8,
}

/// A row cannot start past this entry: its start has 24 bits in a slot.
const MAX_ENTRIES: usize = 1 << 24;

impl Weights {
    /// Empty weights with room for `n_features` rows.
    pub(crate) fn with_capacity(n_classes: usize, n_features: usize) -> Self {
        Weights {
            n_classes,
            n_features: 0,
            slots: vec![0; (n_features.max(1) * 2).next_power_of_two()],
            entries: Vec::with_capacity(n_features.saturating_mul(3).min(MAX_ENTRIES)),
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Adds one feature's row; `key` must be new (a weight file's keys are increasing).
    /// Fails, changing nothing, when the table is full or the weights are too many.
    pub(crate) fn push_row(
        &mut self,
        key: u32,
        row: impl IntoIterator<Item = (u8, f32)>,
    ) -> Result<(), &'static str> {
        if 2 * (self.n_features + 1) > self.slots.len() {
            return Err("more features than the file announced");
        }
        let start = self.entries.len();
        self.entries.extend(
            row.into_iter()
                .map(|(class, weight)| ClassWeight { weight, class }),
        );
        let len = self.entries.len() - start;
        if len > usize::from(u8::MAX) || self.entries.len() > MAX_ENTRIES {
            self.entries.truncate(start);
            return Err("too many weights");
        }
        if len == 0 {
            return Ok(());
        }
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = u64::from(key) << 32 | (start as u64) << 8 | len as u64;
        self.n_features += 1;
        Ok(())
    }

    /// The (class, weight) pairs of the feature stored under `key`.
    fn row(&self, key: u32) -> &[ClassWeight] {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = key as usize & mask;
        while let Some(&slot) = self.slots.get(i) {
            if slot == 0 {
                break;
            }
            if (slot >> 32) as u32 == key {
                return self.row_of(slot);
            }
            i = (i + 1) & mask;
        }
        &[]
    }

    /// The row a filled slot points at.
    fn row_of(&self, slot: u64) -> &[ClassWeight] {
        let start = (slot >> 8 & 0xff_ffff) as usize;
        self.entries
            .get(start..start + (slot & 0xff) as usize)
            .unwrap_or(&[])
    }

    /// Adds every feature's weights to `scores` (one slot per class, cleared first).
    ///
    /// In batches, each in two passes: first every feature's slot is read, with no branch
    /// between the loads, so the processor waits for their cache misses together rather
    /// than one after another (the language bench went from 6.2 to 4.5 ms); then the rows are
    /// added in the features' order, so the sums are the same as one feature at a time.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 32;
        scores.iter_mut().for_each(|s| *s = 0.0);
        let mask = self.slots.len().wrapping_sub(1);
        let mut first = [0u64; BATCH];
        for batch in features.chunks(BATCH) {
            for (slot, &feature) in first.iter_mut().zip(batch) {
                *slot = self
                    .slots
                    .get(fold(feature) as usize & mask)
                    .copied()
                    .unwrap_or(0);
            }
            for (&slot, &feature) in first.iter().zip(batch) {
                let key = fold(feature);
                let row = if slot != 0 && (slot >> 32) as u32 == key {
                    self.row_of(slot)
                } else if slot == 0 {
                    &[]
                } else {
                    self.row(key)
                };
                for w in row {
                    if let Some(score) = scores.get_mut(usize::from(w.class)) {
                        *score += w.weight;
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
