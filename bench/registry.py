#!/usr/bin/env python3
"""Times the corpus run with and without a 10,000-person registry.

    python3 bench/registry.py [CORPUS_DIR] [--runs N] [--people N]

Name lookups must not scan the registry per quotation: the run with the registry should stay
within 1.5 times the run without. The registry is generated (invented names, deterministic),
written to a temporary directory, and checked with `citelint registry check` first.
"""
import argparse
import random
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST = ["Ana", "Ben", "Cora", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal", "Lena",
         "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wen", "Ximena",
         "Yusuf", "Zara"]
SYLLABLES = ["al", "ber", "cas", "dor", "el", "fen", "gar", "hol", "in", "jor", "kel", "lam", "mor", "nov",
             "ost", "par", "quen", "ros", "sel", "tam", "ul", "ven", "wick", "yar", "zel"]


def registry(people: int) -> str:
    rng = random.Random(10_000)
    lines = ["version: 1", "people:"]
    seen = set()
    i = 0
    while i < people:
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{rng.choice(FIRST)} {surname}"
        if name in seen:
            continue
        seen.add(name)
        lines += [f"  - id: person-{i}", f"    name: {name}"]
        i += 1
    return "\n".join(lines) + "\n"


def timed(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    citelint = str(ROOT / "target" / "release" / "citelint")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "people.yml"
        path.write_text(registry(args.people))
        subprocess.run([citelint, "registry", "check", str(path)], check=True, stdout=subprocess.DEVNULL)
        base = [citelint, "check", "--no-config", "--format", "json", args.corpus]
        without = timed(base, args.runs)
        with_registry = timed(base + ["--registry", str(path)], args.runs)
    print(f"without a registry        median {without:.3f} s")
    print(f"with {args.people:,} people     median {with_registry:.3f} s")
    print(f"ratio {with_registry / without:.2f} (target: at most 1.5)")


if __name__ == "__main__":
    main()
