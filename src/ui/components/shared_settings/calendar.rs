//! The business calendar: public holidays and make-up working days per year, one date added or
//! removed at a time, or a whole year entered at once. Each change saves the whole calendar.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::{BusinessCalendar, Holiday, Lang, SettingChange, Settings};
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::i18n::{LangCtx, Texts, use_texts};

use super::{ReadOnlyHint, Saver, use_may_change};

/// A date typed as 2027-01-01, 2027/1/1 or 2027.1.1, or as 1-1 for a day of `year`.
/// `None` when `token` is no date at all; `Some(None)` when it looks like one but is not valid.
fn parse_date(token: &str, year: i32) -> Option<Option<NaiveDate>> {
    let parts: Vec<&str> = token.split(['-', '/', '.']).collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    Some(match parts.as_slice() {
        [y, m, d] => {
            n(y).and_then(|y| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, n(m)?, n(d)?))
        }
        [m, d] => n(m).and_then(|m| NaiveDate::from_ymd_opt(year, m, n(d)?)),
        _ => None,
    })
}

/// Why a typed year was refused: the line (from 1) if one, and what is wrong.
type Refusal = (Option<usize>, fn(&Texts) -> &'static str);

/// One holiday line: "春节 2027-02-06 2027-02-13", "春节/Spring Festival 2027-02-06 至 2027-02-13",
/// or one date for a one-day holiday.
fn parse_holiday(line: &str, year: i32) -> Result<Holiday, fn(&Texts) -> &'static str> {
    let spaced: String = line
        .chars()
        .map(|c| {
            if matches!(c, '~' | '～' | '–' | '—' | '至' | '到' | ',' | '，' | '、') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut name = Vec::new();
    let mut dates = Vec::new();
    for token in spaced.split_whitespace() {
        match parse_date(token, year) {
            None => name.push(token),
            Some(Some(d)) => dates.push(d),
            Some(None) => return Err(|t| t.settings.err_bad_date),
        }
    }
    let name = name.join(" ");
    let (name_zh, name_en) = match name.split_once('/') {
        Some((zh, en)) => (zh.trim().to_string(), en.trim().to_string()),
        None => (name.trim().to_string(), String::new()),
    };
    if name_zh.is_empty() {
        return Err(|t| t.settings.err_need_name);
    }
    let (first, last) = match dates.as_slice() {
        [d] => (*d, *d),
        [a, b] => (*a, *b),
        _ => return Err(|t| t.settings.err_bad_date),
    };
    if first.year() != year {
        return Err(|t| t.settings.err_wrong_year);
    }
    if last < first {
        return Err(|t| t.settings.err_order);
    }
    Ok(Holiday {
        name_zh,
        name_en,
        first,
        last,
    })
}

/// A year typed as 2027.
fn parse_year_number(year: &str) -> Result<i32, Refusal> {
    year.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or((None, |t| t.settings.err_bad_year))
}

/// A whole year typed at once: its holidays (one a line) and make-up working days.
fn parse_year(
    year: &str,
    holidays: &str,
    make_up: &str,
) -> Result<(i32, Vec<Holiday>, BTreeSet<NaiveDate>), Refusal> {
    let year = parse_year_number(year)?;
    let mut days_off = Vec::new();
    for (i, line) in holidays
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        days_off.push(parse_holiday(line, year).map_err(|e| (Some(i + 1), e))?);
    }
    if days_off.is_empty() {
        return Err((None, |t| t.settings.err_year_empty));
    }
    let mut working = BTreeSet::new();
    for token in make_up
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|s| !s.is_empty())
    {
        match parse_date(token, year) {
            Some(Some(d)) if d.year() == year => {
                working.insert(d);
            }
            Some(Some(_)) => return Err((None, |t| t.settings.err_wrong_year)),
            _ => return Err((None, |t| t.settings.err_bad_date)),
        }
    }
    Ok((year, days_off, working))
}

/// "2026-01-04 周日".
fn day_text(d: NaiveDate, t: &Texts) -> String {
    format!(
        "{} {}",
        d.format("%Y-%m-%d"),
        t.settings.weekdays[d.weekday().num_days_from_monday() as usize]
    )
}

/// "春节 · 2026-02-15 至 2026-02-23 · 9天".
fn holiday_text(h: &Holiday, t: &Texts, lang: Lang) -> String {
    let name = match lang {
        Lang::En if !h.name_en.trim().is_empty() => &h.name_en,
        _ => &h.name_zh,
    };
    let days = (h.last - h.first).num_days() + 1;
    if h.first == h.last {
        format!(
            "{name} · {} · 1{}",
            day_text(h.first, t),
            t.settings.days_suffix
        )
    } else {
        format!(
            "{name} · {} {} {} · {days}{}",
            h.first.format("%Y-%m-%d"),
            t.settings.through,
            h.last.format("%Y-%m-%d"),
            t.settings.days_suffix
        )
    }
}

/// Records the calendar after `edit`.
fn save_calendar(saver: Saver, edit: impl FnOnce(&mut BusinessCalendar)) {
    let mut calendar = saver
        .state()
        .settings
        .with_untracked(|s| s.calendar.clone());
    edit(&mut calendar);
    crate::domain::order::sort_by_key(&mut calendar.holidays, |h| h.first);
    saver.save(vec![SettingChange::Calendar(calendar)]);
}

/// The calendar, one year at a time, with forms to add a holiday or a make-up working day.
#[component]
pub fn CalendarPanel() -> impl IntoView {
    let t = use_texts();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let state = saver.state();
    let year = RwSignal::new(state.now.get_untracked().year());
    let years = Memo::new(move |_| {
        let mut all: BTreeSet<i32> = state.settings.with(|s| {
            s.calendar
                .holidays
                .iter()
                .map(|h| h.first.year())
                .chain(s.calendar.make_up_days.iter().map(|d| d.year()))
                .chain(s.calendar.covered_years.iter().copied())
                .collect()
        });
        all.insert(state.now.get().year());
        all.insert(year.get());
        all.into_iter().collect::<Vec<_>>()
    });
    view! {
        <section class="card" id="calendar-panel">
            <h2>{move || t().settings.calendar_title}</h2>
            <p class="hint">{move || t().settings.calendar_intro}</p>
            <ReadOnlyHint may_change />
            <div class="segmented calendar-years" role="group" aria-label=move || t().settings.years>
                {move || years.get().into_iter().map(|y| view! {
                    <button type="button" class="btn" data-year=y.to_string()
                        aria-pressed=move || (year.get() == y).to_string()
                        on:click=move |_| year.set(y)>{y}</button>
                }).collect_view()}
            </div>
            <YearEntries year saver may_change />
            <Show when=move || may_change.get()>
                <AddHoliday saver year />
                <AddMakeUpDay saver year />
            </Show>
            <Notice text=saver.notice />
        </section>
    }
}

/// One year's holidays and make-up working days, each removable.
#[component]
fn YearEntries(year: RwSignal<i32>, saver: Saver, may_change: Memo<bool>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = saver.state();
    let holidays = Memo::new(move |_| {
        let y = year.get();
        state.settings.with(|s| {
            s.calendar
                .holidays
                .iter()
                .filter(|h| h.first.year() == y || h.last.year() == y)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let make_up = Memo::new(move |_| {
        let y = year.get();
        state.settings.with(|s| {
            s.calendar
                .make_up_days
                .iter()
                .filter(|d| d.year() == y)
                .copied()
                .collect::<Vec<_>>()
        })
    });
    let remove_holiday = move |h: Holiday| {
        save_calendar(saver, move |c| {
            if let Some(i) = c.holidays.iter().position(|x| *x == h) {
                c.holidays.remove(i);
            }
        })
    };
    let remove_make_up = move |d: NaiveDate| {
        save_calendar(saver, move |c| {
            c.make_up_days.remove(&d);
        })
    };
    let covered = Memo::new(move |_| {
        let y = year.get();
        state.settings.with(|s| s.calendar.covers(y))
    });
    let empty = Memo::new(move |_| holidays.with(Vec::is_empty) && make_up.with(Vec::is_empty));
    let confirm = move |_| {
        let y = year.get_untracked();
        save_calendar(saver, move |c| {
            *c = std::mem::take(c).with_year_confirmed(y)
        });
    };
    view! {
        {move || match (covered.get(), empty.get()) {
            (true, false) => ().into_any(),
            (true, true) => view! {
                <p class="hint" id="calendar-year-weekends">{t().settings.year_weekends_only}</p>
            }.into_any(),
            (false, true) => view! {
                <p class="notice notice-error" id="calendar-year-empty">{t().settings.year_empty}</p>
            }.into_any(),
            (false, false) => view! {
                <p class="notice notice-error" id="calendar-year-unconfirmed">{(t().settings.year_not_confirmed)(year.get())}</p>
            }.into_any(),
        }}
        <Show when=move || may_change.get() && !covered.get() && !empty.get()>
            <div class="actions">
                <button type="button" class="btn" id="year-confirm" disabled=move || saver.busy.get() on:click=confirm>
                    {move || (t().settings.confirm_entries)(year.get())}
                </button>
            </div>
        </Show>
        <h3>{move || t().settings.holidays}</h3>
        <ul class="date-list" id="holiday-list">
            {move || holidays.get().into_iter().map(|h| {
                let text = holiday_text(&h, t(), lang.get());
                let key = h.first.to_string();
                view! {
                    <li>
                        <span>{text}</span>
                        <Show when=move || may_change.get()>
                            <button type="button" class="btn btn-danger" data-holiday=key.clone()
                                on:click={
                                    let h = h.clone();
                                    move |_| remove_holiday(h.clone())
                                }>{move || t().settings.remove}</button>
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
        <h3>{move || t().settings.make_up_days}</h3>
        <ul class="date-list" id="make-up-list">
            {move || make_up.get().into_iter().map(|d| view! {
                <li>
                    <span>{day_text(d, t())}</span>
                    <Show when=move || may_change.get()>
                        <button type="button" class="btn btn-danger" data-make-up=d.to_string()
                            on:click=move |_| remove_make_up(d)>{move || t().settings.remove}</button>
                    </Show>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A form adding one holiday (a range of days off).
#[component]
fn AddHoliday(saver: Saver, year: RwSignal<i32>) -> impl IntoView {
    let t = use_texts();
    let name_zh = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let last = RwSignal::new(String::new());
    let add = move |_| {
        let texts = t();
        let Ok(first_day) = NaiveDate::parse_from_str(first.get_untracked().trim(), "%Y-%m-%d")
        else {
            saver.refuse(texts.settings.err_need_date);
            return;
        };
        let last_text = last.get_untracked();
        let last_day = if last_text.trim().is_empty() {
            first_day
        } else {
            match NaiveDate::parse_from_str(last_text.trim(), "%Y-%m-%d") {
                Ok(d) => d,
                Err(_) => return saver.refuse(texts.settings.err_bad_date),
            }
        };
        if last_day < first_day {
            return saver.refuse(texts.settings.err_order);
        }
        let zh = name_zh.get_untracked().trim().to_string();
        if zh.is_empty() {
            return saver.refuse(texts.settings.err_need_name);
        }
        let holiday = Holiday {
            name_zh: zh,
            name_en: name_en.get_untracked().trim().to_string(),
            first: first_day,
            last: last_day,
        };
        year.set(first_day.year());
        save_calendar(saver, move |c| c.holidays.push(holiday));
        for s in [name_zh, name_en, first, last] {
            s.set(String::new());
        }
    };
    view! {
        <div class="calendar-form" id="add-holiday">
            <h3>{move || t().settings.add_holiday}</h3>
            <div class="form-row">
                <TextInput id="holiday-name-zh" label=Signal::derive(move || t().settings.holiday_name_zh.to_string())
                    value=name_zh on_input=Callback::new(move |v| name_zh.set(v)) required=true />
                <TextInput id="holiday-name-en" label=Signal::derive(move || t().settings.holiday_name_en.to_string())
                    value=name_en on_input=Callback::new(move |v| name_en.set(v)) />
                <TextInput id="holiday-first" kind="date" label=Signal::derive(move || t().settings.holiday_first.to_string())
                    value=first on_input=Callback::new(move |v| first.set(v)) required=true />
                <TextInput id="holiday-last" kind="date" label=Signal::derive(move || t().settings.holiday_last.to_string())
                    value=last on_input=Callback::new(move |v| last.set(v)) />
            </div>
            <button type="button" class="btn btn-primary" id="holiday-add" disabled=move || saver.busy.get() on:click=add>
                {move || t().settings.add_holiday}
            </button>
        </div>
    }
}

/// A form adding one make-up working day.
#[component]
fn AddMakeUpDay(saver: Saver, year: RwSignal<i32>) -> impl IntoView {
    let t = use_texts();
    let day = RwSignal::new(String::new());
    let add = move |_| {
        let Ok(d) = NaiveDate::parse_from_str(day.get_untracked().trim(), "%Y-%m-%d") else {
            return saver.refuse(t().settings.err_need_date);
        };
        year.set(d.year());
        save_calendar(saver, move |c| {
            c.make_up_days.insert(d);
        });
        day.set(String::new());
    };
    view! {
        <div class="calendar-form" id="add-make-up">
            <h3>{move || t().settings.add_make_up}</h3>
            <div class="form-row">
                <TextInput id="make-up-date" kind="date" label=Signal::derive(move || t().settings.make_up_date.to_string())
                    value=day on_input=Callback::new(move |v| day.set(v)) required=true />
            </div>
            <button type="button" class="btn btn-primary" id="make-up-add" disabled=move || saver.busy.get() on:click=add>
                {move || t().settings.add_make_up}
            </button>
        </div>
    }
}

/// A whole year's days off and make-up working days, typed and saved at once; replaces what
/// that year had.
#[component]
pub fn AddYearPanel() -> impl IntoView {
    let t = use_texts();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let state = saver.state();
    // The year the calendar lacks now, else the one after the last covered year; offered again
    // whenever the calendar changes (loaded, saved, synced).
    let offered = move |s: &Settings| {
        let today = state.now.get_untracked().date_naive();
        s.calendar
            .year_to_add(today)
            .unwrap_or_else(|| {
                s.calendar
                    .covered_years
                    .last()
                    .map_or(today.year(), |y| y + 1)
            })
            .to_string()
    };
    let next_year = move || state.settings.with_untracked(offered);
    let year = saver.draft(offered);
    let holidays = RwSignal::new(String::new());
    let make_up = RwSignal::new(String::new());
    let add = move |_| {
        let texts = t();
        match parse_year(
            &year.get_untracked(),
            &holidays.get_untracked(),
            &make_up.get_untracked(),
        ) {
            Err((line, what)) => {
                let at = line
                    .map(|n| {
                        format!(
                            "{}{n}{}",
                            texts.settings.line_before, texts.settings.line_after
                        )
                    })
                    .unwrap_or_default();
                saver.refuse(format!("{at}{}", what(texts)));
            }
            Ok((y, days_off, working)) => {
                let calendar = state
                    .settings
                    .with_untracked(|s| s.calendar.clone())
                    .with_year_entered(y, days_off, working);
                saver.save(vec![SettingChange::Calendar(calendar)]);
            }
        }
    };
    // A typed year with nothing entered and not yet covered may be confirmed as weekends only.
    let confirmable = Memo::new(move |_| {
        let y = parse_year_number(&year.get()).ok()?;
        state.settings.with(|s| {
            (!s.calendar.covers(y) && !s.calendar.entered_years().contains(&y)).then_some(y)
        })
    });
    let confirm = move |_| {
        if let Some(y) = confirmable.get_untracked() {
            let calendar = state
                .settings
                .with_untracked(|s| s.calendar.clone())
                .with_year_entered(y, Vec::new(), BTreeSet::new());
            saver.save(vec![SettingChange::Calendar(calendar)]);
        }
    };
    // Reached through a link to this form (the calendar warning): bring it into view once it
    // is shown, as the router only scrolls to what is already on the page.
    let panel = NodeRef::<leptos::html::Section>::new();
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        if let Some(el) = panel.get()
            && location.hash.get() == "#year-panel"
        {
            el.scroll_into_view();
        }
    });
    // A saved year empties the form for the next one.
    Effect::new(move |_| {
        if let Some((true, _)) = saver.notice.get() {
            holidays.set(String::new());
            make_up.set(String::new());
            year.set(next_year());
        }
    });
    view! {
        <Show when=move || may_change.get()>
            <section class="card" id="year-panel" node_ref=panel>
                <h2>{move || t().settings.add_year_title}</h2>
                <p class="hint">{move || t().settings.add_year_intro}</p>
                <div class="form-row">
                    <TextInput id="year-number" kind="number" label=Signal::derive(move || t().settings.year_number.to_string())
                        value=year on_input=Callback::new(move |v| year.set(v)) required=true />
                </div>
                <TextInput id="year-holidays" multiline=true label=Signal::derive(move || t().settings.year_holidays.to_string())
                    value=holidays on_input=Callback::new(move |v| holidays.set(v))
                    hint=Signal::derive(move || Some(t().settings.year_holidays_hint.to_string())) required=true />
                <TextInput id="year-make-up" multiline=true label=Signal::derive(move || t().settings.year_make_up.to_string())
                    value=make_up on_input=Callback::new(move |v| make_up.set(v))
                    hint=Signal::derive(move || Some(t().settings.year_make_up_hint.to_string())) />
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="year-add" disabled=move || saver.busy.get() on:click=add>
                        {move || t().settings.add_year}
                    </button>
                </div>
                {move || confirmable.get().map(|y| view! {
                    <div class="actions year-confirm">
                        <button type="button" class="btn" id="year-confirm-weekends" disabled=move || saver.busy.get() on:click=confirm>
                            {(t().settings.confirm_year)(y)}
                        </button>
                        <p class="hint">{t().settings.confirm_year_hint}</p>
                    </div>
                })}
                <Notice text=saver.notice />
            </section>
        </Show>
    }
}
