//! Why a bundle is refused: one value per problem, each with a message in Chinese and English
//! that names the problem and says what to do. A refused bundle writes nothing.

use std::fmt;

use crate::domain::{EventId, Lang, RecordId, ValidationError};

/// Which list the counts disagree about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Events,
    Blobs,
}

/// A bundle that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    /// Not JSON at all, or cut off part way (a truncated transfer).
    NotJson,
    /// JSON, but not a complaint bundle (`format` missing or different).
    NotABundle,
    /// Written by a newer app whose format this one cannot read.
    NewerSchema {
        schema_version: u64,
        app_version: String,
    },
    /// Older than any format this app can migrate.
    UnsupportedSchema { schema_version: u64 },
    /// The envelope's members are missing or malformed.
    BadEnvelope { detail: String },
    /// The payload does not hash to `payload_sha256`.
    ChecksumMismatch,
    /// The bundle is encrypted; a passphrase is needed to open it.
    NeedsPassphrase,
    /// Decryption failed: the passphrase is wrong (or the file was altered).
    WrongPassphrase,
    /// Encrypted with an algorithm this app does not know.
    UnsupportedEncryption { detail: String },
    /// The payload is not the payload object.
    BadPayload { detail: String },
    /// One event does not match the schema; `index` counts from 1.
    BadEvent {
        index: usize,
        id: Option<String>,
        detail: String,
    },
    /// One attachment is broken; `index` counts from 1.
    BadBlob {
        index: usize,
        sha256: String,
        detail: String,
    },
    /// `counts` disagrees with the payload.
    CountsMismatch {
        what: Counted,
        declared: u64,
        found: u64,
    },
    /// An event with this id exists with other content (in the file, or on this device).
    ConflictingEvent { id: EventId },
    /// One event's data fails the check of the command that makes it; `index` counts from 1.
    InvalidEvent {
        index: usize,
        id: EventId,
        kind: &'static str,
        error: ValidationError,
    },
    /// An event's clock lies too far ahead of this device's time: the device that made it
    /// (its code and label when the file says, else its id) has a wrong clock.
    ClockAhead {
        device: String,
        id: EventId,
        /// The event's clock, as a date and time (UTC).
        at: String,
        /// How far ahead this device accepts, in hours.
        hours: u64,
    },
    /// An event names a record of another kind (a complaint event on a roster entry, …).
    MixedRecord { id: EventId, record: RecordId },
    /// The header does not hash to `header_sha256`: it was edited.
    HeaderChecksumMismatch,
    /// This device wrote the file: importing it would change nothing.
    OwnFile,
    /// The compressed payload does not decompress: cut short or damaged.
    BadCompression,
    /// The compressed payload decompresses to more than this app reads (in MiB).
    TooLarge { limit_mib: usize },
    /// This browser cannot decompress files (no `DecompressionStream`).
    NoDecompression,
}

impl BundleError {
    /// The message shown to a person: the problem, then what to do.
    pub fn message(&self, lang: Lang) -> String {
        use BundleError::*;
        const RESEND_ZH: &str = "请让对方重新导出后再发送一次。";
        const RESEND_EN: &str = "Ask the sender to export it again and resend it.";
        match (self, lang) {
            (NotJson, Lang::Zh) => format!(
                "这个文件不是完整的数据包：内容不是有效的 JSON，可能传输中断或文件已损坏。{RESEND_ZH}"
            ),
            (NotJson, Lang::En) => format!(
                "This file is not a complete bundle: it is not valid JSON, so the transfer may have been cut short or the file is damaged. {RESEND_EN}"
            ),
            (NotABundle, Lang::Zh) => {
                "这个文件不是投诉数据包。请选择本应用导出的 complaints-….json 文件。".into()
            }
            (NotABundle, Lang::En) => {
                "This file is not a complaint bundle. Choose a complaints-….json file exported by this app.".into()
            }
            (
                NewerSchema {
                    schema_version,
                    app_version,
                },
                Lang::Zh,
            ) => format!(
                "这个数据包由较新的版本导出（应用 {app_version}，数据格式 {schema_version}），本设备无法读取。请先把本应用更新到 {app_version} 或更新的版本，再导入。"
            ),
            (
                NewerSchema {
                    schema_version,
                    app_version,
                },
                Lang::En,
            ) => format!(
                "This bundle was written by a newer version (app {app_version}, format {schema_version}) that this device cannot read. Update this app to {app_version} or later, then import it again."
            ),
            (UnsupportedSchema { schema_version }, Lang::Zh) => format!(
                "这个数据包的数据格式 {schema_version} 过旧，本应用无法读取。请在导出它的设备上更新应用后重新导出。"
            ),
            (UnsupportedSchema { schema_version }, Lang::En) => format!(
                "This bundle's format {schema_version} is too old for this app. Update the app on the device that wrote it and export again."
            ),
            (BadEnvelope { detail }, Lang::Zh) => {
                format!("数据包的文件头不完整或有误（{detail}），文件可能被修改过。{RESEND_ZH}")
            }
            (BadEnvelope { detail }, Lang::En) => format!(
                "The bundle's header is incomplete or wrong ({detail}); the file may have been edited. {RESEND_EN}"
            ),
            (ChecksumMismatch, Lang::Zh) => {
                format!("数据包内容与校验和不符：文件在传输中损坏或被修改过。{RESEND_ZH}")
            }
            (ChecksumMismatch, Lang::En) => format!(
                "The bundle's contents do not match its checksum: the file was damaged in transfer or edited. {RESEND_EN}"
            ),
            (NeedsPassphrase, Lang::Zh) => {
                "这个数据包已加密。请输入导出时设置的密码。".into()
            }
            (NeedsPassphrase, Lang::En) => {
                "This bundle is encrypted. Enter the passphrase that was set when it was exported.".into()
            }
            (WrongPassphrase, Lang::Zh) => {
                "密码不对，无法解密这个数据包。请核对密码（区分大小写）后再试；如果密码无误，文件可能已损坏，请让对方重新导出。".into()
            }
            (WrongPassphrase, Lang::En) => {
                "Wrong passphrase: this bundle cannot be decrypted. Check the passphrase (it is case-sensitive) and try again; if it is right, the file may be damaged, so ask the sender to export it again.".into()
            }
            (UnsupportedEncryption { detail }, Lang::Zh) => format!(
                "这个数据包使用了本应用不支持的加密方式（{detail}）。请更新本应用，或让对方导出不加密或标准加密的数据包。"
            ),
            (UnsupportedEncryption { detail }, Lang::En) => format!(
                "This bundle uses an encryption this app does not support ({detail}). Update this app, or ask the sender for a bundle with the standard encryption."
            ),
            (BadPayload { detail }, Lang::Zh) => {
                format!("数据包的内容格式不对（{detail}），文件可能被修改过。{RESEND_ZH}")
            }
            (BadPayload { detail }, Lang::En) => format!(
                "The bundle's contents are not in the expected form ({detail}); the file may have been edited. {RESEND_EN}"
            ),
            (BadEvent { index, id, detail }, Lang::Zh) => format!(
                "数据包中第 {index} 条记录（{}）格式不对：{detail}。整个文件未导入，文件可能被修改过。{RESEND_ZH}",
                id.as_deref().unwrap_or("无编号")
            ),
            (BadEvent { index, id, detail }, Lang::En) => format!(
                "Event {index} ({}) in the bundle is not valid: {detail}. Nothing was imported; the file may have been edited. {RESEND_EN}",
                id.as_deref().unwrap_or("no id")
            ),
            (
                BadBlob {
                    index,
                    sha256,
                    detail,
                },
                Lang::Zh,
            ) => format!(
                "数据包中第 {index} 个附件（{sha256}）已损坏：{detail}。整个文件未导入。{RESEND_ZH}"
            ),
            (
                BadBlob {
                    index,
                    sha256,
                    detail,
                },
                Lang::En,
            ) => format!(
                "Attachment {index} ({sha256}) in the bundle is damaged: {detail}. Nothing was imported. {RESEND_EN}"
            ),
            (
                CountsMismatch {
                    what,
                    declared,
                    found,
                },
                Lang::Zh,
            ) => format!(
                "数据包声明有 {declared} 条{}，实际只有 {found} 条：文件不完整或被修改过。{RESEND_ZH}",
                match what {
                    Counted::Events => "记录",
                    Counted::Blobs => "附件",
                }
            ),
            (
                CountsMismatch {
                    what,
                    declared,
                    found,
                },
                Lang::En,
            ) => format!(
                "The bundle says it holds {declared} {} but holds {found}: the file is incomplete or was edited. {RESEND_EN}",
                match what {
                    Counted::Events => "events",
                    Counted::Blobs => "attachments",
                }
            ),
            (ConflictingEvent { id }, Lang::Zh) => format!(
                "数据包已损坏：记录 {id} 与本设备已有的同一条记录内容不同。整个文件未导入。请让对方重新导出，并联系管理员检查两台设备。"
            ),
            (ConflictingEvent { id }, Lang::En) => format!(
                "The bundle is corrupt: event {id} differs from the event with the same id already known. Nothing was imported. Ask the sender to export again, and have an administrator check both devices."
            ),
            (InvalidEvent { index, id, kind, error }, Lang::Zh) => format!(
                "数据包中第 {index} 条记录（{kind}，{id}）未通过检查：{}。整个文件未导入。{RESEND_ZH}",
                error.message(lang)
            ),
            (InvalidEvent { index, id, kind, error }, Lang::En) => format!(
                "Event {index} ({kind}, {id}) in the bundle fails the checks: {}. Nothing was imported. {RESEND_EN}",
                error.message(lang)
            ),
            (
                ClockAhead {
                    device,
                    id,
                    at,
                    hours,
                },
                Lang::Zh,
            ) => format!(
                "设备“{device}”的时钟不对：数据包中有记录的时间是 {at}，比本设备的时间晚 {hours} 小时以上。整个文件未导入。请先把该设备的日期和时间改正确，再让它重新导出。（记录 {id}）"
            ),
            (
                ClockAhead {
                    device,
                    id,
                    at,
                    hours,
                },
                Lang::En,
            ) => format!(
                "The clock of device “{device}” is wrong: the bundle holds an event timed {at}, more than {hours} hours ahead of this device. Nothing was imported. Have that device's date and time set right, then export again. (Event {id})"
            ),
            (MixedRecord { id, record }, Lang::Zh) => format!(
                "数据包已损坏：记录 {id} 写到了另一种类型的档案 {record} 上。整个文件未导入。{RESEND_ZH}"
            ),
            (MixedRecord { id, record }, Lang::En) => format!(
                "The bundle is corrupt: event {id} names record {record}, which is of another kind. Nothing was imported. {RESEND_EN}"
            ),
            (HeaderChecksumMismatch, Lang::Zh) => {
                format!("数据包的文件头与它的校验和不符：文件被修改过。{RESEND_ZH}")
            }
            (HeaderChecksumMismatch, Lang::En) => format!(
                "The bundle's header does not match its checksum: the file was edited. {RESEND_EN}"
            ),
            (OwnFile, Lang::Zh) => {
                "这个文件是本设备自己导出的，导入它不会有任何变化，因此没有导入。请选择其他设备导出的文件。".into()
            }
            (BadCompression, Lang::Zh) => {
                format!("数据包中的压缩内容无法解压：文件不完整或已损坏。{RESEND_ZH}")
            }
            (BadCompression, Lang::En) => format!(
                "The bundle's compressed contents do not decompress: the file is incomplete or damaged. {RESEND_EN}"
            ),
            (TooLarge { limit_mib }, Lang::Zh) => format!(
                "数据包解压后超过 {limit_mib} MB，本设备无法导入。请让对方按设备导出增量数据包（只含本设备还没有的记录），分几次发送。"
            ),
            (TooLarge { limit_mib }, Lang::En) => format!(
                "The bundle is larger than {limit_mib} MB once decompressed, more than this device can import. Ask the sender for an incremental bundle for this device (only what it lacks), sent in parts."
            ),
            (NoDecompression, Lang::Zh) => {
                "这个浏览器不能解压数据包。请把浏览器（Chrome、Edge、Safari 或 Firefox）更新到最新版本后再导入。".into()
            }
            (NoDecompression, Lang::En) => {
                "This browser cannot decompress bundles. Update the browser (Chrome, Edge, Safari or Firefox) to its latest version, then import again.".into()
            }
            (OwnFile, Lang::En) => {
                "This file was exported by this device, so importing it would change nothing; it was not imported. Choose a file exported by another device.".into()
            }
        }
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message(Lang::Zh), self.message(Lang::En))
    }
}

impl std::error::Error for BundleError {}
