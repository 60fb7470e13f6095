//! Bundle encryption through the browser's WebCrypto: a PBKDF2-SHA256 key from the passphrase,
//! AES-256-GCM with the envelope as additional data. Where the page has no secure context, the
//! browser offers no WebCrypto and the same cipher runs in Rust (`sync::crypto::seal`/`open`).
//! `sync` decides what is sealed and how the file looks; this only runs the cipher. The second UI file (with `pwa.rs`) that calls a
//! browser platform API directly.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
async function key(pass, salt, iterations, usage) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pass), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, [usage]);
}
export async function seal(pass, salt, iv, iterations, aad, data) {
  const k = await key(pass, salt, iterations, 'encrypt');
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k, data));
}
export async function open(pass, salt, iv, iterations, aad, data) {
  const k = await key(pass, salt, iterations, 'decrypt');
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad, tagLength: 128 }, k, data));
}
export async function pbkdf2(pass, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pass), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base, 256));
}
export function has_subtle() { return !!(globalThis.crypto && globalThis.crypto.subtle); }
export function random(n) { return crypto.getRandomValues(new Uint8Array(n)); }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn seal(
        pass: &str,
        salt: &[u8],
        iv: &[u8],
        iterations: u32,
        aad: &[u8],
        data: &[u8],
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn open(
        pass: &str,
        salt: &[u8],
        iv: &[u8],
        iterations: u32,
        aad: &[u8],
        data: &[u8],
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn pbkdf2(pass: &str, salt: &[u8], iterations: u32) -> Result<JsValue, JsValue>;
    fn random(n: u32) -> js_sys::Uint8Array;
    fn has_subtle() -> bool;
}

/// Whether the browser's WebCrypto is there (only in a secure context). Without it, bundles are
/// sealed and opened in Rust, slower but byte for byte the same.
pub fn native_cipher() -> bool {
    has_subtle()
}

/// `n` cryptographically random bytes.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    random(N as u32).copy_to(&mut out);
    out
}

/// Encrypts `data`; returns ciphertext‖tag.
pub async fn encrypt(
    pass: &str,
    params: &crate::sync::EncryptionParams,
    aad: &[u8],
    data: &[u8],
) -> Option<Vec<u8>> {
    if !has_subtle() {
        return crate::sync::crypto::seal(pass, params, aad, data);
    }
    let out = seal(pass, &params.salt, &params.iv, params.iterations, aad, data)
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&out).to_vec())
}

/// Decrypts ciphertext‖tag; `None` when the passphrase is wrong or the file was altered.
pub async fn decrypt(
    pass: &str,
    params: &crate::sync::EncryptionParams,
    aad: &[u8],
    data: &[u8],
) -> Option<Vec<u8>> {
    if !has_subtle() {
        return crate::sync::crypto::open(pass, params, aad, data);
    }
    let out = open(pass, &params.salt, &params.iv, params.iterations, aad, data)
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&out).to_vec())
}

/// PBKDF2-HMAC-SHA256 of `secret`, 32 bytes: a personal PIN's hash. Through WebCrypto, or in
/// Rust where the page has no secure context (the same bytes, slower).
pub async fn pbkdf2_sha256(secret: &str, salt: &[u8], iterations: u32) -> Vec<u8> {
    if has_subtle()
        && let Ok(out) = pbkdf2(secret, salt, iterations).await
    {
        return js_sys::Uint8Array::new(&out).to_vec();
    }
    crate::sync::crypto::pbkdf2_sha256(secret, salt, iterations).to_vec()
}
