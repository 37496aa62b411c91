//! The editor's photo panel at 80×24, and a caption typed into it reaching the store.

use super::*;
use crate::testing::{demo_store, session};

/// The demo as the editor huong.tran sees it, with the first article that has photos open.
fn editor_with_photos() -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, "huong.tran", Lang::Vi);
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    for _ in 0..20 {
        app.update(Action::Command(Command::Open));
        if app.editor.as_ref().is_some_and(|e| !e.photos.is_empty()) {
            return app;
        }
        app.update(Action::Command(Command::Back));
        app.update(Action::Command(Command::Down));
    }
    panic!("the demo has an article with photos");
}

#[test]
fn the_photo_panel_lists_captions_credits_and_what_is_missing() {
    let mut app = editor_with_photos();
    app.update(Action::Command(Command::Photos));
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("photos_panel_80x24_vi", terminal.backend());
    let text = screen_text(&terminal);
    assert!(text.contains(" 1. "), "{text}");
    let first = &app.editor.as_ref().unwrap().photos[0];
    let start: String = first.caption.chars().take(20).collect();
    assert!(text.contains(&start), "the first caption is shown:\n{text}");
}

#[test]
fn a_caption_typed_in_the_panel_is_saved_with_a_revision() {
    let mut app = editor_with_photos();
    let id = app.editor.as_ref().unwrap().article_id;
    let before = app.store_for_tests().revisions_page(id, None, 100).unwrap().len();
    app.update(Action::Command(Command::Photos));
    app.update(Action::Command(Command::Open));
    assert!(app.modal.is_some(), "Enter opens the caption line");
    // Replace the caption: clear what is there, then type.
    for _ in 0..400 {
        app.update(Action::Type(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Backspace,
        )));
    }
    app.update(Action::Paste("Cầu Long Biên  lúc bình minh".into()));
    app.update(Action::Command(Command::Confirm));
    assert!(app.modal.is_none(), "{:?}", app.notice);
    let saved = app.store_for_tests().article(id).unwrap().photos[0]
        .caption
        .clone();
    assert_eq!(saved, "Cầu Long Biên lúc bình minh");
    assert_eq!(
        app.editor.as_ref().unwrap().photos[0].caption,
        saved,
        "the panel follows"
    );
    let revisions = app.store_for_tests().revisions_page(id, None, 100).unwrap();
    assert_eq!(revisions.len(), before + 1);
    assert_eq!(revisions[0].reason, "photo 1: caption changed");
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains("Cầu Long Biên lúc bình minh"), "{text}");
}
