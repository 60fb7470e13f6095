//! The week in the field: plan recurrence, what is due on a day, missed visits, coverage
//! figures, who may plan, the unit list read from a CSV file, and the visit events through
//! the file format.

use crate::common::*;
use chrono::NaiveDate;
use complaints::domain::visits::*;
use complaints::domain::*;
use complaints::sync::csv::{UnitListError, read_households};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn unit(b: &str, e: &str, r: &str) -> Unit {
    Unit {
        building: b.into(),
        entrance: e.into(),
        room: r.into(),
    }
}

/// Runs `command` as `actor` at `now` on `d` and returns the event's id.
fn run(d: &mut Device, command: VisitCommand, actor: &Actor, now: &str) -> EventId {
    let visits = fold_visits(&d.events);
    let news = apply_visit(&visits, &Settings::default(), &command, actor, t(now)).unwrap();
    let n = d.events.len() as u8;
    let stamped = d
        .clock
        .stamp_all(news, visits.heads, visits.latest_hlc, || [n; 10]);
    d.events.extend(stamped.clone());
    stamped[0].id
}

fn project() -> Project {
    let h = |r: &str, owner: &str| Household {
        unit: unit("3栋", "2单元", r),
        owner: owner.into(),
        phone: Some(Phone::parse("13800138000").unwrap()),
    };
    Project {
        id: "lake".into(),
        name: "湖畔花园".into(),
        households: vec![h("101", "王芳"), h("102", "李强"), h("103", "赵敏")],
    }
}

fn plan(staff: &Actor, first: &str, weekly: bool, units: Vec<Unit>) -> VisitCommand {
    VisitCommand::Plan(VisitPlan {
        staff: staff.id,
        staff_name: staff.name.clone(),
        project: "lake".into(),
        building: "3栋".into(),
        units,
        day: day(first),
        weekly,
    })
}

fn visit(plan: Option<EventId>, on: &str, room: &str, outcome: Outcome) -> VisitCommand {
    VisitCommand::Record(Visit {
        plan,
        day: day(on),
        project: "lake".into(),
        unit: unit("3栋", "2单元", room),
        outcome,
        satisfaction: None,
        topics: Vec::new(),
        note: String::new(),
        photos: Vec::new(),
    })
}

#[test]
fn a_weekly_plan_recurs_on_its_weekday_until_it_is_ended() {
    let p = VisitPlan {
        staff: staff().id,
        staff_name: "x".into(),
        project: "lake".into(),
        building: "3栋".into(),
        units: Vec::new(),
        day: day("2026-11-30"), // a Monday
        weekly: true,
    };
    assert!(
        !p.occurs_on(day("2026-11-23"), None),
        "not before its first day"
    );
    assert!(p.occurs_on(day("2026-11-30"), None));
    assert!(!p.occurs_on(day("2026-12-01"), None));
    assert!(p.occurs_on(day("2026-12-07"), None));
    assert!(p.occurs_on(day("2027-03-01"), None), "across the year end");
    assert!(
        !p.occurs_on(day("2026-12-14"), Some(day("2026-12-14"))),
        "ended from that day"
    );
    assert!(p.occurs_on(day("2026-12-07"), Some(day("2026-12-14"))));
    let once = VisitPlan { weekly: false, ..p };
    assert!(once.occurs_on(day("2026-11-30"), None));
    assert!(!once.occurs_on(day("2026-12-07"), None));
    assert_eq!(monday_of(day("2026-12-06")), day("2026-11-30"));
    assert_eq!(monday_of(day("2026-11-30")), day("2026-11-30"));
}

#[test]
fn the_day_lists_todays_households_and_the_missed_ones_and_coverage_counts_them() {
    let mut d = Device::new(1);
    let me = staff();
    run(
        &mut d,
        VisitCommand::SetProject(project()),
        &leader(),
        "2026-11-27T09:00:00+08:00",
    );
    // Monday: the whole building (three households), weekly; Tuesday: one household, once.
    let monday = run(
        &mut d,
        plan(&me, "2026-11-30", true, Vec::new()),
        &leader(),
        "2026-11-27T09:01:00+08:00",
    );
    let tuesday = run(
        &mut d,
        plan(&me, "2026-12-01", false, vec![unit("3栋", "2单元", "102")]),
        &leader(),
        "2026-11-27T09:02:00+08:00",
    );
    let v = fold_visits(&d.events);
    let stops = v.stops(day("2026-11-30"), Some(me.id));
    assert_eq!(stops.len(), 4);
    assert_eq!(
        stops[0].household.unwrap().owner,
        "王芳",
        "owner from the unit list"
    );

    // Monday's round: no issue, not at home, a finding that becomes a complaint.
    run(
        &mut d,
        visit(Some(monday), "2026-11-30", "101", Outcome::NoIssue),
        &me,
        "2026-11-30T10:00:00+08:00",
    );
    run(
        &mut d,
        visit(Some(monday), "2026-11-30", "102", Outcome::NotHome),
        &me,
        "2026-11-30T10:10:00+08:00",
    );
    let finding = run(
        &mut d,
        visit(Some(monday), "2026-11-30", "103", Outcome::Finding),
        &me,
        "2026-11-30T10:20:00+08:00",
    );
    run(
        &mut d,
        VisitCommand::Link {
            visit: finding,
            complaint: complaint_id(9),
        },
        &me,
        "2026-11-30T10:25:00+08:00",
    );
    let v = fold_visits(&d.events);
    let (today, missed) = v.due(me.id, day("2026-11-30"));
    assert!(today.is_empty() && missed.is_empty(), "Monday is done");
    // Wednesday: Tuesday's household was missed; nothing is due today.
    let (today, missed) = v.due(me.id, day("2026-12-02"));
    assert!(today.is_empty());
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].plan, tuesday);
    // The next Monday the weekly plan is due again.
    let (today, _) = v.due(me.id, day("2026-12-07"));
    assert_eq!(today.len(), 3);
    assert_eq!(v.visit_of(complaint_id(9)).map(|e| e.event), Some(finding));
    assert_eq!(v.complaints_of(finding), &[complaint_id(9)]);

    let c = v.coverage(day("2026-11-30"));
    assert_eq!(
        (
            c.total.planned,
            c.total.done,
            c.total.met,
            c.total.findings,
            c.total.complaints
        ),
        (4, 3, 2, 1, 1)
    );
    assert_eq!(c.by_person.len(), 1);
    assert_eq!(c.by_person[0].planned, 4);
    assert_eq!(c.by_building.len(), 1);
    assert_eq!(c.by_building[0].label, "湖畔花园 3栋");
    assert_eq!(c.by_building[0].met, 2);
    // The week after: planned again, nothing done yet.
    let next = v.coverage(day("2026-12-07"));
    assert_eq!((next.total.planned, next.total.done), (3, 0));

    // Ending the weekly plan from 14 December drops it from that week on.
    run(
        &mut d,
        VisitCommand::EndPlan {
            plan: monday,
            from: day("2026-12-14"),
        },
        &leader(),
        "2026-12-08T09:00:00+08:00",
    );
    let v = fold_visits(&d.events);
    assert_eq!(v.coverage(day("2026-12-07")).total.planned, 3);
    assert_eq!(v.coverage(day("2026-12-14")).total.planned, 0);

    // Every event goes through the file format unchanged and passes the checks on the way in.
    for e in &d.events {
        let wire = complaints::format::WireBody::from(&e.body);
        let json = serde_json::to_string(&wire).unwrap();
        let back: complaints::format::WireBody = serde_json::from_str(&json).unwrap();
        assert_eq!(back.into_domain("body").unwrap(), e.body, "{json}");
        assert_eq!(admit::check_event(e), Ok(()));
    }
    // A visit event on any other record is refused.
    let mut stray = d.events[1].clone();
    stray.record = complaint_id(1);
    assert!(admit::check_event(&stray).is_err());
}

#[test]
fn only_a_leader_sets_up_places_and_plans_and_a_visit_needs_its_unit() {
    let v = Visits::default();
    let s = Settings::default();
    let at = t("2026-11-30T10:00:00+08:00");
    let refused = apply_visit(&v, &s, &VisitCommand::SetProject(project()), &staff(), at);
    assert!(matches!(refused, Err(DomainError::NotPermitted { .. })));
    let refused = apply_visit(
        &v,
        &s,
        &plan(&staff(), "2026-11-30", true, Vec::new()),
        &staff(),
        at,
    );
    assert!(matches!(refused, Err(DomainError::NotPermitted { .. })));
    assert!(
        apply_visit(
            &v,
            &s,
            &plan(&staff(), "2026-11-30", true, Vec::new()),
            &deputy(),
            at
        )
        .is_ok()
    );
    let no_room = visit(None, "2026-11-30", " ", Outcome::NoIssue);
    assert_eq!(
        apply_visit(&v, &s, &no_room, &staff(), at),
        Err(DomainError::Invalid(ValidationError::Required(Field::Room)))
    );
    assert!(
        apply_visit(
            &v,
            &s,
            &visit(None, "2026-11-30", "101", Outcome::NoIssue),
            &staff(),
            at
        )
        .is_ok()
    );
}

#[test]
fn a_unit_list_is_read_from_a_spreadsheet_csv_with_a_bom_and_chinese_headers() {
    let csv = "\u{feff}楼栋,单元,房号,业主姓名,联系电话\r\n3栋,2单元,1201,王芳,13800138000\r\n\"3栋\",\"2单元\",\"1202\",\"李 \"\"强\"\"\",\r\n\r\n5栋,,101,,010-12345678\r\n";
    let list = read_households(csv).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].unit, unit("3栋", "2单元", "1201"));
    assert_eq!(list[0].phone.as_ref().unwrap().as_str(), "13800138000");
    assert_eq!(list[1].owner, "李 \"强\"");
    assert_eq!(list[1].phone, None);
    assert_eq!(list[2].unit, unit("5栋", "", "101"));
    // English headers, in another order.
    let en = "room,building,owner name\n101,A,Ann\n";
    assert_eq!(read_households(en).unwrap()[0].unit, unit("A", "", "101"));
    // What is wrong is named, with its line.
    assert_eq!(
        read_households("楼栋,单元\n3栋,1\n"),
        Err(UnitListError::MissingColumn("房号"))
    );
    assert_eq!(read_households("楼栋,房号\n"), Err(UnitListError::Empty));
    assert_eq!(
        read_households("楼栋,房号,电话\n3栋,101,123\n"),
        Err(UnitListError::Line {
            line: 2,
            error: ValidationError::Phone {
                input: "123".into()
            }
        })
    );
    assert_eq!(
        read_households("楼栋,房号\n3栋,\"101\n"),
        Err(UnitListError::Unclosed { line: 2 })
    );
}

#[test]
fn a_complaints_project_is_kept_filtered_and_counted_and_absent_in_older_files() {
    use complaints::domain::search::{Filters, filter_and_sort, index};
    use complaints::domain::stats::{Dimension, key};
    let mut d = Device::new(1);
    let at = t("2026-11-30T10:00:00+08:00");
    let mut with_project = receive_cmd(1, at);
    if let Command::Receive { details, .. } = &mut with_project {
        details.project = Some(" 湖畔花园 ".into());
    }
    d.run(complaint_id(1), with_project, &staff(), at).unwrap();
    d.run(complaint_id(2), receive_cmd(2, at), &staff(), at)
        .unwrap();
    let one = d.complaint(complaint_id(1)).unwrap();
    let two = d.complaint(complaint_id(2)).unwrap();
    assert_eq!(one.details.project.as_deref(), Some("湖畔花园"), "trimmed");
    assert_eq!(key(&one, Dimension::Project), "湖畔花园");
    assert_eq!(key(&two, Dimension::Project), "");
    let all = briefs([&one, &two]);
    let shown = filter_and_sort(
        &index(&all),
        &Filters {
            project: Some("湖畔花园".into()),
            ..Filters::default()
        },
        &Settings::default(),
        at,
    );
    assert_eq!(shown, vec![complaint_id(1)]);
    // The file carries `project` only when there is one, so events from before read the same.
    let json =
        |e: &Event| serde_json::to_string(&complaints::format::WireBody::from(&e.body)).unwrap();
    let received = |id| d.events.iter().find(|e| e.record == id).unwrap();
    assert!(json(received(complaint_id(1))).contains("\"project\":\"湖畔花园\""));
    assert!(!json(received(complaint_id(2))).contains("project"));
}
