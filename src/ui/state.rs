//! The app's state at the UI edge: domain values wrapped in signals, the open repository, and
//! the clock that drives countdowns. Small `Copy` handles, shared through context.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

use crate::domain::{Brief, Person, PersonId, RecordId, Settings};
use crate::storage::{Identity, Repo, StorageError, prefs, watch};

/// The real data lives here; demo data in its own database, so clearing it touches nothing real.
pub const REAL_DB: &str = crate::storage::db::APP_DB;
pub const DEMO_DB: &str = "complaints-demo";

/// Whether the data has been read from the device yet.
#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    Loading,
    Ready,
    Failed(StorageError),
}

/// Everything the pages read. Writes go through `ui::service`.
#[derive(Clone, Copy)]
pub struct AppState {
    pub repo: StoredValue<Option<Rc<Repo>>, LocalStorage>,
    /// The database in use: [`REAL_DB`] or [`DEMO_DB`].
    pub db_name: RwSignal<&'static str>,
    pub load: RwSignal<Load>,
    pub identity: RwSignal<Option<Identity>>,
    /// Every complaint's brief (what the lists and counts need); a page that shows a whole
    /// complaint reads it from the repository when it opens.
    pub briefs: RwSignal<BTreeMap<RecordId, Brief>>,
    pub roster: RwSignal<Vec<Person>>,
    pub settings: RwSignal<Settings>,
    /// Who is using this tablet.
    pub user: RwSignal<Option<PersonId>>,
    /// Now, ticking every second for the countdowns.
    pub now: RwSignal<DateTime<FixedOffset>>,
    /// Another tab upgraded the database: this one must reload.
    pub stale: RwSignal<bool>,
    /// The PIN lock covers the screen.
    pub locked: RwSignal<bool>,
    /// Work the app did on its own that failed, and what it was.
    pub background_error: RwSignal<Option<(Background, crate::ui::service::UiError)>>,
}

/// Work the app does on its own, unasked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    /// Raising complaints open for over a month to major, on open.
    Escalation,
    /// Listening for another tab upgrading the database.
    UpgradeWatch,
    /// Keeping a preference of this device (the language; that storage was asked to persist).
    Preference,
}

/// The local time now, with the device's offset.
pub fn local_now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

impl AppState {
    /// Switches the UI language and remembers it on this device (`"zh"` or `"en"`); a device
    /// that cannot remember it says so, and the language still switches for this visit.
    pub fn choose_language(&self, lang: RwSignal<crate::domain::Lang>, next: crate::domain::Lang) {
        if let Err(e) = prefs::set_language(next.pref_tag()) {
            self.background_error
                .set(Some((Background::Preference, e.into())));
        }
        lang.set(next);
    }

    /// Makes the state, provides it as context and starts loading from IndexedDB.
    pub fn provide() -> AppState {
        let state = AppState {
            repo: StoredValue::new_local(None),
            db_name: RwSignal::new(if prefs::demo_mode() { DEMO_DB } else { REAL_DB }),
            load: RwSignal::new(Load::Loading),
            identity: RwSignal::new(None),
            briefs: RwSignal::new(BTreeMap::new()),
            roster: RwSignal::new(Vec::new()),
            settings: RwSignal::new(Settings::default()),
            user: RwSignal::new(None),
            now: RwSignal::new(local_now()),
            stale: RwSignal::new(false),
            locked: RwSignal::new(prefs::pin_hash().is_some()),
            background_error: RwSignal::new(None),
        };
        provide_context(state);
        state.start_ticking();
        leptos::task::spawn_local(state.reload());
        state
    }

    fn start_ticking(self) {
        super::platform::every(1000, move || {
            self.now.try_set(local_now());
        });
    }

    /// (Re)opens the database in use and reads every brief, the roster and the settings into
    /// the signals.
    pub async fn reload(self) {
        let name = self.db_name.get_untracked();
        self.close_repo();
        self.load.try_set(Load::Loading);
        match read_all(name).await {
            Ok((repo, identity, briefs, roster, settings)) => {
                let stale = self.stale;
                if let Err(e) = watch::watch_version_change(name, move || {
                    stale.try_set(true);
                }) {
                    self.background_error
                        .try_set(Some((Background::UpgradeWatch, e.into())));
                }
                self.repo.try_set_value(Some(Rc::new(repo)));
                self.identity.try_set(Some(identity));
                self.briefs.try_set(crate::domain::order::map(
                    briefs.into_iter().map(|c| (c.id, c)),
                ));
                let user = prefs::current_user().and_then(|id| {
                    roster
                        .iter()
                        .find(|p| p.id.to_string() == id && p.active)
                        .map(|p| p.id)
                });
                self.roster.try_set(roster);
                self.settings.try_set(settings);
                self.user.try_set(user);
                self.load.try_set(Load::Ready);
                super::platform::mark("open:ready");
                // Valid complaints unresolved for a month become major, by the system actor.
                if let Err(e) = crate::ui::service::escalate_overdue(self, local_now()).await {
                    self.background_error
                        .try_set(Some((Background::Escalation, e)));
                }
                super::platform::mark("open:escalated");
            }
            Err(err) => {
                self.load.try_set(Load::Failed(err));
            }
        }
    }

    /// Closes the open repository (before switching databases or deleting one).
    pub fn close_repo(&self) {
        if let Some(old) = self.repo.try_update_value(Option::take).flatten()
            && let Ok(repo) = Rc::try_unwrap(old)
        {
            repo.close();
        }
    }

    /// The open repository, once loaded.
    pub fn repo(&self) -> Option<Rc<Repo>> {
        self.repo.try_get_value().flatten()
    }

    /// The person using this tablet; nobody once that person was deactivated (on any device).
    pub fn current_person(&self) -> Option<Person> {
        let id = self.user.get()?;
        self.roster
            .with(|r| r.iter().find(|p| p.id == id && p.active).cloned())
    }

    /// A department's name in `lang`, from its id (or the text itself for free text).
    pub fn department_name(&self, id: &str, lang: crate::domain::Lang) -> String {
        self.settings
            .with(|s| {
                s.departments
                    .iter()
                    .find(|d| d.id == id)
                    .map(|d| d.name(lang).to_string())
            })
            .unwrap_or_else(|| id.to_string())
    }

    /// Whether the data in use is the demo data.
    pub fn is_demo(&self) -> bool {
        self.db_name.get() == DEMO_DB
    }
}

type Loaded = (Repo, Identity, Vec<Brief>, Vec<Person>, Settings);

async fn read_all(name: &str) -> Result<Loaded, StorageError> {
    use super::platform::mark;
    let repo = Repo::open(name).await?;
    let identity = repo.identity().await?;
    mark("open:database");
    let briefs = repo.briefs_or_rebuild().await?;
    mark("open:briefs");
    let roster = repo.roster().await?;
    let settings = repo.settings().await?;
    mark("open:roster-settings");
    Ok((repo, identity, briefs, roster, settings))
}
