//! The complaint record (客户投诉记录表): the fields of spec §1, their checks, and the state a
//! complaint folds to.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::error::ValidationError;
use super::field::{Field, FieldChange};
use super::hlc::Hlc;
use super::ids::{ComplaintId, EventId};
use super::lang::labels;
use super::number::ComplaintNumber;
use super::triage::Criterion;
use super::validate::{self, MAX_SHORT, MAX_TEXT, Phone};
use super::workflow::WorkflowState;

/// 投诉等级. Orders minor < important < major.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minor,
    Important,
    Major,
}

labels!(Severity {
    Minor => ("轻微", "minor"),
    Important => ("重要", "important"),
    Major => ("重大", "major"),
});

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Important, Severity::Major];
}

/// 投诉渠道.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Hotline,
    Phone,
    WalkIn,
    Email,
    Letter,
    OnSiteVisit,
    GovernmentHotline,
    Online,
    Other,
}

labels!(Channel {
    Hotline => ("热线", "hotline"),
    Phone => ("电话", "phone"),
    WalkIn => ("来访", "walk-in"),
    Email => ("邮件", "email"),
    Letter => ("信函", "letter"),
    OnSiteVisit => ("走访", "on-site visit"),
    GovernmentHotline => ("12345转办", "12345 referral"),
    Online => ("线上", "online"),
    Other => ("其他", "other"),
});

/// 楼栋-单元-房号.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Unit {
    pub building: String,
    pub entrance: String,
    pub room: String,
}

impl Unit {
    /// `3栋-2单元-1201`: how a unit is written on every page, form and file.
    pub fn text(&self) -> String {
        format!("{}-{}-{}", self.building, self.entrance, self.room)
    }
}

/// 投诉人. An anonymous complaint needs no name or phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complainant {
    pub anonymous: bool,
    pub name: Option<String>,
    pub phone: Option<Phone>,
    pub unit: Option<Unit>,
    pub address: Option<String>,
    pub preferred_contact: Option<String>,
    /// Number of complainants; more than one is a group complaint (群诉).
    pub count: u32,
    pub public_interest_group: bool,
}

impl Default for Complainant {
    fn default() -> Self {
        Complainant {
            anonymous: false,
            name: None,
            phone: None,
            unit: None,
            address: None,
            preferred_contact: None,
            count: 1,
            public_interest_group: false,
        }
    }
}

/// 有效投诉.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Validity {
    #[default]
    Pending,
    Valid,
    Invalid {
        reason: String,
    },
}

/// A complaint referred by an outside body (the 12345 hotline, a consumer association): the
/// body's reference, its deadline for a reply to it, and whom to reply to there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referral {
    pub body: String,
    pub reference: String,
    pub due: DateTime<FixedOffset>,
    pub contact: String,
}

/// What a person records at receipt, and can edit field by field later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintDetails {
    pub channel: Channel,
    /// Hotline: the caller's number.
    pub caller_number: Option<Phone>,
    /// Hotline: the recording's reference.
    pub recording_ref: Option<String>,
    pub complainant: Complainant,
    pub occurred_at: Option<DateTime<FixedOffset>>,
    pub location: String,
    pub complained_department: Option<String>,
    pub complained_person: Option<String>,
    pub description: String,
    pub request: String,
    /// A category id from the settings (e.g. `service_attitude`); set at assessment at latest.
    pub category: Option<String>,
    pub related: BTreeSet<ComplaintId>,
    pub drill: bool,
    /// The project (site) the complaint is about, by its key in the unit lists.
    pub project: Option<String>,
    /// Referred by an outside body, with that body's deadline.
    pub referral: Option<Referral>,
}

impl ComplaintDetails {
    /// A minimal record: channel and description, everything else empty.
    pub fn new(channel: Channel, description: impl Into<String>) -> Self {
        ComplaintDetails {
            channel,
            caller_number: None,
            recording_ref: None,
            complainant: Complainant::default(),
            occurred_at: None,
            location: String::new(),
            complained_department: None,
            complained_person: None,
            description: description.into(),
            request: String::new(),
            category: None,
            related: BTreeSet::new(),
            drill: false,
            project: None,
            referral: None,
        }
    }

    /// Check the record as received at `received_at` and return it trimmed.
    pub fn validated(&self, received_at: DateTime<FixedOffset>) -> Result<Self, ValidationError> {
        let mut d = self.clone();
        d.description = validate::required(Field::Description, &d.description, MAX_TEXT)?;
        d.request = validate::bounded(Field::Request, &d.request, MAX_TEXT)?;
        d.location = validate::bounded(Field::Location, &d.location, MAX_SHORT)?;
        d.recording_ref = validate::optional(Field::RecordingRef, &d.recording_ref, MAX_SHORT)?;
        d.complained_department = validate::optional(
            Field::ComplainedDepartment,
            &d.complained_department,
            MAX_SHORT,
        )?;
        d.complained_person =
            validate::optional(Field::ComplainedPerson, &d.complained_person, MAX_SHORT)?;
        d.category = validate::optional(Field::Category, &d.category, MAX_SHORT)?;
        d.project = validate::optional(Field::Project, &d.project, MAX_SHORT)?;
        if let Some(r) = &mut d.referral {
            r.body = validate::required(Field::ReferralBody, &r.body, MAX_SHORT)?;
            r.reference = validate::bounded(Field::ReferralReference, &r.reference, MAX_SHORT)?;
            r.contact = validate::bounded(Field::ReferralContact, &r.contact, MAX_SHORT)?;
            if r.due <= received_at {
                return Err(ValidationError::ReferralDueEarly);
            }
        }
        if let Some(at) = d.occurred_at
            && at > received_at
        {
            return Err(ValidationError::OccurredAfterReceipt);
        }
        let c = &mut d.complainant;
        c.name = validate::optional(Field::ComplainantName, &c.name, MAX_SHORT)?;
        c.address = validate::optional(Field::ComplainantAddress, &c.address, MAX_TEXT)?;
        c.preferred_contact =
            validate::optional(Field::PreferredContact, &c.preferred_contact, MAX_SHORT)?;
        if let Some(unit) = &mut c.unit {
            unit.building = validate::required(Field::ComplainantUnit, &unit.building, MAX_SHORT)?;
            unit.entrance = validate::bounded(Field::ComplainantUnit, &unit.entrance, MAX_SHORT)?;
            unit.room = validate::bounded(Field::ComplainantUnit, &unit.room, MAX_SHORT)?;
        }
        if c.count == 0 {
            return Err(ValidationError::NoComplainant);
        }
        let reachable =
            c.name.is_some() || c.phone.is_some() || c.unit.is_some() || c.address.is_some();
        if !c.anonymous && !reachable {
            return Err(ValidationError::ContactRequired);
        }
        Ok(d)
    }
}

/// Check one field edit, returning it trimmed.
pub fn validate_change(change: &FieldChange) -> Result<FieldChange, ValidationError> {
    let f = change.field();
    Ok(match change {
        FieldChange::RecordingRef(v) => {
            FieldChange::RecordingRef(validate::optional(f, v, MAX_SHORT)?)
        }
        FieldChange::ComplainantName(v) => {
            FieldChange::ComplainantName(validate::optional(f, v, MAX_SHORT)?)
        }
        FieldChange::ComplainantAddress(v) => {
            FieldChange::ComplainantAddress(validate::optional(f, v, MAX_TEXT)?)
        }
        FieldChange::PreferredContact(v) => {
            FieldChange::PreferredContact(validate::optional(f, v, MAX_SHORT)?)
        }
        FieldChange::ComplainantCount(0) => return Err(ValidationError::NoComplainant),
        FieldChange::Location(v) => FieldChange::Location(validate::bounded(f, v, MAX_SHORT)?),
        FieldChange::ComplainedDepartment(v) => {
            FieldChange::ComplainedDepartment(validate::optional(f, v, MAX_SHORT)?)
        }
        FieldChange::ComplainedPerson(v) => {
            FieldChange::ComplainedPerson(validate::optional(f, v, MAX_SHORT)?)
        }
        FieldChange::Description(v) => {
            FieldChange::Description(validate::required(f, v, MAX_TEXT)?)
        }
        FieldChange::Request(v) => FieldChange::Request(validate::bounded(f, v, MAX_TEXT)?),
        FieldChange::Category(v) => FieldChange::Category(validate::required(f, v, MAX_SHORT)?),
        FieldChange::Validity(Validity::Invalid { reason }) => {
            FieldChange::Validity(Validity::Invalid {
                reason: validate::required(Field::Reason, reason, MAX_TEXT)?,
            })
        }
        other => other.clone(),
    })
}

/// 证据的种类.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    Note,
    Photo,
    Audio,
    Document,
    /// A signature drawn on the pad: the complainant accepting compensation, and the like.
    Signature,
}

labels!(EvidenceKind {
    Note => ("说明", "note"),
    Photo => ("照片", "photo"),
    Audio => ("录音", "audio"),
    Document => ("文件", "document"),
    Signature => ("签名", "signature"),
});

/// A piece of evidence; photos, audio and documents point at a blob by its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub blob_sha256: Option<String>,
    pub caption: String,
}

/// 满意度.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Satisfaction {
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

labels!(Satisfaction {
    Satisfied => ("满意", "satisfied"),
    BasicallySatisfied => ("基本满意", "basically satisfied"),
    Dissatisfied => ("不满意", "dissatisfied"),
});

impl Satisfaction {
    pub fn is_satisfied(self) -> bool {
        self != Satisfaction::Dissatisfied
    }
}

/// The handling plan's outcome class [P4 §4.3].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeClass {
    /// a. facts and responsibility clear: rectify now, apologise, compensate.
    Rectify,
    /// b. facts unclear: back to investigating.
    FactsUnclear,
    /// c. cannot rectify or compensate: explain and seek understanding.
    Explain,
}

labels!(OutcomeClass {
    Rectify => ("a 事实清楚，立即整改、赔偿", "a: clear, rectify and compensate"),
    FactsUnclear => ("b 事实不清，继续调查", "b: facts unclear, investigate further"),
    Explain => ("c 无法整改或赔偿，解释说明", "c: explain and seek understanding"),
});

/// A drafted handling plan and what the leader made of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandlingPlan {
    pub outcome: OutcomeClass,
    pub content: String,
    /// Compensation in fen (分), if any.
    pub compensation_fen: Option<u64>,
    pub status: PlanStatus,
    pub drafted_at: DateTime<FixedOffset>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanStatus {
    Pending,
    Approved,
    Rejected { reason: String },
}

/// A rectification or compensation task for a department.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub department: String,
    pub description: String,
    pub due: Option<DateTime<FixedOffset>>,
}

/// What the complainant was told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub result: String,
    pub reasons: String,
    pub basis: String,
}

/// A follow-up visit (回访).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub satisfaction: Satisfaction,
    pub comments: String,
    /// Where a dissatisfied follow-up sends the case: investigating or implementing.
    pub reopen_to: Option<WorkflowState>,
    /// The owner's signature on the follow-up record: a stored PNG, by its SHA-256.
    pub signature: Option<String>,
}

/// The handling report (投诉处理报告).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub causes: String,
    pub lessons: String,
    pub corrective_actions: String,
    pub preventive_actions: String,
    pub plan_revisions: String,
    pub training_needs: String,
}

/// Meeting minutes (会议纪要).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Minutes {
    pub content: String,
    pub decisions: String,
    pub assignments: Vec<Assignment>,
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub who: String,
    pub what: String,
}

/// Something recorded at a time by someone, from one event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<T> {
    pub event: EventId,
    pub at: DateTime<FixedOffset>,
    pub by: Actor,
    pub item: T,
}

/// A change of level: who, when, why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelChange {
    pub from: Option<Severity>,
    pub to: Severity,
    pub reason: String,
}

/// A move of the workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: WorkflowState,
    pub to: WorkflowState,
}

/// A clock pause while waiting on the complainant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: DateTime<FixedOffset>,
    pub to: Option<DateTime<FixedOffset>>,
    pub reason: String,
}

/// A workflow event that did not fit the state machine when folded: kept, awaiting review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewItem {
    pub event: EventId,
    pub state: WorkflowState,
    /// Why it did not fit (the UI says it in the person's language).
    pub reason: Option<super::error::DomainError>,
}

/// One of several concurrent values of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictValue {
    pub event: EventId,
    pub by: Actor,
    pub value: ConflictingValue,
}

/// The value a concurrent write gave a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictingValue {
    Field(FieldChange),
    Severity(Severity),
}

/// Dispatch of the handling form (投诉处理表) and its sign-off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatch {
    pub department: String,
    pub at: DateTime<FixedOffset>,
    pub signed_by: Option<(String, DateTime<FixedOffset>)>,
    /// The signer's signature, by its SHA-256.
    pub signature: Option<String>,
}

/// A complaint as folded from its events. Built only by the fold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complaint {
    pub id: ComplaintId,
    pub number: ComplaintNumber,
    pub received_at: DateTime<FixedOffset>,
    pub receiver: Actor,
    pub details: ComplaintDetails,
    pub validity: Validity,
    pub severity: Option<Severity>,
    /// The triage checklist as last assessed, and the level it suggested.
    pub criteria: BTreeSet<Criterion>,
    pub suggested: Option<Severity>,
    pub override_reason: Option<String>,
    pub levels: Vec<Entry<LevelChange>>,
    pub state: WorkflowState,
    /// Whether the emergency plan was activated (the full path, not the minor one).
    pub activated: bool,
    pub dispatch: Option<Dispatch>,
    pub reported_to_general_manager_at: Option<DateTime<FixedOffset>>,
    /// When the signed handling form went on to the project or management manager.
    pub forwarded_to_manager_at: Option<DateTime<FixedOffset>>,
    /// When the complaint was first reported to the command.
    pub reported_to_command_at: Option<DateTime<FixedOffset>>,
    /// When handling started (activation or investigation), for the response clock.
    pub handling_started_at: Option<DateTime<FixedOffset>>,
    pub plan: Option<HandlingPlan>,
    pub plans: Vec<Entry<HandlingPlan>>,
    pub tasks: Vec<Task>,
    /// Which task departments reported back since the implementation started, and when.
    pub reports: BTreeMap<String, DateTime<FixedOffset>>,
    /// When the last task department reported back that it finished, for the reply clock.
    pub reported_back_at: Option<DateTime<FixedOffset>>,
    pub replies: Vec<Entry<Reply>>,
    pub follow_ups: Vec<Entry<FollowUp>>,
    pub summary: Option<Entry<Summary>>,
    pub summary_approved: bool,
    pub closed_at: Option<DateTime<FixedOffset>>,
    pub termination_notice: Option<String>,
    pub minutes: Vec<Entry<Minutes>>,
    pub progress_reports: Vec<Entry<String>>,
    pub notes: Vec<Entry<String>>,
    /// Each department's handling form returned: when it finished and when it reported back.
    pub returns: Vec<super::clocks::FormReturn>,
    /// Replies to the body that referred the complaint.
    pub referral_replies: Vec<Entry<String>>,
    /// Legal counsel was consulted on this complaint (a note says so).
    pub legal_counsel: bool,
    pub evidence: Vec<Entry<Evidence>>,
    pub pauses: Vec<Pause>,
    pub transitions: Vec<Entry<Transition>>,
    pub conflicts: BTreeMap<Field, Vec<ConflictValue>>,
    pub review: Vec<ReviewItem>,
    pub erased: bool,
    pub deleted: Option<String>,
    /// The record's head events (seen by no later event), sorted: the `prev` of the next event.
    pub heads: Vec<EventId>,
    pub latest_hlc: Hlc,
    pub event_count: usize,
}

impl Complaint {
    /// The task departments that have not reported back yet, each once, in task order.
    pub fn pending_reports(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in &self.tasks {
            if !self.reports.contains_key(&t.department) && !out.contains(&t.department) {
                out.push(t.department.clone());
            }
        }
        out
    }

    pub fn needs_review(&self) -> bool {
        !self.review.is_empty()
    }

    pub fn in_conflict(&self) -> bool {
        !self.conflicts.is_empty()
    }

    pub fn is_closed(&self) -> bool {
        self.state == WorkflowState::Closed
    }

    /// Still being handled: neither closed nor deleted. The dashboard, intake's "already open
    /// from this person" hint and the statistics' backlog count these.
    pub fn is_live(&self) -> bool {
        self.deleted.is_none() && !self.is_closed()
    }

    /// Waiting for a person to settle something: fields in conflict or workflow moves to review.
    pub fn needs_attention(&self) -> bool {
        self.deleted.is_none() && (self.in_conflict() || self.needs_review())
    }

    pub fn is_valid(&self) -> bool {
        self.validity == Validity::Valid
    }

    /// The latest follow-up's satisfaction, if any.
    pub fn last_satisfaction(&self) -> Option<Satisfaction> {
        self.follow_ups.last().map(|f| f.item.satisfaction)
    }

    /// Whether clocks are paused now (a pause without an end).
    pub fn is_paused(&self) -> bool {
        self.pauses.last().is_some_and(|p| p.to.is_none())
    }

    /// When the complaint was first replied to.
    pub fn first_reply_at(&self) -> Option<DateTime<FixedOffset>> {
        self.replies.first().map(|r| r.at)
    }
}
