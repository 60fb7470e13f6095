//! The dashboard: overdue and due-soon first, what the current person must do next, active
//! emergencies, what needs settling, drills under way, and counts by level and state. Which
//! complaint goes on which list is `domain::board`'s rule.

use chrono::Timelike;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::Brief;
use crate::domain::board::board;
use crate::domain::stats;
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

    // The lists, each cut to what is shown, so a tick of the clock re-renders only what moved.
    let lists = Memo::new(move |_| {
        let now = minute.get();
        let actor = state.current_person().map(|p| p.actor());
        state.briefs.with(|all| {
            state.settings.with(|s| {
                let b = board(all.values(), s, now, actor.as_ref());
                let own = |v: Vec<&Brief>| {
                    (
                        v.len(),
                        v.into_iter().take(SHOWN).cloned().collect::<Vec<_>>(),
                    )
                };
                [
                    own(b.urgent),
                    own(b.mine),
                    own(b.emergencies),
                    own(b.attention),
                    own(b.drills),
                    own(b.overdue_tasks),
                ]
            })
        })
    });
    let pick = move |i: usize| Memo::new(move |_| lists.with(|l| l[i].clone()));
    let (urgent, mine, emergencies, attention, drills, overdue) =
        (pick(0), pick(1), pick(2), pick(3), pick(4), pick(5));
    let counts = Memo::new(move |_| state.briefs.with(|all| stats::counts(all.values())));
    // Today's visits of the person signed in, and those missed earlier this week.
    let route = LocalResource::new(move || {
        let ready = state.load.get() == Load::Ready;
        let user = state.user.get();
        async move {
            let (Some(user), true) = (user, ready) else {
                return (0, 0);
            };
            let today = crate::ui::state::local_now().date_naive();
            match crate::ui::service::visits(state).await {
                Ok(v) => {
                    let (now, missed) = v.due(user, today);
                    (now.len(), missed.len())
                }
                Err(_) => (0, 0),
            }
        }
    });
    let route = move || route.get().unwrap_or((0, 0));

    let list = move |items: Memo<(usize, Vec<Brief>)>,
                     id: &'static str,
                     none: fn(&crate::ui::i18n::Texts) -> &'static str| {
        view! {
            {move || if items.with(|i| i.0 == 0) {
                view! { <p class="hint">{none(t())}</p> }.into_any()
            } else {
                view! {
                    <ul class="rows" id=id>
                        <For each=move || items.get().1 key=|c| (c.id, c.event_count) let:c>
                            <ComplaintRow complaint=c/>
                        </For>
                    </ul>
                }.into_any()
            }}
        }
    };
    view! {
        <Page title=Signal::derive(move || t().dashboard_title) id="dashboard">
            // Everything below waits for the data, then appears at once: nothing already on the
            // screen moves when the banners and counts arrive.
            <Show when=move || state.load.get() == Load::Ready>
                <Show when=move || state.load.get() == Load::Ready && (state.user.get().is_none() || state.identity.with(|i| i.as_ref().is_none_or(|i| i.needs_setup())))>
                    <div class="banner" id="setup-needed">
                        <span>{move || t().people.setup_needed}</span>
                        <A href=crate::ui::app::href("/settings") attr:class="btn btn-primary">{move || t().people.go_settings}</A>
                    </div>
                </Show>
                <CalendarYearWarning/>
                <Show when=move || state.load.get() == Load::Ready && state.briefs.with(|c| c.is_empty())>
                    <EmptyState text=Signal::derive(move || t().dashboard_empty)/>
                </Show>
                <div class="dash-grid">
                    <section class="card wide" id="urgent">
                        <h2>{move || t().lists.urgent_title} <span class="count">{move || urgent.with(|i| i.0)}</span></h2>
                        {list(urgent, "urgent-rows", |t| t.lists.urgent_none)}
                    </section>
                    <section class="card wide" id="my-next">
                        <h2>{move || t().lists.my_next_title} <span class="count">{move || mine.with(|i| i.0)}</span></h2>
                        {list(mine, "my-next-rows", |t| t.lists.my_next_none)}
                        <Show when=move || route() != (0, 0)>
                            <p class="banner" id="visits-due" data-today=move || route().0 data-missed=move || route().1>
                                <span>{move || format!("{} {} {} · {} {}", t().visits.next_steps_visits, route().0, t().visits.households, t().visits.missed, route().1)}</span>
                                <A href=crate::ui::app::href("/visits") attr:class="btn btn-primary">{move || t().visits.title}</A>
                            </p>
                        </Show>
                        <Show when=move || overdue.with(|i| i.0 > 0)>
                            <h3 id="overdue-tasks">{move || t().lists.overdue_tasks_title} <span class="count">{move || overdue.with(|i| i.0)}</span></h3>
                            {list(overdue, "overdue-task-rows", |t| t.lists.my_next_none)}
                        </Show>
                    </section>
                    <section class="card wide" id="emergencies">
                        <h2>{move || t().lists.emergencies_title} <span class="count">{move || emergencies.with(|i| i.0)}</span></h2>
                        {list(emergencies, "emergency-rows", |t| t.lists.emergencies_none)}
                    </section>
                    <Show when=move || attention.with(|i| i.0 > 0)>
                        <section class="card wide attention" id="attention">
                            <h2>{move || t().lists.review_title} <span class="count">{move || attention.with(|i| i.0)}</span></h2>
                            {list(attention, "attention-rows", |t| t.lists.urgent_none)}
                        </section>
                    </Show>
                    <Show when=move || drills.with(|i| i.0 > 0)>
                        <section class="card wide" id="drills">
                            <h2>{move || t().lists.drills_title} <span class="count">{move || drills.with(|i| i.0)}</span></h2>
                            {list(drills, "drill-rows", |t| t.lists.urgent_none)}
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
