//! One complaint as a row of a list: number, level, state, who and where, and its next
//! deadline. Used by the list and the dashboard.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Brief, ClockStatus, Unit};
use crate::ui::components::clocks::{Time, clock_class, span_text};
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// The CSS class of a level chip (`level-major`, …; unassessed has none).
pub fn level_class(severity: Option<crate::domain::Severity>) -> String {
    format!(
        "chip-static level-{}",
        severity
            .map(|s| format!("{s:?}"))
            .unwrap_or_default()
            .to_lowercase()
    )
}

/// A complaint row linking to its page. Built once per version of the complaint; only the
/// deadline line changes with the clock.
#[component]
pub fn ComplaintRow(complaint: Brief) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let c = complaint;
    let href = crate::ui::app::href(&format!("/complaints/{}", c.id));
    let who = (!c.complainant.anonymous).then(|| c.complainant.name.clone().unwrap_or_default());
    let unit = c
        .complainant
        .unit
        .as_ref()
        .map(Unit::text)
        .unwrap_or_default();
    let severity = c.severity;
    let level_class = level_class(severity);
    let workflow_state = c.state;
    let text = c.excerpt.clone();
    let (review, conflict, drill) = (c.review, c.conflict, c.drill);
    let number = c.number.to_string();
    let facts = c.clocks.clone();
    let next = Memo::new(move |_| {
        let now = state.now.get();
        state.settings.with(|s| c.next_due(s, now))
    });
    // Department tasks past their due time with no report back, each on a line of its own.
    let late_tasks = Memo::new(move |_| {
        let now = state.now.get();
        facts
            .overdue_tasks(now)
            .into_iter()
            .map(|t| (t.department.clone(), t.due, now - t.due))
            .collect::<Vec<_>>()
    });
    view! {
        <li class="row">
            <A href=href attr:class="row-link">
                <div class="row-main">
                    <span class="row-number">{number}</span>
                    <span class=level_class>{move || severity.map(|s| s.label(lang.get())).unwrap_or(t().complaint.unassessed)}</span>
                    <span class="chip-static state">{move || workflow_state.label(lang.get())}</span>
                    {review.then(|| view! { <span class="chip-static flag-warn">{move || t().complaint.needs_review}</span> })}
                    {conflict.then(|| view! { <span class="chip-static flag-warn">{move || t().complaint.in_conflict}</span> })}
                    {drill.then(|| view! { <span class="chip-static flag">{move || t().complaint.drill_flag}</span> })}
                </div>
                <div class="row-sub">
                    <span>{move || who.clone().unwrap_or_else(|| t().complaint.anonymous_short.to_string())}</span>
                    <span>{unit}</span>
                    <span class="row-text">{text}</span>
                </div>
                {move || next.get().map(|v| {
                    let l = lang.get();
                    let now = state.now.get_untracked();
                    let status = match v.status {
                        ClockStatus::Pending { left } => format!("{} {}", t().complaint.clock_left, span_text(left, l)),
                        ClockStatus::Breached { by, .. } => format!("{} {}", t().complaint.clock_breached, span_text(by, l)),
                        ClockStatus::Met { .. } => String::new(),
                    };
                    view! {
                        <div class=format!("row-clock {}", clock_class(&v))>
                            <span>{v.clock.label(l)}</span> " · " <Time at=v.due now=now/> " · " <span>{status}</span>
                        </div>
                    }
                })}
                {move || {
                    let l = lang.get();
                    let now = state.now.get_untracked();
                    late_tasks.get().into_iter().map(|(department, due, by)| view! {
                        <div class="row-clock clock clock-breached row-task">
                            <span>{t().complaint.task_clock} " · " {state.department_name(&department, l)}</span> " · "
                            <Time at=due now=now/> " · " <span>{format!("{} {}", t().complaint.clock_breached, span_text(by, l))}</span>
                        </div>
                    }).collect_view()
                }}
            </A>
        </li>
    }
}
