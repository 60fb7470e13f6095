//! Preferences of this device in localStorage (gloo-storage). They never sync.

use gloo_storage::{LocalStorage, Storage};

const LANGUAGE: &str = "complaints.language";
const PERSIST_ASKED: &str = "complaints.persist_asked";

/// The saved UI language tag (`"zh"` or `"en"`), if one was chosen.
pub fn language() -> Option<String> {
    LocalStorage::get(LANGUAGE).ok()
}

/// Remembers the UI language tag. A full or blocked localStorage only loses the preference.
pub fn set_language(tag: &str) {
    let _ = LocalStorage::set(LANGUAGE, tag);
}

/// Whether this device already asked the browser for persistent storage.
pub fn persistence_asked() -> bool {
    LocalStorage::get::<bool>(PERSIST_ASKED).unwrap_or(false)
}

/// Records that persistent storage was asked for, so it is asked only on first use.
pub fn set_persistence_asked() {
    let _ = LocalStorage::set(PERSIST_ASKED, true);
}
