//! The page for exchanging bundle files with other devices.

use leptos::prelude::*;

use crate::ui::components::page::{EmptyState, Page};
use crate::ui::i18n::use_texts;

/// The page for exchanging bundle files with other devices.
#[component]
pub fn Sync() -> impl IntoView {
    let t = use_texts();
    view! {
        <Page title=Signal::derive(move || t().sync_title) id="sync">
            <EmptyState text=Signal::derive(move || t().sync_empty)/>
        </Page>
    }
}
