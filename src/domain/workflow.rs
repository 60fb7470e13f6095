//! The workflow (§4): twelve states, the commands that move a complaint, who may give them,
//! and the one pure entry point [`apply`]. [`allowed_commands`] tells the UI what to offer.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::actor::{Actor, Role};
use super::complaint::{
    Assignment, Complaint, ComplaintDetails, ConflictingValue, Evidence, EvidenceKind, FollowUp,
    LevelChange, Minutes, OutcomeClass, PlanStatus, Reply, Severity, Summary, Task, Validity,
    validate_change,
};
use super::error::{DomainError, ValidationError};
use super::event::{EventBody, NewEvent};
use super::field::{Field, FieldChange};
use super::ids::ComplaintId;
use super::lang::labels;
use super::number::ComplaintNumber;
use super::settings::Settings;
use super::triage::{self, Criterion};
use super::validate::{MAX_SHORT, MAX_TEXT, bounded, required};

/// The states of a complaint, in order. Minor (non-activated) complaints skip `Activated`,
/// `PlanDrafted`, `PlanApproved` and `Summarized`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowState {
    Received,
    Assessed,
    Dispatched,
    Activated,
    Investigating,
    PlanDrafted,
    PlanApproved,
    Implementing,
    Replied,
    FollowedUp,
    Summarized,
    Closed,
}

labels!(WorkflowState {
    Received => ("已受理", "received"),
    Assessed => ("已研判", "assessed"),
    Dispatched => ("已派单", "dispatched"),
    Activated => ("预案启动", "plan activated"),
    Investigating => ("调查核实", "investigating"),
    PlanDrafted => ("方案拟定", "plan drafted"),
    PlanApproved => ("方案审批", "plan approved"),
    Implementing => ("整改落实", "implementing"),
    Replied => ("已答复", "replied"),
    FollowedUp => ("已回访", "followed up"),
    Summarized => ("已总结", "summarised"),
    Closed => ("已结案", "closed"),
});

impl WorkflowState {
    pub const ALL: [WorkflowState; 12] = [
        WorkflowState::Received,
        WorkflowState::Assessed,
        WorkflowState::Dispatched,
        WorkflowState::Activated,
        WorkflowState::Investigating,
        WorkflowState::PlanDrafted,
        WorkflowState::PlanApproved,
        WorkflowState::Implementing,
        WorkflowState::Replied,
        WorkflowState::FollowedUp,
        WorkflowState::Summarized,
        WorkflowState::Closed,
    ];

    /// The states only the emergency (activated) path passes through.
    pub fn is_emergency_only(self) -> bool {
        matches!(
            self,
            WorkflowState::Activated
                | WorkflowState::PlanDrafted
                | WorkflowState::PlanApproved
                | WorkflowState::Summarized
        )
    }
}

/// What a person asks to do to a complaint.
#[allow(clippy::large_enum_variant)] // short-lived; `Receive` carries the whole record
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Receive {
        id: ComplaintId,
        number: ComplaintNumber,
        received_at: DateTime<FixedOffset>,
        details: ComplaintDetails,
    },
    EditField(FieldChange),
    Assess {
        criteria: BTreeSet<Criterion>,
        severity: Severity,
        override_reason: Option<String>,
        validity: Validity,
        category: String,
    },
    Escalate {
        to: Severity,
        reason: String,
    },
    Deescalate {
        to: Severity,
        reason: String,
    },
    Dispatch {
        department: String,
        note: String,
    },
    SignFor {
        signer: String,
        /// A signature drawn on the pad, stored beforehand, by its SHA-256.
        signature: Option<String>,
    },
    ForwardToManager {
        note: String,
    },
    ReportToCommand {
        note: String,
    },
    ReportToGeneralManager {
        note: String,
    },
    Activate {
        note: String,
    },
    StartInvestigation,
    DraftPlan {
        outcome: OutcomeClass,
        content: String,
        compensation_fen: Option<u64>,
    },
    ApprovePlan {
        comment: String,
    },
    RejectPlan {
        reason: String,
    },
    StartImplementation {
        tasks: Vec<Task>,
    },
    ReportBack {
        department: String,
        summary: String,
        /// When the department finished, if before now.
        finished_at: Option<DateTime<FixedOffset>>,
    },
    Reply(Reply),
    FollowUp(FollowUp),
    Summarize(Summary),
    ReviewSummary {
        approved: bool,
        comment: String,
    },
    Close {
        notice: String,
        no_new_complaints: bool,
    },
    RecordMinutes(Minutes),
    ReplyToReferrer {
        text: String,
    },
    ReportProgress {
        content: String,
    },
    AddNote {
        text: String,
        /// Legal counsel was consulted (法律顾问), e.g. on an investigation note.
        legal_counsel: bool,
    },
    AddEvidence(Evidence),
    PauseClocks {
        reason: String,
    },
    ResumeClocks,
    ResolveConflict {
        value: ConflictingValue,
    },
    ResolveReview {
        state: Option<WorkflowState>,
        note: String,
    },
    ErasePersonalData {
        reason: String,
    },
    Delete {
        reason: String,
    },
}

/// The kind of a command, without its data: what the UI lists and messages name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    Receive,
    EditField,
    Assess,
    Escalate,
    Deescalate,
    Dispatch,
    SignFor,
    ReportToGeneralManager,
    ForwardToManager,
    ReportToCommand,
    Activate,
    StartInvestigation,
    DraftPlan,
    ApprovePlan,
    RejectPlan,
    StartImplementation,
    ReportBack,
    Reply,
    FollowUp,
    Summarize,
    ReviewSummary,
    Close,
    RecordMinutes,
    ReportProgress,
    ReplyToReferrer,
    AddNote,
    AddEvidence,
    PauseClocks,
    ResumeClocks,
    ResolveConflict,
    ResolveReview,
    ErasePersonalData,
    Delete,
    ManageRoster,
    ChangeSettings,
    SignDailyCheck,
    SignMonthlyReview,
    PlanVisits,
    RecordVisit,
    RevisePlanDocument,
    LogDrill,
    LogTraining,
}

labels!(CommandKind {
    Receive => ("受理投诉", "receive a complaint"),
    EditField => ("修改记录", "edit the record"),
    Assess => ("研判定级", "assess the complaint"),
    Escalate => ("升级", "escalate"),
    Deescalate => ("降级", "de-escalate"),
    Dispatch => ("派单", "dispatch the handling form"),
    SignFor => ("签收", "sign for the form"),
    ReportToGeneralManager => ("呈报总经理", "report to the general manager"),
    ForwardToManager => ("转项目经理", "forward to the project manager"),
    ReportToCommand => ("报告指挥部", "report to the command"),
    Activate => ("启动应急预案", "activate the emergency plan"),
    StartInvestigation => ("开始调查核实", "start the investigation"),
    DraftPlan => ("拟定处理方案", "draft the handling plan"),
    ApprovePlan => ("批准方案", "approve the plan"),
    RejectPlan => ("驳回方案", "reject the plan"),
    StartImplementation => ("开始整改落实", "start implementing"),
    ReportBack => ("部门反馈处理完毕", "report back as done"),
    Reply => ("答复业主", "reply to the complainant"),
    FollowUp => ("回访", "follow up"),
    Summarize => ("总结", "write the handling report"),
    ReviewSummary => ("审阅总结", "review the handling report"),
    Close => ("结案", "close the case"),
    RecordMinutes => ("记录会议纪要", "record meeting minutes"),
    ReportProgress => ("报告进展", "report progress"),
    ReplyToReferrer => ("答复转办单位", "reply to the referring body"),
    AddNote => ("添加备注", "add a note"),
    AddEvidence => ("添加证据", "add evidence"),
    PauseClocks => ("暂停计时", "pause the clocks"),
    ResumeClocks => ("恢复计时", "resume the clocks"),
    ResolveConflict => ("解决冲突", "resolve a conflict"),
    ResolveReview => ("复核处理", "resolve the review"),
    ErasePersonalData => ("删除个人信息", "erase personal data"),
    Delete => ("删除投诉", "delete the complaint"),
    ManageRoster => ("管理人员名单", "manage the roster"),
    ChangeSettings => ("修改设置", "change the settings"),
    SignDailyCheck => ("签署每日检查", "sign the daily check"),
    SignMonthlyReview => ("签署月度审核", "sign the monthly review"),
    PlanVisits => ("安排走访", "plan visits"),
    RecordVisit => ("记录走访", "record a visit"),
    RevisePlanDocument => ("修订应急预案", "revise the plan document"),
    LogDrill => ("登记演练", "log a drill"),
    LogTraining => ("登记培训", "log a training session"),
});

impl CommandKind {
    /// Whether the command moves the case along its workflow (rather than being allowed in
    /// any state, like notes, minutes, evidence, escalation or pausing the clocks).
    pub fn moves_workflow(self) -> bool {
        use CommandKind as K;
        !matches!(
            self,
            K::Receive
                | K::EditField
                | K::Escalate
                | K::Deescalate
                | K::RecordMinutes
                | K::ReportProgress
                | K::ReplyToReferrer
                | K::AddNote
                | K::AddEvidence
                | K::PauseClocks
                | K::ResumeClocks
                | K::ErasePersonalData
                | K::Delete
                | K::ManageRoster
                | K::ChangeSettings
                | K::SignDailyCheck
                | K::SignMonthlyReview
                | K::PlanVisits
                | K::RecordVisit
                | K::RevisePlanDocument
                | K::LogDrill
                | K::LogTraining
        )
    }

    /// Every command that acts on an existing complaint, in the order the UI lists them.
    pub const ON_COMPLAINT: [CommandKind; 32] = [
        CommandKind::Assess,
        CommandKind::Dispatch,
        CommandKind::SignFor,
        CommandKind::ReportToGeneralManager,
        CommandKind::ForwardToManager,
        CommandKind::ReportToCommand,
        CommandKind::Activate,
        CommandKind::StartInvestigation,
        CommandKind::DraftPlan,
        CommandKind::ApprovePlan,
        CommandKind::RejectPlan,
        CommandKind::StartImplementation,
        CommandKind::ReportBack,
        CommandKind::Reply,
        CommandKind::FollowUp,
        CommandKind::Summarize,
        CommandKind::ReviewSummary,
        CommandKind::Close,
        CommandKind::Escalate,
        CommandKind::Deescalate,
        CommandKind::EditField,
        CommandKind::RecordMinutes,
        CommandKind::ReportProgress,
        CommandKind::ReplyToReferrer,
        CommandKind::AddNote,
        CommandKind::AddEvidence,
        CommandKind::PauseClocks,
        CommandKind::ResumeClocks,
        CommandKind::ResolveConflict,
        CommandKind::ResolveReview,
        CommandKind::ErasePersonalData,
        CommandKind::Delete,
    ];
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        use CommandKind as K;
        match self {
            Command::Receive { .. } => K::Receive,
            Command::EditField(_) => K::EditField,
            Command::Assess { .. } => K::Assess,
            Command::Escalate { .. } => K::Escalate,
            Command::Deescalate { .. } => K::Deescalate,
            Command::Dispatch { .. } => K::Dispatch,
            Command::SignFor { .. } => K::SignFor,
            Command::ReportToGeneralManager { .. } => K::ReportToGeneralManager,
            Command::ForwardToManager { .. } => K::ForwardToManager,
            Command::ReportToCommand { .. } => K::ReportToCommand,
            Command::Activate { .. } => K::Activate,
            Command::StartInvestigation => K::StartInvestigation,
            Command::DraftPlan { .. } => K::DraftPlan,
            Command::ApprovePlan { .. } => K::ApprovePlan,
            Command::RejectPlan { .. } => K::RejectPlan,
            Command::StartImplementation { .. } => K::StartImplementation,
            Command::ReportBack { .. } => K::ReportBack,
            Command::Reply(_) => K::Reply,
            Command::FollowUp(_) => K::FollowUp,
            Command::Summarize(_) => K::Summarize,
            Command::ReviewSummary { .. } => K::ReviewSummary,
            Command::Close { .. } => K::Close,
            Command::RecordMinutes(_) => K::RecordMinutes,
            Command::ReportProgress { .. } => K::ReportProgress,
            Command::ReplyToReferrer { .. } => K::ReplyToReferrer,
            Command::AddNote { .. } => K::AddNote,
            Command::AddEvidence(_) => K::AddEvidence,
            Command::PauseClocks { .. } => K::PauseClocks,
            Command::ResumeClocks => K::ResumeClocks,
            Command::ResolveConflict { .. } => K::ResolveConflict,
            Command::ResolveReview { .. } => K::ResolveReview,
            Command::ErasePersonalData { .. } => K::ErasePersonalData,
            Command::Delete { .. } => K::Delete,
        }
    }
}

/// Who may give a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Every person on the roster.
    Anyone,
    /// Leader, deputy, duty lead and staff.
    Handler,
    /// Handlers and department heads.
    Department,
    /// Leader and deputy; the duty lead outside working hours.
    Lead,
}

/// The permission a command needs on this complaint.
pub fn permission(kind: CommandKind, c: Option<&Complaint>) -> Permission {
    use CommandKind as K;
    match kind {
        K::Receive
        | K::EditField
        | K::RecordMinutes
        | K::ReportProgress
        | K::AddNote
        | K::AddEvidence => Permission::Anyone,
        K::SignFor | K::ReportBack => Permission::Department,
        K::Activate
        | K::ApprovePlan
        | K::RejectPlan
        | K::Deescalate
        | K::ReviewSummary
        | K::ResolveReview
        | K::ErasePersonalData
        | K::Delete
        | K::ManageRoster
        | K::ChangeSettings
        | K::SignMonthlyReview => Permission::Lead,
        K::Close if c.is_some_and(|c| c.activated) => Permission::Lead,
        K::ResolveConflict if c.is_some_and(|c| c.conflicts.contains_key(&Field::Severity)) => {
            Permission::Lead
        }
        _ => Permission::Handler,
    }
}

/// Whether the actor may act as leader at `now`.
/// Outside working hours the duty lead does: the person the rota names for that shift, or,
/// for a shift the rota leaves empty, anyone with the duty lead's role.
pub fn may_lead(actor: &Actor, now: DateTime<FixedOffset>, settings: &Settings) -> bool {
    match actor.role {
        Role::Leader | Role::Deputy => true,
        Role::System => false,
        role if settings.is_off_hours(now) => match settings.on_duty(now) {
            Some(on_duty) => super::organisation::rota_names(on_duty, actor.id, role),
            None => role == Role::DutyLead,
        },
        _ => false,
    }
}

/// Whether the actor holds a permission at `now`.
pub fn permitted(
    actor: &Actor,
    permission: Permission,
    now: DateTime<FixedOffset>,
    settings: &Settings,
) -> bool {
    let handler = matches!(
        actor.role,
        Role::Leader | Role::Deputy | Role::DutyLead | Role::Staff
    );
    match permission {
        Permission::Anyone => actor.role != Role::System,
        Permission::Handler => handler,
        Permission::Department => handler || actor.role == Role::DepartmentHead,
        Permission::Lead => may_lead(actor, now, settings),
    }
}

/// Whether the complaint's state lets a command of this kind happen (whoever gives it).
pub fn precondition(c: &Complaint, kind: CommandKind) -> Result<(), DomainError> {
    use CommandKind as K;
    use DomainError as E;
    use WorkflowState as S;
    if c.deleted.is_some() {
        return Err(E::Deleted);
    }
    let wrong = Err(E::WrongState {
        action: kind,
        state: c.state,
    });
    let done = Err(E::AlreadyDone { action: kind });
    let plan_pending = c
        .plan
        .as_ref()
        .is_some_and(|p| p.status == PlanStatus::Pending);
    let plan_rejected = c
        .plan
        .as_ref()
        .is_some_and(|p| matches!(p.status, PlanStatus::Rejected { .. }));
    let satisfied = c.last_satisfaction().is_some_and(|s| s.is_satisfied());
    let major = c.severity == Some(Severity::Major);
    match kind {
        K::Receive => Err(E::AlreadyReceived),
        K::EditField
        | K::RecordMinutes
        | K::ReportProgress
        | K::AddNote
        | K::AddEvidence
        | K::Delete => Ok(()),
        K::ReplyToReferrer if c.details.referral.is_some() => Ok(()),
        K::ReplyToReferrer => wrong,
        K::Assess if matches!(c.state, S::Received | S::Assessed) => Ok(()),
        K::Escalate | K::Deescalate | K::PauseClocks if c.state == S::Closed => wrong,
        // A first level is set by assessing; there is nothing to raise before it.
        K::Escalate | K::Deescalate if c.severity.is_none() => wrong,
        K::Escalate if major => Err(E::NotHigher {
            from: c.severity,
            to: Severity::Major,
        }),
        K::Escalate => Ok(()),
        K::Deescalate if matches!(c.severity, None | Some(Severity::Minor)) => Err(E::NotLower {
            from: c.severity,
            to: Severity::Minor,
        }),
        K::Deescalate => Ok(()),
        K::Dispatch if c.state != S::Assessed => wrong,
        K::Dispatch if matches!(c.validity, Validity::Invalid { .. }) => Err(E::InvalidComplaint),
        K::Dispatch => Ok(()),
        K::SignFor => match &c.dispatch {
            _ if c.state == S::Closed => wrong,
            None => wrong,
            Some(d) if d.signed_by.is_some() => done,
            Some(_) => Ok(()),
        },
        K::ReportToGeneralManager if c.state == S::Closed => wrong,
        K::ReportToGeneralManager if !major => Err(E::OnlyMajor),
        K::ReportToGeneralManager if c.reported_to_general_manager_at.is_some() => done,
        K::ReportToGeneralManager => Ok(()),
        K::ForwardToManager | K::ReportToCommand if c.state == S::Closed => wrong,
        K::ForwardToManager if c.dispatch.is_none() => wrong,
        K::ForwardToManager if c.forwarded_to_manager_at.is_some() => done,
        K::ForwardToManager => Ok(()),
        K::ReportToCommand if matches!(c.severity, None | Some(Severity::Minor)) => wrong,
        K::ReportToCommand if c.reported_to_command_at.is_some() => done,
        K::ReportToCommand => Ok(()),
        K::Activate if c.activated => done,
        K::Activate if matches!(c.severity, None | Some(Severity::Minor)) => {
            Err(E::MinorNotActivated)
        }
        K::Activate => match c.state {
            S::Dispatched | S::Investigating | S::Implementing | S::Replied | S::FollowedUp => {
                Ok(())
            }
            _ => wrong,
        },
        K::StartInvestigation => match c.state {
            S::Activated => Ok(()),
            S::Dispatched if major && !c.activated => Err(E::MajorNeedsActivation),
            S::Dispatched => Ok(()),
            _ => wrong,
        },
        K::DraftPlan
            if c.state == S::Investigating || (c.state == S::PlanDrafted && plan_rejected) =>
        {
            if c.activated {
                Ok(())
            } else {
                Err(E::NotActivated)
            }
        }
        K::ApprovePlan | K::RejectPlan if c.state == S::PlanDrafted && plan_pending => Ok(()),
        K::StartImplementation => match c.state {
            S::PlanApproved => Ok(()),
            S::Investigating if c.activated => wrong,
            S::Investigating if major => Err(E::MajorNeedsActivation),
            S::Investigating => Ok(()),
            _ => wrong,
        },
        K::ReportBack | K::Reply if c.state != S::Implementing => wrong,
        K::ReportBack if c.reported_back_at.is_some() => done,
        K::ReportBack => Ok(()),
        K::Reply if c.reported_back_at.is_none() => Err(E::NotReportedBack),
        K::Reply => Ok(()),
        K::FollowUp if c.state == S::Replied => Ok(()),
        K::Summarize if matches!(c.state, S::FollowedUp | S::Summarized) && !c.activated => {
            Err(E::NotActivated)
        }
        K::Summarize if c.state == S::FollowedUp && !satisfied => Err(E::NotSatisfied),
        K::Summarize
            if c.state == S::FollowedUp || (c.state == S::Summarized && !c.summary_approved) =>
        {
            Ok(())
        }
        K::ReviewSummary if c.state == S::Summarized && c.summary_approved => done,
        K::ReviewSummary if c.state == S::Summarized => Ok(()),
        K::Close => match c.state {
            S::Assessed if matches!(c.validity, Validity::Invalid { .. }) => Ok(()),
            S::Summarized if !c.summary_approved => Err(E::SummaryNotApproved),
            S::Summarized => Ok(()),
            S::FollowedUp if c.activated => wrong,
            S::FollowedUp if !satisfied => Err(E::NotSatisfied),
            S::FollowedUp if major => Err(E::MajorNeedsActivation),
            S::FollowedUp => Ok(()),
            _ => wrong,
        },
        K::PauseClocks if c.is_paused() => done,
        K::PauseClocks => Ok(()),
        K::ResumeClocks if c.is_paused() => Ok(()),
        K::ResolveConflict if c.conflicts.is_empty() => Err(E::NoConflict),
        K::ResolveConflict => Ok(()),
        K::ResolveReview if c.needs_review() => Ok(()),
        K::ResolveReview => Err(E::NothingToReview),
        K::ErasePersonalData if c.erased => done,
        K::ErasePersonalData => Ok(()),
        _ => wrong,
    }
}

/// Whether an event moves the workflow (and so must fit the state machine).
pub fn is_transition(body: &EventBody) -> bool {
    matches!(
        body,
        EventBody::Assessed { .. }
            | EventBody::Dispatched { .. }
            | EventBody::Activated { .. }
            | EventBody::InvestigationStarted
            | EventBody::PlanDrafted { .. }
            | EventBody::PlanApproved { .. }
            | EventBody::PlanRejected { .. }
            | EventBody::ImplementationStarted { .. }
            | EventBody::Replied(_)
            | EventBody::FollowedUp(_)
            | EventBody::Summarized(_)
            | EventBody::Closed { .. }
    )
}

/// The state a workflow event moves the complaint to, or why it does not fit. `Ok(None)` for
/// events that do not move the workflow. The fold uses this to spot events that were made
/// concurrently and no longer fit.
pub fn next_state(c: &Complaint, body: &EventBody) -> Result<Option<WorkflowState>, DomainError> {
    use CommandKind as K;
    use WorkflowState as S;
    let to = match body {
        EventBody::Assessed { .. } => precondition(c, K::Assess).map(|_| S::Assessed),
        EventBody::Dispatched { .. } => precondition(c, K::Dispatch).map(|_| S::Dispatched),
        EventBody::Activated { .. } => precondition(c, K::Activate).map(|_| S::Activated),
        EventBody::InvestigationStarted => {
            precondition(c, K::StartInvestigation).map(|_| S::Investigating)
        }
        EventBody::PlanDrafted { outcome, .. } => {
            precondition(c, K::DraftPlan).map(|_| match outcome {
                OutcomeClass::FactsUnclear => S::Investigating,
                _ => S::PlanDrafted,
            })
        }
        EventBody::PlanApproved { .. } => precondition(c, K::ApprovePlan).map(|_| S::PlanApproved),
        EventBody::PlanRejected { .. } => precondition(c, K::RejectPlan).map(|_| S::PlanDrafted),
        EventBody::ImplementationStarted { tasks } => {
            precondition(c, K::StartImplementation).and(if tasks.is_empty() {
                Err(DomainError::NoTasks)
            } else {
                Ok(S::Implementing)
            })
        }
        EventBody::Replied(_) => precondition(c, K::Reply).map(|_| S::Replied),
        EventBody::FollowedUp(f) => precondition(c, K::FollowUp).and_then(|_| {
            match (f.satisfaction.is_satisfied(), f.reopen_to) {
                (true, None) => Ok(S::FollowedUp),
                (true, Some(_)) => Err(DomainError::SatisfiedCannotReopen),
                (false, Some(to @ (S::Investigating | S::Implementing))) => Ok(to),
                (false, _) => Err(DomainError::DissatisfiedNeedsReopen),
            }
        }),
        EventBody::Summarized(_) => precondition(c, K::Summarize).map(|_| S::Summarized),
        EventBody::Closed {
            no_new_complaints, ..
        } => precondition(c, K::Close).and_then(|_| {
            if c.activated && !no_new_complaints {
                Err(DomainError::NewComplaintsPending)
            } else {
                Ok(S::Closed)
            }
        }),
        _ => return Ok(None),
    };
    to.map(Some)
}

/// The commands `actor` may give on this complaint at `now` (on no complaint: receiving one).
pub fn allowed_commands(
    c: Option<&Complaint>,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    settings: &Settings,
) -> Vec<CommandKind> {
    let Some(c) = c else {
        return if permitted(actor, Permission::Anyone, now, settings) {
            vec![CommandKind::Receive]
        } else {
            vec![]
        };
    };
    CommandKind::ON_COMPLAINT
        .into_iter()
        .filter(|k| {
            permitted(actor, permission(*k, Some(c)), now, settings) && precondition(c, *k).is_ok()
        })
        .collect()
}

/// How far ahead of now a time of receipt may lie: a form filled in a minute ago on a clock a
/// little fast is fine; a date in next month is a typing slip.
pub const RECEIPT_SLACK: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// The one pure entry point: check a command given by `actor` at `now` against the complaint
/// (`None` before it is received) and return the events to record, unstamped.
pub fn apply(
    state: Option<&Complaint>,
    command: &Command,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    settings: &Settings,
) -> Result<Vec<NewEvent>, DomainError> {
    let kind = command.kind();
    if !permitted(actor, permission(kind, state), now, settings) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action: kind,
        });
    }
    let event = |record, body| NewEvent {
        record,
        actor: actor.clone(),
        at: now,
        body,
    };
    let c = match (state, command) {
        (
            None,
            Command::Receive {
                id,
                number,
                received_at,
                details,
            },
        ) => {
            if *received_at > now + RECEIPT_SLACK {
                return Err(ValidationError::ReceivedInFuture.into());
            }
            let details = details.validated(*received_at)?;
            if let Some(cat) = &details.category {
                known_category(settings, cat)?;
            }
            let body = EventBody::Received {
                number: number.clone(),
                received_at: *received_at,
                details,
            };
            return Ok(vec![event(*id, body)]);
        }
        (None, _) => return Err(DomainError::NoComplaint),
        (Some(c), _) => c,
    };
    precondition(c, kind)?;
    if let Command::ReportBack {
        finished_at: Some(f),
        ..
    } = command
        && *f > now + RECEIPT_SLACK
    {
        return Err(ValidationError::FinishedAfterReport.into());
    }
    let body = body_of(c, command, settings)?;
    super::admit::check_body(&body)?;
    if is_transition(&body) {
        next_state(c, &body)?;
    }
    Ok(vec![event(c.id, body)])
}

fn known_category(settings: &Settings, id: &str) -> Result<(), ValidationError> {
    if id.trim().is_empty() {
        return Err(ValidationError::Required(Field::Category));
    }
    match settings.category(id) {
        Some(_) => Ok(()),
        None => Err(ValidationError::UnknownCategory { id: id.to_owned() }),
    }
}

fn sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// An attachment an event points at (a signature), as its lowercase SHA-256; anything else is
/// named as `field` that does not read.
fn blob_ref(field: Field, sha: Option<&str>) -> Result<Option<String>, ValidationError> {
    match sha {
        None => Ok(None),
        Some(h) if sha256_hex(h) => Ok(Some(h.to_ascii_lowercase())),
        Some(h) => Err(ValidationError::Unreadable {
            field,
            input: h.chars().take(80).collect(),
        }),
    }
}

/// Check a command's data and turn it into the event body to record.
fn body_of(
    c: &Complaint,
    command: &Command,
    settings: &Settings,
) -> Result<EventBody, DomainError> {
    use EventBody as B;
    let short = |f, v: &str| bounded(f, v, MAX_SHORT);
    let text = |f, v: &str| bounded(f, v, MAX_TEXT);
    let level_change = |to: Severity, reason: &str| -> Result<EventBody, DomainError> {
        let reason = required(Field::Reason, reason, MAX_TEXT)?;
        Ok(B::LevelChanged {
            change: LevelChange {
                from: c.severity,
                to,
                reason,
            },
            automatic: false,
        })
    };
    Ok(match command {
        Command::Receive { .. } => return Err(DomainError::AlreadyReceived),
        Command::EditField(change) => {
            let change = validate_change(change)?;
            if let FieldChange::Category(cat) = &change {
                known_category(settings, cat)?;
            }
            B::FieldEdited { change }
        }
        Command::Assess {
            criteria,
            severity,
            override_reason,
            validity,
            category,
        } => {
            known_category(settings, category)?;
            let suggested = triage::suggest(criteria);
            let override_reason = match override_reason
                .as_deref()
                .map(|r| text(Field::Reason, r))
                .transpose()?
            {
                Some(r) if !r.is_empty() => Some(r),
                _ if *severity != suggested => {
                    return Err(DomainError::OverrideNeedsReason {
                        suggested,
                        chosen: *severity,
                    });
                }
                _ => None,
            };
            let validity = match validity {
                Validity::Pending => return Err(ValidationError::Required(Field::Validity).into()),
                Validity::Valid => Validity::Valid,
                Validity::Invalid { reason } => Validity::Invalid {
                    reason: required(Field::Reason, reason, MAX_TEXT)?,
                },
            };
            B::Assessed {
                criteria: criteria.clone(),
                suggested,
                severity: *severity,
                override_reason,
                validity,
                category: category.clone(),
            }
        }
        Command::Escalate { to, reason } => {
            if c.severity.is_none_or(|s| *to <= s) {
                return Err(DomainError::NotHigher {
                    from: c.severity,
                    to: *to,
                });
            }
            level_change(*to, reason)?
        }
        Command::Deescalate { to, reason } => {
            if c.severity.is_none_or(|s| *to >= s) {
                return Err(DomainError::NotLower {
                    from: c.severity,
                    to: *to,
                });
            }
            level_change(*to, reason)?
        }
        Command::Dispatch { department, note } => B::Dispatched {
            department: required(Field::Department, department, MAX_SHORT)?,
            note: text(Field::Content, note)?,
        },
        Command::SignFor { signer, signature } => B::SignedFor {
            signer: required(Field::Signer, signer, MAX_SHORT)?,
            signature: blob_ref(Field::Signature, signature.as_deref())?,
        },
        Command::ForwardToManager { note } => B::ForwardedToManager {
            note: text(Field::Content, note)?,
        },
        Command::ReportToCommand { note } => B::ReportedToCommand {
            note: text(Field::Content, note)?,
        },
        Command::ReportToGeneralManager { note } => B::ReportedToGeneralManager {
            note: text(Field::Content, note)?,
        },
        Command::Activate { note } => B::Activated {
            note: text(Field::Content, note)?,
        },
        Command::StartInvestigation => B::InvestigationStarted,
        Command::DraftPlan {
            outcome,
            content,
            compensation_fen,
        } => B::PlanDrafted {
            outcome: *outcome,
            content: required(Field::Content, content, MAX_TEXT)?,
            compensation_fen: *compensation_fen,
        },
        Command::ApprovePlan { comment } => B::PlanApproved {
            comment: text(Field::Content, comment)?,
        },
        Command::RejectPlan { reason } => B::PlanRejected {
            reason: required(Field::Reason, reason, MAX_TEXT)?,
        },
        Command::StartImplementation { tasks } => {
            if tasks.is_empty() {
                return Err(DomainError::NoTasks);
            }
            let tasks = tasks
                .iter()
                .map(|t| {
                    Ok(Task {
                        department: required(Field::Department, &t.department, MAX_SHORT)?,
                        description: required(Field::TaskDescription, &t.description, MAX_TEXT)?,
                        due: t.due,
                    })
                })
                .collect::<Result<Vec<_>, ValidationError>>()?;
            B::ImplementationStarted { tasks }
        }
        Command::ReportBack {
            department,
            summary,
            finished_at,
        } => {
            let department = required(Field::Department, department, MAX_SHORT)?;
            // Each department with a task reports back on its own, once.
            if !c.pending_reports().contains(&department) {
                return Err(DomainError::NoTaskFor { department });
            }
            B::ReportedBack {
                department,
                summary: text(Field::Content, summary)?,
                finished_at: *finished_at,
            }
        }
        Command::Reply(r) => B::Replied(Reply {
            result: required(Field::ReplyResult, &r.result, MAX_TEXT)?,
            reasons: text(Field::Reason, &r.reasons)?,
            basis: text(Field::Content, &r.basis)?,
        }),
        Command::FollowUp(f) => B::FollowedUp(FollowUp {
            comments: text(Field::Content, &f.comments)?,
            signature: blob_ref(Field::Signature, f.signature.as_deref())?,
            ..f.clone()
        }),
        Command::Summarize(s) => B::Summarized(Summary {
            causes: required(Field::Content, &s.causes, MAX_TEXT)?,
            lessons: text(Field::Content, &s.lessons)?,
            corrective_actions: text(Field::Content, &s.corrective_actions)?,
            preventive_actions: text(Field::Content, &s.preventive_actions)?,
            plan_revisions: text(Field::Content, &s.plan_revisions)?,
            training_needs: text(Field::Content, &s.training_needs)?,
        }),
        Command::ReviewSummary { approved, comment } => B::SummaryReviewed {
            approved: *approved,
            comment: if *approved {
                text(Field::Content, comment)?
            } else {
                required(Field::Reason, comment, MAX_TEXT)?
            },
        },
        Command::Close {
            notice,
            no_new_complaints,
        } => B::Closed {
            notice: text(Field::Content, notice)?,
            no_new_complaints: *no_new_complaints,
        },
        Command::RecordMinutes(m) => B::MinutesRecorded(Minutes {
            content: required(Field::Content, &m.content, MAX_TEXT)?,
            decisions: text(Field::Content, &m.decisions)?,
            assignments: m
                .assignments
                .iter()
                .map(|a| {
                    Ok(Assignment {
                        who: required(Field::Owner, &a.who, MAX_SHORT)?,
                        what: required(Field::OwnerTask, &a.what, MAX_TEXT)?,
                    })
                })
                .collect::<Result<_, ValidationError>>()?,
            status: short(Field::Content, &m.status)?,
        }),
        Command::ReportProgress { content } => B::ProgressReported {
            content: required(Field::Content, content, MAX_TEXT)?,
        },
        Command::ReplyToReferrer { text: t } => B::ReferrerReplied {
            text: required(Field::Content, t, MAX_TEXT)?,
        },
        Command::AddNote {
            text: t,
            legal_counsel,
        } => B::NoteAdded {
            text: required(Field::Content, t, MAX_TEXT)?,
            legal_counsel: *legal_counsel,
        },
        Command::AddEvidence(e) => {
            let caption = text(Field::Evidence, &e.caption)?;
            let blob = e.blob_sha256.as_deref().map(str::to_ascii_lowercase);
            match (e.kind, &blob) {
                (EvidenceKind::Note, _) if caption.is_empty() => {
                    return Err(ValidationError::Required(Field::Evidence).into());
                }
                (EvidenceKind::Note, _) => {}
                (_, Some(h)) if sha256_hex(h) => {}
                (EvidenceKind::Signature, _) => {
                    return Err(ValidationError::Required(Field::Signature).into());
                }
                _ => return Err(ValidationError::Required(Field::Evidence).into()),
            }
            B::EvidenceAdded(Evidence {
                kind: e.kind,
                blob_sha256: blob,
                caption,
            })
        }
        Command::PauseClocks { reason } => B::ClocksPaused {
            reason: required(Field::Reason, reason, MAX_TEXT)?,
        },
        Command::ResumeClocks => B::ClocksResumed,
        Command::ResolveConflict { value } => match value {
            ConflictingValue::Field(change) => {
                if !c.conflicts.contains_key(&change.field()) {
                    return Err(DomainError::NoConflict);
                }
                B::FieldEdited {
                    change: validate_change(change)?,
                }
            }
            ConflictingValue::Severity(to) => {
                if !c.conflicts.contains_key(&Field::Severity) {
                    return Err(DomainError::NoConflict);
                }
                level_change(*to, "解决并发冲突 / resolving concurrent levels")?
            }
        },
        Command::ResolveReview { state, note } => B::ReviewResolved {
            events: c.review.iter().map(|r| r.event).collect(),
            state: *state,
            note: required(Field::Content, note, MAX_TEXT)?,
        },
        Command::ErasePersonalData { reason } => B::PersonalDataErased {
            reason: required(Field::Reason, reason, MAX_TEXT)?,
        },
        Command::Delete { reason } => B::Deleted {
            reason: required(Field::Reason, reason, MAX_TEXT)?,
        },
    })
}

/// The levels an escalation (`CommandKind::Escalate`) or a de-escalation
/// (`CommandKind::Deescalate`) of `c` may choose: strictly above, or strictly below, its
/// level, and none before it has one (a first level is set by assessing).
pub fn level_change_targets(c: &Complaint, kind: CommandKind) -> Vec<Severity> {
    let Some(now) = c.severity else {
        return Vec::new();
    };
    Severity::ALL
        .into_iter()
        .filter(|s| match kind {
            CommandKind::Escalate => *s > now,
            CommandKind::Deescalate => *s < now,
            _ => false,
        })
        .collect()
}
