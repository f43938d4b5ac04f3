//! Criterion benchmarks of quotation matching (DESIGN.md §7): indexing a source text, and
//! 1,000 quotations (a third exact, a third with one word changed, a third not there)
//! checked against it, at 1, 5 and 20 MB. Time per quotation must not grow with the
//! source's size much faster than linearly: compare the figures across sizes.

use std::hint::black_box;

use citelint::verify::index::SourceText;
use citelint::verify::matching;
use citelint::verify::pattern::Pattern;
use citelint::verify::words;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// A deterministic stream of pseudo-random numbers (no dependency, same on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// A vocabulary of invented words, used with a skew like real prose: a few words very
/// common, most rare.
fn vocabulary() -> Vec<String> {
    let syllables = [
        "ka", "lo", "mi", "ren", "tas", "vo", "bel", "dun", "or", "pe", "sil", "ur",
    ];
    let mut rng = Lcg(7);
    (0..20_000)
        .map(|_| {
            let n = 1 + rng.next() % 3;
            (0..n)
                .map(|_| syllables[(rng.next() % syllables.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn pick<'v>(vocabulary: &'v [String], rng: &mut Lcg) -> &'v str {
    // Squaring a uniform draw favours the first words of the list.
    let u = (rng.next() % 10_000) as f64 / 10_000.0;
    &vocabulary[((u * u) * vocabulary.len() as f64) as usize]
}

fn source_text(vocabulary: &[String], bytes: usize) -> String {
    let mut rng = Lcg(11);
    let mut text = String::with_capacity(bytes + 64);
    let mut n = 0;
    while text.len() < bytes {
        text.push_str(pick(vocabulary, &mut rng));
        n += 1;
        text.push_str(if n % 17 == 0 {
            ". "
        } else if n % 7 == 0 {
            ", "
        } else {
            " "
        });
    }
    text
}

fn quotations(source: &str, vocabulary: &[String]) -> Vec<String> {
    let all = words::words(source);
    let mut rng = Lcg(13);
    (0..1_000)
        .map(|i| {
            let len = 8 + (rng.next() % 18) as usize;
            let start = (rng.next() as usize) % (all.len() - len);
            let mut quoted: Vec<String> = all[start..start + len]
                .iter()
                .map(|w| w.word.clone())
                .collect();
            match i % 3 {
                0 => {}
                1 => quoted[len / 2] = "zeppelin".to_string(),
                _ => {
                    quoted = (0..len)
                        .map(|_| pick(vocabulary, &mut rng).to_string())
                        .collect();
                }
            }
            quoted.join(" ")
        })
        .collect()
}

/// What verification does for one quotation against one source: the exact and cut tiers,
/// then the aligned windows when they find nothing.
fn check(quote: &str, source: &SourceText) -> usize {
    let pattern = Pattern::parse(quote);
    if !matching::find(&pattern, source, None, 1).is_empty() {
        return 0;
    }
    let ids: Vec<u32> = pattern.words().map(|w| source.id(&w.word)).collect();
    matching::align(&ids, source, None).map_or(usize::MAX, |a| a.cost)
}

fn bench_matching(c: &mut Criterion) {
    let vocabulary = vocabulary();
    let mut index = c.benchmark_group("index_source");
    index.sample_size(10);
    let mut sources = Vec::new();
    for mb in [1, 5, 20] {
        let text = source_text(&vocabulary, mb * 1_000_000);
        index.throughput(Throughput::Bytes(text.len() as u64));
        index.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, text| b.iter(|| SourceText::new(black_box(text.clone()))),
        );
        sources.push((mb, text));
    }
    index.finish();

    let mut group = c.benchmark_group("1000_quotes");
    group.sample_size(10);
    for (mb, text) in sources {
        let quotes = quotations(&text, &vocabulary);
        let source = SourceText::new(text);
        group.throughput(Throughput::Elements(quotes.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &quotes,
            |b, quotes| {
                b.iter(|| {
                    quotes
                        .iter()
                        .map(|q| check(q, &source))
                        .filter(|&c| c == 0)
                        .count()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench_matching);
criterion_main!(benches);
