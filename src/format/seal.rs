//! The tamper-evident history, and an erasure that leaves it verifiable.
//!
//! Every event has a **commitment**: the SHA-256 of its JSON in the file format without
//! `chain`, `salt` and `erased`. An event holding personal values (see
//! [`EventBody::has_personal`](crate::domain::EventBody::has_personal)) with a salt, or erased,
//! is committed in canonical JSON (keys sorted, no spaces) with each personal value standing as
//! its salted digest `sha256("<salt>:<path>:<canonical value>")`; every other event in the
//! compact JSON the file writes (members in file order), which is quicker and is exactly what
//! the content hash was before events were chained. Each event's `chain` is
//! `sha256("<link of the same device's previous event>:<commitment>")`, the first event's link
//! being empty; an event's **link** is its `chain` (or, for an event made before the history
//! was sealed, its commitment). So each device's events form one chain, and chains of different
//! devices merge freely.
//!
//! An erasure replaces each personal value by `null`, keeps its digest under its path in
//! `erased` and drops the salt: the commitment, the chain and the content hash stay what they
//! were, while nothing of the value is left (without the salt a phone number cannot be guessed
//! back from its digest). An event made before the history was sealed has no salt; its erasure
//! keeps its whole commitment under `""` instead.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::event::WireEvent;
use crate::domain::{DeviceClock, DeviceId, Event, EventBody, EventId, RecordId};

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        hex.push(char::from(DIGITS[usize::from(b >> 4)]));
        hex.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    hex
}

/// Whether a string is `len` lowercase hex digits.
pub fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether a string is 64 lowercase hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    is_hex(s, 64)
}

/// Hex digits in a salt (16 random bytes).
pub const SALT_HEX: usize = 32;

const RECEIVED_PATHS: &[&str] = &[
    "/body/data/details/caller_number",
    "/body/data/details/complainant/name",
    "/body/data/details/complainant/phone",
    "/body/data/details/complainant/unit",
    "/body/data/details/complainant/address",
    "/body/data/details/complainant/preferred_contact",
];

const EDIT_PATHS: &[&str] = &["/body/data/change/value"];

/// Where a body's personal values sit in the file format (JSON pointers).
pub fn personal_paths(body: &EventBody) -> &'static [&'static str] {
    match body {
        EventBody::Received { .. } => RECEIVED_PATHS,
        b if b.has_personal() => EDIT_PATHS,
        _ => &[],
    }
}

/// Writes `v` as canonical JSON: object keys sorted, no whitespace. Strings and numbers are
/// written as `serde_json` writes them.
fn canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            crate::domain::order::sort_by(&mut members, |a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, k).unwrap_or_default();
                out.push(b':');
                canonical(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(item, out);
            }
            out.push(b']');
        }
        other => serde_json::to_writer(&mut *out, other).unwrap_or_default(),
    }
}

/// The event in the file format without its seal, as compact JSON (members in file order).
/// Written into a vector made large enough for most events at once, rather than grown as it
/// is written; through `&mut Vec<u8>`, the one writer the events' serializer is compiled for.
fn unsealed_json(e: &Event) -> Vec<u8> {
    let mut wire = WireEvent::from(e);
    wire.chain = None;
    wire.salt = None;
    wire.erased = BTreeMap::new();
    let mut json = Vec::with_capacity(1024);
    match serde_json::to_writer(&mut json, &wire) {
        Ok(()) => json,
        Err(_) => Vec::new(),
    }
}

/// The same as a JSON value. Read back from the text rather than serialized into a value, so
/// the events' serializer is compiled once (it is large).
fn unsealed_value(e: &Event) -> Value {
    serde_json::from_slice(&unsealed_json(e)).unwrap_or(Value::Null)
}

/// The digest that stands for the personal value at `path` in the commitment.
pub fn personal_digest(salt: &str, path: &str, value: Option<&Value>) -> String {
    let mut text = format!("{salt}:{path}:").into_bytes();
    canonical(value.unwrap_or(&Value::Null), &mut text);
    sha256_hex(&text)
}

/// The event's commitment (see the module's documentation).
pub fn commitment(e: &Event) -> String {
    if let Some(whole) = e.seal.erased.get("") {
        return whole.clone();
    }
    let paths = personal_paths(&e.body);
    if paths.is_empty() || (e.seal.salt.is_none() && !e.seal.is_erased()) {
        // Nothing stands in for a value: the compact JSON as the file writes it.
        return sha256_hex(&unsealed_json(e));
    }
    let mut v = unsealed_value(e);
    {
        for path in paths {
            let digest = match (e.seal.erased.get(*path), &e.seal.salt) {
                (Some(d), _) => d.clone(),
                (None, Some(salt)) => personal_digest(salt, path, v.pointer(path)),
                (None, None) => continue,
            };
            if let Some(slot) = v.pointer_mut(path) {
                *slot = Value::String(digest);
            }
        }
    }
    let mut text = Vec::new();
    canonical(&v, &mut text);
    sha256_hex(&text)
}

/// What the next event of the same device chains to: its `chain`, or its commitment when it
/// was made before the history was sealed.
pub fn link(e: &Event) -> String {
    e.seal.chain.clone().unwrap_or_else(|| commitment(e))
}

/// The chain value of an event with this commitment after an event with link `prev_link`.
pub fn chain_after(prev_link: &str, commitment: &str) -> String {
    sha256_hex(format!("{prev_link}:{commitment}").as_bytes())
}

/// The one event at each `(device, seq)` of `events`, by index; a seq claimed twice has none
/// (the chain check refuses it).
fn single_at(events: &[&Event]) -> BTreeMap<(DeviceId, u64), Option<usize>> {
    let mut at: BTreeMap<(DeviceId, u64), Option<usize>> = BTreeMap::new();
    for (i, e) in events.iter().enumerate() {
        at.entry((e.device, e.seq))
            .and_modify(|slot| {
                if slot.is_some_and(|j| events[j].id != e.id) {
                    *slot = None;
                }
            })
            .or_insert(Some(i));
    }
    at
}

/// Which chains a file (schema 3) may leave out: the chain of an event whose same-device
/// predecessor (`seq − 1`) is in the file with a chain, when it is exactly the chain that
/// follows from that predecessor's link and the event's commitment, so [`derive_chains`] gives
/// it back unchanged. Each device's last event in the file keeps its chain, so the file still
/// checks its own runs. `true` at an index: leave that event's chain out.
pub fn derivable_chains(events: &[&Event]) -> Vec<bool> {
    let at = single_at(events);
    let mut last: BTreeMap<DeviceId, u64> = BTreeMap::new();
    for e in events {
        let top = last.entry(e.device).or_insert(e.seq);
        *top = (*top).max(e.seq);
    }
    events
        .iter()
        .map(|e| {
            let (Some(chain), Some(prev_seq)) = (&e.seal.chain, e.seq.checked_sub(1)) else {
                return false;
            };
            if last.get(&e.device) == Some(&e.seq) {
                return false;
            }
            let prev = at.get(&(e.device, prev_seq)).copied().flatten();
            match prev.and_then(|p| events[p].seal.chain.as_deref()) {
                Some(prev_chain) => *chain == chain_after(prev_chain, &commitment(e)),
                None => false,
            }
        })
        .collect()
}

/// Gives back the chains a file (schema 3) left out: an event without a chain whose
/// same-device predecessor is among `events` with a chain (given, or itself derived) gets the
/// chain after that predecessor's link. An event whose predecessor is not in the file, or has
/// no chain (made before the history was sealed), stays as it is, and the chain check judges
/// it as before. Returns the commitments it computed, by event id.
pub fn derive_chains(events: &mut [Event]) -> std::collections::HashMap<EventId, String> {
    let refs: Vec<&Event> = events.iter().collect();
    let at = single_at(&refs);
    let mut order: Vec<usize> = (0..events.len()).collect();
    crate::domain::order::sort_by_key(&mut order, |&i| (events[i].device, events[i].seq));
    let mut computed = std::collections::HashMap::new();
    for i in order {
        let e = &events[i];
        let Some(prev_seq) = e.seq.checked_sub(1).filter(|_| e.seal.chain.is_none()) else {
            continue;
        };
        let Some(p) = at.get(&(e.device, prev_seq)).copied().flatten() else {
            continue;
        };
        let Some(prev_chain) = events[p].seal.chain.clone() else {
            continue;
        };
        let commitment = commitment(&events[i]);
        events[i].seal.chain = Some(chain_after(&prev_chain, &commitment));
        computed.insert(events[i].id, commitment);
    }
    computed
}

/// The event's content hash: two events with one id are the same event exactly when these
/// are equal. It covers the commitment and the chain, so it is the same before and after an
/// erasure.
pub fn content_hash(e: &Event) -> String {
    content_hash_of(e, commitment(e))
}

/// [`content_hash`] from the event's commitment, computed once elsewhere.
pub fn content_hash_of(e: &Event, commitment: String) -> String {
    match &e.seal.chain {
        None => commitment,
        Some(chain) => sha256_hex(format!("{commitment}:{chain}").as_bytes()),
    }
}

/// Seals events this device just stamped, in order: a salt for each event holding personal
/// values (`salt` gives 32 hex digits), then its chain after the device's last link, which
/// moves on. `clock.link` must be known (see [`DeviceClock::link`]).
pub fn seal_all(clock: &mut DeviceClock, events: &mut [Event], mut salt: impl FnMut() -> String) {
    let mut prev = clock.link.clone().unwrap_or_default();
    for e in events {
        if e.body.has_personal() {
            e.seal.salt = Some(salt());
        }
        let chain = chain_after(&prev, &commitment(e));
        e.seal.chain = Some(chain.clone());
        prev = chain;
    }
    clock.link = Some(prev);
}

/// The event with its personal values erased: each replaced by `null`, its digest kept (see
/// the module's documentation). An event holding none, or erased already, comes back as is.
pub fn erase(e: &Event) -> Event {
    if e.seal.is_erased() || !e.body.has_personal() {
        return e.clone();
    }
    let mut out = e.clone();
    match &e.seal.salt {
        Some(salt) => {
            let v = unsealed_value(e);
            for path in personal_paths(&e.body) {
                out.seal.erased.insert(
                    (*path).to_string(),
                    personal_digest(salt, path, v.pointer(path)),
                );
            }
            out.seal.salt = None;
        }
        None => {
            out.seal.erased.insert(String::new(), commitment(e));
        }
    }
    out.body = e.body.without_personal();
    out
}

/// Whether a record's events include an erasure of its personal data.
pub fn record_erased<'a>(events: impl IntoIterator<Item = &'a Event>) -> bool {
    events
        .into_iter()
        .any(|e| matches!(e.body, EventBody::PersonalDataErased { .. }))
}

/// A record's erasure, applied to every one of its `events` whenever they were made or came:
/// each event's personal values are erased ([`erase`]). Returns the attachments the record's
/// events name (photos, signatures), which go with it; nothing when the record has no erasure.
pub fn apply_erasure(events: &mut [Event]) -> Vec<String> {
    if !record_erased(events.iter()) {
        return Vec::new();
    }
    let mut blobs = Vec::new();
    for e in events.iter_mut() {
        if e.body.has_personal() && !e.seal.is_erased() {
            *e = erase(e);
        }
        blobs.extend(e.body.blobs().into_iter().map(str::to_owned));
    }
    blobs
}

/// What is wrong at one event of a chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakKind {
    /// Its chain does not match its content and the event before it: it, or the one before
    /// it, was changed.
    Altered,
    /// Another event holds the same device's same number: one was inserted.
    SeqTaken,
    /// The event before it is missing where it must be held: it was removed.
    Missing,
    /// It carries no chain although the event before it does.
    Unsealed,
}

/// Where a chain breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    pub id: EventId,
    pub device: DeviceId,
    pub seq: u64,
    pub record: RecordId,
    pub kind: BreakKind,
}

/// The outcome of checking chains.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChainCheck {
    /// Events checked.
    pub events: usize,
    /// Of those, events carrying a chain.
    pub sealed: usize,
    /// Devices whose events were checked.
    pub devices: usize,
    /// Sealed events whose predecessor is not held yet (it may still arrive): not checked.
    pub waiting: usize,
    /// Each break, at most one per device (the first), by device.
    pub breaks: Vec<ChainBreak>,
}

impl ChainCheck {
    pub fn intact(&self) -> bool {
        self.breaks.is_empty()
    }
}

/// Checks the chains of `events`. The link of a predecessor not among them comes from
/// `held_link` (events held elsewhere) when it knows it; a predecessor nobody has is a break
/// when `must_hold(device, seq)` says it has to be there, else the event waits.
pub fn verify(
    events: &[&Event],
    held_link: impl Fn(DeviceId, u64) -> Option<String>,
    must_hold: impl Fn(DeviceId, u64) -> bool,
) -> ChainCheck {
    verify_with(events, commitment, held_link, must_hold)
}

/// [`verify`] with each event's commitment from `commit` (computed once elsewhere).
pub fn verify_with(
    events: &[&Event],
    commit: impl Fn(&Event) -> String,
    held_link: impl Fn(DeviceId, u64) -> Option<String>,
    must_hold: impl Fn(DeviceId, u64) -> bool,
) -> ChainCheck {
    let mut by_device: BTreeMap<DeviceId, Vec<&Event>> = BTreeMap::new();
    for e in events {
        by_device.entry(e.device).or_default().push(e);
    }
    let mut check = ChainCheck {
        events: events.len(),
        devices: by_device.len(),
        ..ChainCheck::default()
    };
    for (device, mut chain) in by_device {
        crate::domain::order::sort_by_key(&mut chain, |e| (e.seq, e.id));
        let mut seen_ids: BTreeSet<EventId> = BTreeSet::new();
        let mut at: BTreeMap<u64, &Event> = BTreeMap::new();
        let mut first_break: Option<ChainBreak> = None;
        let note = |b: ChainBreak, first: &mut Option<ChainBreak>| {
            if first.is_none() {
                *first = Some(b);
            }
        };
        for e in &chain {
            if !seen_ids.insert(e.id) {
                continue;
            }
            if at.contains_key(&e.seq) {
                note(
                    ChainBreak {
                        id: e.id,
                        device,
                        seq: e.seq,
                        record: e.record,
                        kind: BreakKind::SeqTaken,
                    },
                    &mut first_break,
                );
                continue;
            }
            at.insert(e.seq, e);
        }
        for (&seq, e) in &at {
            let brk = |kind| ChainBreak {
                id: e.id,
                device,
                seq,
                record: e.record,
                kind,
            };
            let prev_link = if seq == 1 {
                Some(String::new())
            } else {
                match at.get(&(seq - 1)) {
                    Some(p) => {
                        if e.seal.chain.is_none() && p.seal.chain.is_some() {
                            note(brk(BreakKind::Unsealed), &mut first_break);
                            continue;
                        }
                        Some(link(p))
                    }
                    None => held_link(device, seq - 1),
                }
            };
            let Some(chain) = &e.seal.chain else {
                continue;
            };
            check.sealed += 1;
            match prev_link {
                Some(prev) => {
                    if *chain != chain_after(&prev, &commit(e)) {
                        note(brk(BreakKind::Altered), &mut first_break);
                    }
                }
                None if must_hold(device, seq - 1) => {
                    note(brk(BreakKind::Missing), &mut first_break)
                }
                None => check.waiting += 1,
            }
        }
        check.breaks.extend(first_break);
    }
    check
}
