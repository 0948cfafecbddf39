#!/usr/bin/env bash
# Opens the EDA report in headless Chromium with the network refused and
# checks that every chart drew (scripts/check-report.mjs); takes two
# screenshots. Needs `npm ci` and Debian's chromium.
#
#   scripts/check-report.sh [REPORT_DIR]      (default: reports)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(cd "${1:-reports}" && pwd)
if grep -Eq '(src|href)="(https?:)?//' "$dir/index.html"; then
  echo "FAIL: the report references a network address:"
  grep -Eo '(src|href)="(https?:)?//[^"]*' "$dir/index.html" | head
  exit 1
fi
timeout -k 10 180 node scripts/check-report.mjs "$dir"
