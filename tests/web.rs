//! Browser tests (wasm-bindgen-test in headless Chromium): storage against real IndexedDB and
//! the shell's components in a real DOM. Run by `scripts/test.sh`.
#![cfg(target_arch = "wasm32")]

#[path = "support/history.rs"]
mod history;

use complaints::domain::{Event, EventBody, VersionVector};
use complaints::storage::db::{Db, stores};
use complaints::storage::repo::{InjectedFailure, inject_failure};
use complaints::storage::{Repo, StorageError, prefs};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
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
    let row = Row { key: "k".into(), json: "{\"名字\":\"张三\"}".into() };
    db.put_all(stores::DRAFTS, &[row.clone()]).await.unwrap();
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
    assert_eq!((report.added, report.already_present, report.records), (90, 0, 6));
    repo.close();

    let repo = Repo::open(name).await.unwrap();
    let complaints = repo.complaints().await.unwrap();
    assert_eq!(complaints.len(), 6);
    let mut all = repo.all_events().await.unwrap();
    all.sort_by_key(|e| e.id);
    let mut want = events.clone();
    want.sort_by_key(|e| e.id);
    assert_eq!(all, want, "every event comes back exactly");
    assert_eq!(repo.clock().await.unwrap(), Some(clock), "the clock is written with the events");
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
    assert_eq!((again.added, again.already_present, again.records), (0, 45, 0));
    assert_eq!(repo.complaints().await.unwrap(), before);
    repo.close();
}

#[wasm_bindgen_test]
async fn a_known_id_with_other_content_refuses_the_whole_batch() {
    let repo = fresh("test-mismatch").await;
    let events = history::generate(2);
    repo.append(&events[..15], None).await.unwrap();
    let mut tampered = events[3].clone();
    tampered.body = EventBody::NoteAdded { text: "改过的内容".into() };
    // The batch holds a new complaint too; none of it may land.
    let mut batch: Vec<Event> = events[15..].to_vec();
    batch.push(tampered.clone());
    let err = repo.append(&batch, None).await.unwrap_err();
    assert_eq!(err, StorageError::EventMismatch(tampered.id));
    assert!(err.message(complaints::domain::Lang::Zh).contains("内容不同"));
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
    assert!(err.message(complaints::domain::Lang::Zh).contains("存储空间不足"));
    assert!(err.message(complaints::domain::Lang::En).contains("out of storage space"));

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
    let quota = web_sys::DomException::new_with_message_and_name("disk full", "QuotaExceededError").unwrap();
    assert_eq!(StorageError::from_js(&quota), StorageError::QuotaExceeded);
    let other = web_sys::DomException::new_with_message_and_name("nope", "DataError").unwrap();
    assert_eq!(StorageError::from_js(&other), StorageError::Failed("DataError: nope".into()));
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
    let mut incremental = repo.complaints().await.unwrap();
    let vv = repo.version_vector().await.unwrap();

    // Corrupt one view row, then read: the list is rebuilt from the events.
    let broken = Row { key: "x".into(), json: "not json".into() };
    let id = incremental[0].id.to_string();
    repo.db()
        .put_all(stores::COMPLAINTS, &[serde_json::json!({ "id": id, "json": broken.json })])
        .await
        .unwrap();
    assert!(matches!(repo.complaints().await, Err(StorageError::Corrupt(_))));
    let mut rebuilt = repo.complaints_or_rebuild().await.unwrap();
    incremental.sort_by_key(|c| c.id);
    rebuilt.sort_by_key(|c| c.id);
    assert_eq!(rebuilt, incremental);
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
    let mut want: Vec<&Event> = events.iter().filter(|e| !peer.covers(e.device, e.seq)).collect();
    want.sort_by_key(|e| e.id);
    let got: Vec<&Event> = missing.iter().collect();
    assert_eq!(got, want);
    assert_eq!(missing.len(), 180 - 20 - 60);
    assert!(repo.events_missing_from(&repo.version_vector().await.unwrap()).await.unwrap().is_empty());
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
    assert_eq!((named.device, named.label.as_str(), named.needs_setup()), (first.device, "平板-3", false));
    repo.close();

    let repo = Repo::open(name).await.unwrap();
    assert_eq!(repo.identity().await.unwrap(), named, "the identity survives reopening");
    complaints::storage::identity::wipe(repo, name).await.unwrap();
    let repo = Repo::open(name).await.unwrap();
    assert_ne!(repo.identity().await.unwrap().device, first.device, "a wipe mints a new id");
    repo.close();
}

#[wasm_bindgen_test]
async fn a_draft_survives_reopening_until_cleared() {
    let name = "test-drafts";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    let draft = serde_json::json!({ "name": "王芳", "description": "<img src=x onerror=alert(1)>" });
    db.save_draft("new_complaint", &draft, 1.0).await.unwrap();
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(db.load_draft::<serde_json::Value>("new_complaint").await.unwrap(), Some(draft));
    db.clear_draft("new_complaint").await.unwrap();
    assert_eq!(db.load_draft::<serde_json::Value>("new_complaint").await.unwrap(), None);
    db.close();
}

#[wasm_bindgen_test]
async fn the_shell_renders_in_chinese_and_switches_to_english() {
    prefs::set_language("zh");
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), complaints::ui::App);
    settle(50).await;

    let nav = host.query_selector("nav.nav").unwrap().expect("navigation is rendered");
    let text = nav.text_content().unwrap();
    for label in ["总览", "投诉列表", "新建投诉", "同步", "设置"] {
        assert!(text.contains(label), "nav lacks {label}: {text}");
    }
    assert_eq!(document.document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));

    let switch: web_sys::HtmlElement =
        host.query_selector("#lang-switch").unwrap().unwrap().unchecked_into();
    switch.click();
    settle(50).await;
    let text = nav.text_content().unwrap();
    assert!(text.contains("Dashboard") && text.contains("Settings"), "{text}");
    assert_eq!(prefs::language().as_deref(), Some("en"), "the choice is remembered");
    assert_eq!(document.document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));

    drop(handle);
    host.remove();
    prefs::set_language("zh");
}
