#!/usr/bin/env bash
# Storage benchmark in headless Chromium: 10,000 complaints (150,000 events) through the bulk
# path and a cold read, against plain JavaScript IndexedDB puts and getAll in the same run; then
# the bundle file size of 10,000 complaints, plain and gzip-compressed.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh >/dev/null
export WASM_BINDGEN_TEST_TIMEOUT=600
cargo test --offline --locked --release --target wasm32-unknown-unknown --test bench_storage -- --nocapture 2>&1 \
  | grep -vE '^\s+(Compiling|Running)'
# The file size of the same 10,000 complaints, plain and compressed (native, same payload).
cargo test --offline --locked --release --test sync bench_compressed -- --ignored --nocapture 2>&1 \
  | grep -E '^(10,000 complaints|the same, compact)'
