//! Deadline clocks as live countdowns: each due time is a `<time datetime>` element; red when
//! breached, amber when due soon. The domain decides every status.

use chrono::{DateTime, FixedOffset, TimeDelta};
use leptos::prelude::*;

use crate::domain::clocks::DUE_SOON;
use crate::domain::{ClockStatus, ClockView, Complaint, Lang, evaluate};
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// "2天3小时", "3 h 05 min": a duration for people.
pub fn span_text(d: TimeDelta, lang: Lang) -> String {
    let total = d.num_seconds().max(0);
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
    match lang {
        Lang::Zh if days > 0 => format!("{days}天{hours}小时"),
        Lang::Zh if hours > 0 => format!("{hours}小时{minutes:02}分"),
        Lang::Zh => format!("{minutes}分{seconds:02}秒"),
        Lang::En if days > 0 => format!("{days} d {hours} h"),
        Lang::En if hours > 0 => format!("{hours} h {minutes:02} min"),
        Lang::En => format!("{minutes} min {seconds:02} s"),
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
    match v.status {
        ClockStatus::Breached { met_at: None, .. } => "clock clock-breached",
        ClockStatus::Breached { .. } => "clock clock-late",
        ClockStatus::Met { .. } => "clock clock-met",
        ClockStatus::Pending { .. } if v.is_due_soon(DUE_SOON) => "clock clock-soon",
        ClockStatus::Pending { .. } => "clock clock-pending",
    }
}

/// Every clock of one complaint.
#[component]
pub fn ClockList(#[prop(into)] complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    move || {
        let now = state.now.get();
        let l = lang.get();
        let views = complaint.with(|c| c.as_ref().map(|c| state.settings.with(|s| evaluate(c, s, now))).unwrap_or_default());
        if views.is_empty() {
            return view! { <p class="hint">{t().complaint.no_clocks}</p> }.into_any();
        }
        view! {
            <ul class="clocks">
                {views.into_iter().map(|v| {
                    let status = match &v.status {
                        ClockStatus::Pending { left } => format!("{} {}", t().complaint.clock_left, span_text(*left, l)),
                        ClockStatus::Met { at } => format!("{} {}", t().complaint.clock_met, when_text(*at, now)),
                        ClockStatus::Breached { by, met_at: None } => format!("{} {}", t().complaint.clock_breached, span_text(*by, l)),
                        ClockStatus::Breached { by, met_at: Some(_) } => format!("{} {}", t().complaint.clock_late, span_text(*by, l)),
                    };
                    view! {
                        <li class=clock_class(&v) data-clock=format!("{:?}", v.clock)>
                            <span class="clock-name">{v.clock.label(l)}</span>
                            <span class="clock-due">{t().complaint.clock_due} " " <Time at=v.due now=now/></span>
                            <span class="clock-status">{status}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    }
}
