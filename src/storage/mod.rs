//! The only code that touches IndexedDB (rexie), localStorage (gloo-storage) and `JsValue`.
//!
//! Every failure comes back as a [`StorageError`] value; `ui::i18n` says it in the user's
//! language.
//! A failed write has changed nothing. Nothing here holds a business rule: records are folded
//! by `domain`, and this module only keeps events and the caches of their fold.

pub mod blobs;
pub mod db;
pub mod drafts;
pub mod identity;
pub mod persist;
pub mod prefs;
pub mod repo;
pub mod watch;

pub use db::Db;
pub use identity::Identity;
pub use repo::{AppendReport, Repo};

use crate::domain::EventId;

/// Why a storage operation failed. A failed write has changed nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused to open (private mode, disabled by policy).
    Unavailable(String),
    /// Another open tab keeps an older version of the database open, so it cannot upgrade.
    Blocked,
    /// Another tab upgraded the database; this tab must reload before it can write again.
    VersionChanged,
    /// The device is out of space for this origin; the write was rolled back.
    QuotaExceeded,
    /// The transaction ended without committing; nothing was written.
    NotCommitted,
    /// An incoming event has the id of a stored event but different content.
    EventMismatch(EventId),
    /// A stored value could not be read back as the expected type.
    Corrupt(String),
    /// Any other IndexedDB failure, with the browser's own words.
    Failed(String),
}

impl StorageError {
    /// Classifies a browser error by its DOMException name.
    pub fn from_js(value: &wasm_bindgen::JsValue) -> StorageError {
        use wasm_bindgen::JsCast;
        let (name, text) = match value.dyn_ref::<web_sys::DomException>() {
            Some(e) => (e.name(), e.message()),
            None => (String::new(), format!("{value:?}")),
        };
        match name.as_str() {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            "VersionError" | "InvalidStateError" if text.contains("version") => {
                StorageError::VersionChanged
            }
            _ if text.is_empty() => StorageError::Failed(name),
            _ => StorageError::Failed(format!("{name}: {text}")),
        }
    }
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for StorageError {}

impl From<rexie::Error> for StorageError {
    fn from(err: rexie::Error) -> Self {
        // rexie's own Display hides the browser's words; the inner idb error carries them.
        let text = match &err {
            rexie::Error::IdbError(inner) => inner.to_string(),
            other => other.to_string(),
        };
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Failed(text)
        }
    }
}
