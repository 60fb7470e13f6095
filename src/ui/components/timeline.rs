//! The record's history: who did what, when, on which device, and why.

use leptos::prelude::*;

use crate::domain::{CommandKind, Event, EventBody, Lang};
use crate::ui::components::clocks::Time;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::state::AppState;

/// What an event did, and the words that came with it (reason, note, reply …).
pub fn describe(body: &EventBody, lang: Lang, department: &dyn Fn(&str) -> String) -> (String, String) {
    use CommandKind as K;
    use EventBody as B;
    let (kind, detail): (K, String) = match body {
        B::Received { details, .. } => (K::Receive, details.description.clone()),
        B::FieldEdited { change } => (K::EditField, change.field().label(lang).to_string()),
        B::Assessed { severity, override_reason, .. } => {
            (K::Assess, format!("{}{}", severity.label(lang), override_reason.as_ref().map(|r| format!(" · {r}")).unwrap_or_default()))
        }
        B::LevelChanged { change, automatic } => {
            let up = change.from.is_none_or(|f| change.to > f);
            let kind = if up { K::Escalate } else { K::Deescalate };
            let by = if *automatic { lang.texts().complaint.automatic } else { "" };
            (kind, format!("→ {}{by} · {}", change.to.label(lang), change.reason))
        }
        B::Dispatched { department: d, note } => (K::Dispatch, format!("{} {note}", department(d))),
        B::SignedFor { signer } => (K::SignFor, signer.clone()),
        B::ReportedToGeneralManager { note } => (K::ReportToGeneralManager, note.clone()),
        B::Activated { note } => (K::Activate, note.clone()),
        B::InvestigationStarted => (K::StartInvestigation, String::new()),
        B::PlanDrafted { outcome, content, .. } => (K::DraftPlan, format!("{} · {content}", outcome.label(lang))),
        B::PlanApproved { comment } => (K::ApprovePlan, comment.clone()),
        B::PlanRejected { reason } => (K::RejectPlan, reason.clone()),
        B::ImplementationStarted { tasks } => {
            (K::StartImplementation, tasks.iter().map(|t| format!("{}: {}", department(&t.department), t.description)).collect::<Vec<_>>().join("; "))
        }
        B::ReportedBack { department: d, summary } => (K::ReportBack, format!("{} · {summary}", department(d))),
        B::Replied(r) => (K::Reply, r.result.clone()),
        B::FollowedUp(f) => (K::FollowUp, format!("{} · {}", f.satisfaction.label(lang), f.comments)),
        B::Summarized(s) => (K::Summarize, s.causes.clone()),
        B::SummaryReviewed { comment, .. } => (K::ReviewSummary, comment.clone()),
        B::Closed { notice, .. } => (K::Close, notice.clone()),
        B::MinutesRecorded(m) => (K::RecordMinutes, m.content.clone()),
        B::ProgressReported { content } => (K::ReportProgress, content.clone()),
        B::NoteAdded { text, legal_counsel } => {
            let counsel = if *legal_counsel { lang.texts().complaint.legal_counsel_prefix } else { "" };
            (K::AddNote, format!("{counsel}{text}"))
        }
        B::EvidenceAdded(e) => (K::AddEvidence, e.caption.clone()),
        B::ClocksPaused { reason } => (K::PauseClocks, reason.clone()),
        B::ClocksResumed => (K::ResumeClocks, String::new()),
        B::ReviewResolved { note, .. } => (K::ResolveReview, note.clone()),
        B::PersonalDataErased { reason } => (K::ErasePersonalData, reason.clone()),
        B::Deleted { reason } => (K::Delete, reason.clone()),
        B::PersonAdded { name, .. } => (K::ManageRoster, name.clone()),
        B::PersonChanged { .. } => (K::ManageRoster, String::new()),
        B::SettingChanged { .. } => (K::ChangeSettings, String::new()),
    };
    (kind.label(lang).to_string(), detail)
}

/// The timeline of one complaint, newest first.
#[component]
pub fn Timeline(#[prop(into)] events: Signal<Vec<Event>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let device_name = move |e: &Event| {
        state.settings.with(|s| s.devices.get(&e.device).map(|d| d.code.to_string()))
            .or_else(|| state.identity.with(|i| i.as_ref().filter(|i| i.device == e.device).and_then(|i| i.code.as_ref().map(|c| c.to_string()))))
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
                        view! {
                            <li>
                                <div class="timeline-head">
                                    <strong>{what}</strong>
                                    <span class="hint">
                                        <Time at=e.at now=now/> " · " {e.actor.name.clone()} " (" {e.actor.role.label(l)} ") · "
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
