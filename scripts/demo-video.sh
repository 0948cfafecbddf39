#!/usr/bin/env bash
# Records the demo video: the product in use in Chromium (the web page by
# keyboard, Swagger UI running the seven endpoints, the EDA report scrolled
# through, a query in `filmoteca sql`, a recommendation and how the model
# works, a new film arriving while the server serves, and a rollback),
# captured with the DevTools screencast by scripts/demo-record.mjs,
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
pid=""
trap '[ -z "$pid" ] || { kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
port=${PORT:-18300}
timeout 300 go build -o "$work/filmoteca" .

# The server follows a store of builds, and a film arrives while it serves:
# Heat (id 949), one of the sample's films with cast and crew. Its real
# movie, credits and keywords records are held out of the base (the shipped
# sample without it) into WORK/heat, which the recorder copies to
# data/updates/DATE/ on camera; WORK/arrival.json names that folder and
# what the narration says (title, year, director).
film_id=949
timeout 120 python3 - data "$work" "$film_id" heat <<'PY'
import ast, csv, gzip, json, os, sys
src, work, film, arrival = sys.argv[1:]
csv.field_size_limit(1 << 30)
os.makedirs(f"{work}/data"); os.makedirs(f"{work}/{arrival}")
held = {}
for name in ("movies_dataset.csv", "credits.csv", "keywords.csv"):
    with gzip.open(f"{src}/{name}.gz", "rt", newline="", encoding="utf-8") as f:
        header, *body = list(csv.reader(f))
    col = header.index("id")
    held[name] = [dict(zip(header, r)) for r in body if r[col] == film]
    if not held[name]:
        sys.exit(f"demo-video: film {film} has no record in {name}")
    for folder, keep in (("data", lambda r: r[col] != film), (arrival, lambda r: r[col] == film)):
        with open(f"{work}/{folder}/{name}", "w", newline="", encoding="utf-8") as out:
            w = csv.writer(out)
            w.writerow(header)
            w.writerows(r for r in body if keep(r))
movie, credits = held["movies_dataset.csv"][0], held["credits.csv"][0]
json.dump({"id": int(film), "carpeta": arrival, "titulo": movie["title"], "anio": int(movie["release_date"][:4]),
           "direccion": [c["name"] for c in ast.literal_eval(credits["crew"]) if c["job"] == "Director"]},
          open(f"{work}/arrival.json", "w"), ensure_ascii=False)
PY
(cd "$work" && LOG_LEVEL=warn timeout 300 ./filmoteca etl --data data --store store >/dev/null)
db=$work/store/builds/$(cat "$work/store/CURRENT")/filmoteca.duckdb
reports=$PWD/reports
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
# It runs in WORK, as the terminal scenes do, so that `ps` shows its command as typed.
(cd "$work" && LOG_LEVEL=warn exec ./filmoteca serve --store store --reports "$reports" --addr "127.0.0.1:$port") >"$work/server.log" 2>&1 &
pid=$!
echo "$pid" > "$work/serve.pid"
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# SIGTERM first (playwright closes Chromium on it), SIGKILL 10 s later.
timeout -k 10 250 node scripts/demo-record.mjs "http://127.0.0.1:$port" "$work" </dev/null
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
