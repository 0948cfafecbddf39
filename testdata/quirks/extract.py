"""Rebuilds the quirks fixture: whole CSV records copied byte for byte from
../shared/data (sample/ for real rows; full/ only for the malformed rows and
the duplicated credits id that the sample lacks). Run from the repo root:

    python3 testdata/quirks/extract.py ../shared/data
"""
import csv
import gzip
import io
import os
import sys

MOVIES = [
    "862", "8844", "949", "31357",            # Toy Story, Jumanji, Heat, Waiting to Exhale
    "902", "55475", "17447",                  # companies in double quotes (apostrophe)
    "8491", "14908", "11419",                 # collections in double quotes
    "105045",                                 # repeated id (both rows kept in the fixture)
    "365371", "215107",                       # null release_date
    "124057", "188588",                       # empty genres list
    "11862", "21032", "9909",                 # budget 0, revenue > 0
    "48787", "11980", "13701",                # tiny budgets
    "78802",                                  # empty overview
    "9587", "11853", "34024",                 # keywords with \xa0
]
MALFORMED = ["1997-08-20", "2012-09-29", "2014-01-01"]
CREDITS = ["862", "8844", "949", "31357", "902", "11862", "9909", "21032", "78802", "124057"]
# From full/: 105045 appears twice; 208988 names a movie the fixture lacks.
FULL_CREDITS = ["105045", "208988"]


def records(text):
    """Yields (fields, raw bytes of the record) for each CSV record."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text))
    prev = 0
    for fields in reader:
        yield fields, "".join(lines[prev:reader.line_num])
        prev = reader.line_num


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        return f.read()


def pick(text, id_col, wanted):
    header, *rest = records(text)
    out = [header[1]]
    order = {v: i for i, v in enumerate(wanted)}
    found = []
    for fields, raw in rest:
        if len(fields) > id_col and fields[id_col] in order:
            found.append((order[fields[id_col]], raw))
    out += [raw for _, raw in sorted(found, key=lambda x: x[0])]
    return [r if r.endswith("\n") else r + "\n" for r in out]


def main():
    src = sys.argv[1]
    dst = os.path.dirname(os.path.abspath(__file__))
    csv.field_size_limit(1 << 30)
    sample = os.path.join(src, "sample")
    full = os.path.join(src, "full")

    movies = pick(read(os.path.join(sample, "movies_dataset.csv")), 5, MOVIES)
    full_movies = read(os.path.join(full, "movies_dataset.csv.gz"))
    movies += pick(full_movies, 5, MALFORMED)[1:]
    credits = pick(read(os.path.join(sample, "credits.csv")), 2, CREDITS)
    credits += pick(read(os.path.join(full, "credits.csv.gz")), 2, FULL_CREDITS)[1:]
    keywords = pick(read(os.path.join(sample, "keywords.csv")), 0, MOVIES)

    for name, rows in (("movies_dataset.csv", movies), ("credits.csv", credits), ("keywords.csv", keywords)):
        with open(os.path.join(dst, name), "w", encoding="utf-8", newline="") as f:
            f.writelines(rows)


if __name__ == "__main__":
    main()
