//! A command's small form, as typed, turned into the command. Every pick must be one the form
//! offers (by its key, never a Debug string) and every typed value must read; anything else is a
//! [`ValidationError`] naming the input, never a quiet fallback.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

use super::actor::Role;
use super::complaint::{
    Assignment, Channel, Complaint, ComplaintDetails, Evidence, EvidenceKind, FollowUp, Minutes,
    OutcomeClass, Referral, Reply, Satisfaction, Severity, Summary, Task, Unit, Validity,
};
use super::error::ValidationError;
use super::field::{Field, FieldChange};
use super::triage::{Criterion, suggest};
use super::validate::Phone;
use super::workflow::{Command, CommandKind, WorkflowState, level_change_targets};

/// What a form holds: each input by its key, as typed or picked (`"true"` for a ticked box).
pub type Inputs = BTreeMap<&'static str, String>;

/// The channels the intake form picks from, by key (the keys drafts saved by earlier versions
/// hold, so a draft still restores).
pub const CHANNELS: [(Channel, &str); 9] = [
    (Channel::Phone, "Phone"),
    (Channel::Hotline, "Hotline"),
    (Channel::WalkIn, "WalkIn"),
    (Channel::OnSiteVisit, "OnSiteVisit"),
    (Channel::GovernmentHotline, "GovernmentHotline"),
    (Channel::Online, "Online"),
    (Channel::Email, "Email"),
    (Channel::Letter, "Letter"),
    (Channel::Other, "Other"),
];

/// The roles a person can be given, in the order the roster form offers them, by key.
pub const ROLES: [(Role, &str); 5] = [
    (Role::Leader, "Leader"),
    (Role::Deputy, "Deputy"),
    (Role::DutyLead, "DutyLead"),
    (Role::Staff, "Staff"),
    (Role::DepartmentHead, "DepartmentHead"),
];

/// The value of `key` in `table`, or `Unreadable` for `field` (empty is `Required`).
pub fn by_key<T: Copy>(
    table: &[(T, &'static str)],
    key: &str,
    field: Field,
) -> Result<T, ValidationError> {
    if key.is_empty() {
        return Err(ValidationError::Required(field));
    }
    table
        .iter()
        .find(|(_, k)| *k == key)
        .map(|(v, _)| *v)
        .ok_or_else(|| ValidationError::Unreadable {
            field,
            input: key.to_string(),
        })
}

/// The intake form as typed: every input as text (ticks as `bool`), with the channel by its
/// key in [`CHANNELS`] and times as `datetime-local` values.
#[derive(Clone, Copy, Debug, Default)]
pub struct Intake<'a> {
    pub received_at: &'a str,
    pub channel: &'a str,
    pub caller_number: &'a str,
    pub recording_ref: &'a str,
    pub anonymous: bool,
    pub name: &'a str,
    pub phone: &'a str,
    pub building: &'a str,
    pub entrance: &'a str,
    pub room: &'a str,
    pub address: &'a str,
    pub preferred_contact: &'a str,
    pub count: &'a str,
    pub public_interest_group: bool,
    pub occurred_at: &'a str,
    pub location: &'a str,
    pub department: &'a str,
    pub person: &'a str,
    pub description: &'a str,
    pub request: &'a str,
    pub category: &'a str,
    pub drill: bool,
    /// The project's key, or empty.
    pub project: &'a str,
    /// The referring body (12345, a consumer association), or empty when not referred.
    pub referral_body: &'a str,
    pub referral_reference: &'a str,
    /// The body's deadline, a `datetime-local` value.
    pub referral_due: &'a str,
    pub referral_contact: &'a str,
}

fn some(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|s| !s.is_empty())
}

/// The record an intake form describes and its time of receipt, read at `offset`, or the field
/// that does not read and why. Every pick must be one the form offers and every typed value must
/// read (a count that is not a number is an error, never 1); what a record must hold (a
/// description, a way to reach the complainant, times in order) is checked by
/// [`ComplaintDetails::validated`] when the complaint is received.
pub fn intake(
    i: &Intake<'_>,
    offset: FixedOffset,
) -> Result<(ComplaintDetails, DateTime<FixedOffset>), (Field, ValidationError)> {
    let at = |f: Field| move |e| (f, e);
    let received_at = local_time(i.received_at, offset, Field::ReceivedAt)
        .map_err(at(Field::ReceivedAt))?
        .ok_or((
            Field::ReceivedAt,
            ValidationError::Required(Field::ReceivedAt),
        ))?;
    let channel =
        by_key(&CHANNELS, i.channel.trim(), Field::Channel).map_err(at(Field::Channel))?;
    let phone = |text: &str, field: Field| match some(text) {
        None => Ok(None),
        Some(t) => Phone::parse(&t).map(Some).map_err(at(field)),
    };
    let count = match i.count.trim() {
        "" => 1,
        n => n.parse::<u32>().map_err(|_| {
            (
                Field::ComplainantCount,
                ValidationError::Unreadable {
                    field: Field::ComplainantCount,
                    input: n.to_string(),
                },
            )
        })?,
    };
    let mut d = ComplaintDetails::new(channel, i.description.trim());
    d.caller_number = phone(i.caller_number, Field::CallerNumber)?;
    d.recording_ref = some(i.recording_ref);
    d.complainant.anonymous = i.anonymous;
    d.complainant.name = some(i.name);
    d.complainant.phone = phone(i.phone, Field::ComplainantPhone)?;
    d.complainant.unit = (some(i.building).is_some() || some(i.room).is_some()).then(|| Unit {
        building: i.building.trim().into(),
        entrance: i.entrance.trim().into(),
        room: i.room.trim().into(),
    });
    d.complainant.address = some(i.address);
    d.complainant.preferred_contact = some(i.preferred_contact);
    d.complainant.count = count;
    d.complainant.public_interest_group = i.public_interest_group;
    d.occurred_at =
        local_time(i.occurred_at, offset, Field::OccurredAt).map_err(at(Field::OccurredAt))?;
    d.location = i.location.trim().into();
    d.complained_department = some(i.department);
    d.complained_person = some(i.person);
    d.request = i.request.trim().into();
    d.category = some(i.category);
    d.drill = i.drill;
    d.project = some(i.project);
    // A referral is what any of its fields describes; the domain's check names what is missing.
    let referral_typed = [
        i.referral_body,
        i.referral_reference,
        i.referral_due,
        i.referral_contact,
    ]
    .iter()
    .any(|t| !t.trim().is_empty());
    if referral_typed {
        let due = local_time(i.referral_due, offset, Field::ReferralDue)
            .map_err(at(Field::ReferralDue))?
            .ok_or((
                Field::ReferralDue,
                ValidationError::Required(Field::ReferralDue),
            ))?;
        d.referral = Some(Referral {
            body: i.referral_body.trim().into(),
            reference: i.referral_reference.trim().into(),
            due,
            contact: i.referral_contact.trim().into(),
        });
    }
    Ok((d, received_at))
}

/// The levels a form picks from, by key.
pub const LEVELS: [(Severity, &str); 3] = [
    (Severity::Minor, "minor"),
    (Severity::Important, "important"),
    (Severity::Major, "major"),
];

/// The handling plan's outcome classes (P9 §5.4 a–c), by key.
pub const OUTCOMES: [(OutcomeClass, &str); 3] = [
    (OutcomeClass::Rectify, "rectify"),
    (OutcomeClass::FactsUnclear, "facts_unclear"),
    (OutcomeClass::Explain, "explain"),
];

/// A follow-up's satisfaction, by key.
pub const SATISFACTION: [(Satisfaction, &str); 3] = [
    (Satisfaction::Satisfied, "satisfied"),
    (Satisfaction::BasicallySatisfied, "basically_satisfied"),
    (Satisfaction::Dissatisfied, "dissatisfied"),
];

/// Where a dissatisfied follow-up sends the complaint back to, by key.
pub const REOPEN_TO: [(WorkflowState, &str); 2] = [
    (WorkflowState::Investigating, "investigating"),
    (WorkflowState::Implementing, "implementing"),
];

/// The record fields the edit form offers, by key.
pub const EDITABLE: [(Field, &str); 10] = [
    (Field::Description, "description"),
    (Field::Request, "request"),
    (Field::ComplainantName, "complainant_name"),
    (Field::ComplainantPhone, "complainant_phone"),
    (Field::ComplainantAddress, "complainant_address"),
    (Field::PreferredContact, "preferred_contact"),
    (Field::Location, "location"),
    (Field::ComplainedPerson, "complained_person"),
    (Field::ComplainedDepartment, "complained_department"),
    (Field::Category, "category"),
];

/// How many task rows the implementation form has.
pub const TASK_ROWS: usize = 3;

/// The kinds of attachment the evidence form stores, by key (input `file_kind`, beside the
/// stored file's SHA-256 in `file`).
pub const ATTACHMENTS: [(EvidenceKind, &str); 4] = [
    (EvidenceKind::Photo, "photo"),
    (EvidenceKind::Audio, "audio"),
    (EvidenceKind::Document, "document"),
    (EvidenceKind::Signature, "signature"),
];

/// The largest file the evidence form takes (audio and documents; photos are made smaller
/// before they are stored).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// What kind of evidence a picked file is, from its MIME type and size: images are photos,
/// recordings audio, PDFs documents; anything else, or anything over
/// [`MAX_ATTACHMENT_BYTES`], is named.
pub fn attachment_kind(mime: &str, size_bytes: usize) -> Result<EvidenceKind, ValidationError> {
    let mime = mime.trim().to_ascii_lowercase();
    let kind = if mime.starts_with("image/") {
        EvidenceKind::Photo
    } else if mime.starts_with("audio/") {
        EvidenceKind::Audio
    } else if mime == "application/pdf" {
        EvidenceKind::Document
    } else {
        return Err(ValidationError::FileType { mime });
    };
    if kind != EvidenceKind::Photo && size_bytes > MAX_ATTACHMENT_BYTES {
        return Err(ValidationError::FileTooLarge {
            size_bytes,
            limit_mib: MAX_ATTACHMENT_BYTES / 1_048_576,
        });
    }
    Ok(kind)
}

/// How many owner rows the minutes form offers (who, and what they are to do).
pub const OWNER_ROWS: usize = 3;

/// The input keys of the minutes form's owner row `n` (1-based): who, and what.
pub fn owner_keys(n: usize) -> (&'static str, &'static str) {
    match n {
        1 => ("owner1_who", "owner1_what"),
        2 => ("owner2_who", "owner2_what"),
        _ => ("owner3_who", "owner3_what"),
    }
}

/// The key of `value` in `table`.
pub fn key_of<T: PartialEq + Copy>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, k)| k)
}

/// The input key of a triage criterion's tick box.
pub fn criterion_key(c: Criterion) -> &'static str {
    match c {
        Criterion::ServiceFailedRepeatedly => "c_service",
        Criterion::MajorLossOrInjury => "c_loss",
        Criterion::UnresolvedForAMonth => "c_month",
        Criterion::PublicInterest => "c_public",
        Criterion::MajorImpact => "c_impact",
        Criterion::SafetyOrPollution => "c_safety",
        Criterion::ServiceLapse => "c_lapse",
        Criterion::FacilityLimit => "c_facility",
    }
}

/// The keys of task row `n` (1-based): department, description, due.
pub fn task_keys(n: usize) -> (&'static str, &'static str, &'static str) {
    match n {
        1 => ("task1_department", "task1_description", "task1_due"),
        2 => ("task2_department", "task2_description", "task2_due"),
        _ => ("task3_department", "task3_description", "task3_due"),
    }
}

/// The criteria ticked on an assessment form.
pub fn ticked_criteria(i: &Inputs) -> BTreeSet<Criterion> {
    Criterion::ALL
        .into_iter()
        .filter(|k| flag(i, criterion_key(*k)))
        .collect()
}

fn get<'a>(i: &'a Inputs, key: &str) -> &'a str {
    i.get(key).map_or("", String::as_str)
}

fn flag(i: &Inputs, key: &str) -> bool {
    get(i, key) == "true"
}

/// The pick of input `key` from `table`; `field` names it in the error.
fn pick<T: Copy>(
    i: &Inputs,
    key: &str,
    table: &[(T, &'static str)],
    field: Field,
) -> Result<T, ValidationError> {
    by_key(table, get(i, key), field)
}

/// A `datetime-local` value (`2026-12-01T09:30`) at `offset`; empty is `None`.
pub fn local_time(
    text: &str,
    offset: FixedOffset,
    field: Field,
) -> Result<Option<DateTime<FixedOffset>>, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|naive| offset.from_local_datetime(&naive).single())
        .map(Some)
        .ok_or_else(|| ValidationError::Unreadable {
            field,
            input: text.to_string(),
        })
}

/// Yuan as typed (`1200.50`, at most two decimals) in fen; empty is `None`.
pub fn fen(text: &str) -> Result<Option<u64>, ValidationError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || ValidationError::Unreadable {
        field: Field::Compensation,
        input: text.to_string(),
    };
    let (yuan, cents) = text.split_once('.').unwrap_or((text, ""));
    if yuan.is_empty()
        || !yuan.bytes().all(|b| b.is_ascii_digit())
        || cents.len() > 2
        || !cents.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let yuan: u64 = yuan.parse().map_err(|_| bad())?;
    let cents: u64 = format!("{cents:0<2}").parse().map_err(|_| bad())?;
    yuan.checked_mul(100)
        .and_then(|f| f.checked_add(cents))
        .map(Some)
        .ok_or_else(bad)
}

/// The edit of `field` to the typed `text`.
pub fn field_change(field: Field, text: &str) -> Result<FieldChange, ValidationError> {
    use FieldChange as F;
    let text = text.trim().to_string();
    let opt = || Some(text.clone()).filter(|t| !t.is_empty());
    Ok(match field {
        Field::Description => F::Description(text),
        Field::Request => F::Request(text),
        Field::ComplainantName => F::ComplainantName(opt()),
        Field::ComplainantPhone => F::ComplainantPhone(match opt() {
            Some(t) => Some(Phone::parse(&t)?),
            None => None,
        }),
        Field::ComplainantAddress => F::ComplainantAddress(opt()),
        Field::PreferredContact => F::PreferredContact(opt()),
        Field::Location => F::Location(text),
        Field::ComplainedPerson => F::ComplainedPerson(opt()),
        Field::ComplainedDepartment => F::ComplainedDepartment(opt()),
        Field::Category if !text.is_empty() => F::Category(text),
        Field::Category => return Err(ValidationError::Required(Field::Category)),
        other => {
            return Err(ValidationError::Unreadable {
                field: Field::EditedField,
                input: other.label(super::Lang::En).to_string(),
            });
        }
    })
}

/// The values a form starts with, so the person types less: the complaint's department and
/// category, the triage criteria the record already shows (`repeated`: it repeats an earlier
/// complaint; a group of `group_size` or more; a safety category), "no new complaints" ticked on
/// closing, the nearest level for a change of level, and the description for an edit.
pub fn defaults(kind: CommandKind, c: &Complaint, repeated: bool, group_size: u32) -> Inputs {
    let mut m = Inputs::new();
    // Triage starts from what the record already shows: a repeat, a group, a safety category.
    if kind == CommandKind::Assess {
        for k in super::triage::criteria_from_record(&c.details, repeated, group_size) {
            m.insert(criterion_key(k), "true".into());
        }
    }
    if let Some(dept) = &c.details.complained_department {
        m.insert("department", dept.clone());
    }
    if let Some(cat) = &c.details.category {
        m.insert("category", cat.clone());
    }
    match kind {
        CommandKind::Close => {
            m.insert("no_new", "true".into());
        }
        CommandKind::Escalate | CommandKind::Deescalate => {
            let targets = level_change_targets(c, kind);
            let nearest = if kind == CommandKind::Escalate {
                targets.first()
            } else {
                targets.last()
            };
            if let Some(level) = nearest {
                m.insert("to", key_of(&LEVELS, *level).into());
            }
        }
        CommandKind::EditField => {
            m.insert("field", key_of(&EDITABLE, Field::Description).into());
            m.insert("value", c.details.description.clone());
        }
        CommandKind::ReportBack => {
            // The first department with a task still to report on.
            match c.pending_reports().into_iter().next() {
                Some(d) => m.insert("department", d),
                None => m.remove("department"),
            };
        }
        CommandKind::DraftPlan => {
            m.insert("outcome", key_of(&OUTCOMES, OutcomeClass::Rectify).into());
        }
        CommandKind::FollowUp => {
            m.insert(
                "satisfaction",
                key_of(&SATISFACTION, Satisfaction::Satisfied).into(),
            );
            m.insert(
                "reopen_to",
                key_of(&REOPEN_TO, WorkflowState::Investigating).into(),
            );
        }
        _ => {}
    }
    m
}

/// The command the form of `kind` describes for complaint `c`, or the input that cannot be
/// read. Times are read at `offset`. The command's own checks (`workflow::apply`) come after.
pub fn command(
    kind: CommandKind,
    i: &Inputs,
    c: &Complaint,
    offset: FixedOffset,
) -> Result<Command, ValidationError> {
    use CommandKind as K;
    let text = |key: &str| get(i, key).to_string();
    Ok(match kind {
        K::Assess => {
            let criteria = ticked_criteria(i);
            let severity = match get(i, "severity") {
                "" => suggest(&criteria),
                _ => pick(i, "severity", &LEVELS, Field::Severity)?,
            };
            let validity = if flag(i, "invalid") {
                Validity::Invalid {
                    reason: text("invalid_reason"),
                }
            } else {
                Validity::Valid
            };
            let category = Some(text("category"))
                .filter(|s| !s.is_empty())
                .or_else(|| c.details.category.clone())
                .ok_or(ValidationError::Required(Field::Category))?;
            Command::Assess {
                criteria,
                severity,
                override_reason: Some(text("override_reason")).filter(|r| !r.trim().is_empty()),
                validity,
                category,
            }
        }
        K::Escalate => Command::Escalate {
            to: pick(i, "to", &LEVELS, Field::Severity)?,
            reason: text("reason"),
        },
        K::Deescalate => Command::Deescalate {
            to: pick(i, "to", &LEVELS, Field::Severity)?,
            reason: text("reason"),
        },
        K::Dispatch => Command::Dispatch {
            department: text("department"),
            note: text("note"),
        },
        K::SignFor => Command::SignFor {
            signer: text("signer"),
            signature: Some(text("signature")).filter(|s| !s.is_empty()),
        },
        K::ReportToGeneralManager => Command::ReportToGeneralManager { note: text("note") },
        K::ForwardToManager => Command::ForwardToManager { note: text("note") },
        K::ReportToCommand => Command::ReportToCommand { note: text("note") },
        K::Activate => Command::Activate { note: text("note") },
        K::StartInvestigation => Command::StartInvestigation,
        K::DraftPlan => Command::DraftPlan {
            outcome: pick(i, "outcome", &OUTCOMES, Field::Outcome)?,
            content: text("content"),
            compensation_fen: fen(get(i, "compensation"))?,
        },
        K::ApprovePlan => Command::ApprovePlan {
            comment: text("comment"),
        },
        K::RejectPlan => Command::RejectPlan {
            reason: text("reason"),
        },
        K::StartImplementation => {
            let mut tasks = Vec::new();
            for n in 1..=TASK_ROWS {
                let (department, description, due) = task_keys(n);
                let description = text(description);
                // The first row always counts, so an empty plan is named by the domain's check.
                if description.trim().is_empty() && n > 1 {
                    continue;
                }
                tasks.push(Task {
                    department: text(department),
                    description,
                    due: local_time(get(i, due), offset, Field::TaskDue)?,
                });
            }
            Command::StartImplementation { tasks }
        }
        K::ReportBack => Command::ReportBack {
            department: text("department"),
            summary: text("summary"),
            finished_at: local_time(get(i, "finished_at"), offset, Field::FinishedAt)?,
        },
        K::Reply => Command::Reply(Reply {
            result: text("result"),
            reasons: text("reasons"),
            basis: text("basis"),
        }),
        K::FollowUp => {
            let satisfaction = pick(i, "satisfaction", &SATISFACTION, Field::Satisfaction)?;
            let reopen_to = if satisfaction == Satisfaction::Dissatisfied {
                Some(pick(i, "reopen_to", &REOPEN_TO, Field::ReopenTo)?)
            } else {
                None
            };
            Command::FollowUp(FollowUp {
                satisfaction,
                comments: text("comments"),
                reopen_to,
                signature: Some(text("signature")).filter(|s| !s.is_empty()),
            })
        }
        K::Summarize => Command::Summarize(Summary {
            causes: text("causes"),
            lessons: text("lessons"),
            corrective_actions: text("corrective"),
            preventive_actions: text("preventive"),
            plan_revisions: text("revisions"),
            training_needs: text("training"),
        }),
        K::ReviewSummary => Command::ReviewSummary {
            approved: !flag(i, "rejected"),
            comment: text("comment"),
        },
        K::Close => Command::Close {
            notice: text("notice"),
            no_new_complaints: flag(i, "no_new"),
        },
        K::RecordMinutes => Command::RecordMinutes(Minutes {
            content: text("content"),
            decisions: text("decisions"),
            // A row counts when either half is typed; the domain's check names a missing half.
            assignments: (1..=OWNER_ROWS)
                .map(owner_keys)
                .map(|(who, what)| Assignment {
                    who: text(who),
                    what: text(what),
                })
                .filter(|a| !a.who.trim().is_empty() || !a.what.trim().is_empty())
                .collect(),
            status: text("status"),
        }),
        K::ReportProgress => Command::ReportProgress {
            content: text("content"),
        },
        K::ReplyToReferrer => Command::ReplyToReferrer {
            text: text("content"),
        },
        K::AddNote => Command::AddNote {
            text: text("text"),
            legal_counsel: flag(i, "legal_counsel"),
        },
        K::AddEvidence => {
            let file = Some(text("file")).filter(|s| !s.is_empty());
            let kind = match &file {
                Some(_) => pick(i, "file_kind", &ATTACHMENTS, Field::Evidence)?,
                None => EvidenceKind::Note,
            };
            Command::AddEvidence(Evidence {
                kind,
                blob_sha256: file,
                caption: text("caption"),
            })
        }
        K::PauseClocks => Command::PauseClocks {
            reason: text("reason"),
        },
        K::ResumeClocks => Command::ResumeClocks,
        K::ErasePersonalData => Command::ErasePersonalData {
            reason: text("reason"),
        },
        K::Delete => Command::Delete {
            reason: text("reason"),
        },
        K::EditField => {
            let field = pick(i, "field", &EDITABLE, Field::EditedField)?;
            Command::EditField(field_change(field, get(i, "value"))?)
        }
        // Intake, conflicts, reviews, the roster and settings have forms of their own.
        K::Receive
        | K::ResolveConflict
        | K::ResolveReview
        | K::ManageRoster
        | K::ChangeSettings
        | K::SignDailyCheck
        | K::SignMonthlyReview
        | K::PlanVisits
        | K::RecordVisit
        | K::RevisePlanDocument
        | K::LogDrill
        | K::LogTraining => {
            return Err(ValidationError::Unreadable {
                field: Field::Content,
                input: kind.label(super::Lang::En).to_string(),
            });
        }
    })
}

/// The PIN typed when adding a person: required for a role that holds the leader's powers, and
/// when typed, 4 to 8 digits.
pub fn new_person_pin(role: Role, pin: &str) -> Result<(), ValidationError> {
    if pin.trim().is_empty() {
        return if super::lock::needs_pin(role) {
            Err(ValidationError::Required(Field::PersonPin))
        } else {
            Ok(())
        };
    }
    super::lock::check_pin(pin)
        .map(|_| ())
        .map_err(|_| ValidationError::Unreadable {
            field: Field::PersonPin,
            input: String::new(),
        })
}
