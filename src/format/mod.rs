//! The one versioned data format: what bundle files carry and what IndexedDB keeps.
//!
//! The envelope, the payload and blobs (types here), events ([`event`]) and the stored
//! bookkeeping ([`stored`]). `sync` writes and reads files with it, `storage` writes and reads
//! the database with it; domain types carry no serde of their own for events. The format only
//! changes when this module does; `tests/golden/` holds files written by earlier versions that
//! every later version must read unchanged.

pub mod event;
pub mod seal;
pub mod stored;
mod tagged;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use event::{EVENT_KINDS, MAX_SAFE_INTEGER, WireBody, WireError, WireEvent};

/// The value of `format`.
pub const FORMAT: &str = "complaint-bundle";

/// The newest `schema_version` this app writes and reads: 2 added `compression`; 3 lets a
/// file leave out each chain that follows from the previous event in it
/// ([`seal::derivable_chains`]), which the reader derives again ([`seal::derive_chains`]).
pub const SCHEMA_VERSION: u32 = 3;

/// The `schema_version` of a compressed file whose events all carry their chains.
pub const GZIP_SCHEMA_VERSION: u32 = 2;

/// The `schema_version` of a file that leaves derivable chains out (compressed or not).
pub const COMPACT_SCHEMA_VERSION: u32 = 3;

/// The `schema_version` of a file without `compression`: such a file is exactly what the first
/// release wrote, and every version reads it.
pub const PLAIN_SCHEMA_VERSION: u32 = 1;

/// The value of `compression` for a gzip-compressed payload (schema 2 and later).
pub const GZIP: &str = "gzip";

/// The device that wrote the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSourceDevice {
    pub id: Uuid,
    pub code: String,
    pub label: String,
}

/// How many events and blobs the payload holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireCounts {
    pub events: u64,
    pub blobs: u64,
}

/// The `encryption` object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEncryption {
    pub alg: String,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub iv: String,
}

/// A version vector: device id → highest seq.
pub type WireVersionVector = BTreeMap<Uuid, u64>;

/// The envelope: everything but the payload. Its members appear in the file in this order,
/// and [`crate::sync::crypto::additional_data`] serialises them in this order too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireHeader {
    pub format: String,
    pub schema_version: u32,
    pub app_version: String,
    pub bundle_id: Uuid,
    pub created_at: String,
    pub source_device: WireSourceDevice,
    pub since: Option<WireVersionVector>,
    pub version_vector: WireVersionVector,
    pub counts: WireCounts,
    pub payload_sha256: String,
    /// SHA-256 of the header without this member (see `sync::digest::header_digest`); absent
    /// in files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_sha256: Option<String>,
    /// `"gzip"` when the payload is gzip-compressed (then base64, or encrypted); absent in a
    /// plain file (schema 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    pub encryption: Option<WireEncryption>,
}

/// The whole file: the header's members followed by `payload`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEnvelope {
    pub format: String,
    pub schema_version: u32,
    pub app_version: String,
    pub bundle_id: Uuid,
    pub created_at: String,
    pub source_device: WireSourceDevice,
    pub since: Option<WireVersionVector>,
    pub version_vector: WireVersionVector,
    pub counts: WireCounts,
    pub payload_sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
    pub encryption: Option<WireEncryption>,
    pub payload: String,
}

impl WireEnvelope {
    pub fn new(header: WireHeader, payload: String) -> Self {
        let WireHeader {
            format,
            schema_version,
            app_version,
            bundle_id,
            created_at,
            source_device,
            since,
            version_vector,
            counts,
            payload_sha256,
            header_sha256,
            compression,
            encryption,
        } = header;
        WireEnvelope {
            format,
            schema_version,
            app_version,
            bundle_id,
            created_at,
            source_device,
            since,
            version_vector,
            counts,
            payload_sha256,
            header_sha256,
            compression,
            encryption,
            payload,
        }
    }

    /// The header and the payload, apart.
    pub fn split(self) -> (WireHeader, String) {
        let WireEnvelope {
            format,
            schema_version,
            app_version,
            bundle_id,
            created_at,
            source_device,
            since,
            version_vector,
            counts,
            payload_sha256,
            header_sha256,
            compression,
            encryption,
            payload,
        } = self;
        (
            WireHeader {
                format,
                schema_version,
                app_version,
                bundle_id,
                created_at,
                source_device,
                since,
                version_vector,
                counts,
                payload_sha256,
                header_sha256,
                compression,
                encryption,
            },
            payload,
        )
    }
}

/// One attachment: its bytes in base64 with their SHA-256, type and size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireBlob {
    pub sha256: String,
    pub mime: String,
    pub size: u64,
    pub data_b64: String,
}

/// The plain payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WirePayload {
    pub events: Vec<WireEvent>,
    pub blobs: Vec<WireBlob>,
}
