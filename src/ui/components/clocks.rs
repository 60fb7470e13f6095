//! Deadline clocks as live countdowns: each due time is a `<time datetime>` element; red when
//! breached, amber when due soon; under it, a warning when its working-day count ran through a
//! year with no business calendar. The domain decides every status.

use chrono::{DateTime, FixedOffset, TimeDelta};
use leptos::prelude::*;

use crate::domain::clocks::DUE_SOON;
use crate::domain::{Clock, ClockStatus, ClockView, Complaint, Lang, evaluate};
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// "2天3小时", "3 h 05 min": a duration for people.
pub fn span_text(d: TimeDelta, lang: Lang) -> String {
    let total = d.num_seconds().max(0);
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        total / 3600 % 24,
        total / 60 % 60,
        total % 60,
    );
    let t = &lang.texts().complaint;
    let part = |n: i64, unit: &str| format!("{n}{}{unit}", t.unit_space);
    let pair = |a: String, b: String| format!("{a}{}{b}", t.unit_space);
    if days > 0 {
        pair(part(days, t.unit_day), part(hours, t.unit_hour))
    } else if hours > 0 {
        pair(
            part(hours, t.unit_hour),
            format!("{minutes:02}{}{}", t.unit_space, t.unit_minute),
        )
    } else {
        pair(
            part(minutes, t.unit_minute),
            format!("{seconds:02}{}{}", t.unit_space, t.unit_second),
        )
    }
}

/// "11-28 14:05" (the year when it is not this year's).
pub fn when_text(t: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    if t.format("%Y").to_string() == now.format("%Y").to_string() {
        t.format("%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// A time as a `<time>` element with its ISO value.
#[component]
pub fn Time(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{when_text(at, now)}</time> }
}

/// The CSS class of a clock: breached, due soon, pending or met.
pub fn clock_class(v: &ClockView) -> &'static str {
    status_class(&v.status, v.is_due_soon(DUE_SOON))
}

/// The CSS class of a status; `soon` when a pending clock is due within [`DUE_SOON`].
pub fn status_class(status: &ClockStatus, soon: bool) -> &'static str {
    match status {
        ClockStatus::Breached { met_at: None, .. } => "clock clock-breached",
        ClockStatus::Breached { .. } => "clock clock-late",
        ClockStatus::Met { .. } => "clock clock-met",
        ClockStatus::Pending { .. } if soon => "clock clock-soon",
        ClockStatus::Pending { .. } => "clock clock-pending",
    }
}

/// What a clock's status says, e.g. "剩余 2小时13分".
pub fn status_text(
    v: &ClockView,
    t: &crate::ui::i18n::Texts,
    lang: Lang,
    now: DateTime<FixedOffset>,
) -> String {
    status_words(&v.status, t, lang, now)
}

/// What a status says.
pub fn status_words(
    status: &ClockStatus,
    t: &crate::ui::i18n::Texts,
    lang: Lang,
    now: DateTime<FixedOffset>,
) -> String {
    match status {
        ClockStatus::Pending { left } => {
            format!("{} {}", t.complaint.clock_left, span_text(*left, lang))
        }
        ClockStatus::Met { at } => format!("{} {}", t.complaint.clock_met, when_text(*at, now)),
        ClockStatus::Breached { by, met_at: None } => {
            format!("{} {}", t.complaint.clock_breached, span_text(*by, lang))
        }
        ClockStatus::Breached {
            by,
            met_at: Some(_),
        } => format!("{} {}", t.complaint.clock_late, span_text(*by, lang)),
    }
}

/// Every clock of one complaint. The list is built once per set of clocks; only each clock's
/// class and countdown change every second, so nothing under a finger is replaced.
#[component]
pub fn ClockList(#[prop(into)] complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let views = Memo::new(move |_| {
        let now = state.now.get();
        complaint.with(|c| {
            c.as_ref()
                .map(|c| state.settings.with(|s| evaluate(c, s, now)))
                .unwrap_or_default()
        })
    });
    let clocks =
        Memo::new(move |_| views.with(|vs| vs.iter().map(|v| v.clock).collect::<Vec<_>>()));
    let one = move |clock: Clock| {
        Signal::derive(move || views.with(|vs| vs.iter().find(|v| v.clock == clock).cloned()))
    };
    view! {
        <Show when=move || !clocks.with(Vec::is_empty)
            fallback=move || view! { <p class="hint">{move || t().complaint.no_clocks}</p> }>
            <ul class="clocks">
                <For each=move || clocks.get() key=|c| *c let:clock>
                    {
                        let v = one(clock);
                        view! {
                            <li class=move || v.with(|v| v.as_ref().map(clock_class).unwrap_or("clock")) data-clock=format!("{clock:?}")>
                                <span class="clock-name">{move || clock.label(lang.get())}</span>
                                <span class="clock-due">
                                    {move || t().complaint.clock_due} " "
                                    {move || v.get().map(|v| view! { <Time at=v.due now=state.now.get_untracked()/> })}
                                </span>
                                <span class="clock-status">{move || v.get().map(|v| status_text(&v, t(), lang.get(), state.now.get())).unwrap_or_default()}</span>
                                // Under the due time: the count ran through a year with no calendar.
                                {move || v.with(|v| v.as_ref().and_then(|v| v.calendar_not_set)).map(|year| view! {
                                    <span class="clock-calendar" data-year=year.to_string()>
                                        {move || (t().complaint.clock_calendar_not_set)(year)}
                                    </span>
                                })}
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
        <TaskClocks complaint/>
        <FormReturns complaint/>
        <ReferralClock complaint/>
    }
}

/// Each department's handling form returned: due the day its handling finished.
#[component]
fn FormReturns(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    move || {
        let returns = complaint.with(|c| c.as_ref().map(|c| c.returns.clone()))?;
        (!returns.is_empty()).then(|| {
            let now = state.now.get();
            view! {
                <ul class="clocks" id="form-returns">
                    {returns.into_iter().map(|r| {
                        let (status, due) = state.settings.with(|s| (r.status(s), r.due(s)));
                        let dept = state.department_name(&r.department, lang.get());
                        view! {
                            <li class=status_class(&status, false) data-department=r.department.clone()>
                                <span class="clock-name">{t().complaint.return_clock} " · " {dept}</span>
                                <span class="clock-due">{t().complaint.clock_due} " " <Time at=due now=now/></span>
                                <span class="clock-status">{status_words(&status, t(), lang.get(), now)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// The referring body's deadline (12345, a consumer association): met by the first reply to
/// that body.
#[component]
fn ReferralClock(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    move || {
        let now = state.now.get();
        let r = complaint.with(|c| c.as_ref().and_then(|c| c.clock_facts().referral))?;
        let status = r.status(now);
        let soon = matches!(status, ClockStatus::Pending { left } if left <= DUE_SOON);
        let reference = (!r.reference.is_empty()).then(|| format!(" · {}", r.reference));
        Some(view! {
            <ul class="clocks" id="referral-clock">
                <li class=status_class(&status, soon)>
                    <span class="clock-name">{t().complaint.referral_clock} " · " {r.body.clone()} {reference}</span>
                    <span class="clock-due">{t().complaint.clock_due} " " <Time at=r.due now=now/></span>
                    <span class="clock-status">{status_words(&status, t(), lang.get(), now)}</span>
                </li>
            </ul>
        })
    }
}

/// Each department task's due time beside the plan's clocks: met when the department reported
/// back in time, breached when it is late.
#[component]
fn TaskClocks(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let tasks = Memo::new(move |_| {
        let now = state.now.get();
        complaint.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                let facts = c.clock_facts();
                facts
                    .task_clocks(now)
                    .into_iter()
                    .map(|(task, status)| (task.clone(), status))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <Show when=move || !tasks.with(Vec::is_empty)>
            <ul class="clocks task-clocks" id="task-clocks">
                {move || {
                    let now = state.now.get();
                    tasks.get().into_iter().map(|(task, status)| {
                        let soon = matches!(status, ClockStatus::Pending { left } if left <= DUE_SOON);
                        let dept = state.department_name(&task.department, lang.get());
                        view! {
                            <li class=status_class(&status, soon) data-department=task.department.clone()>
                                <span class="clock-name">{t().complaint.task_clock} " · " {dept}</span>
                                <span class="clock-due">{t().complaint.clock_due} " " <Time at=task.due now=now/></span>
                                <span class="clock-status">{status_words(&status, t(), lang.get(), now)}</span>
                                <span class="hint task-what">{task.description.clone()}</span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </Show>
    }
}
