#!/usr/bin/env bash
# Load test of the API on loopback: builds the database from the largest data
# available, starts the server, and measures requests/s and p99 latency with
# wrk (64 connections) for /healthz and every endpoint (server with
# GOMEMLIMIT=150MiB, the limit serve sets itself, as in the image), then the server's
# peak RSS and its start-up time with the database present.
#
#   scripts/load.sh [DATA_DIR]      (default: ../shared/data/full, else data)
#   DURATION=10s CONNECTIONS=64 scripts/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/full}
[ -e "$data" ] || data=data
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
port=${PORT:-18080}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

tmp=$(mktemp -d)
bin="$tmp/filmoteca"
db="$tmp/load.duckdb"
go build -o "$bin" .
"$bin" etl --data "$data" --db "$db" >/dev/null 2>&1

pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

t0=$(date +%s.%N)
GOMEMLIMIT=${GOMEMLIMIT:-150MiB} LOG_LEVEL=warn "$bin" serve --build=false --db "$db" --addr "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.01; done
startup=$(echo "$(date +%s.%N) - $t0" | bc)
echo "data: $data; start-up with the database present: ${startup}s (until /healthz answers)"
echo
echo "| route | requests/s | % of /healthz | p99 | non-2xx/4xx expected |"
echo "|---|---|---|---|---|"
base_rps=""
for route in \
  /healthz \
  /cantidad_filmaciones_mes/enero \
  /cantidad_filmaciones_dia/s%C3%A1bado \
  /score_titulo/Toy%20Story \
  /votos_titulo/Toy%20Story \
  /get_actor/Tom%20Hanks \
  /get_director/John%20Lasseter \
  /recomendacion/Toy%20Story \
  /score_titulo/Toy%20Stroy; do
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$route")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  sockerr=$(grep -c "Socket errors" <<<"$out" || true)
  [ -n "$base_rps" ] || base_rps=$rps
  pct=$(echo "scale=0; 100 * $rps / $base_rps" | bc)
  expected="${errors:-0} non-2xx"
  [ "$route" = /score_titulo/Toy%20Stroy ] && expected="${errors:-0} 404s (expected: all)"
  [ "$sockerr" = 0 ] || expected="$expected; socket errors"
  echo "| \`$route\` | $rps | $pct% | $p99 | $expected |"
done
rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
echo
echo "server peak RSS (VmHWM): $((rss / 1024)) MB"
