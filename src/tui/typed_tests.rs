//! Typed frames against whole frames: after every key of a session in the body (letters,
//! Vietnamese, spaces, deletions, new paragraphs, joins, caret moves, scrolling, a save),
//! the screen typed frames leave is the screen a whole frame draws, both as kept here and
//! as a terminal shows the bytes sent.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::{CrosstermBackend, TestBackend};

use super::*;
use crate::app::{Action, Field};
use crate::clock::ManualClock;
use crate::i18n::Lang;
use crate::keymap::Command;
use crate::testing::{demo_store, now, session_at};

fn editing(lang: Lang) -> App {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, "lan.nguyen", lang, clock, "s1");
    let mut app = App::new(store, session, 24).unwrap();
    app.lag_spelling = true;
    app.update(Action::Command(Command::Open));
    for _ in 0..5 {
        app.update(Action::Command(Command::NextField));
    }
    assert_eq!(app.editor.as_ref().map(|e| e.focus), Some(Field::Body));
    app
}

/// The bytes sent, where the test can read them while the terminal writes on.
#[derive(Clone, Default)]
struct Sent(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl io::Write for Sent {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn key(code: KeyCode) -> Action {
    Action::Type(KeyEvent::new(code, KeyModifiers::NONE))
}

/// What happens between two frames of the session: a key, or the terminal resized.
enum Step {
    Key(Action),
    Resize(u16, u16),
}

/// The keys of the session: typing with every kind of edit and move between.
fn session() -> Vec<Action> {
    let mut keys: Vec<Action> = Vec::new();
    let text = |s: &str, keys: &mut Vec<Action>| keys.extend(s.chars().map(|c| key(KeyCode::Char(c))));
    text("Người dân phường Tây Hồ đề nghị sớm sửa đường ", &mut keys);
    keys.extend(
        [
            KeyCode::Backspace,
            KeyCode::Backspace,
            KeyCode::Left,
            KeyCode::Left,
        ]
        .map(key),
    );
    text("ngõ “nhỏ” ", &mut keys);
    // Wide characters: a row with them goes through ratatui's comparison.
    text("漢字 ", &mut keys);
    keys.extend([KeyCode::Backspace, KeyCode::Backspace, KeyCode::Left].map(key));
    text("x", &mut keys);
    keys.push(key(KeyCode::Enter));
    text("Đoạn mới. ", &mut keys);
    keys.extend([KeyCode::Home, KeyCode::Backspace, KeyCode::Down, KeyCode::Down].map(key));
    text("chữ giữa dòng ", &mut keys);
    keys.extend([KeyCode::PageDown, KeyCode::End].map(key));
    text("cuối bài", &mut keys);
    keys.extend([KeyCode::PageUp, KeyCode::Up, KeyCode::Delete].map(key));
    keys.push(Action::Command(Command::Save));
    text(" sau khi lưu", &mut keys);
    keys
}

fn check(mut cols: u16, mut rows: u16, lang: Lang) {
    // The session, then the terminal made smaller (drawn whole, as after any resize), and
    // typing on in it.
    let mut steps: Vec<Step> = session().into_iter().map(Step::Key).collect();
    steps.push(Step::Resize(cols - 6, rows - 2));
    steps.extend("thêm chữ".chars().map(|c| Step::Key(key(KeyCode::Char(c)))));
    let mut app = editing(lang);
    let keymap = Keymap::default();
    let theme = Theme::default();
    let sent = Sent::default();
    // A fixed viewport, as the TUI's: the backend never asks a terminal its size.
    let viewport = ratatui::Viewport::Fixed(Rect::new(0, 0, cols, rows));
    let options = ratatui::TerminalOptions { viewport };
    let mut terminal = Terminal::with_options(CrosstermBackend::new(sent.clone()), options).unwrap();
    let mut expected = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    let mut shown = Shown::default();
    let nonzero = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let mut screen = vt100::Parser::new(nonzero(rows), nonzero(cols), 0);
    let mut typed_frames = 0;
    let mut whole = true;
    for (step, action) in std::iter::once(None)
        .chain(steps.into_iter().map(Some))
        .enumerate()
    {
        match action {
            Some(Step::Key(action)) => {
                whole |= !matches!(action, Action::Type(_));
                app.update(action);
            }
            // As the event loop does on a resize.
            Some(Step::Resize(c, r)) => {
                (cols, rows) = (c, r);
                terminal.resize(Rect::new(0, 0, cols, rows)).unwrap();
                shown.forget(&mut terminal);
                whole = true;
                app.update(Action::Resize {
                    list_rows: ui::list_rows(rows),
                });
                expected.backend_mut().resize(cols, rows);
                screen.screen_mut().set_size(nonzero(rows), nonzero(cols));
            }
            None => {}
        }
        // As the event loop does: the typed frame when it can be, else a whole one; then the
        // spelling check, and a whole frame when it changed the screen.
        let mut frames = vec![whole];
        loop {
            let whole = frames.pop().unwrap();
            if !whole && draw(&mut terminal, &mut shown, &app, &keymap, &theme).unwrap() {
                typed_frames += 1;
            } else {
                shown.before_whole(&mut terminal);
                let done = terminal.draw(|f| ui::draw(f, &app, &keymap, &theme)).unwrap();
                shown.whole(done.buffer, &app);
            }
            if !app.settle() {
                break;
            }
            frames.push(true);
        }
        whole = false;
        // The frame as drawn: the test backend's own copy keeps stale cells hidden behind
        // wide characters, which the comparison never sends.
        let want = &expected
            .draw(|f| ui::draw(f, &app, &keymap, &theme))
            .unwrap()
            .buffer
            .clone();
        assert_eq!(shown.screen.as_ref(), Some(want), "kept screen, step {step}");
        screen.process(&std::mem::take(&mut *sent.0.borrow_mut()));
        let rows_sent: Vec<String> = screen
            .screen()
            .rows(0, cols)
            .map(|r| r.trim_end().to_owned())
            .collect();
        let rows_want: Vec<String> = (0..rows)
            .map(|y| {
                // A wide character covers the cell after it, as on a terminal.
                let (mut line, mut x) = (String::new(), 0);
                while x < cols {
                    let symbol = want[(x, y)].symbol();
                    line.push_str(symbol);
                    x += (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1);
                }
                line.trim_end().to_owned()
            })
            .collect();
        assert_eq!(rows_sent, rows_want, "screen sent, step {step}");
    }
    assert!(
        typed_frames > 60,
        "typing went through typed frames: {typed_frames}"
    );
}

#[test]
fn typed_frames_leave_the_screen_a_whole_frame_draws() {
    check(80, 24, Lang::Vi);
    check(120, 40, Lang::En);
}

/// Rows are found by where the screen's area starts, not from its top-left corner.
#[test]
fn changed_cells_are_placed_by_the_area() {
    let area = Rect::new(2, 3, 4, 2);
    let mut last = Buffer::with_lines(["abcd", "efgh"]);
    last.area = area;
    let mut next = last.clone();
    next[(3, 4)].set_char('X');
    let changes = changed_cells(&mut last, &next, &[0..3, 4..5]);
    let placed: Vec<(u16, u16, String)> = changes
        .iter()
        .map(|(x, y, c)| (*x, *y, c.symbol().to_owned()))
        .collect();
    assert_eq!(placed, [(3, 4, "X".to_owned())]);
    assert_eq!(last, next, "the kept screen took the row");
}
