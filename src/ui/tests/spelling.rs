//! Flagged words in the editor: underlined (which shows without colour), counted on the
//! checklist as a warning, and the Telex mode on the status line.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::clock::ManualClock;
use crate::testing::{demo_store, now, session_at};

fn editing(lang: Lang) -> App {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, "lan.nguyen", lang, clock, "s1");
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    app.update(Action::Command(Command::Open));
    assert!(app.editor.is_some(), "{:?}", app.notice);
    // The caret is at the start of the title.
    for c in "Nguời kà ".chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    app
}

/// The screen, then a row of `^` under each underlined cell, for the rows that have any.
fn with_underlines(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = screen_text(terminal);
    out.push_str("\nunderlined:\n");
    for y in 0..buf.area.height {
        let marks: String = (0..buf.area.width)
            .map(|x| match buf[(x, y)].modifier.contains(Modifier::UNDERLINED) {
                true => '^',
                false => ' ',
            })
            .collect();
        if marks.contains('^') {
            out.push_str(&format!("{y:2} {}\n", marks.trim_end()));
        }
    }
    out
}

#[test]
fn flagged_words_are_underlined_80x24_vi() {
    let app = editing(Lang::Vi);
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("spelling_80x24_vi", with_underlines(&terminal));
}

#[test]
fn flagged_words_are_underlined_80x24_en() {
    let mut app = editing(Lang::En);
    app.update(Action::Command(Command::ToggleInputMethod));
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("spelling_80x24_en", with_underlines(&terminal));
}

#[test]
fn without_colour_the_underline_still_marks_them() {
    let app = editing(Lang::Vi);
    let terminal = render(&app, 80, 24, &Theme::from_env(Some("1")));
    let text = with_underlines(&terminal);
    let marked = text.split("underlined:\n").nth(1).unwrap_or_default();
    // Row 1 is the title; the body's label below is underlined by the theme itself.
    let title = marked.lines().find(|l| l.starts_with(" 1 ")).unwrap_or_default();
    assert_eq!(title, " 1            ^^^^^ ^^", "{text}");
}

/// F7 on the title's first flagged word: its list over the editor.
fn suggesting(lang: Lang) -> App {
    let mut app = editing(lang);
    app.update(Action::Type(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE)));
    app.update(Action::Command(Command::NextFlagged));
    assert!(matches!(app.modal, Some(Modal::Suggest(_))), "{:?}", app.notice);
    app
}

#[test]
fn the_suggestion_list_80x24_vi() {
    let app = suggesting(Lang::Vi);
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("suggestions_80x24_vi", screen_text(&terminal));
}

#[test]
fn the_suggestion_list_80x24_en() {
    let app = suggesting(Lang::En);
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("suggestions_80x24_en", screen_text(&terminal));
}

/// One flagged word is "1 flagged word", more are counted in the plural.
#[test]
fn one_flagged_word_is_singular() {
    let mut app = editing(Lang::En);
    let screen = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(
        screen.contains("flagged words"),
        "two flagged in the title:\n{screen}"
    );
    for _ in 0.."kà ".chars().count() {
        app.update(Action::Type(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    let screen = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(screen.contains("⚠ 1 flagged word "), "{screen}");
}
