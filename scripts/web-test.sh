#!/usr/bin/env bash
# Starts the server on the shipped data and drives the web page in headless
# Chromium (scripts/web-test.mjs). Needs `npm ci` and Debian's chromium.
#
#   scripts/web-test.sh [OUT_DIR]      (screenshots; default reports)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-reports}
mkdir -p "$out"
port=${PORT:-18200}
bin=$(mktemp -d)/filmoteca
go build -o "$bin" .
LOG_LEVEL=warn "$bin" serve --data data --db data/filmoteca.duckdb --addr "127.0.0.1:$port" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$bin"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
node scripts/web-test.mjs "http://127.0.0.1:$port" "$out"
