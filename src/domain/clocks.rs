//! Time limits (§5): the seven clocks, their due times under calendar or working days, and
//! whether each is pending, met or breached. Also the automatic escalation of a valid
//! complaint left unresolved for a month.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Days, FixedOffset, Months, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::actor::Actor;
use super::calendar::{BusinessCalendar, DayMode};
use super::complaint::{Complaint, LevelChange, Pause, Severity};
use super::event::{EventBody, NewEvent};
use super::lang::labels;
use super::settings::Settings;

/// One time limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// Send the handling form to the department (10 minutes).
    Dispatch,
    /// Start handling a major complaint (3 hours).
    Respond,
    /// Report a major complaint to the general manager (same day).
    ReportToGeneralManager,
    /// The department signs for the handling form (same day as it is dispatched) [P9 §6.1].
    SignFor,
    /// The form goes on to the project or management manager (same day) [P9 §6.1].
    ForwardToManager,
    /// An important or major complaint is reported to the command at once (30 minutes) [P4].
    ReportToCommand,
    /// Tell the complainant the result once the department reports back (same day).
    ReplyAfterReportBack,
    /// Give a major complaint a clear answer (2 days).
    ClearAnswer,
    /// Finish handling a major complaint (10 days).
    WholeHandling,
    /// A valid complaint unresolved this long becomes major (1 month).
    BecomeMajor,
}

labels!(Clock {
    Dispatch => ("派单", "dispatch the handling form"),
    Respond => ("响应", "respond"),
    ReportToGeneralManager => ("呈报总经理", "report to the general manager"),
    SignFor => ("部门签收", "department signs for the form"),
    ForwardToManager => ("转项目经理", "forward to the project manager"),
    ReportToCommand => ("报告指挥部", "report to the command"),
    ReplyAfterReportBack => ("通报处理结果", "tell the complainant the result"),
    ClearAnswer => ("明确答复", "clear answer"),
    WholeHandling => ("处理完毕", "whole handling"),
    BecomeMajor => ("一个月未解决转重大", "unresolved for a month becomes major"),
});

impl Clock {
    pub const ALL: [Clock; 10] = [
        Clock::Dispatch,
        Clock::Respond,
        Clock::ReportToGeneralManager,
        Clock::SignFor,
        Clock::ForwardToManager,
        Clock::ReportToCommand,
        Clock::ReplyAfterReportBack,
        Clock::ClearAnswer,
        Clock::WholeHandling,
        Clock::BecomeMajor,
    ];
}

/// How long a clock runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Minutes(u32),
    Hours(u32),
    /// Until the end of the local day it starts on.
    SameDay,
    Days(u32),
    Months(u32),
}

/// A clock's setting: how long, and for which levels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockRule {
    pub span: Span,
    /// The levels it applies to; empty turns the clock off.
    pub levels: BTreeSet<Severity>,
}

/// The spec's defaults.
pub fn default_rules() -> BTreeMap<Clock, ClockRule> {
    let all: BTreeSet<Severity> = super::order::set(Severity::ALL);
    let major: BTreeSet<Severity> = super::order::set([Severity::Major]);
    let below_major: BTreeSet<Severity> = super::order::set([Severity::Minor, Severity::Important]);
    let important_up: BTreeSet<Severity> =
        super::order::set([Severity::Important, Severity::Major]);
    let rule = |span, levels: &BTreeSet<Severity>| ClockRule {
        span,
        levels: levels.clone(),
    };
    super::order::map([
        (Clock::Dispatch, rule(Span::Minutes(10), &all)),
        (Clock::Respond, rule(Span::Hours(3), &major)),
        (Clock::ReportToGeneralManager, rule(Span::SameDay, &major)),
        (Clock::SignFor, rule(Span::SameDay, &all)),
        (Clock::ForwardToManager, rule(Span::SameDay, &all)),
        (
            Clock::ReportToCommand,
            rule(Span::Minutes(30), &important_up),
        ),
        (Clock::ReplyAfterReportBack, rule(Span::SameDay, &all)),
        (Clock::ClearAnswer, rule(Span::Days(2), &major)),
        (Clock::WholeHandling, rule(Span::Days(10), &major)),
        (Clock::BecomeMajor, rule(Span::Months(1), &below_major)),
    ])
}

/// 23:59:59, the end of a local day.
fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 59).expect("valid time")
}

/// The local end of `day` in the offset of `like`.
fn end_of(day: chrono::NaiveDate, like: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let offset = *like.offset();
    day.and_time(end_of_day())
        .and_local_timezone(offset)
        .single()
        .unwrap_or(like)
}

/// When a clock of `span` started at `start` falls due (spec §5, "How a due time is computed").
pub fn due_time(
    start: DateTime<FixedOffset>,
    span: Span,
    mode: DayMode,
    calendar: &BusinessCalendar,
) -> DateTime<FixedOffset> {
    let day = start.date_naive();
    match (span, mode) {
        (Span::Minutes(n), _) => start + TimeDelta::minutes(i64::from(n)),
        (Span::Hours(n), _) => start + TimeDelta::hours(i64::from(n)),
        (Span::SameDay, DayMode::CalendarDays) => end_of(day, start),
        (Span::SameDay, DayMode::WorkingDays) => {
            end_of(calendar.working_day_on_or_after(day), start)
        }
        (Span::Days(n), DayMode::CalendarDays) => start
            .checked_add_days(Days::new(u64::from(n)))
            .unwrap_or(start),
        (Span::Days(n), DayMode::WorkingDays) => {
            end_of(calendar.nth_working_day_after(day, n), start)
        }
        (Span::Months(n), _) => start.checked_add_months(Months::new(n)).unwrap_or(start),
    }
}

/// The first year without a business calendar ([`BusinessCalendar::covers`]) that the
/// working-day count of a clock of `span` started at `start` runs through: its due time is then
/// only as right as weekends alone, and too early if that year has holidays. `None` for clocks
/// that count no days (minutes, hours, months, and every clock in calendar-day mode).
pub fn uncovered_year(
    start: DateTime<FixedOffset>,
    span: Span,
    mode: DayMode,
    calendar: &BusinessCalendar,
) -> Option<i32> {
    let day = start.date_naive();
    let (first, last) = match (span, mode) {
        (_, DayMode::CalendarDays) => return None,
        // Whether the day of the event is a working day, then each day up to the next one.
        (Span::SameDay, DayMode::WorkingDays) => (day, calendar.working_day_on_or_after(day)),
        // The day of receipt does not count; each day after it does, up to the due day.
        (Span::Days(n), DayMode::WorkingDays) if n > 0 => {
            (day.succ_opt()?, calendar.nth_working_day_after(day, n))
        }
        _ => return None,
    };
    calendar.first_uncovered_year(first, last)
}

/// Push `due` back by the paused time that began before it (pauses after the clock stopped
/// at `until` do not count; a pause still open counts up to `until`).
fn extend_by_pauses(
    start: DateTime<FixedOffset>,
    due: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
    pauses: &[Pause],
) -> DateTime<FixedOffset> {
    let mut due = due;
    for p in pauses {
        let from = p.from.max(start);
        let to = p.to.unwrap_or(until).min(until);
        if from < due && to > from {
            due += to - from;
        }
    }
    due
}

/// Where a clock stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ClockStatus {
    Pending {
        left: TimeDelta,
    },
    Met {
        at: DateTime<FixedOffset>,
    },
    /// Late by `by`; `met_at` when it was done late, `None` while still open.
    Breached {
        by: TimeDelta,
        met_at: Option<DateTime<FixedOffset>>,
    },
}

/// How close to its due time an open clock counts as "due soon" (shown amber, listed first).
pub const DUE_SOON: TimeDelta = TimeDelta::hours(2);

/// One clock of one complaint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub clock: Clock,
    pub started: DateTime<FixedOffset>,
    pub due: DateTime<FixedOffset>,
    pub status: ClockStatus,
    /// "Calendar not set for YEAR": the working-day count ran through this year, which no
    /// leader has entered or confirmed, so `due` may be too early ([`uncovered_year`]).
    #[serde(default)]
    pub calendar_not_set: Option<i32>,
}

impl ClockView {
    pub fn is_breached(&self) -> bool {
        matches!(self.status, ClockStatus::Breached { .. })
    }

    /// Open and due within `within` (or already overdue).
    pub fn is_due_soon(&self, within: TimeDelta) -> bool {
        match self.status {
            ClockStatus::Pending { left } => left <= within,
            ClockStatus::Breached { met_at, .. } => met_at.is_none(),
            ClockStatus::Met { .. } => false,
        }
    }
}

/// What a complaint's clocks are computed from: whether it is still open, its level and
/// validity, and when each step happened. Small enough to keep for every complaint (the
/// dashboard and the list read it from a complaint's [`Brief`](super::brief::Brief)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockFacts {
    /// Neither closed nor deleted: only open complaints have a next clock.
    pub open: bool,
    pub valid: bool,
    pub severity: Option<Severity>,
    pub received_at: DateTime<FixedOffset>,
    pub dispatched_at: Option<DateTime<FixedOffset>>,
    pub handling_started_at: Option<DateTime<FixedOffset>>,
    pub reported_to_general_manager_at: Option<DateTime<FixedOffset>>,
    /// When the department signed for the handling form.
    #[serde(default)]
    pub signed_for_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub forwarded_to_manager_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub reported_to_command_at: Option<DateTime<FixedOffset>>,
    pub reported_back_at: Option<DateTime<FixedOffset>>,
    /// When each reply was given, in order.
    pub replies_at: Vec<DateTime<FixedOffset>>,
    pub closed_at: Option<DateTime<FixedOffset>>,
    pub pauses: Vec<Pause>,
    /// The department tasks with a due time, and when each department reported back.
    #[serde(default)]
    pub tasks: Vec<TaskDue>,
    /// The referring body's deadline, and when it was first replied to.
    #[serde(default)]
    pub referral: Option<ReferralDue>,
    /// Each department's handling form returned, with when it finished.
    #[serde(default)]
    pub returns: Vec<FormReturn>,
}

/// A department's handling form returned to customer service: due the day the handling is
/// finished [P9 §6.3] (in working-day mode, a day that is not a working day moves it to the end
/// of the next), so met or late once it is returned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormReturn {
    pub department: String,
    pub finished_at: DateTime<FixedOffset>,
    pub returned_at: DateTime<FixedOffset>,
}

impl FormReturn {
    /// When the form was due back.
    pub fn due(&self, settings: &Settings) -> DateTime<FixedOffset> {
        due_time(
            self.finished_at,
            Span::SameDay,
            settings.day_mode,
            &settings.calendar,
        )
    }

    /// Met when returned by the end of the day the handling finished; late otherwise.
    pub fn status(&self, settings: &Settings) -> ClockStatus {
        deadline_status(self.due(settings), Some(self.returned_at), self.returned_at)
    }
}

/// The deadline of the body that referred a complaint (the 12345 hotline, a consumer
/// association), met by the first reply to that body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralDue {
    pub body: String,
    pub reference: String,
    pub due: DateTime<FixedOffset>,
    pub replied_at: Option<DateTime<FixedOffset>>,
}

impl ReferralDue {
    /// Met when the body was replied to by its deadline; breached when late, or past it with
    /// no reply yet; pending otherwise.
    pub fn status(&self, now: DateTime<FixedOffset>) -> ClockStatus {
        deadline_status(self.due, self.replied_at, now)
    }
}

/// The status at `now` of something due at `due` and done at `done_at`.
fn deadline_status(
    due: DateTime<FixedOffset>,
    done_at: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
) -> ClockStatus {
    match done_at {
        Some(at) if at <= due => ClockStatus::Met { at },
        Some(at) => ClockStatus::Breached {
            by: at - due,
            met_at: Some(at),
        },
        None if now > due => ClockStatus::Breached {
            by: now - due,
            met_at: None,
        },
        None => ClockStatus::Pending { left: due - now },
    }
}

/// A department task's due time (typed when the implementation started) and when that
/// department reported back: a clock of its own, beside the plan's clocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskDue {
    pub department: String,
    pub description: String,
    pub due: DateTime<FixedOffset>,
    pub done_at: Option<DateTime<FixedOffset>>,
}

impl TaskDue {
    /// Met when the department reported back by the due time; breached when it reported late or
    /// has not reported and the time has passed; pending otherwise.
    pub fn status(&self, now: DateTime<FixedOffset>) -> ClockStatus {
        deadline_status(self.due, self.done_at, now)
    }
}

impl Complaint {
    /// What this complaint's clocks are computed from.
    pub fn clock_facts(&self) -> ClockFacts {
        ClockFacts {
            open: self.deleted.is_none() && !self.is_closed(),
            valid: self.is_valid(),
            severity: self.severity,
            received_at: self.received_at,
            dispatched_at: self.dispatch.as_ref().map(|d| d.at),
            handling_started_at: self.handling_started_at,
            reported_to_general_manager_at: self.reported_to_general_manager_at,
            signed_for_at: self
                .dispatch
                .as_ref()
                .and_then(|d| d.signed_by.as_ref().map(|s| s.1)),
            forwarded_to_manager_at: self.forwarded_to_manager_at,
            reported_to_command_at: self.reported_to_command_at,
            reported_back_at: self.reported_back_at,
            replies_at: self.replies.iter().map(|r| r.at).collect(),
            closed_at: self.closed_at,
            pauses: self.pauses.clone(),
            tasks: self
                .tasks
                .iter()
                .filter_map(|t| {
                    Some(TaskDue {
                        department: t.department.clone(),
                        description: t.description.clone(),
                        due: t.due?,
                        done_at: self.reports.get(&t.department).copied(),
                    })
                })
                .collect(),
            returns: self.returns.clone(),
            referral: self.details.referral.as_ref().map(|r| ReferralDue {
                body: r.body.clone(),
                reference: r.reference.clone(),
                due: r.due,
                replied_at: self.referral_replies.first().map(|e| e.at),
            }),
        }
    }
}

impl ClockFacts {
    /// When the clock starts and when it was met.
    fn start_and_met(
        &self,
        clock: Clock,
    ) -> Option<(DateTime<FixedOffset>, Option<DateTime<FixedOffset>>)> {
        let received = self.received_at;
        Some(match clock {
            Clock::Dispatch => (received, self.dispatched_at),
            Clock::Respond => (received, self.handling_started_at),
            Clock::ReportToGeneralManager => (received, self.reported_to_general_manager_at),
            Clock::SignFor => (self.dispatched_at?, self.signed_for_at),
            Clock::ForwardToManager => (self.dispatched_at?, self.forwarded_to_manager_at),
            Clock::ReportToCommand => (received, self.reported_to_command_at),
            Clock::ReplyAfterReportBack => {
                let start = self.reported_back_at?;
                (
                    start,
                    self.replies_at.iter().copied().find(|at| *at >= start),
                )
            }
            Clock::ClearAnswer => (received, self.replies_at.first().copied()),
            Clock::WholeHandling | Clock::BecomeMajor => (received, self.closed_at),
        })
    }

    /// Whether a rule applies to the level (unassessed: only clocks for every level).
    fn applies(&self, rule: &ClockRule) -> bool {
        match self.severity {
            Some(s) => rule.levels.contains(&s),
            None => rule.levels.len() == Severity::ALL.len(),
        }
    }

    /// One clock at `now`; `None` when it does not apply or has not started.
    pub fn evaluate_clock(
        &self,
        clock: Clock,
        settings: &Settings,
        now: DateTime<FixedOffset>,
    ) -> Option<ClockView> {
        let rule = settings.clocks.get(&clock)?;
        if !self.applies(rule) || (clock == Clock::BecomeMajor && !self.valid) {
            return None;
        }
        let (started, met) = self.start_and_met(clock)?;
        let mut due = due_time(started, rule.span, settings.day_mode, &settings.calendar);
        let calendar_not_set =
            uncovered_year(started, rule.span, settings.day_mode, &settings.calendar);
        if settings.pause_while_waiting {
            due = extend_by_pauses(started, due, met.unwrap_or(now), &self.pauses);
        }
        let status = match met {
            Some(at) if at <= due => ClockStatus::Met { at },
            Some(at) => ClockStatus::Breached {
                by: at - due,
                met_at: Some(at),
            },
            None if now > due => ClockStatus::Breached {
                by: now - due,
                met_at: None,
            },
            None => ClockStatus::Pending { left: due - now },
        };
        Some(ClockView {
            clock,
            started,
            due,
            status,
            calendar_not_set,
        })
    }

    /// Every clock that applies, at `now`.
    pub fn evaluate(&self, settings: &Settings, now: DateTime<FixedOffset>) -> Vec<ClockView> {
        Clock::ALL
            .into_iter()
            .filter_map(|clock| self.evaluate_clock(clock, settings, now))
            .collect()
    }

    /// The department tasks with a due time, each with its status at `now`.
    pub fn task_clocks(&self, now: DateTime<FixedOffset>) -> Vec<(&TaskDue, ClockStatus)> {
        self.tasks.iter().map(|t| (t, t.status(now))).collect()
    }

    /// The referring body's deadline of an open complaint, when it has passed with no reply.
    pub fn overdue_referral(&self, now: DateTime<FixedOffset>) -> Option<&ReferralDue> {
        self.referral
            .as_ref()
            .filter(|r| self.open && r.replied_at.is_none() && now > r.due)
    }

    /// The tasks of an open complaint past their due time with no report back at `now`.
    pub fn overdue_tasks(&self, now: DateTime<FixedOffset>) -> Vec<&TaskDue> {
        if !self.open {
            return Vec::new();
        }
        self.tasks
            .iter()
            .filter(|t| t.done_at.is_none() && now > t.due)
            .collect()
    }

    /// The open clock due soonest (an overdue one first): what a list sorts and flags by.
    pub fn next_due(&self, settings: &Settings, now: DateTime<FixedOffset>) -> Option<ClockView> {
        if !self.open {
            return None;
        }
        self.evaluate(settings, now)
            .into_iter()
            .filter(|v| match v.status {
                ClockStatus::Pending { .. } => true,
                ClockStatus::Breached { met_at, .. } => met_at.is_none(),
                ClockStatus::Met { .. } => false,
            })
            .min_by_key(|v| v.due)
    }

    /// Whether a valid complaint still open past its month clock is due to become major now.
    pub fn escalation_due(&self, settings: &Settings, now: DateTime<FixedOffset>) -> bool {
        self.open
            && self.valid
            && self.severity != Some(Severity::Major)
            && self
                .evaluate_clock(Clock::BecomeMajor, settings, now)
                .is_some_and(|v| matches!(v.status, ClockStatus::Breached { met_at: None, .. }))
    }
}

/// One clock of a complaint at `now`; `None` when it does not apply or has not started.
pub fn evaluate_clock(
    c: &Complaint,
    clock: Clock,
    settings: &Settings,
    now: DateTime<FixedOffset>,
) -> Option<ClockView> {
    c.clock_facts().evaluate_clock(clock, settings, now)
}

/// Every clock that applies to the complaint, at `now`.
pub fn evaluate(c: &Complaint, settings: &Settings, now: DateTime<FixedOffset>) -> Vec<ClockView> {
    c.clock_facts().evaluate(settings, now)
}

/// The open clock due soonest (an overdue one first): what a list sorts and flags by.
pub fn next_due(
    c: &Complaint,
    settings: &Settings,
    now: DateTime<FixedOffset>,
) -> Option<ClockView> {
    c.clock_facts().next_due(settings, now)
}

/// The reason recorded on an automatic escalation.
pub const AUTO_MAJOR_REASON: &str =
    "有效投诉一个月内未得到合理解决 / A valid complaint unresolved for a month";

/// The events to add at `now`: a valid complaint still open past its month clock becomes
/// major, recorded by the system actor.
pub fn auto_escalations(
    c: &Complaint,
    settings: &Settings,
    now: DateTime<FixedOffset>,
) -> Vec<NewEvent> {
    if !c.clock_facts().escalation_due(settings, now) {
        return Vec::new();
    }
    vec![NewEvent {
        record: c.id,
        actor: Actor::system(),
        at: now,
        body: EventBody::LevelChanged {
            change: LevelChange {
                from: c.severity,
                to: Severity::Major,
                reason: AUTO_MAJOR_REASON.into(),
            },
            automatic: true,
        },
    }]
}
