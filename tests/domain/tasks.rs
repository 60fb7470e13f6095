//! Department tasks: each department with a task reports back on its own, the reply clock starts
//! when the last one has, and each task's due time is a clock of its own that the dashboard
//! lists once it is past.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::board::board;
use complaints::domain::*;

/// Complaint 1 on the major path up to its implementation, then started with two tasks: the
/// engineering one due in two hours, the cleaning one in a day. Returns the device and the time.
fn implementing() -> (Device, chrono::DateTime<chrono::FixedOffset>) {
    let path = major_path();
    let at = path
        .iter()
        .position(|(c, _, _)| matches!(c, Command::StartImplementation { .. }))
        .expect("the path implements");
    let (mut d, mut now) = walk(&path, at);
    now += TimeDelta::minutes(1);
    let tasks = vec![
        Task {
            department: "工程部".into(),
            description: "更换主板".into(),
            due: Some(now + TimeDelta::hours(2)),
        },
        Task {
            department: "保洁部".into(),
            description: "清理现场".into(),
            due: Some(now + TimeDelta::days(1)),
        },
    ];
    d.run(
        complaint_id(1),
        Command::StartImplementation { tasks },
        &staff(),
        now,
    )
    .unwrap();
    (d, now)
}

fn report(department: &str) -> Command {
    Command::ReportBack {
        department: department.into(),
        summary: "已完成".into(),
        finished_at: None,
    }
}

#[test]
fn each_department_reports_back_and_the_reply_clock_starts_after_the_last() {
    let (mut d, now) = implementing();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        c.pending_reports(),
        vec!["工程部".to_string(), "保洁部".to_string()]
    );

    let first = now + TimeDelta::minutes(30);
    d.run(complaint_id(1), report("工程部"), &dept_head(), first)
        .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(c.pending_reports(), vec!["保洁部".to_string()]);
    assert_eq!(
        c.reported_back_at, None,
        "one of two reported: no reply clock yet"
    );
    // The second department is still offered; a reply is not yet possible.
    let s = Settings::default();
    let kinds = allowed_commands(Some(&c), &dept_head(), first, &s);
    assert!(kinds.contains(&CommandKind::ReportBack), "{kinds:?}");
    assert_eq!(
        d.run(
            complaint_id(1),
            Command::Reply(Reply {
                result: "已修复".into(),
                reasons: String::new(),
                basis: String::new(),
            }),
            &staff(),
            first
        )
        .unwrap_err(),
        DomainError::NotReportedBack
    );
    // The same department again, or one without a task, is refused and named.
    for again in ["工程部", "保安部"] {
        assert_eq!(
            d.run(complaint_id(1), report(again), &dept_head(), first)
                .unwrap_err(),
            DomainError::NoTaskFor {
                department: again.into()
            }
        );
    }
    assert!(
        !evaluate(&c, &s, first)
            .iter()
            .any(|v| v.clock == Clock::ReplyAfterReportBack)
    );

    let second = now + TimeDelta::hours(3);
    d.run(complaint_id(1), report("保洁部"), &dept_head(), second)
        .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert!(c.pending_reports().is_empty());
    assert_eq!(c.reported_back_at, Some(second));
    let reply = evaluate(&c, &s, second)
        .into_iter()
        .find(|v| v.clock == Clock::ReplyAfterReportBack)
        .expect("the reply clock runs");
    assert_eq!(reply.started, second, "from the last report-back");
    assert!(
        !allowed_commands(Some(&c), &dept_head(), second, &s).contains(&CommandKind::ReportBack)
    );
}

#[test]
fn a_task_past_its_due_time_is_a_breached_clock_and_on_the_dashboard() {
    let (mut d, now) = implementing();
    let s = Settings::default();
    let c = d.complaint(complaint_id(1)).unwrap();
    let facts = c.clock_facts();
    // Within the time both are pending.
    let statuses: Vec<_> = facts
        .task_clocks(now + TimeDelta::hours(1))
        .into_iter()
        .map(|(t, st)| {
            (
                t.department.clone(),
                matches!(st, ClockStatus::Pending { .. }),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![("工程部".to_string(), true), ("保洁部".to_string(), true)]
    );
    // Three hours on, engineering is overdue; the dashboard lists the complaint.
    let later = now + TimeDelta::hours(3);
    let overdue: Vec<&str> = facts
        .overdue_tasks(later)
        .iter()
        .map(|t| t.department.as_str())
        .collect();
    assert_eq!(overdue, vec!["工程部"]);
    match facts.task_clocks(later)[0].1 {
        ClockStatus::Breached { by, met_at: None } => assert_eq!(by, TimeDelta::hours(1)),
        ref other => panic!("{other:?}"),
    }
    let briefs = [Brief::of(&c)];
    let b = board(briefs.iter(), &s, later, Some(&staff()));
    assert_eq!(b.overdue_tasks.len(), 1);
    assert!(
        board(briefs.iter(), &s, now, Some(&staff()))
            .overdue_tasks
            .is_empty()
    );

    // Reported back late: the clock is breached but done, and off the dashboard.
    d.run(complaint_id(1), report("工程部"), &dept_head(), later)
        .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    let facts = c.clock_facts();
    match facts.task_clocks(later)[0].1 {
        ClockStatus::Breached { met_at, .. } => assert_eq!(met_at, Some(later)),
        ref other => panic!("{other:?}"),
    }
    assert!(facts.overdue_tasks(later).is_empty());
    // Cleaning reports back in time: met.
    let cleaning = later + TimeDelta::hours(1);
    d.run(complaint_id(1), report("保洁部"), &dept_head(), cleaning)
        .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        c.clock_facts().task_clocks(cleaning)[1].1,
        ClockStatus::Met { at: cleaning }
    );
    // The report-back form starts on a department still to report.
    let (d2, _) = implementing();
    let c = d2.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        form::defaults(CommandKind::ReportBack, &c, false, 5).get("department"),
        Some(&"工程部".to_string())
    );
}

#[test]
fn the_handling_form_is_due_back_the_day_the_handling_finished() {
    let (mut d, now) = implementing();
    // Engineering finished yesterday evening and returns the form today: late.
    let yesterday = now - TimeDelta::days(1);
    let late = Command::ReportBack {
        department: "工程部".into(),
        summary: "已更换".into(),
        finished_at: Some(yesterday),
    };
    d.run(
        complaint_id(1),
        late,
        &dept_head(),
        now + TimeDelta::minutes(5),
    )
    .unwrap();
    // Cleaning finished and returns it within the hour: met.
    let on_time = Command::ReportBack {
        department: "保洁部".into(),
        summary: "已清理".into(),
        finished_at: Some(now + TimeDelta::minutes(10)),
    };
    // A finishing time after the report is refused, and nothing is written.
    let ahead = Command::ReportBack {
        department: "保洁部".into(),
        summary: "已清理".into(),
        finished_at: Some(now + TimeDelta::hours(3)),
    };
    assert_eq!(
        d.run(
            complaint_id(1),
            ahead,
            &dept_head(),
            now + TimeDelta::hours(1)
        ),
        Err(DomainError::Invalid(ValidationError::FinishedAfterReport))
    );
    d.run(
        complaint_id(1),
        on_time,
        &dept_head(),
        now + TimeDelta::hours(1),
    )
    .unwrap();
    let c = d.complaint(complaint_id(1)).unwrap();
    let statuses: Vec<(String, bool)> = c
        .returns
        .iter()
        .map(|r| {
            (
                r.department.clone(),
                matches!(r.status(&d.settings), ClockStatus::Met { .. }),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![("工程部".to_string(), false), ("保洁部".to_string(), true)]
    );
    assert_eq!(c.clock_facts().returns.len(), 2);
}
