//! The real binary in a pseudo-terminal: keys go in as bytes, the screen comes back through
//! a vt100 emulator, and the tests read it as a person would.
//!
//! Times on screen depend on the clock, so nothing here is a snapshot: the tests look for
//! text. Every wait is bounded and a failure prints the screen as it was.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Output;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_newsroom");
const ADMIN: &str = "bien.tap";
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(50);

const PGDN: &[u8] = b"\x1b[6~";
const CTRL_Q: &[u8] = b"\x11";
const ESC: &[u8] = b"\x1b";

/// A store in its own folder, filled by `newsroom demo`.
struct Store {
    dir: TempDir,
    db: PathBuf,
}

impl Store {
    fn demo(extra: &[&str]) -> Store {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("newsroom.db");
        let store = Store { dir, db };
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

    fn config(&self) -> PathBuf {
        self.dir.path().join("no-config.toml")
    }

    /// Runs a command-line `newsroom` on this store, as ADMIN.
    fn cli(&self, args: &[&str]) -> Output {
        std::process::Command::new(BIN)
            .env_remove("NEWSROOM_DB")
            .env("NEWSROOM_CONFIG", self.config())
            .env("USER", ADMIN)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .expect("the binary runs")
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.cli(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON output")
    }

    /// (stamp as the screen shows it, title), newest first, from the plain `article list`.
    fn listing(&self) -> Vec<(String, String)> {
        let out = self.cli(&["article", "list"]);
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

    fn pending_comments(&self) -> usize {
        match self.json(&[
            "comments", "list", "--status", "pending", "--limit", "100000", "--json",
        ]) {
            Value::Array(items) => items.len(),
            other => panic!("not an array: {other}"),
        }
    }
}

/// The first `n` characters: enough of a title to find it however the column cuts it.
fn prefix(title: &str, n: usize) -> String {
    title.chars().take(n).collect()
}

/// One running TUI in a pseudo-terminal.
struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// Says when the reader met the end of the output (the program and its pty are gone).
    output_done: Receiver<()>,
}

impl Tui {
    fn start(store: &Store, cols: u16, rows: u16, args: &[&str]) -> Tui {
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
            ("USER", ADMIN.to_owned()),
            ("LANG", "vi_VN.UTF-8".to_owned()),
            ("TERM", "xterm-256color".to_owned()),
            ("NEWSROOM_DB", store.db.display().to_string()),
            ("NEWSROOM_CONFIG", store.config().display().to_string()),
        ] {
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
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .process(&buf[..n]),
                }
            }
            let _ = done.send(());
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Tui {
            parser,
            writer,
            child,
            master: pair.master,
            output_done,
        }
    }

    fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self
            .parser
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .screen())
    }

    fn screen(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// Waits until the screen satisfies `ok`; fails with the screen after WAIT.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_within(WAIT, what, ok)
    }

    fn wait_within(&mut self, limit: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
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

    /// Waits until the screen stops changing, so a frame is never read half drawn.
    fn settled(&mut self) -> String {
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

    fn wait_for_text(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    fn wait_for_gone(&mut self, text: &str) -> String {
        self.wait_for(&format!("{text:?} to go away"), |s| !s.contains(text))
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a pid")
    }

    /// Waits for the program to end; fails with the screen if it is still running.
    fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
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
    fn assert_terminal_restored(&self) {
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
    fn body(&self) -> Vec<String> {
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

/// Whether some line of the screen shows this article: its stamp and the start of its title.
fn shows_row(screen: &str, stamp: &str, title: &str) -> bool {
    let start = prefix(title, 12);
    screen.lines().any(|l| l.contains(stamp) && l.contains(&start))
}

#[test]
fn browse_the_demo_then_quit_gives_the_terminal_back() {
    let store = Store::demo(&[]);
    let pending = store.pending_comments();
    assert!(pending > 0, "the demo should leave comments waiting");
    let listing = store.listing();
    let (newest_stamp, newest) = listing.first().expect("articles").clone();
    let (oldest_stamp, oldest) = listing.last().expect("articles").clone();

    let mut tui = Tui::start(&store, 80, 24, &[]);
    let screen = tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");
    for text in ["Bài viết", "Lịch đăng", "Bình luận", "Thẻ", "Tiêu đề"] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    let count = format!("{pending} bình luận chờ duyệt");
    assert!(screen.contains(&count), "{count:?} missing:\n{screen}");
    assert!(
        screen.contains(ADMIN) && screen.contains("quản trị"),
        "who is logged in should show:\n{screen}"
    );
    assert!(shows_row(&screen, &newest_stamp, &newest), "{newest}:\n{screen}");

    tui.send(b"?");
    let help = tui.wait_for_text("Phím tắt");
    assert!(help.contains("trợ giúp"), "{help}");
    tui.send(b"?");
    tui.wait_for_gone("Phím tắt");

    tui.send(b"?");
    tui.wait_for_text("Phím tắt");
    tui.send(ESC);
    tui.wait_for_gone("Phím tắt");
    // Esc closed the help, not the app.
    assert!(
        matches!(tui.child.try_wait(), Ok(None)),
        "Esc in the help quit the app"
    );

    tui.send(b"jjj");
    tui.send(b"G");
    let screen = tui.wait_for("the oldest article after G", |s| {
        shows_row(s, &oldest_stamp, &oldest)
    });
    assert!(screen.contains("Bài viết"), "{screen}");
    tui.send(b"g");
    tui.wait_for("the newest article after g", |s| {
        shows_row(s, &newest_stamp, &newest)
    });

    tui.send(b"q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "q should exit cleanly: {status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn english_sessions_and_a_wide_terminal() {
    let store = Store::demo(&[]);
    let pending = store.pending_comments();
    let mut tui = Tui::start(&store, 120, 40, &["--lang", "en"]);
    let screen = tui.wait_for_text("Articles");
    for text in ["Schedule", "Comments", "Tags", "Title", "Byline", "Updated"] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    let count = format!("{pending} pending comments");
    assert!(screen.contains(&count), "{count:?} missing:\n{screen}");
    assert!(
        !screen.contains("Bài viết"),
        "Vietnamese chrome in an English session:\n{screen}"
    );
    // A wide terminal has room for long titles and for every demo article.
    assert!(
        screen.contains("Đống Đa: Trường THCS mới trên phố Hoàng Cầu hoàn thành"),
        "{screen}"
    );
    assert!(screen.contains("16 articles"), "{screen}");
    for (_, title) in store.listing() {
        assert!(screen.contains(&prefix(&title, 20)), "{title} missing:\n{screen}");
    }

    tui.send(b"?");
    let help = tui.wait_for_text("Keys");
    assert!(help.contains("help") && help.contains("quit"), "{help}");
    tui.send(b"q");
    tui.wait_for_gone("Keys");
    tui.send(b"q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn paging_through_two_hundred_articles() {
    let store = Store::demo(&["--articles", "200"]);
    let listing = store.listing();
    assert_eq!(listing.len(), 200);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    let (stamp0, title0) = &listing[0];
    let first = tui.wait_for("the first page", |s| shows_row(s, stamp0, title0));
    assert!(first.contains("200 bài viết"), "{first}");
    tui.settled();
    let first_body = tui.body();
    let rows_per_page = ui_list_rows(24);
    let (last_stamp, last_title) = &listing[rows_per_page - 1];
    assert!(
        shows_row(&first, last_stamp, last_title),
        "page one ends at row {rows_per_page}:\n{first}"
    );
    let (below_stamp, below_title) = &listing[rows_per_page];
    assert!(!shows_row(&first, below_stamp, below_title), "{first}");

    tui.send(PGDN);
    tui.wait_for("the second page", |s| shows_row(s, below_stamp, below_title));
    let second = tui.settled();
    assert!(
        !shows_row(&second, stamp0, title0),
        "the first row is still there:\n{second}"
    );
    assert_ne!(tui.body(), first_body, "PgDn changed nothing");
    assert!(
        second.contains('▲'),
        "a page down should say more lies above:\n{second}"
    );

    tui.send(b"G");
    let (oldest_stamp, oldest) = listing.last().expect("articles");
    let bottom = tui.wait_for("the oldest article after G", |s| {
        shows_row(s, oldest_stamp, oldest)
    });
    assert!(
        !bottom.contains('▼'),
        "nothing lies below the last page:\n{bottom}"
    );

    tui.send(b"g");
    tui.wait_for("the newest article after g", |s| shows_row(s, stamp0, title0));
    tui.settled();
    assert_eq!(tui.body(), first_body, "g should give back the first page");

    tui.send(CTRL_Q);
    assert!(tui.wait_exit(Duration::from_secs(5)).success());
}

/// Rows of list a terminal of this height holds: everything but the tab bar, the column
/// header, the hint line and the status line.
fn ui_list_rows(height: usize) -> usize {
    height - 4
}

#[test]
fn another_sessions_commit_shows_without_a_key() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");

    let title = "Tin nóng từ phiên khác";
    let out = store.cli(&["article", "new", "--title", title]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = Instant::now();
    let screen = tui.wait_within(Duration::from_secs(3), "the other session's article", |s| {
        s.contains(title)
    });
    assert!(
        screen.contains("17 bài viết"),
        "the count should follow:\n{screen}"
    );
    eprintln!("seen {:?} after the commit", committed.elapsed());

    tui.send(b"q");
    assert!(tui.wait_exit(Duration::from_secs(5)).success());
}

#[test]
fn a_hang_up_ends_the_session_promptly() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");

    let pid = tui.pid().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let status = tui.wait_exit(Duration::from_secs(2));
    assert!(!status.success(), "a hang-up is not a clean exit: {status:?}");
    assert_eq!(status.exit_code(), 129, "128 + SIGHUP: {status:?}");
    // The terminal was still there, so it was given back.
    tui.assert_terminal_restored();
}

#[test]
fn a_vietnamese_input_method_gets_a_hint_not_a_command() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");

    // A composed letter in a list.
    tui.send("á".as_bytes());
    let screen = tui.wait_for_text("bộ gõ");
    assert!(screen.contains("Hai Bà Trưng"), "{screen}");

    // Any command clears the hint.
    tui.send(b"j");
    tui.wait_for_gone("bộ gõ");

    // Telex "dd": d, Backspace, đ in one burst.
    tui.send("d\x7fđ".as_bytes());
    tui.wait_for_text("bộ gõ");
    tui.send(b"k");
    tui.wait_for_gone("bộ gõ");

    // A g that follows an input method's Backspace is a correction, not "first".
    tui.send(b"G");
    tui.send("g\x7fg".as_bytes());
    tui.wait_for_text("bộ gõ");

    tui.send(b"q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn ctrl_q_quits_from_the_list() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");
    tui.send(b"3");
    tui.wait_for_text("Hàng đợi bình luận");
    tui.send(CTRL_Q);
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn ctrl_q_quits_with_the_help_open() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");
    tui.send(b"?");
    tui.wait_for_text("Phím tắt");
    tui.send(CTRL_Q);
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn a_restricted_session_says_so() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &["--user", "lan.nguyen", "--restricted"]);
    let screen = tui.wait_for_text("hạn chế");
    assert!(screen.contains("lan.nguyen"), "{screen}");
    assert!(screen.contains("phóng viên"), "{screen}");
    tui.send(b"q");
    assert!(tui.wait_exit(Duration::from_secs(5)).success());
}
