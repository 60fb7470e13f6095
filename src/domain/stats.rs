//! Period statistics (§6), pure functions over folded complaints. Drills and deleted
//! complaints never count.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

use super::clocks::{Clock, ClockStatus, evaluate};
use super::complaint::Complaint;
use super::settings::Settings;
use super::triage::find_repeats;

/// The complaints statistics count: no drills, nothing deleted.
pub fn counted<'a>(complaints: impl IntoIterator<Item = &'a Complaint>) -> Vec<&'a Complaint> {
    complaints
        .into_iter()
        .filter(|c| !c.details.drill && c.deleted.is_none())
        .collect()
}

/// What the dashboard counts: the complaints the statistics count ([`counted`]), by workflow
/// state and by level (`None` = not yet assessed).
pub type Counts = (
    BTreeMap<super::workflow::WorkflowState, usize>,
    BTreeMap<Option<super::complaint::Severity>, usize>,
);

/// The dashboard's counts by state and by level, over what the statistics count (no drills,
/// nothing deleted: [`Brief::is_counted`](super::brief::Brief::is_counted)), so the two never
/// disagree.
pub fn counts<'a>(complaints: impl IntoIterator<Item = &'a super::brief::Brief>) -> Counts {
    let mut by_state = BTreeMap::new();
    let mut by_level = BTreeMap::new();
    for c in complaints.into_iter().filter(|c| c.is_counted()) {
        *by_state.entry(c.state).or_default() += 1;
        *by_level.entry(c.severity).or_default() += 1;
    }
    (by_state, by_level)
}

/// Those received in `[from, to)`.
pub fn received_between<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> Vec<&'a Complaint> {
    counted(complaints)
        .into_iter()
        .filter(|c| from <= c.received_at && c.received_at < to)
        .collect()
}

/// Length of a period bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Day,
    Week,
    Month,
}

/// What to count complaints by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dimension {
    /// Receipt date, local: `2026-11-28`, ISO week `2026-W48`, month `2026-11`.
    Period(Period),
    /// `minor`, `important`, `major`, or empty when not assessed.
    Level,
    /// The category id.
    Category,
    /// The department dispatched to, else the complained department.
    Department,
    /// The channel, as in the file (`hotline`, `walk_in`, …).
    Channel,
    /// The complainant's building.
    Building,
    /// The project (site), by its key.
    Project,
    /// The body that referred it (12345, a consumer association), or empty when not referred.
    Referral,
}

fn snake<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The key a complaint counts under; empty when it has none.
pub fn key(c: &Complaint, dimension: Dimension) -> String {
    let day = c.received_at.date_naive();
    match dimension {
        Dimension::Period(Period::Day) => day.format("%Y-%m-%d").to_string(),
        Dimension::Period(Period::Week) => {
            let w = day.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Dimension::Period(Period::Month) => day.format("%Y-%m").to_string(),
        Dimension::Level => c.severity.map(|s| snake(&s)).unwrap_or_default(),
        Dimension::Category => c.details.category.clone().unwrap_or_default(),
        Dimension::Department => c
            .dispatch
            .as_ref()
            .map(|d| d.department.clone())
            .or_else(|| c.details.complained_department.clone())
            .unwrap_or_default(),
        Dimension::Channel => snake(&c.details.channel),
        Dimension::Project => c.details.project.clone().unwrap_or_default(),
        Dimension::Referral => c
            .details
            .referral
            .as_ref()
            .map(|r| r.body.clone())
            .unwrap_or_default(),
        Dimension::Building => c
            .details
            .complainant
            .unit
            .as_ref()
            .map(|u| u.building.clone())
            .unwrap_or_default(),
    }
}

/// The steps counts over time are shown in, from the days the counted complaints span: by day
/// up to a month, by week up to a quarter, by month beyond.
pub fn timeline_period<'a>(complaints: impl IntoIterator<Item = &'a Complaint>) -> Period {
    let days: Vec<chrono::NaiveDate> = counted(complaints)
        .iter()
        .map(|c| c.received_at.date_naive())
        .collect();
    let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
        return Period::Month;
    };
    match (*last - *first).num_days() {
        0..=31 => Period::Day,
        32..=92 => Period::Week,
        _ => Period::Month,
    }
}

/// How many complaints fall under each key.
pub fn counts_by<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    dimension: Dimension,
) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for c in counted(complaints) {
        *counts.entry(key(c, dimension)).or_insert(0) += 1;
    }
    counts
}

/// How one clock did across complaints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    pub met: usize,
    pub breached: usize,
    pub pending: usize,
}

impl Compliance {
    /// Met share of the decided ones (met or breached); `None` when none is decided.
    pub fn rate(&self) -> Option<f64> {
        let decided = self.met + self.breached;
        (decided > 0).then(|| self.met as f64 / decided as f64)
    }
}

/// Per clock: how many were met, breached, still pending at `now`.
pub fn clock_compliance<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    settings: &Settings,
    now: DateTime<FixedOffset>,
) -> BTreeMap<Clock, Compliance> {
    let mut out: BTreeMap<Clock, Compliance> = BTreeMap::new();
    for c in counted(complaints) {
        for view in evaluate(c, settings, now) {
            let entry = out.entry(view.clock).or_default();
            match view.status {
                ClockStatus::Met { .. } => entry.met += 1,
                ClockStatus::Breached { .. } => entry.breached += 1,
                ClockStatus::Pending { .. } => entry.pending += 1,
            }
        }
    }
    out
}

/// How the referring bodies' deadlines went: met (replied in time), breached (late, or past
/// with no reply), pending at `now`.
pub fn referral_compliance<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    now: DateTime<FixedOffset>,
) -> Compliance {
    let mut out = Compliance::default();
    for c in counted(complaints) {
        if let Some(r) = c.clock_facts().referral {
            match r.status(now) {
                ClockStatus::Met { .. } => out.met += 1,
                ClockStatus::Breached { .. } => out.breached += 1,
                ClockStatus::Pending { .. } => out.pending += 1,
            }
        }
    }
    out
}

/// Time from receipt to closing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolveTimes {
    pub count: usize,
    pub median: TimeDelta,
    pub p90: TimeDelta,
}

/// The nearest-rank percentile `p` (0–100) of sorted values.
fn percentile(sorted: &[TimeDelta], p: usize) -> TimeDelta {
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

/// Median and 90th percentile of time to resolve, over closed complaints.
pub fn time_to_resolve<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
) -> Option<ResolveTimes> {
    let mut times: Vec<TimeDelta> = counted(complaints)
        .iter()
        .filter_map(|c| c.closed_at.map(|at| at - c.received_at))
        .collect();
    if times.is_empty() {
        return None;
    }
    crate::domain::order::sort(&mut times);
    Some(ResolveTimes {
        count: times.len(),
        median: percentile(&times, 50),
        p90: percentile(&times, 90),
    })
}

/// Share of followed-up complaints whose latest follow-up was satisfied or basically satisfied.
pub fn satisfaction_rate<'a>(complaints: impl IntoIterator<Item = &'a Complaint>) -> Option<f64> {
    let last: Vec<bool> = counted(complaints)
        .iter()
        .filter_map(|c| c.last_satisfaction())
        .map(|s| s.is_satisfied())
        .collect();
    (!last.is_empty()).then(|| last.iter().filter(|s| **s).count() as f64 / last.len() as f64)
}

/// Share of complaints that repeat an earlier one (same complainant or unit, same category,
/// within `window_days`).
pub fn repeat_rate<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    window_days: u32,
) -> Option<f64> {
    let all: Vec<Complaint> = counted(complaints).into_iter().cloned().collect();
    if all.is_empty() {
        return None;
    }
    let repeats = all
        .iter()
        .filter(|c| !find_repeats(&c.details, c.received_at, &all, window_days).is_empty())
        .count();
    Some(repeats as f64 / all.len() as f64)
}

/// Age buckets of open complaints: under 1 day, 1–3 days, 3–7 days, 7–30 days, 30 days or more.
pub const AGEING_BUCKETS: [(&str, &str); 5] = [
    ("不足1天", "< 1 day"),
    ("1-3天", "1-3 days"),
    ("3-7天", "3-7 days"),
    ("7-30天", "7-30 days"),
    ("30天以上", "30+ days"),
];

/// How many open complaints sit in each age bucket at `now`.
pub fn backlog_ageing<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    now: DateTime<FixedOffset>,
) -> [usize; 5] {
    let mut buckets = [0; 5];
    for c in counted(complaints).into_iter().filter(|c| !c.is_closed()) {
        let days = (now - c.received_at).num_hours() as f64 / 24.0;
        let i = match days {
            d if d < 1.0 => 0,
            d if d < 3.0 => 1,
            d if d < 7.0 => 2,
            d if d < 30.0 => 3,
            _ => 4,
        };
        buckets[i] += 1;
    }
    buckets
}

/// The period the statistics page looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsPeriod {
    /// Monday to Sunday of this week.
    Week,
    Month,
    Quarter,
    Year,
    /// Everything ever received.
    All,
}

impl StatsPeriod {
    pub const ALL: [StatsPeriod; 5] = [
        StatsPeriod::Week,
        StatsPeriod::Month,
        StatsPeriod::Quarter,
        StatsPeriod::Year,
        StatsPeriod::All,
    ];
}

super::lang::labels!(StatsPeriod {
    Week => ("本周", "This week"),
    Month => ("本月", "This month"),
    Quarter => ("本季度", "This quarter"),
    Year => ("本年", "This year"),
    All => ("全部", "All time"),
});

/// The days `[from, to)` of `span` around `today`; `None` for [`StatsPeriod::All`].
pub fn span_days(
    span: StatsPeriod,
    today: chrono::NaiveDate,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    use chrono::{Months, NaiveDate};
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1);
    let (from, months) = match span {
        StatsPeriod::Week => {
            let from = today - TimeDelta::days(i64::from(today.weekday().num_days_from_monday()));
            return Some((from, from + TimeDelta::days(7)));
        }
        StatsPeriod::Month => (first_of(today.year(), today.month())?, 1),
        StatsPeriod::Quarter => (first_of(today.year(), (today.month0() / 3) * 3 + 1)?, 3),
        StatsPeriod::Year => (first_of(today.year(), 1)?, 12),
        StatsPeriod::All => return None,
    };
    Some((from, from.checked_add_months(Months::new(months))?))
}

/// The days a person typed for a period of their own, `from` to `to` both included, as
/// `[from, to + 1 day)`; an unreadable date or a `to` before `from` is named.
pub fn custom_days(
    from: &str,
    to: &str,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate), super::ValidationError> {
    let day = |text: &str, field| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            if text.trim().is_empty() {
                super::ValidationError::Required(field)
            } else {
                super::ValidationError::Unreadable {
                    field,
                    input: text.trim().to_string(),
                }
            }
        })
    };
    let from = day(from, super::Field::PeriodFrom)?;
    let to = day(to, super::Field::PeriodTo)?;
    if to < from {
        return Err(super::ValidationError::PeriodReversed);
    }
    Ok((from, to + TimeDelta::days(1)))
}

/// The complaints received on the days `[from, to)` at `offset` (all of them for `None`).
pub fn in_days<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    days: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    offset: FixedOffset,
) -> Vec<Complaint> {
    use chrono::TimeZone;
    let start = |d: chrono::NaiveDate| {
        offset
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
    };
    let bounds = days.and_then(|(f, t)| Some((start(f)?, start(t)?)));
    complaints
        .into_iter()
        .filter(|c| bounds.is_none_or(|(f, t)| f <= c.received_at && c.received_at < t))
        .cloned()
        .collect()
}
