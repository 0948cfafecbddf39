#!/usr/bin/env bash
# Faults, scripted (root, Linux): SIGKILL `etl` at points through every phase
# of a rebuild, then a full disk and a read-only folder. After every fault the
# previous database must still open with the same movies, and the next `etl`
# must complete.
#
#   scripts/fault-test.sh [DATA_DIR]      (default: ../shared/data/full, else data)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data/full}
[ -e "$data" ] || data=data
work=$(mktemp -d)
bin="$work/filmoteca"
db="$work/f.duckdb"
cleanup() { umount "$work/small" 2>/dev/null || true; umount "$work/ro" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
go build -o "$bin" .
"$bin" etl --data "$data" --db "$db" >/dev/null 2>&1
movies() { "$bin" sql --db "$1" --format csv "SELECT count(*) FROM movies" | tail -n 1; }
want=$(movies "$db")
passed=0; failed=0
check() { if [ "$2" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1"; fi; }

echo "== SIGKILL during a rebuild of $data ($want movies)"
for delay in 0.05 0.2 0.4 0.6 0.8 1.0 1.3 1.6 2.0 2.4 2.8 3.2 3.6 4.0 4.4 4.8 5.2; do
  "$bin" etl --force --data "$data" --db "$db" 2>"$work/etl.log" >/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  phase=$( (grep -o 'sql=[0-9a-z_]*\.sql\|go=[a-z]*\|msg="database built"' "$work/etl.log" || true) | tail -n 1)
  got=$(movies "$db" 2>&1 || true)
  printf '  killed after %4ss (last step done: %-24s) -> database has %s movies\n' "$delay" "${phase:-none}" "$got"
  [ "$got" = "$want" ] && check "kill at $delay s" ok || check "kill at $delay s: database has $got" fail
done
"$bin" etl --data "$data" --db "$db" >/dev/null 2>&1 && [ "$(movies "$db")" = "$want" ] \
  && check "the next etl completes" ok || check "the next etl after the kills" fail
# The killed builds' scratch folders (the new file, its WAL, DuckDB's spill
# folder, extracted inputs) are gone once a build completes.
left() { compgen -G "$1.build-*" || true; }
[ -z "$(left "$db")" ] && check "no scratch folder left after a complete build" ok || check "scratch folder left: $(left "$db")" fail

size=$(( $(stat -c %s "$db") / 1048576 + 8 ))
echo "== a full disk (a ${size} MB tmpfs: room for the database, not for a second copy)"
mkdir -p "$work/small"
mount -t tmpfs -o "size=${size}m" tmpfs "$work/small"
cp "$db" "$work/small/f.duckdb"
small="$work/small/f.duckdb"
if [ -e "$small" ]; then
  err=$("$bin" etl --force --data "$data" --db "$small" 2>&1 >/dev/null | grep -v '^time=' || true)
  echo "  error: $err"
  [ -n "$err" ] && check "full disk: clear error" ok || check "full disk: no error" fail
  [ "$(movies "$small")" = "$want" ] && check "full disk: previous database intact" ok || check "full disk: previous database damaged" fail
  [ -z "$(left "$small")" ] && check "full disk: scratch folder removed" ok || check "full disk: scratch folder left" fail
fi

echo "== a read-only folder"
mkdir -p "$work/ro"
mount -t tmpfs -o size=100m tmpfs "$work/ro"
cp "$db" "$work/ro/f.duckdb"
mount -o remount,ro "$work/ro"
err=$("$bin" etl --force --data "$data" --db "$work/ro/f.duckdb" 2>&1 >/dev/null | grep -v '^time=' || true)
echo "  error: $err"
[ -n "$err" ] && check "read-only folder: clear error" ok || check "read-only folder: no error" fail
[ "$(movies "$work/ro/f.duckdb")" = "$want" ] && check "read-only folder: database still served" ok || check "read-only folder: database unreadable" fail

echo "== serving as an unprivileged user from the read-only folder (as the container does)"
chmod 755 "$work"
setpriv --reuid=65534 --regid=65534 --clear-groups env LOG_LEVEL=warn \
  "$bin" serve --build=false --db "$work/ro/f.duckdb" --addr 127.0.0.1:18500 >"$work/serve-ro.log" 2>&1 &
spid=$!
code=000
for _ in $(seq 1 300); do code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18500/recomendacion/Toy%20Story || true); [ "$code" = 200 ] && break; sleep 0.1; done
kill "$spid" 2>/dev/null || true
echo "  /recomendacion/Toy Story as uid 65534 from a read-only folder: HTTP $code"
[ "$code" = 200 ] || cat "$work/serve-ro.log"
[ "$code" = 200 ] && check "read-only, non-root serving" ok || check "read-only, non-root serving" fail

echo "== idle connections under a low file limit (ulimit -n 128): 1,000 idle keep-alive clients, then a new one"
(ulimit -n 128; LOG_LEVEL=warn exec "$bin" serve --build=false --db "$db" --addr 127.0.0.1:18501 >"$work/serve-conns.log" 2>&1) &
spid=$!
for _ in $(seq 1 300); do curl -sf -o /dev/null http://127.0.0.1:18501/healthz && break; sleep 0.1; done
took=$(python3 - <<'PY'
import resource, socket, time
resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
idle = []
for _ in range(1000):
    s = socket.create_connection(("127.0.0.1", 18501))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    s.settimeout(5)
    try:
        s.recv(4096)
    except OSError:
        pass
    idle.append(s)
start = time.time()
c = socket.create_connection(("127.0.0.1", 18501))
c.settimeout(5)
c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
ok = c.recv(100).startswith(b"HTTP/1.1 200")
print("%.3f" % (time.time() - start) if ok else "failed")
PY
)
kill "$spid" 2>/dev/null || true
echo "  a new client after 1,000 idle ones: ${took} s ($(grep -c 'closing the oldest idle' "$work/serve-conns.log" || true) warning line)"
[ "$took" != failed ] && awk -v t="$took" 'BEGIN { exit !(t < 1) }' && check "a new client served within 1 s" ok || check "a new client: $took" fail

echo "== signals: Ctrl-C while sql waits on a pipe, SIGTERM during a build"
mkfifo "$work/queries"
"$bin" sql --db "$db" <"$work/queries" >/dev/null 2>&1 &
qpid=$!
exec 3>"$work/queries" # a writer that never writes nor closes
sleep 0.5
kill -INT "$qpid"
t0=$(date +%s.%N)
wait "$qpid" 2>/dev/null || true
exec 3>&-
stopped=$(echo "$(date +%s.%N) - $t0" | bc)
echo "  sql waiting on stdin stopped $(printf '%.2f' "$stopped") s after Ctrl-C"
awk -v t="$stopped" 'BEGIN { exit !(t < 2) }' && check "sql stops on Ctrl-C" ok || check "sql ignored Ctrl-C" fail
"$bin" etl --force --data "$data" --db "$db" >/dev/null 2>&1 &
epid=$!
sleep 1
kill -TERM "$epid"
t0=$(date +%s.%N)
wait "$epid" 2>/dev/null || true
stopped=$(echo "$(date +%s.%N) - $t0" | bc)
echo "  etl stopped $(printf '%.2f' "$stopped") s after SIGTERM; database: $(movies "$db") movies"
awk -v t="$stopped" 'BEGIN { exit !(t < 5) }' && [ "$(movies "$db")" = "$want" ] && [ -z "$(left "$db")" ] \
  && check "etl stops on SIGTERM, database intact, nothing left" ok || check "etl after SIGTERM" fail

echo "fault-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
