//! The organisation [P1 §3, P5 §3.2, P9 §3]: the leadership group, the emergency office, the
//! working teams, the departments with their emergency duties and the outside contacts, each
//! with members and phone numbers, and the order in which they are called when the plan is
//! activated; and the duty rota, which says who acts as leader outside working hours.
//!
//! Both are shared settings ([`super::settings::SettingChange::Unit`] and
//! [`super::settings::SettingChange::Duty`]): a leader sets them, every device syncs them, and
//! two leaders changing one unit or one shift at once is a conflict like any other setting.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use super::actor::Role;
use super::error::ValidationError;
use super::field::Field;
use super::ids::PersonId;
use super::lang::labels;
use super::roster::Person;
use super::settings::{Settings, WorkingHours};
use super::validate::{MAX_SHORT, MAX_TEXT, bounded, required};

/// Most members one unit lists.
pub const MAX_MEMBERS: usize = 40;
/// Longest phone number (characters), extension included.
pub const MAX_PHONE: usize = 30;

pub use super::ids::UnitId;

/// What a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    /// 应急处理领导小组 / 应急指挥部.
    LeadershipGroup,
    /// 应急处理办公室, which runs the plan day to day.
    Office,
    /// A working team (信息收集, 调查核实, 沟通协调, 预案执行).
    Team,
    /// A department with emergency duties.
    Department,
    /// Someone outside: legal counsel, finance, PR, government, police, fire, the 12345 hotline.
    Contact,
}

labels!(UnitKind {
    LeadershipGroup => ("领导小组", "leadership group"),
    Office => ("应急办公室", "emergency office"),
    Team => ("工作小组", "working team"),
    Department => ("部门", "department"),
    Contact => ("外部联系人", "outside contact"),
});

impl UnitKind {
    pub const ALL: [UnitKind; 5] = [
        UnitKind::LeadershipGroup,
        UnitKind::Office,
        UnitKind::Team,
        UnitKind::Department,
        UnitKind::Contact,
    ];
}

/// One member of a unit: a name, their role in it, a phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub role: String,
    pub phone: String,
}

/// One unit as a leader last set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgUnit {
    pub kind: UnitKind,
    pub name: String,
    /// What the unit does in an emergency, or when to call the contact.
    pub duty: String,
    /// The unit's own number (a switchboard, 110, a lawyer's office).
    pub phone: String,
    pub members: Vec<Member>,
    /// Its place in the list of calls made when the plan is activated; `None` when it is not
    /// called then.
    pub call_order: Option<u32>,
    /// Taken out of the organisation; kept so its history stays readable.
    pub removed: bool,
}

/// A shift of the duty rota: the day shift of a date covers its working hours, the night shift
/// runs from the end of working hours to their start on the next day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shift {
    Day,
    Night,
}

labels!(Shift {
    Day => ("白班", "day"),
    Night => ("夜班", "night"),
});

impl Shift {
    pub const ALL: [Shift; 2] = [Shift::Day, Shift::Night];
}

/// The date and shift a moment falls in: before working hours start it is still the previous
/// date's night.
pub fn shift_at(at: DateTime<FixedOffset>, hours: &WorkingHours) -> (NaiveDate, Shift) {
    let day = at.date_naive();
    let time = at.time();
    if time < hours.start {
        (
            day.checked_sub_days(Days::new(1)).unwrap_or(day),
            Shift::Night,
        )
    } else if time < hours.end {
        (day, Shift::Day)
    } else {
        (day, Shift::Night)
    }
}

/// Who may be put on the rota: people who hold the leader's powers and so sign in with a PIN.
pub fn may_be_on_duty(p: &Person) -> bool {
    p.active && super::lock::needs_pin(p.role)
}

/// A duty assignment as a leader made it, checked against the roster: the person is active and
/// holds a role that signs in with a PIN (leader, deputy, duty lead).
pub fn check_duty(person: Option<&Person>) -> Result<(), ValidationError> {
    match person {
        Some(p) if may_be_on_duty(p) => Ok(()),
        _ => Err(ValidationError::Required(Field::DutyPerson)),
    }
}

impl Settings {
    /// The person on the rota at `at`, if the rota names one.
    pub fn on_duty(&self, at: DateTime<FixedOffset>) -> Option<PersonId> {
        self.rota
            .get(&shift_at(at, &self.working_hours))
            .copied()
            .flatten()
    }

    /// The units still in the organisation, of one kind, by name.
    pub fn units_of(&self, kind: UnitKind) -> Vec<(UnitId, &OrgUnit)> {
        let mut out: Vec<(UnitId, &OrgUnit)> = self
            .organisation
            .iter()
            .filter(|(_, u)| u.kind == kind && !u.removed)
            .map(|(id, u)| (*id, u))
            .collect();
        super::order::sort_by_key(&mut out, |(_, u)| u.name.clone());
        out
    }

    /// Who to call when the plan is activated, in order.
    pub fn call_list(&self) -> Vec<(UnitId, &OrgUnit)> {
        let mut out: Vec<(u32, String, UnitId, &OrgUnit)> = self
            .organisation
            .iter()
            .filter(|(_, u)| !u.removed)
            .filter_map(|(id, u)| u.call_order.map(|n| (n, u.name.clone(), *id, u)))
            .collect();
        super::order::sort_by_key(&mut out, |(n, name, _, _)| (*n, name.clone()));
        out.into_iter().map(|(_, _, id, u)| (id, u)).collect()
    }
}

/// A number someone can dial: digits with `+`, `-`, spaces, parentheses, and an extension
/// after `#`, `,` or `转`; 3 digits at least (110, 119, 12345), 30 characters at most. Blank is
/// allowed (a unit without a number of its own).
pub fn dialable(field: Field, input: &str) -> Result<String, ValidationError> {
    let v = bounded(field, input, MAX_PHONE)?;
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '#' | ',' | '转'));
    if v.is_empty() || (allowed && digits >= 3) {
        Ok(v)
    } else {
        Err(ValidationError::Dialable { input: v })
    }
}

/// The `tel:` address of a number: its digits and `+`, with `,` before an extension.
pub fn tel_href(phone: &str) -> String {
    let mut out = String::from("tel:");
    for c in phone.chars() {
        match c {
            '0'..='9' | '+' => out.push(c),
            '#' | ',' | '转' => out.push(','),
            _ => {}
        }
    }
    out
}

/// A unit as a form or a file gives it, checked and trimmed: a name; bounded duty text; every
/// number dialable; every member named; at most [`MAX_MEMBERS`] members.
pub fn check_unit(unit: &OrgUnit) -> Result<OrgUnit, ValidationError> {
    if unit.members.len() > MAX_MEMBERS {
        return Err(ValidationError::TooMany {
            field: Field::Members,
            max: MAX_MEMBERS,
        });
    }
    let members = unit
        .members
        .iter()
        .map(|m| {
            Ok(Member {
                name: required(Field::PersonName, &m.name, MAX_SHORT)?,
                role: bounded(Field::Role, &m.role, MAX_SHORT)?,
                phone: dialable(Field::Phone, &m.phone)?,
            })
        })
        .collect::<Result<Vec<_>, ValidationError>>()?;
    Ok(OrgUnit {
        kind: unit.kind,
        name: required(Field::UnitName, &unit.name, MAX_SHORT)?,
        duty: bounded(Field::Duty, &unit.duty, MAX_TEXT)?,
        phone: dialable(Field::Phone, &unit.phone)?,
        members,
        call_order: unit.call_order,
        removed: unit.removed,
    })
}

/// The organisation a company starts from, in our words: the group, the office, the four
/// working teams of P1 and the departments' duties of P9 §3.2, with the public numbers of the
/// police, fire service and 12345 hotline. Names and numbers of people are left to fill in.
pub fn starting_organisation(lang: super::Lang) -> Vec<OrgUnit> {
    let zh = lang == super::Lang::Zh;
    let unit = |kind, name: (&str, &str), duty: (&str, &str), phone: &str, order| OrgUnit {
        kind,
        name: if zh { name.0 } else { name.1 }.to_owned(),
        duty: if zh { duty.0 } else { duty.1 }.to_owned(),
        phone: phone.to_owned(),
        members: Vec::new(),
        call_order: order,
        removed: false,
    };
    use UnitKind as K;
    vec![
        unit(
            K::LeadershipGroup,
            ("应急处理领导小组", "Emergency leadership group"),
            (
                "决定启动和终止预案，审批处理方案，调配各部门力量。",
                "Decides to activate and end the plan, approves handling plans, directs the departments.",
            ),
            "",
            Some(1),
        ),
        unit(
            K::Office,
            ("应急处理办公室", "Emergency office"),
            (
                "日常运行预案，汇总信息，向领导小组报告进展。",
                "Runs the plan day to day, gathers information, reports progress to the group.",
            ),
            "",
            Some(2),
        ),
        unit(
            K::Team,
            ("信息收集组", "Information team"),
            (
                "收集、登记和上报投诉信息。",
                "Collects, records and reports complaint information.",
            ),
            "",
            None,
        ),
        unit(
            K::Team,
            ("调查核实组", "Investigation team"),
            (
                "现场调查，核实事实和责任。",
                "Investigates on site, establishes facts and responsibility.",
            ),
            "",
            None,
        ),
        unit(
            K::Team,
            ("沟通协调组", "Communication team"),
            (
                "与投诉人及各方沟通，安抚情绪。",
                "Talks with the complainant and others, calms the situation.",
            ),
            "",
            None,
        ),
        unit(
            K::Team,
            ("预案执行组", "Execution team"),
            (
                "落实处理方案和整改措施。",
                "Carries out the handling plan and the corrective work.",
            ),
            "",
            None,
        ),
        unit(
            K::Department,
            ("客服部", "Customer service"),
            (
                "收集材料，与业主沟通，组织员工预案培训。",
                "Collects material, talks with owners, trains staff on the plan.",
            ),
            "",
            Some(3),
        ),
        unit(
            K::Department,
            ("保安部", "Security"),
            (
                "疏导车辆，维持现场秩序。",
                "Directs vehicles and keeps order on site.",
            ),
            "",
            Some(4),
        ),
        unit(
            K::Department,
            ("工程部", "Engineering"),
            ("保障设施设备正常运行。", "Keeps the equipment running."),
            "",
            Some(5),
        ),
        unit(
            K::Contact,
            ("法律顾问", "Legal counsel"),
            (
                "投诉涉及法律问题时咨询。",
                "Consulted when a complaint raises legal questions.",
            ),
            "",
            None,
        ),
        unit(
            K::Contact,
            ("公安报警", "Police"),
            (
                "现场秩序失控或有人身危险时拨打。",
                "Called when order breaks down or someone is in danger.",
            ),
            "110",
            None,
        ),
        unit(
            K::Contact,
            ("消防", "Fire service"),
            ("发生火情时拨打。", "Called for a fire."),
            "119",
            None,
        ),
        unit(
            K::Contact,
            ("政务服务便民热线", "Government hotline"),
            (
                "12345 转办的投诉按其时限答复。",
                "Complaints referred by 12345 are answered within its deadline.",
            ),
            "12345",
            None,
        ),
    ]
}

/// Whether a role may lead at a moment the rota covers: the named person, if they still hold a
/// role that signs in with a PIN.
pub fn rota_names(on_duty: PersonId, id: PersonId, role: Role) -> bool {
    on_duty == id && super::lock::needs_pin(role)
}
