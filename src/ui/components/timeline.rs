//! The record's history: who did what, when, on which device, and why.

use leptos::prelude::*;

use crate::domain::{Event, EventBody, Lang};
use crate::ui::components::clocks::Time;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// What an event did, and the words that came with it (reason, note, reply …).
pub fn describe(
    body: &EventBody,
    lang: Lang,
    department: &dyn Fn(&str) -> String,
) -> (String, String) {
    use EventBody as B;
    let detail: String = match body {
        B::Received { details, .. } => details.description.clone(),
        B::FieldEdited { change } => change.field().label(lang).to_string(),
        B::Assessed {
            severity,
            override_reason,
            ..
        } => {
            format!(
                "{}{}",
                severity.label(lang),
                override_reason
                    .as_ref()
                    .map(|r| format!(" · {r}"))
                    .unwrap_or_default()
            )
        }
        B::LevelChanged { change, automatic } => {
            let by = if *automatic {
                lang.texts().complaint.automatic
            } else {
                ""
            };
            format!("→ {}{by} · {}", change.to.label(lang), change.reason)
        }
        B::Dispatched {
            department: d,
            note,
        } => format!("{} {note}", department(d)),
        B::SignedFor { signer, .. } => signer.clone(),
        B::ReportedToGeneralManager { note }
        | B::ForwardedToManager { note }
        | B::ReportedToCommand { note }
        | B::Activated { note } => note.clone(),
        B::InvestigationStarted
        | B::ClocksResumed
        | B::PersonChanged { .. }
        | B::SettingChanged { .. }
        | B::LedgerSigned(_)
        | B::ProjectSet(_)
        | B::VisitPlanned(_)
        | B::VisitPlanEnded { .. }
        | B::VisitRecorded(_)
        | B::VisitLinked { .. }
        | B::DefectRecorded(_)
        | B::PlanDocumentRevised(_)
        | B::DrillLogged(_)
        | B::TrainingLogged(_) => String::new(),
        B::PlanDrafted {
            outcome, content, ..
        } => format!("{} · {content}", outcome.label(lang)),
        B::PlanApproved { comment } | B::SummaryReviewed { comment, .. } => comment.clone(),
        B::PlanRejected { reason }
        | B::ClocksPaused { reason }
        | B::PersonalDataErased { reason }
        | B::Deleted { reason } => reason.clone(),
        B::ImplementationStarted { tasks } => tasks
            .iter()
            .map(|t| format!("{}: {}", department(&t.department), t.description))
            .collect::<Vec<_>>()
            .join("; "),
        B::ReportedBack {
            department: d,
            summary,
            ..
        } => format!("{} · {summary}", department(d)),
        B::Replied(r) => r.result.clone(),
        B::FollowedUp(f) => format!("{} · {}", f.satisfaction.label(lang), f.comments),
        B::Summarized(s) => s.causes.clone(),
        B::Closed { notice, .. } => notice.clone(),
        B::MinutesRecorded(m) => m.content.clone(),
        B::ProgressReported { content } | B::ReferrerReplied { text: content } => content.clone(),
        B::NoteAdded {
            text,
            legal_counsel,
        } => {
            let counsel = if *legal_counsel {
                lang.texts().complaint.legal_counsel_prefix
            } else {
                ""
            };
            format!("{counsel}{text}")
        }
        B::EvidenceAdded(e) => e.caption.clone(),
        B::ReviewResolved { note, .. } => note.clone(),
        B::PersonAdded { name, .. } => name.clone(),
    };
    (body.command_kind().label(lang).to_string(), detail)
}

/// The timeline of one complaint, newest first.
#[component]
pub fn Timeline(#[prop(into)] events: Signal<Vec<Event>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let device_name = move |e: &Event| {
        state
            .settings
            .with(|s| s.devices.get(&e.device).map(|d| d.code.to_string()))
            .or_else(|| {
                state.identity.with(|i| {
                    i.as_ref()
                        .filter(|i| i.device == e.device)
                        .and_then(|i| i.code.as_ref().map(|c| c.to_string()))
                })
            })
            .unwrap_or_else(|| e.device.to_string()[..8].to_string())
    };
    view! {
        <section class="card wide" id="timeline">
            <h2>{move || t().complaint.timeline_title}</h2>
            <ol class="timeline">
                {move || {
                    let now = state.now.get();
                    let l = lang.get();
                    let mut list = events.get();
                    list.reverse();
                    list.into_iter().map(|e| {
                        let (what, why) = describe(&e.body, l, &|id| state.department_name(id, l));
                        // Someone who has since been deactivated is shown greyed, their history kept.
                        let gone = state.roster.with(|r| r.iter().any(|p| p.id == e.actor.id && !p.active));
                        view! {
                            <li class:inactive-actor=gone>
                                <div class="timeline-head">
                                    <strong>{what}</strong>
                                    <span class="hint">
                                        <Time at=e.at now=now/> " · " <span class="actor">{e.actor.name.clone()}</span> " (" {e.actor.role.label(l)} {gone.then(|| format!(" · {}", t().people.inactive_mark))} ") · "
                                        {t().complaint.device} " " {device_name(&e)}
                                    </span>
                                </div>
                                {(!why.trim().is_empty()).then(|| view! { <p class="timeline-detail">{why}</p> })}
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
        </section>
    }
}
