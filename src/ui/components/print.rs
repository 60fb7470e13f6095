//! The five A4 forms (`domain::paper`), previewed on the page and printed through the
//! browser's print dialog. The print style sheet shows the chosen sheet alone: no navigation,
//! no buttons. Each sheet carries the company name (a shared setting), the complaint number
//! and the time it was printed.

use leptos::prelude::*;

use crate::domain::paper::{Form, sheet};
use crate::domain::{Complaint, Event};
use crate::ui::components::case_lines::{EntryLines, Lines, StepClocks};
use crate::ui::components::form::Notice;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::{AppState, local_now};

/// The print card of a complaint's page: a button per form, then the chosen sheet.
#[component]
pub fn PrintPanel(
    complaint: Signal<Option<Complaint>>,
    events: Signal<Vec<Event>>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let chosen = RwSignal::new(None::<Form>);
    let notice = RwSignal::new(None::<(bool, String)>);
    let print = move |_| {
        notice.set(None);
        if !crate::ui::platform::pad::print() {
            notice.set(Some((false, t().paper.print_refused.to_string())));
        }
    };
    view! {
        <section class="card wide print-area" id="print">
            <h2>{move || t().paper.print_title}</h2>
            <p class="hint">{move || t().paper.print_hint}</p>
            <div class="actions print-choices">
                {Form::ALL.into_iter().map(|f| view! {
                    <button type="button" class="btn" id=format!("print-{}", f.key())
                        aria-pressed=move || (chosen.get() == Some(f)).to_string()
                        on:click=move |_| chosen.set(Some(f))>
                        {move || f.label(lang.get())}
                    </button>
                }).collect_view()}
            </div>
            {move || chosen.get().map(|form| view! {
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="print-now" on:click=print>{move || t().paper.print_now}</button>
                </div>
                <Notice text=Signal::derive(move || notice.get())/>
                <Sheet form complaint events/>
            })}
        </section>
    }
}

/// One form of one complaint, laid out for A4 portrait.
#[component]
fn Sheet(
    form: Form,
    complaint: Signal<Option<Complaint>>,
    events: Signal<Vec<Event>>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    move || {
        let c = complaint.get()?;
        let l = lang.get();
        let now = local_now();
        let clocks = state.settings.with(|s| crate::domain::evaluate(&c, s, now));
        let paper = events.with(|list| sheet(form, &c, list, clocks));
        let company = state.settings.with(|s| s.company_name.clone());
        let company = if company.trim().is_empty() {
            t().paper.company_unset.to_string()
        } else {
            company
        };
        Some(view! {
            <article class="print-sheet" data-form=form.key() lang=l.tag()>
                <header class="sheet-head">
                    <p class="sheet-company">{company}</p>
                    <h2 class="sheet-title">{form.label(l)}</h2>
                    <p class="sheet-meta">
                        <span>{t().paper.number} ": " <strong class="sheet-number">{c.number.to_string()}</strong></span>
                        <span>{t().paper.printed_at} ": " {now.format("%Y-%m-%d %H:%M").to_string()}</span>
                    </p>
                </header>
                {form.addressee().map(|(zh, en)| view! { <p class="sheet-to">{l.pick(zh, en)}</p> })}
                <Lines lines=paper.record/>
                {paper.sections.into_iter().map(|s| view! {
                    <div class="sheet-step" data-step=format!("{:?}", s.step)>
                        <h3>{s.step.label(l)}</h3>
                        {s.entries.into_iter().map(|entry| view! { <EntryLines entry/> }).collect_view()}
                        <StepClocks clocks=s.clocks/>
                    </div>
                }).collect_view()}
                <div class="sheet-signs">
                    {paper.signs.into_iter().map(|sign| view! {
                        <p class="sheet-sign">
                            <span>{sign.label(l)} {l.pick("（", " (")}{t().paper.sign_here}{l.pick("）：", "): ")}</span>
                            <span class="sign-line"></span>
                            <span>{t().paper.date} {l.pick("：", ": ")}</span>
                            <span class="sign-line short"></span>
                        </p>
                    }).collect_view()}
                </div>
            </article>
        })
    }
}
