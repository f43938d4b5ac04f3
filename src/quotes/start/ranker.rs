//! A log-linear ranker over one quotation's candidate positions: each candidate's score is
//! the sum of its features' weights, and a softmax over the candidates turns scores into
//! the probability that the quotation begins there.
//!
//! The weights are learned by `cargo run --release --example train_opening_ranker` (see
//! README, "Opening-mark ranker") and embedded from `weights.tsv` beside this file.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The first line of a weights file: what it is and its format version.
pub const HEADER: &str = "# citelint opening-mark ranker, format 1";
/// The line that holds the probability under which the runner-up is shown too.
const THRESHOLD_KEY: &str = "@runner_up_below";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    weights: HashMap<String, f32>,
    /// Below this probability, the best position is not sure enough to stand alone.
    pub runner_up_below: f32,
}

/// Where a quotation most likely began, by the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    /// Index of the best candidate.
    pub best: usize,
    /// Its probability (0–1).
    pub confidence: f32,
    /// The second best candidate, when there is one.
    pub runner_up: Option<usize>,
}

/// The embedded model, or `None` when the file does not parse (the rules then guess alone).
pub static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::parse(include_str!("weights.tsv")).ok());

impl Model {
    /// Reads a weights file: the header, then one `feature<TAB>weight` per line. Any defect
    /// is an error, never a panic.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut lines = text.lines();
        if lines.next().map(str::trim_end) != Some(HEADER) {
            return Err(format!("the first line is not `{HEADER}`"));
        }
        let mut model = Model::default();
        for (n, line) in lines.enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line
                .rsplit_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 2))?;
            let value: f32 = value
                .parse()
                .ok()
                .filter(|v: &f32| v.is_finite())
                .ok_or_else(|| format!("line {}: `{value}` is not a number", n + 2))?;
            if key == THRESHOLD_KEY {
                model.runner_up_below = value.clamp(0.0, 1.0);
            } else {
                model.weights.insert(key.to_string(), value);
            }
        }
        if model.weights.is_empty() {
            return Err("no weights".into());
        }
        Ok(model)
    }

    /// The file [`Model::parse`] reads, features sorted so that retraining gives a small diff.
    pub fn to_file(&self) -> String {
        let mut keys: Vec<&String> = self.weights.keys().collect();
        keys.sort();
        let mut out = format!("{HEADER}\n{THRESHOLD_KEY}\t{}\n", self.runner_up_below);
        for key in keys {
            out.push_str(&format!("{key}\t{}\n", self.weights[key]));
        }
        out
    }

    pub fn from_weights(weights: HashMap<String, f32>, runner_up_below: f32) -> Model {
        Model {
            weights,
            runner_up_below,
        }
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    pub fn score(&self, features: &[String]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// Ranks candidates given their features; `None` when there are none.
    pub fn rank(&self, candidates: &[Vec<String>]) -> Option<Ranked> {
        let scores: Vec<f32> = candidates.iter().map(|f| self.score(f)).collect();
        rank_scores(&scores)
    }
}

/// The softmax over `scores`: the best, its probability and the runner-up. Ties go to the
/// later candidate (the shorter quotation).
pub fn rank_scores(scores: &[f32]) -> Option<Ranked> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(b.cmp(&a)));
    let best = *order.first()?;
    let top = scores[best];
    let total: f32 = scores.iter().map(|s| (s - top).exp()).sum();
    Some(Ranked {
        best,
        confidence: (1.0 / total).clamp(0.0, 1.0),
        runner_up: order.get(1).copied(),
    })
}

/// One quotation for training: each candidate's feature ids, and which candidate is right.
pub struct Example {
    pub candidates: Vec<Vec<u32>>,
    pub gold: usize,
}

/// How training runs. The defaults are the ones the committed weights were trained with.
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    /// The seed of the (deterministic) order the examples are visited in.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            learning_rate: 0.2,
            seed: 16,
        }
    }
}

/// Softmax regression over each example's candidates by stochastic gradient descent, with
/// the weights averaged over every step (as an averaged perceptron is), which keeps rare
/// features from swinging the model. Deterministic: same examples, same weights.
pub fn train(examples: &[Example], features: usize, options: TrainOptions) -> Vec<f32> {
    let mut w = vec![0f32; features];
    // Sum of step × update: the average is w − u / steps.
    let mut u = vec![0f64; features];
    let mut step: f64 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = options
        .seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1);
    for epoch in 0..options.epochs {
        for i in (1..order.len()).rev() {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (rng >> 33) as usize % (i + 1));
        }
        let rate = options.learning_rate / (1.0 + epoch as f32 * 0.5);
        for &e in &order {
            let example = &examples[e];
            let scores: Vec<f32> = example
                .candidates
                .iter()
                .map(|f| f.iter().map(|&id| w[id as usize]).sum())
                .collect();
            let top = scores.iter().copied().fold(f32::MIN, f32::max);
            let exps: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
            let total: f32 = exps.iter().sum();
            for (c, feats) in example.candidates.iter().enumerate() {
                let target = if c == example.gold { 1.0 } else { 0.0 };
                let gradient = target - exps[c] / total;
                if gradient.abs() < 1e-6 {
                    continue;
                }
                let delta = rate * gradient;
                for &id in feats {
                    w[id as usize] += delta;
                    u[id as usize] += step * f64::from(delta);
                }
            }
            step += 1.0;
        }
    }
    w.iter()
        .zip(&u)
        .map(|(&wi, &ui)| (f64::from(wi) - ui / step) as f32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weights_file_round_trips() {
        let model = Model::from_weights(
            HashMap::from([("b:said".to_string(), 1.5), ("bt:comma".to_string(), -0.25)]),
            0.6,
        );
        let text = model.to_file();
        assert_eq!(
            text,
            format!("{HEADER}\n@runner_up_below\t0.6\nb:said\t1.5\nbt:comma\t-0.25\n")
        );
        assert_eq!(Model::parse(&text), Ok(model));
    }

    #[test]
    fn corrupt_weights_are_an_error_not_a_panic() {
        assert!(Model::parse("").is_err());
        assert!(Model::parse("weights\n").is_err());
        assert!(Model::parse(&format!("{HEADER}\nb:said 1.5\n")).is_err());
        assert!(Model::parse(&format!("{HEADER}\nb:said\tNaN\n")).is_err());
        assert!(Model::parse(&format!("{HEADER}\nb:said\t1e99\n")).is_err());
        assert!(Model::parse(&format!("{HEADER}\n")).is_err());
    }

    #[test]
    fn the_embedded_weights_load() {
        let model = MODEL.as_ref().expect("weights.tsv parses");
        assert!(model.len() > 100);
        assert!(model.runner_up_below > 0.0 && model.runner_up_below < 1.0);
    }

    #[test]
    fn the_softmax_ranks_and_measures_the_margin() {
        let ranked = rank_scores(&[0.0, 2.0, 0.0]).unwrap();
        assert_eq!(ranked.best, 1);
        assert_eq!(ranked.runner_up, Some(2));
        assert!((ranked.confidence - 0.7869).abs() < 1e-3);
        assert_eq!(rank_scores(&[]), None);
        assert_eq!(rank_scores(&[1.0]).unwrap().confidence, 1.0);
    }

    #[test]
    fn training_learns_a_separable_choice() {
        // Feature 0 marks the right candidate, feature 1 the wrong one.
        let examples: Vec<Example> = (0..20)
            .map(|i| Example {
                candidates: if i % 2 == 0 {
                    vec![vec![0], vec![1]]
                } else {
                    vec![vec![1], vec![0]]
                },
                gold: i % 2,
            })
            .collect();
        let w = train(&examples, 2, TrainOptions::default());
        assert!(w[0] > 0.5 && w[1] < -0.5, "{w:?}");
        assert_eq!(w, train(&examples, 2, TrainOptions::default()));
    }
}
