#!/usr/bin/env bash
# Opens the EDA report in headless Chromium with the network refused, at
# 1280 and 390 px wide, and checks that every chart drew and reads: every
# category labelled, whole axis names, nothing outside a chart's box,
# numbers in Spanish (scripts/check-report.mjs); takes three screenshots.
# Needs `npm ci` and Debian's chromium.
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
