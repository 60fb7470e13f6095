//! Input checks written by hand: phone numbers (mainland mobile and landline forms), required
//! and bounded text. Every failure is a [`ValidationError`] with a message in both languages.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::ValidationError;
use super::field::Field;

/// Longest free text accepted in one field (characters).
pub const MAX_TEXT: usize = 5000;
/// Longest short text (names, departments, references).
pub const MAX_SHORT: usize = 100;

/// Which kind of number a [`Phone`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhoneKind {
    Mobile,
    Landline,
}

/// A checked phone number in a normal form: mobile `13812345678`, landline `010-12345678` or
/// with an extension `0755-1234567-123`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Check and normalise a phone number as a person typed it.
    ///
    /// Mobile: `1[3-9]` and nine more digits, optionally `+86`/`86` first, spaces or hyphens
    /// between groups. Landline: area code (`010`, `02x`, or four digits `0[3-9]xx`), then a
    /// local number (8 digits after a 3-digit code, 7 or 8 after a 4-digit one, not starting
    /// with 0), separated by `-`, a space or parentheses, then an optional extension (1–6
    /// digits) after `-`, `转`, `ext`, `x` or `#`.
    pub fn parse(input: &str) -> Result<Phone, ValidationError> {
        let bad = || ValidationError::Phone {
            input: input.to_owned(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ValidationError::Required(Field::ComplainantPhone));
        }
        let (main, ext) = split_extension(trimmed).ok_or_else(bad)?;
        let groups = digit_groups(main).ok_or_else(bad)?;
        if let Some(mobile) = mobile(&groups) {
            return if ext.is_none() {
                Ok(Phone(mobile))
            } else {
                Err(bad())
            };
        }
        let (area, local, ext) = match (groups.as_slice(), ext) {
            ([all], ext) => {
                let area_len = if all.starts_with("01") || all.starts_with("02") {
                    3
                } else {
                    4
                };
                if all.len() <= area_len {
                    return Err(bad());
                }
                (&all[..area_len], &all[area_len..], ext)
            }
            ([area, local], ext) => (area.as_str(), local.as_str(), ext),
            ([area, local, ext], None) => (area.as_str(), local.as_str(), Some(ext.as_str())),
            _ => return Err(bad()),
        };
        if !landline_ok(area, local) || !ext.is_none_or(|e| (1..=6).contains(&e.len())) {
            return Err(bad());
        }
        Ok(Phone(match ext {
            Some(e) => format!("{area}-{local}-{e}"),
            None => format!("{area}-{local}"),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> PhoneKind {
        if self.0.starts_with('1') {
            PhoneKind::Mobile
        } else {
            PhoneKind::Landline
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Phone {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s).map_err(|e| e.to_string())
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

/// Split off an extension marked by `转`, `ext`, `x` or `#`; `None` when the extension is not
/// 1–6 digits.
fn split_extension(s: &str) -> Option<(&str, Option<&str>)> {
    for marker in ["转", "ext.", "ext", "EXT", "x", "X", "#"] {
        if let Some(pos) = s.find(marker) {
            let ext = s[pos + marker.len()..].trim();
            let ok = (1..=6).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_digit());
            return ok.then_some((s[..pos].trim_end_matches(['-', ' ']), Some(ext)));
        }
    }
    Some((s, None))
}

/// The runs of digits separated by `-`, spaces or parentheses; `None` on any other character.
fn digit_groups(s: &str) -> Option<Vec<String>> {
    let s = s.strip_prefix('+').unwrap_or(s);
    let mut groups = Vec::new();
    let mut current = String::new();
    for c in s.chars() {
        match c {
            '0'..='9' => current.push(c),
            '-' | ' ' | '(' | ')' => {
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
            }
            _ => return None,
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    (!groups.is_empty()).then_some(groups)
}

/// The eleven-digit mobile number the groups spell, if they spell one.
fn mobile(groups: &[String]) -> Option<String> {
    let joined: String = groups.concat();
    let digits = if joined.len() == 13 && joined.starts_with("86") {
        &joined[2..]
    } else {
        &joined[..]
    };
    let b = digits.as_bytes();
    let ok = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    // A landline written in groups (e.g. 010-...) never starts with 1, so no ambiguity.
    ok.then(|| digits.to_owned())
}

fn landline_ok(area: &str, local: &str) -> bool {
    let a = area.as_bytes();
    let area_ok = match a.len() {
        3 => area == "010" || area.starts_with("02"),
        4 => a[0] == b'0' && (b'3'..=b'9').contains(&a[1]),
        _ => false,
    };
    let local_ok = match a.len() {
        3 => local.len() == 8,
        _ => local.len() == 7 || local.len() == 8,
    };
    area_ok && local_ok && !local.starts_with('0')
}

/// Trimmed text that must not be empty nor longer than `max` characters.
pub fn required(field: Field, value: &str, max: usize) -> Result<String, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::Required(field));
    }
    bounded(field, v, max)
}

/// Trimmed text no longer than `max` characters (may be empty).
pub fn bounded(field: Field, value: &str, max: usize) -> Result<String, ValidationError> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(ValidationError::TooLong { field, max });
    }
    Ok(v.to_owned())
}

/// An optional text: blank becomes `None`.
pub fn optional(
    field: Field,
    value: &Option<String>,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    match value {
        None => Ok(None),
        Some(v) => bounded(field, v, max).map(|s| (!s.is_empty()).then_some(s)),
    }
}
