//! The plan document: a revision takes effect on its date, later revisions replace it from
//! theirs, every revision stays readable, only a leader revises, and a revision is checked.

use crate::common::*;
use chrono::NaiveDate;
use complaints::domain::plan_doc::*;
use complaints::domain::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn revision(number: u32, from: &str, text: &str) -> Revision {
    Revision {
        number,
        reason: "年度修订".into(),
        approved_by: "王组长".into(),
        in_force_from: day(from),
        sections: vec![Section {
            heading: "时限要求".into(),
            text: text.into(),
        }],
    }
}

fn record(d: &mut Device, r: &Revision, actor: &Actor, now: &str) -> Result<(), DomainError> {
    let doc = fold_plan(&d.events);
    let news = apply_revision(r, &Settings::default(), actor, t(now))?;
    let n = d.events.len() as u8;
    let stamped = d
        .clock
        .stamp_all(news, doc.heads, doc.latest_hlc, || [n; 10]);
    d.events.extend(stamped);
    Ok(())
}

#[test]
fn a_revision_takes_effect_on_its_date_and_older_ones_stay_readable() {
    let mut d = Device::new(1);
    record(
        &mut d,
        &revision(1, "2026-01-01", "十分钟内派单"),
        &leader(),
        "2025-12-20T10:00:00+08:00",
    )
    .unwrap();
    // Approved in November, in force from 1 December.
    record(
        &mut d,
        &revision(2, "2026-12-01", "五分钟内派单"),
        &deputy(),
        "2026-11-20T10:00:00+08:00",
    )
    .unwrap();
    let doc = fold_plan(&d.events);
    assert_eq!(doc.revisions.len(), 2);
    assert_eq!(doc.next_number(), 3);
    assert!(
        doc.in_force(day("2025-12-31")).is_none(),
        "nothing before the first"
    );
    assert_eq!(doc.in_force(day("2026-11-30")).unwrap().item.number, 1);
    assert_eq!(doc.in_force(day("2026-12-01")).unwrap().item.number, 2);
    assert_eq!(
        doc.revisions[0].item.sections[0].text, "十分钟内派单",
        "the older one stays readable"
    );
    // Through the file format unchanged, and past the checks on the way in.
    for e in &d.events {
        let wire = complaints::format::WireBody::from(&e.body);
        let json = serde_json::to_string(&wire).unwrap();
        let back: complaints::format::WireBody = serde_json::from_str(&json).unwrap();
        assert_eq!(back.into_domain("body").unwrap(), e.body, "{json}");
        assert_eq!(admit::check_event(e), Ok(()));
    }
}

#[test]
fn only_a_leader_revises_and_a_revision_needs_its_reason_approver_and_text() {
    let mut d = Device::new(1);
    let at = "2026-11-30T10:00:00+08:00";
    assert!(matches!(
        record(&mut d, &revision(1, "2026-12-01", "x"), &staff(), at),
        Err(DomainError::NotPermitted { .. })
    ));
    let no_reason = Revision {
        reason: " ".into(),
        ..revision(1, "2026-12-01", "x")
    };
    assert_eq!(
        record(&mut d, &no_reason, &leader(), at),
        Err(DomainError::Invalid(ValidationError::Required(
            Field::Reason
        )))
    );
    let empty = Revision {
        sections: vec![Section {
            heading: String::new(),
            text: String::new(),
        }],
        ..revision(1, "2026-12-01", "x")
    };
    assert_eq!(
        record(&mut d, &empty, &leader(), at),
        Err(DomainError::Invalid(ValidationError::Required(
            Field::Content
        )))
    );
}

#[test]
fn the_starting_outline_has_the_shared_headings_and_the_current_time_limits() {
    let s = Settings::default();
    let zh = starting_outline(&s, Lang::Zh);
    let headings: Vec<&str> = zh.iter().map(|x| x.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "目的",
            "适用范围",
            "工作原则",
            "组织机构与职责",
            "投诉分级",
            "处理程序",
            "时限要求",
            "预案管理"
        ]
    );
    let limits = &zh[6].text;
    assert!(limits.contains("10 分钟内"), "{limits}");
    assert!(limits.contains("2 天内"), "{limits}");
    let en = starting_outline(&s, Lang::En);
    assert_eq!(en.len(), 8);
    assert!(en[6].text.contains("within 10 minutes"), "{}", en[6].text);
}

fn drill(complaints: Vec<RecordId>) -> Drill {
    Drill {
        day: day("2026-06-10"),
        scenario: "业主群体到物业中心聚集投诉".into(),
        participants: "客服部、保安部、工程部".into(),
        findings: "电话通知领导小组用时过长".into(),
        actions: "更新呼叫顺序，每季度核对电话".into(),
        complaints,
    }
}

#[test]
fn drills_and_training_are_logged_by_handlers_and_fall_due_by_their_period() {
    let settings = Settings::default();
    let now = t("2026-06-10T15:00:00+08:00");
    let twice = vec![
        RecordId(uuid::Uuid::from_u128(9)),
        RecordId(uuid::Uuid::from_u128(9)),
    ];
    let news = apply_upkeep(&Upkeep::Drill(drill(twice)), &staff(), now, &settings).unwrap();
    let EventBody::DrillLogged(logged) = &news[0].body else {
        panic!("a drill")
    };
    assert_eq!(logged.complaints.len(), 1, "each complaint once");
    assert_eq!(news[0].record, RecordId::PLAN_DOCUMENT);
    assert!(matches!(
        apply_upkeep(&Upkeep::Drill(drill(vec![])), &dept_head(), now, &settings),
        Err(DomainError::NotPermitted { .. })
    ));
    let mut blank = drill(vec![]);
    blank.scenario = " ".into();
    assert!(matches!(
        apply_upkeep(&Upkeep::Drill(blank), &staff(), now, &settings),
        Err(DomainError::Invalid(ValidationError::Required(
            Field::Scenario
        )))
    ));
    let training = Training {
        day: day("2026-03-01"),
        topic: "投诉处理与案例分析".into(),
        trainer: "李副组长".into(),
        attendees: "客服部全体".into(),
        external: false,
    };
    assert!(
        apply_upkeep(
            &Upkeep::Training(training.clone()),
            &deputy(),
            now,
            &settings
        )
        .is_ok()
    );
    let nobody = Training {
        trainer: String::new(),
        ..training
    };
    assert!(apply_upkeep(&Upkeep::Training(nobody), &deputy(), now, &settings).is_err());

    // Due by the period: six months after the last, clamped to a shorter month; today when
    // there has been none; never with no period.
    let today = day("2026-12-02");
    assert_eq!(
        upkeep_due(Some(day("2026-06-10")), 6, today),
        Some(day("2026-12-10"))
    );
    assert_eq!(
        upkeep_due(Some(day("2026-08-31")), 6, today),
        Some(day("2027-02-28"))
    );
    assert_eq!(upkeep_due(None, 6, today), Some(today));
    assert_eq!(upkeep_due(Some(day("2026-06-10")), 0, today), None);
}

#[test]
fn drill_complaints_change_no_statistic() {
    let mut d = Device::new(1);
    let at = t("2026-06-10T10:00:00+08:00");
    d.run(complaint_id(1), receive_cmd(1, at), &staff(), at)
        .unwrap();
    let mut as_drill = receive_cmd(2, at);
    if let Command::Receive { details, .. } = &mut as_drill {
        details.drill = true;
    }
    d.run(complaint_id(2), as_drill, &staff(), at).unwrap();
    let real = d.complaint(complaint_id(1)).unwrap();
    let drilled = d.complaint(complaint_id(2)).unwrap();
    let later = t("2026-06-20T10:00:00+08:00");
    let rows =
        |cs: &[Complaint]| complaints::sync::statistics_rows(cs, &d.settings, later, Lang::Zh);
    assert_eq!(
        rows(&[real.clone(), drilled.clone()]),
        rows(std::slice::from_ref(&real))
    );
    let counts = stats::counts(&briefs([&real, &drilled]));
    assert_eq!(counts.0.values().sum::<usize>(), 1);
}
