//! Clocks: due times under calendar and working days across weekends, holidays, make-up
//! days and midnight, the offset kept; met / pending / breached; pauses; automatic escalation.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::*;

/// `(start, span, mode, expected due)`, all RFC 3339 with their offsets.
fn check_due(rows: &[(&str, Span, DayMode, &str)]) {
    let cal = BusinessCalendar::cn_2026();
    for (start, span, mode, expected) in rows {
        let due = due_time(t(start), *span, *mode, &cal);
        assert_eq!(due.to_rfc3339(), *expected, "{start} {span:?} {mode:?}");
    }
}

const CAL: DayMode = DayMode::CalendarDays;
const WORK: DayMode = DayMode::WorkingDays;

#[test]
fn due_times_before_labour_day_and_its_make_up_saturday() {
    // Thursday 2026-04-30 15:00; 05-01..05 off; 05-09 (Saturday) is a make-up working day.
    let r = "2026-04-30T15:00:00+08:00";
    check_due(&[
        (r, Span::Minutes(10), CAL, "2026-04-30T15:10:00+08:00"),
        (r, Span::Minutes(10), WORK, "2026-04-30T15:10:00+08:00"),
        (r, Span::Hours(3), CAL, "2026-04-30T18:00:00+08:00"),
        (r, Span::Hours(3), WORK, "2026-04-30T18:00:00+08:00"),
        (r, Span::SameDay, CAL, "2026-04-30T23:59:59+08:00"),
        (r, Span::SameDay, WORK, "2026-04-30T23:59:59+08:00"),
        (r, Span::Days(2), CAL, "2026-05-02T15:00:00+08:00"),
        (r, Span::Days(2), WORK, "2026-05-07T23:59:59+08:00"),
        (r, Span::Days(10), CAL, "2026-05-10T15:00:00+08:00"),
        (r, Span::Days(10), WORK, "2026-05-18T23:59:59+08:00"),
        (r, Span::Months(1), CAL, "2026-05-30T15:00:00+08:00"),
        (r, Span::Months(1), WORK, "2026-05-30T15:00:00+08:00"),
        // Received on the make-up Saturday itself: a working day.
        (
            "2026-05-09T09:00:00+08:00",
            Span::SameDay,
            WORK,
            "2026-05-09T23:59:59+08:00",
        ),
        (
            "2026-05-08T09:00:00+08:00",
            Span::Days(1),
            WORK,
            "2026-05-09T23:59:59+08:00",
        ),
        (
            "2026-05-08T09:00:00+08:00",
            Span::Days(2),
            WORK,
            "2026-05-11T23:59:59+08:00",
        ),
    ]);
}

#[test]
fn due_times_across_weekends_and_holidays() {
    check_due(&[
        // Friday afternoon: working days skip the weekend.
        (
            "2026-11-27T16:00:00+08:00",
            Span::Days(2),
            CAL,
            "2026-11-29T16:00:00+08:00",
        ),
        (
            "2026-11-27T16:00:00+08:00",
            Span::Days(2),
            WORK,
            "2026-12-01T23:59:59+08:00",
        ),
        (
            "2026-11-27T16:00:00+08:00",
            Span::Days(10),
            WORK,
            "2026-12-11T23:59:59+08:00",
        ),
        // Received on a Saturday: the day of receipt never counts.
        (
            "2026-11-28T10:00:00+08:00",
            Span::Days(2),
            WORK,
            "2026-12-01T23:59:59+08:00",
        ),
        (
            "2026-11-28T10:00:00+08:00",
            Span::SameDay,
            CAL,
            "2026-11-28T23:59:59+08:00",
        ),
        (
            "2026-11-28T10:00:00+08:00",
            Span::SameDay,
            WORK,
            "2026-11-30T23:59:59+08:00",
        ),
        // National Day: 10-01..07 off, 09-20 and 10-10 worked.
        (
            "2026-10-01T09:00:00+08:00",
            Span::SameDay,
            WORK,
            "2026-10-08T23:59:59+08:00",
        ),
        (
            "2026-09-30T09:00:00+08:00",
            Span::Days(2),
            WORK,
            "2026-10-09T23:59:59+08:00",
        ),
        (
            "2026-09-30T09:00:00+08:00",
            Span::Days(3),
            WORK,
            "2026-10-10T23:59:59+08:00",
        ),
        (
            "2026-09-19T10:00:00+08:00",
            Span::Days(2),
            WORK,
            "2026-09-21T23:59:59+08:00",
        ),
        (
            "2026-10-10T10:00:00+08:00",
            Span::SameDay,
            WORK,
            "2026-10-10T23:59:59+08:00",
        ),
        // Spring Festival: 02-14 worked, 02-15..23 off.
        (
            "2026-02-13T10:00:00+08:00",
            Span::Days(2),
            WORK,
            "2026-02-24T23:59:59+08:00",
        ),
        (
            "2026-02-13T10:00:00+08:00",
            Span::Days(2),
            CAL,
            "2026-02-15T10:00:00+08:00",
        ),
        // New Year: 01-01..03 off, Sunday 01-04 worked.
        (
            "2025-12-31T12:00:00+08:00",
            Span::Days(1),
            WORK,
            "2026-01-04T23:59:59+08:00",
        ),
        // Qingming has no make-up day.
        (
            "2026-04-03T12:00:00+08:00",
            Span::Days(1),
            WORK,
            "2026-04-07T23:59:59+08:00",
        ),
        // Minute and hour clocks run day and night in both modes.
        (
            "2026-10-01T23:00:00+08:00",
            Span::Hours(3),
            WORK,
            "2026-10-02T02:00:00+08:00",
        ),
    ]);
}

#[test]
fn same_day_clocks_across_midnight() {
    check_due(&[
        (
            "2026-11-27T23:50:00+08:00",
            Span::SameDay,
            CAL,
            "2026-11-27T23:59:59+08:00",
        ),
        (
            "2026-11-27T23:50:00+08:00",
            Span::SameDay,
            WORK,
            "2026-11-27T23:59:59+08:00",
        ),
        (
            "2026-11-27T23:55:00+08:00",
            Span::Minutes(10),
            CAL,
            "2026-11-28T00:05:00+08:00",
        ),
        (
            "2026-11-28T00:05:00+08:00",
            Span::SameDay,
            CAL,
            "2026-11-28T23:59:59+08:00",
        ),
        (
            "2026-11-28T00:05:00+08:00",
            Span::SameDay,
            WORK,
            "2026-11-30T23:59:59+08:00",
        ),
        (
            "2026-11-26T23:59:59+08:00",
            Span::SameDay,
            CAL,
            "2026-11-26T23:59:59+08:00",
        ),
    ]);
}

#[test]
fn month_clock_clamps_and_offsets_are_kept() {
    check_due(&[
        (
            "2026-01-31T10:00:00+08:00",
            Span::Months(1),
            CAL,
            "2026-02-28T10:00:00+08:00",
        ),
        (
            "2026-03-31T10:00:00+08:00",
            Span::Months(1),
            CAL,
            "2026-04-30T10:00:00+08:00",
        ),
        (
            "2026-12-15T10:00:00+08:00",
            Span::Months(1),
            CAL,
            "2027-01-15T10:00:00+08:00",
        ),
        // The local day is the offset's day: 23:30 at +08:00 is 15:30 UTC.
        (
            "2026-11-27T23:30:00+08:00",
            Span::SameDay,
            CAL,
            "2026-11-27T23:59:59+08:00",
        ),
        (
            "2026-11-27T23:30:00+09:00",
            Span::SameDay,
            CAL,
            "2026-11-27T23:59:59+09:00",
        ),
        (
            "2026-11-27T16:00:00+09:00",
            Span::Days(2),
            WORK,
            "2026-12-01T23:59:59+09:00",
        ),
        (
            "2026-11-27T16:00:00+00:00",
            Span::Hours(3),
            CAL,
            "2026-11-27T19:00:00+00:00",
        ),
    ]);
}

#[test]
fn default_rules_match_the_spec() {
    use Severity::*;
    let rules = clocks::default_rules();
    let rows: [(Clock, Span, &[Severity]); 7] = [
        (
            Clock::Dispatch,
            Span::Minutes(10),
            &[Minor, Important, Major],
        ),
        (Clock::Respond, Span::Hours(3), &[Major]),
        (Clock::ReportToGeneralManager, Span::SameDay, &[Major]),
        (
            Clock::ReplyAfterReportBack,
            Span::SameDay,
            &[Minor, Important, Major],
        ),
        (Clock::ClearAnswer, Span::Days(2), &[Major]),
        (Clock::WholeHandling, Span::Days(10), &[Major]),
        (Clock::BecomeMajor, Span::Months(1), &[Minor, Important]),
    ];
    for (clock, span, levels) in rows {
        let rule = &rules[&clock];
        assert_eq!(rule.span, span, "{clock:?}");
        assert_eq!(
            rule.levels.iter().copied().collect::<Vec<_>>(),
            levels,
            "{clock:?}"
        );
        assert!(!clock.label(Lang::Zh).is_empty() && !clock.label(Lang::En).is_empty());
    }
}

/// A major complaint received at 2026-04-30 15:00, then the given steps at the given times.
fn major_at(steps: &[(Command, Actor, &str)], settings: Settings) -> Device {
    let mut d = Device::new(1);
    d.settings = settings;
    let r = t("2026-04-30T15:00:00+08:00");
    d.run(complaint_id(1), receive_cmd(1, r), &staff(), r)
        .unwrap();
    d.run(
        complaint_id(1),
        assess(Severity::Major),
        &staff(),
        r + TimeDelta::minutes(2),
    )
    .unwrap();
    for (cmd, actor, at) in steps {
        d.run(complaint_id(1), cmd.clone(), actor, t(at))
            .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    }
    d
}

fn status(d: &Device, clock: Clock, now: &str) -> Option<ClockStatus> {
    let c = d.complaint(complaint_id(1)).unwrap();
    evaluate_clock(&c, clock, &d.settings, t(now)).map(|v| v.status)
}

fn dispatch() -> Command {
    Command::Dispatch {
        department: "工程部".into(),
        note: String::new(),
    }
}

#[test]
fn clocks_are_pending_met_or_breached() {
    let h = TimeDelta::hours;
    let m = TimeDelta::minutes;
    let on_time = major_at(
        &[(dispatch(), staff(), "2026-04-30T15:08:00+08:00")],
        Settings::default(),
    );
    let late = major_at(
        &[(dispatch(), staff(), "2026-04-30T15:25:00+08:00")],
        Settings::default(),
    );
    let rows: Vec<(&str, &Device, Clock, &str, Option<ClockStatus>)> = vec![
        (
            "dispatched in time",
            &on_time,
            Clock::Dispatch,
            "2026-04-30T16:00:00+08:00",
            Some(ClockStatus::Met {
                at: t("2026-04-30T15:08:00+08:00"),
            }),
        ),
        (
            "dispatched late",
            &late,
            Clock::Dispatch,
            "2026-04-30T16:00:00+08:00",
            Some(ClockStatus::Breached {
                by: m(15),
                met_at: Some(t("2026-04-30T15:25:00+08:00")),
            }),
        ),
        (
            "respond pending",
            &on_time,
            Clock::Respond,
            "2026-04-30T16:00:00+08:00",
            Some(ClockStatus::Pending { left: h(2) }),
        ),
        (
            "respond breached",
            &on_time,
            Clock::Respond,
            "2026-04-30T19:30:00+08:00",
            Some(ClockStatus::Breached {
                by: m(90),
                met_at: None,
            }),
        ),
        (
            "report to GM pending until midnight",
            &on_time,
            Clock::ReportToGeneralManager,
            "2026-04-30T23:00:00+08:00",
            Some(ClockStatus::Pending {
                left: m(59) + TimeDelta::seconds(59),
            }),
        ),
        (
            "report to GM breached after midnight",
            &on_time,
            Clock::ReportToGeneralManager,
            "2026-05-01T00:00:59+08:00",
            Some(ClockStatus::Breached {
                by: TimeDelta::seconds(60),
                met_at: None,
            }),
        ),
        (
            "clear answer pending",
            &on_time,
            Clock::ClearAnswer,
            "2026-05-01T15:00:00+08:00",
            Some(ClockStatus::Pending { left: h(24) }),
        ),
        (
            "whole handling pending",
            &on_time,
            Clock::WholeHandling,
            "2026-05-01T15:00:00+08:00",
            Some(ClockStatus::Pending { left: h(24 * 9) }),
        ),
        (
            "reply clock not started before report back",
            &on_time,
            Clock::ReplyAfterReportBack,
            "2026-05-01T15:00:00+08:00",
            None,
        ),
        (
            "month clock not for a major",
            &on_time,
            Clock::BecomeMajor,
            "2026-05-01T15:00:00+08:00",
            None,
        ),
    ];
    for (name, d, clock, now, expected) in rows {
        assert_eq!(status(d, clock, now), expected, "{name}");
    }
}

#[test]
fn clocks_in_working_day_mode() {
    let settings = Settings {
        day_mode: DayMode::WorkingDays,
        ..Settings::default()
    };
    let d = major_at(&[], settings);
    let c = d.complaint(complaint_id(1)).unwrap();
    let views = evaluate(&c, &d.settings, t("2026-05-03T12:00:00+08:00"));
    let due: Vec<(Clock, String)> = views
        .iter()
        .map(|v| (v.clock, v.due.to_rfc3339()))
        .collect();
    assert_eq!(
        due,
        vec![
            (Clock::Dispatch, "2026-04-30T15:10:00+08:00".to_owned()),
            (Clock::Respond, "2026-04-30T18:00:00+08:00".to_owned()),
            (
                Clock::ReportToGeneralManager,
                "2026-04-30T23:59:59+08:00".to_owned()
            ),
            (
                Clock::ReportToCommand,
                "2026-04-30T15:30:00+08:00".to_owned()
            ),
            (Clock::ClearAnswer, "2026-05-07T23:59:59+08:00".to_owned()),
            (Clock::WholeHandling, "2026-05-18T23:59:59+08:00".to_owned()),
        ]
    );
    assert!(
        views[0].is_breached()
            && views[3].is_due_soon(TimeDelta::days(5))
            && !views[4].is_due_soon(TimeDelta::days(1))
    );
}

#[test]
fn the_full_path_meets_every_major_clock() {
    let steps: Vec<(Command, Actor, &str)> = {
        let at = [
            "2026-04-30T15:05:00+08:00",
            "2026-04-30T15:30:00+08:00",
            "2026-04-30T15:40:00+08:00",
            "2026-04-30T16:00:00+08:00",
            "2026-04-30T17:00:00+08:00",
            "2026-05-01T09:00:00+08:00",
            "2026-05-01T15:00:00+08:00",
            "2026-05-01T16:00:00+08:00",
            "2026-05-02T10:00:00+08:00",
            "2026-05-03T10:00:00+08:00",
            "2026-05-03T11:00:00+08:00",
            "2026-05-04T10:00:00+08:00",
        ];
        major_path()[1..]
            .iter()
            .zip(at)
            .map(|((c, a, _), at)| (c.clone(), a.clone(), at))
            .collect()
    };
    let mut steps = steps;
    steps.insert(
        1,
        (
            Command::ReportToGeneralManager {
                note: String::new(),
            },
            staff(),
            "2026-04-30T15:20:00+08:00",
        ),
    );
    // The reporting lines: the command at once, the department's sign-for and the form on to
    // the project manager the same day.
    let lines = [
        (
            Command::ReportToCommand {
                note: "已报告指挥部".into(),
            },
            staff(),
            "2026-04-30T15:21:00+08:00",
        ),
        (
            Command::SignFor {
                signer: "周经理".into(),
                signature: None,
            },
            dept_head(),
            "2026-04-30T15:22:00+08:00",
        ),
        (
            Command::ForwardToManager {
                note: String::new(),
            },
            staff(),
            "2026-04-30T15:23:00+08:00",
        ),
    ];
    for (i, line) in lines.into_iter().enumerate() {
        steps.insert(2 + i, line);
    }
    let d = major_at(&steps, Settings::default());
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.state, WorkflowState::Closed);
    for v in evaluate(&c, &d.settings, t("2026-06-01T00:00:00+08:00")) {
        assert!(matches!(v.status, ClockStatus::Met { .. }), "{v:?}");
    }
}

#[test]
fn pauses_extend_the_clocks_only_when_the_setting_is_on() {
    let steps = [
        (dispatch(), staff(), "2026-04-30T15:05:00+08:00"),
        (
            Command::PauseClocks {
                reason: "等待业主".into(),
            },
            staff(),
            "2026-04-30T15:30:00+08:00",
        ),
        (Command::ResumeClocks, staff(), "2026-04-30T17:30:00+08:00"),
    ];
    let on = major_at(
        &steps,
        Settings {
            pause_while_waiting: true,
            ..Settings::default()
        },
    );
    let off = major_at(&steps, Settings::default());
    let due = |d: &Device, now| {
        let c = d.complaint(complaint_id(1)).unwrap();
        evaluate_clock(&c, Clock::Respond, &d.settings, t(now))
            .unwrap()
            .due
            .to_rfc3339()
    };
    assert_eq!(
        due(&on, "2026-04-30T19:00:00+08:00"),
        "2026-04-30T20:00:00+08:00"
    );
    assert_eq!(
        due(&off, "2026-04-30T19:00:00+08:00"),
        "2026-04-30T18:00:00+08:00"
    );
    // A pause still open counts up to now.
    let open = major_at(
        &steps[..2],
        Settings {
            pause_while_waiting: true,
            ..Settings::default()
        },
    );
    assert_eq!(
        due(&open, "2026-04-30T16:30:00+08:00"),
        "2026-04-30T19:00:00+08:00"
    );
    assert!(open.complaint(complaint_id(1)).unwrap().is_paused());
}

/// `(severity, valid?, now, escalates?)` for a complaint received 2026-01-31 10:00.
#[test]
fn a_valid_complaint_unresolved_for_a_month_becomes_major() {
    let rows: [(Severity, bool, &str, bool); 6] = [
        (Severity::Important, true, "2026-02-28T10:00:01+08:00", true),
        (Severity::Minor, true, "2026-03-05T10:00:00+08:00", true),
        (
            Severity::Important,
            true,
            "2026-02-28T09:59:59+08:00",
            false,
        ),
        (
            Severity::Important,
            false,
            "2026-03-05T10:00:00+08:00",
            false,
        ),
        (Severity::Major, true, "2026-03-05T10:00:00+08:00", false),
        (
            Severity::Important,
            true,
            "2026-02-27T10:00:00+08:00",
            false,
        ),
    ];
    for (severity, valid, now, escalates) in rows {
        let mut d = Device::new(1);
        let r = t("2026-01-31T10:00:00+08:00");
        d.run(complaint_id(1), receive_cmd(1, r), &staff(), r)
            .unwrap();
        let mut a = assess(severity);
        if !valid && let Command::Assess { validity, .. } = &mut a {
            *validity = Validity::Invalid {
                reason: "无效".into(),
            };
        }
        d.run(complaint_id(1), a, &staff(), r).unwrap();
        let c = d.complaint(complaint_id(1)).unwrap();
        let events = auto_escalations(&c, &d.settings, t(now));
        assert_eq!(
            !events.is_empty(),
            escalates,
            "{severity:?} valid={valid} {now}"
        );
        if escalates {
            assert_eq!(events[0].actor.role, Role::System);
            let stamped = d
                .clock
                .stamp_all(events, c.heads.clone(), Some(c.latest_hlc), || [7; 10]);
            d.events.extend(stamped);
            let c = d.complaint(complaint_id(1)).unwrap();
            assert_eq!(c.severity, Some(Severity::Major));
            assert!(c.criteria.contains(&Criterion::UnresolvedForAMonth));
            let last = c.levels.last().unwrap();
            assert_eq!(
                (last.by.role, last.item.from),
                (Role::System, Some(severity))
            );
            assert!(
                auto_escalations(&c, &d.settings, t(now)).is_empty(),
                "only once"
            );
        }
    }
    // A closed complaint is resolved: it never escalates.
    let (d, _) = walk(&minor_path(), minor_path().len());
    let c = d.complaint(complaint_id(1)).unwrap();
    assert!(auto_escalations(&c, &d.settings, t(RECEIVED) + TimeDelta::days(60)).is_empty());
    let (d, _) = walk(&minor_path(), 6);
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        auto_escalations(&c, &d.settings, t(RECEIVED) + TimeDelta::days(60)).len(),
        1
    );
}

#[test]
fn the_business_calendar() {
    let cal = BusinessCalendar::cn_2026();
    let rows = [
        ("2026-01-01", false),
        ("2026-01-04", true),
        ("2026-02-14", true),
        ("2026-02-16", false),
        ("2026-02-28", true),
        ("2026-04-06", false),
        ("2026-05-05", false),
        ("2026-05-09", true),
        ("2026-05-10", false),
        ("2026-06-19", false),
        ("2026-09-20", true),
        ("2026-09-25", false),
        ("2026-10-07", false),
        ("2026-10-08", true),
        ("2026-10-10", true),
        ("2026-11-27", true),
        ("2026-11-28", false),
    ];
    for (day, working) in rows {
        let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        assert_eq!(cal.is_working_day(d), working, "{day}");
    }
    let days_off: usize = cal
        .holidays
        .iter()
        .map(|h| (h.last - h.first).num_days() as usize + 1)
        .sum();
    assert_eq!(days_off, 3 + 9 + 3 + 5 + 3 + 3 + 7);
    assert_eq!(cal.make_up_days.len(), 6);
}

// Which years the calendar covers, and the clocks that count through one it does not.

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The shipped 2026 calendar with only `years` covered.
fn covering(years: &[i32]) -> BusinessCalendar {
    let mut cal = BusinessCalendar::cn_2026();
    cal.covered_years = years.iter().copied().collect();
    cal
}

/// `(start, span, mode, covered years, the uncovered year the count runs through)`.
type UncoveredRow<'a> = (&'a str, Span, DayMode, &'a [i32], Option<i32>);

fn check_uncovered(rows: &[UncoveredRow<'_>]) {
    for (start, span, mode, years, expected) in rows {
        let found = uncovered_year(t(start), *span, *mode, &covering(years));
        assert_eq!(
            found, *expected,
            "{start} {span:?} {mode:?} covering {years:?}"
        );
    }
}

#[test]
fn a_working_day_count_names_the_first_year_without_a_calendar() {
    const Y26: &[i32] = &[2026];
    const BOTH: &[i32] = &[2026, 2027];
    // Monday 2026-12-28 and Thursday 2026-12-31.
    let mon = "2026-12-28T10:00:00+08:00";
    let thu = "2026-12-31T10:00:00+08:00";
    check_uncovered(&[
        // Ten working days run into January 2027.
        (mon, Span::Days(10), WORK, Y26, Some(2027)),
        (mon, Span::Days(10), WORK, BOTH, None),
        // Two working days (12-29, 12-30) stay in 2026.
        (mon, Span::Days(2), WORK, Y26, None),
        // From Thursday the second working day is in 2027.
        (thu, Span::Days(2), WORK, Y26, Some(2027)),
        (thu, Span::Days(1), WORK, Y26, Some(2027)),
        // Calendar days, minutes, hours and months count no working days.
        (mon, Span::Days(10), CAL, Y26, None),
        (thu, Span::SameDay, CAL, &[], None),
        ("2026-12-31T23:00:00+08:00", Span::Hours(3), WORK, Y26, None),
        (
            "2026-12-31T23:55:00+08:00",
            Span::Minutes(10),
            WORK,
            Y26,
            None,
        ),
        (
            "2026-12-15T10:00:00+08:00",
            Span::Months(1),
            WORK,
            Y26,
            None,
        ),
        // A same-day clock asks whether its own day is a working day.
        (thu, Span::SameDay, WORK, Y26, None),
        (
            "2027-01-04T10:00:00+08:00",
            Span::SameDay,
            WORK,
            Y26,
            Some(2027),
        ),
        ("2027-01-04T10:00:00+08:00", Span::SameDay, WORK, BOTH, None),
        // Saturday 2026-12-26 looks ahead to Monday 12-28, still 2026.
        ("2026-12-26T10:00:00+08:00", Span::SameDay, WORK, Y26, None),
        // Received on the last day of 2025: the count passes 12-31 of 2025 first.
        (
            "2025-12-30T12:00:00+08:00",
            Span::Days(2),
            WORK,
            Y26,
            Some(2025),
        ),
        ("2025-12-31T12:00:00+08:00", Span::Days(1), WORK, Y26, None),
        // Nothing covered at all.
        (
            "2026-05-08T09:00:00+08:00",
            Span::Days(2),
            WORK,
            &[],
            Some(2026),
        ),
        // A zero-day clock counts nothing.
        (mon, Span::Days(0), WORK, &[], None),
    ]);
}

#[test]
fn the_year_to_add_is_due_from_the_first_of_november() {
    let rows: [(&str, &[i32], Option<i32>); 9] = [
        ("2026-10-31", &[2026], None),
        ("2026-11-01", &[2026], Some(2027)),
        ("2026-12-01", &[2026], Some(2027)),
        ("2026-12-31", &[2026, 2027], None),
        // Past New Year without it: this year is missing, and more urgently.
        ("2027-01-01", &[2026], Some(2027)),
        ("2027-06-30", &[2026], Some(2027)),
        ("2027-06-30", &[2026, 2027], None),
        ("2027-11-15", &[2026, 2027], Some(2028)),
        ("2026-03-01", &[], Some(2026)),
    ];
    for (today, years, expected) in rows {
        assert_eq!(
            covering(years).year_to_add(day(today)),
            expected,
            "{today} covering {years:?}"
        );
    }
}

#[test]
fn entering_or_confirming_a_year_covers_it() {
    let cn = BusinessCalendar::cn_2026();
    assert_eq!(cn.covered_years.iter().copied().collect::<Vec<_>>(), [2026]);
    assert!(!BusinessCalendar::weekends_only().covers(2026));
    let new_year = Holiday {
        name_zh: "元旦".into(),
        name_en: "New Year's Day".into(),
        first: day("2027-01-01"),
        last: day("2027-01-01"),
    };
    // `(calendar, covers 2027, 2027-01-01 is a working day, 2026-10-01 is)`.
    let rows = [
        (cn.clone(), false, true, false),
        (cn.clone().with_year_confirmed(2027), true, true, false),
        (
            cn.clone()
                .with_year_entered(2027, vec![new_year.clone()], Default::default()),
            true,
            false,
            false,
        ),
        // Entering a year again replaces only that year, and 2026 stays covered.
        (
            cn.clone()
                .with_year_entered(2027, vec![new_year], Default::default())
                .with_year_entered(2027, Vec::new(), Default::default()),
            true,
            true,
            false,
        ),
    ];
    for (i, (cal, covers, jan_first, national_day)) in rows.into_iter().enumerate() {
        assert_eq!(cal.covers(2027), covers, "row {i}");
        assert!(cal.covers(2026), "row {i}");
        assert_eq!(cal.is_working_day(day("2027-01-01")), jan_first, "row {i}");
        assert_eq!(
            cal.is_working_day(day("2026-10-01")),
            national_day,
            "row {i}"
        );
    }
}

/// Records a settings change by the leader at `now`, and folds the settings again.
fn set(d: &mut Device, change: SettingChange, now: &str) {
    let s = fold_settings(&d.events);
    let news = apply_setting(&s, &change, &leader(), t(now)).expect("the leader may");
    let r = d.random();
    let stamped = d.clock.stamp_all(news, s.heads.clone(), s.latest_hlc, || r);
    d.events.extend(stamped);
    d.settings = fold_settings(&d.events);
}

#[test]
fn a_ten_day_clock_over_new_year_reports_the_missing_2027_calendar_until_it_is_confirmed() {
    let received = "2026-12-28T10:00:00+08:00";
    let now = "2026-12-29T09:00:00+08:00";
    let new_year = Holiday {
        name_zh: "元旦".into(),
        name_en: "New Year's Day".into(),
        first: day("2027-01-01"),
        last: day("2027-01-01"),
    };
    let shipped = BusinessCalendar::cn_2026();
    // `(what a leader recorded about 2027, whole handling: warning and due time)`.
    let rows = [
        (None, Some(2027), "2027-01-11T23:59:59+08:00"),
        (
            Some(shipped.clone().with_year_confirmed(2027)),
            None,
            "2027-01-11T23:59:59+08:00",
        ),
        (
            Some(shipped.with_year_entered(2027, vec![new_year], Default::default())),
            None,
            "2027-01-12T23:59:59+08:00",
        ),
    ];
    for (calendar, warning, due) in rows {
        let mut d = Device::new(1);
        set(
            &mut d,
            SettingChange::DayMode(DayMode::WorkingDays),
            received,
        );
        if let Some(calendar) = calendar.clone() {
            set(&mut d, SettingChange::Calendar(calendar), received);
        }
        let r = t(received);
        d.run(complaint_id(1), receive_cmd(1, r), &staff(), r)
            .unwrap();
        d.run(complaint_id(1), assess(Severity::Major), &staff(), r)
            .unwrap();
        let c = d.complaint(complaint_id(1)).unwrap();
        let whole = evaluate_clock(&c, Clock::WholeHandling, &d.settings, t(now)).unwrap();
        assert_eq!(whole.calendar_not_set, warning, "{calendar:?}");
        assert_eq!(whole.due.to_rfc3339(), due, "{calendar:?}");
        assert!(matches!(whole.status, ClockStatus::Pending { .. }));
        // The 2-day clear answer (12-29, 12-30) never leaves 2026.
        let clear = evaluate_clock(&c, Clock::ClearAnswer, &d.settings, t(now)).unwrap();
        assert_eq!(clear.calendar_not_set, None);
        // Of all the complaint's clocks, only the 10-day one runs into 2027.
        let all = evaluate(&c, &d.settings, t(now));
        let flagged: Vec<Clock> = all
            .iter()
            .filter(|v| v.calendar_not_set.is_some())
            .map(|v| v.clock)
            .collect();
        let expected: &[Clock] = if warning.is_some() {
            &[Clock::WholeHandling]
        } else {
            &[]
        };
        assert_eq!(flagged, expected, "{calendar:?}");
    }
}

/// A major complaint received and dispatched at `at`, with nothing else done.
fn dispatched_at(at: &str, settings: Settings) -> Complaint {
    let mut d = Device::new(1);
    d.settings = settings;
    let r = t(at);
    d.run(complaint_id(1), receive_cmd(1, r), &staff(), r)
        .unwrap();
    d.run(complaint_id(1), assess(Severity::Major), &staff(), r)
        .unwrap();
    d.run(complaint_id(1), dispatch(), &staff(), r).unwrap();
    d.complaint(complaint_id(1)).unwrap()
}

#[test]
fn the_reporting_lines_across_a_weekend_and_a_holiday() {
    let working = Settings {
        day_mode: DayMode::WorkingDays,
        ..Settings::default()
    };
    let due = |c: &Complaint, clock: Clock, s: &Settings| {
        evaluate_clock(c, clock, s, t("2026-12-01T00:00:00+08:00"))
            .map(|v| v.due.to_rfc3339())
            .unwrap_or_default()
    };
    // Saturday 5 December: the command within 30 minutes, day and night, in both modes; the
    // sign-for and the forwarding the same day, or in working-day mode by the end of Monday.
    let saturday = dispatched_at("2026-12-05T10:00:00+08:00", working.clone());
    assert_eq!(
        due(&saturday, Clock::ReportToCommand, &working),
        "2026-12-05T10:30:00+08:00"
    );
    assert_eq!(
        due(&saturday, Clock::SignFor, &working),
        "2026-12-07T23:59:59+08:00"
    );
    assert_eq!(
        due(&saturday, Clock::ForwardToManager, &working),
        "2026-12-07T23:59:59+08:00"
    );
    let calendar = Settings::default();
    let saturday = dispatched_at("2026-12-05T10:00:00+08:00", calendar.clone());
    assert_eq!(
        due(&saturday, Clock::SignFor, &calendar),
        "2026-12-05T23:59:59+08:00"
    );
    // Saturday 3 October, in the National Day holiday: the next working day is Thursday 8th.
    let holiday = dispatched_at("2026-10-03T21:00:00+08:00", working.clone());
    assert_eq!(
        due(&holiday, Clock::SignFor, &working),
        "2026-10-08T23:59:59+08:00"
    );
    assert_eq!(
        due(&holiday, Clock::ReportToCommand, &working),
        "2026-10-03T21:30:00+08:00"
    );
    // A minor complaint is not reported to the command.
    let mut d = Device::new(2);
    let r = t("2026-12-05T10:00:00+08:00");
    d.run(complaint_id(1), receive_cmd(1, r), &staff(), r)
        .unwrap();
    d.run(complaint_id(1), assess(Severity::Minor), &staff(), r)
        .unwrap();
    let minor = d.complaint(complaint_id(1)).unwrap();
    assert!(evaluate_clock(&minor, Clock::ReportToCommand, &d.settings, r).is_none());
}
