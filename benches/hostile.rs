//! Criterion benchmarks for hostile input (issue 17):
//!
//! - `human_findings`: human output of one file with 1,000, 5,000 and 10,000 findings. It
//!   must grow linearly (miette used to scan the whole file for each finding's snippet, 30 s
//!   for 10,000), and 10,000 must render in well under a second.
//! - `registry_people`: loading a registry of 10,000 and 100,000 people (the parser's fixed
//!   budget used to refuse more than about 28,000).
//!
//! `cargo bench --bench hostile`.

use std::hint::black_box;

use citelint::output::{self, Format, RenderOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// A file with `n` findings: one CQ001 (a closing mark with no opening) per line.
fn findings_file(n: usize) -> citelint::FileResult {
    let settings = citelint::config::load(None, std::path::Path::new(".")).unwrap();
    let text = "The levy is too high,” the treasurer said.\n\n".repeat(n);
    citelint::check_text("many.md", text, &settings)
}

fn bench_human(c: &mut Criterion) {
    let mut group = c.benchmark_group("human_findings");
    group.sample_size(10);
    for n in [1_000, 5_000, 10_000] {
        let file = findings_file(n);
        assert_eq!(file.findings.len(), n);
        let run = citelint::RunResult {
            files: vec![file],
            ..Default::default()
        };
        let options = RenderOptions {
            width: 100,
            ..RenderOptions::default()
        };
        group.bench_with_input(BenchmarkId::from_parameter(n), &run, |b, run| {
            b.iter(|| black_box(output::render(Format::Human, run, &options)))
        });
    }
    group.finish();
}

/// A registry of `people` people, as `bench/registry.py` writes one.
fn registry_yaml(people: usize) -> String {
    let mut yaml = String::from("version: 1\npeople:\n");
    for i in 0..people {
        yaml.push_str(&format!(
            "  - id: person-{i}\n    name: Person Number{i}\n    aliases: [P{i}]\n"
        ));
    }
    yaml
}

fn bench_registry(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("registry_people");
    group.sample_size(10);
    for people in [10_000, 100_000] {
        let path = dir.path().join(format!("people-{people}.yml"));
        std::fs::write(&path, registry_yaml(people)).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(people), &path, |b, path| {
            b.iter(|| {
                let loaded = citelint::registry::load(std::slice::from_ref(path)).unwrap();
                assert!(!loaded.has_errors());
                black_box(loaded.registry.entries.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_human, bench_registry);
criterion_main!(benches);
