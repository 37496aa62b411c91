//! The SQLite store: opening, migrations, one file per aggregate, the audit log.
//!
//! Owns: every SQL statement in the crate. Writes run in `BEGIN IMMEDIATE` transactions,
//! check permissions through the domain, and append an audit row in the same transaction.
//! May not touch: the terminal, the clock (callers pass `now`), drawing.

mod agenda;
mod article_pages;
mod articles;
mod audit;
mod autosaves;
mod backup;
mod bulk;
mod comments;
mod conversation;
mod damage;
mod error;
mod fast_load;
mod fast_load_levels;
#[cfg(test)]
mod fast_load_tests;
mod migrations;
mod moderation;
mod open;
mod open_read;
mod packed;
mod photos;
#[cfg(test)]
mod query_plan_tests;
mod queue_pages;
mod revisions;
#[cfg(test)]
mod revisions_tests;
mod search;
mod search_migrations;
mod settings;
mod site;
mod tags;
#[cfg(test)]
mod upgrade_tests;
mod users;
mod words;
mod workflow;

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use agenda::{AgendaCounts, AgendaKey, AgendaRow, AgendaWindow, Section};
pub use article_pages::ArticleLine;
pub use articles::{ArticleKey, ArticleRow, SeedArticle};
pub use audit::{AuditEntry, AuditRow};
pub use autosaves::{AUTOSAVE_REVISION_EVERY, Autosave};
pub use bulk::{PreparedArticle, PreparedComment, SampleOutcome};
pub use comments::{AuthorHistory, CommentKey, NewComment, Pattern};
pub use conversation::Conversation;
pub use damage::{CHECK_BEFORE_WRITE, check_in_background, damage, mark_damaged, marker_path};
pub use error::StoreError;
pub use fast_load::{FastLoad, FinishStep};
pub use migrations::{LATEST_VERSION, Progress};
pub use moderation::{ArticleRef, BulkOutcome, Decision, Received, Submission, SubmitError, import_key};
pub use open::{OpenMode, is_open_store_file};
pub use packed::PackedText;
pub use photos::{AltText, PhotoChange};
pub use revisions::{LeaseOutcome, Revision, RevisionRow, SaveRequest, SlugSource};
pub use search::{COUNT_CAP, SNIPPET_CHARS, Toward};
pub use site::{OldSlug, SiteComment, SiteEntry, SiteKey, SiteTag};
pub use tags::{TagChange, TagRow, Tagged};
pub use workflow::{DueOutcome, ScheduleKey};

/// One connection to the store file. Each process (TUI session, CLI command) has its own.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The last `PRAGMA data_version` seen, to notice commits by other connections.
    seen_data_version: i64,
    /// Whether this connection has passed the check before its first write (damage.rs).
    checked_before_write: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True once per commit made by any other connection since the last call.
    pub fn changed_elsewhere(&mut self) -> Result<bool, StoreError> {
        // Asked on every tick: the statement is kept, not prepared again each time.
        let now: i64 = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        let changed = now != self.seen_data_version;
        self.seen_data_version = now;
        Ok(changed)
    }

    /// Writers take the lock up front so that concurrent sessions queue on busy_timeout
    /// instead of failing with "database is locked" when a read upgrades to a write.
    fn write(&mut self) -> Result<Transaction<'_>, StoreError> {
        self.guard_write()?;
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

fn to_seconds(t: Timestamp) -> i64 {
    t.as_second()
}

fn from_seconds(s: i64) -> Timestamp {
    Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH)
}
