//! The statistics page: a period, then every figure of `sync::statistics_rows` as tables whose
//! count rows carry an SVG bar. The CSV button writes exactly these rows. Drills and deleted
//! complaints never count (`domain::stats::counted`).

use crate::ui::i18n::Message;
use leptos::prelude::*;

use crate::domain::stats::{StatsPeriod, custom_days, in_days, span_days};
use crate::sync::{StatRow, statistics_csv, statistics_rows};
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::components::page::Page;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, local_now};
use crate::ui::task::read_failure;

/// The period chosen: one of the spans, or from–to as typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    StatsPeriod(StatsPeriod),
    Custom,
}

/// Rows grouped by what they measure, in order.
fn tables(rows: Vec<StatRow>) -> Vec<(String, Vec<StatRow>)> {
    let mut out: Vec<(String, Vec<StatRow>)> = Vec::new();
    for row in rows {
        match out.last_mut() {
            Some((measure, list)) if *measure == row.measure => list.push(row),
            _ => out.push((row.measure.clone(), vec![row])),
        }
    }
    out
}

/// The statistics page.
#[component]
pub fn Statistics() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let choice = RwSignal::new(Choice::StatsPeriod(StatsPeriod::Month));
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<(bool, String)>);

    // The days of the period, or what is wrong with the typed dates.
    let days = Memo::new(move |_| match choice.get() {
        Choice::StatsPeriod(span) => Ok(span_days(span, local_now().date_naive())),
        Choice::Custom => custom_days(&from.get(), &to.get()).map(Some),
    });
    // Every whole complaint, read from the device when the page opens and again when any
    // complaint gains an event (the first screens keep only their briefs).
    let version = Memo::new(move |_| {
        state.briefs.with(|all| {
            (
                all.len(),
                all.values().map(|b| b.event_count).sum::<usize>(),
            )
        })
    });
    let whole = LocalResource::new(move || {
        version.track();
        service::whole_complaints(state)
    });
    let read_error = read_failure(whole);
    let period = Memo::new(move |_| {
        let days = days.get().ok()?;
        let offset = *local_now().offset();
        whole.with(|all| {
            all.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|all| in_days(all.iter(), days, offset))
        })
    });
    let rows = Memo::new(move |_| {
        let l = lang.get();
        let now = local_now();
        period.with(|p| {
            p.as_ref()
                .map(|list| state.settings.with(|s| statistics_rows(list, s, now, l)))
                .unwrap_or_default()
        })
    });

    let export = move |_| {
        let Some(list) = period.get_untracked() else {
            return;
        };
        let l = lang.get_untracked();
        let now = local_now();
        let text = state
            .settings
            .with_untracked(|s| statistics_csv(&list, s, now, l));
        let name = format!("statistics-{}.csv", now.format("%Y%m%d-%H%M"));
        let saved =
            crate::ui::platform::download_bytes(&name, "text/csv;charset=utf-8", text.as_bytes());
        notice.set(Some(if saved {
            (true, t().stats.exported.to_string())
        } else {
            (false, t().download_failed.to_string())
        }));
    };

    let button = move |c: Choice, label: Signal<String>, id: &'static str| {
        view! {
            <button type="button" class="btn" id=id aria-pressed=move || (choice.get() == c).to_string()
                on:click=move |_| { choice.set(c); notice.set(None); }>{move || label.get()}</button>
        }
    };

    view! {
        <Page title=Signal::derive(move || t().stats.title) id="statistics">
            <section class="card wide" id="period">
                <h2>{move || t().stats.period}</h2>
                <div class="segmented">
                    {StatsPeriod::ALL.into_iter().map(|s| button(
                        Choice::StatsPeriod(s),
                        Signal::derive(move || s.label(lang.get()).to_string()),
                        match s { StatsPeriod::Week => "span-week", StatsPeriod::Month => "span-month", StatsPeriod::Quarter => "span-quarter", StatsPeriod::Year => "span-year", StatsPeriod::All => "span-all" },
                    )).collect_view()}
                    {button(Choice::Custom, Signal::derive(move || t().stats.custom.to_string()), "span-custom")}
                </div>
                <Show when=move || choice.get() == Choice::Custom>
                    <div class="form-row">
                        <TextInput id="period-from" kind="date" label=Signal::derive(move || t().stats.from.to_string())
                            value=Signal::derive(move || from.get()) on_input=Callback::new(move |v| { from.set(v); notice.set(None); }) />
                        <TextInput id="period-to" kind="date" label=Signal::derive(move || t().stats.to.to_string())
                            value=Signal::derive(move || to.get()) on_input=Callback::new(move |v| { to.set(v); notice.set(None); }) />
                    </div>
                </Show>
                <p class=move || if days.with(Result::is_err) { "error" } else { "hint" } id="period-days">{move || match days.get() {
                    Ok(Some((f, t_))) => format!("{} – {}", f.format("%Y-%m-%d"), (t_ - chrono::TimeDelta::days(1)).format("%Y-%m-%d")),
                    Ok(None) => t().stats.all_time.to_string(),
                    Err(e) => e.message(lang.get()),
                }}</p>
                <p id="period-count" hidden=move || days.with(Result::is_err) || whole.with(Option::is_none)><strong>{move || period.with(|p| p.as_ref().map_or(0, |l| crate::domain::stats::counted(l).len()))}</strong> " " {move || t().stats.counted}</p>
                <div class="actions">
                    <button type="button" class="btn" id="stats-csv" on:click=export disabled=move || period.with(Option::is_none)>{move || t().lists.csv_stats}</button>
                </div>
                <Notice text=notice/>
                <Notice text=read_error/>
                <p class="hint" id="stats-loading" hidden=move || whole.with(Option::is_some)>{move || t().people.loading}</p>
            </section>
            {move || tables(rows.get()).into_iter().map(|(measure, list)| {
                let most = list.iter().filter_map(|r| r.count).max().unwrap_or(0).max(1);
                view! {
                    <section class="card wide stat-table">
                        <table>
                            <caption>{measure.clone()}</caption>
                            <thead><tr><th scope="col">{t().stats.group}</th><th scope="col">{t().stats.value}</th><th scope="col" class="bar-col"><span class="sr-only">{t().stats.chart}</span></th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|r| {
                                    let bar = r.count.map(|n| {
                                        let width = format!("{:.1}", n as f64 * 100.0 / most as f64);
                                        view! { <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" height="10" width=width></rect></svg> }
                                    });
                                    view! {
                                        <tr data-measure=measure.clone()>
                                            <th scope="row">{r.group}</th>
                                            <td class="num">{r.value}</td>
                                            <td class="bar-col">{bar}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            }).collect_view()}
        </Page>
    }
}
