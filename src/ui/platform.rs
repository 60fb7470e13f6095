//! The browser facilities the app borrows, behind plain Rust functions: gzip through the
//! browser's own `CompressionStream` and `DecompressionStream` (no compression code ships in the
//! app), and the static shell `index.html` paints before the app arrives.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function canCompress() {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}
export async function gzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
export async function gunzip(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = canCompress)]
    fn can_compress() -> bool;
    #[wasm_bindgen(js_name = gzip, catch)]
    async fn gzip_js(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = gunzip, catch)]
    async fn gunzip_js(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;
}

/// `bytes` gzip-compressed, or `None` when the browser cannot (before Chrome and Edge 80,
/// Safari 16.4, Firefox 113).
pub async fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    if !can_compress() {
        return None;
    }
    let out = gzip_js(bytes).await.ok()?;
    Some(js_sys::Uint8Array::new(&out).to_vec())
}

/// Why a gzip stream did not decompress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gunzip {
    /// The browser has no `DecompressionStream`.
    Unavailable,
    /// Not gzip, cut short or damaged.
    Damaged,
    /// More than the limit once decompressed (the rest is not read).
    TooLarge,
}

/// `gzip` decompressed, reading no more than `limit` bytes of output.
pub async fn gunzip(gzip: &[u8], limit: usize) -> Result<Vec<u8>, Gunzip> {
    if !can_compress() {
        return Err(Gunzip::Unavailable);
    }
    let out = gunzip_js(gzip, limit as f64)
        .await
        .map_err(|_| Gunzip::Damaged)?;
    if out.is_null() {
        return Err(Gunzip::TooLarge);
    }
    Ok(js_sys::Uint8Array::new(&out).to_vec())
}

/// Removes the static shell `index.html` paints while the app downloads; the app mounts in
/// its place, in the same layout.
pub fn remove_static_shell() {
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("static-shell"))
    {
        shell.remove();
    }
}
