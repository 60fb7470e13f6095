//! This device's identity: a random id made on first run, plus the short code and label a
//! person gives it (used in complaint numbers and bundle names). Wiping the device deletes the
//! database, so the next run mints a new id and no (device, seq) pair is ever reused.

use serde::{Deserialize, Serialize};

use super::repo::Repo;
use super::{Db, StorageError};
use crate::domain::{DeviceClock, DeviceCode, DeviceId};

const IDENTITY: &str = "identity";

/// Who this device is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub device: DeviceId,
    /// The short code, e.g. `A3`; `None` until a person sets it on first run.
    pub code: Option<DeviceCode>,
    /// A label people recognise, e.g. "平板-3".
    pub label: String,
}

impl Identity {
    /// Whether the first-run questions (code and label) still need answers.
    pub fn needs_setup(&self) -> bool {
        self.code.is_none() || self.label.trim().is_empty()
    }
}

impl Repo {
    /// This device's identity, made (with a fresh random id) on first use.
    pub async fn identity(&self) -> Result<Identity, StorageError> {
        if let Some(found) = self.meta::<Identity>(IDENTITY).await? {
            return Ok(found);
        }
        let made = Identity {
            device: DeviceId(uuid::Uuid::new_v4()),
            code: None,
            label: String::new(),
        };
        self.set_meta(IDENTITY, &made).await?;
        Ok(made)
    }

    /// Sets the code and label a person chose. The id never changes.
    pub async fn set_identity_labels(
        &self,
        code: DeviceCode,
        label: &str,
    ) -> Result<Identity, StorageError> {
        let mut identity = self.identity().await?;
        identity.code = Some(code);
        identity.label = label.trim().to_string();
        self.set_meta(IDENTITY, &identity).await?;
        Ok(identity)
    }

    /// The clock to stamp this device's next events with.
    pub async fn device_clock(&self) -> Result<DeviceClock, StorageError> {
        match self.clock().await? {
            Some(clock) => Ok(clock),
            None => Ok(DeviceClock::new(self.identity().await?.device)),
        }
    }
}

/// Deletes everything on this device. The next open starts over with a new device id.
pub async fn wipe(repo: Repo, name: &str) -> Result<(), StorageError> {
    repo.close();
    Db::delete(name).await
}
