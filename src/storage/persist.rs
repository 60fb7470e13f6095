//! Persistent storage (`navigator.storage`): ask once, and report what the browser granted.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

/// What the browser says about this origin's storage.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StorageStatus {
    /// `Some(true)` when the data will not be evicted; `None` when the browser cannot tell.
    pub persisted: Option<bool>,
    /// Bytes used by this origin.
    pub usage: Option<f64>,
    /// Bytes this origin may use.
    pub quota: Option<f64>,
}

fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Old browsers have no `navigator.storage`; reading it must not throw.
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false);
    has.then(|| navigator.storage())
}

async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// On first use, asks the browser to keep this origin's data. Later calls ask nothing. `Err`
/// when the device cannot remember that it asked (it will ask again next time).
pub async fn ask_once() -> Result<(), super::StorageError> {
    if super::prefs::persistence_asked() {
        return Ok(());
    }
    if let Some(manager) = manager() {
        // The browser's answer is read on the settings page (`status`); asking is enough here.
        resolve(manager.persist()).await;
        super::prefs::set_persistence_asked()?;
    }
    Ok(())
}

/// Whether storage is persistent, and the usage and quota from `estimate()`.
pub async fn status() -> StorageStatus {
    let Some(manager) = manager() else {
        return StorageStatus::default();
    };
    let persisted = resolve(manager.persisted()).await.and_then(|v| v.as_bool());
    let estimate: Option<StorageEstimate> = resolve(manager.estimate()).await.map(Into::into);
    StorageStatus {
        persisted,
        usage: estimate.as_ref().and_then(|e| e.get_usage()),
        quota: estimate.as_ref().and_then(|e| e.get_quota()),
    }
}
