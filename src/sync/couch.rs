//! Live replication with a CouchDB server: the documents, requests and answers of the CouchDB
//! replication protocol, as pure functions. The UI's `replicate` sends them.
//!
//! Each event is one document whose `_id` is the event id and whose single revision is
//! `1-` + the first 32 hex digits of the event's content hash: an event never changes, so a
//! document never gets a second revision, and two devices pushing the same event write the
//! same revision (CouchDB keeps it once). Attachments are documents of their own,
//! `blob-<sha256>`. Pulled documents pass the checks a bundle file's events pass
//! ([`super::read::check_wire`]), then the same merge planning; a known event id with other
//! content is refused.
//!
//! Checkpoints live on the server, in one `_local` document per device (never replicated):
//! the `_changes` sequence pulled up to, and the version vector pushed. A server that lost its
//! data (a new database) has no checkpoint, so everything is offered again and `_revs_diff`
//! sends only what it lacks.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::domain::{DeviceCode, DeviceId, Event, VersionVector};
use crate::format::{SCHEMA_VERSION, WireBlob, WireEvent, WireVersionVector};

use super::bundle::{Blob, Bundle, BundleHeader, SourceDevice};
use super::digest::content_hash;
use super::error::BundleError;
use super::export::{wire_blob, wire_vector};
use super::read::{check_wire, vector_from_wire};

/// Events sent per `_revs_diff` and `_bulk_docs` request.
pub const PUSH_BATCH: usize = 1000;
/// Changes read per `_changes` request.
pub const PULL_BATCH: usize = 5000;

/// Why a replication stopped. What was written before stays written and counted in the
/// checkpoint; nothing of the batch in hand was.
#[derive(Clone, Debug, PartialEq)]
pub enum CouchError {
    /// The address is not an `http://` or `https://` address.
    BadAddress,
    /// The database name breaks CouchDB's rule (lower case letter first; a–z, 0–9, `_$()+-/`).
    BadDatabase,
    /// No answer: offline, a wrong address, the server down, or CORS not allowing this app.
    Unreachable,
    /// 401: the name or password is wrong.
    Unauthorized,
    /// 403: the user may not read or write this database.
    Forbidden,
    /// 404 on the database: it does not exist on the server.
    NoDatabase,
    /// It answered, but not as CouchDB does.
    NotCouch,
    /// Any other failure the server reported.
    Server { status: u16, reason: String },
    /// A document on the server holds an event whose id this device holds with other content.
    Conflict { id: String },
    /// A document on the server failed the checks a bundle file's events pass.
    Refused(BundleError),
}

/// The server, as the person set it: `url` without a trailing slash, and the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub url: String,
    pub database: String,
}

impl Server {
    /// Checks the address and the database name.
    pub fn new(url: &str, database: &str) -> Result<Server, CouchError> {
        let url = url.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or(CouchError::BadAddress)?;
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            return Err(CouchError::BadAddress);
        }
        let database = database.trim();
        let mut chars = database.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let rest_ok =
            chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
        if !first_ok || !rest_ok || database.len() > 238 {
            return Err(CouchError::BadDatabase);
        }
        Ok(Server {
            url: url.to_string(),
            database: database.to_string(),
        })
    }

    /// The database's address, `path` appended (`""`, `"/_changes"` …).
    pub fn at(&self, path: &str) -> String {
        format!("{}/{}{path}", self.url, self.database.replace('/', "%2F"))
    }

    /// The pseudo-device whose "bundles" pulled batches are: a fixed id per server and
    /// database, so the importing device never mistakes it for itself.
    pub fn source(&self) -> SourceDevice {
        let digest =
            super::digest::sha256_hex(format!("{}|{}", self.url, self.database).as_bytes());
        let id = u128::from_str_radix(&digest[..32], 16).unwrap_or(1);
        SourceDevice {
            id: DeviceId(uuid::Uuid::from_u128(id)),
            code: DeviceCode::parse("DB").expect("\"DB\" is a device code"),
            label: self.database.clone(),
        }
    }
}

/// What a request answered with a failure status means.
pub fn classify(status: u16, body: &str) -> CouchError {
    match status {
        401 => CouchError::Unauthorized,
        403 => CouchError::Forbidden,
        404 => CouchError::NoDatabase,
        _ => {
            let reason = serde_json::from_str::<Value>(body)
                .ok()
                .and_then(|v| {
                    let field = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
                    match (field("error"), field("reason")) {
                        (Some(e), Some(r)) => Some(format!("{e}: {r}")),
                        (e, r) => e.or(r),
                    }
                })
                .unwrap_or_else(|| body.chars().take(120).collect());
            CouchError::Server { status, reason }
        }
    }
}

/// The database's information (`GET /db`): refused unless it reads as CouchDB's.
pub fn check_database(body: &str) -> Result<(), CouchError> {
    let v: Value = serde_json::from_str(body).map_err(|_| CouchError::NotCouch)?;
    if v.get("db_name").and_then(Value::as_str).is_some() && v.get("update_seq").is_some() {
        Ok(())
    } else {
        Err(CouchError::NotCouch)
    }
}

/// The revision of an event's document.
pub fn event_rev(e: &Event) -> String {
    format!("1-{}", &content_hash(e)[..32])
}

fn blob_id(sha256: &str) -> String {
    format!("blob-{sha256}")
}

fn blob_rev(sha256: &str) -> String {
    format!("1-{}", &sha256[..32.min(sha256.len())])
}

/// One document to push: its id, revision and body (JSON text, written by the serializer the
/// bundle files use, so the app carries one copy of the events' serialization).
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub id: String,
    pub rev: String,
    body: String,
}

#[derive(Serialize)]
struct EventDoc<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
    #[serde(rename = "_rev")]
    rev: &'a str,
    #[serde(rename = "_revisions")]
    revisions: Revisions<'a>,
    event: WireEvent,
}

#[derive(Serialize)]
struct BlobDoc<'a> {
    #[serde(rename = "_id")]
    id: &'a str,
    #[serde(rename = "_rev")]
    rev: &'a str,
    #[serde(rename = "_revisions")]
    revisions: Revisions<'a>,
    blob: WireBlob,
}

#[derive(Serialize)]
struct Revisions<'a> {
    start: u32,
    ids: [&'a str; 1],
}

/// The document of an event.
pub fn event_doc(e: &Event) -> Doc {
    let id = e.id.to_string();
    let rev = event_rev(e);
    let body = serde_json::to_string(&EventDoc {
        id: &id,
        rev: &rev,
        revisions: Revisions {
            start: 1,
            ids: [&rev[2..]],
        },
        event: WireEvent::from(e),
    })
    .unwrap_or_default();
    Doc { id, rev, body }
}

/// The document of an attachment.
pub fn blob_doc(b: &Blob) -> Doc {
    let id = blob_id(&b.sha256);
    let rev = blob_rev(&b.sha256);
    let body = serde_json::to_string(&BlobDoc {
        id: &id,
        rev: &rev,
        revisions: Revisions {
            start: 1,
            ids: [&rev[2..]],
        },
        blob: wire_blob(b),
    })
    .unwrap_or_default();
    Doc { id, rev, body }
}

/// `POST /db/_revs_diff`: which of `docs` the server lacks.
pub fn revs_diff_request(docs: &[Doc]) -> String {
    // Ids and revisions are uuids and hex digits: nothing in them needs escaping.
    let pairs: Vec<String> = docs
        .iter()
        .map(|d| format!("\"{}\":[\"{}\"]", d.id, d.rev))
        .collect();
    format!("{{{}}}", pairs.join(","))
}

/// The ids `_revs_diff` answered as missing.
pub fn missing_ids(body: &str) -> Result<BTreeSet<String>, CouchError> {
    let v: serde_json::Map<String, Value> =
        serde_json::from_str(body).map_err(|_| CouchError::NotCouch)?;
    Ok(v.into_iter()
        .filter(|(_, d)| {
            d.get("missing")
                .and_then(Value::as_array)
                .is_some_and(|m| !m.is_empty())
        })
        .map(|(id, _)| id)
        .collect())
}

/// `POST /db/_bulk_docs` with `new_edits: false`: the documents stored with the revisions
/// given, so a document pushed twice (after an interruption) is still one document.
pub fn bulk_docs_request(docs: &[&Doc]) -> String {
    let bodies: Vec<&str> = docs.iter().map(|d| d.body.as_str()).collect();
    format!("{{\"docs\":[{}],\"new_edits\":false}}", bodies.join(","))
}

/// `_bulk_docs`'s answer: the first document it refused, if any.
pub fn check_bulk_docs(body: &str) -> Result<(), CouchError> {
    let rows: Vec<Value> = serde_json::from_str(body).map_err(|_| CouchError::NotCouch)?;
    for row in rows {
        if let Some(error) = row.get("error").and_then(Value::as_str) {
            let reason = row.get("reason").and_then(Value::as_str).unwrap_or("");
            let id = row.get("id").and_then(Value::as_str).unwrap_or("");
            return Err(CouchError::Server {
                status: 200,
                reason: format!("{id}: {error} {reason}"),
            });
        }
    }
    Ok(())
}

/// The `_changes` request after `since` (a sequence as the server gave it; `None` from the
/// start), with the documents.
pub fn changes_path(since: Option<&Value>) -> String {
    let since = match since {
        None => "0".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let mut encoded = String::with_capacity(since.len());
    for b in since.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("/_changes?include_docs=true&limit={PULL_BATCH}&since={encoded}")
}

#[derive(Deserialize)]
struct ChangesWire {
    results: Vec<ChangeRow>,
    last_seq: Value,
    #[serde(default)]
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct ChangeRow {
    id: String,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    doc: Option<Box<RawValue>>,
}

#[derive(Deserialize)]
struct DocWire {
    #[serde(rename = "_id")]
    id: String,
    #[serde(default)]
    event: Option<Box<RawValue>>,
    #[serde(default)]
    blob: Option<WireBlob>,
}

#[derive(Debug)]
/// One `_changes` answer: the documents' events and attachments read, checked later.
pub struct Changes {
    pub events: Vec<WireEvent>,
    pub blobs: Vec<WireBlob>,
    /// Rows read, documents or not (the progress counts them).
    pub rows: usize,
    pub last_seq: Value,
    /// Changes still to come after this answer, when the server says.
    pub pending: Option<u64>,
}

/// Reads a `_changes` answer. Design documents and deletions are passed over (an event is
/// never deleted: a deleted document removes nothing here). Any other document must be an
/// event whose id is its own, or an attachment.
pub fn read_changes(body: &str) -> Result<Changes, CouchError> {
    let wire: ChangesWire = serde_json::from_str(body).map_err(|_| CouchError::NotCouch)?;
    let rows = wire.results.len();
    let mut events = Vec::new();
    let mut blobs = Vec::new();
    for (i, row) in wire.results.into_iter().enumerate() {
        if row.deleted || row.id.starts_with("_design/") {
            continue;
        }
        let bad = |detail: String| {
            CouchError::Refused(BundleError::BadEvent {
                index: i + 1,
                id: Some(row.id.chars().take(40).collect()),
                detail,
            })
        };
        let Some(raw) = row.doc else {
            return Err(bad("the server sent the change without its document".into()));
        };
        let doc: DocWire =
            serde_json::from_str(raw.get()).map_err(|e| bad(format!("document: {e}")))?;
        match (doc.event, doc.blob) {
            (Some(event), None) => {
                // The format's tagged objects read from text only.
                let event: WireEvent =
                    serde_json::from_str(event.get()).map_err(|e| bad(e.to_string()))?;
                if event.id.to_string() != doc.id {
                    return Err(bad("the document's _id is not its event's id".into()));
                }
                events.push(event);
            }
            (None, Some(blob)) => {
                if blob_id(&blob.sha256) != doc.id {
                    return Err(bad("the document's _id is not its attachment's".into()));
                }
                blobs.push(blob);
            }
            _ => {
                return Err(bad(
                    "not an event or attachment of this app; remove it from the database".into(),
                ));
            }
        }
    }
    Ok(Changes {
        events,
        blobs,
        rows,
        last_seq: wire.last_seq,
        pending: wire.pending,
    })
}

/// A pulled batch as a bundle from `server`, after the checks a file's events pass; the
/// merge planning (`plan_import`) runs next, as for a file. No `since` and an empty vector:
/// a batch promises nothing about what comes in later batches.
pub fn bundle_of(
    server: &Server,
    changes: Changes,
    created_at: DateTime<FixedOffset>,
) -> Result<Bundle, CouchError> {
    let (events, blobs) = check_wire(changes.events, changes.blobs).map_err(|e| match e {
        BundleError::ConflictingEvent { id } => CouchError::Conflict { id: id.to_string() },
        other => CouchError::Refused(other),
    })?;
    Ok(Bundle {
        header: BundleHeader {
            schema_version: SCHEMA_VERSION,
            app_version: String::new(),
            bundle_id: uuid::Uuid::nil(),
            created_at,
            source: server.source(),
            since: None,
            version_vector: VersionVector::new(),
            encrypted: false,
        },
        events,
        blobs,
        commitments: Default::default(),
    })
}

/// Where this device's replication with the server stands, kept on the server.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checkpoint {
    /// The checkpoint document's revision, to replace it.
    pub rev: Option<String>,
    /// The `_changes` sequence pulled up to.
    pub pulled: Option<Value>,
    /// What the server is known to hold of this device's events and relays.
    pub pushed: VersionVector,
}

#[derive(Serialize, Deserialize)]
struct CheckpointWire {
    #[serde(rename = "_id", default)]
    id: String,
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    rev: Option<String>,
    #[serde(default)]
    pulled: Option<Value>,
    #[serde(default)]
    pushed: WireVersionVector,
}

/// The path of `device`'s checkpoint document.
pub fn checkpoint_path(device: DeviceId) -> String {
    format!("/_local/complaints-{device}")
}

/// Reads a checkpoint document; one that does not read starts over (nothing is lost: the
/// server is asked again what it lacks).
pub fn read_checkpoint(body: &str) -> Checkpoint {
    let Ok(w) = serde_json::from_str::<CheckpointWire>(body) else {
        return Checkpoint::default();
    };
    Checkpoint {
        rev: w.rev,
        pulled: w.pulled,
        pushed: vector_from_wire("pushed", &w.pushed).unwrap_or_default(),
    }
}

/// The checkpoint document to `PUT`.
pub fn checkpoint_body(device: DeviceId, c: &Checkpoint) -> String {
    serde_json::to_string(&CheckpointWire {
        id: checkpoint_path(device)[1..].to_string(),
        rev: c.rev.clone(),
        pulled: c.pulled.clone(),
        pushed: wire_vector(&c.pushed),
    })
    .unwrap_or_default()
}

/// The revision a successful `PUT` answered with.
pub fn put_rev(body: &str) -> Option<String> {
    serde_json::from_str::<Value>(body)
        .ok()?
        .get("rev")?
        .as_str()
        .map(str::to_string)
}

/// The `Authorization` header of CouchDB's basic authentication.
pub fn basic_auth(user: &str, password: &str) -> Option<String> {
    (!user.is_empty()).then(|| {
        format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("{user}:{password}")
            )
        )
    })
}
