//! Demo data in one click, in its own database, and cleared in one click.

use leptos::prelude::*;

use crate::ui::components::form::Notice;
use crate::ui::i18n::use_texts;
use crate::ui::service;
use crate::ui::state::AppState;
use crate::ui::task::{Task, done};

/// The demo-data panel.
#[component]
pub fn DemoPanel() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    // One task for both buttons: loading and clearing never run at once.
    let work = Task::new(move |load: bool| async move {
        if load {
            service::load_demo(state).await?;
        } else {
            service::clear_demo(state).await?;
        }
        done()
    });
    let busy = work.pending();
    view! {
        <section class="card" id="demo-panel">
            <h2>{move || t().people.demo_title}</h2>
            <p class="hint">{move || t().people.demo_intro}</p>
            <div class="actions">
                <Show when=move || !state.is_demo()
                    fallback=move || view! {
                        <button type="button" class="btn btn-danger" id="demo-clear" disabled=move || busy.get() on:click=move |_| work.run(false)>{move || t().people.demo_clear}</button>
                    }>
                    <button type="button" class="btn btn-primary" id="demo-load" disabled=move || busy.get() on:click=move |_| work.run(true)>{move || t().people.demo_load}</button>
                </Show>
                <Show when=move || busy.get()><span class="hint" role="status">{move || t().people.demo_loading}</span></Show>
            </div>
            <Notice text=work.notice()/>
        </section>
    }
}
