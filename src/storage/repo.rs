//! Events and the views folded from them, with the one write path.
//!
//! Layout: one `records` row per record (complaint, person, settings) holding all its events as
//! one JSON string. Appending 150,000 events for 10,000 complaints is then about 10,000 puts,
//! not 150,000, and folding a record needs one read. Views (`complaints`, `roster`, the settings
//! in `meta`) are caches of `domain`'s fold, written in the same transaction as the events, and
//! [`Repo::rebuild_views`] recomputes them from the events alone.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

use futures::future::try_join_all;
use rexie::{KeyRange, TransactionMode};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

use super::StorageError;
use super::db::{BY_DEVICE_MAX, Db, committed, from_js, stores, to_js};
use crate::domain::event::RecordKind;
use crate::domain::{
    Brief, Complaint, DeviceClock, DeviceId, Event, Person, RecordId, Settings, VersionVector,
    fold_complaint, fold_person, fold_settings,
};
use crate::format::WireVersionVector;
use crate::format::seal::{self, content_hash};
use crate::format::stored::{
    StoredClock, StoredGaps, StoredPeerLabels, StoredPeerVectors, decode_events, decode_events_v1,
    encode_events, vector_from_stored, vector_to_stored,
};

/// A `records` row.
#[derive(Serialize, Deserialize)]
struct RecordRow {
    id: String,
    kind: String,
    /// The record's events in fold order, as a JSON array in the file format
    /// ([`crate::format::stored`]).
    events: EventsText,
    /// `"<device>:<highest seq, 20 digits>"` per device with events here (multi-entry index).
    dev_max: Vec<String>,
}

/// A record's events as JSON text, kept as its UTF-8 bytes (a `Uint8Array`): IndexedDB
/// writes and reads bytes as they are, where text with any Chinese in it is kept as two bytes
/// a character, and the app hands bytes over without converting them. Rows written as text
/// (before) read as well.
struct EventsText(String);

impl std::ops::Deref for EventsText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for EventsText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0.as_bytes())
    }
}

impl<'de> Deserialize<'de> for EventsText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = EventsText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the events as UTF-8 bytes or text")
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<EventsText, E> {
                String::from_utf8(v)
                    .map(EventsText)
                    .map_err(|_| E::custom("the events are not UTF-8"))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<EventsText, E> {
                self.visit_byte_buf(v.to_vec())
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<EventsText, E> {
                Ok(EventsText(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EventsText, E> {
                Ok(EventsText(v.to_owned()))
            }
        }
        d.deserialize_any(Text)
    }
}

/// A view row: the folded value as JSON, keyed by record id.
#[derive(Serialize, Deserialize)]
struct ViewRow {
    id: String,
    json: String,
}

/// A `meta` row.
#[derive(Serialize, Deserialize)]
struct MetaRow {
    key: String,
    json: String,
}

/// Names of `meta` rows.
pub(super) mod meta {
    pub const VERSION_VECTOR: &str = "version_vector";
    pub const CLOCK: &str = "clock";
    pub const PEERS: &str = "peer_vectors";
    /// The settings view views versions before 9 kept; a rebuild deletes it.
    pub const OLD_SETTINGS_VIEW: &str = "settings_view";
    pub const DATA_VERSION: &str = "data_version";
    pub const GAPS: &str = "seqs_past_gaps";
    pub const PEER_LABELS: &str = "peer_labels";
    pub const VIEWS_VERSION: &str = "views_version";
}

/// The record-level data version. Migrations after opening run when the stored one is older.
///
/// - 1: the first release; events in the domain types' serde shape.
/// - 2: events in the file format ([`crate::format::stored`]); every row is rewritten.
pub const DATA_VERSION: u32 = 2;

/// The shape of the cached views (`briefs`, `roster`, the settings view). They are caches
/// of the fold in the domain types' own shape; when that shape changes, raise this number and
/// every device rebuilds its views from the events on its next open. `tests/golden/` pins the
/// shape, so a change that forgets to raise it fails a test. Version 10 keeps the briefs as
/// postcard bytes, where their order of fields is the shape.
pub const VIEWS_VERSION: u32 = 10;

/// What an append did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AppendReport {
    /// Events that were new here and are now stored.
    pub added: usize,
    /// Events that were already stored with the same content (no-ops).
    pub already_present: usize,
    /// Records whose events changed.
    pub records: usize,
}

/// A failure to inject into the next write, to test the failure paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InjectedFailure {
    /// Abort the transaction after all its puts, as a full disk does, and report the quota.
    QuotaExceeded,
}

thread_local! {
    static INJECTED: Cell<Option<InjectedFailure>> = const { Cell::new(None) };
}

/// Makes the next write fail as `failure` would, after it has issued its puts.
#[doc(hidden)]
pub fn inject_failure(failure: Option<InjectedFailure>) {
    INJECTED.with(|cell| cell.set(failure));
}

fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Complaint => "complaint",
        RecordKind::Person => "person",
        RecordKind::Settings => "settings",
        RecordKind::Ledger => "ledger",
        RecordKind::Visits => "visits",
        RecordKind::PlanDocument => "plan_document",
    }
}

fn dev_max(events: &[Event]) -> Vec<String> {
    let mut max: BTreeMap<DeviceId, u64> = BTreeMap::new();
    for e in events {
        let seq = max.entry(e.device).or_default();
        *seq = (*seq).max(e.seq);
    }
    max.into_iter().map(|(d, s)| device_key(d, s)).collect()
}

fn device_key(device: DeviceId, seq: u64) -> String {
    format!("{device}:{seq:020}")
}

fn json<T: Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, StorageError> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn parse_events(text: &str) -> Result<Vec<Event>, StorageError> {
    decode_events(text).map_err(|e| StorageError::Corrupt(e.0))
}

fn parse_vector(text: &str) -> Result<VersionVector, StorageError> {
    parse::<WireVersionVector>(text).map(|v| vector_from_stored(&v))
}

fn parse_gaps(text: &str) -> Result<Gaps, StorageError> {
    let stored: StoredGaps = parse(text)?;
    Ok(crate::domain::order::map(
        stored.into_iter().map(|(d, s)| (DeviceId(d), s)),
    ))
}

fn gaps_json(gaps: &Gaps) -> Result<String, StorageError> {
    let stored: StoredGaps = crate::domain::order::map(gaps.iter().map(|(d, s)| (d.0, s.clone())));
    json(&stored)
}

fn parse_peers(text: &str) -> Result<BTreeMap<DeviceId, VersionVector>, StorageError> {
    let stored: StoredPeerVectors = parse(text)?;
    Ok(crate::domain::order::map(
        stored
            .iter()
            .map(|(d, v)| (DeviceId(*d), vector_from_stored(v))),
    ))
}

fn peers_json(peers: &BTreeMap<DeviceId, VersionVector>) -> Result<String, StorageError> {
    let stored: StoredPeerVectors =
        crate::domain::order::map(peers.iter().map(|(d, v)| (d.0, vector_to_stored(v))));
    json(&stored)
}

fn clock_json(clock: &DeviceClock) -> Result<String, StorageError> {
    json(&StoredClock::from(clock))
}

/// The derived rows of one record after its events changed.
struct Derived {
    row: RecordRow,
    brief: Option<Brief>,
    person: Option<ViewRow>,
}

/// How many rows the briefs are kept in. Reading 10,000 small rows took IndexedDB about 400 ms
/// where 64 larger ones take a few; a command rewrites one row of about 1/64 of the briefs.
pub const BRIEF_CHUNKS: u128 = 64;

/// The row a complaint's brief is kept in (`"00"` to `"63"`), from the random end of its id.
fn chunk_key(id: RecordId) -> String {
    format!("{:02}", id.0.as_u128() % BRIEF_CHUNKS)
}

/// Puts `brief` in its chunk, replacing the complaint's earlier brief.
fn put_brief(chunks: &mut BTreeMap<String, Vec<Brief>>, brief: Brief) {
    let chunk = chunks.entry(chunk_key(brief.id)).or_default();
    match chunk.iter_mut().find(|b| b.id == brief.id) {
        Some(old) => *old = brief,
        None => chunk.push(brief),
    }
}

/// The brief rows to write: each chunk's briefs as `{id, bytes}`, keyed by the chunk's number.
///
/// The bytes are the briefs in postcard's binary form, not JSON text: IndexedDB hands bytes to
/// the app as one copy, where 10,000 briefs as text (18.6 MB) were read and turned into Rust
/// strings in about 130 ms on every open, and they are half the size.
fn chunk_rows_js(chunks: BTreeMap<String, Vec<Brief>>) -> Result<Vec<JsValue>, StorageError> {
    chunks
        .into_iter()
        .map(|(id, list)| {
            let bytes =
                postcard::to_allocvec(&list).map_err(|e| StorageError::Failed(e.to_string()))?;
            let row = js_sys::Object::new();
            let set = |key: &str, value: &JsValue| {
                js_sys::Reflect::set(&row, &JsValue::from_str(key), value)
                    .map_err(|e| StorageError::from_js(&e))
            };
            set("id", &JsValue::from_str(&id))?;
            set("bytes", &js_sys::Uint8Array::from(bytes.as_slice()).into())?;
            Ok(row.into())
        })
        .collect()
}

/// The briefs of one row [`chunk_rows_js`] wrote. A row in any other form (an older views
/// version's JSON text) is corrupt: the views are rebuilt from the events.
fn chunk_row_briefs(row: &JsValue) -> Result<Vec<Brief>, StorageError> {
    use wasm_bindgen::JsCast;
    let bytes = js_sys::Reflect::get(row, &JsValue::from_str("bytes"))
        .ok()
        .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok())
        .ok_or_else(|| StorageError::Corrupt("a row of briefs holds no bytes".into()))?;
    postcard::from_bytes(&bytes.to_vec()).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// The derived rows of record `id` from all its `events`; `planned` is the complaint as an
/// import's plan folded it, used when it folded these very events (the write does not fold it
/// again).
fn derive(
    id: RecordId,
    events: &[Event],
    planned: Option<&Complaint>,
) -> Result<Derived, StorageError> {
    let kind = events
        .first()
        .map(|e| e.body.record_kind())
        .unwrap_or(RecordKind::Complaint);
    let refs = || events.iter().collect::<Vec<_>>();
    let id_text = id.to_string();
    let view = |value: String| ViewRow {
        id: id_text.clone(),
        json: value,
    };
    let brief = match (kind, planned) {
        (RecordKind::Complaint, Some(c)) => Some(Brief::of(c)),
        (RecordKind::Complaint, None) => fold_complaint(refs()).as_ref().map(Brief::of),
        _ => None,
    };
    Ok(Derived {
        brief,
        person: match kind {
            RecordKind::Person => fold_person(refs()).map(|p| json(&p)).transpose()?.map(view),
            _ => None,
        },
        row: RecordRow {
            id: id_text,
            kind: kind_name(kind).into(),
            events: EventsText(encode_events(events)),
            dev_max: dev_max(events),
        },
    })
}

/// Seqs held above the contiguous version vector, per device (events past a gap).
pub type Gaps = BTreeMap<DeviceId, std::collections::BTreeSet<u64>>;

/// Takes note of newly stored events: the vector only counts a device's seqs up to the first
/// one missing, so a peer is sent what lies past a gap again rather than never.
fn advance(vv: &mut VersionVector, gaps: &mut Gaps, added: &[&Event]) {
    for e in added {
        if !vv.covers(e.device, e.seq) {
            gaps.entry(e.device).or_default().insert(e.seq);
        }
    }
    for (device, seqs) in gaps.iter_mut() {
        let mut seq = vv.get(*device);
        while seqs.remove(&(seq + 1)) {
            seq += 1;
        }
        if seq > 0 {
            vv.observe(*device, seq);
        }
    }
    gaps.retain(|_, seqs| !seqs.is_empty());
}

/// Merges `incoming` into `stored`, by event id. Returns how many were new.
fn merge(stored: &mut Vec<Event>, incoming: &[&Event]) -> Result<usize, StorageError> {
    let index: HashMap<_, _> = stored.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let mut added = 0;
    for &event in incoming {
        match index.get(&event.id) {
            // Compared by content hash: an event stored erased is the same event as its
            // original, which an older file may still carry.
            Some(&i) if stored[i] == *event || content_hash(&stored[i]) == content_hash(event) => {}
            Some(_) => return Err(StorageError::EventMismatch(event.id)),
            None => {
                stored.push(event.clone());
                added += 1;
            }
        }
    }
    crate::domain::order::sort_by_key(stored, Event::order_key);
    // Within one batch the same id may come twice; keep one.
    stored.dedup_by_key(|e| e.id);
    Ok(added)
}

/// The app's data: events and their views.
pub struct Repo {
    db: Db,
}

impl Repo {
    /// Opens the database `name` and runs record-level migrations.
    pub async fn open(name: &str) -> Result<Repo, StorageError> {
        let repo = Repo {
            db: Db::open(name).await?,
        };
        repo.migrate().await?;
        Ok(repo)
    }

    /// The underlying database, for the other storage modules.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Closes the connection.
    pub fn close(self) {
        self.db.close();
    }

    /// Brings data written by an earlier release up to [`DATA_VERSION`] and the views up to
    /// [`VIEWS_VERSION`], in place, on open. Each step is one transaction: a reload in the
    /// middle leaves the data as before, and the next open runs it again.
    async fn migrate(&self) -> Result<(), StorageError> {
        let data: Option<u32> = self.meta(meta::DATA_VERSION).await?;
        let views: Option<u32> = self.meta(meta::VIEWS_VERSION).await?;
        if data.is_some_and(|v| v > DATA_VERSION) {
            return Err(StorageError::Corrupt(format!(
                "data version {} is newer than this app's {DATA_VERSION}",
                data.unwrap_or_default()
            )));
        }
        if data == Some(DATA_VERSION) && views == Some(VIEWS_VERSION) {
            return Ok(());
        }
        // Version 1 stored events in the file format's shape but for kinds with no data, which
        // lacked `data` (pinned by `tests/golden/`); the upgrade reads every row that way,
        // writes it back in the file format, refolds every view and sets both marks, all in
        // one transaction. Views alone are refolded from rows already in the format.
        let rows_from = match data {
            Some(DATA_VERSION) => None,
            _ => Some(data.unwrap_or(1)),
        };
        self.rebuild(rows_from).await.map(|_| ())
    }

    /// A `meta` value's JSON text.
    async fn meta_text(&self, key: &str) -> Result<Option<String>, StorageError> {
        let row: Option<MetaRow> = self.db.get(stores::META, key).await?;
        Ok(row.map(|r| r.json))
    }

    /// Writes a `meta` value's JSON text in its own transaction.
    async fn set_meta_text(&self, key: &str, json: String) -> Result<(), StorageError> {
        self.db
            .put_all(
                stores::META,
                &[MetaRow {
                    key: key.into(),
                    json,
                }],
            )
            .await
    }

    /// Reads a `meta` value.
    pub(super) async fn meta<T: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        self.meta_text(key)
            .await?
            .map(|json| parse(&json))
            .transpose()
    }

    /// Writes a `meta` value in its own transaction.
    pub(super) async fn set_meta<T: Serialize>(
        &self,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        self.db
            .put_all(
                stores::META,
                &[MetaRow {
                    key: key.into(),
                    json: json(value)?,
                }],
            )
            .await
    }

    /// Appends events (local or imported) in one readwrite transaction, with the updated
    /// views, this device's version vector and, when given, its clock. All of it or nothing:
    /// an event whose id is stored with other content refuses the whole batch.
    pub async fn append(
        &self,
        events: &[Event],
        clock: Option<&DeviceClock>,
    ) -> Result<AppendReport, StorageError> {
        self.write(events, clock, &[], None, &[]).await
    }

    /// The bulk path an import uses: `append` plus the bundle's new attachments
    /// (`(sha256, mime, bytes)`), what the source device is now known to hold and what it is
    /// called, in the same transaction. `planned` holds the complaints as the import's plan
    /// folded them: a record whose stored events at the write are the ones the plan folded
    /// (as many, since events are only ever added) takes its brief from there, unfolded again.
    pub async fn import(
        &self,
        events: &[Event],
        clock: &DeviceClock,
        blobs: &[(String, String, Vec<u8>)],
        source: (DeviceId, &VersionVector),
        source_label: &str,
        planned: &[Complaint],
    ) -> Result<AppendReport, StorageError> {
        let (device, vector) = source;
        self.write(
            events,
            Some(clock),
            blobs,
            Some((device, vector, source_label)),
            planned,
        )
        .await
    }

    /// The bulk path a replication uses: [`Repo::import`] from a server, which is no peer
    /// device (its checkpoints live on the server).
    pub async fn receive(
        &self,
        events: &[Event],
        clock: &DeviceClock,
        blobs: &[(String, String, Vec<u8>)],
        planned: &[Complaint],
    ) -> Result<AppendReport, StorageError> {
        self.write(events, Some(clock), blobs, None, planned).await
    }

    async fn write(
        &self,
        events: &[Event],
        clock: Option<&DeviceClock>,
        blobs: &[(String, String, Vec<u8>)],
        source: Option<(DeviceId, &VersionVector, &str)>,
        planned: &[Complaint],
    ) -> Result<AppendReport, StorageError> {
        let planned: BTreeMap<RecordId, &Complaint> =
            crate::domain::order::map(planned.iter().map(|c| (c.id, c)));
        let mut groups: BTreeMap<RecordId, Vec<&Event>> = BTreeMap::new();
        for e in events {
            groups.entry(e.record).or_default().push(e);
        }
        let keys: Vec<JsValue> = groups
            .keys()
            .map(|id| JsValue::from_str(&id.to_string()))
            .collect();
        let chunk_keys: Vec<String> =
            crate::domain::order::set(groups.keys().map(|id| chunk_key(*id)))
                .into_iter()
                .collect();
        let tx = self.db.rexie().transaction(
            &[
                stores::RECORDS,
                stores::BRIEFS,
                stores::ROSTER,
                stores::META,
                stores::BLOBS,
                stores::DRAFTS,
            ],
            TransactionMode::ReadWrite,
        )?;
        let records = tx.store(stores::RECORDS)?;
        let meta_store = tx.store(stores::META)?;

        // Reads: the affected rows (all requests in flight at once) and the bookkeeping.
        let empty = records.count(None).await? == 0;
        let found: Vec<Option<JsValue>> = if empty {
            vec![None; keys.len()]
        } else {
            try_join_all(keys.iter().map(|k| records.get(k.clone()))).await?
        };
        let read_meta = |key: &'static str| meta_store.get(JsValue::from_str(key));
        let brief_store = tx.store(stores::BRIEFS)?;
        let chunk_rows: Vec<Option<JsValue>> = try_join_all(
            chunk_keys
                .iter()
                .map(|k| brief_store.get(JsValue::from_str(k))),
        )
        .await?;
        let vv_row = read_meta(meta::VERSION_VECTOR).await?;
        let gaps_row = read_meta(meta::GAPS).await?;
        let (peers_row, labels_row) = match source {
            Some(_) => (
                read_meta(meta::PEERS).await?,
                read_meta(meta::PEER_LABELS).await?,
            ),
            None => (None, None),
        };

        // Pure work: merge, fold, serialize. Nothing is awaited here.
        let mut vv: VersionVector = match vv_row {
            Some(v) => parse_vector(&from_js::<MetaRow>(v)?.json)?,
            None => VersionVector::new(),
        };
        let mut gaps: Gaps = match gaps_row {
            Some(v) => parse_gaps(&from_js::<MetaRow>(v)?.json)?,
            None => Gaps::new(),
        };
        let mut report = AppendReport::default();
        let mut derived = Vec::new();
        let mut added_events: Vec<&Event> = Vec::new();
        let mut gone_blobs: std::collections::BTreeSet<String> = Default::default();
        let mut erased_records: Vec<String> = Vec::new();
        for ((id, incoming), existing) in groups.iter().zip(found) {
            let mut stored: Vec<Event> = match existing {
                Some(row) => parse_events(&from_js::<RecordRow>(row)?.events)?,
                None => Vec::new(),
            };
            let known: std::collections::HashSet<_> = stored.iter().map(|e| e.id).collect();
            let added = merge(&mut stored, incoming)?;
            added_events.extend(incoming.iter().copied().filter(|e| !known.contains(&e.id)));
            report.already_present += incoming.len() - added;
            // A record with an erasure keeps no personal value, in any of its events, from
            // wherever and whenever they came; nor the attachments of its events.
            if added > 0 && seal::record_erased(&stored) {
                gone_blobs.extend(seal::apply_erasure(&mut stored));
                erased_records.push(id.to_string());
            }
            if added > 0 {
                report.added += added;
                report.records += 1;
                let folded = planned
                    .get(id)
                    .copied()
                    .filter(|c| c.event_count == stored.len());
                derived.push(derive(*id, &stored, folded)?);
            }
        }
        crate::domain::order::sort_by_key(&mut added_events, |e| e.id);
        added_events.dedup_by_key(|e| e.id);
        advance(&mut vv, &mut gaps, &added_events);

        let mut rows = Vec::with_capacity(derived.len());
        let mut chunks: BTreeMap<String, Vec<Brief>> = BTreeMap::new();
        for (key, row) in chunk_keys.iter().zip(chunk_rows) {
            let held = match row {
                Some(v) => chunk_row_briefs(&v)?,
                None => Vec::new(),
            };
            chunks.insert(key.clone(), held);
        }
        let mut people = Vec::new();
        let mut metas = vec![
            MetaRow {
                key: meta::VERSION_VECTOR.into(),
                json: json(&vector_to_stored(&vv))?,
            },
            MetaRow {
                key: meta::GAPS.into(),
                json: gaps_json(&gaps)?,
            },
        ];
        if let Some((device, source_vv, label)) = source {
            let mut peers: BTreeMap<DeviceId, VersionVector> = match peers_row {
                Some(v) => parse_peers(&from_js::<MetaRow>(v)?.json)?,
                None => BTreeMap::new(),
            };
            peers.entry(device).or_default().merge(source_vv);
            metas.push(MetaRow {
                key: meta::PEERS.into(),
                json: peers_json(&peers)?,
            });
            // What the device is called, in the same transaction: a reload cannot leave the
            // data imported and the peer unknown.
            let mut labels: StoredPeerLabels = match labels_row {
                Some(v) => parse(&from_js::<MetaRow>(v)?.json)?,
                None => StoredPeerLabels::new(),
            };
            labels.insert(device.0, label.to_string());
            metas.push(MetaRow {
                key: meta::PEER_LABELS.into(),
                json: json(&labels)?,
            });
        }
        if let Some(clock) = clock {
            metas.push(MetaRow {
                key: meta::CLOCK.into(),
                json: clock_json(clock)?,
            });
        }
        for d in derived {
            rows.push(to_js(&d.row)?);
            if let Some(b) = d.brief {
                put_brief(&mut chunks, b);
            }
            if let Some(p) = d.person {
                people.push(to_js(&p)?);
            }
        }
        let metas = metas.iter().map(to_js).collect::<Result<Vec<_>, _>>()?;
        let blob_rows = blobs
            .iter()
            .filter(|(sha, _, _)| !gone_blobs.contains(sha))
            .map(|(sha, mime, bytes)| super::blobs::blob_row(sha, mime, bytes))
            .collect::<Result<Vec<_>, _>>()?;
        // Drafts of an erased complaint's forms may hold what was erased.
        let drafts = tx.store(stores::DRAFTS)?;
        let stale_drafts: Vec<JsValue> = if erased_records.is_empty() {
            Vec::new()
        } else {
            drafts
                .get_all_keys(None, None)
                .await?
                .into_iter()
                .filter(|k| {
                    k.as_string()
                        .is_some_and(|k| erased_records.iter().any(|id| k.contains(id.as_str())))
                })
                .collect()
        };

        // Writes, all in flight together.
        let with_keys = |rows: Vec<JsValue>| rows.into_iter().map(|r| (r, None));
        records.put_all(with_keys(rows)).await?;
        let briefs = chunk_rows_js(chunks)?;
        brief_store.put_all(with_keys(briefs)).await?;
        tx.store(stores::ROSTER)?.put_all(with_keys(people)).await?;
        meta_store.put_all(with_keys(metas)).await?;
        let blob_store = tx.store(stores::BLOBS)?;
        blob_store.put_all(with_keys(blob_rows)).await?;
        for key in &gone_blobs {
            blob_store.delete(JsValue::from_str(key)).await?;
        }
        for key in stale_drafts {
            drafts.delete(key).await?;
        }

        if let Some(failure) = INJECTED.with(|cell| cell.take()) {
            tx.abort().await?;
            return Err(match failure {
                InjectedFailure::QuotaExceeded => StorageError::QuotaExceeded,
            });
        }
        committed(tx).await?;
        Ok(report)
    }

    /// Every whole complaint, folded from its record's events (the statistics and the CSVs).
    pub async fn complaints(&self) -> Result<Vec<Complaint>, StorageError> {
        let rows: Vec<RecordRow> = self.db.get_all(stores::RECORDS).await?;
        let mut out = Vec::new();
        for row in rows
            .iter()
            .filter(|r| r.kind == kind_name(RecordKind::Complaint))
        {
            let events = parse_events(&row.events)?;
            out.extend(fold_complaint(events.iter().collect()));
        }
        Ok(out)
    }

    /// One whole complaint, folded from its record's events, with those events (its page
    /// shows both).
    pub async fn complaint_with_events(
        &self,
        id: RecordId,
    ) -> Result<(Option<Complaint>, Vec<Event>), StorageError> {
        let events = self.record_events(id).await?;
        let complaint = events
            .first()
            .filter(|e| e.body.record_kind() == RecordKind::Complaint)
            .and_then(|_| fold_complaint(events.iter().collect()));
        Ok((complaint, events))
    }

    /// The ledger's sign-offs (daily checks, monthly reviews), folded from its one record.
    pub async fn ledger(&self) -> Result<crate::domain::ledger::Ledger, StorageError> {
        let events = self.record_events(RecordId::LEDGER).await?;
        Ok(crate::domain::ledger::fold_ledger(&events))
    }

    /// The week in the field (places, plans, visits, defects), folded from its one record.
    pub async fn visits(&self) -> Result<crate::domain::visits::Visits, StorageError> {
        let events = self.record_events(RecordId::VISITS).await?;
        Ok(crate::domain::visits::fold_visits(&events))
    }

    /// The company's plan document and its revisions, folded from its one record.
    pub async fn plan_document(
        &self,
    ) -> Result<crate::domain::plan_doc::PlanDocument, StorageError> {
        let events = self.record_events(RecordId::PLAN_DOCUMENT).await?;
        Ok(crate::domain::plan_doc::fold_plan(&events))
    }

    /// One whole complaint, folded from its record's events.
    pub async fn complaint(&self, id: RecordId) -> Result<Option<Complaint>, StorageError> {
        Ok(self.complaint_with_events(id).await?.0)
    }

    /// Every complaint's brief: what the first screens read on open, in [`BRIEF_CHUNKS`] rows.
    pub async fn briefs(&self) -> Result<Vec<Brief>, StorageError> {
        let rows = self.db.get_all_js(stores::BRIEFS).await?;
        let mut out = Vec::new();
        for r in &rows {
            out.extend(chunk_row_briefs(r)?);
        }
        Ok(out)
    }

    /// Every person on the roster.
    pub async fn roster(&self) -> Result<Vec<Person>, StorageError> {
        let rows: Vec<ViewRow> = self.db.get_all(stores::ROSTER).await?;
        rows.iter().map(|r| parse(&r.json)).collect()
    }

    /// The shared settings (the defaults until a setting event exists), folded from the one
    /// settings record: a few hundred events at most, so nothing of it is cached.
    pub async fn settings(&self) -> Result<Settings, StorageError> {
        Ok(fold_settings(
            &self.record_events(RecordId::SETTINGS).await?,
        ))
    }

    /// The events of one record, in fold order.
    pub async fn record_events(&self, id: RecordId) -> Result<Vec<Event>, StorageError> {
        let row: Option<RecordRow> = self.db.get(stores::RECORDS, &id.to_string()).await?;
        row.map(|r| parse_events(&r.events))
            .transpose()
            .map(Option::unwrap_or_default)
    }

    /// Checks the chain of every stored event (see [`crate::format::seal`]). An event that
    /// the version vector says is held and is not is a break, as is one edited in place.
    pub async fn check_history(&self) -> Result<seal::ChainCheck, StorageError> {
        let events = self.all_events().await?;
        let vv = self.version_vector().await?;
        let refs: Vec<&Event> = events.iter().collect();
        Ok(seal::verify(&refs, |_, _| None, |d, s| vv.covers(d, s)))
    }

    /// The links ([`seal::link`]) of held events, each found through the `by_device_max`
    /// index as the last event of its device in some record: what an import needs to check
    /// that a file's first event of each device follows the event this device holds before it.
    /// An event held elsewhere (another record touched by that device later) is not found.
    pub async fn links_of(
        &self,
        wanted: &[(DeviceId, u64)],
    ) -> Result<BTreeMap<(DeviceId, u64), String>, StorageError> {
        let mut out = BTreeMap::new();
        if wanted.is_empty() {
            return Ok(out);
        }
        let tx = self
            .db
            .rexie()
            .transaction(&[stores::RECORDS], TransactionMode::ReadOnly)?;
        let index = tx.store(stores::RECORDS)?.index(BY_DEVICE_MAX)?;
        let mut rows = Vec::with_capacity(wanted.len());
        for (d, s) in wanted {
            let range = KeyRange::only(&JsValue::from_str(&device_key(*d, *s)))
                .map_err(|e| StorageError::Failed(e.to_string()))?;
            rows.push(index.get_all(Some(range), Some(1)).await?);
        }
        tx.done().await?;
        for (&(device, seq), found) in wanted.iter().zip(rows) {
            for row in found {
                if let Some(e) = parse_events(&from_js::<RecordRow>(row)?.events)?
                    .iter()
                    .find(|e| e.device == device && e.seq == seq)
                {
                    out.insert((device, seq), seal::link(e));
                }
            }
        }
        Ok(out)
    }

    /// Every stored event.
    pub async fn all_events(&self) -> Result<Vec<Event>, StorageError> {
        let rows: Vec<RecordRow> = self.db.get_all(stores::RECORDS).await?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(parse_events(&row.events)?);
        }
        Ok(out)
    }

    /// Every stored event that a peer with version vector `peer` is not known to have,
    /// whichever device made it. Finds the rows through the `by_device_max` index.
    pub async fn events_missing_from(
        &self,
        peer: &VersionVector,
    ) -> Result<Vec<Event>, StorageError> {
        // The highest seq held from each device, past any gap.
        let mut ours: BTreeMap<DeviceId, u64> =
            crate::domain::order::map(self.version_vector().await?.iter().map(|(d, s)| (*d, *s)));
        for (device, seqs) in self.gaps().await? {
            if let Some(top) = seqs.last() {
                let seq = ours.entry(device).or_default();
                *seq = (*seq).max(*top);
            }
        }
        let tx = self
            .db
            .rexie()
            .transaction(&[stores::RECORDS], TransactionMode::ReadOnly)?;
        let index = tx.store(stores::RECORDS)?.index(BY_DEVICE_MAX)?;
        let mut rows = Vec::new();
        for (&device, &seq) in &ours {
            let known = peer.get(device);
            if seq <= known {
                continue;
            }
            let range = KeyRange::bound(
                &JsValue::from_str(&device_key(device, known + 1)),
                &JsValue::from_str(&device_key(device, u64::MAX)),
                Some(false),
                Some(false),
            )
            .map_err(|e| StorageError::Failed(e.to_string()))?;
            rows.extend(index.get_all(Some(range), None).await?);
        }
        tx.done().await?;
        let mut out: BTreeMap<_, Event> = BTreeMap::new();
        for row in rows {
            for e in parse_events(&from_js::<RecordRow>(row)?.events)? {
                if !peer.covers(e.device, e.seq) {
                    out.insert(e.id, e);
                }
            }
        }
        Ok(out.into_values().collect())
    }

    /// The events of several records, in one transaction (what an import plan needs).
    pub async fn records_events(&self, ids: &[RecordId]) -> Result<Vec<Event>, StorageError> {
        let tx = self
            .db
            .rexie()
            .transaction(&[stores::RECORDS], TransactionMode::ReadOnly)?;
        let store = tx.store(stores::RECORDS)?;
        let rows = try_join_all(
            ids.iter()
                .map(|id| store.get(JsValue::from_str(&id.to_string()))),
        )
        .await?;
        tx.done().await?;
        let mut out = Vec::new();
        for row in rows.into_iter().flatten() {
            out.extend(parse_events(&from_js::<RecordRow>(row)?.events)?);
        }
        Ok(out)
    }

    /// Seqs held above the version vector (events past a gap), per device.
    pub async fn gaps(&self) -> Result<Gaps, StorageError> {
        self.meta_text(meta::GAPS)
            .await?
            .map_or(Ok(Gaps::new()), |t| parse_gaps(&t))
    }

    /// For each device, the seq up to which every event is held.
    pub async fn version_vector(&self) -> Result<VersionVector, StorageError> {
        self.meta_text(meta::VERSION_VECTOR)
            .await?
            .map_or(Ok(VersionVector::new()), |t| parse_vector(&t))
    }

    /// This device's stamping clock, once it has made an event.
    pub async fn clock(&self) -> Result<Option<DeviceClock>, StorageError> {
        match self.meta::<StoredClock>(meta::CLOCK).await? {
            Some(c) => c
                .into_domain()
                .map(Some)
                .map_err(|e| StorageError::Corrupt(e.0)),
            None => Ok(None),
        }
    }

    /// The version vectors last received from each peer.
    pub async fn peer_vectors(&self) -> Result<BTreeMap<DeviceId, VersionVector>, StorageError> {
        self.meta_text(meta::PEERS)
            .await?
            .map_or(Ok(BTreeMap::new()), |t| parse_peers(&t))
    }

    /// How people know the devices this one has imported from: code and label.
    pub async fn peer_labels(&self) -> Result<BTreeMap<DeviceId, String>, StorageError> {
        let stored: StoredPeerLabels = self.meta(meta::PEER_LABELS).await?.unwrap_or_default();
        Ok(crate::domain::order::map(
            stored.into_iter().map(|(d, l)| (DeviceId(d), l)),
        ))
    }

    /// Remembers a peer's code and label, for choosing it for an incremental export.
    pub async fn remember_peer(&self, peer: DeviceId, label: &str) -> Result<(), StorageError> {
        let mut all = self.peer_labels().await?;
        all.insert(peer, label.to_string());
        let stored: StoredPeerLabels =
            crate::domain::order::map(all.into_iter().map(|(d, l)| (d.0, l)));
        self.set_meta(meta::PEER_LABELS, &stored).await
    }

    /// Remembers the version vector a peer reported.
    pub async fn set_peer_vector(
        &self,
        peer: DeviceId,
        vv: &VersionVector,
    ) -> Result<(), StorageError> {
        let mut all = self.peer_vectors().await?;
        all.entry(peer).or_default().merge(vv);
        self.set_meta_text(meta::PEERS, peers_json(&all)?).await
    }

    /// Recomputes every view from the events alone, in one transaction. Used when a view is
    /// unreadable and after a migration. Returns the number of records folded.
    pub async fn rebuild_views(&self) -> Result<usize, StorageError> {
        self.rebuild(None).await
    }

    /// Refolds every view and, when `rows_from` names the data version the rows were written
    /// in, reads them as that version wrote them and writes them back in the current format;
    /// sets the data and views versions. One transaction.
    async fn rebuild(&self, rows_from: Option<u32>) -> Result<usize, StorageError> {
        let rewrite = rows_from.is_some();
        let tx = self.db.rexie().transaction(
            &[
                stores::RECORDS,
                stores::BRIEFS,
                stores::ROSTER,
                stores::META,
            ],
            TransactionMode::ReadWrite,
        )?;
        let rows = tx.store(stores::RECORDS)?.get_all(None, None).await?;
        let mut chunks: BTreeMap<String, Vec<Brief>> = BTreeMap::new();
        let mut people = Vec::new();
        let mut gaps = Gaps::new();
        let mut rewritten = Vec::new();
        let count = rows.len();
        for row in rows {
            let row: RecordRow = from_js(row)?;
            let events: Vec<Event> = match rows_from {
                Some(1) => decode_events_v1(&row.events).map_err(|e| StorageError::Corrupt(e.0))?,
                _ => parse_events(&row.events)?,
            };
            for e in &events {
                gaps.entry(e.device).or_default().insert(e.seq);
            }
            let Some(first) = events.first() else {
                continue;
            };
            let d = derive(first.record, &events, None)?;
            if rewrite {
                rewritten.push(to_js(&d.row)?);
            }
            if let Some(b) = d.brief {
                put_brief(&mut chunks, b);
            }
            people.extend(d.person.as_ref().map(to_js).transpose()?);
        }
        let mut vv = VersionVector::new();
        advance(&mut vv, &mut gaps, &[]);
        let metas = [
            MetaRow {
                key: meta::VERSION_VECTOR.into(),
                json: json(&vector_to_stored(&vv))?,
            },
            MetaRow {
                key: meta::GAPS.into(),
                json: gaps_json(&gaps)?,
            },
            MetaRow {
                key: meta::DATA_VERSION.into(),
                json: json(&DATA_VERSION)?,
            },
            MetaRow {
                key: meta::VIEWS_VERSION.into(),
                json: json(&VIEWS_VERSION)?,
            },
        ];
        let metas = metas.iter().map(to_js).collect::<Result<Vec<_>, _>>()?;
        let briefs = chunk_rows_js(chunks)?;
        let brief_store = tx.store(stores::BRIEFS)?;
        let roster_store = tx.store(stores::ROSTER)?;
        brief_store.clear().await?;
        roster_store.clear().await?;
        tx.store(stores::RECORDS)?
            .put_all(rewritten.into_iter().map(|r| (r, None)))
            .await?;
        brief_store
            .put_all(briefs.into_iter().map(|r| (r, None)))
            .await?;
        roster_store
            .put_all(people.into_iter().map(|r| (r, None)))
            .await?;
        let meta_store = tx.store(stores::META)?;
        meta_store
            .put_all(metas.into_iter().map(|r| (r, None)))
            .await?;
        // Versions before 9 cached the settings here; they are folded from their record now.
        meta_store
            .delete(wasm_bindgen::JsValue::from_str(meta::OLD_SETTINGS_VIEW))
            .await?;
        committed(tx).await?;
        Ok(count)
    }

    /// Reads every complaint's brief; if one is unreadable, rebuilds the views from the events
    /// and reads again.
    pub async fn briefs_or_rebuild(&self) -> Result<Vec<Brief>, StorageError> {
        match self.briefs().await {
            Err(StorageError::Corrupt(_)) => {
                self.rebuild_views().await?;
                self.briefs().await
            }
            other => other,
        }
    }
}
