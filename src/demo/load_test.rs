//! The load test's stories: complaint `i` of as many as a run asks for, drawn from the subjects,
//! channels, criteria and names in `demo.json`'s `load_test` section. Built only with the
//! `load-test` feature (tests and benchmarks), never into the app.

use super::cases::{Ago, Case, Route, Stop, TextRef, unit};
use super::fixtures::Fixtures;
use super::generate::mix;
use crate::domain::{Channel, CommandKind, Criterion, Severity};

impl Case {
    /// A complaint just received, by a named complainant, about `topic`'s `variant`th text.
    fn new(
        f: &Fixtures,
        name: &str,
        phone: &str,
        unit_code: &str,
        channel: Channel,
        topic: usize,
        variant: usize,
    ) -> Case {
        Case {
            name: (!name.is_empty()).then(|| name.to_owned()),
            phone: (!phone.is_empty()).then(|| phone.to_owned()),
            unit: unit(unit_code),
            address: None,
            count: 1,
            channel,
            topic,
            text: TextRef::Topic(variant % f.topics[topic].cases.len()),
            ago: Ago::Minutes(0),
            severity: None,
            criteria: Vec::new(),
            override_reason: None,
            invalid: None,
            route: Route::default(),
            stop: Stop::End,
            repeat_of: None,
            drill: false,
            staff: 0,
            jitter: 0,
        }
    }

    fn level(mut self, severity: Severity, criteria: &[Criterion]) -> Self {
        self.severity = Some(severity);
        self.criteria = criteria.to_vec();
        self
    }
    fn minor(self, criteria: &[Criterion]) -> Self {
        self.level(Severity::Minor, criteria)
    }
    fn important(self) -> Self {
        self.level(Severity::Important, &[Criterion::ServiceLapse])
    }
    /// A major complaint; the plan is activated.
    fn major(mut self, criteria: &[Criterion]) -> Self {
        self.route.emergency = true;
        self.level(Severity::Major, criteria)
    }
    fn upto(mut self, kind: CommandKind, nth: usize) -> Self {
        self.stop = Stop::After(kind, nth);
        self
    }
    fn route(mut self, change: impl FnOnce(&mut Route)) -> Self {
        change(&mut self.route);
        self
    }
    fn invalid(mut self, reason: &str) -> Self {
        self.invalid = Some(reason.to_owned());
        self
    }
}

/// Complaint `i` of the load test.
pub fn load_case(f: &Fixtures, i: usize) -> Case {
    use CommandKind as K;
    let draws = &f.load_test;
    let h = mix(i as u64);
    let topics = &draws.topics;
    let topic = topics[(i + i / 7) % topics.len()];
    let variant = (i / topics.len()) % f.topics[topic].cases.len();
    let room = format!("{:02}{:02}", (h >> 8) % 32 + 1, (h >> 16) % 4 + 1);
    let unit_code = format!("{}-{}-{room}", (h >> 24) % 24 + 1, (h >> 32) % 3 + 1);
    let (surnames, given_names) = (&draws.surnames, &draws.given_names);
    let name = format!(
        "{}{}",
        surnames[i % surnames.len()],
        given_names[(i / surnames.len() + ((h >> 40) as usize)) % given_names.len()]
    );
    let phone = format!(
        "1{}{:09}",
        [3, 5, 8, 3, 7, 5, 8, 9][i % 8],
        (i as u64 * 7919 + 123_457) % 1_000_000_000
    );
    let channel = draws.channels[(h >> 44) as usize % draws.channels.len()];
    let mut c = Case::new(f, &name, &phone, &unit_code, channel, topic, variant);
    let major = [draws.major_criteria[(h >> 48) as usize % draws.major_criteria.len()]];
    // Twenty patterns in turn: seven end closed (two reopened once, one with a rejected plan),
    // the others stop in each open state; a month-old complaint is always closed, so loading
    // the set triggers no automatic escalation.
    c = match i % 20 {
        0 | 3 | 18 => c.major(&major),
        1 | 4 | 9 | 14 => c.minor(&[Criterion::FacilityLimit]),
        5 => c,
        6 => c.minor(&[]).upto(K::Assess, 1),
        7 => c.important().upto(K::SignFor, 1),
        8 => c.major(&major).upto(K::RecordMinutes, 1),
        10 => c.major(&major).upto(K::DraftPlan, 1),
        11 => c.major(&major).upto(K::ApprovePlan, 1),
        12 => c.major(&major).upto(K::ReportProgress, 1),
        13 => c.important().upto(K::StartImplementation, 1),
        15 => c.major(&major).upto(K::FollowUp, 1),
        16 => c.major(&major).upto(K::Summarize, 1),
        _ => c.important(),
    };
    c = match i % 20 {
        3 => c.route(|r| r.reopen = true),
        9 => c.upto(K::AddEvidence, 1),
        14 => c.upto(K::Reply, 1),
        17 => c.route(|r| r.reopen = true),
        18 => c.route(|r| r.reject = true),
        19 => c.upto(K::FollowUp, 1),
        _ => c,
    };
    if i % 53 == 52 {
        c = Case::new(
            f,
            &name,
            &phone,
            &unit_code,
            channel,
            draws.invalid_topic,
            0,
        )
        .minor(&[])
        .invalid(&draws.invalid_reason);
    }
    if i % 101 == 100 && c.route.emergency {
        c.drill = true;
    }
    c.route.notes = (h >> 52) as usize % 11;
    let hour = 7 + (h >> 56) as u32 % 14;
    let minute = (h >> 20) as u32 % 60;
    c.ago = match (c.severity, c.stop) {
        (None, _) | (_, Stop::After(K::Assess, _)) => Ago::Minutes(3 + (h % 300) as i64),
        (_, Stop::End) => Ago::Days(12 + (h % 350) as i64, hour, minute),
        _ => Ago::Days(1 + (h % 24) as i64, hour, minute),
    };
    c.staff = i % 3;
    c.jitter = (h % 13) as i64;
    c
}
