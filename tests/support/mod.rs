//! The pty harness shared by the end-to-end tests: the real binary in a pseudo-terminal,
//! keys in as bytes, the screen back through a vt100 emulator, and the command line and the
//! store file to check what the TUI did.
//!
//! Every wait is bounded and a failure prints the screen as it was.

// Each test file uses only some of these helpers.
#![allow(dead_code)]

pub mod cli;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_newsroom");
/// The admin of `Store::demo`: the OS login the demo is loaded as.
pub const ADMIN: &str = "bien.tap";
pub const WAIT: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(50);

pub const PGDN: &[u8] = b"\x1b[6~";
pub const DOWN: &[u8] = b"\x1b[B";
pub const ENTER: &[u8] = b"\r";
pub const TAB: &[u8] = b"\t";
pub const ESC: &[u8] = b"\x1b";
pub const BACKSPACE: &[u8] = b"\x7f";
/// What crossterm reports as Ctrl+H: some input methods' Backspace.
pub const CTRL_H: &[u8] = b"\x08";
pub const CTRL_G: &[u8] = b"\x07";
pub const CTRL_O: &[u8] = b"\x0f";
pub const CTRL_Q: &[u8] = b"\x11";
pub const CTRL_S: &[u8] = b"\x13";
pub const CTRL_T: &[u8] = b"\x14";

/// A store in its own folder, filled by `newsroom demo`.
pub struct Store {
    pub dir: TempDir,
    pub db: PathBuf,
    /// Who loaded the demo, and so its admin: the OS login of `cli` and of the TUI.
    pub admin: String,
}

impl Store {
    /// The demo loaded by ADMIN.
    pub fn demo(extra: &[&str]) -> Store {
        Store::demo_as(ADMIN, extra)
    }

    /// The demo loaded by `admin`, who becomes the store's admin.
    pub fn demo_as(admin: &str, extra: &[&str]) -> Store {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("newsroom.db");
        let store = Store {
            dir,
            db,
            admin: admin.to_owned(),
        };
        let mut args = vec!["demo"];
        args.extend_from_slice(extra);
        let out = store.cli(&args);
        assert!(
            out.status.success(),
            "demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        store
    }

    /// The store's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A config file that does not exist: every test runs on the defaults.
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("no-config.toml")
    }

    /// Writes the config file every process on this store reads (`NEWSROOM_CONFIG`).
    pub fn write_config(&self, toml: &str) {
        std::fs::write(self.config(), toml).expect("write the config file");
    }

    /// Runs a command-line `newsroom` on this store, as the admin (by OS login).
    pub fn cli(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    /// Runs a command-line `newsroom --user USER` on this store.
    pub fn cli_as(&self, user: &str, args: &[&str]) -> Output {
        let mut all = vec!["--user", user];
        all.extend_from_slice(args);
        self.cli(&all)
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(BIN);
        cmd.env_remove("NEWSROOM_DB")
            .env("NEWSROOM_CONFIG", self.config())
            .env("USER", &self.admin)
            .arg("--db")
            .arg(&self.db)
            .args(args);
        cmd
    }

    pub fn json(&self, args: &[&str]) -> Value {
        parse_json(args, &self.cli(args))
    }

    pub fn json_as(&self, user: &str, args: &[&str]) -> Value {
        parse_json(args, &self.cli_as(user, args))
    }

    /// `newsroom --user USER article show ID --json`, as one object.
    pub fn article(&self, user: &str, id: i64) -> Value {
        let id = id.to_string();
        match self.json_as(user, &["article", "show", &id, "--json"]) {
            Value::Array(mut items) if items.len() == 1 => items.remove(0),
            Value::Array(items) => panic!("article show {id} gave {} objects", items.len()),
            object => object,
        }
    }

    /// The demo article of `user` whose title starts with `prefix`, given a lead and a body
    /// from the command line so that it passes the ready-to-publish check; returns its id.
    pub fn ready_demo_article(&self, user: &str, prefix: &str) -> i64 {
        let id = self
            .articles(user)
            .iter()
            .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
            .and_then(|a| a["id"].as_i64())
            .unwrap_or_else(|| panic!("the demo has no article starting {prefix:?}"));
        let body = self.path().join("body.md");
        std::fs::write(
            &body,
            "Mỗi trường có một phòng đọc số.\n\nHọc sinh mượn sách bằng thẻ.",
        )
        .expect("body file");
        let out = self.cli_as(
            user,
            &[
                "article",
                "edit",
                &id.to_string(),
                "--lead",
                "Năm trường tiểu học có thư viện số.",
                "--body-file",
                body.to_str().expect("UTF-8 path"),
            ],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        id
    }

    /// Every article, from `article list --json`.
    pub fn articles(&self, user: &str) -> Vec<Value> {
        match self.json_as(user, &["article", "list", "--all", "--json"]) {
            Value::Array(items) => items,
            other => panic!("article list --json is not an array: {other}"),
        }
    }

    /// The id of the one article with this title.
    pub fn article_id(&self, user: &str, title: &str) -> i64 {
        let ids: Vec<i64> = self
            .articles(user)
            .iter()
            .filter(|a| a["title"] == title)
            .filter_map(|a| a["id"].as_i64())
            .collect();
        assert_eq!(ids.len(), 1, "articles titled {title:?}: {ids:?}");
        ids[0]
    }

    /// (stamp as the screen shows it, title), newest first, from the plain `article list`.
    pub fn listing(&self) -> Vec<(String, String)> {
        let out = self.cli(&["article", "list", "--all"]);
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .map(|line| {
                // "    13  draft      07:04 28/11/2026  Hai Bà Trưng …"
                let words: Vec<&str> = line.split_whitespace().collect();
                let stamp = format!("{} {}", words[2], words[3]);
                let at = line.find(&stamp).expect("the stamp is in the line") + stamp.len();
                (stamp, line[at..].trim().to_owned())
            })
            .collect()
    }

    pub fn pending_comments(&self) -> usize {
        match self.json(&[
            "comments", "list", "--status", "pending", "--limit", "100000", "--json",
        ]) {
            Value::Array(items) => items.len(),
            other => panic!("not an array: {other}"),
        }
    }

    /// A connection of the test's own to the store file, to check what reached it.
    pub fn sql(&self) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open(&self.db).expect("open the store file");
        conn.busy_timeout(Duration::from_secs(5)).expect("busy timeout");
        conn
    }

    /// The bodies of an article's revisions with this reason, oldest first.
    pub fn revision_bodies(&self, article: i64, reason: &str) -> Vec<String> {
        let conn = self.sql();
        let mut stmt = conn
            .prepare("SELECT body FROM article_revisions WHERE article_id = ?1 AND reason = ?2 ORDER BY id")
            .expect("prepare");
        // Long bodies are stored packed (a BLOB): read through the store's own type.
        stmt.query_map(rusqlite::params![article, reason], |r| {
            r.get::<_, newsroom::store::PackedText>(0).map(|t| t.0)
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    }

    /// (id, reason, body) of every revision of an article, newest first: the history's order.
    pub fn revisions(&self, article: i64) -> Vec<(i64, String, String)> {
        let conn = self.sql();
        let mut stmt = conn
            .prepare("SELECT id, reason, body FROM article_revisions WHERE article_id = ?1 ORDER BY id DESC")
            .expect("prepare");
        stmt.query_map([article], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, newsroom::store::PackedText>(2)?.0,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    }

    /// The JSON text of this person's autosave of the article, if there is one.
    pub fn autosave(&self, article: i64, login: &str) -> Option<String> {
        use rusqlite::OptionalExtension;
        self.sql()
            .query_row(
                "SELECT content FROM autosaves WHERE article_id = ?1 AND login = ?2",
                rusqlite::params![article, login],
                |r| r.get(0),
            )
            .optional()
            .expect("query autosaves")
    }
}

impl Store {
    /// (login, heartbeat_at in Unix seconds) of the article's lease row, live or not.
    pub fn lease(&self, article: i64) -> Option<(String, i64)> {
        use rusqlite::OptionalExtension;
        self.sql()
            .query_row(
                "SELECT login, heartbeat_at FROM leases WHERE article_id = ?1",
                [article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .expect("query leases")
    }
}

fn parse_json(args: &[&str], out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// The first `n` characters: enough of a title to find it however the column cuts it.
pub fn prefix(title: &str, n: usize) -> String {
    title.chars().take(n).collect()
}

/// One running TUI in a pseudo-terminal.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to its terminal, in order: what a real terminal would
    /// have acted on, escape sequences included.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// Says when the reader met the end of the output (the program and its pty are gone).
    output_done: Receiver<()>,
}

impl Tui {
    pub fn start(store: &Store, cols: u16, rows: u16, args: &[&str]) -> Tui {
        Tui::start_with_env(store, cols, rows, args, &[])
    }

    /// Starts with `env` on top of the usual environment (e.g. VISUAL, EDITOR).
    pub fn start_with_env(store: &Store, cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env_clear();
        for (key, value) in [
            ("PATH", std::env::var("PATH").unwrap_or_default()),
            ("HOME", store.dir.path().display().to_string()),
            ("USER", store.admin.clone()),
            ("LANG", "vi_VN.UTF-8".to_owned()),
            ("TERM", "xterm-256color".to_owned()),
            ("NEWSROOM_DB", store.db.display().to_string()),
            ("NEWSROOM_CONFIG", store.config().display().to_string()),
        ] {
            cmd.env(key, value);
        }
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(store.dir.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Only the child may hold the terminal side, so its exit ends our reads.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().expect("rows > 0"),
            cols.try_into().expect("cols > 0"),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (done, output_done) = mpsc::channel();
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        // The raw bytes first: whoever sees the screen change finds them there.
                        raw_sink
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .extend_from_slice(&buf[..n]);
                        sink.lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .process(&buf[..n]);
                    }
                }
            }
            let _ = done.send(());
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            parser,
            raw,
            writer,
            child,
            master: pair.master,
            output_done,
        }
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self
            .parser
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen())
    }

    /// Resizes the terminal, as a window dragged bigger or smaller: the program gets SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let (Some(r), Some(c)) = (std::num::NonZeroU16::new(rows), std::num::NonZeroU16::new(cols)) else {
            panic!("a terminal has at least one row and one column");
        };
        self.parser
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .set_size(r, c);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pseudo-terminal resized");
    }

    /// How many bytes the program has written so far: a mark for `raw_since`.
    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// The raw bytes the program wrote after `mark` (from `raw_len`).
    pub fn raw_since(&self, mark: usize) -> Vec<u8> {
        let raw = self.raw.lock().unwrap_or_else(PoisonError::into_inner);
        raw.get(mark..).unwrap_or_default().to_vec()
    }

    pub fn screen(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// The real terminal cursor as (row, column), both from 0.
    pub fn cursor(&self) -> (u16, u16) {
        self.with_screen(vt100::Screen::cursor_position)
    }

    pub fn cursor_shown(&self) -> bool {
        self.with_screen(|s| !s.hide_cursor())
    }

    /// One row of the screen, trailing blanks included.
    pub fn row(&self, row: u16) -> String {
        self.screen()
            .lines()
            .nth(usize::from(row))
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen after WAIT.
    pub fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_within(WAIT, what, ok)
    }

    pub fn wait_within(&mut self, limit: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // Give the last output a moment to land, then report.
                let _ = self.output_done.recv_timeout(Duration::from_secs(1));
                panic!(
                    "waiting for {what}, the program exited ({status:?}); screen:\n{}",
                    self.screen()
                );
            }
            if Instant::now() >= deadline {
                panic!("waiting {limit:?} for {what}; screen:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `ok` holds of something outside the screen (the store, a file); fails with
    /// the screen after `limit`.
    pub fn wait_until(&mut self, limit: Duration, what: &str, mut ok: impl FnMut() -> bool) {
        let deadline = Instant::now() + limit;
        while !ok() {
            assert!(
                Instant::now() < deadline,
                "waiting {limit:?} for {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen stops changing, so a frame is never read half drawn.
    pub fn settled(&mut self) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(150));
            let now = self.screen();
            if now == last {
                return now;
            }
            assert!(Instant::now() < deadline, "the screen kept changing; now:\n{now}");
            last = now;
        }
    }

    pub fn wait_for_text(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits for the comment queue: its bar, the row under the tabs, starting with the
    /// pending queue and its count (" chờ duyệt 45  đã duyệt 16 …"). Only the queue draws
    /// that row so; the status line's "45 bình luận chờ duyệt" is on every screen.
    pub fn wait_for_queue(&mut self) -> String {
        self.wait_for("the comment queue's bar", |s| {
            s.lines().nth(1).is_some_and(|bar| {
                bar.strip_prefix(" chờ duyệt ")
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            })
        })
    }

    pub fn wait_for_gone(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?} to go away"), |s| !s.contains(text))
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Types text as a terminal sends it: its UTF-8 bytes.
    pub fn type_text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends a signal by name (`HUP`, `TERM`, `KILL`) with `kill -s`.
    pub fn signal(&self, name: &str) {
        let pid = self.pid().to_string();
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -s {name} {pid} failed: {status:?}");
    }

    /// Waits for the program to end; fails with the screen if it is still running.
    pub fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    // Everything it wrote before exiting reaches the emulator before we look.
                    let _ = self.output_done.recv_timeout(Duration::from_secs(2));
                    return status;
                }
                Ok(None) if Instant::now() < deadline => std::thread::sleep(POLL),
                Ok(None) => panic!(
                    "the program was still running {limit:?} later; screen:\n{}",
                    self.screen()
                ),
                Err(e) => panic!("cannot wait for the program: {e}"),
            }
        }
    }

    /// Fails unless the terminal is back as it was: main screen, cursor shown, no bracketed
    /// paste, and line editing and echo on again (raw mode off).
    pub fn assert_terminal_restored(&self) {
        let (alt, hidden, paste) =
            self.with_screen(|s| (s.alternate_screen(), s.hide_cursor(), s.bracketed_paste()));
        let screen = self.screen();
        assert!(!alt, "still on the alternate screen:\n{screen}");
        assert!(!hidden, "the cursor is still hidden");
        assert!(!paste, "bracketed paste is still on");
        if let Some(termios) = self.master.get_termios() {
            let flags = format!("{:?}", termios.local_flags);
            let words: Vec<&str> = flags.split(|c: char| !c.is_ascii_alphanumeric()).collect();
            assert!(
                words.contains(&"ICANON") && words.contains(&"ECHO"),
                "the terminal was left in raw mode: {flags}"
            );
        }
    }

    /// The rows between the tab bar and the hint line: the list itself.
    pub fn body(&self) -> Vec<String> {
        let screen = self.screen();
        let lines: Vec<String> = screen.lines().map(str::to_owned).collect();
        let rows = self.with_screen(|s| usize::from(s.size().0.get()));
        lines.into_iter().take(rows.saturating_sub(2)).skip(1).collect()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
