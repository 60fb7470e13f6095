//! The dashboard's lists. Drills are left out of every working list and count, as the
//! statistics leave them out; they have a list of their own.

use chrono::{DateTime, FixedOffset};

use super::actor::Actor;
use super::clocks::{DUE_SOON, next_due};
use super::complaint::Complaint;
use super::settings::Settings;
use super::workflow::allowed_commands;

/// What the dashboard shows, each list in its order.
#[derive(Debug, Default)]
pub struct Board<'a> {
    /// Live complaints whose next clock is breached or falls due within [`DUE_SOON`], soonest
    /// due first.
    pub urgent: Vec<&'a Complaint>,
    /// Live complaints whose emergency plan is active.
    pub emergencies: Vec<&'a Complaint>,
    /// Complaints waiting for a person to settle a conflict or a review (drills included: their
    /// data must be settled like any other).
    pub attention: Vec<&'a Complaint>,
    /// Live complaints the current person can move on.
    pub mine: Vec<&'a Complaint>,
    /// Live drills, newest received first.
    pub drills: Vec<&'a Complaint>,
}

/// Sorts the complaints onto the dashboard's lists at `now`; `actor` is who is signed in.
pub fn board<'a>(
    all: impl IntoIterator<Item = &'a Complaint>,
    settings: &Settings,
    now: DateTime<FixedOffset>,
    actor: Option<&Actor>,
) -> Board<'a> {
    let mut b = Board::default();
    let mut urgent = Vec::new();
    for c in all {
        if c.needs_attention() {
            b.attention.push(c);
        }
        if !c.is_live() {
            continue;
        }
        if c.details.drill {
            b.drills.push(c);
            continue;
        }
        if let Some(v) = next_due(c, settings, now).filter(|v| v.is_due_soon(DUE_SOON)) {
            urgent.push((v.due, c));
        }
        if c.activated {
            b.emergencies.push(c);
        }
        if actor.is_some_and(|a| {
            allowed_commands(Some(c), a, now, settings)
                .iter()
                .any(|k| k.moves_workflow())
        }) {
            b.mine.push(c);
        }
    }
    urgent.sort_by_key(|(due, _)| *due);
    b.urgent = urgent.into_iter().map(|(_, c)| c).collect();
    b.drills.sort_by_key(|c| std::cmp::Reverse(c.received_at));
    b
}
