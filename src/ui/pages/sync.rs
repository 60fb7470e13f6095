//! The Sync page: export a bundle (full, or for one peer), import one by file picker or drag
//! and drop with checks and a preview first, then one atomic write; conflicts and reviews after.

use crate::ui::i18n::Message;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::DeviceId;
use crate::sync::{BundleError, Envelope, ImportPlan};
use crate::ui::components::form::{Check, Notice, Select, TextInput};
use crate::ui::components::page::Page;
use crate::ui::exchange;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::platform;
use crate::ui::state::AppState;
use crate::ui::task::{Said, Task, done, done_saying};

/// Where an import stands.
#[derive(Clone)]
enum Step {
    Idle,
    /// Read and checked; encrypted, waiting for the passphrase.
    Locked(Rc<Envelope>),
    Preview(Rc<ImportPlan>),
    Writing,
    Done(String),
}

/// Work on a file being imported, one step at a time.
#[derive(Clone)]
enum Job {
    /// Read and check a picked or dropped file.
    Read(platform::PickedFile),
    /// Decrypt with the passphrase typed and preview.
    Unlock(Rc<Envelope>),
    /// Write the previewed plan.
    Write(Rc<ImportPlan>),
}

/// The Sync page.
#[component]
pub fn Sync() -> impl IntoView {
    let t = use_texts();
    view! {
        <Page title=Signal::derive(move || t().sync_title) id="sync">
            <p class="hint intro">{move || t().sync.intro}</p>
            <ExportPanel/>
            <ImportPanel/>
            <ServerPanel/>
            <AttentionPanel/>
        </Page>
    }
}

#[component]
fn ExportPanel() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let target = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let allow_plain = RwSignal::new(false);
    let last = RwSignal::new(None::<crate::sync::BundleFile>);
    let peers = LocalResource::new(move || {
        state.load.track();
        exchange::peers(state)
    });
    let options = Signal::derive(move || {
        let mut out = vec![(String::new(), t().sync.export_full.to_string())];
        if let Some(list) = peers.get() {
            out.extend(
                list.into_iter()
                    .map(|(id, label)| (id.to_string(), format!("{}{label}", t().sync.export_for))),
            );
        }
        out
    });
    let export = Task::new(
        move |(peer, pass, plain): (Option<DeviceId>, Option<String>, bool)| async move {
            let file = exchange::export(state, peer, pass, plain).await?;
            let downloaded = exchange::download(&file);
            let name = file.file_name.clone();
            last.try_set(Some(file));
            if downloaded {
                done_saying(format!("{} {name}", t().sync.exported))
            } else {
                Err(Said(t().download_failed.to_string()).into())
            }
        },
    );
    let run = move |_| {
        let peer = target
            .get_untracked()
            .parse::<uuid::Uuid>()
            .ok()
            .map(DeviceId);
        export.run((
            peer,
            Some(passphrase.get_untracked()),
            allow_plain.get_untracked(),
        ));
    };
    // A cancelled share sheet is the person's choice, not a failure: the file is downloaded.
    let share = Task::new(move |file: crate::sync::BundleFile| async move {
        exchange::share(&file).await;
        done()
    });
    let busy = export.pending();
    view! {
        <section class="card" id="export-panel">
            <h2>{move || t().sync.export_title}</h2>
            <Select id="export-target" label=Signal::derive(move || t().sync.export_what.to_string()) options=options
                value=target on_change=Callback::new(move |v| target.set(v)) />
            <TextInput id="export-passphrase" kind="password" label=Signal::derive(move || t().sync.passphrase.to_string())
                value=passphrase on_input=Callback::new(move |v| passphrase.set(v))
                hint=Signal::derive(move || Some(t().sync.passphrase_hint.to_string())) />
            <Check id="export-plain" label=Signal::derive(move || t().sync.allow_plain.to_string()) checked=allow_plain
                on_change=Callback::new(move |v| allow_plain.set(v)) />
            <div class="actions">
                <button type="button" class="btn btn-primary" id="export-button" disabled=move || busy.get() on:click=run>
                    {move || t().sync.export_button}
                </button>
                <Show when=move || busy.get()><span class="hint" role="status">{move || t().sync.working}</span></Show>
                <Show when=move || last.with(Option::is_some) && exchange::can_share()>
                    <button type="button" class="btn" id="share-button" on:click=move |_| {
                        if let Some(file) = last.get_untracked() {
                            share.run(file);
                        }
                    }>{move || t().sync.share}</button>
                </Show>
            </div>
            <Notice text=export.notice()/>
        </section>
    }
}

/// How far ahead of this device an imported clock may be, in hours (a preference of this
/// device; the domain checks the range).
#[component]
fn DriftSetting() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let value = RwSignal::new(crate::storage::prefs::clock_drift_hours().to_string());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let on_input = Callback::new(move |text: String| {
        value.set(text.clone());
        saved.set(false);
        let l = lang.get_untracked();
        match crate::domain::admit::parse_drift_hours(&text) {
            Ok(hours) => match crate::storage::prefs::set_clock_drift_hours(hours) {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(e) => error.set(Some(e.message(l))),
            },
            Err(e) => error.set(Some(e.message(l))),
        }
    });
    view! {
        <div class="form-row" id="drift-setting">
            <TextInput id="clock-drift" kind="number" label=Signal::derive(move || t().sync.drift_label.to_string())
                value=value on_input=on_input error=Signal::derive(move || error.get())
                hint=Signal::derive(move || Some(if saved.get() { format!("{} · {}", t().sync.drift_saved, t().sync.drift_hint) } else { t().sync.drift_hint.to_string() })) />
        </div>
    }
}

#[component]
fn ImportPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let step = RwSignal::new_local(Step::Idle);
    let passphrase = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);

    // The preview of a readable (or unlocked) file: what importing it would change.
    let preview = move |envelope: Envelope| async move {
        let plan = exchange::plan(state, envelope, &passphrase.get_untracked()).await?;
        step.try_set(Step::Preview(Rc::new(plan)));
        done()
    };
    let work = Task::new(move |job: Job| async move {
        match job {
            Job::Read(file) => {
                // The bytes as they are: text that is not UTF-8 is refused, never patched up.
                let bytes = platform::file_bytes(&file)
                    .await
                    .ok_or(BundleError::NotJson)?;
                let envelope = exchange::open_file(&bytes)?;
                if envelope.encryption().is_some() {
                    step.try_set(Step::Locked(Rc::new(envelope)));
                    return done();
                }
                preview(envelope).await
            }
            Job::Unlock(envelope) => preview((*envelope).clone()).await,
            Job::Write(p) => match exchange::commit(state, &p).await {
                Ok(report) => {
                    let s = &lang.get_untracked().texts().sync;
                    let done =
                        p.preview
                            .outcome(report.added, report.already_present, report.records);
                    let mut text = format!(
                        "{} · {} {} · {} {} · {} {}",
                        s.imported,
                        s.report_new,
                        done.new_events,
                        s.report_present,
                        done.already_present,
                        s.report_records,
                        done.records
                    );
                    if done.differs_from_preview {
                        text.push_str(s.report_differs);
                    }
                    step.try_set(Step::Done(text));
                    Ok(None)
                }
                Err(e) => {
                    step.try_set(Step::Idle);
                    Err(e.into())
                }
            },
        }
    });
    let read = move |file: platform::PickedFile| {
        step.set(Step::Idle);
        work.run(Job::Read(file));
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = platform::picked_file(&ev) {
            read(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = platform::dropped_file(&ev) {
            read(file);
        }
    };
    let unlock = move |_| {
        if let Step::Locked(envelope) = step.get_untracked() {
            work.run(Job::Unlock(envelope));
        }
    };
    let confirm = move |_| {
        if let Step::Preview(p) = step.get_untracked() {
            step.set(Step::Writing);
            work.run(Job::Write(p));
        }
    };

    view! {
        <section class="card" id="import-panel">
            <h2>{move || t().sync.import_title}</h2>
            <div class="dropzone" class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label class="btn btn-primary" for="import-file">{move || t().sync.choose_file}</label>
                <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_pick />
                <span class="hint">{move || t().sync.drop_here}</span>
            </div>
            <DriftSetting/>
            {move || match step.get() {
                Step::Idle => None,
                Step::Locked(_) => Some(view! {
                    <div id="import-locked">
                        <p>{t().sync.encrypted}</p>
                        <TextInput id="import-passphrase" kind="password" label=Signal::derive(move || t().sync.passphrase.to_string())
                            value=passphrase on_input=Callback::new(move |v| passphrase.set(v)) />
                        <button type="button" class="btn btn-primary" id="import-unlock" on:click=unlock>{t().sync.open}</button>
                    </div>
                }.into_any()),
                Step::Preview(p) => Some(view! { <Preview plan=p on_confirm=Callback::new(confirm) on_cancel=Callback::new(move |_| step.set(Step::Idle))/> }.into_any()),
                Step::Writing => Some(view! {
                    <div role="status" id="import-writing"><progress></progress> <span>{t().sync.writing}</span></div>
                }.into_any()),
                Step::Done(text) => Some(view! { <p class="notice notice-ok" role="status" id="import-report">{text}</p> }.into_any()),
            }}
            <Notice text=work.notice()/>
        </section>
    }
}

/// What an import will change, before it does.
#[component]
fn Preview(
    plan: Rc<ImportPlan>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let p = &plan.preview;
    let rows = [
        (t().sync.new_complaints, p.new_complaints),
        (t().sync.updated_complaints, p.updated_complaints),
        (t().sync.new_events, p.new_events),
        (t().sync.already_present, p.already_present),
        (t().sync.new_photos, p.new_blobs),
    ];
    let flagged = |title: &'static str,
                   list: &[crate::sync::FlaggedComplaint],
                   id: &'static str| {
        (!list.is_empty()).then(|| view! {
            <h3>{title}</h3>
            <ul id=id>{list.iter().map(|f| (crate::ui::app::href(&format!("/complaints/{}", f.id)), f.number.to_string())).map(|(href, number)| view! { <li><A href=href>{number}</A></li> }).collect_view()}</ul>
        })
    };
    view! {
        <div id="import-preview">
            <h3>{t().sync.preview_title}</h3>
            <p>{t().sync.from} " " <strong>{format!("{} {}", plan.source.code, plan.source.label)}</strong></p>
            <dl class="record-fields">
                {rows.into_iter().map(|(label, n)| view! { <dt>{label}</dt> <dd>{n}</dd> }).collect_view()}
            </dl>
            {flagged(t().sync.conflicts, &p.conflicts, "preview-conflicts")}
            {flagged(t().sync.needs_review, &p.needs_review, "preview-review")}
            {plan.is_empty().then(|| view! { <p class="hint" id="nothing-new">{t().sync.nothing_new}</p> })}
            <div class="actions">
                <button type="button" class="btn btn-primary" id="import-confirm" on:click=move |_| on_confirm.run(())>{t().sync.confirm_import}</button>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{t().sync.cancel}</button>
            </div>
        </div>
    }
}

/// Complaints with conflicting values or on the review list, linking to where they are resolved.
#[component]
fn AttentionPanel() -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let flagged = Memo::new(move |_| {
        state.briefs.with(|all| {
            all.values()
                .filter(|c| c.needs_attention())
                .map(|c| (c.id, c.number.to_string(), c.conflict, c.review))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" id="sync-attention">
            <h2>{move || t().sync.attention_title}</h2>
            {move || if flagged.with(Vec::is_empty) {
                view! { <p class="hint">{t().sync.attention_none}</p> }.into_any()
            } else {
                view! {
                    <ul>{flagged.get().into_iter().map(|(id, number, conflict, review)| {
                        // Every flag the complaint carries, not only the first.
                        let flags = [(conflict, t().complaint.in_conflict), (review, t().complaint.needs_review)]
                            .into_iter()
                            .filter_map(|(on, text)| on.then_some(text))
                            .collect::<Vec<_>>()
                            .join(" · ");
                        view! {
                            <li><A href=crate::ui::app::href(&format!("/complaints/{id}"))>{number}</A> " · " {flags}</li>
                        }
                    }).collect_view()}</ul>
                }.into_any()
            }}
        </section>
    }
}

/// Live replication with a CouchDB server: its settings, "sync now", the progress of a run and
/// how the last one ended (automatic runs included).
#[component]
fn ServerPanel() -> impl IntoView {
    use crate::storage::prefs::{self, ServerPrefs};
    use crate::ui::replicate::{self, Replication};
    let t = use_texts();
    let state = expect_context::<AppState>();
    let rep = expect_context::<Replication>();
    let saved = prefs::server().unwrap_or_default();
    let url = RwSignal::new(saved.url);
    let database = RwSignal::new(saved.database);
    let user = RwSignal::new(saved.user);
    let password = RwSignal::new(saved.password);
    let auto = RwSignal::new(saved.auto);
    let typed = move || ServerPrefs {
        url: url.get_untracked().trim().to_string(),
        database: database.get_untracked().trim().to_string(),
        user: user.get_untracked().trim().to_string(),
        password: password.get_untracked(),
        auto: auto.get_untracked(),
    };
    // Saving checks the address and the name first; a refused setting leaves the saved one.
    let save = Task::new(move |p: ServerPrefs| async move {
        replicate::check_settings(&p)?;
        prefs::set_server(&p)?;
        done_saying(t().server.saved.to_string())
    });
    // How the run ended is the last-sync line below (automatic runs report there too).
    let sync_now = Task::new(move |p: ServerPrefs| async move {
        replicate::check_settings(&p)?;
        prefs::set_server(&p)?;
        rep.run(state).await;
        done()
    });
    let busy = Signal::derive(move || rep.running.get() || sync_now.pending().get());
    view! {
        <section class="card" id="server-panel" data-runs=move || rep.runs.get()>
            <h2>{move || t().server.title}</h2>
            <p class="hint">{move || t().server.intro}</p>
            <TextInput id="server-url" kind="url" label=Signal::derive(move || t().server.url.to_string())
                value=url on_input=Callback::new(move |v| url.set(v))
                hint=Signal::derive(move || Some(t().server.url_hint.to_string())) />
            <TextInput id="server-db" label=Signal::derive(move || t().server.database.to_string())
                value=database on_input=Callback::new(move |v| database.set(v))
                hint=Signal::derive(move || Some(t().server.database_hint.to_string())) />
            <TextInput id="server-user" label=Signal::derive(move || t().server.user.to_string())
                value=user on_input=Callback::new(move |v| user.set(v)) />
            <TextInput id="server-password" kind="password" label=Signal::derive(move || t().server.password.to_string())
                value=password on_input=Callback::new(move |v| password.set(v)) />
            <Check id="server-auto" label=Signal::derive(move || t().server.auto.to_string()) checked=auto
                on_change=Callback::new(move |v| auto.set(v)) />
            <div class="actions">
                <button type="button" class="btn btn-primary" id="server-sync" disabled=move || busy.get()
                    on:click=move |_| sync_now.run(typed())>{move || t().server.sync_now}</button>
                <button type="button" class="btn" id="server-save" on:click=move |_| save.run(typed())>{move || t().server.save}</button>
            </div>
            <Show when=move || !rep.online.get()>
                <p class="hint" id="server-offline">{move || t().server.offline}</p>
            </Show>
            <div class="server-progress" id="server-progress" role="status">
                {move || match (rep.running.get(), rep.progress.get()) {
                    (true, Some(p)) => Some(view! {
                        <progress max=p.total.max(1) value=p.done></progress>
                        <span>{format!("{} {} / {}", if p.pulling { t().server.pulling } else { t().server.pushing }, p.done, p.total)}</span>
                    }.into_any()),
                    (true, None) => Some(view! { <progress></progress> <span>{t().sync.working}</span> }.into_any()),
                    _ => None,
                }}
            </div>
            {move || match rep.last.get() {
                None => view! { <p class="hint" id="server-last">{t().server.never}</p> }.into_any(),
                Some(last) => {
                    let at = chrono::DateTime::parse_from_rfc3339(&last.at)
                        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or(last.at.clone());
                    let how = if last.ok { String::new() } else { format!("{} · ", t().server.failed) };
                    let class = if last.ok { "notice notice-ok" } else { "notice notice-error" };
                    view! {
                        <p class=class id="server-last" role="status">{format!("{}{at} · {how}{}", t().server.last, last.said)}</p>
                    }.into_any()
                }
            }}
            <div id="server-notice">
                <Notice text=sync_now.notice()/>
                <Notice text=save.notice()/>
            </div>
        </section>
    }
}
