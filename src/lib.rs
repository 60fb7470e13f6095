//! Complaint-emergency tool: the major-complaint plan (重大投诉处理应急预案) on an offline tablet.
//!
//! Layers run `ui → (sync | storage) → format → domain`, and `ui → demo → domain` for the demo
//! data; see ARCHITECTURE.md.
pub mod demo;
pub mod domain;
pub mod format;
pub mod storage;
pub mod sync;
pub mod ui;
