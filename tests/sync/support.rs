//! Shared by the sync tests: a seeded random source, events of every kind, simulated devices
//! that edit, export and import through the real file functions.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use complaints::domain::calendar::{BusinessCalendar, DayMode, Holiday};
use complaints::domain::clocks::{Clock, ClockRule, Span};
use complaints::domain::complaint::{
    Assignment, Channel, Complainant, ComplaintDetails, Evidence, EvidenceKind, FollowUp,
    LevelChange, Minutes, OutcomeClass, Referral, Reply, Satisfaction, Severity, Summary, Task,
    Unit, Validity,
};
use complaints::domain::ids::UnitId;
use complaints::domain::organisation::{Member, OrgUnit, Shift, UnitKind};
use complaints::domain::settings::{NamedItem, SettingChange, WorkingHours};
use complaints::domain::{
    Actor, ComplaintNumber, Criterion, DeviceClock, DeviceCode, DeviceId, Event, EventBody,
    EventId, FieldChange, NewEvent, PersonChange, PersonId, Phone, RecordId, Role, WorkflowState,
    fold_complaint, fold_complaints, fold_roster, fold_settings,
};
use complaints::sync::{
    Blob, BundleError, EventLog, ExportInput, Here, Holdings, ImportPlan, SourceDevice,
    export_full, export_incremental, plan_import, read_bundle,
};
use uuid::Uuid;

/// SplitMix64: small, seeded, good enough to pick test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn bytes10(&mut self) -> [u8; 10] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }

    pub fn uuid(&mut self) -> Uuid {
        Uuid::from_u64_pair(self.next_u64(), self.next_u64())
    }
}

/// Text that stresses JSON and CSV: quotes, commas, line breaks, formulas, non-BMP characters.
pub const TEXTS: &[&str] = &[
    "",
    "楼道灯坏了三天",
    "噪音扰民，晚上十点后仍施工",
    "含\"引号\"的文本",
    "a, b, c",
    "第一行\n第二行\r\n第三行",
    "=HYPERLINK(\"http://x\")",
    "+86 说明",
    "-5",
    "@SUM(A1)",
    "emoji 😀 and \u{2028} separator",
    "back\\slash / tab\t",
    "\u{0} nul",
    " leading and trailing ",
];

pub fn text(r: &mut Rng) -> String {
    (*r.pick(TEXTS)).to_owned()
}

/// An attachment's key: 64 lowercase hex digits.
pub fn blob_key(r: &mut Rng) -> String {
    (0..4).map(|_| format!("{:016x}", r.next_u64())).collect()
}

/// A text with something in it besides spaces: what a required field holds.
pub fn filled_text(r: &mut Rng) -> String {
    loop {
        let t = text(r);
        if !t.trim().is_empty() {
            return t;
        }
    }
}

pub fn opt_text(r: &mut Rng) -> Option<String> {
    r.chance(60).then(|| text(r))
}

/// A time after every generated event ([`time`] spans 400 days from [`base_time`]): the
/// importing devices' own time, so no test event lies ahead of it.
pub const LATEST_MS: u64 = 1_795_829_400_000 + 401 * 86_400_000;

pub fn base_time() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).single())
        .expect("valid base time")
}

pub fn time(r: &mut Rng) -> DateTime<FixedOffset> {
    let offsets = [8 * 3600, 0, -5 * 3600, 5 * 3600 + 1800];
    let tz = FixedOffset::east_opt(*r.pick(&offsets)).expect("valid offset");
    let ms = (r.next_u64() % (400 * 86_400_000)) as i64;
    (base_time() + chrono::TimeDelta::milliseconds(ms)).with_timezone(&tz)
}

fn opt_time(r: &mut Rng) -> Option<DateTime<FixedOffset>> {
    r.chance(50).then(|| time(r))
}

pub fn phone(r: &mut Rng) -> Phone {
    let forms = [
        "13812345678",
        "15900001111",
        "010-12345678",
        "0755-1234567-123",
    ];
    Phone::parse(r.pick::<&str>(&forms)).expect("valid phone")
}

fn opt_phone(r: &mut Rng) -> Option<Phone> {
    r.chance(50).then(|| phone(r))
}

fn unit(r: &mut Rng) -> Unit {
    Unit {
        building: format!("{}栋", r.below(20) + 1),
        entrance: format!("{}", r.below(4) + 1),
        room: text(r),
    }
}

fn severity(r: &mut Rng) -> Severity {
    *r.pick(&Severity::ALL)
}

fn state(r: &mut Rng) -> WorkflowState {
    *r.pick(&[
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
    ])
}

fn role(r: &mut Rng) -> Role {
    *r.pick(&[
        Role::Leader,
        Role::Deputy,
        Role::DutyLead,
        Role::Staff,
        Role::DepartmentHead,
    ])
}

fn channel(r: &mut Rng) -> Channel {
    *r.pick(&[
        Channel::Hotline,
        Channel::Phone,
        Channel::WalkIn,
        Channel::Email,
        Channel::Letter,
        Channel::OnSiteVisit,
        Channel::GovernmentHotline,
        Channel::Online,
        Channel::Other,
    ])
}

fn validity(r: &mut Rng) -> Validity {
    match r.below(3) {
        0 => Validity::Pending,
        1 => Validity::Valid,
        _ => Validity::Invalid {
            reason: filled_text(r),
        },
    }
}

fn category(r: &mut Rng) -> String {
    (*r.pick(&["service_attitude", "safety_hazard", "fees", "自定义类别"])).to_owned()
}

fn ids(r: &mut Rng, n: usize) -> BTreeSet<RecordId> {
    (0..r.below(n + 1)).map(|_| RecordId(r.uuid())).collect()
}

pub fn details(r: &mut Rng) -> ComplaintDetails {
    ComplaintDetails {
        channel: channel(r),
        caller_number: opt_phone(r),
        recording_ref: opt_text(r),
        complainant: Complainant {
            anonymous: r.chance(20),
            name: opt_text(r),
            phone: opt_phone(r),
            unit: r.chance(50).then(|| unit(r)),
            address: opt_text(r),
            preferred_contact: opt_text(r),
            count: r.below(10) as u32 + 1,
            public_interest_group: r.chance(10),
        },
        occurred_at: opt_time(r),
        location: text(r),
        complained_department: opt_text(r),
        complained_person: opt_text(r),
        description: filled_text(r),
        request: text(r),
        category: r.chance(50).then(|| category(r)),
        related: ids(r, 2),
        drill: r.chance(10),
        project: r.chance(30).then(|| format!("项目{}", r.below(5))),
        referral: r.chance(20).then(|| Referral {
            body: filled_text(r),
            reference: text(r),
            due: time(r),
            contact: text(r),
        }),
    }
}

pub fn field_change(r: &mut Rng) -> FieldChange {
    match r.below(21) {
        0 => FieldChange::Channel(channel(r)),
        1 => FieldChange::CallerNumber(opt_phone(r)),
        2 => FieldChange::RecordingRef(opt_text(r)),
        3 => FieldChange::Anonymous(r.chance(50)),
        4 => FieldChange::ComplainantName(opt_text(r)),
        5 => FieldChange::ComplainantPhone(opt_phone(r)),
        6 => FieldChange::ComplainantUnit(r.chance(50).then(|| unit(r))),
        7 => FieldChange::ComplainantAddress(opt_text(r)),
        8 => FieldChange::PreferredContact(opt_text(r)),
        9 => FieldChange::ComplainantCount(r.below(50) as u32 + 1),
        10 => FieldChange::PublicInterestGroup(r.chance(50)),
        11 => FieldChange::OccurredAt(opt_time(r)),
        12 => FieldChange::Location(text(r)),
        13 => FieldChange::ComplainedDepartment(opt_text(r)),
        14 => FieldChange::ComplainedPerson(opt_text(r)),
        15 => FieldChange::Description(filled_text(r)),
        16 => FieldChange::Request(text(r)),
        17 => FieldChange::Category(category(r)),
        18 => FieldChange::Validity(validity(r)),
        19 => FieldChange::Related(ids(r, 3)),
        _ => FieldChange::Drill(r.chance(50)),
    }
}

fn setting_change(r: &mut Rng) -> SettingChange {
    let day = |r: &mut Rng| {
        NaiveDate::from_ymd_opt(2026, r.below(12) as u32 + 1, r.below(28) as u32 + 1)
            .expect("valid day")
    };
    let item = |r: &mut Rng| NamedItem {
        id: category(r),
        name_zh: filled_text(r),
        name_en: text(r),
    };
    match r.below(15) {
        0 => SettingChange::Clock {
            clock: *r.pick(&Clock::ALL),
            rule: ClockRule {
                span: match r.below(5) {
                    0 => Span::Minutes(r.below(100) as u32),
                    1 => Span::Hours(r.below(100) as u32),
                    2 => Span::SameDay,
                    3 => Span::Days(r.below(100) as u32),
                    _ => Span::Months(r.below(12) as u32),
                },
                levels: (0..r.below(4)).map(|_| severity(r)).collect(),
            },
        },
        1 => SettingChange::DayMode(*r.pick(&[DayMode::CalendarDays, DayMode::WorkingDays])),
        2 => SettingChange::PauseWhileWaiting(r.chance(50)),
        3 => SettingChange::Calendar(BusinessCalendar::read(
            (0..r.below(3))
                .map(|_| {
                    let (a, b) = (day(r), day(r));
                    Holiday {
                        name_zh: filled_text(r),
                        name_en: text(r),
                        first: a.min(b),
                        last: a.max(b),
                    }
                })
                .collect(),
            (0..r.below(3)).map(|_| day(r)).collect(),
            // As a calendar from before years were confirmed, or with years confirmed.
            r.chance(50)
                .then(|| (0..r.below(3)).map(|_| 2025 + r.below(4) as i32).collect()),
        )),
        4 => SettingChange::WorkingHours(WorkingHours {
            start: NaiveTime::from_hms_opt(r.below(12) as u32, 30, 0).expect("valid time"),
            end: NaiveTime::from_hms_milli_opt(12 + r.below(12) as u32, 0, 15, 250)
                .expect("valid time"),
        }),
        5 => SettingChange::RepeatWindowDays(r.below(3650) as u32 + 1),
        6 => SettingChange::GroupSize(r.below(20) as u32 + 2),
        7 => SettingChange::Categories((0..r.below(3) + 1).map(|_| item(r)).collect()),
        8 => SettingChange::Departments((0..r.below(3) + 1).map(|_| item(r)).collect()),
        9 => SettingChange::CompanyName(text(r)),
        10 => SettingChange::Unit {
            id: UnitId(r.uuid()),
            unit: OrgUnit {
                kind: *r.pick(&UnitKind::ALL),
                name: filled_text(r),
                duty: text(r),
                phone: r
                    .pick::<&str>(&["", "110", "0755-1234567", "+86 138 1234 5678"])
                    .to_string(),
                members: (0..r.below(3))
                    .map(|_| Member {
                        name: filled_text(r),
                        role: text(r),
                        phone: phone(r).to_string(),
                    })
                    .collect(),
                call_order: r.chance(50).then(|| r.below(20) as u32),
                removed: r.chance(20),
            },
        },
        13 => SettingChange::DrillEveryMonths(r.below(121) as u32),
        14 => SettingChange::TrainingEveryMonths(r.below(121) as u32),
        11 => SettingChange::Duty {
            day: day(r),
            shift: *r.pick(&Shift::ALL),
            person: r.chance(80).then(|| PersonId(r.uuid())),
        },
        _ => SettingChange::Device {
            device: DeviceId(r.uuid()),
            code: DeviceCode::parse(r.pick::<&str>(&["A1", "B22", "Z9ZZ"])).expect("valid code"),
            label: text(r),
        },
    }
}

/// Number of complaint kinds [`complaint_body`] makes (every complaint kind but `received`).
pub const COMPLAINT_KINDS: usize = 30;

/// A complaint event body of kind `k` (0..[`COMPLAINT_KINDS`]) with random data.
pub fn complaint_body(k: usize, r: &mut Rng) -> EventBody {
    match k {
        0 => EventBody::FieldEdited {
            change: field_change(r),
        },
        1 => EventBody::Assessed {
            criteria: (0..r.below(4)).map(|_| *r.pick(&Criterion::ALL)).collect(),
            suggested: severity(r),
            severity: severity(r),
            override_reason: opt_text(r),
            validity: validity(r),
            category: category(r),
        },
        2 => EventBody::LevelChanged {
            change: LevelChange {
                from: r.chance(50).then(|| severity(r)),
                to: severity(r),
                reason: text(r),
            },
            automatic: r.chance(20),
        },
        3 => EventBody::Dispatched {
            department: (*r.pick(&["engineering", "security", "客服部"])).to_owned(),
            note: text(r),
        },
        4 => EventBody::SignedFor {
            signer: text(r),
            signature: r.chance(50).then(|| blob_key(r)),
        },
        5 => EventBody::ReportedToGeneralManager { note: text(r) },
        6 => EventBody::Activated { note: text(r) },
        7 => EventBody::InvestigationStarted,
        8 => EventBody::PlanDrafted {
            outcome: *r.pick(&[
                OutcomeClass::Rectify,
                OutcomeClass::FactsUnclear,
                OutcomeClass::Explain,
            ]),
            content: text(r),
            compensation_fen: r
                .chance(50)
                .then(|| r.next_u64() % complaints::format::MAX_SAFE_INTEGER),
        },
        9 => EventBody::PlanApproved { comment: text(r) },
        10 => EventBody::PlanRejected { reason: text(r) },
        11 => EventBody::ImplementationStarted {
            tasks: (0..r.below(3))
                .map(|_| Task {
                    department: text(r),
                    description: text(r),
                    due: opt_time(r),
                })
                .collect(),
        },
        12 => EventBody::ReportedBack {
            department: text(r),
            summary: text(r),
            finished_at: None,
        },
        13 => EventBody::Replied(Reply {
            result: text(r),
            reasons: text(r),
            basis: text(r),
        }),
        14 => EventBody::FollowedUp(FollowUp {
            satisfaction: *r.pick(&[
                Satisfaction::Satisfied,
                Satisfaction::BasicallySatisfied,
                Satisfaction::Dissatisfied,
            ]),
            comments: text(r),
            reopen_to: r.chance(30).then(|| state(r)),
            signature: r.chance(30).then(|| blob_key(r)),
        }),
        15 => EventBody::Summarized(Summary {
            causes: text(r),
            lessons: text(r),
            corrective_actions: text(r),
            preventive_actions: text(r),
            plan_revisions: text(r),
            training_needs: text(r),
        }),
        16 => EventBody::SummaryReviewed {
            approved: r.chance(70),
            comment: text(r),
        },
        17 => EventBody::Closed {
            notice: text(r),
            no_new_complaints: r.chance(50),
        },
        18 => EventBody::MinutesRecorded(Minutes {
            content: text(r),
            decisions: text(r),
            assignments: (0..r.below(3))
                .map(|_| Assignment {
                    who: text(r),
                    what: text(r),
                })
                .collect(),
            status: text(r),
        }),
        19 => EventBody::ProgressReported { content: text(r) },
        20 => EventBody::NoteAdded {
            text: text(r),
            legal_counsel: false,
        },
        21 => EventBody::EvidenceAdded(Evidence {
            kind: *r.pick(&[
                EvidenceKind::Note,
                EvidenceKind::Photo,
                EvidenceKind::Audio,
                EvidenceKind::Document,
                EvidenceKind::Signature,
            ]),
            blob_sha256: r.chance(50).then(|| blob_key(r)),
            caption: text(r),
        }),
        22 => EventBody::ClocksPaused { reason: text(r) },
        23 => EventBody::ClocksResumed,
        24 => EventBody::ReviewResolved {
            events: (0..r.below(3)).map(|_| EventId(r.uuid())).collect(),
            state: r.chance(50).then(|| state(r)),
            note: text(r),
        },
        25 => EventBody::PersonalDataErased { reason: text(r) },
        26 => EventBody::ReferrerReplied {
            text: filled_text(r),
        },
        27 => EventBody::ForwardedToManager { note: text(r) },
        28 => EventBody::ReportedToCommand { note: text(r) },
        _ => EventBody::Deleted { reason: text(r) },
    }
}

/// A complaint as intake accepts it: it happened no later than it was received, and a
/// complainant who is not anonymous can be reached.
pub fn received_body(r: &mut Rng, code: &DeviceCode, seq: u32) -> EventBody {
    let received_at = time(r);
    let mut details = details(r);
    details.occurred_at = details.occurred_at.map(|t| t.min(received_at));
    if let Some(referral) = &mut details.referral {
        referral.due = received_at + chrono::TimeDelta::days(2);
    }
    if details.validated(received_at) == Err(complaints::domain::ValidationError::ContactRequired) {
        details.complainant.anonymous = true;
    }
    EventBody::Received {
        number: ComplaintNumber::next(
            NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid day"),
            code.clone(),
            seq,
        ),
        received_at,
        details,
    }
}

pub fn person_added(r: &mut Rng) -> EventBody {
    EventBody::PersonAdded {
        name: filled_text(r),
        role: role(r),
        department: opt_text(r),
    }
}

pub fn person_changed(r: &mut Rng) -> EventBody {
    EventBody::PersonChanged {
        change: match r.below(6) {
            0 => PersonChange::Name(filled_text(r)),
            1 => PersonChange::Role(role(r)),
            2 => PersonChange::Department(opt_text(r)),
            3 => PersonChange::Pin(None),
            4 => PersonChange::Pin(Some(complaints::domain::PinHash {
                iterations: 100_000 + (r.next_u64() % 9_900_001) as u32,
                salt: format!("{:016x}{:016x}", r.next_u64(), r.next_u64()),
                hash: blob_key(r),
            })),
            _ => PersonChange::Active(r.chance(50)),
        },
    }
}

pub fn setting_changed(r: &mut Rng) -> EventBody {
    EventBody::SettingChanged {
        change: setting_change(r),
    }
}

/// A ledger sign-off: a daily check with its ticked complaints, or a monthly review.
pub fn ledger_signed(r: &mut Rng) -> EventBody {
    use complaints::domain::ledger::{Checked, Review};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1 + r.below(12) as u32, 1).expect("a day");
    EventBody::LedgerSigned(if r.chance(50) {
        Review::Daily {
            day: day + chrono::TimeDelta::days(r.below(28) as i64),
            checked: (0..r.below(3))
                .map(|_| Checked {
                    complaint: RecordId(r.uuid()),
                    number: text(r),
                    note: text(r),
                })
                .collect(),
            comment: text(r),
        }
    } else {
        Review::Monthly {
            month: day,
            counted: r.below(500) as u32,
            comment: filled_text(r),
        }
    })
}

pub fn actor(r: &mut Rng) -> Actor {
    Actor::new(PersonId(r.uuid()), text(r), role(r))
}

/// A revision of the plan document with random content.
pub fn plan_document_revised(r: &mut Rng) -> EventBody {
    use complaints::domain::plan_doc::{Revision, Section};
    EventBody::PlanDocumentRevised(Revision {
        number: 1 + r.below(20) as u32,
        reason: filled_text(r),
        approved_by: format!("组长{}", r.below(9)),
        in_force_from: chrono::NaiveDate::from_ymd_opt(
            2026,
            1 + r.below(12) as u32,
            1 + r.below(28) as u32,
        )
        .expect("a day"),
        sections: (0..1 + r.below(4))
            .map(|i| Section {
                heading: format!("第{}节", i + 1),
                text: text(r),
            })
            .collect(),
    })
}

/// A unit whose building and room are filled in, as the visit forms require.
fn visit_unit(r: &mut Rng) -> Unit {
    Unit {
        building: format!("{}栋", 1 + r.below(9)),
        entrance: if r.chance(50) {
            String::new()
        } else {
            format!("{}单元", 1 + r.below(4))
        },
        room: format!("{}", 101 + r.below(2000)),
    }
}

/// One event of each kind of the visits record, with random content.
pub fn visits_bodies(r: &mut Rng) -> Vec<EventBody> {
    use complaints::domain::visits::{Defect, Household, Outcome, Project, Visit, VisitPlan};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1 + r.below(12) as u32, 1 + r.below(28) as u32)
        .expect("a day");
    let households = (0..r.below(4))
        .map(|_| Household {
            unit: visit_unit(r),
            owner: text(r),
            phone: r.chance(50).then(|| phone(r)),
        })
        .collect();
    let photos = |r: &mut Rng| (0..r.below(3)).map(|_| blob_key(r)).collect();
    vec![
        EventBody::ProjectSet(Project {
            id: format!("p{}", r.below(100)),
            name: format!("项目{}", r.below(100)),
            households,
        }),
        EventBody::VisitPlanned(VisitPlan {
            staff: PersonId(r.uuid()),
            staff_name: format!("客服{}", r.below(100)),
            project: format!("p{}", r.below(100)),
            building: format!("{}栋", 1 + r.below(9)),
            units: (0..r.below(3)).map(|_| visit_unit(r)).collect(),
            day,
            weekly: r.chance(50),
        }),
        EventBody::VisitPlanEnded {
            plan: EventId(r.uuid()),
            from: day,
        },
        EventBody::VisitRecorded(Visit {
            plan: r.chance(50).then(|| EventId(r.uuid())),
            day,
            project: format!("p{}", r.below(100)),
            unit: visit_unit(r),
            outcome: Outcome::ALL[r.below(3)],
            satisfaction: r
                .chance(50)
                .then_some(complaints::domain::Satisfaction::Satisfied),
            topics: (0..r.below(3)).map(|_| text(r)).collect(),
            note: text(r),
            photos: photos(r),
        }),
        EventBody::VisitLinked {
            visit: EventId(r.uuid()),
            complaint: RecordId(r.uuid()),
        },
        EventBody::DefectRecorded(Defect {
            project: format!("p{}", r.below(100)),
            building: format!("{}栋", 1 + r.below(9)),
            place: text(r),
            note: format!("缺陷{}", r.below(100)),
            photos: photos(r),
        }),
    ]
}

/// A drill with its drill complaints, and a training session, with random data.
pub fn upkeep_bodies(r: &mut Rng) -> Vec<EventBody> {
    use complaints::domain::plan_doc::{Drill, Training};
    let day = |r: &mut Rng| {
        chrono::NaiveDate::from_ymd_opt(2026, 1 + r.below(12) as u32, 1 + r.below(28) as u32)
            .expect("a day")
    };
    vec![
        EventBody::DrillLogged(Drill {
            day: day(r),
            scenario: filled_text(r),
            participants: filled_text(r),
            findings: text(r),
            actions: text(r),
            complaints: (0..r.below(3)).map(|_| RecordId(r.uuid())).collect(),
        }),
        EventBody::TrainingLogged(Training {
            day: day(r),
            topic: format!("培训{}", r.below(9)),
            trainer: format!("讲师{}", r.below(9)),
            attendees: filled_text(r),
            external: r.chance(50),
        }),
    ]
}

/// One event of every kind, for one device, in a valid stamping order.
pub fn one_of_every_kind(r: &mut Rng) -> Vec<Event> {
    let device = DeviceId(r.uuid());
    let code = DeviceCode::parse("A3").expect("valid code");
    let mut clock = DeviceClock::new(device);
    let complaint = RecordId(r.uuid());
    let person = RecordId(r.uuid());
    let mut bodies: Vec<(RecordId, EventBody)> = vec![(complaint, received_body(r, &code, 1))];
    for k in 0..COMPLAINT_KINDS {
        bodies.push((complaint, complaint_body(k, r)));
    }
    bodies.push((person, person_added(r)));
    bodies.push((person, person_changed(r)));
    bodies.push((RecordId::SETTINGS, setting_changed(r)));
    bodies.push((RecordId::LEDGER, ledger_signed(r)));
    bodies.extend(visits_bodies(r).into_iter().map(|b| (RecordId::VISITS, b)));
    bodies.push((RecordId::PLAN_DOCUMENT, plan_document_revised(r)));
    bodies.extend(
        upkeep_bodies(r)
            .into_iter()
            .map(|b| (RecordId::PLAN_DOCUMENT, b)),
    );
    let mut at = base_time();
    let mut out: Vec<Event> = Vec::new();
    for (record, body) in bodies {
        at += chrono::TimeDelta::milliseconds(1 + r.below(5000) as i64);
        let prev: Vec<EventId> = out
            .iter()
            .rev()
            .find(|e| e.record == record)
            .map(|e| vec![e.id])
            .unwrap_or_default();
        let new = NewEvent {
            record,
            actor: actor(r),
            at,
            body,
        };
        out.push(clock.stamp(new, prev, None, &r.bytes10()));
    }
    out
}

/// A simulated device: its clock, its events and what it knows each peer holds.
#[derive(Clone, Debug)]
pub struct Device {
    pub source: SourceDevice,
    pub clock: DeviceClock,
    pub log: EventLog,
    pub known: BTreeMap<DeviceId, complaints::domain::VersionVector>,
    pub numbers_issued: u32,
    pub skew_ms: i64,
}

pub const APP_VERSION: &str = "0.1.0";

impl Device {
    pub fn new(index: usize, r: &mut Rng) -> Self {
        let id = DeviceId(r.uuid());
        let code = DeviceCode::parse(&format!("D{index}")).expect("valid code");
        Device {
            source: SourceDevice {
                id,
                code,
                label: format!("平板 {index}"),
            },
            clock: DeviceClock::new(id),
            log: EventLog::new(),
            known: BTreeMap::new(),
            numbers_issued: 0,
            skew_ms: r.below(4000) as i64 - 2000,
        }
    }

    pub fn id(&self) -> DeviceId {
        self.source.id
    }

    fn input<'a>(&'a self, events: &'a [Event], blobs: &'a [Blob], r: &mut Rng) -> ExportInput<'a> {
        ExportInput {
            source: &self.source,
            app_version: APP_VERSION,
            bundle_id: r.uuid(),
            created_at: base_time(),
            events,
            blobs,
            // Half the files leave out the chains the reader derives (schema 3).
            compact: r.below(2) == 0,
        }
    }

    /// A full export, as file text.
    pub fn export_full(&self, r: &mut Rng) -> String {
        let events = self.log.to_vec();
        let blobs = self.log.blobs();
        export_full(self.input(&events, &blobs, r))
            .into_plain()
            .contents
    }

    /// An incremental export for `peer`, from what this device knows the peer holds.
    pub fn export_for(&self, peer: DeviceId, r: &mut Rng) -> String {
        let events = self.log.to_vec();
        let blobs = self.log.blobs();
        let known = self.known.get(&peer).cloned().unwrap_or_default();
        export_incremental(self.input(&events, &blobs, r), &known)
            .into_plain()
            .contents
    }

    /// Read, plan and write one file, as the import service does.
    pub fn import(&mut self, text: &str, now_ms: u64) -> Result<ImportPlan, BundleError> {
        let bundle = read_bundle(text)?;
        let here = Here::new(self.source.id, LATEST_MS + now_ms);
        let plan = plan_import(&self.log, bundle, &here)?;
        self.log.apply(&plan);
        self.clock
            .observe(plan.new_events.iter().map(|s| &s.event), now_ms);
        let entry = self.known.entry(plan.source.id).or_default();
        entry.merge(&plan.source_vector);
        Ok(plan)
    }

    /// Make one random edit at `now_ms`; returns the new event's id.
    pub fn edit(&mut self, r: &mut Rng, now_ms: u64) -> EventId {
        // Records this device can edit: those whose first event it holds.
        let mut complaints: Vec<RecordId> = Vec::new();
        let mut roster: Vec<PersonId> = Vec::new();
        for e in self.log.events() {
            match e.body {
                EventBody::Received { .. } => complaints.push(e.record),
                EventBody::PersonAdded { .. } => roster.push(PersonId(e.record.0)),
                _ => {}
            }
        }
        let at_ms = (now_ms as i64 + self.skew_ms).max(0);
        let at = base_time() + chrono::TimeDelta::milliseconds(at_ms);
        let choice = r.below(100);
        let (record, body) = if choice < 20 || complaints.is_empty() {
            self.numbers_issued += 1;
            let body = received_body(r, &self.source.code, self.numbers_issued);
            (RecordId(r.uuid()), body)
        } else if choice < 85 {
            let record = *r.pick(&complaints);
            // Field edits and level changes most often, so concurrent writes happen.
            let k = if r.chance(50) {
                r.below(3)
            } else {
                r.below(COMPLAINT_KINDS)
            };
            (record, complaint_body(k, r))
        } else if choice < 93 {
            if roster.is_empty() || r.chance(30) {
                (RecordId(r.uuid()), person_added(r))
            } else {
                (RecordId(r.pick(&roster).0), person_changed(r))
            }
        } else {
            (RecordId::SETTINGS, setting_changed(r))
        };
        let (heads, seen) = heads_of(&self.log, record);
        let new = NewEvent {
            record,
            actor: actor(r),
            at,
            body,
        };
        let mut event = self.clock.stamp(new, heads, seen, &r.bytes10());
        // Sealed as the app seals what it records.
        let salt = format!("{:016x}{:016x}", r.next_u64(), r.next_u64());
        complaints::format::seal::seal_all(
            &mut self.clock,
            std::slice::from_mut(&mut event),
            || salt.clone(),
        );
        let id = event.id;
        self.log.insert(event);
        id
    }
}

/// The head events and latest clock of one record on a device.
pub fn heads_of(
    log: &EventLog,
    record: RecordId,
) -> (Vec<EventId>, Option<complaints::domain::Hlc>) {
    let events = log.record_events(record);
    if record == RecordId::SETTINGS {
        let s = fold_settings(&events);
        return (s.heads, s.latest_hlc);
    }
    if let Some(c) = fold_complaint(events.iter().collect()) {
        return (c.heads, Some(c.latest_hlc));
    }
    if let Some(p) = complaints::domain::fold_person(events.iter().collect()) {
        return (p.heads, Some(p.latest_hlc));
    }
    (Vec::new(), None)
}

/// What a device derives from its events, for comparing devices.
#[derive(Debug, PartialEq)]
pub struct Derived {
    pub hashes: BTreeMap<EventId, String>,
    pub complaints: BTreeMap<RecordId, complaints::domain::Complaint>,
    pub roster: BTreeMap<PersonId, complaints::domain::roster::Person>,
    pub settings: complaints::domain::Settings,
}

pub fn derived(log: &EventLog) -> Derived {
    let events = log.to_vec();
    Derived {
        hashes: log
            .stored()
            .map(|s| (s.event.id, s.content_hash.clone()))
            .collect(),
        complaints: fold_complaints(&events),
        roster: fold_roster(&events),
        settings: fold_settings(&events),
    }
}
