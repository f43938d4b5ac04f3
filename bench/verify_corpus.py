#!/usr/bin/env python3
"""Times the corpus run with every attributed quotation checked against recorded wording.

    python3 bench/verify_corpus.py [CORPUS_DIR] [--runs N]

A registry is generated from citelint's own reading of the corpus: one person per named
speaker, and one source per person whose recorded quotes are that speaker's quotations,
every fourth with one word changed (to be found `altered`) and every seventh left out (to be
`not-found`). The script prints the verdicts, and the median time of the run without and
with the registry. Nothing from the corpus is written into the repository: the registry
lives in a temporary directory.
"""
import argparse
import collections
import json
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from registry import timed  # bench/registry.py: median of whole runs

ROOT = Path(__file__).resolve().parent.parent


def fold(name: str) -> str:
    """The registry's folding, near enough: letters and digits, lowercase, no accents."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def registry(check_json: dict) -> tuple[str, int]:
    by_speaker: dict[str, list[str]] = collections.defaultdict(list)
    names: dict[str, str] = {}
    for f in check_json["files"]:
        for q in f["quotes"]:
            s = q["speaker"]
            if q["parent"] or q["kind"] == "term" or not s or s["kind"] != "name" or not s["name"]:
                continue
            key = fold(s["name"])
            # Only clean names: a speaker read with stray markup would collide with others.
            if " " not in key or not all(c.isalpha() or c in " .'-" for c in s["name"]):
                continue
            names.setdefault(key, s["name"])
            by_speaker[key].append(q["text"])
    lines = ["version: 1", "people:"]
    for i, key in enumerate(sorted(names)):
        lines += [f"  - id: person-{i}", f"    name: {json.dumps(names[key])}"]
    lines.append("sources:")
    recorded = 0
    for i, key in enumerate(sorted(names)):
        lines += [f"  - id: source-{i}", "    kind: statement", f"    by: [person-{i}]", "    quotes:"]
        for n, text in enumerate(by_speaker[key]):
            if n % 7 == 6:
                continue
            words = text.split()
            if n % 4 == 3 and len(words) > 5:
                words[len(words) // 2] = "zeppelin"
            lines.append(f"      - text: {json.dumps(' '.join(words))}")
            recorded += 1
    return "\n".join(lines) + "\n", recorded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    citelint = str(ROOT / "target" / "release" / "citelint")
    base = [citelint, "check", "--no-config", "--format", "json", args.corpus]
    plain = json.loads(subprocess.run(base, capture_output=True, text=True).stdout)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "recorded.yml"
        text, recorded = registry(plain)
        path.write_text(text)
        subprocess.run([citelint, "registry", "check", str(path)], check=True, stdout=subprocess.DEVNULL)
        checked = json.loads(subprocess.run(base + ["--registry", str(path)], capture_output=True, text=True).stdout)
        verdicts = collections.Counter(q["verdict"] for f in checked["files"] for q in f["quotes"])
        without = timed(base, args.runs)
        with_registry = timed(base + ["--registry", str(path)], args.runs)
    quotes = sum(verdicts.values())
    print(f"{recorded} recorded quotes; {quotes} quotations: " + ", ".join(f"{v} {n}" for v, n in verdicts.most_common()))
    print(f"without a registry        median {without:.3f} s")
    print(f"with recorded wording     median {with_registry:.3f} s")
    print(f"ratio {with_registry / without:.2f}")


if __name__ == "__main__":
    main()
