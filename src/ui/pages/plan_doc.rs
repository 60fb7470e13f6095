//! The company's emergency plan (应急预案) as a document: the revision in force, read-only for
//! everyone; every earlier revision readable; and for leaders a new revision, started from the
//! one in force (or from the starting outline), approved and dated. Which revision is in force
//! and who may revise are the domain's (`domain::plan_doc`).

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::Field;
use crate::domain::complaint::Entry;
use crate::domain::plan_doc::{PlanDocument, Revision, Section, starting_outline};
use crate::domain::workflow::may_lead;
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::components::page::Page;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, Load, local_now};
use crate::ui::task::{Task, done_saying, read_failure};

/// The plan document page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let changed = RwSignal::new(0u32);
    let doc = LocalResource::new(move || {
        let ready = state.load.get() == Load::Ready;
        changed.track();
        async move {
            match ready {
                true => service::plan_document(state).await,
                false => Ok(PlanDocument::default()),
            }
        }
    });
    let read_error = read_failure(doc);
    let current = Signal::derive(move || {
        doc.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .cloned()
                .unwrap_or_default()
        })
    });
    let today = local_now().date_naive();
    let in_force = Signal::derive(move || current.with(|d| d.in_force(today).cloned()));
    let shown = RwSignal::new(None::<Entry<Revision>>);
    let leads = Signal::derive(move || {
        let now = state.now.get();
        state
            .current_person()
            .is_some_and(|p| state.settings.with(|s| may_lead(&p.actor(), now, s)))
    });
    view! {
        <Page title=Signal::derive(move || t().plan.title) id="plan">
            <Notice text=read_error/>
            <section class="card wide print-area" id="plan-in-force">
                {move || match in_force.get() {
                    Some(r) => view! { <RevisionView entry=r/> }.into_any(),
                    None => view! { <p class="hint" id="plan-none">{t().plan.none}</p> }.into_any(),
                }}
            </section>
            <section class="card wide" id="plan-revisions">
                <h2>{move || t().plan.revisions}</h2>
                <ul class="plans">
                    {move || current.with(|d| d.revisions.iter().rev().map(|r| {
                        let entry = r.clone();
                        let text = format!("{} {} · {} {} · {} · {}",
                            t().plan.revision, r.item.number, Field::InForceFrom.label(expect_context::<LangCtx>().0.get_untracked()),
                            r.item.in_force_from.format("%Y-%m-%d"), r.item.approved_by, r.item.reason);
                        view! {
                            <li class="plan" data-number=r.item.number>
                                <span>{text}</span>
                                <button type="button" class="btn show-revision" on:click=move |_| shown.set(Some(entry.clone()))>{t().plan.show}</button>
                            </li>
                        }
                    }).collect_view())}
                </ul>
                {move || shown.get().map(|entry| view! { <div class="revision-shown" id="revision-shown"><RevisionView entry/></div> })}
            </section>
            <Show when=move || leads.get()>
                <Revise doc=current changed/>
            </Show>
        </Page>
    }
}

/// One revision, whole: its number, dates, approver and reason, then every section.
#[component]
fn RevisionView(entry: Entry<Revision>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let r = entry.item;
    let head = format!(
        "{} {} · {} {} · {} {} · {} {}",
        t().plan.revision,
        r.number,
        Field::InForceFrom.label(lang.get_untracked()),
        r.in_force_from.format("%Y-%m-%d"),
        Field::ApprovedBy.label(lang.get_untracked()),
        r.approved_by,
        Field::Reason.label(lang.get_untracked()),
        r.reason
    );
    view! {
        <h2 class="revision-head" data-number=r.number>{head}</h2>
        {r.sections.into_iter().map(|s| view! {
            <h3>{s.heading}</h3>
            <p class="plan-text">{s.text}</p>
        }).collect_view()}
    }
}

/// A new revision: the sections to edit, the reason, who approved it and from when.
#[component]
fn Revise(doc: Signal<PlanDocument>, changed: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let sections = RwSignal::new(Vec::<(String, String)>::new());
    let reason = RwSignal::new(String::new());
    let approved_by = RwSignal::new(state.current_person().map(|p| p.name).unwrap_or_default());
    let from = RwSignal::new(local_now().date_naive().format("%Y-%m-%d").to_string());
    // Start from the revision in force, or from the outline.
    let start = move |_| {
        let today = local_now().date_naive();
        let base: Vec<Section> = doc
            .with_untracked(|d| d.in_force(today).map(|r| r.item.sections.clone()))
            .unwrap_or_else(|| {
                state
                    .settings
                    .with_untracked(|s| starting_outline(s, lang.get_untracked()))
            });
        sections.set(base.into_iter().map(|s| (s.heading, s.text)).collect());
    };
    let save = Task::new(move |_: ()| async move {
        let Ok(in_force_from) = NaiveDate::parse_from_str(&from.get_untracked(), "%Y-%m-%d") else {
            return Err(crate::domain::DomainError::from(
                crate::domain::ValidationError::Unreadable {
                    field: Field::InForceFrom,
                    input: from.get_untracked(),
                },
            )
            .into());
        };
        let revision = Revision {
            number: doc.with_untracked(PlanDocument::next_number),
            reason: reason.get_untracked(),
            approved_by: approved_by.get_untracked(),
            in_force_from,
            sections: sections
                .get_untracked()
                .into_iter()
                .map(|(heading, text)| Section { heading, text })
                .collect(),
        };
        service::revise_plan(state, revision, local_now()).await?;
        sections.try_set(Vec::new());
        reason.try_set(String::new());
        changed.try_update(|n| *n += 1);
        done_saying(t().plan.saved)
    });
    view! {
        <section class="card wide" id="plan-edit">
            <h2>{move || format!("{} {}", t().plan.new_revision, doc.with(PlanDocument::next_number))}</h2>
            <div class="actions">
                <button type="button" class="btn" id="plan-start" on:click=start>{move || t().plan.start}</button>
            </div>
            {move || (0..sections.with(Vec::len)).map(|i| view! {
                <div class="plan-section" data-index=i>
                    <div class="field">
                        <label for=format!("section-heading-{i}")>{move || Field::Heading.label(lang.get())}</label>
                        <input id=format!("section-heading-{i}") type="text"
                            prop:value=move || sections.with(|s| s.get(i).map(|x| x.0.clone()).unwrap_or_default())
                            on:input=move |ev| sections.update(|s| if let Some(x) = s.get_mut(i) { x.0 = event_target_value(&ev); }) />
                    </div>
                    <div class="field">
                        <label for=format!("section-text-{i}")>{move || Field::Content.label(lang.get())}</label>
                        <textarea id=format!("section-text-{i}") rows="5"
                            prop:value=move || sections.with(|s| s.get(i).map(|x| x.1.clone()).unwrap_or_default())
                            on:input=move |ev| sections.update(|s| if let Some(x) = s.get_mut(i) { x.1 = event_target_value(&ev); })></textarea>
                    </div>
                </div>
            }).collect_view()}
            <div class="actions">
                <button type="button" class="btn" id="plan-add-section"
                    on:click=move |_| sections.update(|s| s.push((String::new(), String::new())))>{move || t().plan.add_section}</button>
            </div>
            <TextInput id="plan-reason" multiline=true label=Signal::derive(move || Field::Reason.label(lang.get()).to_string())
                value=Signal::derive(move || reason.get()) on_input=Callback::new(move |v| reason.set(v)) required=true />
            <div class="form-row">
                <TextInput id="plan-approved-by" label=Signal::derive(move || Field::ApprovedBy.label(lang.get()).to_string())
                    value=Signal::derive(move || approved_by.get()) on_input=Callback::new(move |v| approved_by.set(v)) required=true />
                <TextInput id="plan-in-force-from" kind="date" label=Signal::derive(move || Field::InForceFrom.label(lang.get()).to_string())
                    value=Signal::derive(move || from.get()) on_input=Callback::new(move |v| from.set(v)) required=true />
            </div>
            <Notice text=save.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="plan-approve" disabled=save.pending()
                    on:click=move |_| save.run(())>{move || t().plan.approve}</button>
            </div>
        </section>
    }
}
