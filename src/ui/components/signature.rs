//! The signature pad: a person signs with a finger, a stylus or a mouse (pointer events, so
//! nothing depends on hover), clears and signs again, and saves. The drawing is stored as a PNG
//! attachment and its SHA-256 handed to the form, whose event then points at it.

use leptos::prelude::*;

use crate::ui::components::form::Notice;
use crate::ui::i18n::use_texts;
use crate::ui::platform::pad::{self, Point};
use crate::ui::service::{self, UiError};
use crate::ui::state::AppState;
use crate::ui::task::{Task, done_saying};

/// A pad that stores what is drawn on it; `on_saved` gets the stored PNG's SHA-256, and `None`
/// when the pad is cleared after a save.
#[component]
pub fn SignaturePad(
    /// A stable id for tests and labels.
    id: &'static str,
    /// What the pad is for, already translated; the pad's own label when `None`.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    on_saved: Callback<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let state = expect_context::<AppState>();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    // The end of the stroke being drawn, if a pointer is down.
    let last = StoredValue::new(None::<Point>);
    let drawn = RwSignal::new(false);
    let saved = RwSignal::new(false);

    let save = Task::new(move |()| async move {
        if !drawn.get_untracked() {
            return Err(UiError::SignatureEmpty.into());
        }
        let Some(c) = canvas.get_untracked() else {
            return Err(UiError::SignatureNotEncoded.into());
        };
        let sha = service::store_signature(state, pad::png(&c).await).await?;
        saved.try_set(true);
        on_saved.run(Some(sha));
        done_saying(t().paper.pad_saved)
    });
    let clear = move |_| {
        if let Some(c) = canvas.get_untracked() {
            pad::clear(&c);
        }
        drawn.set(false);
        if saved.get_untracked() {
            saved.set(false);
            on_saved.run(None);
        }
        save.clear();
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        // A new stroke makes a saved signature stale: the form drops it until saved again.
        save.clear();
        if saved.get_untracked() {
            saved.set(false);
            on_saved.run(None);
        }
        if let Some(c) = canvas.get_untracked() {
            last.set_value(pad::stroke_start(&c, &ev));
        }
    };
    let mv = move |ev: leptos::ev::PointerEvent| {
        let (Some(c), Some(from)) = (canvas.get_untracked(), last.get_value()) else {
            return;
        };
        ev.prevent_default();
        if let Some(to) = pad::stroke_point(&c, &ev) {
            if pad::stroke_line(&c, from, to) {
                drawn.set(true);
            }
            last.set_value(Some(to));
        }
    };
    let up = move |_: leptos::ev::PointerEvent| last.set_value(None);
    let label = move || {
        label
            .map(|l| l.get())
            .unwrap_or_else(|| t().paper.pad_label.to_string())
    };
    view! {
        <div class="field signature-field" id=id>
            <span class="label">{label}</span>
            <p class="hint">{move || t().paper.pad_hint}</p>
            <canvas node_ref=canvas class="signature-pad" width="600" height="200"
                class:signed=move || saved.get()
                on:pointerdown=down on:pointermove=mv on:pointerup=up on:pointercancel=up on:pointerleave=up />
            <div class="actions">
                <button type="button" class="btn pad-clear" on:click=clear>{move || t().paper.pad_clear}</button>
                <button type="button" class="btn pad-save" on:click=move |_| save.run(()) disabled=save.pending()>
                    {move || t().paper.pad_save}
                </button>
            </div>
            <Notice text=save.notice()/>
        </div>
    }
}
