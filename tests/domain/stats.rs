//! Statistics: counts by every dimension, clock compliance, time to resolve, satisfaction,
//! repeats and backlog ageing, with drills and deleted complaints left out.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::stats::*;
use complaints::domain::*;

/// Six complaints on one device:
/// 1 major, closed after 13 hours; 2 minor, closed after 8 days; 3 minor, replied, then a
/// dissatisfied follow-up; 4 important, only received 40 days ago; 5 a drill; 6 deleted.
fn sample_set() -> Vec<Complaint> {
    let mut d = Device::new(1);
    let h = TimeDelta::hours(1);
    let with = |channel, category: &str, building: &str| {
        let mut det = details();
        det.channel = channel;
        det.category = Some(category.into());
        if let Some(u) = det.complainant.unit.as_mut() {
            u.building = building.into();
        }
        det
    };
    walk_on(
        &mut d,
        1,
        with(Channel::Hotline, "facilities", "3栋"),
        &major_path(),
        13,
        t("2026-11-02T09:00:00+08:00"),
        h,
    );
    walk_on(
        &mut d,
        2,
        with(Channel::WalkIn, "facilities", "3栋"),
        &minor_path(),
        8,
        t("2026-11-03T09:00:00+08:00"),
        TimeDelta::days(1),
    );
    let mut third = minor_path();
    third[6] = (
        follow_up(
            Satisfaction::Dissatisfied,
            Some(WorkflowState::Investigating),
        ),
        staff(),
        WorkflowState::Investigating,
    );
    walk_on(
        &mut d,
        3,
        with(Channel::WalkIn, "cleaning", "5栋"),
        &third,
        7,
        t("2026-11-20T09:00:00+08:00"),
        h,
    );
    walk_on(
        &mut d,
        4,
        with(Channel::Email, "fees", "5栋"),
        &minor_path(),
        0,
        t("2026-10-19T09:00:00+08:00"),
        h,
    );
    let mut drill = with(Channel::WalkIn, "fees", "9栋");
    drill.drill = true;
    walk_on(
        &mut d,
        5,
        drill,
        &major_path(),
        13,
        t("2026-11-10T09:00:00+08:00"),
        h,
    );
    let end = walk_on(
        &mut d,
        6,
        with(Channel::Letter, "fees", "9栋"),
        &minor_path(),
        1,
        t("2026-11-11T09:00:00+08:00"),
        h,
    );
    d.run(
        complaint_id(6),
        Command::Delete {
            reason: "重复录入".into(),
        },
        &leader(),
        end,
    )
    .unwrap();
    // Complaint 4 is important and still open.
    d.run(
        complaint_id(4),
        assess(Severity::Important),
        &staff(),
        t("2026-10-19T09:05:00+08:00"),
    )
    .unwrap();
    // The assessments above set "facilities"; put back the categories of 3 and 4.
    for (n, category) in [(3, "cleaning"), (4, "fees")] {
        d.run(
            complaint_id(n),
            Command::EditField(FieldChange::Category(category.into())),
            &staff(),
            end,
        )
        .unwrap();
    }
    fold_complaints(&d.events).into_values().collect()
}

fn check_counts(dimension: Dimension, expected: &[(&str, usize)]) {
    let all = sample_set();
    let got = counts_by(&all, dimension);
    let want: std::collections::BTreeMap<String, usize> =
        expected.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    assert_eq!(got, want, "{dimension:?}");
}

#[test]
fn counts_by_every_dimension_leave_out_drills_and_deleted() {
    check_counts(
        Dimension::Period(Period::Month),
        &[("2026-10", 1), ("2026-11", 3)],
    );
    check_counts(
        Dimension::Period(Period::Day),
        &[
            ("2026-10-19", 1),
            ("2026-11-02", 1),
            ("2026-11-03", 1),
            ("2026-11-20", 1),
        ],
    );
    check_counts(
        Dimension::Period(Period::Week),
        &[("2026-W43", 1), ("2026-W45", 2), ("2026-W47", 1)],
    );
    check_counts(
        Dimension::Level,
        &[("important", 1), ("major", 1), ("minor", 2)],
    );
    check_counts(
        Dimension::Category,
        &[("cleaning", 1), ("facilities", 2), ("fees", 1)],
    );
    check_counts(Dimension::Department, &[("工程部", 3), ("", 1)]);
    check_counts(
        Dimension::Channel,
        &[("email", 1), ("hotline", 1), ("walk_in", 2)],
    );
    check_counts(Dimension::Building, &[("3栋", 2), ("5栋", 2)]);
}

#[test]
fn received_between_bounds() {
    let all = sample_set();
    let nov = received_between(
        &all,
        t("2026-11-01T00:00:00+08:00"),
        t("2026-12-01T00:00:00+08:00"),
    );
    assert_eq!(nov.len(), 3);
    assert_eq!(counted(&all).len(), 4);
}

#[test]
fn time_to_resolve_satisfaction_and_repeats() {
    let all = sample_set();
    let times = time_to_resolve(&all).unwrap();
    assert_eq!(
        (times.count, times.median, times.p90),
        (2, TimeDelta::hours(13), TimeDelta::days(8))
    );
    // Complaint 1 satisfied, 2 basically satisfied, 3 dissatisfied.
    let rate = satisfaction_rate(&all).unwrap();
    assert!((rate - 2.0 / 3.0).abs() < 1e-9, "{rate}");
    // Complaint 2 repeats complaint 1 (same phone, same category, within 90 days).
    let repeats = repeat_rate(&all, 90).unwrap();
    assert!((repeats - 0.25).abs() < 1e-9, "{repeats}");
    assert_eq!(repeat_rate(&all, 0), Some(0.0));
    assert_eq!(time_to_resolve(&[]), None);
    assert_eq!(satisfaction_rate(&[]), None);
}

#[test]
fn backlog_ageing_buckets() {
    let all = sample_set();
    // Open: 3 (received 11-20, 8 days old) and 4 (received 10-19, 40 days old).
    assert_eq!(
        backlog_ageing(&all, t("2026-11-28T09:00:00+08:00")),
        [0, 0, 0, 1, 1]
    );
    assert_eq!(
        backlog_ageing(&all, t("2026-11-20T12:00:00+08:00")),
        [1, 0, 0, 0, 1]
    );
    assert_eq!(AGEING_BUCKETS.len(), 5);
}

#[test]
fn clock_compliance_per_clock() {
    let all = sample_set();
    let s = Settings::default();
    let got = clock_compliance(&all, &s, t("2026-11-28T09:00:00+08:00"));
    let c = |met, breached, pending| Compliance {
        met,
        breached,
        pending,
    };
    // Steps an hour apart: every dispatch (10 minutes) was late, and 4 was never dispatched;
    // the major one responded (activation 3 hours after receipt, on the dot) in time.
    assert_eq!(got[&Clock::Dispatch], c(0, 4, 0));
    assert_eq!(got[&Clock::Respond], c(1, 0, 0));
    assert_eq!(got[&Clock::ReportToGeneralManager], c(0, 1, 0));
    // Complaint 2 moved a day per step: its reply came the day after the report back.
    assert_eq!(got[&Clock::ReplyAfterReportBack], c(2, 1, 0));
    assert_eq!(got[&Clock::ClearAnswer], c(1, 0, 0));
    assert_eq!(got[&Clock::WholeHandling], c(1, 0, 0));
    // Important 4 is open for 40 days: breached; minor 3 is 8 days old: pending; 2 closed: met.
    assert_eq!(got[&Clock::BecomeMajor], c(1, 1, 1));
    assert_eq!(got[&Clock::Dispatch].rate(), Some(0.0));
    assert_eq!(Compliance::default().rate(), None);
}

// The list: search, filters and order (domain::search).

mod list {
    use super::*;
    use complaints::domain::search::{Filters, filter_and_sort, index};

    fn demo() -> (
        Vec<Complaint>,
        Settings,
        chrono::DateTime<chrono::FixedOffset>,
    ) {
        let now = t("2026-11-28T10:00:00+08:00");
        let device = DeviceId(uuid::Uuid::from_u128(0xa3));
        let events = complaints::demo::demo_events(now, device, DeviceCode::parse("A3").unwrap());
        let all = fold_complaints(&events).into_values().collect();
        (all, Settings::default(), now)
    }

    fn check(f: Filters, pass: impl Fn(&Complaint) -> bool) {
        let (all, settings, now) = demo();
        let found = filter_and_sort(&index(&briefs(&all)), &f, &settings, now);
        let expected: std::collections::BTreeSet<RecordId> = all
            .iter()
            .filter(|c| c.deleted.is_none() && c.details.drill == f.drill && pass(c))
            .map(|c| c.id)
            .collect();
        let got: std::collections::BTreeSet<RecordId> = found.iter().copied().collect();
        assert_eq!(got, expected, "{f:?}");
        assert!(
            !expected.is_empty() || f.text.contains('不'),
            "a filter that finds nothing tests nothing: {f:?}"
        );
    }

    #[test]
    fn each_filter_keeps_exactly_the_matching_complaints() {
        let (all, settings, now) = demo();
        let first = &all[0];
        let number = first.number.to_string();
        let f = |edit: fn(&mut Filters)| {
            let mut x = Filters::default();
            edit(&mut x);
            x
        };
        check(
            Filters {
                text: number.to_lowercase(),
                ..Filters::default()
            },
            |c| c.number.to_string() == number,
        );
        check(
            Filters {
                text: "不存在的词语".into(),
                ..Filters::default()
            },
            |_| false,
        );
        check(f(|x| x.state = Some(WorkflowState::Closed)), |c| {
            c.state == WorkflowState::Closed
        });
        check(f(|x| x.level = Some(Severity::Major)), |c| {
            c.severity == Some(Severity::Major)
        });
        check(f(|x| x.due_soon = true), |c| {
            next_due(c, &settings, now)
                .is_some_and(|v| v.is_due_soon(complaints::domain::clocks::DUE_SOON))
        });
        check(f(|x| x.drill = true), |c| c.details.drill);
        check(f(|x| x.overdue = true), |c| {
            next_due(c, &settings, now).is_some_and(|v| v.is_breached())
        });
        let category = all.iter().find_map(|c| c.details.category.clone()).unwrap();
        check(
            Filters {
                category: Some(category.clone()),
                ..Filters::default()
            },
            |c| c.details.category.as_ref() == Some(&category),
        );
    }

    #[test]
    fn the_list_runs_soonest_due_first_then_the_rest_newest_first() {
        let (all, settings, now) = demo();
        let ids = filter_and_sort(&index(&briefs(&all)), &Filters::default(), &settings, now);
        let by_id: std::collections::BTreeMap<RecordId, &Complaint> =
            all.iter().map(|c| (c.id, c)).collect();
        let due: Vec<Option<_>> = ids
            .iter()
            .map(|id| next_due(by_id[id], &settings, now).map(|v| v.due))
            .collect();
        let open = due.iter().take_while(|d| d.is_some()).count();
        assert!(
            open > 0 && due[open..].iter().all(Option::is_none),
            "clocked first, then the rest"
        );
        assert!(
            due[..open].windows(2).all(|w| w[0] <= w[1]),
            "soonest due first"
        );
        let rest: Vec<_> = ids[open..].iter().map(|id| by_id[id].received_at).collect();
        assert!(
            rest.windows(2).all(|w| w[0] >= w[1]),
            "newest first among the rest"
        );
        let newest = filter_and_sort(
            &index(&briefs(&all)),
            &Filters {
                newest_first: true,
                ..Filters::default()
            },
            &settings,
            now,
        );
        let times: Vec<_> = newest.iter().map(|id| by_id[id].received_at).collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]));
    }
}

#[test]
fn the_dashboard_counts_what_the_statistics_count() {
    let all = sample_set();
    let (by_state, by_level) = counts(&briefs(&all));
    // The drill (5) and the deleted complaint (6) are out, as in every statistic.
    assert_eq!(by_state.values().sum::<usize>(), 4);
    assert_eq!(by_level.values().sum::<usize>(), counted(&all).len());
    let levels: std::collections::BTreeMap<String, usize> = counts_by(&all, Dimension::Level);
    for (level, n) in &by_level {
        let key = level.map_or(String::new(), |s| format!("{s:?}").to_lowercase());
        assert_eq!(levels.get(&key), Some(n), "{level:?}");
    }
}

#[test]
fn on_the_demo_data_every_dashboard_count_matches_the_statistics() {
    let code = DeviceCode::parse("D1").unwrap();
    let events = complaints::demo::demo_events(t("2026-11-25T15:30:00+08:00"), device(1), code);
    let mut by_record: std::collections::BTreeMap<RecordId, Vec<&Event>> = Default::default();
    for e in &events {
        by_record.entry(e.record).or_default().push(e);
    }
    let all: Vec<Complaint> = by_record
        .into_values()
        .filter_map(fold::fold_complaint)
        .collect();
    let mut drilled = all.clone();
    drilled[0].details.drill = true;
    for set in [&all, &drilled] {
        let (by_state, by_level) = counts(&briefs(set.iter()));
        let n = counted(set.iter()).len();
        assert_eq!(by_state.values().sum::<usize>(), n);
        assert_eq!(by_level.values().sum::<usize>(), n);
        let levels = counts_by(set, Dimension::Level);
        assert_eq!(levels.values().sum::<usize>(), n);
        for (level, k) in &by_level {
            let key = level.map_or(String::new(), |s| format!("{s:?}").to_lowercase());
            assert_eq!(levels.get(&key), Some(k), "{level:?}");
        }
    }
    assert_eq!(
        counted(drilled.iter()).len() + 1,
        counted(all.iter()).len(),
        "a drill leaves every count"
    );
}

/// Every number the dashboard and the list show, on the demo data (which holds drills), against
/// the statistics: the list's "N 条" without the drill filter is the statistics' count, with it
/// the number of drills; no drill is on a working list of the dashboard, and each list holds
/// exactly the counted complaints that belong on it.
#[test]
fn on_the_demo_data_the_dashboard_lists_and_the_list_count_what_the_statistics_count() {
    use complaints::domain::board::board;
    use complaints::domain::clocks::DUE_SOON;
    use complaints::domain::search::{Filters, filter_and_sort, index};
    let now = t("2026-11-25T15:30:00+08:00");
    let events = complaints::demo::demo_events(now, device(1), DeviceCode::parse("D1").unwrap());
    let all: Vec<Complaint> = fold_complaints(&events).into_values().collect();
    let settings = Settings::default();
    let drills = all
        .iter()
        .filter(|c| c.details.drill && c.deleted.is_none())
        .count();
    assert!(drills > 0, "the demo holds drills");

    let listed = filter_and_sort(&index(&briefs(&all)), &Filters::default(), &settings, now);
    assert_eq!(listed.len(), counted(&all).len());
    let drill_list = Filters {
        drill: true,
        ..Filters::default()
    };
    assert_eq!(
        filter_and_sort(&index(&briefs(&all)), &drill_list, &settings, now).len(),
        drills
    );

    let all_briefs = briefs(&all);
    let b = board(&all_briefs, &settings, now, Some(&leader()));
    let counted = counted(&all);
    let live: Vec<&&Complaint> = counted.iter().filter(|c| c.is_live()).collect();
    let ids = |v: &[&Brief]| v.iter().map(|c| c.id).collect::<Vec<_>>();
    let due: Vec<_> = live
        .iter()
        .filter(|c| next_due(c, &settings, now).is_some_and(|v| v.is_due_soon(DUE_SOON)))
        .map(|c| c.id)
        .collect();
    assert!(!due.is_empty());
    let mut urgent = ids(&b.urgent);
    urgent.sort();
    let mut due = due;
    due.sort();
    assert_eq!(urgent, due);
    let active: Vec<_> = live.iter().filter(|c| c.activated).map(|c| c.id).collect();
    assert!(!active.is_empty());
    assert_eq!(ids(&b.emergencies), active);
    assert!(!b.mine.is_empty());
    for list in [&b.urgent, &b.emergencies, &b.mine] {
        assert!(list.iter().all(|c| !c.drill && c.is_live()));
    }
    assert_eq!(
        b.drills.len(),
        all.iter()
            .filter(|c| c.details.drill && c.is_live())
            .count()
    );
    assert_eq!(
        ids(&b.attention),
        all.iter()
            .filter(|c| c.needs_attention())
            .map(|c| c.id)
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_statistics_periods_cover_the_days_a_person_expects() {
    use chrono::NaiveDate;
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let today = d("2026-12-02"); // a Wednesday
    assert_eq!(
        span_days(StatsPeriod::Week, today),
        Some((d("2026-11-30"), d("2026-12-07")))
    );
    assert_eq!(
        span_days(StatsPeriod::Month, today),
        Some((d("2026-12-01"), d("2027-01-01")))
    );
    assert_eq!(
        span_days(StatsPeriod::Quarter, today),
        Some((d("2026-10-01"), d("2027-01-01")))
    );
    assert_eq!(
        span_days(StatsPeriod::Quarter, d("2026-02-28")),
        Some((d("2026-01-01"), d("2026-04-01")))
    );
    assert_eq!(
        span_days(StatsPeriod::Year, today),
        Some((d("2026-01-01"), d("2027-01-01")))
    );
    assert_eq!(span_days(StatsPeriod::All, today), None);
    assert_eq!(
        custom_days("2026-11-01", "2026-11-30"),
        Ok((d("2026-11-01"), d("2026-12-01"))),
        "the last day is included"
    );
    assert_eq!(
        custom_days("2026-11-30", "2026-11-01"),
        Err(ValidationError::PeriodReversed)
    );
    assert!(matches!(
        custom_days("2026-11-01", "11月30日"),
        Err(ValidationError::Unreadable {
            field: Field::PeriodTo,
            ..
        })
    ));
    assert_eq!(
        custom_days("", "2026-11-01"),
        Err(ValidationError::Required(Field::PeriodFrom))
    );
}

#[test]
fn the_statistics_of_a_period_count_only_what_was_received_in_it() {
    let all = sample_set();
    let offset = *all[0].received_at.offset();
    let first = all.iter().map(|c| c.received_at).min().unwrap();
    let day = first.date_naive();
    let one_day = in_days(&all, Some((day, day + TimeDelta::days(1))), offset);
    assert!(one_day.iter().all(|c| c.received_at.date_naive() == day));
    assert!(!one_day.is_empty());
    assert_eq!(in_days(&all, None, offset).len(), all.len());
    // The page and the CSV show the same rows: the CSV is those rows, line for line.
    let now = t("2026-11-28T10:00:00+08:00");
    let settings = Settings::default();
    let rows = complaints::sync::statistics_rows(&all, &settings, now, Lang::Zh);
    let csv = complaints::sync::statistics_csv(&all, &settings, now, Lang::Zh);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines.len(),
        rows.len() + 1,
        "a header, then one line per row"
    );
    for (line, row) in lines[1..].iter().zip(&rows) {
        assert!(
            line.contains(&row.measure) && line.contains(&row.group),
            "{line}"
        );
        assert!(line.ends_with(&row.value), "{line} vs {row:?}");
    }
    let by_level: usize = rows
        .iter()
        .filter(|r| r.measure == "按等级")
        .filter_map(|r| r.count)
        .sum();
    assert_eq!(
        by_level,
        counted(&all).len(),
        "drills and deleted ones left out"
    );
}

#[test]
fn counts_over_time_are_by_day_within_a_month_by_week_within_a_quarter_else_by_month() {
    let all = sample_set();
    let offset = *all[0].received_at.offset();
    let november = in_days(
        &all,
        Some((
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        )),
        offset,
    );
    assert_eq!(timeline_period(&november), Period::Day);
    // The counted ones run from 19 October to 20 November: 32 days.
    assert_eq!(timeline_period(&all), Period::Week);
    let mut long = all.clone();
    long[0].received_at = t("2026-05-01T09:00:00+08:00");
    assert_eq!(timeline_period(&long), Period::Month);
    assert_eq!(timeline_period(&[]), Period::Month);
    // A drill far back does not stretch the span.
    let mut drill = all[0].clone();
    drill.details.drill = true;
    drill.received_at = t("2025-01-01T09:00:00+08:00");
    let mut with_drill = november.clone();
    with_drill.push(drill);
    assert_eq!(timeline_period(&with_drill), Period::Day);

    // The page and the CSV show November by day, and the days add up to what is counted.
    let now = t("2026-11-28T10:00:00+08:00");
    let rows = complaints::sync::statistics_rows(&november, &Settings::default(), now, Lang::Zh);
    let by_day: Vec<&complaints::sync::StatRow> =
        rows.iter().filter(|r| r.measure == "按日受理数").collect();
    assert!(
        by_day.iter().all(|r| r.group.starts_with("2026-11-")),
        "{by_day:?}"
    );
    assert_eq!(
        by_day.iter().filter_map(|r| r.count).sum::<usize>(),
        counted(&november).len()
    );
    assert!(!rows.iter().any(|r| r.measure == "按月受理数"));
}
