//! The workflow in a real terminal, with review on and the binary's clock fixed: a reporter
//! submits, an editor sees it within a second and schedules it from the picker, the TUI's
//! own catch-up publishes it once its time has passed, and the reporter then finds it
//! read-only.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use support::{CTRL_Q, ENTER, Store, TAB, Tui};

const REPORTER: &str = "lan.nguyen";
const EDITOR: &str = "huong.tran";
/// lan.nguyen's newest draft: the first row of the list.
const TITLE: &str = "Hai Bà Trưng ra mắt thư viện số";
/// 10:00 on 28/11/2026 in Hanoi.
const T0: &str = "2026-11-28T03:00:00Z";
/// 61 minutes later: the schedule "in one hour" is due.
const T1: &str = "2026-11-28T04:01:00Z";

fn at(store: &Store, user: &str, clock: &str) -> Tui {
    let mut tui = Tui::start_with_env(
        store,
        80,
        24,
        &["--user", user],
        &[("NEWSROOM_TEST_CLOCK", clock)],
    );
    tui.wait_for_text(TITLE);
    tui
}

/// The screen row that shows the article.
fn row_of(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Hai Bà Trưng ra mắt"))
        .unwrap_or_default()
        .to_owned()
}

fn quit(tui: &mut Tui) {
    tui.send(CTRL_Q);
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
}

#[test]
fn submit_schedule_publish_by_catch_up_then_read_only_for_the_reporter() {
    let store = Store::demo(&[]);
    std::fs::write(store.config(), "[workflow]\nreview = true\n").unwrap();
    // Everything but what the test is about is ready to publish.
    let id = store.ready_demo_article(REPORTER, TITLE);

    let mut editor = at(&store, EDITOR, T0);
    let mut reporter = at(&store, REPORTER, T0);

    // The reporter's menu offers submitting (review is on), never scheduling.
    reporter.send(b"m");
    let menu = reporter.wait_for_text("gửi duyệt");
    assert!(!menu.contains("hẹn giờ đăng"), "{menu}");
    reporter.send(b"n");
    reporter.wait_for(&format!("{TITLE} submitted"), |s| {
        row_of(s).starts_with("chờ duyệt")
    });

    // The editor's list shows it within a second.
    editor.wait_within(
        Duration::from_secs(1),
        "the submission in the other session",
        |s| row_of(s).starts_with("chờ duyệt"),
    );
    assert_eq!(store.article(EDITOR, id)["status"], "submitted");

    // The editor schedules it "in one hour" from the picker.
    editor.send(b"m");
    editor.wait_for_text("hẹn giờ đăng");
    editor.send(b"h");
    editor.wait_for_text("Giờ đăng (HH:MM dd/mm/yyyy");
    editor.send(TAB);
    editor.wait_for_text("> 11:00 28/11/2026");
    editor.send(ENTER);
    editor.wait_for_text("sẽ đăng lúc 11:00 28/11/2026");
    let scheduled = store.article(EDITOR, id);
    assert_eq!(scheduled["status"], "scheduled");
    assert_eq!(scheduled["scheduled_at"], "2026-11-28T04:00:00Z");
    assert_eq!(scheduled["scheduled_wall"], "11:00 28/11/2026");
    quit(&mut editor);
    quit(&mut reporter);

    // A TUI started after the time publishes it itself, and records how late.
    let mut later = at(&store, EDITOR, T1);
    later.wait_for(&format!("{TITLE} published"), |s| {
        row_of(s).starts_with("đã đăng")
    });
    let published = store.article(EDITOR, id);
    assert_eq!(published["status"], "published");
    assert_eq!(published["late_minutes"], 1);
    quit(&mut later);

    // The reporter opens it read-only, told that an editor can correct it.
    let mut reporter = at(&store, REPORTER, T1);
    // Publication moved it in the list: find it by searching for it.
    reporter.send(b"/");
    reporter.type_text("thu vien so");
    reporter.send(ENTER);
    reporter.wait_for("only the article found", |s| {
        s.lines()
            .nth(2)
            .is_some_and(|l| l.contains("Hai Bà Trưng ra mắt"))
    });
    reporter.send(ENTER);
    reporter.wait_for_text("Bài đã đăng: phóng viên chỉ xem, biên tập viên đính chính được.");
    quit(&mut reporter);
}
