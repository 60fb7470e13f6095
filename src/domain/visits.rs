//! The week in the field [P9 §5 「每周按计划走访」, P3]: the places (projects, their buildings
//! and households), the leaders' weekly visit plans, the visit records made at the door, the
//! facility defects seen on the way, and which complaints a visit raised. All of it is events on
//! the one visits record ([`RecordId::VISITS`]), so it syncs like everything else; this module
//! folds them and answers what the pages ask: who visits whom on which day, what is done, what
//! was missed, and the week's coverage.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};

use super::actor::Actor;
use super::brief::Brief;
use super::complaint::{Entry, Satisfaction, Unit};
use super::error::{DomainError, ValidationError};
use super::event::{Event, EventBody, NewEvent};
use super::field::Field;
use super::hlc::Hlc;
use super::ids::{EventId, PersonId, RecordId};
use super::lang::labels;
use super::settings::Settings;
use super::validate::{MAX_SHORT, MAX_TEXT, Phone, bounded, required};
use super::workflow::{CommandKind, may_lead};

/// Most households one project holds (a large estate has a few thousand).
pub const MAX_HOUSEHOLDS: usize = 20_000;
/// Most photos one visit or defect carries.
pub const MAX_PHOTOS: usize = 8;

/// A household of a project: its unit and, when known, the owner and their phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Household {
    pub unit: Unit,
    pub owner: String,
    pub phone: Option<Phone>,
}

/// A project (site, 项目/小区) and its households; its buildings are those the households name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// Stable key, chosen when the project is first set up.
    pub id: String,
    pub name: String,
    pub households: Vec<Household>,
}

impl Project {
    /// The buildings, in the order their first household is listed.
    pub fn buildings(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for h in &self.households {
            if !out.contains(&h.unit.building.as_str()) {
                out.push(&h.unit.building);
            }
        }
        out
    }

    /// The household at `unit`, matched on its text (`3栋-2单元-1201`).
    pub fn household(&self, unit: &Unit) -> Option<&Household> {
        self.households.iter().find(|h| h.unit == *unit)
    }
}

/// A leader's plan: `staff` visits these households of one building of `project` on `day`,
/// and, when `weekly`, on the same weekday of every later week until the plan is ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitPlan {
    pub staff: PersonId,
    pub staff_name: String,
    pub project: String,
    pub building: String,
    /// The households to visit; empty means every household of the building.
    pub units: Vec<Unit>,
    pub day: NaiveDate,
    pub weekly: bool,
}

/// What came of a visit at the door.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The owner was met and raised nothing.
    NoIssue,
    /// Nobody was at home.
    NotHome,
    /// The owner was met and raised something to follow up.
    Finding,
}

labels!(Outcome {
    NoIssue => ("无问题", "no issue"),
    NotHome => ("不在家", "not at home"),
    Finding => ("有问题", "finding"),
});

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::NoIssue, Outcome::NotHome, Outcome::Finding];

    pub fn met(self) -> bool {
        self != Outcome::NotHome
    }
}

/// A visit record, made at the door.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The plan this visit carries out; `None` for a visit outside the plan.
    pub plan: Option<EventId>,
    pub day: NaiveDate,
    pub project: String,
    pub unit: Unit,
    pub outcome: Outcome,
    pub satisfaction: Option<Satisfaction>,
    /// The topics raised, by category key.
    pub topics: Vec<String>,
    pub note: String,
    /// Photos, by the SHA-256 of their stored bytes.
    pub photos: Vec<String>,
}

/// A facility defect seen on the way, recorded against a building [P9 §5's checks].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Defect {
    pub project: String,
    pub building: String,
    /// Where in the building (lift 2, the B1 car park door, …).
    pub place: String,
    pub note: String,
    pub photos: Vec<String>,
}

/// The visits record as folded from its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Visits {
    /// Each project as last set (the latest event wins; a project is always set whole).
    pub projects: Vec<Project>,
    pub plans: Vec<Entry<VisitPlan>>,
    /// Plans ended, with the first day they no longer apply (the earliest, when ended twice).
    pub ended: BTreeMap<EventId, NaiveDate>,
    pub visits: Vec<Entry<Visit>>,
    /// The complaints each visit raised (visit event → complaints).
    pub links: BTreeMap<EventId, Vec<RecordId>>,
    pub defects: Vec<Entry<Defect>>,
    pub heads: Vec<EventId>,
    pub latest_hlc: Option<Hlc>,
}

/// One household due on one day of one plan, and the visit that carried it out, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stop<'a> {
    pub plan: EventId,
    pub staff: PersonId,
    pub staff_name: &'a str,
    pub day: NaiveDate,
    pub project: &'a str,
    pub unit: Unit,
    pub household: Option<&'a Household>,
    pub visit: Option<&'a Entry<Visit>>,
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

impl VisitPlan {
    /// Whether the plan falls on `day`, given the day it stopped applying (if ended).
    pub fn occurs_on(&self, day: NaiveDate, ended_from: Option<NaiveDate>) -> bool {
        let gap = (day - self.day).num_days();
        gap >= 0
            && ended_from.is_none_or(|from| day < from)
            && (gap == 0 || (self.weekly && gap % 7 == 0))
    }
}

impl Visits {
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The project's name, or its key when it is not (or no longer) set up.
    pub fn project_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.project(id).map_or(id, |p| p.name.as_str())
    }

    /// The plans in force on some day of the week starting `monday`.
    pub fn plans_in_week(&self, monday: NaiveDate) -> Vec<&Entry<VisitPlan>> {
        self.plans
            .iter()
            .filter(|p| {
                (0..7).any(|d| {
                    p.item.occurs_on(
                        monday + Duration::days(d),
                        self.ended.get(&p.event).copied(),
                    )
                })
            })
            .collect()
    }

    /// Every household due in the week starting `monday` (of `staff` only, when given), by
    /// day, then plan order; each with the visit of that plan and household that week, if any.
    pub fn stops(&self, monday: NaiveDate, staff: Option<PersonId>) -> Vec<Stop<'_>> {
        let mut out = Vec::new();
        for d in 0..7 {
            let day = monday + Duration::days(d);
            for p in &self.plans {
                let plan = &p.item;
                if staff.is_some_and(|s| s != plan.staff)
                    || !plan.occurs_on(day, self.ended.get(&p.event).copied())
                {
                    continue;
                }
                let project = self.project(&plan.project);
                let units: Vec<Unit> = if plan.units.is_empty() {
                    project
                        .map(|pr| {
                            pr.households
                                .iter()
                                .filter(|h| h.unit.building == plan.building)
                                .map(|h| h.unit.clone())
                                .collect()
                        })
                        .unwrap_or_default()
                } else {
                    plan.units.clone()
                };
                for unit in units {
                    let visit = self.visits.iter().rev().find(|v| {
                        v.item.plan == Some(p.event)
                            && v.item.unit == unit
                            && monday_of(v.item.day) == monday
                    });
                    out.push(Stop {
                        plan: p.event,
                        staff: plan.staff,
                        staff_name: &plan.staff_name,
                        day,
                        project: &plan.project,
                        household: project.and_then(|pr| pr.household(&unit)),
                        unit,
                        visit,
                    });
                }
            }
        }
        out
    }

    /// What `staff` has to do on `today`: today's households not yet visited, and those of
    /// earlier days this week that were missed.
    pub fn due(&self, staff: PersonId, today: NaiveDate) -> (Vec<Stop<'_>>, Vec<Stop<'_>>) {
        let (mut now, mut missed) = (Vec::new(), Vec::new());
        for s in self.stops(monday_of(today), Some(staff)) {
            if s.visit.is_some() {
                continue;
            }
            if s.day == today {
                now.push(s);
            } else if s.day < today {
                missed.push(s);
            }
        }
        (now, missed)
    }

    /// The complaints raised from `visit`.
    pub fn complaints_of(&self, visit: EventId) -> &[RecordId] {
        self.links.get(&visit).map_or(&[], Vec::as_slice)
    }

    /// The visit a complaint was raised from, if any.
    pub fn visit_of(&self, complaint: RecordId) -> Option<&Entry<Visit>> {
        let (visit, _) = self.links.iter().find(|(_, cs)| cs.contains(&complaint))?;
        self.visits.iter().find(|v| v.event == *visit)
    }

    /// The week's coverage: per person, per building, and in all.
    pub fn coverage(&self, monday: NaiveDate) -> Coverage {
        let mut by_person: BTreeMap<PersonId, Row> = BTreeMap::new();
        let mut by_building: BTreeMap<(String, String), Row> = BTreeMap::new();
        let mut total = Row::default();
        let building_row = |rows: &mut BTreeMap<(String, String), Row>, project: &str, b: &str| {
            let label = format!("{} {}", self.project_name(project), b);
            rows.entry((project.to_string(), b.to_string()))
                .or_insert_with(|| Row {
                    label,
                    ..Row::default()
                })
                .clone()
        };
        for s in self.stops(monday, None) {
            let person = by_person.entry(s.staff).or_insert_with(|| Row {
                label: s.staff_name.to_string(),
                ..Row::default()
            });
            person.planned += 1;
            let row = building_row(&mut by_building, s.project, &s.unit.building);
            by_building.insert(
                (s.project.to_string(), s.unit.building.clone()),
                Row {
                    planned: row.planned + 1,
                    ..row
                },
            );
            total.planned += 1;
        }
        for v in self
            .visits
            .iter()
            .filter(|v| monday_of(v.item.day) == monday)
        {
            let complaints = self.complaints_of(v.event).len() as u32;
            let count = |r: &mut Row| {
                r.done += 1;
                r.met += u32::from(v.item.outcome.met());
                r.findings += u32::from(v.item.outcome == Outcome::Finding);
                r.complaints += complaints;
            };
            count(by_person.entry(v.by.id).or_insert_with(|| Row {
                label: v.by.name.clone(),
                ..Row::default()
            }));
            let mut row = building_row(&mut by_building, &v.item.project, &v.item.unit.building);
            count(&mut row);
            by_building.insert((v.item.project.clone(), v.item.unit.building.clone()), row);
            count(&mut total);
        }
        total.label = String::new();
        Coverage {
            by_person: by_person.into_values().collect(),
            by_building: by_building.into_values().collect(),
            total,
            defects: self
                .defects
                .iter()
                .filter(|d| monday_of(d.at.date_naive()) == monday)
                .count() as u32,
        }
    }
}

/// One line of the coverage: households planned, visits done, owners met, findings and the
/// complaints raised from them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub planned: u32,
    pub done: u32,
    pub met: u32,
    pub findings: u32,
    pub complaints: u32,
}

/// A week's coverage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub by_person: Vec<Row>,
    pub by_building: Vec<Row>,
    pub total: Row,
    pub defects: u32,
}

/// The visits record from its events (any order).
pub fn fold_visits(events: &[Event]) -> Visits {
    let mut sorted: Vec<&Event> = events.iter().collect();
    crate::domain::order::sort_by_key(&mut sorted, |e| (e.hlc, e.id));
    let mut v = Visits::default();
    let entry = |e: &Event| (e.id, e.at, e.actor.clone());
    for e in sorted {
        let (event, at, by) = entry(e);
        match &e.body {
            EventBody::ProjectSet(p) => match v.projects.iter_mut().find(|q| q.id == p.id) {
                Some(q) => *q = p.clone(),
                None => v.projects.push(p.clone()),
            },
            EventBody::VisitPlanned(p) => v.plans.push(Entry {
                event,
                at,
                by,
                item: p.clone(),
            }),
            EventBody::VisitPlanEnded { plan, from } => {
                let day = v.ended.entry(*plan).or_insert(*from);
                *day = (*day).min(*from);
            }
            EventBody::VisitRecorded(r) => v.visits.push(Entry {
                event,
                at,
                by,
                item: r.clone(),
            }),
            EventBody::VisitLinked { visit, complaint } => {
                let list = v.links.entry(*visit).or_default();
                if !list.contains(complaint) {
                    list.push(*complaint);
                }
            }
            EventBody::DefectRecorded(d) => v.defects.push(Entry {
                event,
                at,
                by,
                item: d.clone(),
            }),
            _ => {}
        }
    }
    crate::domain::order::sort_by(&mut v.projects, |a, b| a.name.cmp(&b.name));
    let history = super::fold::History::new(events.iter().collect());
    v.heads = history.heads();
    v.latest_hlc = history.latest_hlc();
    v
}

/// A change to the visits record, as a person asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VisitCommand {
    SetProject(Project),
    Plan(VisitPlan),
    EndPlan { plan: EventId, from: NaiveDate },
    Record(Visit),
    Link { visit: EventId, complaint: RecordId },
    Defect(Defect),
}

fn unit_ok(u: &Unit) -> Result<(), ValidationError> {
    required(Field::Building, &u.building, MAX_SHORT)?;
    bounded(Field::Entrance, &u.entrance, MAX_SHORT)?;
    required(Field::Room, &u.room, MAX_SHORT).map(|_| ())
}

fn photos_ok(photos: &[String]) -> Result<(), ValidationError> {
    if photos.len() > MAX_PHOTOS {
        return Err(ValidationError::TooMany {
            field: Field::Evidence,
            max: MAX_PHOTOS,
        });
    }
    photos
        .iter()
        .try_for_each(|p| required(Field::Evidence, p, 64).map(|_| ()))
}

/// The checks every visits event passes, from a form or a file alike.
pub fn check_visit_body(body: &EventBody) -> Result<(), ValidationError> {
    match body {
        EventBody::ProjectSet(p) => {
            required(Field::Project, &p.id, MAX_SHORT)?;
            required(Field::Project, &p.name, MAX_SHORT)?;
            if p.households.len() > MAX_HOUSEHOLDS {
                return Err(ValidationError::TooMany {
                    field: Field::ComplainantUnit,
                    max: MAX_HOUSEHOLDS,
                });
            }
            for h in &p.households {
                unit_ok(&h.unit)?;
                bounded(Field::ComplainantName, &h.owner, MAX_SHORT)?;
            }
            Ok(())
        }
        EventBody::VisitPlanned(p) => {
            required(Field::PersonName, &p.staff_name, MAX_SHORT)?;
            required(Field::Project, &p.project, MAX_SHORT)?;
            required(Field::Building, &p.building, MAX_SHORT)?;
            if p.units.len() > MAX_HOUSEHOLDS {
                return Err(ValidationError::TooMany {
                    field: Field::ComplainantUnit,
                    max: MAX_HOUSEHOLDS,
                });
            }
            p.units.iter().try_for_each(unit_ok)
        }
        EventBody::VisitRecorded(r) => {
            required(Field::Project, &r.project, MAX_SHORT)?;
            unit_ok(&r.unit)?;
            if r.topics.len() > 20 {
                return Err(ValidationError::TooMany {
                    field: Field::Category,
                    max: 20,
                });
            }
            r.topics
                .iter()
                .try_for_each(|t| bounded(Field::Category, t, MAX_SHORT).map(|_| ()))?;
            bounded(Field::Content, &r.note, MAX_TEXT)?;
            photos_ok(&r.photos)
        }
        EventBody::DefectRecorded(d) => {
            required(Field::Project, &d.project, MAX_SHORT)?;
            required(Field::Building, &d.building, MAX_SHORT)?;
            bounded(Field::Location, &d.place, MAX_SHORT)?;
            required(Field::Content, &d.note, MAX_TEXT)?;
            photos_ok(&d.photos)
        }
        _ => Ok(()),
    }
}

/// Checks `command` made by `actor` at `now` against the record `visits` and returns the
/// event to record: places and plans are a leader's (or the duty lead's off hours); anyone
/// signed in records visits, defects and the complaints a visit raised.
pub fn apply_visit(
    visits: &Visits,
    settings: &Settings,
    command: &VisitCommand,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Vec<NewEvent>, DomainError> {
    let leads = matches!(
        command,
        VisitCommand::SetProject(_) | VisitCommand::Plan(_) | VisitCommand::EndPlan { .. }
    );
    if leads && !may_lead(actor, now, settings) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action: CommandKind::PlanVisits,
        });
    }
    let trim = |s: &str| s.trim().to_string();
    let trim_unit = |u: &Unit| Unit {
        building: trim(&u.building),
        entrance: trim(&u.entrance),
        room: trim(&u.room),
    };
    let body = match command {
        VisitCommand::SetProject(p) => EventBody::ProjectSet(Project {
            id: trim(&p.id),
            name: trim(&p.name),
            households: p
                .households
                .iter()
                .map(|h| Household {
                    unit: trim_unit(&h.unit),
                    owner: trim(&h.owner),
                    phone: h.phone.clone(),
                })
                .collect(),
        }),
        VisitCommand::Plan(p) => EventBody::VisitPlanned(VisitPlan {
            building: trim(&p.building),
            units: p.units.iter().map(trim_unit).collect(),
            ..p.clone()
        }),
        VisitCommand::EndPlan { plan, from } => {
            if !visits.plans.iter().any(|p| p.event == *plan) {
                return Err(ValidationError::Required(Field::Project).into());
            }
            EventBody::VisitPlanEnded {
                plan: *plan,
                from: *from,
            }
        }
        VisitCommand::Record(r) => EventBody::VisitRecorded(Visit {
            unit: trim_unit(&r.unit),
            note: trim(&r.note),
            ..r.clone()
        }),
        VisitCommand::Link { visit, complaint } => EventBody::VisitLinked {
            visit: *visit,
            complaint: *complaint,
        },
        VisitCommand::Defect(d) => EventBody::DefectRecorded(Defect {
            building: trim(&d.building),
            place: trim(&d.place),
            note: trim(&d.note),
            ..d.clone()
        }),
    };
    check_visit_body(&body)?;
    Ok(vec![NewEvent {
        record: RecordId::VISITS,
        actor: actor.clone(),
        at: now,
        body,
    }])
}

/// The live complaints of a household (by its unit), for the check-ins on a visit route.
pub fn open_complaints_at<'a>(
    briefs: impl IntoIterator<Item = &'a Brief>,
    unit: &Unit,
) -> Vec<&'a Brief> {
    briefs
        .into_iter()
        .filter(|b| b.is_live() && b.is_counted() && b.complainant.unit.as_ref() == Some(unit))
        .collect()
}

/// A unit as typed on one line: `3栋-2单元-1201`, or `3栋-1201` without an entrance; `None`
/// when the building or the room is missing.
pub fn unit_from_text(text: &str) -> Option<Unit> {
    let parts: Vec<&str> = text.split(['-', '－', '—']).map(str::trim).collect();
    let (building, entrance, room) = match parts.as_slice() {
        [b, r] => (*b, "", *r),
        [b, e, r] => (*b, *e, *r),
        _ => return None,
    };
    (!building.is_empty() && !room.is_empty()).then(|| Unit {
        building: building.to_string(),
        entrance: entrance.to_string(),
        room: room.to_string(),
    })
}

/// The households a plan lists, typed one per line within `building`: `2单元-1201` or `1201`.
pub fn units_in_building(building: &str, lines: &str) -> Result<Vec<Unit>, ValidationError> {
    lines
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            unit_from_text(&format!("{building}-{l}"))
                .or_else(|| unit_from_text(l))
                .ok_or(ValidationError::Unreadable {
                    field: Field::Room,
                    input: l.to_string(),
                })
        })
        .collect()
}
