//! Sync by files, composed from `sync` (the file format, checks and merge planning) and
//! `storage` (reads and the one bulk write): export → file; file → checks → preview → write.

use crate::ui::i18n::Message;
use std::collections::BTreeSet;

use crate::domain::admit::drift_ms;
use crate::domain::{DeviceId, Lang, RecordId};
use crate::storage::{AppendReport, prefs};
use crate::sync::read::MAX_DECOMPRESSED_BYTES;
use crate::sync::{
    Blob, Bundle, BundleError, BundleFile, EncryptionParams, Envelope, ExportInput, HeldSnapshot,
    Here, ImportPlan, SourceDevice, StoredEvent, content_hash, export_full, export_incremental,
    links_wanted, open_envelope_bytes, plan_import, snapshot_needs,
};

use super::platform::crypto as webcrypto;
use super::platform::{self, Gunzip};
use super::service::UiError;
use super::state::{AppState, local_now};

/// Why an exchange did not happen. Nothing was written.
#[derive(Clone, Debug, PartialEq)]
pub enum ExchangeError {
    Bundle(BundleError),
    Ui(UiError),
    /// The bundle holds personal data and no passphrase was given.
    PassphraseRequired,
}

impl Message for ExchangeError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ExchangeError::Bundle(e) => e.message(lang),
            ExchangeError::Ui(e) => e.message(lang),
            ExchangeError::PassphraseRequired => lang.texts().sync.passphrase_required.into(),
        }
    }
}

impl<E: Into<UiError>> From<E> for ExchangeError {
    fn from(e: E) -> Self {
        ExchangeError::Ui(e.into())
    }
}

fn repo(state: &AppState) -> Result<std::rc::Rc<crate::storage::Repo>, ExchangeError> {
    state.repo().ok_or(ExchangeError::Ui(UiError::NotReady))
}

/// Writes a bundle: everything (`peer` = `None`) or what `peer` is not known to have. With a
/// passphrase the payload is encrypted; without one, a bundle holding personal data is refused
/// unless `allow_plain` (the person chose to export unencrypted).
pub async fn export(
    state: AppState,
    peer: Option<DeviceId>,
    passphrase: Option<String>,
    allow_plain: bool,
) -> Result<BundleFile, ExchangeError> {
    let repo = repo(&state)?;
    let identity = repo.identity().await.map_err(UiError::from)?;
    let code = identity
        .code
        .clone()
        .ok_or(ExchangeError::Ui(UiError::NoDeviceCode))?;
    let source = SourceDevice {
        id: identity.device,
        code,
        label: identity.label.clone(),
    };
    let events = repo.all_events().await.map_err(UiError::from)?;
    let blobs: Vec<Blob> = repo
        .db()
        .all_blobs()
        .await
        .map_err(UiError::from)?
        .into_iter()
        .map(|b| Blob {
            sha256: b.sha256,
            mime: b.mime,
            bytes: b.bytes,
        })
        .collect();
    let now = local_now();
    let bundle_id = crate::domain::ids::uuid_v7(
        now.timestamp_millis().max(0) as u64,
        &webcrypto::random_bytes::<10>(),
    );
    let input = ExportInput {
        source: &source,
        app_version: env!("CARGO_PKG_VERSION"),
        bundle_id,
        created_at: now,
        events: &events,
        blobs: &blobs,
        // Compressed where the browser can, so the chains the reader derives are left out.
        compact: platform::can_gzip(),
    };
    let draft = match peer {
        None => export_full(input),
        Some(p) => {
            let known = repo
                .peer_vectors()
                .await
                .map_err(UiError::from)?
                .remove(&p)
                .unwrap_or_default();
            export_incremental(input, &known)
        }
    };
    // Compressed where the browser can (about a tenth of the size); a browser without
    // CompressionStream writes the plain file every version reads.
    let draft = match platform::gzip(draft.payload_bytes()).await {
        Some(gzip) => draft.gzipped(gzip),
        None => draft,
    };
    match passphrase.filter(|p| !p.is_empty()) {
        Some(pass) => {
            let params =
                EncryptionParams::new(webcrypto::random_bytes(), webcrypto::random_bytes());
            let aad = draft.additional_data(&params);
            let sealed = webcrypto::encrypt(&pass, &params, &aad, draft.plaintext())
                .await
                .ok_or(ExchangeError::Bundle(BundleError::UnsupportedEncryption {
                    detail: "WebCrypto".into(),
                }))?;
            Ok(draft.into_encrypted(&params, &sealed))
        }
        None if draft.holds_personal_data() && !allow_plain => {
            Err(ExchangeError::PassphraseRequired)
        }
        None => Ok(draft.into_plain()),
    }
}

/// Checks a file's envelope (UTF-8, format, schema version, checksums). Nothing is read further.
pub fn open_file(bytes: &[u8]) -> Result<Envelope, ExchangeError> {
    open_envelope_bytes(bytes).map_err(ExchangeError::Bundle)
}

/// Decrypts (when needed) and checks every event, then plans the import against what this
/// device holds. Nothing is written.
pub async fn plan(
    state: AppState,
    envelope: Envelope,
    passphrase: &str,
) -> Result<ImportPlan, ExchangeError> {
    let bundle = read(envelope, passphrase)
        .await
        .map_err(ExchangeError::Bundle)?;
    plan_bundle(state, bundle).await
}

/// Plans the import of a checked bundle (a file's, or a batch pulled from a server) against
/// what this device holds. Nothing is written.
pub async fn plan_bundle(state: AppState, bundle: Bundle) -> Result<ImportPlan, ExchangeError> {
    let repo = repo(&state)?;
    let (records, blob_keys) = snapshot_needs(&bundle);
    let records: Vec<RecordId> = records.into_iter().collect();
    let held = repo.records_events(&records).await.map_err(UiError::from)?;
    let held = held.into_iter().map(|event| StoredEvent {
        content_hash: content_hash(&event),
        event,
    });
    let keys: Vec<String> = blob_keys.into_iter().collect();
    let held_blobs: BTreeSet<String> = repo.db().held_blobs(&keys).await.map_err(UiError::from)?;
    let vv = repo.version_vector().await.map_err(UiError::from)?;
    let gaps = repo.gaps().await.map_err(UiError::from)?;
    let links = repo
        .links_of(&links_wanted(&bundle.events))
        .await
        .map_err(UiError::from)?;
    let snapshot = HeldSnapshot::new(held, held_blobs, vv, gaps).with_links(links);
    let device = repo.identity().await.map_err(UiError::from)?.device;
    let mut here = Here::new(device, local_now().timestamp_millis().max(0) as u64);
    here.max_drift_ms = drift_ms(prefs::clock_drift_hours());
    plan_import(&snapshot, bundle, &here).map_err(ExchangeError::Bundle)
}

/// The file's bundle: decrypted, then decompressed, as the envelope says.
async fn read(envelope: Envelope, passphrase: &str) -> Result<Bundle, BundleError> {
    let opened = match envelope.encryption().cloned() {
        None if envelope.compressed() => envelope.gzip()?,
        None => return envelope.read_plain(),
        Some(_) if passphrase.is_empty() => return Err(BundleError::NeedsPassphrase),
        Some(params) => {
            let aad = envelope.additional_data();
            let ciphertext = envelope.ciphertext()?;
            webcrypto::decrypt(passphrase, &params, &aad, &ciphertext)
                .await
                .ok_or(BundleError::WrongPassphrase)?
        }
    };
    if !envelope.compressed() {
        return envelope.read_decrypted(&opened);
    }
    let json = platform::gunzip(&opened, MAX_DECOMPRESSED_BYTES)
        .await
        .map_err(|e| match e {
            Gunzip::Unavailable => BundleError::NoDecompression,
            Gunzip::Damaged => BundleError::BadCompression,
            Gunzip::TooLarge => BundleError::TooLarge {
                limit_mib: MAX_DECOMPRESSED_BYTES >> 20,
            },
        })?;
    envelope.read_decompressed(&json)
}

/// Writes a planned import in one transaction and reads the views back.
pub async fn commit(state: AppState, plan: &ImportPlan) -> Result<AppendReport, ExchangeError> {
    let report = write_plan(state, plan, true).await?;
    state.reload().await;
    Ok(report)
}

/// [`commit`] without reading the views back; the source device is remembered as a peer (for incremental exports to it)
/// when `from_peer`, and not for a batch pulled from a server.
pub async fn write_plan(
    state: AppState,
    plan: &ImportPlan,
    from_peer: bool,
) -> Result<AppendReport, ExchangeError> {
    let repo = repo(&state)?;
    let events: Vec<crate::domain::Event> =
        plan.new_events.iter().map(|s| s.event.clone()).collect();
    let mut clock = repo.device_clock().await.map_err(UiError::from)?;
    clock.observe_within(
        events.iter(),
        local_now().timestamp_millis().max(0) as u64,
        drift_ms(prefs::clock_drift_hours()),
    );
    let blobs: Vec<(String, String, Vec<u8>)> = plan
        .new_blobs
        .iter()
        .map(|b| (b.sha256.clone(), b.mime.clone(), b.bytes.clone()))
        .collect();
    let label = format!("{} {}", plan.source.code, plan.source.label);
    let report = if from_peer {
        repo.import(
            &events,
            &clock,
            &blobs,
            (plan.source.id, &plan.source_vector),
            &label,
            &plan.complaints,
        )
        .await
    } else {
        repo.receive(&events, &clock, &blobs, &plan.complaints)
            .await
    }
    .map_err(UiError::from)?;
    Ok(report)
}

/// Offers a bundle as a download.
pub fn download(file: &BundleFile) -> bool {
    platform::download_bytes(
        &file.file_name,
        "application/json",
        file.contents.as_bytes(),
    )
}

/// Whether this browser can hand a file to other apps (the Web Share API with files).
pub fn can_share() -> bool {
    platform::can_share_files()
}

/// Hands a bundle to the tablet's share sheet (chat apps, e-mail, files).
pub async fn share(file: &BundleFile) -> bool {
    platform::share_file(&file.file_name, &file.contents).await
}

/// The devices this one has imported from, for incremental exports: id and "code label".
pub async fn peers(state: AppState) -> Vec<(DeviceId, String)> {
    match state.repo() {
        Some(repo) => repo
            .peer_labels()
            .await
            .map(|m| m.into_iter().collect())
            .unwrap_or_default(),
        None => Vec::new(),
    }
}
