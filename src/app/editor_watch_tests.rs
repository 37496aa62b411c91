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

/// The autosave thread's commits move the store's data_version like anyone's; re-reading
/// the lists and redrawing for them took the UI thread from the next key twice a second.
#[test]
fn this_sessions_own_autosaves_redraw_nothing_and_anothers_commit_still_does() {
    let shared = SharedStore::demo();
    let rescue = crate::rescue::Rescue::new(shared.db.clone());
    // The autosave thread's own connection.
    let mut thread = shared.store();
    let mut a = shared.app("root", Lang::Vi, "a", 10).with_rescue(rescue.clone());
    cmd(&mut a, Command::Open);
    rescue.autosave_round(&mut thread);
    a.update(Action::Tick);
    assert!(!a.update(Action::Tick), "nothing happened");

    for _ in 0..5 {
        cmd(&mut a, Command::NextField);
    }
    type_text(&mut a, "Tin mới nhất. ");
    a.autosave().unwrap();
    rescue.autosave_round(&mut thread);
    assert_eq!(rescue.thread_saves(), 1, "the typing was written by the thread");
    assert!(
        !a.update(Action::Tick),
        "only this session's autosave was committed"
    );

    let id = a.editor.as_ref().unwrap().article_id;
    let base = a.editor.as_ref().unwrap().text();
    let other = |text: &str| {
        let mut theirs = base.clone();
        theirs.body = text.to_owned();
        shared
            .store()
            .save_autosave(&crate::store::Autosave {
                article_id: id,
                login: "huong.tran".into(),
                text: theirs,
                cursor: "5 0 0".into(),
                saved_at: shared.clock.now(),
            })
            .unwrap();
    };
    other("Của Hương.");
    assert!(a.update(Action::Tick), "another session's commit is seen at once");

    // Another commit just after the thread's: seen at the thread's next round.
    type_text(&mut a, "Thêm. ");
    a.autosave().unwrap();
    rescue.autosave_round(&mut thread);
    other("Của Hương, lần hai.");
    a.update(Action::Tick);
    rescue.autosave_round(&mut thread);
    assert!(a.update(Action::Tick), "seen after the thread's next round");
}
