//! A complaint's brief: what the first screens need of it (the dashboard's lists and counts,
//! the list's rows, filters, search and order, the Sync page's flags), a small fraction of
//! the whole view. The app reads every brief on open and a complaint's whole view only when
//! it is opened, so the first screen does not wait on 10,000 full views.
//!
//! Every answer a brief gives is the whole complaint's answer: the clocks come from the same
//! [`ClockFacts`], and the moves from [`precondition`] and [`permission`] at fold time (what a
//! move needs of the complaint does not change with the clock; who may make it, which can, is
//! decided at `now`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::clocks::{ClockFacts, ClockView};
use super::complaint::{Complainant, Complaint, Severity};
use super::ids::ComplaintId;
use super::number::ComplaintNumber;
use super::search::haystack;
use super::settings::Settings;
use super::workflow::{
    CommandKind, Permission, WorkflowState, permission, permitted, precondition,
};

/// How many characters of the description a row shows.
pub const EXCERPT_CHARS: usize = 60;

/// What the first screens need of one complaint. Built only from the whole complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub id: ComplaintId,
    pub number: ComplaintNumber,
    pub received_at: DateTime<FixedOffset>,
    pub state: WorkflowState,
    pub severity: Option<Severity>,
    pub activated: bool,
    pub drill: bool,
    pub deleted: bool,
    pub conflict: bool,
    pub review: bool,
    pub category: Option<String>,
    /// The project (site), by its key.
    #[serde(default)]
    pub project: Option<String>,
    pub complained_department: Option<String>,
    pub complainant: Complainant,
    /// The complaints its record links to as related (repeats among them).
    pub related: Vec<ComplaintId>,
    /// The start of the description, for a row.
    pub excerpt: String,
    /// What a search matches ([`haystack`]).
    pub search: String,
    pub clocks: ClockFacts,
    /// The commands that move the workflow on from here, with who may give each.
    pub moves: Vec<(CommandKind, Permission)>,
    /// Grows with every event the record gains: a page showing the whole view reads it again
    /// when this changes.
    pub event_count: usize,
}

impl Brief {
    /// The brief of a complaint.
    pub fn of(c: &Complaint) -> Brief {
        Brief {
            id: c.id,
            number: c.number.clone(),
            received_at: c.received_at,
            state: c.state,
            severity: c.severity,
            activated: c.activated,
            drill: c.details.drill,
            deleted: c.deleted.is_some(),
            conflict: c.in_conflict(),
            review: c.needs_review(),
            category: c.details.category.clone(),
            project: c.details.project.clone(),
            complained_department: c.details.complained_department.clone(),
            complainant: c.details.complainant.clone(),
            related: c.details.related.iter().copied().collect(),
            excerpt: c.details.description.chars().take(EXCERPT_CHARS).collect(),
            search: haystack(c),
            clocks: c.clock_facts(),
            moves: CommandKind::ON_COMPLAINT
                .into_iter()
                .filter(|k| k.moves_workflow() && precondition(c, *k).is_ok())
                .map(|k| (k, permission(k, Some(c))))
                .collect(),
            event_count: c.event_count,
        }
    }

    /// Still being handled: neither closed nor deleted ([`Complaint::is_live`]).
    pub fn is_live(&self) -> bool {
        !self.deleted && self.state != WorkflowState::Closed
    }

    /// Waiting for a person to settle a conflict or a review ([`Complaint::needs_attention`]).
    pub fn needs_attention(&self) -> bool {
        !self.deleted && (self.conflict || self.review)
    }

    /// Counted by the statistics: no drill, nothing deleted ([`super::stats::counted`]).
    pub fn is_counted(&self) -> bool {
        !self.drill && !self.deleted
    }

    /// The open clock due soonest ([`super::clocks::next_due`]).
    pub fn next_due(&self, settings: &Settings, now: DateTime<FixedOffset>) -> Option<ClockView> {
        self.clocks.next_due(settings, now)
    }

    /// Whether `actor` may move the workflow on at `now`: some command of
    /// [`super::workflow::allowed_commands`] that moves it.
    pub fn can_move(&self, actor: &Actor, now: DateTime<FixedOffset>, settings: &Settings) -> bool {
        self.moves
            .iter()
            .any(|(_, p)| permitted(actor, *p, now, settings))
    }
}

/// The earlier complaints, among `briefs`, that a record received at `received_at` repeats:
/// the same complainant or unit and category within `window_days` (`triage::find_repeats`'s
/// rule, read from the briefs the app holds, so the intake form and the complaint page need no
/// whole complaint). Oldest first.
pub fn repeats_among<'a>(
    details: &super::complaint::ComplaintDetails,
    received_at: DateTime<FixedOffset>,
    briefs: impl IntoIterator<Item = &'a Brief>,
    window_days: u32,
) -> Vec<&'a Brief> {
    let mut found: Vec<&Brief> = briefs
        .into_iter()
        .filter(|b| {
            super::triage::repeats(
                details,
                received_at,
                window_days,
                super::triage::Earlier {
                    deleted: b.deleted,
                    drill: b.drill,
                    received_at: b.received_at,
                    category: b.category.as_deref(),
                    complainant: &b.complainant,
                },
            )
        })
        .collect();
    crate::domain::order::sort_by_key(&mut found, |b| b.received_at);
    found
}
