//! Small reusable pieces of the shell.

pub mod form;
pub mod nav;
pub mod page;
pub mod people;
pub mod update_banner;
