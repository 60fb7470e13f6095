//! Settings panels for this device, the roster and who is using the tablet.

use leptos::prelude::*;

use crate::domain::form;
use crate::domain::lock::SignIn;
use crate::domain::{Field, PersonChange, PersonId, RosterCommand};
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
    // The stored identity arrives after the page paints: it fills the fields only until the
    // person types, so what was typed first is never replaced by the empty stored values.
    let edited = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(id) = state.identity.get()
            && !edited.get_untracked()
        {
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
                    value=code on_input=Callback::new(move |v: String| {
                        edited.set(true);
                        code.set(v.to_uppercase())
                    })
                    hint=Signal::derive(move || Some(t().people.device_code_hint.to_string()))
                    error=code_error required=true />
                <TextInput id="device-label" label=Signal::derive(move || t().people.device_label.to_string())
                    value=label on_input=Callback::new(move |v| {
                        edited.set(true);
                        label.set(v)
                    })
                    hint=Signal::derive(move || Some(t().people.device_label_hint.to_string())) />
            </div>
            <button type="button" class="btn btn-primary" id="device-save" disabled=save.pending()
                on:click=move |_| save.run((code.get_untracked(), label.get_untracked()))>{move || t().people.save}</button>
            <Notice text=save.notice() />
        </section>
    }
}

/// Who is using this tablet: tap a name, then type that person's PIN when they have one (or
/// set one first, when their role needs one and they have none yet).
#[component]
pub fn UserPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let notice = RwSignal::new(None::<(bool, String)>);
    // The person being signed in as, and what that asks for.
    let asking = RwSignal::new(None::<(PersonId, String, SignIn)>);
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let tap = move |id: PersonId, name: String| {
        pin.set(String::new());
        again.set(String::new());
        match service::sign_in_step(state, id) {
            Ok(SignIn::Open) => {
                asking.set(None);
                notice.set(None);
            }
            Ok(step) => {
                asking.set(Some((id, name, step)));
                notice.set(None);
            }
            Err(e) => {
                asking.set(None);
                notice.set(Some((false, e.message(lang.get_untracked()))));
            }
        }
    };
    let confirm = Task::new(
        move |(id, step, p, a): (PersonId, SignIn, String, String)| async move {
            let result = match step {
                SignIn::SetPin => match service::set_pin(state, id, &p, &a, true).await {
                    Ok(()) => service::sign_in(state, Some(id)),
                    Err(e) => Err(e),
                },
                _ => service::sign_in_with_pin(state, id, &p).await,
            };
            pin.try_set(String::new());
            again.try_set(String::new());
            // Once signing in is refused outright (locked out), the PIN form goes.
            if matches!(result, Ok(()) | Err(UiError::SignIn(_))) {
                asking.try_set(None);
            }
            result?;
            done()
        },
    );
    let submit = move || {
        if let Some((id, _, step)) = asking.get_untracked() {
            confirm.run((id, step, pin.get_untracked(), again.get_untracked()));
        }
    };
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
                    let name = p.name.clone();
                    let pressed = move || state.current_person().is_some_and(|c| c.id == id);
                    view! {
                        <button type="button" class="btn chip" aria-pressed=move || pressed().to_string()
                            data-person=p.name.clone()
                            on:click=move |_| tap(id, name.clone())>
                            {p.name.clone()} <small>{p.role.label(lang.get())}</small>
                        </button>
                    }
                }).collect_view()}
            </div>
            {move || asking.get().map(|(_, name, step)| {
                let setting = step == SignIn::SetPin;
                view! {
                    <form class="sign-in-pin" id="sign-in-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                        <p class="hint">{if setting { t().people.own_pin_set_first.to_string() } else { t().people.sign_in_pin.replace("{name}", &name) }}</p>
                        <div class="form-row">
                            <TextInput id="sign-in-pin" kind="password"
                                label=Signal::derive(move || if setting { t().people.own_pin_new.to_string() } else { t().people.pin.to_string() })
                                value=pin on_input=Callback::new(move |v| pin.set(v))
                                hint=Signal::derive(move || setting.then(|| t().people.pin_rule.to_string())) />
                            <Show when=move || setting>
                                <TextInput id="sign-in-pin-again" kind="password" label=Signal::derive(move || t().people.own_pin_again.to_string())
                                    value=again on_input=Callback::new(move |v| again.set(v)) />
                            </Show>
                        </div>
                        <div class="actions">
                            <button type="submit" class="btn btn-primary" id="sign-in-confirm" disabled=confirm.pending()>
                                {move || if confirm.pending().get() { t().people.checking_pin } else if setting { t().people.own_pin_save } else { t().people.sign_in_confirm }}
                            </button>
                            <button type="button" class="btn" id="sign-in-cancel" on:click=move |_| asking.set(None)>{move || t().people.cancel}</button>
                        </div>
                    </form>
                }
            })}
            <Notice text=confirm.notice() />
            <Show when=move || state.user.get().is_some()>
                <button type="button" class="btn" id="sign-out" on:click=move |_| signed(service::sign_in(state, None))>
                    {move || t().people.sign_out}
                </button>
            </Show>
            <Notice text=notice />
            <Show when=move || state.current_person().is_some()>
                <OwnPin />
            </Show>
        </section>
    }
}

/// The signed-in person changes their own PIN.
#[component]
fn OwnPin() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let change = Task::new(move |(p, a): (String, String)| async move {
        let id = state
            .current_person()
            .map(|p| p.id)
            .ok_or(UiError::NoUser)?;
        let result = service::set_pin(state, id, &p, &a, true).await;
        pin.try_set(String::new());
        again.try_set(String::new());
        result?;
        done_saying(t().people.own_pin_changed)
    });
    view! {
        <details class="own-pin" id="own-pin">
            <summary class="btn">{move || t().people.own_pin_change}</summary>
            <p class="hint">{move || t().people.own_pin_intro}</p>
            <div class="form-row">
                <TextInput id="own-pin-new" kind="password" label=Signal::derive(move || t().people.own_pin_new.to_string())
                    value=pin on_input=Callback::new(move |v| pin.set(v))
                    hint=Signal::derive(move || Some(t().people.pin_rule.to_string())) />
                <TextInput id="own-pin-again" kind="password" label=Signal::derive(move || t().people.own_pin_again.to_string())
                    value=again on_input=Callback::new(move |v| again.set(v)) />
            </div>
            <button type="button" class="btn btn-primary" id="own-pin-save" disabled=change.pending()
                on:click=move |_| change.run((pin.get_untracked(), again.get_untracked()))>{move || t().people.save}</button>
            <Notice text=change.notice() />
        </details>
    }
}

/// The roster and a form to add a person; a leader edits a person (name, role, department,
/// active, PIN) in place.
#[component]
pub fn RosterPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("Leader".to_string());
    let department = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    // The first person added signs in at once: someone must be using the tablet.
    let adding = Task::new(
        move |(command, pin, now, first): (RosterCommand, String, DateTime<FixedOffset>, bool)| async move {
            match service::roster(state, None, command, now).await {
                Ok(id) => {
                    name.try_set(String::new());
                    name_error.try_set(None);
                    if !pin.trim().is_empty() {
                        service::set_pin(state, id, &pin, &pin, first).await?;
                    }
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
        let typed = pin.get_untracked();
        if let Err(e) = form::new_person_pin(chosen, &typed) {
            return adding.fail(e);
        }
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
        pin.set(String::new());
        adding.run((command, typed, now, first));
    };
    let may_manage = move || {
        let now = state.now.get();
        state.current_person().is_some_and(|p| {
            state
                .settings
                .with(|s| crate::domain::workflow::may_lead(&p.actor(), now, s))
        })
    };
    let editing = RwSignal::new(None::<PersonId>);
    view! {
        <section class="card" id="roster-panel">
            <h2>{move || t().people.roster_title}</h2>
            <Show when=move || state.roster.with(Vec::is_empty)>
                <p class="hint">{move || t().people.roster_first}</p>
            </Show>
            <ul class="roster">
                {move || state.roster.get().into_iter().map(|p| {
                    let dept = p.department.clone().map(|d| state.department_name(&d, lang.get()));
                    let id = p.id;
                    let conflicts = p.conflicts.values().flatten().map(|(_, c)| describe_change(c, lang.get())).collect::<Vec<_>>();
                    view! {
                        <li class:inactive=!p.active data-person=p.name.clone()>
                            <div class="roster-line">
                                <span><strong>{p.name.clone()}</strong> " · " {p.role.label(lang.get())} {dept.map(|d| format!(" · {d}"))}
                                    {p.pin.is_some().then(|| view! { " · " <span class="chip-static">{t().people.has_pin}</span> })}
                                    {(!p.active).then(|| view! { " · " <span class="chip-static inactive-mark">{t().people.inactive_mark}</span> })}
                                </span>
                                <Show when=may_manage>
                                    <button type="button" class="btn edit-person" aria-expanded=move || (editing.get() == Some(id)).to_string()
                                        on:click=move |_| editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) })>{move || t().people.edit_person}</button>
                                </Show>
                            </div>
                            {(!conflicts.is_empty()).then(|| view! { <p class="hint conflict">{t().people.person_conflict} " " {conflicts.join("；")}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            // The editor stands apart from the list, so it stays (with its notice) as the list
            // is refreshed by its own save.
            {move || editing.get().and_then(|id| state.roster.with_untracked(|r| r.iter().find(|p| p.id == id).cloned())).map(|person| view! {
                <PersonEditor person role_options department_options on_done=Callback::new(move |()| editing.set(None)) />
            })}
            <h3>{move || t().people.add_person}</h3>
            <div class="form-row">
                <TextInput id="person-name" label=Signal::derive(move || t().people.person_name.to_string())
                    value=name on_input=Callback::new(move |v| name.set(v)) error=name_error required=true />
                <Select id="person-role" label=Signal::derive(move || t().people.person_role.to_string())
                    options=role_options value=role on_change=Callback::new(move |v| role.set(v)) />
                <Select id="person-department" label=Signal::derive(move || t().people.person_department.to_string())
                    options=department_options value=department on_change=Callback::new(move |v| department.set(v)) />
                <TextInput id="person-pin" kind="password" label=Signal::derive(move || t().people.own_pin_title.to_string())
                    value=pin on_input=Callback::new(move |v| pin.set(v))
                    hint=Signal::derive(move || Some(t().people.person_pin_hint.to_string())) />
            </div>
            <button type="button" class="btn btn-primary" id="add-person" disabled=adding.pending() on:click=add>{move || t().people.add_person}</button>
            <Notice text=adding.notice() />
        </section>
    }
}

/// A person change in words, for a conflict.
fn describe_change(c: &PersonChange, lang: crate::domain::Lang) -> String {
    match c {
        PersonChange::Name(n) => n.clone(),
        PersonChange::Role(r) => r.label(lang).to_string(),
        PersonChange::Department(d) => d.clone().unwrap_or_default(),
        PersonChange::Active(true) => lang.texts().people.person_active.to_string(),
        PersonChange::Active(false) => lang.texts().people.inactive_mark.to_string(),
        PersonChange::Pin(_) => lang.texts().people.has_pin.to_string(),
    }
}

/// A leader's edit of one person.
#[component]
fn PersonEditor(
    person: crate::domain::Person,
    role_options: Signal<Vec<(String, String)>>,
    department_options: Signal<Vec<(String, String)>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let id = person.id;
    let name = RwSignal::new(person.name.clone());
    let role = RwSignal::new(
        form::ROLES
            .iter()
            .find(|(r, _)| *r == person.role)
            .map(|(_, k)| k.to_string())
            .unwrap_or_default(),
    );
    let department = RwSignal::new(person.department.clone().unwrap_or_default());
    let active = RwSignal::new(person.active);
    let pin = RwSignal::new(String::new());
    let had_pin = person.pin.is_some();
    let saving = Task::new(
        move |(changes, pin): (Vec<PersonChange>, String)| async move {
            for change in changes {
                service::roster(state, Some(id), RosterCommand::Change(change), local_now())
                    .await?;
            }
            if !pin.trim().is_empty() {
                service::set_pin(state, id, &pin, &pin, false).await?;
            }
            done_saying(t().people.person_saved)
        },
    );
    let clearing = Task::new(move |()| async move {
        service::roster(
            state,
            Some(id),
            RosterCommand::Change(PersonChange::Pin(None)),
            local_now(),
        )
        .await?;
        done_saying(t().people.pin_cleared)
    });
    let save = move |_| {
        let chosen = match form::by_key(&form::ROLES, &role.get_untracked(), Field::PersonRole) {
            Ok(chosen) => chosen,
            Err(e) => return saving.fail(e),
        };
        let typed = pin.get_untracked();
        if !typed.trim().is_empty() && crate::domain::lock::check_pin(&typed).is_err() {
            return saving.fail(UiError::PinRule);
        }
        let current = state
            .roster
            .with_untracked(|r| r.iter().find(|p| p.id == id).cloned());
        let Some(current) = current else { return };
        let dept = Some(department.get_untracked()).filter(|d| !d.is_empty());
        match crate::domain::roster::edits(
            &current,
            &name.get_untracked(),
            chosen,
            dept,
            active.get_untracked(),
            !typed.trim().is_empty(),
        ) {
            Ok(changes) => {
                pin.set(String::new());
                saving.run((changes, typed));
            }
            Err(e) => saving.fail(UiError::from(e)),
        }
    };
    let title = person.name.clone();
    view! {
        <div class="person-editor" id="person-editor">
            <h3>{move || t().people.edit_person} " · " {title.clone()}</h3>
            <div class="form-row">
                <TextInput id="edit-person-name" label=Signal::derive(move || t().people.person_name.to_string())
                    value=name on_input=Callback::new(move |v| name.set(v)) required=true />
                <Select id="edit-person-role" label=Signal::derive(move || t().people.person_role.to_string())
                    options=role_options value=role on_change=Callback::new(move |v| role.set(v)) />
                <Select id="edit-person-department" label=Signal::derive(move || t().people.person_department.to_string())
                    options=department_options value=department on_change=Callback::new(move |v| department.set(v)) />
                <TextInput id="edit-person-pin" kind="password" label=Signal::derive(move || t().people.own_pin_new.to_string())
                    value=pin on_input=Callback::new(move |v| pin.set(v))
                    hint=Signal::derive(move || Some(t().people.person_pin_hint.to_string())) />
            </div>
            <label class="check">
                <input type="checkbox" id="edit-person-active" prop:checked=move || active.get()
                    on:change=move |ev| active.set(event_target_checked(&ev)) />
                <span>{move || t().people.person_active}</span>
            </label>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="save-person" disabled=saving.pending() on:click=save>{move || t().people.save_person}</button>
                {had_pin.then(|| view! {
                    <button type="button" class="btn" id="clear-pin" disabled=clearing.pending() on:click=move |_| clearing.run(())>{move || t().people.clear_pin}</button>
                })}
                <button type="button" class="btn" id="close-person" on:click=move |_| on_done.run(())>{move || t().people.cancel}</button>
            </div>
            <Notice text=saving.notice() />
            <Notice text=clearing.notice() />
        </div>
    }
}
