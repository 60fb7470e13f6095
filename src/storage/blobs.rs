//! Attachments: photos downscaled in the browser (longest side at most 1600 px, JPEG) and kept
//! as bytes keyed by their SHA-256. Bytes, not `Blob` values, because Safari fails to store
//! `Blob`s in IndexedDB.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

use super::db::stores;
use super::{Db, StorageError};

#[wasm_bindgen(inline_js = r#"
export function jpeg_blob(canvas, quality) {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))),
      'image/jpeg',
      quality,
    ),
  );
}
"#)]
extern "C" {
    /// The canvas as a JPEG blob; rejects when the browser cannot encode it.
    fn jpeg_blob(canvas: &HtmlCanvasElement, quality: f64) -> js_sys::Promise;
}

/// The longest side of a stored photo, in pixels.
pub const MAX_PHOTO_SIDE: u32 = 1600;
/// JPEG quality of stored photos.
const JPEG_QUALITY: f64 = 0.85;

/// A stored attachment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBlob {
    pub sha256: String,
    pub mime: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct BlobRow {
    sha256: String,
    mime: String,
    size: u32,
    #[serde(with = "serde_bytes_as_array")]
    bytes: Vec<u8>,
}

/// Bytes go to IndexedDB as a `Uint8Array`, not as a list of numbers.
mod serde_bytes_as_array {
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        serde_bytes_buf(d)
    }

    fn serde_bytes_buf<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Vec<u8>, A::Error> {
                let mut out = Vec::new();
                while let Some(b) = seq.next_element()? {
                    out.push(b);
                }
                Ok(out)
            }
        }
        d.deserialize_byte_buf(Visitor)
    }
}

/// A `blobs` row for storing, as the plain serializer writes it (bytes as a Uint8Array).
pub(super) fn blob_row(sha256: &str, mime: &str, bytes: &[u8]) -> Result<JsValue, StorageError> {
    let row = BlobRow {
        sha256: sha256.into(),
        mime: mime.into(),
        size: bytes.len() as u32,
        bytes: bytes.to_vec(),
    };
    row.serialize(&serde_wasm_bindgen::Serializer::new())
        .map_err(|e| StorageError::Failed(e.to_string()))
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Db {
    /// Stores `bytes` under their SHA-256 and returns it. Storing the same bytes again is a
    /// no-op with the same key.
    pub async fn put_blob(&self, bytes: Vec<u8>, mime: &str) -> Result<String, StorageError> {
        let sha256 = sha256_hex(&bytes);
        let value = blob_row(&sha256, mime, &bytes)?;
        let tx = self
            .rexie()
            .transaction(&[stores::BLOBS], rexie::TransactionMode::ReadWrite)?;
        tx.store(stores::BLOBS)?.put(&value, None).await?;
        super::db::committed(tx).await?;
        Ok(sha256)
    }

    /// Every stored attachment (for a full export).
    pub async fn all_blobs(&self) -> Result<Vec<StoredBlob>, StorageError> {
        let rows: Vec<BlobRow> = self.get_all(stores::BLOBS).await?;
        Ok(rows
            .into_iter()
            .map(|r| StoredBlob {
                sha256: r.sha256,
                mime: r.mime,
                bytes: r.bytes,
            })
            .collect())
    }

    /// Which of `keys` are stored.
    pub async fn held_blobs(
        &self,
        keys: &[String],
    ) -> Result<std::collections::BTreeSet<String>, StorageError> {
        let tx = self
            .rexie()
            .transaction(&[stores::BLOBS], rexie::TransactionMode::ReadOnly)?;
        let store = tx.store(stores::BLOBS)?;
        let mut held = std::collections::BTreeSet::new();
        for key in keys {
            if store.key_exists(JsValue::from_str(key)).await? {
                held.insert(key.clone());
            }
        }
        tx.done().await?;
        Ok(held)
    }

    /// The attachment stored under `sha256`.
    pub async fn blob(&self, sha256: &str) -> Result<Option<StoredBlob>, StorageError> {
        let row: Option<BlobRow> = self.get(stores::BLOBS, sha256).await?;
        Ok(row.map(|r| StoredBlob {
            sha256: r.sha256,
            mime: r.mime,
            bytes: r.bytes,
        }))
    }
}

fn js_err(e: JsValue) -> StorageError {
    StorageError::from_js(&e)
}

/// The size a photo of `width`×`height` is stored at: the longest side at most
/// [`MAX_PHOTO_SIDE`], the aspect ratio kept, never enlarged.
pub fn fitted_size(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= MAX_PHOTO_SIDE || longest == 0 {
        return (width, height);
    }
    let scale = f64::from(MAX_PHOTO_SIDE) / f64::from(longest);
    let fit = |side: u32| ((f64::from(side) * scale).round() as u32).max(1);
    (fit(width), fit(height))
}

/// Decodes a photo (from the camera or a file), scales it to fit [`MAX_PHOTO_SIDE`] and
/// encodes it as JPEG bytes.
pub async fn downscale_photo(photo: &Blob) -> Result<Vec<u8>, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Failed("no window".into()))?;
    let bitmap: ImageBitmap = JsFuture::from(
        window
            .create_image_bitmap_with_blob(photo)
            .map_err(js_err)?,
    )
    .await
    .map_err(js_err)?
    .unchecked_into();
    let (width, height) = fitted_size(bitmap.width(), bitmap.height());
    let document = window
        .document()
        .ok_or_else(|| StorageError::Failed("no document".into()))?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(js_err)?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js_err)?
        .ok_or_else(|| StorageError::Failed("no 2d canvas".into()))?
        .unchecked_into();
    // JPEG has no transparency: paint white under the photo.
    context.set_fill_style_str("#fff");
    context.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(
            &bitmap,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .map_err(js_err)?;
    bitmap.close();

    let jpeg: Blob = JsFuture::from(jpeg_blob(&canvas, JPEG_QUALITY))
        .await
        .map_err(js_err)?
        .unchecked_into();
    let buffer = JsFuture::from(jpeg.array_buffer()).await.map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
