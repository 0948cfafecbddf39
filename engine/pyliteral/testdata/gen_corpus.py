"""Writes corpus.jsonl: real nested fields from ../shared/data/sample, each
with the value Python itself gives (ast.literal_eval), as JSON. Only fields
with a double-quoted string, a backslash escape or a non-ASCII character are
kept, plus Toy Story's row as a plain case. Run from the repo root:

    python3 engine/pyliteral/testdata/gen_corpus.py ../shared/data/sample
"""
import ast
import csv
import json
import os
import sys

NESTED = ["belongs_to_collection", "genres", "production_companies",
          "production_countries", "spoken_languages", "cast", "crew", "keywords"]
CREDIT_IDS = {"862", "31357", "949"}


def tricky(s):
    return '"' in s or "\\" in s or any(ord(c) > 127 for c in s)


def main():
    src = sys.argv[1]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus.jsonl")
    csv.field_size_limit(1 << 30)
    seen = set()
    with open(out, "w", encoding="utf-8") as w:
        for name in ("movies_dataset.csv", "credits.csv", "keywords.csv"):
            with open(os.path.join(src, name), encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    if name == "credits.csv" and row["id"] not in CREDIT_IDS:
                        continue
                    for col in NESTED:
                        s = row.get(col)
                        if not s or s in seen:
                            continue
                        # keywords.csv is complete (46k rows): keep only its quoted and escaped cases.
                        keep = ('"' in s or "\\" in s) if col == "keywords" else tricky(s)
                        if not (keep or row.get("id") == "862"):
                            continue
                        seen.add(s)
                        w.write(json.dumps({"id": row["id"], "column": col, "py": s,
                                            "want": ast.literal_eval(s)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
