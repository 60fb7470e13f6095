//! The action panel: only the commands the domain allows the current person, each with its
//! small form. `domain::form` turns what is typed into the `Command` (or names the input that
//! does not read); the domain checks it.

use leptos::prelude::*;

use crate::domain::form::{
    self, ATTACHMENTS, EDITABLE, LEVELS, OUTCOMES, REOPEN_TO, SATISFACTION, criterion_key,
    owner_keys, task_keys, ticked_criteria,
};
use crate::domain::paper::Sign;
use crate::domain::triage::suggest;
use crate::domain::{
    Command, CommandKind, Complaint, ComplaintId, Criterion, EvidenceKind, Field, Satisfaction,
    Severity, WorkflowState, allowed_commands,
};
use crate::ui::components::form::{Check, Notice, Select, TextInput};
use crate::ui::components::signature::SignaturePad;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::platform::PickedFile;
use crate::ui::service;
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Task, done, done_saying};

/// Commands offered elsewhere on the page (conflicts and review) or not from this panel.
const NOT_IN_PANEL: [CommandKind; 2] = [CommandKind::ResolveConflict, CommandKind::ResolveReview];

/// Commands that need care: shown apart, in red.
const DANGER: [CommandKind; 2] = [CommandKind::ErasePersonalData, CommandKind::Delete];

type Inputs = RwSignal<form::Inputs>;

/// The panel for one complaint.
#[component]
pub fn ActionPanel(#[prop(into)] complaint: Signal<Option<Complaint>>) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let open = RwSignal::new(None::<CommandKind>);
    let allowed = Memo::new(move |_| {
        let now = state.now.get();
        let actor = state.current_person().map(|p| p.actor());
        match (complaint.get(), actor) {
            (Some(c), Some(a)) => state
                .settings
                .with(|s| allowed_commands(Some(&c), &a, now, s)),
            _ => Vec::new(),
        }
    });
    let button = move |k: CommandKind, danger: bool| {
        let class = if danger { "btn btn-danger" } else { "btn" };
        view! {
            <button type="button" class=class data-command=format!("{k:?}")
                aria-expanded=move || (open.get() == Some(k)).to_string()
                on:click=move |_| open.update(|o| *o = if *o == Some(k) { None } else { Some(k) })>
                {move || k.label(lang.get())}
            </button>
        }
    };
    view! {
        <section class="card wide" id="actions">
            <h2>{move || t().complaint.actions_title}</h2>
            {move || state.user.get().is_none().then(|| view! { <p class="hint">{t().complaint.sign_in_first}</p> })}
            <div class="actions">
                {move || allowed.get().into_iter()
                    .filter(|k| !NOT_IN_PANEL.contains(k) && !DANGER.contains(k))
                    .map(|k| button(k, false)).collect_view()}
            </div>
            // Opened with the complaint as it is then, and kept when the complaint changes: the
            // form sends against `latest`.
            {move || open.get().and_then(|k| complaint.get_untracked().map(|c| view! { <CommandForm kind=k complaint=c latest=complaint on_done=Callback::new(move |_| open.set(None))/> }))}
            <Show when=move || allowed.with(|a| a.iter().any(|k| DANGER.contains(k)))>
                <details class="danger-zone">
                    <summary>{move || t().complaint.danger_zone}</summary>
                    <div class="actions">
                        {move || allowed.get().into_iter().filter(|k| DANGER.contains(k)).map(|k| button(k, true)).collect_view()}
                    </div>
                </details>
            </Show>
        </section>
    }
}

/// The small form of one command.
#[component]
fn CommandForm(
    kind: CommandKind,
    complaint: Complaint,
    /// The complaint as it stands when the form is sent (it may have changed since it opened).
    latest: Signal<Option<Complaint>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let inputs: Inputs = RwSignal::new(form::Inputs::new());
    let id = complaint.id;
    let c = complaint.clone();
    let target_levels = crate::domain::level_change_targets(&complaint, kind);

    // Defaults that save typing, from the domain.
    let repeated = !c.details.related.is_empty()
        || !service::repeats_of(&state, &c.details, c.received_at).is_empty();
    let group_size = state.settings.with_untracked(|s| s.group_size);
    inputs.set(form::defaults(kind, &c, repeated, group_size));

    let text = move |key: &'static str, label: Signal<String>, multiline: bool| {
        view! {
            <TextInput id=key label=label multiline=multiline
                value=Signal::derive(move || inputs.with(|m| m.get(key).cloned().unwrap_or_default()))
                on_input=Callback::new(move |v| inputs.update(|m| { m.insert(key, v); })) />
        }
    };
    let field = move |f: Field| Signal::derive(move || f.label(lang.get()).to_string());
    // A signature saved on a pad goes into the form under `key`; clearing the pad takes it out.
    let signed = move |key: &'static str| {
        Callback::new(move |sha: Option<String>| {
            inputs.update(|m| match sha {
                Some(sha) => {
                    m.insert(key, sha);
                }
                None => {
                    m.remove(key);
                }
            })
        })
    };
    let words = move |pick: fn(&crate::ui::i18n::Texts) -> &'static str| {
        Signal::derive(move || pick(t()).to_string())
    };
    let check = move |key: &'static str, label: Signal<String>| {
        view! {
            <Check id=key label=label checked=Signal::derive(move || inputs.with(|m| m.get(key).is_some_and(|v| v == "true")))
                on_change=Callback::new(move |v: bool| inputs.update(|m| { m.insert(key, v.to_string()); })) />
        }
    };
    let select = move |key: &'static str,
                       label: Signal<String>,
                       options: Signal<Vec<(String, String)>>| {
        view! {
            <Select id=key label=label options=options
                value=Signal::derive(move || inputs.with(|m| m.get(key).cloned().unwrap_or_default()))
                on_change=Callback::new(move |v| inputs.update(|m| { m.insert(key, v); })) />
        }
    };
    // Only the levels this change may choose (above the current one to escalate, below it to
    // de-escalate), from the domain.
    let targets = Signal::derive({
        let target_levels = target_levels.clone();
        move || {
            target_levels
                .iter()
                .map(|s| {
                    (
                        form::key_of(&LEVELS, *s).to_string(),
                        s.label(lang.get()).to_string(),
                    )
                })
                .collect::<Vec<_>>()
        }
    });
    let departments = Signal::derive(move || {
        let l = lang.get();
        let mut out = vec![(String::new(), String::from("—"))];
        out.extend(state.settings.with(|s| {
            s.departments
                .iter()
                .map(|d| (d.id.clone(), d.name(l).to_string()))
                .collect::<Vec<_>>()
        }));
        out
    });
    // A report-back is from a department with a task still to report on.
    let pending = complaint.pending_reports();
    let reporting = Signal::derive(move || {
        let l = lang.get();
        pending
            .iter()
            .map(|d| (d.clone(), state.department_name(d, l)))
            .collect::<Vec<_>>()
    });
    // The first option is the empty value, so the list never shows a category the form lacks.
    let categories = Signal::derive(move || {
        let l = lang.get();
        let mut out = vec![(String::new(), String::from("—"))];
        out.extend(state.settings.with(|s| {
            s.categories
                .iter()
                .map(|d| (d.id.clone(), d.name(l).to_string()))
                .collect::<Vec<_>>()
        }));
        out
    });

    use CommandKind as K;
    let body = match kind {
        K::Assess => {
            let suggested = Signal::derive(move || {
                inputs.with(|m| suggest(&ticked_criteria(m)))
            });
            view! {
                <fieldset class="criteria">
                    <legend>{move || t().complaint.criteria}</legend>
                    {Criterion::ALL.into_iter().map(|k| check(criterion_key(k), Signal::derive(move || k.label(lang.get()).to_string()))).collect_view()}
                </fieldset>
                <p id="suggested-level">{move || t().complaint.suggested} ": " <strong>{move || suggested.get().label(lang.get())}</strong></p>
                {select("severity", field(Field::Severity), Signal::derive(move || {
                    let l = lang.get();
                    let mut out = vec![(String::new(), format!("{} ({})", t().complaint.confirm_suggested, suggested.get().label(l)))];
                    out.extend(LEVELS.iter().map(|(s, k)| (k.to_string(), s.label(l).to_string())));
                    out
                }))}
                {text("override_reason", words(|t| t.forms.override_reason), false)}
                {select("category", field(Field::Category), categories)}
                {check("invalid", words(|t| t.forms.invalid))}
                {text("invalid_reason", words(|t| t.forms.invalid_reason), false)}
            }
            .into_any()
        }
        K::Escalate | K::Deescalate => view! {
            {select("to", words(|t| t.forms.change_to), targets)}
            {text("reason", field(Field::Reason), true)}
        }
        .into_any(),
        K::Dispatch => view! {
            {select("department", field(Field::Department), departments)}
            {text("note", words(|t| t.forms.dispatch_note), true)}
        }
        .into_any(),
        K::SignFor => view! {
            {text("signer", field(Field::Signer), false)}
            <SignaturePad id="signature-sign-for" on_saved=signed("signature")/>
        }
        .into_any(),
        K::EditField => view! {
            {select("field", words(|t| t.forms.field_to_change), Signal::derive(move || EDITABLE.iter().map(|(f, k)| (k.to_string(), f.label(lang.get()).to_string())).collect::<Vec<_>>()))}
            {text("value", words(|t| t.forms.new_value), true)}
        }
        .into_any(),
        K::ReportToGeneralManager | K::Activate => text("note", words(|t| t.forms.note), true).into_any(),
        K::ForwardToManager | K::ReportToCommand => {
            text("note", words(|t| t.forms.note), false).into_any()
        }
        K::StartInvestigation | K::ResumeClocks => view! { <p class="hint">{move || t().complaint.confirm_hint}</p> }.into_any(),
        K::DraftPlan => view! {
            {select("outcome", words(|t| t.forms.outcome_class), Signal::derive(move || OUTCOMES.iter().map(|(o, k)| (k.to_string(), o.label(lang.get()).to_string())).collect::<Vec<_>>()))}
            {text("content", words(|t| t.forms.measures), true)}
            {text("compensation", words(|t| t.forms.compensation), false)}
        }
        .into_any(),
        K::ApprovePlan => text("comment", words(|t| t.forms.approval_comment), true).into_any(),
        K::RejectPlan => text("reason", field(Field::Reason), true).into_any(),
        K::StartImplementation => view! {
            {(1..=form::TASK_ROWS).map(|n| {
                let (d, desc, due) = task_keys(n);
                view! {
                    <div class="form-row task-row">
                        {select(d, field(Field::Department), departments)}
                        {text(desc, field(Field::TaskDescription), false)}
                        <TextInput id=due kind="datetime-local" label=words(|t| t.forms.due)
                            value=Signal::derive(move || inputs.with(|m| m.get(due).cloned().unwrap_or_default()))
                            on_input=Callback::new(move |v| inputs.update(|m| { m.insert(due, v); })) />
                    </div>
                }
            }).collect_view()}
        }
        .into_any(),
        K::ReportBack => view! {
            {select("department", field(Field::Department), reporting)}
            {text("summary", words(|t| t.forms.what_was_done), true)}
            <TextInput id="finished_at" kind="datetime-local" label=field(Field::FinishedAt)
                hint=words(|t| t.forms.finished_hint)
                value=Signal::derive(move || inputs.with(|m| m.get("finished_at").cloned().unwrap_or_default()))
                on_input=Callback::new(move |v| inputs.update(|m| { m.insert("finished_at", v); })) />
        }
        .into_any(),
        K::Reply => view! {
            {text("result", field(Field::ReplyResult), true)}
            {text("reasons", words(|t| t.forms.reasons), true)}
            {text("basis", words(|t| t.forms.basis), true)}
        }
        .into_any(),
        K::FollowUp => view! {
            {select("satisfaction", words(|t| t.forms.satisfaction), Signal::derive(move || SATISFACTION.iter().map(|(s, k)| (k.to_string(), s.label(lang.get()).to_string())).collect::<Vec<_>>()))}
            {text("comments", words(|t| t.forms.comments), true)}
            <Show when=move || inputs.with(|m| m.get("satisfaction").is_some_and(|s| s == form::key_of(&SATISFACTION, Satisfaction::Dissatisfied)))>
                {select("reopen_to", words(|t| t.forms.reopen_to), Signal::derive(move || REOPEN_TO.iter().map(|(s, k)| (k.to_string(), s.label(lang.get()).to_string())).collect::<Vec<_>>()))}
            </Show>
            <SignaturePad id="signature-follow-up" label=Signal::derive(move || Sign::Complainant.label(lang.get()).to_string()) on_saved=signed("signature")/>
        }
        .into_any(),
        K::Summarize => view! {
            {text("causes", words(|t| t.forms.causes), true)}
            {text("lessons", words(|t| t.forms.lessons), true)}
            {text("corrective", words(|t| t.forms.corrective), true)}
            {text("preventive", words(|t| t.forms.preventive), true)}
            {text("revisions", words(|t| t.forms.plan_revisions), true)}
            {text("training", words(|t| t.forms.training_needs), true)}
        }
        .into_any(),
        K::ReviewSummary => view! {
            {check("rejected", words(|t| t.forms.send_back))}
            {text("comment", words(|t| t.forms.review_comment), true)}
        }
        .into_any(),
        K::Close => view! {
            {text("notice", words(|t| t.forms.termination_notice), true)}
            {check("no_new", words(|t| t.forms.no_new_complaints))}
        }
        .into_any(),
        K::RecordMinutes => view! {
            {text("content", field(Field::Content), true)}
            {text("decisions", words(|t| t.forms.decisions), true)}
            {(1..=form::OWNER_ROWS).map(|n| {
                let (who, what) = owner_keys(n);
                view! {
                    <div class="form-row owner-row">
                        {text(who, field(Field::Owner), false)}
                        {text(what, field(Field::OwnerTask), false)}
                    </div>
                }
            }).collect_view()}
            {text("status", words(|t| t.forms.status), false)}
        }
        .into_any(),
        K::ReportProgress | K::ReplyToReferrer => {
            text("content", field(Field::Content), true).into_any()
        }
        K::AddNote => view! {
            {text("text", field(Field::Content), true)}
            {check("legal_counsel", Signal::derive(move || t().complaint.legal_counsel.to_string()))}
        }
        .into_any(),
        K::AddEvidence => view! {
            <FileInput inputs=inputs/>
            {check("signs", Signal::derive(move || t().paper.signs_acceptance.to_string()))}
            <Show when=move || inputs.with(|m| m.get("signs").is_some_and(|v| v == "true"))>
                <SignaturePad id="signature-evidence" on_saved=Callback::new(move |sha: Option<String>| inputs.update(|m| {
                    match sha {
                        Some(sha) => { m.insert("file", sha); m.insert("file_kind", form::key_of(&ATTACHMENTS, EvidenceKind::Signature).to_string()); }
                        None => { m.remove("file"); m.remove("file_kind"); }
                    }
                }))/>
            </Show>
            {text("caption", words(|t| t.forms.caption), true)}
        }
        .into_any(),
        K::PauseClocks | K::ErasePersonalData | K::Delete => text("reason", field(Field::Reason), true).into_any(),
        _ => view! { <p></p> }.into_any(),
    };

    let save = Task::new(move |command: Command| async move {
        service::command(state, id, command, local_now()).await?;
        on_done.run(());
        done()
    });
    let submit = move |_| {
        let Some(current) = latest.get_untracked() else {
            return;
        };
        let offset = *local_now().offset();
        match inputs.with_untracked(|i| form::command(kind, i, &current, offset)) {
            Ok(command) => save.run(command),
            Err(e) => save.fail(e),
        }
    };
    view! {
        <form class="command-form" id=format!("form-{kind:?}") on:submit=|ev| ev.prevent_default()>
            <h3>{move || kind.label(lang.get())}</h3>
            {body}
            <Notice text=save.notice()/>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="command-submit" on:click=submit disabled=save.pending()>
                    {move || t().complaint.confirm}
                </button>
                <button type="button" class="btn" on:click=move |_| on_done.run(())>{move || t().complaint.cancel}</button>
            </div>
        </form>
    }
}

/// Take a photo, record audio, or choose a photo, a recording or a PDF; it is stored (a photo
/// made smaller) and its SHA-256 and kind go into the form. A file over the limit, or of a
/// kind the form does not take, is refused with a message and nothing is stored.
#[component]
fn FileInput(inputs: Inputs) -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let store = Task::new(move |file: PickedFile| async move {
        let (kind, sha) = service::store_attachment(state, file).await?;
        inputs.try_update(|m| {
            m.insert("file", sha);
            m.insert("file_kind", form::key_of(&ATTACHMENTS, kind).to_string());
        });
        done_saying(if kind == EvidenceKind::Photo {
            t().complaint.photo_saved
        } else {
            t().paper.file_saved
        })
    });
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(file) = crate::ui::platform::picked_file(&ev) {
            store.run(file);
        }
    };
    let limit = form::MAX_ATTACHMENT_BYTES / 1_048_576;
    view! {
        <div class="field">
            <label for="attachment">{move || t().paper.attach_file}</label>
            <input id="attachment" type="file" accept="image/*,audio/*,application/pdf" on:change=on_change />
            <p class="hint">{move || (t().paper.attach_hint)(limit)}</p>
        </div>
        <div class="field">
            <label for="photo">{move || t().complaint.photo}</label>
            <input id="photo" type="file" accept="image/*" capture="environment" on:change=on_change />
        </div>
        <div class="field">
            <label for="audio">{move || t().paper.record_audio}</label>
            <input id="audio" type="file" accept="audio/*" capture="user" on:change=on_change />
        </div>
        <Notice text=store.notice()/>
    }
}

/// Severity rank for sorting lists: major first.
pub fn severity_rank(s: Option<Severity>) -> u8 {
    match s {
        Some(Severity::Major) => 0,
        Some(Severity::Important) => 1,
        Some(Severity::Minor) => 2,
        None => 3,
    }
}

/// The id of a complaint as text, for links.
pub fn link(id: ComplaintId) -> String {
    format!("/complaints/{id}")
}

/// The language-neutral tag of a state, for CSS and tests.
pub fn state_tag(s: WorkflowState) -> String {
    format!("{s:?}")
}
