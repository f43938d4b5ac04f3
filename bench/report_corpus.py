#!/usr/bin/env python3
"""Measures the fact-checker report on the corpus: its size, the time to make it, and the
time headless Chromium takes to load and first render it.

    python3 bench/report_corpus.py [CORPUS_DIR] [--runs N] [--scale K]

`--scale K` measures an archive K times the corpus: K copies of it side by side.

Two reports: the corpus as it is (no registry: every quotation `no-source`), and the corpus
against a registry generated from citelint's own reading of it (bench/verify_corpus.py:
verified, altered with diffs, not found), which fills the speaker, source and diff cells
a real newsroom's report has. Chromium runs through tests/browser/report.mjs (npm ci in
tests/browser first). Nothing from the corpus is written into the repository: the reports
and the registry live in a temporary directory.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from registry import timed  # bench/registry.py: median of whole runs
from verify_corpus import registry  # the generated registry

ROOT = Path(__file__).resolve().parent.parent


def browser(html: Path, runs: int) -> dict:
    """Median load and render times over `runs` fresh Chromium loads."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            ["node", str(ROOT / "tests" / "browser" / "report.mjs"), "--timing", str(html)],
            capture_output=True, text=True, check=True,
        )
        samples.append(json.loads(out.stdout))
    assert all(s["requests"] == [s["url"]] for s in samples), "the page made a request"
    assert all(not s["errors"] for s in samples), samples[0]["errors"]
    median = lambda key: statistics.median(s["timing"][key] for s in samples)  # noqa: E731
    return {
        "rows_built": samples[0]["row_count"],
        "dom_content_loaded_ms": median("dom_content_loaded_ms"),
        "load_ms": median("load_ms"),
        "first_paint_ms": statistics.median(s["timing"]["first_contentful_paint_ms"] or 0 for s in samples),
        "filters_ready_ms": median("filters_ready_ms"),
        "rendered_ms": statistics.median(s["rendered_ms"] for s in samples),
        "filter_ms": statistics.median(s["filter_ms"] for s in samples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="measure K copies of the corpus")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    citelint = str(target / "release" / "citelint")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = args.corpus
        if args.scale > 1:
            corpus = tmp / "archive"
            for copy in range(args.scale):
                shutil.copytree(args.corpus, corpus / f"copy{copy}")
            corpus = str(corpus)
        check = [citelint, "check", "--no-config", "--format", "json", corpus]
        plain = json.loads(subprocess.run(check, capture_output=True, text=True).stdout)
        quotes = sum(len(f["quotes"]) for f in plain["files"])
        recorded = tmp / "recorded.yml"
        recorded.write_text(registry(plain)[0])
        for name, extra in [("no registry", []), ("generated registry", ["--registry", str(recorded)])]:
            html = tmp / "report.html"
            cmd = [citelint, "report", "--no-config", *extra, "--output", str(html), corpus]
            seconds = timed(cmd, args.runs)
            check_seconds = timed(check + extra, args.runs)
            subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
            size = html.stat().st_size
            b = browser(html, args.runs)
            print(
                f"{name}: {quotes} quotations ({b['rows_built']} built at load); report "
                f"{size / 1e6:.1f} MB in {seconds:.2f} s (check --format json: {check_seconds:.2f} s); "
                f"Chromium: first paint {b['first_paint_ms']:.0f} ms, filters ready "
                f"{b['filters_ready_ms']:.0f} ms, DOMContentLoaded {b['dom_content_loaded_ms']:.0f} ms, "
                f"load {b['load_ms']:.0f} ms, rendered {b['rendered_ms']:.0f} ms, verdict filter "
                f"{b['filter_ms']:.0f} ms"
            )


if __name__ == "__main__":
    main()
