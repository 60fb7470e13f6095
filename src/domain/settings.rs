//! Shared settings, synced as events: clocks, day mode, business calendar, working hours,
//! categories, departments, the repeat window, the registered devices, and the organisation
//! and its duty rota ([`super::organisation`]).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::actor::Actor;
use super::calendar::{BusinessCalendar, DayMode};
use super::clocks::{Clock, ClockRule, default_rules};
use super::error::{DomainError, ValidationError};
use super::event::{EventBody, NewEvent};
use super::field::Field;
use super::hlc::Hlc;
use super::ids::{DeviceId, EventId, PersonId, RecordId, UnitId};
use super::number::DeviceCode;
use super::organisation::{OrgUnit, Shift};
use super::validate::{self, MAX_SHORT};
use super::workflow::{CommandKind, may_lead};

/// Standard working hours; outside them the duty lead acts as leader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            start: NaiveTime::from_hms_opt(8, 30, 0).expect("valid time"),
            end: NaiveTime::from_hms_opt(17, 30, 0).expect("valid time"),
        }
    }
}

impl WorkingHours {
    /// Whether `at` falls in working hours on a working day of `calendar`.
    pub fn contains(&self, at: DateTime<FixedOffset>, calendar: &BusinessCalendar) -> bool {
        calendar.is_working_day(at.date_naive()) && self.start <= at.time() && at.time() < self.end
    }
}

/// A configurable list entry: a category or a department.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedItem {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
}

impl NamedItem {
    /// The name in `lang`, falling back to the Chinese name when no English one is given.
    pub fn name(&self, lang: super::Lang) -> &str {
        match lang {
            super::Lang::En if !self.name_en.trim().is_empty() => &self.name_en,
            _ => &self.name_zh,
        }
    }
}

fn item(id: &str, zh: &str, en: &str) -> NamedItem {
    NamedItem {
        id: id.into(),
        name_zh: zh.into(),
        name_en: en.into(),
    }
}

/// The default complaint categories [P6 §4.2, P8 §4.1].
pub fn default_categories() -> Vec<NamedItem> {
    vec![
        item("product_quality", "产品质量", "product quality"),
        item("service_attitude", "服务态度", "service attitude"),
        item("business_process", "业务流程", "business process"),
        item("fees", "收费标准", "fees"),
        item("safety_hazard", "安全隐患", "safety hazard"),
        item(
            "environment_pollution",
            "环境污染",
            "environmental pollution",
        ),
        item("facilities", "设施设备", "facilities and equipment"),
        item("security_order", "安全秩序", "security and order"),
        item("cleaning", "环境卫生", "cleaning"),
        item("other", "其他", "other"),
    ]
}

/// The default departments.
pub fn default_departments() -> Vec<NamedItem> {
    vec![
        item("customer_service", "客服部", "customer service"),
        item("management", "管理部", "management"),
        item("engineering", "工程部", "engineering"),
        item("security", "保安部", "security"),
        item("cleaning", "保洁部", "cleaning"),
        item("finance", "财务", "finance"),
    ]
}

/// A registered device: its code appears in complaint numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceEntry {
    pub code: DeviceCode,
    pub label: String,
}

/// One change of the shared settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingChange {
    Clock {
        clock: Clock,
        rule: ClockRule,
    },
    DayMode(DayMode),
    PauseWhileWaiting(bool),
    Calendar(BusinessCalendar),
    WorkingHours(WorkingHours),
    RepeatWindowDays(u32),
    GroupSize(u32),
    Categories(Vec<NamedItem>),
    Departments(Vec<NamedItem>),
    /// The company's name, printed at the head of every form.
    CompanyName(String),
    Device {
        device: DeviceId,
        code: DeviceCode,
        label: String,
    },
    /// One unit of the organisation, whole, as a leader last set it.
    Unit {
        id: UnitId,
        unit: OrgUnit,
    },
    /// A drill is due this many months after the last one (0: no period).
    DrillEveryMonths(u32),
    /// A training session is due this many months after the last one (0: no period).
    TrainingEveryMonths(u32),
    /// Who is duty lead on a date and shift (`None` takes them off).
    Duty {
        day: NaiveDate,
        shift: Shift,
        person: Option<PersonId>,
    },
}

/// What a setting change writes; concurrent writes of one key are a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SettingKey {
    Clock(Clock),
    DayMode,
    PauseWhileWaiting,
    Calendar,
    WorkingHours,
    RepeatWindowDays,
    GroupSize,
    Categories,
    Departments,
    Device(DeviceId),
    CompanyName,
    Unit(UnitId),
    Duty(NaiveDate, Shift),
    DrillEveryMonths,
    TrainingEveryMonths,
}

impl SettingChange {
    pub fn key(&self) -> SettingKey {
        match self {
            SettingChange::Clock { clock, .. } => SettingKey::Clock(*clock),
            SettingChange::DayMode(_) => SettingKey::DayMode,
            SettingChange::PauseWhileWaiting(_) => SettingKey::PauseWhileWaiting,
            SettingChange::Calendar(_) => SettingKey::Calendar,
            SettingChange::WorkingHours(_) => SettingKey::WorkingHours,
            SettingChange::RepeatWindowDays(_) => SettingKey::RepeatWindowDays,
            SettingChange::GroupSize(_) => SettingKey::GroupSize,
            SettingChange::Categories(_) => SettingKey::Categories,
            SettingChange::Departments(_) => SettingKey::Departments,
            SettingChange::CompanyName(_) => SettingKey::CompanyName,
            SettingChange::Device { device, .. } => SettingKey::Device(*device),
            SettingChange::Unit { id, .. } => SettingKey::Unit(*id),
            SettingChange::DrillEveryMonths(_) => SettingKey::DrillEveryMonths,
            SettingChange::TrainingEveryMonths(_) => SettingKey::TrainingEveryMonths,
            SettingChange::Duty { day, shift, .. } => SettingKey::Duty(*day, *shift),
        }
    }

    /// Write the value into the settings.
    pub fn write(&self, s: &mut Settings) {
        match self.clone() {
            SettingChange::Clock { clock, rule } => {
                s.clocks.insert(clock, rule);
            }
            SettingChange::DayMode(v) => s.day_mode = v,
            SettingChange::PauseWhileWaiting(v) => s.pause_while_waiting = v,
            SettingChange::Calendar(v) => s.calendar = v,
            SettingChange::WorkingHours(v) => s.working_hours = v,
            SettingChange::RepeatWindowDays(v) => s.repeat_window_days = v,
            SettingChange::GroupSize(v) => s.group_size = v,
            SettingChange::Categories(v) => s.categories = v,
            SettingChange::Departments(v) => s.departments = v,
            SettingChange::CompanyName(v) => s.company_name = v,
            SettingChange::Device {
                device,
                code,
                label,
            } => {
                s.devices.insert(device, DeviceEntry { code, label });
            }
            SettingChange::Unit { id, unit } => {
                s.organisation.insert(id, unit);
            }
            SettingChange::DrillEveryMonths(v) => s.drill_every_months = v,
            SettingChange::TrainingEveryMonths(v) => s.training_every_months = v,
            SettingChange::Duty { day, shift, person } => {
                s.rota.insert((day, shift), person);
            }
        }
    }
}

/// The shared settings as folded from their events (defaults where nothing was changed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub clocks: BTreeMap<Clock, ClockRule>,
    pub day_mode: DayMode,
    pub pause_while_waiting: bool,
    pub calendar: BusinessCalendar,
    pub working_hours: WorkingHours,
    /// Repeat complaints: same complainant, same category, within this many days.
    pub repeat_window_days: u32,
    /// From this many complainants a complaint counts as a group complaint.
    pub group_size: u32,
    pub categories: Vec<NamedItem>,
    pub departments: Vec<NamedItem>,
    pub devices: BTreeMap<DeviceId, DeviceEntry>,
    /// Printed at the head of every form; empty until a leader sets it.
    pub company_name: String,
    /// The organisation's units, removed ones too (their history stays readable).
    pub organisation: BTreeMap<UnitId, OrgUnit>,
    /// The duty rota: who acts as leader outside working hours, by date and shift.
    pub rota: BTreeMap<(NaiveDate, Shift), Option<PersonId>>,
    /// How often drills are due, in months (0: no period).
    pub drill_every_months: u32,
    /// How often training is due, in months (0: no period).
    pub training_every_months: u32,
    /// Keys written concurrently, with every concurrent value.
    pub conflicts: BTreeMap<SettingKey, Vec<(EventId, SettingChange)>>,
    pub heads: Vec<EventId>,
    pub latest_hlc: Option<Hlc>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            clocks: default_rules(),
            day_mode: DayMode::CalendarDays,
            pause_while_waiting: false,
            calendar: BusinessCalendar::cn_2026(),
            working_hours: WorkingHours::default(),
            repeat_window_days: 90,
            group_size: 5,
            categories: default_categories(),
            departments: default_departments(),
            devices: BTreeMap::new(),
            company_name: String::new(),
            organisation: BTreeMap::new(),
            rota: BTreeMap::new(),
            drill_every_months: 0,
            training_every_months: 0,
            conflicts: BTreeMap::new(),
            heads: Vec::new(),
            latest_hlc: None,
        }
    }
}

impl Settings {
    /// Whether `at` is outside working hours, when the duty lead acts as leader.
    pub fn is_off_hours(&self, at: DateTime<FixedOffset>) -> bool {
        !self.working_hours.contains(at, &self.calendar)
    }

    pub fn category(&self, id: &str) -> Option<&NamedItem> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Device codes registered by more than one device (possible when two devices registered
    /// offline at once): complaint numbers could then collide, so the UI asks to re-register.
    pub fn duplicate_device_codes(&self) -> Vec<&DeviceCode> {
        let mut codes: Vec<&DeviceCode> = self.devices.values().map(|d| &d.code).collect();
        crate::domain::order::sort(&mut codes);
        let mut dups: Vec<&DeviceCode> = codes
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        dups.dedup();
        dups
    }
}

/// Check a settings change made by `actor` at `now` and return the event to record.
/// Only the leader (or deputy, or the duty lead off hours) changes shared settings.
pub fn apply_setting(
    settings: &Settings,
    change: &SettingChange,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Vec<NewEvent>, DomainError> {
    if !may_lead(actor, now, settings) {
        return Err(DomainError::NotPermitted {
            role: actor.role,
            action: CommandKind::ChangeSettings,
        });
    }
    super::admit::check_setting(change)?;
    let change = match change {
        SettingChange::Device {
            device,
            code,
            label,
        } => {
            if settings
                .devices
                .iter()
                .any(|(d, e)| d != device && e.code == *code)
            {
                return Err(ValidationError::DeviceCodeTaken {
                    code: code.to_string(),
                }
                .into());
            }
            SettingChange::Device {
                device: *device,
                code: code.clone(),
                label: validate::bounded(Field::PersonName, label, MAX_SHORT)?,
            }
        }
        SettingChange::Unit { id, unit } => SettingChange::Unit {
            id: *id,
            unit: super::organisation::check_unit(unit)?,
        },
        other => other.clone(),
    };
    Ok(vec![NewEvent {
        record: RecordId::SETTINGS,
        actor: actor.clone(),
        at: now,
        body: EventBody::SettingChanged { change },
    }])
}
