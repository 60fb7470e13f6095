//! Errors as values. What a person reads for each (the problem and what to do, in Chinese or
//! English) is in `ui::i18n`; here they are data only.

use std::fmt;

use super::actor::Role;
use super::complaint::Severity;
use super::field::Field;

use super::workflow::{CommandKind, WorkflowState};

/// A bad input value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValidationError {
    Required(Field),
    TooLong {
        field: Field,
        max: usize,
    },
    /// More items than a list takes.
    TooMany {
        field: Field,
        max: usize,
    },
    Phone {
        input: String,
    },
    /// A number nobody can dial (an organisation unit's or member's).
    Dialable {
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
    /// A referring body's deadline that is not after the complaint was received.
    ReferralDueEarly,
    /// A department's handling finished after it reported back.
    FinishedAfterReport,
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
    /// An attachment larger than the limit per file.
    FileTooLarge {
        size_bytes: usize,
        limit_mib: usize,
    },
    /// A file of a type the evidence form does not take (its MIME type).
    FileType {
        mime: String,
    },
    /// A setting out of range, or an event on a record of the wrong kind.
    Setting(SettingProblem),
}

/// What is wrong with a setting (or with where an event belongs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingProblem {
    /// The accepted clock lead is outside 1–720 hours.
    ClockDrift,
    /// The event does not belong to a record of this kind.
    RecordKind,
    /// Nobody is given the system role.
    SystemRole,
    /// Working hours end before they start.
    WorkingHours,
    /// The repeat window is outside 1–3650 days.
    RepeatWindow,
    /// A group complaint needs at least two complainants.
    GroupSize,
    /// A list of categories or departments cannot be empty.
    EmptyList,
    /// Every entry needs an id and a Chinese name.
    EntryUnnamed,
    /// Every holiday needs a Chinese name.
    HolidayUnnamed,
    /// A holiday ends before it starts.
    HolidayReversed,
    /// A holiday must lie within one year between 2000 and 2100.
    HolidayYear,
    /// A confirmed year lies outside 2000–2100.
    CoveredYear,
    /// A make-up working day lies outside 2000–2100.
    MakeUpDayYear,
    /// A drill or training period longer than ten years.
    UpkeepPeriod,
}

impl ValidationError {
    /// The form field the error belongs to, so a form can show it in place.
    pub fn field(&self) -> Option<Field> {
        use ValidationError::*;
        match self {
            Required(f) | TooLong { field: f, .. } | TooMany { field: f, .. } => Some(*f),
            Phone { .. } => Some(Field::ComplainantPhone),
            Dialable { .. } => Some(Field::Phone),
            DeviceCode { .. } | DeviceCodeTaken { .. } => Some(Field::DeviceCode),
            NoComplainant | ContactRequired => Some(Field::ComplainantName),
            OccurredAfterReceipt => Some(Field::OccurredAt),
            ReceivedInFuture => Some(Field::ReceivedAt),
            ReferralDueEarly => Some(Field::ReferralDue),
            FinishedAfterReport => Some(Field::FinishedAt),
            UnknownCategory { .. } => Some(Field::Category),
            Unreadable { field, .. } => Some(*field),
            FileTooLarge { .. } | FileType { .. } => Some(Field::Evidence),
            PeriodReversed => Some(Field::PeriodTo),
            ComplaintNumber { .. } | Setting(_) => None,
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
    /// A report-back from a department with no task left to report on (it already reported,
    /// or it has no task).
    NoTaskFor {
        department: String,
    },
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

impl DomainError {}

/// The variant as it is, for logs and tests; a person reads `ui::i18n`'s message instead.
impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for DomainError {}

/// The variant as it is, for logs and tests; a person reads `ui::i18n`'s message instead.
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for ValidationError {}
