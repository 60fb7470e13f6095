//! PINs: the tablet's idle lock, and each person's own PIN that signing in as them asks for.
//!
//! The tablet's PIN never leaves the device (its salted hash is kept in `storage::prefs`). A
//! person's PIN is kept only as a slow salted hash ([`PinHash`]: PBKDF2-HMAC-SHA256, its
//! iteration count stored with it so it can rise later) on the person's record, so it syncs and
//! the person signs in on any tablet. The hash is computed outside the domain (WebCrypto, or
//! Rust where the page has no secure context); the domain checks its shape, decides what
//! signing in as a person asks for, and counts wrong tries ([`Tries`]).

use std::ops::RangeInclusive;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::actor::Role;
use super::roster::Person;

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

/// PBKDF2 iterations for new personal PINs.
pub const PIN_ITERATIONS: u32 = 600_000;
/// The iteration counts a stored PIN hash may carry.
pub const PIN_ITERATION_RANGE: RangeInclusive<u32> = 100_000..=10_000_000;
/// Bytes of salt in a PIN hash.
pub const PIN_SALT_BYTES: usize = 16;
/// Bytes of a PIN hash (PBKDF2-HMAC-SHA256 output).
pub const PIN_HASH_BYTES: usize = 32;
/// Wrong PINs in a row that lock a person's sign-in on a tablet.
pub const MAX_TRIES: u32 = 5;
/// How long a person's sign-in stays locked after [`MAX_TRIES`] wrong PINs.
pub const LOCKOUT_MINUTES: i64 = 5;

/// A person's PIN as PBKDF2-HMAC-SHA256 of its UTF-8 digits: lowercase hex of the salt and the
/// derived bytes, and the iteration count.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PinHash {
    pub iterations: u32,
    pub salt: String,
    pub hash: String,
}

impl PinHash {
    /// Whether the stored hash has the shape this version writes and reads: an iteration count
    /// in range and lowercase hex of the right lengths.
    pub fn well_formed(&self) -> bool {
        let hex = |s: &str, bytes: usize| {
            s.len() == bytes * 2 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        };
        PIN_ITERATION_RANGE.contains(&self.iterations)
            && hex(&self.salt, PIN_SALT_BYTES)
            && hex(&self.hash, PIN_HASH_BYTES)
    }

    /// The salt's bytes.
    pub fn salt_bytes(&self) -> Vec<u8> {
        from_hex(&self.salt)
    }

    /// Whether `derived` (PBKDF2 of a typed PIN with this salt and count) is this hash. Every
    /// byte is compared, so the time taken does not say how much matched.
    pub fn matches(&self, derived: &[u8]) -> bool {
        let stored = from_hex(&self.hash);
        stored.len() == derived.len()
            && stored
                .iter()
                .zip(derived)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// A hash from the salt and derived bytes.
    pub fn new(iterations: u32, salt: &[u8], derived: &[u8]) -> PinHash {
        PinHash {
            iterations,
            salt: to_hex(salt),
            hash: to_hex(derived),
        }
    }
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .filter_map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// A personal PIN as typed: 4 to 8 digits, without surrounding spaces.
pub fn check_pin(pin: &str) -> Result<String, LockRuleError> {
    let pin = pin.trim();
    if PIN_DIGITS.contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(pin.to_string())
    } else {
        Err(LockRuleError::Pin)
    }
}

/// Whether a person in `role` must have a PIN: those who hold the leader's powers.
pub fn needs_pin(role: Role) -> bool {
    matches!(role, Role::Leader | Role::Deputy | Role::DutyLead)
}

/// Wrong PINs typed for one person on this tablet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tries {
    /// Wrong PINs in a row since the last right one or the last lockout.
    pub failures: u32,
    /// Until when signing in as the person is refused.
    pub locked_until: Option<DateTime<FixedOffset>>,
}

impl Tries {
    /// Until when the person is locked out at `now`, if they are.
    pub fn locked(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// The tries after one more wrong PIN at `now`: the [`MAX_TRIES`]th locks for
    /// [`LOCKOUT_MINUTES`] and starts the count again.
    pub fn failed(self, now: DateTime<FixedOffset>) -> Tries {
        let failures = self.failures + 1;
        if failures >= MAX_TRIES {
            Tries {
                failures: 0,
                locked_until: Some(now + TimeDelta::minutes(LOCKOUT_MINUTES)),
            }
        } else {
            Tries {
                failures,
                locked_until: None,
            }
        }
    }

    /// Wrong tries left before the lockout.
    pub fn left(&self) -> u32 {
        MAX_TRIES.saturating_sub(self.failures)
    }
}

/// What signing in as a person asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// Nothing: the person has no PIN and their role needs none.
    Open,
    /// The person's PIN.
    Pin,
    /// A new PIN, typed twice: the person's role needs one and they have none yet.
    SetPin,
}

/// Why signing in as a person is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInRefused {
    /// The person was deactivated.
    Inactive,
    /// Too many wrong PINs; try again after this time.
    Locked(DateTime<FixedOffset>),
}

/// What signing in as `person` at `now` asks for, given the wrong tries on this tablet.
pub fn sign_in(
    person: &Person,
    tries: &Tries,
    now: DateTime<FixedOffset>,
) -> Result<SignIn, SignInRefused> {
    if !person.active {
        return Err(SignInRefused::Inactive);
    }
    if let Some(until) = tries.locked(now) {
        return Err(SignInRefused::Locked(until));
    }
    Ok(match (&person.pin, needs_pin(person.role)) {
        (Some(_), _) => SignIn::Pin,
        (None, true) => SignIn::SetPin,
        (None, false) => SignIn::Open,
    })
}
