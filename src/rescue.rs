//! Getting typing into the store whatever happens to the session: an autosave thread with
//! its own connection, and a signal thread for SSH hang-ups and SIGTERM. Neither depends on
//! the UI thread, which may be stuck writing to a dead terminal (or spinning in crossterm's
//! poll once the terminal is gone).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::domain::ArticleId;
use crate::store::{Autosave, OpenMode, Store};

/// How often the autosave thread writes new typing unless `[editor] autosave_seconds` says
/// otherwise: the README promises that `kill -9` loses at most this much typing.
pub const AUTOSAVE_EVERY: Duration = Duration::from_millis(500);

#[derive(Debug)]
struct Pending {
    save: Autosave,
    seq: u64,
}

/// Typing not yet in the store. The UI thread hands over a snapshot after every batch of
/// keys; whoever writes next (the autosave thread, the signal thread, or the UI thread when
/// leaving the editor) writes the newest one.
#[derive(Debug)]
pub struct Rescue {
    db: PathBuf,
    pending: Mutex<Vec<Pending>>,
    next_seq: AtomicU64,
    /// The newest snapshot written per article and person. Held while writing, so writes
    /// from different threads never put an older text over a newer one.
    written: Mutex<HashMap<(ArticleId, String), u64>>,
    /// Set while the terminal is in raw mode, so an exit path knows to give it back.
    pub terminal_taken: AtomicBool,
    /// Commits the autosave thread made through its own connection.
    thread_saves: AtomicU64,
    /// Someone other than the autosave thread committed (another session, a command, this
    /// session's UI thread): seen by the autosave thread's connection, whose data_version
    /// its own commits never move. See `App::changed_by_others`.
    others_wrote: AtomicBool,
}

impl Rescue {
    pub fn new(db: PathBuf) -> Arc<Rescue> {
        Arc::new(Rescue {
            db,
            pending: Mutex::new(Vec::new()),
            next_seq: AtomicU64::new(1),
            written: Mutex::new(HashMap::new()),
            terminal_taken: AtomicBool::new(false),
            thread_saves: AtomicU64::new(0),
            others_wrote: AtomicBool::new(false),
        })
    }

    /// How many autosaves the autosave thread has committed so far.
    pub fn thread_saves(&self) -> u64 {
        self.thread_saves.load(Ordering::SeqCst)
    }

    /// Whether anyone but the autosave thread committed since the last call.
    pub fn take_others_wrote(&self) -> bool {
        self.others_wrote.swap(false, Ordering::SeqCst)
    }

    /// One round of the autosave thread: note commits made by others, then write.
    pub fn autosave_round(&self, store: &mut Store) {
        // Errors count as a change: a needless reload is better than a missed one.
        if store.changed_elsewhere().unwrap_or(true) {
            self.others_wrote.store(true, Ordering::SeqCst);
        }
        let written = self.save_pending(store);
        self.thread_saves.fetch_add(written as u64, Ordering::SeqCst);
    }

    /// The store's folder: where files that hold unsaved text may live.
    pub fn folder(&self) -> PathBuf {
        match self.db.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        }
    }

    /// Replaces the pending text for one article.
    pub fn keep(&self, save: Autosave) {
        let seq = self.next_seq.fetch_add(1, Ordering::SeqCst);
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.retain(|p| !(p.save.article_id == save.article_id && p.save.login == save.login));
        pending.push(Pending { save, seq });
    }

    /// Writes everything pending through `store`; returns how many were written. A failed
    /// write goes back in the queue unless newer text arrived meanwhile.
    pub fn save_pending(&self, store: &mut Store) -> usize {
        let batch = std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner));
        if batch.is_empty() {
            return 0;
        }
        let mut written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        let mut count = 0;
        for p in batch {
            let key = (p.save.article_id, p.save.login.clone());
            if written.get(&key).is_some_and(|seq| *seq >= p.seq) {
                continue;
            }
            if store.save_autosave(&p.save).is_ok() {
                written.insert(key, p.seq);
                count += 1;
            } else {
                let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
                if !pending
                    .iter()
                    .any(|q| q.save.article_id == p.save.article_id && q.save.login == p.save.login)
                {
                    pending.push(p);
                }
            }
        }
        count
    }

    /// Writes everything pending through a fresh connection (the signal path).
    pub fn save_all(&self) -> usize {
        match Store::open(&self.db, OpenMode::MustExist) {
            Ok(mut store) => self.save_pending(&mut store),
            Err(_) => 0,
        }
    }

    /// Starts the autosave thread, with a connection of its own, writing `every` so often.
    pub fn spawn_autosaver(self: &Arc<Self>, every: Duration) -> std::io::Result<()> {
        let rescue = Arc::clone(self);
        let mut store = Store::open(&self.db, OpenMode::MustExist).map_err(std::io::Error::other)?;
        std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(every);
                    rescue.autosave_round(&mut store);
                }
            })?;
        Ok(())
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
                std::process::exit(exit_status(signal));
            }
        })?;
    Ok(())
}

/// The shell's convention for "ended by a signal", which systemd and scripts read.
fn exit_status(signal: i32) -> i32 {
    128 + signal
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
    use crate::domain::{ArticleDraft, ArticleText, Login};
    use jiff::Timestamp;

    fn setup() -> (tempfile::TempDir, PathBuf, Store, i64, Timestamp) {
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
        (dir, db, store, id, now)
    }

    fn save(id: i64, body: &str, now: Timestamp) -> Autosave {
        Autosave {
            article_id: id,
            login: "lan".into(),
            text: ArticleText {
                title: "Hồ Tây".into(),
                body: body.into(),
                ..Default::default()
            },
            cursor: "5 0 0".into(),
            saved_at: now,
        }
    }

    #[test]
    fn save_all_writes_the_newest_typing_through_its_own_connection() {
        let (_dir, db, store, id, now) = setup();
        let rescue = Rescue::new(db);
        rescue.keep(save(id, "Sáng nay", now));
        rescue.keep(save(id, "Sáng nay, trời mưa", now));
        assert_eq!(rescue.save_all(), 1, "the newer text replaced the older");
        assert_eq!(rescue.save_all(), 0, "nothing is saved twice");
        assert_eq!(
            store.autosave(id, "lan").unwrap().unwrap().text.body,
            "Sáng nay, trời mưa"
        );
    }

    #[test]
    fn an_older_snapshot_never_overwrites_a_newer_one() {
        let (_dir, db, mut store, id, now) = setup();
        let rescue = Rescue::new(db);
        rescue.keep(save(id, "cũ", now));
        // Another writer takes the old snapshot but is slow; meanwhile the new one is written.
        let old = std::mem::take(&mut *rescue.pending.lock().unwrap());
        rescue.keep(save(id, "mới", now));
        assert_eq!(rescue.save_pending(&mut store), 1);
        rescue.pending.lock().unwrap().extend(old);
        assert_eq!(
            rescue.save_pending(&mut store),
            0,
            "the stale snapshot is skipped"
        );
        assert_eq!(store.autosave(id, "lan").unwrap().unwrap().text.body, "mới");
    }

    #[test]
    fn typing_in_two_articles_or_by_two_people_is_kept_apart() {
        let rescue = Rescue::new(PathBuf::from("s.db"));
        let now = Timestamp::UNIX_EPOCH;
        rescue.keep(save(1, "một", now));
        rescue.keep(save(2, "hai", now));
        rescue.keep(Autosave {
            login: "huong".into(),
            ..save(1, "ba", now)
        });
        rescue.keep(save(1, "một, sửa", now));
        let mut kept: Vec<_> = rescue
            .pending
            .lock()
            .unwrap()
            .iter()
            .map(|p| (p.save.article_id, p.save.login.clone(), p.save.text.body.clone()))
            .collect();
        kept.sort();
        assert_eq!(
            kept,
            [
                (1, "huong".to_owned(), "ba".to_owned()),
                (1, "lan".to_owned(), "một, sửa".to_owned()),
                (2, "lan".to_owned(), "hai".to_owned()),
            ]
        );
    }

    /// A write that fails (here: the article is gone) keeps the text for the next round, for
    /// every article and person that failed, not only the first.
    #[test]
    fn a_failed_write_keeps_the_text_for_the_next_round() {
        let (_dir, db, mut store, _id, now) = setup();
        let rescue = Rescue::new(db);
        rescue.keep(save(998, "a", now));
        rescue.keep(save(999, "b", now));
        rescue.keep(Autosave {
            login: "huong".into(),
            ..save(998, "c", now)
        });
        assert_eq!(rescue.save_pending(&mut store), 0);
        assert_eq!(
            rescue.pending.lock().unwrap().len(),
            3,
            "all three wait for the next round"
        );
        assert_eq!(rescue.save_pending(&mut store), 0);
        assert_eq!(rescue.pending.lock().unwrap().len(), 3, "and the one after");
    }

    /// The promise behind "after kill -9 at most the last half second is missing": typing
    /// handed to the autosave thread reaches the store without anyone asking.
    #[test]
    fn the_autosave_thread_writes_without_being_asked() {
        let (_dir, db, store, id, now) = setup();
        let rescue = Rescue::new(db);
        rescue.spawn_autosaver(AUTOSAVE_EVERY).unwrap();
        rescue.keep(save(id, "Sáng nay", now));
        let deadline = std::time::Instant::now() + 10 * AUTOSAVE_EVERY;
        while store.autosave(id, "lan").unwrap().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(AUTOSAVE_EVERY / 5);
        }
        let saved = store.autosave(id, "lan").unwrap().map(|s| s.text.body);
        assert_eq!(saved.as_deref(), Some("Sáng nay"));
    }

    #[test]
    fn files_with_unsaved_text_live_beside_the_store() {
        let folder = |db: &str| Rescue::new(PathBuf::from(db)).folder();
        assert_eq!(folder("/srv/tin/newsroom.db"), PathBuf::from("/srv/tin"));
        assert_eq!(folder("newsroom.db"), PathBuf::from("."));
    }

    /// Not a test on its own: the child process of the next test, which sets these variables.
    /// No autosave thread runs here, so only the signal path can save the typing.
    #[test]
    fn hang_up_child() {
        let (Some(db), Some(ready)) = (
            std::env::var_os("NEWSROOM_TEST_HANGUP_DB"),
            std::env::var_os("NEWSROOM_TEST_HANGUP_READY"),
        ) else {
            return;
        };
        fn restore() {
            if let Some(path) = std::env::var_os("NEWSROOM_TEST_HANGUP_RESTORED") {
                std::fs::write(path, "").unwrap();
            }
        }
        let rescue = Rescue::new(PathBuf::from(db));
        rescue.keep(save(1, "Sáng nay, trời mưa", Timestamp::UNIX_EPOCH));
        rescue.terminal_taken.store(true, Ordering::SeqCst);
        watch_signals(rescue, restore).unwrap();
        std::fs::write(ready, "").unwrap();
        std::thread::sleep(Duration::from_secs(30));
    }

    #[test]
    fn a_hang_up_saves_the_typing_gives_the_terminal_back_and_exits_129() {
        let (dir, db, store, id, _now) = setup();
        assert_eq!(id, 1, "the child types into article 1");
        let (ready, restored) = (dir.path().join("ready"), dir.path().join("restored"));
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "rescue::tests::hang_up_child", "--nocapture"])
            .env("NEWSROOM_TEST_HANGUP_DB", &db)
            .env("NEWSROOM_TEST_HANGUP_READY", &ready)
            .env("NEWSROOM_TEST_HANGUP_RESTORED", &restored)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while !ready.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(ready.exists(), "the child never got ready");
        let kill = std::process::Command::new("kill")
            .args(["-HUP", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        assert_eq!(child.wait().unwrap().code(), Some(129));
        assert!(restored.exists(), "the terminal was given back");
        let saved = store.autosave(id, "lan").unwrap().map(|s| s.text.body);
        assert_eq!(saved.as_deref(), Some("Sáng nay, trời mưa"));
    }

    #[test]
    fn a_signal_ends_the_process_as_the_shell_expects() {
        assert_eq!(exit_status(SIGHUP), 129);
        assert_eq!(exit_status(SIGTERM), 143);
    }

    #[test]
    fn the_terminal_is_given_back_but_never_waited_for_long() {
        static RESTORED: AtomicBool = AtomicBool::new(false);
        restore_within(|| RESTORED.store(true, Ordering::SeqCst), Duration::from_secs(5));
        assert!(
            RESTORED.load(Ordering::SeqCst),
            "waits for a restore that finishes"
        );
        let started = std::time::Instant::now();
        restore_within(
            || std::thread::sleep(Duration::from_secs(30)),
            Duration::from_millis(100),
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "gives up on a stuck terminal"
        );
    }
}
