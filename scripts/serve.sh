#!/usr/bin/env bash
# README command (a): install what is missing, then serve the release build on
# http://127.0.0.1:8080 (the service worker is only registered in release builds).
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh
exec trunk serve --release --offline --no-autoreload "$@"
