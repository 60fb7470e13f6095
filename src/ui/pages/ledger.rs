//! The ledger (台账): the supervisor's daily check of the day's new and overdue complaints,
//! each ticked as checked and signed off, and the manager's monthly review of the month's
//! statistics with comments, signed off. Each sign-off prints on A4. Which complaints the
//! check lists, who may sign and what a sign-off must hold are the domain's (`domain::ledger`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::RecordId;
use crate::domain::complaint::Entry;
use crate::domain::ledger::{Checked, Ledger, Review, ReviewKind, daily_items};
use crate::domain::stats::{counted, in_days};
use crate::sync::{StatRow, statistics_rows};
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::components::page::Page;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, Load, local_now};
use crate::ui::task::{Task, done_saying, read_failure};

/// The ledger page.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    // Read again after each sign-off.
    let signed_count = RwSignal::new(0u32);
    // Read once the tablet's data is open, and again after each sign-off.
    let ledger = LocalResource::new(move || {
        let ready = state.load.get() == Load::Ready;
        signed_count.track();
        async move {
            match ready {
                true => service::ledger(state).await,
                false => Ok(Ledger::default()),
            }
        }
    });
    let read_error = read_failure(ledger);
    let current = Signal::derive(move || {
        ledger.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .cloned()
                .unwrap_or_default()
        })
    });
    let printing = RwSignal::new(None::<Entry<Review>>);
    view! {
        <Page title=Signal::derive(move || t().paper.ledger_title) id="ledger">
            <Notice text=read_error/>
            <DailyCheck ledger=current printing signed=signed_count/>
            <MonthlyReview ledger=current printing signed=signed_count/>
            <section class="card wide print-area" id="ledger-print" hidden=move || printing.with(Option::is_none)>
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="ledger-print-now"
                        on:click=move |_| { crate::ui::platform::pad::print(); }>{move || t().paper.print_now}</button>
                </div>
                {move || printing.get().map(|entry| view! { <ReviewSheet entry/> })}
            </section>
        </Page>
    }
}

/// Today's date as `yyyy-mm-dd` on this tablet.
fn today() -> NaiveDate {
    local_now().date_naive()
}

/// The sign-offs already made, each with a button that shows it for print.
#[component]
fn SignedList(
    kind: ReviewKind,
    covers: Signal<Option<NaiveDate>>,
    ledger: Signal<Ledger>,
    printing: RwSignal<Option<Entry<Review>>>,
) -> impl IntoView {
    let t = use_texts();
    move || {
        let covers = covers.get()?;
        let list: Vec<Entry<Review>> =
            ledger.with(|l| l.signed(kind, covers).into_iter().cloned().collect());
        Some(view! {
            <ul class="signed-list">
                {if list.is_empty() {
                    view! { <li class="hint">{t().paper.not_signed}</li> }.into_any()
                } else {
                    list.into_iter().map(|e| {
                        let shown = e.clone();
                        view! {
                            <li class="signed">
                                <span>{format!("{} · {} · {}", t().paper.signed_by, e.by.name, e.at.format("%Y-%m-%d %H:%M"))}</span>
                                <button type="button" class="btn print-review" on:click=move |_| printing.set(Some(shown.clone()))>{t().paper.print_now}</button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        })
    }
}

/// The supervisor's daily check.
#[component]
fn DailyCheck(
    ledger: Signal<Ledger>,
    printing: RwSignal<Option<Entry<Review>>>,
    signed: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let day_text = RwSignal::new(today().format("%Y-%m-%d").to_string());
    let day = Signal::derive(move || NaiveDate::parse_from_str(&day_text.get(), "%Y-%m-%d").ok());
    // Ticked complaints and their notes.
    let ticks = RwSignal::new(BTreeMap::<RecordId, String>::new());
    let comment = RwSignal::new(String::new());
    let items = Memo::new(move |_| {
        let Some(day) = day.get() else {
            return Vec::new();
        };
        let now = state.now.get();
        state.briefs.with(|all| {
            state.settings.with(|s| {
                daily_items(all.values(), day, s, now)
                    .into_iter()
                    .map(|b| {
                        (
                            b.id,
                            b.number.to_string(),
                            b.excerpt.clone(),
                            b.received_at.date_naive() == day,
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let sign = Task::new(move |review: Review| async move {
        service::sign_review(state, review, local_now()).await?;
        ticks.try_set(BTreeMap::new());
        comment.try_set(String::new());
        signed.try_update(|n| *n += 1);
        done_saying(t().paper.signed_off)
    });
    let submit = move |_| {
        let Some(day) = day.get_untracked() else {
            return;
        };
        let numbers: BTreeMap<RecordId, String> = items.with_untracked(|list| {
            crate::domain::order::map(list.iter().map(|(id, n, _, _)| (*id, n.clone())))
        });
        let checked = ticks.with_untracked(|m| {
            m.iter()
                .filter_map(|(id, note)| {
                    numbers.get(id).map(|n| Checked {
                        complaint: *id,
                        number: n.clone(),
                        note: note.clone(),
                    })
                })
                .collect()
        });
        sign.run(Review::Daily {
            day,
            checked,
            comment: comment.get_untracked(),
        });
    };
    view! {
        <section class="card wide" id="daily-check">
            <h2>{move || ReviewKind::Daily.label(lang.get())}</h2>
            <p class="hint">{move || t().paper.daily_hint}</p>
            <TextInput id="daily-day" kind="date" label=Signal::derive(move || t().paper.day.to_string())
                value=day_text on_input=Callback::new(move |v| { day_text.set(v); ticks.set(BTreeMap::new()); }) />
            <ul class="check-list" id="daily-items">
                {move || {
                    let list = items.get();
                    if list.is_empty() {
                        return view! { <li class="hint">{t().paper.nothing_to_check}</li> }.into_any();
                    }
                    list.into_iter().map(|(id, number, excerpt, new)| {
                        let ticked = Signal::derive(move || ticks.with(|m| m.contains_key(&id)));
                        let href = crate::ui::app::href(&format!("/complaints/{}", id.0));
                        view! {
                            <li class="check-item" data-number=number.clone()>
                                <label class="check">
                                    <input type="checkbox" prop:checked=ticked on:change=move |_| ticks.update(|m| {
                                        if m.remove(&id).is_none() { m.insert(id, String::new()); }
                                    }) />
                                    <span><strong>{number.clone()}</strong> " "
                                        <span class="chip-static">{if new { t().paper.new_today } else { t().paper.overdue }}</span>
                                        " " {excerpt}</span>
                                </label>
                                <a href=href class="btn">{t().paper.open}</a>
                                <Show when=move || ticked.get()>
                                    <input class="check-note" type="text" aria-label=move || t().paper.note
                                        placeholder=move || t().paper.note
                                        prop:value=move || ticks.with(|m| m.get(&id).cloned().unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); ticks.update(|m| { m.insert(id, v); }); } />
                                </Show>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <TextInput id="daily-comment" multiline=true label=Signal::derive(move || t().paper.comment.to_string())
                value=comment on_input=Callback::new(move |v| comment.set(v)) />
            <Notice text=sign.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="daily-sign" on:click=submit
                    disabled=move || sign.pending().get() || day.with(Option::is_none)>{move || t().paper.sign_off}</button>
            </div>
            <SignedList kind=ReviewKind::Daily covers=day ledger printing/>
        </section>
    }
}

/// The manager's monthly review.
#[component]
fn MonthlyReview(
    ledger: Signal<Ledger>,
    printing: RwSignal<Option<Entry<Review>>>,
    signed: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let month_text = RwSignal::new(today().format("%Y-%m").to_string());
    let month = Signal::derive(move || {
        NaiveDate::parse_from_str(&format!("{}-01", month_text.get()), "%Y-%m-%d").ok()
    });
    let comment = RwSignal::new(String::new());
    let whole = LocalResource::new(move || {
        let ready = state.load.get() == Load::Ready;
        signed.track();
        async move {
            match ready {
                true => service::whole_complaints(state).await.map(Some),
                false => Ok(None),
            }
        }
    });
    let count = Memo::new(move |_| {
        let month = month.get()?;
        let offset = *local_now().offset();
        whole.with(|w| {
            w.as_ref()
                .and_then(|r| r.as_ref().ok())
                .flatten()
                .map(|all| {
                    counted(&in_days(all.iter(), Some(month_span(month)), offset)).len() as u32
                })
        })
    });
    let sign = Task::new(move |review: Review| async move {
        service::sign_review(state, review, local_now()).await?;
        comment.try_set(String::new());
        signed.try_update(|n| *n += 1);
        done_saying(t().paper.signed_off)
    });
    let submit = move |_| {
        let (Some(month), Some(counted)) = (month.get_untracked(), count.get_untracked()) else {
            return;
        };
        sign.run(Review::Monthly {
            month,
            counted,
            comment: comment.get_untracked(),
        });
    };
    view! {
        <section class="card wide" id="monthly-review">
            <h2>{move || ReviewKind::Monthly.label(lang.get())}</h2>
            <p class="hint">{move || t().paper.monthly_hint}</p>
            <TextInput id="review-month" kind="month" label=Signal::derive(move || t().paper.month.to_string())
                value=month_text on_input=Callback::new(move |v| month_text.set(v)) />
            <p id="month-count"><strong>{move || count.get().map(|n| n.to_string()).unwrap_or_else(|| "…".into())}</strong> " " {move || t().stats.counted}</p>
            <a class="btn" href=crate::ui::app::href("/statistics")>{move || t().paper.see_statistics}</a>
            <TextInput id="review-comment" multiline=true label=Signal::derive(move || t().paper.comment.to_string())
                value=comment on_input=Callback::new(move |v| comment.set(v)) />
            <Notice text=sign.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="monthly-sign" on:click=submit
                    disabled=move || sign.pending().get() || count.with(Option::is_none)>{move || t().paper.sign_off}</button>
            </div>
            <SignedList kind=ReviewKind::Monthly covers=month ledger printing/>
        </section>
    }
}

/// The days of the month starting `first`.
fn month_span(first: NaiveDate) -> (NaiveDate, NaiveDate) {
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    (first, next)
}

/// The statistics' rows in runs of one measure each, in order, so each prints as a small table.
fn measures(rows: Vec<StatRow>) -> Vec<(String, Vec<StatRow>)> {
    let mut runs: Vec<(String, Vec<StatRow>)> = Vec::new();
    for row in rows {
        match runs.last_mut() {
            Some((measure, run)) if *measure == row.measure => run.push(row),
            _ => runs.push((row.measure.clone(), vec![row])),
        }
    }
    runs
}

/// A sign-off laid out for A4: the daily check's complaints and notes, or the month's
/// statistics; the comment, who signed and when, and a line for a handwritten signature.
#[component]
fn ReviewSheet(entry: Entry<Review>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let l = lang.get_untracked();
    let company = state.settings.with_untracked(|s| s.company_name.clone());
    let kind = entry.item.kind();
    let monthly_rows = match &entry.item {
        Review::Monthly { month, .. } => {
            let month = *month;
            let rows = LocalResource::new(move || async move {
                let all = service::whole_complaints(state).await?;
                let offset = *local_now().offset();
                let list = in_days(all.iter(), Some(month_span(month)), offset);
                Ok::<_, service::UiError>(
                    state
                        .settings
                        .with_untracked(|s| statistics_rows(&list, s, local_now(), l)),
                )
            });
            Some(rows)
        }
        Review::Daily { .. } => None,
    };
    let covers = match &entry.item {
        Review::Daily { day, .. } => day.format("%Y-%m-%d").to_string(),
        Review::Monthly { month, .. } => month.format("%Y-%m").to_string(),
    };
    let body = match entry.item.clone() {
        Review::Daily { checked, comment, .. } => view! {
            <table class="sheet-table">
                <thead><tr><th>{t().paper.number}</th><th>{t().paper.note}</th></tr></thead>
                <tbody>
                    {checked.into_iter().map(|c| view! { <tr><td>{c.number}</td><td class="pre">{c.note}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <p class="pre sheet-comment"><strong>{t().paper.comment} {l.pick("：", ": ")}</strong>{comment}</p>
        }
        .into_any(),
        Review::Monthly { counted, comment, .. } => view! {
            <p><strong>{counted}</strong> " " {t().stats.counted}</p>
            {move || monthly_rows.and_then(|r| r.get()).and_then(Result::ok).map(|rows| view! {
                <div class="sheet-groups">
                    {measures(rows).into_iter().map(|(measure, rows)| view! {
                        <table class="sheet-table sheet-group">
                            <caption>{measure}</caption>
                            <tbody>
                                {rows.into_iter().map(|r| view! { <tr><td>{r.group}</td><td class="num">{if r.value.is_empty() { "—".to_string() } else { r.value }}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                </div>
            })}
            <p class="pre sheet-comment"><strong>{t().paper.comment} {l.pick("：", ": ")}</strong>{comment}</p>
        }
        .into_any(),
    };
    view! {
        <article class="print-sheet" data-form=format!("{kind:?}")>
            <header class="sheet-head">
                <p class="sheet-company">{if company.trim().is_empty() { t().paper.company_unset.to_string() } else { company }}</p>
                <h2 class="sheet-title">{kind.label(l)}</h2>
                <p class="sheet-meta">
                    <span>{covers}</span>
                    <span>{t().paper.printed_at} ": " {local_now().format("%Y-%m-%d %H:%M").to_string()}</span>
                </p>
            </header>
            {body}
            <p class="sheet-signed">{format!("{} · {} · {}", t().paper.signed_by, entry.by.name, entry.at.format("%Y-%m-%d %H:%M"))}</p>
            <div class="sheet-signs">
                <p class="sheet-sign">
                    <span>{t().paper.sign_here} {l.pick("：", ": ")}</span>
                    <span class="sign-line"></span>
                    <span>{t().paper.date} {l.pick("：", ": ")}</span>
                    <span class="sign-line short"></span>
                </p>
            </div>
        </article>
    }
}
