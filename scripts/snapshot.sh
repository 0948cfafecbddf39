#!/usr/bin/env bash
# Writes what filmoteca produces, so that a change meant to keep behaviour
# (a refactor) can be checked: run it before and after, then diff the two.
#
#   scripts/snapshot.sh OUT [DATA ...]    (default DATA: data testdata/quirks,
#                                          and ../shared/data/full when present)
#   diff -r BEFORE AFTER
#
# For each data folder, OUT/NAME/ holds:
#   tables.txt   every table and view of the built database: its columns and
#                the sha256 of its rows in order (the build's clock, its
#                fingerprint and the input paths left out: they differ from
#                run to run or on purpose)
#   api.txt      the status and body of each endpoint for a fixed set of
#                queries, good and bad
#   recommendations.txt  /recomendacion for every film (every 10th on data
#                of more than 10,000 films), by id
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:?usage: scripts/snapshot.sh OUT [DATA ...]}
shift
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ $# -eq 0 ]; then
  set -- data testdata/quirks
  [ -d ../shared/data/full ] && set -- "$@" ../shared/data/full
fi

tmp=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
bin="$tmp/filmoteca"
go build -o "$bin" .
port=${PORT_BASE:-18520}

# Columns that change from one build of the same data to the next.
volatile="'built_at','seconds','applied_at','fingerprint','path','modified','source'"

for data in "$@"; do
  name=$(basename "$data")
  dir="$out/$name"
  mkdir -p "$dir"
  db="$tmp/$name.duckdb"
  "$bin" etl --data "$data" --db "$db" >/dev/null 2>&1

  # tables.txt: one line per table or view.
  "$bin" sql --db "$db" --format csv "
    SELECT table_name, string_agg(CASE WHEN column_name IN ($volatile) THEN NULL ELSE column_name END, ',' ORDER BY ordinal_position)
    FROM information_schema.columns WHERE table_schema = 'main'
    GROUP BY table_name ORDER BY table_name" | tail -n +2 |
    while IFS=, read -r table columns; do
      columns=${columns#\"}
      columns=${columns%\"}
      sum=$("$bin" sql --db "$db" --format csv "SELECT $columns FROM \"$table\" ORDER BY ALL" | sha256sum | cut -c1-16)
      echo "$table ($columns) $sum"
    done >"$dir/tables.txt"

  # The API, from the database just built.
  LOG_LEVEL=warn "$bin" serve --build=false --db "$db" --addr "127.0.0.1:$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
  "$bin" sql --db "$db" --format csv "SELECT id, title, release_year FROM movies ORDER BY id" >"$tmp/films.csv"
  python3 - "$port" "$tmp/films.csv" "$dir" <<'EOF'
import csv, sys, urllib.error, urllib.parse, urllib.request
port, films, out = sys.argv[1], sys.argv[2], sys.argv[3]

def get(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

q = urllib.parse.quote
paths = [f"/cantidad_filmaciones_mes/{q(m)}" for m in ["enero", "Setiembre", "DICIEMBRE", "febrer", "13"]]
paths += [f"/cantidad_filmaciones_dia/{q(d)}" for d in ["lunes", "SÁBADO", "miercoles", "domingo", "sabadoo"]]
for route in ["score_titulo", "votos_titulo", "recomendacion"]:
    for t in ["Toy Story", "toy story", "Jumaji", "Dracula", "Dracula?anio=1931", "Dracula?anio=1900",
              "Face/Off", "Heat", "Zzzzzz", " ", "x" * 201, "The Promise"]:
        path, _, query = t.partition("?")
        paths.append(f"/{route}/{q(path)}" + (f"?{query}" if query else ""))
for route in ["get_actor", "get_director"]:
    for n in ["Tom Hanks", "tom hanks", "John Lasseter", "Mel Brooks", "Kelly O'Connell", "Tom Hank", "Nadie Nunca"]:
        paths.append(f"/{route}/{q(n)}")
paths += ["/buscar?q=toy", "/buscar?q=matrix", "/buscar?q=", "/resumen", "/nada", "/healthz"]
with open(f"{out}/api.txt", "w") as f:
    for p in paths:
        status, body = get(p)
        f.write(f"== {p} {status}\n{body}\n")

rows = list(csv.DictReader(open(films)))
step = 10 if len(rows) > 10000 else 1
with open(f"{out}/recommendations.txt", "w") as f:
    for row in rows[::step]:
        year = row["release_year"]
        status, body = get(f"/recomendacion/{q(row['title'])}" + (f"?anio={year}" if year else ""))
        f.write(f"== {row['id']} {status}\n{body}\n")
EOF
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  echo "snapshot: $dir ($(wc -l <"$dir/tables.txt") tables and views, $(grep -c '^== ' "$dir/recommendations.txt") recommendation answers)"
done
