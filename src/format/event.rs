//! The events as the file spells them, and their conversion to and from domain events.
//!
//! Every type here mirrors a domain type field by field, so the compiler points at this file
//! whenever a domain type changes; the file format only changes when this file does. A type
//! whose values need no check is declared with its conversions from one list ([`wire_enum!`],
//! [`wire_struct!`], both through [`Mirror`]); a type with a value that can be wrong in a file
//! (a time, a date, a phone number, a complaint number, an integer above 2^53 − 1) converts by
//! hand, with an `into_domain(path)` whose error says where. The vocabulary is published in
//! `docs/events.md` and `docs/bundle.schema.json`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, SecondsFormat};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::tagged::adjacent_enum;

use crate::domain::calendar::{BusinessCalendar, DayMode, Holiday};
use crate::domain::clocks::{Clock, ClockRule, Span};
use crate::domain::complaint::{
    Assignment, Channel, Complainant, ComplaintDetails, Evidence, EvidenceKind, FollowUp,
    LevelChange, Minutes, OutcomeClass, Referral, Reply, Satisfaction, Severity, Summary, Task,
    Unit, Validity,
};
use crate::domain::ids::UnitId;
use crate::domain::ledger::{Checked, Review};
use crate::domain::organisation::{Member, OrgUnit, Shift, UnitKind};
use crate::domain::plan_doc::{Drill, Revision, Section, Training};
use crate::domain::settings::{NamedItem, SettingChange, WorkingHours};
use crate::domain::visits::{Defect, Household, Outcome, Project, Visit, VisitPlan};
use crate::domain::{
    Actor, ComplaintNumber, Criterion, DeviceCode, DeviceId, Event, EventBody, EventId,
    FieldChange, Hlc, PersonChange, PersonId, Phone, PinHash, RecordId, Role, WorkflowState,
};

/// Largest integer a JSON number carries exactly in every reader (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Why a wire value is not a domain value: where in the event, and what is wrong (English,
/// technical; the user-facing message wraps it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError(pub String);

impl WireError {
    fn at(path: &str, what: impl std::fmt::Display) -> Self {
        WireError(format!("{path}: {what}"))
    }
}

type Result<T> = std::result::Result<T, WireError>;

/// A wire value that stands for a domain value with nothing to check: written from a borrowed
/// domain value, and read back into one without failing. Values that can be wrong in a file
/// convert by hand instead (see the module's documentation).
pub trait Mirror<D> {
    /// The wire value of `d`.
    fn to_wire(d: &D) -> Self;
    /// The domain value this wire value stands for.
    fn into_domain(self) -> D;
}

/// Values the file holds as the domain does.
macro_rules! mirror_as_is {
    ($($t:ty),+) => {$(
        impl Mirror<$t> for $t {
            fn to_wire(d: &$t) -> Self {
                Clone::clone(d)
            }

            fn into_domain(self) -> $t {
                self
            }
        }
    )+};
}

mirror_as_is!(String, bool, u32);

/// Identifiers, written as their UUID.
macro_rules! mirror_id {
    ($($t:ident),+) => {$(
        impl Mirror<$t> for Uuid {
            fn to_wire(d: &$t) -> Self {
                d.0
            }

            fn into_domain(self) -> $t {
                $t(self)
            }
        }
    )+};
}

mirror_id!(PersonId, RecordId, EventId, DeviceId, UnitId);

impl<D, W: Mirror<D>> Mirror<Option<D>> for Option<W> {
    fn to_wire(d: &Option<D>) -> Self {
        d.as_ref().map(W::to_wire)
    }

    fn into_domain(self) -> Option<D> {
        self.map(W::into_domain)
    }
}

impl<D, W: Mirror<D>> Mirror<Vec<D>> for Vec<W> {
    fn to_wire(d: &Vec<D>) -> Self {
        d.iter().map(W::to_wire).collect()
    }

    fn into_domain(self) -> Vec<D> {
        self.into_iter().map(W::into_domain).collect()
    }
}

/// A set is written as a list, in the set's order.
impl<D: Ord, W: Mirror<D>> Mirror<BTreeSet<D>> for Vec<W> {
    fn to_wire(d: &BTreeSet<D>) -> Self {
        d.iter().map(W::to_wire).collect()
    }

    fn into_domain(self) -> BTreeSet<D> {
        crate::domain::order::set(self.into_iter().map(W::into_domain))
    }
}

/// Declares a field-less wire enum with its names in the file and its [`Mirror`] conversions
/// both ways.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $wire:ident <=> $domain:ident { $($variant:ident = $name:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $wire {
            $(#[serde(rename = $name)] $variant),+
        }

        impl $wire {
            /// Every name the file may carry, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];
        }

        impl Mirror<$domain> for $wire {
            fn to_wire(d: &$domain) -> Self {
                match d {
                    $($domain::$variant => $wire::$variant),+
                }
            }

            fn into_domain(self) -> $domain {
                match self {
                    $($wire::$variant => $domain::$variant),+
                }
            }
        }
    };
}

/// Declares a wire struct and its [`Mirror`] conversions both ways from one field list: each
/// field mirrors the domain struct's field of the same name, and the domain struct has no
/// other. Fields are written in the order listed, so the list is the file's order; unknown
/// members are refused. Attributes (doc comments) on the struct and its fields pass through.
/// A struct with a field that needs a check is written by hand.
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        $wire:ident <=> $domain:ident {
            $($(#[$field_meta:meta])* $field:ident: $ty:ty),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $wire {
            $($(#[$field_meta])* pub $field: $ty),+
        }

        impl Mirror<$domain> for $wire {
            fn to_wire(d: &$domain) -> Self {
                $wire {
                    $($field: <$ty as Mirror<_>>::to_wire(&d.$field)),+
                }
            }

            fn into_domain(self) -> $domain {
                $domain {
                    $($field: Mirror::into_domain(self.$field)),+
                }
            }
        }
    };
}

wire_enum!(
    /// `severity`.
    WireSeverity <=> Severity {
        Minor = "minor",
        Important = "important",
        Major = "major",
    }
);

wire_enum!(
    /// `channel`.
    WireChannel <=> Channel {
        Hotline = "hotline",
        Phone = "phone",
        WalkIn = "walk_in",
        Email = "email",
        Letter = "letter",
        OnSiteVisit = "on_site_visit",
        GovernmentHotline = "government_hotline",
        Online = "online",
        Other = "other",
    }
);

wire_enum!(
    /// `role`.
    WireRole <=> Role {
        Leader = "leader",
        Deputy = "deputy",
        DutyLead = "duty_lead",
        Staff = "staff",
        DepartmentHead = "department_head",
        System = "system",
    }
);

wire_enum!(
    /// `criterion`.
    WireCriterion <=> Criterion {
        ServiceFailedRepeatedly = "service_failed_repeatedly",
        MajorLossOrInjury = "major_loss_or_injury",
        UnresolvedForAMonth = "unresolved_for_a_month",
        PublicInterest = "public_interest",
        MajorImpact = "major_impact",
        SafetyOrPollution = "safety_or_pollution",
        ServiceLapse = "service_lapse",
        FacilityLimit = "facility_limit",
    }
);

wire_enum!(
    /// `workflow_state`.
    WireWorkflowState <=> WorkflowState {
        Received = "received",
        Assessed = "assessed",
        Dispatched = "dispatched",
        Activated = "activated",
        Investigating = "investigating",
        PlanDrafted = "plan_drafted",
        PlanApproved = "plan_approved",
        Implementing = "implementing",
        Replied = "replied",
        FollowedUp = "followed_up",
        Summarized = "summarized",
        Closed = "closed",
    }
);

wire_enum!(
    /// `outcome_class`.
    WireOutcomeClass <=> OutcomeClass {
        Rectify = "rectify",
        FactsUnclear = "facts_unclear",
        Explain = "explain",
    }
);

wire_enum!(
    /// `satisfaction`.
    WireSatisfaction <=> Satisfaction {
        Satisfied = "satisfied",
        BasicallySatisfied = "basically_satisfied",
        Dissatisfied = "dissatisfied",
    }
);

wire_enum!(
    /// `evidence_kind`.
    WireEvidenceKind <=> EvidenceKind {
        Note = "note",
        Photo = "photo",
        Audio = "audio",
        Document = "document",
        Signature = "signature",
    }
);

wire_enum!(
    /// `clock`.
    WireClock <=> Clock {
        Dispatch = "dispatch",
        Respond = "respond",
        ReportToGeneralManager = "report_to_general_manager",
        SignFor = "sign_for",
        ForwardToManager = "forward_to_manager",
        ReportToCommand = "report_to_command",
        ReplyAfterReportBack = "reply_after_report_back",
        ClearAnswer = "clear_answer",
        WholeHandling = "whole_handling",
        BecomeMajor = "become_major",
    }
);

wire_enum!(
    /// `kind` of an organisation unit.
    WireUnitKind <=> UnitKind {
        LeadershipGroup = "leadership_group",
        Office = "office",
        Team = "team",
        Department = "department",
        Contact = "contact",
    }
);

wire_enum!(
    /// `shift` of the duty rota.
    WireShift <=> Shift {
        Day = "day",
        Night = "night",
    }
);

wire_struct!(
    WireMember <=> Member {
        name: String,
        role: String,
        phone: String,
    }
);

wire_struct!(
    WireOrgUnit <=> OrgUnit {
        kind: WireUnitKind,
        name: String,
        duty: String,
        phone: String,
        members: Vec<WireMember>,
        call_order: Option<u32>,
        removed: bool,
    }
);

wire_enum!(
    /// `day_mode`.
    WireDayMode <=> DayMode {
        CalendarDays = "calendar_days",
        WorkingDays = "working_days",
    }
);

// Scalars spelled as strings.

/// RFC 3339 with the device's offset, e.g. `2026-11-28T09:30:00+08:00`.
pub fn time_to_wire(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn time_from_wire(path: &str, s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s)
        .map_err(|_| WireError::at(path, format!("{s:?} is not an RFC 3339 date-time")))
}

fn opt_time_to_wire(t: &Option<DateTime<FixedOffset>>) -> Option<String> {
    t.as_ref().map(time_to_wire)
}

fn opt_time_from_wire(path: &str, s: &Option<String>) -> Result<Option<DateTime<FixedOffset>>> {
    s.as_deref().map(|s| time_from_wire(path, s)).transpose()
}

const DATE_FORMAT: &str = "%Y-%m-%d";
const TIME_OF_DAY_FORMAT: &str = "%H:%M:%S%.f";

fn date_from_wire(path: &str, s: &str) -> Result<NaiveDate> {
    let ok = s.len() == 10;
    ok.then(|| NaiveDate::parse_from_str(s, DATE_FORMAT).ok())
        .flatten()
        .ok_or_else(|| WireError::at(path, format!("{s:?} is not a date (yyyy-mm-dd)")))
}

fn time_of_day_from_wire(path: &str, s: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(s, TIME_OF_DAY_FORMAT)
        .map_err(|_| WireError::at(path, format!("{s:?} is not a time of day (hh:mm:ss)")))
}

fn phone_from_wire(path: &str, s: &str) -> Result<Phone> {
    Phone::parse(s).map_err(|_| WireError::at(path, format!("{s:?} is not a phone number")))
}

fn opt_phone_from_wire(path: &str, s: &Option<String>) -> Result<Option<Phone>> {
    s.as_deref().map(|s| phone_from_wire(path, s)).transpose()
}

fn device_code_from_wire(path: &str, s: &str) -> Result<DeviceCode> {
    DeviceCode::parse(s).map_err(|_| WireError::at(path, format!("{s:?} is not a device code")))
}

fn safe_integer(path: &str, n: u64) -> Result<u64> {
    if n <= MAX_SAFE_INTEGER {
        Ok(n)
    } else {
        Err(WireError::at(path, format!("{n} is above 2^53 − 1")))
    }
}

// Structures.

wire_struct!(
    /// Who made an event.
    WireActor <=> Actor {
        id: Uuid,
        name: String,
        role: WireRole,
    }
);

wire_struct!(
    WireUnit <=> Unit {
        building: String,
        entrance: String,
        room: String,
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireComplainant {
    pub anonymous: bool,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub unit: Option<WireUnit>,
    pub address: Option<String>,
    pub preferred_contact: Option<String>,
    pub count: u32,
    pub public_interest_group: bool,
}

impl From<&Complainant> for WireComplainant {
    fn from(c: &Complainant) -> Self {
        WireComplainant {
            anonymous: c.anonymous,
            name: c.name.clone(),
            phone: c.phone.as_ref().map(|p| p.as_str().to_owned()),
            unit: Mirror::to_wire(&c.unit),
            address: c.address.clone(),
            preferred_contact: c.preferred_contact.clone(),
            count: c.count,
            public_interest_group: c.public_interest_group,
        }
    }
}

impl WireComplainant {
    fn into_domain(self, path: &str) -> Result<Complainant> {
        Ok(Complainant {
            anonymous: self.anonymous,
            name: self.name,
            phone: opt_phone_from_wire(&format!("{path}.phone"), &self.phone)?,
            unit: self.unit.into_domain(),
            address: self.address,
            preferred_contact: self.preferred_contact,
            count: self.count,
            public_interest_group: self.public_interest_group,
        })
    }
}

/// `{"status": "pending" | "valid"}` or `{"status": "invalid", "reason": …}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum WireValidity {
    Pending,
    Valid,
    Invalid { reason: String },
}

impl Mirror<Validity> for WireValidity {
    fn to_wire(v: &Validity) -> Self {
        match v {
            Validity::Pending => WireValidity::Pending,
            Validity::Valid => WireValidity::Valid,
            Validity::Invalid { reason } => WireValidity::Invalid {
                reason: reason.clone(),
            },
        }
    }

    fn into_domain(self) -> Validity {
        match self {
            WireValidity::Pending => Validity::Pending,
            WireValidity::Valid => Validity::Valid,
            WireValidity::Invalid { reason } => Validity::Invalid { reason },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDetails {
    pub channel: WireChannel,
    pub caller_number: Option<String>,
    pub recording_ref: Option<String>,
    pub complainant: WireComplainant,
    pub occurred_at: Option<String>,
    pub location: String,
    pub complained_department: Option<String>,
    pub complained_person: Option<String>,
    pub description: String,
    pub request: String,
    pub category: Option<String>,
    pub related: Vec<Uuid>,
    pub drill: bool,
    /// The project (site), by its key; absent when none was chosen (and in files from before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The referring body and its deadline; absent when the complaint was not referred (and in
    /// files from before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<WireReferral>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireReferral {
    pub body: String,
    pub reference: String,
    pub due: String,
    pub contact: String,
}

impl From<&ComplaintDetails> for WireDetails {
    fn from(d: &ComplaintDetails) -> Self {
        WireDetails {
            channel: WireChannel::to_wire(&d.channel),
            caller_number: d.caller_number.as_ref().map(|p| p.as_str().to_owned()),
            recording_ref: d.recording_ref.clone(),
            complainant: (&d.complainant).into(),
            occurred_at: opt_time_to_wire(&d.occurred_at),
            location: d.location.clone(),
            complained_department: d.complained_department.clone(),
            complained_person: d.complained_person.clone(),
            description: d.description.clone(),
            request: d.request.clone(),
            category: d.category.clone(),
            related: Mirror::to_wire(&d.related),
            drill: d.drill,
            project: d.project.clone(),
            referral: d.referral.as_ref().map(|r| WireReferral {
                body: r.body.clone(),
                reference: r.reference.clone(),
                due: time_to_wire(&r.due),
                contact: r.contact.clone(),
            }),
        }
    }
}

impl WireDetails {
    fn into_domain(self, path: &str) -> Result<ComplaintDetails> {
        Ok(ComplaintDetails {
            channel: self.channel.into_domain(),
            caller_number: opt_phone_from_wire(
                &format!("{path}.caller_number"),
                &self.caller_number,
            )?,
            recording_ref: self.recording_ref,
            complainant: self
                .complainant
                .into_domain(&format!("{path}.complainant"))?,
            occurred_at: opt_time_from_wire(&format!("{path}.occurred_at"), &self.occurred_at)?,
            location: self.location,
            complained_department: self.complained_department,
            complained_person: self.complained_person,
            description: self.description,
            request: self.request,
            category: self.category,
            related: self.related.into_domain(),
            drill: self.drill,
            project: self.project,
            referral: self
                .referral
                .map(|r| {
                    Ok(Referral {
                        due: time_from_wire(&format!("{path}.referral.due"), &r.due)?,
                        body: r.body,
                        reference: r.reference,
                        contact: r.contact,
                    })
                })
                .transpose()?,
        })
    }
}

adjacent_enum! {
    /// One field edit: `{"field": "<name>", "value": …}`.
    pub enum WireFieldChange ("WireFieldChange", mirror FieldChangeIn, tag "field", content "value") {
        Channel(WireChannel),
        CallerNumber(Option<String>),
        RecordingRef(Option<String>),
        Anonymous(bool),
        ComplainantName(Option<String>),
        ComplainantPhone(Option<String>),
        ComplainantUnit(Option<WireUnit>),
        ComplainantAddress(Option<String>),
        PreferredContact(Option<String>),
        ComplainantCount(u32),
        PublicInterestGroup(bool),
        OccurredAt(Option<String>),
        Location(String),
        ComplainedDepartment(Option<String>),
        ComplainedPerson(Option<String>),
        Description(String),
        Request(String),
        Category(String),
        Validity(WireValidity),
        Related(Vec<Uuid>),
        Drill(bool),
    }
}

impl From<&FieldChange> for WireFieldChange {
    fn from(c: &FieldChange) -> Self {
        use FieldChange as D;
        use WireFieldChange as W;
        let phone = |p: &Option<Phone>| p.as_ref().map(|p| p.as_str().to_owned());
        match c {
            D::Channel(v) => W::Channel(WireChannel::to_wire(v)),
            D::CallerNumber(v) => W::CallerNumber(phone(v)),
            D::RecordingRef(v) => W::RecordingRef(v.clone()),
            D::Anonymous(v) => W::Anonymous(*v),
            D::ComplainantName(v) => W::ComplainantName(v.clone()),
            D::ComplainantPhone(v) => W::ComplainantPhone(phone(v)),
            D::ComplainantUnit(v) => W::ComplainantUnit(Mirror::to_wire(v)),
            D::ComplainantAddress(v) => W::ComplainantAddress(v.clone()),
            D::PreferredContact(v) => W::PreferredContact(v.clone()),
            D::ComplainantCount(v) => W::ComplainantCount(*v),
            D::PublicInterestGroup(v) => W::PublicInterestGroup(*v),
            D::OccurredAt(v) => W::OccurredAt(opt_time_to_wire(v)),
            D::Location(v) => W::Location(v.clone()),
            D::ComplainedDepartment(v) => W::ComplainedDepartment(v.clone()),
            D::ComplainedPerson(v) => W::ComplainedPerson(v.clone()),
            D::Description(v) => W::Description(v.clone()),
            D::Request(v) => W::Request(v.clone()),
            D::Category(v) => W::Category(v.clone()),
            D::Validity(v) => W::Validity(WireValidity::to_wire(v)),
            D::Related(v) => W::Related(Mirror::to_wire(v)),
            D::Drill(v) => W::Drill(*v),
        }
    }
}

impl WireFieldChange {
    fn into_domain(self, path: &str) -> Result<FieldChange> {
        use FieldChange as D;
        use WireFieldChange as W;
        let path = format!("{path}.value");
        Ok(match self {
            W::Channel(v) => D::Channel(v.into_domain()),
            W::CallerNumber(v) => D::CallerNumber(opt_phone_from_wire(&path, &v)?),
            W::RecordingRef(v) => D::RecordingRef(v),
            W::Anonymous(v) => D::Anonymous(v),
            W::ComplainantName(v) => D::ComplainantName(v),
            W::ComplainantPhone(v) => D::ComplainantPhone(opt_phone_from_wire(&path, &v)?),
            W::ComplainantUnit(v) => D::ComplainantUnit(v.into_domain()),
            W::ComplainantAddress(v) => D::ComplainantAddress(v),
            W::PreferredContact(v) => D::PreferredContact(v),
            W::ComplainantCount(v) => D::ComplainantCount(v),
            W::PublicInterestGroup(v) => D::PublicInterestGroup(v),
            W::OccurredAt(v) => D::OccurredAt(opt_time_from_wire(&path, &v)?),
            W::Location(v) => D::Location(v),
            W::ComplainedDepartment(v) => D::ComplainedDepartment(v),
            W::ComplainedPerson(v) => D::ComplainedPerson(v),
            W::Description(v) => D::Description(v),
            W::Request(v) => D::Request(v),
            W::Category(v) => D::Category(v),
            W::Validity(v) => D::Validity(v.into_domain()),
            W::Related(v) => D::Related(v.into_domain()),
            W::Drill(v) => D::Drill(v),
        })
    }
}

wire_struct!(
    WireLevelChange <=> LevelChange {
        from: Option<WireSeverity>,
        to: WireSeverity,
        reason: String,
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireTask {
    pub department: String,
    pub description: String,
    pub due: Option<String>,
}

impl From<&Task> for WireTask {
    fn from(t: &Task) -> Self {
        WireTask {
            department: t.department.clone(),
            description: t.description.clone(),
            due: opt_time_to_wire(&t.due),
        }
    }
}

impl WireTask {
    fn into_domain(self, path: &str) -> Result<Task> {
        Ok(Task {
            department: self.department,
            description: self.description,
            due: opt_time_from_wire(&format!("{path}.due"), &self.due)?,
        })
    }
}

wire_struct!(
    WireReply <=> Reply {
        result: String,
        reasons: String,
        basis: String,
    }
);

wire_struct!(
    WireFollowUp <=> FollowUp {
        satisfaction: WireSatisfaction,
        comments: String,
        reopen_to: Option<WireWorkflowState>,
        /// Absent when there is none, so events without one read and hash as before.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signature: Option<String>,
    }
);

wire_struct!(
    WireSummary <=> Summary {
        causes: String,
        lessons: String,
        corrective_actions: String,
        preventive_actions: String,
        plan_revisions: String,
        training_needs: String,
    }
);

wire_struct!(
    WireAssignment <=> Assignment {
        who: String,
        what: String,
    }
);

wire_struct!(
    WireMinutes <=> Minutes {
        content: String,
        decisions: String,
        assignments: Vec<WireAssignment>,
        status: String,
    }
);

wire_struct!(
    WireEvidence <=> Evidence {
        kind: WireEvidenceKind,
        blob_sha256: Option<String>,
        caption: String,
    }
);

wire_struct!(
    /// A person's PIN as PBKDF2-HMAC-SHA256: iterations, and lowercase hex of salt and hash.
    WirePinHash <=> PinHash {
        iterations: u32,
        salt: String,
        hash: String,
    }
);

adjacent_enum! {
    /// One change to a person: `{"field": "<name>", "value": …}`.
    pub enum WirePersonChange ("WirePersonChange", mirror PersonChangeIn, tag "field", content "value") {
        Name(String),
        Role(WireRole),
        Department(Option<String>),
        Active(bool),
        Pin(Option<WirePinHash>),
    }
}

impl Mirror<PersonChange> for WirePersonChange {
    fn to_wire(c: &PersonChange) -> Self {
        match c {
            PersonChange::Name(v) => WirePersonChange::Name(v.clone()),
            PersonChange::Role(v) => WirePersonChange::Role(WireRole::to_wire(v)),
            PersonChange::Department(v) => WirePersonChange::Department(v.clone()),
            PersonChange::Active(v) => WirePersonChange::Active(*v),
            PersonChange::Pin(v) => WirePersonChange::Pin(Mirror::to_wire(v)),
        }
    }

    fn into_domain(self) -> PersonChange {
        match self {
            WirePersonChange::Name(v) => PersonChange::Name(v),
            WirePersonChange::Role(v) => PersonChange::Role(v.into_domain()),
            WirePersonChange::Department(v) => PersonChange::Department(v),
            WirePersonChange::Active(v) => PersonChange::Active(v),
            WirePersonChange::Pin(v) => PersonChange::Pin(v.into_domain()),
        }
    }
}

adjacent_enum! {
    /// How long a clock runs: `{"unit": "hours", "n": 3}` or `{"unit": "same_day"}`.
    pub enum WireSpan ("WireSpan", mirror SpanIn, tag "unit", content "n") {
        Minutes(u32),
        Hours(u32),
        SameDay,
        Days(u32),
        Months(u32),
    }
}

impl Mirror<Span> for WireSpan {
    fn to_wire(s: &Span) -> Self {
        match *s {
            Span::Minutes(n) => WireSpan::Minutes(n),
            Span::Hours(n) => WireSpan::Hours(n),
            Span::SameDay => WireSpan::SameDay,
            Span::Days(n) => WireSpan::Days(n),
            Span::Months(n) => WireSpan::Months(n),
        }
    }

    fn into_domain(self) -> Span {
        match self {
            WireSpan::Minutes(n) => Span::Minutes(n),
            WireSpan::Hours(n) => Span::Hours(n),
            WireSpan::SameDay => Span::SameDay,
            WireSpan::Days(n) => Span::Days(n),
            WireSpan::Months(n) => Span::Months(n),
        }
    }
}

wire_struct!(
    WireClockRule <=> ClockRule {
        span: WireSpan,
        levels: Vec<WireSeverity>,
    }
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireHoliday {
    pub name_zh: String,
    pub name_en: String,
    pub first: String,
    pub last: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireCalendar {
    pub holidays: Vec<WireHoliday>,
    pub make_up_days: Vec<String>,
    /// The years a leader entered or confirmed. Absent (files from before years were
    /// confirmed, and whenever it says no more than that) means the years the holidays and
    /// make-up days fall in, so such a calendar reads and hashes as it did before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covered_years: Option<Vec<i32>>,
}

/// The years a calendar date can have in the file (`yyyy-mm-dd`).
const FILE_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireWorkingHours {
    pub start: String,
    pub end: String,
}

wire_struct!(
    WireNamedItem <=> NamedItem {
        id: String,
        name_zh: String,
        name_en: String,
    }
);

adjacent_enum! {
    /// One change of the shared settings: `{"setting": "<name>", "value": …}`.
    pub enum WireSettingChange ("WireSettingChange", mirror SettingChangeIn, tag "setting", content "value") {
        Clock {
            clock: WireClock,
            rule: WireClockRule,
        },
        DayMode(WireDayMode),
        PauseWhileWaiting(bool),
        Calendar(WireCalendar),
        WorkingHours(WireWorkingHours),
        RepeatWindowDays(u32),
        GroupSize(u32),
        Categories(Vec<WireNamedItem>),
        Departments(Vec<WireNamedItem>),
        CompanyName(String),
        Device {
            device: Uuid,
            code: String,
            label: String,
        },
        Unit {
            id: Uuid,
            unit: WireOrgUnit,
        },
        Duty {
            day: String,
            shift: WireShift,
            person: Option<Uuid>,
        },
        DrillEveryMonths(u32),
        TrainingEveryMonths(u32),
    }
}

impl From<&SettingChange> for WireSettingChange {
    fn from(c: &SettingChange) -> Self {
        use SettingChange as D;
        use WireSettingChange as W;
        match c {
            D::Clock { clock, rule } => W::Clock {
                clock: WireClock::to_wire(clock),
                rule: WireClockRule::to_wire(rule),
            },
            D::DayMode(m) => W::DayMode(WireDayMode::to_wire(m)),
            D::PauseWhileWaiting(v) => W::PauseWhileWaiting(*v),
            D::Calendar(cal) => W::Calendar(WireCalendar {
                holidays: cal
                    .holidays
                    .iter()
                    .map(|h| WireHoliday {
                        name_zh: h.name_zh.clone(),
                        name_en: h.name_en.clone(),
                        first: h.first.format(DATE_FORMAT).to_string(),
                        last: h.last.format(DATE_FORMAT).to_string(),
                    })
                    .collect(),
                make_up_days: cal
                    .make_up_days
                    .iter()
                    .map(|d| d.format(DATE_FORMAT).to_string())
                    .collect(),
                covered_years: (cal.covered_years != cal.entered_years())
                    .then(|| cal.covered_years.iter().copied().collect()),
            }),
            D::WorkingHours(h) => W::WorkingHours(WireWorkingHours {
                start: h.start.format(TIME_OF_DAY_FORMAT).to_string(),
                end: h.end.format(TIME_OF_DAY_FORMAT).to_string(),
            }),
            D::RepeatWindowDays(v) => W::RepeatWindowDays(*v),
            D::GroupSize(v) => W::GroupSize(*v),
            D::Categories(v) => W::Categories(Mirror::to_wire(v)),
            D::Departments(v) => W::Departments(Mirror::to_wire(v)),
            D::CompanyName(v) => W::CompanyName(v.clone()),
            D::Device {
                device,
                code,
                label,
            } => W::Device {
                device: device.0,
                code: code.as_str().to_owned(),
                label: label.clone(),
            },
            D::Unit { id, unit } => W::Unit {
                id: id.0,
                unit: Mirror::to_wire(unit),
            },
            D::DrillEveryMonths(v) => W::DrillEveryMonths(*v),
            D::TrainingEveryMonths(v) => W::TrainingEveryMonths(*v),
            D::Duty { day, shift, person } => W::Duty {
                day: day.format(DATE_FORMAT).to_string(),
                shift: Mirror::to_wire(shift),
                person: person.map(|p| p.0),
            },
        }
    }
}

impl WireSettingChange {
    fn into_domain(self, path: &str) -> Result<SettingChange> {
        use SettingChange as D;
        use WireSettingChange as W;
        let path = format!("{path}.value");
        Ok(match self {
            W::Clock { clock, rule } => D::Clock {
                clock: clock.into_domain(),
                rule: rule.into_domain(),
            },
            W::DayMode(m) => D::DayMode(m.into_domain()),
            W::PauseWhileWaiting(v) => D::PauseWhileWaiting(v),
            W::Calendar(cal) => D::Calendar(BusinessCalendar::read(
                cal.holidays
                    .into_iter()
                    .map(|h| {
                        Ok(Holiday {
                            first: date_from_wire(&format!("{path}.holidays"), &h.first)?,
                            last: date_from_wire(&format!("{path}.holidays"), &h.last)?,
                            name_zh: h.name_zh,
                            name_en: h.name_en,
                        })
                    })
                    .collect::<Result<_>>()?,
                cal.make_up_days
                    .iter()
                    .map(|d| date_from_wire(&format!("{path}.make_up_days"), d))
                    .collect::<Result<_>>()?,
                cal.covered_years
                    .map(|years| {
                        years
                            .into_iter()
                            .map(|y| {
                                FILE_YEARS.contains(&y).then_some(y).ok_or_else(|| {
                                    WireError::at(
                                        &format!("{path}.covered_years"),
                                        format!("{y} is not a year (1 to 9999)"),
                                    )
                                })
                            })
                            .collect::<Result<_>>()
                    })
                    .transpose()?,
            )),
            W::WorkingHours(h) => D::WorkingHours(WorkingHours {
                start: time_of_day_from_wire(&format!("{path}.start"), &h.start)?,
                end: time_of_day_from_wire(&format!("{path}.end"), &h.end)?,
            }),
            W::RepeatWindowDays(v) => D::RepeatWindowDays(v),
            W::GroupSize(v) => D::GroupSize(v),
            W::Categories(v) => D::Categories(v.into_domain()),
            W::Departments(v) => D::Departments(v.into_domain()),
            W::CompanyName(v) => D::CompanyName(v),
            W::Device {
                device,
                code,
                label,
            } => D::Device {
                device: DeviceId(device),
                code: device_code_from_wire(&format!("{path}.code"), &code)?,
                label,
            },
            W::Unit { id, unit } => D::Unit {
                id: UnitId(id),
                unit: unit.into_domain(),
            },
            W::DrillEveryMonths(v) => D::DrillEveryMonths(v),
            W::TrainingEveryMonths(v) => D::TrainingEveryMonths(v),
            W::Duty { day, shift, person } => D::Duty {
                day: date_from_wire(&format!("{path}.day"), &day)?,
                shift: shift.into_domain(),
                person: person.map(PersonId),
            },
        })
    }
}

adjacent_enum! {
    /// What happened: `{"kind": "<name>", "data": {…}}`. Every kind has a `data` object, empty for
    /// the kinds that carry nothing.
    pub enum WireBody ("WireBody", mirror BodyIn, tag "kind", content "data") {
        Received {
            number: String,
            received_at: String,
            details: Box<WireDetails>,
        },
        FieldEdited {
            change: WireFieldChange,
        },
        Assessed {
            criteria: Vec<WireCriterion>,
            suggested: WireSeverity,
            severity: WireSeverity,
            override_reason: Option<String>,
            validity: WireValidity,
            category: String,
        },
        LevelChanged {
            change: WireLevelChange,
            automatic: bool,
        },
        Dispatched {
            department: String,
            note: String,
        },
        SignedFor {
            signer: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            signature: Option<String>,
        },
        ReportedToGeneralManager {
            note: String,
        },
        ForwardedToManager {
            note: String,
        },
        ReportedToCommand {
            note: String,
        },
        Activated {
            note: String,
        },
        InvestigationStarted {},
        PlanDrafted {
            outcome: WireOutcomeClass,
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
            tasks: Vec<WireTask>,
        },
        ReportedBack {
            department: String,
            summary: String,
            /// When the department finished, if before the report; absent when not given (and
            /// in files from before).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            finished_at: Option<String>,
        },
        Replied(WireReply),
        FollowedUp(WireFollowUp),
        Summarized(WireSummary),
        SummaryReviewed {
            approved: bool,
            comment: String,
        },
        Closed {
            notice: String,
            no_new_complaints: bool,
        },
        MinutesRecorded(WireMinutes),
        ProgressReported {
            content: String,
        },
        ReferrerReplied {
            text: String,
        },
        NoteAdded {
            text: String,
            #[serde(default)]
            legal_counsel: bool,
        },
        EvidenceAdded(WireEvidence),
        ClocksPaused {
            reason: String,
        },
        ClocksResumed {},
        ReviewResolved {
            events: Vec<Uuid>,
            state: Option<WireWorkflowState>,
            note: String,
        },
        PersonalDataErased {
            reason: String,
        },
        Deleted {
            reason: String,
        },
        PersonAdded {
            name: String,
            role: WireRole,
            department: Option<String>,
        },
        PersonChanged {
            change: WirePersonChange,
        },
        SettingChanged {
            change: WireSettingChange,
        },
        LedgerSigned(WireReview),
        ProjectSet(WireProject),
        VisitPlanned(WireVisitPlan),
        VisitPlanEnded {
            plan: Uuid,
            from: String,
        },
        VisitRecorded(WireVisit),
        VisitLinked {
            visit: Uuid,
            complaint: Uuid,
        },
        DefectRecorded(WireDefect),
        PlanDocumentRevised(WireRevision),
        DrillLogged(WireDrill),
        TrainingLogged(WireTraining),
    }
}

/// A revision of the plan document: `in_force_from` a date (`yyyy-mm-dd`), the whole text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireRevision {
    pub number: u32,
    pub reason: String,
    pub approved_by: String,
    pub in_force_from: String,
    pub sections: Vec<WireSection>,
}

/// A drill of the plan: `day` a date (`yyyy-mm-dd`), the drill complaints by record id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDrill {
    pub day: String,
    pub scenario: String,
    pub participants: String,
    pub findings: String,
    pub actions: String,
    pub complaints: Vec<Uuid>,
}

/// A training session: `day` a date (`yyyy-mm-dd`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireTraining {
    pub day: String,
    pub topic: String,
    pub trainer: String,
    pub attendees: String,
    pub external: bool,
}

wire_struct!(
    /// One section of the plan document.
    WireSection <=> Section {
        heading: String,
        text: String,
    }
);

wire_enum!(
    /// `visit_outcome`.
    WireOutcome <=> Outcome {
        NoIssue = "no_issue",
        NotHome = "not_home",
        Finding = "finding",
    }
);

/// A household of a project; `phone` checked like a complainant's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireHousehold {
    pub unit: WireUnit,
    pub owner: String,
    pub phone: Option<String>,
}

/// A project, always set whole: its key, name and households.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireProject {
    pub id: String,
    pub name: String,
    pub households: Vec<WireHousehold>,
}

impl WireProject {
    fn to_wire(p: &Project) -> Self {
        WireProject {
            id: p.id.clone(),
            name: p.name.clone(),
            households: p
                .households
                .iter()
                .map(|h| WireHousehold {
                    unit: WireUnit::to_wire(&h.unit),
                    owner: h.owner.clone(),
                    phone: h.phone.as_ref().map(|p| p.as_str().to_owned()),
                })
                .collect(),
        }
    }

    fn into_domain(self, path: &str) -> Result<Project> {
        let households = self
            .households
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                Ok(Household {
                    unit: h.unit.into_domain(),
                    owner: h.owner,
                    phone: opt_phone_from_wire(&format!("{path}.households[{i}].phone"), &h.phone)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Project {
            id: self.id,
            name: self.name,
            households,
        })
    }
}

/// A visit plan: `day` is its first day (`yyyy-mm-dd`); `units` empty for the whole building.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireVisitPlan {
    pub staff: Uuid,
    pub staff_name: String,
    pub project: String,
    pub building: String,
    pub units: Vec<WireUnit>,
    pub day: String,
    pub weekly: bool,
}

/// A visit record made at the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireVisit {
    pub plan: Option<Uuid>,
    pub day: String,
    pub project: String,
    pub unit: WireUnit,
    pub outcome: WireOutcome,
    pub satisfaction: Option<WireSatisfaction>,
    pub topics: Vec<String>,
    pub note: String,
    pub photos: Vec<String>,
}

wire_struct!(
    /// A facility defect seen on a visit.
    WireDefect <=> Defect {
        project: String,
        building: String,
        place: String,
        note: String,
        photos: Vec<String>,
    }
);

/// A ledger sign-off: `review` is `daily` (the day's checked complaints) or `monthly` (the
/// month, from its first day, with how many complaints it counted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireReview {
    pub review: String,
    /// The day checked, or the month's first day (`yyyy-mm-dd`).
    pub covers: String,
    pub checked: Vec<WireChecked>,
    pub counted: u32,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireChecked {
    pub complaint: Uuid,
    pub number: String,
    pub note: String,
}

impl WireReview {
    fn to_wire(r: &Review) -> Self {
        let checked = |c: &Checked| WireChecked {
            complaint: c.complaint.0,
            number: c.number.clone(),
            note: c.note.clone(),
        };
        match r {
            Review::Daily {
                day,
                checked: list,
                comment,
            } => WireReview {
                review: "daily".into(),
                covers: day.format(DATE_FORMAT).to_string(),
                checked: list.iter().map(checked).collect(),
                counted: 0,
                comment: comment.clone(),
            },
            Review::Monthly {
                month,
                counted,
                comment,
            } => WireReview {
                review: "monthly".into(),
                covers: month.format(DATE_FORMAT).to_string(),
                checked: Vec::new(),
                counted: *counted,
                comment: comment.clone(),
            },
        }
    }

    fn into_domain(self, path: &str) -> Result<Review> {
        let covers = date_from_wire(&format!("{path}.covers"), &self.covers)?;
        match self.review.as_str() {
            "daily" => Ok(Review::Daily {
                day: covers,
                checked: self
                    .checked
                    .into_iter()
                    .map(|c| Checked {
                        complaint: RecordId(c.complaint),
                        number: c.number,
                        note: c.note,
                    })
                    .collect(),
                comment: self.comment,
            }),
            "monthly" if covers.day() == 1 => Ok(Review::Monthly {
                month: covers,
                counted: self.counted,
                comment: self.comment,
            }),
            "monthly" => Err(WireError::at(
                &format!("{path}.covers"),
                format!("{:?} is not the first day of a month", self.covers),
            )),
            other => Err(WireError::at(
                &format!("{path}.review"),
                format!("{other:?} is not a review (daily, monthly)"),
            )),
        }
    }
}

/// Every event kind, in the order of [`WireBody`].
pub const EVENT_KINDS: &[&str] = &[
    "received",
    "field_edited",
    "assessed",
    "level_changed",
    "dispatched",
    "signed_for",
    "reported_to_general_manager",
    "forwarded_to_manager",
    "reported_to_command",
    "activated",
    "investigation_started",
    "plan_drafted",
    "plan_approved",
    "plan_rejected",
    "implementation_started",
    "reported_back",
    "replied",
    "followed_up",
    "summarized",
    "summary_reviewed",
    "closed",
    "minutes_recorded",
    "progress_reported",
    "referrer_replied",
    "note_added",
    "evidence_added",
    "clocks_paused",
    "clocks_resumed",
    "review_resolved",
    "personal_data_erased",
    "deleted",
    "person_added",
    "person_changed",
    "setting_changed",
    "ledger_signed",
    "project_set",
    "visit_planned",
    "visit_plan_ended",
    "visit_recorded",
    "visit_linked",
    "defect_recorded",
    "plan_document_revised",
    "drill_logged",
    "training_logged",
];

impl From<&EventBody> for WireBody {
    fn from(b: &EventBody) -> Self {
        use EventBody as D;
        use WireBody as W;
        match b {
            D::Received {
                number,
                received_at,
                details,
            } => W::Received {
                number: number.to_string(),
                received_at: time_to_wire(received_at),
                details: Box::new(details.into()),
            },
            D::FieldEdited { change } => W::FieldEdited {
                change: change.into(),
            },
            D::Assessed {
                criteria,
                suggested,
                severity,
                override_reason,
                validity,
                category,
            } => W::Assessed {
                criteria: Mirror::to_wire(criteria),
                suggested: WireSeverity::to_wire(suggested),
                severity: WireSeverity::to_wire(severity),
                override_reason: override_reason.clone(),
                validity: WireValidity::to_wire(validity),
                category: category.clone(),
            },
            D::LevelChanged { change, automatic } => W::LevelChanged {
                change: WireLevelChange::to_wire(change),
                automatic: *automatic,
            },
            D::Dispatched { department, note } => W::Dispatched {
                department: department.clone(),
                note: note.clone(),
            },
            D::SignedFor { signer, signature } => W::SignedFor {
                signer: signer.clone(),
                signature: signature.clone(),
            },
            D::ReportedToGeneralManager { note } => {
                W::ReportedToGeneralManager { note: note.clone() }
            }
            D::ForwardedToManager { note } => W::ForwardedToManager { note: note.clone() },
            D::ReportedToCommand { note } => W::ReportedToCommand { note: note.clone() },
            D::Activated { note } => W::Activated { note: note.clone() },
            D::InvestigationStarted => W::InvestigationStarted {},
            D::PlanDrafted {
                outcome,
                content,
                compensation_fen,
            } => W::PlanDrafted {
                outcome: WireOutcomeClass::to_wire(outcome),
                content: content.clone(),
                compensation_fen: *compensation_fen,
            },
            D::PlanApproved { comment } => W::PlanApproved {
                comment: comment.clone(),
            },
            D::PlanRejected { reason } => W::PlanRejected {
                reason: reason.clone(),
            },
            D::ImplementationStarted { tasks } => W::ImplementationStarted {
                tasks: tasks.iter().map(WireTask::from).collect(),
            },
            D::ReportedBack {
                department,
                summary,
                finished_at,
            } => W::ReportedBack {
                department: department.clone(),
                summary: summary.clone(),
                finished_at: opt_time_to_wire(finished_at),
            },
            D::Replied(r) => W::Replied(WireReply::to_wire(r)),
            D::FollowedUp(f) => W::FollowedUp(WireFollowUp::to_wire(f)),
            D::Summarized(s) => W::Summarized(WireSummary::to_wire(s)),
            D::SummaryReviewed { approved, comment } => W::SummaryReviewed {
                approved: *approved,
                comment: comment.clone(),
            },
            D::Closed {
                notice,
                no_new_complaints,
            } => W::Closed {
                notice: notice.clone(),
                no_new_complaints: *no_new_complaints,
            },
            D::MinutesRecorded(m) => W::MinutesRecorded(WireMinutes::to_wire(m)),
            D::ProgressReported { content } => W::ProgressReported {
                content: content.clone(),
            },
            D::ReferrerReplied { text } => W::ReferrerReplied { text: text.clone() },
            D::NoteAdded {
                text,
                legal_counsel,
            } => W::NoteAdded {
                text: text.clone(),
                legal_counsel: *legal_counsel,
            },
            D::EvidenceAdded(e) => W::EvidenceAdded(WireEvidence::to_wire(e)),
            D::ClocksPaused { reason } => W::ClocksPaused {
                reason: reason.clone(),
            },
            D::ClocksResumed => W::ClocksResumed {},
            D::ReviewResolved {
                events,
                state,
                note,
            } => W::ReviewResolved {
                events: Mirror::to_wire(events),
                state: Mirror::to_wire(state),
                note: note.clone(),
            },
            D::PersonalDataErased { reason } => W::PersonalDataErased {
                reason: reason.clone(),
            },
            D::Deleted { reason } => W::Deleted {
                reason: reason.clone(),
            },
            D::PersonAdded {
                name,
                role,
                department,
            } => W::PersonAdded {
                name: name.clone(),
                role: WireRole::to_wire(role),
                department: department.clone(),
            },
            D::PersonChanged { change } => W::PersonChanged {
                change: WirePersonChange::to_wire(change),
            },
            D::SettingChanged { change } => W::SettingChanged {
                change: change.into(),
            },
            D::LedgerSigned(r) => W::LedgerSigned(WireReview::to_wire(r)),
            D::ProjectSet(p) => W::ProjectSet(WireProject::to_wire(p)),
            D::VisitPlanned(p) => W::VisitPlanned(WireVisitPlan {
                staff: p.staff.0,
                staff_name: p.staff_name.clone(),
                project: p.project.clone(),
                building: p.building.clone(),
                units: Mirror::to_wire(&p.units),
                day: p.day.format(DATE_FORMAT).to_string(),
                weekly: p.weekly,
            }),
            D::VisitPlanEnded { plan, from } => W::VisitPlanEnded {
                plan: plan.0,
                from: from.format(DATE_FORMAT).to_string(),
            },
            D::VisitRecorded(v) => W::VisitRecorded(WireVisit {
                plan: v.plan.map(|p| p.0),
                day: v.day.format(DATE_FORMAT).to_string(),
                project: v.project.clone(),
                unit: WireUnit::to_wire(&v.unit),
                outcome: WireOutcome::to_wire(&v.outcome),
                satisfaction: Mirror::to_wire(&v.satisfaction),
                topics: v.topics.clone(),
                note: v.note.clone(),
                photos: v.photos.clone(),
            }),
            D::VisitLinked { visit, complaint } => W::VisitLinked {
                visit: visit.0,
                complaint: complaint.0,
            },
            D::DefectRecorded(d) => W::DefectRecorded(WireDefect::to_wire(d)),
            D::PlanDocumentRevised(r) => W::PlanDocumentRevised(WireRevision {
                number: r.number,
                reason: r.reason.clone(),
                approved_by: r.approved_by.clone(),
                in_force_from: r.in_force_from.format(DATE_FORMAT).to_string(),
                sections: Mirror::to_wire(&r.sections),
            }),
            D::DrillLogged(d) => W::DrillLogged(WireDrill {
                day: d.day.format(DATE_FORMAT).to_string(),
                scenario: d.scenario.clone(),
                participants: d.participants.clone(),
                findings: d.findings.clone(),
                actions: d.actions.clone(),
                complaints: Mirror::to_wire(&d.complaints),
            }),
            D::TrainingLogged(t) => W::TrainingLogged(WireTraining {
                day: t.day.format(DATE_FORMAT).to_string(),
                topic: t.topic.clone(),
                trainer: t.trainer.clone(),
                attendees: t.attendees.clone(),
                external: t.external,
            }),
        }
    }
}

impl WireBody {
    /// The domain body; `path` names where it sits for messages (`body.data`).
    pub fn into_domain(self, path: &str) -> Result<EventBody> {
        use EventBody as D;
        use WireBody as W;
        Ok(match self {
            W::Received {
                number,
                received_at,
                details,
            } => D::Received {
                number: number.parse::<ComplaintNumber>().map_err(|_| {
                    WireError::at(
                        &format!("{path}.number"),
                        format!("{number:?} is not a complaint number"),
                    )
                })?,
                received_at: time_from_wire(&format!("{path}.received_at"), &received_at)?,
                details: details.into_domain(&format!("{path}.details"))?,
            },
            W::FieldEdited { change } => D::FieldEdited {
                change: change.into_domain(&format!("{path}.change"))?,
            },
            W::Assessed {
                criteria,
                suggested,
                severity,
                override_reason,
                validity,
                category,
            } => D::Assessed {
                criteria: criteria.into_domain(),
                suggested: suggested.into_domain(),
                severity: severity.into_domain(),
                override_reason,
                validity: validity.into_domain(),
                category,
            },
            W::LevelChanged { change, automatic } => D::LevelChanged {
                change: change.into_domain(),
                automatic,
            },
            W::Dispatched { department, note } => D::Dispatched { department, note },
            W::SignedFor { signer, signature } => D::SignedFor { signer, signature },
            W::ReportedToGeneralManager { note } => D::ReportedToGeneralManager { note },
            W::ForwardedToManager { note } => D::ForwardedToManager { note },
            W::ReportedToCommand { note } => D::ReportedToCommand { note },
            W::Activated { note } => D::Activated { note },
            W::InvestigationStarted {} => D::InvestigationStarted,
            W::PlanDrafted {
                outcome,
                content,
                compensation_fen,
            } => D::PlanDrafted {
                outcome: outcome.into_domain(),
                content,
                compensation_fen: compensation_fen
                    .map(|n| safe_integer(&format!("{path}.compensation_fen"), n))
                    .transpose()?,
            },
            W::PlanApproved { comment } => D::PlanApproved { comment },
            W::PlanRejected { reason } => D::PlanRejected { reason },
            W::ImplementationStarted { tasks } => D::ImplementationStarted {
                tasks: tasks
                    .into_iter()
                    .map(|t| t.into_domain(&format!("{path}.tasks")))
                    .collect::<Result<_>>()?,
            },
            W::ReportedBack {
                department,
                summary,
                finished_at,
            } => D::ReportedBack {
                department,
                summary,
                finished_at: opt_time_from_wire(&format!("{path}.finished_at"), &finished_at)?,
            },
            W::Replied(r) => D::Replied(r.into_domain()),
            W::FollowedUp(f) => D::FollowedUp(f.into_domain()),
            W::Summarized(s) => D::Summarized(s.into_domain()),
            W::SummaryReviewed { approved, comment } => D::SummaryReviewed { approved, comment },
            W::Closed {
                notice,
                no_new_complaints,
            } => D::Closed {
                notice,
                no_new_complaints,
            },
            W::MinutesRecorded(m) => D::MinutesRecorded(m.into_domain()),
            W::ProgressReported { content } => D::ProgressReported { content },
            W::ReferrerReplied { text } => D::ReferrerReplied { text },
            W::NoteAdded {
                text,
                legal_counsel,
            } => D::NoteAdded {
                text,
                legal_counsel,
            },
            W::EvidenceAdded(e) => D::EvidenceAdded(e.into_domain()),
            W::ClocksPaused { reason } => D::ClocksPaused { reason },
            W::ClocksResumed {} => D::ClocksResumed,
            W::ReviewResolved {
                events,
                state,
                note,
            } => D::ReviewResolved {
                events: events.into_domain(),
                state: state.into_domain(),
                note,
            },
            W::PersonalDataErased { reason } => D::PersonalDataErased { reason },
            W::Deleted { reason } => D::Deleted { reason },
            W::PersonAdded {
                name,
                role,
                department,
            } => D::PersonAdded {
                name,
                role: role.into_domain(),
                department,
            },
            W::PersonChanged { change } => D::PersonChanged {
                change: change.into_domain(),
            },
            W::SettingChanged { change } => D::SettingChanged {
                change: change.into_domain(&format!("{path}.change"))?,
            },
            W::LedgerSigned(r) => D::LedgerSigned(r.into_domain(path)?),
            W::ProjectSet(p) => D::ProjectSet(p.into_domain(path)?),
            W::VisitPlanned(p) => D::VisitPlanned(VisitPlan {
                staff: PersonId(p.staff),
                staff_name: p.staff_name,
                project: p.project,
                building: p.building,
                units: p.units.into_domain(),
                day: date_from_wire(&format!("{path}.day"), &p.day)?,
                weekly: p.weekly,
            }),
            W::VisitPlanEnded { plan, from } => D::VisitPlanEnded {
                plan: EventId(plan),
                from: date_from_wire(&format!("{path}.from"), &from)?,
            },
            W::VisitRecorded(v) => D::VisitRecorded(Visit {
                plan: v.plan.map(EventId),
                day: date_from_wire(&format!("{path}.day"), &v.day)?,
                project: v.project,
                unit: v.unit.into_domain(),
                outcome: v.outcome.into_domain(),
                satisfaction: v.satisfaction.into_domain(),
                topics: v.topics,
                note: v.note,
                photos: v.photos,
            }),
            W::VisitLinked { visit, complaint } => D::VisitLinked {
                visit: EventId(visit),
                complaint: RecordId(complaint),
            },
            W::DefectRecorded(d) => D::DefectRecorded(d.into_domain()),
            W::PlanDocumentRevised(r) => D::PlanDocumentRevised(Revision {
                number: r.number,
                reason: r.reason,
                approved_by: r.approved_by,
                in_force_from: date_from_wire(&format!("{path}.in_force_from"), &r.in_force_from)?,
                sections: r.sections.into_domain(),
            }),
            W::DrillLogged(d) => D::DrillLogged(Drill {
                day: date_from_wire(&format!("{path}.day"), &d.day)?,
                scenario: d.scenario,
                participants: d.participants,
                findings: d.findings,
                actions: d.actions,
                complaints: d.complaints.into_domain(),
            }),
            W::TrainingLogged(t) => D::TrainingLogged(Training {
                day: date_from_wire(&format!("{path}.day"), &t.day)?,
                topic: t.topic,
                trainer: t.trainer,
                attendees: t.attendees,
                external: t.external,
            }),
        })
    }
}

/// One immutable event as the file carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEvent {
    pub id: Uuid,
    pub device: Uuid,
    pub seq: u64,
    /// The fixed-width hybrid logical clock string.
    pub hlc: String,
    pub actor: WireActor,
    pub at: String,
    pub record: Uuid,
    pub prev: Vec<Uuid>,
    pub body: WireBody,
    /// Hex SHA-256 chaining the event to its device's previous one (see [`super::seal`]);
    /// absent on events made before the history was sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    /// Hex salt of the personal values' digests; absent without personal values or once
    /// erased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// After an erasure: the digest of each erased value by its path.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub erased: BTreeMap<String, String>,
}

impl From<&Event> for WireEvent {
    fn from(e: &Event) -> Self {
        WireEvent {
            id: e.id.0,
            device: e.device.0,
            seq: e.seq,
            hlc: e.hlc.encode(),
            actor: WireActor::to_wire(&e.actor),
            at: time_to_wire(&e.at),
            record: e.record.0,
            prev: Mirror::to_wire(&e.prev),
            body: (&e.body).into(),
            chain: e.seal.chain.clone(),
            salt: e.seal.salt.clone(),
            erased: e.seal.erased.clone(),
        }
    }
}

impl WireEvent {
    /// The domain event, or what about it is wrong.
    pub fn into_domain(self) -> Result<Event> {
        if self.seq == 0 {
            return Err(WireError::at("seq", "a device's events count from 1"));
        }
        let seq = safe_integer("seq", self.seq)?;
        let hlc: Hlc = self.hlc.parse().map_err(|_| {
            WireError::at(
                "hlc",
                format!("{:?} is not a hybrid logical clock", self.hlc),
            )
        })?;
        if hlc.device.0 != self.device {
            return Err(WireError::at(
                "hlc",
                "the clock names another device than the event",
            ));
        }
        if let Some(chain) = &self.chain
            && !super::seal::is_sha256_hex(chain)
        {
            return Err(WireError::at("chain", "not 64 lowercase hex digits"));
        }
        if let Some(salt) = &self.salt
            && !super::seal::is_hex(salt, super::seal::SALT_HEX)
        {
            return Err(WireError::at("salt", "not 32 lowercase hex digits"));
        }
        let body = self.body.into_domain("body.data")?;
        if !self.erased.is_empty() {
            let paths = super::seal::personal_paths(&body);
            if self.salt.is_some() {
                return Err(WireError::at("erased", "an erased event keeps no salt"));
            }
            if body != body.without_personal() {
                return Err(WireError::at(
                    "erased",
                    "an erased event still holds personal values",
                ));
            }
            for (path, digest) in &self.erased {
                if !(path.is_empty() || paths.contains(&path.as_str())) {
                    return Err(WireError::at(
                        "erased",
                        format!("{path:?} is not a personal value"),
                    ));
                }
                if !super::seal::is_sha256_hex(digest) {
                    return Err(WireError::at(
                        "erased",
                        "a digest is not 64 lowercase hex digits",
                    ));
                }
            }
        }
        Ok(Event {
            id: EventId(self.id),
            device: DeviceId(self.device),
            seq,
            hlc,
            actor: self.actor.into_domain(),
            at: time_from_wire("at", &self.at)?,
            record: RecordId(self.record),
            prev: self.prev.into_domain(),
            body,
            seal: crate::domain::Seal {
                chain: self.chain,
                salt: self.salt,
                erased: self.erased,
            },
        })
    }
}
