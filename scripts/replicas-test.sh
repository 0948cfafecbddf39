#!/usr/bin/env bash
# Replicas, proved: N copies of the image (3 by default) share one store of
# versioned builds (a host folder, mounted read-only into each), behind
# Debian's HAProxy (deploy/haproxy.cfg: health checks on /readyz, retries on
# another replica), with Debian's Prometheus scraping each one every second.
# Under `wrk -c32` through the load balancer for the whole run:
#
#   1. a new build made and promoted by a one-off `etl --store` container:
#      the time from the pointer's write (STORE/CURRENT) until every
#      replica's /readyz names the new build (goal: 3 s);
#   2. a rollback (`rollback --store`), timed the same way;
#   3. one replica killed (`docker kill`), then restarted (`docker start`):
#      when HAProxy marks it down, when it is ready again, when HAProxy
#      sends it requests again;
#   4. the newer build promoted again (`promote --store ID`): it reaches
#      every replica, the restarted one too.
#
# At the end wrk must count no failed request (no answer other than 200, no
# socket error), and Prometheus must hold every family of /metrics
# (filmoteca_*, go_*, process_*) from every replica, and `up` 1 for each.
#
#   scripts/replicas-test.sh
#   REPLICAS=3 PORT_BASE=18790 LOAD_GAP=3 scripts/replicas-test.sh
#   BUILD=0 IMAGE=filmoteca:docker-test scripts/replicas-test.sh   (an image already built)
#   scripts/replicas-test.sh --prepare   (only the tools, dockerd, the base images and the build)
#
# Ports, all on 127.0.0.1: the load balancer PORT_BASE, the replicas
# PORT_BASE+1..N, HAProxy's stats and metrics PORT_BASE+8, Prometheus
# PORT_BASE+9. Docker with --network host only; each replica listens on its
# own port ($PORT). Needs root: it may install Debian's docker.io, wrk,
# haproxy, prometheus and jq, and start dockerd as scripts/docker-test.sh
# does. Everything it starts is stopped on exit. Prints `figure NAME VALUE`
# lines and exits non-zero if any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

prepare=0
[ "${1:-}" = --prepare ] && prepare=1
n=${REPLICAS:-3}
image=${IMAGE:-filmoteca:replicas}
build_image=${BUILD:-1}
base=${PORT_BASE:-18790}
gap=${LOAD_GAP:-3} # seconds of load before and between the events
goal=3             # seconds for a promotion to reach every replica
bases=${DOCKER_BASES:-../shared/tools/docker-bases.sh}
dockerd_log=${DOCKERD_LOG:-/var/log/dockerd-local.log}
lb_port=$base
stats_port=$((base + 8))
prom_port=$((base + 9))
[ "$n" -ge 1 ] && [ "$n" -le 7 ] || { echo "REPLICAS must be 1 to 7 (ports PORT_BASE+1..7)"; exit 2; }
victim=$(((n + 1) / 2)) # the replica killed and restarted

work=$(mktemp -d -t replicas-test.XXXXXX)
store=$work/store
containers=()
pids=()
cleanup() {
  local c p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

script_start=$(date +%s.%N)
passed=0
failed=0
: >"$work/figures"
say() { printf '== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
die() { printf '  FAIL  %s\nreplicas-test: stopped\n' "$*"; exit 1; }
figure() { printf 'figure %s %s\n' "$1" "$2" >>"$work/figures"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
within() { awk -v s="$1" -v g="$2" 'BEGIN { exit !(s <= g) }'; }
apt_install() {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >/dev/null
}

say "tools"
missing=()
for pkg in docker.io:docker wrk:wrk haproxy:haproxy prometheus:prometheus jq:jq; do
  command -v "${pkg#*:}" >/dev/null || missing+=("${pkg%%:*}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "  installing Debian's ${missing[*]}"
  apt_install "${missing[@]}"
fi
if ! docker info >/dev/null 2>&1; then
  echo "  starting dockerd (no bridge, no iptables; log: $dockerd_log)"
  nohup dockerd --bridge=none --iptables=false --ip-forward=false >"$dockerd_log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not answer in 60 s:"; tail -n 20 "$dockerd_log"; exit 1; }
fi
echo "  docker $(docker version --format '{{.Server.Version}}'), $(haproxy -v | awk 'NR==1 {print $1, $3}'), prometheus $(prometheus --version 2>&1 | awk 'NR==1 {print $3}')"
if [ "$build_image" = 1 ]; then
  if ! docker image inspect debian:bookworm-slim golang:1.26-bookworm >/dev/null 2>&1; then
    [ -f "$bases" ] || bases=/work/shared/tools/docker-bases.sh
    echo "  base images missing: $bases (a few minutes the first time)"
    bash "$bases"
  fi
  say "build ($image)"
  t=$(now)
  docker build --network host -t "$image" \
    --build-arg GOPROXY="$(go env GOPROXY 2>/dev/null || true)" \
    --build-arg GOSUMDB="$(go env GOSUMDB 2>/dev/null || true)" \
    --build-arg GOFLAGS="$(go env GOFLAGS 2>/dev/null || true)" \
    . >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; echo "docker build failed"; exit 1; }
  figure replicas_build_seconds "$(since "$t")"
  echo "  built in $(since "$t") s"
fi
docker image inspect "$image" >/dev/null 2>&1 || { echo "no image $image (BUILD=0 needs one)"; exit 1; }
[ "$prepare" = 0 ] || exit 0
if command -v docker-compose >/dev/null; then
  docker-compose -f deploy/compose.yaml config -q && ok "deploy/compose.yaml is valid (docker-compose config)" ||
    fail "deploy/compose.yaml: docker-compose config rejects it"
fi
for p in "$lb_port" $(seq $((base + 1)) $((base + n))) "$stats_port" "$prom_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then echo "port $p is already taken (set PORT_BASE)"; exit 1; fi
done

# admin CMD...: the image's binary as a one-off container, as its own user,
# with the store (read-write) and the shipped data (read-only) mounted.
admin() {
  docker run --rm --network host -v "$store":/store -v "$PWD/data":/data:ro "$image" filmoteca "$@"
}
replica_url() { echo "http://127.0.0.1:$((base + $1))"; }
replica_name() { echo "filmoteca-replica-$1-$$"; }
# build_of N: the build replica N's /readyz names (empty when it does not answer 200).
build_of() { curl -sf -m 1 "$(replica_url "$1")/readyz" | sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' || true; }
# lb_status SERVER: HAProxy's status of a replica (UP, DOWN, "UP 1/2"…).
lb_status() { curl -s -m 1 "http://127.0.0.1:$stats_port/;csv" | awk -F, -v s="$1" '$1 == "replicas" && $2 == s { print $18 }' || true; }
# lb_counter COLUMN: a column of HAProxy's stats for the backend (retries, redispatches…).
lb_counter() {
  curl -s -m 1 "http://127.0.0.1:$stats_port/;csv" |
    awk -F, -v c="$1" 'NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
      $1 == "replicas" && $2 == "BACKEND" { print $col[c] }'
}

say "the store: one build, made by a one-off etl container"
uid=$(docker run --rm --network host "$image" id -u)
install -d -o "$uid" -g "$uid" "$store"
t=$(now)
admin etl --data /data --store /store >"$work/etl1.log" 2>&1 || { tail -n 20 "$work/etl1.log"; die "etl --store failed"; }
first=$(cat "$store/CURRENT")
echo "  build $first in $(since "$t") s (the store is owned by uid $uid, the image's user)"

say "$n replicas: serve --store /store (mounted read-only), --read-only --tmpfs /tmp --memory 512m --network host"
t=$(now)
for i in $(seq 1 "$n"); do
  name=$(replica_name "$i")
  containers+=("$name")
  # The access log writes a line a request: rotated, so that it stays small.
  docker run -d --name "$name" --network host --read-only --tmpfs /tmp --memory 512m --memory-swap 512m \
    --log-opt max-size=50m --log-opt max-file=2 \
    -e PORT=$((base + i)) -v "$store":/store:ro "$image" filmoteca serve --store /store >/dev/null
done
for i in $(seq 1 "$n"); do
  for _ in $(seq 1 300); do [ "$(build_of "$i")" = "$first" ] && break; sleep 0.1; done
  [ "$(build_of "$i")" = "$first" ] || { docker logs "$(replica_name "$i")" 2>&1 | tail -n 10; die "replica $i is not ready"; }
done
ok "$n replicas ready on ports $((base + 1))-$((base + n)), serving $first, $(since "$t") s after docker run"

say "HAProxy on 127.0.0.1:$lb_port (deploy/haproxy.cfg, its servers: the replicas)"
sed '/^ *server /d' deploy/haproxy.cfg >"$work/haproxy.cfg"
for i in $(seq 1 "$n"); do printf '    server r%d 127.0.0.1:%d check\n' "$i" $((base + i)) >>"$work/haproxy.cfg"; done
LB_BIND=127.0.0.1:$lb_port STATS_BIND=127.0.0.1:$stats_port haproxy -c -q -f "$work/haproxy.cfg" || die "haproxy rejects deploy/haproxy.cfg"
LB_BIND=127.0.0.1:$lb_port STATS_BIND=127.0.0.1:$stats_port haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
up=0
for _ in $(seq 1 100); do
  up=0
  for i in $(seq 1 "$n"); do [ "$(lb_status "r$i")" = UP ] && up=$((up + 1)); done
  [ "$up" = "$n" ] && break
  sleep 0.1
done
[ "$up" = "$n" ] && ok "HAProxy sees $n replicas UP (GET /readyz)" || die "HAProxy sees $up of $n replicas UP"
curl -sf "http://127.0.0.1:$lb_port/readyz" >/dev/null || die "GET /readyz through HAProxy failed"

say "Prometheus on 127.0.0.1:$prom_port, scraping each replica and HAProxy every 1 s"
{
  printf 'global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n'
  printf '  - job_name: filmoteca\n    static_configs:\n      - targets: ['
  for i in $(seq 1 "$n"); do printf '"127.0.0.1:%d"%s' $((base + i)) "$([ "$i" -lt "$n" ] && echo ', ')"; done
  printf ']\n  - job_name: haproxy\n    static_configs:\n      - targets: ["127.0.0.1:%d"]\n' "$stats_port"
} >"$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >"$work/promtool.log" 2>&1 || { cat "$work/promtool.log"; die "promtool rejects the configuration"; }
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
query() { curl -sf --get "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1"; }
for _ in $(seq 1 300); do
  [ "$(query 'count(up{job="filmoteca"} == 1)' 2>/dev/null | jq -r '.data.result[0].value[1] // 0')" = "$n" ] && break
  sleep 0.1
done
[ "$(query 'count(up{job="filmoteca"} == 1)' | jq -r '.data.result[0].value[1] // 0')" = "$n" ] &&
  ok "Prometheus scrapes $n replicas (up == 1)" || die "Prometheus does not scrape the $n replicas: $(tail -n 3 "$work/prometheus.log")"

say "load: wrk -t2 -c32 through HAProxy, for the whole run"
wrk -t2 -c32 -d600s --latency -s scripts/swap.lua "http://127.0.0.1:$lb_port" >"$work/wrk.log" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")
sleep "$gap"

# propagate NAME CMD...: runs CMD, which moves the store's pointer, while
# every replica's /readyz is polled (every 50 ms); the time from the
# pointer's write (STORE/CURRENT's mtime) until the last replica names the
# new build, which must be within the goal.
propagate() {
  local what=$1 i old new written slowest="" line times=() pollers=()
  shift
  [ -f "$store/CURRENT" ] || die "$store/CURRENT is gone: something outside this script removed the store's pointer"
  old=$(cat "$store/CURRENT")
  for i in $(seq 1 "$n"); do
    (
      deadline=$(($(date +%s) + 60))
      while [ "$(date +%s)" -lt "$deadline" ]; do
        b=$(build_of "$i")
        if [ -n "$b" ] && [ "$b" != "$old" ]; then echo "$b $(now)"; exit 0; fi
        sleep 0.05
      done
      echo "none 0"
    ) >"$work/seen.$i" &
    pollers+=($!)
    pids+=($!)
  done
  local t0
  t0=$(now)
  if ! admin "$@" >"$work/$what.log" 2>&1; then
    tail -n 10 "$work/$what.log"
    kill "${pollers[@]}" 2>/dev/null || true
    fail "$what: filmoteca $* failed"
    return
  fi
  local took
  took=$(since "$t0")
  new=$(cat "$store/CURRENT")
  written=$(stat -c %.9Y "$store/CURRENT")
  wait "${pollers[@]}" || true
  local bad=0
  for i in $(seq 1 "$n"); do
    read -r b at <"$work/seen.$i"
    if [ "$b" != "$new" ]; then
      bad=$((bad + 1))
      fail "$what: replica $i names $b, not $new"
      continue
    fi
    times+=("$(awk -v a="$written" -v b="$at" 'BEGIN { printf "%.2f", b - a }')")
  done
  [ "$bad" = 0 ] || return 0
  slowest=$(printf '%s\n' "${times[@]}" | sort -g | tail -n 1)
  figure "${what}_seconds" "$slowest"
  # serve writes its log in batches; a line a request, so only the last
  # lines are read (the whole log takes seconds to read by now)
  sleep 0.3
  local loads=()
  for i in $(seq 1 "$n"); do
    loads+=("$(docker logs --tail 50000 "$(replica_name "$i")" 2>&1 | grep '"msg":"swapped in"' | grep "\"build\":\"$new\"" |
      tail -n 1 | sed -n 's/.*"seconds":"\([0-9.]*\)".*/\1/p')")
  done
  echo "  filmoteca $1 took $took s (a one-off container); pointer $old -> $new"
  echo "  each replica named it after ${times[*]} s (of which loading and checking it, as serve logs it: ${loads[*]} s)"
  within "$slowest" "$goal" && ok "$what reached all $n replicas $slowest s after the pointer was written (goal $goal s)" ||
    fail "$what reached all $n replicas after $slowest s (goal $goal s)"
}

say "1. a new build: a one-off etl --store builds, gates and promotes it"
propagate promotion etl --data /data --store /store
second=$(cat "$store/CURRENT")
sleep "$gap"

say "2. rollback --store"
propagate rollback rollback --store /store
sleep "$gap"

say "3. replica $victim killed (docker kill) under load, then restarted (docker start)"
vname=$(replica_name "$victim")
t0=$(now)
docker kill "$vname" >/dev/null
down=""
for _ in $(seq 1 200); do
  case "$(lb_status "r$victim")" in DOWN*) down=$(since "$t0") && break ;; esac
  sleep 0.05
done
[ -n "$down" ] && ok "HAProxy marked replica $victim down $down s after docker kill" || fail "HAProxy did not mark replica $victim down in 10 s"
figure kill_lb_down_seconds "${down:-NA}"
sleep 2
t0=$(now)
docker start "$vname" >/dev/null
ready=""
for _ in $(seq 1 600); do
  [ -n "$(build_of "$victim")" ] && ready=$(since "$t0") && break
  sleep 0.05
done
back=""
for _ in $(seq 1 200); do
  [ "$(lb_status "r$victim")" = UP ] && back=$(since "$t0") && break
  sleep 0.05
done
figure restart_ready_seconds "${ready:-NA}"
figure restart_lb_up_seconds "${back:-NA}"
[ "$(build_of "$victim")" = "$(cat "$store/CURRENT")" ] && [ -n "$back" ] &&
  ok "replica $victim ready again $ready s after docker start, serving the current build; HAProxy sends it requests after $back s" ||
  fail "replica $victim after docker start: ready after ${ready:-never} s, HAProxy UP after ${back:-never} s"
sleep "$gap"

say "4. promote --store $second: the newer build again, to every replica, the restarted one too"
propagate promotion_again promote --store /store "$second"
sleep "$gap"

say "the load's result"
kill -INT "$wrk_pid"
wait "$wrk_pid" || true
result=$(sed -n 's/^result //p' "$work/wrk.log")
[ -n "$result" ] || { cat "$work/wrk.log"; die "wrk printed no result"; }
val() { awk -v k="$1" '{ for (i = 1; i < NF; i += 2) if ($i == k) print $(i + 1) }' <<<"$result"; }
requests=$(val requests)
not200=$(val not200)
socket=$(($(val connect) + $(val read) + $(val write) + $(val timeout)))
rps=$(awk -v r="$requests" -v s="$(val seconds)" 'BEGIN { printf "%.0f", r / s }')
echo "  $requests requests in $(val seconds) s ($rps req/s), p50 $(val p50_ms) ms, p99 $(val p99_ms) ms, max $(val max_ms) ms"
echo "  HAProxy: $(lb_counter wretr) retries, $(lb_counter wredis) redispatches, $(lb_counter econ) connection errors, $(lb_counter eresp) response errors"
figure requests "$requests"
figure req_per_s "$rps"
figure p99_ms "$(val p99_ms)"
figure max_ms "$(val max_ms)"
figure failed_requests $((not200 + socket))
figure haproxy_retries "$(lb_counter wretr)"
figure haproxy_redispatches "$(lb_counter wredis)"
[ "$not200" = 0 ] && ok "no answer other than 200 ($requests requests)" || fail "$not200 answers other than 200"
[ "$socket" = 0 ] && ok "no socket error" || fail "socket errors: $(grep -o 'connect [0-9]* read [0-9]* write [0-9]* timeout [0-9]*' <<<"$result")"

say "Prometheus: every family of /metrics, from every replica"
sleep 2 # a scrape or two of the restarted replica
curl -sf "$(replica_url 1)/metrics" | awk '$1 == "#" && $2 == "TYPE" { print $3, $4 }' | sort -u >"$work/types"
query 'group by (instance, __name__) ({job="filmoteca"})' |
  jq -r '.data.result[].metric | "\(.instance) \(.__name__)"' | sort -u >"$work/scraped"
families=0
absent=()
while read -r family type; do
  case "$type" in
    histogram) series="${family}_bucket ${family}_sum ${family}_count" ;;
    summary) series="$family ${family}_sum ${family}_count" ;;
    *) series=$family ;;
  esac
  families=$((families + 1))
  for i in $(seq 1 "$n"); do
    for s in $series; do
      grep -qx "127.0.0.1:$((base + i)) $s" "$work/scraped" || absent+=("$family from replica $i")
    done
  done
done <"$work/types"
if [ ${#absent[@]} -eq 0 ]; then
  ok "$families families ($(grep -c '^filmoteca_' "$work/types") filmoteca_*) scraped from each of the $n replicas"
else
  fail "not scraped: ${absent[0]}$([ ${#absent[@]} -gt 1 ] && echo " (and $((${#absent[@]} - 1)) more)")"
fi
figure prometheus_families_per_replica "$families"
upnow=$(query 'count(up{job="filmoteca"} == 1)' | jq -r '.data.result[0].value[1] // 0')
[ "$upnow" = "$n" ] && ok "up == 1 for the $n replicas" || fail "up == 1 for $upnow of $n replicas"
seen_down=$(query "min_over_time(up{instance=\"127.0.0.1:$((base + victim))\"}[10m])" | jq -r '.data.result[0].value[1] // "?"')
builds=$(query 'filmoteca_build_info{job="filmoteca"} == 1' | jq -r '[.data.result[].metric.build] | unique | join(",")')
swaps=$(query 'filmoteca_swaps_total{job="filmoteca",result="swapped"}' | jq -r '[.data.result[] | "\(.metric.instance | sub(".*:"; "")): \(.value[1])"] | sort | join(", ")')
echo "  Prometheus saw replica $victim down (lowest up: $seen_down); builds served now: $builds; swaps by port: $swaps"
[ "$builds" = "$second" ] && ok "filmoteca_build_info: every replica serves $second" || fail "filmoteca_build_info names $builds, not only $second"

figure replicas "$n"
figure replicas_test_seconds "$(since "$script_start")"
say "figures"
cat "$work/figures"
echo "replicas-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
