//! Newsroom: a terminal newsroom editor over one SQLite store.
//!
//! Layers point one way: `domain` and `text` are pure; `store` is the only SQL; `app` turns
//! actions into state changes and store calls; `ui` draws from `&App`; `tui` owns the
//! terminal; `cli` prints. See DESIGN.md beside the repository.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod i18n;
pub mod input;
pub mod intake;
pub mod keymap;
pub mod media;
pub mod rescue;
pub mod site;
pub mod spelling;
pub mod store;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tui;
pub mod ui;
