//! The pure half of bundle encryption: the `encryption` object and the GCM additional data.
//!
//! The key is PBKDF2-HMAC-SHA256 of the UTF-8 passphrase with `salt` and `iterations`, 32
//! bytes long; the payload's UTF-8 bytes are sealed with AES-256-GCM under `iv` (12 bytes),
//! with a 128-bit tag appended to the ciphertext, exactly as WebCrypto's `encrypt` returns it.
//! The file's `payload` is the standard base64 (with padding) of ciphertext‖tag.
//!
//! The additional data binds the header to the ciphertext, so a header cannot be swapped onto
//! another payload. It is [`additional_data`]: the envelope without `payload` and without
//! `payload_sha256` (the checksum is computed over the ciphertext, so it cannot be part of the
//! data the ciphertext is made with; the GCM tag already authenticates the ciphertext), as
//! compact JSON with the members in file order — `format`, `schema_version`, `app_version`,
//! `bundle_id`, `created_at`, `source_device` (`id`, `code`, `label`), `since`,
//! `version_vector`, `counts` (`events`, `blobs`), `encryption` (`alg`, `kdf`, `iterations`,
//! `salt`, `iv`) — version-vector keys in ascending order, no whitespace, strings escaped only
//! where JSON requires (non-ASCII characters written as themselves), UTF-8.
//!
//! The browser's WebCrypto derives the key and seals where it can (`ui::platform::crypto`). Outside a
//! secure context (a plain `http://` address on the office LAN) the browser has no WebCrypto,
//! and [`seal`] and [`open`] here do the same in Rust (RustCrypto `pbkdf2` and `aes-gcm`): the
//! same bytes for the same inputs, so a file made one way opens the other.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use uuid::Uuid;

use super::error::BundleError;
use crate::format::{WireCounts, WireEncryption, WireHeader, WireSourceDevice, WireVersionVector};

/// The only cipher: AES-256-GCM.
pub const ALG: &str = "AES-256-GCM";
/// The only key derivation: PBKDF2 with HMAC-SHA256.
pub const KDF: &str = "PBKDF2-SHA256";
/// PBKDF2 iterations for new bundles.
pub const ITERATIONS: u32 = 600_000;
/// Key length in bytes (AES-256).
pub const KEY_LEN: usize = 32;
/// Salt length in bytes for new bundles.
pub const SALT_LEN: usize = 16;
/// GCM nonce length in bytes.
pub const IV_LEN: usize = 12;
/// GCM tag length in bytes, appended to the ciphertext.
pub const TAG_LEN: usize = 16;
/// The fewest iterations a file may ask for (tests use few; the app writes [`ITERATIONS`]).
pub const MIN_ITERATIONS: u32 = 1;
/// The most iterations a file may ask for, so a hostile file cannot stall the device.
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// The parameters of one encrypted bundle. Salt and iv are fresh random bytes from the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptionParams {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
}

impl EncryptionParams {
    /// The parameters the app writes: 600,000 iterations, the given salt and iv.
    pub fn new(salt: [u8; SALT_LEN], iv: [u8; IV_LEN]) -> Self {
        EncryptionParams {
            iterations: ITERATIONS,
            salt: salt.to_vec(),
            iv: iv.to_vec(),
        }
    }

    /// The same with another iteration count (the file records it).
    pub fn with_iterations(mut self, iterations: u32) -> Self {
        self.iterations = iterations;
        self
    }

    pub fn to_wire(&self) -> WireEncryption {
        WireEncryption {
            alg: ALG.into(),
            kdf: KDF.into(),
            iterations: self.iterations,
            salt: STANDARD.encode(&self.salt),
            iv: STANDARD.encode(&self.iv),
        }
    }

    /// Check a file's `encryption` object.
    pub fn from_wire(w: &WireEncryption) -> Result<Self, BundleError> {
        let unsupported = |detail: String| BundleError::UnsupportedEncryption { detail };
        if w.alg != ALG {
            return Err(unsupported(format!("alg {:?}", w.alg)));
        }
        if w.kdf != KDF {
            return Err(unsupported(format!("kdf {:?}", w.kdf)));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&w.iterations) {
            return Err(unsupported(format!("iterations {}", w.iterations)));
        }
        let bad = |what: &str| BundleError::BadEnvelope {
            detail: format!("encryption.{what} is not base64 of the right length"),
        };
        let salt = STANDARD.decode(&w.salt).map_err(|_| bad("salt"))?;
        let iv = STANDARD.decode(&w.iv).map_err(|_| bad("iv"))?;
        if !(8..=64).contains(&salt.len()) {
            return Err(bad("salt"));
        }
        if iv.len() != IV_LEN {
            return Err(bad("iv"));
        }
        Ok(EncryptionParams {
            iterations: w.iterations,
            salt,
            iv,
        })
    }
}

/// The additional-data view of a header: every member but `payload_sha256`, in file order.
#[derive(Serialize)]
struct AdditionalData<'a> {
    format: &'a str,
    schema_version: u32,
    app_version: &'a str,
    bundle_id: &'a Uuid,
    created_at: &'a str,
    source_device: &'a WireSourceDevice,
    since: &'a Option<WireVersionVector>,
    version_vector: &'a WireVersionVector,
    counts: &'a WireCounts,
    /// Schema 2: `"gzip"`; absent otherwise, so a schema 1 file's additional data is as it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    compression: &'a Option<String>,
    encryption: &'a Option<WireEncryption>,
}

/// The GCM additional data of a header (see the module documentation for the exact bytes).
pub fn additional_data(header: &WireHeader) -> Vec<u8> {
    let view = AdditionalData {
        format: &header.format,
        schema_version: header.schema_version,
        app_version: &header.app_version,
        bundle_id: &header.bundle_id,
        created_at: &header.created_at,
        source_device: &header.source_device,
        since: &header.since,
        version_vector: &header.version_vector,
        counts: &header.counts,
        compression: &header.compression,
        encryption: &header.encryption,
    };
    serde_json::to_vec(&view).unwrap_or_default()
}

/// PBKDF2-HMAC-SHA256 of the passphrase: the AES-256 key.
fn derive_key(pass: &str, params: &EncryptionParams) -> [u8; KEY_LEN] {
    pbkdf2_sha256(pass, &params.salt, params.iterations)
}

/// PBKDF2-HMAC-SHA256 of `secret`, 32 bytes (also a personal PIN's hash where the page has no
/// WebCrypto).
pub fn pbkdf2_sha256(secret: &str, salt: &[u8], iterations: u32) -> [u8; KEY_LEN] {
    pbkdf2::pbkdf2_hmac_array::<sha2::Sha256, KEY_LEN>(secret.as_bytes(), salt, iterations)
}

/// Seals `plain` with AES-256-GCM under the key from `pass`: ciphertext‖tag, exactly what
/// WebCrypto's `encrypt` returns for the same inputs. `None` only for an iv of the wrong length.
pub fn seal(pass: &str, params: &EncryptionParams, aad: &[u8], plain: &[u8]) -> Option<Vec<u8>> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    if params.iv.len() != IV_LEN {
        return None;
    }
    let cipher = aes_gcm::Aes256Gcm::new(&derive_key(pass, params).into());
    cipher
        .encrypt(
            aes_gcm::Nonce::from_slice(&params.iv),
            Payload { msg: plain, aad },
        )
        .ok()
}

/// Opens ciphertext‖tag; `None` when the passphrase is wrong or anything sealed was altered.
pub fn open(pass: &str, params: &EncryptionParams, aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    if params.iv.len() != IV_LEN {
        return None;
    }
    let cipher = aes_gcm::Aes256Gcm::new(&derive_key(pass, params).into());
    cipher
        .decrypt(
            aes_gcm::Nonce::from_slice(&params.iv),
            Payload { msg: sealed, aad },
        )
        .ok()
}

/// The base64 text of ciphertext‖tag, as the payload carries it.
pub fn encode_ciphertext(ciphertext: &[u8]) -> String {
    STANDARD.encode(ciphertext)
}

/// The ciphertext‖tag bytes of an encrypted payload.
pub fn decode_ciphertext(payload: &str) -> Result<Vec<u8>, BundleError> {
    let bytes = STANDARD
        .decode(payload)
        .map_err(|_| BundleError::BadPayload {
            detail: "the encrypted payload is not base64".into(),
        })?;
    if bytes.len() < TAG_LEN {
        return Err(BundleError::BadPayload {
            detail: "the encrypted payload is shorter than its tag".into(),
        });
    }
    Ok(bytes)
}
