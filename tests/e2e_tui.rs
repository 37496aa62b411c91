//! The real binary in a pseudo-terminal: keys go in as bytes, the screen comes back through
//! a vt100 emulator, and the tests read it as a person would.
//!
//! Times on screen depend on the clock, so nothing here is a snapshot: the tests look for
//! text. Every wait is bounded and a failure prints the screen as it was.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use support::{ADMIN, CTRL_Q, ESC, PGDN, Store, Tui, prefix};

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

/// The screen follows the window's size: the frame is laid out for the size the terminal
/// last announced (the app no longer asks the terminal before every frame).
#[test]
fn a_resized_window_is_drawn_at_its_new_size() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &["--lang", "en"]);
    tui.wait_for_text("pending comments");
    assert!(tui.row(23).contains("pending comments"), "{}", tui.screen());

    tui.resize(120, 40);
    tui.wait_for("the status line at the foot of 40 rows", |s| {
        s.lines().nth(39).is_some_and(|l| l.contains("pending comments"))
    });
    let wide = tui.wait_for_text("Đống Đa: Trường THCS mới trên phố Hoàng Cầu hoàn thành");
    assert!(
        !wide
            .lines()
            .nth(23)
            .is_some_and(|l| l.contains("pending comments")),
        "the old status line was left behind:\n{wide}"
    );

    // A key read by the event loop: resizes are announced to it from now on.
    tui.send(b"?");
    tui.wait_for_text("Keys");
    tui.send(b"?");
    tui.wait_for_gone("Keys");
    // Laid out for 60 columns: at 120 the count would lie past the edge.
    tui.resize(60, 20);
    tui.wait_for("the status line laid out for 60×20", |s| {
        s.lines().nth(19).is_some_and(|l| l.contains("pending comments"))
    });
    tui.send(b"q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
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

/// README: other sessions' changes appear "within a second" (the TUI looks every 0.4 s).
const WITHIN_A_SECOND: Duration = Duration::from_secs(1);

/// Commits from another process, one after another, each the moment the last one shows:
/// that is just after the TUI looked, so each waits nearly a whole interval. Three rounds
/// make the timing of the first irrelevant: a TUI looking every 1.5 s fails the second.
#[test]
fn another_sessions_commits_show_within_a_second() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &[]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");

    for round in 1..=3 {
        let title = format!("Tin nóng từ phiên khác số {round}");
        let out = store.cli(&["article", "new", "--title", &title]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let committed = Instant::now();
        let count = format!("{} bài viết", 16 + round);
        let screen = tui.wait_within(
            WITHIN_A_SECOND,
            &format!("article {round} of the other session"),
            |s| s.contains(&title),
        );
        assert!(screen.contains(&count), "the count should follow:\n{screen}");
        eprintln!("round {round}: seen {:?} after the commit", committed.elapsed());
    }

    tui.send(b"q");
    assert!(tui.wait_exit(Duration::from_secs(5)).success());
}

/// The same promise on the comment queue: another editor's decisions grey their rows in
/// place within a second.
#[test]
fn another_editors_decisions_show_within_a_second() {
    let store = Store::demo(&[]);
    let pending: Vec<i64> = match store.json(&[
        "comments", "list", "--status", "pending", "--limit", "100", "--json",
    ]) {
        serde_json::Value::Array(items) => items.iter().filter_map(|c| c["id"].as_i64()).collect(),
        other => panic!("not an array: {other}"),
    };
    let mut tui = Tui::start(&store, 80, 24, &["--user", "huong.tran"]);
    tui.wait_for_text("Hai Bà Trưng ra mắt thư viện số");
    tui.send(b"3");
    tui.wait_for_queue();

    // The list starts on row 2, oldest first; row i shows pending[i].
    for (row, id) in pending.iter().enumerate().take(4).skip(1) {
        let id = id.to_string();
        let out = store.cli_as("khanh.do", &["comments", "approve", &id]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let committed = Instant::now();
        tui.wait_within(
            WITHIN_A_SECOND,
            &format!("comment {id} greyed in row {row}"),
            |s| {
                s.lines()
                    .nth(2 + row)
                    .and_then(|l| l.split('│').next())
                    // A greyed row names who decided it in brackets where the title was.
                    .is_some_and(|list| list.contains(" (") && !list.contains(": "))
            },
        );
        eprintln!("comment {id}: seen {:?} after the commit", committed.elapsed());
    }

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
    tui.wait_for_queue();
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
