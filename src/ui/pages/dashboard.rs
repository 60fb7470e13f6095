//! The dashboard: overdue and due-soon first, then active emergencies, counts by state and
//! level, and what the current person must do next.

use chrono::Timelike;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::clocks::DUE_SOON;
use crate::domain::stats;
use crate::domain::{Complaint, allowed_commands, next_due};
use crate::ui::components::calendar_warning::CalendarYearWarning;
use crate::ui::components::page::{EmptyState, Page};
use crate::ui::components::row::ComplaintRow;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::{AppState, Load};

/// How many rows each dashboard list shows.
const SHOWN: usize = 20;

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let minute = Memo::new(move |_| {
        state
            .now
            .get()
            .with_second(0)
            .unwrap_or_else(|| state.now.get())
    });

    let urgent = Memo::new(move |_| {
        let now = minute.get();
        let mut found: Vec<(chrono::DateTime<chrono::FixedOffset>, Complaint)> =
            state.complaints.with(|all| {
                state.settings.with(|s| {
                    all.values()
                        .filter(|c| c.is_live())
                        .filter_map(|c| {
                            next_due(c, s, now)
                                .filter(|v| v.is_due_soon(DUE_SOON))
                                .map(|v| (v.due, c.clone()))
                        })
                        .collect()
                })
            });
        found.sort_by_key(|(due, _)| *due);
        found
    });
    let emergencies = Memo::new(move |_| {
        state.complaints.with(|all| {
            all.values()
                .filter(|c| c.is_live() && c.activated)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let attention = Memo::new(move |_| {
        state.complaints.with(|all| {
            all.values()
                .filter(|c| c.needs_attention())
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let mine = Memo::new(move |_| {
        let now = minute.get();
        let Some(actor) = state.current_person().map(|p| p.actor()) else {
            return Vec::new();
        };
        state.complaints.with(|all| {
            state.settings.with(|s| {
                all.values()
                    .filter(|c| c.is_live())
                    .filter(|c| {
                        allowed_commands(Some(c), &actor, now, s)
                            .iter()
                            .any(|k| k.moves_workflow())
                    })
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    let counts = Memo::new(move |_| state.complaints.with(|all| stats::counts(all.values())));

    let list = move |items: Memo<Vec<Complaint>>,
                     id: &'static str,
                     none: fn(&crate::ui::i18n::Texts) -> &'static str| {
        view! {
            {move || if items.with(Vec::is_empty) {
                view! { <p class="hint">{none(t())}</p> }.into_any()
            } else {
                view! {
                    <ul class="rows" id=id>
                        <For each=move || items.get().into_iter().take(SHOWN) key=|c| (c.id, c.event_count) let:c>
                            <ComplaintRow complaint=c/>
                        </For>
                    </ul>
                }.into_any()
            }}
        }
    };
    let urgent_only =
        Memo::new(move |_| urgent.get().into_iter().map(|(_, c)| c).collect::<Vec<_>>());

    view! {
        <Page title=Signal::derive(move || t().dashboard_title) id="dashboard">
            // Everything below waits for the data, then appears at once: nothing already on the
            // screen moves when the banners and counts arrive.
            <Show when=move || state.load.get() == Load::Ready>
                <Show when=move || state.load.get() == Load::Ready && (state.user.get().is_none() || state.identity.with(|i| i.as_ref().is_none_or(|i| i.needs_setup())))>
                    <div class="banner" id="setup-needed">
                        <span>{move || t().people.setup_needed}</span>
                        <A href="/settings" attr:class="btn btn-primary">{move || t().people.go_settings}</A>
                    </div>
                </Show>
                <CalendarYearWarning/>
                <Show when=move || state.load.get() == Load::Ready && state.complaints.with(|c| c.is_empty())>
                    <EmptyState text=Signal::derive(move || t().dashboard_empty)/>
                </Show>
                <div class="dash-grid">
                    <section class="card wide" id="urgent">
                        <h2>{move || t().lists.urgent_title} <span class="count">{move || urgent.with(Vec::len)}</span></h2>
                        {list(urgent_only, "urgent-rows", |t| t.lists.urgent_none)}
                    </section>
                    <section class="card wide" id="my-next">
                        <h2>{move || t().lists.my_next_title} <span class="count">{move || mine.with(Vec::len)}</span></h2>
                        {list(mine, "my-next-rows", |t| t.lists.my_next_none)}
                    </section>
                    <section class="card wide" id="emergencies">
                        <h2>{move || t().lists.emergencies_title} <span class="count">{move || emergencies.with(Vec::len)}</span></h2>
                        {list(emergencies, "emergency-rows", |t| t.lists.emergencies_none)}
                    </section>
                    <Show when=move || !attention.with(Vec::is_empty)>
                        <section class="card wide attention" id="attention">
                            <h2>{move || t().lists.review_title} <span class="count">{move || attention.with(Vec::len)}</span></h2>
                            {list(attention, "attention-rows", |t| t.lists.urgent_none)}
                        </section>
                    </Show>
                    <section class="card wide" id="counts">
                        <h2>{move || t().lists.counts_title}</h2>
                        <div class="counts">
                            <div>
                                <h3>{move || t().lists.by_level}</h3>
                                <ul class="count-list">
                                    {move || {
                                        let l = lang.get();
                                        counts.get().1.into_iter().map(|(s, n)| view! {
                                            <li><span>{s.map(|s| s.label(l)).unwrap_or(t().complaint.unassessed)}</span><strong>{n}</strong></li>
                                        }).collect_view()
                                    }}
                                </ul>
                            </div>
                            <div>
                                <h3>{move || t().lists.by_state}</h3>
                                <ul class="count-list" id="count-by-state">
                                    {move || {
                                        let l = lang.get();
                                        counts.get().0.into_iter().map(|(s, n)| view! {
                                            <li data-state=format!("{s:?}")><span>{s.label(l)}</span><strong>{n}</strong></li>
                                        }).collect_view()
                                    }}
                                </ul>
                            </div>
                        </div>
                    </section>
                </div>
            </Show>
        </Page>
    }
}
