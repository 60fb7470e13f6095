//! Complaint categories and departments: add, rename (Chinese and English) and remove, never
//! down to an empty list. Each action is saved at once as the whole new list.

use leptos::prelude::*;

use crate::domain::SettingChange;
use crate::domain::settings::NamedItem;
use crate::ui::components::form::TextInput;
use crate::ui::i18n::{LangCtx, Texts, use_texts};

use super::{ReadOnlyHint, Saver, use_may_change};
use crate::ui::components::form::Notice;

/// Which list a panel edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Categories,
    Departments,
}

/// Element ids of one list's panel.
#[derive(Clone, Copy)]
struct ListIds {
    panel: &'static str,
    zh: &'static str,
    en: &'static str,
    add: &'static str,
    rename: &'static str,
    cancel: &'static str,
    /// Prefix of the ids given to new entries.
    new_id: &'static str,
}

impl ListKind {
    fn ids(self) -> ListIds {
        match self {
            ListKind::Categories => ListIds {
                panel: "categories-panel",
                zh: "category-zh",
                en: "category-en",
                add: "category-add",
                rename: "category-rename",
                cancel: "category-cancel",
                new_id: "category",
            },
            ListKind::Departments => ListIds {
                panel: "departments-panel",
                zh: "department-zh",
                en: "department-en",
                add: "department-add",
                rename: "department-rename",
                cancel: "department-cancel",
                new_id: "department",
            },
        }
    }

    fn title(self, t: &Texts) -> &'static str {
        match self {
            ListKind::Categories => t.settings.categories_title,
            ListKind::Departments => t.settings.departments_title,
        }
    }

    fn read(self, s: &crate::domain::Settings) -> Vec<NamedItem> {
        match self {
            ListKind::Categories => s.categories.clone(),
            ListKind::Departments => s.departments.clone(),
        }
    }

    fn change(self, items: Vec<NamedItem>) -> SettingChange {
        match self {
            ListKind::Categories => SettingChange::Categories(items),
            ListKind::Departments => SettingChange::Departments(items),
        }
    }
}

/// A fresh id for a new entry, e.g. "category-1f3a9c2e".
fn new_id(prefix: &str) -> String {
    let hex = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}-{}", &hex[..8])
}

/// One list's panel: its entries, and a form that adds one or renames the one picked.
#[component]
pub fn NamedListPanel(kind: ListKind) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let state = saver.state();
    let ids = kind.ids();
    let zh = RwSignal::new(String::new());
    let en = RwSignal::new(String::new());
    // The entry being renamed, by id; `None` while adding.
    let editing = RwSignal::new(None::<String>);
    let items = Memo::new(move |_| state.settings.with(|s| kind.read(s)));

    let clear = move || {
        editing.set(None);
        zh.set(String::new());
        en.set(String::new());
    };
    let submit = move |_| {
        let name_zh = zh.get_untracked().trim().to_string();
        let name_en = en.get_untracked().trim().to_string();
        let mut list = items.get_untracked();
        match editing.get_untracked() {
            Some(id) => {
                if let Some(item) = list.iter_mut().find(|i| i.id == id) {
                    item.name_zh = name_zh;
                    item.name_en = name_en;
                }
            }
            None => list.push(NamedItem {
                id: new_id(ids.new_id),
                name_zh,
                name_en,
            }),
        }
        saver.save(vec![kind.change(list)]);
    };
    // A successful save empties the form.
    Effect::new(move |_| {
        if let Some((true, _)) = saver.notice.get() {
            clear();
        }
    });
    // The entry whose removal was asked for once; a second tap removes it.
    let confirming = RwSignal::new(None::<String>);
    let remove = move |id: String| {
        if confirming.get_untracked().as_deref() != Some(id.as_str()) {
            confirming.set(Some(id));
            return;
        }
        confirming.set(None);
        let list: Vec<NamedItem> = items
            .get_untracked()
            .into_iter()
            .filter(|i| i.id != id)
            .collect();
        if editing.get_untracked().as_deref() == Some(id.as_str()) {
            clear();
        }
        saver.save(vec![kind.change(list)]);
    };
    let pick = move |item: NamedItem| {
        confirming.set(None);
        editing.set(Some(item.id));
        zh.set(item.name_zh);
        en.set(item.name_en);
    };

    view! {
        <section class="card" id=ids.panel>
            <h2>{move || kind.title(t())}</h2>
            <p class="hint">{move || t().settings.list_intro}</p>
            <ReadOnlyHint may_change />
            <ul class="named-list">
                {move || {
                    let list = items.get();
                    let last = list.len() <= 1;
                    list.into_iter().map(|item| {
                        let id = item.id.clone();
                        let picked = {
                            let id = id.clone();
                            move || editing.get().as_deref() == Some(id.as_str())
                        };
                        let other = if lang.get() == crate::domain::Lang::Zh { item.name_en.clone() } else { item.name_zh.clone() };
                        let shown = item.name(lang.get()).to_string();
                        let remove_id = id.clone();
                        view! {
                            <li class="named-item" class:picked=picked data-item=id.clone()>
                                <span class="named-text"><strong>{shown}</strong> " " <span class="hint">{other}</span></span>
                                <Show when=move || may_change.get()>
                                    <span class="named-actions">
                                        <button type="button" class="btn" data-rename=item.id.clone()
                                            on:click={
                                                let item = item.clone();
                                                move |_| pick(item.clone())
                                            }>{move || t().settings.rename}</button>
                                        <button type="button" class="btn btn-danger" data-remove=remove_id.clone()
                                            disabled=last title=move || if last { t().settings.last_item } else { "" }
                                            on:click={
                                                let id = remove_id.clone();
                                                move |_| remove(id.clone())
                                            }>{
                                                let id = remove_id.clone();
                                                move || if confirming.get().as_deref() == Some(id.as_str()) {
                                                    t().settings.confirm_remove
                                                } else {
                                                    t().settings.remove
                                                }
                                            }</button>
                                    </span>
                                </Show>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <Show when=move || items.with(|l| l.len() <= 1) && may_change.get()>
                <p class="hint">{move || t().settings.last_item}</p>
            </Show>
            <Show when=move || may_change.get()>
                <div class="named-form">
                    {move || editing.get().map(|_| view! { <p class="hint">{t().settings.renaming}</p> })}
                    <div class="form-row">
                        <TextInput id=ids.zh label=Signal::derive(move || t().settings.name_zh.to_string())
                            value=zh on_input=Callback::new(move |v| zh.set(v)) required=true />
                        <TextInput id=ids.en label=Signal::derive(move || t().settings.name_en.to_string())
                            value=en on_input=Callback::new(move |v| en.set(v)) />
                    </div>
                    <div class="actions">
                        <Show when=move || editing.get().is_some()
                            fallback=move || view! {
                                <button type="button" class="btn btn-primary" id=ids.add disabled=move || saver.busy.get()
                                    on:click=submit>{move || t().settings.add_item}</button>
                            }>
                            <button type="button" class="btn btn-primary" id=ids.rename disabled=move || saver.busy.get()
                                on:click=submit>{move || t().settings.save_rename}</button>
                            <button type="button" class="btn" id=ids.cancel on:click=move |_| clear()>{move || t().settings.cancel}</button>
                        </Show>
                    </div>
                </div>
            </Show>
            <Notice text=saver.notice />
        </section>
    }
}
