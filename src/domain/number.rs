//! The human complaint number, e.g. `TS-20261128-A3-0007`: the receipt date, the recording
//! device's code and that device's own sequence. Device codes are unique per device and the
//! sequence only ever grows on one device, so two offline devices never make the same number.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ValidationError;

/// A device's short code: 1 to 4 ASCII capitals or digits, starting with a capital (`A3`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceCode(String);

impl DeviceCode {
    pub fn parse(input: &str) -> Result<DeviceCode, ValidationError> {
        let s = input.trim();
        let ok = (1..=4).contains(&s.len())
            && s.as_bytes()[0].is_ascii_uppercase()
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(DeviceCode(s.to_owned()))
        } else {
            Err(ValidationError::DeviceCode {
                input: input.to_owned(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DeviceCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        DeviceCode::parse(&s).map_err(|e| e.to_string())
    }
}

impl From<DeviceCode> for String {
    fn from(c: DeviceCode) -> String {
        c.0
    }
}

impl fmt::Display for DeviceCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `TS-<yyyyMMdd>-<device code>-<sequence, at least 4 digits>`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ComplaintNumber {
    pub date: NaiveDate,
    pub device: DeviceCode,
    pub seq: u32,
}

impl ComplaintNumber {
    /// The number of the next complaint a device records: its last sequence plus one.
    pub fn next(date: NaiveDate, device: DeviceCode, last_seq: u32) -> Self {
        ComplaintNumber {
            date,
            device,
            seq: last_seq.saturating_add(1),
        }
    }

    /// The next number for `device` given every number already issued (any device's): one
    /// past the highest sequence that device code has used.
    pub fn next_for<'a>(
        date: NaiveDate,
        device: DeviceCode,
        existing: impl IntoIterator<Item = &'a ComplaintNumber>,
    ) -> Self {
        let last = existing
            .into_iter()
            .filter(|n| n.device == device)
            .map(|n| n.seq)
            .max()
            .unwrap_or(0);
        Self::next(date, device, last)
    }
}

impl fmt::Display for ComplaintNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "TS-{}-{}-{:04}",
            self.date.format("%Y%m%d"),
            self.device,
            self.seq
        )
    }
}

impl FromStr for ComplaintNumber {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ValidationError::ComplaintNumber {
            input: s.to_owned(),
        };
        let mut parts = s.trim().split('-');
        let (Some("TS"), Some(date), Some(code), Some(seq), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(bad());
        };
        let date_ok = date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit());
        let seq_ok = seq.len() >= 4 && seq.bytes().all(|b| b.is_ascii_digit());
        if !date_ok || !seq_ok {
            return Err(bad());
        }
        Ok(ComplaintNumber {
            date: NaiveDate::parse_from_str(date, "%Y%m%d").map_err(|_| bad())?,
            device: DeviceCode::parse(code).map_err(|_| bad())?,
            seq: seq.parse().map_err(|_| bad())?,
        })
    }
}

impl TryFrom<String> for ComplaintNumber {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse().map_err(|e: ValidationError| e.to_string())
    }
}

impl From<ComplaintNumber> for String {
    fn from(n: ComplaintNumber) -> String {
        n.to_string()
    }
}
