//! In-browser benchmark of a personal PIN's hash (not part of the test run): PBKDF2-HMAC-SHA256
//! at the iterations new PINs use, through WebCrypto (what signing in runs) and through the Rust
//! fallback (pages without a secure context), side by side in one run.
//!
//! Run: `bash scripts/bench-pin.sh` (release build, headless Chromium).
#![cfg(target_arch = "wasm32")]

use complaints::domain::lock::PIN_ITERATIONS;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[wasm_bindgen_test]
async fn pin_hash_time() {
    let salt = [9u8; 16];
    let mut webcrypto = Vec::new();
    let mut rust = Vec::new();
    for round in 0..5 {
        let t0 = js_sys::Date::now();
        let a =
            complaints::ui::platform::crypto::pbkdf2_sha256("2468", &salt, PIN_ITERATIONS).await;
        webcrypto.push(js_sys::Date::now() - t0);
        if round < 3 {
            let t1 = js_sys::Date::now();
            let b = complaints::sync::crypto::pbkdf2_sha256("2468", &salt, PIN_ITERATIONS);
            rust.push(js_sys::Date::now() - t1);
            assert_eq!(a, b.to_vec(), "WebCrypto and Rust derive the same bytes");
        }
    }
    let (w, r) = (median(webcrypto), median(rust));
    console_log!(
        "PIN hash, PBKDF2-HMAC-SHA256 × {PIN_ITERATIONS}: WebCrypto median {w:.0} ms (5 runs), \
         Rust fallback median {r:.0} ms (3 runs), ratio {:.1}×",
        r / w
    );
}
