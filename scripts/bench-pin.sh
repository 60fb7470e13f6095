#!/usr/bin/env bash
# How long a personal PIN takes to hash (and so to check at sign-in) in headless Chromium:
# WebCrypto PBKDF2 at the app's iteration count against the Rust fallback, in one run.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh >/dev/null
cargo test --offline --locked --release --target wasm32-unknown-unknown --test bench_pin -- --nocapture 2>&1 \
  | grep -E 'PIN hash|test result|panicked'
