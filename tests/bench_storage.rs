//! In-browser storage benchmark (not part of the test run): writes 10,000 complaints (150,000
//! events) through the bulk path and reads the complaint list back cold, and does the same
//! events with plain JavaScript IndexedDB puts and a getAll as the baseline, in the same run.
//!
//! A second test imports a 10,000-complaint bundle end to end against plain `JSON.parse` plus
//! IndexedDB puts of the same events.
//!
//! Run: `bash scripts/bench-storage.sh` (release build, headless Chromium).
#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
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
export async function raw_import(name, file) {
  await req(indexedDB.deleteDatabase(name));
  let db = await open(name);
  const t0 = performance.now();
  const envelope = JSON.parse(file);
  const events = JSON.parse(envelope.payload).events;
  const tx = db.transaction('events', 'readwrite');
  const store = tx.objectStore('events');
  for (const e of events) store.put(e);
  await new Promise((ok, err) => { tx.oncomplete = ok; tx.onerror = () => err(tx.error); tx.onabort = () => err(tx.error); });
  const ms = performance.now() - t0;
  db.close();
  await req(indexedDB.deleteDatabase(name));
  return [ms, events.length];
}
export async function raw_rows(name, ids, texts) {
  await req(indexedDB.deleteDatabase(name));
  const r = indexedDB.open(name, 1);
  r.onupgradeneeded = () => r.result.createObjectStore('records', { keyPath: 'id' });
  const db = await req(r);
  const t0 = performance.now();
  const tx = db.transaction('records', 'readwrite');
  const store = tx.objectStore('records');
  for (let i = 0; i < ids.length; i++) store.put({ id: ids[i], events: texts[i] });
  await new Promise((ok, err) => { tx.oncomplete = ok; tx.onerror = () => err(tx.error); tx.onabort = () => err(tx.error); });
  const ms = performance.now() - t0;
  db.close();
  await req(indexedDB.deleteDatabase(name));
  return ms;
}
export function now() { return performance.now(); }
"#)]
extern "C" {
    async fn raw_baseline(name: &str, json: &str) -> JsValue;
    async fn raw_import(name: &str, file: &str) -> JsValue;
    async fn raw_rows(name: &str, ids: Vec<String>, texts: Vec<js_sys::Uint8Array>) -> JsValue;
    fn now() -> f64;
}

const COMPLAINTS: usize = 10_000;

#[wasm_bindgen_test]
async fn bulk_write_and_cold_read_against_plain_indexeddb() {
    let events = history::sealed(COMPLAINTS);
    let json = complaints::format::stored::encode_events(&events);
    console_log!(
        "events: {}, JSON: {:.1} MB",
        events.len(),
        json.len() as f64 / 1e6
    );

    let t = now();
    let _ = complaints::format::stored::encode_events(&events);
    let ser = now() - t;
    let t = now();
    let folded = complaints::domain::fold_complaints(&events);
    let fold = now() - t;
    let t = now();
    let briefs: Vec<_> = folded.values().map(complaints::domain::Brief::of).collect();
    let _ = serde_json::to_string(&briefs).unwrap();
    let ser_views = now() - t;
    console_log!(
        "pure parts: serialize events {ser:.0} ms, fold {fold:.0} ms, briefs made and serialized {ser_views:.0} ms"
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
    let list = repo.briefs().await.unwrap();
    let read = now() - t1;
    assert_eq!(list.len(), COMPLAINTS);
    let t3 = now();
    let whole = repo.complaints().await.unwrap();
    let read_whole = now() - t3;
    assert_eq!(whole.len(), COMPLAINTS);
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
        "ours: bulk write {:.0} ms; cold open and read of every brief {:.0} ms; every whole complaint folded from its record {:.0} ms (all events {:.0} ms)",
        write,
        read,
        read_whole,
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

/// "Check the history" of 10,000 sealed complaints (150,000 events): every chain verified from
/// the stored rows, against reading those rows alone, in the same run.
#[wasm_bindgen_test]
async fn check_the_history_of_ten_thousand_complaints() {
    let events = history::sealed(COMPLAINTS);
    let name = "bench-history";
    Db::delete(name).await.unwrap();
    let repo = Repo::open(name).await.unwrap();
    repo.append(&events, None).await.unwrap();
    repo.close();
    let repo = Repo::open(name).await.unwrap();
    let t = now();
    let all = repo.all_events().await.unwrap();
    let read = now() - t;
    assert_eq!(all.len(), events.len());
    let t = now();
    let check = repo.check_history().await.unwrap();
    let checked = now() - t;
    assert!(check.intact());
    assert_eq!(check.sealed, events.len());
    repo.close();
    Db::delete(name).await.unwrap();
    console_log!(
        "check the history: {} complaints, {} events, {} devices: {:.0} ms (reading the events alone {:.0} ms, {:.1}x)",
        COMPLAINTS,
        check.events,
        check.devices,
        checked,
        read,
        checked / read
    );
}

/// One file imported as the app does, into a fresh database `name`: the milliseconds to the
/// committed transaction, and to the end of the checks and of the planning.
async fn import_ours(name: &str, text: &str) -> (f64, f64, f64) {
    use complaints::domain::DeviceClock;
    use complaints::sync::{
        HeldSnapshot, StoredEvent, content_hash, open_envelope, plan_import, snapshot_needs,
    };
    Db::delete(name).await.unwrap();
    let repo = Repo::open(name).await.unwrap();
    let t0 = now();
    let bundle = open_envelope(text).unwrap().read_plain().unwrap();
    let checked = now() - t0;
    let count = bundle.events.len();
    let (records, _) = snapshot_needs(&bundle);
    let records: Vec<_> = records.into_iter().collect();
    let held = repo.records_events(&records).await.unwrap();
    let held = held.into_iter().map(|event| StoredEvent {
        content_hash: content_hash(&event),
        event,
    });
    let snapshot = HeldSnapshot::new(
        held,
        Default::default(),
        repo.version_vector().await.unwrap(),
        repo.gaps().await.unwrap(),
    );
    let here = complaints::sync::Here::new(history::device(9), 4_102_444_800_000);
    let plan = plan_import(&snapshot, bundle, &here).unwrap();
    let planned = now() - t0;
    let new: Vec<_> = plan.new_events.iter().map(|s| s.event.clone()).collect();
    let mut clock = DeviceClock::new(history::device(9));
    clock.observe(new.iter(), 0);
    let report = repo
        .import(
            &new,
            &clock,
            &[],
            (plan.source.id, &plan.source_vector),
            "bench",
            &plan.complaints,
        )
        .await
        .unwrap();
    let ours = now() - t0;
    assert_eq!(report.added, count);
    assert_eq!(repo.complaints().await.unwrap().len(), COMPLAINTS);
    repo.close();
    Db::delete(name).await.unwrap();
    (ours, checked, planned)
}

/// Issue 6's figure: a 10,000-complaint bundle imported end to end, from the file's text to a
/// committed transaction (envelope and event checks, planning against what is held, the bulk
/// write with views), against plain `JSON.parse` plus one IndexedDB put per event.
#[wasm_bindgen_test]
async fn bundle_import_against_plain_json_parse_and_puts() {
    use complaints::domain::DeviceCode;
    use complaints::sync::{ExportInput, SourceDevice, export_full};
    let events = history::sealed(COMPLAINTS);
    let source = SourceDevice {
        id: history::device(1),
        code: DeviceCode::parse("A1").unwrap(),
        label: "平板-1".into(),
    };
    let created_at = chrono::DateTime::parse_from_rfc3339("2026-11-28T09:30:00+08:00").unwrap();
    let t = now();
    let input = ExportInput {
        source: &source,
        app_version: "0.1.0",
        bundle_id: uuid::Uuid::from_u128(1),
        created_at,
        events: &events,
        blobs: &[],
        compact: false,
    };
    let file = export_full(input).into_plain();
    let export_ms = now() - t;
    console_log!(
        "export of {} events: {:.0} ms, file {:.1} MB",
        events.len(),
        export_ms,
        file.contents.len() as f64 / 1e6
    );

    // What the chain check costs in the browser: every event's commitment (serialized again
    // without its seal, then SHA-256), beside SHA-256 alone over the same file in pieces of
    // one event's average size.
    let t = now();
    let committed: usize = events
        .iter()
        .map(|e| complaints::format::seal::commitment(e).len())
        .sum();
    let commitments_ms = now() - t;
    let piece = file.contents.len() / events.len();
    let t = now();
    let hashed: usize = file
        .contents
        .as_bytes()
        .chunks(piece)
        .map(|c| complaints::format::seal::sha256_hex(c).len())
        .sum();
    let sha_ms = now() - t;
    assert_eq!(committed, 64 * events.len());
    assert!(hashed >= committed);
    console_log!(
        "every event's commitment: {commitments_ms:.0} ms; SHA-256 alone of the file in {piece}-byte pieces: {sha_ms:.0} ms"
    );

    // The floor under the write: IndexedDB alone storing what the import stores for the
    // records, each record's events as the bytes of their JSON in one row, one transaction.
    let mut by_record: std::collections::BTreeMap<_, Vec<&complaints::domain::Event>> =
        Default::default();
    for e in &events {
        by_record.entry(e.record).or_default().push(e);
    }
    let (ids, texts): (Vec<String>, Vec<String>) = by_record
        .iter()
        .map(|(id, events)| {
            (
                id.to_string(),
                complaints::format::stored::encode_events(events.iter().copied()),
            )
        })
        .unzip();
    let rows_bytes: usize = texts.iter().map(String::len).sum();
    let mut floor = Vec::new();
    for _ in 0..3 {
        let arrays = texts
            .iter()
            .map(|t| js_sys::Uint8Array::from(t.as_bytes()))
            .collect();
        floor.push(
            raw_rows("bench-rows", ids.clone(), arrays)
                .await
                .as_f64()
                .unwrap(),
        );
    }
    floor.sort_by(f64::total_cmp);
    console_log!(
        "IndexedDB alone storing the {} record rows ({:.1} MB of event JSON as bytes), median of 3: {:.0} ms",
        ids.len(),
        rows_bytes as f64 / 1e6,
        floor[1]
    );

    // The same events as this version exports them where the browser compresses (schema 3:
    // chains that follow from the event before left out, derived on reading), uncompressed
    // here so the two files differ only in the chains.
    let compact = export_full(ExportInput {
        compact: true,
        ..input
    })
    .into_plain();

    // Rounds side by side: each imports the plain file, the compact file and the baseline,
    // so the ratios compare runs on one machine at one moment.
    const ROUNDS: usize = 5;
    let mut plain_runs = Vec::new();
    let mut compact_runs = Vec::new();
    let mut raw_runs = Vec::new();
    for _ in 0..ROUNDS {
        plain_runs.push(import_ours("bench-import", &file.contents).await);
        compact_runs.push(import_ours("bench-import-compact", &compact.contents).await);
        let raw: Vec<f64> =
            serde_wasm_bindgen::from_value(raw_import("bench-raw-import", &file.contents).await)
                .unwrap();
        assert_eq!(raw[1] as usize, events.len());
        raw_runs.push(raw[0]);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    // Median of each step; the total's median with it.
    let steps = |runs: &[(f64, f64, f64)]| {
        (
            median(runs.iter().map(|r| r.0).collect()),
            median(runs.iter().map(|r| r.1).collect()),
            median(runs.iter().map(|r| r.2 - r.1).collect()),
            median(runs.iter().map(|r| r.0 - r.2).collect()),
        )
    };
    let raw = median(raw_runs.clone());
    let ratios = |runs: &[(f64, f64, f64)]| {
        median(runs.iter().zip(&raw_runs).map(|(r, b)| r.0 / b).collect())
    };
    let (total, checks, planning, write) = steps(&plain_runs);
    console_log!(
        "import of the plain file, median of {ROUNDS}: {total:.0} ms (checks {checks:.0} ms, planning {planning:.0} ms, write {write:.0} ms); raw JSON.parse + puts: {raw:.0} ms; ratio {:.2}x (median of the rounds' ratios)",
        ratios(&plain_runs)
    );
    let (total, checks, planning, write) = steps(&compact_runs);
    console_log!(
        "import of the compact file ({:.1} MB), median of {ROUNDS}: {total:.0} ms (checks with the chains derived {checks:.0} ms, planning {planning:.0} ms, write {write:.0} ms); ratio {:.2}x",
        compact.contents.len() as f64 / 1e6,
        ratios(&compact_runs)
    );
    console_log!(
        "each round, ms (plain, compact, baseline): {:?}",
        plain_runs
            .iter()
            .zip(&compact_runs)
            .zip(&raw_runs)
            .map(|((p, c), b)| (p.0.round(), c.0.round(), b.round()))
            .collect::<Vec<_>>()
    );
}
