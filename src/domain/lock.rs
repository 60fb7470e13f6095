//! The tablet's PIN lock: what a PIN and the idle time before locking may be. The PIN itself
//! never leaves the device and never syncs; only its salted hash is kept (`storage::prefs`).

use std::ops::RangeInclusive;

/// How many digits a PIN has.
pub const PIN_DIGITS: RangeInclusive<usize> = 4..=8;

/// Minutes without a touch before the tablet locks.
pub const LOCK_MINUTES: RangeInclusive<u32> = 1..=240;

/// What is wrong with a PIN lock as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockRuleError {
    /// Not 4 to 8 digits.
    Pin,
    /// Not a whole number of minutes from 1 to 240.
    Minutes,
}

/// The PIN and the idle minutes as typed, checked: the PIN without surrounding spaces, and the
/// minutes as a number.
pub fn check_lock(pin: &str, minutes: &str) -> Result<(String, u32), LockRuleError> {
    let pin = pin.trim();
    if !PIN_DIGITS.contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LockRuleError::Pin);
    }
    let minutes: u32 = minutes
        .trim()
        .parse()
        .ok()
        .filter(|m| LOCK_MINUTES.contains(m))
        .ok_or(LockRuleError::Minutes)?;
    Ok((pin.to_string(), minutes))
}
