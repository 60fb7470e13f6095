//! "A new version is available" prompt. The new version only takes over when the person presses
//! Reload, so it never swaps under someone who is typing.

use leptos::prelude::*;

use crate::ui::i18n::use_texts;
use crate::ui::pwa::{self, UpdateCtx};

/// Shown while a new service worker is waiting.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let t = use_texts();
    let update = expect_context::<UpdateCtx>();
    let dismissed = RwSignal::new(false);
    view! {
        <Show when=move || update.waiting.get() && !dismissed.get()>
            <div class="banner" role="status" id="update-banner">
                <span>{move || if update.failed.get() { t().update_failed } else { t().update_ready }}</span>
                <button type="button" class="btn btn-primary" on:click=move |_| pwa::apply_update(update)>
                    {move || t().update_reload}
                </button>
                <button type="button" class="btn" on:click=move |_| dismissed.set(true)>
                    {move || t().update_later}
                </button>
            </div>
        </Show>
    }
}
