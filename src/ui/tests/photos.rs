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
    // The revision keeps every photo's caption and credit as they were then: the history
    // diffs them with the text.
    let kept = app.store_for_tests().revision(revisions[0].id).unwrap().captions;
    let photos = app.store_for_tests().article(id).unwrap().photos;
    let now: Vec<(String, String)> = photos
        .iter()
        .map(|p| (p.caption.clone(), p.credit.clone()))
        .collect();
    assert_eq!(kept, now);
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains("Cầu Long Biên lúc bình minh"), "{text}");
}

use crossterm::event::{KeyCode, KeyEvent};

use crate::domain::Transition;
use crate::store::PhotoChange;

/// The smallest valid PNG: one transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn run(app: &mut App, command: Command) {
    app.update(Action::Command(command));
}

/// Replaces what the open line holds with `text`.
fn type_line(app: &mut App, text: &str) {
    for _ in 0..200 {
        app.update(Action::Type(KeyEvent::from(KeyCode::Backspace)));
    }
    app.update(Action::Paste(text.into()));
}

fn stored(app: &App) -> Vec<crate::domain::Photo> {
    let id = app.editor.as_ref().unwrap().article_id;
    app.store_for_tests().article(id).unwrap().photos
}

fn line_error(app: &App) -> Option<String> {
    match &app.modal {
        Some(crate::app::Modal::Dialog(crate::app::workflow::Dialog::Line { error, .. })) => error.clone(),
        _ => None,
    }
}

#[test]
fn the_photo_panel_in_english_with_details_and_room_for_the_picture() {
    let (store, _) = crate::testing::demo_store(None);
    let session = session(&store, "huong.tran", Lang::En);
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    for _ in 0..20 {
        run(&mut app, Command::Open);
        if app.editor.as_ref().is_some_and(|e| !e.photos.is_empty()) {
            break;
        }
        run(&mut app, Command::Back);
        run(&mut app, Command::Down);
    }
    run(&mut app, Command::Photos);
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("photos_panel_80x24_en", terminal.backend());
    let text = screen_text(&terminal);
    for label in ["Caption:", "Credit:", "Alt text:", "Place:", "n add a photo"] {
        assert!(text.contains(label), "{label}:\n{text}");
    }
    // Nothing of the panel is drawn where the picture goes.
    let inner = ratatui::layout::Rect::new(2, 2, 76, 19);
    let picture = crate::ui::photos::panel_areas(inner).picture_area;
    assert!(picture.width >= 20, "{picture:?}");
    let buffer = terminal.backend().buffer();
    for y in picture.top()..picture.bottom() {
        for x in picture.left()..picture.right() {
            assert_eq!(buffer[(x, y)].symbol(), " ", "({x}, {y}) in the picture's room");
        }
    }
}

#[test]
fn every_key_of_the_panel_is_saved_through_the_store_with_a_revision() {
    let mut app = editor_with_photos();
    let id = app.editor.as_ref().unwrap().article_id;
    let revisions = |app: &App| app.store_for_tests().revisions_page(id, None, 500).unwrap().len();
    let first = stored(&app)[0].clone();
    let count = stored(&app).len();
    let before = revisions(&app);
    run(&mut app, Command::Photos);

    run(&mut app, Command::EditCredit);
    type_line(&mut app, "Ảnh: Minh  Anh");
    run(&mut app, Command::Confirm);
    assert_eq!(stored(&app)[0].credit, "Ảnh: Minh Anh");

    run(&mut app, Command::EditAlt);
    type_line(&mut app, "Hai học sinh đọc sách");
    run(&mut app, Command::Confirm);
    assert_eq!(stored(&app)[0].alt.as_deref(), Some("Hai học sinh đọc sách"));

    run(&mut app, Command::ToggleDecorative);
    assert!(stored(&app)[0].decorative);
    run(&mut app, Command::ToggleDecorative);
    assert!(!stored(&app)[0].decorative, "the key turns it back");

    run(&mut app, Command::PlacePhoto);
    type_line(&mut app, "999");
    run(&mut app, Command::Confirm);
    let error = line_error(&app).expect("a number past the body stays in the dialog");
    assert!(error.contains("từ 0 đến"), "{error}");
    type_line(&mut app, "1");
    run(&mut app, Command::Confirm);
    assert!(app.modal.is_none());
    assert_eq!(stored(&app)[0].after_paragraph, Some(1));
    assert_eq!(revisions(&app), before + 5, "one revision per change");

    if count > 1 {
        run(&mut app, Command::MovePhotoDown);
        assert_eq!(stored(&app)[1].file, first.file);
        let text = screen_text(&render(&app, 80, 24, &Theme::default()));
        assert!(text.contains("Ảnh 1 giờ là ảnh số 2."), "{text}");
        run(&mut app, Command::MovePhotoUp);
        assert_eq!(stored(&app)[0].file, first.file);
    }

    run(&mut app, Command::RemovePhoto);
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains("Gỡ ảnh 1"), "a confirmation first:\n{text}");
    assert_eq!(stored(&app).len(), count, "nothing removed before Enter");
    run(&mut app, Command::Back);
    assert_eq!(stored(&app).len(), count, "Esc keeps it");
    run(&mut app, Command::RemovePhoto);
    run(&mut app, Command::Confirm);
    assert_eq!(stored(&app).len(), count - 1);
    assert_eq!(
        app.editor.as_ref().unwrap().photos.len(),
        count - 1,
        "the panel follows"
    );
    let revisions = app.store_for_tests().revisions_page(id, None, 1).unwrap();
    assert_eq!(revisions[0].reason, "photo 1 removed");
}

#[test]
fn a_caption_correction_on_a_published_article_asks_for_its_note_and_dates_it() {
    let mut app = editor_with_photos();
    let id = app.editor.as_ref().unwrap().article_id;
    let user = app.session.user.clone();
    let now = app.session.clock.now();
    let count = stored(&app).len();
    let store = app.store_for_tests_mut();
    for n in 1..=count {
        let change = PhotoChange {
            caption: Some("Chú thích".into()),
            credit: Some("Ảnh: Lan".into()),
            alt: Some(crate::store::AltText::Decorative),
            ..PhotoChange::default()
        };
        store.change_photo(&user, id, n, &change, now).unwrap();
    }
    store
        .transition(
            &user,
            id,
            Transition::Publish,
            crate::domain::Workflow::default(),
            now,
        )
        .unwrap();
    run(&mut app, Command::Back);
    run(&mut app, Command::Open);
    assert_eq!(app.editor.as_ref().unwrap().article_id, id);
    assert_eq!(app.store_for_tests().article(id).unwrap().corrected_at, None);

    run(&mut app, Command::Photos);
    run(&mut app, Command::EditCaption);
    type_line(&mut app, "Chú thích đã sửa");
    run(&mut app, Command::Confirm);
    assert_eq!(
        stored(&app)[0].caption,
        "Chú thích",
        "nothing saved before the note"
    );
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(
        text.contains("Đính chính") || text.contains("đính chính"),
        "{text}"
    );
    run(&mut app, Command::Confirm);
    assert!(line_error(&app).is_some(), "an empty note is not a note");
    type_line(&mut app, "Sửa tên người trong ảnh");
    run(&mut app, Command::Confirm);
    assert!(app.modal.is_none(), "{:?}", app.notice);
    let article = app.store_for_tests().article(id).unwrap();
    assert_eq!(article.photos[0].caption, "Chú thích đã sửa");
    assert_eq!(article.corrected_at, Some(now));
    assert_eq!(article.updated_note, "Sửa tên người trong ảnh");
    let revisions = app.store_for_tests().revisions_page(id, None, 10).unwrap();
    assert_eq!(
        revisions[0].reason,
        "photo 1: caption changed; correction: Sửa tên người trong ảnh"
    );
}

#[test]
fn a_photo_is_added_from_a_file_completed_with_tab_then_captioned_and_credited() {
    let media = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("thu-vien.png"), PNG).unwrap();
    std::fs::write(files.path().join("ghi-chu.txt"), "không phải ảnh").unwrap();
    let app = editor_with_photos();
    let mut app = app.with_media(crate::config::Media::default(), media.path().to_owned());
    let count = stored(&app).len();
    run(&mut app, Command::Photos);
    run(&mut app, Command::AddPhoto);
    let dir = files.path().display().to_string();

    // A file that is not an image is refused in the dialog, and nothing is copied.
    type_line(&mut app, &format!("{dir}/ghi-chu.txt"));
    run(&mut app, Command::Confirm);
    let error = line_error(&app).expect("refused in the dialog");
    assert!(error.contains("JPEG, PNG"), "{error}");

    type_line(&mut app, &format!("{dir}/th"));
    run(&mut app, Command::NextField);
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains("thu-vien.png"), "Tab completes the name:\n{text}");
    run(&mut app, Command::Confirm);
    type_line(&mut app, "Thư viện số");
    run(&mut app, Command::Confirm);
    assert_eq!(stored(&app).len(), count, "nothing added before the credit");
    type_line(&mut app, "Ảnh: Lan");
    run(&mut app, Command::Confirm);
    assert!(app.modal.is_none(), "{:?}", app.notice);
    let photos = stored(&app);
    assert_eq!(photos.len(), count + 1);
    let added = &photos[count];
    assert_eq!(
        (added.caption.as_str(), added.credit.as_str()),
        ("Thư viện số", "Ảnh: Lan")
    );
    assert_eq!((added.width, added.height), (Some(1), Some(1)));
    assert!(media.path().join(&added.file).is_file(), "{}", added.file);
    let selected = match app.editor.as_ref().unwrap().overlay {
        Some(crate::app::Overlay::Photos { selected }) => selected,
        _ => usize::MAX,
    };
    assert_eq!(selected, count, "the new photo is selected");
}

#[test]
fn under_restricted_the_add_prompt_offers_and_accepts_only_the_inbox() {
    let media = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("ngoai.png"), PNG).unwrap();
    let mut app = editor_with_photos().with_media(crate::config::Media::default(), media.path().to_owned());
    app.session.restricted = true;
    run(&mut app, Command::Photos);
    run(&mut app, Command::AddPhoto);
    assert!(app.modal.is_none(), "an empty inbox says what to do");
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains("photo-put"), "{text}");

    let inbox = crate::media::inbox(media.path(), "huong.tran");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join("cau-long-bien-1.png"), PNG).unwrap();
    std::fs::write(inbox.join("cau-long-bien-2.png"), PNG).unwrap();
    run(&mut app, Command::AddPhoto);
    run(&mut app, Command::NextField);
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("photos_add_prompt_80x24_vi", terminal.backend());
    let text = screen_text(&terminal);
    assert!(text.contains("> cau-long-bien-"), "{text}");

    for hostile in [
        outside.path().join("ngoai.png").display().to_string(),
        "../huong.tran/cau-long-bien-1.png".into(),
        "cau-long-bien-9.png".into(),
    ] {
        type_line(&mut app, &hostile);
        run(&mut app, Command::Confirm);
        let error = line_error(&app).unwrap_or_else(|| panic!("{hostile} accepted"));
        assert!(error.contains("hộp thư"), "{error}");
    }
    type_line(&mut app, "cau-long-bien-2.png");
    run(&mut app, Command::Confirm);
    assert!(line_error(&app).is_none());
    run(&mut app, Command::Confirm);
    run(&mut app, Command::Confirm);
    assert!(app.modal.is_none(), "{:?}", app.notice);
    assert!(stored(&app).iter().any(|p| p.width == Some(1)));
}

/// The cells of `word` on screen row `y`, and whether each is underlined.
fn underlined_at(terminal: &Terminal<TestBackend>, y: u16, word: &str) -> Vec<bool> {
    let buf = terminal.backend().buffer();
    let row: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
    let n = word.chars().count();
    let Some(x) = (0..row.len().saturating_sub(n)).find(|&x| row[x..x + n].concat() == word) else {
        return Vec::new();
    };
    (x..x + n)
        .map(|x| buf[(x as u16, y)].modifier.contains(Modifier::UNDERLINED))
        .collect()
}

#[test]
fn a_misspelt_word_in_a_caption_is_underlined_in_the_list_and_the_details() {
    let mut app = editor_with_photos();
    let photo = &mut app.editor.as_mut().unwrap().photos[0];
    photo.caption = "Tóan cảnh khu phố".into();
    // The same word in the credit is the photographer's name field, not checked.
    photo.credit = "Ảnh: Tóan".into();
    app.update(Action::Command(Command::Photos));
    let terminal = render(&app, 80, 24, &Theme::default());
    let text = screen_text(&terminal);
    let rows: Vec<u16> = (0..24)
        .filter(|&y| row_text(&text, y).contains("Tóan cảnh"))
        .collect();
    assert_eq!(rows.len(), 2, "the list's row and the details' caption:\n{text}");
    for y in rows {
        assert_eq!(
            underlined_at(&terminal, y, "Tóan"),
            vec![true; 4],
            "row {y}:\n{text}"
        );
        assert_eq!(underlined_at(&terminal, y, "cảnh"), vec![false; 4], "row {y}");
    }
    let credits: Vec<u16> = (0..24)
        .filter(|&y| row_text(&text, y).contains("Ảnh: Tóan"))
        .collect();
    assert!(!credits.is_empty(), "{text}");
    for y in credits {
        assert_eq!(
            underlined_at(&terminal, y, "Tóan"),
            vec![false; 4],
            "credit row {y}"
        );
    }
}

fn row_text(text: &str, y: u16) -> String {
    text.lines().nth(usize::from(y)).unwrap_or_default().to_owned()
}
