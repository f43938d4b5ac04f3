//! The held-back articles (fixtures/cq001-held-back), never trained on: every opening mark
//! is stripped as a broken export strips it, the whole pipeline runs, and CQ001's
//! suggestion for each orphaned closing mark is compared with where the quotation truly
//! began. `cargo test --test opening_marks -- --nocapture` prints the table.

use std::path::Path;

use citelint::config;
use citelint::lexicon::LEXICON;
use citelint::quotes::start::strip::strip_opening_marks;
use citelint::rules::Rule;

#[derive(Default, Debug)]
struct Tally {
    quotations: usize,
    exact: usize,
    exact_or_runner_up: usize,
}

#[test]
fn held_back_articles_get_their_opening_marks_back() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cq001-held-back");
    let settings = config::load(None, &dir).unwrap();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 6);
    let (mut whole, mut fragment) = (Tally::default(), Tally::default());
    let mut misses = Vec::new();
    for path in &paths {
        let original = std::fs::read_to_string(path).unwrap();
        let stripped = strip_opening_marks(&original, &LEXICON.marks["en"]);
        let result = citelint::check_text("held-back.md", stripped.text.clone(), &settings);
        for quote in &stripped.quotes {
            let finding = result
                .findings
                .iter()
                .find(|f| f.rule == Rule::UnmatchedClosingQuote && f.span.start == quote.close)
                .unwrap_or_else(|| panic!("{}: no CQ001 at byte {}", path.display(), quote.close));
            let fix = finding
                .fix
                .as_ref()
                .expect("CQ001 suggests where to insert the mark");
            let tally = if quote.whole_sentence {
                &mut whole
            } else {
                &mut fragment
            };
            tally.quotations += 1;
            let exact = fix.edits[0].start == quote.start;
            tally.exact += usize::from(exact);
            let runner_up = fix.alternatives.iter().any(|e| e.start == quote.start);
            tally.exact_or_runner_up += usize::from(exact || runner_up);
            if !exact {
                let line_start = stripped.text[..quote.close]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                misses.push(format!(
                    "{}: true start `{}`, suggested `{}`",
                    path.file_name().unwrap().to_string_lossy(),
                    &stripped.text[quote.start..quote.close]
                        .chars()
                        .take(30)
                        .collect::<String>(),
                    &stripped.text[fix.edits[0].start.max(line_start)..quote.close]
                        .chars()
                        .take(30)
                        .collect::<String>()
                ));
            }
        }
    }
    println!("held back: whole-sentence {whole:?}\nheld back: fragment {fragment:?}");
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert_eq!(whole.quotations + fragment.quotations, 93);
    // Floors a little under what the committed weights reach (44/45 and 5/48, see README):
    // a retrained model that does worse on copy it never saw fails here. Fragments are
    // the known weakness: the model leaves a leading `a`, `the`, `no` outside.
    assert!(whole.exact * 100 >= whole.quotations * 90, "{whole:?}");
    assert!(
        fragment.exact * 100 >= fragment.quotations * 8,
        "{fragment:?}"
    );
}
