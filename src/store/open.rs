use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::migrations::{self, LATEST_VERSION};
use super::{Store, StoreError};

/// Whether opening may create a new, empty store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    MustExist,
    CreateIfMissing,
}

/// How long a writer waits for another session's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens (or creates) the store and brings its schema up to date.
    ///
    /// Every refusal happens before anything is written: a newer schema, a damaged file or a
    /// missing folder leave the disk as it was.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store, StoreError> {
        let created = prepare_file(path, mode)?;
        let opened = Self::open_existing(path);
        if opened.is_err() && created {
            // A store we just created and could not set up is not worth leaving behind.
            let _ = fs::remove_file(path);
        }
        opened
    }

    fn open_existing(path: &Path) -> Result<Store, StoreError> {
        let at = |e| StoreError::from_sqlite_at(e, path);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(at)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(at)?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(at)?;
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
        let mut store = Store {
            conn,
            path: path.to_owned(),
            seen_data_version: 0,
        };
        migrations::migrate(&mut store.conn, LATEST_VERSION).map_err(at)?;
        store.changed_elsewhere()?;
        Ok(store)
    }

    /// An in-memory store for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn, LATEST_VERSION)?;
        Ok(Store {
            conn,
            path: ":memory:".into(),
            seen_data_version: 0,
        })
    }
}

/// Checks the path before SQLite sees it, creating the file with a private mode when
/// allowed. Returns whether a new file was created.
fn prepare_file(path: &Path, mode: OpenMode) -> Result<bool, StoreError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(StoreError::FolderMissing {
            path: folder.to_owned(),
        });
    }
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    match fs::File::open(path) {
        Ok(mut file) => {
            if file.metadata().map_err(io)?.is_dir() {
                return Err(StoreError::Corrupt {
                    path: path.to_owned(),
                    detail: "it is a folder".into(),
                });
            }
            let mut header = [0u8; 16];
            let len = read_up_to(&mut file, &mut header).map_err(io)?;
            // An empty file is a store SQLite has yet to write; anything else must start right.
            if len > 0 && header[..len] != SQLITE_HEADER[..] {
                return Err(StoreError::Corrupt {
                    path: path.to_owned(),
                    detail: "not an SQLite file".into(),
                });
            }
            match OpenOptions::new().write(true).open(path) {
                Ok(_) => Ok(false),
                Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(StoreError::NotWritable {
                    path: path.to_owned(),
                }),
                Err(e) => Err(io(e)),
            }
        }
        Err(e) if e.kind() == ErrorKind::NotFound => match mode {
            OpenMode::MustExist => Err(StoreError::NoStore {
                path: path.to_owned(),
            }),
            OpenMode::CreateIfMissing => {
                // 0660: the newsroom group on a shared server may use it, nobody else.
                // SQLite gives the -wal and -shm files the same mode.
                match OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o660)
                    .open(path)
                {
                    Ok(_) => Ok(true),
                    Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(StoreError::NotWritable {
                        path: folder.to_owned(),
                    }),
                    Err(e) => Err(io(e)),
                }
            }
        },
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(StoreError::NotWritable {
            path: path.to_owned(),
        }),
        Err(e) => Err(io(e)),
    }
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
