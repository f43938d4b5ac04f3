//! Criterion benchmarks of the library pipeline (read → pair → check), without process
//! start-up or file I/O. Whole-run timings against other tools are in bench/compare.py.
//!
//! `long_paragraph` checks that time grows linearly with the size of a single paragraph (a
//! 50 MB paragraph must not take quadratic time): compare the per-byte throughput criterion
//! reports at 1, 5 and 25 MB.

use std::hint::black_box;

use citelint::config;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// One paragraph of `size` bytes: sentences with quotations, apostrophes, a lost opening
/// mark every few sentences, entities and no-break spaces, and no blank line anywhere.
fn long_paragraph(size: usize) -> String {
    let sentences = [
        "“We will not raise the levy,” the treasurer said. ",
        "The senators’ offices said it’s the ’90s again. ",
        "The plan is a costly detour” for the east bank. ",
        "Sen.\u{a0}Ortega called it &#8220;reckless&#8221; on Tuesday. ",
        "“She said ‘never,’ and left,” a clerk recalled.\n",
    ];
    let mut text = String::with_capacity(size + 100);
    let mut i = 0;
    while text.len() < size {
        text.push_str(sentences[i % sentences.len()]);
        i += 1;
    }
    text
}

fn bench_articles(c: &mut Criterion) {
    let settings = config::load(None, std::path::Path::new(".")).unwrap();
    let mut group = c.benchmark_group("article");
    for name in [
        "cq001-unmatched-closing-quote/cms-export/pass-restored.md",
        "cq001-unmatched-closing-quote/cms-export/flag-stripped.md",
    ] {
        let text = fixture(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name.rsplit('/').next().unwrap(), |b| {
            b.iter(|| citelint::check_text("a.md", black_box(text.clone()), &settings))
        });
    }
    group.finish();
}

fn bench_long_paragraph(c: &mut Criterion) {
    let settings = config::load(None, std::path::Path::new(".")).unwrap();
    let mut group = c.benchmark_group("long_paragraph");
    group.sample_size(10);
    for mb in [1, 5, 25] {
        let text = long_paragraph(mb * 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, text| {
                b.iter(|| citelint::check_text("long.md", black_box(text.clone()), &settings))
            },
        );
    }
    group.finish();
}

/// One paragraph of `n` one-word quotations and no sentence end (`“x” “x” …`, 8 bytes
/// each): every look-back of attribution reads as far as it may, so time that is not linear
/// in `n` shows here first (issue 17: 8,000 in 64 KB took over 10 s before the look-backs
/// were bounded).
fn bench_quotations_in_one_paragraph(c: &mut Criterion) {
    let settings = config::load(None, std::path::Path::new(".")).unwrap();
    let mut group = c.benchmark_group("quotations_in_one_paragraph");
    group.sample_size(10);
    for n in [1_000, 2_000, 4_000, 8_000, 16_000] {
        let text = "“x” ".repeat(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| citelint::check_text("one.md", black_box(text.clone()), &settings))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_articles,
    bench_long_paragraph,
    bench_quotations_in_one_paragraph
);
criterion_main!(benches);
