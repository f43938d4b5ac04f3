#!/usr/bin/env python3
"""Scores citelint's speakers against blind labels, and counts junk speakers in the corpus.

    target/release/citelint check --no-config --format json ../shared/corpus > check.json
    python3 bench/attribution_score.py bench/attribution/sample-2026.tsv check.json

LABELS is a template written by bench/attribution_sample.py and filled in by hand, one
quotation a row (tab-separated; lines starting with `#` are comments):

- `speaker`: the acceptable surface forms of the one entity who speaks, separated by `|`:
  the full name, the surname, the pronoun as written, the description as written
  (`Jane Doe|Doe|she`, `the harbor master`). `-` when the quotation has no speaker (a term,
  a title, a scare quote, an unattributed quotation).
- `kind`: speech, fragment or term; `comment`: anything about a hard case.

JSON is citelint's `check --format json` output; its quotations are matched to rows by file
path (relative to the corpus root, compared as a path suffix) and exact byte span.

The rule for "right" (strict, as in the README's earlier rounds):

- Every string is normalized the same way before it is compared: accents removed, case
  folded, a final possessive `'s` dropped, every run of characters other than letters and
  digits made one space (so `Gov.` is `gov`, `U.S.` is `u s`).
- A citelint speaker whose text is a junk speaker (see below) is wrong whatever it resolves to.
- Otherwise its candidates are its `text`, its `name` (the person a pronoun or surname
  stands for), its registry entry's `name` and its `registry_id` (an id only as a further
  spelling, since ids need not spell the name). A candidate matches a label
  form when the two are equal, either as they are or with leading titles stripped
  (`rules/lexicon/titles.yml`, then an article: `the`, `a`, `an`) as long as something is
  left. A text also matches when it is titles and capitalized words before a label form of
  two words or more (`EPA Administrator Michael Regan` for `Michael Regan`): a title or an
  office before the full name, never anything after it. No other partial match counts, so a
  speaker cut short or run into the sentence is wrong.
- The speaker is right when its text matches and any name it resolved to matches too (a
  resolved name also matches when its surname is a one-word form: `Joseph R. Biden Jr.` for
  `Biden`); or when its text does not match but a name it resolved to does (`the Secretary`
  resolved to `Gina Raimondo`). A pronoun that matches the form as written but resolves to
  someone else is wrong.
- No speaker is right only when the label is `-`.

The counts: right; wrong speaker (a different or malformed speaker); missing (no speaker
where the label names one); junk (a speaker where the label is `-`). Each miss is printed
with path:line. A row whose span citelint no longer reports counts as having no speaker.

Junk speakers, over every quotation in JSON: a speaker text whose first word is an opener
(`In`, `But`, `After`, ...), that is a bare year or date (`2011`, `May 2020`, `March 3`), or
that is only lower-case function words (`that`, `which`) while no name was resolved for it.
The word lists are in bench/attribution/not_speakers.txt.
"""
import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_SPEAKERS = ROOT / "bench" / "attribution" / "not_speakers.txt"
TITLES = ROOT / "rules" / "lexicon" / "titles.yml"
ARTICLES = ("the", "a", "an")
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PHRASE_SECTIONS = {"title_openers"}
YEAR = re.compile(r"^(?:the )?(?:\d{4}s?|'\d\ds)$")


def normalize(text: str) -> str:
    """Accents removed, case folded, final possessive dropped, non-alphanumerics to spaces.

    >>> normalize("Gov. José Núñez’s"), normalize("U.S. Cattlemen’s Association")
    ('gov jose nunez', 'u s cattlemens association')
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip()
    text = re.sub(r"'s$|s'$", lambda m: "" if m.group(0) == "'s" else "s", text)
    text = text.replace("'", "")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def load_sections(path: Path) -> dict[str, set[str]]:
    """The `[section]` lists of not_speakers.txt, folded to lower case: words, or for the
    sections in PHRASE_SECTIONS one phrase a line."""
    sections: dict[str, set[str]] = {}
    name, current = "", None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
            current = sections.setdefault(name, set())
        elif current is not None and name in PHRASE_SECTIONS:
            current.add(normalize(line))
        elif current is not None:
            current.update(word.casefold() for word in line.split())
    return sections


def load_titles(path: Path) -> list[str]:
    """The titles of titles.yml, normalized, longest first (so `vice president` goes whole)."""
    titles = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r'^\s*-\s*"?(.*?)"?\s*$', line)
        if match and match.group(1):
            titles.add(normalize(match.group(1)))
    return sorted((t for t in titles if t), key=lambda t: (-len(t.split()), t))


class Matcher:
    def __init__(self, titles: list[str], lists: dict[str, set[str]]):
        self.titles = titles
        self.title_words = {w for t in titles for w in t.split()}
        self.openers = lists.get("openers", set())
        self.months = lists.get("months", set())
        self.function_words = lists.get("function_words", set())
        self.title_openers = sorted(lists.get("title_openers", set()))

    def strip_titles(self, norm: str) -> str:
        """Leading articles and titles removed, repeatedly; '' when nothing else is left."""
        changed = True
        while changed and norm:
            changed = False
            for prefix in (*ARTICLES, *self.titles):
                if norm == prefix or norm.startswith(prefix + " "):
                    norm = norm[len(prefix) :].strip()
                    changed = True
                    break
        return norm

    def variants(self, text: str) -> set[str]:
        norm = normalize(text)
        return {v for v in (norm, self.strip_titles(norm)) if v}

    def text_matches(self, text: str, forms: list[str]) -> bool:
        if self.variants(text) & {v for f in forms for v in self.variants(f)}:
            return True
        # A title or an office before a full name: every word before it is capitalized (or a
        # title word, or `of`/`the`/`and`/`for`) and none is an opener like `But` or `In`.
        words = text.split()
        for form in forms:
            form_words = normalize(form).split()
            if len(form_words) < 2 or len(words) <= len(form_words):
                continue
            head, tail = words[: -len(form_words)], words[-len(form_words) :]
            if normalize(" ".join(tail)) != " ".join(form_words):
                continue
            if all(self.office_word(w) for w in head):
                return True
        return False

    def office_word(self, word: str) -> bool:
        norm = normalize(word)
        if not norm or norm in self.openers:
            return False
        return word[0].isupper() or norm in self.title_words or norm in {"of", "the", "and", "for"}

    def resolution_matches(self, name: str, forms: list[str]) -> bool:
        if self.text_matches(name, forms):
            return True
        words = [w for w in normalize(name).split() if w not in NAME_SUFFIXES]
        one_word = {normalize(f) for f in forms if len(normalize(f).split()) == 1}
        return bool(words) and words[-1] in one_word

    def junk_reason(self, speaker: dict) -> str | None:
        """Why a speaker's text is no noun phrase, or None."""
        text = speaker.get("text") or ""
        words = normalize(text).split()
        if not words:
            return "empty"
        first = words[0]
        # The first word as written, so that `AT&T` or `then-Deputy` is not read as `at` or
        # `then`; a title that opens with an opener word (`Under Secretary`) is a noun phrase.
        written = text.split()[0].strip(".,;:!?()[]*_").casefold()
        opens_title = any(" ".join(words + [""]).startswith(t + " ") for t in self.title_openers)
        if written in self.openers and not opens_title:
            return f"opens with '{text.split()[0]}'"
        if YEAR.match(" ".join(words)):
            return "a year"
        if first in self.months and (len(words) == 1 or all(w.isdigit() for w in words[1:])):
            return "a date"
        resolved = speaker.get("name") or speaker.get("registry_id")
        if text == text.lower() and all(w in self.function_words for w in words) and not resolved:
            return "function words only"
        return None


def resolved_names(speaker: dict) -> list[str]:
    """The full names a speaker resolved to: its `name` and its registry entry's name."""
    registry = speaker.get("registry") or {}
    return [n for n in (speaker.get("name"), registry.get("name")) if n]


def judge(matcher: Matcher, label: str, speaker: dict | None) -> str:
    """right, wrong, missing or junk.

    >>> m = Matcher(load_titles(TITLES), load_sections(NOT_SPEAKERS))
    >>> judge(m, "Jane Doe|Doe|she", {"text": "she", "name": "Jane Doe"})
    'right'
    >>> judge(m, "Jane Doe|Doe|she", {"text": "she", "name": "John Roe"})
    'wrong'
    >>> judge(m, "Jane Doe|Doe", {"text": "Sen. Jane Doe"}), judge(m, "Jane Doe|Doe", {"text": "Jane Doe said"})
    ('right', 'wrong')
    >>> judge(m, "Jane Doe|Doe", {"text": "State Energy Secretary Jane Doe"})
    'right'
    >>> judge(m, "Jane Doe|Doe", {"text": "In March, Jane Doe"}), judge(m, "-", {"text": "In many respects"})
    ('wrong', 'junk')
    >>> judge(m, "-", None), judge(m, "Jane Doe", None)
    ('right', 'missing')
    """
    if label == "-":
        return "right" if speaker is None else "junk"
    if speaker is None:
        return "missing"
    if matcher.junk_reason(speaker):
        return "wrong"
    forms = [f.strip() for f in label.split("|") if f.strip()]
    names = resolved_names(speaker)
    text_ok = matcher.text_matches(speaker.get("text") or "", forms)
    names_ok = any(matcher.resolution_matches(n, forms) for n in names)
    if text_ok and (not names or names_ok):
        return "right"
    # A registry id (`jane-doe`) is only a further way to name the entity, never a check:
    # ids need not spell the name.
    id_ok = bool(speaker.get("registry_id")) and matcher.text_matches(speaker["registry_id"], forms)
    return "right" if not text_ok and (names_ok or id_ok) else "wrong"


def read_labels(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        labels = [row for row in rows if (row.get("speaker") or "").strip()]
    return labels


def index_quotes(report: dict) -> dict[tuple[str, int, int], tuple[str, dict]]:
    by_span = {}
    for file in report.get("files", []):
        path = Path(file["path"]).as_posix()
        for quote in file.get("quotes", []):
            by_span[(path, quote["span"]["start"], quote["span"]["end"])] = (path, quote)
    return by_span


def find_quote(by_span: dict, row: dict) -> dict | None:
    start, end, rel = int(row["start"]), int(row["end"]), row["path"]
    for (path, s, e), (_, quote) in by_span.items():
        if s == start and e == end and (path == rel or path.endswith("/" + rel)):
            return quote
    return None


def describe(speaker: dict | None) -> str:
    if speaker is None:
        return "(none)"
    extra = [n for n in resolved_names(speaker) if n != speaker.get("text")]
    extra += [speaker["registry_id"]] if speaker.get("registry_id") and not extra else []
    return repr(speaker.get("text")) + (f" -> {extra[0]}" if extra else "")


def score(matcher: Matcher, labels: list[dict], report: dict) -> None:
    by_span = index_quotes(report)
    counts, kinds, misses, unmatched = Counter(), Counter(), [], 0
    for row in labels:
        quote = find_quote(by_span, row)
        unmatched += quote is None
        speaker = quote.get("speaker") if quote else None
        verdict = judge(matcher, row["speaker"].strip(), speaker)
        counts[verdict] += 1
        if quote and row.get("kind"):
            kinds[(row["kind"].strip(), quote.get("kind"))] += 1
        if verdict != "right":
            misses.append((row, verdict, speaker))
    total = len(labels)
    print(f"right {counts['right']} of {total}   wrong speaker {counts['wrong']}   "
          f"missing {counts['missing']}   junk {counts['junk']}   (spans not found: {unmatched})")
    for row, verdict, speaker in misses:
        print(f"  {row['id']} {row['path']}:{row.get('line', '?')}  {verdict:<7} got {describe(speaker)}"
              f"  expected {row['speaker'].strip()!r}" + (f"  # {row['comment']}" if row.get("comment") else ""))
    if kinds:
        agree = sum(n for (want, got), n in kinds.items() if want == got)
        print(f"kind agrees on {agree} of {sum(kinds.values())}; label -> citelint:")
        for (want, got), n in sorted(kinds.items()):
            print(f"  {want:<8} -> {got:<8} {n}")


def junk_speakers(matcher: Matcher, report: dict, limit: int) -> None:
    found = []
    speakers = 0
    for file in report.get("files", []):
        for quote in file.get("quotes", []):
            speaker = quote.get("speaker")
            if not speaker:
                continue
            speakers += 1
            reason = matcher.junk_reason(speaker)
            if reason:
                found.append((file["path"], quote["start"]["line"], speaker["text"], reason))
    print(f"junk speakers: {len(found)} of {speakers} quotations with a speaker "
          f"({len({t for _, _, t, _ in found})} distinct texts)")
    for path, line, text, reason in found[:limit]:
        print(f"  {path}:{line}  {text!r}  ({reason})")
    if len(found) > limit:
        print(f"  ... {len(found) - limit} more (--junk-limit)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labels")
    parser.add_argument("json")
    parser.add_argument("--junk-limit", type=int, default=200, help="junk speakers to print")
    args = parser.parse_args()
    matcher = Matcher(load_titles(TITLES), load_sections(NOT_SPEAKERS))
    labels = read_labels(Path(args.labels))
    if not labels:
        sys.exit(f"{args.labels}: no labelled rows")
    report = json.loads(Path(args.json).read_text(encoding="utf-8"))
    score(matcher, labels, report)
    junk_speakers(matcher, report, args.junk_limit)


if __name__ == "__main__":
    main()
