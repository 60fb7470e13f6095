//! Triage and the record: every criterion, the suggested level, overrides, repeats, phone
//! numbers, complaint numbers, record checks.

use complaints::ui::i18n::Message;
use std::collections::BTreeSet;

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::*;

fn check_suggest(rows: &[(&[Criterion], Severity)]) {
    for (criteria, expected) in rows {
        let set: BTreeSet<Criterion> = criteria.iter().copied().collect();
        assert_eq!(suggest(&set), *expected, "{criteria:?}");
    }
}

#[test]
fn every_criterion_suggests_its_level() {
    use Criterion::*;
    check_suggest(&[
        (&[ServiceFailedRepeatedly], Severity::Major),
        (&[MajorLossOrInjury], Severity::Major),
        (&[UnresolvedForAMonth], Severity::Major),
        (&[PublicInterest], Severity::Major),
        (&[MajorImpact], Severity::Major),
        (&[SafetyOrPollution], Severity::Major),
        (&[ServiceLapse], Severity::Important),
        (&[FacilityLimit], Severity::Minor),
        (&[], Severity::Minor),
        (&[FacilityLimit, ServiceLapse], Severity::Important),
        (&[ServiceLapse, SafetyOrPollution], Severity::Major),
        (&[FacilityLimit, MajorImpact], Severity::Major),
    ]);
    for c in Criterion::ALL {
        assert!(
            !c.label(Lang::Zh).is_ascii() && c.label(Lang::En).is_ascii(),
            "{c:?}"
        );
    }
}

#[test]
fn the_record_pre_ticks_criteria() {
    use Criterion::*;
    let base = details();
    let mut group = details();
    group.complainant.count = 6;
    let mut small_group = details();
    small_group.complainant.count = 3;
    let mut ngo = details();
    ngo.complainant.public_interest_group = true;
    let mut safety = details();
    safety.category = Some("safety_hazard".into());
    let mut pollution = details();
    pollution.category = Some("environment_pollution".into());
    let rows: Vec<(&str, &ComplaintDetails, bool, Vec<Criterion>)> = vec![
        ("plain", &base, false, vec![]),
        ("repeat", &base, true, vec![ServiceFailedRepeatedly]),
        ("group of 6", &group, false, vec![PublicInterest]),
        (
            "group of 3 under the threshold",
            &small_group,
            false,
            vec![],
        ),
        ("public-interest group", &ngo, false, vec![PublicInterest]),
        ("safety hazard", &safety, false, vec![SafetyOrPollution]),
        ("pollution", &pollution, false, vec![SafetyOrPollution]),
    ];
    for (name, d, repeat, expected) in rows {
        let got: Vec<Criterion> = criteria_from_record(d, repeat, 5).into_iter().collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn an_override_is_recorded_with_its_reason() {
    let mut d = Device::new(1);
    let r = t(RECEIVED);
    d.run(complaint_id(1), receive_cmd(1, r), &staff(), r)
        .unwrap();
    let cmd = Command::Assess {
        criteria: [Criterion::FacilityLimit].into_iter().collect(),
        severity: Severity::Important,
        override_reason: Some("业主情绪激动".into()),
        validity: Validity::Valid,
        category: "facilities".into(),
    };
    d.run(complaint_id(1), cmd, &staff(), r).unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        (c.suggested, c.severity),
        (Some(Severity::Minor), Some(Severity::Important))
    );
    assert_eq!(c.override_reason.as_deref(), Some("业主情绪激动"));
    assert_eq!(c.levels.len(), 1);
    assert_eq!(c.levels[0].item.reason, "业主情绪激动");
    // Every change of level is an event with actor, time and reason.
    d.run(
        complaint_id(1),
        Command::Escalate {
            to: Severity::Major,
            reason: "媒体关注".into(),
        },
        &staff(),
        r + TimeDelta::hours(1),
    )
    .unwrap();
    d.run(
        complaint_id(1),
        Command::Deescalate {
            to: Severity::Minor,
            reason: "误报".into(),
        },
        &leader(),
        r + TimeDelta::hours(2),
    )
    .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    let history: Vec<(Option<Severity>, Severity, &str, Role)> = c
        .levels
        .iter()
        .map(|l| (l.item.from, l.item.to, l.item.reason.as_str(), l.by.role))
        .collect();
    assert_eq!(
        history,
        vec![
            (None, Severity::Important, "业主情绪激动", Role::Staff),
            (
                Some(Severity::Important),
                Severity::Major,
                "媒体关注",
                Role::Staff
            ),
            (Some(Severity::Major), Severity::Minor, "误报", Role::Leader),
        ]
    );
}

/// Complaints 1..: `(days after the first, phone, name, unit building, category, drill)`;
/// the expected repeats of the last one.
#[test]
fn repeat_complaints_are_found() {
    type Row<'a> = (
        i64,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
        bool,
    );
    let rows: Vec<(&str, Vec<Row>, Vec<u32>)> = vec![
        (
            "same phone, same category",
            vec![
                (0, Some("13812345678"), None, None, "fees", false),
                (10, Some("138 1234 5678"), None, None, "fees", false),
            ],
            vec![1],
        ),
        (
            "same name",
            vec![
                (0, None, Some("张三"), None, "fees", false),
                (10, None, Some("张三"), None, "fees", false),
            ],
            vec![1],
        ),
        (
            "same unit",
            vec![
                (0, None, None, Some("3栋"), "fees", false),
                (10, None, Some("李四"), Some("3栋"), "fees", false),
            ],
            vec![1],
        ),
        (
            "other category",
            vec![
                (0, Some("13812345678"), None, None, "fees", false),
                (10, Some("13812345678"), None, None, "cleaning", false),
            ],
            vec![],
        ),
        (
            "outside the window",
            vec![
                (0, Some("13812345678"), None, None, "fees", false),
                (91, Some("13812345678"), None, None, "fees", false),
            ],
            vec![],
        ),
        (
            "edge of the window",
            vec![
                (0, Some("13812345678"), None, None, "fees", false),
                (90, Some("13812345678"), None, None, "fees", false),
            ],
            vec![1],
        ),
        (
            "different person",
            vec![
                (0, Some("13812345678"), Some("张三"), None, "fees", false),
                (10, Some("13900000000"), Some("李四"), None, "fees", false),
            ],
            vec![],
        ),
        (
            "drills match only drills",
            vec![
                (0, Some("13812345678"), None, None, "fees", true),
                (10, Some("13812345678"), None, None, "fees", false),
            ],
            vec![],
        ),
        (
            "several earlier",
            vec![
                (0, Some("13812345678"), None, None, "fees", false),
                (5, None, None, None, "fees", false),
                (8, Some("13812345678"), None, None, "fees", false),
                (10, Some("13812345678"), None, None, "fees", false),
            ],
            vec![1, 3],
        ),
    ];
    for (name, complaints, expected) in rows {
        let mut dev = Device::new(1);
        let start = t(RECEIVED);
        for (i, (days, phone, person, building, category, drill)) in complaints.iter().enumerate() {
            let at = start + TimeDelta::days(*days);
            let mut det = ComplaintDetails::new(Channel::Phone, "收费有误");
            det.complainant.anonymous = phone.is_none() && person.is_none() && building.is_none();
            det.complainant.phone = phone.map(|p| Phone::parse(p).unwrap());
            det.complainant.name = person.map(str::to_owned);
            det.complainant.unit = building.map(|b| Unit {
                building: b.into(),
                entrance: "1单元".into(),
                room: "101".into(),
            });
            det.category = Some(category.to_string());
            det.drill = *drill;
            let n = i as u32 + 1;
            let cmd = Command::Receive {
                id: complaint_id(n as u128),
                number: ComplaintNumber::next(
                    at.date_naive(),
                    DeviceCode::parse("A3").unwrap(),
                    n - 1,
                ),
                received_at: at,
                details: det,
            };
            dev.run(complaint_id(n as u128), cmd, &staff(), at).unwrap();
        }
        let all: Vec<Complaint> = fold_complaints(&dev.events).into_values().collect();
        let last = all.iter().max_by_key(|c| c.received_at).unwrap();
        let found = find_repeats(&last.details, last.received_at, &all, 90);
        let want: Vec<ComplaintId> = expected.iter().map(|n| complaint_id(*n as u128)).collect();
        assert_eq!(found, want, "{name}");
        let flags = repeat_flags(&all, 90);
        assert_eq!(
            flags.get(&last.id).cloned().unwrap_or_default(),
            want,
            "{name}: flags"
        );
    }
}

fn check_phone(rows: &[(&str, Option<&str>)]) {
    for (input, expected) in rows {
        let got = Phone::parse(input).ok().map(|p| p.as_str().to_owned());
        assert_eq!(got.as_deref(), *expected, "{input:?}");
    }
}

#[test]
fn phone_numbers() {
    check_phone(&[
        ("13812345678", Some("13812345678")),
        ("19912345678", Some("19912345678")),
        ("138 1234 5678", Some("13812345678")),
        ("138-1234-5678", Some("13812345678")),
        ("+86 138 1234 5678", Some("13812345678")),
        ("8613812345678", Some("13812345678")),
        ("12812345678", None),
        ("1381234567", None),
        ("138123456789", None),
        ("23812345678", None),
        ("010-12345678", Some("010-12345678")),
        ("01012345678", Some("010-12345678")),
        ("(010)12345678", Some("010-12345678")),
        ("010 12345678", Some("010-12345678")),
        ("021-87654321", Some("021-87654321")),
        ("0755-1234567", Some("0755-1234567")),
        ("0755-12345678", Some("0755-12345678")),
        ("07551234567", Some("0755-1234567")),
        ("0755-1234567-123", Some("0755-1234567-123")),
        ("0755-1234567转123", Some("0755-1234567-123")),
        ("010-12345678 ext 8", Some("010-12345678-8")),
        ("010-12345678#9001", Some("010-12345678-9001")),
        ("010-1234567", None),
        ("0755-123456", None),
        ("0755-123456789", None),
        ("010-02345678", None),
        ("0155-1234567", None),
        ("011-12345678", None),
        ("0755-1234567-1234567", None),
        ("0755-1234567转", None),
        ("13812345678转1", None),
        ("abc", None),
        ("", None),
        ("12345", None),
    ]);
    let e = Phone::parse("12345").unwrap_err();
    assert!(e.message(Lang::Zh).contains("电话号码“12345”格式不对"));
    assert!(
        e.message(Lang::En)
            .starts_with("“12345” is not a valid phone number")
    );
    assert_eq!(
        Phone::parse("13812345678").unwrap().kind(),
        validate::PhoneKind::Mobile
    );
    assert_eq!(
        Phone::parse("0755-1234567").unwrap().kind(),
        validate::PhoneKind::Landline
    );
    let json = serde_json::to_string(&Phone::parse("0755 1234567").unwrap()).unwrap();
    assert_eq!(json, "\"0755-1234567\"");
    assert!(serde_json::from_str::<Phone>("\"999\"").is_err());
}

#[test]
fn complaint_numbers() {
    let code = |s| DeviceCode::parse(s).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let rows = [
        (
            ComplaintNumber::next(day, code("A3"), 6),
            "TS-20261128-A3-0007",
        ),
        (
            ComplaintNumber::next(day, code("B"), 0),
            "TS-20261128-B-0001",
        ),
        (
            ComplaintNumber::next(day, code("PC12"), 12344),
            "TS-20261128-PC12-12345",
        ),
    ];
    for (n, s) in rows {
        assert_eq!(n.to_string(), s);
        assert_eq!(s.parse::<ComplaintNumber>().unwrap(), n);
        assert_eq!(serde_json::to_string(&n).unwrap(), format!("\"{s}\""));
    }
    for bad in [
        "TS-2026112-A3-0007",
        "XX-20261128-A3-0007",
        "TS-20261128-a3-0007",
        "TS-20261128-A3-7",
        "TS-20261340-A3-0007",
        "TS-20261128-A3-0007-1",
    ] {
        assert!(bad.parse::<ComplaintNumber>().is_err(), "{bad}");
    }
    for (c, ok) in [
        ("A3", true),
        ("Z", true),
        ("AB12", true),
        ("a3", false),
        ("3A", false),
        ("ABCDE", false),
        ("", false),
        ("A-3", false),
    ] {
        assert_eq!(DeviceCode::parse(c).is_ok(), ok, "{c}");
    }
    // Two offline devices numbering on the same day never collide: their codes differ.
    let a: Vec<String> = (0..50)
        .map(|i| ComplaintNumber::next(day, code("A1"), i).to_string())
        .collect();
    let b: Vec<String> = (0..50)
        .map(|i| ComplaintNumber::next(day, code("A2"), i).to_string())
        .collect();
    assert!(a.iter().all(|n| !b.contains(n)));
}

/// `(what to change on a good record, expected English message)`.
#[test]
fn the_record_is_checked() {
    type Edit = fn(&mut ComplaintDetails);
    let rows: Vec<(&str, Edit, Option<DomainError>)> = vec![
        ("good", |_| {}, None),
        (
            "anonymous without contact",
            |d| {
                d.complainant = Complainant {
                    anonymous: true,
                    ..Complainant::default()
                };
            },
            None,
        ),
        (
            "named needs contact",
            |d| {
                d.complainant = Complainant::default();
            },
            Some(DomainError::Invalid(ValidationError::ContactRequired)),
        ),
        (
            "blank description",
            |d| d.description = "   ".into(),
            Some(DomainError::Invalid(ValidationError::Required(
                Field::Description,
            ))),
        ),
        (
            "long description",
            |d| d.description = "字".repeat(5001),
            Some(DomainError::Invalid(ValidationError::TooLong {
                field: Field::Description,
                max: 5000,
            })),
        ),
        (
            "long name",
            |d| d.complainant.name = Some("名".repeat(101)),
            Some(DomainError::Invalid(ValidationError::TooLong {
                field: Field::ComplainantName,
                max: 100,
            })),
        ),
        (
            "no complainants",
            |d| d.complainant.count = 0,
            Some(DomainError::Invalid(ValidationError::NoComplainant)),
        ),
        (
            "happened after receipt",
            |d| d.occurred_at = Some(t("2026-11-25T11:00:00+08:00")),
            Some(DomainError::Invalid(ValidationError::OccurredAfterReceipt)),
        ),
        (
            "unit without building",
            |d| {
                d.complainant.unit = Some(Unit {
                    building: " ".into(),
                    entrance: String::new(),
                    room: String::new(),
                })
            },
            Some(DomainError::Invalid(ValidationError::Required(
                Field::ComplainantUnit,
            ))),
        ),
        (
            "unknown category",
            |d| d.category = Some("weather".into()),
            Some(DomainError::Invalid(ValidationError::UnknownCategory {
                id: "weather".into(),
            })),
        ),
    ];
    for (name, edit, expected) in rows {
        let mut det = details();
        edit(&mut det);
        let cmd = Command::Receive {
            id: complaint_id(1),
            number: "TS-20261125-A3-0001".parse().unwrap(),
            received_at: t(RECEIVED),
            details: det,
        };
        let r = apply(None, &cmd, &staff(), t(RECEIVED), &Settings::default());
        match (r, expected) {
            (Ok(_), None) => {}
            (Err(e), Some(expected)) => {
                assert_eq!(e, expected, "{name}");
                assert!(!e.message(Lang::Zh).is_ascii(), "{name}");
            }
            (r, _) => panic!("{name}: {r:?}"),
        }
    }
}

#[test]
fn receiving_trims_and_keeps_every_field() {
    let mut det = details();
    det.description = "  电梯故障  ".into();
    det.channel = Channel::Hotline;
    det.caller_number = Some(Phone::parse("0755-1234567").unwrap());
    det.recording_ref = Some("REC-001".into());
    det.occurred_at = Some(t("2026-11-25T08:00:00+08:00"));
    det.location = "3栋电梯".into();
    det.complained_department = Some("工程部".into());
    det.complained_person = Some("维修工".into());
    let mut d = Device::new(1);
    let cmd = Command::Receive {
        id: complaint_id(1),
        number: "TS-20261125-A3-0001".parse().unwrap(),
        received_at: t(RECEIVED),
        details: det.clone(),
    };
    d.run(complaint_id(1), cmd, &staff(), t(RECEIVED)).unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.details.description, "电梯故障");
    assert_eq!(c.details.caller_number, det.caller_number);
    assert_eq!(c.receiver, staff());
    assert_eq!(c.received_at.to_rfc3339(), RECEIVED);
    assert_eq!(c.number.to_string(), "TS-20261125-A3-0001");
    assert_eq!(c.state, WorkflowState::Received);
    assert_eq!(c.validity, Validity::Pending);
    // Field edits.
    d.run(
        complaint_id(1),
        Command::EditField(FieldChange::ComplainantPhone(Some(
            Phone::parse("13900001111").unwrap(),
        ))),
        &staff(),
        t(RECEIVED),
    )
    .unwrap();
    d.run(
        complaint_id(1),
        Command::EditField(FieldChange::Drill(true)),
        &staff(),
        t(RECEIVED),
    )
    .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        c.details.complainant.phone.as_ref().map(|p| p.as_str()),
        Some("13900001111")
    );
    assert!(c.details.drill);
}

#[test]
fn labels_exist_in_both_languages() {
    for s in WorkflowState::ALL {
        assert!(!s.label(Lang::Zh).is_ascii() && s.label(Lang::En).is_ascii());
    }
    for k in CommandKind::ON_COMPLAINT {
        assert!(!k.label(Lang::Zh).is_ascii() && k.label(Lang::En).is_ascii());
    }
    for s in Severity::ALL {
        assert!(!s.label(Lang::Zh).is_ascii());
    }
    assert_eq!(Lang::default(), Lang::Zh);
}
