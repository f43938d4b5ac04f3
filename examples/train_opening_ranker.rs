//! Trains the opening-mark ranker (`src/quotes/start/weights.tsv`) on correctly marked copy.
//!
//! ```text
//! cargo run --release --example train_opening_ranker -- CORPUS_DIR OUT_WEIGHTS [--held-back DIR]
//! cargo run --release --example train_opening_ranker -- --evaluate CORPUS_DIR [--held-back DIR]
//! ```
//!
//! Every article's double opening marks are stripped; each quotation whose closing mark is
//! then an orphan is an example, its true start known. A 5-fold cross-validation split by
//! article (no article in both training and test) measures exact-position accuracy for
//! whole-sentence quotations and for fragments, the rule-based guess beside it, and picks
//! the probability under which the runner-up is shown too. Then (unless `--evaluate`) the
//! model is trained on every article and written to OUT_WEIGHTS. Deterministic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use citelint::document::{Document, ReadOptions};
use citelint::lexicon::LEXICON;
use citelint::quotes::analyze;
use citelint::quotes::start::ranker::{rank_scores, train, Example, Model, TrainOptions};
use citelint::quotes::start::strip::{cases, strip_opening_marks};
use citelint::quotes::start::{region_features, rule_pick};

const FOLDS: usize = 5;
/// The runner-up is shown when the best candidate's probability is under the lowest
/// threshold at which the predictions above it are right this often.
const SURE_ENOUGH: f64 = 0.95;
/// Weights smaller than this are left out of the file: they change no ranking.
const PRUNE_BELOW: f32 = 0.005;

/// One lost opening mark, features interned.
struct Case {
    candidates: Vec<Vec<u32>>,
    gold: Option<usize>,
    rules: Option<usize>,
    whole_sentence: bool,
}

struct Article {
    cases: Vec<Case>,
    /// Stripped quotations whose closing mark did not come out as an orphan.
    not_orphans: usize,
}

#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, feature: String) -> u32 {
        if let Some(&id) = self.ids.get(&feature) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(feature.clone());
        self.ids.insert(feature, id);
        id
    }
}

/// Cases of one article, features as strings.
struct RawCase {
    candidates: Vec<Vec<String>>,
    gold: Option<usize>,
    rules: Option<usize>,
    whole_sentence: bool,
}

fn read_article(path: &Path) -> (Vec<RawCase>, usize) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (Vec::new(), 0);
    };
    let marks = &LEXICON.marks["en"];
    let stripped = strip_opening_marks(&text, marks);
    let doc = Document::parse("", stripped.text.clone(), &ReadOptions::default());
    let a = analyze(&doc, marks);
    let found = cases(&doc, &a, &stripped);
    let not_orphans = stripped.quotes.len() - found.len();
    let raw = found
        .into_iter()
        .map(|case| RawCase {
            candidates: region_features(&case.region, case.rules),
            gold: case.gold,
            rules: case
                .rules
                .and_then(|g| rule_pick(&case.region, g))
                .map(|(i, _)| i),
            whole_sentence: case.whole_sentence,
        })
        .collect();
    (raw, not_orphans)
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn load(dir: &Path, interner: &mut Interner) -> Vec<Article> {
    let mut files = Vec::new();
    markdown_files(dir, &mut files);
    let mut articles = Vec::with_capacity(files.len());
    for chunk in files.chunks(64) {
        let read: Vec<(Vec<RawCase>, usize)> = chunk.par_iter().map(|p| read_article(p)).collect();
        for (raw, not_orphans) in read {
            let cases = raw
                .into_iter()
                .map(|c| Case {
                    candidates: c
                        .candidates
                        .into_iter()
                        .map(|fs| fs.into_iter().map(|f| interner.id(f)).collect())
                        .collect(),
                    gold: c.gold,
                    rules: c.rules,
                    whole_sentence: c.whole_sentence,
                })
                .collect();
            articles.push(Article { cases, not_orphans });
        }
    }
    articles
}

fn examples<'a>(articles: impl Iterator<Item = &'a Article>) -> Vec<Example> {
    articles
        .flat_map(|a| &a.cases)
        .filter_map(|c| {
            Some(Example {
                candidates: c.candidates.clone(),
                gold: c.gold?,
            })
        })
        .collect()
}

/// Exact hits for one kind of quotation.
#[derive(Default, Clone, Copy)]
struct Tally {
    cases: usize,
    ranker: usize,
    ranker_top2: usize,
    rules: usize,
}

impl Tally {
    fn pct(hits: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            100.0 * hits as f64 / of as f64
        }
    }
}

#[derive(Default)]
struct Evaluation {
    whole: Tally,
    fragment: Tally,
    /// (probability of the best candidate, whether it was right)
    confidences: Vec<(f32, bool)>,
    not_orphans: usize,
    unreachable: usize,
}

fn evaluate(weights: &[f32], articles: &[&Article], eval: &mut Evaluation) {
    for article in articles {
        eval.not_orphans += article.not_orphans;
        for case in &article.cases {
            let scores: Vec<f32> = case
                .candidates
                .iter()
                .map(|f| {
                    f.iter()
                        .map(|&id| weights.get(id as usize).copied().unwrap_or(0.0))
                        .sum()
                })
                .collect();
            let Some(ranked) = rank_scores(&scores) else {
                continue;
            };
            let tally = if case.whole_sentence {
                &mut eval.whole
            } else {
                &mut eval.fragment
            };
            tally.cases += 1;
            let Some(gold) = case.gold else {
                eval.unreachable += 1;
                eval.confidences.push((ranked.confidence, false));
                continue;
            };
            let right = ranked.best == gold;
            tally.ranker += usize::from(right);
            tally.ranker_top2 += usize::from(right || ranked.runner_up == Some(gold));
            tally.rules += usize::from(case.rules == Some(gold));
            eval.confidences.push((ranked.confidence, right));
        }
    }
}

fn print_table(title: &str, eval: &Evaluation) {
    println!("{title}");
    println!("| quotations | n | ranker exact | ranker best or runner-up | rule-based exact |");
    println!("|---|---:|---:|---:|---:|");
    let all = Tally {
        cases: eval.whole.cases + eval.fragment.cases,
        ranker: eval.whole.ranker + eval.fragment.ranker,
        ranker_top2: eval.whole.ranker_top2 + eval.fragment.ranker_top2,
        rules: eval.whole.rules + eval.fragment.rules,
    };
    for (name, t) in [
        ("whole-sentence", eval.whole),
        ("fragment", eval.fragment),
        ("all", all),
    ] {
        println!(
            "| {name} | {} | {:.1}% | {:.1}% | {:.1}% |",
            t.cases,
            Tally::pct(t.ranker, t.cases),
            Tally::pct(t.ranker_top2, t.cases),
            Tally::pct(t.rules, t.cases)
        );
    }
    println!(
        "({} quotations had no candidate at their true start; {} stripped quotations did not come out as orphans and are not counted)\n",
        eval.unreachable, eval.not_orphans
    );
}

/// The lowest probability at or above which the best candidate is right at least
/// [`SURE_ENOUGH`] of the time.
fn choose_threshold(confidences: &[(f32, bool)]) -> f32 {
    println!("| best candidate's probability ≥ | share of cases | exact |");
    println!("|---:|---:|---:|");
    let mut chosen = 0.99;
    for step in (30..=99).rev() {
        let t = step as f32 / 100.0;
        let above: Vec<bool> = confidences
            .iter()
            .filter(|(p, _)| *p >= t)
            .map(|(_, r)| *r)
            .collect();
        let accuracy = above.iter().filter(|&&r| r).count() as f64 / above.len().max(1) as f64;
        if step % 10 == 0 || step == 95 {
            println!(
                "| {t:.2} | {:.1}% | {:.1}% |",
                100.0 * above.len() as f64 / confidences.len().max(1) as f64,
                100.0 * accuracy
            );
        }
        if accuracy >= SURE_ENOUGH {
            chosen = t;
        }
    }
    println!("runner-up shown below probability {chosen:.2}\n");
    chosen
}

fn model_of(weights: &[f32], interner: &Interner, threshold: f32) -> Model {
    let kept: HashMap<String, f32> = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| w.abs() >= PRUNE_BELOW)
        .map(|(i, w)| (interner.names[i].clone(), (w * 1e4).round() / 1e4))
        .collect();
    Model::from_weights(kept, threshold)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let evaluate_only = args.iter().any(|a| a == "--evaluate");
    let held_back = args
        .iter()
        .position(|a| a == "--held-back")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--held-back"))
        .map(|(_, a)| a)
        .collect();
    let (corpus, out) = match (evaluate_only, positional.as_slice()) {
        (true, [corpus]) => (PathBuf::from(corpus), None),
        (false, [corpus, out]) => (PathBuf::from(corpus), Some(PathBuf::from(out))),
        _ => {
            eprintln!("usage: train_opening_ranker CORPUS_DIR OUT_WEIGHTS [--held-back DIR]\n       train_opening_ranker --evaluate CORPUS_DIR [--held-back DIR]");
            return ExitCode::from(2);
        }
    };
    let mut interner = Interner::default();
    let articles = load(&corpus, &mut interner);
    let options = TrainOptions::default();
    let mut cv = Evaluation::default();
    for fold in 0..FOLDS {
        let training = examples(
            articles
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != fold)
                .map(|(_, a)| a),
        );
        let weights = train(&training, interner.names.len(), options);
        let test: Vec<&Article> = articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS == fold)
            .map(|(_, a)| a)
            .collect();
        evaluate(&weights, &test, &mut cv);
    }
    print_table(
        &format!(
            "{FOLDS}-fold cross-validation by article, {} articles in {}:",
            articles.len(),
            corpus.display()
        ),
        &cv,
    );
    let threshold = choose_threshold(&cv.confidences);
    let all = examples(articles.iter());
    let weights = train(&all, interner.names.len(), options);
    let model = model_of(&weights, &interner, threshold);
    if let Some(dir) = held_back {
        let mut held = Interner {
            ids: interner.ids.clone(),
            names: interner.names.clone(),
        };
        let articles = load(&dir, &mut held);
        let refs: Vec<&Article> = articles.iter().collect();
        let mut eval = Evaluation::default();
        evaluate(&weights, &refs, &mut eval);
        print_table(
            &format!("held back, never trained on ({}):", dir.display()),
            &eval,
        );
    }
    if let Some(out) = out {
        if let Err(e) = std::fs::write(&out, model.to_file()) {
            eprintln!("cannot write {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {} weights to {}", model.len(), out.display());
    }
    ExitCode::SUCCESS
}
