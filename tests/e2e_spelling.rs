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
