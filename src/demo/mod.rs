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
/// From the compiled-in `demo.json`, for tests and tools; the app fetches the file instead
/// ([`demo_events_from`]), so its text is not part of the download.
pub fn demo_events(now: DateTime<FixedOffset>, device: DeviceId, code: DeviceCode) -> Vec<Event> {
    let fixtures = Fixtures::load();
    generate(&fixtures, &fixtures.cases, now, device, code)
}

/// The FNV-1a digest of `bytes` (64 bits), computable at compile time.
pub const fn digest(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The digest of the `demo.json` this build was made with. Only the number is compiled in.
pub const DEMO_FILE_DIGEST: u64 = digest(include_bytes!("demo.json"));

/// The demo events from `text`, a copy of `demo.json` fetched next to the app; `None` when it
/// is not the file this build was made with (a damaged or stale copy), which is never parsed.
pub fn demo_events_from(
    text: &str,
    now: DateTime<FixedOffset>,
    device: DeviceId,
    code: DeviceCode,
) -> Option<Vec<Event>> {
    if digest(text.as_bytes()) != DEMO_FILE_DIGEST {
        return None;
    }
    let fixtures = Fixtures::parse(text);
    Some(generate(&fixtures, &fixtures.cases, now, device, code))
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
