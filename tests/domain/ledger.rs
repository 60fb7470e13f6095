//! The ledger: what the daily check lists, who may sign which review, what a sign-off must
//! hold, and that sign-offs from two tablets are both kept and travel in the file format.

use crate::common::*;
use chrono::{NaiveDate, TimeDelta};
use complaints::domain::ledger::*;
use complaints::domain::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Signs `review` as `actor` on `d` (stamped on its clock) and returns the events.
fn sign(
    d: &mut Device,
    review: &Review,
    actor: &Actor,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<Event>, DomainError> {
    let news = apply_ledger(review, actor, now)?;
    let ledger = fold_ledger(&d.events);
    let mut n = 0u8;
    let stamped = d
        .clock
        .stamp_all(news, ledger.heads, ledger.latest_hlc, || {
            n += 1;
            [n; 10]
        });
    d.events.extend(stamped.clone());
    Ok(stamped)
}

#[test]
fn the_daily_check_lists_the_days_new_and_every_overdue_complaint_but_no_drill() {
    let mut d = Device::new(1);
    // 1: received on the 25th, assessed major, never dispatched: overdue by the 26th.
    walk_on(
        &mut d,
        1,
        details(),
        &major_path(),
        1,
        t("2026-11-25T09:00:00+08:00"),
        TimeDelta::minutes(1),
    );
    // 2: received on the 26th.
    walk_on(
        &mut d,
        2,
        details(),
        &minor_path(),
        0,
        t("2026-11-26T08:00:00+08:00"),
        TimeDelta::minutes(1),
    );
    // 3: a drill received on the 26th.
    let mut drill = details();
    drill.drill = true;
    walk_on(
        &mut d,
        3,
        drill,
        &minor_path(),
        0,
        t("2026-11-26T08:30:00+08:00"),
        TimeDelta::minutes(1),
    );
    // 4: received on the 20th and closed on time.
    walk_on(
        &mut d,
        4,
        details(),
        &minor_path(),
        8,
        t("2026-11-20T09:00:00+08:00"),
        TimeDelta::minutes(1),
    );
    let briefs: Vec<Brief> = (1..=4)
        .filter_map(|n| d.complaint(complaint_id(n)))
        .map(|c| Brief::of(&c))
        .collect();
    let now = t("2026-11-26T10:00:00+08:00");
    let listed: Vec<ComplaintId> = daily_items(&briefs, day("2026-11-26"), &d.settings, now)
        .iter()
        .map(|b| b.id)
        .collect();
    assert_eq!(listed, [complaint_id(2), complaint_id(1)], "newest first");
    // On the 25th itself, before anything was due, only that day's complaint.
    let early = t("2026-11-25T09:05:00+08:00");
    let listed: Vec<ComplaintId> = daily_items(&briefs, day("2026-11-25"), &d.settings, early)
        .iter()
        .map(|b| b.id)
        .collect();
    assert_eq!(listed, [complaint_id(1)]);
}

#[test]
fn who_may_sign_which_review_and_what_a_sign_off_must_hold() {
    let now = t("2026-11-30T18:00:00+08:00");
    let daily = Review::Daily {
        day: day("2026-11-30"),
        checked: vec![Checked {
            complaint: complaint_id(1),
            number: "TS-20261130-A3-0001".into(),
            note: " 已电话回访 ".into(),
        }],
        comment: String::new(),
    };
    let monthly = Review::Monthly {
        month: day("2026-11-01"),
        counted: 48,
        comment: "超时两件，已约谈工程部".into(),
    };
    for actor in [leader(), deputy(), duty_lead()] {
        let news = apply_ledger(&daily, &actor, now).unwrap();
        assert_eq!(news[0].record, RecordId::LEDGER);
        match &news[0].body {
            EventBody::LedgerSigned(Review::Daily { checked, .. }) => {
                assert_eq!(checked[0].note, "已电话回访", "notes are trimmed")
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        apply_ledger(&daily, &staff(), now).unwrap_err(),
        DomainError::NotPermitted {
            role: Role::Staff,
            action: CommandKind::SignDailyCheck
        }
    );
    assert!(apply_ledger(&monthly, &leader(), now).is_ok());
    assert_eq!(
        apply_ledger(&monthly, &duty_lead(), now).unwrap_err(),
        DomainError::NotPermitted {
            role: Role::DutyLead,
            action: CommandKind::SignMonthlyReview
        }
    );
    let silent = Review::Monthly {
        month: day("2026-11-01"),
        counted: 48,
        comment: "  ".into(),
    };
    assert_eq!(
        apply_ledger(&silent, &leader(), now).unwrap_err(),
        DomainError::Invalid(ValidationError::Required(Field::Comment)),
        "a monthly review says something"
    );
}

#[test]
fn sign_offs_from_two_tablets_are_both_kept_and_read_back_from_the_file_format() {
    let mut a = Device::new(1);
    let mut b = Device::new(2);
    let now = t("2026-11-30T18:00:00+08:00");
    let daily = |comment: &str| Review::Daily {
        day: day("2026-11-30"),
        checked: Vec::new(),
        comment: comment.into(),
    };
    sign(&mut a, &daily("A 平板检查"), &duty_lead(), now).unwrap();
    sign(
        &mut b,
        &daily("B 平板检查"),
        &leader(),
        now + TimeDelta::minutes(1),
    )
    .unwrap();
    let monthly = Review::Monthly {
        month: day("2026-11-01"),
        counted: 3,
        comment: "本月正常".into(),
    };
    sign(&mut a, &monthly, &leader(), now + TimeDelta::minutes(2)).unwrap();
    let from_b = b.events.clone();
    a.import(&from_b, 0);
    let ledger = fold_ledger(&a.events);
    assert_eq!(ledger.reviews.len(), 3);
    assert_eq!(ledger.signed(ReviewKind::Daily, day("2026-11-30")).len(), 2);
    assert_eq!(
        ledger.signed(ReviewKind::Monthly, day("2026-11-01")).len(),
        1
    );
    assert!(
        ledger
            .signed(ReviewKind::Daily, day("2026-11-29"))
            .is_empty()
    );

    // Through the file format and back, unchanged, and through the checks every event passes.
    for e in &a.events {
        let wire = complaints::format::WireBody::from(&e.body);
        let json = serde_json::to_string(&wire).unwrap();
        let back: complaints::format::WireBody = serde_json::from_str(&json).unwrap();
        assert_eq!(back.into_domain("body").unwrap(), e.body, "{json}");
        assert_eq!(admit::check_event(e), Ok(()));
    }
    // A sign-off on any other record, or a monthly review not from a month's first day, is refused.
    let mut stray = a.events[0].clone();
    stray.record = complaint_id(1);
    assert!(admit::check_event(&stray).is_err());
    let bad = serde_json::json!({"kind": "ledger_signed", "data": {
        "review": "monthly", "covers": "2026-11-15", "checked": [], "counted": 1, "comment": "x"}});
    let wire: complaints::format::WireBody = serde_json::from_str(&bad.to_string()).unwrap();
    assert!(wire.into_domain("body").is_err());
}
