#!/usr/bin/env bash
# The image, tested for real: builds it, runs it as a host would (read-only
# root filesystem, a tmpfs /tmp, 512 MB, half a CPU, $PORT), checks every
# endpoint, /docs/, /openapi.json, / and /eda/ with its assets, the user it
# runs as, the time to the first healthy answer, the memory at rest and after
# a short load, and a clean exit on `docker stop`. With the full-size data
# beside the repository (../shared/data/full) it does it again on a
# full-size database built by the image's own binary, mounted read-only.
#
#   scripts/docker-test.sh
#   LOAD_DURATION=5s DOCKER_TEST_PORT=18780 FULL_DATA=../shared/data/full scripts/docker-test.sh
#   scripts/docker-test.sh --prepare   (only the tools, dockerd, the base images and
#                                       the build: CI runs it while the tests run)
#
# Needs root (it may install docker.io and wrk, and start dockerd). Docker is
# used with --network host only; the container is reached on 127.0.0.1.
# Prints `figure NAME VALUE` lines at the end (scripts/figures.sh reads them)
# and exits non-zero if any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

prepare=0
[ "${1:-}" = --prepare ] && prepare=1
image=${IMAGE:-filmoteca:docker-test}
port=${DOCKER_TEST_PORT:-18780}
load_duration=${LOAD_DURATION:-5s}
full=${FULL_DATA:-../shared/data/full}
bases=${DOCKER_BASES:-../shared/tools/docker-bases.sh}
dockerd_log=${DOCKERD_LOG:-/var/log/dockerd-local.log}
base_url="http://127.0.0.1:$port"

work=$(mktemp -d)
containers=()
cleanup() {
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

script_start=$(date +%s.%N)
passed=0
failed=0
: >"$work/figures"
say() { printf '== %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
# slow: a timing goal missed. Timings depend on the host's load, so they
# are reported (and land in the figures), never failed: a correctness
# check fails, a speed goal is a figure.
missed=0
slow() { missed=$((missed + 1)); printf '  SLOW  %s\n' "$*"; }
figure() { printf 'figure %s %s\n' "$1" "$2" >>"$work/figures"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; } # kB -> MB
apt_install() {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$@" >/dev/null
}

say "tools"
command -v docker >/dev/null || { echo "  installing Debian's docker.io"; apt_install docker.io; }
command -v wrk >/dev/null || { echo "  installing Debian's wrk"; apt_install wrk; }
if ! docker info >/dev/null 2>&1; then
  echo "  starting dockerd (no bridge, no iptables; log: $dockerd_log)"
  nohup dockerd --bridge=none --iptables=false --ip-forward=false >"$dockerd_log" 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not answer in 60 s:"; tail -n 20 "$dockerd_log"; exit 1; }
fi
echo "  docker $(docker version --format '{{.Server.Version}}'), wrk $(wrk --version 2>&1 | awk 'NR==1 {print $2}')"
if ! docker image inspect debian:bookworm-slim golang:1.26-bookworm >/dev/null 2>&1; then
  [ -x "$bases" ] || bases=/work/shared/tools/docker-bases.sh
  echo "  base images missing: $bases (a few minutes the first time)"
  bash "$bases"
fi

say "build ($image)"
# The legacy builder (no buildx here) caches layers: a warm build reuses the
# npm and dependency layers. The Go proxy settings are this machine's.
t=$(now)
if ! docker build --network host -t "$image" \
  --build-arg GOPROXY="$(go env GOPROXY 2>/dev/null || true)" \
  --build-arg GOSUMDB="$(go env GOSUMDB 2>/dev/null || true)" \
  --build-arg GOFLAGS="$(go env GOFLAGS 2>/dev/null || true)" \
  . >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log"
  echo "docker build failed"
  exit 1
fi
figure build_seconds "$(since "$t")"
steps=$(grep -c '^Step ' "$work/build.log" || true)
cached=$(grep -c 'Using cache' "$work/build.log" || true)
figure build_cached_steps "$cached/$steps"
size=$(awk -v b="$(docker image inspect -f '{{.Size}}' "$image")" 'BEGIN { printf "%.0f", b / 1e6 }')
figure image_size_mb "$size"
echo "  built in $(since "$t") s ($cached of $steps steps cached), $size MB"
if [ "$prepare" = 1 ]; then exit 0; fi
user=$(docker image inspect -f '{{.Config.User}}' "$image")
case "$user" in "" | root | 0 | 0:*) fail "image user is '$user' (root)" ;; *) ok "image user: $user" ;; esac
env_lines=$(docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$image")
if grep -q '^GOMEMLIMIT=' <<<"$env_lines"; then
  fail "the image sets GOMEMLIMIT (serve sets 150 MiB itself; see docs/deployment.md)"
else
  ok "no GOMEMLIMIT in the image: serve's own 150 MiB limit applies"
fi

# run NAME CPUS [docker run args]: starts the container as a host would and
# waits for /healthz; sets started (seconds from `docker run` to the answer).
run() {
  local name=$1 cpus=$2
  shift 2
  if curl -s -o /dev/null "$base_url/healthz"; then
    echo "port $port is already taken (set DOCKER_TEST_PORT)"
    exit 1
  fi
  containers+=("$name")
  local t0
  t0=$(now)
  docker run -d --name "$name" --network host --read-only --tmpfs /tmp \
    --memory 512m --memory-swap 512m --cpus "$cpus" -e PORT="$port" "$@" "$image" >/dev/null
  local deadline=$(($(date +%s) + 60))
  until curl -sf -o /dev/null "$base_url/healthz"; do
    if [ "$(docker inspect -f '{{.State.Running}}' "$name")" != true ] || [ "$(date +%s)" -gt "$deadline" ]; then
      docker logs "$name" 2>&1 | tail -n 20
      echo "$name did not answer /healthz"
      exit 1
    fi
    sleep 0.02
  done
  started=$(since "$t0")
  pid=$(docker inspect -f '{{.State.Pid}}' "$name")
  # serve's own start-up (its log is written in batches, up to 200 ms late)
  serve_startup=""
  for _ in $(seq 1 20); do
    docker logs "$name" >"$work/log" 2>&1
    serve_startup=$(sed -n 's/.*"startup_seconds":"\([0-9.]*\)".*/\1/p' "$work/log")
    [ -z "$serve_startup" ] || break
    sleep 0.1
  done
}

# get PATH STATUS [PATTERN]: the answer has that status and matches PATTERN.
get() {
  local path=$1 want=$2 pattern=${3:-} code
  code=$(curl -s -o "$work/body" -w '%{http_code}' "$base_url$path")
  if [ "$code" != "$want" ]; then
    fail "GET $path: HTTP $code, want $want"
  elif [ -n "$pattern" ] && ! grep -Eq "$pattern" "$work/body"; then
    fail "GET $path: HTTP $code but no /$pattern/ in: $(head -c 200 "$work/body")"
  else
    ok "GET $path: HTTP $code${pattern:+, /$pattern/}"
  fi
}

# assets PAGE: every file the page links to (src/href, not anchors) answers
# 200 with a body; none is loaded from another host.
assets() {
  local page=$1 dir=${1%/*}/ ref n=0 code
  curl -s "$base_url$page" >"$work/page"
  if grep -Eoq '(src|href)="(https?:)?//' "$work/page"; then
    fail "$page loads from the network: $(grep -Eo '(src|href)="(https?:)?//[^"]*"' "$work/page" | tr '\n' ' ')"
  fi
  for ref in $(grep -Eo '(src|href)="[^"#][^"]*"' "$work/page" | sed 's/^[a-z]*="//; s/"$//' | sort -u); do
    case "$ref" in /*) ;; ./*) ref="$dir${ref#./}" ;; *) ref="$dir$ref" ;; esac
    code=$(curl -s -o "$work/asset" -w '%{http_code}' "$base_url$ref")
    if [ "$code" = 200 ] && [ -s "$work/asset" ]; then n=$((n + 1)); else fail "$page links $ref: HTTP $code"; fi
  done
  ok "$page: $n linked files answer 200, none from the network"
}

# load NAME SUFFIX: a mix of every endpoint (scripts/soak.lua: 18 paths,
# 5 invalid on purpose) with wrk, then the server's memory.
load() {
  local name=$1 sfx=$2 out rps p99 non2xx total
  out=$(wrk -t2 -c32 -d"$load_duration" --latency -s scripts/soak.lua "$base_url")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    printf "%.2f", (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : (u == "m" ? v * 60000 : v))) }' <<<"$out")
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  echo "  wrk -t2 -c32 -d$load_duration (soak.lua mix): $total requests, $rps req/s, p99 $p99 ms, ${non2xx:-0} non-2xx (5/18 expected)"
  grep -q 'Socket errors' <<<"$out" && fail "socket errors under load: $(grep 'Socket errors' <<<"$out")"
  figure "req_per_s$sfx" "$(awk -v r="$rps" 'BEGIN { printf "%.0f", r }')"
  figure "p99_ms$sfx" "$p99"
  local rss hwm cg
  rss=$(mb "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")")
  hwm=$(mb "$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")")
  # the container's memory as its cgroup counts it (page cache excluded)
  cg=$(docker stats --no-stream --format '{{.MemUsage}}' "$name" | awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v);
    f = (u == "GiB" ? 1073741824 : (u == "MiB" ? 1048576 : (u == "KiB" ? 1024 : 1))); printf "%.0f", v * f / 1e6 }')
  echo "  after the load: RSS $rss MB, peak RSS $hwm MB, container memory $cg MB (limit 512 MB)"
  figure "container_mem_after_load${sfx}_mb" "$cg"
  figure "rss_after_load${sfx}_mb" "$rss"
  figure "rss_peak${sfx}_mb" "$hwm"
  [ "$(docker inspect -f '{{.State.OOMKilled}}' "$name")" = false ] && [ "$hwm" -lt 512 ] &&
    ok "under 512 MB (peak RSS $hwm MB), not OOM-killed" || fail "memory: peak RSS $hwm MB, OOM-killed $(docker inspect -f '{{.State.OOMKilled}}' "$name")"
}

# stop NAME SUFFIX: `docker stop` (SIGTERM, 10 s grace) ends it cleanly.
stop() {
  local name=$1 sfx=$2 t0 secs code
  t0=$(now)
  docker stop -t 10 "$name" >/dev/null
  secs=$(since "$t0")
  code=$(docker inspect -f '{{.State.ExitCode}}' "$name")
  figure "stop_seconds$sfx" "$secs"
  figure "exit_code$sfx" "$code"
  docker logs "$name" >"$work/log" 2>&1
  if [ "$code" = 0 ] && awk -v s="$secs" 'BEGIN { exit !(s < 5) }' && grep -q 'shutting down' "$work/log"; then
    ok "docker stop: exit code 0 in $secs s, after 'shutting down'"
  else
    fail "docker stop: exit code $code in $secs s"
    tail -n 5 "$work/log"
  fi
}

say "the image as shipped (sample database): --read-only --tmpfs /tmp --memory 512m --cpus 0.5 --network host, PORT=$port"
name="filmoteca-test-$$"
run "$name" 0.5
echo "  first healthy answer $started s after docker run (serve's own start-up: ${serve_startup:-?} s)"
figure start_seconds_cpus05 "$started"
figure serve_startup_seconds_cpus05 "${serve_startup:-NA}"
awk -v s="$started" 'BEGIN { exit !(s <= 5) }' && ok "healthy within 5 s at 0.5 CPU" || slow "healthy after $started s (goal 5 s)"
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
[ "$uid" != 0 ] && ok "the server runs as uid $uid, not root" || fail "the server runs as root"
[ "$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$name")" = true ] &&
  ! docker exec --user 0 "$name" sh -c 'echo x >/x' 2>/dev/null &&
  ok "the root filesystem is read-only" || fail "the root filesystem is writable"
get /healthz 200 '"estado"'
get /cantidad_filmaciones_mes/enero 200 '"cantidad": [1-9]'
get /cantidad_filmaciones_dia/s%C3%A1bado 200 '"cantidad": [1-9]'
get /score_titulo/Toy%20Story 200 '"anio": 1995'
get /votos_titulo/Toy%20Story 200 '"votos": [1-9]'
get /get_actor/Tom%20Hanks 200 '"cantidad_filmaciones": [1-9]'
get /get_director/John%20Lasseter 200 '"titulo": "Toy Story"'
get /recomendacion/Toy%20Story 200 '"recomendaciones"'
get /score_titulo/Toy%20Stroy 200 '"titulo": "Toy Story"'
get /score_titulo/Toy%20Story%205 404 '"sugerencias"'
get /cantidad_filmaciones_mes/smarch 400 '"error"'
get /openapi.json 200 '"openapi"'
get /docs/ 200 'swagger-ui'
get / 200 'href="/eda/"'
get /eda/ 200 'echarts'
assets /docs/
assets /eda/
n=$(grep -c 'echarts.init' "$work/page" || true)
[ "$n" -gt 0 ] && ok "/eda/: $n charts" || fail "/eda/ has no charts"
rss=$(mb "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")")
figure rss_idle_mb "$rss"
echo "  RSS at rest: $rss MB"
load "$name" ""
stop "$name" ""

if [ -d "$full" ]; then
  say "the full-size data ($full): database built by the image's binary, mounted read-only"
  t=$(now)
  docker run --rm --network host --user "$(id -u):$(id -g)" -v "$(realpath "$full")":/data:ro -v "$work":/out \
    "$image" filmoteca etl --data /data --db /out/full.duckdb >"$work/etl.log" 2>&1 ||
    { tail -n 20 "$work/etl.log"; echo "etl of $full failed"; exit 1; }
  echo "  built in $(since "$t") s"
  mount=(-v "$work/full.duckdb:/app/data/filmoteca.duckdb:ro")
  for cpus in 2 0.5; do
    sfx=$([ "$cpus" = 2 ] && echo _full_cpus2 || echo _full_cpus05)
    name="filmoteca-test-full-$cpus-$$"
    run "$name" "$cpus" "${mount[@]}"
    movies=$(curl -s "$base_url/resumen" | sed -n 's/.*"peliculas": *\([0-9]*\).*/\1/p')
    echo "  --cpus $cpus: first healthy answer $started s after docker run (serve's own start-up: ${serve_startup:-?} s), $movies movies"
    figure "start_seconds$sfx" "$started"
    figure "serve_startup_seconds$sfx" "${serve_startup:-NA}"
    [ "${movies:-0}" -gt 40000 ] && ok "serves the full-size database ($movies movies)" || fail "serves $movies movies"
    goal=$([ "$cpus" = 2 ] && echo 2 || echo 5)
    awk -v s="$started" -v g="$goal" 'BEGIN { exit !(s <= g) }' && ok "healthy within $goal s at $cpus CPU" || slow "healthy after $started s at $cpus CPU (goal $goal s)"
    if [ "$cpus" = 0.5 ]; then
      get /recomendacion/Toy%20Story 200 '"recomendaciones"'
      get /get_actor/Tom%20Hanks 200 '"cantidad_filmaciones": [1-9]'
      rss=$(mb "$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")")
      figure rss_idle_full_mb "$rss"
      echo "  RSS at rest: $rss MB"
      load "$name" _full
      stop "$name" _full
    else
      docker rm -f "$name" >/dev/null
    fi
  done
else
  say "no full-size data at $full: the full-size start-up is not measured"
fi

figure docker_test_seconds "$(since "$script_start")"
say "figures"
cat "$work/figures"
echo "docker-test: $passed passed, $failed failed, $missed timing goals missed (reported, not failed)"
[ "$failed" -eq 0 ]
