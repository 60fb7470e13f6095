//! The plans' rules: pure Rust, no I/O, no browser. Time and randomness are always parameters.
//!
//! - [`event`]: immutable events, [`DeviceClock::stamp`] gives them id, seq, hlc and `prev`.
//! - [`hlc`], [`version_vector`]: ordering and sync bookkeeping.
//! - [`complaint`], [`field`], [`validate`], [`number`]: the record (§1) and its checks.
//! - [`triage`]: criteria, suggested level, repeat complaints (§2).
//! - [`workflow`]: states, commands, roles and the pure [`apply`] (§4).
//! - [`fold`]: records derived from events, conflicts and the review list.
//! - [`clocks`], [`calendar`]: time limits and the business calendar (§5).
//! - [`settings`], [`roster`]: shared settings and people, also synced as events;
//!   [`organisation`]: the units, contacts and duty rota kept in the settings.
//! - [`admit`]: the checks every event passes on every way in (commands, files).
//! - [`brief`]: what the first screens need of a complaint, read without its whole view.
//! - [`search`]: what a search matches, the list's filters and order.
//! - [`stats`]: period statistics (§6).

pub mod actor;
pub mod admit;
pub mod board;
pub mod brief;
pub mod calendar;
pub mod case_file;
pub mod clocks;
pub mod complaint;
pub mod error;
pub mod event;
pub mod field;
pub mod fold;
pub mod form;
pub mod hlc;
pub mod ids;
pub mod lang;
pub mod ledger;
pub mod lock;
pub mod number;
pub mod order;
pub mod organisation;
pub mod paper;
pub mod plan_doc;
pub mod roster;
pub mod search;
pub mod settings;
pub mod stats;
pub mod triage;
pub mod validate;
pub mod version_vector;
pub mod visits;
pub mod workflow;

pub use actor::{Actor, Role};
pub use brief::Brief;
pub use calendar::{BusinessCalendar, DayMode, Holiday};
pub use clocks::{
    Clock, ClockFacts, ClockRule, ClockStatus, ClockView, Span, auto_escalations, due_time,
    evaluate, evaluate_clock, next_due, uncovered_year,
};
pub use complaint::{
    Channel, Complainant, Complaint, ComplaintDetails, Evidence, EvidenceKind, FollowUp, Minutes,
    OutcomeClass, Reply, Satisfaction, Severity, Summary, Task, Unit, Validity,
};
pub use error::{DomainError, SettingProblem, ValidationError};
pub use event::{DeviceClock, Event, EventBody, NewEvent, Seal};
pub use field::{Field, FieldChange};
pub use fold::{fold_complaint, fold_complaints, fold_person, fold_roster, fold_settings};
pub use hlc::{Hlc, HlcClock};
pub use ids::{ComplaintId, DeviceId, EventId, PersonId, RecordId};
pub use lang::Lang;
pub use lock::PinHash;
pub use number::{ComplaintNumber, DeviceCode};
pub use roster::{Person, PersonChange, RosterCommand, apply_roster};
pub use settings::{SettingChange, Settings, apply_setting};
pub use triage::{Criterion, criteria_from_record, find_repeats, repeat_flags, suggest};
pub use validate::Phone;
pub use version_vector::VersionVector;
pub use workflow::{
    Command, CommandKind, WorkflowState, allowed_commands, apply, level_change_targets,
};
