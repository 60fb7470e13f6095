//! Exported files against the published JSON Schema (docs/bundle.schema.json), with a small
//! validator for the part of draft 2020-12 the schema uses: `$ref` (local), `type`, `const`,
//! `enum`, `required`, `properties`, `additionalProperties`, `propertyNames`, `items`, `oneOf`,
//! `minimum`, `maximum`, `format` (checked by hand, including the project's own formats) and
//! `contentMediaType`/`contentSchema` (the plain payload string is parsed and validated).
//! `pattern` and the annotations are not evaluated; the formats cover what the patterns say.

mod sync_support;

use std::collections::BTreeSet;

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
use sync_support::{APP_VERSION, Device, Rng, base_time, one_of_every_kind};

fn schema() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/bundle.schema.json"
    ))
    .expect("docs/bundle.schema.json is readable");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Validates instances against one schema document.
struct Validator {
    root: Value,
}

impl Validator {
    fn validate(&self, instance: &Value) -> Result<(), String> {
        self.check(&self.root, instance, "$")
    }

    fn resolve<'a>(&'a self, reference: &str) -> Result<&'a Value, String> {
        let name = reference
            .strip_prefix("#/$defs/")
            .ok_or_else(|| format!("unsupported $ref {reference}"))?;
        self.root["$defs"]
            .get(name)
            .ok_or_else(|| format!("missing definition {name}"))
    }

    fn check(&self, schema: &Value, v: &Value, path: &str) -> Result<(), String> {
        let Some(s) = schema.as_object() else {
            return Err(format!("{path}: schema is not an object"));
        };
        for key in s.keys() {
            let known = [
                "$schema",
                "$id",
                "$ref",
                "$defs",
                "title",
                "description",
                "type",
                "const",
                "enum",
                "required",
                "properties",
                "additionalProperties",
                "propertyNames",
                "items",
                "oneOf",
                "minimum",
                "maximum",
                "format",
                "pattern",
                "contentMediaType",
                "contentSchema",
            ];
            if !known.contains(&key.as_str()) {
                return Err(format!("{path}: the validator does not know keyword {key}"));
            }
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            self.check(self.resolve(r)?, v, path)?;
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => return Err(format!("{path}: bad type keyword")),
            };
            if !types.iter().any(|t| has_type(v, t)) {
                return Err(format!("{path}: expected {types:?}, found {v}"));
            }
        }
        if let Some(c) = s.get("const")
            && c != v
        {
            return Err(format!("{path}: expected {c}, found {v}"));
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array)
            && !e.contains(v)
        {
            return Err(format!("{path}: {v} is not one of {e:?}"));
        }
        if let Some(min) = s.get("minimum").and_then(Value::as_u64)
            && v.as_u64().is_none_or(|n| n < min)
        {
            return Err(format!("{path}: {v} is below {min}"));
        }
        if let Some(max) = s.get("maximum").and_then(Value::as_u64)
            && v.as_u64().is_none_or(|n| n > max)
        {
            return Err(format!("{path}: {v} is above {max}"));
        }
        if let (Some(f), Some(text)) = (s.get("format").and_then(Value::as_str), v.as_str())
            && !format_ok(f, text)
        {
            return Err(format!("{path}: {text:?} is not a {f}"));
        }
        if let Some(obj) = v.as_object() {
            if let Some(req) = s.get("required").and_then(Value::as_array) {
                for r in req.iter().filter_map(Value::as_str) {
                    if !obj.contains_key(r) {
                        return Err(format!("{path}: missing {r}"));
                    }
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, val) in obj {
                let here = format!("{path}.{k}");
                if let Some(p) = props.and_then(|p| p.get(k)) {
                    self.check(p, val, &here)?;
                } else {
                    match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            return Err(format!("{path}: unexpected member {k}"));
                        }
                        Some(extra @ Value::Object(_)) => self.check(extra, val, &here)?,
                        _ => {}
                    }
                }
                if let Some(names) = s.get("propertyNames") {
                    self.check(names, &Value::String(k.clone()), &here)?;
                }
            }
        }
        if let (Some(items), Some(list)) = (s.get("items"), v.as_array()) {
            for (i, item) in list.iter().enumerate() {
                self.check(items, item, &format!("{path}[{i}]"))?;
            }
        }
        if let Some(options) = s.get("oneOf").and_then(Value::as_array) {
            let passing: Vec<usize> = (0..options.len())
                .filter(|&i| self.check(&options[i], v, path).is_ok())
                .collect();
            if passing.len() != 1 {
                let why: Vec<String> = options
                    .iter()
                    .filter_map(|o| self.check(o, v, path).err())
                    .take(3)
                    .collect();
                return Err(format!(
                    "{path}: matches {} of oneOf, not 1 ({why:?})",
                    passing.len()
                ));
            }
        }
        if let (Some("application/json"), Some(content), Some(text)) = (
            s.get("contentMediaType").and_then(Value::as_str),
            s.get("contentSchema"),
            v.as_str(),
        ) {
            // Only a plain payload is JSON; an encrypted one is base64.
            if let Ok(inner) = serde_json::from_str::<Value>(text) {
                self.check(content, &inner, &format!("{path}(content)"))?;
            }
        }
        Ok(())
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        _ => false,
    }
}

fn format_ok(format: &str, s: &str) -> bool {
    let lower_hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    match format {
        "uuid" => {
            s.len() == 36 && uuid::Uuid::parse_str(s).is_ok_and(|u| u.hyphenated().to_string() == s)
        }
        "date-time" => DateTime::parse_from_rfc3339(s).is_ok(),
        "date" => s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        "time-of-day" => NaiveTime::parse_from_str(s, "%H:%M:%S%.f").is_ok(),
        "sha256" => s.len() == 64 && lower_hex(s),
        "hlc" => s.parse::<Hlc>().is_ok(),
        "phone" => Phone::parse(s).is_ok_and(|p| p.as_str() == s),
        "device-code" => DeviceCode::parse(s).is_ok_and(|c| c.as_str() == s),
        "complaint-number" => s
            .parse::<ComplaintNumber>()
            .is_ok_and(|n| n.to_string() == s),
        "base64" => base64::Engine::decode(&base64::engine::general_purpose::STANDARD, s).is_ok(),
        _ => false,
    }
}

fn validator() -> Validator {
    Validator { root: schema() }
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
