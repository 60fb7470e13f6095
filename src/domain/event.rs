//! Immutable events: the only way shared data changes. [`Event`] is what storage keeps and
//! bundles carry; [`NewEvent`] is what [`apply`](super::workflow::apply) returns before
//! [`DeviceClock::stamp`] gives it identity, order and causality.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::actor::{Actor, Role};
use super::complaint::{
    ComplaintDetails, Evidence, FollowUp, LevelChange, Minutes, OutcomeClass, Reply, Severity,
    Summary, Task, Validity,
};
use super::field::FieldChange;
use super::hlc::{Hlc, HlcClock};
use super::ids::{DeviceId, EventId, RecordId};
use super::ledger::Review;
use super::number::ComplaintNumber;
use super::plan_doc::Revision;
use super::roster::PersonChange;
use super::settings::SettingChange;
use super::triage::Criterion;
use super::visits::{Defect, Project, Visit, VisitPlan};
use super::workflow::{CommandKind, WorkflowState};

/// What happened: the event's kind and its data.
// `Received` carries the whole record; boxing it would change the type every caller builds,
// for a few hundred bytes per event.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventBody {
    // Complaint: creation and edits.
    Received {
        number: ComplaintNumber,
        received_at: DateTime<FixedOffset>,
        details: ComplaintDetails,
    },
    FieldEdited {
        change: FieldChange,
    },
    Assessed {
        criteria: BTreeSet<Criterion>,
        suggested: Severity,
        severity: Severity,
        override_reason: Option<String>,
        validity: Validity,
        category: String,
    },
    LevelChanged {
        change: LevelChange,
        /// Set by the system (a month unresolved), not a person.
        automatic: bool,
    },
    // Complaint: workflow.
    Dispatched {
        department: String,
        note: String,
    },
    SignedFor {
        signer: String,
        /// The signer's handwritten signature: a stored PNG, by its SHA-256.
        signature: Option<String>,
    },
    ReportedToGeneralManager {
        note: String,
    },
    /// The signed handling form went on to the project or management manager.
    ForwardedToManager {
        note: String,
    },
    /// An important or major complaint reported to the command (the leadership group).
    ReportedToCommand {
        note: String,
    },
    Activated {
        note: String,
    },
    InvestigationStarted,
    PlanDrafted {
        outcome: OutcomeClass,
        content: String,
        compensation_fen: Option<u64>,
    },
    PlanApproved {
        comment: String,
    },
    PlanRejected {
        reason: String,
    },
    ImplementationStarted {
        tasks: Vec<Task>,
    },
    ReportedBack {
        department: String,
        summary: String,
        /// When the department finished, if earlier than the report: the form is due back the
        /// day the handling is finished [P9 §6.3]. `None`: finished when it reported.
        finished_at: Option<DateTime<FixedOffset>>,
    },
    Replied(Reply),
    FollowedUp(FollowUp),
    Summarized(Summary),
    SummaryReviewed {
        approved: bool,
        comment: String,
    },
    Closed {
        notice: String,
        no_new_complaints: bool,
    },
    // Complaint: alongside, in any state.
    MinutesRecorded(Minutes),
    /// The reply to the body that referred the complaint.
    ReferrerReplied {
        text: String,
    },
    ProgressReported {
        content: String,
    },
    NoteAdded {
        text: String,
        /// Legal counsel was consulted.
        legal_counsel: bool,
    },
    EvidenceAdded(Evidence),
    ClocksPaused {
        reason: String,
    },
    ClocksResumed,
    ReviewResolved {
        events: Vec<EventId>,
        state: Option<WorkflowState>,
        note: String,
    },
    PersonalDataErased {
        reason: String,
    },
    Deleted {
        reason: String,
    },
    // Roster.
    PersonAdded {
        name: String,
        role: Role,
        department: Option<String>,
    },
    PersonChanged {
        change: PersonChange,
    },
    // Shared settings.
    SettingChanged {
        change: SettingChange,
    },
    // The ledger.
    LedgerSigned(Review),
    // The visits record.
    ProjectSet(Project),
    VisitPlanned(VisitPlan),
    VisitPlanEnded {
        plan: EventId,
        /// The first day the plan no longer applies.
        from: NaiveDate,
    },
    VisitRecorded(Visit),
    /// A complaint raised from a visit's finding.
    VisitLinked {
        visit: EventId,
        complaint: RecordId,
    },
    DefectRecorded(Defect),
    // The plan document and its upkeep.
    PlanDocumentRevised(Revision),
    DrillLogged(super::plan_doc::Drill),
    TrainingLogged(super::plan_doc::Training),
}

/// What a record an event belongs to is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Complaint,
    Person,
    Settings,
    Ledger,
    Visits,
    PlanDocument,
}

impl EventBody {
    pub fn record_kind(&self) -> RecordKind {
        match self {
            EventBody::PersonAdded { .. } | EventBody::PersonChanged { .. } => RecordKind::Person,
            EventBody::SettingChanged { .. } => RecordKind::Settings,
            EventBody::LedgerSigned(_) => RecordKind::Ledger,
            EventBody::ProjectSet(_)
            | EventBody::VisitPlanned(_)
            | EventBody::VisitPlanEnded { .. }
            | EventBody::VisitRecorded(_)
            | EventBody::VisitLinked { .. }
            | EventBody::DefectRecorded(_) => RecordKind::Visits,
            EventBody::PlanDocumentRevised(_)
            | EventBody::DrillLogged(_)
            | EventBody::TrainingLogged(_) => RecordKind::PlanDocument,
            _ => RecordKind::Complaint,
        }
    }

    /// The attachments this event points at (photos, audio, documents, signatures), by their
    /// SHA-256: what an export carries with it.
    pub fn blobs(&self) -> Vec<&str> {
        match self {
            EventBody::EvidenceAdded(e) => e.blob_sha256.as_deref().into_iter().collect(),
            EventBody::SignedFor { signature, .. } => signature.as_deref().into_iter().collect(),
            EventBody::FollowedUp(f) => f.signature.as_deref().into_iter().collect(),
            EventBody::VisitRecorded(v) => v.photos.iter().map(String::as_str).collect(),
            EventBody::DefectRecorded(d) => d.photos.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the event holds values an erasure removes: the complainant's name, phone, unit,
    /// address and contact and the caller's number, as received or edited.
    pub fn has_personal(&self) -> bool {
        match self {
            EventBody::Received { .. } => true,
            EventBody::FieldEdited { change } => change.is_personal(),
            _ => false,
        }
    }

    /// The body with its personal values removed (see [`EventBody::has_personal`]); the rest
    /// of what happened stays.
    pub fn without_personal(&self) -> EventBody {
        use super::field::FieldChange as F;
        let mut body = self.clone();
        match &mut body {
            EventBody::Received { details, .. } => {
                let p = &mut details.complainant;
                p.name = None;
                p.phone = None;
                p.unit = None;
                p.address = None;
                p.preferred_contact = None;
                details.caller_number = None;
            }
            EventBody::FieldEdited { change } => match change {
                F::CallerNumber(v) | F::ComplainantPhone(v) => *v = None,
                F::ComplainantName(v) | F::ComplainantAddress(v) | F::PreferredContact(v) => {
                    *v = None
                }
                F::ComplainantUnit(v) => *v = None,
                _ => {}
            },
            _ => {}
        }
        body
    }

    /// The command that makes an event of this kind (a level change: escalating when it
    /// raises the level or sets the first one, else de-escalating).
    pub fn command_kind(&self) -> CommandKind {
        use CommandKind as K;
        use EventBody as B;
        match self {
            B::Received { .. } => K::Receive,
            B::FieldEdited { .. } => K::EditField,
            B::Assessed { .. } => K::Assess,
            B::LevelChanged { change, .. } if change.from.is_none_or(|f| change.to > f) => {
                K::Escalate
            }
            B::LevelChanged { .. } => K::Deescalate,
            B::Dispatched { .. } => K::Dispatch,
            B::SignedFor { .. } => K::SignFor,
            B::ReportedToGeneralManager { .. } => K::ReportToGeneralManager,
            B::ForwardedToManager { .. } => K::ForwardToManager,
            B::ReportedToCommand { .. } => K::ReportToCommand,
            B::Activated { .. } => K::Activate,
            B::InvestigationStarted => K::StartInvestigation,
            B::PlanDrafted { .. } => K::DraftPlan,
            B::PlanApproved { .. } => K::ApprovePlan,
            B::PlanRejected { .. } => K::RejectPlan,
            B::ImplementationStarted { .. } => K::StartImplementation,
            B::ReportedBack { .. } => K::ReportBack,
            B::Replied(_) => K::Reply,
            B::FollowedUp(_) => K::FollowUp,
            B::Summarized(_) => K::Summarize,
            B::SummaryReviewed { .. } => K::ReviewSummary,
            B::Closed { .. } => K::Close,
            B::MinutesRecorded(_) => K::RecordMinutes,
            B::ProgressReported { .. } => K::ReportProgress,
            B::ReferrerReplied { .. } => K::ReplyToReferrer,
            B::NoteAdded { .. } => K::AddNote,
            B::EvidenceAdded(_) => K::AddEvidence,
            B::ClocksPaused { .. } => K::PauseClocks,
            B::ClocksResumed => K::ResumeClocks,
            B::ReviewResolved { .. } => K::ResolveReview,
            B::PersonalDataErased { .. } => K::ErasePersonalData,
            B::Deleted { .. } => K::Delete,
            B::PersonAdded { .. } | B::PersonChanged { .. } => K::ManageRoster,
            B::SettingChanged { .. } => K::ChangeSettings,
            B::LedgerSigned(r) => r.kind().command(),
            B::ProjectSet(_) | B::VisitPlanned(_) | B::VisitPlanEnded { .. } => K::PlanVisits,
            B::VisitRecorded(_) | B::VisitLinked { .. } | B::DefectRecorded(_) => K::RecordVisit,
            B::PlanDocumentRevised(_) => K::RevisePlanDocument,
            B::DrillLogged(_) => K::LogDrill,
            B::TrainingLogged(_) => K::LogTraining,
        }
    }

    /// The event's kind as it appears in the file (`received`, `field_edited`, …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            EventBody::Received { .. } => "received",
            EventBody::FieldEdited { .. } => "field_edited",
            EventBody::Assessed { .. } => "assessed",
            EventBody::LevelChanged { .. } => "level_changed",
            EventBody::Dispatched { .. } => "dispatched",
            EventBody::SignedFor { .. } => "signed_for",
            EventBody::ReportedToGeneralManager { .. } => "reported_to_general_manager",
            EventBody::ForwardedToManager { .. } => "forwarded_to_manager",
            EventBody::ReportedToCommand { .. } => "reported_to_command",
            EventBody::Activated { .. } => "activated",
            EventBody::InvestigationStarted => "investigation_started",
            EventBody::PlanDrafted { .. } => "plan_drafted",
            EventBody::PlanApproved { .. } => "plan_approved",
            EventBody::PlanRejected { .. } => "plan_rejected",
            EventBody::ImplementationStarted { .. } => "implementation_started",
            EventBody::ReportedBack { .. } => "reported_back",
            EventBody::Replied(_) => "replied",
            EventBody::FollowedUp(_) => "followed_up",
            EventBody::Summarized(_) => "summarized",
            EventBody::SummaryReviewed { .. } => "summary_reviewed",
            EventBody::Closed { .. } => "closed",
            EventBody::MinutesRecorded(_) => "minutes_recorded",
            EventBody::ProgressReported { .. } => "progress_reported",
            EventBody::ReferrerReplied { .. } => "referrer_replied",
            EventBody::NoteAdded { .. } => "note_added",
            EventBody::EvidenceAdded(_) => "evidence_added",
            EventBody::ClocksPaused { .. } => "clocks_paused",
            EventBody::ClocksResumed => "clocks_resumed",
            EventBody::ReviewResolved { .. } => "review_resolved",
            EventBody::PersonalDataErased { .. } => "personal_data_erased",
            EventBody::Deleted { .. } => "deleted",
            EventBody::PersonAdded { .. } => "person_added",
            EventBody::PersonChanged { .. } => "person_changed",
            EventBody::SettingChanged { .. } => "setting_changed",
            EventBody::LedgerSigned(_) => "ledger_signed",
            EventBody::ProjectSet(_) => "project_set",
            EventBody::VisitPlanned(_) => "visit_planned",
            EventBody::VisitPlanEnded { .. } => "visit_plan_ended",
            EventBody::VisitRecorded(_) => "visit_recorded",
            EventBody::VisitLinked { .. } => "visit_linked",
            EventBody::DefectRecorded(_) => "defect_recorded",
            EventBody::PlanDocumentRevised(_) => "plan_document_revised",
            EventBody::DrillLogged(_) => "drill_logged",
            EventBody::TrainingLogged(_) => "training_logged",
        }
    }
}

/// An event before it has an id, a place in the clock order and a `prev`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub record: RecordId,
    pub actor: Actor,
    pub at: DateTime<FixedOffset>,
    pub body: EventBody,
}

/// What makes an event part of a tamper-evident history and lets its personal values be
/// erased without breaking it. The values are computed by [`crate::format::seal`]; the domain
/// only carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seal {
    /// Hex SHA-256 over the device's previous link and this event's commitment; absent on
    /// events made before the history was sealed.
    pub chain: Option<String>,
    /// Hex salt of the digests that stand for the personal values in the commitment; absent
    /// when the event holds none, and removed with them by an erasure.
    pub salt: Option<String>,
    /// After an erasure: each personal value's salted digest by its path in the file format,
    /// or, for an event made before the history was sealed, its whole commitment under `""`.
    pub erased: BTreeMap<String, String>,
}

impl Seal {
    /// Whether an erasure removed this event's personal values.
    pub fn is_erased(&self) -> bool {
        !self.erased.is_empty()
    }
}

/// An immutable event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// UUID v7.
    pub id: EventId,
    /// The device that made it.
    pub device: DeviceId,
    /// That device's sequence number: 1, 2, 3, …
    pub seq: u64,
    pub hlc: Hlc,
    pub actor: Actor,
    /// Wall time with the device's offset.
    pub at: DateTime<FixedOffset>,
    /// The record (complaint, person, settings) it changes.
    pub record: RecordId,
    /// The record's head events when this one was made, sorted.
    pub prev: Vec<EventId>,
    pub body: EventBody,
    pub seal: Seal,
}

impl Event {
    /// The fold order: `(hlc, device, id)`.
    pub fn order_key(&self) -> (Hlc, DeviceId, EventId) {
        (self.hlc, self.device, self.id)
    }
}

/// A device's stamping state: its id, the last `seq` it issued and its hybrid logical clock.
/// Storage persists it; import calls [`DeviceClock::observe`] so later local events sort
/// after everything seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceClock {
    pub device: DeviceId,
    pub last_seq: u64,
    pub hlc: HlcClock,
    /// The link ([`crate::format::seal::link`]) of this device's event `last_seq`, which the
    /// next one's chain covers; `None` until known (a device from before the history was
    /// sealed learns it from its stored events).
    pub link: Option<String>,
}

impl DeviceClock {
    pub fn new(device: DeviceId) -> Self {
        DeviceClock {
            device,
            last_seq: 0,
            hlc: HlcClock::new(device),
            link: Some(String::new()),
        }
    }

    /// Take note of events from elsewhere (their clocks only), never moving past `now_ms` plus
    /// the default drift ([`super::admit::MAX_CLOCK_DRIFT_MS`]).
    pub fn observe<'a>(&mut self, events: impl IntoIterator<Item = &'a Event>, now_ms: u64) {
        self.observe_within(events, now_ms, super::admit::MAX_CLOCK_DRIFT_MS);
    }

    /// [`DeviceClock::observe`] with the drift this device accepts.
    pub fn observe_within<'a>(
        &mut self,
        events: impl IntoIterator<Item = &'a Event>,
        now_ms: u64,
        max_drift_ms: u64,
    ) {
        if let Some(max) = events.into_iter().map(|e| e.hlc).max() {
            self.hlc.receive_within(max, now_ms, max_drift_ms);
        }
    }

    /// Give one new event its id (v7 from its time and `random`), seq, hlc and `prev`.
    /// `seen` is the latest clock of the record's events, so the new one sorts after them.
    pub fn stamp(
        &mut self,
        new: NewEvent,
        mut prev: Vec<EventId>,
        seen: Option<Hlc>,
        random: &[u8; 10],
    ) -> Event {
        let ms = u64::try_from(new.at.timestamp_millis()).unwrap_or(0);
        let hlc = match seen {
            Some(h) => self.hlc.receive(h, ms),
            None => self.hlc.send(ms),
        };
        self.last_seq += 1;
        crate::domain::order::sort(&mut prev);
        prev.dedup();
        Event {
            id: EventId::new_v7(ms, random),
            device: self.device,
            seq: self.last_seq,
            hlc,
            actor: new.actor,
            at: new.at,
            record: new.record,
            prev,
            body: new.body,
            seal: Seal::default(),
        }
    }

    /// Stamp the events one command produced, in order: the first follows `heads`, each later
    /// one follows the one before. `random` gives ten fresh random bytes per event.
    pub fn stamp_all(
        &mut self,
        news: Vec<NewEvent>,
        heads: Vec<EventId>,
        seen: Option<Hlc>,
        mut random: impl FnMut() -> [u8; 10],
    ) -> Vec<Event> {
        let mut prev = heads;
        let mut seen = seen;
        let mut out = Vec::with_capacity(news.len());
        for new in news {
            let e = self.stamp(new, prev, seen, &random());
            prev = vec![e.id];
            seen = Some(e.hlc);
            out.push(e);
        }
        out
    }
}
