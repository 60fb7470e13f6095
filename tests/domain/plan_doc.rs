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
