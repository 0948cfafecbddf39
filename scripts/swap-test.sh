#!/usr/bin/env bash
# A new film goes live without a restart, and comes off again, under load.
# On the full-size data (../shared/data/full) without one film, Toy Story
# (its real records held out), a store gets its first build; `serve --store`
# serves it. Then, under wrk -c32 through the whole run (scripts/swap.lua:
# every endpoint, films every build has), Toy Story arrives as an update
# (DATA/updates/…), `etl --store` builds, gates and promotes it, and the
# time until the server answers for it is measured; then `rollback`, and
# the time until it no longer does. Prints `figure NAME VALUE` lines.
#
#   scripts/swap-test.sh [DATA]     (default ../shared/data/full, else data)
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-../shared/data/full}
[ -e "$src" ] || src=data
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
bin="$work/filmoteca"
go build -o "$bin" .
port=18730
base="http://127.0.0.1:$port"
figure() { printf 'figure %s %s\n' "$1" "$2"; }

# The data: every record but Toy Story's (id 862) as the base; Toy Story's
# movie and credits records as an update, held apart until it arrives.
python3 - "$src" "$work/data" "$work/arrival" <<'PY'
import csv, gzip, os, sys
src, data, arrival = sys.argv[1:]
csv.field_size_limit(1 << 30)
os.makedirs(data); os.makedirs(arrival)
for name in ("movies_dataset.csv", "credits.csv"):
    path = os.path.join(src, name + ".gz")
    opener = gzip.open if os.path.exists(path) else open
    with opener(path if os.path.exists(path) else os.path.join(src, name), "rt", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = header.index("id")
    for folder, keep in ((data, lambda r: r[col] != "862"), (arrival, lambda r: r[col] == "862")):
        with open(os.path.join(folder, name), "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(header)
            w.writerows(r for r in body if keep(r))
PY

store="$work/store"
"$bin" etl --data "$work/data" --store "$store" >/dev/null 2>&1
LOG_LEVEL=warn "$bin" serve --store "$store" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "$base/readyz"; do sleep 0.05; done
toy() { curl -s -o /dev/null -w '%{http_code}' "$base/score_titulo/Toy%20Story?anio=1995"; }
echo "before: Toy Story answers $(toy)"

# result FILE: swap.lua's result line in wrk's output FILE, its prefix
# dropped; the run stops when wrk printed none.
result() {
  sed -n 's/^result //p' "$1" | grep . || { cat "$1" >&2; echo "swap-test: wrk printed no result" >&2; exit 1; }
}
# val RESULT KEY: the value of KEY in a result.
val() { awk -v k="$2" '{ for (i = 1; i < NF; i += 2) if ($i == k) print $(i + 1) }' <<<"$1"; }
# sockets RESULT: its socket errors of every kind.
sockets() { echo $(($(val "$1" connect) + $(val "$1" read) + $(val "$1" write) + $(val "$1" timeout))); }
# summary RESULT: a result as a sentence.
summary() {
  echo "requests $(val "$1" requests), failed $(val "$1" not200), socket errors $(sockets "$1"), p50 $(val "$1" p50_ms) ms, p99 $(val "$1" p99_ms) ms"
}
wrk -t2 -c32 -d10s --latency -s scripts/swap.lua "$base" >"$work/steady.txt"
steady=$(result "$work/steady.txt")
echo "steady: $(summary "$steady")"

wrk -t2 -c32 -d40s --latency -s scripts/swap.lua "$base" >"$work/wrk.txt" &
wrkpid=$!
sleep 5
mkdir -p "$work/data/updates/2026-12-06-toy-story"
cp "$work/arrival/"* "$work/data/updates/2026-12-06-toy-story/"
t0=$(date +%s.%N)
"$bin" etl --data "$work/data" --store "$store" >"$work/etl.txt" 2>&1 || { grep -v "^time=" "$work/etl.txt" >&2; exit 1; }
returned=$(date +%s.%N)
until [ "$(toy)" = 200 ]; do sleep 0.02; done
live=$(echo "$(date +%s.%N) - $returned" | bc)
echo "etl --store with the update: $(echo "$returned - $t0" | bc) s; Toy Story answered $(printf '%.2f' "$live") s after etl returned"
sleep 5
"$bin" rollback --store "$store" >/dev/null
rolled=$(date +%s.%N)
until [ "$(toy)" = 404 ]; do sleep 0.02; done
gone=$(echo "$(date +%s.%N) - $rolled" | bc)
echo "rollback: Toy Story gone $(printf '%.2f' "$gone") s after rollback returned"
wait "$wrkpid"
swap=$(result "$work/wrk.txt")
echo "during the swaps: $(summary "$swap")"
hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")
echo "serve's peak RSS: $hwm MB"

socket=$(sockets "$swap")
figure promoted_film_answers_seconds "$(printf '%.2f' "$live")"
figure rollback_seconds "$(printf '%.2f' "$gone")"
figure requests_during_swaps "$(val "$swap" requests)"
figure failed_requests "$(val "$swap" not200)"
figure socket_errors "$socket"
figure p99_steady_ms "$(val "$steady" p99_ms)"
figure p99_during_swaps_ms "$(val "$swap" p99_ms)"
figure serve_peak_rss_mb "$hwm"
[ "$(val "$swap" not200)" = 0 ] && [ "$socket" = 0 ] || { echo "swap-test: failed requests during the swaps" >&2; exit 1; }
