//! The dashboard's lists. Drills are left out of every working list and count, as the
//! statistics leave them out; they have a list of their own.

use chrono::{DateTime, FixedOffset};

use super::actor::Actor;
use super::brief::Brief;
use super::clocks::DUE_SOON;
use super::settings::Settings;

/// What the dashboard shows, each list in its order.
#[derive(Debug, Default)]
pub struct Board<'a> {
    /// Live complaints whose next clock is breached or falls due within [`DUE_SOON`], soonest
    /// due first.
    pub urgent: Vec<&'a Brief>,
    /// Live complaints whose emergency plan is active.
    pub emergencies: Vec<&'a Brief>,
    /// Complaints waiting for a person to settle a conflict or a review (drills included: their
    /// data must be settled like any other).
    pub attention: Vec<&'a Brief>,
    /// Live complaints the current person can move on.
    pub mine: Vec<&'a Brief>,
    /// Live complaints with a department task past its due time and not reported back, or a
    /// referring body's deadline passed with no reply, the longest overdue first.
    pub overdue_tasks: Vec<&'a Brief>,
    /// Live drills, newest received first.
    pub drills: Vec<&'a Brief>,
}

/// Sorts the complaints (their briefs) onto the dashboard's lists at `now`; `actor` is who is signed in.
pub fn board<'a>(
    all: impl IntoIterator<Item = &'a Brief>,
    settings: &Settings,
    now: DateTime<FixedOffset>,
    actor: Option<&Actor>,
) -> Board<'a> {
    let mut b = Board::default();
    let mut urgent = Vec::new();
    let mut overdue = Vec::new();
    for c in all {
        if c.needs_attention() {
            b.attention.push(c);
        }
        if !c.is_live() {
            continue;
        }
        if c.drill {
            b.drills.push(c);
            continue;
        }
        if let Some(v) = c
            .next_due(settings, now)
            .filter(|v| v.is_due_soon(DUE_SOON))
        {
            urgent.push((v.due, c));
        }
        if let Some(oldest) = c
            .clocks
            .overdue_tasks(now)
            .iter()
            .map(|t| t.due)
            .chain(c.clocks.overdue_referral(now).map(|r| r.due))
            .min()
        {
            overdue.push((oldest, c));
        }
        if c.activated {
            b.emergencies.push(c);
        }
        if actor.is_some_and(|a| c.can_move(a, now, settings)) {
            b.mine.push(c);
        }
    }
    crate::domain::order::sort_by_key(&mut urgent, |(due, _)| *due);
    b.urgent = urgent.into_iter().map(|(_, c)| c).collect();
    crate::domain::order::sort_by_key(&mut overdue, |(due, _)| *due);
    b.overdue_tasks = overdue.into_iter().map(|(_, c)| c).collect();
    crate::domain::order::sort_by_key(&mut b.drills, |c| std::cmp::Reverse(c.received_at));
    b
}
