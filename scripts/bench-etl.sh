#!/usr/bin/env bash
# Times the build against DuckDB's plain read_csv (BenchmarkETL) and measures
# the build's peak memory, on each data folder given (default: the shipped
# sample and the full-size reconstruction in ../shared/data/full).
#
#   scripts/bench-etl.sh [DATA_DIR ...]
#   python3 ../shared/data/make-scale.py /tmp/filmoteca-scale && scripts/bench-etl.sh /tmp/filmoteca-scale
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(data ../shared/data/full)
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
go build -o /tmp/filmoteca-bench .
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in "${dirs[@]}"; do
  abs=$(cd "$dir" && pwd)
  echo "== $dir"
  FILMOTECA_BENCH_DATA="$abs" go test ./engine -run '^$' -bench BenchmarkETL -benchtime 3x | grep -E '^Benchmark'
  for limit in "" 200MB; do
    /usr/bin/time -f "etl --memory-limit '${limit}': wall %e s, peak RSS %M KB" \
      /tmp/filmoteca-bench etl --force --data "$abs" --db "$tmp/bench.duckdb" ${limit:+--memory-limit $limit} 2>&1 >/dev/null | tail -n 1
  done
done
