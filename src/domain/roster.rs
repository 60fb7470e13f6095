//! The roster: people and their roles, synced as events, one record per person.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::actor::{Actor, Role};
use super::error::DomainError;
use super::event::{EventBody, NewEvent};
use super::field::Field;
use super::hlc::Hlc;
use super::ids::{EventId, PersonId, RecordId};
use super::lock::PinHash;
use super::settings::Settings;
use super::validate::{self, MAX_SHORT};
use super::workflow::{CommandKind, may_lead};

/// One change to a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum PersonChange {
    Name(String),
    Role(Role),
    Department(Option<String>),
    Active(bool),
    /// The person's PIN as a slow salted hash, or none (a leader cleared it).
    Pin(Option<PinHash>),
}

/// What a person change writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PersonField {
    Name,
    Role,
    Department,
    Active,
    Pin,
}

impl PersonChange {
    pub fn field(&self) -> PersonField {
        match self {
            PersonChange::Name(_) => PersonField::Name,
            PersonChange::Role(_) => PersonField::Role,
            PersonChange::Department(_) => PersonField::Department,
            PersonChange::Active(_) => PersonField::Active,
            PersonChange::Pin(_) => PersonField::Pin,
        }
    }

    pub fn write(&self, p: &mut Person) {
        match self.clone() {
            PersonChange::Name(v) => p.name = v,
            PersonChange::Role(v) => p.role = v,
            PersonChange::Department(v) => p.department = v,
            PersonChange::Active(v) => p.active = v,
            PersonChange::Pin(v) => p.pin = v,
        }
    }
}

/// A roster entry as folded from its events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    pub active: bool,
    /// The PIN's hash; signing in as this person asks for the PIN when there is one.
    pub pin: Option<PinHash>,
    pub conflicts: BTreeMap<PersonField, Vec<(EventId, PersonChange)>>,
    pub heads: Vec<EventId>,
    pub latest_hlc: Hlc,
}

impl Person {
    /// The person as the actor of their events.
    pub fn actor(&self) -> Actor {
        Actor::new(self.id, self.name.clone(), self.role)
    }
}

/// A roster command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RosterCommand {
    Add {
        id: PersonId,
        name: String,
        role: Role,
        department: Option<String>,
    },
    Change(PersonChange),
}

/// Check a roster command and return the event to record. The leader (or deputy, or the duty
/// lead off hours) manages the roster; nobody is given the system role. A person sets their own
/// PIN; a leader may also clear or set anyone's (for someone who forgot theirs).
pub fn apply_roster(
    person: Option<&Person>,
    command: &RosterCommand,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    settings: &Settings,
) -> Result<Vec<NewEvent>, DomainError> {
    let own_pin = matches!(
        (person, command),
        (Some(p), RosterCommand::Change(PersonChange::Pin(_))) if p.id == actor.id
    );
    if !own_pin && !may_lead(actor, now, settings) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action: CommandKind::ManageRoster,
        });
    }
    let system_role = || DomainError::NotPermitted {
        role: Role::System,
        action: CommandKind::ManageRoster,
    };
    let (record, body) = match (person, command) {
        (Some(_), RosterCommand::Add { .. }) => return Err(DomainError::AlreadyReceived),
        (None, RosterCommand::Change(_)) => return Err(DomainError::NoComplaint),
        (
            None,
            RosterCommand::Add {
                id,
                name,
                role,
                department,
            },
        ) => {
            if *role == Role::System {
                return Err(system_role());
            }
            let body = EventBody::PersonAdded {
                name: validate::required(Field::PersonName, name, MAX_SHORT)?,
                role: *role,
                department: validate::optional(Field::Department, department, MAX_SHORT)?,
            };
            (RecordId(id.0), body)
        }
        (Some(p), RosterCommand::Change(change)) => {
            let change = match change {
                PersonChange::Name(n) => {
                    PersonChange::Name(validate::required(Field::PersonName, n, MAX_SHORT)?)
                }
                PersonChange::Role(Role::System) => return Err(system_role()),
                PersonChange::Department(d) => {
                    PersonChange::Department(validate::optional(Field::Department, d, MAX_SHORT)?)
                }
                other => other.clone(),
            };
            (RecordId(p.id.0), EventBody::PersonChanged { change })
        }
    };
    super::admit::check_body(&body)?;
    Ok(vec![NewEvent {
        record,
        actor: actor.clone(),
        at: now,
        body,
    }])
}

/// The changes a leader's edit of `person` makes: one per field that differs, in the order name,
/// role, department, active. A role that holds the leader's powers needs a PIN: when the person
/// has none, `pin_given` says a new one comes with the edit.
pub fn edits(
    person: &Person,
    name: &str,
    role: Role,
    department: Option<String>,
    active: bool,
    pin_given: bool,
) -> Result<Vec<PersonChange>, DomainError> {
    if super::lock::needs_pin(role) && person.pin.is_none() && !pin_given {
        return Err(DomainError::Invalid(
            super::error::ValidationError::Required(Field::PersonPin),
        ));
    }
    let name = validate::required(Field::PersonName, name, MAX_SHORT)?;
    let department = validate::optional(Field::Department, &department, MAX_SHORT)?;
    let mut out = Vec::new();
    if name != person.name {
        out.push(PersonChange::Name(name));
    }
    if role != person.role {
        out.push(PersonChange::Role(role));
    }
    if department != person.department {
        out.push(PersonChange::Department(department));
    }
    if active != person.active {
        out.push(PersonChange::Active(active));
    }
    Ok(out)
}
