//! The HTML report of the fixture archive in a real browser: Debian's headless Chromium,
//! driven by playwright-core (`tests/browser/report.mjs`, installed by `npm ci` in
//! `tests/browser`). Asserts from the rendered DOM that every quotation is there with its
//! verdict, that the filters and sorting work, that the phone layout fits, and that the page
//! requested nothing but itself. Saves the screenshot README shows (`docs/report.png`).
//!
//! It needs Chromium, Node and the npm package, which a plain `cargo test` cannot assume, so
//! it is ignored by default and says why; `.ci/run` installs them and runs it with
//! `--ignored`. Run that way without them, it fails and names what is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Why the browser test cannot run here, if it cannot.
fn missing() -> Option<String> {
    if !chromium().exists() {
        return Some(format!(
            "{} is missing (apt-get install chromium)",
            chromium().display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is missing".into());
    }
    if !root()
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        return Some("playwright-core is missing (cd tests/browser && npm ci)".into());
    }
    None
}

/// What the browser script `script` (in `tests/browser`) prints about the page `html`, run
/// with `args` after the page.
fn browse(
    script: &str,
    html: &Path,
    args: &[&Path],
    signoff_dir: Option<&Path>,
) -> serde_json::Value {
    let mut node = Command::new("node");
    node.arg(root().join("tests/browser").join(script))
        .arg(html)
        .args(args)
        .env("CHROMIUM", chromium());
    if let Some(dir) = signoff_dir {
        node.env("SIGNOFF_DIR", dir);
    }
    let out = node.output().unwrap();
    assert!(
        out.status.success(),
        "the browser script failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
#[ignore = "needs Chromium, Node and tests/browser's npm package: .ci/run installs them and passes --ignored"]
fn the_report_renders_and_filters_in_chromium_without_the_network() {
    if let Some(why) = missing() {
        panic!("the browser test cannot run: {why}");
    }
    let archive = root().join("fixtures/report");
    let dir = tempfile::TempDir::new().unwrap();
    let html = dir.path().join("report.html");
    let json = dir.path().join("check.json");
    let status = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .current_dir(&archive)
        .args(["report", "--output"])
        .arg(&html)
        .arg(".")
        // Local links, as a desk's own run makes them (not GitHub's).
        .env_remove("GITHUB_SHA")
        .status()
        .unwrap();
    assert!(status.success());
    let status = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .current_dir(&archive)
        .args(["check", "--format", "json", "--exit-zero", "--output"])
        .arg(&json)
        .arg(".")
        .status()
        .unwrap();
    assert!(status.success());
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();

    std::fs::create_dir_all(root().join("docs")).unwrap();
    let screenshot = root().join("docs/report.png");
    let page = browse("report.mjs", &html, &[&screenshot], Some(dir.path()));
    let file_url = page["url"].as_str().unwrap();
    assert!(file_url.starts_with("file://"));

    // Nothing was requested but the page itself: no font, no script, no beacon.
    assert_eq!(page["requests"], serde_json::json!([file_url]), "{page}");
    assert_eq!(
        page["errors"],
        serde_json::json!([]),
        "script errors: {page}"
    );
    // The page's script and the index it reads.
    assert_eq!(page["scripts"], 2);
    assert_eq!(
        page["title"],
        "Riverside Ledger — quotations before publication"
    );

    // Every article and every line links to the local copy.
    let local = format!("file://{}", archive.display());
    assert_eq!(
        page["article_links"],
        serde_json::json!([
            format!("{local}/bridge-vote.md"),
            format!("{local}/clinic-hours.md"),
            format!("{local}/letters.md")
        ])
    );
    for row in page["rows"].as_array().unwrap() {
        let want = format!("{local}/{}", row["path"].as_str().unwrap());
        assert_eq!(row["line_href"], want.as_str(), "{row}");
    }

    // The stamp: when, which commit and branch, whether dirty, which citelint, and the
    // SHA-256 of the registry and the configuration as they are on disk.
    let stamp = &page["stamp"];
    let date = stamp["date"].as_str().unwrap();
    assert!(
        date.len() == 20 && date.ends_with('Z') && date.as_bytes()[10] == b'T',
        "{stamp}"
    );
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(root())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let head = git(&["rev-parse", "HEAD"]);
    assert_eq!(stamp["commit"], head[..12], "{stamp}");
    assert_eq!(stamp["branch"], git(&["rev-parse", "--abbrev-ref", "HEAD"]));
    assert!(["clean", "dirty (uncommitted changes)"].contains(&stamp["dirty"].as_str().unwrap()));
    assert_eq!(stamp["version"], env!("CARGO_PKG_VERSION"));
    let sha = |name: &str| {
        use sha2::Digest;
        format!(
            "{:x}",
            sha2::Sha256::digest(std::fs::read(archive.join(name)).unwrap())
        )
    };
    assert!(
        stamp["registry"]
            .as_str()
            .unwrap()
            .ends_with(&sha("registry.yml")),
        "{stamp}"
    );
    assert!(
        stamp["config"]
            .as_str()
            .unwrap()
            .ends_with(&sha(".citelint.yml")),
        "{stamp}"
    );

    // Every quotation of every article is a visible row with its verdict, as check says.
    let rows = page["rows"].as_array().unwrap();
    let mut want = Vec::new();
    for file in expected["files"].as_array().unwrap() {
        let broken = file.get("broken").and_then(|b| b.as_array());
        for q in file["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .chain(broken.into_iter().flatten())
        {
            want.push((
                file["path"].as_str().unwrap().to_string(),
                q["id"].as_str().unwrap().to_string(),
                q["verdict"].as_str().unwrap().to_string(),
            ));
        }
    }
    want.sort();
    let mut got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            assert_eq!(r["visible"], true, "{r}");
            let verdict = r["verdict"].as_str().unwrap();
            // The badge says the verdict in words, not only in colour.
            assert_eq!(r["badge"], verdict.replace('-', " "), "{r}");
            (
                r["path"].as_str().unwrap().to_string(),
                r["id"].as_str().unwrap().to_string(),
                verdict.to_string(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got, want);
    let verdicts: std::collections::BTreeSet<&str> =
        want.iter().map(|(_, _, v)| v.as_str()).collect();
    assert_eq!(
        verdicts.into_iter().collect::<Vec<_>>(),
        ["altered", "no-source", "not-found", "verified"]
    );

    // The hostile quotation is text in the page, with its markup.
    assert!(rows.iter().any(|r| r["quote"]
        .as_str()
        .unwrap()
        .starts_with("“<script>alert(\"pwned\")</script> </td><td> Tables & 'quotes' &")));
    // A resolved speaker shows the registry's name, role and place.
    assert!(rows
        .iter()
        .any(|r| r["speaker"]
            == "She (pronoun) → Marguerite Oyelaran Mayor of Riverside registry.yml:4"));
    // Findings outside quotations have their own list.
    let loose: Vec<&str> = page["loose"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(!loose.iter().any(|l| l.starts_with("CQ001")), "{loose:?}");
    // The quotation that lost its opening mark is a row, rebuilt from the suggested opening,
    // with its speaker, its verdict and the badge; its CQ001 finding is filed under it.
    let rebuilt: Vec<&serde_json::Value> = rows.iter().filter(|r| r["broken"] == "CQ001").collect();
    assert_eq!(rebuilt.len(), 1, "{rows:?}");
    let rebuilt = rebuilt[0];
    assert_eq!(
        rebuilt["quote"],
        "The clinic's board said the extra hours are paid for through June, and that the budget was tight this year.”"
    );
    assert_eq!(rebuilt["broken_badge"], "marks broken");
    assert_eq!(rebuilt["id"], "b1");
    assert_eq!(rebuilt["verdict"], "no-source");
    assert_eq!(
        rebuilt["speaker"],
        "a person familiar with the schedule (anonymous)"
    );
    assert!(rebuilt["findings"].as_str().unwrap().contains("CQ001"));
    // A finding outside any quotation shows its line.
    assert!(
        loose.iter().any(|l| l.starts_with("CA003 error 5:30")),
        "{loose:?}"
    );
    assert!(
        loose.iter().any(|l| l.starts_with("CA003 error 5:30")
            && l.ends_with("In a reply, Mayor Marguerite Oyelarn said the path would be repaired before the summer.")),
        "{loose:?}"
    );

    // Messages are rendered with inline code, never literal backticks, and a finding's
    // "how to fix" opens its rule's documentation in the page.
    assert_eq!(page["backticks"], 0, "{page}");
    assert!(page["message_code"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "transit-hearing"));
    let href = page["how_to_fix_href"].as_str().unwrap();
    assert!(href.starts_with("#rule-C"), "{href}");
    assert_eq!(page["rule_doc_open"], true);
    assert!(page["rule_doc_text"]
        .as_str()
        .unwrap()
        .contains("How to fix"));

    // The verdict filter: only `altered` left checked shows exactly the altered rows.
    let altered = page["altered_only"].as_array().unwrap();
    let n_altered = want.iter().filter(|(_, _, v)| v == "altered").count();
    assert_eq!(altered.len(), n_altered);
    assert!(altered.iter().all(|r| r["verdict"] == "altered"));
    assert_eq!(
        page["status_altered_only"],
        format!("showing {n_altered} of {} quotations", want.len())
    );
    assert_eq!(page["after_reset"], want.len());
    // The rule filter, the search box and the speaker filter.
    let rule = page["rule_filter"]["rule"].as_str().unwrap();
    let by_rule = page["rule_filter"]["rows"].as_array().unwrap();
    assert!(!by_rule.is_empty());
    assert!(by_rule
        .iter()
        .all(|r| r["rules"].as_str().unwrap().split(' ').any(|c| c == rule)));
    assert_eq!(page["search_tram"].as_array().unwrap().len(), 1);
    assert_eq!(page["search_tram"][0]["verdict"], "not-found");
    assert_eq!(page["speaker_lindqvist"], 2);
    // Sorting by the Line column, twice: descending.
    let lines: Vec<u64> = page["sorted_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut descending = lines.clone();
    descending.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(lines, descending);
    assert!(lines.len() > 1);
    // A phone: rows become cards and nothing is wider than the screen.
    assert_eq!(page["phone"]["thead_display"], "none");
    assert!(page["phone"]["scroll_width"].as_u64().unwrap() <= 390);

    assert!(Path::new(&screenshot).is_file());

    // The sign-off round trip: the work exported from the first page comes back in a
    // report made again with --signoff, in a fresh browser with nothing stored.
    let work = |page: &serde_json::Value| -> Vec<(String, String, String, String, String)> {
        page["states"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["state"] != "unchecked" || s["note"] != "")
            .map(|s| {
                let f = |k: &str| s[k].as_str().unwrap().to_string();
                (f("path"), f("id"), f("state"), f("note"), f("checker"))
            })
            .collect()
    };
    let want = vec![
        (
            "bridge-vote.md".to_string(),
            "q2".to_string(),
            "query".to_string(),
            "ask the mayor's office for the tape".to_string(),
            "Jo Park".to_string(),
        ),
        (
            "clinic-hours.md".to_string(),
            "b1".to_string(),
            "checked".to_string(),
            String::new(),
            "Jo Park".to_string(),
        ),
    ];
    assert_eq!(work(&page), want);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("signoff.json")).unwrap())
            .unwrap();
    assert_eq!(
        exported["entries"].as_array().unwrap().len(),
        2,
        "{exported}"
    );
    assert_eq!(exported["entries"][0]["speaker"], "Marguerite Oyelaran");
    let csv = std::fs::read_to_string(dir.path().join("signoff.csv")).unwrap();
    assert!(
        csv.starts_with("path,text,speaker,state,note,checker,time\r\n"),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 3, "{csv}");
    let again = dir.path().join("again.html");
    let status = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .current_dir(&archive)
        .args(["report", "--signoff"])
        .arg(dir.path().join("signoff.json"))
        .arg("--output")
        .arg(&again)
        .arg(".")
        .status()
        .unwrap();
    assert!(status.success());
    let page_again = browse("report.mjs", &again, &[], None);
    assert_eq!(work(&page_again), want);
}

/// An archive larger than the articles built at once: the rest are built as they near the
/// screen or a link names them, and the search, the counts and the sign-off export cover
/// them before they are built (`tests/browser/archive.mjs`).
#[test]
#[ignore = "needs Chromium, Node and tests/browser's npm package: .ci/run installs them and passes --ignored"]
fn a_large_archive_builds_its_articles_as_they_are_needed() {
    if let Some(why) = missing() {
        panic!("the browser test cannot run: {why}");
    }
    let archive = tempfile::TempDir::new().unwrap();
    for i in 1..=45 {
        let word = if i == 37 { "zeppelin" } else { "budget" };
        std::fs::write(
            archive.path().join(format!("a{i:02}.md")),
            format!("# Item {i}\n\nThe mayor said the plan was “a {word} for year {i}.”\n"),
        )
        .unwrap();
    }
    let html = archive.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_citelint"))
        .current_dir(archive.path())
        .args(["report", "--no-config", "--output", "report.html", "."])
        .status()
        .unwrap();
    assert!(status.success());
    let page = browse("archive.mjs", &html, &[], None);
    assert_eq!(page["errors"], serde_json::json!([]), "{page}");
    assert_eq!(page["requests"].as_array().unwrap().len(), 1, "{page}");
    // Twenty articles are built at once, of 45.
    assert_eq!(
        page["at_load"],
        serde_json::json!({"sections": 45, "built": 20, "rows": 20}),
        "{page}"
    );
    assert_eq!(page["status"], "45 quotations");
    assert_eq!(page["search_status"], "showing 1 of 45 quotations");
    assert_eq!(page["search_sections"], serde_json::json!(["a37"]));
    assert_eq!(
        page["search_rows"],
        serde_json::json!(["a zeppelin for year 37."])
    );
    assert_eq!(page["linked_rows"], 1);
    let exported = page["exported"].as_array().unwrap();
    assert_eq!(exported.len(), 1, "{page}");
    assert_eq!(exported[0]["path"], "a40.md");
    assert_eq!(exported[0]["state"], "query");
    assert_eq!(exported[0]["checker"], "Jo Park");
    assert_eq!(
        page["at_end"],
        serde_json::json!({"sections": 45, "built": 45, "rows": 45}),
        "{page}"
    );
}
