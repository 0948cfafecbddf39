#!/usr/bin/env bash
# Records the demo as a video (it stands in for the brief's video): the web
# page walkthrough (screenshots from scripts/web-test.mjs) and every query of
# `filmoteca demo`, each as a captioned slide rendered by Chromium, then the
# explanation of the model; ffmpeg joins the slides into reports/demo.mp4.
# Needs `npm ci`, Debian's chromium and ffmpeg (installed when missing).
#
#   scripts/demo-video.sh [OUT_FILE]      (default reports/demo.mp4)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-reports/demo.mp4}
mkdir -p "$(dirname "$out")"
command -v ffmpeg >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; }
work=$(mktemp -d)
port=${PORT:-18300}
go build -o "$work/filmoteca" .
LOG_LEVEL=warn "$work/filmoteca" serve --data data --db data/filmoteca.duckdb --addr "127.0.0.1:$port" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

mkdir -p "$work/web" "$work/slides"
node scripts/web-test.mjs "http://127.0.0.1:$port" "$work/web" >/dev/null
"$work/filmoteca" demo --url "http://127.0.0.1:$port" > "$work/demo.txt"

# One HTML slide per step: a caption, then an image or the request and its answer.
n=0
slide() { # slide CAPTION SECONDS BODY_HTML
  n=$((n + 1))
  local name
  name=$(printf '%02d' "$n")
  cat > "$work/slides/$name.html" <<HTML
<!doctype html><html lang="es"><head><meta charset="utf-8"><style>
body { margin: 0; width: 1280px; height: 720px; font-family: sans-serif; background: #fff; overflow: hidden; }
h1 { margin: 0; padding: 18px 32px; background: #1f4e79; color: #fff; font-size: 30px; }
pre { margin: 16px 32px; font-size: 17px; line-height: 1.3; white-space: pre-wrap; }
img { display: block; margin: 12px auto; max-width: 1200px; max-height: 620px; border: 1px solid #ccc; }
p { margin: 24px 48px; font-size: 26px; line-height: 1.45; }
</style></head><body><h1>$1</h1>$3</body></html>
HTML
  echo "$name $2" >> "$work/slides/durations"
}
esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

slide "filmoteca: la demo" 5 "<p>Una API en español sobre The Movies Dataset: cada consulta del enunciado, la página web y cómo funciona el recomendador.</p><p>Datos: la muestra real que trae el repositorio (2.993 películas).</p>"
slide "La página: sugerencias mientras se escribe" 6 "<img src=\"$work/web/web-1-search.png\">"
slide "La película elegida y sus 5 recomendaciones" 7 "<img src=\"$work/web/web-2-recommendations.png\">"
slide "Un clic en una recomendación: sus propias recomendaciones" 6 "<img src=\"$work/web/web-3-next.png\">"
slide "Actores y directores (y un error con sugerencias)" 6 "<img src=\"$work/web/web-4-people.png\">"
# Each query of `filmoteca demo`: its block runs from "N. …" to the next one.
awk -v dir="$work/blocks" 'BEGIN { system("mkdir -p " dir) }
  /^[0-9]+\. / { f = sprintf("%s/%02d", dir, $1 + 0) }
  /^Cómo funciona/ { f = dir "/explanation" }
  f { print > f }' "$work/demo.txt"
for block in "$work"/blocks/[0-9]*; do
  caption=$(head -n 1 "$block" | sed 's/^[0-9]*\. //' | esc)
  body=$(tail -n +2 "$block" | head -n 30 | esc)
  slide "$caption" 7 "<pre>$body</pre>"
done
slide "Cómo funciona la recomendación" 16 "<p>$(tail -n +2 "$work/blocks/explanation" | tr '\n' ' ' | esc)</p>"

# Render the slides and join them.
profile=$(mktemp -d -p "$work")
: > "$work/list.txt"
while read -r name seconds; do
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --allow-file-access-from-files \
    --window-size=1280,720 --screenshot="$work/slides/$name.png" "file://$work/slides/$name.html" >/dev/null 2>&1
  printf "file '%s'\nduration %s\n" "$work/slides/$name.png" "$seconds" >> "$work/list.txt"
  last="$work/slides/$name.png"
done < "$work/slides/durations"
printf "file '%s'\n" "$last" >> "$work/list.txt" # the concat demuxer needs the last frame twice
ffmpeg -loglevel error -y -f concat -safe 0 -i "$work/list.txt" -vf "fps=25,format=yuv420p" -c:v libx264 -crf 28 "$out"
seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$out")
echo "wrote $out: $n slides, ${seconds%.*} s, $(du -h "$out" | cut -f1)"
