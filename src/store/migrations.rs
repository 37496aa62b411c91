//! Numbered schema migrations, tracked in `PRAGMA user_version`. Append only: a released
//! migration is never edited, a change is a new entry.

use rusqlite::{Connection, Transaction, TransactionBehavior};

/// One step of the schema: SQL, and for some a Rust step after it (folding text needs
/// Rust's Unicode tables, which SQLite does not have; long steps report their progress).
struct Migration {
    sql: &'static str,
    then: Option<RustStep>,
}

type RustStep = fn(&Transaction<'_>, &mut dyn FnMut(Progress)) -> rusqlite::Result<()>;

/// How far a long migration has got, for a progress bar on a big store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Rows indexed so far, of how many.
    Indexing {
        done: u64,
        total: u64,
    },
    /// Revisions packed so far, of how many to pack.
    Packing {
        done: u64,
        total: u64,
    },
    /// Giving the space freed back to the file system (one `VACUUM`, no count).
    Compacting,
    Done,
}

/// Each entry moves the schema from version `index` to `index + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("migrations/001_foundation.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/002_leases.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/003_moderation.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/004_search.sql"),
        then: Some(super::search_migrations::index_everything),
    },
    Migration {
        sql: include_str!("migrations/005_counts.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/006_faster_search.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/007_author_counts.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/008_workflow.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/009_media.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/010_tags.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/011_compact_store.sql"),
        then: Some(super::search_migrations::fill_indexes),
    },
    Migration {
        sql: include_str!("migrations/012_words.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/013_packed_revisions.sql"),
        then: Some(super::packed::pack_revisions),
    },
    Migration {
        sql: include_str!("migrations/014_title_index.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("migrations/015_article_comment_counts.sql"),
        then: None,
    },
];

/// The versions whose migrations free much of the file: reaching one from below is
/// followed by a `VACUUM` (once, however many were passed).
const COMPACTING_VERSIONS: &[i64] = &[11, 13];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration between the store's version and `target`, all in one
/// transaction, so a failure leaves the store at its old version.
pub fn migrate(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    migrate_reporting(conn, target, &mut |_| {})
}

/// `migrate`, telling `report` how a long one is going.
pub fn migrate_reporting(
    conn: &mut Connection,
    target: i64,
    report: &mut dyn FnMut(Progress),
) -> rusqlite::Result<()> {
    // Most opens find the schema current: don't take the write lock for nothing.
    let seen: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if seen >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read inside the lock: another session may have migrated while we waited.
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (index, step) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(current as usize)
    {
        tx.execute_batch(step.sql)?;
        if let Some(then) = step.then {
            then(&tx, report)?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    // A new store (from version 0) has nothing to give back.
    if current > 0 && COMPACTING_VERSIONS.iter().any(|&v| current < v && v <= target) {
        compact(conn, report)?;
    }
    report(Progress::Done);
    Ok(())
}

/// Rewrites the file once: dropping columns leaves every row shorter in pages as full as
/// before, and the old indexes' pages free. The schema is already current: a `VACUUM` that
/// fails or is stopped leaves a sound, only larger, file whose free room later writes use.
fn compact(conn: &Connection, report: &mut dyn FnMut(Progress)) -> rusqlite::Result<()> {
    report(Progress::Compacting);
    // Busy with another session's read, or short of room for the copy: later writes
    // fill the room instead.
    let _ = conn.execute_batch("VACUUM");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn from_empty_creates_every_table() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, LATEST_VERSION).unwrap();
        assert_eq!(version(&conn), LATEST_VERSION);
        let have = tables(&conn);
        for t in [
            "users",
            "ssh_keys",
            "articles",
            "article_revisions",
            "autosaves",
            "photos",
            "tags",
            "article_tags",
            "comments",
            "audit_log",
            "leases",
            "settings",
        ] {
            assert!(have.iter().any(|h| h == t), "missing table {t} in {have:?}");
        }
    }

    /// Every earlier version, with a row in it, migrates to the latest and keeps the row.
    #[test]
    fn from_each_previous_version() {
        for start in 0..LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate(&mut conn, start).unwrap();
            assert_eq!(version(&conn), start);
            if start >= 1 {
                conn.execute(
                    "INSERT INTO users (login, display_name, role, active, created_at) VALUES ('lan', 'Lan', 'reporter', 1, 0)",
                    [],
                )
                .unwrap();
            }
            migrate(&mut conn, LATEST_VERSION).unwrap();
            assert_eq!(version(&conn), LATEST_VERSION, "from {start}");
            if start >= 1 {
                let n: i64 = conn
                    .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(n, 1, "rows kept when migrating from {start}");
            }
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, LATEST_VERSION).unwrap();
        let before = tables(&conn);
        migrate(&mut conn, LATEST_VERSION).unwrap();
        assert_eq!(tables(&conn), before);
    }

    #[test]
    fn the_audit_log_is_append_only() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, LATEST_VERSION).unwrap();
        conn.execute(
            "INSERT INTO audit_log (at, login, action, entity, entity_id) VALUES (0, 'x', 'a', 'e', '1')",
            [],
        )
        .unwrap();
        assert!(conn.execute("UPDATE audit_log SET action = 'b'", []).is_err());
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    }
}
