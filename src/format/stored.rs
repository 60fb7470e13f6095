//! What storage keeps, in the file format: a record's events as a JSON array of [`WireEvent`]s,
//! the device clock, version vectors and the small bookkeeping maps.
//!
//! Storage writes nothing in the domain types' own shape, so a domain refactor cannot make a
//! tablet's data unreadable: the stored format only changes when this module does, and the
//! golden files under `tests/golden/` pin it. Every shape here also reads what the first release
//! wrote (data version 1), which used the same spelling for these values.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::WireVersionVector;
use super::event::{WireError, WireEvent};
use crate::domain::{DeviceClock, DeviceId, Event, Hlc, HlcClock, VersionVector};

type Result<T> = std::result::Result<T, WireError>;

/// A record's events, as stored: a JSON array of events in the file format.
pub fn encode_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> String {
    let wire: Vec<WireEvent> = events.into_iter().map(WireEvent::from).collect();
    serde_json::to_string(&wire).unwrap_or_else(|_| "[]".into())
}

/// The events of a stored record, each checked as an imported one is.
pub fn decode_events(text: &str) -> Result<Vec<Event>> {
    let wire: Vec<WireEvent> =
        serde_json::from_str(text).map_err(|e| WireError(format!("events: {e}")))?;
    wire.into_iter()
        .enumerate()
        .map(|(i, w)| {
            w.into_domain()
                .map_err(|e| WireError(format!("event {}: {}", i + 1, e.0)))
        })
        .collect()
}

/// The events of a record row as data version 1 (the first release) stored them: the file
/// format, except that kinds with no data (`investigation_started`, `clocks_resumed`) carried
/// no `data` member. Read only by the upgrade to data version 2.
pub fn decode_events_v1(text: &str) -> Result<Vec<Event>> {
    let mut events: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| WireError(format!("events: {e}")))?;
    for e in &mut events {
        if let Some(body) = e.get_mut("body").and_then(serde_json::Value::as_object_mut) {
            body.entry("data").or_insert_with(|| serde_json::json!({}));
        }
    }
    let text = serde_json::to_string(&events).map_err(|e| WireError(format!("events: {e}")))?;
    decode_events(&text)
}

/// The device's stamping clock: `{ "device", "last_seq", "hlc": { "last" } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredClock {
    pub device: Uuid,
    pub last_seq: u64,
    pub hlc: StoredHlcClock,
    /// The link of event `last_seq` (see [`crate::format::seal`]); absent in clocks stored
    /// before the history was sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The last hybrid logical clock value issued or seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredHlcClock {
    pub last: String,
}

impl From<&DeviceClock> for StoredClock {
    fn from(c: &DeviceClock) -> Self {
        StoredClock {
            device: c.device.0,
            last_seq: c.last_seq,
            hlc: StoredHlcClock {
                last: c.hlc.last().encode(),
            },
            link: c.link.clone(),
        }
    }
}

impl StoredClock {
    pub fn into_domain(self) -> Result<DeviceClock> {
        let last: Hlc =
            self.hlc.last.parse().map_err(|_| {
                WireError(format!("clock: {:?} is not a clock value", self.hlc.last))
            })?;
        Ok(DeviceClock {
            device: DeviceId(self.device),
            last_seq: self.last_seq,
            hlc: HlcClock::resume(last),
            link: match self.link {
                Some(l) => Some(l),
                None if self.last_seq == 0 => Some(String::new()),
                None => None,
            },
        })
    }
}

/// A version vector: device id → highest seq held without a gap.
pub fn vector_to_stored(v: &VersionVector) -> WireVersionVector {
    crate::domain::order::map(v.iter().map(|(d, s)| (d.0, *s)))
}

pub fn vector_from_stored(v: &WireVersionVector) -> VersionVector {
    let mut out = VersionVector::new();
    for (d, s) in v {
        out.observe(DeviceId(*d), *s);
    }
    out
}

/// Seqs held past a gap, per device.
pub type StoredGaps = BTreeMap<Uuid, BTreeSet<u64>>;

/// The version vectors peers last reported, per peer.
pub type StoredPeerVectors = BTreeMap<Uuid, WireVersionVector>;

/// How people know the peers: code and label, per peer.
pub type StoredPeerLabels = BTreeMap<Uuid, String>;
