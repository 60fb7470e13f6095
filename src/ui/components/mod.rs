//! Small reusable pieces of the shell.

pub mod nav;
pub mod page;
pub mod update_banner;
