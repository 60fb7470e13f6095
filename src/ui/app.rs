//! The root component: language context, router, navigation and the update prompt.

use crate::ui::i18n::Message;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::components::{lock::LockScreen, nav::Nav, update_banner::UpdateBanner};
use super::i18n::{Lang, LangCtx};
use super::pages::{
    dashboard::Dashboard, detail::Detail, ledger::LedgerPage, list::List,
    new_complaint::NewComplaint, not_found::NotFound, settings::Settings, statistics::Statistics,
    sync::Sync,
};
use super::pwa::{self, UpdateCtx};
use super::state::{AppState, Background, Load};
use crate::storage::{persist, prefs};

/// Reads the saved language, Chinese unless English was chosen.
fn saved_lang() -> Lang {
    Lang::from_pref_tag(prefs::language().as_deref())
}

thread_local! {
    static BASE: String = super::platform::base_path();
}

/// The path the app is published under (`""` at the root of a site).
fn base() -> String {
    BASE.with(Clone::clone)
}

/// A link to one of the app's own pages (`"/settings"`), under the path the app is published
/// under. The router's `navigate` adds it by itself; `<A href>` does not.
pub fn href(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
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
    super::replicate::Replication::provide(state);
    super::components::lock::start_idle_watch(state);
    let update = UpdateCtx::new();
    provide_context(update);
    pwa::register(update);
    leptos::task::spawn_local(async move {
        if let Err(e) = persist::ask_once().await {
            state
                .background_error
                .try_set(Some((Background::Preference, e.into())));
        }
    });

    view! {
        <Router base=base()>
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
                        <Route path=path!("/statistics") view=Statistics/>
                        <Route path=path!("/ledger") view=LedgerPage/>
                        <Route path=path!("/visits") view=crate::ui::pages::visits::VisitsPage/>
                        <Route path=path!("/plan") view=crate::ui::pages::plan_doc::PlanPage/>
                        <Route path=path!("/organisation") view=crate::ui::pages::organisation::OrganisationPage/>
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
                Background::Preference => t().people.preference_failed,
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
        <InsecureNotice/>
    }
}

/// Once per device, on a page without a secure context (a plain `http://` LAN address): what the
/// browser will not do there, and how to open the app so that it does.
#[component]
fn InsecureNotice() -> impl IntoView {
    let t = super::i18n::use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let shown = RwSignal::new(
        !super::platform::is_secure_context() && !crate::storage::prefs::insecure_notice_seen(),
    );
    let failed = RwSignal::new(None::<crate::storage::StorageError>);
    let dismiss = move |_| match crate::storage::prefs::set_insecure_notice_seen() {
        Ok(()) => shown.set(false),
        Err(e) => failed.set(Some(e)),
    };
    view! {
        <Show when=move || shown.get()>
            <div class="banner banner-warn" role="status" id="insecure-notice">
                <div>
                    <p><strong>{move || t().people.insecure_title}</strong></p>
                    <p>{move || t().people.insecure_body}</p>
                    <p>{move || t().people.insecure_fix}</p>
                    {move || failed.get().map(|e| view! { <p class="error">{e.message(lang.get())}</p> })}
                </div>
                <button type="button" class="btn" id="insecure-ok" on:click=dismiss>{move || t().people.insecure_ok}</button>
            </div>
        </Show>
    }
}
