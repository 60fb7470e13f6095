//! Arbitrary bytes into the bundle reader and the merge planner: nothing may panic, and
//! whatever is accepted plans, applies, and then plans again to nothing.
//!
//! Input starting with `P`: the rest is taken as a payload and wrapped in an envelope with the
//! right checksum and counts, so mutations reach the event parser past the SHA-256 check.
//! Anything else is a whole file.
#![no_main]

use complaints::domain::{DeviceId, admit};
use complaints::sync::{EventLog, Here, plan_import, read_bundle_bytes, sha256_hex};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fn wrap(payload: &[u8]) -> Option<Vec<u8>> {
    let payload = std::str::from_utf8(payload).ok()?;
    let parsed: Value = serde_json::from_str(payload).unwrap_or(Value::Null);
    let count = |name: &str| {
        parsed
            .get(name)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    };
    let file = json!({
        "format": "complaint-bundle",
        "schema_version": 1,
        "app_version": "0.1.0",
        "bundle_id": "0190b6a4-8f00-7000-8000-000000000001",
        "created_at": "2026-11-28T09:30:00+08:00",
        "source_device": { "id": "00000000-0000-0000-0000-0000000000a3", "code": "A3", "label": "fuzz" },
        "since": null,
        "version_vector": {},
        "counts": { "events": count("events"), "blobs": count("blobs") },
        "payload_sha256": sha256_hex(payload.as_bytes()),
        "encryption": null,
        "payload": payload,
    });
    serde_json::to_vec(&file).ok()
}

fuzz_target!(|data: &[u8]| {
    let wrapped;
    let file = match data.split_first() {
        Some((b'P', payload)) => match wrap(payload) {
            Some(w) => {
                wrapped = w;
                &wrapped[..]
            }
            None => return,
        },
        _ => data,
    };
    let Ok(bundle) = read_bundle_bytes(file) else {
        return;
    };
    let again = bundle.clone();
    let mut log = EventLog::new();
    let here = Here::new(
        DeviceId(complaints::domain::ids::uuid_v7(0, &[0xb0; 10])),
        4_102_444_800_000,
    );
    let Ok(plan) = plan_import(&log, bundle, &here) else {
        return;
    };
    // Whatever is admitted passes the same checks as the command that makes it.
    for s in &plan.new_events {
        admit::check_event(&s.event).expect("an admitted event passes the domain's checks");
    }
    log.apply(&plan);
    let replay = plan_import(&log, again, &here).expect("a file that imported once imports again");
    assert!(
        replay.is_empty(),
        "a second import of one file added something"
    );
});
