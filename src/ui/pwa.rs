//! Installability and offline: registers the service worker that a release build generates
//! (`scripts/gen-sw.sh`), and tracks whether a new version is waiting.
//!
//! This is the one UI file that talks to a browser platform API directly; it holds no data.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Set when the person pressed Reload; only then does a controller change reload the page.
static RELOAD_REQUESTED: AtomicBool = AtomicBool::new(false);

/// Service-worker state the UI shows.
#[derive(Clone, Copy)]
pub struct UpdateCtx {
    /// A new version is installed and waiting for the person to reload.
    pub waiting: RwSignal<bool>,
    /// A service worker controls this page, so it works offline.
    pub offline_ready: RwSignal<bool>,
    /// Pressing Reload could not hand over to the new version.
    pub failed: RwSignal<bool>,
}

impl UpdateCtx {
    pub fn new() -> Self {
        UpdateCtx {
            waiting: RwSignal::new(false),
            offline_ready: RwSignal::new(false),
            failed: RwSignal::new(false),
        }
    }
}

impl Default for UpdateCtx {
    fn default() -> Self {
        Self::new()
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers `sw.js` (beside `index.html`, at the root or under the sub-path the app is
/// published under) in release builds. Debug builds (`trunk serve`) never cache anything.
pub fn register(ctx: UpdateCtx) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else {
        return;
    };
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        ctx.offline_ready.set(true);
        if RELOAD_REQUESTED.load(Ordering::SeqCst) {
            super::platform::reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    leptos::task::spawn_local(async move {
        let Ok(registration) =
            JsFuture::from(container.register(&format!("{}/sw.js", super::platform::base_path())))
                .await
        else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let controlled = container.controller().is_some();
        ctx.offline_ready.set(controlled);
        if controlled && registration.waiting().is_some() {
            ctx.waiting.set(true);
        }
        watch_for_updates(&registration, ctx);
    });
}

/// When a newer worker finishes installing while an older one controls the page, ask to reload.
fn watch_for_updates(registration: &ServiceWorkerRegistration, ctx: UpdateCtx) {
    let reg = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            let has_controller = container().and_then(|c| c.controller()).is_some();
            if worker.state() == ServiceWorkerState::Installed && has_controller {
                ctx.waiting.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Tells the waiting worker to take over; the page reloads when it does. When the browser
/// will not hand over, `ctx.failed` says so (the banner tells the person).
pub fn apply_update(ctx: UpdateCtx) {
    RELOAD_REQUESTED.store(true, Ordering::SeqCst);
    let Some(container) = container() else {
        ctx.failed.set(true);
        return;
    };
    leptos::task::spawn_local(async move {
        let registration = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|found| found.dyn_into::<ServiceWorkerRegistration>().ok());
        let Some(registration) = registration else {
            ctx.failed.try_set(true);
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                if waiting
                    .post_message(&JsValue::from_str("skip-waiting"))
                    .is_err()
                {
                    ctx.failed.try_set(true);
                }
            }
            // Already active: a reload shows it.
            None => super::platform::reload(),
        }
    });
}
