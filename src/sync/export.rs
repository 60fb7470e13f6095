//! Writing a bundle: a full export, or an incremental one for a peer. Time, ids and random bytes
//! come in as parameters; nothing here reads a clock.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use crate::domain::{DeviceId, Event, EventBody, EventId, FieldChange, VersionVector};

use super::bundle::{Blob, SourceDevice};
use super::crypto::{self, EncryptionParams};
use super::digest::{header_digest, sha256_hex};
use crate::format::event::time_to_wire;
use crate::format::seal;
use crate::format::{
    COMPACT_SCHEMA_VERSION, FORMAT, GZIP, GZIP_SCHEMA_VERSION, PLAIN_SCHEMA_VERSION, WireBlob,
    WireCounts, WireEnvelope, WireEvent, WireHeader, WirePayload, WireSourceDevice,
    WireVersionVector,
};

/// What every export needs besides the choice of events.
#[derive(Clone, Copy, Debug)]
pub struct ExportInput<'a> {
    /// The exporting device.
    pub source: &'a SourceDevice,
    /// The app's version, e.g. `env!("CARGO_PKG_VERSION")`.
    pub app_version: &'a str,
    /// A fresh UUID v7 for this file.
    pub bundle_id: Uuid,
    /// Now, with the device's offset; also names the file.
    pub created_at: DateTime<FixedOffset>,
    /// Every event the device holds.
    pub events: &'a [Event],
    /// Every attachment the device holds.
    pub blobs: &'a [Blob],
    /// Leave out the chains the reader derives again (schema 3, read by this version and
    /// later): for a file that will be compressed, where the chains are most of what is left.
    /// Without it the file is schema 1 (or 2 once compressed), which earlier versions read.
    pub compact: bool,
}

/// A finished file: its name and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleFile {
    pub file_name: String,
    pub contents: String,
}

/// A bundle written but not yet sealed: write it plain with [`BundleDraft::into_plain`], or
/// encrypt [`BundleDraft::plaintext`] with [`BundleDraft::additional_data`] and finish with
/// [`BundleDraft::into_encrypted`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleDraft {
    header: WireHeader,
    payload: String,
    /// The payload's UTF-8 bytes gzip-compressed by the platform, once [`BundleDraft::gzipped`].
    gzip: Option<Vec<u8>>,
    file_name: String,
    personal_data: bool,
}

/// The version vector of a set of events: per device, the highest `seq` up to which every seq
/// is present. A gap (a dropped bundle relayed around) stops the count, so a peer is sent the
/// missing events again rather than never.
pub fn held_vector<'a>(events: impl IntoIterator<Item = &'a Event>) -> VersionVector {
    let mut seqs: BTreeMap<DeviceId, BTreeSet<u64>> = BTreeMap::new();
    for e in events {
        seqs.entry(e.device).or_default().insert(e.seq);
    }
    vector_of_seqs(&seqs)
}

pub(crate) fn vector_of_seqs(seqs: &BTreeMap<DeviceId, BTreeSet<u64>>) -> VersionVector {
    let mut vector = VersionVector::new();
    for (device, held) in seqs {
        let contiguous = held
            .iter()
            .zip(1u64..)
            .take_while(|(seq, expected)| **seq == *expected)
            .count() as u64;
        if contiguous > 0 {
            vector.observe(*device, contiguous);
        }
    }
    vector
}

/// The file name the contract asks for: `complaints-<device code>-<yyyyMMdd-HHmm>.json`.
pub fn file_name(source: &SourceDevice, created_at: DateTime<FixedOffset>) -> String {
    format!(
        "complaints-{}-{}.json",
        source.code,
        created_at.format("%Y%m%d-%H%M")
    )
}

/// Whether events carry personal data (names, phone numbers, addresses): encryption is then on
/// by default.
pub fn holds_personal_data<'a>(events: impl IntoIterator<Item = &'a Event>) -> bool {
    events.into_iter().any(|e| match &e.body {
        EventBody::Received { details, .. } => {
            let c = &details.complainant;
            details.caller_number.is_some()
                || c.name.is_some()
                || c.phone.is_some()
                || c.unit.is_some()
                || c.address.is_some()
                || c.preferred_contact.is_some()
        }
        EventBody::FieldEdited { change } => change.is_personal() && !is_cleared(change),
        _ => false,
    })
}

fn is_cleared(change: &FieldChange) -> bool {
    matches!(
        change,
        FieldChange::CallerNumber(None)
            | FieldChange::ComplainantName(None)
            | FieldChange::ComplainantPhone(None)
            | FieldChange::ComplainantUnit(None)
            | FieldChange::ComplainantAddress(None)
            | FieldChange::PreferredContact(None)
    )
}

/// Every event and attachment the device holds.
pub fn export_full(input: ExportInput<'_>) -> BundleDraft {
    let events: Vec<&Event> = input.events.iter().collect();
    let blobs: Vec<&Blob> = input.blobs.iter().collect();
    draft(input, None, events, blobs)
}

/// Every event `peer` is not known to have (other devices' events included, so a device can
/// relay), and the attachments those events point at.
pub fn export_incremental(input: ExportInput<'_>, peer: &VersionVector) -> BundleDraft {
    let events: Vec<&Event> = input
        .events
        .iter()
        .filter(|e| !peer.covers(e.device, e.seq))
        .collect();
    let wanted: BTreeSet<&str> =
        crate::domain::order::set(events.iter().flat_map(|e| e.body.blobs()));
    let blobs: Vec<&Blob> = input
        .blobs
        .iter()
        .filter(|b| wanted.contains(b.sha256.as_str()))
        .collect();
    draft(input, Some(peer), events, blobs)
}

/// An attachment as the file format carries it: its bytes in base64.
pub(crate) fn wire_blob(b: &Blob) -> WireBlob {
    WireBlob {
        sha256: b.sha256.clone(),
        mime: b.mime.clone(),
        size: b.bytes.len() as u64,
        data_b64: base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &b.bytes),
    }
}

pub(crate) fn wire_vector(v: &VersionVector) -> WireVersionVector {
    crate::domain::order::map(v.iter().map(|(d, s)| (d.0, *s)))
}

fn draft(
    input: ExportInput<'_>,
    since: Option<&VersionVector>,
    mut events: Vec<&Event>,
    mut blobs: Vec<&Blob>,
) -> BundleDraft {
    // In fold order; a compact file puts the events of one kind side by side first: their
    // members and wording repeat, which gzip finds near at hand (a quarter smaller). The
    // reader does not depend on the order.
    let compact = input.compact;
    crate::domain::order::sort_by_key(&mut events, |e| {
        (compact.then(|| e.body.kind_name()), e.order_key())
    });
    let mut seen: BTreeSet<EventId> = BTreeSet::new();
    events.retain(|e| seen.insert(e.id));
    crate::domain::order::sort_by(&mut blobs, |a, b| a.sha256.cmp(&b.sha256));
    blobs.dedup_by(|a, b| a.sha256 == b.sha256);
    let omit = if input.compact {
        seal::derivable_chains(&events)
    } else {
        vec![false; events.len()]
    };
    let payload = WirePayload {
        events: events
            .iter()
            .zip(omit)
            .map(|(e, omit)| {
                let mut w = WireEvent::from(*e);
                if omit {
                    w.chain = None;
                }
                w
            })
            .collect(),
        blobs: blobs.iter().map(|b| wire_blob(b)).collect(),
    };
    let payload = serde_json::to_string(&payload).unwrap_or_default();
    let source = input.source;
    let header = WireHeader {
        format: FORMAT.into(),
        schema_version: if input.compact {
            COMPACT_SCHEMA_VERSION
        } else {
            PLAIN_SCHEMA_VERSION
        },
        app_version: input.app_version.into(),
        bundle_id: input.bundle_id,
        created_at: time_to_wire(&input.created_at),
        source_device: WireSourceDevice {
            id: source.id.0,
            code: source.code.as_str().into(),
            label: source.label.clone(),
        },
        since: since.map(wire_vector),
        version_vector: wire_vector(&held_vector(input.events)),
        counts: WireCounts {
            events: events.len() as u64,
            blobs: blobs.len() as u64,
        },
        payload_sha256: sha256_hex(payload.as_bytes()),
        header_sha256: None,
        compression: None,
        encryption: None,
    };
    BundleDraft {
        header,
        payload,
        gzip: None,
        file_name: file_name(source, input.created_at),
        personal_data: holds_personal_data(events.iter().copied()),
    }
}

/// The header with its own checksum, once every other member is final.
fn sealed(mut header: WireHeader) -> WireHeader {
    header.header_sha256 = Some(header_digest(&header));
    header
}

impl BundleDraft {
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn event_count(&self) -> u64 {
        self.header.counts.events
    }

    pub fn blob_count(&self) -> u64 {
        self.header.counts.blobs
    }

    /// Whether the events carry personal data; the UI turns encryption on by default then.
    pub fn holds_personal_data(&self) -> bool {
        self.personal_data
    }

    /// The payload JSON in UTF-8, to compress.
    pub fn payload_bytes(&self) -> &[u8] {
        self.payload.as_bytes()
    }

    /// The draft of a compressed file (`"compression": "gzip"`, schema 2, or 3 when compact),
    /// from the gzip of [`BundleDraft::payload_bytes`] the platform made. Without it a full
    /// file stays schema 1, which every version reads.
    pub fn gzipped(mut self, gzip: Vec<u8>) -> Self {
        self.header.schema_version = self.header.schema_version.max(GZIP_SCHEMA_VERSION);
        self.header.compression = Some(GZIP.into());
        self.gzip = Some(gzip);
        self
    }

    /// The file without encryption.
    pub fn into_plain(self) -> BundleFile {
        let mut header = self.header;
        let payload = match &self.gzip {
            Some(gzip) => {
                let text = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, gzip);
                header.payload_sha256 = sha256_hex(text.as_bytes());
                text
            }
            None => self.payload,
        };
        let envelope = WireEnvelope::new(sealed(header), payload);
        BundleFile {
            file_name: self.file_name,
            contents: serde_json::to_string(&envelope).unwrap_or_default(),
        }
    }

    /// The bytes to encrypt: the payload JSON in UTF-8, or its gzip.
    pub fn plaintext(&self) -> &[u8] {
        self.gzip.as_deref().unwrap_or(self.payload.as_bytes())
    }

    /// The GCM additional data of the file this draft becomes when sealed with `params`.
    pub fn additional_data(&self, params: &EncryptionParams) -> Vec<u8> {
        let mut header = self.header.clone();
        header.encryption = Some(params.to_wire());
        crypto::additional_data(&header)
    }

    /// The encrypted file, from the ciphertext‖tag the platform made with
    /// [`BundleDraft::plaintext`], [`BundleDraft::additional_data`] and `params`.
    pub fn into_encrypted(self, params: &EncryptionParams, ciphertext: &[u8]) -> BundleFile {
        let payload = crypto::encode_ciphertext(ciphertext);
        let mut header = self.header;
        header.encryption = Some(params.to_wire());
        header.payload_sha256 = sha256_hex(payload.as_bytes());
        let envelope = WireEnvelope::new(sealed(header), payload);
        BundleFile {
            file_name: self.file_name,
            contents: serde_json::to_string(&envelope).unwrap_or_default(),
        }
    }
}
