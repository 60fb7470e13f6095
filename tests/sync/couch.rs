//! Live replication with a CouchDB server, natively: the documents, requests and answers of
//! `sync::couch` against a model of CouchDB's replication endpoints (`_changes`, `_revs_diff`,
//! `_bulk_docs` with `new_edits: false`), and a property: devices that edit offline, sync with
//! the server (sometimes cut off part way) and swap files in any order all converge, and the
//! server holds each event once. The browser's run of the same steps is in `tests/e2e`.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{Device, LATEST_MS, Rng, base_time, derived, one_of_every_kind};
use complaints::domain::{DeviceId, Lang};
use complaints::domain::{EventBody, EventId, VersionVector};
use complaints::sync::couch::{
    self, Checkpoint, CouchError, PULL_BATCH, Server, blob_doc, bundle_of, check_bulk_docs,
    check_database, classify, event_doc, missing_ids, read_changes, read_checkpoint,
};
use complaints::sync::{Blob, EventLog, Here, plan_import};
use complaints::ui::i18n::Message;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

/// A stored document: every revision, the body, the update sequence of its last write.
type Stored = (Vec<String>, Value, u64);

/// CouchDB's replication endpoints over a map, as the protocol describes them.
#[derive(Default)]
struct Model {
    /// id → the document.
    docs: BTreeMap<String, Stored>,
    locals: BTreeMap<String, Value>,
    seq: u64,
}

impl Model {
    fn changes(&self, since: u64, limit: usize) -> String {
        let mut rows: Vec<(&String, &Stored)> =
            self.docs.iter().filter(|(_, d)| d.2 > since).collect();
        rows.sort_by_key(|(_, d)| d.2);
        let pending = rows.len().saturating_sub(limit);
        rows.truncate(limit);
        let last = rows.last().map_or(since, |(_, d)| d.2);
        json!({
            "results": rows.iter().map(|(id, (revs, body, seq))| json!({
                "id": id, "seq": seq, "changes": [{"rev": revs[0]}], "doc": body
            })).collect::<Vec<_>>(),
            "last_seq": last,
            "pending": pending,
        })
        .to_string()
    }

    fn revs_diff(&self, request: &str) -> String {
        let asked: BTreeMap<String, Vec<String>> = serde_json::from_str(request).unwrap();
        let mut out = serde_json::Map::new();
        for (id, revs) in asked {
            let missing: Vec<String> = revs
                .into_iter()
                .filter(|r| !self.docs.get(&id).is_some_and(|d| d.0.contains(r)))
                .collect();
            if !missing.is_empty() {
                out.insert(id, json!({ "missing": missing }));
            }
        }
        Value::Object(out).to_string()
    }

    fn bulk_docs(&mut self, request: &str) -> String {
        let req: Value = serde_json::from_str(request).unwrap();
        assert_eq!(req["new_edits"], false);
        let mut out = Vec::new();
        for doc in req["docs"].as_array().unwrap() {
            let id = doc["_id"].as_str().unwrap().to_string();
            let rev = doc["_rev"].as_str().unwrap().to_string();
            self.seq += 1;
            let seq = self.seq;
            let entry = self
                .docs
                .entry(id.clone())
                .or_insert_with(|| (Vec::new(), doc.clone(), seq));
            if !entry.0.contains(&rev) {
                entry.0.push(rev.clone());
                entry.2 = seq;
            }
            out.push(json!({ "id": id, "rev": rev }));
        }
        Value::Array(out).to_string()
    }
}

/// One device's replication, step for step as `ui::replicate` runs it; `cut_after` push
/// batches, the connection drops.
fn replicate(
    dev: &mut Device,
    model: &mut Model,
    server: &Server,
    batch: usize,
    cut_after: Option<usize>,
) -> Result<(), TestCaseError> {
    let key = couch::checkpoint_path(dev.id());
    let mut cp = model
        .locals
        .get(&key)
        .map(|v| read_checkpoint(&v.to_string()))
        .unwrap_or_default();
    loop {
        let since = cp.pulled.as_ref().and_then(Value::as_u64).unwrap_or(0);
        let changes = read_changes(&model.changes(since, batch))
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let (rows, last, pending) = (changes.rows, changes.last_seq.clone(), changes.pending);
        if rows == 0 {
            break;
        }
        let bundle = bundle_of(server, changes, base_time())
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let plan = plan_import(&dev.log, bundle, &Here::new(dev.id(), LATEST_MS))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        dev.log.apply(&plan);
        cp.pulled = Some(last);
        model.locals.insert(
            key.clone(),
            serde_json::from_str(&couch::checkpoint_body(dev.id(), &cp)).unwrap(),
        );
        if pending == Some(0) {
            break;
        }
    }
    let held = complaints::sync::Holdings::version_vector(&dev.log);
    let docs: Vec<couch::Doc> = dev
        .log
        .events()
        .filter(|e| !cp.pushed.covers(e.device, e.seq))
        .map(event_doc)
        .collect();
    for (n, chunk) in docs.chunks(batch).enumerate() {
        if cut_after == Some(n) {
            return Ok(());
        }
        let missing = missing_ids(&model.revs_diff(&couch::revs_diff_request(chunk))).unwrap();
        let send: Vec<&couch::Doc> = chunk.iter().filter(|d| missing.contains(&d.id)).collect();
        if !send.is_empty() {
            check_bulk_docs(&model.bulk_docs(&couch::bulk_docs_request(&send))).unwrap();
        }
    }
    cp.pushed = held;
    model.locals.insert(
        key,
        serde_json::from_str(&couch::checkpoint_body(dev.id(), &cp)).unwrap(),
    );
    Ok(())
}

fn server() -> Server {
    Server::new("http://127.0.0.1:5984/", "complaints_acme").unwrap()
}

fn ids(log: &EventLog) -> BTreeSet<EventId> {
    log.events().map(|e| e.id).collect()
}

/// One history; `Err` names the first broken guarantee.
fn history(devices: usize, seed: u64, steps: usize) -> Result<(), TestCaseError> {
    let mut r = Rng::new(seed);
    let mut devs: Vec<Device> = (0..devices).map(|i| Device::new(i, &mut r)).collect();
    let mut model = Model::default();
    let server = server();
    let mut created: BTreeSet<EventId> = BTreeSet::new();
    let mut now: u64 = 0;
    // The last device only ever syncs by file.
    let file_only = devices - 1;
    for _ in 0..steps {
        now += 1000 + r.below(120_000) as u64;
        match r.below(10) {
            0..=4 => {
                let d = r.below(devices);
                created.insert(devs[d].edit(&mut r, now));
            }
            5..=7 => {
                let d = r.below(file_only);
                let batch = 1 + r.below(4);
                let cut = r.chance(30).then(|| r.below(3));
                replicate(&mut devs[d], &mut model, &server, batch, cut)?;
            }
            _ => {
                let from = r.below(devices);
                let to = (from + 1 + r.below(devices - 1)) % devices;
                let text = devs[from].export_full(&mut r);
                devs[to]
                    .import(&text, now)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
        }
    }
    // The file-only device swaps files with device 0; everyone else syncs twice.
    let text = devs[file_only].export_full(&mut r);
    devs[0]
        .import(&text, now)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for _ in 0..2 {
        for dev in devs.iter_mut().take(file_only) {
            replicate(dev, &mut model, &server, PULL_BATCH, None)?;
        }
    }
    let text = devs[0].export_full(&mut r);
    devs[file_only]
        .import(&text, now)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let reference = derived(&devs[0].log);
    prop_assert_eq!(ids(&devs[0].log), created.clone(), "an event was lost");
    for dev in &devs[1..] {
        prop_assert_eq!(ids(&dev.log), created.clone());
        prop_assert!(derived(&dev.log) == reference, "the records differ");
    }
    // The server holds every event once, each with one revision.
    prop_assert_eq!(model.docs.len(), created.len());
    prop_assert!(
        model.docs.values().all(|d| d.0.len() == 1),
        "a second revision"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn devices_syncing_with_a_server_and_by_file_converge(seed in any::<u64>(), devices in 3usize..6, steps in 4usize..40) {
        history(devices, seed, steps)?;
    }
}

#[test]
fn every_kind_of_event_and_an_attachment_round_trip_through_documents() {
    let events = one_of_every_kind(&mut Rng::new(7));
    let blob = Blob {
        sha256: complaints::sync::sha256_hex(b"photo"),
        mime: "image/jpeg".into(),
        bytes: b"photo".to_vec(),
    };
    let mut docs: Vec<couch::Doc> = vec![blob_doc(&blob)];
    docs.extend(events.iter().map(event_doc));
    let mut model = Model::default();
    let refs: Vec<&couch::Doc> = docs.iter().collect();
    check_bulk_docs(&model.bulk_docs(&couch::bulk_docs_request(&refs))).unwrap();
    // Each event's revision is its content hash: the same event always gives the same one.
    let again = event_doc(&events[0]);
    assert_eq!(again.rev, docs[1].rev);
    assert!(
        again.rev.starts_with("1-") && again.rev.len() == 34,
        "{}",
        again.rev
    );
    // Nothing is missing once stored.
    assert!(
        missing_ids(&model.revs_diff(&couch::revs_diff_request(&docs)))
            .unwrap()
            .is_empty()
    );
    let changes = read_changes(&model.changes(0, 10_000)).unwrap();
    assert_eq!(changes.rows, docs.len());
    let bundle = bundle_of(&server(), changes, base_time()).unwrap();
    let mut got = bundle.events.clone();
    got.sort_by_key(|e| e.id);
    let mut want = events.clone();
    want.sort_by_key(|e| e.id);
    assert_eq!(got, want);
    assert_eq!(bundle.blobs, vec![blob]);
}

#[test]
fn a_server_document_that_differs_from_a_held_event_is_refused_and_nothing_is_written() {
    let events = one_of_every_kind(&mut Rng::new(11));
    let mut log = EventLog::new();
    for e in &events {
        log.insert(e.clone());
    }
    let at = events
        .iter()
        .position(|e| matches!(e.body, EventBody::NoteAdded { .. }))
        .unwrap();
    let mut changed = events[at].clone();
    if let EventBody::NoteAdded { text, .. } = &mut changed.body {
        text.push_str("（服务器上被改过）");
    }
    let mut model = Model::default();
    let doc = event_doc(&changed);
    model.bulk_docs(&couch::bulk_docs_request(&[&doc]));
    let bundle = bundle_of(
        &server(),
        read_changes(&model.changes(0, 100)).unwrap(),
        base_time(),
    )
    .unwrap();
    let before = log.clone();
    let here = Here::new(DeviceId(uuid::Uuid::from_u128(0xb0b)), LATEST_MS);
    let err = plan_import(&log, bundle, &here).unwrap_err();
    assert_eq!(
        err,
        complaints::sync::BundleError::ConflictingEvent { id: changed.id }
    );
    assert_eq!(log, before);
    let said = CouchError::Conflict {
        id: changed.id.to_string(),
    };
    assert!(said.message(Lang::Zh).contains(&changed.id.to_string()));
    assert!(said.message(Lang::En).contains("differs"));
}

#[test]
fn documents_that_are_not_this_app_s_are_refused_and_deletions_and_design_documents_passed_over() {
    let e = &one_of_every_kind(&mut Rng::new(3))[0];
    let doc = serde_json::to_value(complaints::format::WireEvent::from(e)).unwrap();
    let changes = |rows: Value| json!({ "results": rows, "last_seq": 9 }).to_string();
    // An event under another id.
    let wrong_id = changes(json!([{ "id": "x", "doc": { "_id": "x", "event": doc } }]));
    assert!(matches!(
        read_changes(&wrong_id),
        Err(CouchError::Refused(
            complaints::sync::BundleError::BadEvent { index: 1, .. }
        ))
    ));
    // Something else entirely.
    let other = changes(json!([{ "id": "note", "doc": { "_id": "note", "text": "hi" } }]));
    let refused = read_changes(&other).unwrap_err();
    assert!(
        refused.message(Lang::En).contains("not an event"),
        "{}",
        refused.message(Lang::En)
    );
    // A deletion and a design document carry nothing.
    let skipped = changes(json!([
        { "id": "gone", "deleted": true, "doc": { "_id": "gone", "_deleted": true } },
        { "id": "_design/x", "doc": { "_id": "_design/x", "views": {} } },
    ]));
    let read = read_changes(&skipped).unwrap();
    assert_eq!((read.rows, read.events.len(), read.blobs.len()), (2, 0, 0));
    assert_eq!(read.last_seq, json!(9));
    // Not a changes feed at all.
    assert_eq!(read_changes("<html>").err(), Some(CouchError::NotCouch));
}

#[test]
fn addresses_names_answers_and_checkpoints() {
    assert_eq!(
        Server::new("ftp://x", "a").unwrap_err(),
        CouchError::BadAddress
    );
    assert_eq!(
        Server::new("http://", "a").unwrap_err(),
        CouchError::BadAddress
    );
    assert_eq!(
        Server::new("http://h:5984", "Acme").unwrap_err(),
        CouchError::BadDatabase
    );
    assert_eq!(
        Server::new("http://h:5984", "").unwrap_err(),
        CouchError::BadDatabase
    );
    let s = Server::new(" https://h:6984/ ", "acme/complaints").unwrap();
    assert_eq!(
        s.at("/_changes"),
        "https://h:6984/acme%2Fcomplaints/_changes"
    );
    assert_ne!(s.source().id, server().source().id);
    // Statuses as CouchDB answers them.
    assert_eq!(
        classify(401, r#"{"error":"unauthorized"}"#),
        CouchError::Unauthorized
    );
    assert_eq!(classify(403, ""), CouchError::Forbidden);
    assert_eq!(
        classify(404, r#"{"error":"not_found"}"#),
        CouchError::NoDatabase
    );
    assert_eq!(
        classify(500, r#"{"error":"unknown_error","reason":"disk full"}"#),
        CouchError::Server {
            status: 500,
            reason: "unknown_error: disk full".into()
        }
    );
    assert!(check_database(r#"{"db_name":"acme","update_seq":"3-g1AAAA"}"#).is_ok());
    assert_eq!(check_database("<!doctype html>"), Err(CouchError::NotCouch));
    assert_eq!(check_database(r#"{"ok":true}"#), Err(CouchError::NotCouch));
    // A document refused inside a bulk answer.
    assert!(check_bulk_docs(r#"[{"id":"a","rev":"1-x"}]"#).is_ok());
    assert!(matches!(
        check_bulk_docs(r#"[{"id":"a","error":"forbidden","reason":"no"}]"#),
        Err(CouchError::Server { .. })
    ));
    // An opaque sequence (CouchDB 3) is sent back as it came, escaped.
    assert!(couch::changes_path(Some(&json!("12-g1A+/x"))).ends_with("since=12-g1A%2B%2Fx"));
    assert!(couch::changes_path(None).ends_with("since=0"));
    // A checkpoint round-trips; an unreadable one starts over.
    let mut pushed = VersionVector::new();
    pushed.observe(DeviceId(uuid::Uuid::from_u128(5)), 42);
    let device = DeviceId(uuid::Uuid::from_u128(9));
    let cp = Checkpoint {
        rev: Some("0-3".into()),
        pulled: Some(json!("7-abc")),
        pushed,
    };
    let back = read_checkpoint(&couch::checkpoint_body(device, &cp));
    assert_eq!(back, cp);
    assert_eq!(read_checkpoint("nonsense"), Checkpoint::default());
    assert_eq!(couch::basic_auth("", "x"), None);
    assert_eq!(couch::basic_auth("a", "b").as_deref(), Some("Basic YTpi"));
}
