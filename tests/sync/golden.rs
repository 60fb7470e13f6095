//! Golden files: data written by earlier versions, kept under `tests/golden/`, must load
//! unchanged in every later version. If one of these tests fails, the stored or file format
//! changed: add a migration rather than editing the golden file.

use complaints::domain::{Event, fold_complaints};
use complaints::format::WireEvent;
use complaints::format::stored::{StoredClock, decode_events, decode_events_v1, encode_events};
use complaints::sync::read_bundle;
use serde_json::Value;

/// A plain full bundle written by the first release: the demo's 50 complaints and roster, and
/// one event of every kind.
const BUNDLE_V1: &str = include_str!("../golden/bundle-v1.json");
/// The same events as the first release stored them in IndexedDB (the domain types' serde).
const EVENTS_V1: &str = include_str!("../golden/events-serde-v1.json");
/// The demo database as the first release wrote it in Chromium, store by store.
const IDB_V1: &str = include_str!("../golden/idb-v1.json");

fn bundle_events() -> Vec<Event> {
    read_bundle(BUNDLE_V1)
        .expect("the first release's bundle reads")
        .events
}

#[test]
fn the_first_releases_bundle_reads_with_every_event() {
    let file: Value = serde_json::from_str(BUNDLE_V1).unwrap();
    let events = bundle_events();
    assert_eq!(
        events.len() as u64,
        file["counts"]["events"].as_u64().unwrap()
    );
    let kinds: std::collections::BTreeSet<&str> =
        events.iter().map(|e| e.body.kind_name()).collect();
    // Every kind the first release knew is in the file; kinds added since are not.
    const ADDED_SINCE: [&str; 13] = [
        "referrer_replied",
        "forwarded_to_manager",
        "reported_to_command",
        "drill_logged",
        "training_logged",
        "plan_document_revised",
        "ledger_signed",
        "project_set",
        "visit_planned",
        "visit_plan_ended",
        "visit_recorded",
        "visit_linked",
        "defect_recorded",
    ];
    let known: std::collections::BTreeSet<&str> = complaints::format::EVENT_KINDS
        .iter()
        .copied()
        .filter(|k| !ADDED_SINCE.contains(k))
        .collect();
    assert_eq!(
        kinds, known,
        "every event kind of the first release is in the file"
    );
    assert!(fold_complaints(&events).len() >= 40);
}

#[test]
fn events_written_again_are_what_the_first_release_wrote() {
    // The format is pinned: reading and writing an event gives the same JSON value.
    let file: Value = serde_json::from_str(BUNDLE_V1).unwrap();
    let payload: Value = serde_json::from_str(file["payload"].as_str().unwrap()).unwrap();
    let written: Vec<Value> = bundle_events()
        .iter()
        .map(|e| serde_json::to_value(WireEvent::from(e)).unwrap())
        .collect();
    assert_eq!(&Value::Array(written), &payload["events"]);
}

#[test]
fn events_the_first_release_stored_read_and_write_back_in_the_file_format() {
    let stored = decode_events_v1(EVENTS_V1).expect("data version 1 events read");
    assert_eq!(stored, bundle_events());
    let again = decode_events(&encode_events(&stored)).unwrap();
    assert_eq!(again, stored);
}

#[test]
fn every_row_of_the_first_releases_database_reads() {
    let dump: Value = serde_json::from_str(IDB_V1).unwrap();
    let stores = &dump["stores"];
    let mut events = 0;
    for row in stores["records"]["rows"].as_array().unwrap() {
        let decoded =
            decode_events_v1(row["events"].as_str().unwrap()).expect("a v1 record row reads");
        assert!(!decoded.is_empty());
        assert!(
            decoded
                .iter()
                .all(|e| e.record.to_string() == row["id"].as_str().unwrap())
        );
        events += decoded.len();
    }
    assert_eq!(events, 482, "the demo database holds its histories");
    let meta = |key: &str| {
        stores["meta"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .map(|r| r["json"].as_str().unwrap().to_string())
    };
    let vv: complaints::format::WireVersionVector =
        serde_json::from_str(&meta("version_vector").expect("a version vector")).unwrap();
    assert!(!vv.is_empty());
    if let Some(clock) = meta("clock") {
        serde_json::from_str::<StoredClock>(&clock)
            .unwrap()
            .into_domain()
            .expect("the stored clock reads");
    }
}

/// Every key path in a JSON value, with array items as `[]`.
fn key_paths(v: &Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}.{k}");
                out.insert(p.clone());
                key_paths(x, &p, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                key_paths(x, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_cached_views_keep_the_shape_their_version_names() {
    // The views in IndexedDB are caches in the domain types' own shape. When that shape
    // changes, raise `storage::repo::VIEWS_VERSION` (every device then rebuilds its views from
    // the events) and write this file again with `UPDATE_GOLDEN=1 cargo test --test sync golden`.
    let events = bundle_events();
    let mut paths = std::collections::BTreeSet::new();
    let briefs: Vec<_> = fold_complaints(&events)
        .values()
        .map(complaints::domain::Brief::of)
        .collect();
    for brief in &briefs {
        key_paths(&serde_json::to_value(brief).unwrap(), "brief", &mut paths);
    }
    // The briefs are kept as postcard bytes, where fields have no names: their order and types
    // are the shape. The digest of these briefs' bytes pins it (and what a brief is made of).
    let bytes = postcard::to_allocvec(&briefs).unwrap();
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    paths.insert(format!("briefs as postcard bytes: sha256 {digest}"));
    let person = events
        .iter()
        .find(|e| e.body.record_kind() == complaints::domain::event::RecordKind::Person)
        .map(|e| e.record);
    let people: Vec<&Event> = events.iter().filter(|e| Some(e.record) == person).collect();
    if let Some(p) = complaints::domain::fold_person(people) {
        key_paths(&serde_json::to_value(&p).unwrap(), "person", &mut paths);
    }
    // The settings are not cached: they are folded from their record when read.
    let version = complaints::storage::repo::VIEWS_VERSION;
    let text = format!(
        "# views version {version}\n{}\n",
        paths.into_iter().collect::<Vec<_>>().join("\n")
    );
    let path = format!(
        "{}/tests/golden/views-shape.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let pinned = std::fs::read_to_string(&path).expect("tests/golden/views-shape.txt");
    assert!(
        pinned == text,
        "the views' shape changed: raise VIEWS_VERSION and run UPDATE_GOLDEN=1 cargo test --test sync golden"
    );
}
