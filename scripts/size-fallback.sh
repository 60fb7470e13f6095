#!/usr/bin/env bash
# What the Rust bundle cipher (for pages without WebCrypto) adds to the download: builds the
# release twice side by side, as committed and with `sync::crypto::seal`/`open` stubbed out, and
# prints both size tables. Run from the repository root after scripts/setup.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/without"
cp -r scripts/node_modules "$work/without/scripts/" 2>/dev/null || true
python3 - "$work/without/src/sync/crypto.rs" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
a = s.index('/// PBKDF2-HMAC-SHA256 of the passphrase')
b = s.index('/// The base64 text of ciphertext')
s = s[:a] + '''pub fn seal(_: &str, _: &EncryptionParams, _: &[u8], _: &[u8]) -> Option<Vec<u8>> {
    None
}
pub fn open(_: &str, _: &EncryptionParams, _: &[u8], _: &[u8]) -> Option<Vec<u8>> {
    None
}

''' + s[b:]
open(p, 'w').write(s)
PY
echo "== with the Rust cipher"
trunk build --release --offline > /dev/null
bash scripts/size.sh
echo "== without it"
(cd "$work/without" && CARGO_TARGET_DIR="$root/target" trunk build --release --offline > /dev/null && bash scripts/size.sh)
