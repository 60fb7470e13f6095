//! The week in the field (走访): this week's route with today first, the visit record made at
//! the door (an outcome tap saves it), a finding turned into a complaint with the household
//! filled in, facility defects, the week's coverage as a chart and a table, and for leaders the
//! visit plans and the places (projects, households, a unit list from CSV). What is due, what
//! counts and who may plan are the domain's (`domain::visits`).

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::domain::visits::{
    Coverage, Defect, Outcome, Project, Row, Stop, Visit, VisitCommand, VisitPlan, Visits,
    monday_of, open_complaints_at, unit_from_text, units_in_building,
};
use crate::domain::workflow::may_lead;
use crate::domain::{EventId, Field, Satisfaction, Unit};
use crate::ui::components::form::{Check, Notice, Select, TextInput};
use crate::ui::components::page::Page;
use crate::ui::i18n::{LangCtx, Message, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, Load, local_now};
use crate::ui::task::{Said, Task, done_saying, read_failure};

/// Which visit form is open: the plan (none outside the plan), the project, the unit, the day.
type Opened = (Option<EventId>, String, Unit, NaiveDate);

/// The visits page.
#[component]
pub fn VisitsPage() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let changed = RwSignal::new(0u32);
    let visits = LocalResource::new(move || {
        let ready = state.load.get() == Load::Ready;
        changed.track();
        async move {
            match ready {
                true => service::visits(state).await,
                false => Ok(Visits::default()),
            }
        }
    });
    let read_error = read_failure(visits);
    let current = Signal::derive(move || {
        visits.with(|v| {
            v.as_ref()
                .and_then(|r| r.as_ref().ok())
                .cloned()
                .unwrap_or_default()
        })
    });
    let week = RwSignal::new(monday_of(local_now().date_naive()));
    let leads = Signal::derive(move || {
        let now = state.now.get();
        state
            .current_person()
            .is_some_and(|p| state.settings.with(|s| may_lead(&p.actor(), now, s)))
    });
    let shift = move |days: i64| week.update(|w| *w += Duration::days(days));
    view! {
        <Page title=Signal::derive(move || t().visits.title) id="visits">
            <Notice text=read_error/>
            <div class="week-bar actions">
                <button type="button" class="btn" id="prev-week" on:click=move |_| shift(-7)>{move || t().visits.prev_week}</button>
                <strong id="week-label">{move || format!("{} {}", t().visits.week_of, week.get().format("%Y-%m-%d"))}</strong>
                <button type="button" class="btn" id="next-week" on:click=move |_| shift(7)>{move || t().visits.next_week}</button>
            </div>
            <Route visits=current week changed/>
            <FollowUps/>
            <Unplanned visits=current changed/>
            <DefectForm visits=current changed/>
            <CoverageCard visits=current week/>
            <Show when=move || leads.get() fallback=move || view! {
                <p class="hint card wide" id="plans-leaders-only">{move || t().visits.leaders_only}</p>
            }>
                <Plans visits=current week changed/>
                <Places visits=current changed/>
            </Show>
        </Page>
    }
}

/// This week's stops of the person chosen (the signed-in person first), today's first.
#[component]
fn Route(
    visits: Signal<Visits>,
    week: RwSignal<NaiveDate>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    // "" = the signed-in person; "all" = everyone; else a person's id.
    let whose = RwSignal::new(String::new());
    let opened = RwSignal::new(None::<Opened>);
    let people = Signal::derive(move || {
        let mut out = vec![
            (
                String::new(),
                state.current_person().map(|p| p.name).unwrap_or_default(),
            ),
            ("all".to_string(), t().visits.everyone.to_string()),
        ];
        out.extend(state.roster.with(|r| {
            r.iter()
                .filter(|p| p.active)
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        }));
        out
    });
    let staff = move || match whose.get().as_str() {
        "" => state.user.get().map(Some),
        "all" => Some(None),
        id => state.roster.with(|r| {
            r.iter()
                .find(|p| p.id.to_string() == id)
                .map(|p| Some(p.id))
        }),
    };
    view! {
        <section class="card wide" id="route">
            <h2>{move || t().visits.route}</h2>
            <Select id="route-whose" label=Signal::derive(move || t().visits.whose.to_string())
                options=people value=Signal::derive(move || whose.get())
                on_change=Callback::new(move |v| whose.set(v)) />
            <p class="hint">{move || t().visits.record_hint}</p>
            {move || {
                let Some(staff) = staff() else {
                    return view! { <p class="hint" id="route-sign-in">{t().visits.sign_in_first}</p> }.into_any();
                };
                let today = local_now().date_naive();
                visits.with(|v| {
                    let mut stops = v.stops(week.get(), staff);
                    // Someone with no visits of their own this week sees everyone's route.
                    let everyone = staff.is_some() && stops.is_empty() && whose.with(String::is_empty);
                    if everyone {
                        stops = v.stops(week.get(), None);
                    }
                    // Today's first, then the missed ones, then the rest of the week.
                    crate::domain::order::sort_by_key(&mut stops, |s| (s.day != today, s.visit.is_some() || s.day > today, s.day));
                    if stops.is_empty() {
                        return view! { <p class="hint" id="no-stops">{t().visits.no_stops}</p> }.into_any();
                    }
                    view! {
                        {everyone.then(|| view! { <p class="hint" id="route-everyone">{t().visits.none_of_yours}</p> })}
                        <ul class="stops">
                            {stops.iter().map(|s| stop_view(s, v, today, opened, changed, lang.get())).collect_view()}
                        </ul>
                    }.into_any()
                })
            }}
        </section>
    }
}

/// One stop: a button that opens its visit form, what came of it, the complaints open there.
fn stop_view(
    s: &Stop<'_>,
    v: &Visits,
    today: NaiveDate,
    opened: RwSignal<Option<Opened>>,
    changed: RwSignal<u32>,
    lang: crate::domain::Lang,
) -> impl IntoView + use<> {
    let t = lang.texts();
    let state = expect_context::<AppState>();
    let key: Opened = (Some(s.plan), s.project.to_string(), s.unit.clone(), s.day);
    let status = match (s.visit, s.day) {
        (Some(_), _) => "done",
        (None, d) if d == today => "today",
        (None, d) if d < today => "missed",
        _ => "later",
    };
    let when = match status {
        "today" => t.visits.today.to_string(),
        "missed" => format!("{} · {}", t.visits.missed, s.day.format("%m-%d")),
        _ => s.day.format("%m-%d").to_string(),
    };
    let who = s
        .household
        .map(|h| h.owner.clone())
        .filter(|o| !o.is_empty())
        .unwrap_or_default();
    let label = format!(
        "{} · {} {} · {}",
        when,
        v.project_name(s.project),
        s.unit.text(),
        who
    );
    // What was recorded at the door, readable again: who and when, satisfaction, topics, notes.
    let recorded = s.visit.map(|e| {
        let topics: Vec<String> = state.settings.with_untracked(|st| {
            e.item
                .topics
                .iter()
                .map(|k| st.category(k).map_or(k.clone(), |c| c.name(lang).to_string()))
                .collect()
        });
        let mut parts = vec![format!("{} {}", e.by.name, e.at.format("%m-%d %H:%M"))];
        parts.extend(e.item.satisfaction.map(|s| s.label(lang).to_string()));
        if !topics.is_empty() {
            parts.push(topics.join("、"));
        }
        if !e.item.note.is_empty() {
            parts.push(e.item.note.clone());
        }
        let shots = e.item.photos.clone();
        view! {
            <p class="hint visit-recorded">{parts.join(" · ")}</p>
            <div class="visit-photos">
                {shots.into_iter().map(|sha| view! {
                    <crate::ui::components::attachment::Attachment kind=crate::domain::EvidenceKind::Photo sha/>
                }).collect_view()}
            </div>
        }
    });
    let outcome = s.visit.map(|e| {
        let raised = v.complaints_of(e.event).to_vec();
        let finding = e.item.outcome == Outcome::Finding && raised.is_empty();
        let event = e.event;
        view! {
            <span class="badge" data-outcome=format!("{:?}", e.item.outcome)>{e.item.outcome.label(lang)}</span>
            {raised.into_iter().map(|c| view! {
                <A href=crate::ui::app::href(&format!("/complaints/{c}")) attr:class="btn">{t.visits.raised}</A>
            }).collect_view()}
            {finding.then(|| view! { <MakeComplaint visit=event/> })}
        }
    });
    // Open complaints of the household; a follow-up visit (回访) due is said beside its number.
    let open_here: Vec<(crate::domain::RecordId, String)> = state.briefs.with_untracked(|all| {
        open_complaints_at(all.values(), &s.unit)
            .into_iter()
            .map(|b| {
                let follow_up = b
                    .moves
                    .iter()
                    .any(|(k, _)| *k == crate::domain::CommandKind::FollowUp);
                let n = b.number.to_string();
                (
                    b.id,
                    if follow_up {
                        format!("{n} · {}", crate::domain::CommandKind::FollowUp.label(lang))
                    } else {
                        n
                    },
                )
            })
            .collect()
    });
    let shown = key.clone();
    let is_open = Signal::derive(move || opened.with(|o| o.as_ref() == Some(&shown)));
    let toggle = {
        let key = key.clone();
        move |_| {
            opened.update(|o| {
                *o = if o.as_ref() == Some(&key) {
                    None
                } else {
                    Some(key.clone())
                }
            })
        }
    };
    let form_key = key.clone();
    view! {
        <li class="stop" data-state=status data-unit=s.unit.text()>
            <div class="stop-head">
                <button type="button" class="btn stop-open" on:click=toggle aria-expanded=move || is_open.get().to_string()>{label}</button>
                {outcome}
            </div>
            {recorded}
            {(!open_here.is_empty()).then(|| view! {
                <p class="hint open-here">{t.visits.open_here}
                    {open_here.into_iter().map(|(id, n)| view! {
                        <A href=crate::ui::app::href(&format!("/complaints/{id}")) attr:class="btn">{n}</A>
                    }).collect_view()}
                </p>
            })}
            {move || is_open.get().then(|| view! { <VisitForm opened=form_key.clone() close=opened changed/> })}
        </li>
    }
}

/// The visit record: satisfaction, topics and notes, then an outcome tap saves it.
#[component]
fn VisitForm(
    opened: Opened,
    close: RwSignal<Option<Opened>>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let satisfaction = RwSignal::new(None::<Satisfaction>);
    let topics = RwSignal::new(BTreeSet::<String>::new());
    let note = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<String>::new());
    let (plan, project, unit, day) = opened;
    let take_photo = Task::new(move |file: crate::ui::platform::PickedFile| async move {
        let sha = service::store_photo(state, file).await?;
        photos.try_update(|p| p.push(sha));
        Ok(None)
    });
    let on_photo = move |ev: leptos::ev::Event| {
        if let Some(file) = crate::ui::platform::picked_file(&ev) {
            take_photo.run(file);
        }
    };
    let save = Task::new(move |outcome: Outcome| {
        let visit = Visit {
            plan,
            day,
            project: project.clone(),
            unit: unit.clone(),
            outcome,
            satisfaction: satisfaction.get_untracked(),
            topics: topics.get_untracked().into_iter().collect(),
            note: note.get_untracked(),
            photos: photos.get_untracked(),
        };
        async move {
            service::visit_command(state, VisitCommand::Record(visit), local_now()).await?;
            changed.try_update(|n| *n += 1);
            close.try_set(None);
            done_saying(t().visits.saved)
        }
    });
    let chip = move |active: Signal<bool>, label: String, id: String, flip: Callback<()>| {
        view! {
            <button type="button" class="btn chip" id=id class:chip-on=move || active.get()
                aria-pressed=move || active.get().to_string() on:click=move |_| flip.run(())>{label}</button>
        }
    };
    view! {
        <div class="visit-form">
            <fieldset class="chips">
                <legend>{move || Field::Satisfaction.label(lang.get())}</legend>
                {[Satisfaction::Satisfied, Satisfaction::BasicallySatisfied, Satisfaction::Dissatisfied].into_iter().map(|s| {
                    chip(
                        Signal::derive(move || satisfaction.get() == Some(s)),
                        s.label(lang.get_untracked()).to_string(),
                        format!("satisfaction-{s:?}"),
                        Callback::new(move |_| satisfaction.update(|v| *v = if *v == Some(s) { None } else { Some(s) })),
                    )
                }).collect_view()}
            </fieldset>
            <fieldset class="chips">
                <legend>{move || t().visits.topics}</legend>
                {move || state.settings.with(|s| s.categories.clone()).into_iter().map(|c| {
                    let id = c.id.clone();
                    let key = c.id.clone();
                    chip(
                        Signal::derive(move || topics.with(|ts| ts.contains(&key))),
                        c.name(lang.get()).to_string(),
                        format!("topic-{}", c.id),
                        Callback::new(move |_| topics.update(|ts| if !ts.remove(&id) { ts.insert(id.clone()); })),
                    )
                }).collect_view()}
            </fieldset>
            <TextInput id="visit-note" multiline=true label=Signal::derive(move || t().visits.note.to_string())
                value=Signal::derive(move || note.get()) on_input=Callback::new(move |v| note.set(v)) />
            <div class="field">
                <label for="visit-photo">{move || t().complaint.photo}</label>
                <input id="visit-photo" type="file" accept="image/*" capture="environment" on:change=on_photo disabled=take_photo.pending() />
            </div>
            <div class="visit-photos">
                {move || photos.get().into_iter().map(|sha| view! {
                    <crate::ui::components::attachment::Attachment kind=crate::domain::EvidenceKind::Photo sha/>
                }).collect_view()}
            </div>
            <Notice text=take_photo.notice()/>
            <Notice text=save.notice()/>
            <div class="actions outcomes">
                {Outcome::ALL.into_iter().map(|o| view! {
                    <button type="button" class="btn btn-primary outcome" id=format!("outcome-{o:?}")
                        disabled=save.pending() on:click=move |_| save.run(o)>{move || o.label(lang.get())}</button>
                }).collect_view()}
            </div>
        </div>
    }
}

/// "Make it a complaint": the intake form, filled in from the visit and its household.
#[component]
fn MakeComplaint(visit: EventId) -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let go = Task::new(move |_: ()| {
        let navigate = navigate.clone();
        async move {
            let visits = service::visits(state).await?;
            let draft = crate::ui::pages::new_complaint::IntakeDraft::from_visit(
                &visits,
                visit,
                local_now(),
            );
            service::save_intake_draft(state, &draft).await?;
            navigate("/complaints/new", Default::default());
            Ok(None)
        }
    });
    view! {
        <button type="button" class="btn btn-primary make-complaint" disabled=go.pending()
            on:click=move |_| go.run(())>{move || t().visits.make_complaint}</button>
        <Notice text=go.notice()/>
    }
}

/// The project choices, by key.
fn project_options(visits: Signal<Visits>) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        let mut out = vec![(String::new(), String::new())];
        out.extend(visits.with(|v| {
            v.projects
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        }));
        out
    })
}

/// A visit outside the plan: a project and a typed unit open the same visit form.
#[component]
fn Unplanned(visits: Signal<Visits>, changed: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let project = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let opened = RwSignal::new(None::<Opened>);
    let problem = RwSignal::new(None::<String>);
    let open = move |_| {
        let p = project.get_untracked();
        match (p.is_empty(), unit_from_text(&unit.get_untracked())) {
            (false, Some(u)) => {
                problem.set(None);
                opened.set(Some((None, p, u, local_now().date_naive())));
            }
            (true, _) => problem.set(Some(
                crate::domain::ValidationError::Required(Field::Project)
                    .message(lang.get_untracked()),
            )),
            (false, None) => problem.set(Some(
                crate::domain::ValidationError::Required(Field::Room).message(lang.get_untracked()),
            )),
        }
    };
    view! {
        <section class="card wide" id="unplanned">
            <h2>{move || t().visits.unplanned}</h2>
            <div class="form-row">
                <Select id="unplanned-project" label=Signal::derive(move || Field::Project.label(lang.get()).to_string())
                    options=project_options(visits) value=Signal::derive(move || project.get())
                    on_change=Callback::new(move |v| project.set(v)) />
                <TextInput id="unplanned-unit" label=Signal::derive(move || Field::ComplainantUnit.label(lang.get()).to_string())
                    value=Signal::derive(move || unit.get()) on_input=Callback::new(move |v| unit.set(v))
                    hint=Signal::derive(move || Some(t().visits.unplanned_hint.to_string()))
                    error=Signal::derive(move || problem.get()) />
            </div>
            <div class="actions">
                <button type="button" class="btn" id="unplanned-open" on:click=open>{move || t().visits.unplanned}</button>
            </div>
            {move || opened.get().map(|o| view! { <VisitForm opened=o close=opened changed/> })}
        </section>
    }
}

/// A facility defect seen on the way, against a building.
#[component]
fn DefectForm(visits: Signal<Visits>, changed: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let project = RwSignal::new(String::new());
    let building = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let save = Task::new(move |_: ()| {
        let defect = Defect {
            project: project.get_untracked(),
            building: building.get_untracked(),
            place: place.get_untracked(),
            note: note.get_untracked(),
            photos: Vec::new(),
        };
        async move {
            service::visit_command(state, VisitCommand::Defect(defect), local_now()).await?;
            place.try_set(String::new());
            note.try_set(String::new());
            changed.try_update(|n| *n += 1);
            done_saying(t().visits.defect_saved)
        }
    });
    let recent = move || {
        visits.with(|v| {
            v.defects
                .iter()
                .rev()
                .take(5)
                .map(|d| {
                    format!(
                        "{} · {} {} {} · {}",
                        d.at.format("%m-%d %H:%M"),
                        v.project_name(&d.item.project),
                        d.item.building,
                        d.item.place,
                        d.item.note
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card wide" id="defect">
            <h2>{move || t().visits.defect_title}</h2>
            <div class="form-row">
                <Select id="defect-project" label=Signal::derive(move || Field::Project.label(lang.get()).to_string())
                    options=project_options(visits) value=Signal::derive(move || project.get())
                    on_change=Callback::new(move |v| project.set(v)) />
                <TextInput id="defect-building" label=Signal::derive(move || Field::Building.label(lang.get()).to_string())
                    value=Signal::derive(move || building.get()) on_input=Callback::new(move |v| building.set(v)) />
                <TextInput id="defect-place" label=Signal::derive(move || t().visits.place.to_string())
                    value=Signal::derive(move || place.get()) on_input=Callback::new(move |v| place.set(v)) />
            </div>
            <TextInput id="defect-note" multiline=true label=Signal::derive(move || t().visits.defect_note.to_string())
                value=Signal::derive(move || note.get()) on_input=Callback::new(move |v| note.set(v)) />
            <Notice text=save.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="defect-save" disabled=save.pending()
                    on:click=move |_| save.run(())>{move || t().visits.record_defect}</button>
            </div>
            <ul class="defects">{move || recent().into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        </section>
    }
}

/// The week's coverage: bars per person and per building, and the same figures in a table.
#[component]
fn CoverageCard(visits: Signal<Visits>, week: RwSignal<NaiveDate>) -> impl IntoView {
    let t = use_texts();
    let coverage = Memo::new(move |_| visits.with(|v| v.coverage(week.get())));
    view! {
        <section class="card wide" id="coverage">
            <h2>{move || t().visits.coverage}</h2>
            <p id="coverage-total" data-met=move || coverage.with(|c| c.total.met) data-planned=move || coverage.with(|c| c.total.planned)>
                {move || coverage.with(|c| t().visits.met_of_planned
                    .replace("{met}", &c.total.met.to_string())
                    .replace("{planned}", &c.total.planned.to_string()))}
                {move || coverage.with(|c| format!(" · {} {}", t().visits.defects, c.defects))}
            </p>
            <p class="chart-legend" aria-hidden="true">
                <svg viewBox="0 0 12 12" class="swatch"><rect width="12" height="12" class="bar-planned"></rect></svg>{move || t().visits.planned}
                <svg viewBox="0 0 12 12" class="swatch"><rect width="12" height="12" class="bar-done"></rect></svg>{move || t().visits.visited}
                <svg viewBox="0 0 12 12" class="swatch"><rect width="12" height="12" class="bar-met"></rect></svg>{move || t().visits.met}
            </p>
            {move || coverage.with(|c| view! {
                <h3>{t().visits.by_person}</h3>
                {chart(&c.by_person)}
                {table(c, &c.by_person, "coverage-people")}
                <h3>{t().visits.by_building}</h3>
                {chart(&c.by_building)}
                {table(c, &c.by_building, "coverage-buildings")}
            })}
        </section>
    }
}

/// Planned, visited and met as three bars per row; the table beside it carries the figures.
fn chart(rows: &[Row]) -> impl IntoView + use<> {
    let max = rows
        .iter()
        .map(|r| r.planned.max(r.done))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (label_w, bar_w, row_h) = (140.0, 360.0, 34.0);
    let height = (rows.len() as f64 * row_h).max(row_h);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i as f64 * row_h;
            let w = |n: u32| (n as f64 / max * bar_w).max(if n > 0 { 2.0 } else { 0.0 });
            view! {
                <g>
                    <text x="0" y=y + 20.0 class="chart-label">{r.label.clone()}</text>
                    <rect x=label_w y=y + 4.0 width=w(r.planned) height="8" class="bar-planned"></rect>
                    <rect x=label_w y=y + 13.0 width=w(r.done) height="8" class="bar-done"></rect>
                    <rect x=label_w y=y + 22.0 width=w(r.met) height="8" class="bar-met"></rect>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="coverage-chart" role="img" aria-hidden="true"
            viewBox=format!("0 0 {} {}", label_w + bar_w + 10.0, height) preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
}

fn table(c: &Coverage, rows: &[Row], id: &'static str) -> impl IntoView + use<> {
    let t = expect_context::<LangCtx>().0.get_untracked().texts();
    let line = |r: &Row, label: String| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{r.planned}</td><td>{r.done}</td><td>{r.met}</td><td>{r.findings}</td><td>{r.complaints}</td>
            </tr>
        }
    };
    view! {
        <table class="table coverage-table" id=id>
            <thead><tr>
                <th></th><th scope="col">{t.visits.planned}</th><th scope="col">{t.visits.visited}</th>
                <th scope="col">{t.visits.met}</th><th scope="col">{t.visits.findings}</th><th scope="col">{t.visits.complaints}</th>
            </tr></thead>
            <tbody>
                {rows.iter().map(|r| line(r, r.label.clone())).collect_view()}
                {line(&c.total, t.visits.total.to_string())}
            </tbody>
        </table>
    }
}

/// The week's plans (each can be ended) and the form that adds one.
#[component]
fn Plans(
    visits: Signal<Visits>,
    week: RwSignal<NaiveDate>,
    changed: RwSignal<u32>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let staff = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let building = RwSignal::new(String::new());
    let rooms = RwSignal::new(String::new());
    let day = RwSignal::new(local_now().date_naive().format("%Y-%m-%d").to_string());
    let weekly = RwSignal::new(true);
    let add = Task::new(move |_: ()| async move {
        let person = state.roster.with_untracked(|r| {
            r.iter()
                .find(|p| p.id.to_string() == staff.get_untracked())
                .cloned()
        });
        let Some(person) = person else {
            return Err(crate::domain::DomainError::from(
                crate::domain::ValidationError::Required(Field::PersonName),
            )
            .into());
        };
        let Ok(first) = NaiveDate::parse_from_str(&day.get_untracked(), "%Y-%m-%d") else {
            return Err(crate::domain::DomainError::from(
                crate::domain::ValidationError::Unreadable {
                    field: Field::VisitDay,
                    input: day.get_untracked(),
                },
            )
            .into());
        };
        let b = building.get_untracked();
        let units = units_in_building(&b, &rooms.get_untracked())
            .map_err(crate::domain::DomainError::from)?;
        let plan = VisitPlan {
            staff: person.id,
            staff_name: person.name,
            project: project.get_untracked(),
            building: b,
            units,
            day: first,
            weekly: weekly.get_untracked(),
        };
        service::visit_command(state, VisitCommand::Plan(plan), local_now()).await?;
        rooms.try_set(String::new());
        changed.try_update(|n| *n += 1);
        done_saying(t().visits.plan_saved)
    });
    let end = Task::new(move |plan: EventId| async move {
        let from = week
            .get_untracked()
            .max(monday_of(local_now().date_naive()));
        service::visit_command(state, VisitCommand::EndPlan { plan, from }, local_now()).await?;
        changed.try_update(|n| *n += 1);
        done_saying(t().visits.plan_ended)
    });
    let people = Signal::derive(move || {
        let mut out = vec![(String::new(), String::new())];
        out.extend(state.roster.with(|r| {
            r.iter()
                .filter(|p| p.active)
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        }));
        out
    });
    let buildings = Signal::derive(move || {
        let mut out = vec![(String::new(), String::new())];
        out.extend(visits.with(|v| {
            v.project(&project.get())
                .map(|p| {
                    p.buildings()
                        .into_iter()
                        .map(|b| (b.to_string(), b.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }));
        out
    });
    view! {
        <section class="card wide" id="plans">
            <h2>{move || t().visits.plans_title}</h2>
            <ul class="plans">
                {move || visits.with(|v| v.plans_in_week(week.get()).into_iter().map(|p| {
                    let plan = p.event;
                    let units = if p.item.units.is_empty() {
                        t().visits.whole_building.to_string()
                    } else {
                        p.item.units.iter().map(|u| u.text()).collect::<Vec<_>>().join("、")
                    };
                    let text = format!("{} · {} {} · {} · {} {}",
                        p.item.staff_name, v.project_name(&p.item.project), p.item.building, units,
                        if p.item.weekly { t().visits.every_week } else { t().visits.once },
                        p.item.day.format("%Y-%m-%d"));
                    view! {
                        <li class="plan">
                            <span>{text}</span>
                            <button type="button" class="btn end-plan" disabled=end.pending() on:click=move |_| end.run(plan)>{t().visits.end_plan}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <Notice text=end.notice()/>
            <div class="form-row">
                <Select id="plan-staff" label=Signal::derive(move || t().visits.whose.to_string())
                    options=people value=Signal::derive(move || staff.get()) on_change=Callback::new(move |v| staff.set(v)) />
                <Select id="plan-project" label=Signal::derive(move || Field::Project.label(lang.get()).to_string())
                    options=project_options(visits) value=Signal::derive(move || project.get()) on_change=Callback::new(move |v| project.set(v)) />
                <Select id="plan-building" label=Signal::derive(move || Field::Building.label(lang.get()).to_string())
                    options=buildings value=Signal::derive(move || building.get()) on_change=Callback::new(move |v| building.set(v)) />
                <TextInput id="plan-day" kind="date" label=Signal::derive(move || Field::VisitDay.label(lang.get()).to_string())
                    value=Signal::derive(move || day.get()) on_input=Callback::new(move |v| day.set(v)) />
            </div>
            <TextInput id="plan-rooms" multiline=true label=Signal::derive(move || t().visits.rooms.to_string())
                value=Signal::derive(move || rooms.get()) on_input=Callback::new(move |v| rooms.set(v))
                hint=Signal::derive(move || Some(t().visits.rooms_hint.to_string())) />
            <Check id="plan-weekly" label=Signal::derive(move || t().visits.weekly.to_string())
                checked=Signal::derive(move || weekly.get()) on_change=Callback::new(move |v| weekly.set(v)) />
            <Notice text=add.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="plan-add" disabled=add.pending() on:click=move |_| add.run(())>{move || t().visits.add_plan}</button>
            </div>
        </section>
    }
}

/// The projects and their households: add a project, import its unit list from CSV.
#[component]
fn Places(visits: Signal<Visits>, changed: RwSignal<u32>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let add = Task::new(move |_: ()| async move {
        let n = name.get_untracked().trim().to_string();
        let project = Project {
            id: n.clone(),
            name: n,
            households: Vec::new(),
        };
        service::visit_command(state, VisitCommand::SetProject(project), local_now()).await?;
        target.try_set(name.get_untracked().trim().to_string());
        name.try_set(String::new());
        changed.try_update(|n| *n += 1);
        done_saying(t().visits.project_saved)
    });
    let import = Task::new(move |file: crate::ui::platform::PickedFile| async move {
        let bytes = crate::ui::platform::file_bytes(&file)
            .await
            .ok_or(service::UiError::FileUnreadable)?;
        let Ok(text) = String::from_utf8(bytes) else {
            return Err(Said(t().visits.not_text.to_string()).into());
        };
        let households = crate::sync::csv::read_households(&text)?;
        let id = target.get_untracked();
        let current = service::visits(state).await?;
        let Some(project) = current.project(&id).cloned() else {
            return Err(crate::domain::DomainError::from(
                crate::domain::ValidationError::Required(Field::Project),
            )
            .into());
        };
        let n = households.len();
        let project = Project {
            households,
            ..project
        };
        service::visit_command(state, VisitCommand::SetProject(project), local_now()).await?;
        changed.try_update(|n| *n += 1);
        done_saying(t().visits.imported.replace("{n}", &n.to_string()))
    });
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = crate::ui::platform::picked_file(&ev) {
            import.run(file);
        }
    };
    // One household added by hand to the chosen project (one at the same unit is replaced).
    let house = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let add_house = Task::new(move |_: ()| async move {
        let unit = unit_from_text(&house.get_untracked()).ok_or(
            crate::domain::DomainError::from(crate::domain::ValidationError::Required(Field::Room)),
        )?;
        let phone_text = phone.get_untracked();
        let phone_value = match phone_text.trim() {
            "" => None,
            p => Some(crate::domain::Phone::parse(p).map_err(crate::domain::DomainError::from)?),
        };
        let current = service::visits(state).await?;
        let Some(mut project) = current.project(&target.get_untracked()).cloned() else {
            return Err(crate::domain::DomainError::from(
                crate::domain::ValidationError::Required(Field::Project),
            )
            .into());
        };
        project.households.retain(|h| h.unit != unit);
        project.households.push(crate::domain::visits::Household {
            unit,
            owner: owner.get_untracked(),
            phone: phone_value,
        });
        service::visit_command(state, VisitCommand::SetProject(project), local_now()).await?;
        house.try_set(String::new());
        owner.try_set(String::new());
        phone.try_set(String::new());
        changed.try_update(|n| *n += 1);
        done_saying(t().visits.project_saved)
    });
    view! {
        <section class="card wide" id="places">
            <h2>{move || t().visits.places_title}</h2>
            <div class="form-row">
                <TextInput id="project-name" label=Signal::derive(move || t().visits.project_name.to_string())
                    value=Signal::derive(move || name.get()) on_input=Callback::new(move |v| name.set(v)) />
            </div>
            <Notice text=add.notice()/>
            <div class="actions">
                <button type="button" class="btn" id="project-add" disabled=add.pending() on:click=move |_| add.run(())>{move || t().visits.add_project}</button>
            </div>
            <div class="form-row">
                <Select id="import-project" label=Signal::derive(move || Field::Project.label(lang.get()).to_string())
                    options=project_options(visits) value=Signal::derive(move || target.get()) on_change=Callback::new(move |v| target.set(v)) />
                <div class="field">
                    <label for="units-file">{move || t().visits.import_units}</label>
                    <input id="units-file" type="file" accept=".csv,text/csv" on:change=on_pick disabled=move || target.get().is_empty() />
                    <p class="hint">{move || t().visits.import_hint}</p>
                </div>
            </div>
            <div id="units-import-notice"><Notice text=import.notice()/></div>
            <div class="form-row">
                <TextInput id="house-unit" label=Signal::derive(move || Field::ComplainantUnit.label(lang.get()).to_string())
                    value=Signal::derive(move || house.get()) on_input=Callback::new(move |v| house.set(v))
                    hint=Signal::derive(move || Some(t().visits.unplanned_hint.to_string())) />
                <TextInput id="house-owner" label=Signal::derive(move || t().visits.owner.to_string())
                    value=Signal::derive(move || owner.get()) on_input=Callback::new(move |v| owner.set(v)) />
                <TextInput id="house-phone" kind="tel" label=Signal::derive(move || Field::ComplainantPhone.label(lang.get()).to_string())
                    value=Signal::derive(move || phone.get()) on_input=Callback::new(move |v| phone.set(v)) />
            </div>
            <Notice text=add_house.notice()/>
            <div class="actions">
                <button type="button" class="btn" id="house-add" disabled=move || add_house.pending().get() || target.get().is_empty()
                    on:click=move |_| add_house.run(())>{move || t().visits.add_household}</button>
            </div>
            {move || visits.with(|v| v.projects.iter().map(|p| {
                let rows = p.households.iter().map(|h| view! {
                    <tr><td>{h.unit.text()}</td><td>{h.owner.clone()}</td><td>{h.phone.as_ref().map(|p| p.as_str().to_string())}</td></tr>
                }).collect_view();
                view! {
                    <details class="project" data-project=p.id.clone()>
                        <summary>{format!("{} · {} {}", p.name, p.households.len(), t().visits.households)}</summary>
                        <table class="table households">
                            <thead><tr>
                                <th scope="col">{Field::ComplainantUnit.label(lang.get())}</th>
                                <th scope="col">{t().visits.owner}</th>
                                <th scope="col">{Field::ComplainantPhone.label(lang.get())}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </details>
                }
            }).collect_view())}
        </section>
    }
}

/// The follow-up visits (回访) the workflow has due: complaints replied to and waiting for the
/// complainant's view, with their household, so they can be fitted into the route.
#[component]
fn FollowUps() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let due = Memo::new(move |_| {
        state.briefs.with(|all| {
            all.values()
                .filter(|b| {
                    b.is_live()
                        && b.is_counted()
                        && b.moves
                            .iter()
                            .any(|(k, _)| *k == crate::domain::CommandKind::FollowUp)
                })
                .map(|b| {
                    let unit = b
                        .complainant
                        .unit
                        .as_ref()
                        .map(Unit::text)
                        .unwrap_or_default();
                    let who = b.complainant.name.clone().unwrap_or_default();
                    (b.id, format!("{} · {} {}", b.number, unit, who))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || due.with(|d| !d.is_empty())>
            <section class="card wide" id="follow-ups">
                <h2>{move || t().visits.follow_ups} <span class="count">{move || due.with(Vec::len)}</span></h2>
                <p class="hint">{move || t().visits.follow_ups_hint}</p>
                <ul class="rows">
                    {move || due.get().into_iter().map(|(id, text)| view! {
                        <li><A href=crate::ui::app::href(&format!("/complaints/{id}")) attr:class="btn stop-open">{text}</A></li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
