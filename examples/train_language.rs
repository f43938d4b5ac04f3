//! Trains the language layer's tagger and parser on the UD English Web Treebank and writes
//! their weight files; or, with `--evaluate`, scores the weight files already there.
//!
//! ```text
//! cargo run --release --example train_language -- ../shared/treebank src/language/weights
//! cargo run --release --example train_language -- ../shared/treebank src/language/weights --evaluate
//! ```
//! Options: `--tagger-epochs N` (default 8), `--parser-epochs N` (default 8),
//! `--folds K` (jackknife folds for the parser's training tags, default 4; 0 = gold tags),
//! `--refit` (once dev has chosen each model's epoch and pruning, train both again with
//! those on train and dev together; the test split stays unseen, dev scores no longer
//! mean anything).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use citelint::language::train::{self, Choice};
use citelint::language::{parse_conllu, GoldWord};

const SEED: u64 = 0x00c1_7e11_2024;
// Weights below these magnitudes are dropped; the dev set picks among them. Lower
// thresholds for the parser grow its file past the binary-size budget (10 MB) for a few
// tenths of a point.
const TAGGER_PRUNES: &[f32] = &[0.5, 1.0];
const PARSER_PRUNES: &[f32] = &[1.0, 1.5];

struct Options {
    treebank: PathBuf,
    weights: PathBuf,
    evaluate: bool,
    refit: bool,
    tagger_epochs: usize,
    parser_epochs: usize,
    folds: usize,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut options = Options {
        treebank: PathBuf::new(),
        weights: PathBuf::new(),
        evaluate: false,
        refit: false,
        tagger_epochs: 8,
        parser_epochs: 8,
        folds: 4,
    };
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--evaluate" => options.evaluate = true,
            "--tagger-epochs" => options.tagger_epochs = number(&arg)?,
            "--parser-epochs" => options.parser_epochs = number(&arg)?,
            "--folds" => options.folds = number(&arg)?,
            "--refit" => options.refit = true,
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    let [treebank, weights] = <[PathBuf; 2]>::try_from(positional)
        .map_err(|_| "usage: train_language TREEBANK_DIR WEIGHTS_DIR [--evaluate]".to_string())?;
    options.treebank = treebank;
    options.weights = weights;
    Ok(options)
}

fn read(dir: &Path, split: &str) -> Result<Vec<Vec<GoldWord>>, String> {
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_conllu(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_language: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    let started = Instant::now();
    let mut log = |line: String| eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    let train_set = read(&options.treebank, "train")?;
    let dev = read(&options.treebank, "dev")?;
    let test = read(&options.treebank, "test")?;
    let (tagger_path, parser_path) = (
        options.weights.join("tagger.bin"),
        options.weights.join("parser.bin"),
    );
    if !options.evaluate {
        let mut tagger = train::train_tagger(
            &train_set,
            Some(&dev),
            options.tagger_epochs,
            TAGGER_PRUNES,
            SEED,
            &mut log,
        )
        .map_err(|e| e.to_string())?;
        report_choice("tagger", &tagger, &mut log);
        let tagger_model = train::load_tagger(&tagger.bytes).map_err(|e| e.to_string())?;
        let train_tags =
            train::jackknife_tags(&train_set, options.folds, tagger.epoch, SEED, &mut log)
                .map_err(|e| e.to_string())?;
        let dev_tags = train::predicted_tags(&tagger_model, &dev);
        let mut parser = train::train_parser(
            &train_set,
            &train_tags,
            Some((&dev, &dev_tags)),
            options.parser_epochs,
            PARSER_PRUNES,
            SEED,
            &mut log,
        )
        .map_err(|e| e.to_string())?;
        report_choice("parser", &parser, &mut log);
        if options.refit {
            let all: Vec<Vec<GoldWord>> = train_set.iter().chain(&dev).cloned().collect();
            log(format!("refit on train and dev ({} sentences)", all.len()));
            let epochs = tagger.epoch;
            tagger = train::train_tagger(&all, None, epochs, &[tagger.prune], SEED, &mut log)
                .map_err(|e| e.to_string())?;
            let all_tags = train::jackknife_tags(&all, options.folds, epochs, SEED, &mut log)
                .map_err(|e| e.to_string())?;
            parser = train::train_parser(
                &all,
                &all_tags,
                None,
                parser.epoch,
                &[parser.prune],
                SEED,
                &mut log,
            )
            .map_err(|e| e.to_string())?;
        }
        std::fs::write(&tagger_path, &tagger.bytes).map_err(|e| e.to_string())?;
        std::fs::write(&parser_path, &parser.bytes).map_err(|e| e.to_string())?;
    }
    evaluate(&tagger_path, &parser_path, &dev, &test)
}

fn report_choice(what: &str, choice: &Choice, log: &mut dyn FnMut(String)) {
    log(format!(
        "{what}: chose epoch {} prune {} (dev {:.2}%, {} bytes)",
        choice.epoch,
        choice.prune,
        100.0 * choice.dev,
        choice.bytes.len()
    ));
}

fn evaluate(
    tagger_path: &Path,
    parser_path: &Path,
    dev: &[Vec<GoldWord>],
    test: &[Vec<GoldWord>],
) -> Result<(), String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let (tagger_bytes, parser_bytes) = (read(tagger_path)?, read(parser_path)?);
    let (tagger, parser) = train::load(&tagger_bytes, &parser_bytes).map_err(|e| e.to_string())?;
    println!(
        "weights: tagger {} bytes ({} features), parser {} bytes ({} features)",
        tagger_bytes.len(),
        tagger.n_features(),
        parser_bytes.len(),
        parser.n_features()
    );
    for (name, split) in [("dev", dev), ("test", test)] {
        let tags = train::tagger_accuracy(&tagger, split);
        let predicted = train::predicted_tags(&tagger, split);
        let started = Instant::now();
        let parse = train::attachment(&parser, split, &predicted);
        let tokens: usize = split.iter().map(Vec::len).sum();
        println!(
            "{name}: UPOS {:.2}%  XPOS {:.2}%  UAS {:.2}%  LAS {:.2}%  ({tokens} tokens, gold tokenization, predicted tags, punctuation included; parsed in {:.2}s)",
            100.0 * tags.upos,
            100.0 * tags.xpos,
            100.0 * parse.uas,
            100.0 * parse.las,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
