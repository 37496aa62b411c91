//! Search in a real terminal: `/` over the Articles list and over the comment queue, words
//! typed without accents, the results after a pause, Enter to keep them, Esc to clear, and
//! a mistake in a filter that is said on the hint line without ending the session.
//!
//! Every store is the demo; the TUI runs as its admin on an 80×24 screen in Vietnamese.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::{BACKSPACE, ENTER, ESC, Store, Tui};

const COLS: u16 = 80;
const ROWS: u16 = 24;
/// The line the search is typed on: the hint line, above the status bar.
const HINT_ROW: u16 = ROWS - 2;
/// The Articles list: tab bar, then the column header, then the rows.
const FIRST_ARTICLE_ROW: u16 = 2;
/// How long a search may take to show, from the last key typed.
const SEARCH_WAIT: Duration = Duration::from_secs(3);
const ARTICLES: usize = 16;
/// Rows of list on a 24-row screen: all but tabs, column header, hint line and status line.
const LIST_ROWS: usize = 20;

const TAY_HO: &str = "Giải chạy “Vì Tây Hồ xanh”";
const LONG_BIEN: &str = "Long Biên: Hơn 1.200 hộ dân";

/// The TUI on the Articles list, its newest draft on screen.
fn open(store: &Store) -> Tui {
    let mut tui = Tui::start(store, COLS, ROWS, &[]);
    tui.wait_for_text("Hai Bà Trưng");
    tui
}

/// The titles the list shows (as cut to the column), from the article rows on screen.
/// The list's rows, without the snippet line a search result has under its title (blank
/// where the status is).
fn list_rows(tui: &Tui) -> Vec<String> {
    tui.body()
        .into_iter()
        .skip(usize::from(FIRST_ARTICLE_ROW) - 1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with(SNIPPET_INDENT))
        .collect()
}

/// A search result takes two lines: its row, and its snippet under the title.
const SNIPPET_INDENT: &str = "           ";
const RESULT_ROWS: usize = LIST_ROWS / 2;

/// The screen row (from 0) drawn in reverse video: the selected row of a list.
fn selected_row(tui: &Tui) -> Option<u16> {
    tui.with_screen(|s| {
        (FIRST_ARTICLE_ROW..HINT_ROW).find(|&row| s.cell(row, 0).is_some_and(vt100::Cell::inverse))
    })
}

/// Waits until this screen row is the selected one; fails with the screen after a while.
fn wait_selected(tui: &Tui, row: u16) {
    let deadline = Instant::now() + Duration::from_secs(3);
    while selected_row(tui) != Some(row) {
        assert!(
            Instant::now() < deadline,
            "row {row} is not selected (row {:?} is):\n{}",
            selected_row(tui),
            tui.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every demo title (as stored), and the ones the CLI finds for these words.
fn titles(store: &Store) -> Vec<String> {
    store
        .articles(&store.admin)
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

/// `newsroom search` with the same query: the screen takes the last word as begun while it
/// is typed, which the command line is told with a `*` after it.
fn cli_search(store: &Store, query: &str) -> Vec<Value> {
    match store.json(&["search", query, "--json", "--limit", "1000"]) {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

/// Whether a screen row shows this title: its first characters, however the column cuts it.
fn shows(rows: &[String], title: &str) -> bool {
    let start: String = title.chars().take(20).collect();
    rows.iter().any(|r| r.contains(&start))
}

#[test]
fn slash_finds_articles_without_accents_and_esc_brings_the_list_back() {
    let store = Store::demo(&[]);
    let found = cli_search(&store, "tay ho*");
    let found_titles: Vec<String> = found
        .iter()
        .filter(|h| h["kind"] == "article")
        .map(|h| h["title"].as_str().unwrap().to_owned())
        .collect();
    assert!(found_titles.len() >= 2, "{found_titles:?}");
    let others: Vec<String> = titles(&store)
        .into_iter()
        .filter(|t| !found_titles.contains(t))
        .collect();

    let mut tui = open(&store);
    let full = tui.screen();
    assert!(full.contains(&format!("{ARTICLES} bài viết")), "{full}");
    assert!(shows(&list_rows(&tui), LONG_BIEN) || full.contains("▼"), "{full}");

    tui.send(b"/");
    tui.wait_for("the search line", |s| {
        s.lines()
            .nth(usize::from(HINT_ROW))
            .is_some_and(|l| l.starts_with('/'))
    });
    tui.type_text("tay ho");
    let typed = Instant::now();
    let screen = tui.wait_within(SEARCH_WAIT, "the Tây Hồ results", |s| {
        s.contains(TAY_HO)
            && !s.contains(LONG_BIEN)
            && s.lines().next().is_some_and(|l| l.contains("/tay ho"))
    });
    let took = typed.elapsed();
    let rows = list_rows(&tui);
    assert_eq!(rows.len(), found_titles.len(), "one row per match:\n{screen}");
    for t in &found_titles {
        assert!(shows(&rows, t), "{t:?} is a match but not listed:\n{screen}");
    }
    for t in &others {
        assert!(!shows(&rows, t), "{t:?} does not match but is listed:\n{screen}");
    }
    // Title matches first: the newest of them on top.
    assert!(rows[0].contains(TAY_HO), "{screen}");
    // The corner says what is searched and how many there are.
    let corner = screen.lines().next().unwrap();
    assert!(
        corner.contains("/tay ho") && corner.contains(&format!("{} bài viết", found_titles.len())),
        "corner: {corner}"
    );
    // The typed text stays on the hint line, the real cursor right after it.
    let hint = tui.row(HINT_ROW);
    assert!(hint.starts_with("/tay ho"), "hint line: {hint}");
    assert!(tui.cursor_shown(), "the cursor is hidden while typing a search");
    assert_eq!(tui.cursor(), (HINT_ROW, 7), "the cursor after \"/tay ho\"");
    // The matched words are marked, in their accented spelling.
    let bold = tui.with_screen(|s| {
        let row = FIRST_ARTICLE_ROW;
        (0..COLS)
            .filter(|&c| s.cell(row, c).is_some_and(|cell| cell.bold() || cell.underline()))
            .filter_map(|c| s.cell(row, c).map(|cell| cell.contents().to_owned()))
            .collect::<String>()
    });
    assert!(
        bold.contains("Tây") && bold.contains("Hồ"),
        "highlighted: {bold:?}"
    );
    eprintln!("search shown {took:?} after typing (the pause is 300 ms)");

    // Enter keeps the results and gives the keys back to the list: j moves down them.
    tui.send(ENTER);
    tui.wait_for("the hint line back", |s| {
        s.lines()
            .nth(usize::from(HINT_ROW))
            .is_some_and(|l| !l.starts_with('/'))
    });
    let kept = tui.settled();
    assert_eq!(list_rows(&tui), rows, "Enter changed the results:\n{kept}");
    assert!(kept.lines().next().unwrap().contains("/tay ho"), "{kept}");
    assert_eq!(selected_row(&tui), Some(FIRST_ARTICLE_ROW), "{kept}");
    tui.send(b"j");
    // The next result is two lines down: its row, under the first one's snippet.
    wait_selected(&tui, FIRST_ARTICLE_ROW + 2);
    assert_eq!(list_rows(&tui), rows, "j changed the results");

    // `/` again starts from the search in force; Esc clears it and the whole list is back.
    tui.send(b"/");
    tui.wait_for("the search line again, with the words", |s| {
        s.lines()
            .nth(usize::from(HINT_ROW))
            .is_some_and(|l| l.starts_with("/tay ho"))
    });
    tui.send(ESC);
    // One frame brings back the list and the hint line; wait for both, so a frame caught
    // half-written under load is not taken for the result.
    let screen = tui.wait_for("the whole list and the hint line", |s| {
        s.contains(&format!("{ARTICLES} bài viết"))
            && s.contains("Hai Bà Trưng")
            && s.lines()
                .nth(usize::from(HINT_ROW))
                .is_some_and(|l| !l.starts_with('/'))
    });
    assert!(!screen.lines().next().unwrap().contains("/tay"), "{screen}");
    assert!(
        !tui.row(HINT_ROW).starts_with('/'),
        "the search line stayed:\n{screen}"
    );
    assert_eq!(
        list_rows(&tui).len(),
        ARTICLES.min(usize::from(ROWS) - 4),
        "{screen}"
    );
    assert!(tui.is_running());
}

#[test]
fn typed_a_key_at_a_time_the_list_follows_the_text_and_backspace() {
    let store = Store::demo(&[]);
    let mut tui = open(&store);
    tui.send(b"/");
    tui.wait_for_text("Esc để xoá");
    // "dong da" typed a key at a time, quickly: the results are for the whole words.
    for c in "dong da".chars() {
        tui.type_text(&c.to_string());
        std::thread::sleep(Duration::from_millis(30));
    }
    let screen = tui.wait_within(SEARCH_WAIT, "the Đống Đa result", |s| {
        s.lines().next().is_some_and(|l| l.contains("/dong da"))
    });
    let rows = list_rows(&tui);
    assert!(rows[0].contains("Đống Đa"), "Đống Đa first:\n{screen}");
    let want: Vec<Value> = cli_search(&store, "dong da*")
        .into_iter()
        .filter(|h| h["kind"] == "article")
        .collect();
    assert_eq!(rows.len(), want.len().min(RESULT_ROWS), "{screen}");
    // Backspace twice: "dong " is every article with a word starting "dong", newest title
    // match first: what the command line finds.
    tui.send(BACKSPACE);
    tui.send(BACKSPACE);
    let screen = tui.wait_within(SEARCH_WAIT, "the results for dong", |s| {
        s.lines().next().is_some_and(|l| l.contains("/dong  ·"))
    });
    let want: Vec<Value> = cli_search(&store, "dong*")
        .into_iter()
        .filter(|h| h["kind"] == "article")
        .collect();
    let rows = list_rows(&tui);
    assert_eq!(rows.len(), want.len().min(RESULT_ROWS), "{screen}");
    for (row, hit) in rows.iter().zip(&want) {
        let start: String = hit["title"].as_str().unwrap().chars().take(20).collect();
        assert!(row.contains(&start), "{start:?} expected in {row:?}:\n{screen}");
    }
    assert!(tui.is_running());
}

#[test]
fn slash_over_the_comment_queue_lists_only_matching_comments() {
    let store = Store::demo(&[]);
    let pending: Vec<Value> = match store.json(&[
        "comments", "list", "--status", "pending", "--json", "--limit", "1000",
    ]) {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    };
    let matching: Vec<i64> = cli_search(&store, "vay*")
        .iter()
        .filter(|h| h["kind"] == "comment" && h["status"] == "pending")
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    assert!(!matching.is_empty() && matching.len() < pending.len());

    let mut tui = open(&store);
    tui.send(b"3");
    tui.wait_for_text("chờ duyệt");
    tui.send(b"/");
    tui.wait_for("the search line", |s| {
        s.lines()
            .nth(usize::from(HINT_ROW))
            .is_some_and(|l| l.starts_with('/'))
    });
    tui.type_text("vay");
    let screen = tui.wait_within(SEARCH_WAIT, "the queue filtered", |s| {
        s.lines().next().is_some_and(|l| l.contains("/vay"))
    });
    tui.send(ENTER);
    let screen_kept = tui.settled();
    // One list row per match, nothing else in the list.
    let listed = screen_kept
        .lines()
        .skip(2)
        .take(LIST_ROWS)
        .filter(|l| !l.split('│').next().unwrap_or_default().trim().is_empty())
        .count();
    assert_eq!(listed, matching.len(), "{screen_kept}");
    // Every comment listed is one of the matches, and every match is listed: walk the list
    // with j and read the selected id from the detail pane.
    let mut seen = Vec::new();
    for _ in 0..matching.len() + 2 {
        let s = tui.settled();
        let id = selected_comment(&s).unwrap_or_else(|| panic!("no comment selected:\n{s}"));
        if seen.last() == Some(&id) {
            break;
        }
        seen.push(id);
        tui.send(b"j");
    }
    seen.sort_unstable();
    let mut want = matching.clone();
    want.sort_unstable();
    assert_eq!(seen, want, "the queue under /vay:\n{screen}\n{screen_kept}");
    // The other pending comments' titles are not there.
    for c in &pending {
        let id = c["id"].as_i64().unwrap();
        let title = c["title"].as_str().unwrap();
        if !matching.contains(&id) && title.chars().all(|ch| !ch.is_control()) && title.chars().count() > 8 {
            let start: String = title.chars().take(8).collect();
            let list: String = tui
                .screen()
                .lines()
                .skip(2)
                .take(20)
                .map(|l| l.split('│').next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
                .join("\n");
            assert!(
                !list.contains(&start),
                "{title:?} does not match /vay:\n{}",
                tui.screen()
            );
        }
    }
    tui.send(b"/");
    tui.wait_for_text("Esc để xoá");
    tui.send(ESC);
    tui.wait_for("the queue unfiltered", |s| {
        s.lines().next().is_some_and(|l| !l.contains("/vay"))
    });
    assert!(tui.is_running());
}

/// The id in the detail pane's header: the selected comment.
fn selected_comment(screen: &str) -> Option<i64> {
    let line = screen.lines().nth(2)?;
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

#[test]
fn a_bad_filter_is_said_on_the_hint_line_and_the_session_goes_on() {
    let store = Store::demo(&[]);
    let mut tui = open(&store);
    tui.send(b"/");
    tui.wait_for_text("Esc để xoá");
    tui.type_text("colour:x");
    let screen = tui.wait_within(SEARCH_WAIT, "the sentence about colour", |s| {
        s.lines()
            .nth(usize::from(HINT_ROW))
            .is_some_and(|l| l.starts_with("/colour:x") && l.contains("Không có bộ lọc \"colour\""))
    });
    // Still typing: the cursor stays after the text.
    assert_eq!(tui.cursor(), (HINT_ROW, 9), "{screen}");
    assert!(tui.is_running(), "{screen}");
    // The list is as it was.
    assert!(screen.contains(&format!("{ARTICLES} bài viết")), "{screen}");
    assert!(screen.contains("Hai Bà Trưng"), "{screen}");
    // Mending the query runs it.
    for _ in 0.."colour:x".len() {
        tui.send(BACKSPACE);
    }
    tui.type_text("tay ho");
    tui.wait_within(SEARCH_WAIT, "the Tây Hồ results after the mistake", |s| {
        s.contains(TAY_HO) && !s.contains(LONG_BIEN)
    });
    let mended = tui.row(HINT_ROW);
    assert!(
        !mended.contains("Không có bộ lọc"),
        "the mended query still shows the mistake: {mended}"
    );
    // A bad date too: the sentence names the filter and what is wrong with it.
    tui.type_text(" before:2020-10-01");
    let screen = tui.wait_within(SEARCH_WAIT, "the sentence about the date", |s| {
        s.lines()
            .nth(usize::from(HINT_ROW))
            .is_some_and(|l| l.contains("before:2020-10-01 không phải ngày"))
    });
    // The list keeps the last good results.
    assert!(screen.contains(TAY_HO) && !screen.contains(LONG_BIEN), "{screen}");
    assert!(screen.lines().next().unwrap().contains("/tay ho"), "{screen}");
    tui.send(ESC);
    tui.wait_for_text(&format!("{ARTICLES} bài viết"));
    assert!(tui.is_running());
}

#[test]
fn an_article_written_elsewhere_joins_the_results_on_screen() {
    let store = Store::demo(&[]);
    let mut tui = open(&store);
    tui.send(b"/");
    tui.wait_for_text("Esc để xoá");
    tui.type_text("phuc dong");
    tui.wait_within(SEARCH_WAIT, "the search in force", |s| {
        s.lines().next().is_some_and(|l| l.contains("/phuc dong"))
    });
    tui.send(ENTER);
    let before = tui.settled();
    assert!(!before.contains("Phường Phúc Đồng"), "{before}");
    // Another session writes an article with those words.
    let out = store.cli_as(
        "lan.nguyen",
        &[
            "article",
            "new",
            "--title",
            "Phường Phúc Đồng khánh thành nhà văn hoá",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let screen = tui.wait_for("the new article in the results", |s| {
        s.contains("Phường Phúc Đồng khánh")
    });
    assert_eq!(
        list_rows(&tui).first().map(|r| r.contains("Phường Phúc Đồng")),
        Some(true),
        "{screen}"
    );
    assert!(
        screen.lines().next().unwrap().contains("/phuc dong"),
        "the search is still in force:\n{screen}"
    );
    assert!(!screen.contains("Hai Bà Trưng"), "{screen}");
}
