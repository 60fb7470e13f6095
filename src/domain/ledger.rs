//! The ledger reviews property practice asks for [P9 §7]: the supervisor's daily check of
//! today's new and overdue complaints, each ticked as checked, and the manager's monthly review
//! of the month's statistics with comments. Each is signed off as one event on the one ledger
//! record; sign-offs are only ever added, so two tablets signing the same day both keep theirs.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::actor::{Actor, Role};
use super::brief::Brief;
use super::complaint::Entry;
use super::error::{DomainError, ValidationError};
use super::event::{Event, EventBody, NewEvent};
use super::field::Field;
use super::ids::RecordId;
use super::lang::labels;
use super::settings::Settings;
use super::validate::{MAX_SHORT, MAX_TEXT, bounded};
use super::workflow::CommandKind;

/// One complaint on a daily check, ticked as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub complaint: RecordId,
    /// Its number, as it was when checked (the sheet prints it).
    pub number: String,
    /// What the supervisor noted, if anything.
    pub note: String,
}

/// A signed-off review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Review {
    /// 主管每日检查: the day's new and overdue complaints, those ticked as checked.
    Daily {
        day: NaiveDate,
        checked: Vec<Checked>,
        comment: String,
    },
    /// 经理月度审核: the month's statistics, how many were counted, and the comments.
    Monthly {
        /// The month's first day.
        month: NaiveDate,
        counted: u32,
        comment: String,
    },
}

/// Which review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewKind {
    Daily,
    Monthly,
}

labels!(ReviewKind {
    Daily => ("主管每日检查", "Supervisor's daily check"),
    Monthly => ("经理月度审核", "Manager's monthly review"),
});

impl Review {
    pub fn kind(&self) -> ReviewKind {
        match self {
            Review::Daily { .. } => ReviewKind::Daily,
            Review::Monthly { .. } => ReviewKind::Monthly,
        }
    }

    /// The day (daily) or the month's first day (monthly) it covers.
    pub fn covers(&self) -> NaiveDate {
        match self {
            Review::Daily { day, .. } => *day,
            Review::Monthly { month, .. } => *month,
        }
    }
}

impl ReviewKind {
    /// Who may sign it off: the daily check the leader, the deputy and the duty lead; the
    /// monthly review the leader and the deputy.
    pub fn may_sign(self, role: Role) -> bool {
        match self {
            ReviewKind::Daily => matches!(role, Role::Leader | Role::Deputy | Role::DutyLead),
            ReviewKind::Monthly => matches!(role, Role::Leader | Role::Deputy),
        }
    }

    /// The command that signs it, for messages.
    pub fn command(self) -> CommandKind {
        match self {
            ReviewKind::Daily => CommandKind::SignDailyCheck,
            ReviewKind::Monthly => CommandKind::SignMonthlyReview,
        }
    }
}

/// The ledger as folded from its events: every sign-off, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    pub reviews: Vec<Entry<Review>>,
    /// The record's head events and latest clock: what the next sign-off follows.
    pub heads: Vec<super::ids::EventId>,
    pub latest_hlc: Option<super::hlc::Hlc>,
}

impl Ledger {
    /// The sign-offs of `kind` covering `day` (a monthly review: its first day).
    pub fn signed(&self, kind: ReviewKind, covers: NaiveDate) -> Vec<&Entry<Review>> {
        self.reviews
            .iter()
            .filter(|r| r.item.kind() == kind && r.item.covers() == covers)
            .collect()
    }
}

/// The ledger from its events (any order).
pub fn fold_ledger(events: &[Event]) -> Ledger {
    let mut reviews: Vec<Entry<Review>> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::LedgerSigned(r) => Some(Entry {
                event: e.id,
                at: e.at,
                by: e.actor.clone(),
                item: r.clone(),
            }),
            _ => None,
        })
        .collect();
    crate::domain::order::sort_by_key(&mut reviews, |r| (r.at, r.event));
    let history = super::fold::History::new(events.iter().collect());
    Ledger {
        reviews,
        heads: history.heads(),
        latest_hlc: history.latest_hlc(),
    }
}

/// What the daily check of `day` lists: complaints received that day, and every live one with
/// a clock past its due time at `now`; drills and deleted ones left out. Newest first.
pub fn daily_items<'a>(
    briefs: impl IntoIterator<Item = &'a Brief>,
    day: NaiveDate,
    settings: &Settings,
    now: DateTime<FixedOffset>,
) -> Vec<&'a Brief> {
    let mut out: Vec<&Brief> = briefs
        .into_iter()
        .filter(|b| b.is_counted())
        .filter(|b| {
            b.received_at.date_naive() == day
                || (b.is_live() && b.next_due(settings, now).is_some_and(|v| v.is_breached()))
        })
        .collect();
    crate::domain::order::sort_by_key(&mut out, |b| std::cmp::Reverse(b.received_at));
    out
}

/// The checks every sign-off passes, from a form or a file alike.
pub fn check_review(r: &Review) -> Result<(), ValidationError> {
    match r {
        Review::Daily {
            checked, comment, ..
        } => {
            for c in checked {
                bounded(Field::Content, &c.number, MAX_SHORT)?;
                bounded(Field::Content, &c.note, MAX_TEXT)?;
            }
            bounded(Field::Comment, comment, MAX_TEXT).map(|_| ())
        }
        Review::Monthly { comment, .. } => {
            if comment.trim().is_empty() {
                return Err(ValidationError::Required(Field::Comment));
            }
            bounded(Field::Comment, comment, MAX_TEXT).map(|_| ())
        }
    }
}

/// Signs `review` off as `actor` at `now`: the one event to record.
pub fn apply_ledger(
    review: &Review,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Vec<NewEvent>, DomainError> {
    let kind = review.kind();
    if !kind.may_sign(actor.role) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action: kind.command(),
        });
    }
    check_review(review)?;
    let review = match review {
        Review::Daily {
            day,
            checked,
            comment,
        } => Review::Daily {
            day: *day,
            checked: checked
                .iter()
                .map(|c| Checked {
                    note: c.note.trim().to_string(),
                    ..c.clone()
                })
                .collect(),
            comment: comment.trim().to_string(),
        },
        Review::Monthly {
            month,
            counted,
            comment,
        } => Review::Monthly {
            month: *month,
            counted: *counted,
            comment: comment.trim().to_string(),
        },
    };
    Ok(vec![NewEvent {
        record: RecordId::LEDGER,
        actor: actor.clone(),
        at: now,
        body: EventBody::LedgerSigned(review),
    }])
}
