//! The complaint list: search, filters, sort, and pages of 50 so it stays smooth at 10,000.

use chrono::Timelike;
use leptos::prelude::*;

use crate::domain::search::{Filters, filter_and_sort, index};
use crate::domain::{Lang, Severity, WorkflowState};
use crate::ui::components::form::{Check, Notice, Select, TextInput};
use crate::ui::components::page::{EmptyState, Page};
use crate::ui::components::row::ComplaintRow;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::AppState;
use crate::ui::task::{Said, Task, done};

const PAGE: usize = 50;

/// Which CSV to write.
#[derive(Clone, Copy)]
enum Csv {
    /// The complaints the list shows, in its order.
    List,
    /// The statistics of every complaint.
    Statistics,
}

/// The filters as the form holds them: pick-list positions and ids, `""` for any.
#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    text: String,
    state: String,
    level: String,
    category: String,
    department: String,
    project: String,
    overdue: bool,
    due_soon: bool,
    review: bool,
    conflict: bool,
    drill: bool,
    newest_first: bool,
}

impl Form {
    /// The domain's filters; a pick-list value is a position in `WorkflowState::ALL` or
    /// `Severity::ALL`.
    fn filters(&self) -> Filters {
        let pick = |v: &str| (!v.is_empty()).then(|| v.to_string());
        Filters {
            text: self.text.clone(),
            state: self
                .state
                .parse::<usize>()
                .ok()
                .and_then(|i| WorkflowState::ALL.get(i).copied()),
            level: self
                .level
                .parse::<usize>()
                .ok()
                .and_then(|i| Severity::ALL.get(i).copied()),
            category: pick(&self.category),
            department: pick(&self.department),
            project: pick(&self.project),
            overdue: self.overdue,
            due_soon: self.due_soon,
            review: self.review,
            conflict: self.conflict,
            drill: self.drill,
            newest_first: self.newest_first,
        }
    }
}

/// The list page.
#[component]
pub fn List() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let filters = RwSignal::new(Form::default());
    let page = RwSignal::new(0usize);
    // Deadlines move by the minute here, not by the second.
    let minute = Memo::new(move |_| {
        state
            .now
            .get()
            .with_second(0)
            .unwrap_or_else(|| state.now.get())
    });
    let matching = Memo::new(move |_| {
        let f = filters.with(Form::filters);
        let now = minute.get();
        state.briefs.with(|all| {
            state
                .settings
                .with(|s| filter_and_sort(&index(all.values()), &f, s, now))
        })
    });
    Effect::new(move |_| {
        filters.track();
        page.set(0);
    });

    let set = move |apply: fn(&mut Form, String)| {
        Callback::new(move |v: String| filters.update(|f| apply(f, v)))
    };
    let toggle = move |apply: fn(&mut Form, bool)| {
        Callback::new(move |v: bool| filters.update(|f| apply(f, v)))
    };
    let any = move |l: Lang| l.texts().lists.all.to_string();
    let state_options = Signal::derive(move || {
        let l = lang.get();
        let mut out = vec![(String::new(), any(l))];
        out.extend(
            WorkflowState::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| (i.to_string(), s.label(l).to_string())),
        );
        out
    });
    let level_options = Signal::derive(move || {
        let l = lang.get();
        let mut out = vec![(String::new(), any(l))];
        out.extend(
            Severity::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| (i.to_string(), s.label(l).to_string())),
        );
        out
    });
    let named = move |pick: fn(&crate::domain::Settings) -> Vec<(String, String, String)>| {
        Signal::derive(move || {
            let l = lang.get();
            let mut out = vec![(String::new(), any(l))];
            out.extend(state.settings.with(pick).into_iter().map(|(id, zh, en)| {
                (
                    id,
                    if l == Lang::En && !en.is_empty() {
                        en
                    } else {
                        zh
                    },
                )
            }));
            out
        })
    };
    let category_options = named(|s| {
        s.categories
            .iter()
            .map(|c| (c.id.clone(), c.name_zh.clone(), c.name_en.clone()))
            .collect()
    });
    let department_options = named(|s| {
        s.departments
            .iter()
            .map(|c| (c.id.clone(), c.name_zh.clone(), c.name_en.clone()))
            .collect()
    });
    // The projects the complaints held here name.
    let project_options = Memo::new(move |_| {
        let projects = state
            .briefs
            .with(|all| crate::domain::order::set(all.values().filter_map(|b| b.project.clone())));
        let mut out = vec![(String::new(), any(lang.get()))];
        out.extend(projects.into_iter().map(|p| (p.clone(), p)));
        out
    });

    let shown = Memo::new(move |_| {
        let ids = matching.get();
        let start = page.get() * PAGE;
        state.briefs.with(|all| {
            ids.iter()
                .skip(start)
                .take(PAGE)
                .filter_map(|id| all.get(id).cloned())
                .collect::<Vec<_>>()
        })
    });
    let pages = move || matching.with(|m| m.len().div_ceil(PAGE).max(1));
    // The CSVs need whole complaints, read when asked for; a CSV the browser would not save
    // is said, not silently lost.
    let csv = Task::new(move |kind: Csv| async move {
        let all = service::whole_complaints(state).await?;
        let l = lang.get_untracked();
        let now = crate::ui::state::local_now();
        let stamp = now.format("%Y%m%d-%H%M");
        let (name, text) = match kind {
            Csv::List => {
                let ids = matching.get_untracked();
                let by_id: std::collections::BTreeMap<_, _> =
                    crate::domain::order::map(all.iter().map(|c| (c.id, c)));
                let text = state.settings.with_untracked(|s| {
                    crate::sync::complaints_csv(
                        ids.iter().filter_map(|id| by_id.get(id).copied()),
                        s,
                        l,
                    )
                });
                (format!("complaints-{stamp}.csv"), text)
            }
            Csv::Statistics => {
                let text = state
                    .settings
                    .with_untracked(|s| crate::sync::statistics_csv(&all, s, now, l));
                (format!("statistics-{stamp}.csv"), text)
            }
        };
        if crate::ui::platform::download_bytes(&name, "text/csv;charset=utf-8", text.as_bytes()) {
            done()
        } else {
            Err(Said(t().download_failed.to_string()).into())
        }
    });

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
                    <Show when=move || project_options.with(|o| o.len() > 1)>
                        <Select id="filter-project" label=Signal::derive(move || crate::domain::Field::Project.label(lang.get()).to_string()) options=Signal::derive(move || project_options.get())
                            value=Signal::derive(move || filters.with(|f| f.project.clone())) on_change=set(|f, v| f.project = v) />
                    </Show>
                </div>
                <div class="check-row">
                    <Check id="filter-overdue" label=Signal::derive(move || t().lists.overdue.to_string()) checked=Signal::derive(move || filters.with(|f| f.overdue)) on_change=toggle(|f, v| f.overdue = v) />
                    <Check id="filter-soon" label=Signal::derive(move || t().lists.due_soon.to_string()) checked=Signal::derive(move || filters.with(|f| f.due_soon)) on_change=toggle(|f, v| f.due_soon = v) />
                    <Check id="filter-review" label=Signal::derive(move || t().complaint.needs_review.to_string()) checked=Signal::derive(move || filters.with(|f| f.review)) on_change=toggle(|f, v| f.review = v) />
                    <Check id="filter-conflict" label=Signal::derive(move || t().complaint.in_conflict.to_string()) checked=Signal::derive(move || filters.with(|f| f.conflict)) on_change=toggle(|f, v| f.conflict = v) />
                    <Check id="filter-drill" label=Signal::derive(move || t().lists.drills_only.to_string()) checked=Signal::derive(move || filters.with(|f| f.drill)) on_change=toggle(|f, v| f.drill = v) />
                    <Check id="sort-newest" label=Signal::derive(move || t().lists.newest_first.to_string()) checked=Signal::derive(move || filters.with(|f| f.newest_first)) on_change=toggle(|f, v| f.newest_first = v) />
                </div>
            </section>
            <div class="actions">
                <button type="button" class="btn" id="csv-list" disabled=csv.pending()
                    on:click=move |_| csv.run(Csv::List)>{move || t().lists.csv_list}</button>
                <button type="button" class="btn" id="csv-stats" disabled=csv.pending()
                    on:click=move |_| csv.run(Csv::Statistics)>{move || t().lists.csv_stats}</button>
            </div>
            <Notice text=csv.notice()/>
            <p class="hint" id="result-count">{move || format!("{} {}", matching.with(Vec::len), t().lists.results)}</p>
            {move || if state.briefs.with(|c| c.is_empty()) {
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
