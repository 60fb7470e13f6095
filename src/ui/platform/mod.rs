//! The one door from the UI to the browser: every browser facility the app borrows, behind
//! plain Rust functions. Gzip through the browser's own `CompressionStream` and
//! `DecompressionStream` (no compression code ships in the app), the static shell `index.html`
//! paints before the app arrives, timers, activity, scrolling, reloads, picked and dropped
//! files, downloads, object URLs, the share sheet, and WebCrypto ([`crypto`]). Storage
//! (IndexedDB, localStorage) has its own door in `crate::storage`, and the service worker in
//! `ui::pwa`.

use wasm_bindgen::prelude::*;

pub mod crypto;
pub mod pad;

#[wasm_bindgen(inline_js = r#"
export async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${r.status}`);
  return await r.text();
}
export async function http(method, url, auth, body, timeoutMs) {
  const headers = { 'Accept': 'application/json' };
  if (auth) headers['Authorization'] = auth;
  if (body != null) headers['Content-Type'] = 'application/json';
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const r = await fetch(url, { method, headers, body: body ?? undefined, signal: ctrl.signal, credentials: 'omit', cache: 'no-store' });
    return [r.status, await r.text()];
  } finally {
    clearTimeout(timer);
  }
}
export function sleep(ms) {
  return new Promise(r => setTimeout(r, ms));
}
export function onConnectivity(f) {
  window.addEventListener('online', () => f(true));
  window.addEventListener('offline', () => f(false));
}
export function afterPaint(f) {
  // After the next frame, or within 100 ms where frames are not drawn (a hidden tab).
  let done = false;
  const go = () => { if (!done) { done = true; f(); } };
  requestAnimationFrame(() => setTimeout(go, 0));
  setTimeout(go, 100);
}
export function mark(name) {
  if (typeof performance !== 'undefined' && performance.mark) performance.mark(name);
}
export function isOnline() {
  return navigator.onLine !== false;
}
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
    #[wasm_bindgen(js_name = fetchText, catch)]
    async fn fetch_text_js(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = http, catch)]
    async fn http_js(
        method: &str,
        url: &str,
        auth: Option<String>,
        body: Option<String>,
        timeout_ms: f64,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = sleep)]
    async fn sleep_js(ms: f64);
    #[wasm_bindgen(js_name = onConnectivity)]
    fn on_connectivity_js(f: &Closure<dyn FnMut(bool)>);
    #[wasm_bindgen(js_name = isOnline)]
    fn is_online_js() -> bool;
    #[wasm_bindgen(js_name = mark)]
    fn mark_js(name: &str);
    #[wasm_bindgen(js_name = afterPaint)]
    fn after_paint_js(f: &Closure<dyn FnMut()>);
    /// Whether [`gzip`] can compress here (`CompressionStream` and `DecompressionStream`).
    #[wasm_bindgen(js_name = canCompress)]
    pub fn can_gzip() -> bool;
    #[wasm_bindgen(js_name = gzip, catch)]
    async fn gzip_js(bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = gunzip, catch)]
    async fn gunzip_js(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;
}

/// The text of a file published with the app (`url` relative to the page's base), or `None`
/// when it cannot be fetched (offline before the app was installed, or missing).
pub async fn fetch_text(url: &str) -> Option<String> {
    fetch_text_js(url).await.ok()?.as_string()
}

/// An HTTP request from the page (`fetch`, no cookies): the status and the body as text, or
/// `None` when nothing answered within `timeout_ms` (offline, a wrong address, a server down,
/// or one whose CORS settings refuse this page).
pub async fn http(
    method: &str,
    url: &str,
    auth: Option<String>,
    body: Option<String>,
    timeout_ms: u32,
) -> Option<(u16, String)> {
    let answer = http_js(method, url, auth, body, f64::from(timeout_ms))
        .await
        .ok()?;
    let pair = js_sys::Array::from(&answer);
    let status = pair.get(0).as_f64()? as u16;
    Some((status, pair.get(1).as_string().unwrap_or_default()))
}

/// Waits `ms` milliseconds.
pub async fn sleep_ms(ms: u32) {
    sleep_js(f64::from(ms)).await;
}

/// Calls `f` with `true` each time the browser comes back online and `false` each time it
/// goes offline, for the life of the page.
pub fn on_connectivity(f: impl FnMut(bool) + 'static) {
    let f = Closure::<dyn FnMut(bool)>::new(f);
    on_connectivity_js(&f);
    f.forget();
}

/// A named point on the page's timeline (`performance.mark`): the steps of opening, which the
/// cold-open benchmark reads back.
pub fn mark(name: &str) {
    mark_js(name);
}

/// Whether the browser believes it is online (it may still be wrong the other way).
pub fn is_online() -> bool {
    is_online_js()
}

/// `bytes` gzip-compressed, or `None` when the browser cannot (before Chrome and Edge 80,
/// Safari 16.4, Firefox 113).
pub async fn gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    if !can_gzip() {
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
    if !can_gzip() {
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

/// Runs `f` once the page has painted its next frame: the app mounts after the static shell
/// has been on the screen at least once, even when the wasm arrives from the cache before the
/// first paint.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let mut f = Some(f);
    let c = Closure::<dyn FnMut()>::new(move || {
        if let Some(f) = f.take() {
            f();
        }
    });
    after_paint_js(&c);
    c.forget();
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

/// Milliseconds since the epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The path the app is published under, from the document's base URL (`<base href>`, which
/// `trunk build --public-url` writes): `""` at the root of a site, `"/office/complaints"` under
/// a sub-path. The router's base.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// Whether the page runs in a secure context (HTTPS, or `localhost`). Without one the browser
/// offers no service worker (no install, no offline reload) and no WebCrypto.
pub fn is_secure_context() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Reloads the page (after an update, or when another tab changed the database).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        // A reload that throws leaves the page as it is, which the banner asking for it shows.
        w.location().reload().ok();
    }
}

/// Sets the document's language (`lang` on `<html>`), for screen readers and fonts.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // Setting a plain attribute on the root element cannot fail.
        root.set_attribute("lang", tag).ok();
    }
}

/// Calls `tick` every `ms` milliseconds for the life of the page.
pub fn every(ms: i32, tick: impl FnMut() + 'static) {
    use wasm_bindgen::JsCast;
    let tick = Closure::<dyn FnMut()>::new(tick);
    if let Some(window) = web_sys::window() {
        // setInterval with a function does not throw.
        window
            .set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                ms,
            )
            .ok();
    }
    tick.forget();
}

/// Calls `touched` on every tap, touch or key press anywhere, for the life of the page.
pub fn on_user_activity(touched: impl FnMut() + 'static) {
    use wasm_bindgen::JsCast;
    let touched = Closure::<dyn FnMut()>::new(touched);
    if let Some(window) = web_sys::window() {
        for kind in ["pointerdown", "keydown", "touchstart"] {
            // addEventListener with a function on the window throws for nothing (the DOM
            // standard has no failure for it).
            window
                .add_event_listener_with_callback(kind, touched.as_ref().unchecked_ref())
                .ok();
        }
    }
    touched.forget();
}

/// Scrolls `el` into sight only as far as needed (nothing moves when it is already in sight).
pub fn scroll_into_sight(el: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// A file a person picked or dropped (a bundle, a photo).
pub type PickedFile = web_sys::File;

/// The file picked in a file input's `change` event. The input is emptied, so picking the
/// same file again is a new pick.
pub fn picked_file(ev: &web_sys::Event) -> Option<PickedFile> {
    use wasm_bindgen::JsCast;
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// The first file dropped in a `drop` event.
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<PickedFile> {
    ev.data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
function asFile(name, text) { return new File([text], name, { type: 'application/json' }); }
export function can_share_json() {
  try { return !!(navigator.canShare && navigator.canShare({ files: [asFile('a.json', '{}')] })); } catch (e) { return false; }
}
export async function share_json(name, text) {
  try { await navigator.share({ files: [asFile(name, text)], title: name }); return true; } catch (e) { return false; }
}
"#)]
extern "C" {
    fn can_share_json() -> bool;
    async fn share_json(name: &str, text: &str) -> wasm_bindgen::JsValue;
}

/// Whether this browser can hand a JSON file to other apps (the Web Share API with files).
pub fn can_share_files() -> bool {
    can_share_json()
}

/// Hands a JSON file to the tablet's share sheet; `false` when it was cancelled or refused.
pub async fn share_file(name: &str, text: &str) -> bool {
    share_json(name, text).await.as_bool().unwrap_or(false)
}

/// A picked file's MIME type as the browser gives it (may be empty).
pub fn file_mime(file: &PickedFile) -> String {
    file.type_()
}

/// A picked file's size in bytes.
pub fn file_size(file: &PickedFile) -> usize {
    file.size() as usize
}

/// A picked file's bytes as they are, or `None` when the browser cannot read it.
pub async fn file_bytes(file: &PickedFile) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A `blob:` URL showing `bytes` (a stored photo) in an `<img>`; release it with
/// [`revoke_object_url`] when the image goes.
pub fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Releases a URL made by [`object_url`]. Revoking an unknown URL does nothing, so there is
/// no failure to report.
pub fn revoke_object_url(url: &str) {
    web_sys::Url::revoke_object_url(url).ok();
}

/// Offers `bytes` as a download named `name`; `false` when the browser would not take it.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> bool {
    use wasm_bindgen::JsCast;
    let Some(url) = object_url(bytes, mime) else {
        return false;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(link) = document.create_element("a") else {
        return false;
    };
    let offered = (|| {
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", name).ok()?;
        let body = document.body()?;
        body.append_child(&link).ok()?;
        let clicked = link.dyn_ref::<web_sys::HtmlElement>().map(|a| a.click());
        body.remove_child(&link).ok()?;
        clicked
    })()
    .is_some();
    // The URL only lived for this click.
    revoke_object_url(&url);
    offered
}
