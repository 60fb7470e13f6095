//! Preferences of this device in localStorage (gloo-storage). They never sync.

use gloo_storage::{LocalStorage, Storage};

const LANGUAGE: &str = "complaints.language";
const PERSIST_ASKED: &str = "complaints.persist_asked";

/// The saved UI language tag (`"zh"` or `"en"`), if one was chosen.
pub fn language() -> Option<String> {
    LocalStorage::get(LANGUAGE).ok()
}

/// Remembers the UI language tag. A full or blocked localStorage is reported: the language
/// still switches for this visit.
pub fn set_language(tag: &str) -> Result<(), super::StorageError> {
    saved(LocalStorage::set(LANGUAGE, tag))
}

/// Whether this device already asked the browser for persistent storage.
pub fn persistence_asked() -> bool {
    LocalStorage::get::<bool>(PERSIST_ASKED).unwrap_or(false)
}

/// Records that persistent storage was asked for, so it is asked only on first use.
pub fn set_persistence_asked() -> Result<(), super::StorageError> {
    saved(LocalStorage::set(PERSIST_ASKED, true))
}

const INSECURE_SEEN: &str = "complaints.insecure_notice_seen";

/// Whether the person has read the notice about a page without a secure context.
pub fn insecure_notice_seen() -> bool {
    LocalStorage::get::<bool>(INSECURE_SEEN).unwrap_or(false)
}

/// Remembers that the notice was read, so it shows once on this device.
pub fn set_insecure_notice_seen() -> Result<(), super::StorageError> {
    saved(LocalStorage::set(INSECURE_SEEN, true))
}

const CURRENT_USER: &str = "complaints.current_user";
const LOCK_MINUTES: &str = "complaints.lock_minutes";
const PIN_HASH: &str = "complaints.pin";

/// The roster id of the person using this tablet, if one was chosen.
pub fn current_user() -> Option<String> {
    LocalStorage::get(CURRENT_USER).ok()
}

/// A localStorage write that failed (full, or blocked by the browser).
fn saved(
    result: Result<(), gloo_storage::errors::StorageError>,
) -> Result<(), super::StorageError> {
    result.map_err(|e| super::StorageError::Failed(e.to_string()))
}

/// Remembers who uses this tablet (`None` signs out).
pub fn set_current_user(person: Option<&str>) -> Result<(), super::StorageError> {
    match person {
        Some(id) => saved(LocalStorage::set(CURRENT_USER, id)),
        None => {
            LocalStorage::delete(CURRENT_USER);
            Ok(())
        }
    }
}

/// Minutes of inactivity before the PIN lock; `None` when the lock is off.
pub fn lock_minutes() -> Option<u32> {
    LocalStorage::get(LOCK_MINUTES).ok()
}

pub fn set_lock_minutes(minutes: Option<u32>) -> Result<(), super::StorageError> {
    match minutes {
        Some(m) => saved(LocalStorage::set(LOCK_MINUTES, m)),
        None => {
            LocalStorage::delete(LOCK_MINUTES);
            Ok(())
        }
    }
}

/// A PIN as stored: a random salt and the SHA-256 of salt and PIN, both hex. Never the PIN.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PinHash {
    pub salt: String,
    pub hash: String,
}

impl PinHash {
    /// Hashes `pin` with `salt` (hex).
    pub fn new(pin: &str, salt: &str) -> PinHash {
        let hash = super::blobs::sha256_hex(format!("{salt}:{pin}").as_bytes());
        PinHash {
            salt: salt.into(),
            hash,
        }
    }

    /// Whether `pin` is the PIN this hash was made from.
    pub fn matches(&self, pin: &str) -> bool {
        PinHash::new(pin, &self.salt).hash == self.hash
    }
}

/// The PIN hash of this tablet, if a PIN is set.
pub fn pin_hash() -> Option<PinHash> {
    LocalStorage::get(PIN_HASH).ok()
}

pub fn set_pin_hash(pin: Option<&PinHash>) -> Result<(), super::StorageError> {
    match pin {
        Some(p) => saved(LocalStorage::set(PIN_HASH, p)),
        None => {
            LocalStorage::delete(PIN_HASH);
            Ok(())
        }
    }
}

const PIN_TRIES: &str = "complaints.pin_tries";

/// Wrong personal PINs on this tablet, as stored: the count and the end of a lockout (RFC 3339).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredTries {
    failures: u32,
    locked_until: Option<String>,
}

/// Wrong PINs typed on this tablet for `person` (a roster id).
pub fn pin_tries(person: &str) -> crate::domain::lock::Tries {
    LocalStorage::get::<StoredTries>(format!("{PIN_TRIES}.{person}"))
        .map(|t| crate::domain::lock::Tries {
            failures: t.failures,
            locked_until: t
                .locked_until
                .and_then(|u| chrono::DateTime::parse_from_rfc3339(&u).ok()),
        })
        .unwrap_or_default()
}

/// Remembers the wrong PINs for `person`; a right PIN clears them.
pub fn set_pin_tries(
    person: &str,
    tries: crate::domain::lock::Tries,
) -> Result<(), super::StorageError> {
    let key = format!("{PIN_TRIES}.{person}");
    if tries == crate::domain::lock::Tries::default() {
        LocalStorage::delete(key);
        return Ok(());
    }
    saved(LocalStorage::set(
        key,
        StoredTries {
            failures: tries.failures,
            locked_until: tries.locked_until.map(|u| u.to_rfc3339()),
        },
    ))
}

const CLOCK_DRIFT_HOURS: &str = "complaints.clock_drift_hours";

/// How far ahead of this device's time, in hours, an imported clock may be.
pub fn clock_drift_hours() -> u32 {
    LocalStorage::get::<u32>(CLOCK_DRIFT_HOURS)
        .unwrap_or(crate::domain::admit::DEFAULT_CLOCK_DRIFT_HOURS)
}

/// Remembers the accepted clock drift; a full or blocked localStorage is reported.
pub fn set_clock_drift_hours(hours: u32) -> Result<(), super::StorageError> {
    saved(LocalStorage::set(CLOCK_DRIFT_HOURS, hours))
}

const DEMO_MODE: &str = "complaints.demo_mode";

/// Whether this tablet shows the demo data instead of its real data.
pub fn demo_mode() -> bool {
    LocalStorage::get::<bool>(DEMO_MODE).unwrap_or(false)
}

pub fn set_demo_mode(on: bool) -> Result<(), super::StorageError> {
    saved(LocalStorage::set(DEMO_MODE, on))
}

const SERVER: &str = "complaints.server";
const LAST_SYNC: &str = "complaints.server_last_sync";

/// The CouchDB server this tablet replicates with, as the person entered it. The password is
/// kept on this device like its data; it never travels in a bundle.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ServerPrefs {
    pub url: String,
    pub database: String,
    pub user: String,
    pub password: String,
    /// Sync by itself when the tablet is online.
    pub auto: bool,
}

pub fn server() -> Option<ServerPrefs> {
    LocalStorage::get(SERVER).ok()
}

pub fn set_server(prefs: &ServerPrefs) -> Result<(), super::StorageError> {
    saved(LocalStorage::set(SERVER, prefs))
}

/// How the last replication ended: when (RFC 3339), whether it completed, and what it said.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LastSync {
    pub at: String,
    pub ok: bool,
    pub said: String,
}

pub fn last_sync() -> Option<LastSync> {
    LocalStorage::get(LAST_SYNC).ok()
}

pub fn set_last_sync(last: &LastSync) -> Result<(), super::StorageError> {
    saved(LocalStorage::set(LAST_SYNC, last))
}
