//! The domain's native tests, one binary: the workflow, triage and the record, clocks, the
//! fold, statistics and the demo data. Helpers shared by all of them are in `common`.

mod common;

mod brief;
mod clocks;
mod demo;
mod fold;
mod ledger;
mod organisation;
mod paper;
mod pins;
mod plan_doc;
mod referrals;
mod stats;
mod tasks;
mod triage;
mod visits;
mod workflow;
