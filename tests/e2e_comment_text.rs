//! Emoji sequences in a real terminal: ratatui measures a ZWJ family as one 2-column
//! grapheme while a terminal without ZWJ support (vt100 here, like xterm, VTE and tmux)
//! draws every part. Drawn as their parts, no piece of one stays behind when the screen
//! moves on to another comment.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::{Store, Tui};

const EDITOR: &str = "huong.tran";
/// The detail pane's header row (the selected comment's id) on an 80×24 screen.
const DETAIL_ROW: usize = 2;

/// Pieces of the sequences below that no demo comment contains.
const PIECES: [char; 7] = ['👨', '👩', '👧', '👦', '🏳', '🌈', '💻'];

/// The id in the detail pane's header: the selected comment.
fn selected_id(screen: &str) -> Option<i64> {
    let detail = screen.lines().nth(DETAIL_ROW)?.split('│').nth(1)?;
    // The pane's title is "#74 · 12/47": the id, then where it stands.
    detail
        .trim()
        .strip_prefix('#')?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Imports comments from one reader, older than every demo comment so they head the
/// pending queue in this order; returns their ids.
fn import_first(store: &Store, comments: &[(&str, &str)]) -> Vec<i64> {
    let published = store.json_as(EDITOR, &["article", "list", "--status", "published", "--json"]);
    let lines: Vec<String> = comments
        .iter()
        .enumerate()
        .map(|(i, (title, content))| {
            serde_json::json!({
                "article": published[0]["id"], "name": "Phạm Thu", "phone": "0987654321",
                "title": title, "content": content, "ip": "198.51.100.30",
                "submitted_at": format!("2020-01-0{}T00:00:00Z", i + 1),
            })
            .to_string()
        })
        .collect();
    let file = store.path().join("emoji.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = store.cli_as(EDITOR, &["comments", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pending = store.json_as(EDITOR, &["comments", "list", "--status", "pending", "--json"]);
    (0..comments.len())
        .map(|i| pending[i]["id"].as_i64().unwrap())
        .collect()
}

fn select(tui: &mut Tui, id: i64) -> String {
    tui.wait_for(&format!("comment #{id} selected"), |s| selected_id(s) == Some(id));
    tui.settled()
}

/// A sequence drawn over blank cells (the comment before had short lines) is the case that
/// leaves fragments: ratatui rewrites only the cells it thinks changed, and it thinks the
/// sequence took two.
#[test]
fn emoji_sequences_leave_no_fragments_when_the_screen_moves_on() {
    let store = Store::demo(&[]);
    let ids = import_first(
        &store,
        &[
            ("Ngắn", "Ừ\nỪ\nỪ\nỪ"),
            (
                "Cả nhà đi xem",
                "Gia đình 👨\u{200d}👩\u{200d}👧\u{200d}👦\nCờ 🏳\u{fe0f}\u{200d}🌈\nNghề 🧑\u{200d}💻\nHay",
            ),
        ],
    );
    let mut tui = Tui::start(&store, 80, 24, &["--user", EDITOR]);
    tui.wait_for_text("Hai Bà Trưng");
    tui.send(b"3");
    select(&mut tui, ids[0]);
    tui.send(b"j");
    let drawn = select(&mut tui, ids[1]);
    tui.send(b"k");
    let screen = select(&mut tui, ids[0]);
    let left: Vec<char> = screen.chars().filter(|c| PIECES.contains(c)).collect();
    assert!(left.is_empty(), "fragments left on screen: {left:?}\n{screen}");
    // And while it was on screen, every part was drawn where ratatui put it.
    let family = drawn.lines().find(|l| l.contains("Gia đình")).unwrap();
    assert!(family.contains("👨👩👧👦"), "{family}");
    tui.send(b"q");
    tui.wait_exit(std::time::Duration::from_secs(5));
}
