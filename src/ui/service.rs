//! The one place that composes `domain` and `storage` for the pages: a person's command is
//! checked by the domain, stamped with this device's clock, appended in one transaction, and the
//! folded view read back into the signals. Pages call these; they decide nothing themselves.

use crate::ui::i18n::Message;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

use crate::domain::{
    Actor, Brief, Command, Complaint, ComplaintDetails, ComplaintId, ComplaintNumber, DeviceCode,
    DomainError, Lang, NewEvent, PersonId, RecordId, RosterCommand, SettingChange, apply,
    apply_roster, apply_setting,
};
use crate::storage::{Repo, StorageError};

use super::platform::PickedFile;
use super::state::AppState;

/// Why an action did not happen. Nothing was saved.
#[derive(Clone, Debug, PartialEq)]
pub enum UiError {
    Domain(DomainError),
    Storage(StorageError),
    /// Nobody has said who is using this tablet.
    NoUser,
    /// The device has no code yet, so complaints cannot be numbered.
    NoDeviceCode,
    /// The data is still loading.
    NotReady,
    /// The browser could not read a picked file.
    FileUnreadable,
    /// The browser could not encode the signature pad's drawing.
    SignatureNotEncoded,
    /// The signature pad was saved with nothing drawn on it.
    SignatureEmpty,
    /// Signing in as this person is refused (deactivated, or locked after wrong PINs).
    SignIn(crate::domain::lock::SignInRefused),
    /// A wrong personal PIN; this many tries are left before the lockout.
    WrongPin {
        left: u32,
    },
    /// A PIN that is not 4 to 8 digits.
    PinRule,
    /// A new PIN typed differently the second time.
    PinMismatch,
    /// No complaint held here has the number typed.
    NoSuchNumber,
    /// The demo's data file could not be fetched, or is not this version's.
    DemoFile,
}

impl Message for UiError {
    fn message(&self, lang: Lang) -> String {
        match self {
            UiError::Domain(e) => e.message(lang),
            UiError::Storage(e) => e.message(lang),
            UiError::NoUser => lang.texts().people.no_user.into(),
            UiError::NoDeviceCode => lang.texts().people.no_device_code.into(),
            UiError::NotReady => lang.texts().people.not_ready.into(),
            UiError::FileUnreadable => lang.texts().paper.file_unreadable.into(),
            UiError::SignatureNotEncoded => lang.texts().paper.pad_encode_failed.into(),
            UiError::SignatureEmpty => lang.texts().paper.pad_empty.into(),
            UiError::SignIn(crate::domain::lock::SignInRefused::Inactive) => {
                lang.texts().people.person_inactive.into()
            }
            UiError::SignIn(crate::domain::lock::SignInRefused::Locked(until)) => lang
                .texts()
                .people
                .pin_locked
                .replace("{until}", &until.format("%H:%M:%S").to_string()),
            UiError::WrongPin { left } => lang
                .texts()
                .people
                .pin_wrong_left
                .replace("{left}", &left.to_string()),
            UiError::PinRule => lang.texts().people.pin_rule.into(),
            UiError::PinMismatch => lang.texts().people.pin_mismatch.into(),
            UiError::NoSuchNumber => lang.texts().complaint.link_number_missing.into(),
            UiError::DemoFile => lang.texts().demo_file_missing.into(),
        }
    }
}

impl From<DomainError> for UiError {
    fn from(e: DomainError) -> Self {
        UiError::Domain(e)
    }
}

impl From<StorageError> for UiError {
    fn from(e: StorageError) -> Self {
        UiError::Storage(e)
    }
}

/// Ten fresh random bytes for an event id.
fn random_bytes() -> [u8; 10] {
    super::platform::crypto::random_bytes()
}

fn actor(state: &AppState) -> Result<Actor, UiError> {
    state
        .current_person()
        .map(|p| p.actor())
        .ok_or(UiError::NoUser)
}

fn repo(state: &AppState) -> Result<std::rc::Rc<Repo>, UiError> {
    state.repo().ok_or(UiError::NotReady)
}

/// Stamps `news` after the record's `heads` and appends them with the device clock.
async fn record(
    repo: &Repo,
    news: Vec<NewEvent>,
    heads: Vec<crate::domain::EventId>,
    seen: Option<crate::domain::Hlc>,
) -> Result<(), UiError> {
    record_ids(repo, news, heads, seen).await.map(|_| ())
}

/// [`record`], returning the ids the events were given.
async fn record_ids(
    repo: &Repo,
    news: Vec<NewEvent>,
    heads: Vec<crate::domain::EventId>,
    seen: Option<crate::domain::Hlc>,
) -> Result<Vec<crate::domain::EventId>, UiError> {
    let mut clock = repo.device_clock().await?;
    if clock.link.is_none() {
        // A device from before the history was sealed: its chain starts after its last event,
        // the last of this device in its record, so the device index finds it.
        clock.link = Some(
            repo.links_of(&[(clock.device, clock.last_seq)])
                .await?
                .into_values()
                .next()
                .unwrap_or_default(),
        );
    }
    let mut events = clock.stamp_all(news, heads, seen, random_bytes);
    crate::format::seal::seal_all(&mut clock, &mut events, salt);
    repo.append(&events, Some(&clock)).await?;
    Ok(events.iter().map(|e| e.id).collect())
}

/// A fresh salt for the digests of an event's personal values: 16 random bytes in hex.
fn salt() -> String {
    let mut bytes = [0u8; 16];
    bytes[..10].copy_from_slice(&random_bytes());
    bytes[10..].copy_from_slice(&random_bytes()[..6]);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads one complaint's view back and puts its brief in the list; a page showing the whole
/// complaint reads it again when its brief changes.
async fn refresh_complaint(state: AppState, repo: &Repo, id: ComplaintId) -> Result<(), UiError> {
    if let Some(c) = repo.complaint(id).await? {
        state.briefs.try_update(|all| {
            all.insert(id, Brief::of(&c));
        });
    }
    Ok(())
}

/// One whole complaint and its record's events, as the detail page shows them.
pub async fn whole_complaint(
    state: AppState,
    id: ComplaintId,
) -> Result<(Option<Complaint>, Vec<crate::domain::Event>), UiError> {
    Ok(repo(&state)?.complaint_with_events(id).await?)
}

/// Every whole complaint, for what needs more than the briefs: the statistics and the CSVs.
pub async fn whole_complaints(state: AppState) -> Result<Vec<Complaint>, UiError> {
    Ok(repo(&state)?.complaints().await?)
}

/// Records a new complaint received at `received_at`; returns its id.
pub async fn receive(
    state: AppState,
    details: ComplaintDetails,
    received_at: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Result<ComplaintId, UiError> {
    let repo = repo(&state)?;
    let actor = actor(&state)?;
    let code: DeviceCode = state
        .identity
        .get_untracked()
        .and_then(|i| i.code)
        .ok_or(UiError::NoDeviceCode)?;
    let number = state.briefs.with_untracked(|all| {
        ComplaintNumber::next_for(
            received_at.date_naive(),
            code,
            all.values().map(|c| &c.number),
        )
    });
    // The earlier complaints it repeats are linked from the start.
    let mut details = details;
    details.related.extend(
        repeats_of(&state, &details, received_at)
            .into_iter()
            .map(|b| b.id),
    );
    let id = RecordId::new_v7(now.timestamp_millis().max(0) as u64, &random_bytes());
    let command = Command::Receive {
        id,
        number,
        received_at,
        details,
    };
    let news = state
        .settings
        .with_untracked(|s| apply(None, &command, &actor, now, s))?;
    record(&repo, news, Vec::new(), None).await?;
    refresh_complaint(state, &repo, id).await?;
    Ok(id)
}

/// Gives `command` on complaint `id`.
pub async fn command(
    state: AppState,
    id: ComplaintId,
    command: Command,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    let repo = repo(&state)?;
    let actor = actor(&state)?;
    let Some(current) = repo.complaint(id).await? else {
        return Err(UiError::Domain(DomainError::NoComplaint));
    };
    let news = state
        .settings
        .with_untracked(|s| apply(Some(&current), &command, &actor, now, s))?;
    record(&repo, news, current.heads.clone(), Some(current.latest_hlc)).await?;
    refresh_complaint(state, &repo, id).await
}

/// Adds or changes a person on the roster. On an empty roster the first person adds
/// themselves, as the leader who sets the tablet up.
pub async fn roster(
    state: AppState,
    person: Option<PersonId>,
    change: RosterCommand,
    now: DateTime<FixedOffset>,
) -> Result<PersonId, UiError> {
    let first = state.roster.with_untracked(Vec::is_empty);
    let actor = match (&change, first) {
        (RosterCommand::Add { id, name, role, .. }, true) => Actor::new(*id, name.clone(), *role),
        _ => actor(&state)?,
    };
    roster_as(state, actor, person, change, now).await
}

/// A roster command made by `actor` (the current user, or a person setting their own PIN as
/// they sign in).
async fn roster_as(
    state: AppState,
    actor: Actor,
    person: Option<PersonId>,
    change: RosterCommand,
    now: DateTime<FixedOffset>,
) -> Result<PersonId, UiError> {
    let repo = repo(&state)?;
    let existing = person.and_then(|id| {
        state
            .roster
            .with_untracked(|r| r.iter().find(|p| p.id == id).cloned())
    });
    let news = state
        .settings
        .with_untracked(|s| apply_roster(existing.as_ref(), &change, &actor, now, s))?;
    let (heads, seen) = existing
        .map(|p| (p.heads, Some(p.latest_hlc)))
        .unwrap_or_default();
    let id = match &change {
        RosterCommand::Add { id, .. } => *id,
        RosterCommand::Change(_) => person.ok_or(UiError::Domain(DomainError::NoComplaint))?,
    };
    record(&repo, news, heads, seen).await?;
    let people = repo.roster().await?;
    state.roster.try_set(people);
    Ok(id)
}

/// Changes a shared setting (it syncs to other devices as an event).
pub async fn setting(
    state: AppState,
    change: SettingChange,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    let repo = repo(&state)?;
    let actor = actor(&state)?;
    let (news, heads, seen) = state.settings.with_untracked(|s| {
        apply_setting(s, &change, &actor, now).map(|news| (news, s.heads.clone(), s.latest_hlc))
    })?;
    record(&repo, news, heads, seen).await?;
    let settings = repo.settings().await?;
    state.settings.try_set(settings);
    Ok(())
}

/// Logs a drill or a training session on the plan document's record.
pub async fn log_upkeep(
    state: AppState,
    upkeep: crate::domain::plan_doc::Upkeep,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    on_plan_record(state, |actor, s| {
        crate::domain::plan_doc::apply_upkeep(&upkeep, actor, now, s)
    })
    .await
}

/// Records on the plan document's record what `apply` makes of the current person and the
/// shared settings.
async fn on_plan_record(
    state: AppState,
    apply: impl FnOnce(
        &crate::domain::Actor,
        &crate::domain::settings::Settings,
    ) -> Result<Vec<NewEvent>, crate::domain::DomainError>,
) -> Result<(), UiError> {
    let repo = repo(&state)?;
    let actor = actor(&state)?;
    let doc = repo.plan_document().await?;
    let news = state.settings.with_untracked(|s| apply(&actor, s))?;
    record(&repo, news, doc.heads, doc.latest_hlc).await
}

/// Sets one unit of the organisation (a shared setting), checked by the domain.
pub async fn set_unit(
    state: AppState,
    id: crate::domain::ids::UnitId,
    unit: crate::domain::organisation::OrgUnit,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    setting(state, SettingChange::Unit { id, unit }, now).await
}

/// Puts a person on the duty rota for a date and shift, or takes whoever is there off: only a
/// person who signs in with a PIN may be on it.
pub async fn assign_duty(
    state: AppState,
    day: chrono::NaiveDate,
    shift: crate::domain::organisation::Shift,
    person: Option<PersonId>,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    if let Some(id) = person {
        state.roster.with_untracked(|r| {
            crate::domain::organisation::check_duty(r.iter().find(|p| p.id == id))
                .map_err(crate::domain::DomainError::from)
        })?;
    }
    setting(state, SettingChange::Duty { day, shift, person }, now).await
}

/// The ledger's sign-offs, read from this device.
pub async fn ledger(state: AppState) -> Result<crate::domain::ledger::Ledger, UiError> {
    Ok(repo(&state)?.ledger().await?)
}

/// The week in the field, read from this device.
pub async fn visits(state: AppState) -> Result<crate::domain::visits::Visits, UiError> {
    Ok(repo(&state)?.visits().await?)
}

/// Records a change to the visits record (a place, a plan, a visit, a defect, a link) as the
/// current person; returns the id of the event recorded.
pub async fn visit_command(
    state: AppState,
    command: crate::domain::visits::VisitCommand,
    now: DateTime<FixedOffset>,
) -> Result<crate::domain::EventId, UiError> {
    let repo = repo(&state)?;
    let actor = actor(&state)?;
    let visits = repo.visits().await?;
    let news = state.settings.with_untracked(|s| {
        crate::domain::visits::apply_visit(&visits, s, &command, &actor, now)
    })?;
    let ids = record_ids(&repo, news, visits.heads, visits.latest_hlc).await?;
    ids.into_iter().next().ok_or(UiError::NotReady)
}

/// The company's plan document, read from this device.
pub async fn plan_document(
    state: AppState,
) -> Result<crate::domain::plan_doc::PlanDocument, UiError> {
    Ok(repo(&state)?.plan_document().await?)
}

/// Records an approved revision of the plan document as the current person.
pub async fn revise_plan(
    state: AppState,
    revision: crate::domain::plan_doc::Revision,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    on_plan_record(state, |actor, s| {
        crate::domain::plan_doc::apply_revision(&revision, s, actor, now)
    })
    .await
}

/// Puts `draft` in place of the intake form's draft (a visit's finding becoming a complaint).
pub async fn save_intake_draft(
    state: AppState,
    draft: &crate::ui::pages::new_complaint::IntakeDraft,
) -> Result<(), UiError> {
    Ok(repo(&state)?
        .db()
        .save_draft(
            crate::ui::pages::new_complaint::DRAFT_KEY,
            draft,
            super::platform::now_ms(),
        )
        .await?)
}

/// Signs a daily check or a monthly review off as the current person.
pub async fn sign_review(
    state: AppState,
    review: crate::domain::ledger::Review,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    let repo = repo(&state)?;
    let actor = actor(&state)?;
    let ledger = repo.ledger().await?;
    let news = crate::domain::ledger::apply_ledger(&review, &actor, now)?;
    record(&repo, news, ledger.heads, ledger.latest_hlc).await
}

/// Sets this device's code and label.
pub async fn name_device(state: AppState, code: &str, label: &str) -> Result<(), UiError> {
    let repo = repo(&state)?;
    let code = DeviceCode::parse(code).map_err(DomainError::from)?;
    let identity = repo.set_identity_labels(code, label).await?;
    state.identity.try_set(Some(identity));
    Ok(())
}

/// Chooses who is using this tablet (`None` signs out). The choice holds for this session
/// even when the browser would not remember it; the error says it will not survive a reload.
pub fn sign_in(state: AppState, person: Option<PersonId>) -> Result<(), UiError> {
    let remembered =
        crate::storage::prefs::set_current_user(person.map(|p| p.to_string()).as_deref());
    state.user.set(person);
    Ok(remembered?)
}

/// The earlier complaints a record received at `received_at` repeats (the domain's repeat
/// rule over the briefs this tablet holds, within the repeat window), oldest first.
pub fn repeats_of(
    state: &AppState,
    details: &ComplaintDetails,
    received_at: DateTime<FixedOffset>,
) -> Vec<Brief> {
    let window = state.settings.with(|s| s.repeat_window_days);
    state.briefs.with(|all| {
        crate::domain::brief::repeats_among(details, received_at, all.values(), window)
            .into_iter()
            .cloned()
            .collect()
    })
}

/// Links `other` to the complaint as related, or unlinks it: an edit of the record's related
/// complaints.
pub async fn link_related(
    state: AppState,
    c: &Complaint,
    other: ComplaintId,
    link: bool,
    now: DateTime<FixedOffset>,
) -> Result<(), UiError> {
    let mut related = c.details.related.clone();
    if link {
        related.insert(other);
    } else {
        related.remove(&other);
    }
    let change = crate::domain::FieldChange::Related(related);
    command(state, c.id, Command::EditField(change), now).await?;
    Ok(())
}

/// A roster entry by id.
fn person(state: &AppState, id: PersonId) -> Result<crate::domain::Person, UiError> {
    state
        .roster
        .with_untracked(|r| r.iter().find(|p| p.id == id).cloned())
        .ok_or(UiError::Domain(DomainError::NoComplaint))
}

/// What signing in as `id` asks for now: nothing, the person's PIN, or a new PIN.
pub fn sign_in_step(state: AppState, id: PersonId) -> Result<crate::domain::lock::SignIn, UiError> {
    let p = person(&state, id)?;
    let tries = crate::storage::prefs::pin_tries(&id.to_string());
    let step = crate::domain::lock::sign_in(&p, &tries, super::state::local_now())
        .map_err(UiError::SignIn)?;
    if step == crate::domain::lock::SignIn::Open {
        sign_in(state, Some(id))?;
    }
    Ok(step)
}

/// Checks `pin` against the person's PIN hash, counting a wrong one on this tablet: the fifth
/// in a row locks signing in as them for a few minutes.
pub async fn check_person_pin(state: AppState, id: PersonId, pin: &str) -> Result<(), UiError> {
    use crate::domain::lock;
    let p = person(&state, id)?;
    let key = id.to_string();
    let tries = crate::storage::prefs::pin_tries(&key);
    lock::sign_in(&p, &tries, super::state::local_now()).map_err(UiError::SignIn)?;
    let Some(hash) = p.pin else {
        return Ok(());
    };
    let derived =
        super::platform::crypto::pbkdf2_sha256(pin.trim(), &hash.salt_bytes(), hash.iterations)
            .await;
    let now = super::state::local_now();
    if hash.matches(&derived) {
        crate::storage::prefs::set_pin_tries(&key, lock::Tries::default())?;
        return Ok(());
    }
    let after = tries.failed(now);
    crate::storage::prefs::set_pin_tries(&key, after)?;
    Err(match after.locked(now) {
        Some(until) => UiError::SignIn(lock::SignInRefused::Locked(until)),
        None => UiError::WrongPin { left: after.left() },
    })
}

/// Signs in as `id` with their personal PIN.
pub async fn sign_in_with_pin(state: AppState, id: PersonId, pin: &str) -> Result<(), UiError> {
    check_person_pin(state, id, pin).await?;
    sign_in(state, Some(id))
}

/// A new personal PIN for `id`, typed twice, hashed slowly with a fresh salt and recorded as an
/// event. Made by the person themself (`by_self`, as they sign in or from settings) or by the
/// current user, a leader.
pub async fn set_pin(
    state: AppState,
    id: PersonId,
    pin: &str,
    again: &str,
    by_self: bool,
) -> Result<(), UiError> {
    use crate::domain::lock;
    let pin = lock::check_pin(pin).map_err(|_| UiError::PinRule)?;
    if pin != again.trim() {
        return Err(UiError::PinMismatch);
    }
    let p = person(&state, id)?;
    let actor = if by_self { p.actor() } else { actor(&state)? };
    let salt = super::platform::crypto::random_bytes::<{ lock::PIN_SALT_BYTES }>();
    let derived = super::platform::crypto::pbkdf2_sha256(&pin, &salt, lock::PIN_ITERATIONS).await;
    let hash = crate::domain::PinHash::new(lock::PIN_ITERATIONS, &salt, &derived);
    let change = RosterCommand::Change(crate::domain::PersonChange::Pin(Some(hash)));
    roster_as(state, actor, Some(id), change, super::state::local_now()).await?;
    Ok(())
}

/// Downscales a photo from the camera or a file and stores it; returns its SHA-256.
pub async fn store_photo(state: AppState, photo: PickedFile) -> Result<String, UiError> {
    let repo = repo(&state)?;
    let jpeg = crate::storage::blobs::downscale_photo(&photo).await?;
    Ok(repo.db().put_blob(jpeg, "image/jpeg").await?)
}

/// Stores a picked file as evidence: a photo made smaller, a recording or a PDF as it is, each
/// within the domain's limit (`form::attachment_kind`). Returns its kind and SHA-256.
pub async fn store_attachment(
    state: AppState,
    file: PickedFile,
) -> Result<(crate::domain::EvidenceKind, String), UiError> {
    use crate::domain::EvidenceKind;
    use crate::ui::platform::{file_bytes, file_mime, file_size};
    let mime = file_mime(&file);
    let kind = crate::domain::form::attachment_kind(&mime, file_size(&file))
        .map_err(DomainError::Invalid)?;
    if kind == EvidenceKind::Photo {
        return Ok((kind, store_photo(state, file).await?));
    }
    let repo = repo(&state)?;
    let bytes = file_bytes(&file).await.ok_or(UiError::FileUnreadable)?;
    Ok((kind, repo.db().put_blob(bytes, &mime).await?))
}

/// Stores a signature drawn on the pad (PNG bytes); returns its SHA-256.
pub async fn store_signature(state: AppState, png: Option<Vec<u8>>) -> Result<String, UiError> {
    let repo = repo(&state)?;
    let png = png.ok_or(UiError::SignatureNotEncoded)?;
    Ok(repo.db().put_blob(png, "image/png").await?)
}

/// Records the automatic escalations due at `now` (a valid complaint unresolved for a month
/// becomes major), as events by the system actor.
pub async fn escalate_overdue(
    state: AppState,
    now: DateTime<FixedOffset>,
) -> Result<usize, UiError> {
    let repo = repo(&state)?;
    // The briefs say which are due; each is read whole and checked again before it is written.
    let due: Vec<ComplaintId> = state.briefs.with_untracked(|all| {
        state.settings.with_untracked(|s| {
            all.values()
                .filter(|b| b.clocks.escalation_due(s, now))
                .map(|b| b.id)
                .collect()
        })
    });
    let mut count = 0;
    for id in due {
        let Some(c) = repo.complaint(id).await? else {
            continue;
        };
        let news = state
            .settings
            .with_untracked(|s| crate::domain::auto_escalations(&c, s, now));
        if news.is_empty() {
            continue;
        }
        record(&repo, news, c.heads.clone(), Some(c.latest_hlc)).await?;
        refresh_complaint(state, &repo, id).await?;
        count += 1;
    }
    Ok(count)
}

/// Switches to the demo database and, when it is empty, fills it with the demo complaints and
/// roster. Signs in as the demo leader. Real data is untouched. (The 10,000-complaint generator
/// is for the benchmarks: they import its file through the Sync page.)
pub async fn load_demo(state: AppState) -> Result<(), UiError> {
    use super::state::DEMO_DB;
    state.db_name.set(DEMO_DB);
    state.reload().await;
    let repo = repo(&state)?;
    if state.briefs.with_untracked(|c| c.is_empty()) {
        // Fetched before anything is written, so a failure leaves the demo database empty.
        let text = super::platform::fetch_text("demo.json")
            .await
            .ok_or(UiError::DemoFile)?;
        let code = DeviceCode::parse("D1").map_err(DomainError::from)?;
        let identity = repo
            .set_identity_labels(code.clone(), "演示平板 / Demo tablet")
            .await?;
        let now = super::state::local_now();
        let events = crate::demo::demo_events_from(&text, now, identity.device, code)
            .ok_or(UiError::DemoFile)?;
        let mut clock = crate::domain::DeviceClock::new(identity.device);
        clock.last_seq = events
            .iter()
            .filter(|e| e.device == identity.device)
            .map(|e| e.seq)
            .max()
            .unwrap_or(0);
        clock.observe(events.iter(), now.timestamp_millis().max(0) as u64);
        clock.link = events
            .iter()
            .filter(|e| e.device == identity.device)
            .max_by_key(|e| e.seq)
            .map(crate::format::seal::link);
        repo.append(&events, Some(&clock)).await?;
        state.reload().await;
    }
    // Remembered only once the demo data is written (one transaction), so a reload while it
    // loads comes back to the real data, never to an empty demo.
    crate::storage::prefs::set_demo_mode(true)?;
    let leader = state.roster.with_untracked(|r| {
        r.iter()
            .find(|p| p.role == crate::domain::Role::Leader && p.active)
            .map(|p| p.id)
    });
    if state.user.get_untracked().is_none() {
        sign_in(state, leader)?;
    }
    Ok(())
}

/// Deletes the demo database and goes back to the real data.
pub async fn clear_demo(state: AppState) -> Result<(), UiError> {
    use super::state::{DEMO_DB, REAL_DB};
    state.close_repo();
    crate::storage::Db::delete(DEMO_DB).await?;
    crate::storage::prefs::set_demo_mode(false)?;
    state.db_name.set(REAL_DB);
    state.reload().await;
    Ok(())
}

/// One break in the stored history, as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryBreak {
    /// The device's code and label, or its id when this device never heard of it.
    pub device: String,
    pub seq: u64,
    /// The complaint number, or the record id for a roster or settings record.
    pub record: String,
    pub kind: crate::format::seal::BreakKind,
}

/// What "check the history" found.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryReport {
    pub check: crate::format::seal::ChainCheck,
    pub breaks: Vec<HistoryBreak>,
    /// How long the check took, in milliseconds.
    pub took_ms: f64,
}

/// Verifies the chain of every stored event (see [`crate::format::seal`]).
pub async fn check_history(state: AppState) -> Result<HistoryReport, UiError> {
    let repo = repo(&state)?;
    let started = super::platform::now_ms();
    let check = repo.check_history().await?;
    let took_ms = super::platform::now_ms() - started;
    let labels = repo.peer_labels().await?;
    let own = repo.identity().await?;
    let briefs = state.briefs.get_untracked();
    let breaks = check
        .breaks
        .iter()
        .map(|b| HistoryBreak {
            device: if b.device == own.device {
                own.code
                    .as_ref()
                    .map(|c| format!("{c} {}", own.label))
                    .unwrap_or_else(|| own.label.clone())
            } else {
                labels
                    .get(&b.device)
                    .cloned()
                    .unwrap_or_else(|| b.device.to_string())
            },
            seq: b.seq,
            record: briefs
                .get(&b.record)
                .map(|brief| brief.number.to_string())
                .unwrap_or_else(|| b.record.to_string()),
            kind: b.kind,
        })
        .collect();
    Ok(HistoryReport {
        check,
        breaks,
        took_ms,
    })
}
