//! Merge planning: what importing a checked bundle would change, before anything is written.
//!
//! Merge is a set union of events by id. The plan holds the new events and attachments, the
//! device's version vector afterwards, the records the new events touch (folded again) and a
//! preview for the person deciding. Storage's bulk path writes the plan in one transaction;
//! [`EventLog`] is the in-memory reference of that write, for tests and simple callers.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::admit;
use crate::domain::complaint::Complaint;
use crate::domain::event::RecordKind;
use crate::domain::roster::Person;
use crate::domain::settings::Settings;
use crate::domain::{
    ComplaintId, ComplaintNumber, DeviceId, Event, EventId, Field, Hlc, RecordId, VersionVector,
    fold_complaint, fold_person, fold_settings,
};

use super::bundle::{Blob, Bundle, SourceDevice};
use super::digest::content_hash;
use super::error::BundleError;
use super::export::vector_of_seqs;
use crate::format::seal;

/// What a device already holds, as the planner needs to see it.
pub trait Holdings {
    /// The content hash ([`content_hash`]) of the held event with this id.
    fn content_hash(&self, id: EventId) -> Option<String>;
    /// Every held event of one record.
    fn record_events(&self, record: RecordId) -> Vec<Event>;
    /// Whether the attachment with this SHA-256 is held.
    fn holds_blob(&self, sha256: &str) -> bool;
    /// Whether an event `(device, seq)` is held.
    fn holds_seq(&self, device: DeviceId, seq: u64) -> bool;
    /// The held version vector (see [`super::held_vector`]).
    fn version_vector(&self) -> VersionVector;
    /// The link ([`seal::link`]) of the held event `(device, seq)`, when it is at hand.
    fn link(&self, device: DeviceId, seq: u64) -> Option<String>;
}

/// The first seq of each device among `events`, less one: the held events whose links an
/// import checks the file's chains against.
pub fn links_wanted(events: &[Event]) -> Vec<(DeviceId, u64)> {
    let mut first: BTreeMap<DeviceId, u64> = BTreeMap::new();
    for e in events {
        let s = first.entry(e.device).or_insert(e.seq);
        *s = (*s).min(e.seq);
    }
    first
        .into_iter()
        .filter(|(_, s)| *s > 1)
        .map(|(d, s)| (d, s - 1))
        .collect()
}

/// A new event with its content hash, as storage keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEvent {
    pub event: Event,
    pub content_hash: String,
}

/// A complaint the preview points at, with the fields in conflict when there are any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlaggedComplaint {
    pub id: ComplaintId,
    pub number: ComplaintNumber,
    pub fields: Vec<Field>,
}

/// What the person sees before confirming an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub new_events: usize,
    pub already_present: usize,
    pub new_blobs: usize,
    pub new_complaints: usize,
    pub updated_complaints: usize,
    /// Touched complaints with fields in conflict after the merge.
    pub conflicts: Vec<FlaggedComplaint>,
    /// Touched complaints on the review list after the merge.
    pub needs_review: Vec<FlaggedComplaint>,
    /// Roster entries added or changed.
    pub people_changed: usize,
    pub settings_changed: bool,
    /// Records (complaints, people, the settings) that gain events.
    pub records: usize,
}

/// What an import did, counted as its preview counted: the report a person reads after the
/// write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOutcome {
    pub new_events: usize,
    /// Events in the file this device already held: those the plan left out and any the write
    /// itself found stored.
    pub already_present: usize,
    /// Records (complaints, people, the settings) whose events changed.
    pub records: usize,
    /// The write did other than the preview said: something else wrote in between (another tab,
    /// another import).
    pub differs_from_preview: bool,
}

impl ImportPreview {
    /// The outcome of writing this plan, from what the write reports: `added` events stored,
    /// `present_at_write` found already stored, `records` changed.
    pub fn outcome(&self, added: usize, present_at_write: usize, records: usize) -> ImportOutcome {
        ImportOutcome {
            new_events: added,
            already_present: self.already_present + present_at_write,
            records,
            differs_from_preview: added != self.new_events || records != self.records,
        }
    }
}

/// Everything one import writes, in one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub source: SourceDevice,
    pub bundle_id: uuid::Uuid,
    /// New events in fold order, with their content hashes.
    pub new_events: Vec<StoredEvent>,
    pub new_blobs: Vec<Blob>,
    /// The device's version vector after the import.
    pub version_vector: VersionVector,
    /// What the source is now known to hold (for incremental exports to it).
    pub source_vector: VersionVector,
    /// The touched complaints as folded after the import (their derived views).
    pub complaints: Vec<Complaint>,
    /// The touched roster entries as folded after the import.
    pub people: Vec<Person>,
    /// The settings after the import, when settings events are new.
    pub settings: Option<Settings>,
    pub preview: ImportPreview,
}

impl ImportPlan {
    /// Whether the import adds nothing (the file was imported before).
    pub fn is_empty(&self) -> bool {
        self.new_events.is_empty() && self.new_blobs.is_empty()
    }

    /// The latest clock among the new events, for the device clock to observe.
    pub fn latest_hlc(&self) -> Option<Hlc> {
        self.new_events.iter().map(|e| e.event.hlc).max()
    }
}

fn flag(c: &Complaint) -> FlaggedComplaint {
    FlaggedComplaint {
        id: c.id,
        number: c.number.clone(),
        fields: c.conflicts.keys().copied().collect(),
    }
}

/// The importing device and its own time: what the checks that depend on them need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Here {
    pub device: DeviceId,
    /// This device's time, in Unix milliseconds.
    pub now_ms: u64,
    /// How far ahead of `now_ms` a received clock may lie ([`admit::MAX_CLOCK_DRIFT_MS`]).
    pub max_drift_ms: u64,
}

impl Here {
    /// `device` at `now_ms`, with the default drift of a day.
    pub fn new(device: DeviceId, now_ms: u64) -> Self {
        Here {
            device,
            now_ms,
            max_drift_ms: admit::MAX_CLOCK_DRIFT_MS,
        }
    }
}

/// Refuses what depends on the importing device: its own file, and clocks from the future.
fn admit_here(here: &Here, bundle: &Bundle) -> Result<(), BundleError> {
    let source = &bundle.header.source;
    if source.id == here.device {
        return Err(BundleError::OwnFile);
    }
    if let Some(e) = admit::clock_ahead(&bundle.events, here.now_ms, here.max_drift_ms) {
        let device = if e.device == source.id {
            format!("{} {}", source.code, source.label)
        } else {
            e.device.to_string()
        };
        let at = i64::try_from(e.hlc.wall_ms)
            .ok()
            .and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_default();
        return Err(BundleError::ClockAhead {
            device,
            id: e.id,
            at,
            hours: here.max_drift_ms / 3_600_000,
        });
    }
    Ok(())
}

/// The file's chains verify: within the file, each event follows the one before it from the
/// same device, none missing between what the file starts from (`since`) and what its writer
/// held (`version_vector`); and no new event takes a number this device holds under another id.
fn check_chains(
    held: &impl Holdings,
    bundle: &Bundle,
    commitments: &std::collections::HashMap<EventId, String>,
) -> Result<(), BundleError> {
    let refs: Vec<&Event> = bundle.events.iter().collect();
    let since = bundle.header.since.clone().unwrap_or_default();
    let vv = &bundle.header.version_vector;
    let check = seal::verify_with(
        &refs,
        |e| {
            commitments
                .get(&e.id)
                .cloned()
                .unwrap_or_else(|| seal::commitment(e))
        },
        |d, s| held.link(d, s),
        |d, s| !since.covers(d, s) && vv.covers(d, s),
    );
    let named = |d: DeviceId| {
        if d == bundle.header.source.id {
            format!(
                "{} {}",
                bundle.header.source.code, bundle.header.source.label
            )
        } else {
            d.to_string()
        }
    };
    if let Some(b) = check.breaks.first() {
        return Err(BundleError::BrokenChain {
            id: b.id,
            seq: b.seq,
            device: named(b.device),
            kind: b.kind,
        });
    }
    for e in &bundle.events {
        if held.content_hash(e.id).is_none() && held.holds_seq(e.device, e.seq) {
            return Err(BundleError::BrokenChain {
                id: e.id,
                seq: e.seq,
                device: named(e.device),
                kind: seal::BreakKind::SeqTaken,
            });
        }
    }
    Ok(())
}

/// Plan the import of a checked bundle into `here`, a device holding `held`. Refused, with
/// nothing planned: the device's own file; an event whose clock lies too far ahead of `here`;
/// an event whose id is held with other content; an event naming a held record of another kind.
pub fn plan_import(
    held: &impl Holdings,
    mut bundle: Bundle,
    here: &Here,
) -> Result<ImportPlan, BundleError> {
    admit_here(here, &bundle)?;
    // Each event's commitment once: the chains and the content hashes both need it. Those the
    // reading computed (deriving a compact file's chains) are taken as they are.
    let mut commitments = std::mem::take(&mut bundle.commitments);
    for e in &bundle.events {
        commitments
            .entry(e.id)
            .or_insert_with(|| seal::commitment(e));
    }
    // A held event with other content is named as such, before the chains (which it breaks
    // too) are checked.
    let mut hashes: Vec<(String, Option<String>)> = Vec::with_capacity(bundle.events.len());
    for event in &bundle.events {
        let commitment = commitments.get(&event.id).cloned().unwrap_or_default();
        let hash = seal::content_hash_of(event, commitment);
        let held_hash = held.content_hash(event.id);
        if held_hash.as_ref().is_some_and(|h| *h != hash) {
            return Err(BundleError::ConflictingEvent { id: event.id });
        }
        hashes.push((hash, held_hash));
    }
    check_chains(held, &bundle, &commitments)?;
    let mut new_events: Vec<StoredEvent> = Vec::new();
    let mut already_present = 0;
    for (event, (hash, held_hash)) in bundle.events.into_iter().zip(hashes) {
        match held_hash {
            Some(_) => already_present += 1,
            None => new_events.push(StoredEvent {
                event,
                content_hash: hash,
            }),
        }
    }
    crate::domain::order::sort_by_key(&mut new_events, |s| s.event.order_key());
    let mut new_blobs: Vec<Blob> = Vec::new();
    let mut blob_keys: BTreeSet<String> = BTreeSet::new();
    for blob in bundle.blobs {
        if !held.holds_blob(&blob.sha256) && blob_keys.insert(blob.sha256.clone()) {
            new_blobs.push(blob);
        }
    }

    let mut by_record: BTreeMap<RecordId, Vec<&Event>> = BTreeMap::new();
    for s in &new_events {
        by_record.entry(s.event.record).or_default().push(&s.event);
    }
    let mut preview = ImportPreview {
        new_events: new_events.len(),
        already_present,
        new_blobs: new_blobs.len(),
        ..ImportPreview::default()
    };
    let mut complaints = Vec::new();
    let mut people = Vec::new();
    let mut settings = None;
    preview.records = by_record.len();
    for (record, added) in by_record {
        let before = held.record_events(record);
        if let (Some(held_kind), Some(e)) =
            (before.first().map(|e| e.body.record_kind()), added.first())
            && e.body.record_kind() != held_kind
        {
            return Err(BundleError::MixedRecord { id: e.id, record });
        }
        let mut after: Vec<&Event> = before.iter().collect();
        after.extend(added.iter().copied());
        if record == RecordId::SETTINGS {
            let all: Vec<Event> = after.into_iter().cloned().collect();
            settings = Some(fold_settings(&all));
            preview.settings_changed = true;
            continue;
        }
        let touches = |kind: RecordKind| added.iter().any(|e| e.body.record_kind() == kind);
        if touches(RecordKind::Complaint) {
            let existed = fold_complaint(before.iter().collect()).is_some();
            if let Some(c) = fold_complaint(after.clone()) {
                if existed {
                    preview.updated_complaints += 1;
                } else {
                    preview.new_complaints += 1;
                }
                if c.in_conflict() {
                    preview.conflicts.push(flag(&c));
                }
                if c.needs_review() {
                    preview.needs_review.push(flag(&c));
                }
                complaints.push(c);
            }
        }
        if touches(RecordKind::Person)
            && let Some(p) = fold_person(after)
        {
            preview.people_changed += 1;
            people.push(p);
        }
    }

    let mut version_vector = held.version_vector();
    let mut new_seqs: BTreeMap<DeviceId, BTreeSet<u64>> = BTreeMap::new();
    for s in &new_events {
        new_seqs
            .entry(s.event.device)
            .or_default()
            .insert(s.event.seq);
    }
    for (device, seqs) in &new_seqs {
        let mut seq = version_vector.get(*device);
        while seqs.contains(&(seq + 1)) || held.holds_seq(*device, seq + 1) {
            seq += 1;
        }
        if seq > 0 {
            version_vector.observe(*device, seq);
        }
    }

    Ok(ImportPlan {
        source: bundle.header.source,
        bundle_id: bundle.header.bundle_id,
        new_events,
        new_blobs,
        version_vector,
        source_vector: bundle.header.version_vector,
        complaints,
        people,
        settings,
        preview,
    })
}

/// Events and attachments held in memory: a [`Holdings`] that applies plans the way storage
/// does. Used by tests, the fuzz target and anything that merges without a database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventLog {
    events: BTreeMap<EventId, StoredEvent>,
    by_record: BTreeMap<RecordId, BTreeSet<EventId>>,
    seqs: BTreeMap<DeviceId, BTreeSet<u64>>,
    blobs: BTreeMap<String, Blob>,
}

impl EventLog {
    pub fn new() -> Self {
        Self::default()
    }

    /// Hold one event (a local edit). Returns whether it was new.
    pub fn insert(&mut self, event: Event) -> bool {
        let content_hash = content_hash(&event);
        let record = event.record;
        let new = self.insert_stored(StoredEvent {
            event,
            content_hash,
        });
        if new {
            self.enforce_erasure(record);
        }
        new
    }

    /// Hold one event whose content hash is known (from a plan). Returns whether it was new.
    pub fn insert_stored(&mut self, stored: StoredEvent) -> bool {
        let event = &stored.event;
        if self.events.contains_key(&event.id) {
            return false;
        }
        self.by_record
            .entry(event.record)
            .or_default()
            .insert(event.id);
        self.seqs.entry(event.device).or_default().insert(event.seq);
        self.events.insert(event.id, stored);
        true
    }

    /// Hold one attachment.
    pub fn insert_blob(&mut self, blob: Blob) {
        self.blobs.entry(blob.sha256.clone()).or_insert(blob);
    }

    /// Write a plan: its events and attachments.
    pub fn apply(&mut self, plan: &ImportPlan) {
        for s in &plan.new_events {
            self.insert_stored(s.clone());
        }
        for b in &plan.new_blobs {
            self.insert_blob(b.clone());
        }
        let records: BTreeSet<RecordId> =
            crate::domain::order::set(plan.new_events.iter().map(|s| s.event.record));
        for record in records {
            self.enforce_erasure(record);
        }
    }

    /// Applies a record's erasure to every held event of it, as storage does on each write
    /// ([`seal::apply_erasure`]), and drops the attachments they name.
    pub fn enforce_erasure(&mut self, record: RecordId) {
        let ids: Vec<EventId> = self
            .by_record
            .get(&record)
            .into_iter()
            .flatten()
            .copied()
            .collect();
        let mut events: Vec<Event> = ids
            .iter()
            .filter_map(|id| self.events.get(id))
            .map(|s| s.event.clone())
            .collect();
        for key in seal::apply_erasure(&mut events) {
            self.blobs.remove(&key);
        }
        for e in events {
            if let Some(s) = self.events.get_mut(&e.id) {
                s.event = e;
            }
        }
    }

    /// Every held event, by id.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.values().map(|s| &s.event)
    }

    /// Every held event with its content hash, by id.
    pub fn stored(&self) -> impl Iterator<Item = &StoredEvent> {
        self.events.values()
    }

    /// Every held event, by id, cloned.
    pub fn to_vec(&self) -> Vec<Event> {
        self.events().cloned().collect()
    }

    /// Every held attachment, by key.
    pub fn blobs(&self) -> Vec<Blob> {
        self.blobs.values().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn contains(&self, id: EventId) -> bool {
        self.events.contains_key(&id)
    }
}

impl Holdings for EventLog {
    fn content_hash(&self, id: EventId) -> Option<String> {
        self.events.get(&id).map(|s| s.content_hash.clone())
    }

    fn record_events(&self, record: RecordId) -> Vec<Event> {
        self.by_record
            .get(&record)
            .into_iter()
            .flatten()
            .filter_map(|id| self.events.get(id))
            .map(|s| s.event.clone())
            .collect()
    }

    fn holds_blob(&self, sha256: &str) -> bool {
        self.blobs.contains_key(sha256)
    }

    fn holds_seq(&self, device: DeviceId, seq: u64) -> bool {
        self.seqs.get(&device).is_some_and(|s| s.contains(&seq))
    }

    fn version_vector(&self) -> VersionVector {
        vector_of_seqs(&self.seqs)
    }

    fn link(&self, device: DeviceId, seq: u64) -> Option<String> {
        self.events
            .values()
            .find(|s| s.event.device == device && s.event.seq == seq)
            .map(|s| seal::link(&s.event))
    }
}

/// What storage loads for one import, so planning needs no further reads: the held events of
/// the records the bundle touches (with their content hashes), which of its attachments are
/// held, the held version vector, and the held seqs above it (events past a gap).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeldSnapshot {
    events: EventLog,
    blobs: BTreeSet<String>,
    version_vector: VersionVector,
    seqs_past_gaps: BTreeMap<DeviceId, BTreeSet<u64>>,
    links: BTreeMap<(DeviceId, u64), String>,
}

impl HeldSnapshot {
    pub fn new(
        events: impl IntoIterator<Item = StoredEvent>,
        blobs: BTreeSet<String>,
        version_vector: VersionVector,
        seqs_past_gaps: BTreeMap<DeviceId, BTreeSet<u64>>,
    ) -> Self {
        let mut log = EventLog::new();
        for e in events {
            log.insert_stored(e);
        }
        HeldSnapshot {
            events: log,
            blobs,
            version_vector,
            seqs_past_gaps,
            links: BTreeMap::new(),
        }
    }

    /// With the links of held events outside the loaded records ([`links_wanted`]).
    pub fn with_links(mut self, links: BTreeMap<(DeviceId, u64), String>) -> Self {
        self.links = links;
        self
    }
}

/// The records and attachment keys a bundle touches: what storage loads into a
/// [`HeldSnapshot`] before planning.
pub fn snapshot_needs(bundle: &Bundle) -> (BTreeSet<RecordId>, BTreeSet<String>) {
    (
        bundle.events.iter().map(|e| e.record).collect(),
        bundle.blobs.iter().map(|b| b.sha256.clone()).collect(),
    )
}

impl Holdings for HeldSnapshot {
    fn content_hash(&self, id: EventId) -> Option<String> {
        self.events.content_hash(id)
    }

    fn record_events(&self, record: RecordId) -> Vec<Event> {
        self.events.record_events(record)
    }

    fn holds_blob(&self, sha256: &str) -> bool {
        self.blobs.contains(sha256)
    }

    fn holds_seq(&self, device: DeviceId, seq: u64) -> bool {
        self.version_vector.covers(device, seq)
            || self
                .seqs_past_gaps
                .get(&device)
                .is_some_and(|s| s.contains(&seq))
    }

    fn version_vector(&self) -> VersionVector {
        self.version_vector.clone()
    }

    fn link(&self, device: DeviceId, seq: u64) -> Option<String> {
        self.links
            .get(&(device, seq))
            .cloned()
            .or_else(|| self.events.link(device, seq))
    }
}
