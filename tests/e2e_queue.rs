//! The comment queue in a real terminal: one key per decision, undo, marks and bulk
//! decisions, two editors on one queue, other sessions' work showing without a key, hostile
//! reader text, and a Vietnamese input method left on.
//!
//! Every store is the demo; the TUI runs as the editor huong.tran on an 80×24 screen in
//! Vietnamese. What the screen shows is checked against the command line and the store file.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{ENTER, Store, Tui};

const COLS: u16 = 80;
const ROWS: u16 = 24;
const EDITOR: &str = "huong.tran";
const OTHER_EDITOR: &str = "khanh.do";
/// Pending comments in the demo.
const PENDING: usize = 45;
/// The queue's list starts below the tab bar and the queue bar.
const FIRST_LIST_ROW: u16 = 2;
/// Rows of list on a 24-row screen: all but tabs, queue bar, hint line and status line.
const LIST_ROWS: usize = 20;

/// The TUI as `user`, on the pending queue.
fn open_queue(store: &Store, user: &str) -> Tui {
    let mut tui = Tui::start(store, COLS, ROWS, &["--user", user]);
    tui.wait_for_text("Hai Bà Trưng");
    tui.send(b"3");
    tui.wait_for_queue();
    tui
}

/// Every comment, oldest first, as the admin sees them.
fn comments(store: &Store) -> Vec<Value> {
    match store.json(&["comments", "list", "--json", "--limit", "100000"]) {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

fn comment(store: &Store, id: i64) -> Value {
    comments(store)
        .into_iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no comment {id}"))
}

fn status_of(store: &Store, id: i64) -> String {
    comment(store, id)["status"].as_str().unwrap().to_owned()
}

/// The pending comments, in queue order (oldest first).
fn pending(store: &Store) -> Vec<Value> {
    comments(store)
        .into_iter()
        .filter(|c| c["status"] == "pending")
        .collect()
}

fn pending_ids(store: &Store) -> Vec<i64> {
    pending(store).iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

/// The list's part of screen row `row` (left of the divider).
fn list_part(line: &str) -> String {
    line.split('│').next().unwrap_or_default().to_owned()
}

/// The list text of the `i`-th row on screen.
fn list_row(tui: &Tui, i: usize) -> String {
    list_part(&tui.row(FIRST_LIST_ROW + i as u16))
}

/// The id in the detail pane's header: the selected comment.
fn selected_id(screen: &str) -> Option<i64> {
    let line = screen.lines().nth(usize::from(FIRST_LIST_ROW))?;
    let detail = line.split('│').nth(1)?;
    // The pane's title is "#74 · 12/47": the id, then where it stands.
    detail
        .trim()
        .strip_prefix('#')?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn wait_selected(tui: &mut Tui, id: i64) -> String {
    tui.wait_for(&format!("comment #{id} selected"), |s| selected_id(s) == Some(id))
}

/// Waits until the comment has this status in the store, as the command line reports it.
fn wait_status(tui: &mut Tui, store: &Store, id: i64, want: &str) {
    tui.wait_until(Duration::from_secs(10), &format!("comment {id} {want}"), || {
        status_of(store, id) == want
    });
}

/// (user, entity_id, before status, after status) of every comment decision, oldest first.
fn decisions(store: &Store) -> Vec<(String, i64, String, String)> {
    let conn = store.sql();
    let mut stmt = conn
        .prepare(
            "SELECT login, entity_id, before, after FROM audit_log
             WHERE action = 'comment.decide' ORDER BY id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .unwrap();
    rows.map(|row| {
        let (user, id, before, after) = row.unwrap();
        let status = |text: &str| -> String {
            let v: Value = serde_json::from_str(text).unwrap();
            v["status"].as_str().unwrap().to_owned()
        };
        (user, id.parse().unwrap(), status(&before), status(&after))
    })
    .collect()
}

fn quit(tui: &mut Tui) {
    tui.send(b"q");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "q should leave cleanly: {status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn approve_then_undo_until_nothing_is_left() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    assert_eq!(ids.len(), PENDING);
    let mut tui = open_queue(&store, EDITOR);
    let screen = tui.wait_for_text(&format!("chờ duyệt {PENDING}"));
    assert!(
        screen.contains("Hàng đợi") || screen.contains("f duyệt"),
        "{screen}"
    );
    let screen = wait_selected(&mut tui, ids[0]);
    let first_row = list_part(screen.lines().nth(2).unwrap());

    tui.send(b"f");
    let screen = wait_selected(&mut tui, ids[1]);
    let row = list_row(&tui, 0);
    assert!(row.contains("→ đã duyệt"), "the row shows its new state: {row:?}");
    assert!(screen.contains(&format!("chờ duyệt {}", PENDING - 1)), "{screen}");
    wait_status(&mut tui, &store, ids[0], "approved");
    let c = comment(&store, ids[0]);
    assert_eq!(c["decided_by"], EDITOR, "{c}");

    tui.send(b"z");
    tui.wait_for_text("Đã hoàn tác 1 bình luận");
    wait_status(&mut tui, &store, ids[0], "pending");
    assert!(comment(&store, ids[0])["decided_by"].is_null());
    let screen = wait_selected(&mut tui, ids[0]);
    assert_eq!(list_row(&tui, 0), first_row, "the row is back as it was");
    assert!(screen.contains(&format!("chờ duyệt {PENDING}")), "{screen}");

    tui.send(b"z");
    tui.wait_for_text("Không còn gì để hoàn tác");
    assert_eq!(status_of(&store, ids[0]), "pending");
    assert_eq!(pending_ids(&store).len(), PENDING);
    quit(&mut tui);
}

#[test]
fn reject_and_spam_are_undone_newest_first() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    let mut tui = open_queue(&store, EDITOR);
    wait_selected(&mut tui, ids[0]);
    tui.send(b"d");
    wait_selected(&mut tui, ids[1]);
    tui.send(b"s");
    wait_selected(&mut tui, ids[2]);
    assert!(list_row(&tui, 0).contains("→ đã từ chối"), "{}", tui.screen());
    assert!(list_row(&tui, 1).contains("→ rác"), "{}", tui.screen());
    assert_eq!(status_of(&store, ids[0]), "rejected");
    assert_eq!(status_of(&store, ids[1]), "spam");

    tui.send(b"z");
    wait_status(&mut tui, &store, ids[1], "pending");
    assert_eq!(status_of(&store, ids[0]), "rejected", "one undo, one decision");
    wait_selected(&mut tui, ids[1]);
    tui.send(b"z");
    wait_status(&mut tui, &store, ids[0], "pending");
    wait_selected(&mut tui, ids[0]);
    assert_eq!(pending_ids(&store).len(), PENDING);
    tui.wait_for_text(&format!("chờ duyệt {PENDING}"));
    quit(&mut tui);
}

#[test]
fn mark_by_author_then_spam_them_all_and_undo_them_at_once() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    let author = "Vay Nhanh 24h";
    let theirs: Vec<i64> = pending(&store)
        .iter()
        .filter(|c| c["name"] == author)
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(theirs.len() >= 2, "the demo has repeated spam: {theirs:?}");
    let at = ids.iter().position(|id| *id == theirs[0]).unwrap();
    assert!(at < LIST_ROWS, "the first of them is on the first page");

    let mut tui = open_queue(&store, EDITOR);
    wait_selected(&mut tui, ids[0]);
    tui.send(&b"j".repeat(at));
    wait_selected(&mut tui, theirs[0]);
    tui.send(b"m");
    tui.wait_for_text("Đánh dấu theo:");
    tui.send(b"n");
    let marked = format!("{} đã đánh dấu", theirs.len());
    let screen = tui.wait_for_text(&marked);
    assert!(
        screen.lines().nth(1).unwrap().contains(&marked),
        "the queue bar counts marks:\n{screen}"
    );
    assert!(screen.contains('✓'), "marked rows show it:\n{screen}");

    tui.send(b"S");
    let ask = format!("Chuyển {} bình luận đã đánh dấu vào mục rác?", theirs.len());
    tui.wait_for_text(&ask);
    assert!(
        theirs.iter().all(|id| status_of(&store, *id) == "pending"),
        "nothing before Enter"
    );
    tui.send(ENTER);
    tui.wait_for_text(&format!("Đã xử lý {}", theirs.len()));
    for id in &theirs {
        let c = comment(&store, *id);
        assert_eq!(c["status"], "spam", "{c}");
        assert_eq!(c["decided_by"], EDITOR, "{c}");
    }
    assert!(
        comments(&store)
            .iter()
            .filter(|c| c["name"] == author)
            .all(|c| c["status"] == "spam"),
        "every comment of {author} is spam"
    );
    assert_eq!(pending_ids(&store).len(), PENDING - theirs.len());

    tui.send(b"z");
    tui.wait_for_text(&format!("Đã hoàn tác {} bình luận", theirs.len()));
    for id in &theirs {
        assert_eq!(
            status_of(&store, *id),
            "pending",
            "one z undoes the whole bulk decision"
        );
    }
    assert_eq!(pending_ids(&store).len(), PENDING);
    quit(&mut tui);
}

#[test]
fn mark_by_word_then_reject_them_all() {
    let store = Store::demo(&[]);
    let containing: Vec<i64> = {
        let conn = store.sql();
        let mut stmt = conn
            .prepare(
                "SELECT id FROM comments WHERE status = 'pending'
                 AND id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH 'vay') ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(containing.len() >= 2, "{containing:?}");
    let ids = pending_ids(&store);
    let mut tui = open_queue(&store, EDITOR);
    wait_selected(&mut tui, ids[0]);
    tui.send(b"m");
    tui.wait_for_text("Đánh dấu theo:");
    tui.send(b"w");
    tui.wait_for_text("Đánh dấu bình luận có chứa:");
    tui.type_text("vay");
    tui.wait_for_text("Đánh dấu bình luận có chứa: vay");
    tui.send(ENTER);
    tui.wait_for_text(&format!("{} đã đánh dấu", containing.len()));
    tui.send(b"D");
    tui.wait_for_text(&format!("Từ chối {} bình luận đã đánh dấu?", containing.len()));
    tui.send(ENTER);
    tui.wait_for_text(&format!("Đã xử lý {}", containing.len()));
    for id in &containing {
        assert_eq!(status_of(&store, *id), "rejected", "comment {id}");
    }
    assert_eq!(pending_ids(&store).len(), PENDING - containing.len());
    let screen = tui.wait_for_text(&format!("chờ duyệt {}", PENDING - containing.len()));
    assert!(
        !screen.contains("đã đánh dấu ·") && !screen.contains(" đã đánh dấu \n"),
        "{screen}"
    );
    quit(&mut tui);
}

#[test]
fn two_editors_on_one_queue_never_overwrite_each_other() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    let mut a = open_queue(&store, EDITOR);
    let mut b = open_queue(&store, OTHER_EDITOR);
    wait_selected(&mut a, ids[0]);
    wait_selected(&mut b, ids[0]);

    // Both work down their first ten rows as fast as they can: f, d, f, d…
    let mut lost_seen = false;
    for i in 0..10 {
        let key: &[u8] = if i % 2 == 0 { b"f" } else { b"d" };
        a.send(key);
        std::thread::sleep(Duration::from_millis(15));
        b.send(key);
        std::thread::sleep(Duration::from_millis(15));
        lost_seen |= refused(&a.screen()) || refused(&b.screen());
    }
    std::thread::sleep(Duration::from_millis(1500));
    let (screen_a, screen_b) = (a.settled(), b.settled());
    lost_seen |= refused(&screen_a) || refused(&screen_b);
    assert!(a.is_running() && b.is_running(), "both sessions stay");
    assert!(
        lost_seen,
        "the editor who came second is told who decided first:\nA:\n{screen_a}\nB:\n{screen_b}"
    );

    // The audit log: for each comment, every decision starts from the one before it.
    let all = decisions(&store);
    assert!(!all.is_empty());
    let mut by_comment: BTreeMap<i64, Vec<(String, String, String)>> = BTreeMap::new();
    for (user, id, before, after) in all {
        by_comment.entry(id).or_default().push((user, before, after));
    }
    for (id, rows) in &by_comment {
        assert!(
            ids[..12].contains(id),
            "comment {id} was not among the first rows"
        );
        assert_eq!(rows[0].1, "pending", "comment {id}: {rows:?}");
        for pair in rows.windows(2) {
            assert_eq!(pair[1].1, pair[0].2, "comment {id}, a lost update: {rows:?}");
        }
        let users: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(
            users.len(),
            1,
            "comment {id} was decided by one editor and then replaced by the other: {rows:?}"
        );
        assert_eq!(
            status_of(&store, *id),
            rows.last().unwrap().2,
            "comment {id}: the store agrees with the last decision"
        );
    }
    quit(&mut a);
    quit(&mut b);
}

#[test]
fn another_sessions_decision_shows_in_place_and_stands() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    let mut tui = open_queue(&store, EDITOR);
    wait_selected(&mut tui, ids[0]);
    tui.settled();
    let first = list_row(&tui, 0);
    let second = list_row(&tui, 1);
    // " 04:16 Phùng Thị Hoa: Hỏi về kết…": the time and the name stay when the row greys out.
    let stamp_and_name = second
        .split_once(": ")
        .map(|(head, _)| head.to_owned())
        .expect("a row reads 'time name: title'");

    let x = ids[1].to_string();
    let out = store.cli_as(OTHER_EDITOR, &["comments", "approve", &x]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let done = Instant::now();
    tui.wait_within(Duration::from_secs(2), "the other editor's decision", |s| {
        list_part(s.lines().nth(3).unwrap_or_default()).contains(" (")
    });
    eprintln!("seen {:?} after the other session's commit", done.elapsed());
    assert_eq!(list_row(&tui, 0), first, "the rows did not move");
    assert!(
        list_row(&tui, 1).starts_with(&stamp_and_name),
        "row X stays where it was: {:?} vs {stamp_and_name:?}",
        list_row(&tui, 1)
    );
    let screen = tui.wait_for_text(&format!("chờ duyệt {}", PENDING - 1));
    assert_eq!(selected_id(&screen), Some(ids[0]), "the cursor did not move");

    // On it, the detail says who decided; a key there changes nothing.
    tui.send(b"j");
    let screen = wait_selected(&mut tui, ids[1]);
    assert!(screen.contains("Đỗ Quốc Khánh đã duyệt lúc"), "{screen}");
    tui.send(b"d");
    tui.wait_for_text(&format!("#{x}: Đỗ Quốc Khánh đã duyệt lúc"));
    std::thread::sleep(Duration::from_millis(500));
    let c = comment(&store, ids[1]);
    assert_eq!(c["status"], "approved", "{c}");
    assert_eq!(c["decided_by"], OTHER_EDITOR, "{c}");
    assert!(
        decisions(&store).iter().all(|d| d.0 != EDITOR),
        "huong.tran decided nothing"
    );
    quit(&mut tui);
}

#[test]
fn new_arrivals_are_counted_then_shown_on_r() {
    let store = Store::demo(&[]);
    let article = store
        .articles(support::ADMIN)
        .into_iter()
        .find(|a| a["status"] == "published")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut tui = open_queue(&store, EDITOR);
    tui.wait_for_text(&format!("chờ duyệt {PENDING}"));
    tui.settled();

    let file = store.path().join("new.jsonl");
    let lines: Vec<String> = ["Mới một", "Mới hai", "Mới ba"]
        .iter()
        .enumerate()
        .map(|(i, title)| {
            format!(
                r#"{{"article": {article}, "name": "Bạn {i}", "title": "{title}", "content": "Nội dung {i}", "submitted_at": "2020-01-0{}T00:00:00Z"}}"#,
                i + 1
            )
        })
        .collect();
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = store.cli(&["comments", "import", &file.display().to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let screen = tui.wait_within(Duration::from_secs(2), "the arrivals counter", |s| {
        s.contains("3 mới — bấm r")
    });
    assert!(
        !screen.contains("Mới một"),
        "arrivals are counted, not inserted:\n{screen}"
    );

    tui.send(b"r");
    let screen = tui.wait_for_text("Mới một");
    for title in ["Mới hai", "Mới ba"] {
        assert!(screen.contains(title), "{title}:\n{screen}");
    }
    assert!(!screen.contains("bấm r"), "{screen}");
    assert!(screen.contains(&format!("chờ duyệt {}", PENDING + 3)), "{screen}");
    quit(&mut tui);
}

/// Byte sequences a hostile comment carries that must never reach the terminal.
const FORBIDDEN: &[(&str, &[u8])] = &[
    ("an OSC (title, clipboard, link)", b"\x1b]"),
    ("OSC 52", b"\x1b]52"),
    ("a title set", b"\x1b]0;"),
    ("a cursor position report request", b"\x1b[6n"),
    ("a device attributes request", b"\x1b[c"),
    ("a window report request", b"\x1b[21t"),
    ("a screen clear", b"\x1b[2J"),
    ("a cursor home", b"\x1b[H"),
    ("a cursor save", b"\x1b[s"),
    ("a line erase", b"\x1b[2K"),
    ("a DCS (sixel)", b"\x1bP"),
    ("a right-to-left override", "\u{202e}".as_bytes()),
    ("a zero-width space", "\u{200b}".as_bytes()),
    ("a tag character", "\u{e0041}".as_bytes()),
];

fn assert_harmless(raw: &[u8]) {
    for (what, seq) in FORBIDDEN {
        if let Some(at) = raw.windows(seq.len()).position(|w| w == *seq) {
            let from = at.saturating_sub(40);
            let to = (at + 40).min(raw.len());
            panic!(
                "{what} reached the terminal: …{}…",
                String::from_utf8_lossy(&raw[from..to]).escape_debug()
            );
        }
    }
    // 8-bit C1 controls, as UTF-8 (U+0080–U+009F): e.g. C2 9B is an 8-bit CSI.
    if let Some(at) = raw
        .windows(2)
        .position(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
    {
        panic!("an 8-bit C1 control reached the terminal at byte {at}");
    }
}

#[test]
fn hostile_comments_never_reach_the_terminal() {
    let store = Store::demo(&[]);
    let queue = pending(&store);
    let hostile: Vec<i64> = queue
        .iter()
        .filter(|c| c["has_control_codes"] == true)
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(hostile.len() >= 8, "{hostile:?}");
    for title in ["Câu hỏi\u{1b}[6n", "Đêm thơ hay\u{1b}[2J\u{1b}[H"] {
        assert!(queue.iter().any(|c| c["title"] == title), "{title:?} is pending");
    }
    assert!(
        queue
            .iter()
            .any(|c| c["name"].as_str().unwrap().contains('\u{202e}'))
    );

    let mut tui = Tui::start(&store, COLS, ROWS, &["--user", EDITOR]);
    tui.wait_for_text("Hai Bà Trưng");
    tui.settled();
    let mark = tui.raw_len();
    tui.send(b"3");
    let mut flagged = 0;
    for (i, c) in queue.iter().enumerate() {
        let id = c["id"].as_i64().unwrap();
        if i > 0 {
            tui.send(b"j");
        }
        let screen = wait_selected(&mut tui, id);
        let lines: Vec<&str> = screen.lines().collect();
        assert!(
            lines.first().is_some_and(|l| l.contains("Bài viết")),
            "the tab bar is intact at #{id}:\n{screen}"
        );
        assert!(
            screen
                .lines()
                .nth(usize::from(ROWS) - 1)
                .is_some_and(|l| l.contains(EDITOR)),
            "the status line is intact at #{id}:\n{screen}"
        );
        assert_eq!(lines.len(), usize::from(ROWS), "{screen}");
        if hostile.contains(&id) {
            assert!(
                screen.contains("có mã điều khiển"),
                "#{id} should be flagged:\n{screen}"
            );
            flagged += 1;
            if c["content"].as_str().unwrap().contains("\u{1b}]52") {
                // The whole comment on its own, and back.
                let split = |s: &str| {
                    s.lines()
                        .nth(usize::from(FIRST_LIST_ROW))
                        .is_some_and(|l| l.contains('│'))
                };
                tui.send(ENTER);
                tui.wait_for("the comment on its own", |s| !split(s));
                let single = tui.settled();
                assert!(single.contains("có mã điều khiển"), "{single}");
                assert!(single.contains("Đường xấu quá"), "{single}");
                assert!(single.contains(&format!("#{id}")), "{single}");
                tui.send(b"q");
                tui.wait_for("the list again", split);
            }
        } else {
            assert!(!screen.contains("có mã điều khiển"), "#{id}:\n{screen}");
        }
        assert_harmless(&tui.raw_since(mark));
    }
    assert_eq!(flagged, hostile.len());
    tui.settled();
    let raw = tui.raw_since(mark);
    assert_harmless(&raw);
    // The capture is the real thing: every frame drawn while the comments were on screen.
    assert!(
        raw.len() > 10_000 && raw.windows(2).any(|w| w == b"\x1b["),
        "{} bytes",
        raw.len()
    );
    quit(&mut tui);
}

#[test]
fn a_vietnamese_input_method_left_on_decides_nothing_by_mistake() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    let mut tui = open_queue(&store, EDITOR);
    wait_selected(&mut tui, ids[0]);

    // Telex turns "dd" into "đ": it counts as d, reject.
    tui.type_text("đ");
    wait_selected(&mut tui, ids[1]);
    wait_status(&mut tui, &store, ids[0], "rejected");

    // A composed vowel is no command: a hint, and nothing decided.
    tui.type_text("á");
    tui.wait_for_text("bộ gõ");
    std::thread::sleep(Duration::from_millis(300));
    let screen = tui.settled();
    assert_eq!(selected_id(&screen), Some(ids[1]), "{screen}");
    assert_eq!(status_of(&store, ids[1]), "pending");

    // f, then an input method's Backspace and its corrected letter, in one burst.
    tui.send("f\x7fư".as_bytes());
    wait_selected(&mut tui, ids[2]);
    tui.wait_for_text("bộ gõ");
    std::thread::sleep(Duration::from_millis(500));
    tui.settled();
    assert_eq!(status_of(&store, ids[1]), "approved");
    assert_eq!(status_of(&store, ids[2]), "pending");
    let mine: Vec<_> = decisions(&store).into_iter().filter(|d| d.0 == EDITOR).collect();
    assert_eq!(
        mine.iter().map(|d| (d.1, d.3.as_str())).collect::<Vec<_>>(),
        [(ids[0], "rejected"), (ids[1], "approved")],
        "exactly the đ and the f"
    );
    assert_eq!(pending_ids(&store).len(), PENDING - 2);
    quit(&mut tui);
}

/// Whether the hint line refuses a decision someone else made first: "#12: NAME đã duyệt lúc 10:02".
fn refused(screen: &str) -> bool {
    screen
        .lines()
        .any(|l| l.trim_start().starts_with('#') && l.contains(": ") && l.contains(" lúc "))
}

/// `c` in a real terminal: the comment among its article's comments, with that article's
/// counts as the store has them; a decision moves on and the context comes along; `Esc`
/// brings the comment alone back.
#[test]
fn c_shows_the_articles_conversation_and_follows_each_decision() {
    let store = Store::demo(&[]);
    let ids = pending_ids(&store);
    let all = comments(&store);
    let article_of = |id: i64| comment(&store, id)["article_id"].as_i64().unwrap();
    let count = |article: i64, status: &str| {
        all.iter()
            .filter(|c| c["article_id"] == article && c["status"] == status)
            .count()
    };
    let mut tui = open_queue(&store, EDITOR);
    wait_selected(&mut tui, ids[0]);
    tui.send(b"c");
    let article = article_of(ids[0]);
    let screen = tui.wait_for_text(&format!("#{} · trên bài #{article}", ids[0]));
    let counts = format!(
        "? {} chờ duyệt · ✓ {}",
        count(article, "pending"),
        count(article, "approved")
    );
    assert!(screen.contains(&counts), "{counts}\n{screen}");

    tui.send(b"f");
    wait_status(&mut tui, &store, ids[0], "approved");
    let next = article_of(ids[1]);
    let screen = tui.wait_for_text(&format!("#{} · trên bài #{next}", ids[1]));
    // The comment just approved counts as approved on its article now.
    if next == article {
        let counts = format!("✓ {}", count(article, "approved") + 1);
        assert!(screen.contains(&counts), "{counts}\n{screen}");
    }

    tui.send(b"q");
    tui.wait_for(&format!("#{} alone again", ids[1]), |s| {
        s.contains("Bài viết:") && !s.contains("trên bài #")
    });
    quit(&mut tui);
}
