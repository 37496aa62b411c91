//! Damage found in the store file, and the writes it stops.
//!
//! A full check reads the whole file (`PRAGMA quick_check`: about 4 s for a 2.3 GB store of
//! a million comments, warm), so it cannot run before every write. What runs when:
//! - every write looks for the damage marker (one `stat`);
//! - the first write of each connection runs the full check first when the file is at most
//!   `CHECK_BEFORE_WRITE` (about a tenth of a second there), so command-line writes to an
//!   ordinary store are checked every time;
//! - every TUI and intake server checks the whole file on a thread of its own at start, and
//!   `backup` and `doctor` check it too;
//! - SQLite itself reports damage in any page a command reads or writes.
//!
//! Whoever finds damage writes the marker, `<store>.damaged`, beside the store: every
//! process on the store then refuses to write until `newsroom doctor` finds the file sound
//! again (after a restore from a backup). The marker is a separate file, so writing it never
//! touches the store file's descriptors (see `open.rs`).

use std::fs::{self, OpenOptions};
use std::io::{Read as _, Write as _};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{Store, StoreError};

/// Stores up to this size are checked in full before a connection's first write.
pub const CHECK_BEFORE_WRITE: u64 = 64 * 1024 * 1024;
/// The marker holds one line; anything longer was not written by us.
const MARKER_LIMIT: u64 = 4096;

/// The file whose presence stops writes to the store at `db`.
pub fn marker_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".damaged");
    PathBuf::from(name)
}

/// What damage was found in the store at `db`, if any process found some.
pub fn damage(db: &Path) -> Option<String> {
    let mut file = fs::File::open(marker_path(db)).ok()?;
    let mut text = String::new();
    let _ = std::io::Read::by_ref(&mut file)
        .take(MARKER_LIMIT)
        .read_to_string(&mut text);
    // The first line says what was found; the second, when.
    let detail = text.lines().next().unwrap_or_default().trim();
    Some(if detail.is_empty() {
        "found by an earlier check".to_owned()
    } else {
        detail.to_owned()
    })
}

/// Records damage found in the store at `db`, so every process stops writing to it.
pub fn mark_damaged(db: &Path, detail: &str, now: Timestamp) -> std::io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o660)
        .open(marker_path(db))?;
    let line: String = detail.chars().filter(|c| !c.is_control()).take(500).collect();
    writeln!(file, "{line}\nfound {now}")?;
    file.sync_all()
}

impl Store {
    fn is_file(&self) -> bool {
        self.path.as_os_str() != ":memory:"
    }

    /// Damage recorded for this store by any process.
    pub fn damage(&self) -> Option<String> {
        if self.is_file() { damage(&self.path) } else { None }
    }

    /// The full structural check. Damage found is recorded, so every process stops writing.
    pub fn quick_check(&self) -> Result<(), StoreError> {
        self.check_with("PRAGMA quick_check(1)")
    }

    /// Runs one of SQLite's checks; its complaint, or an error it raised, is damage.
    fn check_with(&self, pragma: &str) -> Result<(), StoreError> {
        let verdict = self
            .conn
            .query_row(pragma, [], |r| r.get::<_, String>(0))
            .map_err(|e| match StoreError::from_sqlite_at(e, &self.path) {
                StoreError::Corrupt { detail, .. } => Ok(detail),
                other => Err(other),
            });
        let detail = match verdict {
            Ok(ok) if ok == "ok" => return Ok(()),
            Ok(detail) | Err(Ok(detail)) => detail,
            Err(Err(other)) => return Err(other),
        };
        self.note_damage(&detail);
        Err(StoreError::Corrupt {
            path: self.path.clone(),
            detail,
        })
    }

    /// Called with any error a store call returned: damage SQLite reported is recorded.
    pub fn note_error(&self, e: &StoreError) {
        if let Some(detail) = e.damage_detail() {
            self.note_damage(&detail);
        }
    }

    fn note_damage(&self, detail: &str) {
        if self.is_file() && damage(&self.path).is_none() {
            // Best effort: the refusal that follows says what is wrong either way.
            let _ = mark_damaged(&self.path, detail, Timestamp::now());
        }
    }

    /// Runs before every write: refuses when damage is on record, and checks the whole file
    /// before this connection's first write when that is cheap.
    pub(super) fn guard_write(&mut self) -> Result<(), StoreError> {
        if !self.is_file() {
            return Ok(());
        }
        super::open::check_room(super::open::folder_of(&self.path))?;
        if let Some(detail) = damage(&self.path) {
            return Err(StoreError::WritesStopped {
                path: self.path.clone(),
                detail,
            });
        }
        if !self.checked_before_write {
            let small = fs::metadata(&self.path).is_ok_and(|m| m.len() <= CHECK_BEFORE_WRITE);
            if small {
                self.quick_check().map_err(|e| match e {
                    StoreError::Corrupt { path, detail } => StoreError::WritesStopped { path, detail },
                    other => other,
                })?;
            }
            self.checked_before_write = true;
        }
        Ok(())
    }

    /// `doctor`: checks the whole file, indexes included; when it is sound, allows writes
    /// again. Returns whether damage was on record.
    pub fn full_check_and_clear(&self) -> Result<bool, StoreError> {
        self.check_with("PRAGMA integrity_check(1)")?;
        let marker = marker_path(&self.path);
        let had_marker = self.is_file() && marker.exists();
        if had_marker {
            fs::remove_file(&marker).map_err(|source| StoreError::Io { path: marker, source })?;
        }
        Ok(had_marker)
    }
}

/// Checks the whole store on a thread of its own, through a connection of its own, so a
/// long-running process learns of damage without waiting for it. Damage found is recorded
/// (see `quick_check`); the caller watches `Store::damage`. The TUI starts it once its first
/// frame is out (`App::start_store_check`): read beside that frame, the whole file made it
/// 74–147 ms on the 100,000 / 1,000,000 store instead of 26–63 ms.
pub fn check_in_background(db: PathBuf) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("store-check".into())
        .spawn(move || check_now(&db))
        .map(drop)
}

fn check_now(db: &std::path::Path) {
    match Store::open(db, super::OpenMode::MustExist) {
        Ok(store) => {
            let _ = store.quick_check();
        }
        Err(e) => {
            if let Some(detail) = e.damage_detail() {
                let _ = mark_damaged(db, &detail, Timestamp::now());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README promises the full check before writes up to 64 MB.
    #[test]
    fn small_stores_are_checked_before_writes_up_to_64_mb() {
        assert_eq!(CHECK_BEFORE_WRITE, 64 << 20);
    }

    #[test]
    fn the_record_keeps_what_was_found_without_control_codes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("n.db");
        assert_eq!(damage(&db), None);
        let at: Timestamp = "2026-11-28T03:00:00Z".parse().unwrap();
        mark_damaged(&db, "database disk image is malformed\u{1b}[2J", at).unwrap();
        assert_eq!(
            damage(&db).as_deref(),
            Some("database disk image is malformed[2J"),
            "what was found, on one line, without the escape"
        );
        let text = std::fs::read_to_string(marker_path(&db)).unwrap();
        assert!(text.ends_with("found 2026-11-28T03:00:00Z\n"), "{text:?}");
    }

    #[test]
    fn damage_sqlite_reports_is_recorded_once_and_the_first_record_stays() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("n.db");
        let store = Store::open(&db, crate::store::OpenMode::CreateIfMissing).unwrap();
        let first = StoreError::Damaged {
            detail: "database disk image is malformed".into(),
        };
        store.note_error(&first);
        assert_eq!(damage(&db).as_deref(), Some("database disk image is malformed"));
        let later = StoreError::Damaged {
            detail: "something else".into(),
        };
        store.note_error(&later);
        assert_eq!(
            damage(&db).as_deref(),
            Some("database disk image is malformed"),
            "the first finding stays on record"
        );
        // An in-memory store (tests, benchmarks) has no file to record anything beside.
        let memory = Store::open_in_memory().unwrap();
        memory.note_error(&first);
        assert_eq!(memory.damage(), None);
        assert!(!std::path::Path::new(":memory:.damaged").exists());
    }
}
