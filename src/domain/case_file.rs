//! The case file: everything known about one complaint, grouped by the plan's steps. The record
//! shows its fields as they stand now; every other step lists what each event said, with who
//! and when, so nothing typed into a form is left unshown.

use chrono::{DateTime, FixedOffset};

use super::clocks::{Clock, ClockView};
use super::complaint::{Complaint, EvidenceKind, Validity};
use super::event::{Event, EventBody};
use super::field::{Field, FieldChange};
use super::lang::{Lang, labels};
use super::workflow::CommandKind;

/// The plan's steps, in order, as the case file groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Record,
    Triage,
    Dispatch,
    Investigation,
    Minutes,
    Plan,
    Implementation,
    Reply,
    FollowUp,
    Summary,
    Termination,
    Other,
}

labels!(Step {
    Record => ("投诉记录", "Record"),
    Triage => ("研判定级", "Assessment"),
    Dispatch => ("派单、签收与上报", "Dispatch, sign-for and reports"),
    Investigation => ("调查核实", "Investigation"),
    Minutes => ("会议纪要", "Minutes"),
    Plan => ("处理方案与审批", "Handling plan and approval"),
    Implementation => ("整改落实", "Implementation"),
    Reply => ("答复", "Reply"),
    FollowUp => ("回访", "Follow-up"),
    Summary => ("总结报告", "Summary report"),
    Termination => ("应急终止", "Termination"),
    Other => ("其他", "Other"),
});

/// What a line of the case file is, beyond the record's own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Number,
    Receiver,
    Criteria,
    Suggested,
    Level,
    OverrideReason,
    Validity,
    InvalidReason,
    NewLevel,
    Automatic,
    Note,
    Outcome,
    Measures,
    Compensation,
    Comment,
    Approved,
    DueDate,
    ReportedBack,
    Reasons,
    Basis,
    Satisfaction,
    Comments,
    ReopenTo,
    Causes,
    Lessons,
    Corrective,
    Preventive,
    PlanRevisions,
    TrainingNeeds,
    Notice,
    NoNewComplaints,
    Decisions,
    Owner,
    Status,
    LegalCounsel,
    Caption,
    Attachment,
    Signature,
    NewValue,
    MovedTo,
}

labels!(Item {
    Number => ("投诉编号", "number"),
    Receiver => ("受理人", "taken in by"),
    Criteria => ("符合的重大投诉条件", "major-complaint criteria met"),
    Suggested => ("建议等级", "suggested level"),
    Level => ("确定等级", "level"),
    OverrideReason => ("调整等级理由", "reason for another level"),
    Validity => ("有效性", "validity"),
    InvalidReason => ("无效原因", "why invalid"),
    NewLevel => ("调整为", "changed to"),
    Automatic => ("自动", "automatic"),
    Note => ("说明", "note"),
    Outcome => ("处理类别", "outcome class"),
    Measures => ("处理措施", "measures"),
    Compensation => ("赔偿金额", "compensation"),
    Comment => ("意见", "comment"),
    Approved => ("审核结果", "decision"),
    DueDate => ("完成期限", "due"),
    ReportedBack => ("完成情况", "what was done"),
    Reasons => ("理由", "reasons"),
    Basis => ("依据", "basis"),
    Satisfaction => ("满意度", "satisfaction"),
    Comments => ("业主意见", "comments"),
    ReopenTo => ("退回到", "sent back to"),
    Causes => ("原因分析", "causes"),
    Lessons => ("经验教训", "lessons"),
    Corrective => ("纠正措施", "corrective actions"),
    Preventive => ("预防措施", "preventive actions"),
    PlanRevisions => ("预案修订建议", "plan revisions"),
    TrainingNeeds => ("培训需求", "training needs"),
    Notice => ("终止通知", "termination notice"),
    NoNewComplaints => ("无新的投诉", "no new complaints"),
    Decisions => ("决议", "decisions"),
    Owner => ("责任人", "owner"),
    Status => ("状态", "status"),
    LegalCounsel => ("已咨询法律顾问", "legal counsel consulted"),
    Caption => ("说明", "caption"),
    Attachment => ("附件", "attachment"),
    Signature => ("签名", "signature"),
    NewValue => ("改为", "new value"),
    MovedTo => ("转入", "moved to"),
});

/// The name of a line: a record field, or an item of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Field(Field),
    Item(Item),
}

impl Label {
    pub fn label(&self, lang: Lang) -> &'static str {
        match self {
            Label::Field(f) => f.label(lang),
            Label::Item(i) => i.label(lang),
        }
    }
}

/// A line's value. Ids are named by the page from the settings; words come in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Time(DateTime<FixedOffset>),
    Department(String),
    Category(String),
    /// A word of the domain's own (a level, a state, a channel), as (Chinese, English).
    Word(&'static str, &'static str),
    /// A value said in each language (a validity, related complaints), as (Chinese, English).
    Said(String, String),
    /// Several such words (the ticked criteria).
    Words(Vec<(&'static str, &'static str)>),
    Yes,
    No,
    /// An amount in fen.
    Fen(u64),
    /// A stored attachment (photo, audio, document, signature), by its kind and SHA-256.
    Attachment(EvidenceKind, String),
}

/// One line: its name and value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub label: Label,
    pub value: Value,
}

/// What one event (or the record itself) says: what was done, when, by whom, and every word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub what: CommandKind,
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub lines: Vec<Line>,
}

/// One step with its entries, in the order they happened, and the clocks that time it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub step: Step,
    pub entries: Vec<Entry>,
    /// Each clock's outcome beside the step it times ([`with_clocks`]).
    pub clocks: Vec<ClockView>,
}

impl Step {
    /// The step a clock times: the step whose event meets it.
    pub fn of_clock(clock: Clock) -> Step {
        match clock {
            Clock::Dispatch
            | Clock::ReportToGeneralManager
            | Clock::SignFor
            | Clock::ForwardToManager
            | Clock::ReportToCommand => Step::Dispatch,
            Clock::Respond => Step::Investigation,
            Clock::ReplyAfterReportBack | Clock::ClearAnswer => Step::Reply,
            Clock::WholeHandling => Step::Termination,
            Clock::BecomeMajor => Step::Triage,
        }
    }
}

/// The case file with each clock (as `domain::evaluate` gives them) beside the step it times;
/// a step no event has reached yet is listed for its clock alone.
pub fn with_clocks(mut sections: Vec<Section>, clocks: Vec<ClockView>) -> Vec<Section> {
    for v in clocks {
        let step = Step::of_clock(v.clock);
        match sections.iter_mut().find(|s| s.step == step) {
            Some(s) => s.clocks.push(v),
            None => sections.push(Section {
                step,
                entries: Vec::new(),
                clocks: vec![v],
            }),
        }
    }
    crate::domain::order::sort_by_key(&mut sections, |s| s.step);
    sections
}

fn word<T>(v: &T, label: impl Fn(&T, Lang) -> &'static str) -> Value {
    Value::Word(label(v, Lang::Zh), label(v, Lang::En))
}

struct Lines(Vec<Line>);

impl Lines {
    fn field(&mut self, f: Field, v: Value) -> &mut Self {
        self.0.push(Line {
            label: Label::Field(f),
            value: v,
        });
        self
    }
    fn item(&mut self, i: Item, v: Value) -> &mut Self {
        self.0.push(Line {
            label: Label::Item(i),
            value: v,
        });
        self
    }
    /// A text line, left out when empty.
    fn text(&mut self, l: Label, t: &str) -> &mut Self {
        if !t.trim().is_empty() {
            self.0.push(Line {
                label: l,
                value: Value::Text(t.to_string()),
            });
        }
        self
    }
    fn it(&mut self, i: Item, t: &str) -> &mut Self {
        self.text(Label::Item(i), t)
    }
    fn fd(&mut self, f: Field, t: &str) -> &mut Self {
        self.text(Label::Field(f), t)
    }
}

/// The record's fields as they stand now.
fn record(c: &Complaint) -> Vec<Line> {
    let d = &c.details;
    let who = &d.complainant;
    let mut l = Lines(Vec::new());
    l.item(Item::Number, Value::Text(c.number.to_string()))
        .field(Field::ReceivedAt, Value::Time(c.received_at))
        .it(Item::Receiver, &c.receiver.name)
        .field(Field::Channel, word(&d.channel, |c, l| c.label(l)));
    if let Some(p) = &d.caller_number {
        l.fd(Field::CallerNumber, p.as_str());
    }
    l.fd(
        Field::RecordingRef,
        d.recording_ref.as_deref().unwrap_or(""),
    );
    if who.anonymous {
        l.field(Field::Anonymous, Value::Yes);
    }
    l.fd(Field::ComplainantName, who.name.as_deref().unwrap_or(""));
    if let Some(p) = &who.phone {
        l.fd(Field::ComplainantPhone, p.as_str());
    }
    if let Some(u) = &who.unit {
        l.fd(Field::ComplainantUnit, &u.text());
    }
    l.fd(
        Field::ComplainantAddress,
        who.address.as_deref().unwrap_or(""),
    )
    .fd(
        Field::PreferredContact,
        who.preferred_contact.as_deref().unwrap_or(""),
    );
    if who.count > 1 {
        l.fd(Field::ComplainantCount, &who.count.to_string());
    }
    if who.public_interest_group {
        l.field(Field::PublicInterestGroup, Value::Yes);
    }
    if let Some(at) = d.occurred_at {
        l.field(Field::OccurredAt, Value::Time(at));
    }
    l.fd(Field::Project, d.project.as_deref().unwrap_or(""))
        .fd(Field::Location, &d.location);
    if let Some(dept) = &d.complained_department {
        l.field(Field::ComplainedDepartment, Value::Department(dept.clone()));
    }
    l.fd(
        Field::ComplainedPerson,
        d.complained_person.as_deref().unwrap_or(""),
    )
    .fd(Field::Description, &d.description)
    .fd(Field::Request, &d.request);
    if let Some(cat) = &d.category {
        l.field(Field::Category, Value::Category(cat.clone()));
    }
    if d.drill {
        l.field(Field::Drill, Value::Yes);
    }
    if let Some(r) = &d.referral {
        l.fd(Field::ReferralBody, &r.body)
            .fd(Field::ReferralReference, &r.reference);
        l.field(Field::ReferralDue, Value::Time(r.due));
        l.fd(Field::ReferralContact, &r.contact);
    }
    l.0
}

fn change_value(change: &FieldChange) -> Value {
    use FieldChange as F;
    match change {
        F::OccurredAt(Some(at)) => Value::Time(*at),
        F::ComplainedDepartment(Some(d)) => Value::Department(d.clone()),
        F::Category(c) => Value::Category(c.clone()),
        other => Value::Said(other.value_text(Lang::Zh), other.value_text(Lang::En)),
    }
}

/// Which step an event belongs to, and its lines; `None` for events that are not about the
/// complaint's handling (its creation is the record itself).
fn lines_of(body: &EventBody) -> Option<(Step, Vec<Line>)> {
    use EventBody as B;
    let mut l = Lines(Vec::new());
    let step = match body {
        B::Received { .. } | B::PersonAdded { .. } | B::PersonChanged { .. } => return None,
        B::SettingChanged { .. } | B::LedgerSigned(_) => return None,
        B::ProjectSet(_)
        | B::VisitPlanned(_)
        | B::VisitPlanEnded { .. }
        | B::VisitRecorded(_)
        | B::VisitLinked { .. }
        | B::DefectRecorded(_)
        | B::PlanDocumentRevised(_)
        | B::DrillLogged(_)
        | B::TrainingLogged(_) => return None,
        B::FieldEdited { change } => {
            l.field(change.field(), change_value(change));
            Step::Record
        }
        B::Assessed {
            criteria,
            suggested,
            severity,
            override_reason,
            validity,
            category,
        } => {
            if !criteria.is_empty() {
                l.item(
                    Item::Criteria,
                    Value::Words(
                        criteria
                            .iter()
                            .map(|c| (c.label(Lang::Zh), c.label(Lang::En)))
                            .collect(),
                    ),
                );
            }
            l.item(Item::Suggested, word(suggested, |s, l| s.label(l)))
                .item(Item::Level, word(severity, |s, l| s.label(l)))
                .it(
                    Item::OverrideReason,
                    override_reason.as_deref().unwrap_or(""),
                )
                .field(Field::Category, Value::Category(category.clone()));
            match validity {
                Validity::Invalid { reason } => {
                    l.item(Item::Validity, Value::Word("无效投诉", "invalid"))
                        .it(Item::InvalidReason, reason);
                }
                _ => {
                    l.item(Item::Validity, Value::Word("有效投诉", "valid"));
                }
            }
            Step::Triage
        }
        B::LevelChanged { change, automatic } => {
            l.item(Item::NewLevel, word(&change.to, |s, l| s.label(l)))
                .fd(Field::Reason, &change.reason);
            if *automatic {
                l.item(Item::Automatic, Value::Yes);
            }
            Step::Triage
        }
        B::Dispatched { department, note } => {
            l.field(Field::Department, Value::Department(department.clone()))
                .it(Item::Note, note);
            Step::Dispatch
        }
        B::SignedFor { signer, signature } => {
            l.fd(Field::Signer, signer);
            if let Some(sha) = signature {
                l.item(
                    Item::Signature,
                    Value::Attachment(EvidenceKind::Signature, sha.clone()),
                );
            }
            Step::Dispatch
        }
        B::ReportedToGeneralManager { note }
        | B::ForwardedToManager { note }
        | B::ReportedToCommand { note }
        | B::Activated { note } => {
            l.it(Item::Note, note);
            Step::Dispatch
        }
        B::InvestigationStarted => Step::Investigation,
        B::NoteAdded {
            text,
            legal_counsel,
        } => {
            l.fd(Field::Content, text);
            if *legal_counsel {
                l.item(Item::LegalCounsel, Value::Yes);
            }
            Step::Investigation
        }
        B::ProgressReported { content } => {
            l.fd(Field::Content, content);
            Step::Investigation
        }
        B::ReferrerReplied { text } => {
            l.fd(Field::Content, text);
            Step::Reply
        }
        B::EvidenceAdded(e) => {
            l.it(Item::Caption, &e.caption);
            if let Some(sha) = &e.blob_sha256 {
                let item = match e.kind {
                    EvidenceKind::Signature => Item::Signature,
                    _ => Item::Attachment,
                };
                l.item(item, Value::Attachment(e.kind, sha.clone()));
            }
            Step::Investigation
        }
        B::MinutesRecorded(m) => {
            l.fd(Field::Content, &m.content)
                .it(Item::Decisions, &m.decisions);
            for a in &m.assignments {
                l.it(Item::Owner, &format!("{}：{}", a.who, a.what));
            }
            l.it(Item::Status, &m.status);
            Step::Minutes
        }
        B::PlanDrafted {
            outcome,
            content,
            compensation_fen,
        } => {
            l.item(Item::Outcome, word(outcome, |o, l| o.label(l)))
                .it(Item::Measures, content);
            if let Some(fen) = compensation_fen {
                l.item(Item::Compensation, Value::Fen(*fen));
            }
            Step::Plan
        }
        B::PlanApproved { comment } => {
            l.item(Item::Approved, Value::Word("批准", "approved"))
                .it(Item::Comment, comment);
            Step::Plan
        }
        B::PlanRejected { reason } => {
            l.item(Item::Approved, Value::Word("退回", "sent back"))
                .fd(Field::Reason, reason);
            Step::Plan
        }
        B::ImplementationStarted { tasks } => {
            for t in tasks {
                l.field(Field::Department, Value::Department(t.department.clone()))
                    .fd(Field::TaskDescription, &t.description);
                if let Some(due) = t.due {
                    l.item(Item::DueDate, Value::Time(due));
                }
            }
            Step::Implementation
        }
        B::ReportedBack {
            department,
            summary,
            finished_at,
        } => {
            l.field(Field::Department, Value::Department(department.clone()))
                .it(Item::ReportedBack, summary);
            if let Some(at) = finished_at {
                l.field(Field::FinishedAt, Value::Time(*at));
            }
            Step::Implementation
        }
        B::Replied(r) => {
            l.fd(Field::ReplyResult, &r.result)
                .it(Item::Reasons, &r.reasons)
                .it(Item::Basis, &r.basis);
            Step::Reply
        }
        B::FollowedUp(f) => {
            l.item(Item::Satisfaction, word(&f.satisfaction, |s, l| s.label(l)))
                .it(Item::Comments, &f.comments);
            if let Some(state) = f.reopen_to {
                l.item(Item::ReopenTo, word(&state, |s, l| s.label(l)));
            }
            if let Some(sha) = &f.signature {
                l.item(
                    Item::Signature,
                    Value::Attachment(EvidenceKind::Signature, sha.clone()),
                );
            }
            Step::FollowUp
        }
        B::Summarized(s) => {
            l.it(Item::Causes, &s.causes)
                .it(Item::Lessons, &s.lessons)
                .it(Item::Corrective, &s.corrective_actions)
                .it(Item::Preventive, &s.preventive_actions)
                .it(Item::PlanRevisions, &s.plan_revisions)
                .it(Item::TrainingNeeds, &s.training_needs);
            Step::Summary
        }
        B::SummaryReviewed { approved, comment } => {
            let decision = if *approved {
                Value::Word("批准", "approved")
            } else {
                Value::Word("退回", "sent back")
            };
            l.item(Item::Approved, decision).it(Item::Comment, comment);
            Step::Summary
        }
        B::Closed {
            notice,
            no_new_complaints,
        } => {
            l.it(Item::Notice, notice).item(
                Item::NoNewComplaints,
                if *no_new_complaints {
                    Value::Yes
                } else {
                    Value::No
                },
            );
            Step::Termination
        }
        B::ClocksPaused { reason } | B::PersonalDataErased { reason } | B::Deleted { reason } => {
            l.fd(Field::Reason, reason);
            Step::Other
        }
        B::ClocksResumed => Step::Other,
        B::ReviewResolved { state, note, .. } => {
            if let Some(s) = state {
                l.item(Item::MovedTo, word(s, |s, l| s.label(l)));
            }
            l.it(Item::Note, note);
            Step::Other
        }
    };
    Some((step, l.0))
}

/// The case file of `c` from its `events` (any order): the record as it stands, then each step
/// that has entries, in the plan's order; entries oldest first.
pub fn case_file(c: &Complaint, events: &[Event]) -> Vec<Section> {
    let mut sorted: Vec<&Event> = events.iter().filter(|e| e.record == c.id).collect();
    crate::domain::order::sort_by_key(&mut sorted, |e| e.hlc);
    let mut sections = vec![Section {
        step: Step::Record,
        entries: vec![Entry {
            what: CommandKind::Receive,
            at: c.received_at,
            by: c.receiver.name.clone(),
            lines: record(c),
        }],
        clocks: Vec::new(),
    }];
    for e in sorted {
        let Some((step, lines)) = lines_of(&e.body) else {
            continue;
        };
        let entry = Entry {
            what: e.body.command_kind(),
            at: e.at,
            by: e.actor.name.clone(),
            lines,
        };
        match sections.iter_mut().find(|s| s.step == step) {
            Some(s) => s.entries.push(entry),
            None => sections.push(Section {
                step,
                entries: vec![entry],
                clocks: Vec::new(),
            }),
        }
    }
    crate::domain::order::sort_by_key(&mut sections, |s| s.step);
    sections
}
