//! The editor through the app: keys in, store effects out, no terminal.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::SignedDuration;

use super::*;
use crate::clock::ManualClock;
use crate::i18n::Lang;
use crate::testing::{SharedStore, demo_store, now, session_at};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), mods)));
    }
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.update(Action::Type(KeyEvent::new(code, mods)));
}

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn to_body(app: &mut App) {
    for _ in 0..5 {
        cmd(app, Command::NextField);
    }
    assert_eq!(app.editor.as_ref().unwrap().focus, Field::Body);
}

/// Two sessions on one store file: root and the editor huong.tran, sharing a clock.
fn two_sessions() -> (SharedStore, App, App, Arc<ManualClock>) {
    let shared = SharedStore::demo();
    let a = shared.app("root", Lang::Vi, "a", 10);
    let b = shared.app("huong.tran", Lang::Vi, "b", 10);
    let clock = shared.clock.clone();
    (shared, a, b, clock)
}

fn reporter_app() -> (App, Arc<ManualClock>) {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, "lan.nguyen", Lang::Vi, clock.clone(), "s1");
    (App::new(store, session, 10).unwrap(), clock)
}

#[test]
fn a_new_article_is_typed_saved_and_listed() {
    let (mut app, _) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    let editor = app.editor.as_ref().unwrap();
    assert_eq!(editor.focus, Field::Title);
    type_text(&mut app, "Đường Láng ngập");
    let editor = app.editor.as_ref().unwrap();
    assert_eq!(
        editor.text().slug,
        "duong-lang-ngap",
        "the slug follows the title"
    );
    // Enter in the title moves on instead of breaking the line.
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.editor.as_ref().unwrap().focus, Field::Dateline);
    type_text(&mut app, "HNP");
    to_body_from(&mut app, Field::Dateline);
    type_text(&mut app, "Mưa lớn");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    type_text(&mut app, "Nước dâng");
    cmd(&mut app, Command::Save);
    assert!(
        app.notice.as_ref().unwrap().text.contains("Đã lưu"),
        "{:?}",
        app.notice
    );
    let id = app.editor.as_ref().unwrap().article_id;
    cmd(&mut app, Command::Back);
    assert!(app.editor.is_none());
    let saved = app.store.article(id).unwrap();
    assert_eq!(saved.title, "Đường Láng ngập");
    assert_eq!(saved.dateline, "HNP");
    assert_eq!(saved.body, "Mưa lớn\nNước dâng");
    assert_eq!(saved.version, 2);
    assert_eq!(app.articles.rows[0].id, id, "the list shows it first");
}

fn to_body_from(app: &mut App, from: Field) {
    let steps = Field::ORDER.iter().position(|f| *f == Field::Body).unwrap()
        - Field::ORDER.iter().position(|f| *f == from).unwrap();
    for _ in 0..steps {
        cmd(app, Command::NextField);
    }
}

#[test]
fn input_method_corrections_and_ctrl_h_apply_in_order_and_store_nfc() {
    let (mut app, _) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    // Telex: "tieengs" arrives as t i e, Backspace, ê, n g, Ctrl+H, ế? No: the IME rewrites
    // the last letter; model both Backspace forms.
    type_text(&mut app, "Tie");
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    type_text(&mut app, "êng Vie");
    key(&mut app, KeyCode::Char('h'), KeyModifiers::CONTROL);
    type_text(&mut app, "ệt");
    to_body(&mut app);
    // Decomposed input, as some systems send it.
    type_text(&mut app, "Ho\u{302}\u{300} Tây");
    cmd(&mut app, Command::Save);
    let id = app.editor.as_ref().unwrap().article_id;
    let saved = app.store.article(id).unwrap();
    assert_eq!(saved.title, "Tiêng Việt");
    assert_eq!(saved.body, "Hồ Tây", "stored NFC");
}

#[test]
fn paste_is_literal_text_with_line_breaks_normalised() {
    let (mut app, _) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    app.update(Action::Paste("Dòng một\r\nDòng\rhai".into()));
    assert_eq!(
        app.editor.as_ref().unwrap().text().title,
        "Dòng một Dòng hai",
        "a title stays one line"
    );
    to_body(&mut app);
    app.update(Action::Paste("Đoạn một\r\n\r\nĐoạn hai\rcuối".into()));
    assert_eq!(
        app.editor.as_ref().unwrap().text().body,
        "Đoạn một\n\nĐoạn hai\ncuối"
    );
}

#[test]
fn undo_and_redo() {
    let (mut app, _) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    type_text(&mut app, "Hà Nội");
    cmd(&mut app, Command::Undo);
    let after_undo = app.editor.as_ref().unwrap().text().title;
    assert_ne!(after_undo, "Hà Nội");
    cmd(&mut app, Command::Redo);
    assert_eq!(app.editor.as_ref().unwrap().text().title, "Hà Nội");
}

#[test]
fn typing_is_snapshotted_for_autosave_and_recovered_on_reopen() {
    let (mut app, clock) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    type_text(&mut app, "Tin nhanh");
    app.autosave().unwrap();
    let id = app.editor.as_ref().unwrap().article_id;
    assert_eq!(
        app.store.autosave(id, "lan.nguyen").unwrap().unwrap().text.title,
        "Tin nhanh"
    );
    assert!(
        app.autosave_snapshot().is_none(),
        "no new snapshot without new typing"
    );

    // The session dies without saving; the next one is offered the text.
    let mut editor = app.editor.take().unwrap();
    editor.holder = None;
    clock.advance(SignedDuration::from_mins(5));
    cmd(&mut app, Command::First);
    let reopened = Editor::open(&mut app.store, &app.session, id).unwrap();
    match &reopened.overlay {
        Some(Overlay::Recovery { stats, .. }) => assert!(stats.added_words >= 2),
        other => panic!("expected recovery, got {other:?}"),
    }
    app.editor = Some(reopened);
    assert_eq!(app.contexts(), RECOVERY);
    cmd(&mut app, Command::RestoreAutosave);
    assert_eq!(app.editor.as_ref().unwrap().text().title, "Tin nhanh");
    assert!(app.editor.as_ref().unwrap().overlay.is_none());
    let kept = app.store.revisions_page(id, None, 10).unwrap();
    assert_eq!(
        kept[0].reason, "recovered autosave",
        "the autosave became a revision"
    );
}

#[test]
fn keep_saved_keeps_the_article_and_the_autosave_as_a_revision() {
    let (mut app, _) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    let id = app.editor.as_ref().unwrap().article_id;
    type_text(&mut app, "Bản nháp chưa lưu");
    app.autosave().unwrap();
    app.editor = None;
    app.editor = Some(Editor::open(&mut app.store, &app.session, id).unwrap());
    cmd(&mut app, Command::KeepSaved);
    assert_eq!(app.editor.as_ref().unwrap().text().title, "");
    let revisions = app.store.revisions_page(id, None, 10).unwrap();
    let kept = app.store.revision(revisions[0].id).unwrap();
    assert_eq!(kept.text.title, "Bản nháp chưa lưu");
    assert!(app.store.autosave(id, "lan.nguyen").unwrap().is_none());
}

#[test]
fn a_second_session_is_read_only_until_it_takes_over() {
    let (_dir, mut a, mut b, _) = two_sessions();
    cmd(&mut a, Command::Open);
    let id = a.editor.as_ref().unwrap().article_id;
    to_body(&mut a);
    type_text(&mut a, "Chữ của A ");
    a.autosave().unwrap();

    cmd(&mut b, Command::Open);
    assert_eq!(b.editor.as_ref().unwrap().article_id, id);
    assert!(b.editor.as_ref().unwrap().is_read_only());
    assert!(
        b.notice.as_ref().unwrap().text.contains("root đang sửa từ"),
        "{:?}",
        b.notice
    );
    let before = b.editor.as_ref().unwrap().text();
    type_text(&mut b, "xyz");
    assert_eq!(
        b.editor.as_ref().unwrap().text(),
        before,
        "typing does nothing read-only"
    );
    cmd(&mut b, Command::Save);
    assert_eq!(b.store.article(id).unwrap().version, 1);

    cmd(&mut b, Command::TakeOver);
    assert!(!b.editor.as_ref().unwrap().is_read_only());
    let kept = b.store.revisions_page(id, None, 1).unwrap();
    assert!(kept[0].reason.starts_with("unsaved text of root"), "{kept:?}");
    assert!(
        b.store
            .revision(kept[0].id)
            .unwrap()
            .text
            .body
            .contains("Chữ của A")
    );

    to_body(&mut b);
    type_text(&mut b, "Chữ của B ");
    cmd(&mut b, Command::Save);
    assert_eq!(b.store.article(id).unwrap().version, 2);

    // A saves too late: refused, and A's text is still on A's screen.
    cmd(&mut a, Command::Save);
    assert!(a.notice.as_ref().unwrap().is_error);
    assert!(a.editor.as_ref().unwrap().text().body.contains("Chữ của A"));
    let stored = a.store.article(id).unwrap();
    assert!(stored.body.contains("Chữ của B") && !stored.body.contains("Chữ của A"));
}

#[test]
fn a_stale_save_is_refused_but_ones_own_saves_never_conflict() {
    let (_dir, mut a, mut b, clock) = two_sessions();
    cmd(&mut a, Command::Open);
    let id = a.editor.as_ref().unwrap().article_id;
    to_body(&mut a);
    for word in ["một ", "hai ", "ba "] {
        type_text(&mut a, word);
        cmd(&mut a, Command::Save);
        assert!(
            !a.notice.as_ref().unwrap().is_error,
            "own saves in a row: {:?}",
            a.notice
        );
    }
    assert_eq!(a.store.article(id).unwrap().version, 4);
    // A goes quiet; after the lease expires B may edit, and A's next save is stale.
    clock.advance(SignedDuration::from_secs(151));
    cmd(&mut b, Command::Open);
    assert!(
        !b.editor.as_ref().unwrap().is_read_only(),
        "an expired lease is free"
    );
    to_body(&mut b);
    type_text(&mut b, "B ");
    cmd(&mut b, Command::Save);
    type_text(&mut a, "bốn");
    cmd(&mut a, Command::Save);
    let notice = a.notice.clone().unwrap();
    assert!(notice.is_error);
    assert!(a.editor.as_ref().unwrap().text().body.contains("bốn"));
}

#[test]
fn heartbeats_keep_the_lease_and_a_lost_lease_turns_read_only() {
    let (_dir, mut a, mut b, clock) = two_sessions();
    cmd(&mut a, Command::Open);
    for _ in 0..12 {
        clock.advance(SignedDuration::from_secs(15));
        a.update(Action::Tick);
    }
    cmd(&mut b, Command::Open);
    assert!(
        b.editor.as_ref().unwrap().is_read_only(),
        "3 minutes of heartbeats kept the lease"
    );
    cmd(&mut b, Command::TakeOver);
    clock.advance(SignedDuration::from_secs(15));
    a.update(Action::Tick);
    assert!(a.editor.as_ref().unwrap().is_read_only());
    // The notice names who, by the name people know them by, and stays until dismissed.
    let name = b.session.user.display_name.clone();
    assert_ne!(name, "huong.tran", "the demo gives editors a display name");
    let lost = |a: &App| a.editor.as_ref().unwrap().lost_to.clone();
    assert!(
        lost(&a)
            .unwrap()
            .starts_with(&format!("{name} đã giành quyền sửa")),
        "{:?}",
        lost(&a)
    );
    cmd(&mut a, Command::NextField);
    clock.advance(SignedDuration::from_secs(15));
    a.update(Action::Tick);
    assert!(lost(&a).is_some(), "other keys and ticks leave it on screen");
    cmd(&mut a, Command::Back);
    assert!(
        lost(&a).is_none() && a.editor.is_some(),
        "Esc dismisses it, the article stays open"
    );
}

#[test]
fn history_lists_revisions_and_restoring_makes_a_new_one() {
    let (mut app, clock) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    let id = app.editor.as_ref().unwrap().article_id;
    type_text(&mut app, "Bản một");
    cmd(&mut app, Command::Save);
    clock.advance(SignedDuration::from_mins(1));
    type_text(&mut app, " sửa");
    cmd(&mut app, Command::Save);
    // One numbering: the notice's version is the history's newest row.
    assert_eq!(app.notice.as_ref().unwrap().text, "Đã lưu (phiên bản 3).");
    cmd(&mut app, Command::History);
    assert_eq!(app.contexts(), HISTORY);
    let Some(Overlay::History(h)) = &app.editor.as_ref().unwrap().overlay else {
        panic!("no history")
    };
    assert_eq!(h.rows.len(), 3, "created + two saves");
    let versions: Vec<i64> = h.rows.iter().map(|r| r.version).collect();
    assert_eq!(versions, [3, 2, 1]);
    cmd(&mut app, Command::Down);
    let Some(Overlay::History(h)) = &app.editor.as_ref().unwrap().overlay else {
        panic!("no history")
    };
    assert!(
        h.diff
            .iter()
            .any(|p| p.change == crate::text::Change::Added && p.text.contains("sửa"))
    );
    cmd(&mut app, Command::RestoreRevision);
    assert_eq!(app.editor.as_ref().unwrap().text().title, "Bản một");
    assert_eq!(
        app.notice.as_ref().unwrap().text,
        "Đã khôi phục bản 2 thành phiên bản 4."
    );
    let rows = app.store.revisions_page(id, None, 10).unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].reason, "restored version 2");
    assert_eq!((rows[0].version, rows[0].is_version), (4, true));
    assert_eq!(app.store.article(id).unwrap().version, 4);
    assert_eq!(app.store.article(id).unwrap().title, "Bản một");
}

#[test]
fn leaving_the_editor_autosaves_and_frees_the_article() {
    let (_dir, mut a, mut b, _) = two_sessions();
    cmd(&mut a, Command::Open);
    let id = a.editor.as_ref().unwrap().article_id;
    to_body(&mut a);
    type_text(&mut a, "chưa lưu");
    cmd(&mut a, Command::Back);
    assert!(a.editor.is_none());
    assert!(
        a.store
            .autosave(id, "root")
            .unwrap()
            .unwrap()
            .text
            .body
            .contains("chưa lưu")
    );
    cmd(&mut b, Command::Open);
    assert!(
        !b.editor.as_ref().unwrap().is_read_only(),
        "the lease was released"
    );
}

#[test]
fn the_external_editor_is_off_when_restricted() {
    let (mut app, _) = reporter_app();
    app.session.restricted = true;
    cmd(&mut app, Command::NewArticle);
    cmd(&mut app, Command::ExternalEditor);
    assert!(app.external_edit.is_none());
    assert!(app.notice.as_ref().unwrap().text.contains("hạn chế"));
    app.session.restricted = false;
    to_body(&mut app);
    type_text(&mut app, "thân bài");
    cmd(&mut app, Command::ExternalEditor);
    assert_eq!(app.external_edit.as_deref(), Some("thân bài"));
    assert!(app.finish_external_edit("thân bài\nthêm dòng\n"));
    let id = app.editor.as_ref().unwrap().article_id;
    assert_eq!(
        app.store.autosave(id, "lan.nguyen").unwrap().unwrap().text.body,
        "thân bài\nthêm dòng"
    );
}

#[test]
fn reporters_read_others_articles_without_changing_them() {
    let (store, _) = demo_store(None);
    let session = crate::testing::session(&store, "lan.nguyen", Lang::Vi);
    let mut app = App::new(store, session, 20).unwrap();
    let others = app
        .articles
        .rows
        .iter()
        .position(|r| r.author != "lan.nguyen")
        .unwrap();
    for _ in 0..others {
        cmd(&mut app, Command::Down);
    }
    cmd(&mut app, Command::Open);
    let editor = app.editor.as_ref().unwrap();
    assert!(editor.is_read_only());
    assert!(
        app.notice.as_ref().unwrap().text.contains("chỉ xem"),
        "{:?}",
        app.notice
    );
    let id = editor.article_id;
    let before = editor.text();
    type_text(&mut app, "sửa trộm");
    cmd(&mut app, Command::Save);
    assert_eq!(app.editor.as_ref().unwrap().text(), before);
    assert_eq!(app.store.article(id).unwrap().version, 1, "nothing was saved");
    assert!(
        app.store.lease(id, now()).unwrap().is_none(),
        "reading takes no lease"
    );
}

/// The word count follows every kind of key without recounting the body each time: letters
/// and spaces within a line, Enter splitting one, Backspace joining two, the lead, the title.
#[test]
fn the_word_count_follows_typing_splitting_and_joining_lines() {
    let (mut app, _) = reporter_app();
    cmd(&mut app, Command::NewArticle);
    let fresh = |app: &App| {
        let t = app.editor.as_ref().unwrap().text();
        t.lead.split_whitespace().count() + t.body.split_whitespace().count()
    };
    let check = |app: &App, step: &str| {
        assert_eq!(app.editor.as_ref().unwrap().words(), fresh(app), "after {step}");
    };
    type_text(&mut app, "Tin nhanh");
    check(&app, "the title");
    to_body_from(&mut app, Field::Title);
    type_text(&mut app, "Người dân phường Tây Hồ");
    check(&app, "words");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    type_text(&mut app, "đề nghị sớm");
    check(&app, "a new line");
    for _ in 0..3 {
        key(&mut app, KeyCode::Left, KeyModifiers::NONE);
    }
    type_text(&mut app, " ");
    check(&app, "a space splitting a word");
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    check(&app, "two lines joined");
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    check(&app, "a line split");
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    key(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
    check(&app, "a letter deleted");
    cmd(&mut app, Command::PrevField);
    type_text(&mut app, "Sa-pô ngắn gọn");
    check(&app, "the lead");
    app.update(Action::Command(Command::Undo));
    check(&app, "undo");
}
