//! The page for the overview.

use leptos::prelude::*;

use crate::ui::components::page::{EmptyState, Page};
use crate::ui::i18n::use_texts;

/// The page for the overview.
#[component]
pub fn Dashboard() -> impl IntoView {
    let t = use_texts();
    view! {
        <Page title=Signal::derive(move || t().dashboard_title) id="dashboard">
            <EmptyState text=Signal::derive(move || t().dashboard_empty)/>
        </Page>
    }
}
