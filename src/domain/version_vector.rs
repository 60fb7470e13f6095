//! Version vectors: the highest per-device `seq` a device has seen from each device.
//!
//! Sync sends the events a peer's vector does not cover; re-sending is harmless.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::event::Event;
use super::ids::DeviceId;

/// How two version vectors relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Causality {
    Equal,
    Before,
    After,
    Concurrent,
}

/// Highest `seq` seen per device. A device absent from the map counts as 0.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VersionVector(BTreeMap<DeviceId, u64>);

impl VersionVector {
    pub fn new() -> Self {
        Self::default()
    }

    /// The highest seq seen from `device` (0 when none).
    pub fn get(&self, device: DeviceId) -> u64 {
        self.0.get(&device).copied().unwrap_or(0)
    }

    /// Record that `seq` from `device` has been seen.
    pub fn observe(&mut self, device: DeviceId, seq: u64) {
        let entry = self.0.entry(device).or_insert(0);
        *entry = (*entry).max(seq);
    }

    /// Record every event of a batch.
    pub fn observe_events<'a>(&mut self, events: impl IntoIterator<Item = &'a Event>) {
        for e in events {
            self.observe(e.device, e.seq);
        }
    }

    /// Whether an event `(device, seq)` is already covered.
    pub fn covers(&self, device: DeviceId, seq: u64) -> bool {
        seq <= self.get(device)
    }

    /// The pointwise maximum of two vectors.
    pub fn merge(&mut self, other: &VersionVector) {
        for (device, seq) in &other.0 {
            self.observe(*device, *seq);
        }
    }

    /// Whether every entry of `other` is covered by `self`.
    pub fn dominates(&self, other: &VersionVector) -> bool {
        other.0.iter().all(|(d, s)| self.get(*d) >= *s)
    }

    pub fn compare(&self, other: &VersionVector) -> Causality {
        match (self.dominates(other), other.dominates(self)) {
            (true, true) => Causality::Equal,
            (true, false) => Causality::After,
            (false, true) => Causality::Before,
            (false, false) => Causality::Concurrent,
        }
    }

    /// The events a peer with vector `self` has not yet seen.
    pub fn missing<'a>(&self, events: &'a [Event]) -> Vec<&'a Event> {
        events
            .iter()
            .filter(|e| !self.covers(e.device, e.seq))
            .collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&DeviceId, &u64)> {
        self.0.iter()
    }
}
