//! Demo data: a roster and about fifty property-management complaints, and (with the
//! `load-test` feature, for tests and benchmarks) a generator of many complaints for
//! performance runs.
//!
//! Not part of the domain: it uses the domain as any caller would and depends on nothing else.
//! Everything is made through the domain's own entry points: `apply_roster` for the people,
//! `apply` for every complaint command, each event stamped by one `DeviceClock`. Nothing is read
//! from a clock or a random generator: the same `now`, device and code give the same events. The
//! roster's events come first, then every complaint event in time order, as the device would
//! have recorded them.
//!
//! - `demo.json`: what the demo is made of (the roster, the subjects of complaints and their
//!   texts, drill texts, notes, the table of demo complaints, the load test's names), compiled
//!   in and read by `fixtures`, which maps its keys to domain types.
//! - `cases`: one complaint's story: who, about what, when, by which route, up to where.
//! - `script`: the commands of a story, with who gives each and when.
//! - `generate`: from stories to events on one device.
//! - `load_test`: the load test's stories (`load-test` feature only).

mod cases;
mod fixtures;
mod generate;
#[cfg(feature = "load-test")]
mod load_test;
mod script;

use chrono::{DateTime, FixedOffset};

use crate::domain::{DeviceCode, DeviceId, Event};
use fixtures::Fixtures;
use generate::generate;

/// About fifty realistic complaints over the six weeks before `now`, in every state and level,
/// with the roster that handled them, as recorded by `device` (complaint numbers carry `code`).
pub fn demo_events(now: DateTime<FixedOffset>, device: DeviceId, code: DeviceCode) -> Vec<Event> {
    let fixtures = Fixtures::load();
    generate(&fixtures, &fixtures.cases, now, device, code)
}

/// `n` complaints (about fifteen events each) spread over states, levels, categories and
/// buildings, with the same roster, for performance runs.
#[cfg(feature = "load-test")]
pub fn load_test_events(
    n: usize,
    now: DateTime<FixedOffset>,
    device: DeviceId,
    code: DeviceCode,
) -> Vec<Event> {
    let fixtures = Fixtures::load();
    let cases: Vec<_> = (0..n).map(|i| load_test::load_case(&fixtures, i)).collect();
    generate(&fixtures, &cases, now, device, code)
}
