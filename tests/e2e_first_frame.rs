//! The first frame does not wait for the terminal's answer about pictures, and every key
//! typed while that answer is awaited arrives, in order: a terminal that never answers and
//! one that answers only after the keys.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Instant;

use support::{Store, Tui};

const COLS: u16 = 120;
const ROWS: u16 = 40;
const FIRST_TITLE: &str = "Hai Bà Trưng";
const STATUS_REQUEST: &[u8] = b"\x1b[5n";

/// Waits for the picture question and returns where in the output it starts.
fn question_sent(tui: &mut Tui) -> usize {
    let deadline = Instant::now() + support::WAIT;
    loop {
        let raw = tui.raw_since(0);
        if let Some(at) = raw
            .windows(STATUS_REQUEST.len())
            .position(|w| w == STATUS_REQUEST)
        {
            return at;
        }
        assert!(Instant::now() < deadline, "no status request:\n{}", tui.screen());
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// What the screen showed when the question went out.
fn screen_before(tui: &Tui, at: usize) -> String {
    let mut parser = vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0);
    parser.process(&tui.raw_since(0)[..at]);
    parser.screen().contents()
}

/// Opens search and types "đồng chí" as a Telex input method does: letters, then
/// backspaces over them and the composed ones in one burst.
fn type_search_while_asked(tui: &mut Tui) {
    tui.send(b"/");
    tui.send("dô".as_bytes());
    tui.send("\x7f\x7fđồng".as_bytes());
    tui.send(" chi".as_bytes());
    tui.send("\x7fí".as_bytes());
}

fn search_line_shows(tui: &mut Tui, text: &str) {
    let want = format!("/{text}");
    tui.wait_for(&want, |s| s.lines().any(|l| l.contains(&want)));
}

/// Esc closes the search, then Ctrl+Q; sent together they would read as Alt+Ctrl+Q.
fn quit(tui: &mut Tui) {
    tui.send(support::ESC);
    tui.wait_for_gone("/đồng chí");
    tui.send(support::CTRL_Q);
    tui.wait_exit(support::WAIT);
}

#[test]
fn a_terminal_that_never_answers_gets_the_first_frame_first_and_loses_no_key() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, COLS, ROWS, &[]);
    let at = question_sent(&mut tui);
    type_search_while_asked(&mut tui);
    let before = screen_before(&tui, at);
    assert!(
        before.contains(FIRST_TITLE),
        "the question went out before the first frame:\n{before}"
    );
    search_line_shows(&mut tui, "đồng chí");
    quit(&mut tui);
}

#[test]
fn keys_typed_before_the_terminal_answers_all_arrive_in_order() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, COLS, ROWS, &[]);
    question_sent(&mut tui);
    type_search_while_asked(&mut tui);
    tui.send(b"\x1b[?62;4c\x1b[0n");
    search_line_shows(&mut tui, "đồng chí");
    quit(&mut tui);
}
