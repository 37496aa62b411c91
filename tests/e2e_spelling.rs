//! The writing aids in a real terminal: the built-in Telex mode typed key by key, as a
//! reporter with no Vietnamese input method would, and the accented text found saved.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::{CTRL_S, ESC, Store, Tui};

const REPORTER: &str = "lan.nguyen";
const FIRST_TITLE: &str = "Hai Bà Trưng ra mắt thư viện số";
const IN_EDITOR: &str = "Sa-pô";
/// F2 as terminals send it.
const F2: &[u8] = b"\x1bOQ";

#[test]
fn telex_typed_with_the_built_in_mode_is_saved_accented() {
    let store = Store::demo_as("root", &[]);
    let mut tui = Tui::start_with_env(&store, 80, 24, &["--user", REPORTER], &[]);
    tui.wait_for_text(FIRST_TITLE);
    tui.send(F2);
    tui.wait_for_text("[Telex]");
    tui.send(b"n");
    tui.wait_for_text(IN_EDITOR);
    // Plain keys, one at a time, as someone types them.
    for key in "Dduwowngf sachs Tieesng Vieejt".bytes() {
        tui.send(&[key]);
    }
    let title = "Đường sách Tiếng Việt";
    tui.wait_for_text(title);
    // Off again: the keys type themselves.
    tui.send(F2);
    tui.wait_for_gone("[Telex]");
    tui.send(b" aa");
    let typed = format!("{title} aa");
    tui.wait_for_text(&typed);
    tui.send(CTRL_S);
    tui.wait_for_text("Đã lưu (phiên bản");
    tui.send(ESC);
    tui.wait_for_gone(IN_EDITOR);
    let id = store.article_id(REPORTER, &typed);
    assert_eq!(store.article(REPORTER, id)["title"], typed.as_str());
}

/// The TUI draws typing before it checks it: the word being typed is not underlined while
/// the caret is in it (half a Vietnamese word is often no word yet), and once the caret
/// leaves it the check runs after the frame and a second frame underlines it and counts it.
#[test]
fn a_word_is_judged_once_the_caret_leaves_it() {
    let store = Store::demo_as("root", &[]);
    let mut tui = Tui::start_with_env(&store, 80, 24, &["--user", REPORTER], &[]);
    tui.wait_for_text(FIRST_TITLE);
    tui.send(b"n");
    tui.wait_for_text(IN_EDITOR);
    for c in "Nhà kà".chars() {
        tui.type_text(&c.to_string());
    }
    tui.wait_for_text("Nhà kà");
    let screen = tui.settled();
    assert!(
        !screen.contains("từ cần xem lại"),
        "kà is still being typed:\n{screen}"
    );
    assert!(!underlined(&tui, "kà"), "kà is still being typed:\n{screen}");
    tui.type_text(" ");
    tui.wait_for_text("⚠ 1 từ cần xem lại");
    let deadline = std::time::Instant::now() + support::WAIT;
    while !underlined(&tui, "kà") {
        assert!(
            std::time::Instant::now() < deadline,
            "kà never underlined:\n{}",
            tui.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!underlined(&tui, "Nhà"), "a right word is not underlined");
}

/// Whether the first place `word` is on screen is drawn underlined, every letter of it.
fn underlined(tui: &Tui, word: &str) -> bool {
    tui.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        for row in 0..rows {
            let text: Vec<String> = (0..cols)
                .map(|col| {
                    screen
                        .cell(row, col)
                        .map_or(String::new(), |c| c.contents().to_owned())
                })
                .collect();
            let n = word.chars().count();
            for col in 0..text.len().saturating_sub(n) {
                if text[col..col + n].concat() == word {
                    return (col..col + n)
                        .all(|c| screen.cell(row, c as u16).is_some_and(|cell| cell.underline()));
                }
            }
        }
        false
    })
}
