//! Exported files against the published JSON Schema (docs/bundle.schema.json), checked by an
//! independent validator (the `jsonschema` crate, draft 2020-12, formats asserted, the
//! project's own formats registered). `contentSchema` is only an annotation in 2020-12, so the
//! plain payload string is parsed and validated against `$defs/payload` here.

use std::collections::BTreeSet;

use crate::support::{APP_VERSION, Device, Rng, base_time, one_of_every_kind};
use chrono::{DateTime, NaiveDate, NaiveTime};
use complaints::domain::{ComplaintNumber, DeviceCode, Hlc, Phone};
use complaints::domain::{DeviceId, VersionVector};
use complaints::format::EVENT_KINDS;
use complaints::format::event::{
    WireChannel, WireClock, WireCriterion, WireDayMode, WireEvidenceKind, WireOutcomeClass,
    WireRole, WireSatisfaction, WireSeverity, WireWorkflowState,
};
use complaints::sync::{
    Blob, EncryptionParams, ExportInput, SourceDevice, export_full, export_incremental,
};
use serde_json::Value;

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/bundle.schema.json"
    ))
    .expect("docs/bundle.schema.json is readable");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Validates a whole file: the envelope, then a plain payload against `$defs/payload`.
struct Validator {
    file: jsonschema::Validator,
    payload: jsonschema::Validator,
}

impl Validator {
    fn validate(&self, instance: &Value) -> Result<(), String> {
        first_error(&self.file, instance, "file")?;
        // Only a plain payload is JSON; an encrypted or compressed one is base64.
        if let Some(inner) = instance
            .get("payload")
            .and_then(Value::as_str)
            .and_then(|text| serde_json::from_str::<Value>(text).ok())
        {
            first_error(&self.payload, &inner, "payload")?;
        }
        Ok(())
    }
}

fn first_error(v: &jsonschema::Validator, instance: &Value, what: &str) -> Result<(), String> {
    match v.iter_errors(instance).next() {
        None => Ok(()),
        Some(e) => Err(format!("{what} at {}: {e}", e.instance_path())),
    }
}

fn compile(schema: &Value) -> jsonschema::Validator {
    let lower_hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_format("uuid", |s: &str| {
            s.len() == 36 && uuid::Uuid::parse_str(s).is_ok_and(|u| u.hyphenated().to_string() == s)
        })
        .with_format("date-time", |s: &str| {
            DateTime::parse_from_rfc3339(s).is_ok()
        })
        .with_format("date", |s: &str| {
            s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        })
        .with_format("time-of-day", |s: &str| {
            NaiveTime::parse_from_str(s, "%H:%M:%S%.f").is_ok()
        })
        .with_format("sha256", move |s: &str| s.len() == 64 && lower_hex(s))
        .with_format("hlc", |s: &str| s.parse::<Hlc>().is_ok())
        .with_format("phone", |s: &str| {
            Phone::parse(s).is_ok_and(|p| p.as_str() == s)
        })
        .with_format("device-code", |s: &str| {
            DeviceCode::parse(s).is_ok_and(|c| c.as_str() == s)
        })
        .with_format("complaint-number", |s: &str| {
            s.parse::<ComplaintNumber>()
                .is_ok_and(|n| n.to_string() == s)
        })
        .with_format("base64", |s: &str| {
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, s).is_ok()
        })
        .build(schema)
        .unwrap_or_else(|e| panic!("docs/bundle.schema.json does not compile: {e}"))
}

fn validator() -> Validator {
    let root = schema();
    let payload = serde_json::json!({
        "$schema": root["$schema"],
        "$ref": "#/$defs/payload",
        "$defs": root["$defs"],
    });
    Validator {
        file: compile(&root),
        payload: compile(&payload),
    }
}

fn check_file(v: &Validator, text: &str) {
    let instance: Value = serde_json::from_str(text).expect("an exported file is JSON");
    if let Err(e) = v.validate(&instance) {
        panic!("an exported file does not match the schema: {e}");
    }
}

fn source() -> SourceDevice {
    SourceDevice {
        id: DeviceId(uuid::Uuid::from_u128(0xa3)),
        code: DeviceCode::parse("A3").expect("valid code"),
        label: "平板 3".into(),
    }
}

#[test]
fn every_kind_exported_matches_the_schema() {
    let v = validator();
    for seed in 0..200 {
        let mut r = Rng::new(seed);
        let events = one_of_every_kind(&mut r);
        let blobs = vec![Blob::new("image/jpeg", vec![0xff, 0xd8, seed as u8])];
        let source = source();
        let input = ExportInput {
            source: &source,
            app_version: APP_VERSION,
            bundle_id: r.uuid(),
            created_at: base_time(),
            events: &events,
            blobs: &blobs,
            compact: false,
        };
        check_file(&v, &export_full(input).into_plain().contents);
        let mut peer = VersionVector::new();
        peer.observe(events[0].device, 5);
        let draft = export_incremental(input, &peer);
        let params = EncryptionParams::new([7; 16], [9; 12]);
        let ciphertext = vec![0u8; draft.plaintext().len() + 16];
        check_file(&v, &draft.clone().into_plain().contents);
        check_file(&v, &draft.into_encrypted(&params, &ciphertext).contents);
    }
}

#[test]
fn files_from_simulated_devices_match_the_schema() {
    let v = validator();
    for seed in 0..40 {
        let mut r = Rng::new(seed);
        let mut devices: Vec<Device> = (0..3).map(|i| Device::new(i, &mut r)).collect();
        for step in 0..30u64 {
            let d = r.below(3);
            devices[d].edit(&mut r, step * 60_000);
            if r.chance(30) {
                let text = devices[d].export_full(&mut r);
                check_file(&v, &text);
                let to = (d + 1) % 3;
                devices[to]
                    .import(&text, step * 60_000)
                    .expect("a fresh file imports");
            }
        }
        for d in &devices {
            let peer = devices[0].id();
            check_file(&v, &d.export_for(peer, &mut r));
        }
    }
}

fn schema_enum(root: &Value, name: &str) -> Vec<String> {
    root["$defs"][name]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("$defs/{name} is an enum"))
        .iter()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn schema_enums_are_the_wire_names() {
    let root = schema();
    let table: [(&str, &[&str]); 10] = [
        ("severity", WireSeverity::NAMES),
        ("channel", WireChannel::NAMES),
        ("role", WireRole::NAMES),
        ("criterion", WireCriterion::NAMES),
        ("workflow_state", WireWorkflowState::NAMES),
        ("outcome_class", WireOutcomeClass::NAMES),
        ("satisfaction", WireSatisfaction::NAMES),
        ("evidence_kind", WireEvidenceKind::NAMES),
        ("clock", WireClock::NAMES),
        ("day_mode", WireDayMode::NAMES),
    ];
    for (def, wire) in table {
        assert_eq!(schema_enum(&root, def), names(wire), "$defs/{def}");
    }
}

#[test]
fn schema_and_vocabulary_list_every_kind() {
    let root = schema();
    let in_schema: Vec<String> = root["$defs"]["body"]["oneOf"]
        .as_array()
        .expect("body is a oneOf")
        .iter()
        .filter_map(|o| o["properties"]["kind"]["const"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(in_schema, names(EVENT_KINDS));
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/events.md"))
        .expect("docs/events.md is readable");
    for kind in EVENT_KINDS {
        assert!(
            doc.contains(&format!("`{kind}`")),
            "docs/events.md lacks {kind}"
        );
    }
    let exported: BTreeSet<String> = one_of_every_kind(&mut Rng::new(1))
        .iter()
        .map(|e| e.body.kind_name().to_string())
        .collect();
    assert_eq!(exported, in_schema.into_iter().collect::<BTreeSet<_>>());
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let v = validator();
    let mut r = Rng::new(3);
    let events = one_of_every_kind(&mut r);
    let source = source();
    let text = export_full(ExportInput {
        source: &source,
        app_version: APP_VERSION,
        bundle_id: r.uuid(),
        created_at: base_time(),
        events: &events,
        blobs: &[],
        compact: false,
    })
    .into_plain()
    .contents;
    let good: Value = serde_json::from_str(&text).expect("JSON");
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 6] = [
        ("unknown member", |f| {
            f["extra"] = Value::Bool(true);
        }),
        ("wrong format", |f| f["format"] = "other".into()),
        ("seq as text", |f| {
            edit_payload(f, |p| p["events"][0]["seq"] = "1".into())
        }),
        ("seq above 2^53", |f| {
            edit_payload(f, |p| p["events"][0]["seq"] = (1u64 << 53).into())
        }),
        ("unknown kind", |f| {
            edit_payload(f, |p| p["events"][0]["body"]["kind"] = "teleported".into())
        }),
        ("bad hlc", |f| {
            edit_payload(f, |p| p["events"][0]["hlc"] = "x".into())
        }),
    ];
    assert!(v.validate(&good).is_ok());
    for (name, edit) in cases {
        let mut bad = good.clone();
        edit(&mut bad);
        assert!(v.validate(&bad).is_err(), "{name} passed the schema");
    }
}

fn edit_payload(file: &mut Value, edit: impl Fn(&mut Value)) {
    let mut payload: Value =
        serde_json::from_str(file["payload"].as_str().expect("payload string")).expect("JSON");
    edit(&mut payload);
    file["payload"] = Value::String(payload.to_string());
}
