//! The organisation and the duty rota: the rota decides who acts as leader outside working
//! hours; units are checked like the form checks them; the call list keeps its order.

use crate::common::*;
use chrono::NaiveDate;
use complaints::domain::fold::fold_settings;
use complaints::domain::ids::UnitId;
use complaints::domain::organisation::*;
use complaints::domain::settings::apply_setting;
use complaints::domain::workflow::may_lead;
use complaints::domain::*;
use uuid::Uuid;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A second duty lead, who is on the rota when the first is not.
fn night_lead() -> Actor {
    person(6, "钱值班", Role::DutyLead)
}

fn set(d: &mut Device, change: SettingChange, actor: &Actor, now: &str) -> Result<(), DomainError> {
    let s = fold_settings(&d.events);
    let news = apply_setting(&s, &change, actor, t(now))?;
    let n = d.events.len() as u8;
    let stamped = d.clock.stamp_all(news, s.heads, s.latest_hlc, || [n; 10]);
    d.events.extend(stamped);
    Ok(())
}

fn duty(day_: &str, shift: Shift, who: &Actor) -> SettingChange {
    SettingChange::Duty {
        day: day(day_),
        shift,
        person: Some(who.id),
    }
}

#[test]
fn the_rota_decides_who_acts_as_leader_outside_working_hours() {
    let mut d = Device::new(1);
    // Friday 4 December 2026: the night shift is 钱值班's; Saturday's day shift too.
    set(
        &mut d,
        duty("2026-12-04", Shift::Night, &night_lead()),
        &leader(),
        "2026-12-01T10:00:00+08:00",
    )
    .unwrap();
    set(
        &mut d,
        duty("2026-12-05", Shift::Day, &night_lead()),
        &leader(),
        "2026-12-01T10:01:00+08:00",
    )
    .unwrap();
    let s = fold_settings(&d.events);

    let friday_night = t("2026-12-04T22:00:00+08:00");
    assert_eq!(s.on_duty(friday_night), Some(night_lead().id));
    assert!(
        may_lead(&night_lead(), friday_night, &s),
        "the duty lead on the rota leads"
    );
    assert!(
        !may_lead(&duty_lead(), friday_night, &s),
        "another duty lead does not that night"
    );
    assert!(!may_lead(&staff(), friday_night, &s));
    assert!(
        may_lead(&leader(), friday_night, &s),
        "the leader always leads"
    );

    // 03:00 on Saturday still belongs to Friday's night shift.
    let small_hours = t("2026-12-05T03:00:00+08:00");
    assert!(may_lead(&night_lead(), small_hours, &s));
    assert!(!may_lead(&duty_lead(), small_hours, &s));
    // Saturday daytime is off hours (a weekend) and on the rota.
    let saturday = t("2026-12-05T11:00:00+08:00");
    assert!(may_lead(&night_lead(), saturday, &s));
    assert!(!may_lead(&duty_lead(), saturday, &s));

    // A shift the rota leaves empty: anyone with the duty lead's role, as before.
    let thursday_night = t("2026-12-03T22:00:00+08:00");
    assert_eq!(s.on_duty(thursday_night), None);
    assert!(may_lead(&duty_lead(), thursday_night, &s));
    assert!(may_lead(&night_lead(), thursday_night, &s));
    // Working hours: only the leader and the deputy.
    let friday_morning = t("2026-12-04T10:00:00+08:00");
    assert!(!may_lead(&night_lead(), friday_morning, &s));
    assert!(may_lead(&deputy(), friday_morning, &s));

    // Someone on the rota whose role no longer signs in with a PIN does not lead.
    let demoted = Actor::new(night_lead().id, "钱值班", Role::Staff);
    assert!(!may_lead(&demoted, friday_night, &s));

    // Taking them off the rota brings back the role rule.
    set(
        &mut d,
        SettingChange::Duty {
            day: day("2026-12-04"),
            shift: Shift::Night,
            person: None,
        },
        &leader(),
        "2026-12-02T09:00:00+08:00",
    )
    .unwrap();
    let s = fold_settings(&d.events);
    assert!(may_lead(&duty_lead(), friday_night, &s));
}

#[test]
fn only_a_leader_changes_the_rota_and_only_people_with_a_pin_go_on_it() {
    let mut d = Device::new(1);
    let refused = set(
        &mut d,
        duty("2026-12-04", Shift::Night, &staff()),
        &staff(),
        "2026-12-01T10:00:00+08:00",
    );
    assert!(matches!(refused, Err(DomainError::NotPermitted { .. })));
    // The night's duty lead sets the rota at night (they lead then); not by day.
    assert!(
        set(
            &mut d,
            duty("2026-12-05", Shift::Night, &duty_lead()),
            &duty_lead(),
            "2026-12-01T10:00:00+08:00"
        )
        .is_err()
    );
    set(
        &mut d,
        duty("2026-12-05", Shift::Night, &duty_lead()),
        &duty_lead(),
        "2026-12-01T20:00:00+08:00",
    )
    .unwrap();

    let on_roster = |actor: &Actor, active: bool| roster::Person {
        id: actor.id,
        name: actor.name.clone(),
        role: actor.role,
        department: None,
        active,
        pin: None,
        conflicts: Default::default(),
        heads: Vec::new(),
        latest_hlc: Hlc::zero(DeviceId(Uuid::nil())),
    };
    assert!(check_duty(Some(&on_roster(&duty_lead(), true))).is_ok());
    assert!(check_duty(Some(&on_roster(&deputy(), true))).is_ok());
    assert!(
        check_duty(Some(&on_roster(&staff(), true))).is_err(),
        "staff hold no PIN role"
    );
    assert!(
        check_duty(Some(&on_roster(&duty_lead(), false))).is_err(),
        "inactive"
    );
    assert!(check_duty(None).is_err(), "not on the roster");
}

fn unit(name: &str, phone: &str, order: Option<u32>) -> OrgUnit {
    OrgUnit {
        kind: UnitKind::Contact,
        name: name.into(),
        duty: String::new(),
        phone: phone.into(),
        members: Vec::new(),
        call_order: order,
        removed: false,
    }
}

#[test]
fn units_are_checked_and_the_call_list_keeps_its_order() {
    assert!(check_unit(&unit("公安", "110", None)).is_ok());
    assert!(check_unit(&unit("热线", "12345", None)).is_ok());
    assert!(check_unit(&unit("法律顾问", "0755-1234567 转 8", None)).is_ok());
    assert!(
        check_unit(&unit("空号", "", None)).is_ok(),
        "a unit may have no number of its own"
    );
    assert!(matches!(
        check_unit(&unit("", "110", None)),
        Err(ValidationError::Required(Field::UnitName))
    ));
    assert!(matches!(
        check_unit(&unit("乱码", "call me", None)),
        Err(ValidationError::Dialable { .. })
    ));
    assert!(matches!(
        check_unit(&unit("短号", "11", None)),
        Err(ValidationError::Dialable { .. })
    ));
    let mut big = unit("大组", "", None);
    big.members = (0..=MAX_MEMBERS)
        .map(|i| Member {
            name: format!("成员{i}"),
            role: String::new(),
            phone: String::new(),
        })
        .collect();
    assert!(matches!(
        check_unit(&big),
        Err(ValidationError::TooMany { .. })
    ));
    let mut unnamed = unit("小组", "", None);
    unnamed.members.push(Member {
        name: " ".into(),
        role: "组员".into(),
        phone: "13812345678".into(),
    });
    assert!(check_unit(&unnamed).is_err(), "every member is named");
    assert_eq!(tel_href("0755-1234567 转 8"), "tel:07551234567,8");
    assert_eq!(tel_href("+86 138 1234 5678"), "tel:+8613812345678");

    let mut d = Device::new(1);
    let id = |n: u128| UnitId(Uuid::from_u128(n));
    for (n, u) in [
        (1, unit("消防", "119", Some(3))),
        (2, unit("组长", "13812345678", Some(1))),
        (3, unit("律师", "", None)),
        (4, unit("公安", "110", Some(2))),
    ] {
        set(
            &mut d,
            SettingChange::Unit { id: id(n), unit: u },
            &leader(),
            "2026-12-01T10:00:00+08:00",
        )
        .unwrap();
    }
    let names = |s: &Settings| {
        s.call_list()
            .into_iter()
            .map(|(_, u)| u.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&fold_settings(&d.events)), ["组长", "公安", "消防"]);
    // Taken out: no longer called, still in the record.
    let mut gone = unit("公安", "110", Some(2));
    gone.removed = true;
    set(
        &mut d,
        SettingChange::Unit {
            id: id(4),
            unit: gone,
        },
        &leader(),
        "2026-12-01T11:00:00+08:00",
    )
    .unwrap();
    let s = fold_settings(&d.events);
    assert_eq!(names(&s), ["组长", "消防"]);
    assert!(s.organisation[&id(4)].removed);
    assert_eq!(s.units_of(UnitKind::Contact).len(), 3);
    // A bad number is refused by the command as by the form.
    assert!(
        set(
            &mut d,
            SettingChange::Unit {
                id: id(5),
                unit: unit("x", "abc", None)
            },
            &leader(),
            "2026-12-01T12:00:00+08:00"
        )
        .is_err()
    );
}

#[test]
fn the_starting_organisation_passes_its_own_checks() {
    for lang in [Lang::Zh, Lang::En] {
        let units = starting_organisation(lang);
        assert!(units.iter().all(|u| check_unit(u).is_ok()));
        for kind in UnitKind::ALL {
            assert!(
                units.iter().any(|u| u.kind == kind),
                "{kind:?} is in the outline"
            );
        }
    }
}
