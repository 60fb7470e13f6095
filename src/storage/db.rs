//! The IndexedDB database: its schema, opening it, and small typed read/write helpers.
//!
//! Every write is one readwrite transaction in which nothing but IndexedDB requests is awaited,
//! and it counts as done only when the transaction reports that it committed.

use futures::future::{Either, select};
use rexie::{Index, ObjectStore, Rexie, TransactionMode};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

use super::StorageError;

/// The database name used by the app.
pub const APP_DB: &str = "complaints";

/// The IndexedDB schema version. Raise it with every store or index change, and when a row's
/// form changes so that an older app in another tab could not read it (that tab is then told
/// to reload); a store no longer listed in [`Db::open_with`] is deleted by the upgrade.
///
/// - 2: the `briefs` store; the store of whole views dropped.
/// - 3: records' events kept as UTF-8 bytes, briefs as postcard bytes.
pub const SCHEMA_VERSION: u32 = 3;

/// How long opening may wait on another tab before it is reported as blocked.
const OPEN_TIMEOUT_MS: i32 = 8_000;

/// Object store names.
pub mod stores {
    /// One row per record (complaint, person, settings): all its events, as the UTF-8 bytes of
    /// one JSON array (rows written before schema version 3 hold it as a string).
    pub const RECORDS: &str = "records";
    /// Every complaint's brief (`domain::Brief`, a cache of the fold): what the first screens
    /// read on open, as postcard bytes in 64 rows keyed `"00"`–`"63"` by the end of the
    /// complaint id (`repo::BRIEF_CHUNKS`). Schema version 2 added it and dropped the
    /// `complaints` store of whole views: a whole complaint is folded from its record.
    pub const BRIEFS: &str = "briefs";
    /// Derived roster views (a cache of the fold), keyed by person id.
    pub const ROSTER: &str = "roster";
    /// Attachment bytes keyed by their SHA-256.
    pub const BLOBS: &str = "blobs";
    /// Device identity, clocks, version vectors, settings view, data version; keyed by name.
    pub const META: &str = "meta";
    /// Forms being filled in, keyed by form name.
    pub const DRAFTS: &str = "drafts";
}

/// The multi-entry index on `records.dev_max`: one `"<device>:<seq, 20 digits>"` entry per device
/// with events in the row, at that device's highest seq there. Incremental export finds the
/// rows a peer lacks with one range query per device.
pub const BY_DEVICE_MAX: &str = "by_device_max";

/// An open database.
pub struct Db {
    rexie: Rexie,
}

/// Resolves after `ms` milliseconds; never where the browser gives no timer, so the open it
/// races then simply waits for the database.
async fn sleep_ms(ms: i32) {
    let mut scheduled = false;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        scheduled = web_sys::window()
            .and_then(|w| {
                w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                    .ok()
            })
            .is_some();
    });
    if !scheduled {
        return futures::future::pending().await;
    }
    // A timer's promise resolves and never rejects: there is no error to read.
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

impl Db {
    /// Opens (creating or upgrading) the database called `name`. An upgrade that another tab
    /// blocks is reported as [`StorageError::Blocked`] instead of waiting forever.
    pub async fn open(name: &str) -> Result<Db, StorageError> {
        Db::open_with(name, SCHEMA_VERSION, OPEN_TIMEOUT_MS).await
    }

    /// [`Db::open`] at a given schema version and blocked-upgrade timeout (for tests).
    #[doc(hidden)]
    pub async fn open_with(name: &str, version: u32, timeout_ms: i32) -> Result<Db, StorageError> {
        let build = Rexie::builder(name)
            .version(version)
            .add_object_store(
                ObjectStore::new(stores::RECORDS)
                    .key_path("id")
                    .add_index(Index::new(BY_DEVICE_MAX, "dev_max").multi_entry(true)),
            )
            .add_object_store(ObjectStore::new(stores::BRIEFS).key_path("id"))
            .add_object_store(ObjectStore::new(stores::ROSTER).key_path("id"))
            .add_object_store(ObjectStore::new(stores::BLOBS).key_path("sha256"))
            .add_object_store(ObjectStore::new(stores::META).key_path("key"))
            .add_object_store(ObjectStore::new(stores::DRAFTS).key_path("key"))
            .build();
        let timeout = sleep_ms(timeout_ms);
        match select(Box::pin(build), Box::pin(timeout)).await {
            Either::Left((Ok(rexie), _)) => Ok(Db { rexie }),
            Either::Left((Err(err), _)) => Err(StorageError::Unavailable(err.to_string())),
            Either::Right(_) => Err(StorageError::Blocked),
        }
    }

    /// Deletes the database called `name` (used by tests and by "wipe this device").
    pub async fn delete(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(StorageError::from)
    }

    /// Closes the connection.
    pub fn close(self) {
        self.rexie.close();
    }

    pub(super) fn rexie(&self) -> &Rexie {
        &self.rexie
    }

    /// Writes `values` into `store` in one transaction: all of them or none.
    pub async fn put_all<T: Serialize>(
        &self,
        store: &str,
        values: &[T],
    ) -> Result<(), StorageError> {
        let rows = values.iter().map(to_js).collect::<Result<Vec<_>, _>>()?;
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?
            .put_all(rows.into_iter().map(|row| (row, None)))
            .await?;
        committed(tx).await
    }

    /// Reads the value under `key` in `store`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        self.get_js(store, key).await?.map(from_js).transpose()
    }

    /// The value under `key` in `store`, as IndexedDB gives it.
    pub async fn get_js(&self, store: &str, key: &str) -> Result<Option<JsValue>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let found = tx.store(store)?.get(JsValue::from_str(key)).await?;
        tx.done().await?;
        Ok(found)
    }

    /// Every value in `store`.
    pub async fn get_all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>, StorageError> {
        self.get_all_js(store)
            .await?
            .into_iter()
            .map(from_js)
            .collect()
    }

    /// Every value in `store`, as IndexedDB gives it.
    pub async fn get_all_js(&self, store: &str) -> Result<Vec<JsValue>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let found = tx.store(store)?.get_all(None, None).await?;
        tx.done().await?;
        Ok(found)
    }

    /// Deletes the value under `key` in `store`.
    pub async fn delete_key(&self, store: &str, key: &str) -> Result<(), StorageError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?.delete(JsValue::from_str(key)).await?;
        committed(tx).await
    }

    /// Counts the values in `store`.
    pub async fn count(&self, store: &str) -> Result<u32, StorageError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let count = tx.store(store)?.count(None).await?;
        tx.done().await?;
        Ok(count)
    }
}

/// Waits for `tx` to finish and insists that it committed.
pub(super) async fn committed(tx: rexie::Transaction) -> Result<(), StorageError> {
    if tx.done().await?.is_committed() {
        Ok(())
    } else {
        Err(StorageError::NotCommitted)
    }
}

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        // Bytes go in as a `Uint8Array`, not an array of numbers.
        .serialize(
            &serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false),
        )
        .map_err(|err| StorageError::Failed(err.to_string()))
}

pub(super) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|err| StorageError::Corrupt(err.to_string()))
}
