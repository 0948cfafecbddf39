#!/usr/bin/env bash
# Opens the EDA report in headless Chromium with every host name unresolvable
# (so nothing can be fetched from the network) and checks that every chart
# drew a canvas; then takes two screenshots for the README.
#
#   scripts/check-report.sh [REPORT_DIR]      (default: reports)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "${1:-reports}" && pwd)
page="file://$dir/index.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$profile" --virtual-time-budget=20000 "$@" 2>/dev/null
}

failed=0
if grep -Eq '(src|href)="(https?:)?//' "$dir/index.html"; then
  echo "FAIL: the report references a network address:"; grep -Eo '(src|href)="(https?:)?//[^"]*' "$dir/index.html" | head
  failed=1
fi
charts=$(grep -Ec 'data-chart="(bar|line|scatter|heatmap|boxplot)"' "$dir/index.html")
canvases=$(chrome --dump-dom "$page" | grep -o '<canvas' | wc -l)
if [ "$canvases" -ne "$charts" ] || [ "$charts" -eq 0 ]; then
  echo "FAIL: $canvases charts drew, of $charts chart cells"
  failed=1
else
  echo "ok: all $charts charts drew with no network"
fi
chrome --window-size=1280,2200 --screenshot="$dir/screenshot-1.png" "$page" >/dev/null
chrome --window-size=1280,5200 --screenshot="$dir/screenshot-2.png" "$page" >/dev/null
for shot in screenshot-1.png screenshot-2.png; do
  if [ "$(stat -c %s "$dir/$shot")" -lt 50000 ]; then
    echo "FAIL: $shot looks blank"; failed=1
  fi
done
if [ "$failed" -eq 0 ]; then echo "check-report: 3 passed, 0 failed"; else echo "check-report: failed"; fi
exit "$failed"
