//! Demo data in one click, in its own database, and cleared in one click.

use leptos::prelude::*;

use crate::ui::components::form::Notice;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::AppState;

/// The demo-data panel.
#[component]
pub fn DemoPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<(bool, String)>);
    let run = move || {
        busy.set(true);
        notice.set(None);
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            let result = service::load_demo(state).await;
            busy.try_set(false);
            if let Err(e) = result {
                notice.try_set(Some((false, e.message(l))));
            }
        });
    };
    let clear = move |_| {
        busy.set(true);
        let l = lang.get_untracked();
        leptos::task::spawn_local(async move {
            let result = service::clear_demo(state).await;
            busy.try_set(false);
            if let Err(e) = result {
                notice.try_set(Some((false, e.message(l))));
            }
        });
    };
    view! {
        <section class="card" id="demo-panel">
            <h2>{move || t().people.demo_title}</h2>
            <p class="hint">{move || t().people.demo_intro}</p>
            <div class="actions">
                <Show when=move || !state.is_demo()
                    fallback=move || view! {
                        <button type="button" class="btn btn-danger" id="demo-clear" disabled=move || busy.get() on:click=clear>{move || t().people.demo_clear}</button>
                    }>
                    <button type="button" class="btn btn-primary" id="demo-load" disabled=move || busy.get() on:click=move |_| run()>{move || t().people.demo_load}</button>
                </Show>
                <Show when=move || busy.get()><span class="hint" role="status">{move || t().people.demo_loading}</span></Show>
            </div>
            <Notice text=notice/>
        </section>
    }
}
