//! Referred complaints (the 12345 hotline, a consumer association): the referring body's
//! deadline is a clock met by the first reply to that body, across a weekend as any other
//! moment; the dashboard lists it once past; the statistics count referrals, drills never.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::board::board;
use complaints::domain::form::{Intake, intake};
use complaints::domain::stats::{Dimension, counts_by, referral_compliance};
use complaints::domain::*;

const FRIDAY: &str = "2026-12-04T10:00:00+08:00";

fn referred(n: u32, due: &str, drill: bool) -> Command {
    let mut cmd = receive_cmd(n, t(FRIDAY));
    if let Command::Receive { details, .. } = &mut cmd {
        details.channel = Channel::GovernmentHotline;
        details.drill = drill;
        details.referral = Some(complaint::Referral {
            body: "12345 政务服务便民热线".into(),
            reference: format!("GD-2026-{n:04}"),
            due: t(due),
            contact: "王科员 0755-12345".into(),
        });
    }
    cmd
}

#[test]
fn the_referring_bodys_deadline_is_a_clock_met_by_the_first_reply() {
    let mut d = Device::new(1);
    // Friday morning, due Monday 10:00: the weekend counts (it is the body's own deadline).
    d.run(
        complaint_id(1),
        referred(1, "2026-12-07T10:00:00+08:00", false),
        &staff(),
        t(FRIDAY),
    )
    .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    let r = c.clock_facts().referral.expect("a referral clock");
    assert!(matches!(
        r.status(t("2026-12-05T20:00:00+08:00")),
        ClockStatus::Pending { left } if left == TimeDelta::hours(38)
    ));
    assert!(matches!(
        r.status(t("2026-12-07T11:00:00+08:00")),
        ClockStatus::Breached { met_at: None, by } if by == TimeDelta::hours(1)
    ));
    // Past the deadline with no reply: on the dashboard's overdue list.
    let first = briefs([&c]);
    let late = t("2026-12-07T11:00:00+08:00");
    assert_eq!(
        board(&first, &d.settings, late, None).overdue_tasks.len(),
        1
    );
    assert!(
        board(&first, &d.settings, t("2026-12-06T11:00:00+08:00"), None)
            .overdue_tasks
            .is_empty()
    );

    // Replied on Monday at 09:00: met, and off the overdue list.
    d.run(
        complaint_id(1),
        Command::ReplyToReferrer {
            text: "已联系业主并修复，书面答复热线".into(),
        },
        &staff(),
        t("2026-12-07T09:00:00+08:00"),
    )
    .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.referral_replies.len(), 1);
    let r = c.clock_facts().referral.unwrap();
    assert_eq!(
        r.status(late),
        ClockStatus::Met {
            at: t("2026-12-07T09:00:00+08:00")
        }
    );
    assert!(
        board(&briefs([&c]), &d.settings, late, None)
            .overdue_tasks
            .is_empty()
    );
    // A reply needs words.
    assert!(
        d.run(
            complaint_id(1),
            Command::ReplyToReferrer { text: "  ".into() },
            &staff(),
            late
        )
        .is_err()
    );
}

#[test]
fn only_a_referred_complaint_takes_a_reply_to_its_referrer() {
    let mut d = Device::new(1);
    d.run(
        complaint_id(1),
        receive_cmd(1, t(FRIDAY)),
        &staff(),
        t(FRIDAY),
    )
    .unwrap();
    let refused = d.run(
        complaint_id(1),
        Command::ReplyToReferrer {
            text: "答复".into(),
        },
        &staff(),
        t(FRIDAY) + TimeDelta::hours(1),
    );
    assert!(matches!(refused, Err(DomainError::WrongState { .. })));
    assert!(
        d.complaint(complaint_id(1))
            .unwrap()
            .clock_facts()
            .referral
            .is_none()
    );
}

#[test]
fn the_intake_form_reads_a_referral_and_checks_its_deadline() {
    let offset = t(FRIDAY).offset().to_owned();
    let form = Intake {
        received_at: "2026-12-04T10:00",
        channel: "GovernmentHotline",
        name: "张先生",
        phone: "13812345678",
        description: "楼道漏水",
        referral_body: "12345 政务服务便民热线",
        referral_reference: "GD-1",
        referral_due: "2026-12-07T10:00",
        ..Default::default()
    };
    let (details, received) = intake(&form, offset).unwrap();
    let r = details.referral.clone().expect("read");
    assert_eq!(r.due, t("2026-12-07T10:00:00+08:00"));
    assert!(details.validated(received).is_ok());
    // No deadline: the form says it is required.
    let blank = Intake {
        referral_due: "",
        ..form
    };
    assert_eq!(
        intake(&blank, offset).unwrap_err(),
        (
            Field::ReferralDue,
            ValidationError::Required(Field::ReferralDue)
        )
    );
    // A deadline before receipt, or no body: the record's check refuses it.
    let early = Intake {
        referral_due: "2026-12-04T09:00",
        ..form
    };
    let (d2, at) = intake(&early, offset).unwrap();
    assert_eq!(d2.validated(at), Err(ValidationError::ReferralDueEarly));
    let nobody = Intake {
        referral_body: " ",
        ..form
    };
    let (d3, at) = intake(&nobody, offset).unwrap();
    assert_eq!(
        d3.validated(at),
        Err(ValidationError::Required(Field::ReferralBody))
    );
    // Nothing typed: not referred.
    let plain = Intake {
        referral_body: "",
        referral_reference: "",
        referral_due: "",
        ..form
    };
    assert!(intake(&plain, offset).unwrap().0.referral.is_none());
}

#[test]
fn the_statistics_count_referrals_and_never_a_drill() {
    let mut d = Device::new(1);
    d.run(
        complaint_id(1),
        referred(1, "2026-12-07T10:00:00+08:00", false),
        &staff(),
        t(FRIDAY),
    )
    .unwrap();
    d.run(
        complaint_id(2),
        referred(2, "2026-12-05T10:00:00+08:00", false),
        &staff(),
        t(FRIDAY),
    )
    .unwrap();
    d.run(
        complaint_id(3),
        referred(3, "2026-12-05T10:00:00+08:00", true),
        &staff(),
        t(FRIDAY),
    )
    .unwrap();
    d.run(
        complaint_id(4),
        receive_cmd(4, t(FRIDAY)),
        &staff(),
        t(FRIDAY),
    )
    .unwrap();
    let all: Vec<Complaint> = (1..=4)
        .map(|n| d.complaint(complaint_id(n)).unwrap())
        .collect();
    let by_body = counts_by(&all, Dimension::Referral);
    assert_eq!(
        by_body.get("12345 政务服务便民热线"),
        Some(&2),
        "the drill is not counted"
    );
    assert_eq!(by_body.get(""), Some(&1), "one not referred");
    let r = referral_compliance(&all, t("2026-12-06T10:00:00+08:00"));
    assert_eq!((r.met, r.breached, r.pending), (0, 1, 1));

    let rows = complaints::sync::statistics_rows(
        &all,
        &d.settings,
        t("2026-12-06T10:00:00+08:00"),
        Lang::Zh,
    );
    let referred_row = rows
        .iter()
        .find(|row| row.measure == "转办投诉")
        .expect("a row of referred complaints");
    assert_eq!(
        (referred_row.group.as_str(), referred_row.value.as_str()),
        ("12345 政务服务便民热线", "2")
    );
    assert!(
        rows.iter().any(|row| row.measure == "时限：答复转办单位"
            && row.group == "超时"
            && row.value == "1")
    );
}
