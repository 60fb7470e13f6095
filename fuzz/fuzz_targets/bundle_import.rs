//! Arbitrary bytes into the bundle reader and the merge planner: nothing may panic, and
//! whatever is accepted plans, applies, and then plans again to nothing.
//!
//! Input starting with `P`: the rest is taken as a payload and wrapped in an envelope with the
//! right checksum and counts, so mutations reach the event parser past the SHA-256 check.
//! `C`: the same, as a compact file (schema 3), whose events may leave out the chains that
//! follow from the event before them, which the reader derives.
//! `G`: the same payload gzip-compressed inside the envelope (schema 2), as the browser's
//! `CompressionStream` writes it. `Z`: the rest is taken as the gzip stream itself, so the
//! decompression step meets damaged and hostile streams (a bomb is cut off at the limit).
//! Anything else is a whole file. A compressed file is decompressed here by flate2, the native
//! stand-in for the browser's `DecompressionStream`, with the app's limit.
#![no_main]

use complaints::domain::{DeviceId, admit};
use std::io::Read;

use complaints::sync::read::MAX_DECOMPRESSED_BYTES;
use complaints::sync::{Bundle, EventLog, Here, open_envelope_bytes, plan_import, sha256_hex};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

/// The envelope around `payload`; compressed with `gzip` (the payload's gzip stream, or
/// bytes taken as one) when given; a compact file (schema 3) when `compact`.
fn wrap(payload: &[u8], gzip: Option<Vec<u8>>, compact: bool) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(payload).unwrap_or("");
    let parsed: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let count = |name: &str| {
        parsed
            .get(name)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    };
    let (schema, compression, payload) = match gzip {
        Some(g) => (2, json!("gzip"), base64::Engine::encode(&base64::engine::general_purpose::STANDARD, g)),
        None => (1, Value::Null, std::str::from_utf8(payload).ok()?.to_string()),
    };
    let schema = if compact { 3 } else { schema };
    let file = json!({
        "format": "complaint-bundle",
        "schema_version": schema,
        "compression": compression,
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

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip into memory");
    e.finish().expect("gzip into memory")
}

/// A file read as the app reads it: the envelope, then the payload, decompressed first when
/// the envelope says so (at most the app's limit).
fn read(file: &[u8]) -> Option<Bundle> {
    let envelope = open_envelope_bytes(file).ok()?;
    if !envelope.compressed() {
        return envelope.read_plain().ok();
    }
    let stream = envelope.gzip().ok()?;
    let mut json = Vec::new();
    let limit = MAX_DECOMPRESSED_BYTES as u64 + 1;
    flate2::read::GzDecoder::new(&stream[..])
        .take(limit)
        .read_to_end(&mut json)
        .ok()?;
    if json.len() as u64 >= limit {
        return None;
    }
    envelope.read_decompressed(&json).ok()
}

fuzz_target!(|data: &[u8]| {
    let wrapped = match data.split_first() {
        Some((b'P', payload)) => wrap(payload, None, false),
        Some((b'C', payload)) => wrap(payload, None, true),
        Some((b'G', payload)) => wrap(payload, Some(gzip(payload)), false),
        Some((b'Z', stream)) => wrap(b"", Some(stream.to_vec()), false),
        _ => Some(data.to_vec()),
    };
    let Some(file) = wrapped else {
        return;
    };
    let Some(bundle) = read(&file) else {
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
