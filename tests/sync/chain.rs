//! The tamper-evident history: each device's events form a chain that verifies, breaks at the
//! event that was changed, removed, reordered or inserted, and still verifies after an erasure,
//! which no older file can undo.

use std::collections::BTreeMap;

use complaints::domain::*;
use complaints::format::WireEvent;
use complaints::format::seal::{
    self, BreakKind, ChainBreak, ChainCheck, commitment, content_hash, erase, verify,
};
use complaints::sync::{
    BundleError, EventLog, ExportInput, Here, SourceDevice, export_full, plan_import, read_bundle,
};

use crate::history::{self, EVENTS_PER_COMPLAINT};
use crate::support::{APP_VERSION, LATEST_MS, base_time};

use crate::history::sealed;

/// The highest seq of each device: what a store's version vector says it holds.
fn tops(events: &[Event]) -> BTreeMap<DeviceId, u64> {
    let mut out = BTreeMap::new();
    for e in events {
        let top = out.entry(e.device).or_insert(0);
        *top = (*top).max(e.seq);
    }
    out
}

fn check_against(events: &[Event], held: &BTreeMap<DeviceId, u64>) -> ChainCheck {
    let refs: Vec<&Event> = events.iter().collect();
    verify(
        &refs,
        |_, _| None,
        |d, s| held.get(&d).is_some_and(|top| s <= *top),
    )
}

fn only_break(check: &ChainCheck) -> ChainBreak {
    assert_eq!(check.breaks.len(), 1, "{:?}", check.breaks);
    check.breaks[0]
}

fn index_of(events: &[Event], device: DeviceId, seq: u64) -> usize {
    events
        .iter()
        .position(|e| e.device == device && e.seq == seq)
        .expect("event held")
}

#[test]
fn every_devices_chain_verifies() {
    let events = sealed(30);
    let check = check_against(&events, &tops(&events));
    assert!(check.intact(), "{:?}", check.breaks);
    assert_eq!(check.events, 30 * EVENTS_PER_COMPLAINT);
    assert_eq!(
        (check.sealed, check.devices, check.waiting),
        (check.events, 3, 0)
    );
    // In any order, and through the file format and back.
    let mut shuffled = events.clone();
    shuffled.reverse();
    assert!(check_against(&shuffled, &tops(&events)).intact());
    let back: Vec<Event> = events
        .iter()
        .map(|e| WireEvent::from(e).into_domain().expect("reads back"))
        .collect();
    assert_eq!(back, events);
    assert!(check_against(&back, &tops(&events)).intact());
}

#[test]
fn a_changed_field_breaks_the_chain_at_that_event() {
    let events = sealed(12);
    let held = tops(&events);
    let d = history::device(2);
    // A note's text, a time, and the complaint's description, each changed on its own.
    for (seq, change) in [(9, 0), (20, 1), (16, 2)] {
        let mut edited = events.clone();
        let at = index_of(&edited, d, seq);
        let e = &mut edited[at];
        match (change, &mut e.body) {
            (0, EventBody::NoteAdded { text, .. }) => text.push('！'),
            (1, _) => e.at += chrono::TimeDelta::minutes(1),
            (2, EventBody::Received { details, .. }) => details.description.push('。'),
            (_, other) => panic!("unexpected event at seq {seq}: {}", other.kind_name()),
        }
        let b = only_break(&check_against(&edited, &held));
        assert_eq!(
            (b.id, b.seq, b.kind),
            (edited[at].id, seq, BreakKind::Altered)
        );
    }
}

#[test]
fn an_edit_with_its_own_chain_recomputed_breaks_at_the_next_event() {
    let events = sealed(6);
    let d = history::device(1);
    let mut edited = events.clone();
    let at = index_of(&edited, d, 7);
    if let EventBody::NoteAdded { text, .. } = &mut edited[at].body {
        *text = "改写的记录".into();
    }
    let prev = seal::link(&edited[index_of(&edited, d, 6)]);
    edited[at].seal.chain = Some(seal::chain_after(&prev, &commitment(&edited[at])));
    let b = only_break(&check_against(&edited, &tops(&events)));
    assert_eq!((b.seq, b.kind), (8, BreakKind::Altered));
}

#[test]
fn a_removed_event_breaks_the_chain_at_the_one_after_it() {
    let events = sealed(6);
    let d = history::device(1);
    let mut removed = events.clone();
    removed.remove(index_of(&removed, d, 5));
    let b = only_break(&check_against(&removed, &tops(&events)));
    assert_eq!((b.device, b.seq, b.kind), (d, 6, BreakKind::Missing));
    // Where nothing says the event must be held (a gap still to be filled), the next waits.
    let check = verify(
        &removed.iter().collect::<Vec<_>>(),
        |_, _| None,
        |_, _| false,
    );
    assert!(check.intact());
    assert_eq!(check.waiting, 1);
}

#[test]
fn a_reordered_pair_breaks_the_chain() {
    let events = sealed(6);
    let d = history::device(3);
    let mut swapped = events.clone();
    let (a, b) = (index_of(&swapped, d, 3), index_of(&swapped, d, 4));
    swapped[a].seq = 4;
    swapped[b].seq = 3;
    let brk = only_break(&check_against(&swapped, &tops(&events)));
    assert_eq!(
        (brk.id, brk.seq, brk.kind),
        (swapped[b].id, 3, BreakKind::Altered)
    );
}

#[test]
fn an_event_inserted_into_another_devices_chain_is_found() {
    let events = sealed(6);
    let (a, b) = (history::device(1), history::device(2));
    // Taking a number device 1 used.
    let mut forged = events[index_of(&events, b, 4)].clone();
    forged.device = a;
    forged.seq = 4;
    let mut inserted = events.clone();
    inserted.push(forged.clone());
    let brk = only_break(&check_against(&inserted, &tops(&events)));
    assert_eq!((brk.id, brk.kind), (forged.id, BreakKind::SeqTaken));
    // Past device 1's last event, with a chain copied from elsewhere.
    let top = tops(&events)[&a];
    forged.seq = top + 1;
    let mut appended = events.clone();
    appended.push(forged.clone());
    let mut held = tops(&events);
    held.insert(a, top + 1);
    let brk = only_break(&check_against(&appended, &held));
    assert_eq!((brk.id, brk.kind), (forged.id, BreakKind::Altered));
    // Without a chain after sealed events.
    forged.seal = Seal::default();
    let mut unsealed = events.clone();
    unsealed.push(forged.clone());
    let brk = only_break(&check_against(&unsealed, &held));
    assert_eq!((brk.id, brk.kind), (forged.id, BreakKind::Unsealed));
}

fn personal_values(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::Received { details, .. } => details.complainant.name.clone(),
            _ => None,
        })
        .collect()
}

#[test]
fn an_erasure_keeps_every_chain_verifiable_and_leaves_no_value() {
    let events = sealed(9);
    let names = personal_values(&events);
    assert!(!names.is_empty());
    let erased: Vec<Event> = events.iter().map(erase).collect();
    assert!(check_against(&erased, &tops(&events)).intact());
    for (before, after) in events.iter().zip(&erased) {
        assert_eq!(content_hash(before), content_hash(after));
        assert_eq!(commitment(before), commitment(after));
        let json = serde_json::to_string(&WireEvent::from(after)).unwrap();
        for name in &names {
            assert!(!json.contains(name.as_str()), "{name} left in {json}");
        }
        // Neither the salt nor anything from which the value could be guessed back.
        if before.body.has_personal() {
            assert!(after.seal.salt.is_none() && after.seal.is_erased());
        }
        let back = WireEvent::from(after).into_domain().expect("reads back");
        assert_eq!(&back, after);
        admit::check_event(&back).expect("an erased event is admitted");
    }
    // An event made before the history was sealed keeps its whole commitment instead.
    let mut old = history::generate(1).remove(0);
    old.seal = Seal::default();
    let gone = erase(&old);
    assert_eq!(commitment(&old), commitment(&gone));
    assert_eq!(gone.seal.erased.keys().collect::<Vec<_>>(), vec![""]);
}

/// A full bundle of `events` from device `from`, read back.
fn bundle_of(events: &[Event], from: DeviceId) -> complaints::sync::Bundle {
    let source = SourceDevice {
        id: from,
        code: DeviceCode::parse("A1").unwrap(),
        label: "平板 1".into(),
    };
    let text = export_full(ExportInput {
        source: &source,
        app_version: APP_VERSION,
        bundle_id: uuid::Uuid::from_u128(0xb1),
        created_at: base_time(),
        events,
        blobs: &[],
        compact: false,
    })
    .into_plain()
    .contents;
    read_bundle(&text).expect("reads")
}

fn import(log: &mut EventLog, events: &[Event]) -> Result<usize, BundleError> {
    import_bundle(log, bundle_of(events, history::device(1)))
}

fn import_bundle(
    log: &mut EventLog,
    bundle: complaints::sync::Bundle,
) -> Result<usize, BundleError> {
    let here = Here::new(DeviceId(uuid::Uuid::from_u128(0xb0b)), LATEST_MS);
    let plan = plan_import(log, bundle, &here)?;
    log.apply(&plan);
    Ok(plan.new_events.len())
}

/// The events of complaint 0 with its erasure, made on device 1 after everything else.
fn with_erasure(events: &[Event]) -> (Vec<Event>, Event) {
    let d = history::device(1);
    let record = events[0].record;
    let mut clock = DeviceClock::new(d);
    clock.last_seq = tops(events)[&d];
    clock.link = Some(seal::link(&events[index_of(events, d, clock.last_seq)]));
    let mut erasure = clock.stamp(
        NewEvent {
            record,
            actor: Actor::new(PersonId(uuid::Uuid::from_u128(1)), "王组长", Role::Leader),
            at: base_time(),
            body: EventBody::PersonalDataErased {
                reason: "业主依法要求删除".into(),
            },
        },
        vec![],
        None,
        &[7; 10],
    );
    seal::seal_all(&mut clock, std::slice::from_mut(&mut erasure), String::new);
    let mut all = events.to_vec();
    all.push(erasure.clone());
    (all, erasure)
}

#[test]
fn an_erasure_travels_and_an_old_bundle_replayed_after_it_restores_nothing() {
    let before = sealed(3);
    let name = personal_values(&before)[0].clone();
    let (after, erasure) = with_erasure(&before);
    let has_name = |log: &EventLog| {
        log.events().any(|e| {
            serde_json::to_string(&WireEvent::from(e))
                .unwrap()
                .contains(&name)
        })
    };

    // The tablet that erases.
    let mut a = EventLog::new();
    for e in &before {
        a.insert(e.clone());
    }
    assert!(has_name(&a));
    a.insert(erasure.clone());
    assert!(!has_name(&a));
    let check = verify(&a.events().collect::<Vec<_>>(), |_, _| None, |_, _| true);
    assert!(check.intact(), "{:?}", check.breaks);
    // An older file, replayed: nothing new, nothing back.
    assert_eq!(import(&mut a, &before), Ok(0));
    assert!(!has_name(&a));
    // What it exports holds no name.
    let exported = a.to_vec();
    assert!(!exported.iter().any(|e| {
        serde_json::to_string(&WireEvent::from(e))
            .unwrap()
            .contains(&name)
    }));

    // A tablet that held the values removes them when the erasure arrives, and then holds
    // exactly what the first does.
    let mut b = EventLog::new();
    assert_eq!(import(&mut b, &before), Ok(before.len()));
    assert!(has_name(&b));
    assert_eq!(import(&mut b, &exported), Ok(1));
    assert!(!has_name(&b));
    assert_eq!(import(&mut b, &before), Ok(0));
    assert!(!has_name(&b));
    let hashes = |log: &EventLog| {
        log.stored()
            .map(|s| (s.event.id, s.content_hash.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(hashes(&a), hashes(&b));
    assert_eq!(a.to_vec(), b.to_vec());
    // The rest of the complaint stays.
    let folded = fold_complaints(&b.to_vec());
    let c = &folded[&erasure.record];
    assert!(c.erased && c.details.complainant.name.is_none());
    assert!(c.details.description.contains("电梯停运"));
    assert_eq!(after.len(), a.len());
}

#[test]
fn an_import_refuses_a_file_whose_chain_is_broken_naming_the_event() {
    let events = sealed(6);
    let d = history::device(2);
    let mut edited = events.clone();
    let at = index_of(&edited, d, 10);
    if let EventBody::NoteAdded { text, .. } = &mut edited[at].body {
        *text = "改写".into();
    }
    let mut log = EventLog::new();
    let got = import(&mut log, &edited);
    match got {
        Err(BundleError::BrokenChain { id, seq, kind, .. }) => {
            assert_eq!((id, seq, kind), (edited[at].id, 10, BreakKind::Altered))
        }
        other => panic!("expected a broken chain, got {other:?}"),
    }
    assert_eq!(log, EventLog::new());
    // Removed from the file after it was written (its checksums made to fit): the header
    // still says its writer held it.
    let mut removed = bundle_of(&events, history::device(1));
    let at = index_of(&removed.events, d, 10);
    removed.events.remove(at);
    let got = import_bundle(&mut log, removed);
    assert!(
        matches!(
            got,
            Err(BundleError::BrokenChain {
                seq: 11,
                kind: BreakKind::Missing,
                ..
            })
        ),
        "{got:?}"
    );
    // The intact file imports.
    assert_eq!(import(&mut log, &events), Ok(events.len()));
}

#[test]
fn an_incremental_file_s_first_event_is_checked_against_the_event_held_before_it() {
    let events = sealed(6);
    let d = history::device(3);
    // This device holds device 3's first ten events; the file brings the rest, the first of
    // them edited (a forged chain would break at the next one instead).
    let (held, rest): (Vec<Event>, Vec<Event>) = events
        .iter()
        .cloned()
        .partition(|e| e.device != d || e.seq <= 10);
    let mut log = EventLog::new();
    for e in &held {
        log.insert(e.clone());
    }
    let mut bundle = bundle_of(&events, history::device(1));
    bundle.events.retain(|e| rest.iter().any(|r| r.id == e.id));
    bundle.header.since = Some({
        let mut v = VersionVector::new();
        for e in &held {
            v.observe(e.device, e.seq);
        }
        v
    });
    let mut edited = bundle.clone();
    let at = index_of(&edited.events, d, 11);
    if let EventBody::NoteAdded { text, .. } = &mut edited.events[at].body {
        *text = "改写".into();
    }
    let got = import_bundle(&mut log.clone(), edited);
    assert!(
        matches!(
            got,
            Err(BundleError::BrokenChain {
                seq: 11,
                kind: BreakKind::Altered,
                ..
            })
        ),
        "{got:?}"
    );
    // Untouched, it imports.
    assert_eq!(import_bundle(&mut log, bundle), Ok(rest.len()));
}
