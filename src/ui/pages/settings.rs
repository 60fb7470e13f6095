//! Settings of this device: language, and what the browser granted for storage.

use leptos::prelude::*;

use crate::storage::persist;
use crate::ui::components::calendar_warning::CalendarYearWarning;
use crate::ui::components::demo::DemoPanel;
use crate::ui::components::history::HistoryPanel;
use crate::ui::components::lock::PinPanel;
use crate::ui::components::page::Page;
use crate::ui::components::people::{DevicePanel, RosterPanel, UserPanel};
use crate::ui::components::shared_settings::SharedSettings;
use crate::ui::i18n::{Lang, LangCtx, use_texts};
use crate::ui::pwa::UpdateCtx;
use crate::ui::state::AppState;

/// Formats a byte count for people: "12.3 MB", "10.7 GB".
fn human_bytes(bytes: Option<f64>) -> String {
    match bytes {
        Some(b) if b >= 1e9 => format!("{:.1} GB", b / 1e9),
        Some(b) => format!("{:.1} MB", b / 1e6),
        None => "—".to_string(),
    }
}

/// The settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let update = expect_context::<UpdateCtx>();
    let choose = move |next: Lang| {
        expect_context::<AppState>().choose_language(lang, next);
    };
    let status = LocalResource::new(persist::status);

    view! {
        <Page title=Signal::derive(move || t().settings_title) id="settings">
            <CalendarYearWarning />
            <UserPanel />
            <DevicePanel />
            <PinPanel />
            <RosterPanel />
            <DemoPanel />
            <HistoryPanel />
            <SharedSettings />
            <section class="card">
                <h2>{move || t().settings_language}</h2>
                <div class="segmented" role="group" aria-label=move || t().settings_language>
                    <button type="button" id="lang-zh" class="btn"
                        aria-pressed=move || (lang.get() == Lang::Zh).to_string()
                        on:click=move |_| choose(Lang::Zh)>{move || t().lang_zh}</button>
                    <button type="button" id="lang-en" class="btn"
                        aria-pressed=move || (lang.get() == Lang::En).to_string()
                        on:click=move |_| choose(Lang::En)>{move || t().lang_en}</button>
                </div>
            </section>
            <section class="card" id="storage-status">
                <h2>{move || t().settings_storage}</h2>
                {move || match status.get() {
                    None => view! { <p>{t().storage_checking}</p> }.into_any(),
                    Some(s) => {
                        let persisted = match s.persisted {
                            Some(true) => t().storage_persisted,
                            Some(false) => t().storage_not_persisted,
                            None => t().storage_unknown,
                        };
                        view! {
                            <p id="persisted">{persisted}</p>
                            <p id="usage">
                                {t().storage_usage} ": " {human_bytes(s.usage)} " / " {human_bytes(s.quota)}
                            </p>
                        }
                        .into_any()
                    }
                }}
                <Show when=move || update.offline_ready.get()>
                    <p id="offline-ready">{move || t().offline_ready}</p>
                </Show>
            </section>
        </Page>
    }
}
