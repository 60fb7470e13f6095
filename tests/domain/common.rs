//! Shared helpers for the domain tests: times, actors, a device that applies and stamps
//! commands, and the standard paths through the workflow.
#![allow(dead_code)]

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, TimeDelta};
use complaints::domain::*;
use uuid::Uuid;

/// Steps along the workflow: command, actor, state after.
pub type Path = Vec<(Command, Actor, WorkflowState)>;

/// A time from RFC 3339, e.g. `2026-04-30T15:00:00+08:00`.
/// The briefs of whole complaints, as the first screens read them.
pub fn briefs<'a>(all: impl IntoIterator<Item = &'a Complaint>) -> Vec<Brief> {
    all.into_iter().map(Brief::of).collect()
}

pub fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("bad time {s}: {e}"))
}

pub fn person(n: u128, name: &str, role: Role) -> Actor {
    Actor::new(PersonId(Uuid::from_u128(n)), name, role)
}
pub fn leader() -> Actor {
    person(1, "王组长", Role::Leader)
}
pub fn deputy() -> Actor {
    person(2, "李副组长", Role::Deputy)
}
pub fn duty_lead() -> Actor {
    person(3, "赵值班", Role::DutyLead)
}
pub fn staff() -> Actor {
    person(4, "陈客服", Role::Staff)
}
pub fn dept_head() -> Actor {
    person(5, "周经理", Role::DepartmentHead)
}

pub fn device(n: u128) -> DeviceId {
    DeviceId(Uuid::from_u128(0xD0_0000 + n))
}

pub fn details() -> ComplaintDetails {
    let mut d = ComplaintDetails::new(Channel::WalkIn, "电梯连续三天故障");
    d.complainant.name = Some("张先生".into());
    d.complainant.phone = Some(Phone::parse("13812345678").unwrap());
    d.complainant.unit = Some(Unit {
        building: "3栋".into(),
        entrance: "2单元".into(),
        room: "1201".into(),
    });
    d.request = "尽快修好并说明原因".into();
    d.category = Some("facilities".into());
    d
}

/// One device recording events for complaints, folding after each command.
pub struct Device {
    pub clock: DeviceClock,
    pub events: Vec<Event>,
    pub settings: Settings,
    counter: u64,
}

impl Device {
    pub fn new(n: u128) -> Self {
        Device {
            clock: DeviceClock::new(device(n)),
            events: Vec::new(),
            settings: Settings::default(),
            counter: 0,
        }
    }

    pub fn random(&mut self) -> [u8; 10] {
        self.counter += 1;
        let mut r = [0u8; 10];
        r[..8].copy_from_slice(&self.counter.to_be_bytes());
        r[8..].copy_from_slice(&(self.clock.device.0.as_u128() as u16).to_be_bytes());
        r
    }

    pub fn complaint(&self, id: ComplaintId) -> Option<Complaint> {
        fold_complaint(self.events.iter().filter(|e| e.record == id).collect())
    }

    /// Apply a command and record its stamped events.
    pub fn run(
        &mut self,
        id: ComplaintId,
        cmd: Command,
        actor: &Actor,
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<Event>, DomainError> {
        let c = self.complaint(id);
        let news = apply(c.as_ref(), &cmd, actor, now, &self.settings)?;
        let heads = c.as_ref().map(|c| c.heads.clone()).unwrap_or_default();
        let seen = c.as_ref().map(|c| c.latest_hlc);
        let mut counter = self.counter;
        let device = self.clock.device;
        let stamped = self.clock.stamp_all(news, heads, seen, || {
            counter += 1;
            let mut r = [0u8; 10];
            r[..8].copy_from_slice(&counter.to_be_bytes());
            r[8..].copy_from_slice(&(device.0.as_u128() as u16).to_be_bytes());
            r
        });
        self.counter = counter;
        self.events.extend(stamped.clone());
        Ok(stamped)
    }

    /// Take in another device's events (set union by id), as an import would.
    pub fn import(&mut self, events: &[Event], now_ms: u64) {
        let have: BTreeSet<EventId> = self.events.iter().map(|e| e.id).collect();
        let new: Vec<Event> = events
            .iter()
            .filter(|e| !have.contains(&e.id))
            .cloned()
            .collect();
        self.clock.observe(&new, now_ms);
        self.events.extend(new);
    }
}

pub fn complaint_id(n: u128) -> ComplaintId {
    RecordId(Uuid::from_u128(0xC0_0000 + n))
}

pub fn receive_cmd(n: u32, received_at: DateTime<FixedOffset>) -> Command {
    Command::Receive {
        id: complaint_id(n as u128),
        number: ComplaintNumber::next(
            received_at.date_naive(),
            DeviceCode::parse("A3").unwrap(),
            n - 1,
        ),
        received_at,
        details: details(),
    }
}

pub fn assess(severity: Severity) -> Command {
    let criterion = match severity {
        Severity::Major => Criterion::MajorLossOrInjury,
        Severity::Important => Criterion::ServiceLapse,
        Severity::Minor => Criterion::FacilityLimit,
    };
    Command::Assess {
        criteria: [criterion].into_iter().collect(),
        severity,
        override_reason: None,
        validity: Validity::Valid,
        category: "facilities".into(),
    }
}

pub fn follow_up(satisfaction: Satisfaction, reopen_to: Option<WorkflowState>) -> Command {
    Command::FollowUp(FollowUp {
        satisfaction,
        comments: "回访".into(),
        reopen_to,
        signature: None,
    })
}

/// The full emergency path of a major complaint: each step's command, actor and the state after.
pub fn major_path() -> Vec<(Command, Actor, WorkflowState)> {
    use WorkflowState as S;
    vec![
        (assess(Severity::Major), staff(), S::Assessed),
        (
            Command::Dispatch {
                department: "工程部".into(),
                note: "请工程部今天内到场".into(),
            },
            staff(),
            S::Dispatched,
        ),
        (
            Command::Activate {
                note: "召开应急会议".into(),
            },
            leader(),
            S::Activated,
        ),
        (Command::StartInvestigation, staff(), S::Investigating),
        (
            Command::DraftPlan {
                outcome: OutcomeClass::Rectify,
                content: "更换电梯主板并赔偿".into(),
                compensation_fen: Some(50_000),
            },
            staff(),
            S::PlanDrafted,
        ),
        (
            Command::ApprovePlan {
                comment: "同意，注意安全".into(),
            },
            leader(),
            S::PlanApproved,
        ),
        (
            Command::StartImplementation {
                tasks: vec![Task {
                    department: "工程部".into(),
                    description: "更换主板".into(),
                    due: None,
                }],
            },
            staff(),
            S::Implementing,
        ),
        (
            Command::ReportBack {
                department: "工程部".into(),
                summary: "已更换".into(),
                finished_at: None,
            },
            dept_head(),
            S::Implementing,
        ),
        (
            Command::Reply(Reply {
                result: "已修复".into(),
                reasons: "电梯控制板老化".into(),
                basis: "《物业服务合同》第八条".into(),
            }),
            staff(),
            S::Replied,
        ),
        (
            follow_up(Satisfaction::Satisfied, None),
            staff(),
            S::FollowedUp,
        ),
        (
            Command::Summarize(Summary {
                causes: "主板老化".into(),
                ..Summary::default()
            }),
            staff(),
            S::Summarized,
        ),
        (
            Command::ReviewSummary {
                approved: true,
                comment: "报告完整，同意".into(),
            },
            leader(),
            S::Summarized,
        ),
        (
            Command::Close {
                notice: "应急终止".into(),
                no_new_complaints: true,
            },
            leader(),
            S::Closed,
        ),
    ]
}

/// The minor path: no activation, plan or summary.
pub fn minor_path() -> Vec<(Command, Actor, WorkflowState)> {
    use WorkflowState as S;
    vec![
        (assess(Severity::Minor), staff(), S::Assessed),
        (
            Command::Dispatch {
                department: "工程部".into(),
                note: String::new(),
            },
            staff(),
            S::Dispatched,
        ),
        (Command::StartInvestigation, staff(), S::Investigating),
        (
            Command::StartImplementation {
                tasks: vec![Task {
                    department: "工程部".into(),
                    description: "修理".into(),
                    due: None,
                }],
            },
            staff(),
            S::Implementing,
        ),
        (
            Command::ReportBack {
                department: "工程部".into(),
                summary: "已修".into(),
                finished_at: None,
            },
            dept_head(),
            S::Implementing,
        ),
        (
            Command::Reply(Reply {
                result: "已修复".into(),
                reasons: String::new(),
                basis: String::new(),
            }),
            staff(),
            S::Replied,
        ),
        (
            follow_up(Satisfaction::BasicallySatisfied, None),
            staff(),
            S::FollowedUp,
        ),
        (
            Command::Close {
                notice: String::new(),
                no_new_complaints: true,
            },
            staff(),
            S::Closed,
        ),
    ]
}

pub const RECEIVED: &str = "2026-11-25T10:00:00+08:00";

/// A device holding complaint 1 received at [`RECEIVED`] and taken `steps` steps along `path`,
/// one minute apart. Returns the device and the time of the last step.
pub fn walk(
    path: &[(Command, Actor, WorkflowState)],
    steps: usize,
) -> (Device, DateTime<FixedOffset>) {
    let mut d = Device::new(1);
    let mut now = t(RECEIVED);
    d.run(complaint_id(1), receive_cmd(1, now), &staff(), now)
        .unwrap();
    for (cmd, actor, _) in &path[..steps] {
        now += TimeDelta::minutes(1);
        d.run(complaint_id(1), cmd.clone(), actor, now)
            .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    }
    (d, now)
}

/// A valid command of `kind` for complaint `c`; `pick` varies the choices (satisfaction,
/// outcome, targets) so property tests explore every branch.
pub fn sample(kind: CommandKind, c: &Complaint, pick: u8) -> Command {
    use CommandKind as K;
    let task = Task {
        department: "工程部".into(),
        description: "整改".into(),
        due: None,
    };
    match kind {
        K::Receive => receive_cmd(1, t(RECEIVED)),
        K::EditField => Command::EditField(FieldChange::Request(format!("诉求 {pick}"))),
        K::Assess => {
            let severity = Severity::ALL[pick as usize % 3];
            let mut cmd = assess(severity);
            if pick.is_multiple_of(7)
                && let Command::Assess { validity, .. } = &mut cmd
            {
                *validity = Validity::Invalid {
                    reason: "非本公司责任".into(),
                };
            }
            cmd
        }
        K::Escalate => Command::Escalate {
            to: Severity::Major,
            reason: "多次投诉".into(),
        },
        K::Deescalate => Command::Deescalate {
            to: Severity::Minor,
            reason: "核实后影响轻微".into(),
        },
        K::Dispatch => Command::Dispatch {
            department: "工程部".into(),
            note: String::new(),
        },
        K::SignFor => Command::SignFor {
            signer: "周经理".into(),
            signature: None,
        },
        K::ReportToGeneralManager => Command::ReportToGeneralManager {
            note: String::new(),
        },
        K::Activate => Command::Activate {
            note: String::new(),
        },
        K::StartInvestigation => Command::StartInvestigation,
        K::DraftPlan => Command::DraftPlan {
            outcome: [
                OutcomeClass::Rectify,
                OutcomeClass::FactsUnclear,
                OutcomeClass::Explain,
            ][pick as usize % 3],
            content: "方案".into(),
            compensation_fen: None,
        },
        K::ApprovePlan => Command::ApprovePlan {
            comment: String::new(),
        },
        K::RejectPlan => Command::RejectPlan {
            reason: "赔偿不足".into(),
        },
        K::StartImplementation => Command::StartImplementation { tasks: vec![task] },
        K::ReportBack => Command::ReportBack {
            department: "工程部".into(),
            summary: String::new(),
            finished_at: None,
        },
        K::Reply => Command::Reply(Reply {
            result: "已处理".into(),
            reasons: String::new(),
            basis: String::new(),
        }),
        K::FollowUp => match pick % 4 {
            0 => follow_up(
                Satisfaction::Dissatisfied,
                Some(WorkflowState::Investigating),
            ),
            1 => follow_up(
                Satisfaction::Dissatisfied,
                Some(WorkflowState::Implementing),
            ),
            2 => follow_up(Satisfaction::BasicallySatisfied, None),
            _ => follow_up(Satisfaction::Satisfied, None),
        },
        K::Summarize => Command::Summarize(Summary {
            causes: "原因".into(),
            ..Summary::default()
        }),
        K::ReviewSummary => Command::ReviewSummary {
            approved: !pick.is_multiple_of(3),
            comment: "请补充".into(),
        },
        K::Close => Command::Close {
            notice: "终止".into(),
            no_new_complaints: true,
        },
        K::RecordMinutes => Command::RecordMinutes(Minutes {
            content: "会议".into(),
            ..Minutes::default()
        }),
        K::ReportProgress => Command::ReportProgress {
            content: "进展".into(),
        },
        K::ForwardToManager => Command::ForwardToManager {
            note: "已转项目经理".into(),
        },
        K::ReportToCommand => Command::ReportToCommand {
            note: "已报告指挥部".into(),
        },
        K::ReplyToReferrer => Command::ReplyToReferrer {
            text: "已答复转办单位".into(),
        },
        K::AddNote => Command::AddNote {
            text: "备注".into(),
            legal_counsel: false,
        },
        K::AddEvidence => Command::AddEvidence(Evidence {
            kind: EvidenceKind::Photo,
            blob_sha256: Some("ab".repeat(32)),
            caption: "现场照片".into(),
        }),
        K::PauseClocks => Command::PauseClocks {
            reason: "等待业主提供材料".into(),
        },
        K::ResumeClocks => Command::ResumeClocks,
        K::ResolveConflict => {
            let value = c
                .conflicts
                .values()
                .next()
                .and_then(|v| v.first())
                .map(|v| v.value.clone());
            Command::ResolveConflict {
                value: value.unwrap_or(complaints::domain::complaint::ConflictingValue::Severity(
                    Severity::Major,
                )),
            }
        }
        K::ResolveReview => Command::ResolveReview {
            state: None,
            note: "已复核".into(),
        },
        K::ErasePersonalData => Command::ErasePersonalData {
            reason: "业主要求".into(),
        },
        K::Delete => Command::Delete {
            reason: "重复录入".into(),
        },
        K::ManageRoster
        | K::ChangeSettings
        | K::SignDailyCheck
        | K::SignMonthlyReview
        | K::PlanVisits
        | K::RecordVisit
        | K::RevisePlanDocument
        | K::LogDrill
        | K::LogTraining => Command::AddNote {
            text: String::new(),
            legal_counsel: false,
        },
    }
}

/// On an existing device, receive complaint `n` at `start` with `details` and take `steps`
/// steps of `path`, each `gap` apart. Returns the time of the last step.
pub fn walk_on(
    d: &mut Device,
    n: u32,
    details: ComplaintDetails,
    path: &[(Command, Actor, WorkflowState)],
    steps: usize,
    start: DateTime<FixedOffset>,
    gap: TimeDelta,
) -> DateTime<FixedOffset> {
    let id = complaint_id(n as u128);
    let number = ComplaintNumber::next(start.date_naive(), DeviceCode::parse("A3").unwrap(), n - 1);
    let mut now = start;
    d.run(
        id,
        Command::Receive {
            id,
            number,
            received_at: start,
            details,
        },
        &staff(),
        now,
    )
    .unwrap();
    for (cmd, actor, _) in &path[..steps] {
        now += gap;
        d.run(id, cmd.clone(), actor, now)
            .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    }
    now
}
