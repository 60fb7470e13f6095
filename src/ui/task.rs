//! The one way a page runs async work a person started (a command, an export, an import, a
//! photo, the demo): a [`Task`] over a Leptos action. It knows whether the work is pending, so
//! a button can be disabled and a second tap does nothing, and it keeps how the last run ended,
//! which [`crate::ui::components::form::Notice`] shows: a confirmation, or the error said in the
//! person's language (and said again if they switch language). No error is dropped: the work
//! returns `Result`, and `?` turns any error the i18n table can say into a [`Failure`].
//!
//! Reads a page needs (a record's history, a photo) are `LocalResource`s. Work that starts on
//! its own is not a task: loading at start (`ui::app`, `ui::state`), the service worker
//! (`ui::pwa`) and the intake draft's restore and debounced save (`pages::new_complaint`) report
//! their errors in their own banners and status lines.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::ui::i18n::{LangCtx, Message};

/// Why work failed, ready to be said in either language.
#[derive(Clone)]
pub struct Failure(Rc<dyn Message>);

impl<E: Message + 'static> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(Rc::new(e))
    }
}

/// A text already in the person's language, for a failure no error value describes (a download
/// the browser refused).
pub struct Said(pub String);

impl Message for Said {
    fn message(&self, _lang: crate::domain::Lang) -> String {
        self.0.clone()
    }
}

/// How the last run ended.
#[derive(Clone)]
enum Note {
    Done(String),
    Failed(Failure),
}

/// What a run returns: an optional confirmation to show, or why it failed.
pub type Outcome = Result<Option<String>, Failure>;

/// One run's future, handed to the action. Every task shares this one action type, so the
/// action machinery is compiled once, not once per kind of work.
type Run = Rc<RefCell<Option<Pin<Box<dyn Future<Output = Outcome>>>>>>;

/// What a task does with its input.
type Work<I> = Rc<dyn Fn(I) -> Pin<Box<dyn Future<Output = Outcome>>>>;

/// The action all tasks run on: awaits the run's future and keeps how it ended in `note`.
fn action(note: RwSignal<Option<Note>, LocalStorage>) -> Action<Run, ()> {
    Action::new_local(move |run: &Run| {
        let future = run.borrow_mut().take();
        async move {
            if let Some(future) = future {
                let ended = match future.await {
                    Ok(None) => None,
                    Ok(Some(text)) => Some(Note::Done(text)),
                    Err(e) => Some(Note::Failed(e)),
                };
                note.try_set(ended);
            }
        }
    })
}

/// Async work started by a person, with its pending state and its last outcome.
pub struct Task<I: 'static> {
    action: Action<Run, ()>,
    work: StoredValue<Work<I>, LocalStorage>,
    note: RwSignal<Option<Note>, LocalStorage>,
    lang: LangCtx,
}

impl<I> Clone for Task<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I> Copy for Task<I> {}

impl<I: 'static> Task<I> {
    /// A task running `work` on each input. Reads the language from context, so it is made
    /// inside a component.
    pub fn new<F, Fut>(work: F) -> Self
    where
        F: Fn(I) -> Fut + 'static,
        Fut: Future<Output = Outcome> + 'static,
    {
        let note = RwSignal::new_local(None::<Note>);
        let work: Work<I> = Rc::new(move |input| Box::pin(work(input)));
        Task {
            action: action(note),
            work: StoredValue::new_local(work),
            note,
            lang: expect_context::<LangCtx>(),
        }
    }

    /// Starts the work unless a run is still pending (a second tap does nothing); clears the
    /// last outcome.
    pub fn run(&self, input: I) {
        if self.action.pending().get_untracked() {
            return;
        }
        let Some(future) = self.work.try_with_value(|work| work(input)) else {
            return;
        };
        self.note.set(None);
        self.action
            .dispatch_local(Rc::new(RefCell::new(Some(future))));
    }
}

impl<I: 'static> Task<I> {
    /// Whether a run is under way.
    pub fn pending(&self) -> Signal<bool> {
        self.action.pending().into()
    }

    /// Shows a failure found before any work started (a form that does not read).
    pub fn fail(&self, e: impl Into<Failure>) {
        self.note.set(Some(Note::Failed(e.into())));
    }

    /// Shows a confirmation without running (nothing needed doing).
    pub fn say(&self, text: impl Into<String>) {
        self.note.set(Some(Note::Done(text.into())));
    }

    /// Forgets the last outcome.
    pub fn clear(&self) {
        self.note.set(None);
    }

    /// The last outcome as a notice: `(true, confirmation)` or `(false, what went wrong)`, in
    /// the current language.
    pub fn notice(&self) -> Signal<Option<(bool, String)>> {
        let note = self.note;
        let LangCtx(lang) = self.lang;
        Signal::derive(move || {
            note.with(|n| match n {
                None => None,
                Some(Note::Done(text)) => Some((true, text.clone())),
                Some(Note::Failed(Failure(e))) => Some((false, e.message(lang.get()))),
            })
        })
    }
}

/// Why a read a page needs failed, as a notice in the current language (`(false, what went
/// wrong)`); nothing while it reads or once it has read.
pub fn read_failure<T: 'static, E: Message + 'static>(
    read: LocalResource<Result<T, E>>,
) -> Signal<Option<(bool, String)>> {
    let LangCtx(lang) = expect_context::<LangCtx>();
    Signal::derive(move || {
        let l = lang.get();
        read.with(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().err())
                .map(|e| (false, e.message(l)))
        })
    })
}

/// A run that ended well with nothing to say.
pub fn done() -> Outcome {
    Ok(None)
}

/// A run that ended well, with a confirmation.
pub fn done_saying(text: impl Into<String>) -> Outcome {
    Ok(Some(text.into()))
}
