//! SHA-256 as lowercase hex: the payload checksum, blob keys and event content hashes.

use sha2::{Digest, Sha256};

use crate::domain::Event;

use crate::format::{WireEvent, WireHeader};

/// Lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    hex
}

/// Whether a string is 64 lowercase hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The event's content hash: SHA-256 of its compact JSON in the file format. Two events with
/// one id are the same event exactly when their content hashes are equal. Storage keeps it
/// beside each event so an import can compare without reading events back.
pub fn content_hash(event: &Event) -> String {
    let json = serde_json::to_vec(&WireEvent::from(event)).unwrap_or_default();
    sha256_hex(&json)
}

/// The header's checksum: SHA-256 of the header's compact JSON, members in file order, with
/// `header_sha256` itself left out. Files written before it existed carry none and still read.
pub fn header_digest(header: &WireHeader) -> String {
    let mut h = header.clone();
    h.header_sha256 = None;
    sha256_hex(&serde_json::to_vec(&h).unwrap_or_default())
}
