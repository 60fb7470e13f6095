//! A bundle as the rest of the app sees it: checked header, domain events, attachments.

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use crate::domain::{DeviceCode, DeviceId, Event, EventId, VersionVector};

/// The device a bundle comes from (or is written by).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDevice {
    pub id: DeviceId,
    pub code: DeviceCode,
    pub label: String,
}

/// An attachment (photo, audio, document), keyed by the SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blob {
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

impl Blob {
    /// An attachment from its bytes; the key is computed here.
    pub fn new(mime: impl Into<String>, bytes: Vec<u8>) -> Self {
        Blob {
            sha256: super::digest::sha256_hex(&bytes),
            mime: mime.into(),
            bytes,
        }
    }
}

/// What the envelope says, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleHeader {
    pub schema_version: u32,
    pub app_version: String,
    pub bundle_id: Uuid,
    pub created_at: DateTime<FixedOffset>,
    pub source: SourceDevice,
    /// The vector an incremental export started from; `None` for a full export.
    pub since: Option<VersionVector>,
    /// What the source held when it wrote the file.
    pub version_vector: VersionVector,
    pub encrypted: bool,
}

/// A bundle that passed every check: its events (each id once) and attachments.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub header: BundleHeader,
    pub events: Vec<Event>,
    pub blobs: Vec<Blob>,
    /// Commitments ([`crate::format::seal::commitment`]) the reading already computed, by
    /// event id: those of the chains a compact file left out. The import's plan takes them
    /// rather than compute each again (a SHA-256 over the event's canonical JSON). Whoever
    /// changes an event here drops its entry.
    pub commitments: std::collections::HashMap<EventId, String>,
}

/// Two bundles are equal when their header, events and attachments are: the commitments are
/// the events' own, whichever were kept.
impl PartialEq for Bundle {
    fn eq(&self, other: &Self) -> bool {
        self.header == other.header && self.events == other.events && self.blobs == other.blobs
    }
}

impl Eq for Bundle {}
