//! Criterion benchmark of the language layer: tagging and parsing, in tokens per second
//! (criterion's "elements"), on prose written for this bench: news-style sentences with
//! quotations, names, numbers and clauses, 8 to 45 tokens long.

use std::hint::black_box;

use citelint::language::{analyze, language, sentences, tokenize};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const PROSE: &str = "\
The senator called the ruling “shameful” and said her office would appeal it by Friday. \
Officials at the ministry dismissed the claims as “baseless,” and its spokesman called the \
report “a fabrication.” Ruiz’s warning of “a lost decade” went unheeded for years. \
In many respects, the board “did what it could,” according to a statement released on \
Tuesday. Ortega later said Ruiz had been “the quiet broker” of the 2011 agreement between \
the two parties. Delgado praised the court, calling it “a model of independence,” before \
leaving the building without taking questions. The envoy, Kim Lee, described the talks as \
“productive but unfinished.” The plan was described by the union as “a steady hand” during \
a difficult year, although critics said it cut $1.5 billion from schools. He insisted that \
the numbers, which were published by the U.S. Census Bureau in March, showed a rise of 4.2% \
in rural areas and a decline in the three largest cities. “We don’t know yet,” she said. \
Mayor Jones, who took office in January after a close race, has promised to review every \
contract signed by her predecessor, a move that supporters welcomed and that the city’s \
largest union said it would fight in court if necessary.";

fn bench_language(c: &mut Criterion) {
    // Load the models outside the measurement.
    black_box(language());
    let spans = sentences(PROSE);
    let tokens: usize = spans.iter().map(|s| tokenize(PROSE, s.clone()).len()).sum();
    let mut group = c.benchmark_group("language");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("tokenize_tag_parse", |b| {
        b.iter(|| {
            for span in &spans {
                black_box(analyze(PROSE, span.clone()));
            }
        })
    });
    group.bench_function("split_and_tokenize_only", |b| {
        b.iter(|| {
            for span in sentences(PROSE) {
                black_box(tokenize(PROSE, span));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_language);
criterion_main!(benches);
