//! Opening the store to read only, for the command line's listings.
//!
//! Owns: the read-only connection and when to fall back to the ordinary open. May not
//! touch: the schema (an upgrade is the ordinary open's).
//!
//! A listing changes nothing, yet a read-write connection that is the last to close
//! checkpoints the WAL and deletes the `-wal` and `-shm` files, which the next command
//! makes again: about 0.1 ms of every listing (README → Performance → Start-up). A
//! read-only connection reads the WAL as it is and leaves the files as it found them, as
//! the `sqlite3 -readonly` shell does.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::migrations::{LATEST_VERSION, Progress};
use super::open::{BUSY_TIMEOUT, prepare_file, remember_open};
use super::{OpenMode, Store, StoreError};

impl Store {
    /// Opens an existing store for reading only. A store that needs the ordinary open — an
    /// upgrade, WAL mode to set, a refusal to word (not a store, too new, damaged) — gets
    /// it, so every refusal reads as it does for any command.
    ///
    /// The read-only connection is closed before the ordinary one opens; like every open
    /// it must not happen while this process has another connection to the store (closing
    /// any descriptor of the file drops the process's locks on it).
    pub fn open_to_read(path: &Path, report: &mut dyn FnMut(Progress)) -> Result<Store, StoreError> {
        prepare_file(path, OpenMode::MustExist)?;
        match read_only(path) {
            Ok(Some(store)) => {
                remember_open(path);
                Ok(store)
            }
            Ok(None) | Err(_) => Self::open_reporting(path, OpenMode::MustExist, report),
        }
    }
}

/// The read-only store, or None when the ordinary open has work to do.
fn read_only(path: &Path) -> Result<Option<Store>, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    if version != LATEST_VERSION || !journal.eq_ignore_ascii_case("wal") {
        return Ok(None);
    }
    super::search::register_functions(&conn)?;
    let mut store = Store {
        conn,
        path: path.to_owned(),
        seen_data_version: 0,
        checked_before_write: false,
    };
    store.changed_elsewhere()?;
    Ok(Some(store))
}
