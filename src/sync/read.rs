//! Reading a bundle: the contract's checks, in its order, before anything is written.
//!
//! 1. It is JSON at all.
//! 2. `format`.
//! 3. `schema_version`: newer is refused, naming the app version needed; older is migrated.
//! 4. The checksums: the payload's, and the header's when the file carries one.
//! 5. Decryption, by the platform, between [`open_envelope`] and [`Envelope::read_decrypted`].
//! 6. Every event and blob against the schema.
//! 7. The counts.
//!
//! The first failure is returned as a [`BundleError`].

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;

use crate::domain::admit;
use crate::domain::event::RecordKind;
use crate::domain::validate::MAX_SHORT;
use crate::domain::{DeviceCode, DeviceId, Event, EventId, RecordId, VersionVector};

use super::bundle::{Blob, Bundle, BundleHeader, SourceDevice};
use super::crypto::{self, EncryptionParams};
use super::digest::{content_hash, header_digest, is_sha256_hex, sha256_hex};
use super::error::{BundleError, Counted};
use crate::format::seal;
use crate::format::{
    COMPACT_SCHEMA_VERSION, FORMAT, GZIP, MAX_SAFE_INTEGER, SCHEMA_VERSION, WireBlob, WireEnvelope,
    WireEvent, WireHeader, WirePayload, WireVersionVector,
};

/// The two members read first, before anything else is trusted.
#[derive(Deserialize)]
struct Probe {
    format: Option<Value>,
    schema_version: Option<Value>,
    app_version: Option<Value>,
}

/// The oldest format this app reads.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// The most a compressed payload may hold once decompressed: far above any real bundle (10,000
/// complaints are about 86 MB), and low enough that a tablet survives the attempt.
pub const MAX_DECOMPRESSED_BYTES: usize = 512 << 20;

/// A file whose envelope passed the checks up to the checksum; the payload is still unread.
#[derive(Clone, Debug)]
pub struct Envelope {
    header: WireHeader,
    payload: String,
    checked: BundleHeader,
    encryption: Option<EncryptionParams>,
    /// The payload is gzip-compressed (schema 2).
    compressed: bool,
}

/// Read a plain bundle completely. An encrypted one gives [`BundleError::NeedsPassphrase`]; open
/// it with [`open_envelope`] and [`Envelope::read_decrypted`] instead.
pub fn read_bundle(text: &str) -> Result<Bundle, BundleError> {
    open_envelope(text)?.read_plain()
}

/// Read bytes as a bundle (a file as picked, before any decoding).
pub fn read_bundle_bytes(bytes: &[u8]) -> Result<Bundle, BundleError> {
    open_envelope_bytes(bytes)?.read_plain()
}

/// [`open_envelope`] from raw bytes: text that is not UTF-8 is not a bundle.
pub fn open_envelope_bytes(bytes: &[u8]) -> Result<Envelope, BundleError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| BundleError::NotJson)?;
    open_envelope(text)
}

/// Checks 1 to 4: JSON, format, schema version, checksum, and the header's own members.
pub fn open_envelope(text: &str) -> Result<Envelope, BundleError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let probe: Probe = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => BundleError::NotABundle,
        _ => BundleError::NotJson,
    })?;
    if probe.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(BundleError::NotABundle);
    }
    let schema_version = probe
        .schema_version
        .as_ref()
        .and_then(Value::as_u64)
        .ok_or_else(|| BundleError::BadEnvelope {
            detail: "schema_version is missing or not a whole number".into(),
        })?;
    if schema_version > u64::from(SCHEMA_VERSION) {
        return Err(BundleError::NewerSchema {
            schema_version,
            app_version: probe
                .app_version
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or("?")
                .chars()
                .take(40)
                .collect(),
        });
    }
    if schema_version < u64::from(OLDEST_SCHEMA_VERSION) {
        return Err(BundleError::UnsupportedSchema { schema_version });
    }
    let bad_envelope = |e: serde_json::Error| BundleError::BadEnvelope {
        detail: e.to_string(),
    };
    // Schema 2 only added `compression` and 3 only chains left out of the payload, so every
    // supported envelope reads as it is, and its checksums cover exactly what was written.
    let envelope: WireEnvelope = serde_json::from_str(text).map_err(bad_envelope)?;
    let compressed = match (envelope.compression.as_deref(), envelope.schema_version) {
        (None, _) => false,
        (Some(GZIP), v) if v >= 2 => true,
        (Some(other), _) => {
            return Err(BundleError::BadEnvelope {
                detail: format!(
                    "compression {:?} is not one this format version allows",
                    other.chars().take(20).collect::<String>()
                ),
            });
        }
    };
    let (header, payload) = envelope.split();
    if !is_sha256_hex(&header.payload_sha256)
        || sha256_hex(payload.as_bytes()) != header.payload_sha256
    {
        return Err(BundleError::ChecksumMismatch);
    }
    if let Some(expected) = &header.header_sha256
        && (!is_sha256_hex(expected) || header_digest(&header) != *expected)
    {
        return Err(BundleError::HeaderChecksumMismatch);
    }
    let checked = check_header(&header)?;
    let encryption = header
        .encryption
        .as_ref()
        .map(EncryptionParams::from_wire)
        .transpose()?;
    Ok(Envelope {
        header,
        payload,
        checked,
        encryption,
        compressed,
    })
}

pub(crate) fn vector_from_wire(
    name: &str,
    v: &WireVersionVector,
) -> Result<VersionVector, BundleError> {
    let mut vector = VersionVector::new();
    for (device, seq) in v {
        if *seq > MAX_SAFE_INTEGER {
            return Err(BundleError::BadEnvelope {
                detail: format!("{name} holds a number above 2^53 − 1"),
            });
        }
        vector.observe(DeviceId(*device), *seq);
    }
    Ok(vector)
}

fn check_header(h: &WireHeader) -> Result<BundleHeader, BundleError> {
    let bad = |detail: &str| BundleError::BadEnvelope {
        detail: detail.into(),
    };
    let created_at = DateTime::parse_from_rfc3339(&h.created_at)
        .map_err(|_| bad("created_at is not an RFC 3339 date-time"))?;
    let code = DeviceCode::parse(&h.source_device.code)
        .map_err(|_| bad("source_device.code is not a device code"))?;
    // Labels from a file are text like any other: bounded, and without control characters.
    let plain = |s: &str, max: usize| s.chars().count() <= max && !s.chars().any(char::is_control);
    if !plain(&h.source_device.label, MAX_SHORT) {
        return Err(bad(
            "source_device.label is too long or holds control characters",
        ));
    }
    if !plain(&h.app_version, 40) {
        return Err(bad("app_version is too long or holds control characters"));
    }
    if h.counts.events > MAX_SAFE_INTEGER || h.counts.blobs > MAX_SAFE_INTEGER {
        return Err(bad("counts hold a number above 2^53 − 1"));
    }
    Ok(BundleHeader {
        schema_version: h.schema_version,
        app_version: h.app_version.clone(),
        bundle_id: h.bundle_id,
        created_at,
        source: SourceDevice {
            id: DeviceId(h.source_device.id),
            code,
            label: h.source_device.label.clone(),
        },
        since: h
            .since
            .as_ref()
            .map(|s| vector_from_wire("since", s))
            .transpose()?,
        version_vector: vector_from_wire("version_vector", &h.version_vector)?,
        encrypted: h.encryption.is_some(),
    })
}

impl Envelope {
    /// The checked header: who sent it, when, what they held.
    pub fn header(&self) -> &BundleHeader {
        &self.checked
    }

    /// The encryption parameters, when the payload is encrypted.
    pub fn encryption(&self) -> Option<&EncryptionParams> {
        self.encryption.as_ref()
    }

    /// The GCM additional data to decrypt with.
    pub fn additional_data(&self) -> Vec<u8> {
        crypto::additional_data(&self.header)
    }

    /// The ciphertext‖tag to decrypt.
    pub fn ciphertext(&self) -> Result<Vec<u8>, BundleError> {
        crypto::decode_ciphertext(&self.payload)
    }

    /// Whether the payload is gzip-compressed: the platform decompresses it (after decrypting,
    /// when encrypted) and hands the result to [`Envelope::read_decompressed`].
    pub fn compressed(&self) -> bool {
        self.compressed
    }

    /// The gzip bytes of a compressed, unencrypted payload.
    pub fn gzip(&self) -> Result<Vec<u8>, BundleError> {
        STANDARD
            .decode(&self.payload)
            .map_err(|_| BundleError::BadPayload {
                detail: "the compressed payload is not base64".into(),
            })
    }

    /// Checks 6 and 7 on a plain payload.
    pub fn read_plain(self) -> Result<Bundle, BundleError> {
        if self.encryption.is_some() {
            return Err(BundleError::NeedsPassphrase);
        }
        if self.compressed {
            return Err(BundleError::BadCompression);
        }
        read_payload(&self.header, self.checked, &self.payload)
    }

    /// Checks 6 and 7 on the payload JSON the platform decompressed (from [`Envelope::gzip`],
    /// or from the decrypted bytes). A gzip stream that does not decompress is
    /// [`BundleError::BadCompression`]; the caller returns that without calling this.
    pub fn read_decompressed(self, json: &[u8]) -> Result<Bundle, BundleError> {
        let text = std::str::from_utf8(json).map_err(|_| BundleError::BadPayload {
            detail: "the decompressed payload is not UTF-8".into(),
        })?;
        read_payload(&self.header, self.checked, text)
    }

    /// Checks 6 and 7 on the plaintext the platform decrypted. A failed decryption is
    /// [`BundleError::WrongPassphrase`]; the caller returns that without calling this.
    pub fn read_decrypted(self, plaintext: &[u8]) -> Result<Bundle, BundleError> {
        let text = std::str::from_utf8(plaintext).map_err(|_| BundleError::WrongPassphrase)?;
        read_payload(&self.header, self.checked, text)
    }
}

fn read_payload(
    header: &WireHeader,
    checked: BundleHeader,
    payload: &str,
) -> Result<Bundle, BundleError> {
    let wire: WirePayload = match serde_json::from_str(payload) {
        Ok(p) => p,
        Err(e) => return Err(diagnose_payload(payload, e)),
    };
    let declared_events = header.counts.events;
    let found_events = wire.events.len() as u64;
    let declared_blobs = header.counts.blobs;
    let found_blobs = wire.blobs.len() as u64;
    let (mut events, blobs) = check_wire(wire.events, wire.blobs)?;
    let commitments = if header.schema_version >= COMPACT_SCHEMA_VERSION {
        seal::derive_chains(&mut events)
    } else {
        Default::default()
    };
    if declared_events != found_events {
        return Err(BundleError::CountsMismatch {
            what: Counted::Events,
            declared: declared_events,
            found: found_events,
        });
    }
    if declared_blobs != found_blobs {
        return Err(BundleError::CountsMismatch {
            what: Counted::Blobs,
            declared: declared_blobs,
            found: found_blobs,
        });
    }
    Ok(Bundle {
        header: checked,
        events,
        blobs,
        commitments,
    })
}

/// Every event and blob of a payload (a file's, or documents from a server) against the
/// schema and the checks every way in runs: each event once, each record of one kind, each
/// blob matching its SHA-256. The first failure is returned.
pub(crate) fn check_wire(
    events_in: Vec<WireEvent>,
    blobs_in: Vec<WireBlob>,
) -> Result<(Vec<Event>, Vec<Blob>), BundleError> {
    let mut events: Vec<Event> = Vec::with_capacity(events_in.len());
    let mut positions: BTreeMap<EventId, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<RecordId, RecordKind> = BTreeMap::new();
    for (i, w) in events_in.into_iter().enumerate() {
        let index = i + 1;
        let id = w.id.to_string();
        let event = w.into_domain().map_err(|e| BundleError::BadEvent {
            index,
            id: Some(id.clone()),
            detail: e.0,
        })?;
        check_record(&event).map_err(|detail| BundleError::BadEvent {
            index,
            id: Some(id),
            detail,
        })?;
        admit::check_event(&event).map_err(|error| BundleError::InvalidEvent {
            index,
            id: event.id,
            kind: event.body.kind_name(),
            error,
        })?;
        // Every event of one record is of that record's kind.
        let kind = event.body.record_kind();
        if *kinds.entry(event.record).or_insert(kind) != kind {
            return Err(BundleError::MixedRecord {
                id: event.id,
                record: event.record,
            });
        }
        // The same event twice is harmless; the same id with other content is corruption.
        match positions.get(&event.id) {
            Some(&at) if content_hash(&events[at]) == content_hash(&event) => continue,
            Some(_) => return Err(BundleError::ConflictingEvent { id: event.id }),
            None => {
                positions.insert(event.id, events.len());
                events.push(event);
            }
        }
    }
    let mut blobs = Vec::with_capacity(blobs_in.len());
    for (i, b) in blobs_in.into_iter().enumerate() {
        blobs.push(read_blob(i + 1, b)?);
    }
    Ok((events, blobs))
}

/// Settings events belong to the settings record, and nothing else does.
fn check_record(e: &Event) -> Result<(), String> {
    admit::check_record(e.body.record_kind(), e.record).map_err(|_| {
        if e.record == RecordId::SETTINGS {
            "record: only settings changes may name the settings record".into()
        } else {
            "record: a settings change must name the settings record".into()
        }
    })
}

fn read_blob(index: usize, b: WireBlob) -> Result<Blob, BundleError> {
    let bad = |detail: &str| BundleError::BadBlob {
        index,
        sha256: b.sha256.chars().take(64).collect(),
        detail: detail.into(),
    };
    if !is_sha256_hex(&b.sha256) {
        return Err(bad("its key is not a SHA-256"));
    }
    let bytes = STANDARD
        .decode(&b.data_b64)
        .map_err(|_| bad("its data is not base64"))?;
    if bytes.len() as u64 != b.size {
        return Err(bad("its size does not match its data"));
    }
    if sha256_hex(&bytes) != b.sha256 {
        return Err(bad("its data does not match its SHA-256"));
    }
    Ok(Blob {
        sha256: b.sha256.clone(),
        mime: b.mime.clone(),
        bytes,
    })
}

/// The payload did not parse in one go: find which part is wrong, to name it.
fn diagnose_payload(payload: &str, error: serde_json::Error) -> BundleError {
    let Ok(value) = serde_json::from_str::<Value>(payload) else {
        return BundleError::BadPayload {
            detail: format!("not JSON: {error}"),
        };
    };
    let list = |name: &str| value.get(name).and_then(Value::as_array);
    let (Some(events), Some(blobs)) = (list("events"), list("blobs")) else {
        return BundleError::BadPayload {
            detail: "it needs an \"events\" list and a \"blobs\" list".into(),
        };
    };
    for (i, e) in events.iter().enumerate() {
        // The format's tagged objects read from text only (see `format::tagged`).
        if let Err(err) = serde_json::from_str::<WireEvent>(&e.to_string()) {
            return BundleError::BadEvent {
                index: i + 1,
                id: e
                    .get("id")
                    .and_then(Value::as_str)
                    .map(|s| s.chars().take(40).collect()),
                detail: err.to_string(),
            };
        }
    }
    for (i, b) in blobs.iter().enumerate() {
        if let Err(err) = WireBlob::deserialize(b) {
            return BundleError::BadBlob {
                index: i + 1,
                sha256: b
                    .get("sha256")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .chars()
                    .take(64)
                    .collect(),
                detail: err.to_string(),
            };
        }
    }
    BundleError::BadPayload {
        detail: error.to_string(),
    }
}
