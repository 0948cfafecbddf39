#!/usr/bin/env bash
# Reruns every measurement the docs quote and writes them, with the machine,
# the date, the commit and the digest of the code they measure, to
# docs/figures.md. Run it on a quiet machine before resolving an issue that
# changes performance. A change to the measured code never fails the tests:
# --status reports, in one line, whether the page still measures the code
# (CI prints that line).
#
#   scripts/figures.sh                 (about 30 minutes on 2 cores, and some 20 more
#                                       for the CI stages, cold and warm: SKIP=ci leaves them out)
#   SKIP=docker,load scripts/figures.sh   (a section left out keeps no row)
#
# Sections, in order (the names SKIP takes): etl, growth, startup, load,
# swap, prometheus, search, soak, bench, evalrec, video, docker, replicas, ci.
#   scripts/figures.sh --digest        (only print the digest of the measured code)
#   scripts/figures.sh --status        (one line: current, or stale and what changed)
#
# Data: the shipped sample (data/), the full-size reconstruction
# (../shared/data/full) and the 190 MB benchmark set made by
# ../shared/data/make-scale.py; "with keywords" adds the shipped
# keywords.csv to the full-size files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# code_digest hashes what the figures measure: the program's Go code (tests
# aside), the SQL steps and report cells, the modules, the Dockerfile and the
# scripts that measure. The one definition: the test runs this too.
measured=('*.go' ':!:*_test.go' 'sql/*.sql' 'eda/cells/*.sql' go.mod go.sum Dockerfile
  scripts/figures.sh scripts/docker-test.sh scripts/growth.sh scripts/swap-test.sh scripts/swap.lua
  scripts/soak.sh scripts/soak.lua scripts/prometheus-check.sh scripts/replicas-test.sh
  scripts/demo-video.sh scripts/demo-record.mjs deploy/haproxy.cfg)
code_digest() {
  git ls-files -z -- "${measured[@]}" | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16
}
out=docs/figures.md
# status: one line saying whether $out measured the code as it is now.
status() {
  local recorded commit changed
  recorded=$(sed -n 's/^- code digest: \([0-9a-f]*\).*/\1/p' "$out")
  if [ "$recorded" = "$(code_digest)" ]; then
    echo "figures: current ($out measured this code, digest $recorded)"
    return
  fi
  commit=$(sed -n 's/^- commit: \([0-9a-f]*\).*/\1/p' "$out")
  changed=""
  if [ -n "$commit" ] && git cat-file -e "$commit^{commit}" 2>/dev/null; then
    changed=$(git diff --name-only "$commit" -- "${measured[@]}" | paste -sd, -)
  fi
  echo "figures: stale ($out measured code digest ${recorded:-none}${commit:+ at commit $commit}; changed since: ${changed:-unknown}): rerun scripts/figures.sh to refresh them"
}
case "${1:-}" in
  --digest) code_digest; exit 0 ;;
  --status) status; exit 0 ;;
esac
skip=",${SKIP:-},"
want() { [[ "$skip" != *",$1,"* ]]; }

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

tmp=$(mktemp -d)
pid=""
cleanup() { [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
bin="$tmp/filmoteca"
go build -o "$bin" .

full=../shared/data/full
[ -d "$full" ] || { echo "figures: $full is missing (the full-size reconstruction)" >&2; exit 1; }
full=$(cd "$full" && pwd)
fullkw="$tmp/full-keywords"
mkdir -p "$fullkw"
ln -s "$full"/* "$fullkw/"
ln -s "$root/data/keywords.csv.gz" "$fullkw/"
scale=${SCALE_DIR:-/tmp/filmoteca-scale}
if [ ! -e "$scale/movies_dataset.csv" ] && [ ! -e "$scale/movies_dataset.csv.gz" ]; then
  python3 ../shared/data/make-scale.py "$scale" >/dev/null
fi

body="$tmp/body.md"
: >"$body"
section() { printf '\n## %s\n\n' "$1" >>"$body"; }
say() { printf '%s\n' "$*" >>"$body"; }
# metric LINE UNIT: the value a Go benchmark line reports with that unit.
metric() { awk -v u="$2" '{for (i = 2; i < NF; i++) if ($(i+1) == u) print $i}' <<<"$1"; }
# figure_table FILE: the `figure NAME VALUE` lines a script printed, as a table.
figure_table() {
  say "| measure | value |"
  say "|---|---|"
  grep '^figure ' "$1" | while read -r _ name value; do
    case "$name" in
      *_mb | *_mb_*) unit=MB ;;
      *seconds*) unit=s ;;
      *_ms | *_ms_*) unit=ms ;;
      *) unit= ;;
    esac
    say "| \`$name\` | $value${unit:+ $unit} |"
  done
}
# run_script NAME SCRIPT ARGS...: runs a measuring script, its output kept in $tmp/NAME.txt.
run_script() {
  local name=$1
  shift
  bash "$@" >"$tmp/$name.txt" 2>&1 || { cat "$tmp/$name.txt" >&2; exit 1; }
}

# --- the build ------------------------------------------------------------
if want etl; then
  section "The build (\`etl\`)"
  say "Each row is \`BenchmarkETL\` (\`FILMOTECA_BENCH_DATA=DIR go test ./engine/store -run '^\$' -bench ETL -benchtime 3x\`): in each of 3 runs, DuckDB's plain \`read_csv\` of the same files into a new database, then the whole build, vectors included; the mean of the 3. Peak RSS: \`/usr/bin/time -f %M filmoteca etl --force --data DIR --db FILE\` (default settings)."
  say ""
  say "| data | plain read_csv | etl (all of it) | of which vectors | etl / read_csv | database file | peak RSS |"
  say "|---|---|---|---|---|---|---|"
  for pair in "shipped sample with keywords|data" "full-size reconstruction|$full" \
    "full-size reconstruction with keywords|$fullkw" "190 MB benchmark set|$scale"; do
    name=${pair%%|*}
    dir=${pair#*|}
    line=$(FILMOTECA_BENCH_DATA="$(cd "$dir" && pwd)" go test ./engine/store -run '^$' -bench ETL -benchtime 3x | grep '^BenchmarkETL')
    rss=$(/usr/bin/time -f %M "$bin" etl --force --data "$dir" --db "$tmp/etl.duckdb" 2>&1 >/dev/null | tail -n 1)
    say "| $name | $(metric "$line" read_csv-s) s | $(metric "$line" etl-s) s | $(metric "$line" vectors-s) s | $(metric "$line" etl/read_csv)× | $(metric "$line" file-MB) MB | $((rss / 1024)) MB |"
  done
fi

if want growth; then
  section "How the build grows (\`scripts/growth.sh\`)"
  say "The 190 MB benchmark set and twice and four times it, each built with \`etl --force\` and default settings."
  say ""
  say '```'
  bash scripts/growth.sh "$(dirname "$scale")" >>"$body"
  say '```'
fi

# The full-size database with keywords serves the rest.
"$bin" etl --data "$fullkw" --db "$tmp/full.duckdb" >/dev/null 2>&1

# --- start-up ---------------------------------------------------------------
port=18450
start_server() { # start_server LOG_LEVEL LOG_FILE; sets pid and startup (seconds until /healthz answers)
  local t0
  t0=$(date +%s.%N)
  LOG_LEVEL=$1 "$bin" serve --build=false --db "$tmp/full.duckdb" --addr "127.0.0.1:$port" >"$2" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.005; done
  startup=$(echo "$(date +%s.%N) - $t0" | bc)
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
hwm_mb() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status"; }

if want startup; then
  section "Start-up (\`serve --build=false\`, full-size data with keywords)"
  say "Time from launch until \`/healthz\` answers, 5 runs, the database present (2 cores, no container); the Go memory limit is serve's own default."
  say ""
  times=()
  for _ in 1 2 3 4 5; do
    start_server warn /dev/null
    times+=("$startup")
    idle=$(rss_mb)
    peak=$(hwm_mb)
    stop_server
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  say "| median | slowest | RSS once loaded | peak RSS while loading |"
  say "|---|---|---|---|"
  say "| $(sed -n 3p <<<"$sorted" | xargs printf '%.2f') s | $(tail -n 1 <<<"$sorted" | xargs printf '%.2f') s | $idle MB | $peak MB |"
fi

# --- load -----------------------------------------------------------------------
wrk_route() { # wrk_route PATH -> "rps p99"
  local out
  out=$(wrk -t2 -c64 -d"${DURATION:-10s}" --latency "http://127.0.0.1:$port$1")
  grep -q "Socket errors" <<<"$out" && echo "figures: socket errors on $1" >&2
  echo "$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}
if want load; then
  section "API load (full-size data with keywords)"
  say "\`wrk -t2 -c64 -d${DURATION:-10s} --latency\` per route on loopback; wrk and the server share the 2 cores, so p99 is mostly queueing. Access log off (\`LOG_LEVEL=warn\`)."
  say ""
  say "| route | requests/s | p99 |"
  say "|---|---|---|"
  start_server warn /dev/null
  for route in /healthz /cantidad_filmaciones_mes/enero /cantidad_filmaciones_dia/s%C3%A1bado \
    /score_titulo/Toy%20Story /votos_titulo/Toy%20Story /get_actor/Tom%20Hanks \
    /get_director/John%20Lasseter /recomendacion/Toy%20Story /score_titulo/Toy%20Stroy; do
    read -r rps p99 <<<"$(wrk_route "$route")"
    say "| \`$route\` | $rps | $p99 |"
  done
  say ""
  say "Server RSS after this load: $(rss_mb) MB (peak $(hwm_mb) MB)."
  stop_server

  section "The access log's cost (\`/score_titulo/Toy%20Story\`)"
  say "The same wrk run with the log off and on (\`LOG_LEVEL=info\`, what render.yaml sets, written to a file)."
  say ""
  say "| access log | requests/s | p99 | share of the throughput kept |"
  say "|---|---|---|---|"
  start_server warn /dev/null
  read -r off off99 <<<"$(wrk_route /score_titulo/Toy%20Story)"
  stop_server
  start_server info "$tmp/access.log"
  read -r on on99 <<<"$(wrk_route /score_titulo/Toy%20Story)"
  stop_server
  say "| off | $off | $off99 | 100% |"
  say "| on | $on | $on99 | $((100 * on / off))% |"
fi

# --- new films while serving ---------------------------------------------------
if want swap; then
  section "Hot swap under load (\`scripts/swap-test.sh\`, full-size data)"
  say "\`serve --store\` under \`wrk -c32\` (every endpoint): Toy Story arrives as an update, \`etl --store\` builds, gates and promotes it; the time from etl's exit until the server answers for it; then \`rollback\`, and the time until it no longer does."
  say ""
  run_script swap scripts/swap-test.sh "$full"
  figure_table "$tmp/swap.txt"
fi

if want prometheus; then
  section "Prometheus (\`scripts/prometheus-check.sh\`)"
  say "Debian's Prometheus scraping \`serve --store\` every second: every family the server defines and \`/metrics\` lists is scraped, \`up\` is 1."
  say ""
  run_script prometheus scripts/prometheus-check.sh
  figure_table "$tmp/prometheus.txt"
fi

# --- search ---------------------------------------------------------------------
if want search; then
  section "Search (\`filmoteca evalsearch\`)"
  say "Query sets derived from the data (see [api.md](api.md)): from the 1,000 most voted films, a title's longest word (wanting the known film of that title, else the most voted with the word), the title without a leading \"The\", the title with two letters swapped, the original title; from the 1,000 best-known directors and actors, their surname. Dev queries chose the settings; held-out queries check them. \"Endpoints\" is what a title or people endpoint does with the query: answer for the wanted one, answer for another, or a 404 with suggestions."
  for pair in "full-size reconstruction with keywords|$tmp/full.duckdb" "shipped sample|$tmp/sample.duckdb"; do
    name=${pair%%|*}
    db=${pair#*|}
    [ -e "$db" ] || "$bin" etl --data data --db "$db" >/dev/null 2>&1
    section "Search: $name"
    "$bin" evalsearch --db "$db" | tail -n +3 >>"$body"
  done
fi

# --- soak ------------------------------------------------------------------------
if want soak; then
  section "Soak (\`DURATION=2m SLOW=1000 scripts/soak.sh\`, full-size data)"
  say "64 connections over a mix of every endpoint, 5 of 18 paths invalid on purpose (\`scripts/soak.lua\`), while 1,000 slow clients dribble a header; the server's RSS sampled every 10 s."
  say ""
  say '```'
  DURATION=2m SLOW=1000 bash scripts/soak.sh "$full" 2>&1 | grep -v '^soak:' >>"$body"
  say '```'
fi

# --- Go benchmarks ------------------------------------------------------------
if want bench; then
  section "Go benchmarks (full-size data with keywords)"
  say "\`go test ./engine/pipeline -run '^\$' -bench Load -benchtime 5x\` (what a server does to serve a build, at start and at every swap: the database read into memory, the search indexes and the recommender made), \`go test ./engine/pipeline -run '^\$' -bench Recommend\` (an uncached recommendation: every film scored, ranked, distinct titles), \`go test ./eda -run '^\$' -bench EDA -benchtime 3x\` (all cells, both word clouds, the page), \`go test ./engine/film -run '^\$' -bench SearchMovies\` (a search with a typo, the slowest kind)."
  say ""
  load=$(FILMOTECA_BENCH_DATA="$fullkw" go test ./engine/pipeline -run '^$' -bench Load -benchtime 5x | grep '^BenchmarkLoad')
  rec=$(FILMOTECA_BENCH_DATA="$fullkw" go test ./engine/pipeline -run '^$' -bench Recommend | grep '^BenchmarkRecommend')
  eda=$(FILMOTECA_BENCH_DATA="$fullkw" go test ./eda -run '^$' -bench EDA -benchtime 3x | grep '^BenchmarkEDA')
  sug=$(FILMOTECA_BENCH_DATA="$fullkw" go test ./engine/film -run '^$' -bench SearchMovies | grep '^BenchmarkSearchMovies' | head -n 1)
  say "| measure | value |"
  say "|---|---|"
  say "| a build loaded for serving, mean | $(awk '{printf "%.2f", $3 / 1e9}' <<<"$load") s |"
  say "| memory one load allocates | $(metric "$load" B/op | awk '{printf "%.0f", $1 / 1e6}') MB |"
  say "| uncached recommendation, median | $(metric "$rec" p50-ms) ms |"
  say "| uncached recommendation, p99 | $(metric "$rec" p99-ms) ms |"
  say "| recommender's vectors in memory (features and their inverted index) | $(metric "$rec" features-MB) MB |"
  say "| EDA report, all cells | $(awk '{printf "%.2f", $3 / 1e9}' <<<"$eda") s |"
  say "| a search with a typo (\`Toy Stroy\`), mean | $(awk '{printf "%.0f", $3 / 1e3}' <<<"$sug") µs |"
fi

# --- recommendations people agree with ------------------------------------
if want evalrec && [ -e ../shared/data/eval/ratings_dev.csv ]; then
  section "Recommendations against MovieLens co-likes"
  say "\`filmoteca evalrec --db DB --ratings ../shared/data/eval/ratings_dev.csv --links ../shared/data/eval/links_small.csv --users tune|check --sample 2000\` (see [recommender.md](recommender.md): settings chosen on the tune users, check users held out)."
  for pair in "shipped sample with keywords|data" "full-size reconstruction with keywords|$fullkw"; do
    name=${pair%%|*}
    dir=${pair#*|}
    "$bin" etl --data "$dir" --db "$tmp/eval.duckdb" >/dev/null 2>&1
    for users in tune check; do
      section "Co-likes: $name, $users users"
      "$bin" evalrec --db "$tmp/eval.duckdb" --ratings ../shared/data/eval/ratings_dev.csv \
        --links ../shared/data/eval/links_small.csv --users "$users" --sample 2000 2>/dev/null >>"$body"
    done
  done
fi

# --- the demo video -----------------------------------------------------------
if want video; then
  section "The demo video"
  say "\`scripts/demo-video.sh FILE\` on the shipped data (the page, Swagger UI, the report, \`sql\` and the model, narrated by espeak-ng), then \`scripts/check-video.sh FILE\`."
  say ""
  t0=$(date +%s)
  bash scripts/demo-video.sh "$tmp/demo.mp4" >"$tmp/video.txt" 2>&1 || { cat "$tmp/video.txt" >&2; exit 1; }
  made=$(($(date +%s) - t0))
  bash scripts/check-video.sh "$tmp/demo.mp4" >"$tmp/check-video.txt" 2>&1 || { cat "$tmp/check-video.txt" >&2; exit 1; }
  cp "$tmp/demo.vtt" docs/demo.vtt # the subtitles of the run measured here
  length=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/demo.mp4")
  say "| length | size | subtitle cues | made in |"
  say "|---|---|---|---|"
  say "| $(printf '%.0f' "$length") s ($(awk -v s="$length" 'BEGIN { printf "%d min %02d s", s / 60, s % 60 }')) | $(awk -v b="$(stat -c %s "$tmp/demo.mp4")" 'BEGIN { printf "%.1f", b / 1e6 }') MB | $(grep -c -- '-->' "$tmp/demo.vtt") | $made s |"
fi

# --- the container ------------------------------------------------------------
if want docker && [ -x scripts/docker-test.sh ]; then
  section "The container (\`scripts/docker-test.sh\`)"
  say "The image built from the Dockerfile and run as a host would (read-only root, \`--memory 512m --cpus 0.5\`), the shipped data."
  say ""
  run_script docker scripts/docker-test.sh
  figure_table "$tmp/docker.txt"
fi

# --- replicas behind a load balancer --------------------------------------------
if want replicas && want docker; then
  section "Replicas (\`BUILD=0 IMAGE=filmoteca:docker-test scripts/replicas-test.sh\`)"
  say "Three replicas of the image above share one store behind HAProxy, under \`wrk -c32\` through it: a promotion, a rollback, one replica killed and restarted, a promotion again; the times are the slowest replica's, from the pointer's write until its \`/readyz\` names the build. HAProxy, Prometheus, wrk and the replicas share the 2 cores."
  say ""
  BUILD=0 IMAGE=filmoteca:docker-test run_script replicas scripts/replicas-test.sh
  figure_table "$tmp/replicas.txt"
fi

# --- CI's stages ------------------------------------------------------------------
# Each stage of .ci/run on its own, as CI's first run on a fresh machine finds
# it (cold), then as a second run finds it (warm), each run in a fresh clone
# of HEAD with ../shared beside it. Cold: the Go build, Go module and npm
# caches empty before the first stage; the test image and both base images
# removed (only untagged where other images are built on them), so
# debootstrap and every image build run again: run it where no one else is
# using Docker. Debian's packages are installed only where missing (the table
# says which). Warm: a second fresh clone, the same stages again.
if want ci; then
  section "CI stages"
  say "Each stage of \`.ci/run\` on its own (\`bash .ci/run fast\`, then \`browser\`, \`video\`, \`container\`), in a fresh clone of HEAD as CI runs it, timed from start to end. **Cold**, as CI's first run on a fresh machine: the Go build and module caches (\`GOCACHE\`, \`GOMODCACHE\`: every module from the Go module proxy) and the npm cache empty before the fast stage, each later stage finding what the stages before it left; no Docker image (the test image and both base images untagged: debootstrap and every image build run again); Debian's packages installed only where missing. Each time says what the run installed or built and the machine's mean load average during it. **Warm**: the same stages again in a second fresh clone, as a second CI run on the same machine. \`bash .ci/run\` runs them in this order and prepares the container (packages, base images, first build) in the background during the fast stage, so its total is less than the sum. $(nproc) cores; other work may have shared them."
  say ""
  say "| stage | needs | cold | warm |"
  say "|---|---|---|---|"
  shared=$(cd ../shared && pwd)
  mkdir -p "$tmp/ci-gocache" "$tmp/ci-gomod" "$tmp/ci-npm"
  # ci_time RUN STAGE: runs the stage in the clone $tmp/RUN/main; prints
  # "SECONDS s", then what it installed or built, the mean load average, and
  # its one line if it failed.
  ci_time() {
    local t0 rc=0 out="$tmp/ci-$1-$2.txt" notes=() sampler
    (while :; do cut -d' ' -f1 /proc/loadavg; sleep 5; done) >"$out.load" &
    sampler=$!
    t0=$(date +%s)
    (cd "$tmp/$1/main" && GOCACHE="$tmp/ci-gocache" GOMODCACHE="$tmp/ci-gomod" npm_config_cache="$tmp/ci-npm" \
      bash .ci/run "$2") >"$out" 2>&1 </dev/null || rc=$?
    printf '%s s' "$(($(date +%s) - t0))"
    kill "$sampler"
    while read -r line; do notes+=("$line"); done < <(
      sed -n "s/^installing \(Debian's .*\)/\1 installed/p" "$out"
      grep -q 'base images missing' "$out" && echo "base images made"
      sed -n 's/^  built in [0-9.]* s (\([0-9]* of [0-9]*\) steps cached).*/image built, \1 steps cached/p' "$out" | head -n 1
      awk '{ s += $1; n++ } END { if (n) printf "load %.1f\n", s / n }' "$out.load")
    printf ' (%s)' "$(IFS=';'; echo "${notes[*]}" | sed 's/;/; /g')"
    [ "$rc" = 0 ] || printf ' (failed: %s)' "$(grep -m1 "^ci: stage $2 failed:" "$out" | sed "s/^ci: stage $2 failed: //; s/ (see above)//g; s/|/\\\\|/g")"
  }
  if docker info >/dev/null 2>&1; then
    # Removed, or only untagged where other images are built on them.
    docker image rm filmoteca:docker-test golang:1.26-bookworm debian:bookworm-slim >/dev/null 2>&1 || true
  fi
  stages=(fast browser video container)
  declare -A needs=([fast]="Go and gcc"
    [browser]="npm ci (ECharts, playwright-core, axe-core), Debian's chromium"
    [video]="npm ci, Debian's chromium, ffmpeg and espeak-ng"
    [container]="root, Debian's docker.io, wrk and debootstrap, the base images (../shared/tools/docker-bases.sh)")
  declare -A cold warm
  for run in cold warm; do
    mkdir -p "$tmp/ci-$run"
    ln -s "$shared" "$tmp/ci-$run/shared"
    git clone -q "$root" "$tmp/ci-$run/main"
    for stage in "${stages[@]}"; do
      t=$(ci_time "ci-$run" "$stage")
      if [ "$run" = cold ]; then cold[$stage]=$t; else warm[$stage]=$t; fi
    done
  done
  for stage in "${stages[@]}"; do
    say "| \`$stage\` | ${needs[$stage]} | ${cold[$stage]} | ${warm[$stage]} |"
  done
  GOMODCACHE="$tmp/ci-gomod" go clean -modcache # read-only files: rm -rf cannot remove them
fi

digest=$(code_digest)
commit=$(git rev-parse --short=12 HEAD)
if ! git diff --quiet HEAD -- "${measured[@]}"; then
  commit="$commit (with uncommitted changes)"
fi
{
  echo "# Figures"
  echo
  echo "Generated by \`scripts/figures.sh\`: do not edit by hand. Every performance"
  echo "figure the docs quote is on this page, measured on the code named below."
  echo "\`scripts/figures.sh --status\` says whether that code changed since (CI"
  echo "prints its line); a change never fails the tests, the script refreshes the page."
  echo
  echo "- date: $(date -u +%Y-%m-%d)"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo) GB, $(uname -sr)"
  echo "- $(go version | cut -d' ' -f3), DuckDB $("$bin" sql --db "$tmp/full.duckdb" --format csv 'SELECT version()' | tail -n 1)"
  echo "- commit: $commit"
  echo "- code digest: $digest"
  cat "$body"
} >"$out"
echo "wrote $out"
