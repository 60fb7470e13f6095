//! In-browser storage benchmark (not part of the test run): writes 10,000 complaints (150,000
//! events) through the bulk path and reads the complaint list back cold, and does the same
//! events with plain JavaScript IndexedDB puts and a getAll as the baseline, in the same run.
//!
//! Run: `bash scripts/bench-storage.sh` (release build, headless Chromium).
#![cfg(target_arch = "wasm32")]

#[path = "support/history.rs"]
mod history;

use complaints::storage::Repo;
use complaints::storage::db::Db;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
function req(r) { return new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); }); }
function open(name) {
  const r = indexedDB.open(name, 1);
  r.onupgradeneeded = () => r.result.createObjectStore('events', { keyPath: 'id' });
  return req(r);
}
export async function raw_baseline(name, json) {
  await req(indexedDB.deleteDatabase(name));
  const events = JSON.parse(json);
  let db = await open(name);
  const t0 = performance.now();
  const tx = db.transaction('events', 'readwrite');
  const store = tx.objectStore('events');
  for (const e of events) store.put(e);
  await new Promise((ok, err) => { tx.oncomplete = ok; tx.onerror = () => err(tx.error); tx.onabort = () => err(tx.error); });
  const write = performance.now() - t0;
  db.close();
  db = await open(name);
  const t1 = performance.now();
  const all = await req(db.transaction('events').objectStore('events').getAll());
  const read = performance.now() - t1;
  db.close();
  await req(indexedDB.deleteDatabase(name));
  return [write, read, all.length];
}
export function now() { return performance.now(); }
"#)]
extern "C" {
    async fn raw_baseline(name: &str, json: &str) -> JsValue;
    fn now() -> f64;
}

const COMPLAINTS: usize = 10_000;

#[wasm_bindgen_test]
async fn bulk_write_and_cold_read_against_plain_indexeddb() {
    let events = history::generate(COMPLAINTS);
    let json = serde_json::to_string(&events).unwrap();
    console_log!(
        "events: {}, JSON: {:.1} MB",
        events.len(),
        json.len() as f64 / 1e6
    );

    let t = now();
    let _ = serde_json::to_string(&events).unwrap();
    let ser = now() - t;
    let t = now();
    let folded = complaints::domain::fold_complaints(&events);
    let fold = now() - t;
    let t = now();
    let _ = serde_json::to_string(&folded.values().collect::<Vec<_>>()).unwrap();
    let ser_views = now() - t;
    console_log!(
        "pure parts: serialize events {ser:.0} ms, fold {fold:.0} ms, serialize views {ser_views:.0} ms"
    );

    let name = "bench-ours";
    Db::delete(name).await.unwrap();
    let repo = Repo::open(name).await.unwrap();
    let t0 = now();
    let report = repo.append(&events, None).await.unwrap();
    let write = now() - t0;
    assert_eq!(report.added, events.len());
    repo.close();

    let t1 = now();
    let repo = Repo::open(name).await.unwrap();
    let list = repo.complaints().await.unwrap();
    let read = now() - t1;
    assert_eq!(list.len(), COMPLAINTS);
    let t2 = now();
    let all = repo.all_events().await.unwrap();
    let read_events = now() - t2;
    assert_eq!(all.len(), events.len());
    repo.close();
    Db::delete(name).await.unwrap();

    let raw: Vec<f64> =
        serde_wasm_bindgen::from_value(raw_baseline("bench-raw", &json).await).unwrap();
    assert_eq!(raw[2] as usize, events.len());
    console_log!(
        "ours: bulk write {:.0} ms; cold read of the complaint list {:.0} ms (all events {:.0} ms)",
        write,
        read,
        read_events
    );
    console_log!(
        "raw:  one put per event {:.0} ms; cold getAll of the events {:.0} ms",
        raw[0],
        raw[1]
    );
    console_log!(
        "ratio ours/raw: write {:.2}x, cold read (list) {:.2}x, cold read (all events) {:.2}x",
        write / raw[0],
        read / raw[1],
        read_events / raw[1]
    );
}
