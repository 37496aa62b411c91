use std::fs::OpenOptions;
use std::io::ErrorKind;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use jiff::Timestamp;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError};
use crate::domain::{Operation, User};

impl Store {
    /// Copies the store with SQLite's online backup API, so open sessions keep working.
    /// Never overwrites: the target must be a new file.
    pub fn backup_to(&mut self, actor: &User, target: &Path, now: Timestamp) -> Result<(), StoreError> {
        actor.role.check(Operation::BackUpStore)?;
        let folder = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !folder.is_dir() {
            return Err(StoreError::FolderMissing {
                path: folder.to_owned(),
            });
        }
        // Created here, with the store's private mode, so the copy is no more readable than it.
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o660)
            .open(target)
        {
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Err(StoreError::TargetExists {
                    path: target.to_owned(),
                });
            }
            Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                return Err(StoreError::NotWritable {
                    path: folder.to_owned(),
                });
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: target.to_owned(),
                    source,
                });
            }
        }
        let copied = self.copy_into(target);
        if copied.is_err() {
            let _ = std::fs::remove_file(target);
            return copied;
        }
        let source = self.path.display().to_string();
        let tx = self.write()?;
        let entry = AuditEntry {
            action: "store.backup",
            entity: "store",
            entity_id: source,
            before: None,
            after: Some(json!({ "file": target.display().to_string() })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(())
    }

    fn copy_into(&self, target: &Path) -> Result<(), StoreError> {
        let mut copy = Connection::open(target)?;
        // Small steps with pauses let writers in other sessions go on during a long copy;
        // SQLite restarts the copy by itself if one of them commits.
        Backup::new(&self.conn, &mut copy)?.run_to_completion(256, Duration::from_millis(5), None)?;
        // The copy must stand alone: no WAL beside it to lose when the file is moved.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        let verdict: String = copy.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                path: target.to_owned(),
                detail: verdict,
            });
        }
        Ok(())
    }
}
