#!/usr/bin/env bash
# Starts the server on the shipped data and drives the web page in headless
# Chromium by keyboard, at 1280 and 390 px, with axe-core on every state
# (scripts/web-test.mjs). Needs `npm ci` and Debian's chromium. Every step
# has a time limit: nothing can hang CI.
#
#   scripts/web-test.sh [OUT_DIR]      (screenshots; default reports)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-reports}
mkdir -p "$out"
port=${PORT:-18200}
work=$(mktemp -d)
timeout 300 go build -o "$work/filmoteca" .
# The server writes to a file, never to our stdout: nothing it leaves can hold CI's pipe open.
LOG_LEVEL=warn "$work/filmoteca" serve --data data --db data/filmoteca.duckdb --reports "$out" \
  --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
# SIGTERM first (playwright closes Chromium on it), SIGKILL 10 s later.
timeout -k 10 270 node scripts/web-test.mjs "http://127.0.0.1:$port" "$out" </dev/null
