//! Form fields sized for touch: a label above, the control, then a hint or the error in place.
//! Values are plain text; the page turns them into domain values and the domain checks them.

use leptos::prelude::*;

/// A text field (or a text area with `multiline`).
#[component]
pub fn TextInput(
    /// Stable id for the label and for tests.
    id: &'static str,
    /// The label, already translated.
    #[prop(into)]
    label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    /// The field's error, shown under it.
    #[prop(into, optional)]
    error: MaybeProp<String>,
    /// A short hint under the field.
    #[prop(into, optional)]
    hint: MaybeProp<String>,
    /// The input type: "text" (default), "tel", "number", "datetime-local", "date".
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let has_error = move || error.get().is_some();
    let control = if multiline {
        view! {
            <textarea id=id rows="3" aria-invalid=move || has_error().to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id type=kind.unwrap_or("text") aria-invalid=move || has_error().to_string()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev)) />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id>{move || label.get()}{required.then_some(" *")}</label>
            {control}
            {move || match (error.get(), hint.get()) {
                (Some(e), _) => Some(view! { <p class="error" id=error_id.clone() role="alert">{e}</p> }.into_any()),
                (None, Some(h)) => Some(view! { <p class="hint">{h}</p> }.into_any()),
                _ => None,
            }}
        </div>
    }
}

/// A pick list.
#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    /// `(value, label)` pairs; an empty value is "nothing chosen".
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into, optional)] error: MaybeProp<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=id>{move || label.get()}{required.then_some(" *")}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// A checkbox with its label, the whole row tappable.
#[component]
pub fn Check(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="check" for=id>
            <input type="checkbox" id=id prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev)) />
            <span>{move || label.get()}</span>
        </label>
    }
}

/// A message after an action: an error (what to do) or a confirmation.
#[component]
pub fn Notice(#[prop(into)] text: Signal<Option<(bool, String)>>) -> impl IntoView {
    // A notice that appears below the fold (an import refused on a landscape tablet) is
    // scrolled into sight; one already in sight stays where it is.
    let node = NodeRef::<leptos::html::P>::new();
    Effect::new(move |_| {
        text.track();
        if let Some(el) = node.get() {
            crate::ui::platform::scroll_into_sight(&el);
        }
    });
    move || {
        text.get().map(|(ok, msg)| {
            let class = if ok { "notice notice-ok" } else { "notice notice-error" };
            view! { <p class=class role=if ok { "status" } else { "alert" } node_ref=node>{msg}</p> }
        })
    }
}
