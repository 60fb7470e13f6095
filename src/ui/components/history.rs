//! "Check the history": every stored event's chain verified, and where it breaks.

use leptos::prelude::*;

use crate::domain::Lang;
use crate::ui::components::form::Notice;
use crate::ui::i18n::{LangCtx, chain_break_en, chain_break_zh, use_texts};
use crate::ui::service::{self, HistoryReport};
use crate::ui::state::AppState;
use crate::ui::task::{Task, done};

/// The summary line of a check.
fn summary(r: &HistoryReport, lang: Lang) -> String {
    let c = &r.check;
    let seconds = r.took_ms / 1000.0;
    match (lang, c.intact()) {
        (Lang::Zh, true) => format!(
            "记录完整：已核对 {} 条记录（{} 台设备），未发现改动、删除或插入。其中 {} 条带校验值，{} 条在等待更早的记录。用时 {seconds:.1} 秒。",
            c.events, c.devices, c.sealed, c.waiting
        ),
        (Lang::En, true) => format!(
            "The history is intact: {} events from {} devices checked, nothing changed, removed or inserted. {} carry a chain; {} wait for earlier events. Took {seconds:.1} s.",
            c.events, c.devices, c.sealed, c.waiting
        ),
        (Lang::Zh, false) => format!(
            "记录链有 {} 处断开（已核对 {} 条记录）。请勿删除本机数据，并联系管理员：",
            c.breaks.len(),
            c.events
        ),
        (Lang::En, false) => format!(
            "The history breaks in {} places ({} events checked). Keep this device's data and call an administrator:",
            c.breaks.len(),
            c.events
        ),
    }
}

/// The panel in Settings.
#[component]
pub fn HistoryPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let report = RwSignal::new(None::<HistoryReport>);
    let check = Task::new(move |_: ()| async move {
        report.try_set(None);
        let r = service::check_history(state).await?;
        report.try_set(Some(r));
        done()
    });
    let busy = check.pending();
    view! {
        <section class="card" id="history-panel">
            <h2>{move || t().people.history_title}</h2>
            <p class="hint">{move || t().people.history_intro}</p>
            <div class="actions">
                <button type="button" class="btn" id="check-history" disabled=move || busy.get()
                    on:click=move |_| check.run(())>{move || t().people.history_check}</button>
                <Show when=move || busy.get()><span class="hint" role="status">{move || t().people.history_checking}</span></Show>
            </div>
            {move || report.get().map(|r| {
                let lang = lang.get();
                let ok = r.check.intact();
                let rows = r.breaks.iter().map(|b| {
                    let why = match lang {
                        Lang::Zh => chain_break_zh(b.kind),
                        Lang::En => chain_break_en(b.kind),
                    };
                    let line = match lang {
                        Lang::Zh => format!("设备“{}”第 {} 条记录（{}）：{why}", b.device, b.seq, b.record),
                        Lang::En => format!("Device “{}”, event {} ({}): {why}", b.device, b.seq, b.record),
                    };
                    view! { <li data-seq=b.seq.to_string()>{line}</li> }
                }).collect_view();
                view! {
                    <div id="history-result" class=if ok { "notice notice-ok" } else { "notice notice-error" }
                        role=if ok { "status" } else { "alert" } data-intact=ok.to_string()>
                        <p>{summary(&r, lang)}</p>
                        <ul id="history-breaks">{rows}</ul>
                    </div>
                }
            })}
            <Notice text=check.notice() />
        </section>
    }
}
