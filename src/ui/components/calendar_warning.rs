//! "The business calendar for 2027 is not set": shown to those who may change the shared
//! settings, from 1 November when next year is missing (or at once when this year is), with a
//! link to the form that adds a year in one go. Which year, and from when, is the domain's
//! [`BusinessCalendar::year_to_add`](crate::domain::BusinessCalendar::year_to_add).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::components::shared_settings::use_may_change;
use crate::ui::i18n::use_texts;
use crate::ui::state::AppState;

/// The warning banner; nothing when the calendar covers what it should, or for staff.
#[component]
pub fn CalendarYearWarning() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let may_change = use_may_change();
    let today = Memo::new(move |_| state.now.get().date_naive());
    let missing = Memo::new(move |_| {
        let today = today.get();
        state.settings.with(|s| s.calendar.year_to_add(today))
    });
    move || {
        let year = missing.get().filter(|_| may_change.get())?;
        Some(view! {
            <div class="banner banner-calendar" role="status" id="calendar-missing" data-year=year.to_string()>
                <span>
                    <strong>{move || (t().settings.calendar_missing)(year)}</strong>
                    " "
                    {move || (t().settings.calendar_missing_why)(year)}
                </span>
                <A href=crate::ui::app::href("/settings#year-panel") attr:class="btn btn-primary" attr:id="calendar-missing-add">
                    {move || t().settings.calendar_missing_link}
                </A>
            </div>
        })
    }
}
