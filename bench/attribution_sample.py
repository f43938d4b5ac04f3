#!/usr/bin/env python3
"""Draws a reproducible random sample of top-level corpus quotations for blind labelling.

    python3 bench/attribution_sample.py --seed 2026 --count 120 ../shared/corpus
    python3 bench/attribution_sample.py --seed 2026 --json check.json ../shared/corpus

It runs `citelint check --no-config --format json CORPUS` (the release binary of this
checkout, built if missing) or reads that output from --json, keeps the top-level
quotations (no parent: a quotation nested in another is judged with its outer one) of the
articles under CORPUS, leaving out folders named by --exclude (by default the
`broken-quote-examples` defects, as in the README's earlier rounds), and draws --count of
them with Python's `random.Random(seed)`, so the same seed on the same corpus and code
gives the same sample.

For the labeller it prints each sampled quotation's id, path, line and byte span, with the
paragraph that holds it (the quotation set off by ⟦ ⟧) and the paragraph before it, cut
to --before/--after bytes around the quotation, and the nearest heading above it. It is
blind on purpose: it never reads or prints citelint's speaker, kind or any other part of its
attribution, only where each quotation is.

It writes the label template bench/attribution/sample-<seed>.tsv (refusing to overwrite one
unless --force): one row per quotation with id, path (relative to CORPUS), start and end
bytes, line, and empty `speaker`, `kind` and `comment` columns. The template holds no corpus
text, only where each quotation is. See bench/attribution_score.py for how to fill it in.
"""
import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS_DIR = ROOT / "bench" / "attribution"
COLUMNS = ["id", "path", "start", "end", "line", "speaker", "kind", "comment"]
OPEN_MARK, CLOSE_MARK = "⟦", "⟧"


def citelint_json(corpus: Path, json_path: str | None) -> dict:
    """citelint's JSON for the corpus: read from a file, or from a fresh run of the binary."""
    if json_path:
        return json.loads(Path(json_path).read_text(encoding="utf-8"))
    binary = ROOT / "target" / "release" / "citelint"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    # Findings make the exit status non-zero; only the JSON on stdout matters here.
    run = subprocess.run(
        [str(binary), "check", "--no-config", "--format", "json", str(corpus)],
        capture_output=True,
        text=True,
    )
    if not run.stdout.strip():
        sys.exit(f"citelint printed no JSON (exit {run.returncode}): {run.stderr[:500]}")
    return json.loads(run.stdout)


def relative_path(path: str, corpus: Path) -> str | None:
    """The file's path relative to the corpus root, or None when it lies outside it."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return None


def population(report: dict, corpus: Path, exclude: list[str]) -> list[tuple[str, int, int, int]]:
    """Every top-level quotation as (relative path, start byte, end byte, line), sorted so that
    the draw does not depend on the order citelint printed the files in."""
    found = []
    for file in report.get("files", []):
        rel = relative_path(file["path"], corpus)
        if rel is None or rel.split("/", 1)[0] in exclude:
            continue
        for quote in file.get("quotes", []):
            if quote.get("parent") is not None:
                continue
            span = quote["span"]
            found.append((rel, span["start"], span["end"], quote["start"]["line"]))
    return sorted(found)


def paragraphs(raw: bytes) -> list[tuple[int, int]]:
    """Byte ranges of a file's blank-line-separated paragraphs (citelint's spans are bytes)."""
    ranges, start, pos = [], None, 0
    for line in raw.splitlines(keepends=True):
        if line.strip():
            if start is None:
                start = pos
        elif start is not None:
            ranges.append((start, pos))
            start = None
        pos += len(line)
    if start is not None:
        ranges.append((start, pos))
    return ranges


def heading_above(raw: bytes, start: int) -> str | None:
    """The nearest Markdown heading line above the span (a label for lists of quotations)."""
    for line in reversed(raw[:start].splitlines()):
        if line.lstrip().startswith(b"#"):
            return line.decode("utf-8", errors="replace").strip()
    return None


def show(raw: bytes, start: int, end: int, before: int, after: int) -> str:
    """The paragraph before and the paragraph holding the span, with the span marked, cut to
    `before` bytes ahead of the span and `after` bytes behind it (long lists are one paragraph)."""
    ranges = paragraphs(raw)
    holder = next((i for i, (a, b) in enumerate(ranges) if a <= start < b), None)
    if holder is None:
        a, b = max(0, start - before), end + after
    else:
        first = max(0, holder - 1)
        # A quotation that runs over several paragraphs is shown to its end.
        last = holder
        while last + 1 < len(ranges) and ranges[last][1] < end:
            last += 1
        a, b = ranges[first][0], ranges[last][1]
    cut_a, cut_b = max(a, start - before), min(b, end + after)
    marked = raw[cut_a:start] + OPEN_MARK.encode() + raw[start:end] + CLOSE_MARK.encode() + raw[end:cut_b]
    text = marked.decode("utf-8", errors="replace").rstrip()
    return ("[…] " if cut_a > a else "") + text + (" […]" if cut_b < b else "")


def write_template(path: Path, sample: list[tuple[str, int, int, int]]) -> None:
    lines = ["\t".join(COLUMNS)]
    for n, (rel, start, end, line) in enumerate(sample, 1):
        lines.append("\t".join([f"s{n:03d}", rel, str(start), str(end), str(line), "", "", ""]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--json", help="read citelint's JSON output from this file instead of running it")
    parser.add_argument("--exclude", action="append", default=None, help="top-level corpus folder to leave out")
    parser.add_argument("--force", action="store_true", help="overwrite an existing template")
    parser.add_argument("--no-template", action="store_true", help="only print the sample")
    parser.add_argument("--before", type=int, default=1500, help="bytes of context shown before a quotation")
    parser.add_argument("--after", type=int, default=600, help="bytes of context shown after a quotation")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    exclude = args.exclude if args.exclude is not None else ["broken-quote-examples"]

    quotes = population(citelint_json(corpus, args.json), corpus, exclude)
    if len(quotes) < args.count:
        sys.exit(f"only {len(quotes)} top-level quotations; asked for {args.count}")
    sample = random.Random(args.seed).sample(quotes, args.count)

    if not args.no_template:
        template = LABELS_DIR / f"sample-{args.seed}.tsv"
        if template.exists() and not args.force:
            sys.exit(f"{template} exists (labels?); pass --force to overwrite it")
        LABELS_DIR.mkdir(parents=True, exist_ok=True)
        write_template(template, sample)
        print(f"# template: {template.relative_to(ROOT)}", file=sys.stderr)

    print(f"# {len(sample)} of {len(quotes)} top-level quotations, seed {args.seed}")
    for n, (rel, start, end, line) in enumerate(sample, 1):
        raw = (corpus / rel).read_bytes()
        print(f"\n=== s{n:03d}  {rel}:{line}  bytes {start}-{end}")
        heading = heading_above(raw, start)
        if heading:
            print(f"[heading above: {heading}]")
        print(show(raw, start, end, args.before, args.after))


if __name__ == "__main__":
    main()
