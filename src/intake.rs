//! The comment intake: the HTTP endpoint behind the site's "Viết bình luận" form.
//!
//! Owns: `POST /comments` (the form), `GET /captcha` (the image code), the replies readers
//! see (Vietnamese HTML, or JSON on request), the captcha tokens and the reader's address,
//! and with `serve --site DIR` the built site's files on every other path.
//! May not touch: SQL (the store's `submit_comment` decides and writes), the moderation
//! rules themselves (the domain), the terminal.
//!
//! `serve_on` runs the server on its own thread with a small tokio runtime, so the CLI and
//! the tests drive it the same way.

pub mod captcha;
#[cfg(test)]
mod captcha_tests;

mod address;
mod attempts;
mod connection;
mod file_body;
mod files;
mod form;
mod handlers;
mod page;
mod reply;
#[cfg(test)]
mod reply_tests;
mod server;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::domain::Rules;

pub use server::{Handle, serve_on};

/// The largest request body accepted: the form's caps (5,000 characters of content, a few
/// hundred for the rest) fit many times over even fully percent-encoded.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How the intake behaves, from the config file and the command line.
#[derive(Clone)]
pub struct Options {
    pub rules: Rules,
    /// Ask for the image code (`[intake] captcha`, off with `serve --no-captcha`).
    pub captcha: bool,
    /// How long an image code may be answered.
    pub captcha_seconds: i64,
    /// Spent image codes remembered at most (the oldest is forgotten first).
    pub spent_tokens: usize,
    /// Wrong or forged answers one reader may give within `captcha_failure_seconds`.
    pub captcha_failures: u32,
    pub captcha_failure_seconds: i64,
    /// How long a request's head may take from its first byte.
    pub header_timeout: Duration,
    /// How long a comment's body may take after its head.
    pub body_timeout: Duration,
    /// How long a connection may wait for its next request.
    pub idle_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Stop on Ctrl-C and SIGTERM. Only the real server wants this: the handlers are
    /// process-wide, so tests leave it off.
    pub stop_on_signals: bool,
    pub clock: Arc<dyn Clock>,
    /// The built site's folder, served beside the intake (`serve --site DIR`).
    pub site: Option<PathBuf>,
    /// Where the site's pages are read (`[site] base_url`; empty: the same origin), for
    /// the replies' links back to the article.
    pub base_url: String,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("rules", &self.rules)
            .field("captcha", &self.captcha)
            .field("captcha_seconds", &self.captcha_seconds)
            .field("spent_tokens", &self.spent_tokens)
            .field("captcha_failures", &self.captcha_failures)
            .field("captcha_failure_seconds", &self.captcha_failure_seconds)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("idle_timeout", &self.idle_timeout)
            .field("max_connections", &self.max_connections)
            .field("stop_on_signals", &self.stop_on_signals)
            .field("site", &self.site)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Options {
    /// The config file's rules and `[intake]` section, on the system clock.
    pub fn from_config(config: &Config) -> Options {
        Options {
            rules: config.rules.clone(),
            captcha: config.intake.captcha,
            captcha_seconds: config.intake.captcha_seconds,
            spent_tokens: captcha::SPENT_TOKENS,
            captcha_failures: config.intake.captcha_failures,
            captcha_failure_seconds: config.intake.captcha_failure_seconds,
            header_timeout: Duration::from_secs(config.intake.header_seconds),
            body_timeout: Duration::from_secs(config.intake.body_seconds),
            idle_timeout: Duration::from_secs(config.intake.idle_seconds),
            max_connections: config.intake.max_connections,
            stop_on_signals: false,
            clock: Arc::new(SystemClock),
            site: None,
            base_url: config.site.base_url.clone(),
        }
    }
}

/// Why the intake could not start or stopped badly; each is one sentence.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("The system's random number source failed ({0}): the captcha secret cannot be made.")]
    Random(getrandom::Error),
    #[error(
        "Cannot serve the site: {0}; build it with `newsroom site build --out DIR` or give --site the folder it wrote."
    )]
    Site(String),
    #[error("Cannot start the intake server: {0}.")]
    Start(std::io::Error),
    #[error("The intake server stopped unexpectedly: {0}.")]
    Crashed(String),
}
