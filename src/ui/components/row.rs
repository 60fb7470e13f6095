//! One complaint as a row of a list: number, level, state, who and where, and its next
//! deadline. Used by the list and the dashboard.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{ClockStatus, Complaint, next_due};
use crate::ui::components::clocks::{Time, clock_class, span_text};
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// A complaint row linking to its page.
#[component]
pub fn ComplaintRow(complaint: Complaint) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let c = complaint;
    let href = format!("/complaints/{}", c.id);
    move || {
        let c = c.clone();
        let href = href.clone();
        let l = lang.get();
        let now = state.now.get();
        let next = state.settings.with(|s| next_due(&c, s, now));
        let who = if c.details.complainant.anonymous {
            t().complaint.anonymous_short.to_string()
        } else {
            c.details.complainant.name.clone().unwrap_or_default()
        };
        let unit = c.details.complainant.unit.as_ref().map(|u| format!("{}-{}-{}", u.building, u.entrance, u.room)).unwrap_or_default();
        let level = c.severity.map(|s| s.label(l)).unwrap_or(t().complaint.unassessed);
        let level_class = format!("chip-static level-{}", c.severity.map(|s| format!("{s:?}")).unwrap_or_default().to_lowercase());
        view! {
            <li class="row">
                <A href=href attr:class="row-link">
                    <div class="row-main">
                        <span class="row-number">{c.number.to_string()}</span>
                        <span class=level_class>{level}</span>
                        <span class="chip-static state">{c.state.label(l)}</span>
                        {c.needs_review().then(|| view! { <span class="chip-static flag-warn">{t().complaint.needs_review}</span> })}
                        {c.in_conflict().then(|| view! { <span class="chip-static flag-warn">{t().complaint.in_conflict}</span> })}
                        {c.details.drill.then(|| view! { <span class="chip-static flag">{t().complaint.drill_flag}</span> })}
                    </div>
                    <div class="row-sub">
                        <span>{who}</span> <span>{unit}</span>
                        <span class="row-text">{c.details.description.chars().take(60).collect::<String>()}</span>
                    </div>
                    {next.map(|v| {
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
                </A>
            </li>
        }
    }
}
