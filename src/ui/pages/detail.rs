//! The page of one complaint: header with number, level, state and live clocks; the actions the
//! current person may take; conflicts and review items; the case file; evidence; timeline.

use crate::ui::i18n::Message;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::complaint::ConflictingValue;
use crate::domain::form::{EDITABLE, field_change};
use crate::domain::{Command, Complaint, ComplaintId, Event, Field, Lang, WorkflowState};
use crate::ui::components::actions::{ActionPanel, state_tag};
use crate::ui::components::attachment::Attachment;
use crate::ui::components::case_lines::{EntryLines, Lines, StepClocks};
use crate::ui::components::clocks::{ClockList, Time};
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::components::page::{EmptyState, Page};
use crate::ui::components::print::PrintPanel;
use crate::ui::components::related::RelatedPanel;
use crate::ui::components::timeline::Timeline;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Task, done, read_failure};

/// The page of one complaint, addressed by its id.
#[component]
pub fn Detail() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<uuid::Uuid>().ok())
            .map(crate::domain::RecordId)
    });
    // The record and how many events it has: the whole complaint and its history are read
    // again from the device when this changes (a command here, or an import), not on every
    // change to other complaints.
    let version = Memo::new(move |_| {
        id.get().and_then(|id| {
            state
                .briefs
                .with(|all| all.get(&id).map(|b| (id, b.event_count)))
        })
    });
    // The whole complaint is folded from its record's events, which the page also shows.
    let whole = LocalResource::new(move || {
        let key = version.get();
        async move {
            match key {
                Some((id, _)) => service::whole_complaint(state, id).await,
                None => Ok((None, Vec::new())),
            }
        }
    });
    // The complaint this page is about: an earlier one stays out while the next one is read.
    let complaint = Signal::derive(move || {
        let id = id.get()?;
        whole.with(|r| r.as_ref()?.as_ref().ok()?.0.clone().filter(|c| c.id == id))
    });
    let events = Signal::derive(move || {
        whole.with(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|r| r.1.clone())
                .unwrap_or_default()
        })
    });
    // A complaint that cannot be read says so rather than show an empty one.
    let read_error = read_failure(whole);
    let loading = move || {
        state.load.get() == crate::ui::state::Load::Loading
            || (version.get().is_some()
                && complaint.with(Option::is_none)
                && read_error.with(Option::is_none))
    };

    // The page is built once per complaint shown; each part follows the complaint itself, so a
    // refresh (a command, an import, a pull) keeps an open form and what is typed in it.
    let shown = Memo::new(move |_| complaint.with(|c| c.as_ref().map(|c| c.id)));

    let title = Signal::derive(move || t().detail_title);
    view! {
        <Page title=title id="detail">
            {move || match shown.get() {
                None => view! {
                    <p class="record-id">{params.read().get("id").unwrap_or_default()}</p>
                    <Notice text=read_error/>
                    <EmptyState text=Signal::derive(move || if loading() { t().people.loading } else { t().detail_empty })/>
                }.into_any(),
                Some(_) => view! {
                    <Header complaint=complaint/>
                    <FromVisit id=id/>
                    <Show when=move || complaint.with(|c| c.as_ref().is_some_and(|c| c.activated || c.severity == Some(crate::domain::Severity::Major)))>
                        <crate::ui::pages::organisation::CallList/>
                    </Show>
                    <section class="card wide" id="clocks">
                        <h2>{move || t().complaint.clocks_title}</h2>
                        <ClockList complaint=complaint/>
                    </section>
                    <ActionPanel complaint=complaint/>
                    <Conflicts complaint=complaint/>
                    <Review complaint=complaint/>
                    <RelatedPanel complaint=complaint/>
                    <CaseFile complaint=complaint events=events/>
                    <EvidenceList complaint=complaint/>
                    <PrintPanel complaint=complaint events=events/>
                    <Notice text=read_error/>
                    <Timeline events=events/>
                }.into_any(),
            }}
        </Page>
    }
}

/// Number, level, state and flags.
#[component]
fn Header(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    move || {
        let c = complaint.get()?;
        let l = lang.get();
        let now = state.now.get_untracked();
        let level = c
            .severity
            .map(|s| s.label(l))
            .unwrap_or(t().complaint.unassessed);
        let level_class = crate::ui::components::row::level_class(c.severity);
        Some(view! {
            <div class="record-header" id="record-header">
                <p class="record-number" id="record-number">{c.number.to_string()}</p>
                <div class="tags">
                    <span class=level_class id="record-level">{level}</span>
                    <span class="chip-static state" id="record-state" data-state=state_tag(c.state)>{c.state.label(l)}</span>
                    {c.activated.then(|| view! { <span class="chip-static flag-emergency">{t().complaint.emergency_active}</span> })}
                    {c.details.drill.then(|| view! { <span class="chip-static flag">{t().complaint.drill_flag}</span> })}
                    {c.details.referral.as_ref().map(|r| view! { <span class="chip-static flag" id="flag-referral">{format!("{} · {}", t().complaint.referral_flag, r.body)}</span> })}
                    {c.needs_review().then(|| view! { <span class="chip-static flag-warn" id="flag-review">{t().complaint.needs_review}</span> })}
                    {c.in_conflict().then(|| view! { <span class="chip-static flag-warn" id="flag-conflict">{t().complaint.in_conflict}</span> })}
                    {c.legal_counsel.then(|| view! { <span class="chip-static flag" id="flag-legal">{t().complaint.legal_counsel_flag}</span> })}
                    {c.is_paused().then(|| view! { <span class="chip-static flag">{t().complaint.paused}</span> })}
                    {c.deleted.as_ref().map(|_| view! { <span class="chip-static flag-warn">{t().complaint.deleted}</span> })}
                </div>
                <p class="hint">{t().complaint.received} " " <Time at=c.received_at now=now/> " · " {c.receiver.name.clone()} " · " {c.details.channel.label(l)}</p>
            </div>
        })
    }
}

/// The case file (`domain::case_file`): the record as it stands, then every step with what each
/// event said, who and when, and each clock's outcome beside the step it times. Text only,
/// never HTML.
#[component]
fn CaseFile(complaint: Signal<Option<Complaint>>, events: Signal<Vec<Event>>) -> impl IntoView {
    use crate::domain::case_file::{Step, case_file, with_clocks};
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    move || {
        let c = complaint.get()?;
        let l = lang.get();
        let now = state.now.get_untracked();
        let clocks = state.settings.with(|s| crate::domain::evaluate(&c, s, now));
        let sections = events.with(|list| with_clocks(case_file(&c, list), clocks));
        Some(view! {
            <section class="card wide" id="record">
                <h2>{t().complaint.record_title}</h2>
                {c.erased.then(|| view! { <p class="hint" id="erased-note">{t().complaint.erased_note}</p> })}
                {sections.into_iter().map(|section| {
                    let step = section.step;
                    view! {
                        <div class="case-step" data-step=format!("{step:?}")>
                            {(step != Step::Record).then(|| view! { <h3>{step.label(l)}</h3> })}
                            {section.entries.into_iter().map(|entry| if step == Step::Record {
                                view! { <Lines lines=entry.lines/> }.into_any()
                            } else {
                                view! { <EntryLines entry/> }.into_any()
                            }).collect_view()}
                            <StepClocks clocks=section.clocks/>
                        </div>
                    }
                }).collect_view()}
            </section>
        })
    }
}

/// Fields written concurrently on two devices: every value, pick one or (for text) merge them.
#[component]
fn Conflicts(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let merging = RwSignal::new(None::<(Field, String)>);
    let resolve = Task::new(move |(id, command): (ComplaintId, Command)| async move {
        service::command(state, id, command, local_now()).await?;
        merging.try_set(None);
        done()
    });
    let run = move |id: ComplaintId, command: Command| resolve.run((id, command));
    move || {
        let c = complaint.get()?;
        if c.conflicts.is_empty() {
            return None;
        }
        let l = lang.get();
        let id = c.id;
        Some(view! {
            <section class="card wide attention" id="conflicts">
                <h2>{t().complaint.conflicts_title}</h2>
                <p class="hint">{t().complaint.conflicts_hint}</p>
                {c.conflicts.iter().map(|(field, values)| {
                    let field = *field;
                    let mergeable = EDITABLE.iter().any(|(f, _)| *f == field);
                    let joined = values.iter().map(|v| conflict_text(&v.value, l)).collect::<Vec<_>>().join("\n");
                    view! {
                        <h3>{field.label(l)}</h3>
                        <div class="actions">
                            {values.iter().map(|v| {
                                let value = v.value.clone();
                                let shown = conflict_text(&v.value, l);
                                view! {
                                    <button type="button" class="btn conflict-choice" on:click=move |_| run(id, Command::ResolveConflict { value: value.clone() })>
                                        {shown} <small>{format!(" · {}", v.by.name)}</small>
                                    </button>
                                }
                            }).collect_view()}
                            {mergeable.then(|| view! {
                                <button type="button" class="btn conflict-merge" on:click=move |_| merging.set(Some((field, joined.clone())))>
                                    {t().complaint.merge}
                                </button>
                            })}
                        </div>
                    }
                }).collect_view()}
                {move || merging.get().map(|(field, text)| {
                    let value = RwSignal::new(text);
                    view! {
                        <div class="merge-form">
                            <TextInput id="merge-value" multiline=true label=Signal::derive(move || field.label(lang.get()).to_string())
                                value=value on_input=Callback::new(move |v| value.set(v)) />
                            <button type="button" class="btn btn-primary" id="merge-save" on:click=move |_| {
                                match field_change(field, &value.get_untracked()) {
                                    Ok(change) => run(id, Command::EditField(change)),
                                    Err(e) => resolve.fail(e),
                                }
                            }>{t().complaint.confirm}</button>
                        </div>
                    }
                })}
                <Notice text=resolve.notice()/>
            </section>
        })
    }
}

/// A conflicting value as text.
fn conflict_text(v: &ConflictingValue, lang: Lang) -> String {
    match v {
        ConflictingValue::Severity(s) => s.label(lang).to_string(),
        ConflictingValue::Field(change) => change.value_text(lang),
    }
}

/// Workflow moves that did not fit: keep going from a state a person chooses.
#[component]
fn Review(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let review = Task::new(
        move |(id, to): (ComplaintId, Option<WorkflowState>)| async move {
            let note = t().complaint.review_note.to_string();
            service::command(
                state,
                id,
                Command::ResolveReview { state: to, note },
                local_now(),
            )
            .await?;
            done()
        },
    );
    let resolve = move |id: ComplaintId, to: Option<WorkflowState>| review.run((id, to));
    move || {
        let c = complaint.get()?;
        if c.review.is_empty() {
            return None;
        }
        let l = lang.get();
        let id = c.id;
        let current = c.state;
        Some(view! {
            <section class="card wide attention" id="review">
                <h2>{t().complaint.review_title}</h2>
                <ul>{c.review.iter().map(|r| {
                    // Why the move did not fit: known, as the complaint is folded from its events.
                    let why = r.reason.as_ref().map(|e| e.message(l));
                    view! { <li>{r.state.label(l)} {why.map(|w| format!(" — {w}"))}</li> }
                }).collect_view()}</ul>
                <div class="actions">
                    <button type="button" class="btn btn-primary" id="resolve-review" on:click=move |_| resolve(id, None)>
                        {format!("{} {}", t().complaint.keep_state, current.label(l))}
                    </button>
                    {c.review.iter().map(|r| r.state).filter(|s| *s != current).map(|s| view! {
                        <button type="button" class="btn" on:click=move |_| resolve(id, Some(s))>{format!("{} {}", t().complaint.move_to, s.label(l))}</button>
                    }).collect_view()}
                </div>
                <Notice text=review.notice()/>
            </section>
        })
    }
}

/// Evidence: notes, photo thumbnails (a tap opens the full photo), recordings, documents and
/// signatures.
#[component]
fn EvidenceList(complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let full = RwSignal::new(None::<String>);
    move || {
        let c = complaint.get()?;
        if c.evidence.is_empty() {
            return None;
        }
        let l = lang.get();
        Some(view! {
            <section class="card wide" id="evidence">
                <h2>{t().complaint.evidence_title}</h2>
                <ul class="evidence">
                    {c.evidence.iter().map(|e| {
                        let caption = e.item.caption.clone();
                        let kind = e.item.kind;
                        let shown = e.item.blob_sha256.clone().map(|sha| view! {
                            <Attachment kind sha on_open=Callback::new(move |url| full.set(Some(url)))/>
                        });
                        view! {
                            <li data-kind=format!("{kind:?}")>
                                <span class="chip-static">{kind.label(l)}</span>
                                {shown}
                                <span>{caption}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || full.get().map(|url| view! {
                    <div class="lightbox" role="dialog" on:click=move |_| full.set(None)>
                        <img src=url alt="" />
                        <button type="button" class="btn">{t().complaint.close_photo}</button>
                    </div>
                })}
            </section>
        })
    }
}

/// The visit this complaint was raised from, if any: when, by whom, where, and what came of it.
#[component]
fn FromVisit(id: Memo<Option<crate::domain::RecordId>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let visit = LocalResource::new(move || {
        let id = id.get();
        async move {
            let visits = service::visits(state).await.ok()?;
            let v = visits.visit_of(id?)?;
            Some((
                v.at,
                v.by.name.clone(),
                format!(
                    "{} {}",
                    visits.project_name(&v.item.project),
                    v.item.unit.text()
                ),
                v.item.outcome,
            ))
        }
    });
    move || {
        let (at, by, place, outcome) = visit.get().flatten()?;
        Some(view! {
            <p class="banner" id="from-visit">
                <span>{format!("{} · {} · {} · {} · {}", t().visits.from_visit, at.format("%Y-%m-%d %H:%M"), by, place, outcome.label(lang.get()))}</span>
                <A href=crate::ui::app::href("/visits") attr:class="btn">{t().visits.title}</A>
            </p>
        })
    }
}
