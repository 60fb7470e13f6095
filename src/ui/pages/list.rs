//! The page for the complaint list.

use leptos::prelude::*;

use crate::ui::components::page::{EmptyState, Page};
use crate::ui::i18n::use_texts;

/// The page for the complaint list.
#[component]
pub fn List() -> impl IntoView {
    let t = use_texts();
    view! {
        <Page title=Signal::derive(move || t().list_title) id="list">
            <EmptyState text=Signal::derive(move || t().list_empty)/>
        </Page>
    }
}
