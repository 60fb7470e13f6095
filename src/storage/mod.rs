//! The only code that touches IndexedDB (rexie), localStorage (gloo-storage) and `JsValue`.
//!
//! Every failure comes back as a [`StorageError`] value with a message in the user's language.
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

use crate::domain::{EventId, Lang};

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
    /// What went wrong and what to do, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StorageError::Unavailable(_), Lang::Zh) => "无法使用本机数据库（可能处于隐私模式或被浏览器禁用）。请用普通模式打开本应用，或换用 Chrome、Edge 或 Safari。".into(),
            (StorageError::Unavailable(_), Lang::En) => "The local database cannot be used (private mode, or disabled by the browser). Open the app in a normal window, or use Chrome, Edge or Safari.".into(),
            (StorageError::Blocked, Lang::Zh) => "本应用在另一个标签页中以旧版本打开，数据库无法升级。请关闭其他标签页中的本应用，然后重新加载。".into(),
            (StorageError::Blocked, Lang::En) => "The app is open in another tab with an older version, so the database cannot upgrade. Close the app in the other tabs, then reload.".into(),
            (StorageError::VersionChanged, Lang::Zh) => "本应用已在另一个标签页中更新。请重新加载此页面后再继续；尚未保存的内容已保留为草稿。".into(),
            (StorageError::VersionChanged, Lang::En) => "The app was updated in another tab. Reload this page to go on; what you were typing is kept as a draft.".into(),
            (StorageError::QuotaExceeded, Lang::Zh) => "设备存储空间不足，本次内容没有保存，原有数据未受影响。请导出数据包备份后清理空间，再重试。".into(),
            (StorageError::QuotaExceeded, Lang::En) => "The device is out of storage space. Nothing was saved and existing data is unchanged. Export a bundle as a backup, free some space, then try again.".into(),
            (StorageError::NotCommitted, Lang::Zh) => "保存没有完成，原有数据未受影响。请重试。".into(),
            (StorageError::NotCommitted, Lang::En) => "Saving did not complete; existing data is unchanged. Please try again.".into(),
            (StorageError::EventMismatch(id), Lang::Zh) => format!("事件 {id} 与本机已有的同一事件内容不同，数据可能已损坏。没有写入任何内容。"),
            (StorageError::EventMismatch(id), Lang::En) => format!("Event {id} differs from the same event already stored here; the data may be corrupt. Nothing was written."),
            (StorageError::Corrupt(why), Lang::Zh) => format!("本机保存的数据无法读取（{why}）。请在设置中重建视图。"),
            (StorageError::Corrupt(why), Lang::En) => format!("Stored data could not be read ({why}). Rebuild the views in Settings."),
            (StorageError::Failed(why), Lang::Zh) => format!("本机数据库出错：{why}。原有数据未受影响，请重试。"),
            (StorageError::Failed(why), Lang::En) => format!("Local database error: {why}. Existing data is unchanged; please try again."),
        }
    }

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
        f.write_str(&self.message(Lang::En))
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
