//! A stored attachment shown by its kind: a photo as a thumbnail that opens full size, a
//! recording as an audio player, a document as a link that opens it, a signature as its image.
//! The bytes are read from this device and shown through an object URL, released when the
//! attachment leaves the page.

use leptos::prelude::*;

use crate::domain::EvidenceKind;
use crate::ui::i18n::{LangCtx, Message, use_texts};
use crate::ui::state::AppState;

/// The attachment `sha` of `kind`. A tap on a photo calls `on_open` with its URL.
#[component]
pub fn Attachment(
    kind: EvidenceKind,
    sha: String,
    #[prop(optional)] on_open: Option<Callback<String>>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let state = expect_context::<AppState>();
    let repo = state.repo.get_value();
    // An attachment this tablet cannot read, or does not hold, says so in its place.
    let url = LocalResource::new(move || {
        let (repo, sha) = (repo.clone(), sha.clone());
        async move {
            let Some(repo) = repo else {
                return Ok::<_, crate::storage::StorageError>(None);
            };
            let blob = repo.db().blob(&sha).await?;
            Ok(blob.and_then(|b| {
                crate::ui::platform::object_url(&b.bytes, &b.mime).map(|u| (u, b.mime))
            }))
        }
    });
    // The URL holds the bytes until it is released.
    on_cleanup(move || {
        if let Some(Ok(Some((u, _)))) = url.try_get_untracked().flatten() {
            crate::ui::platform::revoke_object_url(&u);
        }
    });
    move || {
        match url.get() {
        Some(Ok(Some((u, _)))) => match kind {
            EvidenceKind::Photo => {
                let open = u.clone();
                view! {
                    <button type="button" class="thumb" on:click=move |_| {
                        if let Some(f) = on_open { f.run(open.clone()) }
                    }><img src=u alt="" /></button>
                }
                .into_any()
            }
            EvidenceKind::Audio => view! { <audio class="attachment-audio" controls src=u></audio> }.into_any(),
            EvidenceKind::Signature => view! { <img class="signature-image" src=u alt=move || t().paper.pad_label /> }.into_any(),
            EvidenceKind::Document | EvidenceKind::Note => view! {
                <a class="btn attachment-link" href=u target="_blank" rel="noopener">{move || t().paper.open_file}</a>
            }
            .into_any(),
        },
        Some(Ok(None)) => view! { <span class="hint attachment-missing">{move || t().paper.attachment_missing}</span> }.into_any(),
        Some(Err(e)) => view! { <span class="error">{e.message(lang.get())}</span> }.into_any(),
        None => ().into_any(),
    }
    }
}
