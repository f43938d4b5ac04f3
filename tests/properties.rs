//! Property tests: on arbitrary input citelint never panics, every span it reports lies in
//! the file on character boundaries, and quotations never overlap unless one is nested in
//! the other.

use citelint::config::{self, Settings};
use citelint::{check_bytes, check_text, Checked, FileResult};
use proptest::prelude::*;

/// The pieces real copy is made of, weighted towards what breaks quote pairing.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-zé’0-9]{1,8}".prop_map(String::from),
        4 => Just(" ".to_string()),
        3 => prop::sample::select(vec![
            "“", "”", "‘", "’", "\"", "'", "„", "‚", "«", "»", "‹", "›", "’’", "''",
        ]).prop_map(String::from),
        2 => prop::sample::select(vec![
            "&#8220;", "&#8221;", "&ldquo;", "&rsquo;", "&quot;", "&#x201D;", "&amp;", "&#0;",
            "&#99999999;", "&", "&bogus;",
        ]).prop_map(String::from),
        2 => prop::sample::select(vec![
            "\n", "\n\n", "\r\n", "\r\n\r\n", "\u{a0}", "\u{2009}", "\u{202f}", "—", "…", ".", ",", ":",
        ]).prop_map(String::from),
        2 => prop::sample::select(vec![
            "*", "**", "_", "`", "```\n", "[", "](http://x/\"y\")", "> ", "# ", "- ", "1. ", "\\", "\\\"",
            "<p>", "</p>", "<em>", "<a href=\"{{< ref \"x\" >}}\">", "<!-- citelint-disable -->",
            "<!-- citelint-disable-next-line CQ001 -->", "<!-- citelint-enable -->", "{{< x \"y\" >}}",
            "{{", "{%", "<!--", "|", "\u{FFFC}", "[^1]", "![alt “x”](y)", "<script>“</script>",
        ]).prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "",
            "\u{FEFF}",
            "---\ntitle: '",
            "---\nsummary: ",
            "\u{FEFF}---\r\n",
        ]),
        prop::collection::vec(token(), 0..120),
        prop::sample::select(vec!["", "\n---\n", "'\n---\n", "\n"]),
    )
        .prop_map(|(head, body, tail)| {
            // Front matter opened at the start is closed somewhere in the body.
            let mut text = head.to_string();
            let split = body.len() / 3;
            text.push_str(&body[..split].concat());
            text.push_str(tail);
            text.push_str(&body[split..].concat());
            text
        })
}

fn settings(language: &str) -> Settings {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".citelint.yml");
    std::fs::write(
        &path,
        format!("language: {language}\nstyle:\n  quotes: curly\n"),
    )
    .unwrap();
    config::load(Some(&path), dir.path()).unwrap()
}

fn assert_invariants(result: &FileResult) -> Result<(), TestCaseError> {
    let text = result.text.as_str();
    let in_file = |start: usize, end: usize| {
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    for f in &result.findings {
        prop_assert!(
            in_file(f.span.start, f.span.end),
            "finding span {:?} in {:?}",
            f.span,
            text
        );
        for l in &f.labels {
            prop_assert!(in_file(l.span.start, l.span.end), "label span {:?}", l.span);
        }
        for e in f.fix.iter().flat_map(|fix| &fix.edits) {
            prop_assert!(in_file(e.start, e.end), "edit {:?}", e);
        }
    }
    let quotes = &result.analysis.quotes;
    for q in quotes {
        prop_assert!(
            in_file(q.span.start, q.span.end),
            "quote span {:?} in {:?}",
            q.span,
            text
        );
    }
    for (i, a) in quotes.iter().enumerate() {
        for b in &quotes[i + 1..] {
            let disjoint = a.span.end <= b.span.start || b.span.end <= a.span.start;
            let nested = (a.span.start <= b.span.start && b.span.end <= a.span.end)
                || (b.span.start <= a.span.start && a.span.end <= b.span.end);
            prop_assert!(
                disjoint || nested,
                "quotes {:?} and {:?} overlap in {:?}",
                a.span,
                b.span,
                text
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn spans_are_in_the_file_and_quotes_nest(text in document(), language in prop::sample::select(vec!["en", "fr", "de"])) {
        let result = check_text("p.md", text, &settings(language));
        assert_invariants(&result)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Checked::File(result) = check_bytes("p.md", bytes, &settings("en")) {
            assert_invariants(&result)?;
        }
    }

    #[test]
    fn safe_fixes_keep_the_text_valid(text in document()) {
        let settings = settings("en");
        let result = check_text("p.md", text, &settings);
        let (fixed, _) = citelint::fix::apply_safe(&result.text, &result.findings);
        // The fixed text parses again and keeps the invariants.
        assert_invariants(&check_text("p.md", fixed, &settings))?;
    }
}
