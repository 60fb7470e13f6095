//! SHA-256 as lowercase hex: the payload checksum, blob keys and event content hashes.

use crate::format::WireHeader;

pub use crate::format::seal::{content_hash, is_sha256_hex, sha256_hex};

/// The header's checksum: SHA-256 of the header's compact JSON, members in file order, with
/// `header_sha256` itself left out. Files written before it existed carry none and still read.
pub fn header_digest(header: &WireHeader) -> String {
    let mut h = header.clone();
    h.header_sha256 = None;
    sha256_hex(&serde_json::to_vec(&h).unwrap_or_default())
}
