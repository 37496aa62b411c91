//! The published site: static HTML of the published articles, their tags and feeds,
//! written by `newsroom site build` and rebuilt when a comment is approved.
//!
//! Owns: the page model, the templates, Markdown, feeds and the site folder.
//! May not touch: SQL (the store pages the rows), the terminal.

mod build;
mod feeds;
mod markdown;
mod model;
mod render;
mod write;

use std::path::PathBuf;

pub use build::{Options, Report, build};
pub use markdown::to_html as markdown_to_html;
pub use render::{BUILT_IN, TemplateError, Templates};
pub use write::{MANIFEST, Written};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(
        "Cannot write {path}: {error}; check the folder's permissions and free space (the site was left as it was)."
    )]
    Io { path: PathBuf, error: std::io::Error },
    #[error(
        "{path} holds files that newsroom did not write: choose a new or empty folder for the site (a build replaces the whole folder)."
    )]
    NotASite { path: PathBuf },
    #[error("{path} cannot be the site's folder: give a folder inside another one, such as ./site.")]
    BadOut { path: PathBuf },
    #[error("The folder {path} does not exist: create it, or give the site another place.")]
    NoParent { path: PathBuf },
    #[error("No folder for the site: pass --out DIR, or set out under [site] in the config file.")]
    NoOut,
}
