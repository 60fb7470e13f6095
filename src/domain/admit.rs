//! The checks every event passes on every way in: made here by a command, read from a bundle
//! file, or (later) replicated. [`check_event`] holds an event's data to the limits the command
//! that makes it enforces (lengths, formats, the record its kind belongs to, settings in range);
//! [`clock_ahead`] bounds how far in the future a received clock may lie.
//!
//! The commands ([`super::apply`], [`super::apply_roster`], [`super::apply_setting`]) call
//! [`check_body`] on what they produce, and `sync` calls [`check_event`] on every event it reads,
//! so a file is checked as strictly as the form that made its data.

use chrono::Datelike;

use super::calendar::BusinessCalendar;
use super::complaint::{Validity, validate_change};
use super::error::{SettingProblem, ValidationError};
use super::event::{Event, EventBody, RecordKind};
use super::field::Field;
use super::ids::RecordId;
use super::roster::PersonChange;
use super::settings::SettingChange;
use super::validate::{MAX_SHORT, MAX_TEXT, bounded, required};
use super::{Actor, Role};

/// How far ahead of this device's own time a received clock may be: a day. A file whose events
/// lie further ahead came from a device whose clock is wrong, and importing it would drag every
/// later local event into the future.
pub const MAX_CLOCK_DRIFT_MS: u64 = DEFAULT_CLOCK_DRIFT_HOURS as u64 * 60 * 60 * 1000;

/// The drift a device accepts unless a person on it chose another, in hours.
pub const DEFAULT_CLOCK_DRIFT_HOURS: u32 = 24;

/// The drifts a person may choose for a device, in hours: an hour to a month.
pub const CLOCK_DRIFT_HOURS: std::ops::RangeInclusive<u32> = 1..=720;

/// A chosen drift in hours, checked.
pub fn check_drift_hours(hours: u32) -> Result<u32, Refusal> {
    if CLOCK_DRIFT_HOURS.contains(&hours) {
        Ok(hours)
    } else {
        Err(drift_out_of_range())
    }
}

fn drift_out_of_range() -> Refusal {
    setting(SettingProblem::ClockDrift)
}

/// A drift as a person typed it, in hours, checked.
pub fn parse_drift_hours(text: &str) -> Result<u32, Refusal> {
    text.trim()
        .parse::<u32>()
        .map_or_else(|_| Err(drift_out_of_range()), check_drift_hours)
}

/// A drift in hours, in milliseconds.
pub fn drift_ms(hours: u32) -> u64 {
    u64::from(hours) * 60 * 60 * 1000
}

/// The longest period a drill or training may be due in, in months (ten years).
pub const MAX_UPKEEP_MONTHS: u32 = 120;

/// Years a business calendar may hold.
pub const CALENDAR_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Why an event is not admitted: the field and what is wrong with it.
pub type Refusal = ValidationError;

fn short(field: Field, v: &str) -> Result<(), Refusal> {
    bounded(field, v, MAX_SHORT).map(|_| ())
}

fn text(field: Field, v: &str) -> Result<(), Refusal> {
    bounded(field, v, MAX_TEXT).map(|_| ())
}

fn setting(problem: SettingProblem) -> Refusal {
    ValidationError::Setting(problem)
}

/// Whether `actor` could have made an event: a bounded name; the system role only for the
/// automatic escalation.
pub fn check_actor(actor: &Actor) -> Result<(), Refusal> {
    short(Field::PersonName, &actor.name)
}

/// The record kind `record` must be for an event of `kind`: settings events live on the one
/// settings record, and nothing else does.
pub fn check_record(kind: RecordKind, record: RecordId) -> Result<(), Refusal> {
    let fixed = [
        RecordId::SETTINGS,
        RecordId::LEDGER,
        RecordId::VISITS,
        RecordId::PLAN_DOCUMENT,
    ];
    match kind {
        RecordKind::Settings if record == RecordId::SETTINGS => Ok(()),
        RecordKind::Ledger if record == RecordId::LEDGER => Ok(()),
        RecordKind::Visits if record == RecordId::VISITS => Ok(()),
        RecordKind::PlanDocument if record == RecordId::PLAN_DOCUMENT => Ok(()),
        RecordKind::Complaint | RecordKind::Person if !fixed.contains(&record) => Ok(()),
        _ => Err(setting(SettingProblem::RecordKind)),
    }
}

/// A whole event: its actor, its record and its data.
pub fn check_event(e: &Event) -> Result<(), Refusal> {
    check_actor(&e.actor)?;
    check_record(e.body.record_kind(), e.record)?;
    if e.seal.is_erased()
        && let EventBody::Received {
            number,
            received_at,
            details,
        } = &e.body
    {
        // Erased, the complainant is no longer reachable through the record: checked as if
        // anonymous, everything else as received.
        let mut details = details.clone();
        details.complainant.anonymous = true;
        return check_body(&EventBody::Received {
            number: number.clone(),
            received_at: *received_at,
            details,
        });
    }
    check_body(&e.body)
}

/// An event's data, held to the limits of the command that makes it.
pub fn check_body(body: &EventBody) -> Result<(), Refusal> {
    use EventBody as B;
    // An attachment is named by the lowercase hex SHA-256 the app computes of its bytes.
    for sha in body.blobs() {
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if sha.len() != 64 || !sha.bytes().all(hex) {
            return Err(ValidationError::Unreadable {
                field: Field::Evidence,
                input: sha.chars().take(80).collect(),
            });
        }
    }
    match body {
        B::Received {
            received_at,
            details,
            ..
        } => details.validated(*received_at).map(|_| ()),
        B::FieldEdited { change } => validate_change(change).map(|_| ()),
        B::Assessed {
            override_reason,
            validity,
            category,
            ..
        } => {
            short(Field::Category, category)?;
            text(
                Field::Reason,
                override_reason.as_deref().unwrap_or_default(),
            )?;
            match validity {
                Validity::Invalid { reason } => text(Field::Reason, reason),
                _ => Ok(()),
            }
        }
        B::LevelChanged { change, .. } => text(Field::Reason, &change.reason),
        B::Dispatched { department, note } => {
            short(Field::Department, department)?;
            text(Field::Content, note)
        }
        B::SignedFor { signer, .. } => short(Field::Signer, signer),
        B::ReportedToGeneralManager { note }
        | B::ForwardedToManager { note }
        | B::ReportedToCommand { note }
        | B::Activated { note } => text(Field::Content, note),
        B::InvestigationStarted | B::ClocksResumed => Ok(()),
        B::PlanDrafted { content, .. } => text(Field::Content, content),
        B::PlanApproved { comment } => text(Field::Content, comment),
        B::PlanRejected { reason }
        | B::ClocksPaused { reason }
        | B::PersonalDataErased { reason }
        | B::Deleted { reason } => text(Field::Reason, reason),
        B::ImplementationStarted { tasks } => tasks.iter().try_for_each(|t| {
            short(Field::Department, &t.department)?;
            text(Field::TaskDescription, &t.description)
        }),
        B::ReportedBack {
            department,
            summary,
            ..
        } => {
            short(Field::Department, department)?;
            text(Field::Content, summary)
        }
        B::Replied(r) => [&r.result, &r.reasons, &r.basis]
            .into_iter()
            .try_for_each(|v| text(Field::ReplyResult, v)),
        B::FollowedUp(f) => text(Field::Content, &f.comments),
        B::Summarized(s) => [
            &s.causes,
            &s.lessons,
            &s.corrective_actions,
            &s.preventive_actions,
            &s.plan_revisions,
            &s.training_needs,
        ]
        .into_iter()
        .try_for_each(|v| text(Field::Content, v)),
        B::SummaryReviewed { comment, .. } => text(Field::Content, comment),
        B::Closed { notice, .. } => text(Field::Content, notice),
        B::MinutesRecorded(m) => {
            [&m.content, &m.decisions, &m.status]
                .into_iter()
                .try_for_each(|v| text(Field::Content, v))?;
            m.assignments.iter().try_for_each(|a| {
                short(Field::PersonName, &a.who)?;
                text(Field::Content, &a.what)
            })
        }
        B::ProgressReported { content } => text(Field::Content, content),
        B::ReferrerReplied { text: t } => {
            required(Field::Content, t, MAX_TEXT)?;
            Ok(())
        }
        B::NoteAdded { text: t, .. } => text(Field::Content, t),
        B::EvidenceAdded(e) => text(Field::Content, &e.caption),
        B::ReviewResolved { note, .. } => text(Field::Content, note),
        B::LedgerSigned(r) => super::ledger::check_review(r),
        B::ProjectSet(_)
        | B::VisitRecorded(_)
        | B::DefectRecorded(_)
        | B::VisitPlanned(_)
        | B::VisitPlanEnded { .. }
        | B::VisitLinked { .. } => super::visits::check_visit_body(body),
        B::PlanDocumentRevised(r) => super::plan_doc::check_revision(r),
        B::DrillLogged(d) => super::plan_doc::check_drill(d),
        B::TrainingLogged(t) => super::plan_doc::check_training(t),
        B::PersonAdded {
            name,
            role,
            department,
        } => {
            required(Field::PersonName, name, MAX_SHORT)?;
            short(Field::Department, department.as_deref().unwrap_or_default())?;
            check_role(*role)
        }
        B::PersonChanged { change } => match change {
            PersonChange::Name(n) => required(Field::PersonName, n, MAX_SHORT).map(|_| ()),
            PersonChange::Department(d) => {
                short(Field::Department, d.as_deref().unwrap_or_default())
            }
            PersonChange::Role(r) => check_role(*r),
            PersonChange::Active(_) | PersonChange::Pin(None) => Ok(()),
            PersonChange::Pin(Some(h)) if h.well_formed() => Ok(()),
            PersonChange::Pin(Some(h)) => Err(ValidationError::Unreadable {
                field: Field::PersonPin,
                input: format!(
                    "{}:{}",
                    h.iterations,
                    h.salt.chars().take(40).collect::<String>()
                ),
            }),
        },
        B::SettingChanged { change } => check_setting(change),
    }
}

fn check_role(role: Role) -> Result<(), Refusal> {
    if role == Role::System {
        Err(setting(SettingProblem::SystemRole))
    } else {
        Ok(())
    }
}

/// A settings change in range, whoever made it and wherever it came from.
pub fn check_setting(change: &SettingChange) -> Result<(), Refusal> {
    match change {
        SettingChange::WorkingHours(h) if h.start >= h.end => {
            Err(setting(SettingProblem::WorkingHours))
        }
        SettingChange::RepeatWindowDays(d) if !(1..=3650).contains(d) => {
            Err(setting(SettingProblem::RepeatWindow))
        }
        SettingChange::GroupSize(n) if *n < 2 => Err(setting(SettingProblem::GroupSize)),
        SettingChange::DrillEveryMonths(m) | SettingChange::TrainingEveryMonths(m)
            if *m > MAX_UPKEEP_MONTHS =>
        {
            Err(setting(SettingProblem::UpkeepPeriod))
        }
        SettingChange::Categories(v) | SettingChange::Departments(v) if v.is_empty() => {
            Err(setting(SettingProblem::EmptyList))
        }
        SettingChange::Categories(v) | SettingChange::Departments(v) => {
            v.iter().try_for_each(|i| {
                if i.id.trim().is_empty() || i.name_zh.trim().is_empty() {
                    return Err(setting(SettingProblem::EntryUnnamed));
                }
                short(Field::Category, &i.id)?;
                short(Field::Category, &i.name_zh)?;
                short(Field::Category, &i.name_en)
            })
        }
        SettingChange::Device { label, .. } => short(Field::PersonName, label),
        SettingChange::CompanyName(name) => short(Field::CompanyName, name),
        SettingChange::Unit { unit, .. } => super::organisation::check_unit(unit).map(|_| ()),
        SettingChange::Calendar(c) => check_calendar(c),
        SettingChange::Clock { .. }
        | SettingChange::DayMode(_)
        | SettingChange::PauseWhileWaiting(_)
        | SettingChange::WorkingHours(_)
        | SettingChange::RepeatWindowDays(_)
        | SettingChange::GroupSize(_)
        | SettingChange::Duty { .. }
        | SettingChange::DrillEveryMonths(_)
        | SettingChange::TrainingEveryMonths(_) => Ok(()),
    }
}

/// A business calendar as the settings panel accepts one: every holiday named, in order, within
/// one year of the supported range; make-up days in that range too.
pub fn check_calendar(c: &BusinessCalendar) -> Result<(), Refusal> {
    for h in &c.holidays {
        if h.name_zh.trim().is_empty() {
            return Err(setting(SettingProblem::HolidayUnnamed));
        }
        short(Field::Content, &h.name_zh)?;
        short(Field::Content, &h.name_en)?;
        if h.last < h.first {
            return Err(setting(SettingProblem::HolidayReversed));
        }
        if h.first.year() != h.last.year() || !CALENDAR_YEARS.contains(&h.first.year()) {
            return Err(setting(SettingProblem::HolidayYear));
        }
    }
    if c.covered_years.iter().any(|y| !CALENDAR_YEARS.contains(y)) {
        return Err(setting(SettingProblem::CoveredYear));
    }
    if c.make_up_days
        .iter()
        .any(|d| !CALENDAR_YEARS.contains(&d.year()))
    {
        return Err(setting(SettingProblem::MakeUpDayYear));
    }
    Ok(())
}

/// The first event whose clock lies more than `max_drift_ms` ahead of `now_ms`, if any.
pub fn clock_ahead<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    now_ms: u64,
    max_drift_ms: u64,
) -> Option<&'a Event> {
    let limit = now_ms.saturating_add(max_drift_ms);
    events.into_iter().find(|e| e.hlc.wall_ms > limit)
}
