#!/usr/bin/env bash
# Installs whatever this machine is missing to build, serve and test the app.
# Idempotent: every step checks first, so a second run installs nothing and takes seconds.
# Versions follow ../shared/toolchain.md; never install Debian's binaryen (its wasm-opt breaks
# release builds).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
say() { printf '[setup] %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PWD/scripts/node_modules/.bin:$PATH"

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# The test command checks formatting and lints.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (several minutes on a cold machine)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile names a crate version this registry lacks.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ] \
   || [ "$(command -v wasm-opt)" != "$PWD/scripts/node_modules/.bin/wasm-opt" ]; then
  say "installing npm binaryen $BINARYEN_VERSION into scripts/node_modules"
  (cd scripts && npm ci --no-audit --no-fund --loglevel=error)
fi
# A CouchDB-protocol server for the replication tests, run from its own folder.
COUCH_SERVER_VERSION=4.2.0
if [ "$(node -p "require('./scripts/couch/node_modules/pouchdb-server/package.json').version" 2>/dev/null)" != "$COUCH_SERVER_VERSION" ]; then
  say "installing npm pouchdb-server $COUCH_SERVER_VERSION into scripts/couch/node_modules"
  (cd scripts/couch && npm ci --no-audit --no-fund --loglevel=error)
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  say "warning: Debian's binaryen is installed; scripts/node_modules/.bin comes first on PATH so it is not used"
fi

missing=()
for pkg in chromium chromium-driver fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Builds run offline (trunk --offline), so every crate must be fetched beforehand.
if [ -f Cargo.lock ]; then
  stamp=target/.fetched-$(sha256sum Cargo.lock | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    say "fetching crates"
    cargo fetch --locked
    mkdir -p target && touch "$stamp"
  fi
fi
say "ready"
