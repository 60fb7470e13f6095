//! Browser tests (wasm-bindgen-test in headless Chromium): storage against real IndexedDB and
//! the shell's components in a real DOM. Run by `scripts/test.sh`.
#![cfg(target_arch = "wasm32")]

use complaints::storage::db::{Db, stores};
use complaints::storage::prefs;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Row {
    id: String,
    device: String,
    seq: u32,
    kind: String,
    data: serde_json::Value,
}

fn row(id: &str, seq: u32) -> Row {
    Row {
        id: id.into(),
        device: "dev-a".into(),
        seq,
        kind: "complaint_received".into(),
        data: serde_json::json!({ "name": "张三", "unit": "3-2-1201", "phone": "13800138000" }),
    }
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

#[wasm_bindgen_test]
async fn a_record_written_to_indexeddb_reads_back_after_reopening() {
    let name = "test-roundtrip";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    db.put_all(stores::EVENTS, &[row("e1", 1), row("e2", 2)])
        .await
        .unwrap();
    db.close();

    let db = Db::open(name).await.unwrap();
    let back: Option<Row> = db.get(stores::EVENTS, "e1").await.unwrap();
    assert_eq!(back, Some(row("e1", 1)));
    assert_eq!(db.count(stores::EVENTS).await.unwrap(), 2);
    let missing: Option<Row> = db.get(stores::EVENTS, "nope").await.unwrap();
    assert_eq!(missing, None);
    db.close();
    Db::delete(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_nothing_behind() {
    let name = "test-atomic";
    Db::delete(name).await.unwrap();
    let db = Db::open(name).await.unwrap();
    // Two different events claiming the same (device, seq) break the unique index: the whole
    // write must roll back, including the first row.
    let result = db
        .put_all(stores::EVENTS, &[row("e1", 1), row("e2", 1)])
        .await;
    assert!(
        result.is_err(),
        "the duplicate (device, seq) must be refused"
    );
    assert_eq!(db.count(stores::EVENTS).await.unwrap(), 0);
    db.close();
    Db::delete(name).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_shell_renders_in_chinese_and_switches_to_english() {
    prefs::set_language("zh");
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
    prefs::set_language("zh");
}
