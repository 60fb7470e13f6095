//! Personal PINs: what signing in asks for, the lockout after wrong tries, who may set a PIN,
//! the hash's shape and the leader's edit of a person.

use crate::common::*;
use chrono::TimeDelta;
use complaints::domain::lock::{
    self, MAX_TRIES, PIN_ITERATIONS, SignIn, SignInRefused, Tries, needs_pin, sign_in,
};
use complaints::domain::roster::edits;
use complaints::domain::*;
use uuid::Uuid;

/// A person folded from an `Add` by the leader, then `changes` by `by`.
fn person_with(role: Role, changes: &[(PersonChange, Actor)]) -> Person {
    let mut d = Device::new(1);
    let id = PersonId(Uuid::from_u128(4));
    let s = Settings::default();
    let news = apply_roster(
        None,
        &RosterCommand::Add {
            id,
            name: "陈客服".into(),
            role,
            department: None,
        },
        &leader(),
        t(RECEIVED),
        &s,
    )
    .unwrap();
    d.events
        .extend(d.clock.stamp_all(news, vec![], None, || [1; 10]));
    for (i, (change, by)) in changes.iter().enumerate() {
        let p = fold_roster(&d.events)[&id].clone();
        let news = apply_roster(
            Some(&p),
            &RosterCommand::Change(change.clone()),
            by,
            t(RECEIVED),
            &s,
        )
        .unwrap();
        let stamped = d
            .clock
            .stamp_all(news, p.heads.clone(), Some(p.latest_hlc), || {
                [i as u8 + 2; 10]
            });
        d.events.extend(stamped);
    }
    fold_roster(&d.events)[&id].clone()
}

fn a_hash() -> PinHash {
    let salt = [7u8; 16];
    let derived = complaints::sync::crypto::pbkdf2_sha256("2468", &salt, 100_000);
    PinHash::new(100_000, &salt, &derived)
}

#[test]
fn the_pin_hash_is_standard_pbkdf2_hmac_sha256() {
    // RFC 7914 §11: PBKDF2-HMAC-SHA256, P = "passwd", S = "salt", c = 1 (first 32 bytes).
    let out = complaints::sync::crypto::pbkdf2_sha256("passwd", b"salt", 1);
    let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
    );
    let h = a_hash();
    assert!(h.well_formed());
    assert_eq!(h.salt_bytes(), vec![7u8; 16]);
    let again = complaints::sync::crypto::pbkdf2_sha256("2468", &h.salt_bytes(), h.iterations);
    assert!(h.matches(&again));
    let wrong = complaints::sync::crypto::pbkdf2_sha256("2469", &h.salt_bytes(), h.iterations);
    assert!(!h.matches(&wrong));
    assert!(!h.matches(&again[..31]));
    const { assert!(PIN_ITERATIONS >= 600_000) };
}

#[test]
fn signing_in_asks_for_the_pin_a_leader_must_have_and_refuses_a_leaver() {
    let now = t(RECEIVED);
    let staff = person_with(Role::Staff, &[]);
    assert_eq!(sign_in(&staff, &Tries::default(), now), Ok(SignIn::Open));
    for role in [Role::Leader, Role::Deputy, Role::DutyLead] {
        assert!(needs_pin(role));
        let p = person_with(role, &[]);
        assert_eq!(sign_in(&p, &Tries::default(), now), Ok(SignIn::SetPin));
    }
    assert!(!needs_pin(Role::DepartmentHead));
    let with_pin = person_with(
        Role::Leader,
        &[(PersonChange::Pin(Some(a_hash())), leader())],
    );
    assert_eq!(with_pin.pin, Some(a_hash()));
    assert_eq!(sign_in(&with_pin, &Tries::default(), now), Ok(SignIn::Pin));
    let gone = person_with(Role::Staff, &[(PersonChange::Active(false), leader())]);
    assert!(!gone.active);
    assert_eq!(
        sign_in(&gone, &Tries::default(), now),
        Err(SignInRefused::Inactive)
    );
}

#[test]
fn five_wrong_pins_lock_the_person_out_for_five_minutes() {
    let now = t(RECEIVED);
    let p = person_with(
        Role::Leader,
        &[(PersonChange::Pin(Some(a_hash())), leader())],
    );
    let mut tries = Tries::default();
    for n in 1..MAX_TRIES {
        tries = tries.failed(now);
        assert_eq!((tries.failures, tries.left()), (n, MAX_TRIES - n));
        assert_eq!(sign_in(&p, &tries, now), Ok(SignIn::Pin));
    }
    tries = tries.failed(now);
    let until = now + TimeDelta::minutes(lock::LOCKOUT_MINUTES);
    assert_eq!(tries.locked(now), Some(until));
    assert_eq!(
        sign_in(&p, &tries, now + TimeDelta::minutes(4)),
        Err(SignInRefused::Locked(until))
    );
    // After the lockout the person may try again, with a fresh count.
    assert_eq!(sign_in(&p, &tries, until), Ok(SignIn::Pin));
    assert_eq!(tries.left(), MAX_TRIES);
}

#[test]
fn a_person_sets_their_own_pin_only_a_leader_sets_anothers_and_a_bad_hash_is_refused() {
    let s = Settings::default();
    let me = person_with(Role::Staff, &[]);
    let own = Actor::new(me.id, me.name.clone(), me.role);
    let set = RosterCommand::Change(PersonChange::Pin(Some(a_hash())));
    assert!(apply_roster(Some(&me), &set, &own, t(RECEIVED), &s).is_ok());
    // Another staff member may not set it, nor change anything else of mine.
    assert_eq!(
        apply_roster(Some(&me), &set, &dept_head(), t(RECEIVED), &s).unwrap_err(),
        DomainError::NotPermitted {
            role: Role::DepartmentHead,
            action: CommandKind::ManageRoster
        }
    );
    assert!(
        apply_roster(
            Some(&me),
            &RosterCommand::Change(PersonChange::Role(Role::Leader)),
            &own,
            t(RECEIVED),
            &s
        )
        .is_err()
    );
    // A leader clears it.
    let clear = RosterCommand::Change(PersonChange::Pin(None));
    assert!(apply_roster(Some(&me), &clear, &leader(), t(RECEIVED), &s).is_ok());
    // A hash of the wrong shape is refused, from a form or a file alike.
    for bad in [
        PinHash {
            iterations: 10,
            ..a_hash()
        },
        PinHash {
            salt: "XY".repeat(16),
            ..a_hash()
        },
        PinHash {
            hash: "ab".into(),
            ..a_hash()
        },
    ] {
        assert!(!bad.well_formed());
        let refused = apply_roster(
            Some(&me),
            &RosterCommand::Change(PersonChange::Pin(Some(bad))),
            &own,
            t(RECEIVED),
            &s,
        );
        assert!(matches!(
            refused,
            Err(DomainError::Invalid(ValidationError::Unreadable {
                field: Field::PersonPin,
                ..
            }))
        ));
    }
}

#[test]
fn a_leaders_edit_changes_only_what_differs_and_a_new_leader_needs_a_pin() {
    let p = person_with(Role::Staff, &[]);
    assert_eq!(
        edits(&p, "陈客服", Role::Staff, None, true, false),
        Ok(vec![])
    );
    assert_eq!(
        edits(
            &p,
            " 陈小客 ",
            Role::DepartmentHead,
            Some("工程部".into()),
            false,
            false
        ),
        Ok(vec![
            PersonChange::Name("陈小客".into()),
            PersonChange::Role(Role::DepartmentHead),
            PersonChange::Department(Some("工程部".into())),
            PersonChange::Active(false),
        ])
    );
    assert_eq!(
        edits(&p, "陈客服", Role::Leader, None, true, false),
        Err(DomainError::Invalid(ValidationError::Required(
            Field::PersonPin
        )))
    );
    assert_eq!(
        edits(&p, "陈客服", Role::Leader, None, true, true),
        Ok(vec![PersonChange::Role(Role::Leader)])
    );
    let with_pin = person_with(
        Role::Staff,
        &[(PersonChange::Pin(Some(a_hash())), leader())],
    );
    assert_eq!(
        edits(&with_pin, "陈客服", Role::Deputy, None, true, false),
        Ok(vec![PersonChange::Role(Role::Deputy)])
    );
    assert_eq!(
        edits(&p, "", Role::Staff, None, true, false),
        Err(DomainError::Invalid(ValidationError::Required(
            Field::PersonName
        )))
    );
    // The form's PIN when adding a person: required for the leader's roles.
    assert_eq!(
        form::new_person_pin(Role::Deputy, ""),
        Err(ValidationError::Required(Field::PersonPin))
    );
    assert_eq!(form::new_person_pin(Role::Staff, ""), Ok(()));
    assert!(form::new_person_pin(Role::Staff, "12a4").is_err());
    assert_eq!(form::new_person_pin(Role::DutyLead, " 13579 "), Ok(()));
}
