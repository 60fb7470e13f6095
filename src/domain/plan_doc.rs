//! The company's own emergency plan as a document [P6, P8, P9 §7]: sections of text, revised,
//! approved and dated. Each revision is one event on the one plan record
//! ([`RecordId::PLAN_DOCUMENT`]) and holds the whole text, so every revision stays readable; the one
//! in force on a day is the latest whose "in force from" date has come.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::actor::Actor;
use super::clocks::{Clock, Span};
use super::complaint::Entry;
use super::error::{DomainError, ValidationError};
use super::event::{Event, EventBody, NewEvent};
use super::field::Field;
use super::ids::{EventId, RecordId};
use super::lang::Lang;
use super::settings::Settings;
use super::validate::{MAX_SHORT, MAX_TEXT, bounded, required};
use super::workflow::{CommandKind, may_lead};

/// Most sections a revision holds.
pub const MAX_SECTIONS: usize = 40;

/// One section of the plan: a heading and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub text: String,
}

/// One approved revision of the plan: its number, why it was revised, who approved it, the
/// day it comes into force, and the whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    pub number: u32,
    pub reason: String,
    pub approved_by: String,
    pub in_force_from: NaiveDate,
    pub sections: Vec<Section>,
}

/// A drill of the plan [P4 §5.5]: when, what was rehearsed, who took part, what was found and
/// what is to be done about it, and the drill complaints recorded during it (kept out of every
/// statistic, as every drill complaint is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drill {
    pub day: NaiveDate,
    pub scenario: String,
    pub participants: String,
    pub findings: String,
    pub actions: String,
    pub complaints: Vec<RecordId>,
}

/// A training session on complaint handling [P2, P9]: when, on what, by whom, who attended,
/// and whether it was given outside the company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Training {
    pub day: NaiveDate,
    pub topic: String,
    pub trainer: String,
    pub attendees: String,
    pub external: bool,
}

/// Most drill complaints one drill lists.
pub const MAX_DRILL_COMPLAINTS: usize = 50;

/// The plan's revisions as folded from its events, in the order they come into force; the
/// drills and training sessions logged, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanDocument {
    pub revisions: Vec<Entry<Revision>>,
    pub drills: Vec<Entry<Drill>>,
    pub trainings: Vec<Entry<Training>>,
    pub heads: Vec<EventId>,
    pub latest_hlc: Option<super::hlc::Hlc>,
}

impl PlanDocument {
    /// The revision in force on `day`: the latest to come into force by then (the higher
    /// number, then the later approval, when two come into force on one day).
    pub fn in_force(&self, day: NaiveDate) -> Option<&Entry<Revision>> {
        self.revisions
            .iter()
            .filter(|r| r.item.in_force_from <= day)
            .max_by_key(|r| (r.item.in_force_from, r.item.number, r.at, r.event))
    }

    /// The number the next revision takes.
    pub fn next_number(&self) -> u32 {
        self.revisions
            .iter()
            .map(|r| r.item.number)
            .max()
            .map_or(1, |n| n.saturating_add(1))
    }
}

/// The plan document from its events (any order).
pub fn fold_plan(events: &[Event]) -> PlanDocument {
    let mut revisions: Vec<Entry<Revision>> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::PlanDocumentRevised(r) => Some(Entry {
                event: e.id,
                at: e.at,
                by: e.actor.clone(),
                item: r.clone(),
            }),
            _ => None,
        })
        .collect();
    super::order::sort_by_key(&mut revisions, |r| {
        (r.item.in_force_from, r.item.number, r.at, r.event)
    });
    let entry = |e: &Event| (e.id, e.at, e.actor.clone());
    let mut drills: Vec<Entry<Drill>> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::DrillLogged(d) => {
                let (event, at, by) = entry(e);
                Some(Entry {
                    event,
                    at,
                    by,
                    item: d.clone(),
                })
            }
            _ => None,
        })
        .collect();
    super::order::sort_by_key(&mut drills, |d| (d.item.day, d.at, d.event));
    let mut trainings: Vec<Entry<Training>> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::TrainingLogged(t) => {
                let (event, at, by) = entry(e);
                Some(Entry {
                    event,
                    at,
                    by,
                    item: t.clone(),
                })
            }
            _ => None,
        })
        .collect();
    super::order::sort_by_key(&mut trainings, |t| (t.item.day, t.at, t.event));
    let history = super::fold::History::new(events.iter().collect());
    PlanDocument {
        revisions,
        drills,
        trainings,
        heads: history.heads(),
        latest_hlc: history.latest_hlc(),
    }
}

/// The checks every revision passes, from the form or a file alike.
pub fn check_revision(r: &Revision) -> Result<(), ValidationError> {
    required(Field::Reason, &r.reason, MAX_TEXT)?;
    required(Field::ApprovedBy, &r.approved_by, MAX_SHORT)?;
    if r.number == 0 {
        return Err(ValidationError::Unreadable {
            field: Field::RevisionNumber,
            input: "0".into(),
        });
    }
    if r.sections.is_empty() {
        return Err(ValidationError::Required(Field::Content));
    }
    if r.sections.len() > MAX_SECTIONS {
        return Err(ValidationError::TooMany {
            field: Field::Content,
            max: MAX_SECTIONS,
        });
    }
    for s in &r.sections {
        required(Field::Heading, &s.heading, MAX_SHORT)?;
        bounded(Field::Content, &s.text, MAX_TEXT)?;
    }
    Ok(())
}

/// Records `revision`, approved, as `actor` at `now`: a leader's (or the deputy's, or the duty
/// lead's out of hours).
pub fn apply_revision(
    revision: &Revision,
    settings: &Settings,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Vec<NewEvent>, DomainError> {
    if !may_lead(actor, now, settings) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action: CommandKind::RevisePlanDocument,
        });
    }
    let revision = Revision {
        number: revision.number,
        reason: revision.reason.trim().to_string(),
        approved_by: revision.approved_by.trim().to_string(),
        in_force_from: revision.in_force_from,
        sections: revision
            .sections
            .iter()
            .map(|s| Section {
                heading: s.heading.trim().to_string(),
                text: s.text.trim().to_string(),
            })
            .filter(|s| !(s.heading.is_empty() && s.text.is_empty()))
            .collect(),
    };
    check_revision(&revision)?;
    Ok(vec![NewEvent {
        record: RecordId::PLAN_DOCUMENT,
        actor: actor.clone(),
        at: now,
        body: EventBody::PlanDocumentRevised(revision),
    }])
}

/// The checks every drill passes, from the form or a file alike.
pub fn check_drill(d: &Drill) -> Result<(), ValidationError> {
    required(Field::Scenario, &d.scenario, MAX_TEXT)?;
    required(Field::Participants, &d.participants, MAX_TEXT)?;
    bounded(Field::Findings, &d.findings, MAX_TEXT)?;
    bounded(Field::FollowUpActions, &d.actions, MAX_TEXT)?;
    if d.complaints.len() > MAX_DRILL_COMPLAINTS {
        return Err(ValidationError::TooMany {
            field: Field::DrillComplaints,
            max: MAX_DRILL_COMPLAINTS,
        });
    }
    Ok(())
}

/// The checks every training session passes, from the form or a file alike.
pub fn check_training(t: &Training) -> Result<(), ValidationError> {
    required(Field::Topic, &t.topic, MAX_SHORT)?;
    required(Field::Trainer, &t.trainer, MAX_SHORT)?;
    required(Field::Attendees, &t.attendees, MAX_TEXT)?;
    Ok(())
}

/// What upkeep a person logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upkeep {
    Drill(Drill),
    Training(Training),
}

/// Logs a drill or a training session as `actor` at `now`: anyone who handles complaints
/// (leader, deputy, duty lead, staff) may. Text is trimmed and checked; a drill lists each
/// complaint once.
pub fn apply_upkeep(
    upkeep: &Upkeep,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    settings: &Settings,
) -> Result<Vec<NewEvent>, DomainError> {
    let action = match upkeep {
        Upkeep::Drill(_) => CommandKind::LogDrill,
        Upkeep::Training(_) => CommandKind::LogTraining,
    };
    if !super::workflow::permitted(actor, super::workflow::Permission::Handler, now, settings) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action,
        });
    }
    let body = match upkeep {
        Upkeep::Drill(d) => {
            let mut complaints = d.complaints.clone();
            super::order::sort(&mut complaints);
            complaints.dedup();
            let d = Drill {
                day: d.day,
                scenario: d.scenario.trim().into(),
                participants: d.participants.trim().into(),
                findings: d.findings.trim().into(),
                actions: d.actions.trim().into(),
                complaints,
            };
            check_drill(&d)?;
            EventBody::DrillLogged(d)
        }
        Upkeep::Training(t) => {
            let t = Training {
                day: t.day,
                topic: t.topic.trim().into(),
                trainer: t.trainer.trim().into(),
                attendees: t.attendees.trim().into(),
                external: t.external,
            };
            check_training(&t)?;
            EventBody::TrainingLogged(t)
        }
    };
    Ok(vec![NewEvent {
        record: RecordId::PLAN_DOCUMENT,
        actor: actor.clone(),
        at: now,
        body,
    }])
}

/// When the next drill or training session is due, with a period of `months` (none when
/// zero): that many months after the last one (clamped to a shorter month's end), or today
/// when there has been none.
pub fn upkeep_due(last: Option<NaiveDate>, months: u32, today: NaiveDate) -> Option<NaiveDate> {
    if months == 0 {
        return None;
    }
    Some(match last {
        Some(day) => day
            .checked_add_months(chrono::Months::new(months))
            .unwrap_or(day),
        None => today,
    })
}

impl PlanDocument {
    /// The day of the latest drill.
    pub fn last_drill(&self) -> Option<NaiveDate> {
        self.drills.iter().map(|d| d.item.day).max()
    }

    /// The day of the latest training session.
    pub fn last_training(&self) -> Option<NaiveDate> {
        self.trainings.iter().map(|t| t.item.day).max()
    }
}

/// A time limit in words.
fn span_text(span: Span, lang: Lang) -> String {
    match (span, lang) {
        (Span::Minutes(n), Lang::Zh) => format!("{n} 分钟内"),
        (Span::Minutes(n), Lang::En) => format!("within {n} minutes"),
        (Span::Hours(n), Lang::Zh) => format!("{n} 小时内"),
        (Span::Hours(n), Lang::En) => format!("within {n} hours"),
        (Span::SameDay, Lang::Zh) => "当天内".into(),
        (Span::SameDay, Lang::En) => "the same day".into(),
        (Span::Days(n), Lang::Zh) => format!("{n} 天内"),
        (Span::Days(n), Lang::En) => format!("within {n} days"),
        (Span::Months(n), Lang::Zh) => format!("{n} 个月"),
        (Span::Months(n), Lang::En) => format!("{n} months"),
    }
}

/// The starting outline: the headings the source plans share, in our own words, with the time
/// limits written out from the current settings, for a first revision to edit.
pub fn starting_outline(settings: &Settings, lang: Lang) -> Vec<Section> {
    let limits: Vec<String> = Clock::ALL
        .iter()
        .filter_map(|c| settings.clocks.get(c).map(|r| (c, r)))
        .map(|(c, r)| {
            let levels: Vec<&str> = r.levels.iter().map(|l| l.label(lang)).collect();
            match lang {
                Lang::Zh => format!(
                    "{}：{}（{}）",
                    c.label(lang),
                    span_text(r.span, lang),
                    levels.join("、")
                ),
                Lang::En => format!(
                    "{}: {} ({})",
                    c.label(lang),
                    span_text(r.span, lang),
                    levels.join(", ")
                ),
            }
        })
        .collect();
    let s = |heading: &str, text: &str| Section {
        heading: heading.to_string(),
        text: text.to_string(),
    };
    match lang {
        Lang::Zh => vec![
            s(
                "目的",
                "为及时、妥善处理重大投诉，维护业主（客户）和公司的合法权益，制定本预案。",
            ),
            s(
                "适用范围",
                "适用于本公司各项目受理的投诉，重点是可能影响公司声誉或造成重大损失的重大投诉。",
            ),
            s(
                "工作原则",
                "快速响应、依法依规、实事求是、统一口径、闭环管理。",
            ),
            s(
                "组织机构与职责",
                "领导小组：组长、副组长及成员；应急办公室；各工作组及部门的应急职责。",
            ),
            s(
                "投诉分级",
                "轻微投诉、重要投诉、重大投诉，按影响范围、损失程度和是否重复投诉判定。",
            ),
            s(
                "处理程序",
                "受理登记 → 研判定级 → 派单签收 → 启动预案（重大）→ 调查核实 → 拟定并批准方案 → 整改落实 → 答复 → 回访 → 总结 → 结案。",
            ),
            s("时限要求", &limits.join("\n")),
            s(
                "预案管理",
                "本预案定期演练、培训，并根据演练和实际处理情况修订，修订须经批准并注明生效日期。",
            ),
        ],
        Lang::En => vec![
            s(
                "Purpose",
                "To handle major complaints promptly and properly, protecting the lawful interests of owners (customers) and the company.",
            ),
            s(
                "Scope",
                "Complaints received at every project of the company, above all major complaints that may harm its reputation or cause serious loss.",
            ),
            s(
                "Principles",
                "Respond fast, follow the law and the rules, establish the facts, speak with one voice, close every case.",
            ),
            s(
                "Organisation and duties",
                "The leadership group: leader, deputies and members; the emergency office; the working teams and each department's emergency duties.",
            ),
            s(
                "Levels",
                "Minor, important and major complaints, by reach, loss and whether the complaint repeats.",
            ),
            s(
                "Procedure",
                "Receive → assess → dispatch and sign for → activate the plan (major) → investigate → draft and approve the plan → implement → reply → follow up → report → close.",
            ),
            s("Time limits", &limits.join("\n")),
            s(
                "Upkeep",
                "The plan is drilled and trained on regularly and revised after drills and real cases; each revision is approved and dated.",
            ),
        ],
    }
}
