//! The root component: language context, router, navigation and the update prompt.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::components::{lock::LockScreen, nav::Nav, update_banner::UpdateBanner};
use super::i18n::{Lang, LangCtx};
use super::pages::{
    dashboard::Dashboard, detail::Detail, list::List, new_complaint::NewComplaint,
    not_found::NotFound, settings::Settings, sync::Sync,
};
use super::pwa::{self, UpdateCtx};
use super::state::{AppState, Background, Load};
use crate::storage::{persist, prefs};

/// Reads the saved language, Chinese unless English was chosen.
fn saved_lang() -> Lang {
    match prefs::language().as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(saved_lang());
    provide_context(LangCtx(lang));
    Effect::new(move |_| {
        super::platform::set_document_lang(lang.get().tag());
    });

    let state = AppState::provide();
    super::components::lock::start_idle_watch(state);
    let update = UpdateCtx::new();
    provide_context(update);
    pwa::register(update);
    leptos::task::spawn_local(persist::ask_once());

    view! {
        <Router>
            <div class="shell">
                <Nav/>
                <main class="page" id="main">
                    <UpdateBanner/>
                    <StatusBanners state=state/>
                    <LockScreen/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Dashboard/>
                        <Route path=path!("/complaints") view=List/>
                        <Route path=path!("/complaints/new") view=NewComplaint/>
                        <Route path=path!("/complaints/:id") view=Detail/>
                        <Route path=path!("/sync") view=Sync/>
                        <Route path=path!("/settings") view=Settings/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

/// Banners about the data itself: still loading, unreadable, or stale after another tab's
/// upgrade, and the demo marker.
#[component]
fn StatusBanners(state: AppState) -> impl IntoView {
    let t = super::i18n::use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let reload = |_| super::platform::reload();
    view! {
        {move || match state.load.get() {
            Load::Loading => Some(view! { <p class="banner banner-loading" role="status" id="loading">{t().people.loading}</p> }.into_any()),
            Load::Failed(e) => Some(view! { <p class="banner banner-error" role="alert" id="load-error">{e.message(lang.get())}</p> }.into_any()),
            Load::Ready => None,
        }}
        <Show when=move || state.stale.get()>
            <div class="banner banner-error" role="alert" id="stale-banner">
                <span>{move || t().people.stale}</span>
                <button type="button" class="btn btn-primary" on:click=reload>{move || t().people.reload}</button>
            </div>
        </Show>
        {move || state.background_error.get().map(|(work, e)| {
            let what = match work {
                Background::Escalation => t().people.escalation_failed,
                Background::UpgradeWatch => t().people.upgrade_watch_failed,
            };
            view! {
                <p class="banner banner-error" role="alert" id="background-error">
                    {format!("{what}{}", e.message(lang.get()))}
                </p>
            }
        })}
        <Show when=move || state.is_demo()>
            <p class="banner banner-demo" role="status" id="demo-banner">{move || t().people.demo_active}</p>
        </Show>
    }
}
