#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, unit and
# integration tests, a strict build of the example handbook, and the browser
# tests of the default theme in chromium (scripts/browser-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --all-targets
echo "== example handbook (strict)"
cargo run --release --quiet -- check --strict
echo "== browser tests (axe-core, reflow, focus, vnu, keyboard walk)"
scripts/browser-test.sh
