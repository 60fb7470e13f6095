//! Drafts: a form being filled in is saved as the person types, so a reload or a sleeping
//! tablet loses nothing. Keyed by form name (e.g. `"new_complaint"`, `"reply:<id>"`).

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use super::db::stores;
use super::{Db, StorageError};

#[derive(Serialize, Deserialize)]
struct DraftRow {
    key: String,
    json: String,
    saved_at_ms: f64,
}

impl Db {
    /// Saves the draft of form `key`, replacing the previous one.
    pub async fn save_draft<T: Serialize>(
        &self,
        key: &str,
        value: &T,
        now_ms: f64,
    ) -> Result<(), StorageError> {
        let json = serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))?;
        self.put_all(
            stores::DRAFTS,
            &[DraftRow {
                key: key.into(),
                json,
                saved_at_ms: now_ms,
            }],
        )
        .await
    }

    /// The saved draft of form `key`, if any. A draft that no longer fits the form's type is
    /// dropped rather than failing the form.
    pub async fn load_draft<T: DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let row: Option<DraftRow> = self.get(stores::DRAFTS, key).await?;
        Ok(row.and_then(|r| serde_json::from_str(&r.json).ok()))
    }

    /// Forgets the draft of form `key` (after the form was saved or discarded).
    pub async fn clear_draft(&self, key: &str) -> Result<(), StorageError> {
        self.delete_key(stores::DRAFTS, key).await
    }
}
