//! Settings two devices changed before they synced: each value side by side, the one in effect
//! marked, and a button to keep either (saving it again settles the conflict).

use leptos::prelude::*;

use crate::domain::settings::SettingKey;
use crate::domain::{DayMode, Lang, SettingChange, Settings};
use crate::ui::i18n::{LangCtx, Texts, use_texts};

use super::clocks::rule_text;
use super::{Saver, use_may_change};
use crate::ui::components::form::Notice;

/// The name of what a key sets.
fn key_text(key: &SettingKey, t: &Texts, lang: Lang) -> String {
    let s = &t.settings;
    match key {
        SettingKey::Clock(c) => format!("{} · {}", s.key_clock, c.label(lang)),
        SettingKey::DayMode => s.key_day_mode.into(),
        SettingKey::PauseWhileWaiting => s.pause_while_waiting.into(),
        SettingKey::Calendar => s.calendar_title.into(),
        SettingKey::WorkingHours => s.hours_title.into(),
        SettingKey::RepeatWindowDays => s.repeat_window.into(),
        SettingKey::GroupSize => s.group_size.into(),
        SettingKey::Categories => s.categories_title.into(),
        SettingKey::Departments => s.departments_title.into(),
        SettingKey::Device(_) => s.key_device.into(),
        SettingKey::CompanyName => s.company_name.into(),
        SettingKey::Unit(_) => t.org.unit_key.into(),
        SettingKey::DrillEveryMonths => t.plan.drill_every.into(),
        SettingKey::TrainingEveryMonths => t.plan.training_every.into(),
        SettingKey::Duty(day, shift) => format!(
            "{} · {} {}",
            t.org.rota,
            day.format("%Y-%m-%d"),
            shift.label(lang)
        ),
    }
}

/// A changed value for people.
fn value_text(change: &SettingChange, t: &Texts, lang: Lang) -> String {
    let s = &t.settings;
    match change {
        SettingChange::Clock { rule, .. } => rule_text(rule, t, lang),
        SettingChange::DayMode(DayMode::CalendarDays) => s.day_mode_calendar.into(),
        SettingChange::DayMode(DayMode::WorkingDays) => s.day_mode_working.into(),
        SettingChange::PauseWhileWaiting(on) => (if *on { s.yes } else { s.no }).into(),
        SettingChange::Calendar(c) => {
            let years: Vec<String> = c.covered_years.iter().map(i32::to_string).collect();
            format!(
                "{} · {}{} · {}{}",
                years.join(", "),
                c.holidays.len(),
                s.holiday_count,
                c.make_up_days.len(),
                s.make_up_count
            )
        }
        SettingChange::WorkingHours(h) => {
            format!("{}–{}", h.start.format("%H:%M"), h.end.format("%H:%M"))
        }
        SettingChange::RepeatWindowDays(d) => format!("{d}{}", s.days_suffix),
        SettingChange::GroupSize(n) => format!("{n}{}", s.people_suffix),
        SettingChange::Categories(items) | SettingChange::Departments(items) => items
            .iter()
            .map(|i| i.name(lang))
            .collect::<Vec<_>>()
            .join(lang.texts().lists.separator),
        SettingChange::Device { code, label, .. } => format!("{code} · {label}"),
        SettingChange::CompanyName(name) => name.clone(),
        SettingChange::Unit { unit, .. } => unit.name.clone(),
        SettingChange::DrillEveryMonths(m) | SettingChange::TrainingEveryMonths(m) => {
            format!("{m} {}", t.plan.months)
        }
        SettingChange::Duty { person: None, .. } => t.org.nobody.into(),
        SettingChange::Duty {
            person: Some(id), ..
        } => expect_context::<crate::ui::state::AppState>()
            .roster
            .with_untracked(|r| r.iter().find(|p| p.id == *id).map(|p| p.name.clone()))
            .unwrap_or_else(|| id.to_string()),
    }
}

/// Whether `change` is what the settings hold now.
fn in_effect(change: &SettingChange, settings: &Settings) -> bool {
    let mut applied = settings.clone();
    change.write(&mut applied);
    applied == *settings
}

/// Every conflicted setting with its values; shown only when there are any.
#[component]
pub fn ConflictsPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let state = saver.state();
    view! {
        <Show when=move || state.settings.with(|s| !s.conflicts.is_empty())>
            <section class="card attention" id="settings-conflicts">
                <h2>{move || t().settings.conflicts_title}</h2>
                <p class="hint">{move || t().settings.conflicts_intro}</p>
                {move || {
                    let settings = state.settings.get();
                    settings.conflicts.iter().map(|(key, values)| {
                        let rows = values.iter().map(|(_, change)| {
                            let current = in_effect(change, &settings);
                            let keep = change.clone();
                            let text = value_text(change, t(), lang.get());
                            view! {
                                <li class="conflict-value" class:current=current>
                                    <span class="conflict-text">
                                        <span class="pre">{text.clone()}</span>
                                        {current.then(|| view! { " " <span class="chip-static state">{t().settings.in_effect}</span> })}
                                    </span>
                                    <Show when=move || may_change.get()>
                                        <button type="button" class="btn" data-keep=text.clone() on:click={
                                            let keep = keep.clone();
                                            move |_| saver.save(vec![keep.clone()])
                                        }>{move || t().settings.keep_this}</button>
                                    </Show>
                                </li>
                            }
                        }).collect_view();
                        view! {
                            <div class="conflict">
                                <h3>{key_text(key, t(), lang.get())}</h3>
                                <ul class="conflict-values">{rows}</ul>
                            </div>
                        }
                    }).collect_view()
                }}
                <Notice text=saver.notice />
            </section>
        </Show>
    }
}
