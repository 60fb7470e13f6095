//! What the demo is made of, read from `demo.json`: the roster, the subjects of complaints and
//! their texts, the drill texts, progress notes, the table of demo complaints and the load
//! test's name lists.
//!
//! The file is compiled in. Enums appear in it by short keys, mapped to domain types by the
//! tables at the end of this file; an unknown key, a dangling reference or a missing list is a
//! panic that names the place, and the tests below read the whole file, so a mistake in it fails
//! `cargo test` and never reaches the app.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::cases::{Ago, Case, Route, Stop, TextRef, unit};
use crate::domain::{Channel, CommandKind, Criterion, Role, Severity};

/// The demo's data file.
const FILE: &str = include_str!("demo.json");

/// One complaint's own text: what happened, what the complainant asks, where. `{b}`, `{u}` and
/// `{r}` stand for the building, entrance and room.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub description: String,
    pub request: String,
    pub location: String,
}

/// A subject of complaints and how such complaints are handled.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// How the case table and the load test name it.
    pub key: String,
    pub title: String,
    pub category: String,
    pub department: String,
    pub complained_person: Option<String>,
    /// The complaints' own texts; a case picks one by its place.
    pub cases: Vec<Text>,
    pub finding: String,
    pub plan: String,
    pub compensation_fen: Option<u64>,
    pub task: String,
    pub done: String,
    pub reply: String,
    pub reasons: String,
    pub basis: String,
    pub cause: String,
    pub prevent: String,
}

/// A person on the roster.
pub struct Member {
    pub name: String,
    pub role: Role,
    pub department: String,
}

/// The load test's draws: subjects, channels, major criteria and names.
#[cfg(feature = "load-test")]
pub struct LoadTest {
    /// Places in [`Fixtures::topics`].
    pub topics: Vec<usize>,
    /// The subject of the complaints found invalid (a place in [`Fixtures::topics`]).
    pub invalid_topic: usize,
    /// Why they are invalid (the file's `invalid_reason`).
    pub invalid_reason: String,
    pub channels: Vec<Channel>,
    pub major_criteria: Vec<Criterion>,
    pub surnames: Vec<String>,
    pub given_names: Vec<String>,
}

/// Everything in `demo.json`, checked and typed.
pub struct Fixtures {
    /// The roster; the first member is the leader, who adds everyone.
    pub roster: Vec<Member>,
    pub topics: Vec<Topic>,
    /// Texts that replace a topic's own in drills.
    pub drills: Vec<Text>,
    /// Progress notes, taken in turn.
    pub notes: Vec<String>,
    /// How complainants like to be contacted, taken by a case's jitter.
    pub preferred_contacts: Vec<String>,
    /// The demo complaints, grouped in the file by the state they end in.
    pub cases: Vec<Case>,
    #[cfg(feature = "load-test")]
    pub load_test: LoadTest,
}

impl Fixtures {
    /// The compiled-in `demo.json`.
    pub fn load() -> Fixtures {
        Fixtures::parse(FILE)
    }

    /// What `c` is about and what the complainant says.
    pub fn texts(&self, c: &Case) -> (&Topic, &Text) {
        let topic = &self.topics[c.topic];
        let text = match c.text {
            TextRef::Topic(v) => &topic.cases[v],
            TextRef::Drill(d) => &self.drills[d],
        };
        (topic, text)
    }

    /// Reads and checks a data file; panics with the place of the first mistake.
    pub fn parse(text: &str) -> Fixtures {
        let file: FileData = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("demo.json does not read as the demo data: {e}"));
        let roster: Vec<Member> = file
            .roster
            .into_iter()
            .enumerate()
            .map(|(i, m)| Member {
                role: look(
                    role,
                    "role",
                    &m.role,
                    &format!("roster member {i} ({})", m.name),
                ),
                name: m.name,
                department: m.department,
            })
            .collect();
        if roster.first().map(|m| m.role) != Some(Role::Leader) {
            panic!("demo.json: the roster must start with the leader, who adds everyone");
        }
        if !roster.iter().any(|m| m.role == Role::Staff) {
            panic!("demo.json: the roster needs a staff member to receive complaints");
        }
        unique("topic", file.topics.iter().map(|t| t.key.as_str()));
        if let Some(t) = file.topics.iter().find(|t| t.cases.is_empty()) {
            panic!("demo.json: topic {:?} has no case texts", t.key);
        }
        unique("drill", file.drills.iter().map(|d| d.key.as_str()));
        for (what, list) in [
            ("notes", &file.notes),
            ("preferred_contacts", &file.preferred_contacts),
        ] {
            if list.is_empty() {
                panic!("demo.json: {what} is empty");
            }
        }
        let cases = file
            .cases
            .into_iter()
            .enumerate()
            .map(|(i, c)| case(c, i, &file.topics, &file.drills, &file.invalid_reason))
            .collect();
        #[cfg(feature = "load-test")]
        let load_test = load_test(file.load_test, &file.topics, &file.invalid_reason);
        Fixtures {
            roster,
            topics: file.topics,
            drills: file
                .drills
                .into_iter()
                .map(|d| Text {
                    description: d.description,
                    request: d.request,
                    location: d.location,
                })
                .collect(),
            notes: file.notes,
            preferred_contacts: file.preferred_contacts,
            cases,
            #[cfg(feature = "load-test")]
            load_test,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The file as written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    roster: Vec<MemberData>,
    topics: Vec<Topic>,
    drills: Vec<DrillData>,
    notes: Vec<String>,
    preferred_contacts: Vec<String>,
    invalid_reason: String,
    cases: Vec<CaseData>,
    #[cfg(feature = "load-test")]
    load_test: LoadTestData,
    /// Read and set aside where the load test is not built.
    #[cfg(not(feature = "load-test"))]
    #[serde(rename = "load_test")]
    _load_test: serde::de::IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberData {
    name: String,
    role: String,
    department: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DrillData {
    key: String,
    description: String,
    request: String,
    location: String,
}

/// A row of the case table. Absent fields: no such detail (`count`: one complainant).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseData {
    name: Option<String>,
    phone: Option<String>,
    /// `3-2-1201` for 3栋 2单元 1201.
    unit: Option<String>,
    channel: String,
    topic: String,
    /// Which of the topic's texts (not with `drill`).
    variant: Option<usize>,
    /// A drill, with this drill text.
    drill: Option<String>,
    ago: AgoData,
    /// Not assessed yet when absent.
    level: Option<String>,
    #[serde(default)]
    criteria: Vec<String>,
    /// Route flags (see `Route`).
    #[serde(default)]
    route: Vec<String>,
    #[serde(default)]
    notes: usize,
    stop: Option<StopData>,
    count: Option<u32>,
    /// The earlier case (its place in the table) this one repeats.
    repeat_of: Option<usize>,
    override_reason: Option<String>,
    /// Out of scope: assessed invalid with the file's `invalid_reason`.
    #[serde(default)]
    invalid: bool,
    staff: usize,
    jitter: i64,
}

/// `{"days": 3, "at": "09:30"}` or `{"minutes": 45}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgoData {
    days: Option<i64>,
    at: Option<String>,
    minutes: Option<i64>,
}

/// After the `nth` command of a kind.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StopData {
    after: String,
    nth: usize,
}

#[cfg(feature = "load-test")]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoadTestData {
    topics: Vec<String>,
    invalid_topic: String,
    channels: Vec<String>,
    major_criteria: Vec<String>,
    surnames: Vec<String>,
    given_names: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// From the file to typed data.

/// Row `place` of the case table.
fn case(
    c: CaseData,
    place: usize,
    topics: &[Topic],
    drills: &[DrillData],
    invalid_reason: &str,
) -> Case {
    let at = &format!("case {place}");
    let topic = topic_place(topics, &c.topic, at);
    let text = match (&c.drill, c.variant) {
        (Some(key), None) => TextRef::Drill(
            drills
                .iter()
                .position(|d| d.key == *key)
                .unwrap_or_else(|| panic!("demo.json, {at}: unknown drill {key:?}")),
        ),
        (None, Some(v)) if v < topics[topic].cases.len() => TextRef::Topic(v),
        (None, Some(v)) => panic!("demo.json, {at}: topic {:?} has no text {v}", c.topic),
        _ => panic!("demo.json, {at}: give either a variant or a drill"),
    };
    let severity = c.level.as_deref().map(|l| look(severity, "level", l, at));
    if severity.is_none() && !c.criteria.is_empty() {
        panic!("demo.json, {at}: criteria without a level");
    }
    let mut route = Route {
        notes: c.notes,
        ..Route::default()
    };
    for flag in &c.route {
        route_flag(&mut route, flag)
            .unwrap_or_else(|| panic!("demo.json, {at}: unknown route flag {flag:?}"));
    }
    let stop = match c.stop {
        None => Stop::End,
        Some(s) if s.nth >= 1 => Stop::After(look(command_kind, "command", &s.after, at), s.nth),
        Some(_) => panic!("demo.json, {at}: a stop's nth counts from 1"),
    };
    if let Some(r) = c.repeat_of
        && r >= place
    {
        panic!("demo.json, {at}: repeat_of {r} is not an earlier case");
    }
    let unit = c.unit.as_deref().map(|u| {
        unit(u)
            .unwrap_or_else(|| panic!("demo.json, {at}: unit {u:?} is not building-entrance-room"))
    });
    // An anonymous report gives only a place.
    let address = (c.name.is_none() && c.phone.is_none() && unit.is_none()).then(|| {
        match text {
            TextRef::Topic(v) => &topics[topic].cases[v].location,
            TextRef::Drill(d) => &drills[d].location,
        }
        .clone()
    });
    Case {
        name: c.name,
        phone: c.phone,
        unit,
        address,
        count: c.count.unwrap_or(1),
        channel: look(channel, "channel", &c.channel, at),
        topic,
        text,
        ago: ago(&c.ago, at),
        severity,
        criteria: c
            .criteria
            .iter()
            .map(|k| look(criterion, "criterion", k, at))
            .collect(),
        override_reason: c.override_reason,
        invalid: c.invalid.then(|| invalid_reason.to_owned()),
        route,
        stop,
        repeat_of: c.repeat_of,
        drill: c.drill.is_some(),
        staff: c.staff,
        jitter: c.jitter,
    }
}

fn ago(a: &AgoData, at: &str) -> Ago {
    match (a.days, a.at.as_deref(), a.minutes) {
        (None, None, Some(m)) => Ago::Minutes(m),
        (Some(d), Some(time), None) => {
            let (hour, minute) = time
                .split_once(':')
                .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)))
                .filter(|&(h, m): &(u32, u32)| h < 24 && m < 60)
                .unwrap_or_else(|| panic!("demo.json, {at}: {time:?} is not a time of day"));
            Ago::Days(d, hour, minute)
        }
        _ => panic!("demo.json, {at}: ago is {{\"days\", \"at\"}} or {{\"minutes\"}}"),
    }
}

fn topic_place(topics: &[Topic], key: &str, at: &str) -> usize {
    topics
        .iter()
        .position(|t| t.key == key)
        .unwrap_or_else(|| panic!("demo.json, {at}: unknown topic {key:?}"))
}

#[cfg(feature = "load-test")]
fn load_test(l: LoadTestData, topics: &[Topic], invalid_reason: &str) -> LoadTest {
    let at = "load_test";
    let t = LoadTest {
        topics: l
            .topics
            .iter()
            .map(|k| topic_place(topics, k, at))
            .collect(),
        invalid_topic: topic_place(topics, &l.invalid_topic, at),
        invalid_reason: invalid_reason.to_owned(),
        channels: l
            .channels
            .iter()
            .map(|k| look(channel, "channel", k, at))
            .collect(),
        major_criteria: l
            .major_criteria
            .iter()
            .map(|k| look(criterion, "criterion", k, at))
            .collect(),
        surnames: l.surnames,
        given_names: l.given_names,
    };
    for (what, len) in [
        ("topics", t.topics.len()),
        ("channels", t.channels.len()),
        ("major_criteria", t.major_criteria.len()),
        ("surnames", t.surnames.len()),
        ("given_names", t.given_names.len()),
    ] {
        if len == 0 {
            panic!("demo.json: load_test.{what} is empty");
        }
    }
    t
}

fn unique<'a>(what: &str, keys: impl Iterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for key in keys {
        if !seen.insert(key) {
            panic!("demo.json: two {what}s named {key:?}");
        }
    }
}

/// A key through one of the tables below, or a panic naming the place.
fn look<T>(table: fn(&str) -> Option<T>, what: &str, key: &str, at: &str) -> T {
    table(key).unwrap_or_else(|| panic!("demo.json, {at}: unknown {what} {key:?}"))
}

// ---------------------------------------------------------------------------------------------
// The keys of the file. Stable names chosen here, independent of how the domain spells its
// types, so renaming a variant never changes what the file means.

fn role(key: &str) -> Option<Role> {
    Some(match key {
        "leader" => Role::Leader,
        "deputy" => Role::Deputy,
        "duty_lead" => Role::DutyLead,
        "staff" => Role::Staff,
        "department_head" => Role::DepartmentHead,
        _ => return None,
    })
}

fn channel(key: &str) -> Option<Channel> {
    Some(match key {
        "hotline" => Channel::Hotline,
        "phone" => Channel::Phone,
        "walk_in" => Channel::WalkIn,
        "email" => Channel::Email,
        "letter" => Channel::Letter,
        "on_site_visit" => Channel::OnSiteVisit,
        "government_hotline" => Channel::GovernmentHotline,
        "online" => Channel::Online,
        "other" => Channel::Other,
        _ => return None,
    })
}

fn severity(key: &str) -> Option<Severity> {
    Some(match key {
        "minor" => Severity::Minor,
        "important" => Severity::Important,
        "major" => Severity::Major,
        _ => return None,
    })
}

fn criterion(key: &str) -> Option<Criterion> {
    Some(match key {
        "service_failed_repeatedly" => Criterion::ServiceFailedRepeatedly,
        "major_loss_or_injury" => Criterion::MajorLossOrInjury,
        "unresolved_for_a_month" => Criterion::UnresolvedForAMonth,
        "public_interest" => Criterion::PublicInterest,
        "major_impact" => Criterion::MajorImpact,
        "safety_or_pollution" => Criterion::SafetyOrPollution,
        "service_lapse" => Criterion::ServiceLapse,
        "facility_limit" => Criterion::FacilityLimit,
        _ => return None,
    })
}

/// The commands a story can stop after.
fn command_kind(key: &str) -> Option<CommandKind> {
    use CommandKind as K;
    Some(match key {
        "receive" => K::Receive,
        "assess" => K::Assess,
        "escalate" => K::Escalate,
        "deescalate" => K::Deescalate,
        "dispatch" => K::Dispatch,
        "sign_for" => K::SignFor,
        "report_to_general_manager" => K::ReportToGeneralManager,
        "activate" => K::Activate,
        "start_investigation" => K::StartInvestigation,
        "draft_plan" => K::DraftPlan,
        "approve_plan" => K::ApprovePlan,
        "reject_plan" => K::RejectPlan,
        "start_implementation" => K::StartImplementation,
        "report_back" => K::ReportBack,
        "reply" => K::Reply,
        "follow_up" => K::FollowUp,
        "summarize" => K::Summarize,
        "review_summary" => K::ReviewSummary,
        "close" => K::Close,
        "record_minutes" => K::RecordMinutes,
        "report_progress" => K::ReportProgress,
        "add_note" => K::AddNote,
        "add_evidence" => K::AddEvidence,
        "pause_clocks" => K::PauseClocks,
        "resume_clocks" => K::ResumeClocks,
        _ => return None,
    })
}

/// Sets a route flag; `None` for an unknown one.
fn route_flag(route: &mut Route, key: &str) -> Option<()> {
    *match key {
        "emergency" => &mut route.emergency,
        "escalate" => &mut route.escalate,
        "deescalate" => &mut route.deescalate,
        "reject" => &mut route.reject,
        "unclear" => &mut route.unclear,
        "reopen" => &mut route.reopen,
        "pause" => &mut route.pause,
        "review_rejected" => &mut route.review_rejected,
        _ => return None,
    } = true;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_reads_whole() {
        let f = Fixtures::load();
        assert_eq!(f.roster.len(), 9);
        assert_eq!(f.cases.len(), 50);
        assert!(f.cases.iter().any(|c| c.drill));
        #[cfg(feature = "load-test")]
        assert_eq!(f.load_test.topics.len(), 17);
    }

    /// The file with one line changed.
    fn edited(from: &str, to: &str) -> String {
        assert!(FILE.contains(from), "{from}");
        FILE.replacen(from, to, 1)
    }

    #[test]
    #[should_panic(expected = "demo.json, case 0: unknown channel \"fax\"")]
    fn an_unknown_channel_names_its_case() {
        Fixtures::parse(&edited(r#""channel": "hotline""#, r#""channel": "fax""#));
    }

    #[test]
    #[should_panic(expected = "demo.json, case 0: unknown criterion \"facility\"")]
    fn an_unknown_criterion_names_its_case() {
        Fixtures::parse(&edited(r#"["facility_limit"]"#, r#"["facility"]"#));
    }

    #[test]
    #[should_panic(expected = "demo.json, roster member 0 (刘建国): unknown role \"boss\"")]
    fn an_unknown_role_names_its_member() {
        Fixtures::parse(&edited(r#""role": "leader""#, r#""role": "boss""#));
    }

    #[test]
    #[should_panic(expected = "demo.json, case 12: unknown command \"summarise\"")]
    fn an_unknown_stop_names_its_case() {
        Fixtures::parse(&edited(
            r#""after": "summarize""#,
            r#""after": "summarise""#,
        ));
    }

    #[test]
    #[should_panic(expected = "demo.json, case 0: unknown topic \"lift\"")]
    fn an_unknown_topic_names_its_case() {
        Fixtures::parse(&edited(r#""topic": "elevator""#, r#""topic": "lift""#));
    }

    #[test]
    #[cfg(feature = "load-test")]
    #[should_panic(expected = "demo.json, load_test: unknown channel \"fax\"")]
    fn an_unknown_key_in_the_load_test_is_named() {
        Fixtures::parse(&edited(
            r#""channels": ["hotline""#,
            r#""channels": ["fax""#,
        ));
    }

    #[test]
    #[should_panic(expected = "unknown field `varient`")]
    fn a_misspelt_field_is_refused() {
        Fixtures::parse(&edited(r#""variant": 2"#, r#""varient": 2"#));
    }
}
