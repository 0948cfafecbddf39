#!/usr/bin/env bash
# Checks the demo video (scripts/demo-video.sh) is a narrated recording:
# at most 7 minutes; an audio stream that is not silent; a subtitle track in
# the file and a WebVTT file beside it whose cues cover every step of the
# demo (and every step named in STEPS.json has a cue inside it); frames that
# change (distinct frames in every step, and at least 10 distinct frames in
# some second: a capture, not a few stills); and that the lifecycle steps
# showed a real hot swap (STEPS.json's `lifecycle`: the film promoted into
# and rolled back out of the same server process, within seconds).
#
#   scripts/check-video.sh [VIDEO]      (default reports/demo.mp4; reads VIDEO's .vtt and .steps.json)
set -euo pipefail
video=${1:-reports/demo.mp4}
vtt=${video%.*}.vtt
steps=${video%.*}.steps.json
for f in "$video" "$vtt" "$steps"; do [ -s "$f" ] || { echo "FAIL: $f is missing or empty"; exit 1; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 60 ffprobe -v error -show_entries format=duration:stream=codec_type,codec_name,r_frame_rate,width,height -of json "$video" > "$work/probe.json"
# The loudness of the narration, and the times of the frames that differ from the one before.
timeout 120 ffmpeg -nostdin -hide_banner -i "$video" -map 0:a -af volumedetect -f null - 2> "$work/volume.txt" </dev/null
timeout 180 ffmpeg -nostdin -hide_banner -i "$video" -map 0:v -vf "mpdecimate=hi=768:lo=320:frac=0.1,showinfo" -f null - 2> "$work/frames.txt" </dev/null
timeout 60 node - "$work" "$vtt" "$steps" "$(stat -c %s "$video")" <<'JS'
const fs = require("fs");
const [work, vttFile, stepsFile, size] = process.argv.slice(2);
const probe = JSON.parse(fs.readFileSync(`${work}/probe.json`, "utf8"));
const { steps, lifecycle: life = {} } = JSON.parse(fs.readFileSync(stepsFile, "utf8"));
let failed = 0;
const check = (name, ok, detail = "") => { console.log((ok ? "ok: " : "FAIL: ") + name + (detail ? ` (${detail})` : "")); if (!ok) failed++; };

const duration = Number(probe.format.duration);
const kinds = probe.streams.map((s) => s.codec_type);
check("at most 7 minutes", duration > 0 && duration <= 420, `${duration.toFixed(1)} s, ${(size / 1e6).toFixed(1)} MB`);
const video = probe.streams.find((s) => s.codec_type === "video");
const [num, den] = video.r_frame_rate.split("/").map(Number);
check("a video stream at 10 frames a second or more", num / den >= 10, `${video.width}x${video.height}, ${video.r_frame_rate} fps`);
check("an audio stream", kinds.includes("audio"));
const mean = Number((fs.readFileSync(`${work}/volume.txt`, "utf8").match(/mean_volume: (-?[\d.]+) dB/) || [])[1]);
check("the audio is a narration, not silence", mean > -45, `mean volume ${mean} dB`);
check("a subtitle track in the file", kinds.includes("subtitle"));

// The WebVTT cues: "ID\nHH:MM:SS.mmm --> HH:MM:SS.mmm\ntext".
const sec = (t) => { const [h, m, s] = t.split(":"); return Number(h) * 3600 + Number(m) * 60 + Number(s); };
const vtt = fs.readFileSync(vttFile, "utf8");
check("the subtitles are WebVTT", vtt.startsWith("WEBVTT"));
const cues = [...vtt.matchAll(/(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n([^\n]+)/g)].map((m) => ({ start: sec(m[1]), end: sec(m[2]), text: m[3] }));
check("cues in order, inside the video", cues.length > 0 && cues.every((c, i) => c.start < c.end && c.end <= duration + 0.5 && (i === 0 || cues[i - 1].end <= c.start + 0.01)), `${cues.length} cues`);
const spoken = cues.reduce((a, c) => a + c.end - c.start, 0);
check("the narration covers most of the video", spoken >= 0.6 * duration, `${(100 * spoken / duration).toFixed(0)} % of it`);
// What the issue asks the video to show: each must be a step with its own cues.
for (const id of ["pagina", "recomendaciones", "personas", "swagger", "eda", "sql", "modelo", "llegada", "rollback"]) check(`a step "${id}"`, steps.some((s) => s.id === id));
// What the server said during the lifecycle steps: before, after the promotion, after the rollback.
const { before: b = {}, promoted: p = {}, rolledBack: r = {} } = life;
check("a new build went live in the same process", !!b.build && !!p.build && p.build !== b.build && p.swaps === b.swaps + 1 && p.started === b.started,
  `${life.film}: ${b.build} → ${p.build}, swaps ${b.swaps} → ${p.swaps}, answered ${Number(life.liveSeconds).toFixed(2)} s after etl returned`);
check("the rollback went back to the first build in the same process", r.build === b.build && r.swaps === b.swaps + 2 && r.started === b.started,
  `→ ${r.build}, swaps ${r.swaps}, gone ${Number(life.goneSeconds).toFixed(2)} s after rollback returned`);
check("both swaps within 10 seconds", life.liveSeconds >= 0 && life.liveSeconds <= 10 && life.goneSeconds >= 0 && life.goneSeconds <= 10);

// Distinct frames (mpdecimate keeps a frame only when it differs from the last kept one).
const kept = [...fs.readFileSync(`${work}/frames.txt`, "utf8").matchAll(/pts_time:\s*([\d.]+)/g)].map((m) => Number(m[1]));
check("many distinct frames", kept.length >= 200, `${kept.length} distinct frames`);
const perSecond = new Map();
for (const t of kept) perSecond.set(Math.floor(t), (perSecond.get(Math.floor(t)) || 0) + 1);
const busiest = Math.max(...perSecond.values());
check("at least 10 distinct frames in some second (a capture, not stills)", busiest >= 10, `at most ${busiest} in one second`);
for (const s of steps) {
  const inStep = cues.filter((c) => c.start >= s.start - 0.05 && c.start < s.end - 0.05);
  const moving = kept.filter((t) => t >= s.start && t < s.end).length;
  check(`step "${s.id}" (${s.title}): subtitles and moving frames`, inStep.length >= 1 && moving >= 2, `${inStep.length} cues, ${moving} distinct frames, ${s.start.toFixed(0)}–${s.end.toFixed(0)} s`);
}
console.log(failed ? `check-video: ${failed} failed` : "check-video: all passed");
process.exit(failed ? 1 : 0);
JS
