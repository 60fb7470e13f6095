//! The seven time limits: each one's length (a number and a unit) and the levels it applies to.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::{Clock, ClockRule, SettingChange, Severity, Span};
use crate::ui::components::form::{Check, Select, TextInput};
use crate::ui::i18n::{LangCtx, Texts, use_texts};

use super::{ReadOnlyHint, SaveRow, Saver, use_may_change};

/// Element ids of one clock's fields: length, unit, and a box per level (`Severity::ALL` order).
struct ClockIds {
    clock: Clock,
    value: &'static str,
    unit: &'static str,
    levels: [&'static str; 3],
}

static IDS: [ClockIds; 7] = [
    ClockIds {
        clock: Clock::Dispatch,
        value: "clock-dispatch-n",
        unit: "clock-dispatch-unit",
        levels: [
            "clock-dispatch-minor",
            "clock-dispatch-important",
            "clock-dispatch-major",
        ],
    },
    ClockIds {
        clock: Clock::Respond,
        value: "clock-respond-n",
        unit: "clock-respond-unit",
        levels: [
            "clock-respond-minor",
            "clock-respond-important",
            "clock-respond-major",
        ],
    },
    ClockIds {
        clock: Clock::ReportToGeneralManager,
        value: "clock-report-n",
        unit: "clock-report-unit",
        levels: [
            "clock-report-minor",
            "clock-report-important",
            "clock-report-major",
        ],
    },
    ClockIds {
        clock: Clock::ReplyAfterReportBack,
        value: "clock-reply-n",
        unit: "clock-reply-unit",
        levels: [
            "clock-reply-minor",
            "clock-reply-important",
            "clock-reply-major",
        ],
    },
    ClockIds {
        clock: Clock::ClearAnswer,
        value: "clock-answer-n",
        unit: "clock-answer-unit",
        levels: [
            "clock-answer-minor",
            "clock-answer-important",
            "clock-answer-major",
        ],
    },
    ClockIds {
        clock: Clock::WholeHandling,
        value: "clock-whole-n",
        unit: "clock-whole-unit",
        levels: [
            "clock-whole-minor",
            "clock-whole-important",
            "clock-whole-major",
        ],
    },
    ClockIds {
        clock: Clock::BecomeMajor,
        value: "clock-major-n",
        unit: "clock-major-unit",
        levels: [
            "clock-major-minor",
            "clock-major-important",
            "clock-major-major",
        ],
    },
];

/// The units a length can have, as `(value, its text)`.
const UNITS: [&str; 5] = ["minutes", "hours", "same_day", "days", "months"];

fn unit_text(unit: &str, t: &Texts) -> &'static str {
    match unit {
        "minutes" => t.settings.unit_minutes,
        "hours" => t.settings.unit_hours,
        "same_day" => t.settings.unit_same_day,
        "days" => t.settings.unit_days,
        _ => t.settings.unit_months,
    }
}

/// A span as its unit and its number (none for "same day").
pub(super) fn span_parts(span: Span) -> (&'static str, Option<u32>) {
    match span {
        Span::Minutes(n) => ("minutes", Some(n)),
        Span::Hours(n) => ("hours", Some(n)),
        Span::SameDay => ("same_day", None),
        Span::Days(n) => ("days", Some(n)),
        Span::Months(n) => ("months", Some(n)),
    }
}

/// "2 小时 · 重大", "off": a rule for people.
pub(super) fn rule_text(rule: &ClockRule, t: &Texts, lang: crate::domain::Lang) -> String {
    let (unit, n) = span_parts(rule.span);
    let span = match n {
        Some(n) => format!("{n} {}", unit_text(unit, t)),
        None => unit_text(unit, t).to_string(),
    };
    if rule.levels.is_empty() {
        return format!("{span} · {}", t.settings.clock_off);
    }
    let levels: Vec<&str> = rule.levels.iter().map(|l| l.label(lang)).collect();
    format!("{span} · {}", levels.join(" / "))
}

/// What is being typed for one clock.
#[derive(Clone, Debug, PartialEq)]
struct ClockDraft {
    value: String,
    unit: String,
    levels: BTreeSet<Severity>,
}

impl ClockDraft {
    fn of(rule: &ClockRule) -> Self {
        let (unit, n) = span_parts(rule.span);
        ClockDraft {
            value: n.map(|n| n.to_string()).unwrap_or_default(),
            unit: unit.to_string(),
            levels: rule.levels.clone(),
        }
    }

    /// The rule typed, or `None` when the length is not a whole number above 0.
    fn rule(&self) -> Option<ClockRule> {
        let n = || self.value.trim().parse::<u32>().ok().filter(|n| *n > 0);
        let span = match self.unit.as_str() {
            "same_day" => Span::SameDay,
            "minutes" => Span::Minutes(n()?),
            "hours" => Span::Hours(n()?),
            "days" => Span::Days(n()?),
            _ => Span::Months(n()?),
        };
        Some(ClockRule {
            span,
            levels: self.levels.clone(),
        })
    }
}

/// Every clock's length and levels, saved together (one change per clock that changed).
#[component]
pub fn ClocksPanel() -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let may_change = use_may_change();
    let saver = Saver::from_context();
    let drafts = saver.draft(|s| {
        IDS.iter()
            .map(|ids| {
                s.clocks
                    .get(&ids.clock)
                    .map(ClockDraft::of)
                    .unwrap_or(ClockDraft {
                        value: String::new(),
                        unit: "same_day".into(),
                        levels: BTreeSet::new(),
                    })
            })
            .collect::<Vec<_>>()
    });
    let save = Callback::new(move |()| {
        let texts = t();
        let mut changes = Vec::new();
        let current = saver.state().settings.get_untracked();
        for (ids, draft) in IDS.iter().zip(drafts.get_untracked()) {
            let Some(rule) = draft.rule() else {
                saver.refuse(format!(
                    "{}: {}",
                    ids.clock.label(lang.get_untracked()),
                    texts.settings.whole_number
                ));
                return;
            };
            if current.clocks.get(&ids.clock) != Some(&rule) {
                changes.push(SettingChange::Clock {
                    clock: ids.clock,
                    rule,
                });
            }
        }
        saver.save(changes);
    });
    view! {
        <section class="card" id="clocks-panel">
            <h2>{move || t().settings.clocks_title}</h2>
            <p class="hint">{move || t().settings.clocks_intro}</p>
            <ReadOnlyHint may_change />
            <fieldset class="plain" disabled=move || !may_change.get()>
                {IDS.iter().enumerate().map(|(i, ids)| view! { <ClockRow index=i ids=ids drafts /> }).collect_view()}
            </fieldset>
            <SaveRow id="clocks-save" saver may_change on_save=save />
        </section>
    }
}

/// One clock: its name, length, unit and levels.
#[component]
fn ClockRow(
    /// Its place in `drafts`.
    index: usize,
    ids: &'static ClockIds,
    drafts: RwSignal<Vec<ClockDraft>>,
) -> impl IntoView {
    let t = use_texts();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let field = move |f: fn(&ClockDraft) -> String| {
        Signal::derive(move || drafts.with(|d| d.get(index).map(f).unwrap_or_default()))
    };
    let edit = move |f: Box<dyn FnOnce(&mut ClockDraft)>| {
        drafts.update(|d| {
            if let Some(d) = d.get_mut(index) {
                f(d);
            }
        })
    };
    let unit = field(|d| d.unit.clone());
    let unit_options = Signal::derive(move || {
        UNITS
            .iter()
            .map(|u| (u.to_string(), unit_text(u, t()).to_string()))
            .collect::<Vec<_>>()
    });
    let levels = Severity::ALL
        .into_iter()
        .zip(ids.levels)
        .map(|(level, id)| {
            view! {
                <Check id label=Signal::derive(move || level.label(lang.get()).to_string())
                    checked=Signal::derive(move || drafts.with(|d| d.get(index).is_some_and(|d| d.levels.contains(&level))))
                    on_change=Callback::new(move |on: bool| edit(Box::new(move |d| {
                        if on { d.levels.insert(level); } else { d.levels.remove(&level); }
                    }))) />
            }
        })
        .collect_view();
    view! {
        <fieldset class="clock-rule">
            <legend>{move || ids.clock.label(lang.get())}</legend>
            <div class="clock-rule-body">
            <div class="clock-rule-span">
                <Show when=move || unit.get() != "same_day" fallback=|| view! { <span class="clock-rule-gap"></span> }>
                    <TextInput id=ids.value kind="number" label=Signal::derive(move || t().settings.span_value.to_string())
                        value=field(|d| d.value.clone())
                        on_input=Callback::new(move |v: String| edit(Box::new(move |d| d.value = v))) />
                </Show>
                <Select id=ids.unit label=Signal::derive(move || t().settings.span_unit.to_string())
                    options=unit_options value=unit
                    on_change=Callback::new(move |v: String| edit(Box::new(move |d| {
                        if d.value.trim().is_empty() { d.value = "1".into(); }
                        d.unit = v;
                    }))) />
            </div>
            <div class="check-row clock-rule-levels" role="group" aria-label=move || t().settings.levels>
                {levels}
            </div>
            </div>
        </fieldset>
    }
}
