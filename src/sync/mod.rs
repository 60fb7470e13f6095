//! Bundle files: envelope, checksum, encryption, merge planning, CSV. Pure; see ARCHITECTURE.md.
//!
//! The contract is `shared/spec/bundle.md`; the event vocabulary and the JSON Schema of the file
//! are in `docs/events.md` and `docs/bundle.schema.json`.
//!
//! - Export: [`export_full`], [`export_incremental`] give a [`BundleDraft`]; finish it with
//!   [`BundleDraft::into_plain`], or encrypt [`BundleDraft::plaintext`] with
//!   [`BundleDraft::additional_data`] and finish with [`BundleDraft::into_encrypted`].
//! - Import: [`read_bundle`] (plain), or [`open_envelope`] → decrypt on the platform →
//!   [`Envelope::read_decrypted`]; then [`plan_import`] against what the device [`Holdings`]
//!   gives an [`ImportPlan`] with its [`ImportPreview`]. Storage writes the plan.
//! - Every refusal is a [`BundleError`] with a message in both languages.
//! - CSV: [`complaints_csv`], [`statistics_csv`].
//!
//! sync never imports storage or the UI, and reads no clock and no random source.

pub mod bundle;
pub mod couch;
pub mod crypto;
pub mod csv;
pub mod digest;
pub mod error;
pub mod export;
pub mod plan;
pub mod read;

pub use bundle::{Blob, Bundle, BundleHeader, SourceDevice};
pub use crypto::{EncryptionParams, additional_data};
pub use csv::{StatRow, complaints_csv, statistics_csv, statistics_header, statistics_rows};
pub use digest::{content_hash, sha256_hex};
pub use error::{BundleError, Counted};
pub use export::{
    BundleDraft, BundleFile, ExportInput, export_full, export_incremental, file_name, held_vector,
    holds_personal_data,
};
pub use plan::{
    EventLog, FlaggedComplaint, HeldSnapshot, Here, Holdings, ImportOutcome, ImportPlan,
    ImportPreview, StoredEvent, links_wanted, plan_import, snapshot_needs,
};
pub use read::{Envelope, open_envelope, open_envelope_bytes, read_bundle, read_bundle_bytes};
