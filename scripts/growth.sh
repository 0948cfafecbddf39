#!/usr/bin/env bash
# How the build grows with its input: the 190 MB benchmark set
# (../shared/data/make-scale.py) and twice and four times it
# (make-bigger.py: its rows repeated with shifted ids), each built with
# `filmoteca etl --force` and default settings. One line per set: the size
# of credits.csv, the films built, the wall time, the peak RSS
# (/usr/bin/time) and the database file's size. The sets are made in DIR
# when missing. Timings vary with what else the machine runs.
#
#   scripts/growth.sh [DIR]      (default DIR: /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/data
base=${1:-/tmp}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "growth.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
go build -o "$work/filmoteca" .

one="$base/filmoteca-scale"
[ -e "$one/credits.csv" ] || python3 "$shared/make-scale.py" "$one" >/dev/null
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), load average $(cut -d' ' -f1 /proc/loadavg) at the start"
echo "command: filmoteca etl --force --data DIR --db FILE (DuckDB memory limit: the default)"
printf '%-4s %-11s %8s %9s %10s %11s\n' set credits films etl "peak RSS" database
for k in 1 2 4; do
  dir=$one
  if [ "$k" -gt 1 ]; then
    dir="$base/filmoteca-x$k"
    [ -e "$dir/credits.csv" ] || python3 "$shared/make-bigger.py" "$one" "$dir" "$k" >/dev/null
  fi
  db="$work/x$k.duckdb"
  if ! /usr/bin/time -f '%e %M' -o "$work/time" "$work/filmoteca" etl --force --data "$dir" --db "$db" >"$work/etl.log" 2>&1; then
    echo "growth.sh: the build of $dir failed:" >&2
    grep -v '^time=' "$work/etl.log" | tail -n 5 >&2
    exit 1
  fi
  read -r seconds kb <"$work/time"
  films=$("$work/filmoteca" sql --db "$db" --format csv "SELECT count(*) FROM movies" | tail -n 1)
  printf '%s   %-11s %8s %7s s %7s MB %11s\n' "${k}×" "$(mb "$(stat -c %s "$dir/credits.csv")")" "$films" \
    "$seconds" "$((kb / 1024))" "$(mb "$(stat -c %s "$db")")"
  rm -f "$db"
done
