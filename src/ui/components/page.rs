//! The frame every page shares: a heading and its body.

use leptos::prelude::*;

/// A page with a title.
#[component]
pub fn Page(
    /// The heading, already translated.
    title: Signal<&'static str>,
    /// A stable id for tests and styling, e.g. `"dashboard"`.
    id: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="page-body" id=id>
            <h1 class="page-title">{move || title.get()}</h1>
            {children()}
        </section>
    }
}

/// The text a page shows while it has nothing yet: what will be there.
#[component]
pub fn EmptyState(
    /// The explanation, already translated.
    text: Signal<&'static str>,
) -> impl IntoView {
    view! { <p class="empty-state">{move || text.get()}</p> }
}
