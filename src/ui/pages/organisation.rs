//! The organisation: who to call when the plan is activated (every number a `tel:` link), the
//! duty lead on shift now and the duty rota, and every unit with its duty and members. Leaders
//! edit; everyone reads. Who may lead, what a unit must hold and what a number may look like are
//! the domain's (`domain::organisation`).

use chrono::{Datelike, Days, NaiveDate};
use leptos::prelude::*;

use crate::domain::Field;
use crate::domain::ids::{PersonId, UnitId};
use crate::domain::organisation::{
    Member, OrgUnit, Shift, UnitKind, may_be_on_duty, starting_organisation, tel_href,
};
use crate::domain::workflow::may_lead;
use crate::ui::components::form::{Notice, Select, TextInput};
use crate::ui::components::page::Page;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Task, done_saying};

/// Days of the rota shown ahead, today first.
const ROTA_DAYS: u64 = 14;

/// A number as a link that dials it; nothing for a blank number.
fn phone_link(phone: String) -> Option<impl IntoView> {
    (!phone.trim().is_empty()).then(|| {
        let href = tel_href(&phone);
        view! { <a class="tel" href=href>{phone}</a> }
    })
}

/// Whether the person signed in may act as leader now.
fn use_leads() -> Signal<bool> {
    let state = expect_context::<AppState>();
    Signal::derive(move || {
        let now = state.now.get();
        state
            .current_person()
            .is_some_and(|p| state.settings.with(|s| may_lead(&p.actor(), now, s)))
    })
}

/// The organisation page.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let leads = use_leads();
    let editing = RwSignal::new(None::<(UnitId, OrgUnit)>);
    let empty = Signal::derive(move || state.settings.with(|s| s.organisation.is_empty()));
    let start = Task::new(move |_: ()| async move {
        for unit in starting_organisation(lang.get_untracked()) {
            service::set_unit(state, new_unit_id(), unit, local_now()).await?;
        }
        done_saying(t().org.saved)
    });
    let add = move |_| {
        editing.set(Some((
            new_unit_id(),
            OrgUnit {
                kind: UnitKind::Contact,
                name: String::new(),
                duty: String::new(),
                phone: String::new(),
                members: Vec::new(),
                call_order: None,
                removed: false,
            },
        )))
    };
    view! {
        <Page title=Signal::derive(move || t().org.title) id="organisation">
            <CallList/>
            <RotaCard leads/>
            <Show when=move || empty.get()>
                <section class="card wide" id="org-empty">
                    <p class="hint">{move || t().org.empty}</p>
                    <Show when=move || leads.get()>
                        <Notice text=start.notice()/>
                        <div class="actions">
                            <button type="button" class="btn" id="org-start" disabled=start.pending()
                                on:click=move |_| start.run(())>{move || t().org.start}</button>
                        </div>
                    </Show>
                </section>
            </Show>
            {UnitKind::ALL.into_iter().map(|kind| view! {
                <section class="card wide org-kind" data-kind=format!("{kind:?}")>
                    <h2>{move || kind.label(lang.get())}</h2>
                    <ul class="org-units">
                        {move || state.settings.with(|s| s.units_of(kind).into_iter().map(|(id, u)| {
                            let unit = u.clone();
                            view! { <UnitView id unit leads editing/> }
                        }).collect_view())}
                    </ul>
                </section>
            }).collect_view()}
            <Show when=move || leads.get()>
                <div class="actions">
                    <button type="button" class="btn" id="org-add" on:click=add>{move || t().org.add_unit}</button>
                </div>
            </Show>
            {move || editing.get().map(|(id, unit)| view! { <UnitForm id unit editing/> })}
        </Page>
    }
}

fn new_unit_id() -> UnitId {
    UnitId::new_v7(
        local_now().timestamp_millis().max(0) as u64,
        &crate::ui::platform::crypto::random_bytes::<10>(),
    )
}

/// One unit: its name, duty, number and members, each number dialable.
#[component]
fn UnitView(
    id: UnitId,
    unit: OrgUnit,
    leads: Signal<bool>,
    editing: RwSignal<Option<(UnitId, OrgUnit)>>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let order = unit.call_order.map(|n| {
        view! { <span class="badge">{move || format!("{} {n}", Field::CallOrder.label(lang.get()))}</span> }
    });
    let edit_copy = unit.clone();
    view! {
        <li class="org-unit" data-unit=id.to_string()>
            <h3>{unit.name.clone()} " " {order} " " {phone_link(unit.phone.clone())}</h3>
            {(!unit.duty.is_empty()).then(|| view! { <p class="org-duty">{unit.duty.clone()}</p> })}
            {(!unit.members.is_empty()).then(|| view! {
                <table class="org-members">
                    <tbody>
                        {unit.members.iter().map(|m| view! {
                            <tr>
                                <td>{m.name.clone()}</td>
                                <td>{m.role.clone()}</td>
                                <td>{phone_link(m.phone.clone())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <Show when=move || leads.get()>
                {
                    let copy = edit_copy.clone();
                    view! {
                        <button type="button" class="btn org-edit"
                            on:click=move |_| editing.set(Some((id, copy.clone())))>{move || t().org.edit}</button>
                    }
                }
            </Show>
        </li>
    }
}

/// Who to call when the plan is activated, in order, with the duty lead on shift now. Shown on
/// this page and on the page of a major complaint.
#[component]
pub fn CallList() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    view! {
        <section class="card wide" id="call-list">
            <h2>{move || t().org.call_list}</h2>
            <OnDuty/>
            {move || {
                let list: Vec<(UnitId, OrgUnit)> = state
                    .settings
                    .with(|s| s.call_list().into_iter().map(|(id, u)| (id, u.clone())).collect());
                if list.is_empty() {
                    return view! { <p class="hint" id="call-list-empty">{t().org.call_list_empty}</p> }.into_any();
                }
                view! {
                    <p class="hint">{t().org.call_hint}</p>
                    <ol class="calls">
                        {list.into_iter().map(|(id, u)| view! {
                            <li class="call" data-unit=id.to_string()>
                                <strong>{u.name}</strong>
                                " " {phone_link(u.phone)}
                                {u.members.into_iter().filter(|m| !m.phone.trim().is_empty()).map(|m| view! {
                                    <span class="call-member">{format!("{} {}", m.name, m.role)} " " {phone_link(m.phone)}</span>
                                }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

/// The duty lead on shift now, by the rota.
#[component]
fn OnDuty() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let text = move || {
        let now = state.now.get();
        let name = state.settings.with(|s| s.on_duty(now)).and_then(|id| {
            state
                .roster
                .with(|r| r.iter().find(|p| p.id == id).map(|p| p.name.clone()))
        });
        match name {
            Some(n) => format!("{}：{n}", t().org.on_duty_now),
            None => t().org.by_role.to_string(),
        }
    };
    view! { <p class="on-duty" id="on-duty">{text}</p> }
}

/// The rota for the next two weeks: a leader picks the duty lead of each shift.
#[component]
fn RotaCard(leads: Signal<bool>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let today = local_now().date_naive();
    let days: Vec<NaiveDate> = (0..ROTA_DAYS)
        .filter_map(|n| today.checked_add_days(Days::new(n)))
        .collect();
    let assign = Task::new(
        move |(day, shift, person): (NaiveDate, Shift, Option<PersonId>)| async move {
            service::assign_duty(state, day, shift, person, local_now()).await?;
            done_saying(t().org.duty_saved)
        },
    );
    let options = Signal::derive(move || {
        let mut out = vec![(String::new(), t().org.nobody.to_string())];
        state.roster.with(|r| {
            out.extend(r.iter().filter(|p| may_be_on_duty(p)).map(|p| {
                (
                    p.id.to_string(),
                    format!("{} · {}", p.name, p.role.label(lang.get())),
                )
            }))
        });
        out
    });
    let cell = move |day: NaiveDate, shift: Shift| {
        let current = Signal::derive(move || {
            state
                .settings
                .with(|s| s.rota.get(&(day, shift)).copied().flatten())
        });
        let name = move || {
            current
                .get()
                .and_then(|id| {
                    state
                        .roster
                        .with(|r| r.iter().find(|p| p.id == id).map(|p| p.name.clone()))
                })
                .unwrap_or_else(|| t().org.nobody.to_string())
        };
        let id = format!("rota-{}-{shift:?}", day.format("%Y-%m-%d"));
        view! {
            <td class="rota-cell" data-day=day.format("%Y-%m-%d").to_string() data-shift=format!("{shift:?}")>
                {move || if leads.get() {
                    let id = id.clone();
                    view! {
                        <select id=id aria-label=move || format!("{} {}", day.format("%m-%d"), shift.label(lang.get()))
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                assign.run((day, shift, v.parse::<uuid::Uuid>().ok().map(PersonId)));
                            }>
                            {move || {
                                let chosen = current.get().map(|p| p.to_string()).unwrap_or_default();
                                options.get().into_iter().map(|(v, l)| {
                                    let selected = v == chosen;
                                    view! { <option value=v selected=selected>{l}</option> }
                                }).collect_view()
                            }}
                        </select>
                    }.into_any()
                } else {
                    view! { <span>{name}</span> }.into_any()
                }}
            </td>
        }
    };
    view! {
        <section class="card wide" id="rota">
            <h2>{move || t().org.rota}</h2>
            <p class="hint">{move || t().org.rota_hint}</p>
            <Notice text=assign.notice()/>
            <div class="table-scroll">
                <table class="rota">
                    <thead>
                        <tr>
                            <th>{move || Field::DutyDay.label(lang.get())}</th>
                            {Shift::ALL.into_iter().map(|s| view! { <th>{move || s.label(lang.get())}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {days.into_iter().map(|day| view! {
                            <tr>
                                <th scope="row">{move || format!("{} {}", day.format("%m-%d"),
                                    t().settings.weekdays[day.weekday().num_days_from_monday() as usize])}</th>
                                {cell(day, Shift::Day)}
                                {cell(day, Shift::Night)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A unit being added or changed by a leader.
#[component]
fn UnitForm(
    id: UnitId,
    unit: OrgUnit,
    editing: RwSignal<Option<(UnitId, OrgUnit)>>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let kind = RwSignal::new(unit.kind);
    let name = RwSignal::new(unit.name.clone());
    let duty = RwSignal::new(unit.duty.clone());
    let phone = RwSignal::new(unit.phone.clone());
    let order = RwSignal::new(unit.call_order.map(|n| n.to_string()).unwrap_or_default());
    let members = RwSignal::new(unit.members.clone());
    let save = Task::new(move |removed: bool| async move {
        let typed = order.get_untracked();
        let call_order = match typed.trim() {
            "" => None,
            n => Some(n.parse::<u32>().map_err(|_| {
                crate::domain::DomainError::from(crate::domain::ValidationError::Unreadable {
                    field: Field::CallOrder,
                    input: typed.clone(),
                })
            })?),
        };
        let unit = OrgUnit {
            kind: kind.get_untracked(),
            name: name.get_untracked(),
            duty: duty.get_untracked(),
            phone: phone.get_untracked(),
            members: members.get_untracked(),
            call_order,
            removed,
        };
        service::set_unit(state, id, unit, local_now()).await?;
        editing.try_set(None);
        done_saying(if removed {
            t().org.removed
        } else {
            t().org.saved
        })
    });
    let kinds = Signal::derive(move || {
        UnitKind::ALL
            .into_iter()
            .map(|k| (format!("{k:?}"), k.label(lang.get()).to_string()))
            .collect::<Vec<_>>()
    });
    let label = move |f: Field| Signal::derive(move || f.label(lang.get()).to_string());
    view! {
        <section class="card wide" id="unit-form">
            <h2>{move || t().org.edit_title}</h2>
            <Select id="unit-kind" label=label(Field::UnitKind) options=kinds
                value=Signal::derive(move || format!("{:?}", kind.get()))
                on_change=Callback::new(move |v: String| {
                    if let Some(k) = UnitKind::ALL.into_iter().find(|k| format!("{k:?}") == v) { kind.set(k) }
                })/>
            <div class="form-row">
                <TextInput id="unit-name" label=label(Field::UnitName) required=true
                    value=Signal::derive(move || name.get()) on_input=Callback::new(move |v| name.set(v))/>
                <TextInput id="unit-phone" kind="tel" label=label(Field::Phone)
                    value=Signal::derive(move || phone.get()) on_input=Callback::new(move |v| phone.set(v))/>
                <TextInput id="unit-order" kind="number" label=label(Field::CallOrder)
                    hint=Signal::derive(move || t().org.not_called.to_string())
                    value=Signal::derive(move || order.get()) on_input=Callback::new(move |v| order.set(v))/>
            </div>
            <TextInput id="unit-duty" multiline=true label=label(Field::Duty)
                value=Signal::derive(move || duty.get()) on_input=Callback::new(move |v| duty.set(v))/>
            <h3>{move || Field::Members.label(lang.get())}</h3>
            {move || (0..members.with(Vec::len)).map(|i| {
                let get = move |f: fn(&Member) -> String| members.with(|m| m.get(i).map(f).unwrap_or_default());
                view! {
                    <div class="form-row org-member" data-index=i>
                        <div class="field">
                            <label for=format!("member-name-{i}")>{move || Field::PersonName.label(lang.get())}</label>
                            <input id=format!("member-name-{i}") type="text" prop:value=move || get(|m| m.name.clone())
                                on:input=move |ev| members.update(|m| if let Some(x) = m.get_mut(i) { x.name = event_target_value(&ev) })/>
                        </div>
                        <div class="field">
                            <label for=format!("member-role-{i}")>{move || Field::Role.label(lang.get())}</label>
                            <input id=format!("member-role-{i}") type="text" prop:value=move || get(|m| m.role.clone())
                                on:input=move |ev| members.update(|m| if let Some(x) = m.get_mut(i) { x.role = event_target_value(&ev) })/>
                        </div>
                        <div class="field">
                            <label for=format!("member-phone-{i}")>{move || Field::Phone.label(lang.get())}</label>
                            <input id=format!("member-phone-{i}") type="tel" prop:value=move || get(|m| m.phone.clone())
                                on:input=move |ev| members.update(|m| if let Some(x) = m.get_mut(i) { x.phone = event_target_value(&ev) })/>
                        </div>
                        <button type="button" class="btn member-remove"
                            on:click=move |_| members.update(|m| { if i < m.len() { m.remove(i); } })>{move || t().org.remove_member}</button>
                    </div>
                }
            }).collect_view()}
            <div class="actions">
                <button type="button" class="btn" id="member-add"
                    on:click=move |_| members.update(|m| m.push(Member { name: String::new(), role: String::new(), phone: String::new() }))>
                    {move || t().org.add_member}
                </button>
            </div>
            <Notice text=save.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="unit-save" disabled=save.pending()
                    on:click=move |_| save.run(false)>{move || t().org.save}</button>
                <button type="button" class="btn" id="unit-cancel" on:click=move |_| editing.set(None)>{move || t().org.cancel}</button>
                <button type="button" class="btn btn-danger" id="unit-remove" disabled=save.pending()
                    on:click=move |_| save.run(true)>{move || t().org.remove_unit}</button>
            </div>
        </section>
    }
}
