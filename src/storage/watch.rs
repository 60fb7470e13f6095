//! Noticing that another tab upgraded the database. rexie keeps its connection to itself, so a
//! second, plain connection listens for `versionchange` and reports it; the UI then asks the
//! person to reload instead of failing later.

use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{IdbDatabase, IdbOpenDbRequest};

use super::StorageError;

/// Calls `on_change` once when another tab opens database `name` at a newer version.
pub fn watch_version_change(
    name: &str,
    on_change: impl FnOnce() + 'static,
) -> Result<(), StorageError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| StorageError::Unavailable("indexedDB".into()))?;
    let request: IdbOpenDbRequest = factory.open(name).map_err(|e| StorageError::from_js(&e))?;
    let opened = request.clone();
    let on_success = Closure::once_into_js(move || {
        let Ok(result) = opened.result() else { return };
        let db: IdbDatabase = result.unchecked_into();
        let listener = db.clone();
        let on_version_change = Closure::once_into_js(move || {
            // Let the other tab's upgrade go ahead, then tell this tab.
            listener.close();
            on_change();
        });
        db.set_onversionchange(Some(on_version_change.unchecked_ref()));
    });
    request.set_onsuccess(Some(on_success.unchecked_ref()));
    Ok(())
}
