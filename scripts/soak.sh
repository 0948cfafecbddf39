#!/usr/bin/env bash
# Soak test on loopback: 64 connections for DURATION over a mix of every
# endpoint (valid and invalid input, scripts/soak.lua), the server's RSS
# sampled every 10 s; meanwhile SLOW slow clients (slowloris-style: they open
# a connection and send a header byte by byte) must not stop a normal client
# from being served.
#
#   DURATION=10m SLOW=1000 scripts/soak.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/full}
[ -e "$data" ] || data=data
duration=${DURATION:-10m}
slow=${SLOW:-1000}
port=${PORT:-18400}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
work=$(mktemp -d)
go build -o "$work/filmoteca" .
"$work/filmoteca" etl --data "$data" --db "$work/f.duckdb" >/dev/null 2>&1
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
GOMEMLIMIT=150MiB LOG_LEVEL=warn "$work/filmoteca" serve --build=false --db "$work/f.duckdb" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid ${sampler:-} ${loris:-} 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done

( while kill -0 "$pid" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$pid/status"; sleep 10; done ) > "$work/rss" &
sampler=$!

# Slow clients: each opens a connection and dribbles a header, one byte a second.
python3 - "$port" "$slow" > "$work/loris.log" 2>&1 <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = []
for _ in range(n):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.send(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    except OSError:
        pass
print("slow clients connected:", len(socks), flush=True)
deadline = time.time() + 60
while time.time() < deadline:
    for s in list(socks):
        try:
            s.send(b"X")
        except OSError:
            socks.remove(s)
    time.sleep(1)
print("slow clients still open after 60 s:", len(socks), flush=True)
PY
loris=$!
sleep 3
# While the slow clients hold their connections, a normal client is served at once.
served=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 "http://127.0.0.1:$port/score_titulo/Toy%20Story")
echo "with $slow slow clients connected, a normal request: HTTP ${served% *} in ${served#* } s"

echo "soak: wrk -t2 -c64 -d$duration over every endpoint"
wrk -t2 -c64 -d"$duration" --latency -s scripts/soak.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt" | grep -E "Requests/sec|Non-2xx|Socket errors|requests .* socket errors"
wait "$loris" 2>/dev/null || true
cat "$work/loris.log"
kill "$sampler" 2>/dev/null || true
rss=$(awk '{print int($1/1024)}' "$work/rss" | paste -sd ' ')
echo "server RSS every 10 s (MB): $rss"
awk '{v=int($1/1024)} NR==1 {first=v} {if (v>max) max=v; last=v} END {printf "RSS first %d MB, max %d MB, last %d MB\n", first, max, last}' "$work/rss"
