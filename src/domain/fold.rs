//! The fold: records derived from their events in `(hlc, device, id)` order.
//!
//! The same set of events gives the same record whatever order they arrive in. Concurrent
//! writes of one field (neither saw the other through `prev`) leave the field in conflict with
//! every value until an event that saw them all writes it again. Workflow events that no
//! longer fit the state machine are kept and put the complaint on the review list.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::complaint::{
    Complaint, ConflictValue, ConflictingValue, Dispatch, Entry, HandlingPlan, LevelChange, Pause,
    PlanStatus, ReviewItem, Severity, Transition, Validity,
};
use super::event::{Event, EventBody, RecordKind};
use super::field::{Field, FieldChange};
use super::hlc::Hlc;
use super::ids::{EventId, PersonId, RecordId};
use super::roster::{Person, PersonChange, PersonField};
use super::settings::{SettingChange, SettingKey, Settings};
use super::triage::Criterion;
use super::workflow::{WorkflowState, is_transition, next_state};

/// A record's events, deduplicated and in fold order, with who saw whom.
pub(super) struct History<'a> {
    events: Vec<&'a Event>,
    /// For each event, the bit set of the earlier events it descends from (through `prev`).
    ancestors: Vec<Vec<u64>>,
}

impl<'a> History<'a> {
    pub(super) fn new(mut events: Vec<&'a Event>) -> Self {
        crate::domain::order::sort_by_key(&mut events, |e| e.order_key());
        // One event per id (an import refuses two different events with one id).
        let mut ids = std::collections::HashSet::with_capacity(events.len());
        events.retain(|e| ids.insert(e.id));
        let words = events.len().div_ceil(64);
        let index: HashMap<EventId, usize> =
            events.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        let mut ancestors: Vec<Vec<u64>> = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            let mut bits = vec![0u64; words];
            for p in &e.prev {
                // A `prev` that is missing or sorts later (hand-edited data) is ignored.
                if let Some(&j) = index.get(p).filter(|&&j| j < i) {
                    bits[j / 64] |= 1 << (j % 64);
                    for (w, a) in bits.iter_mut().zip(&ancestors[j]) {
                        *w |= a;
                    }
                }
            }
            ancestors.push(bits);
        }
        History { events, ancestors }
    }

    fn saw(&self, later: usize, earlier: usize) -> bool {
        self.ancestors[later][earlier / 64] & (1 << (earlier % 64)) != 0
    }

    /// Events no other event names in its `prev`, sorted.
    pub(super) fn heads(&self) -> Vec<EventId> {
        let seen: BTreeSet<EventId> =
            super::order::set(self.events.iter().flat_map(|e| e.prev.iter().copied()));
        let mut heads: Vec<EventId> = self
            .events
            .iter()
            .map(|e| e.id)
            .filter(|id| !seen.contains(id))
            .collect();
        crate::domain::order::sort(&mut heads);
        heads
    }

    pub(super) fn latest_hlc(&self) -> Option<Hlc> {
        self.events.last().map(|e| e.hlc)
    }
}

/// The current writers of each key: the writes no later write has seen.
struct Writers<K> {
    by_key: BTreeMap<K, Vec<usize>>,
}

impl<K: Ord + Copy> Writers<K> {
    fn new() -> Self {
        Writers {
            by_key: BTreeMap::new(),
        }
    }

    /// Event `i` writes `key`: the writes it saw are superseded, the others stay concurrent.
    fn write(&mut self, key: K, i: usize, history: &History) {
        let writers = self.by_key.entry(key).or_default();
        writers.retain(|&w| !history.saw(i, w));
        writers.push(i);
    }

    /// Keys with more than one current writer.
    fn conflicts(&self) -> impl Iterator<Item = (K, &[usize])> {
        self.by_key
            .iter()
            .filter(|(_, w)| w.len() > 1)
            .map(|(k, w)| (*k, w.as_slice()))
    }
}

/// Group events by the record they change.
pub fn group_by_record(events: &[Event]) -> BTreeMap<RecordId, Vec<&Event>> {
    let mut groups: BTreeMap<RecordId, Vec<&Event>> = BTreeMap::new();
    for e in events {
        groups.entry(e.record).or_default().push(e);
    }
    groups
}

/// Every complaint in a set of events (roster and settings events are skipped).
pub fn fold_complaints(events: &[Event]) -> BTreeMap<RecordId, Complaint> {
    super::order::map(
        group_by_record(events)
            .into_iter()
            .filter_map(|(id, evs)| fold_complaint(evs).map(|c| (id, c))),
    )
}

/// One complaint from its events, in any order. `None` until its `received` event is present.
pub fn fold_complaint(events: Vec<&Event>) -> Option<Complaint> {
    let events: Vec<&Event> = events
        .into_iter()
        .filter(|e| e.body.record_kind() == RecordKind::Complaint)
        .collect();
    let history = History::new(events);
    let (first, number, received_at, details) =
        history
            .events
            .iter()
            .enumerate()
            .find_map(|(i, e)| match &e.body {
                EventBody::Received {
                    number,
                    received_at,
                    details,
                } => Some((i, number, received_at, details)),
                _ => None,
            })?;
    let origin = history.events[first];
    let mut c = Complaint {
        id: origin.record,
        number: number.clone(),
        received_at: *received_at,
        receiver: origin.actor.clone(),
        details: details.clone(),
        validity: Validity::Pending,
        severity: None,
        criteria: BTreeSet::new(),
        suggested: None,
        override_reason: None,
        levels: Vec::new(),
        state: WorkflowState::Received,
        activated: false,
        dispatch: None,
        reported_to_general_manager_at: None,
        forwarded_to_manager_at: None,
        reported_to_command_at: None,
        handling_started_at: None,
        plan: None,
        plans: Vec::new(),
        tasks: Vec::new(),
        reports: BTreeMap::new(),
        reported_back_at: None,
        replies: Vec::new(),
        follow_ups: Vec::new(),
        summary: None,
        summary_approved: false,
        closed_at: None,
        termination_notice: None,
        minutes: Vec::new(),
        progress_reports: Vec::new(),
        notes: Vec::new(),
        referral_replies: Vec::new(),
        returns: Vec::new(),
        legal_counsel: false,
        evidence: Vec::new(),
        pauses: Vec::new(),
        transitions: Vec::new(),
        conflicts: BTreeMap::new(),
        review: Vec::new(),
        erased: false,
        deleted: None,
        heads: history.heads(),
        latest_hlc: history.latest_hlc().unwrap_or(origin.hlc),
        event_count: history.events.len(),
    };
    let mut writers = Writers::new();
    for (i, e) in history.events.iter().enumerate() {
        if i != first {
            fold_event(&mut c, e, i, &history, &mut writers);
        }
    }
    c.conflicts = super::order::map(
        writers
            .conflicts()
            .filter(|(f, _)| !(c.erased && is_personal(*f)))
            .filter_map(|(f, ws)| {
                let values: Vec<ConflictValue> = ws
                    .iter()
                    .filter_map(|&w| conflict_value(history.events[w], f))
                    .collect();
                // Concurrent writes of the same value agree: nothing to choose between.
                let disagree = values.windows(2).any(|pair| pair[0].value != pair[1].value);
                disagree.then_some((f, values))
            }),
    );
    Some(c)
}

fn is_personal(f: Field) -> bool {
    matches!(
        f,
        Field::CallerNumber
            | Field::ComplainantName
            | Field::ComplainantPhone
            | Field::ComplainantUnit
            | Field::ComplainantAddress
            | Field::PreferredContact
    )
}

/// The value event `e` gave field `f`.
fn conflict_value(e: &Event, f: Field) -> Option<ConflictValue> {
    let value = match &e.body {
        EventBody::FieldEdited { change } => ConflictingValue::Field(change.clone()),
        EventBody::LevelChanged { change, .. } => ConflictingValue::Severity(change.to),
        EventBody::Assessed { severity, .. } if f == Field::Severity => {
            ConflictingValue::Severity(*severity)
        }
        EventBody::Assessed { validity, .. } if f == Field::Validity => {
            ConflictingValue::Field(FieldChange::Validity(validity.clone()))
        }
        EventBody::Assessed { category, .. } if f == Field::Category => {
            ConflictingValue::Field(FieldChange::Category(category.clone()))
        }
        _ => return None,
    };
    Some(ConflictValue {
        event: e.id,
        by: e.actor.clone(),
        value,
    })
}

fn entry<T>(e: &Event, item: T) -> Entry<T> {
    Entry {
        event: e.id,
        at: e.at,
        by: e.actor.clone(),
        item,
    }
}

fn set_level(c: &mut Complaint, e: &Event, to: Severity, reason: String) {
    if c.severity != Some(to) {
        let change = LevelChange {
            from: c.severity,
            to,
            reason,
        };
        c.levels.push(entry(e, change));
        c.severity = Some(to);
    }
}

fn fold_event(
    c: &mut Complaint,
    e: &Event,
    i: usize,
    history: &History,
    writers: &mut Writers<Field>,
) {
    use EventBody as B;
    // Writes of fields and level: always taken, tracked for conflicts.
    match &e.body {
        B::FieldEdited { change } if !(c.erased && change.is_personal()) => {
            writers.write(change.field(), i, history);
            change.write(&mut c.details, &mut c.validity);
        }
        B::Assessed {
            criteria,
            suggested,
            severity,
            override_reason,
            validity,
            category,
        } => {
            c.criteria = criteria.clone();
            c.suggested = Some(*suggested);
            c.override_reason = override_reason.clone();
            for f in [Field::Severity, Field::Validity, Field::Category] {
                writers.write(f, i, history);
            }
            c.validity = validity.clone();
            c.details.category = Some(category.clone());
            let reason = override_reason
                .clone()
                .unwrap_or_else(|| "研判 / assessment".into());
            set_level(c, e, *severity, reason);
        }
        B::LevelChanged { change, automatic } => {
            writers.write(Field::Severity, i, history);
            if *automatic {
                c.criteria.insert(Criterion::UnresolvedForAMonth);
            }
            set_level(c, e, change.to, change.reason.clone());
        }
        _ => {}
    }
    // Workflow moves: taken when they fit, else kept for review.
    if is_transition(&e.body) {
        match next_state(c, &e.body) {
            Ok(Some(to)) => {
                enter(c, e, to);
                c.transitions
                    .push(entry(e, Transition { from: c.state, to }));
                c.state = to;
            }
            Ok(None) => {}
            Err(err) => {
                keep_records(c, e);
                c.review.push(ReviewItem {
                    event: e.id,
                    state: c.state,
                    reason: Some(err),
                });
            }
        }
        return;
    }
    match &e.body {
        B::SignedFor { signer, signature } => {
            if let Some(d) = c.dispatch.as_mut().filter(|d| d.signed_by.is_none()) {
                d.signed_by = Some((signer.clone(), e.at));
                d.signature = signature.clone();
            }
        }
        B::ReportedToGeneralManager { .. } => {
            c.reported_to_general_manager_at.get_or_insert(e.at);
        }
        B::ForwardedToManager { .. } => {
            c.forwarded_to_manager_at.get_or_insert(e.at);
        }
        B::ReportedToCommand { .. } => {
            c.reported_to_command_at.get_or_insert(e.at);
        }
        B::ReportedBack {
            department,
            finished_at,
            ..
        } => {
            if !c.reports.contains_key(department) {
                c.returns.push(super::clocks::FormReturn {
                    department: department.clone(),
                    finished_at: finished_at.unwrap_or(e.at).min(e.at),
                    returned_at: e.at,
                });
            }
            c.reports.entry(department.clone()).or_insert(e.at);
            // The reply clock starts once every department with a task has reported back. A
            // report from a department without a task (written before reports were counted
            // per department) finishes the implementation as it always did.
            let all_in = c
                .tasks
                .iter()
                .all(|t| c.reports.contains_key(&t.department));
            let unknown = !c.tasks.iter().any(|t| t.department == *department);
            if all_in || unknown {
                c.reported_back_at.get_or_insert(e.at);
            }
        }
        B::SummaryReviewed { approved, .. } => {
            c.summary_approved = *approved && c.summary.is_some()
        }
        B::MinutesRecorded(m) => c.minutes.push(entry(e, m.clone())),
        B::ProgressReported { content } => c.progress_reports.push(entry(e, content.clone())),
        B::ReferrerReplied { text } => c.referral_replies.push(entry(e, text.clone())),
        B::NoteAdded {
            text,
            legal_counsel,
        } => {
            c.notes.push(entry(e, text.clone()));
            c.legal_counsel |= *legal_counsel;
        }
        B::EvidenceAdded(ev) => c.evidence.push(entry(e, ev.clone())),
        B::ClocksPaused { reason } if !c.is_paused() => {
            c.pauses.push(Pause {
                from: e.at,
                to: None,
                reason: reason.clone(),
            });
        }
        B::ClocksResumed => {
            if let Some(p) = c.pauses.last_mut().filter(|p| p.to.is_none()) {
                p.to = Some(e.at.max(p.from));
            }
        }
        B::ReviewResolved { events, state, .. } => {
            c.review.retain(|r| !events.contains(&r.event));
            if let Some(to) = *state {
                c.transitions
                    .push(entry(e, Transition { from: c.state, to }));
                c.state = to;
            }
        }
        B::PersonalDataErased { .. } => {
            c.erased = true;
            let p = &mut c.details.complainant;
            p.name = None;
            p.phone = None;
            p.unit = None;
            p.address = None;
            p.preferred_contact = None;
            c.details.caller_number = None;
        }
        B::Deleted { reason } => {
            c.deleted.get_or_insert_with(|| reason.clone());
        }
        _ => {}
    }
}

/// The effects of entering a state through event `e`.
fn enter(c: &mut Complaint, e: &Event, to: WorkflowState) {
    use EventBody as B;
    match &e.body {
        B::Dispatched { department, .. } => {
            c.dispatch = Some(Dispatch {
                department: department.clone(),
                at: e.at,
                signed_by: None,
                signature: None,
            });
        }
        B::Activated { .. } => {
            c.activated = true;
            c.handling_started_at.get_or_insert(e.at);
        }
        B::InvestigationStarted => {
            c.handling_started_at.get_or_insert(e.at);
        }
        B::PlanDrafted { .. } => {
            keep_records(c, e);
            c.plan = c.plans.last().map(|p| p.item.clone());
        }
        B::PlanApproved { .. } => set_plan_status(c, PlanStatus::Approved),
        B::PlanRejected { reason } => set_plan_status(
            c,
            PlanStatus::Rejected {
                reason: reason.clone(),
            },
        ),
        B::ImplementationStarted { tasks } => {
            c.tasks = tasks.clone();
            c.reports.clear();
            c.reported_back_at = None;
        }
        B::FollowedUp(_) => {
            keep_records(c, e);
            if to == WorkflowState::Implementing {
                c.reports.clear();
                c.reported_back_at = None;
            }
        }
        B::Summarized(s) => {
            c.summary = Some(entry(e, s.clone()));
            c.summary_approved = false;
        }
        B::Closed { notice, .. } => {
            c.closed_at = Some(e.at);
            c.termination_notice = Some(notice.clone());
        }
        _ => keep_records(c, e),
    }
}

fn set_plan_status(c: &mut Complaint, status: PlanStatus) {
    if let Some(p) = c.plan.as_mut() {
        p.status = status.clone();
    }
    if let Some(p) = c.plans.last_mut() {
        p.item.status = status;
    }
}

/// What a workflow event records even when it does not fit: replies, follow-ups and plans
/// happened and are kept.
fn keep_records(c: &mut Complaint, e: &Event) {
    match &e.body {
        EventBody::Replied(r) => c.replies.push(entry(e, r.clone())),
        EventBody::FollowedUp(f) => c.follow_ups.push(entry(e, f.clone())),
        EventBody::PlanDrafted {
            outcome,
            content,
            compensation_fen,
        } => {
            let plan = HandlingPlan {
                outcome: *outcome,
                content: content.clone(),
                compensation_fen: *compensation_fen,
                status: PlanStatus::Pending,
                drafted_at: e.at,
            };
            c.plans.push(entry(e, plan));
        }
        _ => {}
    }
}

/// The shared settings from their events (defaults for anything never changed).
pub fn fold_settings(events: &[Event]) -> Settings {
    let events: Vec<&Event> = events
        .iter()
        .filter(|e| e.body.record_kind() == RecordKind::Settings)
        .collect();
    let history = History::new(events);
    let mut s = Settings::default();
    let mut writers: Writers<SettingKey> = Writers::new();
    for (i, e) in history.events.iter().enumerate() {
        if let EventBody::SettingChanged { change } = &e.body {
            writers.write(change.key(), i, &history);
            change.write(&mut s);
        }
    }
    let change_of = |i: usize| -> Option<(EventId, SettingChange)> {
        match &history.events[i].body {
            EventBody::SettingChanged { change } => Some((history.events[i].id, change.clone())),
            _ => None,
        }
    };
    s.conflicts = super::order::map(
        writers
            .conflicts()
            .map(|(k, ws)| (k, ws.iter().filter_map(|&w| change_of(w)).collect())),
    );
    s.heads = history.heads();
    s.latest_hlc = history.latest_hlc();
    s
}

/// One roster entry from its events. `None` until its `person_added` event is present.
pub fn fold_person(events: Vec<&Event>) -> Option<Person> {
    let events: Vec<&Event> = events
        .into_iter()
        .filter(|e| e.body.record_kind() == RecordKind::Person)
        .collect();
    let history = History::new(events);
    let (first, mut p) = history
        .events
        .iter()
        .enumerate()
        .find_map(|(i, e)| match &e.body {
            EventBody::PersonAdded {
                name,
                role,
                department,
            } => Some((
                i,
                Person {
                    id: PersonId(e.record.0),
                    name: name.clone(),
                    role: *role,
                    department: department.clone(),
                    active: true,
                    pin: None,
                    conflicts: BTreeMap::new(),
                    heads: history.heads(),
                    latest_hlc: history.latest_hlc().unwrap_or(e.hlc),
                },
            )),
            _ => None,
        })?;
    let mut writers: Writers<PersonField> = Writers::new();
    for (i, e) in history.events.iter().enumerate() {
        if let (true, EventBody::PersonChanged { change }) = (i != first, &e.body) {
            writers.write(change.field(), i, &history);
            change.write(&mut p);
        }
    }
    let change_of = |i: usize| -> Option<(EventId, PersonChange)> {
        match &history.events[i].body {
            EventBody::PersonChanged { change } => Some((history.events[i].id, change.clone())),
            _ => None,
        }
    };
    p.conflicts = super::order::map(
        writers
            .conflicts()
            .map(|(k, ws)| (k, ws.iter().filter_map(|&w| change_of(w)).collect())),
    );
    Some(p)
}

/// Every roster entry in a set of events.
pub fn fold_roster(events: &[Event]) -> BTreeMap<PersonId, Person> {
    group_by_record(events)
        .into_values()
        .filter_map(fold_person)
        .map(|p| (p.id, p))
        .fold(BTreeMap::new(), |mut m, (k, v)| {
            m.insert(k, v);
            m
        })
}
