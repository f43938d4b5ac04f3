//! `citelint report` end to end on the fixture archive `fixtures/report/` (three invented
//! articles, a registry and local sources: every verdict, findings inside and outside
//! quotations, and a hostile quotation): escaping, CSV, shards, snapshots, bad input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn archive() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/report")
}

fn citelint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("citelint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// `citelint ARGS` in the archive: its standard output (the run must succeed with 0).
fn run(args: &[&str]) -> String {
    let out = citelint(&archive()).args(args).assert().code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn check_json() -> serde_json::Value {
    let out = citelint(&archive())
        .args(["check", "--format", "json", "."])
        .assert()
        .code(1);
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

const HOSTILE: &str = "<script>alert(\"pwned\")</script> </td><td> Tables & 'quotes' & ampersands & all of it stays text,";

#[test]
fn a_report_is_written_whatever_the_findings() {
    // The archive has errors: `check` fails, `report` does not.
    let html = run(&[
        "report", "--format", "html", "--jobs", "2", "--select", "CV001", ".",
    ]);
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<title>Riverside Ledger — quotations before publication</title>"));
    // --select narrows the findings, not the quotations.
    // The twelfth and thirteenth: one quotation lost its opening mark and is rebuilt.
    assert_eq!(html.matches("<tr class=\"q\"").count(), 13);
    assert_eq!(
        html.matches(" data-verdict=\"no-source\" data-broken=\"CQ001\"")
            .count(),
        1
    );
    assert!(!html.contains("CA002 warning"));
}

#[test]
fn the_hostile_quotation_is_text() {
    let json = check_json();
    let quotes = &json["files"][2]["quotes"];
    assert_eq!(json["files"][2]["path"], "letters.md");
    assert_eq!(
        quotes[0]["text"], HOSTILE,
        "the fixture's quotation decodes to markup"
    );
    let html = run(&["report", "."]);
    // The page's own script and its index are the only scripts; the quotation's markup is
    // escaped, in the rows and in the index (which has no `<` at all).
    assert_eq!(html.matches("<script").count(), 2, "{html}");
    assert_eq!(html.matches("</script>").count(), 2);
    let index = html
        .split("<script type=\"application/json\" id=\"index\">")
        .nth(1)
        .unwrap();
    let index = &index[..index.find("</script>").unwrap()];
    assert!(!index.contains('<'), "{index}");
    assert!(
        index.contains("\\u003cscript>alert(\\\"pwned\\\")"),
        "{index}"
    );
    assert!(!html.contains("alert(\"pwned\")"));
    assert!(!html.contains("</td><td> Tables"));
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;pwned&quot;)&lt;&#x2f;script&gt; &lt;&#x2f;td&gt;&lt;td&gt; Tables &amp; &#x27;quotes&#x27; &amp; ampersands"
    ));
    // Nothing may be fetched, even if markup did get through.
    assert!(html.contains("content=\"default-src 'none';"));
    let markdown = run(&["report", "--format", "markdown", "."]);
    assert!(markdown.contains("“&lt;script&gt;alert(\"pwned\")&lt;/script&gt; &lt;/td&gt;&lt;td&gt; Tables &amp; 'quotes' &amp; ampersands"));
    assert!(!markdown.contains("<script") && !markdown.contains("</td>"));
}

#[test]
fn csv_has_one_row_per_quotation_and_reads_back() {
    let json = check_json();
    let csv_text = run(&["report", "--format", "csv", "."]);
    assert!(csv_text.ends_with("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, citelint::output::report::csv::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let quotes: Vec<(&serde_json::Value, &serde_json::Value)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let broken = f.get("broken").and_then(|b| b.as_array());
            f["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .chain(broken.into_iter().flatten())
                .map(move |q| (&f["path"], q))
        })
        .collect();
    assert_eq!(rows.len(), quotes.len());
    assert_eq!(rows.len(), 13);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, (path, q)) in rows.iter().zip(&quotes) {
        assert_eq!(row.len(), header.len());
        assert_eq!(&row[col("path")], path.as_str().unwrap());
        assert_eq!(&row[col("quote_id")], q["id"].as_str().unwrap());
        assert_eq!(&row[col("text")], q["text"].as_str().unwrap());
        assert_eq!(&row[col("verdict")], q["verdict"].as_str().unwrap());
        assert_eq!(
            row[col("line")].parse::<u64>().unwrap(),
            q["start"]["line"].as_u64().unwrap()
        );
    }
    let hostile = rows
        .iter()
        .find(|r| &r[col("path")] == "letters.md")
        .unwrap();
    assert_eq!(&hostile[col("text")], HOSTILE);
    let altered = rows
        .iter()
        .find(|r| &r[col("verdict")] == "altered")
        .unwrap();
    assert_eq!(
        &altered[col("diff")],
        "every neighborhood deserves a bus that comes when the [-schedule-] {+timetable+} says it will"
    );
    assert_eq!(&altered[col("registry_role")], "Mayor of Riverside");
    assert_eq!(&altered[col("registry_file")], "registry.yml");
    assert_eq!(&altered[col("registry_line")], "4");
}

#[test]
fn shards_merge_into_the_unsharded_report() {
    let dir = TempDir::new().unwrap();
    let mut shards = Vec::new();
    for k in 1..=3 {
        let path = dir.path().join(format!("shard-{k}.json"));
        citelint(&archive())
            .args(["check", "--format", "json", "--exit-zero", "--shard"])
            .arg(format!("{k}/3"))
            .arg("--output")
            .arg(&path)
            .arg(".")
            .assert()
            .code(0);
        shards.push(path);
    }
    let sizes: Vec<usize> = shards
        .iter()
        .map(|p| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            v["files"].as_array().unwrap().len()
        })
        .collect();
    assert_eq!(
        sizes.iter().sum::<usize>(),
        3,
        "every article in one shard: {sizes:?}"
    );
    for format in ["html", "csv", "markdown", "json"] {
        let whole = run(&["report", "--no-stamp", "--format", format, "."]);
        let out = citelint(&archive())
            .args(["report", "--no-stamp", "--format", format, "--from"])
            // In another order than the shards: the report sorts by path.
            .args(shards.iter().rev())
            .assert()
            .code(0);
        let merged = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            whole == merged,
            "--format {format}: the merged report differs"
        );
    }
    // The merged JSON is check's JSON, with the summary counted over every shard.
    let json: serde_json::Value =
        serde_json::from_str(&run(&["report", "--format", "json", "."])).unwrap();
    let mut check = check_json();
    assert_eq!(json["summary"], check["summary"]);
    check["files"]
        .as_array_mut()
        .unwrap()
        .sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    assert_eq!(json["files"], check["files"]);
}

#[test]
fn markdown_and_csv_snapshots() {
    insta::assert_snapshot!(
        "report_markdown",
        run(&["report", "--format", "markdown", "."])
    );
    insta::assert_snapshot!("report_csv", run(&["report", "--format", "csv", "."]));
}

#[test]
fn bad_results_are_usage_errors_with_a_place() {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let cases = [
        (
            write("syntax.json", "{\"version\": 1,\n  \"files\": [\n    {\"path\": \"a.md\",, }\n"),
            "syntax.json:3:21: not valid JSON",
        ),
        (
            write(
                "shape.json",
                "{\"version\": 1, \"tool\": {\"name\": \"citelint\", \"version\": \"0.1.0\"},\n \"files\": [{\"path\": \"a.md\", \"quotes\": 7, \"findings\": []}]}\n",
            ),
            "shape.json:2:39: not citelint results: invalid type: integer `7`",
        ),
        (
            write("newer.json", "{\n  \"version\": 2,\n  \"files\": []\n}\n"),
            "newer.json:2:3: results of schema version 2 cannot",
        ),
        (write("empty.json", ""), "empty.json:1:1: not valid JSON (it ends too soon)"),
    ];
    for (path, message) in &cases {
        citelint(dir.path())
            .args(["report", "--from"])
            .arg(path.file_name().unwrap())
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(*message));
    }
    citelint(dir.path())
        .args(["report", "--from", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));
    // The same file twice: which results to believe is not clear.
    let shard = dir.path().join("all.json");
    citelint(&archive())
        .args(["check", "--format", "json", "--exit-zero", "-o"])
        .arg(&shard)
        .arg(".")
        .assert()
        .code(0);
    citelint(dir.path())
        .args(["report", "--from", "all.json", "all.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bridge-vote.md is in both all.json and all.json",
        ));
    // --from replaces the run: it cannot be given paths or run options.
    for args in [
        &["report", "story.md", "--from", "all.json"][..],
        &["report", "--registry", "r.yml", "--from", "all.json"],
    ] {
        citelint(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot be used with"));
    }
}

#[test]
fn configuration_gives_title_and_output() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(".citelint.yml"),
        "report:\n  title: The <Desk> & its ledger\n  output: out/ledger.html\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("story.md"), "“Yes,” Ortega said.\n").unwrap();
    citelint(dir.path())
        .arg("report")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("wrote"));
    let html = std::fs::read_to_string(dir.path().join("out/ledger.html")).unwrap();
    assert!(html.contains("<title>The &lt;Desk&gt; &amp; its ledger</title>"));
    // Other formats go to standard output unless --output says otherwise.
    let out = citelint(dir.path())
        .args(["report", "--format", "markdown"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout)
        .starts_with("## The &lt;Desk&gt; &amp; its ledger"));
    std::fs::write(dir.path().join(".citelint.yml"), "report:\n  titel: x\n").unwrap();
    citelint(dir.path())
        .arg("report")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `title`?"));
}

#[test]
fn the_job_summary_counts_the_real_verdicts() {
    // `check`'s GitHub job summary and the report count verdicts alike.
    let dir = TempDir::new().unwrap();
    let summary = dir.path().join("summary.md");
    citelint(&archive())
        .args(["check", "--format", "github", "."])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(summary).unwrap();
    for line in [
        "| altered | 2 |",
        "| no-source | 6 |",
        "| not-found | 1 |",
        "| verified | 3 |",
    ] {
        assert!(text.contains(line), "{line} not in:\n{text}");
    }
}

/// The evidence an online run kept reaches the report: `fixtures/cv003-source-unreachable`
/// holds a fetch cache (a page moved, read through its archive; a deleted post), reported
/// with `--offline` so that no network is involved.
#[test]
fn fetched_evidence_and_dead_sources_reach_the_report() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cv003-source-unreachable");
    let report = |format: &str| {
        let out = citelint(&dir)
            .args(["report", "--offline", "--format", format, "flag.md"])
            .assert()
            .code(0)
            .stderr(predicate::str::contains(
                "sources: 3 URLs from the fetch cache: 1 read, 2 gone, 0 unreadable",
            ));
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let archived = "https://archive.example.org/2024/harbor.example.gov/news/ferry-statement";
    // The archived page's cache entry: its hash is the evidence.
    let entry: serde_json::Value = std::fs::read_dir(dir.join("cache"))
        .unwrap()
        .map(|e| serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap())
        .find(|e: &serde_json::Value| e["url"] == archived)
        .unwrap();
    let sha = entry["sha256"].as_str().unwrap().to_string();

    let csv_text = report("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let verdicts: Vec<&str> = rows.iter().map(|r| &r[col("verdict")]).collect();
    assert_eq!(verdicts, ["verified", "unverifiable", "verified"]);
    let first = &rows[0];
    assert_eq!(&first[col("evidence_url")], archived);
    assert_eq!(&first[col("evidence_status")], "200");
    assert_eq!(&first[col("evidence_fetched_at")], "2024-11-27T11:00:00Z");
    assert_eq!(&first[col("evidence_sha256")], sha);
    assert!(first[col("rules")].contains("CV003"), "{:?}", first);

    let html = report("html");
    // HTML escapes `/` in text.
    assert!(html.contains(&archived.replace('/', "&#x2f;")));
    assert!(html.contains(&sha[..12]), "the body's hash is shown");
    assert!(html.contains("2024-11-27"), "the fetch time is shown");
    assert!(html.contains("is gone: HTTP 410 Gone"));
}
