//! One complaint's story: who complains about what, when, the route it takes through the plan
//! and where it stops. The demo's stories come from the case table in `demo.json`; the load
//! test makes its own.

use crate::domain::{Channel, CommandKind, Criterion, Severity, Unit};

/// When a complaint was received, counted back from `now`.
#[derive(Clone, Copy)]
pub enum Ago {
    Minutes(i64),
    /// That many days before today, at a local hour and minute.
    Days(i64, u32, u32),
}

/// The route a complaint takes through the plan.
#[derive(Clone, Copy, Default)]
pub struct Route {
    /// The emergency plan is activated (the full path).
    pub emergency: bool,
    /// Starts as an important complaint and is escalated to major during investigation.
    pub escalate: bool,
    /// Assessed major, de-escalated to important by a leader after checking on site.
    pub deescalate: bool,
    /// The first plan is rejected and redrafted.
    pub reject: bool,
    /// The first plan finds the facts unclear and goes back to investigating.
    pub unclear: bool,
    /// The first follow-up is dissatisfied and reopens the case for more work.
    pub reopen: bool,
    /// Clocks pause while waiting for the complainant.
    pub pause: bool,
    /// The first handling report is sent back for more detail.
    pub review_rejected: bool,
    /// Progress notes added while investigating.
    pub notes: usize,
}

/// Where a complaint's story stops: after the `nth` command of a kind, or at the end.
#[derive(Clone, Copy)]
pub enum Stop {
    End,
    After(CommandKind, usize),
}

/// Which text a complaint is recorded with.
#[derive(Clone, Copy)]
pub enum TextRef {
    /// One of its topic's texts, by place.
    Topic(usize),
    /// A drill text, by place in `Fixtures::drills`.
    Drill(usize),
}

pub struct Case {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub unit: Option<Unit>,
    pub address: Option<String>,
    pub count: u32,
    pub channel: Channel,
    /// Its place in `Fixtures::topics`.
    pub topic: usize,
    pub text: TextRef,
    pub ago: Ago,
    /// `None`: not assessed yet.
    pub severity: Option<Severity>,
    pub criteria: Vec<Criterion>,
    pub override_reason: Option<String>,
    /// Why it is invalid, if it is.
    pub invalid: Option<String>,
    pub route: Route,
    pub stop: Stop,
    /// The earlier complaint (its place in the list) this one repeats.
    pub repeat_of: Option<usize>,
    pub drill: bool,
    /// Which staff member takes it.
    pub staff: usize,
    /// Small variations in timing and wording.
    pub jitter: i64,
}

/// `3-2-1201` as 3栋 2单元 1201.
pub fn unit(code: &str) -> Option<Unit> {
    let mut parts = code.split('-');
    let (b, e, r) = (parts.next()?, parts.next()?, parts.next()?);
    Some(Unit {
        building: format!("{b}栋"),
        entrance: format!("{e}单元"),
        room: r.to_owned(),
    })
}
