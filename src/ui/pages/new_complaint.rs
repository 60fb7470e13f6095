//! The page for intake of a new complaint.

use leptos::prelude::*;

use crate::ui::components::page::{EmptyState, Page};
use crate::ui::i18n::use_texts;

/// The page for intake of a new complaint.
#[component]
pub fn NewComplaint() -> impl IntoView {
    let t = use_texts();
    view! {
        <Page title=Signal::derive(move || t().new_title) id="new_complaint">
            <EmptyState text=Signal::derive(move || t().new_empty)/>
        </Page>
    }
}
