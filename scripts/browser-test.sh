#!/usr/bin/env bash
# Browser tests of the default theme (tests/browser/run.mjs): builds the KY
# example and the spec-only fixture with the release binary, serves them on
# 127.0.0.1 and checks every page in Debian's chromium with axe-core, at
# 320 px, for focus, console errors and failed requests, validates every
# HTML file with the Nu HTML Checker, and walks a reading guide by keyboard;
# then the reader experience on phones and on paper (tests/browser/reader.mjs),
# search, the go-live planner and the live preview in their own scripts, and
# the publishing kit: the PDF, the offline copy, sub-path hosting
# (tests/browser/publish.mjs).
# Installs what it needs: chromium and poppler-utils from Debian (never a
# downloaded browser) and the npm packages of package-lock.json (scripts not run).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (Debian)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
if ! command -v pdftotext >/dev/null; then
  echo "== installing poppler-utils (pdftotext, for the print tests)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q poppler-utils
fi
command -v java >/dev/null || { echo "java is needed for the Nu HTML Checker" >&2; exit 2; }

lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.handbook-lock 2>/dev/null)" != "$lock_sum" ]; then
  echo "== npm ci"
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$lock_sum" > node_modules/.handbook-lock
fi

echo "== building the sites (with their PDFs and offline copies)"
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Served below /ky/ and /kommune/, as published in a sub-folder: --base-url gives 404.html its paths.
./target/release/handbook build --strict --pdf --zip --out "$work/ky" --base-url https://example.org/ky/ >/dev/null
# The KY example once more for a municipality's own copy: dates and calendar files at build time.
./target/release/handbook build --strict --out "$work/ky-dato" --base-url https://example.org/ky/ --go-live 2017-06-12 >/dev/null
# The fixture gets an accessibility statement (for /was/) and is built with its drafts.
cp -r tests/fixtures/kommune "$work/kommune-src"
printf 'accessibility_statement: https://www.was.digst.dk/portal-kommune-dk\n' >> "$work/kommune-src/handbook.yaml"
./target/release/handbook build --root "$work/kommune-src" --out "$work/kommune" --drafts --pdf --zip \
  --base-url https://example.org/kommune/ >/dev/null
# Once more with a go-live date, so every page is also checked with its weeks printed as dates.
./target/release/handbook build --root "$work/kommune-src" --out "$work/kommune-dato" --drafts \
  --base-url https://example.org/kommune-dato/ --go-live 2021-01-04 >/dev/null
# The fixture released as 1.0 and published under /handbog/, twice (the same bytes).
cp -r tests/fixtures/kommune "$work/udgivet-src"
./target/release/handbook release 1.0 --root "$work/udgivet-src" --date 2026-01-15 --notes "Første udgave." >/dev/null
for out in udgivet udgivet-igen; do
  ./target/release/handbook build --strict --root "$work/udgivet-src" --out "$work/$out" --pdf --zip \
    --base-url https://example.org/handbog/ >/dev/null
done

echo "== browser tests"
node tests/browser/run.mjs --site "ky=$work/ky" --site "kommune=$work/kommune" --site "kommune-dato=$work/kommune-dato" \
  --walk ky --was kommune --jobs "${BROWSER_JOBS:-2}"

echo "== the reader experience: phones, reading guides, paper (A4 PDFs)"
node tests/browser/reader.mjs "$work/ky" "$work/kommune"

echo "== publishing: the PDF, the offline copy from file://, sub-path hosting"
node tests/browser/publish.mjs "$work/udgivet" "$work/udgivet-igen"

echo "== search in the browser (http and file://)"
node tests/browser/search.mjs "$work/ky" "$work/kommune"

echo "== go-live planner: shared date cases (node) and the planner in the browser"
node tests/browser/planner-cases.mjs
node tests/browser/planner.mjs "$work/ky" "$work/ky-dato" "$work/kommune"

echo "== live preview (handbook serve) in the browser"
HANDBOOK_BIN=./target/release/handbook node tests/browser/live-reload.mjs
