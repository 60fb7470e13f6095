//! A complaint's repeats and related complaints: the earlier complaints it repeats (the
//! domain's repeat rule over the briefs held), the ones linked to it, and linking by hand.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Brief, CommandKind, Complaint, ComplaintId, allowed_commands};
use crate::ui::components::form::{Notice, TextInput};
use crate::ui::i18n::use_texts;
use crate::ui::service::{self, UiError};
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Task, done};

/// The repeats and links of one complaint, with Link and Unlink for those who may edit it.
#[component]
pub fn RelatedPanel(#[prop(into)] complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let may_edit = move || {
        let now = state.now.get();
        match (complaint.get(), state.current_person()) {
            (Some(c), Some(p)) => state.settings.with(|s| {
                allowed_commands(Some(&c), &p.actor(), now, s).contains(&CommandKind::EditField)
            }),
            _ => false,
        }
    };
    let suggested = Memo::new(move |_| {
        complaint.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                service::repeats_of(&state, &c.details, c.received_at)
                    .into_iter()
                    .filter(|b| !c.details.related.contains(&b.id))
                    .collect::<Vec<_>>()
            })
        })
    });
    let linked = Memo::new(move |_| {
        let ids = complaint.with(|c| {
            c.as_ref()
                .map(|c| c.details.related.clone())
                .unwrap_or_default()
        });
        state.briefs.with(|all| {
            ids.iter()
                .map(|id| (*id, all.get(id).cloned()))
                .collect::<Vec<(ComplaintId, Option<Brief>)>>()
        })
    });
    // Later complaints that link to this one.
    let linked_from = Memo::new(move |_| {
        let Some(id) = complaint.with(|c| c.as_ref().map(|c| c.id)) else {
            return Vec::new();
        };
        state.briefs.with(|all| {
            let mut from: Vec<Brief> = all
                .values()
                .filter(|b| b.related.contains(&id))
                .cloned()
                .collect();
            crate::domain::order::sort_by_key(&mut from, |b| b.received_at);
            from
        })
    });
    let change = Task::new(move |(other, link): (ComplaintId, bool)| async move {
        let c = complaint.get_untracked().ok_or(UiError::NotReady)?;
        service::link_related(state, &c, other, link, local_now()).await?;
        done()
    });
    let number = RwSignal::new(String::new());
    let by_number = move |_| {
        let typed = number.get_untracked();
        let found = state.briefs.with_untracked(|all| {
            all.values()
                .find(|b| b.number.to_string().eq_ignore_ascii_case(typed.trim()))
                .map(|b| b.id)
        });
        match found {
            Some(id) if complaint.with_untracked(|c| c.as_ref().is_some_and(|c| c.id != id)) => {
                number.set(String::new());
                change.run((id, true));
            }
            _ => change.fail(UiError::NoSuchNumber),
        }
    };
    let row = move |b: &Brief| {
        let href = crate::ui::app::href(&format!("/complaints/{}", b.id));
        let number = b.number.to_string();
        let shown = number.clone();
        let day = b.received_at.format("%Y-%m-%d").to_string();
        let excerpt = b.excerpt.clone();
        view! {
            <A href=href attr:class="related-link" attr:data-number=number>
                <strong>{shown}</strong> " · " {day} " · " {excerpt}
            </A>
        }
    };
    view! {
        <Show when=move || !suggested.with(Vec::is_empty) || !linked.with(Vec::is_empty) || !linked_from.with(Vec::is_empty) || may_edit()>
            <section class="card wide" id="related">
                <h2>{move || t().complaint.repeats_title}</h2>
                <p class="hint">{move || t().complaint.repeats_hint}</p>
                <ul class="related-list" id="repeats-found">
                    {move || suggested.get().into_iter().map(|b| {
                        let id = b.id;
                        view! {
                            <li class="repeat">
                                {row(&b)}
                                <Show when=may_edit>
                                    <button type="button" class="btn link-related" disabled=change.pending()
                                        on:click=move |_| change.run((id, true))>{move || t().complaint.link}</button>
                                </Show>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <Show when=move || !linked.with(Vec::is_empty)>
                    <h3>{move || t().complaint.related_title}</h3>
                </Show>
                <ul class="related-list" id="related-linked">
                    {move || linked.get().into_iter().map(|(id, b)| view! {
                        <li class="linked">
                            {match b {
                                Some(b) => row(&b).into_any(),
                                None => view! { <span>{id.to_string()}</span> }.into_any(),
                            }}
                            <Show when=may_edit>
                                <button type="button" class="btn unlink-related" disabled=change.pending()
                                    on:click=move |_| change.run((id, false))>{move || t().complaint.unlink}</button>
                            </Show>
                        </li>
                    }).collect_view()}
                </ul>
                <Show when=move || !linked_from.with(Vec::is_empty)>
                    <h3>{move || t().complaint.linked_from_title}</h3>
                    <ul class="related-list" id="related-from">
                        {move || linked_from.get().into_iter().map(|b| view! { <li>{row(&b)}</li> }).collect_view()}
                    </ul>
                </Show>
                <Show when=may_edit>
                    <div class="form-row link-by-number">
                        <TextInput id="link-number" label=Signal::derive(move || t().complaint.link_number.to_string())
                            value=number on_input=Callback::new(move |v| number.set(v)) />
                        <button type="button" class="btn" id="link-number-add" disabled=change.pending() on:click=by_number>{move || t().complaint.link}</button>
                    </div>
                </Show>
                <Notice text=change.notice() />
            </section>
        </Show>
    }
}
