//! A complaint's brief answers every question the first screens ask exactly as the whole
//! complaint does: its next clock, whether a person may move it on, whether it is live, needs
//! attention or is counted, and what a search matches.

use crate::common::*;
use complaints::domain::search::haystack;
use complaints::domain::*;

/// The demo's fifty complaints and 600 of the load test's (every state, level and flag), at
/// a time inside working hours and one outside, each checked against every role and under
/// both ways of counting days, with and without pauses.
#[test]
fn a_brief_answers_as_its_whole_complaint_does() {
    let now = t("2026-11-25T15:30:00+08:00");
    let mut events =
        complaints::demo::demo_events(now, device(1), DeviceCode::parse("D1").unwrap());
    events.extend(complaints::demo::load_test_events(
        600,
        now,
        device(2),
        DeviceCode::parse("L1").unwrap(),
    ));
    let all: Vec<Complaint> = fold_complaints(&events).into_values().collect();
    assert!(all.len() >= 650);
    let mut settings = vec![Settings::default()];
    let mut working = Settings::default();
    working.day_mode = DayMode::WorkingDays;
    working.pause_while_waiting = !working.pause_while_waiting;
    settings.push(working);
    let actors = [leader(), deputy(), duty_lead(), staff(), dept_head()];
    let times = [
        now,
        t("2026-11-25T23:10:00+08:00"),
        t("2026-12-30T09:00:00+08:00"),
    ];
    let (mut moving, mut due, mut escalating) = (0, 0, 0);
    for c in &all {
        let b = Brief::of(c);
        assert_eq!(b.is_live(), c.is_live(), "{}", c.number);
        assert_eq!(b.needs_attention(), c.needs_attention(), "{}", c.number);
        assert_eq!(
            b.is_counted(),
            stats::counted([c]).len() == 1,
            "{}",
            c.number
        );
        assert_eq!(b.search, haystack(c));
        for s in &settings {
            for at in times {
                let whole = next_due(c, s, at);
                due += usize::from(whole.is_some());
                assert_eq!(b.next_due(s, at), whole, "{} at {at}", c.number);
                let escalates = !auto_escalations(c, s, at).is_empty();
                escalating += usize::from(escalates);
                assert_eq!(b.clocks.escalation_due(s, at), escalates, "{}", c.number);
                for a in &actors {
                    let expected = allowed_commands(Some(c), a, at, s)
                        .iter()
                        .any(|k| k.moves_workflow());
                    moving += usize::from(expected);
                    assert_eq!(
                        b.can_move(a, at, s),
                        expected,
                        "{} by {:?} at {at}",
                        c.number,
                        a.role
                    );
                }
            }
        }
    }
    assert!(
        moving > 0 && due > 0 && escalating > 0,
        "{moving} {due} {escalating}"
    );
}

/// A brief is a small fraction of the record it comes from: reading every brief on open is
/// what makes the first screen quick; a whole complaint is folded from its record's events
/// only when it is opened.
#[test]
fn a_brief_is_a_small_fraction_of_its_record() {
    let now = t("2026-11-25T15:30:00+08:00");
    let events =
        complaints::demo::load_test_events(1000, now, device(2), DeviceCode::parse("L1").unwrap());
    let all = fold_complaints(&events);
    let records = fold::group_by_record(&events);
    let stored: usize = all
        .keys()
        .map(|id| complaints::format::stored::encode_events(records[id].iter().copied()).len())
        .sum();
    let brief: usize = all
        .values()
        .map(|c| serde_json::to_string(&Brief::of(c)).unwrap().len())
        .sum();
    println!(
        "stored events {} B, brief {} B per complaint",
        stored / all.len(),
        brief / all.len()
    );
    assert!(brief * 4 < stored, "brief {brief} B, events {stored} B");
}

/// The repeats the intake form and the complaint page show, read from the briefs, are the
/// repeats the statistics find from whole complaints; and the triage form starts with
/// "service failed repeatedly" ticked for a repeat, so the suggested level follows.
#[test]
fn repeats_read_from_briefs_are_the_whole_complaints_repeats_and_tick_triage() {
    let now = t("2026-11-25T15:30:00+08:00");
    let events = complaints::demo::demo_events(now, device(1), DeviceCode::parse("D1").unwrap());
    let all: Vec<Complaint> = fold_complaints(&events).into_values().collect();
    let briefs: Vec<Brief> = all.iter().map(Brief::of).collect();
    let window = Settings::default().repeat_window_days;
    let mut seen = 0;
    for c in &all {
        let mut whole = find_repeats(&c.details, c.received_at, &all, window);
        whole.sort_by_key(|id| all.iter().find(|o| o.id == *id).map(|o| o.received_at));
        let from_briefs: Vec<ComplaintId> =
            complaints::domain::brief::repeats_among(&c.details, c.received_at, &briefs, window)
                .into_iter()
                .map(|b| b.id)
                .collect();
        assert_eq!(from_briefs, whole, "{}", c.number);
        seen += usize::from(!whole.is_empty());
    }
    assert_eq!(seen, 2, "the demo has two repeats");

    // A repeat opens triage with the criterion ticked; the suggestion is then important.
    let repeat = all
        .iter()
        .find(|c| !c.details.related.is_empty())
        .expect("a demo repeat");
    let inputs = form::defaults(CommandKind::Assess, repeat, true, 5);
    let ticked = form::ticked_criteria(&inputs);
    assert!(
        ticked.contains(&Criterion::ServiceFailedRepeatedly),
        "{ticked:?}"
    );
    assert_ne!(suggest(&ticked), Severity::Minor);
    let fresh = form::defaults(CommandKind::Assess, repeat, false, 5);
    assert!(!form::ticked_criteria(&fresh).contains(&Criterion::ServiceFailedRepeatedly));
    // Other forms are not ticked.
    assert!(!form::defaults(CommandKind::AddNote, repeat, true, 5).contains_key("c_service"));
}
