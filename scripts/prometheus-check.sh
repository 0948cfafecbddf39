#!/usr/bin/env bash
# Debian's Prometheus against a running server: builds the binary, makes a
# store of one build from the shipped sample (data/), serves it with
# `filmoteca serve --store`, asks every kind of route (a hit and a miss of
# the recommender's cache, a 404, a 400), then runs `prometheus` scraping
# it every second and checks through Prometheus' HTTP API that `up` is 1
# and that every family was scraped: each one server/metrics.go defines and
# each one the live /metrics lists (filmoteca_*, go_*, process_*), with
# the series its type implies (a histogram's _bucket, _sum and _count).
#
#   scripts/prometheus-check.sh
#   PORT_BASE=18760 scripts/prometheus-check.sh   (server on PORT_BASE, Prometheus on PORT_BASE+9)
#
# Needs root the first time (it installs Debian's prometheus, and jq if
# missing). Everything listens on 127.0.0.1 and is stopped on exit. Prints
# `figure NAME VALUE` lines; a family that was not scraped fails the run
# with one line naming it.
set -euo pipefail
cd "$(dirname "$0")/.."

base=${PORT_BASE:-18760}
port=$base
prom_port=$((base + 9))
work=$(mktemp -d -t prometheus-check.XXXXXX)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
t_start=$(date +%s.%N)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
die() { echo "prometheus-check: $*"; exit 1; }
apt_install() {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >/dev/null
}

echo "== tools"
command -v prometheus >/dev/null || { echo "  installing Debian's prometheus"; apt_install prometheus; }
command -v jq >/dev/null || { echo "  installing Debian's jq"; apt_install jq; }
echo "  $(prometheus --version 2>&1 | head -n 1)"
for p in "$port" "$prom_port"; do
  ! curl -s -o /dev/null "http://127.0.0.1:$p/" || die "port $p is already taken (set PORT_BASE)"
done

echo "== the server: filmoteca serve --store (one build of data/) on 127.0.0.1:$port"
go build -o "$work/filmoteca" .
"$work/filmoteca" etl --data data --store "$work/store" >"$work/etl.log" 2>&1 || { tail -n 20 "$work/etl.log"; die "etl --store failed"; }
"$work/filmoteca" serve --store "$work/store" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pids+=($!)
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$url/readyz" && break; sleep 0.1; done
build=$(curl -sf "$url/readyz" | jq -r .version) || { tail -n 20 "$work/serve.log"; die "the server did not become ready"; }
echo "  ready, build $build"
for path in /healthz /livez /readyz /cantidad_filmaciones_mes/enero /cantidad_filmaciones_dia/lunes \
  /score_titulo/Toy%20Story /votos_titulo/Heat /get_actor/Tom%20Hanks /get_director/John%20Lasseter \
  /recomendacion/Toy%20Story /recomendacion/Toy%20Story /recomendacion/Jumanji \
  /score_titulo/Toy%20Stroy /cantidad_filmaciones_mes/smarch /no/such/route; do
  curl -s -o /dev/null "$url$path"
done
curl -sf "$url/metrics" >"$work/metrics" || die "GET /metrics failed"

# The families to find: those the code defines and those /metrics lists,
# each with its type (from /metrics' # TYPE lines).
grep -o 'Name: *"filmoteca_[a-z0-9_]*"' server/metrics.go | sed 's/.*"\(.*\)"/\1/' | sort -u >"$work/defined"
awk '$1 == "#" && $2 == "TYPE" { print $3, $4 }' "$work/metrics" | sort -u >"$work/types"
missing=$(join -v1 "$work/defined" <(cut -d' ' -f1 "$work/types") | head -n 1)
[ -z "$missing" ] || die "$missing is defined in server/metrics.go but $url/metrics does not list it"
for prefix in filmoteca_ go_ process_; do
  grep -q "^$prefix" "$work/types" || die "$url/metrics lists no ${prefix}* family"
done
echo "  /metrics lists $(wc -l <"$work/types") families ($(grep -c '^filmoteca_' "$work/types") filmoteca_*, $(wc -l <"$work/defined") defined in server/metrics.go)"

echo "== prometheus on 127.0.0.1:$prom_port, scraping every 1 s"
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: filmoteca
    static_configs:
      - targets: ["127.0.0.1:$port"]
EOF
promtool check config "$work/prometheus.yml" >"$work/promtool.log" 2>&1 || { cat "$work/promtool.log"; die "promtool rejects the configuration"; }
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
prom="http://127.0.0.1:$prom_port"
query() { curl -sf --get "$prom/api/v1/query" --data-urlencode "query=$1"; }
t_prom=$(date +%s.%N)
scraped=""
for _ in $(seq 1 300); do
  if [ "$(query 'up{job="filmoteca"}' 2>/dev/null | jq -r '.data.result[0].value[1] // empty')" = 1 ]; then
    scraped=$(since "$t_prom")
    break
  fi
  sleep 0.1
done
[ -n "$scraped" ] || { tail -n 20 "$work/prometheus.log"; die "up{job=\"filmoteca\"} is not 1 after 30 s: the target was not scraped"; }
echo "  up == 1, $scraped s after prometheus started"
# Every series name scraped from the server.
query 'group by (__name__) ({job="filmoteca"})' | jq -r '.data.result[].metric.__name__' | sort -u >"$work/names"

n=0
while read -r family type; do
  case "$type" in
    histogram) series="${family}_bucket ${family}_sum ${family}_count" ;;
    summary) series="$family ${family}_sum ${family}_count" ;;
    *) series=$family ;;
  esac
  for s in $series; do
    grep -qx "$s" "$work/names" || die "family $family ($type) was not scraped: Prometheus has no $s from $url"
  done
  n=$((n + 1))
done <"$work/types"
echo "  every family scraped: $n ($(grep -c '^filmoteca_' "$work/types") filmoteca_*, $(grep -c '^go_' "$work/types") go_*, $(grep -c '^process_' "$work/types") process_*)"
got=$(query "filmoteca_build_info{job=\"filmoteca\",build=\"$build\"}" | jq -r '.data.result[0].value[1] // empty')
[ "$got" = 1 ] || die "filmoteca_build_info{build=\"$build\"} is not 1 in Prometheus (the build /readyz names)"
echo "  filmoteca_build_info names the build /readyz names ($build)"

echo "== figures"
echo "figure prometheus_families_scraped $n"
echo "figure prometheus_first_scrape_seconds $scraped"
echo "figure prometheus_check_seconds $(since "$t_start")"
echo "prometheus-check: passed"
