use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tags::TagDialog;
use super::*;
use crate::i18n::Lang;
use crate::testing::{demo_store, session};

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
}

fn app_as(login: &str, rows: usize) -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, login, Lang::En);
    App::new(store, session, rows).unwrap()
}

fn names(app: &App) -> Vec<String> {
    app.tags.rows.iter().map(|r| r.tag.name.clone()).collect()
}

#[test]
fn the_tab_pages_tags_in_slug_order_with_counts() {
    let mut app = app_as("lan.nguyen", 3);
    cmd(&mut app, Command::ShowTags);
    assert_eq!(app.contexts()[0], Context::Tags);
    assert_eq!(names(&app), ["Dân vận", "Đô thị", "Giáo dục"]);
    assert_eq!(app.tags.total, 8);
    assert!(app.tags.rows.iter().all(|r| r.articles > 0));
    cmd(&mut app, Command::PageDown);
    assert_eq!(names(&app), ["Giao thông", "Môi trường", "Thể thao"]);
    cmd(&mut app, Command::Last);
    assert_eq!(names(&app).last().map(String::as_str), Some("Y tế"));
}

#[test]
fn slash_filters_tags_without_diacritics() {
    let mut app = app_as("lan.nguyen", 10);
    cmd(&mut app, Command::ShowTags);
    cmd(&mut app, Command::Search);
    type_text(&mut app, "do thi");
    cmd(&mut app, Command::Confirm);
    assert_eq!(names(&app), ["Đô thị"]);
    assert_eq!(app.tags.total, 1);
    cmd(&mut app, Command::Search);
    cmd(&mut app, Command::Back);
    assert_eq!(app.tags.total, 8, "Esc clears the filter");
}

#[test]
fn enter_lists_the_articles_carrying_the_tag() {
    let mut app = app_as("lan.nguyen", 10);
    cmd(&mut app, Command::ShowTags);
    cmd(&mut app, Command::Down); // Đô thị
    let count = app.tags.selected_row().map(|r| r.articles);
    cmd(&mut app, Command::Open);
    assert_eq!(app.tab, Tab::Articles);
    assert_eq!(Some(app.articles.total), count);
    assert_eq!(
        app.search.as_ref().map(|s| s.applied.as_str()),
        Some("tag:do-thi")
    );
}

#[test]
fn reporters_are_told_renaming_is_for_editors() {
    let mut app = app_as("lan.nguyen", 10);
    cmd(&mut app, Command::ShowTags);
    assert!(!app.offers(Command::RenameTag));
    cmd(&mut app, Command::RenameTag);
    assert!(app.modal.is_none());
    assert!(app.notice.as_ref().is_some_and(|n| n.text.contains("editors")));
}

#[test]
fn an_editor_renames_after_confirming() {
    let mut app = app_as("huong.tran", 10);
    cmd(&mut app, Command::ShowTags);
    cmd(&mut app, Command::Last); // Y tế
    cmd(&mut app, Command::RenameTag);
    assert_eq!(app.contexts()[0], Context::Dialog);
    for _ in 0..10 {
        app.update(Action::Type(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    type_text(&mut app, "Sức khỏe");
    cmd(&mut app, Command::Confirm);
    assert!(matches!(
        app.modal,
        Some(Modal::Tag(TagDialog::ConfirmRename { .. }))
    ));
    assert_eq!(
        names(&app).last().map(String::as_str),
        Some("Y tế"),
        "nothing yet"
    );
    cmd(&mut app, Command::Confirm);
    assert!(app.modal.is_none());
    assert!(names(&app).contains(&"Sức khỏe".to_owned()));
    assert!(!names(&app).contains(&"Y tế".to_owned()));
}

#[test]
fn an_editor_merges_into_a_target_picked_by_typing() {
    let mut app = app_as("huong.tran", 10);
    cmd(&mut app, Command::ShowTags);
    cmd(&mut app, Command::Last); // Y tế
    cmd(&mut app, Command::MergeTag);
    type_text(&mut app, "van");
    let Some(Modal::Tag(TagDialog::MergeInto { choices, .. })) = &app.modal else {
        panic!("the merge dialog is open: {:?}", app.modal);
    };
    let offered: Vec<&str> = choices.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(offered, ["Văn hóa", "Dân vận"], "prefix match first");
    cmd(&mut app, Command::Down); // Dân vận
    cmd(&mut app, Command::Confirm);
    let Some(Modal::Tag(TagDialog::ConfirmMerge { into, .. })) = &app.modal else {
        panic!("a confirmation: {:?}", app.modal);
    };
    assert_eq!(into.name, "Dân vận");
    cmd(&mut app, Command::Back);
    assert!(app.modal.is_none());
    assert_eq!(app.tags.total, 8, "Esc merged nothing");

    cmd(&mut app, Command::MergeTag);
    type_text(&mut app, "dan van");
    cmd(&mut app, Command::Confirm);
    cmd(&mut app, Command::Confirm);
    assert_eq!(app.tags.total, 7);
    assert!(!names(&app).contains(&"Y tế".to_owned()));
}
