#!/usr/bin/env bash
# Records the demo video: the product in use in Chromium (the web page by
# keyboard, Swagger UI running the seven endpoints, the EDA report scrolled
# through, a query in `filmoteca sql`, a recommendation and how the model
# works), captured with the DevTools screencast by scripts/demo-record.mjs,
# narrated in Spanish by espeak-ng, and joined by ffmpeg with the narration
# as subtitles (a WebVTT file beside the video and a subtitle track in it).
# Needs `npm ci`, Debian's chromium, ffmpeg and espeak-ng (the last two are
# installed when missing). Every step has a time limit.
#
#   scripts/demo-video.sh [OUT_FILE]      (default reports/demo.mp4; subtitles: OUT_FILE with .vtt)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-reports/demo.mp4}
vtt=${out%.*}.vtt
mkdir -p "$(dirname "$out")"
if ! command -v ffmpeg >/dev/null || ! command -v espeak-ng >/dev/null; then
  timeout 400 apt-get update -qq -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq -o DPkg::Lock::Timeout=300 ffmpeg espeak-ng >/dev/null
fi
started=$(date +%s)
work=$(mktemp -d)
port=${PORT:-18300}
timeout 300 go build -o "$work/filmoteca" .
db=data/filmoteca.duckdb
[ -f "$db" ] || timeout 300 "$work/filmoteca" etl --data data --db "$db" >/dev/null
reports=reports
if [ ! -f "$reports/index.html" ]; then
  reports=$work/reports
  timeout 300 "$work/filmoteca" eda --db "$db" --out "$reports" >/dev/null 2>&1
fi
# What the terminal scenes show: real output of the real commands.
query="SELECT release_year AS anio, count(*) AS peliculas, round(avg(vote_average), 2) AS puntuacion_media FROM movies GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
printf '%s\n' "$query" > "$work/sql-query.txt"
timeout 60 "$work/filmoteca" sql --db "$db" "$query" > "$work/sql.txt"
timeout 60 "$work/filmoteca" recommend --db "$db" "Toy Story" > "$work/recommend.txt"

# The server writes to a file, never to our stdout: nothing it leaves can hold a pipe open.
LOG_LEVEL=warn "$work/filmoteca" serve --data data --db "$db" --reports "$reports" --addr "127.0.0.1:$port" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# SIGTERM first (playwright closes Chromium on it), SIGKILL 10 s later.
timeout -k 10 210 node scripts/demo-record.mjs "http://127.0.0.1:$port" "$work" </dev/null
kill $pid 2>/dev/null || true

cp "$work/demo.vtt" "$vtt"
timeout -k 10 240 nice -n 5 ffmpeg -nostdin -loglevel error -y \
  -f concat -safe 0 -i "$work/frames.txt" -i "$work/narration.wav" -i "$work/demo.vtt" \
  -map 0:v -map 1:a -map 2:s \
  -vf "fps=15,scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:-1:-1:color=white,format=yuv420p" \
  -c:v libx264 -preset veryfast -crf 30 -tune stillimage -g 150 \
  -c:a aac -b:a 64k -ac 1 -c:s mov_text -metadata:s:s:0 language=spa -metadata:s:a:0 language=spa \
  -movflags +faststart -shortest "$out" </dev/null
cp "$work/steps.json" "${out%.*}.steps.json"
seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out")
echo "wrote $out ($(du -h "$out" | cut -f1), ${seconds%.*} s) and $vtt in $(( $(date +%s) - started )) s"
