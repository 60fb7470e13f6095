//! Live replication with a CouchDB server, composed from `sync::couch` (documents, requests,
//! answers and their checks), the planning and the one write path a bundle file uses
//! (`exchange::plan_bundle`, `exchange::write_plan`), and the platform's `fetch`.
//!
//! One run: check the database; read this device's checkpoint on the server; pull `_changes`
//! in batches, each checked, planned and written in one transaction before the checkpoint moves
//! past it; then push what the server is not known to hold, `_revs_diff` first so only what it
//! lacks is sent, in `_bulk_docs` batches with the revisions given (a batch sent twice after an
//! interruption stores nothing twice); last, the checkpoint. An interrupted run leaves
//! everything it wrote and resumes from its checkpoint.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::Lang;
use crate::storage::prefs::{self, LastSync, ServerPrefs};
use crate::sync::couch::{
    self, Checkpoint, CouchError, Doc, PULL_BATCH, PUSH_BATCH, Server, basic_auth, check_bulk_docs,
    check_database, classify, missing_ids, read_changes, read_checkpoint,
};
use crate::sync::{Blob, BundleError};

use super::exchange::{self, ExchangeError};
use super::i18n::Message;
use super::platform;
use super::service::UiError;
use super::state::{AppState, Background, local_now};

/// Why a replication stopped. Batches written before it stay written.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplicateError {
    Couch(CouchError),
    Exchange(ExchangeError),
    /// No server has been set on this tablet.
    NotSet,
}

impl From<CouchError> for ReplicateError {
    fn from(e: CouchError) -> Self {
        ReplicateError::Couch(e)
    }
}

impl<E: Into<UiError>> From<E> for ReplicateError {
    fn from(e: E) -> Self {
        ReplicateError::Exchange(ExchangeError::Ui(e.into()))
    }
}

impl Message for ReplicateError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ReplicateError::Couch(e) => e.message(lang),
            ReplicateError::Exchange(e) => e.message(lang),
            ReplicateError::NotSet => lang.texts().server.not_set.into(),
        }
    }
}

/// Where a run stands, for the progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Pulling (else pushing).
    pub pulling: bool,
    pub done: usize,
    pub total: usize,
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Events (and attachments) received that were new here.
    pub received: usize,
    /// Documents the server lacked and was sent.
    pub sent: usize,
}

/// The state of replication on this tablet, shared by the Sync page and the automatic runs.
#[derive(Clone, Copy)]
pub struct Replication {
    pub running: RwSignal<bool>,
    pub progress: RwSignal<Option<Progress>>,
    pub last: RwSignal<Option<LastSync>>,
    /// Runs finished since the page opened.
    pub runs: RwSignal<u32>,
    /// Whether the browser believes it is online.
    pub online: RwSignal<bool>,
    lang: RwSignal<Lang>,
}

impl Replication {
    /// Provides the replication state, and starts syncing by itself (at start, every five
    /// minutes, and whenever the tablet comes back online) while the person has it on.
    pub fn provide(state: AppState) -> Replication {
        let r = Replication {
            running: RwSignal::new(false),
            progress: RwSignal::new(None),
            last: RwSignal::new(prefs::last_sync()),
            runs: RwSignal::new(0),
            online: RwSignal::new(platform::is_online()),
            lang: expect_context::<super::i18n::LangCtx>().0,
        };
        provide_context(r);
        let auto = move || {
            if prefs::server().is_some_and(|s| s.auto) && platform::is_online() {
                leptos::task::spawn_local(r.run(state));
            }
        };
        let online = r.online;
        platform::on_connectivity(move |on| {
            online.set(on);
            if on {
                auto();
            }
        });
        platform::every(5 * 60 * 1000, auto);
        leptos::task::spawn_local(async move {
            // Once the data is open.
            platform::sleep_ms(3000).await;
            auto();
        });
        r
    }

    /// One run with the server set on this tablet, unless one is running. Its outcome,
    /// success or failure, is kept as the last sync with the time: the status line says it.
    pub async fn run(self, state: AppState) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        self.progress.set(None);
        let progress = self.progress;
        let result = match prefs::server() {
            Some(server) => {
                replicate(state, &server, move |p| {
                    progress.try_set(Some(p));
                })
                .await
            }
            None => Err(ReplicateError::NotSet),
        };
        let lang = self.lang.get_untracked();
        let last = LastSync {
            at: local_now().to_rfc3339(),
            ok: result.is_ok(),
            said: match &result {
                Ok(report) => report_text(report, lang),
                Err(e) => e.message(lang),
            },
        };
        // A full localStorage loses only the kept line, and says so; the data is written.
        if let Err(e) = prefs::set_last_sync(&last) {
            state
                .background_error
                .try_set(Some((Background::Preference, e.into())));
        }
        self.last.try_set(Some(last));
        self.running.try_set(false);
        self.progress.try_set(None);
        self.runs.try_update(|n| *n += 1);
    }
}

/// What a run did, in words.
pub fn report_text(r: &Report, lang: Lang) -> String {
    let s = &lang.texts().server;
    format!(
        "{} · {} {} · {} {}",
        s.done, s.received, r.received, s.sent, r.sent
    )
}

/// The server and its credentials, for one run's requests.
struct Conn {
    server: Server,
    auth: Option<String>,
}

impl Conn {
    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> Result<String, CouchError> {
        let (status, text) = platform::http(
            method,
            &self.server.at(path),
            self.auth.clone(),
            body,
            120_000,
        )
        .await
        .ok_or(CouchError::Unreachable)?;
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            Err(classify(status, &text))
        }
    }

    async fn save(
        &self,
        device: crate::domain::DeviceId,
        c: &mut Checkpoint,
    ) -> Result<(), CouchError> {
        let answer = self
            .request(
                "PUT",
                &couch::checkpoint_path(device),
                Some(couch::checkpoint_body(device, c)),
            )
            .await?;
        c.rev = couch::put_rev(&answer);
        Ok(())
    }
}

/// Checks the settings as typed, before they are saved: the address and the database name.
pub fn check_settings(p: &ServerPrefs) -> Result<(), ReplicateError> {
    Server::new(&p.url, &p.database)?;
    Ok(())
}

/// One replication with `p`'s server: pull, then push. See the module's text.
pub async fn replicate(
    state: AppState,
    p: &ServerPrefs,
    progress: impl Fn(Progress),
) -> Result<Report, ReplicateError> {
    let conn = Conn {
        server: Server::new(&p.url, &p.database)?,
        auth: basic_auth(&p.user, &p.password),
    };
    check_database(&conn.request("GET", "", None).await?)?;
    let repo = state.repo().ok_or(UiError::NotReady)?;
    let device = repo.identity().await?.device;
    let mut checkpoint = match conn
        .request("GET", &couch::checkpoint_path(device), None)
        .await
    {
        Ok(body) => read_checkpoint(&body),
        Err(CouchError::NoDatabase) => Checkpoint::default(),
        Err(e) => return Err(e.into()),
    };
    let mut report = Report::default();

    // Pull. What it receives is on the server: the push leaves it out.
    let mut on_server: BTreeSet<crate::domain::EventId> = BTreeSet::new();
    let mut seen = 0;
    loop {
        let body = conn
            .request(
                "GET",
                &couch::changes_path(checkpoint.pulled.as_ref()),
                None,
            )
            .await?;
        let changes = read_changes(&body)?;
        let (rows, last_seq, pending) = (changes.rows, changes.last_seq.clone(), changes.pending);
        if rows == 0 {
            break;
        }
        let bundle = couch::bundle_of(&conn.server, changes, local_now())?;
        on_server.extend(bundle.events.iter().map(|e| e.id));
        if !bundle.events.is_empty() || !bundle.blobs.is_empty() {
            let plan = exchange::plan_bundle(state, bundle)
                .await
                .map_err(refused)?;
            if !plan.is_empty() {
                let written = exchange::write_plan(state, &plan, false)
                    .await
                    .map_err(ReplicateError::Exchange)?;
                report.received += written.added + plan.new_blobs.len();
            }
        }
        checkpoint.pulled = Some(last_seq);
        conn.save(device, &mut checkpoint).await?;
        seen += rows;
        let left = pending.map_or(0, |n| n as usize);
        progress(Progress {
            pulling: true,
            done: seen,
            total: seen + left,
        });
        if pending == Some(0) || rows < PULL_BATCH {
            break;
        }
    }

    // Push: everything the server is not known to hold, attachments first so that no event
    // arrives before what it points at.
    let held = repo.version_vector().await?;
    let mut events = repo.events_missing_from(&checkpoint.pushed).await?;
    events.retain(|e| !on_server.contains(&e.id));
    let wanted: BTreeSet<String> = crate::domain::order::set(
        events
            .iter()
            .flat_map(|e| e.body.blobs())
            .map(str::to_string),
    );
    let mut docs: Vec<Doc> = Vec::with_capacity(events.len() + wanted.len());
    for sha256 in &wanted {
        if let Some(b) = repo.db().blob(sha256).await? {
            docs.push(couch::blob_doc(&Blob {
                sha256: b.sha256,
                mime: b.mime,
                bytes: b.bytes,
            }));
        }
    }
    docs.extend(events.iter().map(couch::event_doc));
    let mut done = 0;
    for batch in docs.chunks(PUSH_BATCH) {
        let missing = missing_ids(
            &conn
                .request("POST", "/_revs_diff", Some(couch::revs_diff_request(batch)))
                .await?,
        )?;
        let send: Vec<&Doc> = batch.iter().filter(|d| missing.contains(&d.id)).collect();
        if !send.is_empty() {
            check_bulk_docs(
                &conn
                    .request("POST", "/_bulk_docs", Some(couch::bulk_docs_request(&send)))
                    .await?,
            )?;
            report.sent += send.len();
        }
        done += batch.len();
        progress(Progress {
            pulling: false,
            done,
            total: docs.len(),
        });
    }
    checkpoint.pushed = held;
    conn.save(device, &mut checkpoint).await?;
    if report.received > 0 {
        state.reload().await;
    }
    Ok(report)
}

/// A pulled batch the planning refused: a known event with other content is named as the
/// server's conflict; the rest as the check that failed.
fn refused(e: ExchangeError) -> ReplicateError {
    match e {
        ExchangeError::Bundle(BundleError::ConflictingEvent { id }) => {
            CouchError::Conflict { id: id.to_string() }.into()
        }
        ExchangeError::Bundle(other) => CouchError::Refused(other).into(),
        other => ReplicateError::Exchange(other),
    }
}
