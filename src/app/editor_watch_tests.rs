//! Watching an article someone else is editing: their saves arrive without a key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::SignedDuration;

use super::*;
use crate::i18n::Lang;
use crate::testing::SharedStore;

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
}

#[test]
fn a_read_only_watcher_sees_the_other_persons_saves_at_the_next_tick() {
    let shared = SharedStore::demo();
    let mut a = shared.app("root", Lang::Vi, "a", 10);
    let mut b = shared.app("huong.tran", Lang::Vi, "b", 10);
    cmd(&mut a, Command::Open);
    cmd(&mut b, Command::Open);
    assert!(b.editor.as_ref().unwrap().is_read_only());
    b.update(Action::Tick);

    for _ in 0..5 {
        cmd(&mut a, Command::NextField);
    }
    type_text(&mut a, "Tin mới nhất. ");
    cmd(&mut a, Command::Save);
    let saved = a.editor.as_ref().unwrap().version;

    shared.clock.advance(SignedDuration::from_secs(1));
    assert!(b.update(Action::Tick), "the screen changed");
    let watched = b.editor.as_ref().unwrap();
    assert!(
        watched.text().body.starts_with("Tin mới nhất. "),
        "{}",
        watched.text().body
    );
    assert_eq!(watched.version, saved);
    assert!(watched.is_read_only(), "still only watching");
    assert!(!watched.has_unsaved_changes());
}
