//! The lines of the case file (`domain::case_file`) as the page and the printed forms show
//! them: a definition list of labels and values, text nodes only; attachments (a signature, a
//! photo, a recording, a document) as themselves; each clock's outcome beside its step.

use leptos::prelude::*;

use crate::domain::case_file::{Entry, Label, Line, Value};
use crate::domain::{ClockView, Lang};
use crate::ui::components::attachment::Attachment;
use crate::ui::components::clocks::{clock_class, status_text};
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// A value of the case file as text (an attachment has none: it is shown as itself).
pub fn value_text(state: &AppState, v: &Value, l: Lang) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Time(at) => at.format("%Y-%m-%d %H:%M").to_string(),
        Value::Department(id) => state.department_name(id, l),
        Value::Category(id) => state.settings.with(|s| {
            s.category(id)
                .map(|x| x.name(l).to_string())
                .unwrap_or_else(|| id.clone())
        }),
        Value::Word(zh, en) => l.pick(zh, en).to_string(),
        Value::Said(zh, en) => l.pick(zh, en).to_string(),
        Value::Words(words) => words
            .iter()
            .map(|(zh, en)| l.pick(zh, en))
            .collect::<Vec<_>>()
            .join(l.pick("、", ", ")),
        Value::Yes => l.pick("是", "yes").to_string(),
        Value::No => l.pick("否", "no").to_string(),
        Value::Fen(fen) => format!("¥{}.{:02}", fen / 100, fen % 100),
        Value::Attachment(kind, _) => kind.label(l).to_string(),
    }
}

/// Lines as a definition list.
#[component]
pub fn Lines(lines: Vec<Line>) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let l = lang.get_untracked();
    view! {
        <dl class="record-fields">
            {lines.into_iter().map(|line| {
                let field = match line.label { Label::Field(f) => Some(format!("{f:?}")), Label::Item(_) => None };
                let value = match &line.value {
                    Value::Attachment(kind, sha) => view! { <Attachment kind=*kind sha=sha.clone()/> }.into_any(),
                    v => value_text(&state, v, l).into_any(),
                };
                view! { <dt>{line.label.label(l)}</dt> <dd class="pre" data-field=field>{value}</dd> }
            }).collect_view()}
        </dl>
    }
}

/// One entry of a step: what was done, when and by whom, then its lines.
#[component]
pub fn EntryLines(entry: Entry) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let l = lang.get_untracked();
    view! {
        <div class="case-entry">
            <p class="case-meta">{format!("{} · {} · {}", entry.what.label(l), entry.at.format("%Y-%m-%d %H:%M"), entry.by)}</p>
            <Lines lines=entry.lines/>
        </div>
    }
}

/// The clocks that time a step, each with its due time and outcome.
#[component]
pub fn StepClocks(clocks: Vec<ClockView>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let (l, now) = (lang.get_untracked(), state.now.get_untracked());
    (!clocks.is_empty()).then(|| {
        view! {
            <ul class="clocks step-clocks">
                {clocks.into_iter().map(|v| view! {
                    <li class=clock_class(&v) data-clock=format!("{:?}", v.clock)>
                        <span class="clock-name">{v.clock.label(l)}</span>
                        <span class="clock-due">{t().complaint.clock_due} " " {v.due.format("%Y-%m-%d %H:%M").to_string()}</span>
                        <span class="clock-status">{status_text(&v, t(), l, now)}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
