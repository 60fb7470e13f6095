#!/usr/bin/env bash
# Lighthouse (mobile, default simulated throttling) on the release build served gzip-compressed
# on 127.0.0.1, as any static host serves it. Not part of the test run. Prints the category
# scores and the paint figures; the whole report is target/lighthouse.json.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash scripts/setup.sh >/dev/null
trunk build --release --offline >/dev/null
# Lighthouse is pinned by exact version in scripts/lighthouse/package-lock.json.
[ -x scripts/lighthouse/node_modules/.bin/lighthouse ] \
  || (cd scripts/lighthouse && npm ci --no-audit --no-fund >/dev/null 2>&1)
port=${LIGHTHOUSE_PORT:-8093}
node scripts/lighthouse/serve-gzip.mjs dist "$port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
mkdir -p target
CHROME_PATH=$(command -v chromium) scripts/lighthouse/node_modules/.bin/lighthouse \
  "http://127.0.0.1:$port/" --chrome-flags="--headless=new --no-sandbox" \
  --only-categories=performance,accessibility,best-practices \
  --output=json --output-path=target/lighthouse.json --quiet 2>/dev/null
python3 - <<'PY'
import json
d = json.load(open('target/lighthouse.json'))
print(' '.join(f"{k} {round(c['score'] * 100)}" for k, c in d['categories'].items()))
for a in ['first-contentful-paint', 'largest-contentful-paint', 'interactive',
          'total-blocking-time', 'cumulative-layout-shift', 'speed-index']:
    print(f"{a}: {d['audits'][a]['displayValue']}")
PY
