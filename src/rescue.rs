//! Saving what a person typed when the session ends badly: SSH hang-up, SIGTERM, a lost
//! terminal. It runs on its own thread with its own connection, because the UI thread may
//! be stuck in a write to a dead terminal (or in crossterm's poll, which can spin forever).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::store::{Autosave, OpenMode, Store};

/// Typing not yet in the store. The editor keeps its latest text here on every change.
#[derive(Debug)]
pub struct Rescue {
    db: PathBuf,
    pending: Mutex<Vec<Autosave>>,
    /// Set while the terminal is in raw mode, so an exit path knows to give it back.
    pub terminal_taken: AtomicBool,
}

impl Rescue {
    pub fn new(db: PathBuf) -> Arc<Rescue> {
        Arc::new(Rescue {
            db,
            pending: Mutex::new(Vec::new()),
            terminal_taken: AtomicBool::new(false),
        })
    }

    /// Replaces the pending text for one article.
    pub fn keep(&self, save: Autosave) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.retain(|p| !(p.article_id == save.article_id && p.login == save.login));
        pending.push(save);
    }

    /// Writes everything pending through a fresh connection; returns how many were saved.
    pub fn save_all(&self) -> usize {
        let pending: Vec<Autosave> =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner));
        if pending.is_empty() {
            return 0;
        }
        let Ok(mut store) = Store::open(&self.db, OpenMode::MustExist) else {
            return 0;
        };
        pending
            .iter()
            .filter(|save| store.save_autosave(save).is_ok())
            .count()
    }
}

/// Watches for SIGHUP and SIGTERM: saves, gives the terminal back if it can, and exits.
pub fn watch_signals(rescue: Arc<Rescue>, restore: fn()) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                rescue.save_all();
                if rescue.terminal_taken.load(Ordering::SeqCst) {
                    restore_within(restore, Duration::from_millis(300));
                }
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// A hung-up terminal can block a write for minutes; never wait for it longer than `limit`.
fn restore_within(restore: fn(), limit: Duration) {
    let (done, wait) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().spawn(move || {
        restore();
        let _ = done.send(());
    });
    if spawned.is_ok() {
        let _ = wait.recv_timeout(limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ArticleDraft, Login};
    use jiff::Timestamp;

    #[test]
    fn save_all_writes_pending_typing_through_its_own_connection() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
        let now = Timestamp::from_second(1_700_000_000).unwrap();
        let admin = store.init_admin(&Login::parse("lan").unwrap(), now).unwrap();
        let draft = ArticleDraft {
            title: "Hồ Tây".into(),
            ..Default::default()
        };
        let id = store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now)
            .unwrap();

        let rescue = Rescue::new(db);
        let save = |text: &str| Autosave {
            article_id: id,
            login: "lan".into(),
            content: text.into(),
            cursor: "0,0".into(),
            saved_at: now,
        };
        rescue.keep(save("Sáng nay"));
        rescue.keep(save("Sáng nay, trời mưa"));
        assert_eq!(rescue.save_all(), 1, "the newer text replaced the older");
        assert_eq!(rescue.save_all(), 0, "nothing is saved twice");
        assert_eq!(
            store.autosave(id, "lan").unwrap().unwrap().content,
            "Sáng nay, trời mưa"
        );
    }
}
