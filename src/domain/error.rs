//! Errors as values, each with a message a person can act on, in Chinese and English.

use std::fmt;

use super::actor::Role;
use super::complaint::Severity;
use super::field::Field;
use super::lang::Lang;
use super::workflow::{CommandKind, WorkflowState};

/// A bad input value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationError {
    Required(Field),
    TooLong {
        field: Field,
        max: usize,
    },
    Phone {
        input: String,
    },
    DeviceCode {
        input: String,
    },
    ComplaintNumber {
        input: String,
    },
    NoComplainant,
    ContactRequired,
    OccurredAfterReceipt,
    /// The time of receipt lies ahead of now by more than a clock's slack.
    ReceivedInFuture,
    UnknownCategory {
        id: String,
    },
    /// A period whose last day comes before its first.
    PeriodReversed,
    /// A pick the form never offered, or a typed value that does not read (a date, an amount).
    Unreadable {
        field: Field,
        input: String,
    },
    DeviceCodeTaken {
        code: String,
    },
    /// A setting out of range: what is wrong, in Chinese and in English.
    Setting {
        zh: &'static str,
        en: &'static str,
    },
}

impl ValidationError {
    /// The form field the error belongs to, so a form can show it in place.
    pub fn field(&self) -> Option<Field> {
        use ValidationError::*;
        match self {
            Required(f) | TooLong { field: f, .. } => Some(*f),
            Phone { .. } => Some(Field::ComplainantPhone),
            DeviceCode { .. } | DeviceCodeTaken { .. } => Some(Field::DeviceCode),
            NoComplainant | ContactRequired => Some(Field::ComplainantName),
            OccurredAfterReceipt => Some(Field::OccurredAt),
            ReceivedInFuture => Some(Field::ReceivedAt),
            UnknownCategory { .. } => Some(Field::Category),
            Unreadable { field, .. } => Some(*field),
            PeriodReversed => Some(Field::PeriodTo),
            ComplaintNumber { .. } | Setting { .. } => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use ValidationError::*;
        match (self, lang) {
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
            (ReceivedInFuture, Lang::Zh) => "受理时间不能晚于现在，请检查日期和时间".into(),
            (ReceivedInFuture, Lang::En) => {
                "The time received cannot be in the future: check the date and time".into()
            }
            (UnknownCategory { id }, Lang::Zh) => format!("没有“{id}”这个投诉类别"),
            (UnknownCategory { id }, Lang::En) => format!("There is no complaint category “{id}”"),
            (DeviceCodeTaken { code }, Lang::Zh) => format!("设备代码“{code}”已被另一台设备使用"),
            (DeviceCodeTaken { code }, Lang::En) => {
                format!("Device code “{code}” is already used by another device")
            }
            (Setting { zh, .. }, Lang::Zh) => format!("设置无效：{zh}。"),
            (Setting { en, .. }, Lang::En) => format!("Invalid setting: {en}."),
        }
    }
}

/// Why a command was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainError {
    Invalid(ValidationError),
    /// The actor's role may not do this (now).
    NotPermitted {
        role: Role,
        action: CommandKind,
    },
    /// The complaint is not in a state where this can happen.
    WrongState {
        action: CommandKind,
        state: WorkflowState,
    },
    /// A command other than receiving needs an existing complaint.
    NoComplaint,
    AlreadyReceived,
    Deleted,
    OverrideNeedsReason {
        suggested: Severity,
        chosen: Severity,
    },
    NotHigher {
        from: Option<Severity>,
        to: Severity,
    },
    NotLower {
        from: Option<Severity>,
        to: Severity,
    },
    MinorNotActivated,
    MajorNeedsActivation,
    NotActivated,
    NotReportedBack,
    DissatisfiedNeedsReopen,
    SatisfiedCannotReopen,
    NotSatisfied,
    SummaryNotApproved,
    NewComplaintsPending,
    NoTasks,
    InvalidComplaint,
    AlreadyDone {
        action: CommandKind,
    },
    NothingToReview,
    OnlyMajor,
    NoConflict,
}

impl From<ValidationError> for DomainError {
    fn from(e: ValidationError) -> Self {
        DomainError::Invalid(e)
    }
}

fn level(s: Option<Severity>, lang: Lang) -> &'static str {
    s.map_or(lang.pick("未定级", "not assessed"), |s| s.label(lang))
}

impl DomainError {
    pub fn message(&self, lang: Lang) -> String {
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
            NotReportedBack if zh => "责任部门尚未反馈处理完毕，不能答复".into(),
            NotReportedBack => {
                "The department has not reported back yet, so there is nothing to reply".into()
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

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for DomainError {}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ValidationError {}
