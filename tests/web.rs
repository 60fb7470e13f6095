//! Browser tests (wasm-bindgen-test in headless Chromium): storage against real IndexedDB and
//! the shell's components in a real DOM. Run by `scripts/test.sh`.
#![cfg(target_arch = "wasm32")]

#[path = "support/history.rs"]
mod history;

use complaints::domain::{Brief, DeviceId, Event, EventBody, VersionVector};
use complaints::storage::db::{Db, stores};
use complaints::storage::repo::{InjectedFailure, inject_failure};
use complaints::storage::{Repo, StorageError, prefs};
use complaints::ui::i18n::Message;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
function req(r) { return new Promise((ok, err) => { r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); }); }
export async function hold_open(name) { return await req(indexedDB.open(name)); }
export async function upgrade_elsewhere(name, version) {
  const r = indexedDB.open(name, version);
  return await new Promise((ok) => { r.onsuccess = () => { r.result.close(); ok('upgraded'); }; r.onblocked = () => ok('blocked'); r.onerror = () => ok('error'); });
}
export async function edit_row(name, key, from, to) {
  const db = await req(indexedDB.open(name));
  const tx = db.transaction('records', 'readwrite');
  const store = tx.objectStore('records');
  const row = await req(store.get(key));
  // The events are kept as UTF-8 bytes (rows written before as text).
  const text = typeof row.events === 'string' ? row.events : new TextDecoder().decode(row.events);
  const edited = text.replace(from, to);
  row.events = typeof row.events === 'string' ? edited : new TextEncoder().encode(edited);
  await req(store.put(row));
  await new Promise((ok) => { tx.oncomplete = ok; });
  db.close();
  return edited.includes(to);
}
export async function dump_text(name) {
  const db = await req(indexedDB.open(name));
  let out = '';
  for (const store of db.objectStoreNames) {
    const tx = db.transaction(store, 'readonly');
    const rows = await req(tx.objectStore(store).getAll());
    for (const r of rows) {
      out += JSON.stringify(r, (k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) ? new TextDecoder().decode(v) : v) + '\n';
    }
  }
  db.close();
  return out;
}
export function hide_indexeddb() { Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }); }
export function restore_indexeddb() { delete window.indexedDB; }
export async function test_photo(w, h) {
  const c = document.createElement('canvas'); c.width = w; c.height = h;
  const g = c.getContext('2d'); g.fillStyle = '#c33'; g.fillRect(0, 0, w, h); g.fillStyle = '#36c'; g.fillRect(0, 0, w / 2, h / 2);
  return await new Promise((ok) => c.toBlob(ok, 'image/png'));
}
export async function image_size(bytes) {
  const b = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
  return [b.width, b.height];
}
"#)]
extern "C" {
    async fn hold_open(name: &str) -> JsValue;
    async fn upgrade_elsewhere(name: &str, version: u32) -> JsValue;
    async fn edit_row(name: &str, key: &str, from: &str, to: &str) -> JsValue;
    async fn dump_text(name: &str) -> JsValue;
    fn hide_indexeddb();
    fn restore_indexeddb();
    async fn test_photo(w: u32, h: u32) -> JsValue;
    async fn image_size(bytes: &[u8]) -> JsValue;
}
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Row {
    key: String,
    json: String,
}

/// Waits for timers, effects and the DOM to settle.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A fresh, empty repository called `name`.
async fn fresh(name: &str) -> Repo {
    Db::delete(name).await.unwrap();
    Repo::open(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn a_value_written_reads_back_after_reopening() {
    let name = "test-roundtrip";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    let row = Row {
        key: "k".into(),
        json: "{\"名字\":\"张三\"}".into(),
    };
    db.put_all(stores::DRAFTS, std::slice::from_ref(&row))
        .await
        .unwrap();
    db.close();

    let db = Db::open(name).await.unwrap();
    assert_eq!(db.get::<Row>(stores::DRAFTS, "k").await.unwrap(), Some(row));
    assert_eq!(db.get::<Row>(stores::DRAFTS, "nope").await.unwrap(), None);
    db.close();
}

#[wasm_bindgen_test]
async fn appended_events_and_their_views_survive_reopening() {
    let name = "test-append";
    let repo = fresh(name).await;
    let events = history::generate(6);
    let clock = history::clock_of(&events, history::device(1));
    let report = repo.append(&events, Some(&clock)).await.unwrap();
    assert_eq!(
        (report.added, report.already_present, report.records),
        (90, 0, 6)
    );
    repo.close();

    let repo = Repo::open(name).await.unwrap();
    let complaints = repo.complaints().await.unwrap();
    assert_eq!(complaints.len(), 6);
    let mut all = repo.all_events().await.unwrap();
    all.sort_by_key(|e| e.id);
    let mut want = events.clone();
    want.sort_by_key(|e| e.id);
    assert_eq!(all, want, "every event comes back exactly");
    assert_eq!(
        repo.clock().await.unwrap(),
        Some(clock),
        "the clock is written with the events"
    );
    let vv = repo.version_vector().await.unwrap();
    assert_eq!(vv.get(history::device(1)), 30);
    assert_eq!(vv.get(history::device(2)), 30);
    repo.close();
}

#[wasm_bindgen_test]
async fn appending_the_same_events_twice_changes_nothing() {
    let repo = fresh("test-idempotent").await;
    let events = history::generate(3);
    repo.append(&events, None).await.unwrap();
    let before = repo.complaints().await.unwrap();
    let again = repo.append(&events, None).await.unwrap();
    assert_eq!(
        (again.added, again.already_present, again.records),
        (0, 45, 0)
    );
    assert_eq!(repo.complaints().await.unwrap(), before);
    repo.close();
}

#[wasm_bindgen_test]
async fn a_known_id_with_other_content_refuses_the_whole_batch() {
    let repo = fresh("test-mismatch").await;
    let events = history::generate(2);
    repo.append(&events[..15], None).await.unwrap();
    let mut tampered = events[3].clone();
    tampered.body = EventBody::NoteAdded {
        text: "改过的内容".into(),
        legal_counsel: false,
    };
    // The batch holds a new complaint too; none of it may land.
    let mut batch: Vec<Event> = events[15..].to_vec();
    batch.push(tampered.clone());
    let err = repo.append(&batch, None).await.unwrap_err();
    assert_eq!(err, StorageError::EventMismatch(tampered.id));
    assert!(
        err.message(complaints::domain::Lang::Zh)
            .contains("内容不同")
    );
    assert_eq!(repo.complaints().await.unwrap().len(), 1);
    assert_eq!(repo.all_events().await.unwrap().len(), 15);
    repo.close();
}

#[wasm_bindgen_test]
async fn a_full_disk_leaves_the_data_exactly_as_before() {
    let repo = fresh("test-quota").await;
    let events = history::generate(4);
    repo.append(&events[..30], None).await.unwrap();
    let views_before = repo.complaints().await.unwrap();
    let vv_before = repo.version_vector().await.unwrap();

    inject_failure(Some(InjectedFailure::QuotaExceeded));
    let err = repo.append(&events[30..], None).await.unwrap_err();
    assert_eq!(err, StorageError::QuotaExceeded);
    assert!(
        err.message(complaints::domain::Lang::Zh)
            .contains("存储空间不足")
    );
    assert!(
        err.message(complaints::domain::Lang::En)
            .contains("out of storage space")
    );

    assert_eq!(repo.complaints().await.unwrap(), views_before);
    assert_eq!(repo.version_vector().await.unwrap(), vv_before);
    assert_eq!(repo.all_events().await.unwrap().len(), 30);
    // The next write goes through.
    repo.append(&events[30..], None).await.unwrap();
    assert_eq!(repo.all_events().await.unwrap().len(), 60);
    repo.close();
}

#[wasm_bindgen_test]
fn a_quota_dom_exception_is_named_as_such() {
    let quota = web_sys::DomException::new_with_message_and_name("disk full", "QuotaExceededError")
        .unwrap();
    assert_eq!(StorageError::from_js(&quota), StorageError::QuotaExceeded);
    let other = web_sys::DomException::new_with_message_and_name("nope", "DataError").unwrap();
    assert_eq!(
        StorageError::from_js(&other),
        StorageError::Failed("DataError: nope".into())
    );
}

#[wasm_bindgen_test]
async fn rebuilt_views_equal_the_views_written_with_the_events() {
    let name = "test-rebuild";
    let repo = fresh(name).await;
    let events = history::generate(9);
    // In three batches, out of order, so the incremental views are built piecewise.
    repo.append(&events[60..], None).await.unwrap();
    repo.append(&events[..30], None).await.unwrap();
    repo.append(&events[30..60], None).await.unwrap();
    let mut whole = repo.complaints().await.unwrap();
    whole.sort_by_key(|c| c.id);
    let vv = repo.version_vector().await.unwrap();
    // The whole complaints are the fold of all the events, however they arrived.
    let folded: Vec<_> = complaints::domain::fold_complaints(&events)
        .into_values()
        .collect();
    assert_eq!(whole, folded);

    // The briefs written piecewise are the briefs of the whole complaints; an unreadable one
    // is rebuilt from the events.
    let want: Vec<Brief> = whole.iter().map(Brief::of).collect();
    // The row that holds the first complaint's brief, among the chunks.
    let id = format!(
        "{:02}",
        whole[0].id.0.as_u128() % complaints::storage::repo::BRIEF_CHUNKS
    );
    let sorted = |mut v: Vec<Brief>| {
        v.sort_by_key(|b| b.id);
        v
    };
    assert_eq!(sorted(repo.briefs().await.unwrap()), want);
    repo.db()
        .put_all(
            stores::BRIEFS,
            &[serde_json::json!({ "id": id, "json": "not json" })],
        )
        .await
        .unwrap();
    assert!(matches!(repo.briefs().await, Err(StorageError::Corrupt(_))));
    assert_eq!(sorted(repo.briefs_or_rebuild().await.unwrap()), want);
    assert_eq!(repo.version_vector().await.unwrap(), vv);
    repo.close();
}

#[wasm_bindgen_test]
async fn incremental_export_finds_exactly_what_a_peer_lacks() {
    let repo = fresh("test-incremental").await;
    let events = history::generate(12);
    repo.append(&events, None).await.unwrap();
    let mut peer = VersionVector::new();
    peer.observe(history::device(1), 20);
    peer.observe(history::device(3), 60);
    let missing = repo.events_missing_from(&peer).await.unwrap();
    let mut want: Vec<&Event> = events
        .iter()
        .filter(|e| !peer.covers(e.device, e.seq))
        .collect();
    want.sort_by_key(|e| e.id);
    let got: Vec<&Event> = missing.iter().collect();
    assert_eq!(got, want);
    assert_eq!(missing.len(), 180 - 20 - 60);
    assert!(
        repo.events_missing_from(&repo.version_vector().await.unwrap())
            .await
            .unwrap()
            .is_empty()
    );
    repo.close();
}

#[wasm_bindgen_test]
async fn the_version_vector_stops_at_a_gap_until_it_is_filled() {
    let repo = fresh("test-gaps").await;
    let events = history::generate(3);
    let d1 = history::device(1);
    // Device 1's events are seq 1..=15; hold 1..=5 and 11..=15 first.
    let (first, rest): (Vec<Event>, Vec<Event>) = events
        .iter()
        .filter(|e| e.device == d1)
        .cloned()
        .partition(|e| e.seq <= 5 || e.seq > 10);
    repo.append(&first, None).await.unwrap();
    assert_eq!(
        repo.version_vector().await.unwrap().get(d1),
        5,
        "seq 6 is missing"
    );
    assert_eq!(
        repo.gaps().await.unwrap().get(&d1).map(|s| s.len()),
        Some(5)
    );
    let mut peer = VersionVector::new();
    peer.observe(d1, 5);
    assert_eq!(
        repo.events_missing_from(&peer).await.unwrap().len(),
        5,
        "a peer at 5 is sent seqs 11 to 15, held past the gap"
    );
    repo.append(&rest, None).await.unwrap();
    assert_eq!(repo.version_vector().await.unwrap().get(d1), 15);
    assert!(repo.gaps().await.unwrap().is_empty());
    repo.rebuild_views().await.unwrap();
    assert_eq!(
        repo.version_vector().await.unwrap().get(d1),
        15,
        "a rebuild gives the same vector"
    );
    repo.close();
}

#[wasm_bindgen_test]
async fn the_device_identity_is_made_once_and_a_wipe_mints_a_new_one() {
    let name = "test-identity";
    let repo = fresh(name).await;
    let first = repo.identity().await.unwrap();
    assert!(first.needs_setup());
    let code = complaints::domain::DeviceCode::parse("A3").unwrap();
    let named = repo.set_identity_labels(code, " 平板-3 ").await.unwrap();
    assert_eq!(
        (named.device, named.label.as_str(), named.needs_setup()),
        (first.device, "平板-3", false)
    );
    repo.close();

    let repo = Repo::open(name).await.unwrap();
    assert_eq!(
        repo.identity().await.unwrap(),
        named,
        "the identity survives reopening"
    );
    complaints::storage::identity::wipe(repo, name)
        .await
        .unwrap();
    let repo = Repo::open(name).await.unwrap();
    assert_ne!(
        repo.identity().await.unwrap().device,
        first.device,
        "a wipe mints a new id"
    );
    repo.close();
}

#[wasm_bindgen_test]
async fn a_draft_survives_reopening_until_cleared() {
    let name = "test-drafts";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    let draft =
        serde_json::json!({ "name": "王芳", "description": "<img src=x onerror=alert(1)>" });
    db.save_draft("new_complaint", &draft, 1.0).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(
        db.load_draft::<serde_json::Value>("new_complaint")
            .await
            .unwrap(),
        Some(draft)
    );
    db.clear_draft("new_complaint").await.unwrap();
    assert_eq!(
        db.load_draft::<serde_json::Value>("new_complaint")
            .await
            .unwrap(),
        None
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_photo_is_downscaled_to_jpeg_and_kept_as_bytes_under_its_sha256() {
    use complaints::storage::blobs::{downscale_photo, sha256_hex};
    let name = "test-blobs";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    let photo: web_sys::Blob = test_photo(4000, 3000).await.unchecked_into();
    let jpeg = downscale_photo(&photo).await.unwrap();
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "JPEG bytes");
    let size: Vec<u32> = serde_wasm_bindgen::from_value(image_size(&jpeg).await).unwrap();
    assert_eq!(size, vec![1600, 1200]);

    let key = db.put_blob(jpeg.clone(), "image/jpeg").await.unwrap();
    assert_eq!(key, sha256_hex(&jpeg));
    assert_eq!(
        db.put_blob(jpeg.clone(), "image/jpeg").await.unwrap(),
        key,
        "same bytes, same key"
    );
    db.close();
    let db = Db::open(name).await.unwrap();
    let stored = db.blob(&key).await.unwrap().expect("stored");
    assert_eq!(
        (stored.mime.as_str(), stored.bytes.len()),
        ("image/jpeg", jpeg.len())
    );
    assert_eq!(stored.bytes, jpeg);
    assert_eq!(db.count(stores::BLOBS).await.unwrap(), 1);
    db.close();
}

#[wasm_bindgen_test]
fn small_photos_keep_their_size_and_large_ones_fit_1600() {
    use complaints::storage::blobs::fitted_size;
    for (input, want) in [
        ((800, 600), (800, 600)),
        ((1600, 900), (1600, 900)),
        ((4032, 3024), (1600, 1200)),
        ((3024, 4032), (1200, 1600)),
        ((10000, 10), (1600, 2)),
    ] {
        assert_eq!(fitted_size(input.0, input.1), want, "{input:?}");
    }
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_another_tab_says_so() {
    let name = "test-blocked";
    Db::delete(name).await.unwrap();
    Db::open(name).await.unwrap().close();
    // Another tab holds the current version open and ignores requests to close.
    let other = hold_open(name).await;
    let err = Db::open_with(name, complaints::storage::db::SCHEMA_VERSION + 1, 300)
        .await
        .err()
        .expect("the upgrade cannot proceed");
    assert_eq!(err, StorageError::Blocked);
    assert!(
        err.message(complaints::domain::Lang::Zh)
            .contains("关闭其他标签页")
    );
    other.unchecked_into::<web_sys::IdbDatabase>().close();
}

#[wasm_bindgen_test]
async fn this_tab_hears_when_another_tab_upgrades() {
    let name = "test-versionchange";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    db.close();
    let heard = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = heard.clone();
    complaints::storage::watch::watch_version_change(name, move || flag.set(true)).unwrap();
    settle(50).await;
    let outcome = upgrade_elsewhere(name, complaints::storage::db::SCHEMA_VERSION + 1).await;
    assert!(heard.get(), "the versionchange reached this tab");
    assert_eq!(
        outcome.as_string().as_deref(),
        Some("upgraded"),
        "and the watcher let it through"
    );
}

#[wasm_bindgen_test]
async fn a_browser_without_indexeddb_gets_a_clear_message() {
    hide_indexeddb();
    let result = Db::open("test-unavailable").await;
    restore_indexeddb();
    let err = result.err().expect("no IndexedDB, no database");
    assert!(matches!(err, StorageError::Unavailable(_)), "{err:?}");
    assert!(
        err.message(complaints::domain::Lang::Zh)
            .contains("无法使用本机数据库")
    );
    assert!(
        err.message(complaints::domain::Lang::En)
            .contains("cannot be used")
    );
}

#[wasm_bindgen_test]
fn preferences_persist_and_the_pin_is_kept_only_as_a_salted_hash() {
    use complaints::storage::prefs::{self, PinHash};
    prefs::set_current_user(Some("person-7")).unwrap();
    assert_eq!(prefs::current_user().as_deref(), Some("person-7"));
    prefs::set_current_user(None).unwrap();
    assert_eq!(prefs::current_user(), None);
    prefs::set_lock_minutes(Some(5)).unwrap();
    assert_eq!(prefs::lock_minutes(), Some(5));
    prefs::set_lock_minutes(None).unwrap();

    let pin = PinHash::new("2468", "a1b2c3");
    prefs::set_pin_hash(Some(&pin)).unwrap();
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("complaints.pin")
        .unwrap()
        .unwrap();
    assert!(
        !stored.contains("2468"),
        "the PIN itself is never stored: {stored}"
    );
    let back = prefs::pin_hash().unwrap();
    assert!(back.matches("2468") && !back.matches("2469"));
    assert_ne!(
        PinHash::new("2468", "other").hash,
        pin.hash,
        "the salt changes the hash"
    );
    prefs::set_pin_hash(None).unwrap();
}

#[wasm_bindgen_test]
async fn the_shell_renders_in_chinese_and_switches_to_english() {
    prefs::set_language("zh").unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), complaints::ui::App);
    settle(50).await;

    let nav = host
        .query_selector("nav.nav")
        .unwrap()
        .expect("navigation is rendered");
    let text = nav.text_content().unwrap();
    for label in ["总览", "投诉列表", "新建投诉", "同步", "设置"] {
        assert!(text.contains(label), "nav lacks {label}: {text}");
    }
    assert_eq!(
        document
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );

    let switch: web_sys::HtmlElement = host
        .query_selector("#lang-switch")
        .unwrap()
        .unwrap()
        .unchecked_into();
    switch.click();
    settle(50).await;
    let text = nav.text_content().unwrap();
    assert!(
        text.contains("Dashboard") && text.contains("Settings"),
        "{text}"
    );
    assert_eq!(
        prefs::language().as_deref(),
        Some("en"),
        "the choice is remembered"
    );
    assert_eq!(
        document
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );

    drop(handle);
    host.remove();
    prefs::set_language("zh").unwrap();
}

/// A database written by the first release (data version 1): the demo database as that build
/// wrote it in Chromium, dumped store by store.
const IDB_V1: &str = include_str!("golden/idb-v1.json");

/// Writes a dump's rows into a fresh database `name` with the dump's schema version, stores
/// and indexes, byte for byte.
async fn restore_dump(name: &str, dump: &str) -> serde_json::Value {
    use rexie::{Index, ObjectStore, Rexie, TransactionMode};
    let dump: serde_json::Value = serde_json::from_str(dump).unwrap();
    Db::delete(name).await.unwrap();
    let stores = dump["stores"].as_object().unwrap();
    let mut build = Rexie::builder(name).version(dump["version"].as_u64().unwrap() as u32);
    for (store, content) in stores {
        let mut s = ObjectStore::new(store).key_path(content["keyPath"].as_str().unwrap());
        for i in content["indexes"].as_array().unwrap() {
            s = s.add_index(
                Index::new(i["name"].as_str().unwrap(), i["keyPath"].as_str().unwrap())
                    .multi_entry(i["multiEntry"].as_bool().unwrap()),
            );
        }
        build = build.add_object_store(s);
    }
    let db = build.build().await.unwrap();
    for (store, content) in stores {
        let tx = db
            .transaction(&[store.as_str()], TransactionMode::ReadWrite)
            .unwrap();
        for row in content["rows"].as_array().unwrap() {
            let value = serde::Serialize::serialize(
                row,
                &serde_wasm_bindgen::Serializer::json_compatible(),
            )
            .unwrap();
            tx.store(store).unwrap().put(&value, None).await.unwrap();
        }
        tx.done().await.unwrap();
    }
    db.close();
    dump
}

#[wasm_bindgen_test]
async fn data_written_by_the_first_release_upgrades_in_place_on_open() {
    let name = "test-upgrade-v1";
    let dump = restore_dump(name, IDB_V1).await;
    let rows = |store: &str| dump["stores"][store]["rows"].as_array().unwrap().clone();
    let meta = |key: &str| {
        rows("meta")
            .into_iter()
            .find(|r| r["key"] == key)
            .map(|r| r["json"].as_str().unwrap().to_string())
    };
    assert_eq!(
        meta("data_version").as_deref(),
        Some("1"),
        "the dump is from data version 1"
    );

    let repo = Repo::open(name).await.unwrap();
    // Every record's events read back, and every view is there.
    let events = repo.all_events().await.unwrap();
    let stored_events: usize = rows("records")
        .iter()
        .map(|r| {
            serde_json::from_str::<Vec<serde_json::Value>>(r["events"].as_str().unwrap())
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(events.len(), stored_events);
    let complaints = repo.complaints().await.unwrap();
    assert_eq!(complaints.len(), rows("complaints").len());
    // The upgrade to schema 2 dropped the store of whole views and wrote every brief.
    assert_eq!(repo.briefs().await.unwrap().len(), complaints.len());
    assert!(complaints.len() >= 40, "the demo holds about 50 complaints");
    assert_eq!(repo.roster().await.unwrap().len(), rows("roster").len());
    // The version vector and the clock read as they were written.
    let vv: serde_json::Value = serde_json::from_str(&meta("version_vector").unwrap()).unwrap();
    let ours = repo.version_vector().await.unwrap();
    for (device, seq) in vv.as_object().unwrap() {
        let device = complaints::domain::DeviceId(device.parse().unwrap());
        assert_eq!(ours.get(device), seq.as_u64().unwrap());
    }
    if meta("clock").is_some() {
        assert!(repo.clock().await.unwrap().is_some());
    }
    // The upgrade is recorded, and each row is now in the file format.
    let db = repo.db();
    let version: Option<Row> = db.get(stores::META, "data_version").await.unwrap();
    assert_eq!(
        version.unwrap().json,
        complaints::storage::repo::DATA_VERSION.to_string()
    );
    let first = &rows("records")[0];
    let id: uuid::Uuid = first["id"].as_str().unwrap().parse().unwrap();
    let record = repo
        .record_events(complaints::domain::RecordId(id))
        .await
        .unwrap();
    // The events are kept as the UTF-8 bytes of that text, read here as the browser holds them.
    let row = db
        .get_js(stores::RECORDS, first["id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    let bytes = js_sys::Reflect::get(&row, &wasm_bindgen::JsValue::from_str("events")).unwrap();
    assert_eq!(
        String::from_utf8(js_sys::Uint8Array::new(&bytes).to_vec()).unwrap(),
        complaints::format::stored::encode_events(&record)
    );
    repo.close();

    // A second open changes nothing and reads the same.
    let again = Repo::open(name).await.unwrap();
    assert_eq!(again.all_events().await.unwrap().len(), stored_events);
    assert_eq!(again.complaints().await.unwrap().len(), complaints.len());
    again.close();
}

#[wasm_bindgen_test]
async fn the_browser_gzips_and_refuses_damaged_or_oversized_streams() {
    use complaints::ui::platform::{Gunzip, gunzip, gzip};
    let text = "投诉记录 complaint record ".repeat(2000);
    let gz = gzip(text.as_bytes())
        .await
        .expect("CompressionStream in Chromium");
    assert!(
        gz.len() * 20 < text.len(),
        "{} from {}",
        gz.len(),
        text.len()
    );
    assert_eq!(gz[..2], [0x1f, 0x8b], "a gzip stream");
    assert_eq!(gunzip(&gz, 1 << 20).await.unwrap(), text.as_bytes());
    // Cut short, or not gzip at all.
    assert_eq!(
        gunzip(&gz[..gz.len() / 2], 1 << 20).await,
        Err(Gunzip::Damaged)
    );
    assert_eq!(gunzip(b"not gzip", 1 << 20).await, Err(Gunzip::Damaged));
    // A stream that expands past the limit stops there (a small file cannot fill the tablet).
    let zeros = gzip(&vec![0u8; 4 << 20]).await.unwrap();
    assert!(zeros.len() < 10_000);
    assert_eq!(gunzip(&zeros, 1 << 20).await, Err(Gunzip::TooLarge));
}

/// An import takes each brief from the plan's fold when the plan folded the events stored at
/// the write, and folds again when it did not (another write came in between).
#[wasm_bindgen_test]
async fn an_import_takes_the_plans_fold_only_when_it_folded_what_is_stored() {
    let repo = fresh("planned-briefs").await;
    let events = history::generate(9);
    let whole = complaints::domain::fold_complaints(&events);
    let want: Vec<Brief> = whole.values().map(Brief::of).collect();
    // The plan of another import saw only each record's first event, a stale fold.
    let (first, rest): (Vec<&Event>, Vec<&Event>) = {
        let mut seen = std::collections::BTreeSet::new();
        events.iter().partition(|e| seen.insert(e.record))
    };
    let first: Vec<Event> = first.into_iter().cloned().collect();
    let rest: Vec<Event> = rest.into_iter().cloned().collect();
    let stale: Vec<_> = complaints::domain::fold_complaints(&first)
        .into_values()
        .collect();
    let clock = repo.device_clock().await.unwrap();
    let source = (DeviceId(uuid::Uuid::from_u128(0x6)), &VersionVector::new());
    repo.append(&rest, None).await.unwrap();
    repo.import(&first, &clock, &[], source, "B6", &stale)
        .await
        .unwrap();
    let mut got = repo.briefs().await.unwrap();
    got.sort_by_key(|b| b.id);
    assert_eq!(got, want, "a stale plan's fold is not used");

    // A plan that folded exactly what ends up stored is used as it is.
    let repo = fresh("planned-briefs").await;
    let current: Vec<_> = whole.values().cloned().collect();
    repo.import(&events, &clock, &[], source, "B6", &current)
        .await
        .unwrap();
    let mut got = repo.briefs().await.unwrap();
    got.sort_by_key(|b| b.id);
    assert_eq!(got, want);
    repo.close();
}

#[wasm_bindgen_test]
async fn an_import_remembers_its_source_device_in_its_own_transaction() {
    let repo = fresh("peer-label").await;
    let source = DeviceId(uuid::Uuid::from_u128(0x5));
    let mut vector = VersionVector::new();
    vector.observe(source, 3);
    let clock = repo.device_clock().await.unwrap();
    // A failed import (a full disk) leaves the peer unknown, like its data.
    inject_failure(Some(InjectedFailure::QuotaExceeded));
    assert!(
        repo.import(&[], &clock, &[], (source, &vector), "B5 平板-5", &[])
            .await
            .is_err()
    );
    assert!(repo.peer_labels().await.unwrap().is_empty());
    assert!(repo.peer_vectors().await.unwrap().is_empty());
    // A committed one stores both with the data.
    repo.import(&[], &clock, &[], (source, &vector), "B5 平板-5", &[])
        .await
        .unwrap();
    assert_eq!(
        repo.peer_labels()
            .await
            .unwrap()
            .get(&source)
            .map(String::as_str),
        Some("B5 平板-5")
    );
    assert_eq!(
        repo.peer_vectors().await.unwrap().get(&source),
        Some(&vector)
    );
}

/// In a secure context the browser's WebCrypto seals; where there is none, `sync::crypto` does.
/// Both make the same bytes, and each opens the other's (the file format cannot tell them apart).
/// Also logs how long each takes (this test build is unoptimised; the end-to-end LAN test times
/// the release build's export with the app's 600,000 iterations).
#[wasm_bindgen_test]
async fn webcrypto_and_the_rust_cipher_seal_the_same_bytes() {
    use complaints::sync::EncryptionParams;
    use complaints::sync::crypto::{open, seal};
    use complaints::ui::platform::crypto as webcrypto;
    assert!(
        webcrypto::native_cipher(),
        "the test page is a secure context"
    );
    let aad = br#"{"format":"complaints-bundle"}"#;
    let plain = "重大投诉 · bundle payload".as_bytes();
    for iterations in [1000, 20_000] {
        let params = EncryptionParams {
            iterations,
            salt: (0u8..16).collect(),
            iv: (0xa0u8..0xac).collect(),
        };
        let started = js_sys::Date::now();
        let web = webcrypto::encrypt("口令-2026", &params, aad, plain)
            .await
            .unwrap();
        let web_ms = js_sys::Date::now() - started;
        let started = js_sys::Date::now();
        let rust = seal("口令-2026", &params, aad, plain).unwrap();
        let rust_ms = js_sys::Date::now() - started;
        assert_eq!(web, rust, "{iterations} iterations");
        assert_eq!(open("口令-2026", &params, aad, &web).unwrap(), plain);
        assert_eq!(
            webcrypto::decrypt("口令-2026", &params, aad, &rust)
                .await
                .unwrap(),
            plain
        );
        assert_eq!(open("口令-2027", &params, aad, &web), None);
        console_log!("{iterations} iterations: WebCrypto {web_ms} ms, Rust {rust_ms} ms");
    }
}

#[wasm_bindgen_test]
async fn an_event_edited_in_indexeddb_by_hand_is_reported_by_check_the_history() {
    use complaints::format::seal::BreakKind;
    let name = "test-tamper";
    let repo = fresh(name).await;
    let events = history::sealed(6);
    let clock = history::clock_of(&events, history::device(1));
    repo.append(&events, Some(&clock)).await.unwrap();
    let check = repo.check_history().await.unwrap();
    assert!(check.intact(), "{:?}", check.breaks);
    assert_eq!((check.events, check.sealed, check.devices), (90, 90, 3));
    repo.close();

    // The seventh follow-up note of the first complaint, rewritten in the stored row.
    let record = events[0].record;
    let edited = edit_row(name, &record.to_string(), "第7次跟进", "第7次改写").await;
    assert_eq!(edited.as_bool(), Some(true));
    let repo = Repo::open(name).await.unwrap();
    let check = repo.check_history().await.unwrap();
    let target = events
        .iter()
        .find(|e| {
            matches!(&e.body, EventBody::NoteAdded { text, .. } if text.starts_with("第7次"))
                && e.record == record
        })
        .unwrap();
    assert_eq!(check.breaks.len(), 1, "{:?}", check.breaks);
    let b = check.breaks[0];
    assert_eq!(
        (b.id, b.seq, b.record, b.kind),
        (target.id, target.seq, record, BreakKind::Altered)
    );
    repo.close();
}

#[wasm_bindgen_test]
async fn an_erasure_leaves_no_value_in_any_store_and_an_older_copy_brings_none_back() {
    use complaints::domain::{Actor, NewEvent, PersonId, Role};
    use complaints::format::seal;
    let name = "test-erasure";
    let repo = fresh(name).await;
    let events = history::sealed(3);
    let EventBody::Received { details, .. } = &events[0].body else {
        panic!("the first event is a receipt")
    };
    let who = details.complainant.name.clone().unwrap();
    let record = events[0].record;
    let device = history::device(1);
    let mut clock = history::clock_of(&events, device);
    repo.append(&events, Some(&clock)).await.unwrap();
    // A photo of the complaint and a draft of one of its forms.
    let photo = b"\x89PNG photo of the unit".to_vec();
    let sha = complaints::sync::sha256_hex(&photo);
    let mut evidence = clock.stamp_all(
        vec![NewEvent {
            record,
            actor: Actor::new(PersonId(uuid::Uuid::from_u128(4)), "陈客服", Role::Staff),
            at: events[0].at,
            body: EventBody::EvidenceAdded(complaints::domain::complaint::Evidence {
                kind: complaints::domain::complaint::EvidenceKind::Photo,
                caption: "现场照片".into(),
                blob_sha256: Some(sha.clone()),
            }),
        }],
        vec![],
        None,
        || [3; 10],
    );
    seal::seal_all(&mut clock, &mut evidence, String::new);
    repo.append(&evidence, Some(&clock)).await.unwrap();
    assert_eq!(repo.db().put_blob(photo, "image/png").await.unwrap(), sha);
    repo.db()
        .save_draft(&format!("reply:{record}"), &format!("致{who}的答复"), 0.0)
        .await
        .unwrap();
    assert!(dump_text(name).await.as_string().unwrap().contains(&who));

    let mut erasure = clock.stamp_all(
        vec![NewEvent {
            record,
            actor: Actor::new(PersonId(uuid::Uuid::from_u128(1)), "王组长", Role::Leader),
            at: events[0].at,
            body: EventBody::PersonalDataErased {
                reason: "业主依法要求删除".into(),
            },
        }],
        vec![],
        None,
        || [4; 10],
    );
    seal::seal_all(&mut clock, &mut erasure, String::new);
    repo.append(&erasure, Some(&clock)).await.unwrap();
    let after = dump_text(name).await.as_string().unwrap();
    assert!(!after.contains(&who), "{who} is still stored");
    assert!(
        !after.contains("photo of the unit"),
        "the photo is still stored"
    );
    assert_eq!(
        repo.db()
            .load_draft::<String>(&format!("reply:{record}"))
            .await
            .unwrap(),
        None
    );
    // The chain still verifies; the original events, appended again, change nothing.
    assert!(repo.check_history().await.unwrap().intact());
    let report = repo.append(&events, None).await.unwrap();
    assert_eq!((report.added, report.already_present), (0, events.len()));
    assert!(!dump_text(name).await.as_string().unwrap().contains(&who));
    let c = repo.complaint(record).await.unwrap().unwrap();
    assert!(c.erased && c.details.complainant.name.is_none());
    repo.close();
}

#[wasm_bindgen_test]
async fn the_week_in_the_field_is_stored_and_read_back_as_folded() {
    use complaints::domain::{DeviceCode, RecordId, visits::fold_visits};
    let name = "test-visits";
    let repo = fresh(name).await;
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-02T15:00:00+08:00").unwrap();
    let device = DeviceId(uuid::Uuid::from_u128(77));
    let events = complaints::demo::demo_events(now, device, DeviceCode::parse("DM").unwrap());
    let own: Vec<Event> = events
        .iter()
        .filter(|e| e.record == RecordId::VISITS)
        .cloned()
        .collect();
    assert!(own.len() > 10, "the demo has a week in the field");
    repo.append(&events, None).await.unwrap();
    repo.close();

    let repo = Repo::open(name).await.unwrap();
    let visits = repo.visits().await.unwrap();
    assert_eq!(visits, fold_visits(&own));
    assert_eq!(visits.projects.len(), 1);
    assert_eq!(visits.projects[0].households.len(), 18);
    assert_eq!(visits.plans.len(), 3);
    // Last week's round was made: the coverage counts what was visited.
    let last_week =
        complaints::domain::visits::monday_of(now.date_naive()) - chrono::Duration::days(7);
    let c = visits.coverage(last_week);
    assert!(c.total.planned > 0 && c.total.done > 0 && c.total.met <= c.total.done);
    repo.close();
}

/// A complaint that changes while one of its forms is open (a pull, an import, another command)
/// keeps the form open with what was typed in it; the form sends against the latest complaint.
#[wasm_bindgen_test]
async fn an_open_form_keeps_what_is_typed_when_its_complaint_changes() {
    use chrono::TimeZone;
    use complaints::domain::{DeviceCode, Role, WorkflowState, fold_complaints, fold_roster};
    use complaints::ui::components::actions::ActionPanel;
    use complaints::ui::i18n::LangCtx;
    use complaints::ui::state::{AppState, Load};
    use leptos::prelude::*;

    let now = chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 6, 1, 10, 0, 0)
        .unwrap();
    let events = complaints::demo::demo_events(
        now,
        DeviceId(uuid::Uuid::from_u128(0x77)),
        DeviceCode::parse("W1").unwrap(),
    );
    let received = fold_complaints(&events)
        .into_values()
        .find(|c| c.state == WorkflowState::Received && c.severity.is_none())
        .expect("the demo has a complaint waiting for assessment");
    let roster: Vec<_> = fold_roster(&events).into_values().collect();
    let leader = roster
        .iter()
        .find(|p| p.role == Role::Leader && p.active)
        .unwrap()
        .id;

    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let shown = RwSignal::new(Some(received.clone()));
    let state_slot = StoredValue::new(None::<AppState>);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(LangCtx(RwSignal::new(complaints::domain::Lang::Zh)));
        let state = AppState::provide();
        state_slot.set_value(Some(state));
        view! { <ActionPanel complaint=shown/> }
    });
    let state = state_slot.get_value().unwrap();
    for _ in 0..100 {
        if state.load.get_untracked() == Load::Ready {
            break;
        }
        settle(20).await;
    }
    state.roster.set(roster);
    state.user.set(Some(leader));
    state.now.set(now);
    settle(20).await;

    let find = |css: &str| host.query_selector(css).unwrap();
    let click = |css: &str| {
        find(css)
            .unwrap_or_else(|| panic!("{css} is shown"))
            .unchecked_into::<web_sys::HtmlElement>()
            .click()
    };
    click("#actions button[data-command='Assess']");
    settle(20).await;
    click("#c_safety");
    let reason: web_sys::HtmlInputElement = find("#override_reason").unwrap().unchecked_into();
    reason.set_value("业主已报警");
    reason
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    settle(20).await;

    // The complaint changes under the open form.
    let mut changed = received.clone();
    changed.event_count += 1;
    changed.details.description.push_str("（补充）");
    shown.set(Some(changed));
    settle(50).await;

    assert!(find("#form-Assess").is_some(), "the form is still open");
    let ticked: web_sys::HtmlInputElement = find("#c_safety").unwrap().unchecked_into();
    assert!(ticked.checked(), "the ticked criterion is kept");
    let reason: web_sys::HtmlInputElement = find("#override_reason").unwrap().unchecked_into();
    assert_eq!(reason.value(), "业主已报警", "what was typed is kept");
    assert!(
        find("#suggested-level")
            .unwrap()
            .text_content()
            .unwrap()
            .contains("重大"),
        "the suggestion still follows the ticks"
    );

    drop(handle);
    host.remove();
}
