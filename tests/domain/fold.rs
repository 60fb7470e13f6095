//! The fold: conflicts through `prev`, the review list, erasure, settings and roster folds,
//! the HLC and version vectors; property tests for order independence, allowed sequences and
//! two devices converging.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::complaint::ConflictingValue;
use complaints::domain::*;
use proptest::prelude::*;
use uuid::Uuid;

fn ms(at: &str) -> u64 {
    t(at).timestamp_millis() as u64
}

/// Two devices that share complaint 1 after `steps` steps of `path`.
fn two_devices(
    path: &[(Command, Actor, WorkflowState)],
    steps: usize,
) -> (Device, Device, chrono::DateTime<chrono::FixedOffset>) {
    let (a, now) = walk(path, steps);
    let mut b = Device::new(2);
    b.import(&a.events, ms(RECEIVED));
    (a, b, now)
}

fn exchange(a: &mut Device, b: &mut Device, now_ms: u64) {
    let (ea, eb) = (a.events.clone(), b.events.clone());
    a.import(&eb, now_ms);
    b.import(&ea, now_ms);
}

#[test]
fn concurrent_edits_of_a_field_conflict_until_resolved() {
    let (mut a, mut b, now) = two_devices(&major_path(), 2);
    let edit = |s: &str| Command::EditField(FieldChange::Location(s.into()));
    a.run(
        complaint_id(1),
        edit("3栋大堂"),
        &staff(),
        now + TimeDelta::minutes(1),
    )
    .unwrap();
    b.run(
        complaint_id(1),
        edit("3栋电梯"),
        &staff(),
        now + TimeDelta::minutes(2),
    )
    .unwrap();
    // An edit of another field at the same time is no conflict.
    b.run(
        complaint_id(1),
        Command::EditField(FieldChange::Request("退费".into())),
        &staff(),
        now + TimeDelta::minutes(3),
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED) + 3_600_000);
    let (ca, cb) = (
        a.complaint(complaint_id(1)).unwrap(),
        b.complaint(complaint_id(1)).unwrap(),
    );
    assert_eq!(ca, cb, "both devices fold the same");
    assert_eq!(ca.details.location, "3栋电梯", "the later clock wins");
    assert_eq!(ca.details.request, "退费");
    let values: Vec<ConflictingValue> = ca.conflicts[&Field::Location]
        .iter()
        .map(|v| v.value.clone())
        .collect();
    assert_eq!(
        values,
        vec![
            ConflictingValue::Field(FieldChange::Location("3栋大堂".into())),
            ConflictingValue::Field(FieldChange::Location("3栋电梯".into()))
        ]
    );
    assert_eq!(ca.conflicts.len(), 1);
    assert_eq!(ca.heads.len(), 2);
    // Resolving: a new edit that saw both.
    let allowed = allowed_commands(Some(&ca), &staff(), now, &a.settings);
    assert!(allowed.contains(&CommandKind::ResolveConflict));
    a.run(
        complaint_id(1),
        Command::ResolveConflict {
            value: values[0].clone(),
        },
        &staff(),
        now + TimeDelta::minutes(5),
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED) + 7_200_000);
    let (ca, cb) = (
        a.complaint(complaint_id(1)).unwrap(),
        b.complaint(complaint_id(1)).unwrap(),
    );
    assert_eq!(ca, cb);
    assert!(!ca.in_conflict());
    assert_eq!(ca.details.location, "3栋大堂");
    assert_eq!(ca.heads.len(), 1);
}

#[test]
fn sequential_edits_never_conflict() {
    let (mut a, mut b, now) = two_devices(&major_path(), 2);
    a.run(
        complaint_id(1),
        Command::EditField(FieldChange::Location("甲".into())),
        &staff(),
        now,
    )
    .unwrap();
    b.import(&a.events, ms(RECEIVED));
    b.run(
        complaint_id(1),
        Command::EditField(FieldChange::Location("乙".into())),
        &staff(),
        now,
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED));
    let c = a.complaint(complaint_id(1)).unwrap();
    assert!(!c.in_conflict());
    assert_eq!(c.details.location, "乙");
    // B's clock sorted its event after A's even though B's wall time is no later.
    assert_eq!(c, b.complaint(complaint_id(1)).unwrap());
}

#[test]
fn concurrent_levels_conflict_and_a_leader_resolves() {
    let (mut a, mut b, now) = two_devices(&major_path(), 4);
    a.run(
        complaint_id(1),
        Command::Deescalate {
            to: Severity::Important,
            reason: "影响有限".into(),
        },
        &leader(),
        now,
    )
    .unwrap();
    b.run(
        complaint_id(1),
        Command::Deescalate {
            to: Severity::Minor,
            reason: "误会".into(),
        },
        &deputy(),
        now,
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED) + 3_600_000);
    let c = a.complaint(complaint_id(1)).unwrap();
    assert_eq!(c, b.complaint(complaint_id(1)).unwrap());
    assert_eq!(c.conflicts[&Field::Severity].len(), 2);
    let resolve = Command::ResolveConflict {
        value: ConflictingValue::Severity(Severity::Important),
    };
    assert!(matches!(
        a.run(complaint_id(1), resolve.clone(), &staff(), now),
        Err(DomainError::NotPermitted { .. })
    ));
    a.run(complaint_id(1), resolve, &leader(), now).unwrap();
    let c = a.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        (c.severity, c.in_conflict()),
        (Some(Severity::Important), false)
    );
}

#[test]
fn concurrent_workflow_moves_go_to_review() {
    use WorkflowState as S;
    let (mut a, mut b, now) = two_devices(&minor_path(), 6);
    a.run(
        complaint_id(1),
        follow_up(Satisfaction::Satisfied, None),
        &staff(),
        now + TimeDelta::minutes(1),
    )
    .unwrap();
    a.run(
        complaint_id(1),
        Command::Close {
            notice: String::new(),
            no_new_complaints: true,
        },
        &staff(),
        now + TimeDelta::minutes(2),
    )
    .unwrap();
    b.run(
        complaint_id(1),
        follow_up(Satisfaction::Dissatisfied, Some(S::Implementing)),
        &staff(),
        now + TimeDelta::minutes(3),
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED) + 3_600_000);
    let c = a.complaint(complaint_id(1)).unwrap();
    assert_eq!(c, b.complaint(complaint_id(1)).unwrap());
    assert_eq!(
        c.state,
        S::Closed,
        "A's moves came first in clock order and fit"
    );
    assert!(c.needs_review());
    assert_eq!(c.review.len(), 1);
    assert_eq!(c.follow_ups.len(), 2, "the dissatisfied follow-up is kept");
    assert_eq!(
        c.review[0].reason,
        Some(DomainError::WrongState {
            action: CommandKind::FollowUp,
            state: S::Closed
        })
    );
    // A leader resolves it, reopening the case.
    assert!(
        !allowed_commands(Some(&c), &staff(), now, &a.settings)
            .contains(&CommandKind::ResolveReview)
    );
    a.run(
        complaint_id(1),
        Command::ResolveReview {
            state: Some(S::Implementing),
            note: "业主仍不满意，重新整改".into(),
        },
        &leader(),
        now + TimeDelta::minutes(5),
    )
    .unwrap();
    let c = a.complaint(complaint_id(1)).unwrap();
    assert!(!c.needs_review());
    assert_eq!(c.state, S::Implementing);
}

#[test]
fn notes_alongside_a_close_need_no_review() {
    let (mut a, mut b, now) = two_devices(&minor_path(), 7);
    a.run(
        complaint_id(1),
        Command::Close {
            notice: String::new(),
            no_new_complaints: true,
        },
        &staff(),
        now,
    )
    .unwrap();
    b.run(
        complaint_id(1),
        Command::AddNote {
            text: "业主送锦旗".into(),
            legal_counsel: false,
        },
        &staff(),
        now,
    )
    .unwrap();
    b.run(
        complaint_id(1),
        Command::RecordMinutes(Minutes {
            content: "复盘".into(),
            ..Minutes::default()
        }),
        &staff(),
        now,
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED));
    let c = a.complaint(complaint_id(1)).unwrap();
    assert_eq!(
        (c.state, c.needs_review(), c.notes.len(), c.minutes.len()),
        (WorkflowState::Closed, false, 1, 1)
    );
}

#[test]
fn an_erasure_is_not_undone_by_older_or_concurrent_edits() {
    let (mut a, mut b, now) = two_devices(&major_path(), 2);
    b.run(
        complaint_id(1),
        Command::EditField(FieldChange::ComplainantPhone(Some(
            Phone::parse("13900001111").unwrap(),
        ))),
        &staff(),
        now + TimeDelta::hours(2),
    )
    .unwrap();
    a.run(
        complaint_id(1),
        Command::ErasePersonalData {
            reason: "业主要求删除".into(),
        },
        &leader(),
        now + TimeDelta::hours(1),
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED));
    let c = a.complaint(complaint_id(1)).unwrap();
    assert_eq!(c, b.complaint(complaint_id(1)).unwrap());
    assert!(c.erased);
    let p = &c.details.complainant;
    assert_eq!((&p.name, &p.phone, &p.unit), (&None, &None, &None));
    assert!(!c.in_conflict());
    assert_eq!(
        c.details.description, "电梯连续三天故障",
        "non-personal fields stay"
    );
}

#[test]
fn duplicate_and_unknown_events() {
    let (d, _) = walk(&major_path(), 5);
    let mut doubled = d.events.clone();
    doubled.extend(d.events.iter().cloned());
    doubled.reverse();
    assert_eq!(
        fold_complaint(doubled.iter().collect()),
        d.complaint(complaint_id(1))
    );
    // Without its `received` event a complaint does not exist yet.
    assert_eq!(fold_complaint(d.events[1..].iter().collect()), None);
    // Its events arriving before it do no harm.
    let all = fold_complaints(&d.events);
    assert_eq!(all.len(), 1);
    assert_eq!(all[&complaint_id(1)].event_count, 6);
}

#[test]
fn stamping_gives_ids_sequences_clocks_and_prev() {
    let (d, _) = walk(&major_path(), 3);
    for (i, e) in d.events.iter().enumerate() {
        assert_eq!(e.seq, i as u64 + 1);
        assert_eq!(e.id.0.get_version_num(), 7);
        assert_eq!(e.device, device(1));
        assert_eq!(e.at.offset().local_minus_utc(), 8 * 3600);
        if i > 0 {
            assert_eq!(e.prev, vec![d.events[i - 1].id]);
            assert!(e.hlc > d.events[i - 1].hlc);
        } else {
            assert!(e.prev.is_empty());
        }
    }
    // The id's time is the event's time.
    let (secs, _) = d.events[0].id.0.get_timestamp().unwrap().to_unix();
    assert_eq!(secs as i64, t(RECEIVED).timestamp());
}

#[test]
fn hybrid_logical_clock() {
    let dev = device(1);
    let mut c = HlcClock::new(dev);
    let a = c.send(1000);
    let b = c.send(1000);
    let back = c.send(900); // the wall clock went backwards
    assert_eq!((a.wall_ms, a.counter), (1000, 0));
    assert_eq!((b.wall_ms, b.counter), (1000, 1));
    assert_eq!((back.wall_ms, back.counter), (1000, 2));
    let remote = Hlc {
        wall_ms: 5000,
        counter: 3,
        device: device(2),
    };
    let r = c.receive(remote, 1200);
    assert_eq!((r.wall_ms, r.counter, r.device), (5000, 4, dev));
    let r2 = c.receive(
        Hlc {
            wall_ms: 5000,
            counter: 9,
            device: device(2),
        },
        1200,
    );
    assert_eq!((r2.wall_ms, r2.counter), (5000, 10));
    let later = c.send(6000);
    assert_eq!((later.wall_ms, later.counter), (6000, 0));
    let ahead = c.receive(
        Hlc {
            wall_ms: 10,
            counter: 0,
            device: device(2),
        },
        7000,
    );
    assert_eq!((ahead.wall_ms, ahead.counter), (7000, 0));
    // Counter overflow moves the wall on.
    let mut full = HlcClock::new(dev);
    let over = full.receive(
        Hlc {
            wall_ms: 50,
            counter: u16::MAX,
            device: device(2),
        },
        10,
    );
    assert_eq!((over.wall_ms, over.counter), (51, 0));
    let next = full.send(10);
    assert_eq!((next.wall_ms, next.counter), (51, 1));
    // Encoding: fixed width, sorts as the clock does, round-trips.
    let samples = [
        a,
        b,
        back,
        r,
        r2,
        later,
        ahead,
        next,
        Hlc::zero(device(2)),
        Hlc {
            wall_ms: (1 << 48) - 1,
            counter: 65535,
            device: device(9),
        },
    ];
    for x in samples {
        assert_eq!(x.encode().len(), hlc::HLC_WIDTH);
        assert_eq!(x.encode().parse::<Hlc>().unwrap(), x);
        for y in samples {
            assert_eq!(x.cmp(&y), x.encode().cmp(&y.encode()), "{x} vs {y}");
        }
    }
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        format!("\"{}\"", a.encode())
    );
    for bad in [
        "",
        "0000000003e8-0000-xyz",
        &a.encode().to_uppercase(),
        &a.encode().replace('-', "_"),
    ] {
        assert!(bad.parse::<Hlc>().is_err(), "{bad}");
    }
}

#[test]
fn version_vectors() {
    let (a1, a2, b1) = (device(1), device(2), device(3));
    let mut v = VersionVector::new();
    v.observe(a1, 5);
    v.observe(a1, 3);
    v.observe(a2, 2);
    assert_eq!((v.get(a1), v.get(a2), v.get(b1)), (5, 2, 0));
    assert!(v.covers(a1, 5) && !v.covers(a1, 6) && !v.covers(b1, 1));
    let mut w = VersionVector::new();
    w.observe(a1, 5);
    assert_eq!(v.compare(&w), version_vector::Causality::After);
    assert_eq!(w.compare(&v), version_vector::Causality::Before);
    w.observe(b1, 1);
    assert_eq!(v.compare(&w), version_vector::Causality::Concurrent);
    w.merge(&v);
    assert_eq!((w.get(a1), w.get(a2), w.get(b1)), (5, 2, 1));
    assert_eq!(w.compare(&w.clone()), version_vector::Causality::Equal);
    let (d, _) = walk(&major_path(), 4);
    let mut seen = VersionVector::new();
    seen.observe(device(1), 2);
    assert_eq!(seen.missing(&d.events).len(), 3);
    seen.observe_events(&d.events);
    assert_eq!(seen.get(device(1)), 5);
    let json = serde_json::to_string(&seen).unwrap();
    assert_eq!(json, format!("{{\"{}\":5}}", device(1).0));
}

#[test]
fn events_round_trip_through_json() {
    let (d, _) = walk(&major_path(), major_path().len());
    for e in &d.events {
        let json = complaints::format::stored::encode_events([e]);
        let back = complaints::format::stored::decode_events(&json).unwrap();
        assert_eq!(&back[0], e);
        let json =
            serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&json).unwrap()[0])
                .unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["body"]["kind"].as_str().unwrap(), e.body.kind_name());
        assert!(v["hlc"].is_string() && v["seq"].is_u64());
    }
    let kinds: Vec<&str> = d.events.iter().map(|e| e.body.kind_name()).collect();
    assert_eq!(kinds[..3], ["received", "assessed", "dispatched"]);
    let c = d.complaint(complaint_id(1)).unwrap();
    let brief = Brief::of(&c);
    let back: Brief = serde_json::from_str(&serde_json::to_string(&brief).unwrap()).unwrap();
    assert_eq!(back, brief);
}

fn setting_event(
    d: &mut Device,
    change: SettingChange,
    actor: &Actor,
    now: &str,
) -> Result<(), DomainError> {
    let s = fold_settings(&d.events);
    let news = apply_setting(&s, &change, actor, t(now))?;
    let r = d.random();
    let stamped = d.clock.stamp_all(news, s.heads.clone(), s.latest_hlc, || r);
    d.events.extend(stamped);
    Ok(())
}

#[test]
fn settings_fold_from_events_with_conflicts() {
    let mut a = Device::new(1);
    let mut b = Device::new(2);
    assert_eq!(fold_settings(&a.events), Settings::default());
    let rule = |n| ClockRule {
        span: Span::Days(n),
        levels: [Severity::Major].into_iter().collect(),
    };
    setting_event(
        &mut a,
        SettingChange::Clock {
            clock: Clock::ClearAnswer,
            rule: rule(3),
        },
        &leader(),
        RECEIVED,
    )
    .unwrap();
    setting_event(
        &mut a,
        SettingChange::DayMode(DayMode::WorkingDays),
        &leader(),
        RECEIVED,
    )
    .unwrap();
    setting_event(
        &mut b,
        SettingChange::Clock {
            clock: Clock::ClearAnswer,
            rule: rule(4),
        },
        &deputy(),
        RECEIVED,
    )
    .unwrap();
    setting_event(
        &mut b,
        SettingChange::Device {
            device: device(2),
            code: DeviceCode::parse("B1").unwrap(),
            label: "平板二".into(),
        },
        &deputy(),
        RECEIVED,
    )
    .unwrap();
    exchange(&mut a, &mut b, ms(RECEIVED));
    let (sa, sb) = (fold_settings(&a.events), fold_settings(&b.events));
    assert_eq!(sa, sb);
    assert_eq!(sa.day_mode, DayMode::WorkingDays);
    assert_eq!(
        sa.conflicts.keys().copied().collect::<Vec<_>>(),
        vec![settings::SettingKey::Clock(Clock::ClearAnswer)]
    );
    assert_eq!(sa.devices[&device(2)].code.as_str(), "B1");
    // Refusals.
    let err = |change, actor: &Actor| apply_setting(&sa, &change, actor, t(RECEIVED)).unwrap_err();
    assert_eq!(
        err(SettingChange::DayMode(DayMode::CalendarDays), &staff()),
        DomainError::NotPermitted {
            role: Role::Staff,
            action: CommandKind::ChangeSettings
        }
    );
    assert_eq!(
        err(
            SettingChange::Device {
                device: device(3),
                code: DeviceCode::parse("B1").unwrap(),
                label: String::new()
            },
            &leader()
        ),
        DomainError::Invalid(ValidationError::DeviceCodeTaken { code: "B1".into() })
    );
    assert_eq!(
        err(SettingChange::GroupSize(1), &leader()),
        DomainError::Invalid(ValidationError::Setting(SettingProblem::GroupSize))
    );
    assert_eq!(
        err(SettingChange::Categories(vec![]), &leader()),
        DomainError::Invalid(ValidationError::Setting(SettingProblem::EmptyList))
    );
    // A resolving write that saw both clears the conflict.
    setting_event(
        &mut a,
        SettingChange::Clock {
            clock: Clock::ClearAnswer,
            rule: rule(2),
        },
        &leader(),
        RECEIVED,
    )
    .unwrap();
    assert!(fold_settings(&a.events).conflicts.is_empty());
}

#[test]
fn the_roster_folds_from_events() {
    let mut a = Device::new(1);
    let id = PersonId(Uuid::from_u128(77));
    let s = Settings::default();
    let news = apply_roster(
        None,
        &RosterCommand::Add {
            id,
            name: "刘客服".into(),
            role: Role::Staff,
            department: Some("客服部".into()),
        },
        &leader(),
        t(RECEIVED),
        &s,
    )
    .unwrap();
    let stamped = a.clock.stamp_all(news, vec![], None, || [1; 10]);
    a.events.extend(stamped);
    let p = fold_roster(&a.events)[&id].clone();
    assert_eq!(
        (p.name.as_str(), p.role, p.active),
        ("刘客服", Role::Staff, true)
    );
    let news = apply_roster(
        Some(&p),
        &RosterCommand::Change(PersonChange::Role(Role::DutyLead)),
        &leader(),
        t(RECEIVED),
        &s,
    )
    .unwrap();
    let stamped = a
        .clock
        .stamp_all(news, p.heads.clone(), Some(p.latest_hlc), || [2; 10]);
    a.events.extend(stamped);
    assert_eq!(fold_roster(&a.events)[&id].role, Role::DutyLead);
    let refused =
        |cmd, actor: &Actor| apply_roster(Some(&p), &cmd, actor, t(RECEIVED), &s).unwrap_err();
    assert_eq!(
        refused(RosterCommand::Change(PersonChange::Active(false)), &staff()),
        DomainError::NotPermitted {
            role: Role::Staff,
            action: CommandKind::ManageRoster
        }
    );
    assert_eq!(
        refused(
            RosterCommand::Change(PersonChange::Role(Role::System)),
            &leader()
        ),
        DomainError::NotPermitted {
            role: Role::System,
            action: CommandKind::ManageRoster
        }
    );
    assert_eq!(
        refused(
            RosterCommand::Change(PersonChange::Name(" ".into())),
            &leader()
        ),
        DomainError::Invalid(ValidationError::Required(Field::PersonName))
    );
}

/// The commands that move the workflow.
const MOVES: [CommandKind; 15] = [
    CommandKind::Assess,
    CommandKind::Dispatch,
    CommandKind::Activate,
    CommandKind::StartInvestigation,
    CommandKind::DraftPlan,
    CommandKind::ApprovePlan,
    CommandKind::RejectPlan,
    CommandKind::StartImplementation,
    CommandKind::ReportBack,
    CommandKind::Reply,
    CommandKind::FollowUp,
    CommandKind::Summarize,
    CommandKind::ReviewSummary,
    CommandKind::Close,
    CommandKind::Escalate,
];

/// Drive one device through `picks`: each pick chooses among the allowed commands.
fn drive(
    d: &mut Device,
    picks: &[(u8, u8)],
    actors: &[Actor],
    start: chrono::DateTime<chrono::FixedOffset>,
) {
    let mut now = start;
    for (choice, pick) in picks {
        now += TimeDelta::minutes(i64::from(*pick % 50) + 1);
        let actor = &actors[*pick as usize % actors.len()];
        let c = d.complaint(complaint_id(1)).unwrap();
        let mut allowed: Vec<CommandKind> = allowed_commands(Some(&c), actor, now, &d.settings)
            .into_iter()
            .filter(|k| !matches!(k, CommandKind::Delete))
            .collect();
        // Three times in four, prefer moving the workflow over side records.
        let moves: Vec<CommandKind> = allowed
            .iter()
            .copied()
            .filter(|k| MOVES.contains(k))
            .collect();
        if choice % 4 != 0 && !moves.is_empty() {
            allowed = moves;
        }
        if allowed.is_empty() {
            continue;
        }
        let kind = allowed[*choice as usize % allowed.len()];
        let cmd = sample(kind, &c, *pick);
        // Data-dependent refusals (e.g. a satisfied summary on a dissatisfied case) are fine.
        let _ = d.run(complaint_id(1), cmd, actor, now);
    }
}

fn invariants(c: &Complaint) {
    if !c.activated {
        assert!(
            !c.state.is_emergency_only(),
            "{:?} without activation",
            c.state
        );
    }
    assert_eq!(
        c.state == WorkflowState::Closed,
        c.closed_at.is_some() && c.state == WorkflowState::Closed
    );
    if c.state >= WorkflowState::Assessed {
        assert!(c.severity.is_some());
    }
    let mut state = WorkflowState::Received;
    for t in &c.transitions {
        assert_eq!(t.item.from, state, "transitions chain");
        state = t.item.to;
    }
    assert_eq!(state, c.state);
}

fn lead_and_staff() -> Vec<Actor> {
    vec![leader(), staff(), dept_head(), deputy(), staff()]
}

#[test]
fn random_walks_reach_every_state() {
    let mut seen = std::collections::BTreeSet::from([WorkflowState::Received]);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..60 {
        let picks: Vec<(u8, u8)> = (0..45)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ((x >> 8) as u8, (x >> 16) as u8)
            })
            .collect();
        let (mut d, now) = walk(&major_path(), 0);
        drive(&mut d, &picks, &lead_and_staff(), now);
        let c = d.complaint(complaint_id(1)).unwrap();
        invariants(&c);
        seen.extend(c.transitions.iter().map(|t| t.item.to));
    }
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        WorkflowState::ALL.to_vec()
    );
}

#[test]
fn duplicate_device_codes_are_reported() {
    let mut s = Settings::default();
    for (n, code) in [(1, "A1"), (2, "A2"), (3, "A1")] {
        SettingChange::Device {
            device: device(n),
            code: DeviceCode::parse(code).unwrap(),
            label: String::new(),
        }
        .write(&mut s);
    }
    assert_eq!(
        s.duplicate_device_codes()
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
        vec!["A1"]
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let issued: Vec<ComplaintNumber> = [
        "TS-20261101-A1-0004",
        "TS-20261120-A2-0009",
        "TS-20261127-A1-0011",
    ]
    .iter()
    .map(|n| n.parse().unwrap())
    .collect();
    let next = ComplaintNumber::next_for(day, DeviceCode::parse("A1").unwrap(), &issued);
    assert_eq!(next.to_string(), "TS-20261128-A1-0012");
    let fresh = ComplaintNumber::next_for(day, DeviceCode::parse("C7").unwrap(), &issued);
    assert_eq!(fresh.to_string(), "TS-20261128-C7-0001");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_allowed_commands_gives_accepted_states(picks in prop::collection::vec((any::<u8>(), any::<u8>()), 1..40)) {
        let (mut d, now) = walk(&major_path(), 0);
        drive(&mut d, &picks, &lead_and_staff(), now);
        let c = d.complaint(complaint_id(1)).unwrap();
        prop_assert!(!c.needs_review(), "one device never needs review: {:?}", c.review);
        prop_assert!(!c.in_conflict());
        invariants(&c);
    }

    #[test]
    fn the_fold_ignores_event_order(picks in prop::collection::vec((any::<u8>(), any::<u8>()), 1..30), seed in any::<u64>()) {
        let (mut a, mut b, now) = two_devices(&major_path(), 0);
        let half = picks.len() / 2;
        drive(&mut a, &picks[..half], &lead_and_staff(), now);
        drive(&mut b, &picks[half..], &lead_and_staff(), now);
        exchange(&mut a, &mut b, ms(RECEIVED));
        let reference = fold_complaint(a.events.iter().collect()).unwrap();
        // Shuffle deterministically from the seed.
        let mut shuffled: Vec<&Event> = a.events.iter().collect();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(fold_complaint(shuffled), Some(reference.clone()));
        let mut reversed: Vec<&Event> = a.events.iter().collect();
        reversed.reverse();
        prop_assert_eq!(fold_complaint(reversed), Some(reference));
    }

    #[test]
    fn two_devices_converge(rounds in prop::collection::vec((prop::collection::vec((any::<u8>(), any::<u8>()), 0..6), prop::collection::vec((any::<u8>(), any::<u8>()), 0..6), any::<bool>()), 1..6)) {
        let (mut a, mut b, mut now) = two_devices(&major_path(), 0);
        for (pa, pb, sync) in &rounds {
            drive(&mut a, pa, &lead_and_staff(), now);
            drive(&mut b, pb, &lead_and_staff(), now);
            now += TimeDelta::hours(1);
            if *sync {
                exchange(&mut a, &mut b, now.timestamp_millis() as u64);
            }
        }
        exchange(&mut a, &mut b, now.timestamp_millis() as u64);
        let (ca, cb) = (a.complaint(complaint_id(1)).unwrap(), b.complaint(complaint_id(1)).unwrap());
        prop_assert_eq!(&ca, &cb);
        prop_assert_eq!(a.events.len(), b.events.len());
        prop_assert_eq!(ca.event_count, a.events.len());
        let mut state = WorkflowState::Received;
        for t in &ca.transitions {
            prop_assert_eq!(t.item.from, state);
            state = t.item.to;
        }
    }
}

proptest::proptest! {
    /// The one compiled sort orders like the standard library's stable sort, ties kept in
    /// their order.
    #[test]
    fn the_shared_sort_is_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, proptest::num::u16::ANY), 0..200)) {
        let mut ours = v.clone();
        complaints::domain::order::sort_by_key(&mut ours, |p| p.0);
        let mut std_sorted = v.clone();
        std_sorted.sort_by_key(|p| p.0);
        proptest::prop_assert_eq!(&ours, &std_sorted);
        let mut whole = v.clone();
        complaints::domain::order::sort(&mut whole);
        let mut std_whole = v;
        std_whole.sort();
        proptest::prop_assert_eq!(whole, std_whole);
    }
}
