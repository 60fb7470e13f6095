//! Who does things: people with a role, and the system itself.

use serde::{Deserialize, Serialize};

use super::ids::PersonId;
use super::lang::labels;

/// The roles that gate actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 组长 / 总指挥: activates and terminates, approves plans, de-escalates, reviews summaries.
    Leader,
    /// 副组长: the leader's powers.
    Deputy,
    /// 值班负责人: staff powers, and the leader's outside working hours.
    DutyLead,
    /// 客服: records, assesses, dispatches, investigates, replies, follows up.
    Staff,
    /// 部门负责人: signs for dispatched forms and records the department's handling.
    DepartmentHead,
    /// The app itself (automatic escalation); no person acts with it.
    System,
}

labels!(Role {
    Leader => ("组长", "leader"),
    Deputy => ("副组长", "deputy leader"),
    DutyLead => ("值班负责人", "duty lead"),
    Staff => ("客服人员", "staff member"),
    DepartmentHead => ("部门负责人", "department head"),
    System => ("系统", "system"),
});

/// The person (or the system) behind an event.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
}

impl Actor {
    pub fn new(id: PersonId, name: impl Into<String>, role: Role) -> Self {
        Actor {
            id,
            name: name.into(),
            role,
        }
    }

    /// The system actor that records automatic events.
    pub fn system() -> Self {
        Actor {
            id: PersonId::SYSTEM,
            name: "系统 / System".into(),
            role: Role::System,
        }
    }
}
