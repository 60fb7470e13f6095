//! Convergence, property-based: N simulated devices (3 to 6) make random edits and exchange
//! random full and incremental bundles — duplicated, reordered, stale, dropped, re-sent, now
//! and then damaged — through the real write and read functions (file text both ways). After a
//! final full exchange through one relay device, every device holds the same events, derives
//! the same records, and holds every event ever created. Along the way: import is idempotent,
//! commutative and associative, and an incremental import followed by the rest equals a full
//! import.
//!
//! Per `cargo test`: 3,000 short histories (4–23 steps) each with 3–4 and with 5–6 devices, and
//! 2,000 long ones (24–59 steps) each with 3–4 and 5–6 devices: 10,000 histories. Setting
//! `PROPTEST_CASES` runs that many per property instead.

use std::collections::BTreeSet;

use crate::support::{Device, Rng, derived};
use complaints::domain::{DeviceId, EventId, fold_complaints};
use complaints::sync::{BundleError, EventLog, Here, Holdings, plan_import, read_bundle};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const SHORT_HISTORIES: u32 = 3000;
const LONG_HISTORIES: u32 = 2000;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn import_into(log: &mut EventLog, text: &str) -> Result<usize, TestCaseError> {
    let bundle = read_bundle(text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let here = Here::new(
        DeviceId(uuid::Uuid::from_u128(0xb0b)),
        crate::support::LATEST_MS,
    );
    let plan = plan_import(log, bundle, &here).map_err(|e| TestCaseError::fail(e.to_string()))?;
    log.apply(&plan);
    Ok(plan.new_events.len())
}

fn ids(log: &EventLog) -> BTreeSet<EventId> {
    log.events().map(|e| e.id).collect()
}

/// A file cut short, or with one byte of its payload changed: either way it must be refused.
/// (A plain file's header is not covered by the checksum; an encrypted one's is, by the tag.)
fn damage(text: &str, r: &mut Rng) -> String {
    let bytes = text.as_bytes();
    let cut = 1 + r.below(bytes.len() - 1);
    if r.chance(50) {
        String::from_utf8_lossy(&bytes[..cut]).into_owned()
    } else {
        let mut b = bytes.to_vec();
        let payload_at = text.find("\"payload\":\"").unwrap_or(0);
        // Swap an ASCII letter or digit for another so the text stays UTF-8.
        let positions: Vec<usize> = (payload_at..b.len())
            .filter(|&i| b[i].is_ascii_alphanumeric())
            .collect();
        let i = *r.pick(&positions);
        b[i] = if b[i] == b'a' { b'b' } else { b'a' };
        String::from_utf8_lossy(&b).into_owned()
    }
}

/// One history; `Err` names the first broken guarantee.
fn history(devices: usize, seed: u64, steps: usize) -> Result<(), TestCaseError> {
    let mut r = Rng::new(seed);
    let mut devs: Vec<Device> = (0..devices).map(|i| Device::new(i, &mut r)).collect();
    let mut mailbox: Vec<String> = Vec::new();
    let mut created: BTreeSet<EventId> = BTreeSet::new();
    let mut now: u64 = 0;
    for _ in 0..steps {
        now += 1000 + r.below(120_000) as u64;
        match r.below(10) {
            0..=4 => {
                let d = r.below(devices);
                created.insert(devs[d].edit(&mut r, now));
            }
            5 | 6 => {
                let from = r.below(devices);
                let text = if r.chance(40) {
                    devs[from].export_full(&mut r)
                } else {
                    let peer = devs[(from + 1 + r.below(devices - 1)) % devices].id();
                    devs[from].export_for(peer, &mut r)
                };
                mailbox.push(text);
            }
            _ if mailbox.is_empty() => {}
            _ => {
                let text = mailbox[r.below(mailbox.len())].clone();
                let to = r.below(devices);
                if r.chance(10) {
                    let before = ids(&devs[to].log);
                    let damaged = damage(&text, &mut r);
                    prop_assert!(
                        devs[to].import(&damaged, now).is_err(),
                        "a damaged file was accepted"
                    );
                    prop_assert_eq!(before, ids(&devs[to].log), "a refused file changed data");
                } else {
                    let before = devs[to].log.len();
                    let result = devs[to].import(&text, now);
                    if result == Err(BundleError::OwnFile) {
                        // A device handed its own file: refused, and nothing changes.
                        prop_assert_eq!(devs[to].log.len(), before);
                        continue;
                    }
                    let plan = result.map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(devs[to].log.len() - before, plan.preview.new_events);
                    prop_assert_eq!(devs[to].log.version_vector(), plan.version_vector);
                    // Idempotent: the same file again changes nothing (checked on a third of
                    // the deliveries, to keep the run short, and after the final exchange).
                    if !r.chance(33) {
                        continue;
                    }
                    let again = devs[to]
                        .import(&text, now)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert!(again.is_empty(), "a second import added events");
                }
            }
        }
    }

    // Commutative and associative, on three files of this history.
    if mailbox.len() >= 3 {
        let a = &mailbox[r.below(mailbox.len())];
        let b = &mailbox[r.below(mailbox.len())];
        let c = &mailbox[r.below(mailbox.len())];
        let mut abc = EventLog::new();
        for f in [a, b, c] {
            import_into(&mut abc, f)?;
        }
        let mut cba = EventLog::new();
        for f in [c, b, a] {
            import_into(&mut cba, f)?;
        }
        prop_assert_eq!(ids(&abc), ids(&cba), "import is not commutative");
        let mut bc = Device::new(9, &mut r);
        bc.import(b, now)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        bc.import(c, now)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut a_bc = EventLog::new();
        import_into(&mut a_bc, a)?;
        import_into(&mut a_bc, &bc.export_full(&mut r))?;
        prop_assert_eq!(derived(&abc), derived(&a_bc), "import is not associative");
    }

    // An incremental import followed by the rest equals a full import.
    let x = r.below(devices);
    let y = (x + 1 + r.below(devices - 1)) % devices;
    let mut by_increment = devs[x].log.clone();
    let mut by_full = devs[x].log.clone();
    let mut from_y = devs[y].clone();
    from_y
        .known
        .insert(devs[x].id(), devs[x].log.version_vector());
    import_into(&mut by_increment, &from_y.export_for(devs[x].id(), &mut r))?;
    let full = devs[y].export_full(&mut r);
    prop_assert_eq!(
        ids(&by_increment),
        {
            import_into(&mut by_full, &full)?;
            ids(&by_full)
        },
        "an incremental export for a peer missed events"
    );
    prop_assert_eq!(import_into(&mut by_increment, &full)?, 0);

    // The final full exchange, through device 0 as the office relay.
    for d in 1..devices {
        let text = devs[d].export_full(&mut r);
        devs[0]
            .import(&text, now)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    let relay = devs[0].export_full(&mut r);
    for dev in devs.iter_mut().skip(1) {
        dev.import(&relay, now)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    let again = devs[devices - 1]
        .import(&relay, now)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(
        again.is_empty(),
        "a second import of the relay file added events"
    );
    let reference = derived(&devs[0].log);
    prop_assert_eq!(
        reference.hashes.keys().copied().collect::<BTreeSet<_>>(),
        created,
        "an event was lost"
    );
    for dev in &devs[1..] {
        prop_assert_eq!(&derived(&dev.log), &reference, "devices did not converge");
    }
    // The fold does not depend on the order events are given in.
    let mut shuffled = devs[0].log.to_vec();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, r.below(i + 1));
    }
    prop_assert_eq!(&fold_complaints(&shuffled), &reference.complaints);
    Ok(())
}

proptest! {
    #![proptest_config(config(SHORT_HISTORIES))]

    #[test]
    fn few_devices_short_histories(devices in 3usize..=4, seed in any::<u64>(), steps in 4usize..24) {
        history(devices, seed, steps)?;
    }

    #[test]
    fn many_devices_short_histories(devices in 5usize..=6, seed in any::<u64>(), steps in 4usize..24) {
        history(devices, seed, steps)?;
    }
}

proptest! {
    #![proptest_config(config(LONG_HISTORIES))]

    #[test]
    fn few_devices_long_histories(devices in 3usize..=4, seed in any::<u64>(), steps in 24usize..60) {
        history(devices, seed, steps)?;
    }

    #[test]
    fn many_devices_long_histories(devices in 5usize..=6, seed in any::<u64>(), steps in 24usize..60) {
        history(devices, seed, steps)?;
    }
}
