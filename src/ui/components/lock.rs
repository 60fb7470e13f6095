//! The PIN lock: after the idle time set in Settings, the screen is covered until the PIN is
//! entered. What was on screen stays underneath (and drafts are saved), so nothing is lost.

use crate::ui::i18n::Message;
use leptos::prelude::*;

use crate::domain::lock::{LockRuleError, check_lock};
use crate::storage::prefs::{self, PinHash};
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::platform;
use crate::ui::service::UiError;
use crate::ui::state::AppState;
use crate::ui::task::{Task, done};

/// Idle minutes before a user with a personal PIN is locked, on a tablet with no PIN of its own.
const PERSONAL_LOCK_MINUTES: u32 = 10;

/// Watches for activity and locks the screen after the idle time, when a PIN is set.
pub fn start_idle_watch(state: AppState) {
    let last_active = StoredValue::new(platform::now_ms());
    platform::on_user_activity(move || last_active.set_value(platform::now_ms()));
    Effect::new(move |_| {
        state.now.track();
        // The tablet's PIN locks after its idle time; a user with a personal PIN is locked
        // after that time too, or after ten minutes when the tablet has no PIN of its own.
        let personal = state.current_person().is_some_and(|p| p.pin.is_some());
        let minutes = match (prefs::lock_minutes(), prefs::pin_hash(), personal) {
            (Some(m), Some(_), _) => m,
            (m, _, true) => m.unwrap_or(PERSONAL_LOCK_MINUTES),
            _ => return,
        };
        let idle_ms = platform::now_ms() - last_active.get_value();
        if idle_ms > f64::from(minutes) * 60_000.0 && !state.locked.get_untracked() {
            state.locked.set(true);
        }
    });
}

/// The cover shown while locked.
#[component]
pub fn LockScreen() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let pin = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<(bool, String)>);
    // The tablet's PIN unlocks, and so does the current user's own PIN (wrong ones counted).
    let personal = Task::new(move |typed: String| async move {
        let id = state
            .current_person()
            .map(|p| p.id)
            .ok_or(UiError::NoUser)?;
        crate::ui::service::check_person_pin(state, id, &typed).await?;
        state.locked.try_set(false);
        done()
    });
    let unlock = move || {
        let typed = pin.get_untracked();
        let ok = prefs::pin_hash().is_none_or(|h| h.matches(typed.trim()));
        pin.set(String::new());
        if ok {
            notice.set(None);
            state.locked.set(false);
        } else if state.current_person().is_some_and(|p| p.pin.is_some()) {
            notice.set(None);
            personal.run(typed);
        } else {
            notice.set(Some((false, t().people.pin_wrong.to_string())));
        }
    };
    view! {
        <Show when=move || state.locked.get()>
            <div class="lock-screen" role="dialog" aria-modal="true" id="lock-screen">
                <div class="card">
                    <h2>{move || t().people.locked}</h2>
                    <form on:submit=move |ev| { ev.prevent_default(); unlock(); }>
                        <TextInput id="unlock-pin" kind="password" label=Signal::derive(move || t().people.pin.to_string())
                            value=pin on_input=Callback::new(move |v| pin.set(v)) />
                        <button type="submit" class="btn btn-primary" id="unlock">{move || t().people.unlock}</button>
                    </form>
                    <p class="hint">{move || t().people.lock_personal}</p>
                    <Notice text=notice/>
                    <Notice text=personal.notice()/>
                </div>
            </div>
        </Show>
    }
}

/// Settings: set or remove this tablet's PIN and the idle time before it locks.
#[component]
pub fn PinPanel() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let t = use_texts();
    let state = expect_context::<AppState>();
    let pin = RwSignal::new(String::new());
    let minutes = RwSignal::new(prefs::lock_minutes().unwrap_or(5).to_string());
    let has_pin = RwSignal::new(prefs::pin_hash().is_some());
    let notice = RwSignal::new(None::<(bool, String)>);
    let save = move |_| {
        let (p, m) = match check_lock(&pin.get_untracked(), &minutes.get_untracked()) {
            Ok(ok) => ok,
            Err(LockRuleError::Pin) => {
                notice.set(Some((false, t().people.pin_rule.to_string())));
                return;
            }
            Err(LockRuleError::Minutes) => {
                notice.set(Some((false, t().people.lock_rule.to_string())));
                return;
            }
        };
        let salt: String = crate::ui::platform::crypto::random_bytes::<16>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let stored = prefs::set_pin_hash(Some(&PinHash::new(&p, &salt)))
            .and_then(|()| prefs::set_lock_minutes(Some(m)));
        if let Err(e) = stored {
            // Half a lock is no lock: nothing stays set, and the person is told.
            prefs::set_pin_hash(None).ok();
            prefs::set_lock_minutes(None).ok();
            notice.set(Some((false, e.message(lang.get_untracked()))));
            return;
        }
        pin.set(String::new());
        has_pin.set(true);
        notice.set(Some((true, t().people.saved.to_string())));
    };
    let remove = move |_| {
        // Removing a localStorage entry cannot fail.
        prefs::set_pin_hash(None).ok();
        prefs::set_lock_minutes(None).ok();
        has_pin.set(false);
        notice.set(Some((true, t().people.pin_removed.to_string())));
    };
    view! {
        <section class="card" id="pin-panel">
            <h2>{move || t().people.pin_title}</h2>
            <p class="hint">{move || if has_pin.get() { t().people.pin_on } else { t().people.pin_off }}</p>
            <div class="form-row">
                <TextInput id="new-pin" kind="password" label=Signal::derive(move || t().people.pin.to_string())
                    value=pin on_input=Callback::new(move |v| pin.set(v))
                    hint=Signal::derive(move || Some(t().people.pin_rule.to_string())) />
                <TextInput id="lock-minutes" kind="number" label=Signal::derive(move || t().people.lock_minutes.to_string())
                    value=minutes on_input=Callback::new(move |v| minutes.set(v)) />
            </div>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="pin-save" on:click=save>{move || t().people.save}</button>
                <Show when=move || has_pin.get()>
                    <button type="button" class="btn" id="pin-remove" on:click=remove>{move || t().people.pin_remove}</button>
                    <button type="button" class="btn" id="lock-now" on:click=move |_| state.locked.set(true)>{move || t().people.lock_now}</button>
                </Show>
            </div>
            <Notice text=notice/>
        </section>
    }
}
