//! The root component: language context, router, navigation and the update prompt.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::components::{nav::Nav, update_banner::UpdateBanner};
use super::i18n::{Lang, LangCtx};
use super::pages::{
    dashboard::Dashboard, detail::Detail, list::List, new_complaint::NewComplaint,
    not_found::NotFound, settings::Settings, sync::Sync,
};
use super::pwa::{self, UpdateCtx};
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
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().tag());
        }
    });

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
