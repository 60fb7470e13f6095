//! Views, routing, i18n and the shell around them. Holds no business rule: every decision comes
//! from `domain`, every write goes through `storage`.

pub mod app;
pub mod components;
pub mod exchange;
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod pwa;
pub mod replicate;
pub mod service;
pub mod state;
pub mod task;

pub use app::App;
