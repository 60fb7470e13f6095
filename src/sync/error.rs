//! Why a bundle is refused: one value per problem. `ui::i18n` says each in Chinese or English,
//! naming the problem and what to do. A refused bundle writes nothing.

use std::fmt;

use crate::domain::{EventId, RecordId, ValidationError};
pub use crate::format::seal::BreakKind;

/// Which list the counts disagree about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Events,
    Blobs,
}

/// A bundle that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    /// Not JSON at all, or cut off part way (a truncated transfer).
    NotJson,
    /// JSON, but not a complaint bundle (`format` missing or different).
    NotABundle,
    /// Written by a newer app whose format this one cannot read.
    NewerSchema {
        schema_version: u64,
        app_version: String,
    },
    /// Older than any format this app can migrate.
    UnsupportedSchema { schema_version: u64 },
    /// The envelope's members are missing or malformed.
    BadEnvelope { detail: String },
    /// The payload does not hash to `payload_sha256`.
    ChecksumMismatch,
    /// The bundle is encrypted; a passphrase is needed to open it.
    NeedsPassphrase,
    /// Decryption failed: the passphrase is wrong (or the file was altered).
    WrongPassphrase,
    /// Encrypted with an algorithm this app does not know.
    UnsupportedEncryption { detail: String },
    /// The payload is not the payload object.
    BadPayload { detail: String },
    /// One event does not match the schema; `index` counts from 1.
    BadEvent {
        index: usize,
        id: Option<String>,
        detail: String,
    },
    /// One attachment is broken; `index` counts from 1.
    BadBlob {
        index: usize,
        sha256: String,
        detail: String,
    },
    /// `counts` disagrees with the payload.
    CountsMismatch {
        what: Counted,
        declared: u64,
        found: u64,
    },
    /// An event with this id exists with other content (in the file, or on this device).
    ConflictingEvent { id: EventId },
    /// One event's data fails the check of the command that makes it; `index` counts from 1.
    InvalidEvent {
        index: usize,
        id: EventId,
        kind: &'static str,
        error: ValidationError,
    },
    /// An event's clock lies too far ahead of this device's time: the device that made it
    /// (its code and label when the file says, else its id) has a wrong clock.
    ClockAhead {
        device: String,
        id: EventId,
        /// The event's clock, as a date and time (UTC).
        at: String,
        /// How far ahead this device accepts, in hours.
        hours: u64,
    },
    /// An event names a record of another kind (a complaint event on a roster entry, …).
    MixedRecord { id: EventId, record: RecordId },
    /// The header does not hash to `header_sha256`: it was edited.
    HeaderChecksumMismatch,
    /// This device wrote the file: importing it would change nothing.
    OwnFile,
    /// The compressed payload does not decompress: cut short or damaged.
    BadCompression,
    /// The compressed payload decompresses to more than this app reads (in MiB).
    TooLarge { limit_mib: usize },
    /// This browser cannot decompress files (no `DecompressionStream`).
    NoDecompression,
    /// A device's chain of events breaks at this event: it or the one before was edited,
    /// removed or inserted after it was made (see [`crate::format::seal`]).
    BrokenChain {
        id: EventId,
        seq: u64,
        /// The device's code and label when the file says, else its id.
        device: String,
        kind: BreakKind,
    },
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for BundleError {}
