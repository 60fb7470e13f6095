//! What a person reads for every error the domain, sync and storage return: the problem and
//! what to do, in Chinese or English. Those layers return values only; this is their one text
//! table.

use crate::domain::{DomainError, Lang, SettingProblem, Severity, ValidationError};
use crate::storage::StorageError;
use crate::sync::{BundleError, Counted};

/// An error said in the user's language.
pub trait Message {
    /// The problem and what to do, in `lang`.
    fn message(&self, lang: Lang) -> String;
}

impl Message for ValidationError {
    fn message(&self, lang: Lang) -> String {
        use ValidationError::*;
        match (self, lang) {
            (
                Unreadable {
                    field: crate::domain::Field::PersonPin,
                    ..
                },
                _,
            ) => lang.texts().people.pin_rule.into(),
            (Required(f), Lang::Zh) => format!("请填写{}", f.label(lang)),
            (PeriodReversed, Lang::Zh) => "结束日期早于开始日期，请调换或重新选择".into(),
            (PeriodReversed, Lang::En) => {
                "The end date comes before the start date: swap them or choose again".into()
            }
            (Unreadable { field, input }, Lang::Zh) => {
                format!(
                    "无法识别{}“{}”：请重新选择，或按提示的格式填写",
                    field.label(lang),
                    input
                )
            }
            (Unreadable { field, input }, Lang::En) => format!(
                "The {} \"{}\" cannot be read: choose again, or type it as shown",
                field.label(lang),
                input
            ),
            (Required(f), Lang::En) => format!("Please fill in the {}", f.label(lang)),
            (TooMany { field, max }, Lang::Zh) => {
                format!("{}最多 {} 项", field.label(lang), max)
            }
            (TooMany { field, max }, Lang::En) => {
                format!("At most {} items for the {}", max, field.label(lang))
            }
            (TooLong { field, max }, Lang::Zh) => {
                format!("{}不能超过 {} 个字", field.label(lang), max)
            }
            (TooLong { field, max }, Lang::En) => {
                format!(
                    "The {} must be at most {} characters",
                    field.label(lang),
                    max
                )
            }
            (Phone { input }, Lang::Zh) => format!(
                "电话号码“{input}”格式不对：手机号为 1 开头的 11 位数字，固话如 010-12345678、0755-1234567，可带分机号"
            ),
            (Phone { input }, Lang::En) => format!(
                "“{input}” is not a valid phone number: a mobile has 11 digits starting 13–19, a landline looks like 010-12345678 or 0755-1234567, optionally with an extension"
            ),
            (Dialable { input }, Lang::Zh) => format!(
                "号码“{input}”无法拨打：只能有数字、+、-、空格和括号，分机号前用 #、逗号或“转”，至少 3 位数字（如 110、12345、0755-1234567 转 8）"
            ),
            (Dialable { input }, Lang::En) => format!(
                "“{input}” cannot be dialled: use digits, +, -, spaces and brackets, with #, a comma or 转 before an extension, and at least 3 digits (110, 12345, 0755-1234567 #8)"
            ),
            (DeviceCode { input }, Lang::Zh) => {
                format!("设备代码“{input}”无效：1 至 4 位大写字母或数字，以字母开头")
            }
            (DeviceCode { input }, Lang::En) => format!(
                "“{input}” is not a valid device code: 1 to 4 capital letters or digits, starting with a letter"
            ),
            (ComplaintNumber { input }, Lang::Zh) => {
                format!("“{input}”不是投诉编号（格式如 TS-20261128-A3-0007）")
            }
            (ComplaintNumber { input }, Lang::En) => {
                format!("“{input}” is not a complaint number (like TS-20261128-A3-0007)")
            }
            (NoComplainant, Lang::Zh) => "投诉人数至少为 1".into(),
            (NoComplainant, Lang::En) => "There must be at least one complainant".into(),
            (ContactRequired, Lang::Zh) => {
                "非匿名投诉请至少填写姓名、电话、房号或地址之一；不愿留名请勾选匿名".into()
            }
            (ContactRequired, Lang::En) => {
                "Give a name, phone, unit or address, or mark the complaint anonymous".into()
            }
            (OccurredAfterReceipt, Lang::Zh) => "发生时间不能晚于受理时间".into(),
            (OccurredAfterReceipt, Lang::En) => {
                "The event cannot have happened after it was received".into()
            }
            (
                FileTooLarge {
                    size_bytes,
                    limit_mib,
                },
                Lang::Zh,
            ) => format!(
                "文件有 {:.1} MB，超过每个文件 {limit_mib} MB 的上限：请压缩、截短或分成几个文件再附上",
                *size_bytes as f64 / 1_048_576.0
            ),
            (
                FileTooLarge {
                    size_bytes,
                    limit_mib,
                },
                Lang::En,
            ) => format!(
                "The file is {:.1} MB, over the limit of {limit_mib} MB per file: compress it, shorten it or split it, then attach it again",
                *size_bytes as f64 / 1_048_576.0
            ),
            (FileType { mime }, Lang::Zh) => {
                format!("不能附上这种文件（{mime}）：请选择照片、录音或 PDF 文件")
            }
            (FileType { mime }, Lang::En) => format!(
                "This kind of file ({mime}) cannot be attached: choose a photo, a recording or a PDF"
            ),
            (ReceivedInFuture, Lang::Zh) => "受理时间不能晚于现在，请检查日期和时间".into(),
            (FinishedAfterReport, Lang::Zh) => {
                "完成时间不能晚于现在：请填写部门实际处理完毕的时间，或留空表示刚刚完成".into()
            }
            (FinishedAfterReport, Lang::En) => {
                "The time it was finished cannot be later than now: enter when the department finished, or leave it empty for just now".into()
            }
            (ReferralDueEarly, Lang::Zh) => {
                "转办单位的答复期限须晚于受理时间，请按转办单填写".into()
            }
            (ReferralDueEarly, Lang::En) => {
                "The referring body's deadline must come after the complaint was received: copy it from the referral".into()
            }
            (ReceivedInFuture, Lang::En) => {
                "The time received cannot be in the future: check the date and time".into()
            }
            (UnknownCategory { id }, Lang::Zh) => format!("没有“{id}”这个投诉类别"),
            (UnknownCategory { id }, Lang::En) => format!("There is no complaint category “{id}”"),
            (DeviceCodeTaken { code }, Lang::Zh) => format!("设备代码“{code}”已被另一台设备使用"),
            (DeviceCodeTaken { code }, Lang::En) => {
                format!("Device code “{code}” is already used by another device")
            }
            (Setting(p), Lang::Zh) => format!("设置无效：{}。", setting_problem(*p, lang)),
            (Setting(p), Lang::En) => format!("Invalid setting: {}.", setting_problem(*p, lang)),
        }
    }
}

fn setting_problem(p: SettingProblem, lang: Lang) -> &'static str {
    use SettingProblem::*;
    let (zh, en) = match p {
        ClockDrift => (
            "可接受的时钟超前须在 1–720 小时之间",
            "the accepted clock lead is 1–720 hours",
        ),
        RecordKind => (
            "事件与它所属的记录类型不符",
            "the event does not belong to a record of this kind",
        ),
        SystemRole => ("不能把系统角色给人", "nobody is given the system role"),
        WorkingHours => (
            "下班时间须晚于上班时间",
            "working hours must end after they start",
        ),
        RepeatWindow => (
            "重复投诉的时间窗为 1–3650 天",
            "the repeat window is 1–3650 days",
        ),
        GroupSize => (
            "群诉人数至少为 2",
            "a group complaint needs at least 2 complainants",
        ),
        EmptyList => ("列表不能为空", "the list cannot be empty"),
        EntryUnnamed => (
            "每一项都需要编号和中文名称",
            "every entry needs an id and a Chinese name",
        ),
        HolidayUnnamed => (
            "每个节假日都需要中文名称",
            "every holiday needs a Chinese name",
        ),
        HolidayReversed => (
            "节假日的结束日期不能早于开始日期",
            "a holiday cannot end before it starts",
        ),
        HolidayYear => (
            "节假日须在同一年内，且在 2000–2100 年之间",
            "a holiday must lie within one year between 2000 and 2100",
        ),
        CoveredYear => (
            "确认的年份须在 2000–2100 年之间",
            "a confirmed year lies between 2000 and 2100",
        ),
        MakeUpDayYear => (
            "调休上班日须在 2000–2100 年之间",
            "make-up working days must lie between 2000 and 2100",
        ),
        UpkeepPeriod => (
            "演练或培训周期须在 0–120 个月之间（0 表示不设周期）",
            "a drill or training period lies between 0 and 120 months (0: none)",
        ),
    };
    lang.pick(zh, en)
}

fn level(s: Option<Severity>, lang: Lang) -> &'static str {
    s.map_or(lang.pick("未定级", "not assessed"), |s| s.label(lang))
}

impl Message for DomainError {
    fn message(&self, lang: Lang) -> String {
        use DomainError::*;
        let zh = lang == Lang::Zh;
        match self {
            Invalid(e) => e.message(lang),
            NotPermitted { role, action } if zh => {
                format!("{}无权执行“{}”", role.label(lang), action.label(lang))
            }
            NotPermitted { role, action } => {
                format!("A {} may not {}", role.label(lang), action.label(lang))
            }
            WrongState { action, state } if zh => {
                format!(
                    "投诉处于“{}”状态，不能“{}”",
                    state.label(lang),
                    action.label(lang)
                )
            }
            WrongState { action, state } => {
                format!(
                    "Cannot {} while the complaint is {}",
                    action.label(lang),
                    state.label(lang)
                )
            }
            NoComplaint if zh => "找不到这条投诉，请先受理".into(),
            NoComplaint => "There is no such complaint; receive it first".into(),
            AlreadyReceived if zh => "这条投诉已经受理过了".into(),
            AlreadyReceived => "This complaint has already been received".into(),
            Deleted if zh => "这条投诉已删除".into(),
            Deleted => "This complaint has been deleted".into(),
            OverrideNeedsReason { suggested, chosen } if zh => format!(
                "建议等级为“{}”，改为“{}”请说明原因",
                suggested.label(lang),
                chosen.label(lang)
            ),
            OverrideNeedsReason { suggested, chosen } => format!(
                "The checklist suggests {}; give a reason for choosing {}",
                suggested.label(lang),
                chosen.label(lang)
            ),
            NotHigher { from, to } if zh => {
                format!(
                    "升级须高于当前等级（当前“{}”，目标“{}”）",
                    level(*from, lang),
                    to.label(lang)
                )
            }
            NotHigher { from, to } => format!(
                "Escalation must raise the level (now {}, asked {})",
                level(*from, lang),
                to.label(lang)
            ),
            NotLower { from, to } if zh => {
                format!(
                    "降级须低于当前等级（当前“{}”，目标“{}”）",
                    level(*from, lang),
                    to.label(lang)
                )
            }
            NotLower { from, to } => format!(
                "De-escalation must lower the level (now {}, asked {})",
                level(*from, lang),
                to.label(lang)
            ),
            MinorNotActivated if zh => "轻微投诉不启动应急预案".into(),
            MinorNotActivated => "A minor complaint does not activate the emergency plan".into(),
            MajorNeedsActivation if zh => "重大投诉须先由组长启动应急预案".into(),
            MajorNeedsActivation => {
                "A major complaint needs the leader to activate the plan first".into()
            }
            NotActivated if zh => "未启动应急预案，无需拟定方案或总结".into(),
            NotActivated => {
                "The emergency plan is not active, so there is no plan or summary".into()
            }
            NoTaskFor { department } if zh => format!(
                "{department} 没有待反馈的任务：可能已反馈过，或没有分派给它的任务。请选择仍待反馈的部门"
            ),
            NoTaskFor { department } => format!(
                "{department} has no task left to report on: it may have reported already, or has no task. Choose a department still to report"
            ),
            NotReportedBack if zh => "还有部门未反馈处理完毕，全部部门反馈后才能答复".into(),
            NotReportedBack => {
                "Not every department with a task has reported back yet: reply once all have".into()
            }
            DissatisfiedNeedsReopen if zh => "业主不满意时须选择退回“调查核实”或“整改落实”".into(),
            DissatisfiedNeedsReopen => {
                "A dissatisfied follow-up must send the case back to investigating or implementing"
                    .into()
            }
            SatisfiedCannotReopen if zh => "业主满意时不退回处理".into(),
            SatisfiedCannotReopen => "A satisfied follow-up does not reopen the case".into(),
            NotSatisfied if zh => "最近一次回访业主不满意，不能总结或结案".into(),
            NotSatisfied => {
                "The last follow-up was not satisfied; the case cannot be summarised or closed"
                    .into()
            }
            SummaryNotApproved if zh => "处理报告尚未经组长审阅通过".into(),
            SummaryNotApproved => "The leader has not approved the handling report yet".into(),
            NewComplaintsPending if zh => "应急终止须确认无新的投诉产生".into(),
            NewComplaintsPending => {
                "Terminating the emergency requires confirming no new complaints".into()
            }
            NoTasks if zh => "请至少列出一项整改任务".into(),
            NoTasks => "List at least one rectification task".into(),
            InvalidComplaint if zh => "无效投诉不派单，可直接结案".into(),
            InvalidComplaint => "An invalid complaint is not dispatched; close it instead".into(),
            AlreadyDone { action } if zh => format!("“{}”已完成", action.label(lang)),
            AlreadyDone { action } => format!("Already done: {}", action.label(lang)),
            NothingToReview if zh => "没有待复核的事项".into(),
            NothingToReview => "There is nothing to review".into(),
            OnlyMajor if zh => "只有重大投诉需要呈报总经理".into(),
            OnlyMajor => "Only a major complaint is reported to the general manager".into(),
            NoConflict if zh => "这一项没有冲突".into(),
            NoConflict => "This field is not in conflict".into(),
        }
    }
}

impl Message for BundleError {
    fn message(&self, lang: Lang) -> String {
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
            (BrokenChain { id, seq, device, kind }, Lang::Zh) => format!(
                "数据包的记录链在设备“{device}”的第 {seq} 条记录处断开：{}。整个文件未导入。请让对方重新导出，并在两台设备的“设置 → 检查记录”中核对。（记录 {id}）",
                chain_break_zh(*kind)
            ),
            (BrokenChain { id, seq, device, kind }, Lang::En) => format!(
                "The bundle's chain of events breaks at event {seq} of device “{device}”: {}. Nothing was imported. Ask the sender to export again, and run “Check the history” in Settings on both devices. (event {id})",
                chain_break_en(*kind)
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

impl Message for StorageError {
    fn message(&self, lang: Lang) -> String {
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
}

/// What a chain break means, in Chinese.
pub fn chain_break_zh(kind: crate::format::seal::BreakKind) -> &'static str {
    use crate::format::seal::BreakKind as K;
    match kind {
        K::Altered => "这条记录或它前一条记录在生成后被改动过",
        K::SeqTaken => "另一条记录已占用这个编号，有记录被插入",
        K::Missing => "它前一条记录缺失，有记录被删除",
        K::Unsealed => "它缺少校验值，而前一条记录有",
    }
}

/// What a chain break means, in English.
pub fn chain_break_en(kind: crate::format::seal::BreakKind) -> &'static str {
    use crate::format::seal::BreakKind as K;
    match kind {
        K::Altered => "this event, or the one before it, was changed after it was made",
        K::SeqTaken => "another event holds the same number: an event was inserted",
        K::Missing => "the event before it is missing: an event was removed",
        K::Unsealed => "it carries no chain although the event before it does",
    }
}

impl Message for crate::sync::csv::UnitListError {
    fn message(&self, lang: Lang) -> String {
        use crate::sync::csv::UnitListError as E;
        match (self, lang) {
            (E::Empty, Lang::Zh) => "文件中没有房屋：第一行是表头（楼栋、单元、房号、业主姓名、电话），之后每行一户。".into(),
            (E::Empty, Lang::En) => "The file lists no households: the first line is the header (building, unit, room, owner name, phone), then one household per line.".into(),
            (E::MissingColumn(c), Lang::Zh) => format!("表头缺少“{c}”列。请在第一行写明楼栋、单元、房号、业主姓名、电话。"),
            (E::MissingColumn(c), Lang::En) => format!("The header has no “{c}” column. Put building, unit, room, owner name and phone in the first line."),
            (E::Line { line, error }, Lang::Zh) => format!("第 {line} 行：{}。请改正后再导入。", error.message(lang)),
            (E::Line { line, error }, Lang::En) => format!("Line {line}: {}. Correct it and import again.", error.message(lang)),
            (E::Unclosed { line }, Lang::Zh) => format!("第 {line} 行的引号没有结束。请用表格软件另存为 CSV 后再导入。"),
            (E::Unclosed { line }, Lang::En) => format!("The quote on line {line} is never closed. Save the sheet as CSV again and import it."),
        }
    }
}

impl Message for crate::sync::couch::CouchError {
    fn message(&self, lang: Lang) -> String {
        use crate::sync::couch::CouchError::*;
        match (self, lang) {
            (BadAddress, Lang::Zh) => "服务器地址不对：应以 http:// 或 https:// 开头，例如 https://couch.example.com:6984。".into(),
            (BadAddress, Lang::En) => "The server address is not valid: it starts with http:// or https://, for example https://couch.example.com:6984.".into(),
            (BadDatabase, Lang::Zh) => "数据库名称不对：以小写字母开头，只能有小写字母、数字和 _ $ ( ) + - /。".into(),
            (BadDatabase, Lang::En) => "The database name is not valid: it starts with a lower-case letter and holds only lower-case letters, digits and _ $ ( ) + - /.".into(),
            (Unreachable, Lang::Zh) => "连不上服务器：请检查网络和服务器地址；地址无误时，请管理员确认服务器在运行，并已允许本应用的跨域访问（CORS）。已同步的部分都保留，下次同步从中断处继续。".into(),
            (Unreachable, Lang::En) => "The server cannot be reached: check the connection and the address. If both are right, ask the administrator whether the server is running and allows this app (CORS). What was synced is kept; the next sync resumes where this one stopped.".into(),
            (Unauthorized, Lang::Zh) => "服务器拒绝了用户名或密码。请核对后重新保存设置。".into(),
            (Unauthorized, Lang::En) => "The server refused the user name or password. Check them and save the settings again.".into(),
            (Forbidden, Lang::Zh) => "这个用户无权读写这个数据库。请管理员把用户加入数据库的成员。".into(),
            (Forbidden, Lang::En) => "This user may not read or write this database. Ask the administrator to make the user a member of it.".into(),
            (NoDatabase, Lang::Zh) => "服务器上没有这个数据库。请核对数据库名称，或请管理员先建好数据库。".into(),
            (NoDatabase, Lang::En) => "The server has no database of this name. Check the name, or ask the administrator to create it first.".into(),
            (NotCouch, Lang::Zh) => "这个地址有应答，但不是 CouchDB 服务器。请核对地址（包括端口）。".into(),
            (NotCouch, Lang::En) => "Something answered at this address, but it is not a CouchDB server. Check the address and its port.".into(),
            (Server { status, reason }, Lang::Zh) => format!("服务器报告错误（{status}：{reason}）。已写入的部分保留，稍后再同步会从中断处继续。"),
            (Server { status, reason }, Lang::En) => format!("The server reported an error ({status}: {reason}). What was written is kept; the next sync resumes where this one stopped."),
            (Conflict { id }, Lang::Zh) => format!("服务器上的记录 {id} 与本平板上同编号的记录内容不同，已拒收，这一批什么也没有写入。请管理员检查服务器上的这份文档。"),
            (Conflict { id }, Lang::En) => format!("Event {id} on the server differs from this tablet's event with the same id. It was refused and nothing of this batch was written. Ask the administrator to check that document on the server."),
            (Refused(e), Lang::Zh) => format!("从服务器取回的数据未通过检查，这一批什么也没有写入。{}", e.message(lang)),
            (Refused(e), Lang::En) => format!("Data from the server failed the checks, and nothing of this batch was written. {}", e.message(lang)),
        }
    }
}
