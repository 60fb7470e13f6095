//! Settings panels for this device, the roster and who is using the tablet.

use leptos::prelude::*;

use crate::domain::form;
use crate::domain::{Field, PersonId, RosterCommand};
use crate::ui::components::form::{Notice, Select, TextInput};
use crate::ui::i18n::{LangCtx, Message, use_texts};
use crate::ui::service::{self, UiError};
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Task, done, done_saying};
use chrono::{DateTime, FixedOffset};

/// Device code and label.
#[component]
pub fn DevicePanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let code = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(id) = state.identity.get() {
            code.set(id.code.map(|c| c.to_string()).unwrap_or_default());
            label.set(id.label);
        }
    });
    let code_error = RwSignal::new(None::<String>);
    let save = Task::new(move |(code, label): (String, String)| async move {
        match service::name_device(state, &code, &label).await {
            Ok(()) => {
                code_error.try_set(None);
                done_saying(t().people.saved)
            }
            Err(e) => {
                code_error.try_set(Some(e.message(lang.get_untracked())));
                Err(e.into())
            }
        }
    });
    view! {
        <section class="card" id="device-panel">
            <h2>{move || t().people.device_title}</h2>
            <p class="hint">{move || t().people.device_intro}</p>
            <div class="form-row">
                <TextInput id="device-code" label=Signal::derive(move || t().people.device_code.to_string())
                    value=code on_input=Callback::new(move |v: String| code.set(v.to_uppercase()))
                    hint=Signal::derive(move || Some(t().people.device_code_hint.to_string()))
                    error=code_error required=true />
                <TextInput id="device-label" label=Signal::derive(move || t().people.device_label.to_string())
                    value=label on_input=Callback::new(move |v| label.set(v))
                    hint=Signal::derive(move || Some(t().people.device_label_hint.to_string())) />
            </div>
            <button type="button" class="btn btn-primary" id="device-save" disabled=save.pending()
                on:click=move |_| save.run((code.get_untracked(), label.get_untracked()))>{move || t().people.save}</button>
            <Notice text=save.notice() />
        </section>
    }
}

/// Who is using this tablet: tap a name.
#[component]
pub fn UserPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let notice = RwSignal::new(None::<(bool, String)>);
    let signed = move |result: Result<(), UiError>| {
        notice.set(
            result
                .err()
                .map(|e| (false, e.message(lang.get_untracked()))),
        );
    };
    view! {
        <section class="card" id="user-panel">
            <h2>{move || t().people.user_title}</h2>
            {move || match state.current_person() {
                Some(p) => view! {
                    <p id="current-user">{t().people.user_current} ": " <strong>{p.name.clone()}</strong> " · " {p.role.label(lang.get())}</p>
                }.into_any(),
                None => view! { <p class="hint" id="current-user">{t().people.user_none}</p> }.into_any(),
            }}
            <div class="chips">
                {move || state.roster.get().into_iter().filter(|p| p.active).map(|p| {
                    let id = p.id;
                    let pressed = move || state.user.get() == Some(id);
                    view! {
                        <button type="button" class="btn chip" aria-pressed=move || pressed().to_string()
                            data-person=p.name.clone()
                            on:click=move |_| signed(service::sign_in(state, Some(id)))>
                            {p.name.clone()} <small>{p.role.label(lang.get())}</small>
                        </button>
                    }
                }).collect_view()}
            </div>
            <Show when=move || state.user.get().is_some()>
                <button type="button" class="btn" id="sign-out" on:click=move |_| signed(service::sign_in(state, None))>
                    {move || t().people.sign_out}
                </button>
            </Show>
            <Notice text=notice />
        </section>
    }
}

/// The roster and a form to add a person.
#[component]
pub fn RosterPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("Leader".to_string());
    let department = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    // The first person added signs in at once: someone must be using the tablet.
    let adding = Task::new(
        move |(command, now, first): (RosterCommand, DateTime<FixedOffset>, bool)| async move {
            match service::roster(state, None, command, now).await {
                Ok(id) => {
                    name.try_set(String::new());
                    name_error.try_set(None);
                    if first {
                        service::sign_in(state, Some(id))?;
                    }
                    done()
                }
                Err(e) => {
                    if let UiError::Domain(crate::domain::DomainError::Invalid(v)) = &e
                        && v.field() == Some(Field::PersonName)
                    {
                        name_error.try_set(Some(e.message(lang.get_untracked())));
                    }
                    Err(e.into())
                }
            }
        },
    );

    let role_options = Signal::derive(move || {
        form::ROLES
            .iter()
            .map(|(r, key)| (key.to_string(), r.label(lang.get()).to_string()))
            .collect::<Vec<_>>()
    });
    let department_options = Signal::derive(move || {
        let mut out = vec![(String::new(), t().people.person_department_none.to_string())];
        out.extend(state.settings.with(|s| {
            s.departments
                .iter()
                .map(|d| (d.id.clone(), d.name(lang.get()).to_string()))
                .collect::<Vec<_>>()
        }));
        out
    });
    let add = move |_| {
        let chosen = match form::by_key(&form::ROLES, &role.get_untracked(), Field::PersonRole) {
            Ok(chosen) => chosen,
            Err(e) => return adding.fail(e),
        };
        let dept = Some(department.get_untracked()).filter(|d| !d.is_empty());
        let now = local_now();
        let id = PersonId::new_v7(
            now.timestamp_millis().max(0) as u64,
            &crate::ui::platform::crypto::random_bytes::<10>(),
        );
        let first = state.roster.with_untracked(Vec::is_empty);
        let command = RosterCommand::Add {
            id,
            name: name.get_untracked(),
            role: chosen,
            department: dept,
        };
        adding.run((command, now, first));
    };
    view! {
        <section class="card" id="roster-panel">
            <h2>{move || t().people.roster_title}</h2>
            <Show when=move || state.roster.with(Vec::is_empty)>
                <p class="hint">{move || t().people.roster_first}</p>
            </Show>
            <ul class="roster">
                {move || state.roster.get().into_iter().map(|p| {
                    let dept = p.department.clone().and_then(|d| state.settings.with(|s| s.departments.iter().find(|x| x.id == d).map(|x| x.name(lang.get()).to_string())).or(Some(d)));
                    view! {
                        <li><strong>{p.name.clone()}</strong> " · " {p.role.label(lang.get())} {dept.map(|d| format!(" · {d}"))}</li>
                    }
                }).collect_view()}
            </ul>
            <div class="form-row">
                <TextInput id="person-name" label=Signal::derive(move || t().people.person_name.to_string())
                    value=name on_input=Callback::new(move |v| name.set(v)) error=name_error required=true />
                <Select id="person-role" label=Signal::derive(move || t().people.person_role.to_string())
                    options=role_options value=role on_change=Callback::new(move |v| role.set(v)) />
                <Select id="person-department" label=Signal::derive(move || t().people.person_department.to_string())
                    options=department_options value=department on_change=Callback::new(move |v| department.set(v)) />
            </div>
            <button type="button" class="btn btn-primary" id="add-person" disabled=adding.pending() on:click=add>{move || t().people.add_person}</button>
            <Notice text=adding.notice() />
        </section>
    }
}
