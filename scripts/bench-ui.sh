#!/usr/bin/env bash
# UI figures with 10,000 complaints in headless Chromium, on the release build: their import
# through the Sync page (a generated plain file), the list
# filter's keystroke time and the dashboard's cold open time.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh >/dev/null
trunk build --release --offline >/dev/null
run_tmp=$(mktemp -d); export TMPDIR="$run_tmp"; trap 'rm -rf "$run_tmp"' EXIT
cargo test --offline --locked --test bench_ui -- --ignored --nocapture 2>&1 | grep -vE '^\s+(Compiling|Running)'
