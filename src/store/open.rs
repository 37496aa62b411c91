use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::migrations::{self, LATEST_VERSION, Progress};
use super::{Store, StoreError};

/// Whether opening may create a new, empty store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    MustExist,
    /// Creates the store when no file is there (`demo`).
    CreateIfMissing,
    /// Also sets up an empty file someone made for it (`init`, asked for by name).
    Init,
}

/// How long a writer waits for another session's transaction before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// 0660: the newsroom group on a shared server may use the store, nobody else.
const STORE_MODE: u32 = 0o660;

impl Store {
    /// Opens (or creates) the store and brings its schema up to date.
    ///
    /// Every refusal happens before anything is written: a newer schema, a damaged file or a
    /// missing folder leave the disk as it was.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store, StoreError> {
        Self::open_reporting(path, mode, &mut |_| {})
    }

    /// `open`, telling `report` how a long migration is going (a progress bar for the
    /// command line on a big store).
    pub fn open_reporting(
        path: &Path,
        mode: OpenMode,
        report: &mut dyn FnMut(Progress),
    ) -> Result<Store, StoreError> {
        let created = prepare_file(path, mode)?;
        let opened = Self::open_existing(path, mode, created, report);
        if opened.is_ok() {
            remember_open(path);
        }
        if opened.is_err() && created {
            // A store we just created and could not set up is not worth leaving behind.
            let _ = fs::remove_file(path);
        }
        opened
    }

    fn open_existing(
        path: &Path,
        mode: OpenMode,
        created: bool,
        report: &mut dyn FnMut(Progress),
    ) -> Result<Store, StoreError> {
        let at = |e| StoreError::from_sqlite_at(e, path);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(at)?;
        // SQLite falls back to read-only when the file is write-protected.
        if conn.is_readonly(MAIN_DB).map_err(at)? {
            return Err(StoreError::NotWritable {
                path: path.to_owned(),
            });
        }
        conn.busy_timeout(BUSY_TIMEOUT).map_err(at)?;
        // The first read of the file: SQLite checks its header here.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(at)?;
        if found == 0 && !created && mode != OpenMode::Init {
            // An SQLite file someone else made (or an empty one): never write our schema
            // into it unasked.
            return Err(StoreError::NotAStore {
                path: path.to_owned(),
            });
        }
        if found > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_owned(),
                found,
                supported: LATEST_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL").map_err(at)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(at)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(at)?;
        super::search::register_functions(&conn).map_err(at)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            seen_data_version: 0,
            checked_before_write: false,
        };
        migrations::migrate_reporting(&mut store.conn, LATEST_VERSION, report).map_err(at)?;
        store.changed_elsewhere()?;
        Ok(store)
    }

    /// An in-memory store for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        super::search::register_functions(&conn)?;
        migrations::migrate(&mut conn, LATEST_VERSION)?;
        Ok(Store {
            conn,
            path: ":memory:".into(),
            seen_data_version: 0,
            checked_before_write: true,
        })
    }
}

/// Checks the path before SQLite sees it, creating the file when allowed. Returns whether
/// a new file was created.
///
/// The store file itself is only ever looked at with `stat`, never opened: SQLite's locks
/// are POSIX locks held per process, and closing *any* descriptor of the file drops them all.
/// Another connection in this process (the autosave thread's, the intake's) would then lose
/// its shared lock, and an outside client such as the `sqlite3` shell could delete the
/// `-wal` file under it, taking every later save with it. The header and the write
/// permission are checked through SQLite instead (see `open_existing`).
pub(super) fn prepare_file(path: &Path, mode: OpenMode) -> Result<bool, StoreError> {
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(StoreError::FolderMissing {
            path: folder.to_owned(),
        });
    }
    check_room(folder)?;
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: "it is a folder".into(),
        }),
        // An empty file is more often a store someone truncated than one made for us: only
        // `init` sets it up.
        Ok(meta) if meta.len() == 0 && mode != OpenMode::Init => Err(StoreError::NotAStore {
            path: path.to_owned(),
        }),
        Ok(_) => Ok(false),
        Err(e) if e.kind() == ErrorKind::NotFound => match mode {
            OpenMode::MustExist => Err(StoreError::NoStore {
                path: path.to_owned(),
            }),
            OpenMode::CreateIfMissing | OpenMode::Init => create(path, folder).map(|()| true),
        },
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(StoreError::NotWritable {
            path: path.to_owned(),
        }),
        Err(e) => Err(io(e)),
    }
}

/// A write needs room for its WAL frames and SQLite's shared-memory index.
const MIN_FREE: u64 = 1024 * 1024;

/// Below `MIN_FREE` free bytes, refuse up front: SQLite would fail with a bare "disk I/O
/// error" after making empty `-wal` and `-shm` files it cannot fill.
pub(super) fn check_room(folder: &Path) -> Result<(), StoreError> {
    match rustix::fs::statvfs(folder) {
        Ok(fs) if fs.f_bavail.saturating_mul(fs.f_frsize) < MIN_FREE => Err(StoreError::DiskFull {
            path: folder.to_owned(),
        }),
        // A file system that cannot say leaves the decision to SQLite.
        _ => Ok(()),
    }
}

/// The folder the store (and its -wal and -shm) live in.
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates the empty store file. Its descriptor is the only one this process has of a brand
/// new file, so closing it cannot drop anyone's lock.
fn create(path: &Path, folder: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let file = match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(STORE_MODE)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            return Err(StoreError::NotWritable {
                path: folder.to_owned(),
            });
        }
        Err(e) => return Err(io(e)),
    };
    // The umask has taken bits off the mode above; the newsroom group needs them. SQLite gives
    // the -wal and -shm files the store's own mode, whatever the umask.
    file.set_permissions(fs::Permissions::from_mode(STORE_MODE))
        .map_err(io)
}

/// Every store this process has opened: files elsewhere in the program must never open one
/// of them (or its -wal or -shm) with `std::fs`, see `prepare_file`.
static OPENED: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

pub(super) fn remember_open(path: &Path) {
    let mut opened = OPENED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !opened.iter().any(|p| p == path) {
        opened.push(path.to_owned());
    }
}

/// Whether `path` is a store this process has open, or one of its -wal and -shm files,
/// however it is named (a link, another relative path): compared by device and inode, with
/// `stat` only.
pub fn is_open_store_file(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(target) = fs::metadata(path) else {
        return false;
    };
    let same = |p: &Path| fs::metadata(p).is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino());
    let opened = OPENED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    opened.iter().any(|db| {
        let with = |suffix: &str| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            std::path::PathBuf::from(name)
        };
        same(db) || same(&with("-wal")) || same(&with("-shm"))
    })
}
