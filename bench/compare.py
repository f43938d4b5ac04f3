#!/usr/bin/env python3
"""Times whole runs of citelint against markdownlint-cli2 on the same Markdown files.

    python3 bench/compare.py [CORPUS_DIR] [--runs N]

CORPUS_DIR defaults to ../shared/corpus (the 600 public-domain articles). The script builds
citelint in release mode, installs markdownlint-cli2 from npm into bench/.tools on first use,
and reports for each tool the median wall time of N runs, throughput in MB/s, and peak
resident memory (of the process and its children). It then copies the corpus ten times into
a temporary directory and measures citelint's peak memory there.

Both tools get the same explicit file list, so directory-walking rules do not differ.
Exit status is 0 even when the tools report findings (they are expected to).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "bench" / ".tools"


def markdown_files(corpus: Path) -> list[str]:
    files = [p for p in corpus.rglob("*") if p.suffix in {".md", ".markdown", ".mdx"} and p.is_file()]
    return sorted(str(p) for p in files)


def run_once(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB of one run (children measured in a fresh process)."""
    probe = (
        "import resource,subprocess,sys,time;"
        "t=time.perf_counter();"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, text=True, check=True)
    seconds, rss = out.stdout.split()
    return float(seconds), int(rss)


def measure(name: str, cmd: list[str], cwd: Path, runs: int, megabytes: float) -> dict:
    run_once(cmd, cwd)  # warm the page cache
    samples = [run_once(cmd, cwd) for _ in range(runs)]
    median = statistics.median(s for s, _ in samples)
    peak = max(r for _, r in samples)
    result = {"tool": name, "median_s": median, "mb_per_s": megabytes / median, "peak_mib": peak / 1024}
    print(f"{name:<22} median {median:8.3f} s   {result['mb_per_s']:8.1f} MB/s   peak {result['peak_mib']:7.1f} MiB")
    return result


def markdownlint() -> list[str]:
    binary = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "markdownlint-cli2@0.24"],
                       check=True, stdout=subprocess.DEVNULL)
    return [str(binary)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-markdownlint", action="store_true")
    args = parser.parse_args()

    corpus = Path(args.corpus).resolve()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    citelint = str(ROOT / "target" / "release" / "citelint")
    files = markdown_files(corpus)
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    jobs = os.cpu_count()
    print(f"{len(files)} files, {megabytes:.1f} MB, {jobs} cores, median of {args.runs} runs\n")

    results = [measure("citelint --format json", [citelint, "check", "--no-config", "--format", "json", *files],
                       corpus, args.runs, megabytes)]
    if not args.skip_markdownlint:
        # markdownlint-cli2 reads globs; explicit paths are globs that match themselves.
        results.append(measure("markdownlint-cli2", [*markdownlint(), *files], corpus, args.runs, megabytes))
        ratio = results[1]["median_s"] / results[0]["median_s"]
        print(f"\ncitelint is {ratio:.1f} times faster than markdownlint-cli2")

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(10):
            shutil.copytree(corpus, Path(tmp) / f"copy{i}")
        big = markdown_files(Path(tmp))
        big_mb = sum(os.path.getsize(f) for f in big) / 1e6
        print(f"\ncorpus x10: {len(big)} files, {big_mb:.1f} MB")
        measure("citelint x10 (walk)", [citelint, "check", "--no-config", "--format", "json", tmp], Path(tmp), 3, big_mb)


if __name__ == "__main__":
    main()
