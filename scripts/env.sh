# Sourced by the scripts: the tools scripts/setup.sh installed, first on PATH.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$root/scripts/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/webdriver.json"
export CARGO_PROFILE_DEV_DEBUG=0
cd "$root"
