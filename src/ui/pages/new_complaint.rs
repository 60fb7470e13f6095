//! Intake of a new complaint: the complaint record form (客户投诉记录表), fast on touch, saved as
//! a draft while it is filled in, checked by the domain on submit.

use crate::ui::i18n::Message;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};

use crate::domain::form;
use crate::domain::{
    Channel, ComplaintDetails, DomainError, Field, ValidationError, triage::same_complainant,
};
use crate::ui::components::form::{Check, Notice, Select, TextInput};
use crate::ui::components::page::Page;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service::{self, UiError};
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Task, done};

pub const DRAFT_KEY: &str = "new_complaint";

/// What the person has typed, as typed. Saved as the draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IntakeDraft {
    pub received_at: String,
    pub channel: String,
    pub caller_number: String,
    pub recording_ref: String,
    pub anonymous: bool,
    pub name: String,
    pub phone: String,
    pub building: String,
    pub entrance: String,
    pub room: String,
    pub address: String,
    pub preferred_contact: String,
    pub count: String,
    pub public_interest_group: bool,
    pub occurred_at: String,
    pub location: String,
    pub department: String,
    pub person: String,
    pub description: String,
    pub request: String,
    pub category: String,
    pub drill: bool,
    /// The visit this complaint is raised from (its event id), linked when it is saved.
    pub visit: String,
    /// The project's key, or empty.
    pub project: String,
    /// Referred by an outside body: the referral's fields below apply.
    pub referred: bool,
    pub referral_body: String,
    pub referral_reference: String,
    pub referral_due: String,
    pub referral_contact: String,
}

/// `datetime-local` text for a time.
pub fn to_input(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

impl IntakeDraft {
    fn fresh(now: DateTime<FixedOffset>) -> Self {
        IntakeDraft {
            received_at: to_input(now),
            channel: "Phone".into(),
            count: "1".into(),
            ..Default::default()
        }
    }

    /// The form filled in from a visit's finding: channel 走访, the household's unit, owner and
    /// phone from the unit list, the first topic as the category, the notes as the description.
    pub fn from_visit(
        visits: &crate::domain::visits::Visits,
        visit: crate::domain::EventId,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let mut d = IntakeDraft::fresh(now);
        d.channel = "OnSiteVisit".into();
        d.visit = visit.to_string();
        if let Some(v) = visits.visits.iter().find(|v| v.event == visit) {
            let household = visits
                .project(&v.item.project)
                .and_then(|p| p.household(&v.item.unit));
            d.building = v.item.unit.building.clone();
            d.entrance = v.item.unit.entrance.clone();
            d.room = v.item.unit.room.clone();
            d.project = v.item.project.clone();
            d.location = format!(
                "{} {}",
                visits.project_name(&v.item.project),
                v.item.unit.text()
            );
            d.description = v.item.note.clone();
            d.category = v.item.topics.first().cloned().unwrap_or_default();
            if let Some(h) = household {
                d.name = h.owner.clone();
                d.phone = h
                    .phone
                    .as_ref()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default();
            }
        }
        d
    }

    fn channel(&self) -> Option<Channel> {
        form::by_key(&form::CHANNELS, &self.channel, Field::Channel).ok()
    }

    /// The form as the domain reads it.
    fn intake(&self) -> form::Intake<'_> {
        form::Intake {
            received_at: &self.received_at,
            channel: &self.channel,
            caller_number: &self.caller_number,
            recording_ref: &self.recording_ref,
            anonymous: self.anonymous,
            name: &self.name,
            phone: &self.phone,
            building: &self.building,
            entrance: &self.entrance,
            room: &self.room,
            address: &self.address,
            preferred_contact: &self.preferred_contact,
            count: &self.count,
            public_interest_group: self.public_interest_group,
            occurred_at: &self.occurred_at,
            location: &self.location,
            department: &self.department,
            person: &self.person,
            description: &self.description,
            request: &self.request,
            category: &self.category,
            drill: self.drill,
            project: &self.project,
            referral_body: if self.referred {
                &self.referral_body
            } else {
                ""
            },
            referral_reference: if self.referred {
                &self.referral_reference
            } else {
                ""
            },
            referral_due: if self.referred {
                &self.referral_due
            } else {
                ""
            },
            referral_contact: if self.referred {
                &self.referral_contact
            } else {
                ""
            },
        }
    }

    /// The record and its time of receipt, or the field that is wrong (`domain::form::intake`).
    fn details(
        &self,
        offset: FixedOffset,
    ) -> Result<(ComplaintDetails, DateTime<FixedOffset>), (Field, ValidationError)> {
        form::intake(&self.intake(), offset)
    }
}

/// The field an error belongs to, when the domain says.
fn field_of(e: &UiError) -> Option<Field> {
    match e {
        UiError::Domain(DomainError::Invalid(v)) => v.field(),
        _ => None,
    }
}

/// The intake page.
/// Where the saved copy of the form stands, shown under the form (and read by the end-to-end
/// test through `data-state`).
#[derive(Clone, Debug, PartialEq)]
enum DraftStatus {
    /// Nothing read yet.
    Idle,
    /// Read, and there was no draft.
    Loaded,
    Saving,
    Saved,
    Failed(crate::storage::StorageError),
}

impl DraftStatus {
    fn name(&self) -> &'static str {
        match self {
            DraftStatus::Idle => "idle",
            DraftStatus::Loaded => "loaded",
            DraftStatus::Saving => "saving",
            DraftStatus::Saved => "saved",
            DraftStatus::Failed(_) => "failed",
        }
    }
}

/// The draft waiting for its save, and how many changes there have been.
#[derive(Default)]
struct Pending {
    generation: u64,
    content: Option<IntakeDraft>,
}

impl Pending {
    fn with<R>(p: &Mutex<Pending>, f: impl FnOnce(&mut Pending) -> R) -> R {
        // Nothing panics while it is held (and a panic aborts the app), so it is never poisoned.
        f(&mut p.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[component]
pub fn NewComplaint() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let draft = RwSignal::new(IntakeDraft::fresh(local_now()));
    let restored = RwSignal::new(false);
    let draft_status = RwSignal::new(DraftStatus::Idle);
    let errors = RwSignal::new(Vec::<(Field, String)>::new());

    // Restore the saved draft once the database is open; from then on save every change.
    Effect::new(move |_| {
        // Runs again when loading finishes and the repository is open.
        state.load.track();
        if restored.get_untracked() {
            return;
        }
        let Some(repo) = state.repo.get_value() else {
            return;
        };
        restored.set(true);
        leptos::task::spawn_local(async move {
            match repo.db().load_draft::<IntakeDraft>(DRAFT_KEY).await {
                Ok(Some(saved)) => {
                    draft.try_set(saved);
                }
                Ok(None) => {
                    draft_status.try_set(DraftStatus::Loaded);
                }
                Err(e) => {
                    draft_status.try_set(DraftStatus::Failed(e));
                }
            }
        });
    });
    // Saved 300 ms after the last change, in the order typed: a change makes every pending
    // save stale, and IndexedDB runs the writes in the order they start. Leaving the page saves
    // what is pending at once. The pending copy is plain data, not a signal, so a timer that
    // fires after the page is gone finds it.
    let pending: Arc<Mutex<Pending>> = Arc::default();
    let save_now = move |content: IntakeDraft| {
        let Some(repo) = state.repo.get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let saved = repo
                .db()
                .save_draft(DRAFT_KEY, &content, crate::ui::platform::now_ms())
                .await;
            draft_status.try_set(match saved {
                Ok(()) => DraftStatus::Saved,
                Err(e) => DraftStatus::Failed(e),
            });
        });
    };
    {
        let pending = Arc::clone(&pending);
        Effect::new(move |_| {
            let current = draft.get();
            if !restored.get_untracked() {
                return;
            }
            let generation = Pending::with(&pending, |p| {
                p.generation += 1;
                p.content = Some(current);
                p.generation
            });
            draft_status.set(DraftStatus::Saving);
            let pending = Arc::clone(&pending);
            leptos::prelude::set_timeout(
                move || {
                    let due = Pending::with(&pending, |p| {
                        if p.generation == generation {
                            p.content.take()
                        } else {
                            None
                        }
                    });
                    if let Some(content) = due {
                        save_now(content);
                    }
                },
                std::time::Duration::from_millis(300),
            );
        });
    }
    on_cleanup(move || {
        if let Some(content) = Pending::with(&pending, |p| p.content.take()) {
            save_now(content);
        }
    });
    let error_for = move |f: Field| {
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|(g, _)| *g == f).map(|(_, m)| m.clone()))
        })
    };
    let text = move |id: &'static str,
                     f: Field,
                     get: fn(&IntakeDraft) -> &String,
                     set: fn(&mut IntakeDraft) -> &mut String| {
        view! {
            <TextInput id=id label=Signal::derive(move || f.label(lang.get()).to_string())
                value=Signal::derive(move || draft.with(|d| get(d).clone()))
                on_input=Callback::new(move |v| draft.update(|d| *set(d) = v))
                error=error_for(f) />
        }
    };

    let receive = Task::new(
        move |(details, received_at, now): (
            ComplaintDetails,
            DateTime<FixedOffset>,
            DateTime<FixedOffset>,
        )| {
            let navigate = navigate.clone();
            async move {
                let from_visit = draft.with_untracked(|d| d.visit.parse::<uuid::Uuid>().ok());
                match service::receive(state, details, received_at, now).await {
                    Ok(id) => {
                        if let Some(visit) = from_visit {
                            let link = crate::domain::visits::VisitCommand::Link {
                                visit: crate::domain::EventId(visit),
                                complaint: id,
                            };
                            if let Err(e) = service::visit_command(state, link, now).await {
                                draft.try_set(IntakeDraft::fresh(local_now()));
                                navigate(&format!("/complaints/{id}"), Default::default());
                                return Err(e.into());
                            }
                        }
                        // The fresh form replaces the draft through the usual save.
                        draft.try_set(IntakeDraft::fresh(local_now()));
                        errors.try_set(Vec::new());
                        navigate(&format!("/complaints/{id}"), Default::default());
                        done()
                    }
                    Err(e) => {
                        let msg = e.message(lang.get_untracked());
                        errors.try_set(field_of(&e).map(|f| vec![(f, msg)]).unwrap_or_default());
                        Err(e.into())
                    }
                }
            }
        },
    );
    let submit = move |_| {
        let now = local_now();
        match draft.with_untracked(|d| d.details(*now.offset())) {
            Ok((details, received_at)) => receive.run((details, received_at, now)),
            Err((f, e)) => {
                errors.set(vec![(f, e.message(lang.get_untracked()))]);
                receive.fail(e);
            }
        }
    };

    let clear = move |_| {
        draft.set(IntakeDraft::fresh(local_now()));
        errors.set(Vec::new());
        receive.clear();
    };

    // Open complaints from the same complainant or unit: a hint with links.
    let same_person_open = Memo::new(move |_| {
        let Ok((details, _)) = draft.with(|d| d.details(*local_now().offset())) else {
            return Vec::new();
        };
        state.briefs.with(|all| {
            all.values()
                .filter(|c| c.is_live() && same_complainant(&details.complainant, &c.complainant))
                .map(|c| (c.id, c.number.to_string()))
                .take(5)
                .collect::<Vec<_>>()
        })
    });

    // Earlier complaints this one repeats (same complainant or unit, same category, within the
    // window): shown, and linked when it is taken in.
    let repeats = Memo::new(move |_| {
        let Ok((details, received_at)) = draft.with(|d| d.details(*local_now().offset())) else {
            return Vec::new();
        };
        service::repeats_of(&state, &details, received_at)
            .into_iter()
            .map(|b| {
                (
                    b.id,
                    b.number.to_string(),
                    b.received_at.format("%Y-%m-%d").to_string(),
                )
            })
            .collect::<Vec<_>>()
    });

    // The households of the unit lists: picking one fills in the unit, the owner and the phone.
    let places = LocalResource::new(move || {
        let ready = state.load.get() == crate::ui::state::Load::Ready;
        async move {
            match ready {
                true => service::visits(state)
                    .await
                    .map(|v| v.projects)
                    .unwrap_or_default(),
                false => Vec::new(),
            }
        }
    });
    let household_label = |p: &crate::domain::visits::Project,
                           h: &crate::domain::visits::Household| {
        format!("{} {} {}", p.name, h.unit.text(), h.owner)
            .trim()
            .to_string()
    };
    let pick_household = move |label: String| {
        let found = places.with(|ps| {
            ps.iter().flatten().find_map(|p| {
                p.households
                    .iter()
                    .find(|h| household_label(p, h) == label)
                    .map(|h| (p.id.clone(), h.clone()))
            })
        });
        if let Some((project, h)) = found {
            draft.update(|d| {
                d.project = project;
                d.building = h.unit.building.clone();
                d.entrance = h.unit.entrance.clone();
                d.room = h.unit.room.clone();
                d.name = h.owner.clone();
                d.phone = h
                    .phone
                    .as_ref()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default();
            });
        }
    };
    let project_options = Signal::derive(move || {
        let mut out = vec![(
            String::new(),
            lang.get().texts().complaint.not_chosen.to_string(),
        )];
        places.with(|ps| out.extend(ps.iter().flatten().map(|p| (p.id.clone(), p.name.clone()))));
        out
    });
    let channel_options = Signal::derive(move || {
        form::CHANNELS
            .iter()
            .map(|(c, key)| (key.to_string(), c.label(lang.get()).to_string()))
            .collect::<Vec<_>>()
    });
    let named =
        move |items: fn(&crate::domain::Settings) -> &Vec<crate::domain::settings::NamedItem>,
              none: &'static str| {
            Signal::derive(move || {
                let l = lang.get();
                let mut out = vec![(String::new(), none.to_string())];
                out.extend(state.settings.with(|s| {
                    items(s)
                        .iter()
                        .map(|i| (i.id.clone(), i.name(l).to_string()))
                        .collect::<Vec<_>>()
                }));
                out
            })
        };
    let none = move || lang.get_untracked().texts().complaint.not_chosen;
    let category_options = named(|s| &s.categories, none());
    let department_options = named(|s| &s.departments, none());
    let is_hotline = move || {
        draft.with(|d| {
            matches!(
                d.channel(),
                Some(Channel::Hotline | Channel::GovernmentHotline)
            )
        })
    };

    view! {
        <Page title=Signal::derive(move || t().new_title) id="new_complaint">
            <form class="intake" on:submit=|ev| ev.prevent_default()>
                <section class="card wide">
                    <h2>{move || t().complaint.intake_receipt}</h2>
                    <div class="form-row">
                        <TextInput id="received-at" kind="datetime-local"
                            label=Signal::derive(move || Field::ReceivedAt.label(lang.get()).to_string())
                            value=Signal::derive(move || draft.with(|d| d.received_at.clone()))
                            on_input=Callback::new(move |v| draft.update(|d| d.received_at = v))
                            hint=Signal::derive(move || Some(t().complaint.received_hint.to_string()))
                            error=error_for(Field::ReceivedAt) required=true />
                        <Select id="channel" label=Signal::derive(move || Field::Channel.label(lang.get()).to_string())
                            options=channel_options value=Signal::derive(move || draft.with(|d| d.channel.clone()))
                            on_change=Callback::new(move |v| draft.update(|d| {
                                d.channel = v;
                                // 12345 refers with its own deadline.
                                if d.channel() == Some(Channel::GovernmentHotline) {
                                    d.referred = true;
                                }
                            })) required=true />
                    </div>
                    <Show when=is_hotline>
                        <div class="form-row">
                            {text("caller-number", Field::CallerNumber, |d| &d.caller_number, |d| &mut d.caller_number)}
                            {text("recording-ref", Field::RecordingRef, |d| &d.recording_ref, |d| &mut d.recording_ref)}
                        </div>
                    </Show>
                    <Check id="referred" label=Signal::derive(move || t().complaint.referral_title.to_string())
                        checked=Signal::derive(move || draft.with(|d| d.referred))
                        on_change=Callback::new(move |v| draft.update(|d| d.referred = v)) />
                    <Show when=move || draft.with(|d| d.referred)>
                        <p class="hint">{move || t().complaint.referral_hint}</p>
                        <div class="form-row">
                            <div class="field" class:field-error=move || error_for(Field::ReferralBody).get().is_some()>
                                <label for="referral-body">{move || Field::ReferralBody.label(lang.get())}" *"</label>
                                <input id="referral-body" list="referral-bodies" autocomplete="off"
                                    prop:value=move || draft.with(|d| d.referral_body.clone())
                                    on:input=move |ev| draft.update(|d| d.referral_body = event_target_value(&ev)) />
                                <datalist id="referral-bodies">
                                    <option value="12345 政务服务便民热线"></option>
                                    <option value="消费者协会"></option>
                                    <option value="住房和城乡建设局"></option>
                                    <option value="街道办事处"></option>
                                </datalist>
                                {move || error_for(Field::ReferralBody).get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                            </div>
                            {text("referral-reference", Field::ReferralReference, |d| &d.referral_reference, |d| &mut d.referral_reference)}
                        </div>
                        <div class="form-row">
                            <TextInput id="referral-due" kind="datetime-local"
                                label=Signal::derive(move || Field::ReferralDue.label(lang.get()).to_string())
                                value=Signal::derive(move || draft.with(|d| d.referral_due.clone()))
                                on_input=Callback::new(move |v| draft.update(|d| d.referral_due = v))
                                error=error_for(Field::ReferralDue) required=true />
                            {text("referral-contact", Field::ReferralContact, |d| &d.referral_contact, |d| &mut d.referral_contact)}
                        </div>
                    </Show>
                </section>
                <section class="card wide">
                    <h2>{move || t().complaint.intake_complainant}</h2>
                    <Check id="anonymous" label=Signal::derive(move || t().complaint.anonymous.to_string())
                        checked=Signal::derive(move || draft.with(|d| d.anonymous))
                        on_change=Callback::new(move |v| draft.update(|d| d.anonymous = v)) />
                    <div class="form-row">
                        {text("name", Field::ComplainantName, |d| &d.name, |d| &mut d.name)}
                        <TextInput id="phone" kind="tel" label=Signal::derive(move || Field::ComplainantPhone.label(lang.get()).to_string())
                            value=Signal::derive(move || draft.with(|d| d.phone.clone()))
                            on_input=Callback::new(move |v| draft.update(|d| d.phone = v))
                            hint=Signal::derive(move || Some(t().complaint.phone_hint.to_string()))
                            error=error_for(Field::ComplainantPhone) />
                    </div>
                    <Show when=move || places.with(|ps| ps.iter().flatten().next().is_some())>
                        <Select id="project" label=Signal::derive(move || Field::Project.label(lang.get()).to_string())
                            options=project_options value=Signal::derive(move || draft.with(|d| d.project.clone()))
                            on_change=Callback::new(move |v| draft.update(|d| d.project = v)) />
                    </Show>
                    <Show when=move || places.with(|ps| ps.iter().flatten().any(|p| !p.households.is_empty()))>
                        <div class="field">
                            <label for="household">{move || t().visits.pick_household}</label>
                            <input id="household" list="households" autocomplete="off"
                                on:change=move |ev| pick_household(event_target_value(&ev)) />
                            <datalist id="households">
                                {move || places.with(|ps| ps.iter().flatten().flat_map(|p| {
                                    p.households.iter().map(move |h| view! { <option value=household_label(p, h)></option> })
                                }).collect_view())}
                            </datalist>
                            <p class="hint">{move || t().visits.pick_household_hint}</p>
                        </div>
                    </Show>
                    <div class="form-row unit-row">
                        {text("building", Field::Building, |d| &d.building, |d| &mut d.building)}
                        {text("entrance", Field::Entrance, |d| &d.entrance, |d| &mut d.entrance)}
                        {text("room", Field::Room, |d| &d.room, |d| &mut d.room)}
                    </div>
                    <Show when=move || !same_person_open.with(Vec::is_empty)>
                        <div class="banner" role="status" id="repeat-hint">
                            <span>{move || t().complaint.open_same_complainant}</span>
                            {move || same_person_open.get().into_iter().map(|(id, number)| view! {
                                <A href=crate::ui::app::href(&format!("/complaints/{id}")) attr:class="btn">{number}</A>
                            }).collect_view()}
                        </div>
                    </Show>
                    <div class="form-row">
                        {text("address", Field::ComplainantAddress, |d| &d.address, |d| &mut d.address)}
                        {text("preferred-contact", Field::PreferredContact, |d| &d.preferred_contact, |d| &mut d.preferred_contact)}
                        <TextInput id="count" kind="number" label=Signal::derive(move || Field::ComplainantCount.label(lang.get()).to_string())
                            value=Signal::derive(move || draft.with(|d| d.count.clone()))
                            on_input=Callback::new(move |v| draft.update(|d| d.count = v)) />
                    </div>
                    <Check id="public-interest" label=Signal::derive(move || Field::PublicInterestGroup.label(lang.get()).to_string())
                        checked=Signal::derive(move || draft.with(|d| d.public_interest_group))
                        on_change=Callback::new(move |v| draft.update(|d| d.public_interest_group = v)) />
                </section>
                <section class="card wide">
                    <h2>{move || t().complaint.intake_matter}</h2>
                    <div class="form-row">
                        <Select id="category" label=Signal::derive(move || Field::Category.label(lang.get()).to_string())
                            options=category_options value=Signal::derive(move || draft.with(|d| d.category.clone()))
                            on_change=Callback::new(move |v| draft.update(|d| d.category = v)) error=error_for(Field::Category) />
                        <Select id="department" label=Signal::derive(move || Field::ComplainedDepartment.label(lang.get()).to_string())
                            options=department_options value=Signal::derive(move || draft.with(|d| d.department.clone()))
                            on_change=Callback::new(move |v| draft.update(|d| d.department = v)) />
                        {text("complained-person", Field::ComplainedPerson, |d| &d.person, |d| &mut d.person)}
                    </div>
                    <Show when=move || !repeats.with(Vec::is_empty)>
                        <div class="banner repeats" role="status" id="repeats">
                            <span>{move || t().complaint.repeats_intake.replace("{days}", &state.settings.with(|s| s.repeat_window_days).to_string())}</span>
                            {move || repeats.get().into_iter().map(|(id, number, day)| {
                                let shown = format!("{number} · {day}");
                                view! {
                                    <A href=crate::ui::app::href(&format!("/complaints/{id}")) attr:class="btn" attr:data-number=number>{shown}</A>
                                }
                            }).collect_view()}
                        </div>
                    </Show>
                    <div class="form-row">
                        <TextInput id="occurred-at" kind="datetime-local" label=Signal::derive(move || Field::OccurredAt.label(lang.get()).to_string())
                            value=Signal::derive(move || draft.with(|d| d.occurred_at.clone()))
                            on_input=Callback::new(move |v| draft.update(|d| d.occurred_at = v))
                            error=error_for(Field::OccurredAt) />
                        {text("location", Field::Location, |d| &d.location, |d| &mut d.location)}
                    </div>
                    <TextInput id="description" multiline=true required=true
                        label=Signal::derive(move || Field::Description.label(lang.get()).to_string())
                        value=Signal::derive(move || draft.with(|d| d.description.clone()))
                        on_input=Callback::new(move |v| draft.update(|d| d.description = v))
                        hint=Signal::derive(move || Some(t().complaint.description_hint.to_string()))
                        error=error_for(Field::Description) />
                    <TextInput id="request" multiline=true
                        label=Signal::derive(move || Field::Request.label(lang.get()).to_string())
                        value=Signal::derive(move || draft.with(|d| d.request.clone()))
                        on_input=Callback::new(move |v| draft.update(|d| d.request = v))
                        error=error_for(Field::Request) />
                    <Check id="drill" label=Signal::derive(move || t().complaint.drill.to_string())
                        checked=Signal::derive(move || draft.with(|d| d.drill))
                        on_change=Callback::new(move |v| draft.update(|d| d.drill = v)) />
                </section>
                <Notice text=receive.notice() />
                <div class="actions sticky-actions">
                    <button type="button" class="btn btn-primary" id="submit-complaint" on:click=submit disabled=receive.pending()>
                        {move || t().complaint.submit}
                    </button>
                    <button type="button" class="btn" id="clear-draft" on:click=clear>{move || t().complaint.clear_draft}</button>
                    <span class="hint" id="draft-status" data-state=move || draft_status.with(DraftStatus::name)>
                        {move || draft_status.with(|s| match s {
                            DraftStatus::Saving => t().complaint.draft_saving.to_string(),
                            DraftStatus::Saved => t().complaint.draft_saved_now.to_string(),
                            DraftStatus::Failed(e) => format!("{}{}", t().complaint.draft_not_saved, e.message(lang.get())),
                            DraftStatus::Idle | DraftStatus::Loaded => t().complaint.draft_saved.to_string(),
                        })}
                    </span>
                </div>
            </form>
        </Page>
    }
}
