//! Triage (§2): the criteria checklist, the level it suggests, and repeat complaints.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::{Deserialize, Serialize};

use super::complaint::{Complainant, Complaint, ComplaintDetails, Severity};
use super::ids::ComplaintId;
use super::lang::labels;

/// Category ids that are themselves a major criterion (safety hazard, environmental pollution).
pub const SAFETY_CATEGORIES: [&str; 2] = ["safety_hazard", "environment_pollution"];

/// One line of the triage checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// A promised or contracted service not delivered or clearly wrong, raised several times.
    ServiceFailedRepeatedly,
    /// The company's fault caused a major economic loss or personal injury.
    MajorLossOrInjury,
    /// A valid complaint not reasonably resolved within a month (set automatically).
    UnresolvedForAMonth,
    /// Public interest, social or media attention, many complainants, a public-interest group.
    PublicInterest,
    /// Major quality failure or harm to rights, legal or regulatory matter, harm to the image.
    MajorImpact,
    /// A safety hazard or environmental pollution reported by owners.
    SafetyOrPollution,
    /// A fault or lapse in management or service work (important).
    ServiceLapse,
    /// Slight inconvenience from facility limits, not human fault, easily fixed (minor).
    FacilityLimit,
}

labels!(Criterion {
    ServiceFailedRepeatedly => ("承诺或合同约定的服务未实施或有明显差错，多次提出未解决", "promised service not delivered or wrong, raised several times"),
    MajorLossOrInjury => ("因公司责任造成重大经济损失或人身伤害", "company's fault caused major loss or injury"),
    UnresolvedForAMonth => ("有效投诉一个月内未得到合理解决", "valid complaint unresolved for a month"),
    PublicInterest => ("涉及公众利益、引起社会或媒体关注、群诉或公益团体", "public interest, media attention, many complainants or a group"),
    MajorImpact => ("重大服务质量问题、重大权益损害、法律法规政策问题或严重影响公司形象", "major quality failure, harm, legal matter or damage to the company"),
    SafetyOrPollution => ("业主反映的安全隐患或环境污染", "safety hazard or pollution reported by owners"),
    ServiceLapse => ("管理服务不到位、有过失", "lapse or fault in management or service"),
    FacilityLimit => ("设施设备所限造成的轻微不便，非人为，易解决", "slight inconvenience from facilities, not human fault"),
});

impl Criterion {
    pub const ALL: [Criterion; 8] = [
        Criterion::ServiceFailedRepeatedly,
        Criterion::MajorLossOrInjury,
        Criterion::UnresolvedForAMonth,
        Criterion::PublicInterest,
        Criterion::MajorImpact,
        Criterion::SafetyOrPollution,
        Criterion::ServiceLapse,
        Criterion::FacilityLimit,
    ];

    /// The level this criterion points to.
    pub fn severity(self) -> Severity {
        match self {
            Criterion::ServiceLapse => Severity::Important,
            Criterion::FacilityLimit => Severity::Minor,
            _ => Severity::Major,
        }
    }
}

/// The level the checklist suggests: the highest level any ticked criterion points to; minor
/// when nothing is ticked.
pub fn suggest(criteria: &BTreeSet<Criterion>) -> Severity {
    criteria
        .iter()
        .map(|c| c.severity())
        .max()
        .unwrap_or(Severity::Minor)
}

/// Criteria the record itself already shows, to pre-tick on the checklist: a group complaint
/// (at least `group_size` complainants) or a public-interest group, a safety or pollution
/// category, and a repeat complaint.
pub fn criteria_from_record(
    details: &ComplaintDetails,
    is_repeat: bool,
    group_size: u32,
) -> BTreeSet<Criterion> {
    let mut found = BTreeSet::new();
    let c = &details.complainant;
    if c.public_interest_group || c.count >= group_size.max(2) {
        found.insert(Criterion::PublicInterest);
    }
    if details
        .category
        .as_deref()
        .is_some_and(|cat| SAFETY_CATEGORIES.contains(&cat))
    {
        found.insert(Criterion::SafetyOrPollution);
    }
    if is_repeat {
        found.insert(Criterion::ServiceFailedRepeatedly);
    }
    found
}

/// Whether two records come from the same complainant: the same phone, the same (named,
/// not anonymous) person, or the same unit.
pub fn same_complainant(x: &Complainant, y: &Complainant) -> bool {
    let same = |p: Option<&str>, q: Option<&str>| p.is_some_and(|p| Some(p) == q);
    same(
        x.phone.as_ref().map(|p| p.as_str()),
        y.phone.as_ref().map(|p| p.as_str()),
    ) || (!x.anonymous && !y.anonymous && same(x.name.as_deref(), y.name.as_deref()))
        || x.unit.is_some() && x.unit == y.unit
}

/// Earlier complaints this one repeats: same complainant or unit, same category, received
/// within `window_days` before `received_at`. Deleted complaints are skipped; drills only
/// match drills.
pub fn find_repeats(
    details: &ComplaintDetails,
    received_at: DateTime<FixedOffset>,
    others: &[Complaint],
    window_days: u32,
) -> Vec<ComplaintId> {
    others
        .iter()
        .filter(|o| {
            repeats(
                details,
                received_at,
                window_days,
                Earlier {
                    deleted: o.deleted.is_some(),
                    drill: o.details.drill,
                    received_at: o.received_at,
                    category: o.details.category.as_deref(),
                    complainant: &o.details.complainant,
                },
            )
        })
        .map(|o| o.id)
        .collect()
}

/// What the repeat rule needs of an earlier complaint (a whole complaint or its brief).
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub deleted: bool,
    pub drill: bool,
    pub received_at: DateTime<FixedOffset>,
    pub category: Option<&'a str>,
    pub complainant: &'a Complainant,
}

/// Whether a record received at `received_at` repeats `earlier`: [`find_repeats`]'s rule.
pub fn repeats(
    details: &ComplaintDetails,
    received_at: DateTime<FixedOffset>,
    window_days: u32,
    earlier: Earlier<'_>,
) -> bool {
    let window = TimeDelta::days(i64::from(window_days));
    !earlier.deleted
        && earlier.drill == details.drill
        && earlier.received_at < received_at
        && received_at - earlier.received_at <= window
        && details.category.is_some()
        && earlier.category == details.category.as_deref()
        && same_complainant(&details.complainant, earlier.complainant)
}

/// For every complaint that repeats earlier ones, the earlier ones: the "repeat" flag the
/// lists show, and the candidates for its `related` field.
pub fn repeat_flags(
    complaints: &[Complaint],
    window_days: u32,
) -> BTreeMap<ComplaintId, Vec<ComplaintId>> {
    complaints
        .iter()
        .filter(|c| c.deleted.is_none())
        .filter_map(|c| {
            let earlier = find_repeats(&c.details, c.received_at, complaints, window_days);
            (!earlier.is_empty()).then_some((c.id, earlier))
        })
        .collect()
}
