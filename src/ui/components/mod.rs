//! Small reusable pieces of the shell.

pub mod actions;
pub mod attachment;
pub mod calendar_warning;
pub mod case_lines;
pub mod clocks;
pub mod demo;
pub mod form;
pub mod history;
pub mod lock;
pub mod nav;
pub mod page;
pub mod people;
pub mod print;
pub mod related;
pub mod row;
pub mod shared_settings;
pub mod signature;
pub mod timeline;
pub mod update_banner;
