//! The company's emergency plan (应急预案) as a document: the revision in force, read-only for
//! everyone; every earlier revision readable; and for leaders a new revision, started from the
//! one in force (or from the starting outline), approved and dated. Then the plan's upkeep: the
//! drills and training logged, when the next of each is due, and forms to log them. Which
//! revision is in force, who may revise or log, and when upkeep is due are the domain's
//! (`domain::plan_doc`).

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::Field;
use crate::domain::RecordId;
use crate::domain::complaint::Entry;
use crate::domain::plan_doc::{
    Drill, PlanDocument, Revision, Section, Training, Upkeep, starting_outline, upkeep_due,
};
use crate::domain::settings::SettingChange;
use crate::domain::workflow::{Permission, may_lead, permitted};
use crate::ui::components::form::{Check, Notice, TextInput};
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
            <Drills doc=current changed leads/>
            <Trainings doc=current changed leads/>
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

/// When the next drill or training is due, by the period in the settings.
#[component]
fn DueLine(
    last: Signal<Option<NaiveDate>>,
    months: Signal<u32>,
    id: &'static str,
) -> impl IntoView {
    let t = use_texts();
    move || {
        let today = local_now().date_naive();
        match upkeep_due(last.get(), months.get(), today) {
            None => view! { <p class="hint" id=id>{t().plan.no_period}</p> }.into_any(),
            Some(day) if day < today => view! {
                <p class="banner banner-warn" id=id data-overdue="true">{format!("{}{}", t().plan.overdue_since, day.format("%Y-%m-%d"))}</p>
            }
            .into_any(),
            Some(day) => view! {
                <p class="hint" id=id data-overdue="false">{format!("{}{}", t().plan.due_by, day.format("%Y-%m-%d"))}</p>
            }
            .into_any(),
        }
    }
}

/// A leader's period for drills or training, in months.
#[component]
fn PeriodInput(
    id: &'static str,
    label: fn(&crate::ui::i18n::Texts) -> &'static str,
    months: Signal<u32>,
    change: fn(u32) -> SettingChange,
) -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let typed = RwSignal::new(months.get_untracked().to_string());
    let save = Task::new(move |_: ()| async move {
        let text = typed.get_untracked();
        let n = text.trim().parse::<u32>().map_err(|_| {
            crate::domain::DomainError::from(crate::domain::ValidationError::Setting(
                crate::domain::SettingProblem::UpkeepPeriod,
            ))
        })?;
        service::setting(state, change(n), local_now()).await?;
        done_saying(t().plan.period_saved)
    });
    view! {
        <div class="form-row period-row">
            <TextInput id=id kind="number" label=Signal::derive(move || label(t()).to_string())
                value=Signal::derive(move || typed.get()) on_input=Callback::new(move |v| typed.set(v)) />
            <div class="actions">
                <button type="button" class="btn" disabled=save.pending() on:click=move |_| save.run(())>{move || t().plan.save_period}</button>
            </div>
        </div>
        <Notice text=save.notice()/>
    }
}

/// Whether the person signed in handles complaints (and so logs drills and training).
fn use_handles() -> Signal<bool> {
    let state = expect_context::<AppState>();
    Signal::derive(move || {
        let now = state.now.get();
        state.current_person().is_some_and(|p| {
            state
                .settings
                .with(|s| permitted(&p.actor(), Permission::Handler, now, s))
        })
    })
}

/// The drills logged, what is due, and a form to log one with its drill complaints.
#[component]
fn Drills(doc: Signal<PlanDocument>, changed: RwSignal<u32>, leads: Signal<bool>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let handles = use_handles();
    let day = RwSignal::new(local_now().date_naive().format("%Y-%m-%d").to_string());
    let scenario = RwSignal::new(String::new());
    let participants = RwSignal::new(String::new());
    let findings = RwSignal::new(String::new());
    let actions = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<RecordId>::new());
    let number_of = move |id: RecordId| {
        state
            .briefs
            .with(|b| b.get(&id).map(|b| b.number.to_string()))
            .unwrap_or_else(|| id.to_string())
    };
    let drill_complaints = Signal::derive(move || {
        state.briefs.with(|b| {
            b.values()
                .filter(|b| b.drill && !b.deleted)
                .map(|b| (b.id, b.number.to_string()))
                .collect::<Vec<_>>()
        })
    });
    let save = Task::new(move |_: ()| async move {
        let drill = Drill {
            day: read_day(&day.get_untracked())?,
            scenario: scenario.get_untracked(),
            participants: participants.get_untracked(),
            findings: findings.get_untracked(),
            actions: actions.get_untracked(),
            complaints: chosen.get_untracked(),
        };
        service::log_upkeep(state, Upkeep::Drill(drill), local_now()).await?;
        for s in [scenario, participants, findings, actions] {
            s.try_set(String::new());
        }
        chosen.try_set(Vec::new());
        changed.try_update(|n| *n += 1);
        done_saying(t().plan.drill_saved)
    });
    let label = move |f: Field| Signal::derive(move || f.label(lang.get()).to_string());
    let months = Signal::derive(move || state.settings.with(|s| s.drill_every_months));
    view! {
        <section class="card wide" id="drills">
            <h2>{move || t().plan.drills}</h2>
            <DueLine last=Signal::derive(move || doc.with(PlanDocument::last_drill)) months id="drill-due"/>
            <Show when=move || leads.get()>
                <PeriodInput id="drill-every" label=|t| t.plan.drill_every months change=SettingChange::DrillEveryMonths/>
            </Show>
            {move || doc.with(|d| d.drills.is_empty()).then(|| view! { <p class="hint">{t().plan.no_drills}</p> })}
            <ul class="upkeep-log">
                {move || doc.with(|d| d.drills.iter().rev().map(|e| {
                    let d = e.item.clone();
                    let numbers: Vec<String> = d.complaints.iter().map(|id| number_of(*id)).collect();
                    view! {
                        <li class="drill">
                            <strong>{d.day.format("%Y-%m-%d").to_string()} " · " {d.scenario}</strong>
                            <p>{Field::Participants.label(lang.get())} "：" {d.participants}</p>
                            {(!d.findings.is_empty()).then(|| view! { <p>{Field::Findings.label(lang.get())} "：" {d.findings.clone()}</p> })}
                            {(!d.actions.is_empty()).then(|| view! { <p>{Field::FollowUpActions.label(lang.get())} "：" {d.actions.clone()}</p> })}
                            {(!numbers.is_empty()).then(|| view! { <p>{Field::DrillComplaints.label(lang.get())} "：" {numbers.join(lang.get().texts().lists.separator)}</p> })}
                        </li>
                    }
                }).collect_view())}
            </ul>
            <Show when=move || handles.get()>
                <h3>{move || t().plan.log_drill}</h3>
                <div class="form-row">
                    <TextInput id="drill-day" kind="date" label=label(Field::DrillDay) required=true
                        value=Signal::derive(move || day.get()) on_input=Callback::new(move |v| day.set(v))/>
                    <TextInput id="drill-participants" label=label(Field::Participants) required=true
                        value=Signal::derive(move || participants.get()) on_input=Callback::new(move |v| participants.set(v))/>
                </div>
                <TextInput id="drill-scenario" multiline=true label=label(Field::Scenario) required=true
                    value=Signal::derive(move || scenario.get()) on_input=Callback::new(move |v| scenario.set(v))/>
                <TextInput id="drill-findings" multiline=true label=label(Field::Findings)
                    value=Signal::derive(move || findings.get()) on_input=Callback::new(move |v| findings.set(v))/>
                <TextInput id="drill-actions" multiline=true label=label(Field::FollowUpActions)
                    value=Signal::derive(move || actions.get()) on_input=Callback::new(move |v| actions.set(v))/>
                <p class="hint">{move || t().plan.drill_hint}</p>
                <div class="drill-complaints">
                    {move || drill_complaints.get().into_iter().map(|(id, number)| view! {
                        <label class="check">
                            <input type="checkbox" data-number=number.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |ev| chosen.update(|c| {
                                    c.retain(|x| *x != id);
                                    if event_target_checked(&ev) { c.push(id) }
                                }) />
                            <span>{number}</span>
                        </label>
                    }).collect_view()}
                </div>
                <div id="drill-notice"><Notice text=save.notice()/></div>
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="drill-save" disabled=save.pending()
                        on:click=move |_| save.run(())>{move || t().plan.log_drill}</button>
                </div>
            </Show>
        </section>
    }
}

/// The training logged, what is due, and a form to log a session.
#[component]
fn Trainings(
    doc: Signal<PlanDocument>,
    changed: RwSignal<u32>,
    leads: Signal<bool>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let handles = use_handles();
    let day = RwSignal::new(local_now().date_naive().format("%Y-%m-%d").to_string());
    let topic = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    let attendees = RwSignal::new(String::new());
    let external = RwSignal::new(false);
    let save = Task::new(move |_: ()| async move {
        let training = Training {
            day: read_day(&day.get_untracked())?,
            topic: topic.get_untracked(),
            trainer: trainer.get_untracked(),
            attendees: attendees.get_untracked(),
            external: external.get_untracked(),
        };
        service::log_upkeep(state, Upkeep::Training(training), local_now()).await?;
        for s in [topic, trainer, attendees] {
            s.try_set(String::new());
        }
        external.try_set(false);
        changed.try_update(|n| *n += 1);
        done_saying(t().plan.training_saved)
    });
    let label = move |f: Field| Signal::derive(move || f.label(lang.get()).to_string());
    let months = Signal::derive(move || state.settings.with(|s| s.training_every_months));
    view! {
        <section class="card wide" id="trainings">
            <h2>{move || t().plan.trainings}</h2>
            <DueLine last=Signal::derive(move || doc.with(PlanDocument::last_training)) months id="training-due"/>
            <Show when=move || leads.get()>
                <PeriodInput id="training-every" label=|t| t.plan.training_every months change=SettingChange::TrainingEveryMonths/>
            </Show>
            {move || doc.with(|d| d.trainings.is_empty()).then(|| view! { <p class="hint">{t().plan.no_trainings}</p> })}
            <ul class="upkeep-log">
                {move || doc.with(|d| d.trainings.iter().rev().map(|e| {
                    let x = e.item.clone();
                    let kind = if x.external { Field::External.label(lang.get()) } else { t().plan.internal };
                    view! {
                        <li class="training">
                            <strong>{x.day.format("%Y-%m-%d").to_string()} " · " {x.topic}</strong>
                            <p>{Field::Trainer.label(lang.get())} "：" {x.trainer} " · " {kind}</p>
                            <p>{Field::Attendees.label(lang.get())} "：" {x.attendees}</p>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <Show when=move || handles.get()>
                <h3>{move || t().plan.log_training}</h3>
                <div class="form-row">
                    <TextInput id="training-day" kind="date" label=label(Field::DrillDay) required=true
                        value=Signal::derive(move || day.get()) on_input=Callback::new(move |v| day.set(v))/>
                    <TextInput id="training-topic" label=label(Field::Topic) required=true
                        value=Signal::derive(move || topic.get()) on_input=Callback::new(move |v| topic.set(v))/>
                    <TextInput id="training-trainer" label=label(Field::Trainer) required=true
                        value=Signal::derive(move || trainer.get()) on_input=Callback::new(move |v| trainer.set(v))/>
                </div>
                <TextInput id="training-attendees" multiline=true label=label(Field::Attendees) required=true
                    value=Signal::derive(move || attendees.get()) on_input=Callback::new(move |v| attendees.set(v))/>
                <Check id="training-external" label=Signal::derive(move || Field::External.label(lang.get()).to_string())
                    checked=Signal::derive(move || external.get()) on_change=Callback::new(move |v| external.set(v))/>
                <div id="training-notice"><Notice text=save.notice()/></div>
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="training-save" disabled=save.pending()
                        on:click=move |_| save.run(())>{move || t().plan.log_training}</button>
                </div>
            </Show>
        </section>
    }
}

/// A `date` field's value, or the error naming it.
fn read_day(text: &str) -> Result<NaiveDate, crate::ui::service::UiError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        crate::domain::DomainError::from(crate::domain::ValidationError::Unreadable {
            field: Field::DrillDay,
            input: text.to_string(),
        })
        .into()
    })
}
