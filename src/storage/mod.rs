//! The only code that touches IndexedDB (rexie), localStorage (gloo-storage) and `JsValue`.
//!
//! Every failure comes back as a [`StorageError`] value; the UI turns it into a message in the
//! user's language. Nothing here holds a business rule.

pub mod db;
pub mod persist;
pub mod prefs;

pub use db::Db;

/// Why a storage operation failed. A failed write has changed nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused to open (private mode, disabled by policy).
    Unavailable(String),
    /// The device is out of space for this origin; the write was rolled back.
    QuotaExceeded,
    /// The transaction ended without committing; nothing was written.
    NotCommitted,
    /// A stored value could not be read back as the expected type.
    Corrupt(String),
    /// Any other IndexedDB failure, with the browser's own words.
    Failed(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "IndexedDB unavailable: {why}"),
            StorageError::QuotaExceeded => write!(f, "storage quota exceeded"),
            StorageError::NotCommitted => write!(f, "transaction did not commit"),
            StorageError::Corrupt(why) => write!(f, "stored value unreadable: {why}"),
            StorageError::Failed(why) => write!(f, "IndexedDB error: {why}"),
        }
    }
}

impl std::error::Error for StorageError {}

impl From<rexie::Error> for StorageError {
    fn from(err: rexie::Error) -> Self {
        let text = format!("{err:?}");
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Failed(text)
        }
    }
}
