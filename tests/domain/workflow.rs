//! Workflow: every legal move along both paths and the side branches, every illegal one with
//! its message, role gating, and `allowed_commands` agreeing with `apply` in every state.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::*;
use complaints::ui::i18n::Message;

/// Take `steps` steps of `path`, then give `cmd` as `actor` a minute later; the state after.
fn run_after(
    path: &[(Command, Actor, WorkflowState)],
    steps: usize,
    cmd: Command,
    actor: &Actor,
) -> Result<Complaint, DomainError> {
    let (mut d, now) = walk(path, steps);
    d.run(complaint_id(1), cmd, actor, now + TimeDelta::minutes(1))?;
    Ok(d.complaint(complaint_id(1)).unwrap())
}

#[test]
fn the_major_and_minor_paths_pass_through_their_states() {
    for (name, path) in [("major", major_path()), ("minor", minor_path())] {
        for steps in 1..=path.len() {
            let (d, _) = walk(&path, steps);
            let c = d.complaint(complaint_id(1)).unwrap();
            assert_eq!(c.state, path[steps - 1].2, "{name} path, step {steps}");
            assert!(
                !c.needs_review() && !c.in_conflict(),
                "{name} path, step {steps}"
            );
        }
    }
    let (d, _) = walk(&minor_path(), minor_path().len());
    let c = d.complaint(complaint_id(1)).unwrap();
    let visited: Vec<WorkflowState> = c.transitions.iter().map(|t| t.item.to).collect();
    assert!(
        visited.iter().all(|s| !s.is_emergency_only()),
        "minor path skipped the emergency states: {visited:?}"
    );
    assert!(c.closed_at.is_some());
}

fn major() -> Vec<(Command, Actor, WorkflowState)> {
    major_path()
}
fn minor() -> Vec<(Command, Actor, WorkflowState)> {
    minor_path()
}

/// `(path, steps taken, command, actor, expected state)` for moves off the main paths.
fn check_legal(rows: Vec<(&str, Path, usize, Command, Actor, WorkflowState)>) {
    for (name, path, steps, cmd, actor, expected) in rows {
        match run_after(&path, steps, cmd, &actor) {
            Ok(c) => assert_eq!(c.state, expected, "{name}"),
            Err(e) => panic!("{name}: refused: {e}"),
        }
    }
}

#[test]
fn legal_moves_off_the_main_paths() {
    use WorkflowState as S;
    let imp_assess = assess(Severity::Important);
    let important = vec![
        (imp_assess, staff(), S::Assessed),
        (
            Command::Dispatch {
                department: "管理部".into(),
                note: String::new(),
            },
            staff(),
            S::Dispatched,
        ),
    ];
    let plan = |outcome| Command::DraftPlan {
        outcome,
        content: "方案".into(),
        compensation_fen: None,
    };
    let invalid = Command::Assess {
        criteria: Default::default(),
        severity: Severity::Minor,
        override_reason: None,
        validity: Validity::Invalid {
            reason: "非物业责任".into(),
        },
        category: "other".into(),
    };
    check_legal(vec![
        (
            "re-assess before dispatch",
            major(),
            1,
            assess(Severity::Important),
            staff(),
            S::Assessed,
        ),
        (
            "important may skip activation",
            important.clone(),
            2,
            Command::StartInvestigation,
            staff(),
            S::Investigating,
        ),
        (
            "important may activate",
            important.clone(),
            2,
            Command::Activate {
                note: String::new(),
            },
            leader(),
            S::Activated,
        ),
        (
            "deputy activates",
            major(),
            2,
            Command::Activate {
                note: String::new(),
            },
            deputy(),
            S::Activated,
        ),
        (
            "plan outcome a",
            major(),
            4,
            plan(OutcomeClass::Rectify),
            staff(),
            S::PlanDrafted,
        ),
        (
            "plan outcome b returns to investigating",
            major(),
            4,
            plan(OutcomeClass::FactsUnclear),
            staff(),
            S::Investigating,
        ),
        (
            "plan outcome c",
            major(),
            4,
            plan(OutcomeClass::Explain),
            staff(),
            S::PlanDrafted,
        ),
        (
            "reject plan back to drafting",
            major(),
            5,
            Command::RejectPlan {
                reason: "赔偿过高".into(),
            },
            leader(),
            S::PlanDrafted,
        ),
        (
            "dissatisfied reopens investigating (major)",
            major(),
            9,
            follow_up(Satisfaction::Dissatisfied, Some(S::Investigating)),
            staff(),
            S::Investigating,
        ),
        (
            "dissatisfied reopens implementing (major)",
            major(),
            9,
            follow_up(Satisfaction::Dissatisfied, Some(S::Implementing)),
            staff(),
            S::Implementing,
        ),
        (
            "dissatisfied reopens investigating (minor)",
            minor(),
            6,
            follow_up(Satisfaction::Dissatisfied, Some(S::Investigating)),
            staff(),
            S::Investigating,
        ),
        (
            "dissatisfied reopens implementing (minor)",
            minor(),
            6,
            follow_up(Satisfaction::Dissatisfied, Some(S::Implementing)),
            staff(),
            S::Implementing,
        ),
        (
            "summary rewritten after review asks for more",
            major(),
            11,
            Command::Summarize(Summary {
                causes: "补充".into(),
                ..Summary::default()
            }),
            staff(),
            S::Summarized,
        ),
        (
            "invalid complaint closed after assessment",
            vec![(invalid, staff(), S::Assessed)],
            1,
            Command::Close {
                notice: String::new(),
                no_new_complaints: false,
            },
            staff(),
            S::Closed,
        ),
        (
            "escalate once assessed",
            minor(),
            1,
            Command::Escalate {
                to: Severity::Major,
                reason: "媒体关注".into(),
            },
            staff(),
            S::Assessed,
        ),
        (
            "escalate while implementing",
            minor(),
            4,
            Command::Escalate {
                to: Severity::Important,
                reason: "再次投诉".into(),
            },
            staff(),
            S::Implementing,
        ),
        (
            "activate after late escalation",
            minor(),
            3,
            Command::Escalate {
                to: Severity::Major,
                reason: "受伤".into(),
            },
            staff(),
            S::Investigating,
        ),
        (
            "de-escalate by leader",
            major(),
            4,
            Command::Deescalate {
                to: Severity::Important,
                reason: "核实后影响有限".into(),
            },
            leader(),
            S::Investigating,
        ),
        (
            "minutes on a closed case",
            minor(),
            8,
            Command::RecordMinutes(Minutes {
                content: "复盘".into(),
                ..Minutes::default()
            }),
            dept_head(),
            S::Closed,
        ),
        (
            "progress report",
            major(),
            3,
            Command::ReportProgress {
                content: "已安抚业主".into(),
            },
            staff(),
            S::Activated,
        ),
        (
            "note by department head",
            major(),
            7,
            Command::AddNote {
                text: "配件已到".into(),
                legal_counsel: true,
            },
            dept_head(),
            S::Implementing,
        ),
        (
            "evidence",
            major(),
            4,
            Command::AddEvidence(Evidence {
                kind: EvidenceKind::Note,
                blob_sha256: None,
                caption: "业主口述".into(),
            }),
            staff(),
            S::Investigating,
        ),
        (
            "sign for the form",
            major(),
            2,
            Command::SignFor {
                signer: "周经理".into(),
                signature: None,
            },
            dept_head(),
            S::Dispatched,
        ),
        (
            "report to the general manager",
            major(),
            2,
            Command::ReportToGeneralManager {
                note: String::new(),
            },
            staff(),
            S::Dispatched,
        ),
        (
            "pause clocks",
            major(),
            4,
            Command::PauseClocks {
                reason: "等业主材料".into(),
            },
            staff(),
            S::Investigating,
        ),
    ]);
}

#[test]
fn a_late_escalated_complaint_can_be_activated() {
    let mut path = minor_path();
    path.truncate(3);
    path.push((
        Command::Escalate {
            to: Severity::Major,
            reason: "受伤".into(),
        },
        staff(),
        WorkflowState::Investigating,
    ));
    let c = run_after(
        &path,
        4,
        Command::Activate {
            note: String::new(),
        },
        &leader(),
    )
    .unwrap();
    assert_eq!((c.state, c.activated), (WorkflowState::Activated, true));
}

#[test]
fn the_duty_lead_acts_as_leader_only_outside_working_hours() {
    let rows = [
        ("2026-11-25T10:03:00+08:00", false), // Wednesday, working hours
        ("2026-11-25T20:00:00+08:00", true),  // Wednesday evening
        ("2026-11-28T10:00:00+08:00", true),  // Saturday
        ("2026-10-02T10:00:00+08:00", true),  // National Day holiday
        ("2026-10-10T10:00:00+08:00", false), // make-up working Saturday
    ];
    for (at, may) in rows {
        let (mut d, _) = walk(&major_path(), 2);
        let r = d.run(
            complaint_id(1),
            Command::Activate {
                note: String::new(),
            },
            &duty_lead(),
            t(at),
        );
        assert_eq!(r.is_ok(), may, "{at}: {r:?}");
    }
}

/// `(name, path, steps, command, actor, the refusal)`; each refusal is said in both languages.
fn check_illegal(rows: Vec<(&str, Path, usize, Command, Actor, DomainError)>) {
    for (name, path, steps, cmd, actor, expected) in rows {
        match run_after(&path, steps, cmd, &actor) {
            Ok(c) => panic!("{name}: accepted, now {:?}", c.state),
            Err(e) => {
                assert_eq!(e, expected, "{name}");
                // Said in both languages (the words themselves are the i18n table's).
                let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
                assert!(
                    !zh.is_ascii() && !en.is_empty() && zh != en,
                    "{name}: {zh} / {en}"
                );
            }
        }
    }
}

#[test]
fn illegal_moves_are_refused_with_a_message() {
    use WorkflowState as S;
    let plan = Command::DraftPlan {
        outcome: OutcomeClass::Rectify,
        content: "方案".into(),
        compensation_fen: None,
    };
    let close = |no_new| Command::Close {
        notice: String::new(),
        no_new_complaints: no_new,
    };
    let impl_empty = Command::StartImplementation { tasks: vec![] };
    let reply = Command::Reply(Reply {
        result: "已处理".into(),
        reasons: String::new(),
        basis: String::new(),
    });
    let invalid = Command::Assess {
        criteria: Default::default(),
        severity: Severity::Minor,
        override_reason: None,
        validity: Validity::Invalid {
            reason: "非物业责任".into(),
        },
        category: "other".into(),
    };
    let override_no_reason = Command::Assess {
        criteria: [Criterion::MajorLossOrInjury].into_iter().collect(),
        severity: Severity::Minor,
        override_reason: Some("  ".into()),
        validity: Validity::Valid,
        category: "facilities".into(),
    };
    let unknown_category = Command::Assess {
        criteria: Default::default(),
        severity: Severity::Minor,
        override_reason: None,
        validity: Validity::Valid,
        category: "weather".into(),
    };
    let dispatch = Command::Dispatch {
        department: "工程部".into(),
        note: String::new(),
    };
    check_illegal(vec![
        (
            "dispatch before assessment",
            major(),
            0,
            dispatch.clone(),
            staff(),
            DomainError::WrongState {
                action: CommandKind::Dispatch,
                state: WorkflowState::Received,
            },
        ),
        (
            "department head may not dispatch",
            major(),
            1,
            dispatch.clone(),
            dept_head(),
            DomainError::NotPermitted {
                role: Role::DepartmentHead,
                action: CommandKind::Dispatch,
            },
        ),
        (
            "dispatch without department",
            major(),
            1,
            Command::Dispatch {
                department: " ".into(),
                note: String::new(),
            },
            staff(),
            DomainError::Invalid(ValidationError::Required(Field::Department)),
        ),
        (
            "dispatch twice",
            major(),
            2,
            dispatch,
            staff(),
            DomainError::WrongState {
                action: CommandKind::Dispatch,
                state: WorkflowState::Dispatched,
            },
        ),
        (
            "staff may not activate",
            major(),
            2,
            Command::Activate {
                note: String::new(),
            },
            staff(),
            DomainError::NotPermitted {
                role: Role::Staff,
                action: CommandKind::Activate,
            },
        ),
        (
            "duty lead in working hours may not activate",
            major(),
            2,
            Command::Activate {
                note: String::new(),
            },
            duty_lead(),
            DomainError::NotPermitted {
                role: Role::DutyLead,
                action: CommandKind::Activate,
            },
        ),
        (
            "minor is not activated",
            minor(),
            2,
            Command::Activate {
                note: String::new(),
            },
            leader(),
            DomainError::MinorNotActivated,
        ),
        (
            "activate twice",
            major(),
            3,
            Command::Activate {
                note: String::new(),
            },
            leader(),
            DomainError::AlreadyDone {
                action: CommandKind::Activate,
            },
        ),
        (
            "major must activate before investigating",
            major(),
            2,
            Command::StartInvestigation,
            staff(),
            DomainError::MajorNeedsActivation,
        ),
        (
            "investigate before dispatch",
            major(),
            1,
            Command::StartInvestigation,
            staff(),
            DomainError::WrongState {
                action: CommandKind::StartInvestigation,
                state: WorkflowState::Assessed,
            },
        ),
        (
            "no plan on the minor path",
            minor(),
            3,
            plan.clone(),
            staff(),
            DomainError::NotActivated,
        ),
        (
            "plan before investigating",
            major(),
            3,
            plan.clone(),
            staff(),
            DomainError::WrongState {
                action: CommandKind::DraftPlan,
                state: WorkflowState::Activated,
            },
        ),
        (
            "staff may not approve",
            major(),
            5,
            Command::ApprovePlan {
                comment: String::new(),
            },
            staff(),
            DomainError::NotPermitted {
                role: Role::Staff,
                action: CommandKind::ApprovePlan,
            },
        ),
        (
            "approve without a plan",
            major(),
            4,
            Command::ApprovePlan {
                comment: String::new(),
            },
            leader(),
            DomainError::WrongState {
                action: CommandKind::ApprovePlan,
                state: WorkflowState::Investigating,
            },
        ),
        (
            "reject needs a reason",
            major(),
            5,
            Command::RejectPlan {
                reason: String::new(),
            },
            leader(),
            DomainError::Invalid(ValidationError::Required(Field::Reason)),
        ),
        (
            "approve a rejected plan",
            [
                major()[..5].to_vec(),
                vec![(
                    Command::RejectPlan {
                        reason: "不行".into(),
                    },
                    leader(),
                    S::PlanDrafted,
                )],
            ]
            .concat(),
            6,
            Command::ApprovePlan {
                comment: String::new(),
            },
            leader(),
            DomainError::WrongState {
                action: CommandKind::ApprovePlan,
                state: WorkflowState::PlanDrafted,
            },
        ),
        (
            "implement without approval",
            major(),
            5,
            impl_empty.clone(),
            staff(),
            DomainError::WrongState {
                action: CommandKind::StartImplementation,
                state: WorkflowState::PlanDrafted,
            },
        ),
        (
            "implement without tasks",
            major(),
            6,
            impl_empty,
            staff(),
            DomainError::NoTasks,
        ),
        (
            "activated case implements only after a plan",
            major(),
            4,
            Command::StartImplementation {
                tasks: vec![Task {
                    department: "工程部".into(),
                    description: "修".into(),
                    due: None,
                }],
            },
            staff(),
            DomainError::WrongState {
                action: CommandKind::StartImplementation,
                state: WorkflowState::Investigating,
            },
        ),
        (
            "reply before report back",
            major(),
            7,
            reply.clone(),
            staff(),
            DomainError::NotReportedBack,
        ),
        (
            "reply while investigating",
            major(),
            4,
            reply,
            staff(),
            DomainError::WrongState {
                action: CommandKind::Reply,
                state: WorkflowState::Investigating,
            },
        ),
        (
            "report back twice",
            major(),
            8,
            Command::ReportBack {
                department: "工程部".into(),
                summary: String::new(),
                finished_at: None,
            },
            dept_head(),
            DomainError::AlreadyDone {
                action: CommandKind::ReportBack,
            },
        ),
        (
            "dissatisfied must reopen",
            major(),
            9,
            follow_up(Satisfaction::Dissatisfied, None),
            staff(),
            DomainError::DissatisfiedNeedsReopen,
        ),
        (
            "dissatisfied reopens only to investigating or implementing",
            major(),
            9,
            follow_up(Satisfaction::Dissatisfied, Some(S::Dispatched)),
            staff(),
            DomainError::DissatisfiedNeedsReopen,
        ),
        (
            "satisfied does not reopen",
            major(),
            9,
            follow_up(Satisfaction::Satisfied, Some(S::Implementing)),
            staff(),
            DomainError::SatisfiedCannotReopen,
        ),
        (
            "follow up before reply",
            major(),
            8,
            follow_up(Satisfaction::Satisfied, None),
            staff(),
            DomainError::WrongState {
                action: CommandKind::FollowUp,
                state: WorkflowState::Implementing,
            },
        ),
        (
            "no summary on the minor path",
            minor(),
            7,
            Command::Summarize(Summary {
                causes: "x".into(),
                ..Summary::default()
            }),
            staff(),
            DomainError::NotActivated,
        ),
        (
            "summary needs causes",
            major(),
            10,
            Command::Summarize(Summary::default()),
            staff(),
            DomainError::Invalid(ValidationError::Required(Field::Content)),
        ),
        (
            "staff may not review the summary",
            major(),
            11,
            Command::ReviewSummary {
                approved: true,
                comment: String::new(),
            },
            staff(),
            DomainError::NotPermitted {
                role: Role::Staff,
                action: CommandKind::ReviewSummary,
            },
        ),
        (
            "returning a summary needs a reason",
            major(),
            11,
            Command::ReviewSummary {
                approved: false,
                comment: String::new(),
            },
            leader(),
            DomainError::Invalid(ValidationError::Required(Field::Reason)),
        ),
        (
            "terminate before the summary is approved",
            major(),
            11,
            close(true),
            leader(),
            DomainError::SummaryNotApproved,
        ),
        (
            "terminate needs no new complaints",
            major(),
            12,
            close(false),
            leader(),
            DomainError::NewComplaintsPending,
        ),
        (
            "staff may not terminate an emergency",
            major(),
            12,
            close(true),
            staff(),
            DomainError::NotPermitted {
                role: Role::Staff,
                action: CommandKind::Close,
            },
        ),
        (
            "activated case is not closed at follow-up",
            major(),
            10,
            close(true),
            leader(),
            DomainError::WrongState {
                action: CommandKind::Close,
                state: WorkflowState::FollowedUp,
            },
        ),
        (
            "close the minor path before follow-up",
            minor(),
            6,
            close(true),
            staff(),
            DomainError::WrongState {
                action: CommandKind::Close,
                state: WorkflowState::Replied,
            },
        ),
        (
            "close a valid complaint after assessment",
            minor(),
            1,
            close(true),
            staff(),
            DomainError::WrongState {
                action: CommandKind::Close,
                state: WorkflowState::Assessed,
            },
        ),
        (
            "closed stays closed",
            minor(),
            8,
            close(true),
            staff(),
            DomainError::WrongState {
                action: CommandKind::Close,
                state: WorkflowState::Closed,
            },
        ),
        (
            "escalate a closed case",
            minor(),
            8,
            Command::Escalate {
                to: Severity::Major,
                reason: "x".into(),
            },
            staff(),
            DomainError::WrongState {
                action: CommandKind::Escalate,
                state: WorkflowState::Closed,
            },
        ),
        (
            "escalate needs a reason",
            minor(),
            2,
            Command::Escalate {
                to: Severity::Major,
                reason: "".into(),
            },
            staff(),
            DomainError::Invalid(ValidationError::Required(Field::Reason)),
        ),
        (
            "escalate a major",
            major(),
            2,
            Command::Escalate {
                to: Severity::Major,
                reason: "x".into(),
            },
            staff(),
            DomainError::NotHigher {
                from: Some(Severity::Major),
                to: Severity::Major,
            },
        ),
        (
            "escalate not higher",
            vec![(assess(Severity::Important), staff(), S::Assessed)],
            1,
            Command::Escalate {
                to: Severity::Minor,
                reason: "x".into(),
            },
            staff(),
            DomainError::NotHigher {
                from: Some(Severity::Important),
                to: Severity::Minor,
            },
        ),
        (
            "staff may not de-escalate",
            major(),
            2,
            Command::Deescalate {
                to: Severity::Minor,
                reason: "x".into(),
            },
            staff(),
            DomainError::NotPermitted {
                role: Role::Staff,
                action: CommandKind::Deescalate,
            },
        ),
        (
            "de-escalate needs a reason",
            major(),
            2,
            Command::Deescalate {
                to: Severity::Minor,
                reason: "".into(),
            },
            leader(),
            DomainError::Invalid(ValidationError::Required(Field::Reason)),
        ),
        (
            "de-escalate not lower",
            vec![(assess(Severity::Important), staff(), S::Assessed)],
            1,
            Command::Deescalate {
                to: Severity::Major,
                reason: "x".into(),
            },
            leader(),
            DomainError::NotLower {
                from: Some(Severity::Important),
                to: Severity::Major,
            },
        ),
        (
            "de-escalate a minor",
            minor(),
            1,
            Command::Deescalate {
                to: Severity::Minor,
                reason: "x".into(),
            },
            leader(),
            DomainError::NotLower {
                from: Some(Severity::Minor),
                to: Severity::Minor,
            },
        ),
        (
            "override needs a reason",
            major(),
            0,
            override_no_reason,
            staff(),
            DomainError::OverrideNeedsReason {
                suggested: Severity::Major,
                chosen: Severity::Minor,
            },
        ),
        (
            "unknown category",
            major(),
            0,
            unknown_category,
            staff(),
            DomainError::Invalid(ValidationError::UnknownCategory {
                id: "weather".into(),
            }),
        ),
        (
            "assess after dispatch",
            major(),
            2,
            assess(Severity::Major),
            staff(),
            DomainError::WrongState {
                action: CommandKind::Assess,
                state: WorkflowState::Dispatched,
            },
        ),
        (
            "department head may not assess",
            major(),
            0,
            assess(Severity::Major),
            dept_head(),
            DomainError::NotPermitted {
                role: Role::DepartmentHead,
                action: CommandKind::Assess,
            },
        ),
        (
            "invalid complaint is not dispatched",
            vec![(invalid, staff(), S::Assessed)],
            1,
            Command::Dispatch {
                department: "工程部".into(),
                note: String::new(),
            },
            staff(),
            DomainError::InvalidComplaint,
        ),
        (
            "only a major is reported to the general manager",
            minor(),
            2,
            Command::ReportToGeneralManager {
                note: String::new(),
            },
            staff(),
            DomainError::OnlyMajor,
        ),
        (
            "sign for before dispatch",
            major(),
            1,
            Command::SignFor {
                signer: "周".into(),
                signature: None,
            },
            dept_head(),
            DomainError::WrongState {
                action: CommandKind::SignFor,
                state: WorkflowState::Assessed,
            },
        ),
        (
            "sign for twice",
            [
                major()[..2].to_vec(),
                vec![(
                    Command::SignFor {
                        signer: "周".into(),
                        signature: None,
                    },
                    dept_head(),
                    S::Dispatched,
                )],
            ]
            .concat(),
            3,
            Command::SignFor {
                signer: "周".into(),
                signature: None,
            },
            dept_head(),
            DomainError::AlreadyDone {
                action: CommandKind::SignFor,
            },
        ),
        (
            "resume without a pause",
            major(),
            4,
            Command::ResumeClocks,
            staff(),
            DomainError::WrongState {
                action: CommandKind::ResumeClocks,
                state: WorkflowState::Investigating,
            },
        ),
        (
            "nothing to review",
            major(),
            4,
            Command::ResolveReview {
                state: None,
                note: "x".into(),
            },
            leader(),
            DomainError::NothingToReview,
        ),
        (
            "no conflict to resolve",
            major(),
            4,
            Command::ResolveConflict {
                value: complaints::domain::complaint::ConflictingValue::Severity(Severity::Minor),
            },
            staff(),
            DomainError::NoConflict,
        ),
        (
            "staff may not delete",
            major(),
            4,
            Command::Delete { reason: "x".into() },
            staff(),
            DomainError::NotPermitted {
                role: Role::Staff,
                action: CommandKind::Delete,
            },
        ),
        (
            "receive twice",
            major(),
            0,
            receive_cmd(1, t(RECEIVED)),
            staff(),
            DomainError::AlreadyReceived,
        ),
        (
            "edit description to blank",
            major(),
            0,
            Command::EditField(FieldChange::Description("  ".into())),
            staff(),
            DomainError::Invalid(ValidationError::Required(Field::Description)),
        ),
        (
            "evidence photo without blob",
            major(),
            0,
            Command::AddEvidence(Evidence {
                kind: EvidenceKind::Photo,
                blob_sha256: None,
                caption: "x".into(),
            }),
            staff(),
            DomainError::Invalid(ValidationError::Required(Field::Evidence)),
        ),
        (
            "system cannot act",
            major(),
            0,
            Command::AddNote {
                text: "x".into(),
                legal_counsel: false,
            },
            Actor::system(),
            DomainError::NotPermitted {
                role: Role::System,
                action: CommandKind::AddNote,
            },
        ),
    ]);
}

#[test]
fn deleted_complaints_refuse_everything() {
    let (mut d, now) = walk(&major_path(), 4);
    d.run(
        complaint_id(1),
        Command::Delete {
            reason: "重复录入".into(),
        },
        &leader(),
        now,
    )
    .unwrap();
    let e = d
        .run(
            complaint_id(1),
            Command::AddNote {
                text: "x".into(),
                legal_counsel: false,
            },
            &staff(),
            now,
        )
        .unwrap_err();
    assert_eq!(e, DomainError::Deleted);
    let c = d.complaint(complaint_id(1)).unwrap();
    assert!(allowed_commands(Some(&c), &leader(), now, &Settings::default()).is_empty());
}

#[test]
fn commands_on_no_complaint() {
    let s = Settings::default();
    let now = t(RECEIVED);
    let e = apply(None, &Command::StartInvestigation, &staff(), now, &s).unwrap_err();
    assert_eq!(e, DomainError::NoComplaint);
    assert_eq!(
        allowed_commands(None, &dept_head(), now, &s),
        vec![CommandKind::Receive]
    );
    assert!(allowed_commands(None, &Actor::system(), now, &s).is_empty());
}

/// In every state of both paths, for every role, `allowed_commands` lists exactly the kinds
/// whose sample command `apply` accepts.
#[test]
fn allowed_commands_agree_with_apply_everywhere() {
    let roles = [leader(), deputy(), duty_lead(), staff(), dept_head()];
    let mut checked = 0;
    for path in [major_path(), minor_path()] {
        for steps in 0..=path.len() {
            let (d, now) = walk(&path, steps);
            let c = d.complaint(complaint_id(1)).unwrap();
            for actor in &roles {
                for at in [now, now + TimeDelta::hours(10)] {
                    let allowed = allowed_commands(Some(&c), actor, at, &d.settings);
                    for kind in CommandKind::ON_COMPLAINT {
                        for pick in 0..4u8 {
                            let cmd = sample(kind, &c, pick);
                            let r = apply(Some(&c), &cmd, actor, at, &d.settings);
                            let data_dependent = matches!(
                                kind,
                                CommandKind::FollowUp
                                    | CommandKind::Escalate
                                    | CommandKind::Deescalate
                                    | CommandKind::Assess
                                    | CommandKind::DraftPlan
                            );
                            if r.is_ok() {
                                assert!(
                                    allowed.contains(&kind),
                                    "{kind:?} accepted but not listed in {:?} for {:?}",
                                    c.state,
                                    actor.role
                                );
                            } else if !data_dependent {
                                assert!(
                                    !allowed.contains(&kind),
                                    "{kind:?} listed in {:?} for {:?} but refused: {:?}",
                                    c.state,
                                    actor.role,
                                    r
                                );
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 5000, "{checked}");
}

#[test]
fn allowed_commands_per_state_for_staff() {
    use CommandKind as K;
    let workflow_only = |v: Vec<CommandKind>| -> Vec<CommandKind> {
        v.into_iter()
            .filter(|k| {
                !matches!(
                    k,
                    K::EditField
                        | K::RecordMinutes
                        | K::ReportProgress
                        | K::AddNote
                        | K::AddEvidence
                        | K::PauseClocks
                        | K::Escalate
                )
            })
            .collect()
    };
    let rows: Vec<(Path, usize, Vec<CommandKind>)> = vec![
        (major_path(), 0, vec![K::Assess]),
        (
            major_path(),
            1,
            vec![
                K::Assess,
                K::Dispatch,
                K::ReportToGeneralManager,
                K::ReportToCommand,
            ],
        ),
        (minor_path(), 1, vec![K::Assess, K::Dispatch]),
        (
            major_path(),
            2,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
            ],
        ),
        (
            minor_path(),
            2,
            vec![K::SignFor, K::ForwardToManager, K::StartInvestigation],
        ),
        (
            major_path(),
            3,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
                K::StartInvestigation,
            ],
        ),
        (
            major_path(),
            4,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
                K::DraftPlan,
            ],
        ),
        (
            minor_path(),
            3,
            vec![K::SignFor, K::ForwardToManager, K::StartImplementation],
        ),
        (
            major_path(),
            7,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
                K::ReportBack,
            ],
        ),
        (
            major_path(),
            8,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
                K::Reply,
            ],
        ),
        (
            major_path(),
            9,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
                K::FollowUp,
            ],
        ),
        (
            major_path(),
            10,
            vec![
                K::SignFor,
                K::ReportToGeneralManager,
                K::ForwardToManager,
                K::ReportToCommand,
                K::Summarize,
            ],
        ),
        (
            minor_path(),
            7,
            vec![K::SignFor, K::ForwardToManager, K::Close],
        ),
    ];
    for (path, steps, expected) in rows {
        let (d, now) = walk(&path, steps);
        let c = d.complaint(complaint_id(1)).unwrap();
        assert_eq!(
            workflow_only(allowed_commands(Some(&c), &staff(), now, &d.settings)),
            expected,
            "{:?} after {steps}",
            c.state
        );
    }
}

#[test]
fn a_time_of_receipt_in_the_future_is_refused_beyond_a_few_minutes() {
    let s = Settings::default();
    let now = t(RECEIVED);
    let refuse =
        |ahead: chrono::TimeDelta| apply(None, &receive_cmd(1, now + ahead), &staff(), now, &s);
    assert_eq!(
        refuse(chrono::TimeDelta::days(30)).unwrap_err(),
        DomainError::Invalid(ValidationError::ReceivedInFuture)
    );
    assert_eq!(
        ValidationError::ReceivedInFuture.field(),
        Some(Field::ReceivedAt),
        "shown next to the time received"
    );
    assert!(
        refuse(chrono::TimeDelta::minutes(5)).is_ok(),
        "a clock a little fast is fine"
    );
    assert!(
        refuse(-chrono::TimeDelta::days(3)).is_ok(),
        "a complaint set back is fine"
    );
}

#[test]
fn an_assessment_without_a_category_asks_for_one() {
    let (d, _) = walk(&minor_path(), 1);
    let c = d.complaint(complaint_id(1)).unwrap();
    let mut cmd = assess(Severity::Minor);
    if let Command::Assess { category, .. } = &mut cmd {
        category.clear();
    }
    assert_eq!(
        apply(Some(&c), &cmd, &leader(), t(RECEIVED), &Settings::default()).unwrap_err(),
        DomainError::Invalid(ValidationError::Required(Field::Category))
    );
}

#[test]
fn escalation_is_offered_only_above_a_level_that_exists() {
    // Received, not assessed: no level, so neither escalation nor de-escalation.
    let (d, now) = walk(&minor_path(), 0);
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.severity, None);
    assert!(level_change_targets(&c, CommandKind::Escalate).is_empty());
    let offered = allowed_commands(Some(&c), &leader(), now, &Settings::default());
    assert!(!offered.contains(&CommandKind::Escalate), "{offered:?}");
    assert!(!offered.contains(&CommandKind::Deescalate), "{offered:?}");
    let escalate = |to| Command::Escalate {
        to,
        reason: "影响扩大".into(),
    };
    assert!(
        apply(
            Some(&c),
            &escalate(Severity::Minor),
            &leader(),
            now,
            &Settings::default()
        )
        .is_err()
    );
    assert!(
        apply(
            Some(&c),
            &escalate(Severity::Major),
            &leader(),
            now,
            &Settings::default()
        )
        .is_err()
    );

    // Minor: up to important or major; never to minor again, never down.
    let (d, now) = walk(&minor_path(), 1);
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.severity, Some(Severity::Minor));
    assert_eq!(
        level_change_targets(&c, CommandKind::Escalate),
        vec![Severity::Important, Severity::Major]
    );
    assert!(level_change_targets(&c, CommandKind::Deescalate).is_empty());
    assert!(matches!(
        apply(
            Some(&c),
            &escalate(Severity::Minor),
            &leader(),
            now,
            &Settings::default()
        ),
        Err(DomainError::NotHigher { .. })
    ));
    for to in level_change_targets(&c, CommandKind::Escalate) {
        assert!(
            apply(
                Some(&c),
                &escalate(to),
                &leader(),
                now,
                &Settings::default()
            )
            .is_ok(),
            "{to:?}"
        );
    }

    // Major: nothing above, both below.
    let (d, _) = walk(&major_path(), 1);
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.severity, Some(Severity::Major));
    assert!(level_change_targets(&c, CommandKind::Escalate).is_empty());
    assert_eq!(
        level_change_targets(&c, CommandKind::Deescalate),
        vec![Severity::Minor, Severity::Important]
    );
}

#[test]
fn a_pin_lock_is_four_to_eight_digits_and_one_to_240_minutes() {
    use complaints::domain::lock::{LockRuleError, check_lock};
    assert_eq!(check_lock(" 2468 ", "5"), Ok(("2468".into(), 5)));
    assert_eq!(check_lock("12345678", "240"), Ok(("12345678".into(), 240)));
    for pin in ["", "123", "123456789", "12a4", "１２３４", "12 34"] {
        assert_eq!(check_lock(pin, "5"), Err(LockRuleError::Pin), "{pin:?}");
    }
    for minutes in ["", "0", "241", "-1", "1.5", "五"] {
        assert_eq!(
            check_lock("2468", minutes),
            Err(LockRuleError::Minutes),
            "{minutes:?}"
        );
    }
}

// The command forms as typed (domain::form): every pick by key, no quiet fallback.

mod form {
    use super::*;
    use complaints::domain::form::{
        CHANNELS, EDITABLE, Inputs, Intake, LEVELS, OUTCOMES, REOPEN_TO, ROLES, SATISFACTION,
        by_key, command, defaults, fen, field_change, intake,
    };

    fn typed() -> Intake<'static> {
        Intake {
            received_at: "2026-12-01T09:30",
            channel: "Hotline",
            caller_number: " 13812345678 ",
            name: " 张伟 ",
            phone: "13812345678",
            building: "3栋",
            entrance: "2单元",
            room: "1201",
            count: "",
            occurred_at: "2026-12-01T08:00",
            location: " 3栋电梯 ",
            description: " 电梯停运 ",
            request: "尽快修复",
            category: "facilities",
            ..Intake::default()
        }
    }

    #[test]
    fn the_intake_form_reads_into_the_record_it_describes() {
        let (d, at) = intake(&typed(), offset()).expect("a complete form reads");
        assert_eq!(at, t("2026-12-01T09:30:00+08:00"));
        assert_eq!(d.channel, Channel::Hotline);
        assert_eq!(
            d.caller_number.as_ref().map(|p| p.as_str()),
            Some("13812345678")
        );
        assert_eq!(d.complainant.name.as_deref(), Some("张伟"));
        assert_eq!(
            d.complainant.unit.as_ref().map(|u| u.text()),
            Some("3栋-2单元-1201".into())
        );
        assert_eq!(d.complainant.count, 1, "an empty count is one complainant");
        assert_eq!(d.occurred_at, Some(t("2026-12-01T08:00:00+08:00")));
        assert_eq!(
            (d.location.as_str(), d.description.as_str()),
            ("3栋电梯", "电梯停运")
        );
        assert_eq!(d.category.as_deref(), Some("facilities"));
        assert!(
            d.validated(at).is_ok(),
            "and the record passes the domain's checks"
        );
    }

    #[test]
    fn an_intake_form_that_does_not_read_names_the_field_and_never_falls_back() {
        let cases: [(&str, Intake<'static>, Field); 6] = [
            (
                "count as words",
                Intake {
                    count: "两个",
                    ..typed()
                },
                Field::ComplainantCount,
            ),
            (
                "channel not offered",
                Intake {
                    channel: "Fax",
                    ..typed()
                },
                Field::Channel,
            ),
            (
                "no time received",
                Intake {
                    received_at: " ",
                    ..typed()
                },
                Field::ReceivedAt,
            ),
            (
                "time received garbled",
                Intake {
                    received_at: "昨天",
                    ..typed()
                },
                Field::ReceivedAt,
            ),
            (
                "time occurred garbled",
                Intake {
                    occurred_at: "2026-13-01T08:00",
                    ..typed()
                },
                Field::OccurredAt,
            ),
            (
                "caller number",
                Intake {
                    caller_number: "12345",
                    ..typed()
                },
                Field::CallerNumber,
            ),
        ];
        for (name, form, field) in cases {
            let (f, e) = intake(&form, offset()).expect_err(name);
            assert_eq!(f, field, "{name}");
            assert!(
                matches!(
                    e,
                    ValidationError::Unreadable { .. }
                        | ValidationError::Required(_)
                        | ValidationError::Phone { .. }
                ),
                "{name}: {e:?}"
            );
        }
        assert_eq!(
            intake(
                &Intake {
                    count: "abc",
                    ..typed()
                },
                offset()
            )
            .unwrap_err()
            .1,
            ValidationError::Unreadable {
                field: Field::ComplainantCount,
                input: "abc".into()
            }
        );
    }

    #[test]
    fn channels_and_roles_are_picked_by_their_own_keys() {
        for (channel, key) in CHANNELS {
            assert_eq!(by_key(&CHANNELS, key, Field::Channel), Ok(channel));
        }
        for (role, key) in ROLES {
            assert_eq!(by_key(&ROLES, key, Field::PersonRole), Ok(role));
        }
        assert!(
            !ROLES.iter().any(|(r, _)| *r == Role::System),
            "nobody is given the system role"
        );
        assert_eq!(
            by_key(&ROLES, "Boss", Field::PersonRole),
            Err(ValidationError::Unreadable {
                field: Field::PersonRole,
                input: "Boss".into()
            })
        );
        assert_eq!(
            by_key(&ROLES, "", Field::PersonRole),
            Err(ValidationError::Required(Field::PersonRole))
        );
    }

    fn assessed(level: Severity) -> Complaint {
        let (d, _) = walk(&major_path(), 2);
        let mut c = d.complaint(complaint_id(1)).unwrap();
        c.severity = Some(level);
        c
    }

    fn inputs(pairs: &[(&'static str, &str)]) -> Inputs {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    fn offset() -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(8 * 3600).unwrap()
    }

    fn unreadable(r: Result<Command, ValidationError>, field: Field) {
        match r {
            Err(ValidationError::Unreadable { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected {field:?} unreadable, got {other:?}"),
        }
    }

    #[test]
    fn every_offered_pick_reads_back_as_itself() {
        let c = assessed(Severity::Minor);
        for (level, key) in LEVELS {
            let i = inputs(&[("to", key), ("reason", "升级")]);
            match command(CommandKind::Escalate, &i, &c, offset()).unwrap() {
                Command::Escalate { to, .. } => assert_eq!(to, level),
                other => panic!("{other:?}"),
            }
        }
        for (outcome, key) in OUTCOMES {
            let i = inputs(&[("outcome", key), ("content", "整改")]);
            match command(CommandKind::DraftPlan, &i, &c, offset()).unwrap() {
                Command::DraftPlan { outcome: o, .. } => assert_eq!(o, outcome),
                other => panic!("{other:?}"),
            }
        }
        for (satisfaction, key) in SATISFACTION {
            for (state, back) in REOPEN_TO {
                let i = inputs(&[("satisfaction", key), ("reopen_to", back)]);
                match command(CommandKind::FollowUp, &i, &c, offset()).unwrap() {
                    Command::FollowUp(f) => {
                        assert_eq!(f.satisfaction, satisfaction);
                        let sent_back = satisfaction == Satisfaction::Dissatisfied;
                        assert_eq!(f.reopen_to, sent_back.then_some(state));
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
        for (field, key) in EDITABLE {
            let value = if field == Field::ComplainantPhone {
                "13812345678"
            } else {
                "新的内容"
            };
            let i = inputs(&[("field", key), ("value", value)]);
            match command(CommandKind::EditField, &i, &c, offset()).unwrap() {
                Command::EditField(change) => assert_eq!(change.field(), field),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_pick_the_form_never_offered_is_named_not_replaced() {
        let c = assessed(Severity::Minor);
        // A Debug string, a stale key, nothing at all.
        unreadable(
            command(
                CommandKind::Escalate,
                &inputs(&[("to", "Major")]),
                &c,
                offset(),
            ),
            Field::Severity,
        );
        unreadable(
            command(
                CommandKind::DraftPlan,
                &inputs(&[("outcome", "x")]),
                &c,
                offset(),
            ),
            Field::Outcome,
        );
        unreadable(
            command(
                CommandKind::FollowUp,
                &inputs(&[("satisfaction", "dissatisfied"), ("reopen_to", "closed")]),
                &c,
                offset(),
            ),
            Field::ReopenTo,
        );
        unreadable(
            command(
                CommandKind::EditField,
                &inputs(&[("field", "severity")]),
                &c,
                offset(),
            ),
            Field::EditedField,
        );
        assert_eq!(
            command(CommandKind::Escalate, &Inputs::new(), &c, offset()),
            Err(ValidationError::Required(Field::Severity))
        );
        assert!(command(CommandKind::Receive, &Inputs::new(), &c, offset()).is_err());
        assert!(command(CommandKind::ResolveReview, &Inputs::new(), &c, offset()).is_err());
    }

    #[test]
    fn minutes_owners_typed_on_the_form_are_recorded_and_a_half_row_is_named() {
        let (mut d, now) = walk(&major_path(), 3);
        let c = d.complaint(complaint_id(1)).unwrap();
        let i = inputs(&[
            ("content", "专题会"),
            ("owner1_who", " 李工 "),
            ("owner1_what", "联系厂家"),
            ("owner3_who", "王经理"),
            ("owner3_what", "回访业主"),
        ]);
        let cmd = command(CommandKind::RecordMinutes, &i, &c, offset()).unwrap();
        d.run(complaint_id(1), cmd, &leader(), now).unwrap();
        let c = d.complaint(complaint_id(1)).unwrap();
        let owners: Vec<(&str, &str)> = c.minutes[0]
            .item
            .assignments
            .iter()
            .map(|a| (a.who.as_str(), a.what.as_str()))
            .collect();
        assert_eq!(owners, [("李工", "联系厂家"), ("王经理", "回访业主")]);

        // A row with a name and nothing to do (or the reverse) is refused, naming what is missing.
        for (key, missing) in [
            ("owner2_who", Field::OwnerTask),
            ("owner2_what", Field::Owner),
        ] {
            let i = inputs(&[("content", "专题会"), (key, "李工")]);
            let cmd = command(CommandKind::RecordMinutes, &i, &c, offset()).unwrap();
            assert_eq!(
                d.run(complaint_id(1), cmd, &leader(), now).unwrap_err(),
                DomainError::Invalid(ValidationError::Required(missing))
            );
        }
    }

    #[test]
    fn an_assessment_without_a_category_asks_for_one() {
        let (d, _) = walk(&major_path(), 1);
        let mut c = d.complaint(complaint_id(1)).unwrap();
        c.details.category = None;
        assert_eq!(
            command(CommandKind::Assess, &Inputs::new(), &c, offset()),
            Err(ValidationError::Required(Field::Category))
        );
        let i = inputs(&[("category", "facilities"), ("c_safety", "true")]);
        match command(CommandKind::Assess, &i, &c, offset()).unwrap() {
            Command::Assess {
                category,
                severity,
                criteria,
                ..
            } => {
                assert_eq!(category, "facilities");
                assert!(criteria.contains(&Criterion::SafetyOrPollution));
                assert_eq!(
                    severity,
                    triage::suggest(&criteria),
                    "no pick: the suggestion"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            field_change(Field::Category, "  "),
            Err(ValidationError::Required(Field::Category))
        );
    }

    #[test]
    fn amounts_and_due_dates_read_exactly_or_are_named() {
        assert_eq!(fen(""), Ok(None));
        assert_eq!(fen("1200"), Ok(Some(120_000)));
        assert_eq!(fen("1200.5"), Ok(Some(120_050)));
        assert_eq!(fen(" 0.07 "), Ok(Some(7)));
        for bad in [
            "abc",
            "-1",
            "1.234",
            "1e3",
            "１２",
            ".5",
            "99999999999999999999",
        ] {
            assert!(
                matches!(
                    fen(bad),
                    Err(ValidationError::Unreadable {
                        field: Field::Compensation,
                        ..
                    })
                ),
                "{bad}"
            );
        }
        let c = assessed(Severity::Major);
        let i = inputs(&[
            ("task1_department", "engineering"),
            ("task1_description", "更换电梯钢丝绳"),
            ("task1_due", "2026-12-03T17:30"),
            ("task2_description", ""),
        ]);
        match command(CommandKind::StartImplementation, &i, &c, offset()).unwrap() {
            Command::StartImplementation { tasks } => {
                assert_eq!(tasks.len(), 1, "empty rows after the first are left out");
                assert_eq!(tasks[0].due, Some(t("2026-12-03T17:30:00+08:00")));
            }
            other => panic!("{other:?}"),
        }
        let late = inputs(&[("task1_description", "x"), ("task1_due", "下周三")]);
        unreadable(
            command(CommandKind::StartImplementation, &late, &c, offset()),
            Field::TaskDue,
        );
        let money = inputs(&[("outcome", "rectify"), ("compensation", "两百")]);
        unreadable(
            command(CommandKind::DraftPlan, &money, &c, offset()),
            Field::Compensation,
        );
    }

    #[test]
    fn each_form_starts_with_values_it_can_read() {
        let c = assessed(Severity::Minor);
        for kind in [
            CommandKind::Escalate,
            CommandKind::EditField,
            CommandKind::DraftPlan,
            CommandKind::FollowUp,
        ] {
            let i = defaults(kind, &c, false, 5);
            assert!(command(kind, &i, &c, offset()).is_ok(), "{kind:?}: {i:?}");
        }
        match command(
            CommandKind::Escalate,
            &defaults(CommandKind::Escalate, &c, false, 5),
            &c,
            offset(),
        )
        .unwrap()
        {
            Command::Escalate { to, .. } => assert_eq!(to, Severity::Important, "the nearest"),
            other => panic!("{other:?}"),
        }
    }
}

// The case file (domain::case_file): nothing typed is left unshown.

mod case_file {
    use super::*;
    use complaints::domain::case_file::{Step, Value, case_file};
    use complaints::domain::complaint::Assignment;

    /// Every string in `v` (a serialised event body), leaving out the domain's own tags and ids
    /// (lower-case ASCII words) and times.
    fn typed(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => {
                let tag = s
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                let time = chrono::DateTime::parse_from_rfc3339(s).is_ok();
                if !s.trim().is_empty() && !tag && !time {
                    out.push(s.clone());
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| typed(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| typed(x, out)),
            _ => {}
        }
    }

    #[test]
    fn every_word_typed_on_the_major_path_is_in_the_case_file() {
        let path = major_path();
        let (mut d, now) = walk(&path, path.len());
        // Alongside the path: minutes with owners, a note for legal counsel, a paused clock.
        d.run(
            complaint_id(1),
            Command::RecordMinutes(Minutes {
                content: "专题会：电梯困人事件".into(),
                decisions: "更换控制板".into(),
                assignments: vec![Assignment {
                    who: "李工".into(),
                    what: "联系厂家".into(),
                }],
                status: "进行中".into(),
            }),
            &leader(),
            now + TimeDelta::minutes(1),
        )
        .unwrap();
        let c = d.complaint(complaint_id(1)).unwrap();
        let file = case_file(&c, &d.events);
        let mut shown = Vec::new();
        for s in &file {
            for e in &s.entries {
                shown.push(e.by.clone());
                for l in &e.lines {
                    match &l.value {
                        Value::Text(t) | Value::Department(t) | Value::Category(t) => {
                            shown.push(t.clone())
                        }
                        Value::Said(zh, _) => shown.push(zh.clone()),
                        Value::Fen(f) => shown.push(f.to_string()),
                        _ => {}
                    }
                }
            }
        }
        let shown = shown.join("\n");
        let mut words = Vec::new();
        for e in d.events.iter().filter(|e| e.record == c.id) {
            typed(
                &serde_json::to_value(complaints::format::WireBody::from(&e.body)).unwrap(),
                &mut words,
            );
        }
        assert!(words.len() > 20, "the path types many words: {words:?}");
        for w in &words {
            assert!(shown.contains(w.as_str()), "not in the case file: {w:?}");
        }
        let steps: Vec<Step> = file.iter().map(|s| s.step).collect();
        for step in [
            Step::Record,
            Step::Triage,
            Step::Dispatch,
            Step::Minutes,
            Step::Plan,
            Step::Implementation,
            Step::Reply,
            Step::FollowUp,
            Step::Summary,
            Step::Termination,
        ] {
            assert!(steps.contains(&step), "{step:?} missing: {steps:?}");
        }
        assert!(steps.windows(2).all(|w| w[0] < w[1]), "in the plan's order");
    }
}
