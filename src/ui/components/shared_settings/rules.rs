//! Single-value settings: how days count and whether clocks pause, working hours, and the
//! repeat-complaint window and group size.

use chrono::NaiveTime;
use leptos::prelude::*;

use crate::domain::settings::WorkingHours;
use crate::domain::{DayMode, SettingChange};
use crate::ui::components::form::{Check, Select, TextInput};
use crate::ui::i18n::use_texts;

use super::{ReadOnlyHint, SaveRow, Saver, use_may_change};

/// The value a day mode has in the pick list.
fn day_mode_value(mode: DayMode) -> &'static str {
    match mode {
        DayMode::CalendarDays => "calendar_days",
        DayMode::WorkingDays => "working_days",
    }
}

/// How limits counted in days count (calendar or working days), and whether the clocks pause
/// while the complaint waits on the complainant.
#[component]
pub fn CountingPanel() -> impl IntoView {
    let t = use_texts();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let mode = saver.draft(|s| day_mode_value(s.day_mode).to_string());
    let pause = saver.draft(|s| s.pause_while_waiting);
    let options = Signal::derive(move || {
        vec![
            (
                "calendar_days".to_string(),
                t().settings.day_mode_calendar.to_string(),
            ),
            (
                "working_days".to_string(),
                t().settings.day_mode_working.to_string(),
            ),
        ]
    });
    let save = Callback::new(move |()| {
        let current = saver.state().settings.get_untracked();
        let chosen = if mode.get_untracked() == "working_days" {
            DayMode::WorkingDays
        } else {
            DayMode::CalendarDays
        };
        let mut changes = Vec::new();
        if chosen != current.day_mode {
            changes.push(SettingChange::DayMode(chosen));
        }
        if pause.get_untracked() != current.pause_while_waiting {
            changes.push(SettingChange::PauseWhileWaiting(pause.get_untracked()));
        }
        saver.save(changes);
    });
    view! {
        <section class="card" id="counting-panel">
            <h2>{move || t().settings.counting_title}</h2>
            <ReadOnlyHint may_change />
            <fieldset class="plain" disabled=move || !may_change.get()>
                <Select id="day-mode" label=Signal::derive(move || t().settings.day_mode.to_string())
                    options value=mode on_change=Callback::new(move |v| mode.set(v)) />
                <Check id="pause-while-waiting" label=Signal::derive(move || t().settings.pause_while_waiting.to_string())
                    checked=pause on_change=Callback::new(move |v| pause.set(v)) />
            </fieldset>
            <SaveRow id="counting-save" saver may_change on_save=save />
        </section>
    }
}

/// Start and end of the working day; outside them the duty lead acts as leader.
#[component]
pub fn WorkingHoursPanel() -> impl IntoView {
    let t = use_texts();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let start = saver.draft(|s| s.working_hours.start.format("%H:%M").to_string());
    let end = saver.draft(|s| s.working_hours.end.format("%H:%M").to_string());
    let parse = |v: String| {
        let v = v.trim();
        NaiveTime::parse_from_str(v, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(v, "%H:%M:%S"))
            .ok()
    };
    let save = Callback::new(move |()| {
        let (Some(start), Some(end)) = (parse(start.get_untracked()), parse(end.get_untracked()))
        else {
            saver.refuse(t().settings.bad_time);
            return;
        };
        let hours = WorkingHours { start, end };
        let changed = saver
            .state()
            .settings
            .with_untracked(|s| s.working_hours != hours);
        saver.save(if changed {
            vec![SettingChange::WorkingHours(hours)]
        } else {
            Vec::new()
        });
    });
    view! {
        <section class="card" id="hours-panel">
            <h2>{move || t().settings.hours_title}</h2>
            <p class="hint">{move || t().settings.hours_intro}</p>
            <ReadOnlyHint may_change />
            <fieldset class="plain" disabled=move || !may_change.get()>
                <div class="form-row">
                    <TextInput id="work-start" kind="time" label=Signal::derive(move || t().settings.hours_start.to_string())
                        value=start on_input=Callback::new(move |v| start.set(v)) />
                    <TextInput id="work-end" kind="time" label=Signal::derive(move || t().settings.hours_end.to_string())
                        value=end on_input=Callback::new(move |v| end.set(v)) />
                </div>
            </fieldset>
            <SaveRow id="hours-save" saver may_change on_save=save />
        </section>
    }
}

/// The company's name, printed at the head of every form.
#[component]
pub fn CompanyPanel() -> impl IntoView {
    let t = use_texts();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let name = saver.draft(|s| s.company_name.clone());
    let save = Callback::new(move |()| {
        let typed = name.get_untracked().trim().to_string();
        let current = saver
            .state()
            .settings
            .with_untracked(|s| s.company_name.clone());
        let changes = if typed == current {
            Vec::new()
        } else {
            vec![SettingChange::CompanyName(typed)]
        };
        saver.save(changes);
    });
    view! {
        <section class="card" id="company-panel">
            <h2>{move || t().settings.company_title}</h2>
            <ReadOnlyHint may_change />
            <fieldset class="plain" disabled=move || !may_change.get()>
                <TextInput id="company-name" label=Signal::derive(move || t().settings.company_name.to_string())
                    value=name on_input=Callback::new(move |v| name.set(v))
                    hint=Signal::derive(move || Some(t().settings.company_hint.to_string())) />
            </fieldset>
            <SaveRow id="company-save" saver may_change on_save=save />
        </section>
    }
}

/// When a complaint counts as a repeat (the window in days) and as a group complaint (how
/// many complainants).
#[component]
pub fn TriagePanel() -> impl IntoView {
    let t = use_texts();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let window = saver.draft(|s| s.repeat_window_days.to_string());
    let group = saver.draft(|s| s.group_size.to_string());
    let save = Callback::new(move |()| {
        let number = |v: String| v.trim().parse::<u32>().ok();
        let (Some(days), Some(size)) = (
            number(window.get_untracked()),
            number(group.get_untracked()),
        ) else {
            saver.refuse(t().settings.whole_number);
            return;
        };
        let current = saver.state().settings.get_untracked();
        let mut changes = Vec::new();
        if days != current.repeat_window_days {
            changes.push(SettingChange::RepeatWindowDays(days));
        }
        if size != current.group_size {
            changes.push(SettingChange::GroupSize(size));
        }
        saver.save(changes);
    });
    view! {
        <section class="card" id="triage-panel">
            <h2>{move || t().settings.triage_title}</h2>
            <ReadOnlyHint may_change />
            <fieldset class="plain" disabled=move || !may_change.get()>
                <div class="form-row">
                    <TextInput id="repeat-window" kind="number" label=Signal::derive(move || t().settings.repeat_window.to_string())
                        value=window on_input=Callback::new(move |v| window.set(v))
                        hint=Signal::derive(move || Some(t().settings.repeat_window_hint.to_string())) />
                    <TextInput id="group-size" kind="number" label=Signal::derive(move || t().settings.group_size.to_string())
                        value=group on_input=Callback::new(move |v| group.set(v))
                        hint=Signal::derive(move || Some(t().settings.group_size_hint.to_string())) />
                </div>
            </fieldset>
            <SaveRow id="triage-save" saver may_change on_save=save />
        </section>
    }
}
