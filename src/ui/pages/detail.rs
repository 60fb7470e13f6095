//! The page of one complaint.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::ui::components::page::{EmptyState, Page};
use crate::ui::i18n::use_texts;

/// The page of one complaint, addressed by its id.
#[component]
pub fn Detail() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <Page title=Signal::derive(move || t().detail_title) id="detail">
            <p class="record-id">{id}</p>
            <EmptyState text=Signal::derive(move || t().detail_empty)/>
        </Page>
    }
}
