//! The native tests of the file format and sync, one binary: bundle files, convergence of many
//! devices, the published JSON Schema, and the golden files earlier versions wrote. Helpers
//! shared by all of them are in `support`.

#[allow(dead_code)]
#[path = "../support/history.rs"]
mod history;
mod support;

mod bundle;
mod chain;
mod convergence;
mod couch;
mod golden;
mod schema;
