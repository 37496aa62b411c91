//! The workflow through the app: the menu offers exactly the legal moves, the dialogs
//! carry them out or keep the person's typing with a sentence, and due schedules go out on
//! the TUI's own ticks.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::SignedDuration;

use super::workflow::{Dialog, LineFor, Move};
use super::*;
use crate::clock::ManualClock;
use crate::domain::{Status, Transition, Workflow};
use crate::i18n::Lang;
use crate::testing::{demo_store, now, session_at};

fn app_as(login: &str, lang: Lang, workflow: Workflow) -> (App, Arc<ManualClock>) {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, login, lang, clock.clone(), "s1");
    (
        App::new(store, session, 10).unwrap().with_workflow(workflow),
        clock,
    )
}

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
}

fn clear_line(app: &mut App) {
    app.update(Action::Type(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)));
    for _ in 0..80 {
        app.update(Action::Type(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
}

fn menu_moves(app: &App) -> Vec<Move> {
    match &app.modal {
        Some(Modal::Workflow(menu)) => menu.moves.clone(),
        other => panic!("no menu: {other:?}"),
    }
}

/// Selects the first row whose article matches `pick` in the Articles list.
fn select(app: &mut App, pick: impl Fn(&crate::domain::Article) -> bool) -> i64 {
    cmd(app, Command::First);
    for _ in 0..40 {
        let id = app.selected_article().unwrap();
        if pick(&app.store.article(id).unwrap()) {
            return id;
        }
        cmd(app, Command::Down);
    }
    panic!("no such article in the list");
}

fn line_error(app: &App) -> Option<String> {
    match &app.modal {
        Some(Modal::Dialog(Dialog::Line { error, .. })) => error.clone(),
        _ => None,
    }
}

#[test]
fn a_reporter_is_offered_only_their_moves_and_schedules_with_the_picker() {
    let (mut app, _) = app_as("lan.nguyen", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Draft
    });
    cmd(&mut app, Command::Workflow);
    assert_eq!(
        menu_moves(&app),
        vec![Move::Schedule, Move::To(Transition::Spike), Move::Delete]
    );
    // A key for a move not offered does nothing; the menu stays.
    cmd(&mut app, Command::Publish);
    assert!(matches!(app.modal, Some(Modal::Workflow(_))));
    assert_eq!(app.store.article(id).unwrap().status, Status::Draft);

    cmd(&mut app, Command::ScheduleArticle);
    assert!(matches!(
        app.modal,
        Some(Modal::Dialog(Dialog::Line {
            purpose: LineFor::Schedule { .. },
            ..
        }))
    ));
    type_text(&mut app, "25:00 01/01/2027");
    cmd(&mut app, Command::Confirm);
    let error = line_error(&app).expect("the mistake stays in the dialog");
    assert!(error.contains("không có trên lịch"), "{error}");
    clear_line(&mut app);
    type_text(&mut app, "09:00 27/11/2026");
    cmd(&mut app, Command::Confirm);
    assert!(line_error(&app).unwrap().contains("đã qua"), "a time in the past");
    // Tab fills in the quick choices: in one hour first.
    cmd(&mut app, Command::NextField);
    match &app.modal {
        Some(Modal::Dialog(Dialog::Line { text, .. })) => assert_eq!(text, "11:00 28/11/2026"),
        other => panic!("{other:?}"),
    }
    cmd(&mut app, Command::Confirm);
    assert!(app.modal.is_none());
    let a = app.store.article(id).unwrap();
    assert_eq!(a.status, Status::Scheduled);
    assert_eq!(a.scheduled_wall, "11:00 28/11/2026");
    assert!(app.notice.as_ref().unwrap().text.contains("11:00 28/11/2026"));
}

#[test]
fn the_tui_publishes_what_is_due_on_its_own_ticks() {
    let (mut app, clock) = app_as("lan.nguyen", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Draft
    });
    // Ready: the demo draft may lack a lead or body.
    let mut text = app.store.article(id).unwrap().text();
    text.lead = "Sa-pô.".into();
    text.body = "Thân bài.".into();
    let version = app.store.article(id).unwrap().version;
    let req = crate::store::SaveRequest {
        article: id,
        base_version: version,
        session: "s1",
        slug: crate::store::SlugSource::Derived,
        reason: "saved",
        note: None,
    };
    let user = app.session.user.clone();
    app.store.save_article(&user, &text, req, now()).unwrap();
    cmd(&mut app, Command::Workflow);
    cmd(&mut app, Command::ScheduleArticle);
    cmd(&mut app, Command::NextField);
    cmd(&mut app, Command::Confirm);
    assert_eq!(app.store.article(id).unwrap().status, Status::Scheduled);

    clock.advance(SignedDuration::from_mins(59));
    app.update(Action::Tick);
    assert_eq!(
        app.store.article(id).unwrap().status,
        Status::Scheduled,
        "not yet"
    );
    clock.advance(SignedDuration::from_mins(3));
    app.update(Action::Tick);
    let a = app.store.article(id).unwrap();
    assert_eq!(a.status, Status::Published);
    assert_eq!(a.late_minutes, Some(2));
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("Đã đăng 1 bài hẹn giờ")
    );
}

#[test]
fn a_reporter_reads_a_published_article_and_is_told_an_editor_can_correct_it() {
    let (mut app, _) = app_as("lan.nguyen", Lang::En, Workflow::default());
    select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Published
    });
    cmd(&mut app, Command::Open);
    let editor = app.editor.as_ref().unwrap();
    assert!(editor.is_read_only());
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(
        notice.contains("published") && notice.contains("an editor can correct it"),
        "{notice}"
    );
}

#[test]
fn an_editors_save_of_a_published_article_asks_for_the_correction_note() {
    let (mut app, clock) = app_as("huong.tran", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| a.status == Status::Published);
    cmd(&mut app, Command::Open);
    cmd(&mut app, Command::Save);
    assert!(matches!(
        app.modal,
        Some(Modal::Dialog(Dialog::Line {
            purpose: LineFor::Note { restore: false },
            ..
        }))
    ));
    cmd(&mut app, Command::Confirm);
    assert!(
        line_error(&app).is_some(),
        "an empty note is refused in the dialog"
    );
    type_text(&mut app, "Sửa lỗi chính tả ở sa-pô");
    clock.advance(SignedDuration::from_mins(5));
    cmd(&mut app, Command::Confirm);
    assert!(app.modal.is_none());
    let a = app.store.article(id).unwrap();
    assert_eq!(a.updated_note, "Sửa lỗi chính tả ở sa-pô");
    assert_eq!(a.corrected_at, Some(now() + SignedDuration::from_mins(5)));

    // The history words the moves in Vietnamese.
    cmd(&mut app, Command::History);
    let Some(super::editor::Overlay::History(h)) = &app.editor.as_ref().unwrap().overlay else {
        panic!("no history");
    };
    let reasons: Vec<String> = h
        .rows
        .iter()
        .map(|r| crate::i18n::revision_reason(&r.reason, Lang::Vi))
        .collect();
    assert_eq!(reasons[0], "đính chính: Sửa lỗi chính tả ở sa-pô");
}

#[test]
fn an_editor_moves_a_live_address_on_purpose_and_the_old_one_stays() {
    let (mut app, _) = app_as("huong.tran", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| a.status == Status::Published);
    let old = app.store.article(id).unwrap().slug;
    cmd(&mut app, Command::Workflow);
    assert_eq!(
        menu_moves(&app),
        vec![Move::To(Transition::Unpublish), Move::ChangeSlug]
    );
    cmd(&mut app, Command::ChangeSlug);
    clear_line(&mut app);
    type_text(&mut app, "Đường dẫn mới");
    cmd(&mut app, Command::Confirm);
    assert!(matches!(
        app.modal,
        Some(Modal::Dialog(Dialog::ConfirmSlug { .. }))
    ));
    cmd(&mut app, Command::Confirm);
    let a = app.store.article(id).unwrap();
    assert_eq!(a.slug, "duong-dan-moi");
    assert_eq!(a.old_slugs, vec![old]);
}

#[test]
fn a_draft_is_deleted_only_after_the_confirmation() {
    let (mut app, _) = app_as("lan.nguyen", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Draft
    });
    cmd(&mut app, Command::Workflow);
    cmd(&mut app, Command::DeleteDraft);
    cmd(&mut app, Command::Back);
    assert!(app.store.article(id).is_ok(), "Esc keeps it");
    cmd(&mut app, Command::Workflow);
    cmd(&mut app, Command::DeleteDraft);
    cmd(&mut app, Command::Confirm);
    assert!(app.store.article(id).is_err());
    assert!(app.notice.as_ref().unwrap().text.contains("Đã xoá bản nháp"));
}

#[test]
fn with_review_a_reporter_submits_and_cannot_schedule() {
    let (mut app, _) = app_as("lan.nguyen", Lang::Vi, Workflow { review: true });
    let id = select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Draft
    });
    cmd(&mut app, Command::Workflow);
    assert_eq!(
        menu_moves(&app),
        vec![
            Move::To(Transition::Submit),
            Move::To(Transition::Spike),
            Move::Delete
        ]
    );
    cmd(&mut app, Command::Submit);
    assert_eq!(app.store.article(id).unwrap().status, Status::Submitted);
}

#[test]
fn a_move_from_the_editor_saves_the_text_on_screen_first() {
    let (mut app, _) = app_as("huong.tran", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| a.status == Status::Submitted);
    cmd(&mut app, Command::Open);
    assert!(!app.editor.as_ref().unwrap().is_read_only());
    type_text(&mut app, "Đã sửa ");
    cmd(&mut app, Command::Workflow);
    cmd(&mut app, Command::ReturnToDraft);
    let a = app.store.article(id).unwrap();
    assert_eq!(a.status, Status::Draft);
    assert!(a.title.starts_with("Đã sửa "), "{}", a.title);
    assert_eq!(
        app.editor.as_ref().unwrap().status,
        Status::Draft,
        "the editor follows"
    );
}

#[test]
fn publishing_an_unready_article_names_what_is_missing_in_the_sessions_language() {
    let (mut app, _) = app_as("huong.tran", Lang::Vi, Workflow::default());
    cmd(&mut app, Command::NewArticle);
    cmd(&mut app, Command::Workflow);
    cmd(&mut app, Command::Publish);
    let notice = app.notice.as_ref().unwrap();
    assert!(notice.is_error);
    assert_eq!(
        notice.text,
        "Chưa đăng được: thiếu tiêu đề; thiếu sa-pô; thiếu nội dung."
    );
}

#[test]
fn the_tags_field_completes_without_diacritics_and_saves_with_the_article() {
    let (mut app, _) = app_as("lan.nguyen", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Draft
    });
    cmd(&mut app, Command::Open);
    // The tags field is last in Tab order: Shift-Tab from the title reaches it.
    cmd(&mut app, Command::PrevField);
    assert_eq!(app.editor.as_ref().unwrap().focus, super::editor::Field::Tags);
    clear_line(&mut app);
    type_text(&mut app, "dan v");
    assert_eq!(
        app.editor.as_ref().unwrap().tag_suggestions,
        vec!["Dân vận".to_owned()]
    );
    cmd(&mut app, Command::NextField);
    assert_eq!(
        app.editor.as_ref().unwrap().focus,
        super::editor::Field::Tags,
        "Tab took the suggestion"
    );
    type_text(&mut app, "Phố đi bộ");
    cmd(&mut app, Command::Save);
    let tags: Vec<String> = app
        .store
        .article(id)
        .unwrap()
        .tags
        .iter()
        .map(|t| t.name.clone())
        .collect();
    assert_eq!(tags, vec!["Dân vận".to_owned(), "Phố đi bộ".to_owned()]);
}

#[test]
fn a_reporter_cannot_change_the_tags_of_a_live_article() {
    let (mut app, _) = app_as("lan.nguyen", Lang::Vi, Workflow::default());
    let id = select(&mut app, |a| {
        a.author == "lan.nguyen" && a.status == Status::Published
    });
    let user = app.session.user.clone();
    let refused = app
        .store
        .change_article_tags(&user, id, &["Mới".into()], crate::store::TagChange::Add, now())
        .unwrap_err();
    assert!(refused.to_string().contains("ask an editor"), "{refused}");
}

#[test]
fn the_history_shows_a_caption_change_like_any_other_edit() {
    let (mut app, _) = app_as("huong.tran", Lang::Vi, Workflow::default());
    // The demo draft with a photo whose caption is missing.
    let id = select(&mut app, |a| a.status == Status::Draft && !a.photos.is_empty());
    let user = app.session.user.clone();
    let change = crate::store::PhotoChange {
        caption: Some("Vườn hoa sau khi cải tạo".into()),
        ..Default::default()
    };
    app.store.change_photo(&user, id, 1, &change, now()).unwrap();
    cmd(&mut app, Command::Open);
    cmd(&mut app, Command::History);
    // The newest revision is the change itself; the one before it lacks the caption.
    cmd(&mut app, Command::Down);
    let Some(super::editor::Overlay::History(h)) = &app.editor.as_ref().unwrap().overlay else {
        panic!("no history");
    };
    let added: String = h
        .diff
        .iter()
        .filter(|p| p.change == crate::text::Change::Added)
        .map(|p| p.text.as_str())
        .collect();
    assert!(added.contains("Vườn hoa sau khi cải tạo"), "{:?}", h.diff);
}

#[test]
fn the_photo_panel_offers_edits_only_when_there_are_photos() {
    let (mut app, _) = app_as("huong.tran", Lang::Vi, Workflow::default());
    select(&mut app, |a| a.photos.is_empty() && a.status == Status::Draft);
    cmd(&mut app, Command::Open);
    assert!(app.offers(Command::AddPhoto));
    assert!(!app.offers(Command::EditCaption), "nothing to caption");
    assert!(!app.offers(Command::RemovePhoto));
    cmd(&mut app, Command::Back);
    select(&mut app, |a| !a.photos.is_empty());
    cmd(&mut app, Command::Open);
    assert!(app.offers(Command::EditCaption));
}
