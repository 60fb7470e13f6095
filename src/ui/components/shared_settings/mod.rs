//! Shared settings panels: everything the domain makes configurable and every device shares
//! (time limits, how days count, working hours, the business calendar, categories and
//! departments, the repeat window and group size), plus the conflicts between devices.
//!
//! Each save is one `SettingChange` recorded through `service::setting`; whether the person
//! using the tablet may change them is `workflow::may_lead`'s answer, never decided here.

mod calendar;
mod clocks;
mod conflicts;
mod lists;
mod rules;

use leptos::prelude::*;

use crate::domain::workflow::may_lead;
use crate::domain::{Lang, SettingChange, Settings};
use crate::ui::components::form::Notice;
use crate::ui::i18n::{LangCtx, use_texts};
use crate::ui::service;
use crate::ui::state::{AppState, local_now};
use crate::ui::task::{Said, Task, done_saying};

pub use calendar::{AddYearPanel, CalendarPanel};
pub use clocks::ClocksPanel;
pub use conflicts::ConflictsPanel;
pub use lists::{ListKind, NamedListPanel};
pub use rules::{CompanyPanel, CountingPanel, TriagePanel, WorkingHoursPanel};

/// All shared-settings panels, in the order the settings page shows them.
#[component]
pub fn SharedSettings() -> impl IntoView {
    let t = use_texts();
    view! {
        <h2 class="section-title" id="shared-settings">{move || t().settings.shared_title}</h2>
        <p class="hint section-intro">{move || t().settings.shared_intro}</p>
        <ConflictsPanel />
        <ClocksPanel />
        <CountingPanel />
        <WorkingHoursPanel />
        <CalendarPanel />
        <AddYearPanel />
        <NamedListPanel kind=ListKind::Categories />
        <NamedListPanel kind=ListKind::Departments />
        <TriagePanel />
        <CompanyPanel />
    }
}

/// Whether the person using the tablet may change shared settings now. The domain decides
/// (the duty lead only outside working hours); this only follows the person and the clock.
pub fn use_may_change() -> Memo<bool> {
    let state = expect_context::<AppState>();
    Memo::new(move |_| {
        let now = state.now.get();
        state
            .current_person()
            .is_some_and(|p| state.settings.with(|s| may_lead(&p.actor(), now, s)))
    })
}

/// The hint shown instead of the save buttons to a person who may not change the settings.
#[component]
pub fn ReadOnlyHint(may_change: Memo<bool>) -> impl IntoView {
    let t = use_texts();
    view! {
        <Show when=move || !may_change.get()>
            <p class="hint readonly-hint">{move || t().settings.read_only}</p>
        </Show>
    }
}

/// One panel's save machinery: a [`Task`] recording a list of changes, whether it is running
/// and what it last reported.
#[derive(Clone, Copy)]
pub struct Saver {
    state: AppState,
    lang: RwSignal<Lang>,
    task: Task<Vec<SettingChange>>,
    pub busy: Signal<bool>,
    pub notice: Signal<Option<(bool, String)>>,
}

impl Saver {
    /// A saver for the state and language in context.
    pub fn from_context() -> Self {
        let LangCtx(lang) = expect_context::<LangCtx>();
        let state = expect_context::<AppState>();
        // Records the changes one after the other, stopping at the first refusal.
        let task = Task::new(move |changes: Vec<SettingChange>| async move {
            for change in changes {
                service::setting(state, change, local_now()).await?;
            }
            done_saying(lang.get_untracked().texts().settings.saved)
        });
        Saver {
            state,
            lang,
            task,
            busy: task.pending(),
            notice: task.notice(),
        }
    }

    pub fn state(&self) -> AppState {
        self.state
    }

    /// Reports a mistake in what was typed; nothing is saved.
    pub fn refuse(&self, msg: impl Into<String>) {
        self.task.fail(Said(msg.into()));
    }

    /// Records `changes` one after the other, stopping at the first refusal, and reports.
    pub fn save(self, changes: Vec<SettingChange>) {
        if changes.is_empty() {
            self.task
                .say(self.lang.get_untracked().texts().settings.nothing_changed);
            return;
        }
        self.task.run(changes);
    }

    /// A value being edited, taken from the settings and taken again whenever that value
    /// changes there (a save, a sync), except while this panel is saving. A change to another
    /// setting leaves what is being typed alone.
    pub fn draft<T>(&self, read: impl Fn(&Settings) -> T + Send + Sync + 'static) -> RwSignal<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let state = self.state;
        let busy = self.busy;
        let source = Memo::new(move |_| state.settings.with(&read));
        let draft = RwSignal::new(source.get_untracked());
        Effect::new(move |_| {
            let value = source.get();
            if !busy.get_untracked() {
                draft.set(value);
            }
        });
        draft
    }
}

/// The save button (only for those who may change the settings) and the panel's notice.
#[component]
pub fn SaveRow(
    /// Stable id of the button.
    id: &'static str,
    saver: Saver,
    may_change: Memo<bool>,
    on_save: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <Show when=move || may_change.get()>
            <div class="actions">
                <button type="button" class="btn btn-primary" id=id disabled=move || saver.busy.get()
                    on:click=move |_| on_save.run(())>
                    {move || if saver.busy.get() { t().settings.saving } else { t().settings.save }}
                </button>
            </div>
        </Show>
        <Notice text=saver.notice />
    }
}
