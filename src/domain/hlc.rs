//! Hybrid logical clock: wall milliseconds + counter + device, encoded as a fixed-width string
//! that sorts lexicographically in causal order.
//!
//! The clock never reads the time itself: every operation takes `now_ms`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::admit::MAX_CLOCK_DRIFT_MS;
use super::ids::DeviceId;

/// Width of the encoded string: 12 hex digits of milliseconds, `-`, 4 hex digits of counter,
/// `-`, 32 hex digits of device.
pub const HLC_WIDTH: usize = 12 + 1 + 4 + 1 + 32;

/// Largest wall time the encoding holds (48 bits of milliseconds, about the year 10889).
const MAX_WALL_MS: u64 = (1 << 48) - 1;

/// One timestamp of the hybrid logical clock. Orders by wall time, then counter, then device,
/// exactly as its string form sorts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u16,
    pub device: DeviceId,
}

impl Hlc {
    /// The smallest timestamp of a device: nothing has happened yet.
    pub fn zero(device: DeviceId) -> Self {
        Hlc {
            wall_ms: 0,
            counter: 0,
            device,
        }
    }

    /// The fixed-width sortable string, e.g. `019bc9d1a2b0-0000-<device hex>`.
    pub fn encode(&self) -> String {
        format!(
            "{:012x}-{:04x}-{}",
            self.wall_ms.min(MAX_WALL_MS),
            self.counter,
            self.device.0.simple()
        )
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

/// Why a string is not a hybrid logical clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HlcParseError(pub String);

impl fmt::Display for HlcParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a hybrid logical clock: {:?}", self.0)
    }
}

impl FromStr for Hlc {
    type Err = HlcParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || HlcParseError(s.to_owned());
        let lower_hex = |part: &str| {
            part.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        };
        if s.len() != HLC_WIDTH || !s.is_ascii() {
            return Err(bad());
        }
        let (wall, rest) = s.split_at(12);
        let (dash1, rest) = rest.split_at(1);
        let (counter, rest) = rest.split_at(4);
        let (dash2, device) = rest.split_at(1);
        if dash1 != "-"
            || dash2 != "-"
            || !lower_hex(wall)
            || !lower_hex(counter)
            || !lower_hex(device)
        {
            return Err(bad());
        }
        Ok(Hlc {
            wall_ms: u64::from_str_radix(wall, 16).map_err(|_| bad())?,
            counter: u16::from_str_radix(counter, 16).map_err(|_| bad())?,
            device: DeviceId(Uuid::parse_str(device).map_err(|_| bad())?),
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A device's clock state: the last timestamp it issued or saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    pub fn new(device: DeviceId) -> Self {
        HlcClock {
            last: Hlc::zero(device),
        }
    }

    /// A clock that carries on from `last` (as stored).
    pub fn resume(last: Hlc) -> Self {
        HlcClock { last }
    }

    /// The last timestamp issued or observed, stamped with this device.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A timestamp for a local event (send): later than everything seen so far.
    pub fn send(&mut self, now_ms: u64) -> Hlc {
        let now_ms = now_ms.min(MAX_WALL_MS);
        let last = self.last;
        let (wall_ms, counter) = if now_ms > last.wall_ms {
            (now_ms, 0)
        } else {
            bump(last.wall_ms, last.counter)
        };
        self.last = Hlc {
            wall_ms,
            counter,
            device: last.device,
        };
        self.last
    }

    /// Observe a timestamp from another device (receive), so later local events sort after it.
    /// A remote clock more than [`MAX_CLOCK_DRIFT_MS`] ahead of `now_ms` counts only up to that
    /// bound, so no file can drag this device's later events into the future.
    pub fn receive(&mut self, remote: Hlc, now_ms: u64) -> Hlc {
        self.receive_within(remote, now_ms, MAX_CLOCK_DRIFT_MS)
    }

    /// [`HlcClock::receive`] with the drift this device accepts.
    pub fn receive_within(&mut self, remote: Hlc, now_ms: u64, max_drift_ms: u64) -> Hlc {
        let now_ms = now_ms.min(MAX_WALL_MS);
        let bound = now_ms.saturating_add(max_drift_ms).min(MAX_WALL_MS);
        let remote = if remote.wall_ms > bound {
            Hlc {
                wall_ms: bound,
                counter: 0,
                device: remote.device,
            }
        } else {
            remote
        };
        let last = self.last;
        let wall = now_ms.max(last.wall_ms).max(remote.wall_ms);
        let (wall_ms, counter) = if wall == last.wall_ms && wall == remote.wall_ms {
            bump(wall, last.counter.max(remote.counter))
        } else if wall == last.wall_ms {
            bump(wall, last.counter)
        } else if wall == remote.wall_ms {
            bump(wall, remote.counter)
        } else {
            (wall, 0)
        };
        self.last = Hlc {
            wall_ms,
            counter,
            device: last.device,
        };
        self.last
    }
}

/// The next (wall, counter) pair after the given one; a full counter moves the wall on by 1 ms.
fn bump(wall_ms: u64, counter: u16) -> (u64, u16) {
    match counter.checked_add(1) {
        Some(c) => (wall_ms, c),
        None => (wall_ms + 1, 0),
    }
}
