//! The IndexedDB database: its schema and the small typed read/write helpers on it.
//!
//! Every write is one readwrite transaction in which nothing but IndexedDB requests is awaited,
//! and it counts as done only when the transaction reports that it committed.

use rexie::{Index, ObjectStore, Rexie, TransactionMode};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

use super::StorageError;

/// The database name used by the app.
pub const APP_DB: &str = "complaints";

/// The IndexedDB schema version. Raise it with every store or index change.
pub const SCHEMA_VERSION: u32 = 1;

/// Object store names.
pub mod stores {
    /// Immutable events, keyed by event id.
    pub const EVENTS: &str = "events";
    /// Derived complaint views (a cache of the fold), keyed by complaint id.
    pub const COMPLAINTS: &str = "complaints";
    /// Attachment bytes keyed by their SHA-256.
    pub const BLOBS: &str = "blobs";
    /// Device identity, clocks and version vectors, keyed by name.
    pub const META: &str = "meta";
    /// Forms being filled in, keyed by form name.
    pub const DRAFTS: &str = "drafts";
}

/// An open database.
pub struct Db {
    rexie: Rexie,
}

impl Db {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Db, StorageError> {
        let rexie = Rexie::builder(name)
            .version(SCHEMA_VERSION)
            .add_object_store(
                ObjectStore::new(stores::EVENTS)
                    .key_path("id")
                    .add_index(Index::new_array("by_device_seq", ["device", "seq"]).unique(true)),
            )
            .add_object_store(ObjectStore::new(stores::COMPLAINTS).key_path("id"))
            .add_object_store(ObjectStore::new(stores::BLOBS).key_path("sha256"))
            .add_object_store(ObjectStore::new(stores::META).key_path("key"))
            .add_object_store(ObjectStore::new(stores::DRAFTS).key_path("key"))
            .build()
            .await
            .map_err(|err| StorageError::Unavailable(format!("{err:?}")))?;
        Ok(Db { rexie })
    }

    /// Deletes the database called `name` (used by tests and by "wipe this device").
    pub async fn delete(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(StorageError::from)
    }

    /// Closes the connection.
    pub fn close(self) {
        self.rexie.close();
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
        let target = tx.store(store)?;
        for row in &rows {
            target.put(row, None).await?;
        }
        if tx.done().await?.is_committed() {
            Ok(())
        } else {
            Err(StorageError::NotCommitted)
        }
    }

    /// Reads the value under `key` in `store`.
    pub async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let found = tx.store(store)?.get(JsValue::from_str(key)).await?;
        tx.done().await?;
        found.map(from_js).transpose()
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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|err| StorageError::Failed(err.to_string()))
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|err| StorageError::Corrupt(err.to_string()))
}
