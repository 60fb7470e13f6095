//! The complaint list: search, filters, sort, and pages of 50 so it stays smooth at 10,000.

use chrono::{DateTime, FixedOffset, Timelike};
use leptos::prelude::*;

use crate::domain::clocks::DUE_SOON;
use crate::domain::{Complaint, Lang, RecordId, Severity, WorkflowState, next_due};
use crate::ui::components::form::{Check, Select, TextInput};
use crate::ui::components::page::{EmptyState, Page};
use crate::ui::components::row::ComplaintRow;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

const PAGE: usize = 50;

/// What a complaint is searched by: number, name, phone, unit and its texts, lower-cased.
fn haystack(c: &Complaint) -> String {
    let who = &c.details.complainant;
    let unit = who.unit.as_ref().map(|u| format!("{}-{}-{} {}{}{}", u.building, u.entrance, u.room, u.building, u.entrance, u.room));
    [
        Some(c.number.to_string()),
        who.name.clone(),
        who.phone.as_ref().map(|p| p.as_str().to_string()),
        unit,
        who.address.clone(),
        Some(c.details.description.clone()),
        Some(c.details.request.clone()),
        Some(c.details.location.clone()),
        c.details.complained_person.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("\u{1}")
    .to_lowercase()
}

/// The filters a person set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub text: String,
    pub state: String,
    pub level: String,
    pub category: String,
    pub department: String,
    pub overdue: bool,
    pub due_soon: bool,
    pub review: bool,
    pub conflict: bool,
    pub drill: bool,
    pub newest_first: bool,
}

/// The ids that pass `f`, in the chosen order.
pub fn filter_and_sort(
    all: &[(RecordId, String, Complaint)],
    f: &Filters,
    settings: &crate::domain::Settings,
    now: DateTime<FixedOffset>,
) -> Vec<RecordId> {
    let needle = f.text.trim().to_lowercase();
    let mut hits: Vec<(RecordId, Option<DateTime<FixedOffset>>, bool, DateTime<FixedOffset>)> = Vec::new();
    for (id, hay, c) in all {
        if !needle.is_empty() && !hay.contains(&needle) {
            continue;
        }
        if (!f.state.is_empty() && format!("{:?}", c.state) != f.state)
            || (!f.level.is_empty() && c.severity.map(|s| format!("{s:?}")).as_deref() != Some(f.level.as_str()))
            || (!f.category.is_empty() && c.details.category.as_deref() != Some(f.category.as_str()))
            || (!f.department.is_empty() && c.details.complained_department.as_deref() != Some(f.department.as_str()))
            || (f.review && !c.needs_review())
            || (f.conflict && !c.in_conflict())
            || (f.drill && !c.details.drill)
        {
            continue;
        }
        let next = next_due(c, settings, now);
        let overdue = next.as_ref().is_some_and(|v| v.is_breached());
        if f.overdue && !overdue {
            continue;
        }
        if f.due_soon && !next.as_ref().is_some_and(|v| v.is_due_soon(DUE_SOON)) {
            continue;
        }
        hits.push((*id, next.map(|v| v.due), overdue, c.received_at));
    }
    if f.newest_first {
        hits.sort_by(|a, b| b.3.cmp(&a.3));
    } else {
        // Soonest due first; cases with no open clock last, newest first among them.
        hits.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.3.cmp(&a.3),
        });
    }
    hits.into_iter().map(|h| h.0).collect()
}

/// The list page.
#[component]
pub fn List() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let filters = RwSignal::new(Filters::default());
    let page = RwSignal::new(0usize);
    // Deadlines move by the minute here, not by the second.
    let minute = Memo::new(move |_| state.now.get().with_second(0).unwrap_or_else(|| state.now.get()));
    let index = Memo::new(move |_| {
        state.complaints.with(|all| all.iter().filter(|(_, c)| c.deleted.is_none()).map(|(id, c)| (*id, haystack(c), c.clone())).collect::<Vec<_>>())
    });
    let matching = Memo::new(move |_| {
        let f = filters.get();
        let now = minute.get();
        index.with(|all| state.settings.with(|s| filter_and_sort(all, &f, s, now)))
    });
    Effect::new(move |_| {
        filters.track();
        page.set(0);
    });

    let set = move |apply: fn(&mut Filters, String)| Callback::new(move |v: String| filters.update(|f| apply(f, v)));
    let toggle = move |apply: fn(&mut Filters, bool)| Callback::new(move |v: bool| filters.update(|f| apply(f, v)));
    let any = move |l: Lang| l.texts().lists.all.to_string();
    let state_options = Signal::derive(move || {
        let l = lang.get();
        let mut out = vec![(String::new(), any(l))];
        out.extend(WorkflowState::ALL.iter().map(|s| (format!("{s:?}"), s.label(l).to_string())));
        out
    });
    let level_options = Signal::derive(move || {
        let l = lang.get();
        let mut out = vec![(String::new(), any(l))];
        out.extend(Severity::ALL.iter().map(|s| (format!("{s:?}"), s.label(l).to_string())));
        out
    });
    let named = move |pick: fn(&crate::domain::Settings) -> Vec<(String, String, String)>| {
        Signal::derive(move || {
            let l = lang.get();
            let mut out = vec![(String::new(), any(l))];
            out.extend(state.settings.with(|s| pick(s)).into_iter().map(|(id, zh, en)| (id, if l == Lang::En && !en.is_empty() { en } else { zh })));
            out
        })
    };
    let category_options = named(|s| s.categories.iter().map(|c| (c.id.clone(), c.name_zh.clone(), c.name_en.clone())).collect());
    let department_options = named(|s| s.departments.iter().map(|c| (c.id.clone(), c.name_zh.clone(), c.name_en.clone())).collect());

    let shown = Memo::new(move |_| {
        let ids = matching.get();
        let start = page.get() * PAGE;
        state.complaints.with(|all| ids.iter().skip(start).take(PAGE).filter_map(|id| all.get(id).cloned()).collect::<Vec<_>>())
    });
    let pages = move || matching.with(|m| m.len().div_ceil(PAGE).max(1));

    view! {
        <Page title=Signal::derive(move || t().list_title) id="list">
            <section class="card wide filters" id="filters">
                <TextInput id="search" kind="search" label=Signal::derive(move || t().lists.search.to_string())
                    value=Signal::derive(move || filters.with(|f| f.text.clone())) on_input=set(|f, v| f.text = v)
                    hint=Signal::derive(move || Some(t().lists.search_hint.to_string())) />
                <div class="form-row">
                    <Select id="filter-state" label=Signal::derive(move || t().lists.state.to_string()) options=state_options
                        value=Signal::derive(move || filters.with(|f| f.state.clone())) on_change=set(|f, v| f.state = v) />
                    <Select id="filter-level" label=Signal::derive(move || t().lists.level.to_string()) options=level_options
                        value=Signal::derive(move || filters.with(|f| f.level.clone())) on_change=set(|f, v| f.level = v) />
                    <Select id="filter-category" label=Signal::derive(move || t().lists.category.to_string()) options=category_options
                        value=Signal::derive(move || filters.with(|f| f.category.clone())) on_change=set(|f, v| f.category = v) />
                    <Select id="filter-department" label=Signal::derive(move || t().lists.department.to_string()) options=department_options
                        value=Signal::derive(move || filters.with(|f| f.department.clone())) on_change=set(|f, v| f.department = v) />
                </div>
                <div class="check-row">
                    <Check id="filter-overdue" label=Signal::derive(move || t().lists.overdue.to_string()) checked=Signal::derive(move || filters.with(|f| f.overdue)) on_change=toggle(|f, v| f.overdue = v) />
                    <Check id="filter-soon" label=Signal::derive(move || t().lists.due_soon.to_string()) checked=Signal::derive(move || filters.with(|f| f.due_soon)) on_change=toggle(|f, v| f.due_soon = v) />
                    <Check id="filter-review" label=Signal::derive(move || t().complaint.needs_review.to_string()) checked=Signal::derive(move || filters.with(|f| f.review)) on_change=toggle(|f, v| f.review = v) />
                    <Check id="filter-conflict" label=Signal::derive(move || t().complaint.in_conflict.to_string()) checked=Signal::derive(move || filters.with(|f| f.conflict)) on_change=toggle(|f, v| f.conflict = v) />
                    <Check id="filter-drill" label=Signal::derive(move || t().complaint.drill_flag.to_string()) checked=Signal::derive(move || filters.with(|f| f.drill)) on_change=toggle(|f, v| f.drill = v) />
                    <Check id="sort-newest" label=Signal::derive(move || t().lists.newest_first.to_string()) checked=Signal::derive(move || filters.with(|f| f.newest_first)) on_change=toggle(|f, v| f.newest_first = v) />
                </div>
            </section>
            <div class="actions">
                <button type="button" class="btn" id="csv-list" on:click=move |_| {
                    let l = lang.get_untracked();
                    let ids = matching.get_untracked();
                    let text = state.complaints.with_untracked(|all| state.settings.with_untracked(|s| {
                        crate::sync::complaints_csv(ids.iter().filter_map(|id| all.get(id)), s, l)
                    }));
                    let name = format!("complaints-{}.csv", crate::ui::state::local_now().format("%Y%m%d-%H%M"));
                    crate::ui::exchange::download_bytes(&name, "text/csv;charset=utf-8", text.as_bytes());
                }>{move || t().lists.csv_list}</button>
                <button type="button" class="btn" id="csv-stats" on:click=move |_| {
                    let l = lang.get_untracked();
                    let now = crate::ui::state::local_now();
                    let all: Vec<Complaint> = state.complaints.with_untracked(|all| all.values().cloned().collect());
                    let text = state.settings.with_untracked(|s| crate::sync::statistics_csv(&all, s, now, l));
                    let name = format!("statistics-{}.csv", now.format("%Y%m%d-%H%M"));
                    crate::ui::exchange::download_bytes(&name, "text/csv;charset=utf-8", text.as_bytes());
                }>{move || t().lists.csv_stats}</button>
            </div>
            <p class="hint" id="result-count">{move || format!("{} {}", matching.with(Vec::len), t().lists.results)}</p>
            {move || if state.complaints.with(|c| c.is_empty()) {
                view! { <EmptyState text=Signal::derive(move || t().list_empty)/> }.into_any()
            } else {
                view! {
                    <ul class="rows" id="rows">
                        <For each=move || shown.get() key=|c| (c.id, c.event_count) let:c>
                            <ComplaintRow complaint=c/>
                        </For>
                    </ul>
                }.into_any()
            }}
            <div class="actions pager">
                <button type="button" class="btn" id="page-prev" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>{move || t().lists.previous}</button>
                <span class="hint">{move || format!("{} / {}", page.get() + 1, pages())}</span>
                <button type="button" class="btn" id="page-next" disabled=move || page.get() + 1 >= pages() on:click=move |_| page.update(|p| *p += 1)>{move || t().lists.next}</button>
            </div>
        </Page>
    }
}
