//! Any address the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::page::{EmptyState, Page};
use crate::ui::i18n::use_texts;

/// Shown for an unknown address.
#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_texts();
    view! {
        <Page title=Signal::derive(move || t().not_found_title) id="not-found">
            <EmptyState text=Signal::derive(move || t().not_found_body)/>
            <A href=crate::ui::app::href("/") attr:class="btn btn-primary">{move || t().back_home}</A>
        </Page>
    }
}
