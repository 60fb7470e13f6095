//! Finding complaints: what a search matches, the list's filters and its order.

use chrono::{DateTime, FixedOffset};

use super::brief::Brief;
use super::clocks::DUE_SOON;
use super::complaint::{Complaint, Severity};
use super::ids::RecordId;
use super::settings::Settings;
use super::workflow::WorkflowState;

/// What a complaint is searched by: number, name, phone, unit (both `3栋-2单元-1201` and
/// `3栋2单元1201`), address and its texts, lower-cased and joined.
pub fn haystack(c: &Complaint) -> String {
    let who = &c.details.complainant;
    let unit = who
        .unit
        .as_ref()
        .map(|u| format!("{} {}{}{}", u.text(), u.building, u.entrance, u.room));
    [
        Some(c.number.to_string()),
        who.name.clone(),
        who.phone.as_ref().map(|p| p.as_str().to_string()),
        unit,
        who.address.clone(),
        Some(c.details.description.clone()),
        Some(c.details.request.clone()),
        Some(c.details.location.clone()),
        c.details.complained_person.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\u{1}")
    .to_lowercase()
}

/// The list's filters; `None` and `false` mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Matched, lower-cased, against [`haystack`].
    pub text: String,
    pub state: Option<WorkflowState>,
    pub level: Option<Severity>,
    pub category: Option<String>,
    pub department: Option<String>,
    pub project: Option<String>,
    /// Only complaints whose next clock is breached.
    pub overdue: bool,
    /// Only complaints whose next clock falls due within [`DUE_SOON`].
    pub due_soon: bool,
    pub review: bool,
    pub conflict: bool,
    /// Only drills. Without it drills are left out, as the statistics leave them out.
    pub drill: bool,
    /// Newest received first, instead of soonest due first.
    pub newest_first: bool,
}

/// The briefs of the complaints the list shows (deleted ones are not shown).
pub fn index<'a>(all: impl IntoIterator<Item = &'a Brief>) -> Vec<&'a Brief> {
    all.into_iter().filter(|c| !c.deleted).collect()
}

/// The ids that pass `f` at `now`, in the list's order: soonest due first, complaints with no
/// open clock last and newest first among them; or newest received first.
pub fn filter_and_sort(
    all: &[&Brief],
    f: &Filters,
    settings: &Settings,
    now: DateTime<FixedOffset>,
) -> Vec<RecordId> {
    let needle = f.text.trim().to_lowercase();
    let mut hits: Vec<(
        RecordId,
        Option<DateTime<FixedOffset>>,
        DateTime<FixedOffset>,
    )> = Vec::new();
    for c in all {
        if !needle.is_empty() && !c.search.contains(&needle) {
            continue;
        }
        if f.state.is_some_and(|s| c.state != s)
            || f.level.is_some_and(|l| c.severity != Some(l))
            || f.category
                .as_ref()
                .is_some_and(|x| c.category.as_ref() != Some(x))
            || f.department
                .as_ref()
                .is_some_and(|x| c.complained_department.as_ref() != Some(x))
            || f.project
                .as_ref()
                .is_some_and(|x| c.project.as_ref() != Some(x))
            || (f.review && !c.review)
            || (f.conflict && !c.conflict)
            || f.drill != c.drill
        {
            continue;
        }
        let next = c.next_due(settings, now);
        if f.overdue && !next.as_ref().is_some_and(|v| v.is_breached()) {
            continue;
        }
        if f.due_soon && !next.as_ref().is_some_and(|v| v.is_due_soon(DUE_SOON)) {
            continue;
        }
        hits.push((c.id, next.map(|v| v.due), c.received_at));
    }
    if f.newest_first {
        crate::domain::order::sort_by_key(&mut hits, |h| std::cmp::Reverse(h.2));
    } else {
        crate::domain::order::sort_by(&mut hits, |a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.2.cmp(&a.2),
        });
    }
    hits.into_iter().map(|h| h.0).collect()
}
