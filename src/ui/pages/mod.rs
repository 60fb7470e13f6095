//! One page per file.

pub mod dashboard;
pub mod detail;
pub mod ledger;
pub mod list;
pub mod new_complaint;
pub mod not_found;
pub mod organisation;
pub mod plan_doc;
pub mod settings;
pub mod statistics;
pub mod sync;
pub mod visits;
