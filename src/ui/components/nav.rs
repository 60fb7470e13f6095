//! Navigation: a side rail in landscape, a bottom bar in portrait (the CSS decides), plus the
//! language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::ui::i18n::{Lang, LangCtx, Texts, use_texts};
use crate::ui::state::AppState;

/// One destination of the navigation.
struct Destination {
    href: &'static str,
    label: fn(&Texts) -> &'static str,
    /// An SVG path (24×24 viewBox) for the icon.
    icon: &'static str,
}

const DESTINATIONS: [Destination; 10] = [
    Destination {
        href: "/",
        label: |t| t.nav_dashboard,
        icon: "M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z",
    },
    Destination {
        href: "/complaints",
        label: |t| t.nav_list,
        icon: "M4 6h16v2H4zm0 5h16v2H4zm0 5h16v2H4z",
    },
    Destination {
        href: "/complaints/new",
        label: |t| t.nav_new,
        icon: "M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z",
    },
    Destination {
        href: "/visits",
        label: |t| t.nav_visits,
        icon: "M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z",
    },
    Destination {
        href: "/statistics",
        label: |t| t.nav_stats,
        icon: "M5 9h3v11H5zm5.5-5h3v16h-3zM16 13h3v7h-3z",
    },
    Destination {
        href: "/ledger",
        label: |t| t.nav_ledger,
        icon: "M6 2h9l5 5v15H6zm8 1.5V8h4.5zM9 12h8v1.5H9zm0 3.5h8V17H9zm0-7h4V10H9z",
    },
    Destination {
        href: "/plan",
        label: |t| t.nav_plan,
        icon: "M4 3h12l4 4v14H4zm11 1.5V8h3.5zM7 11h10v1.5H7zm0 3.5h10V16H7zm0 3.5h6v1.5H7zM7 7.5h5V9H7z",
    },
    Destination {
        href: "/organisation",
        label: |t| t.nav_org,
        icon: "M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm0 2c-2.3 0-7 1.2-7 3.5V19h14v-2.5C15 14.2 10.3 13 8 13zm8 0c-.3 0-.6 0-1 .1 1.2.8 2 2 2 3.4V19h6v-2.5c0-2.3-4.7-3.5-7-3.5z",
    },
    Destination {
        href: "/sync",
        label: |t| t.nav_sync,
        icon: "M12 4V1L8 5l4 4V6a6 6 0 0 1 5.2 9l1.5 1.5A8 8 0 0 0 12 4zm-5.2 3.5L5.3 6A8 8 0 0 0 12 20v3l4-4-4-4v3a6 6 0 0 1-5.2-10.5z",
    },
    Destination {
        href: "/settings",
        label: |t| t.nav_settings,
        icon: "M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.3 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7.4 7.4 0 0 0 1.7 1L11 21h4l.3-2.9a7.4 7.4 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z",
    },
];

/// The main navigation.
#[component]
pub fn Nav() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let switch = move |_| {
        let next = match lang.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        expect_context::<AppState>().choose_language(lang, next);
    };
    view! {
        <nav class="nav" aria-label=move || t().nav_label>
            <span class="nav-brand">{move || t().app_name}</span>
            <ul class="nav-list">
                {DESTINATIONS
                    .iter()
                    .map(|d| {
                        let label = d.label;
                        view! {
                            <li>
                                <A href=crate::ui::app::href(d.href) exact=true attr:class="nav-link">
                                    <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
                                        <path d=d.icon></path>
                                    </svg>
                                    <span class="nav-text">{move || label(t())}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <button type="button" class="nav-lang" id="lang-switch" on:click=switch>
                {move || t().switch_language}
            </button>
        </nav>
    }
}
