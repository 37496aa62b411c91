//! Screens the first snapshots left out, each in both languages: the queue as an editor
//! sees it (phone and address), an empty queue, an error notice, the single-comment view.

use super::*;
use crate::domain::Login;
use crate::store::Store;
use crate::testing::{SharedStore, demo_store, now, session};

const LANGS: [(Lang, &str); 2] = [(Lang::Vi, "vi"), (Lang::En, "en")];

/// The demo's queue as the editor huong.tran sees it.
fn editor_queue(lang: Lang) -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, "huong.tran", lang);
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    app.update(Action::Command(Command::ShowComments));
    app
}

#[test]
fn the_editors_queue_shows_phone_and_address() {
    for (lang, name) in LANGS {
        let app = editor_queue(lang);
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("queue_editor_80x24_{name}"), terminal.backend());
        let text = screen_text(&terminal);
        // The selected comment's reader gave a phone number and came from an address.
        assert!(text.contains("0"), "{text}");
        assert!(
            text.contains("f ") && (text.contains("duyệt") || text.contains("approve")),
            "an editor is offered the decisions:\n{text}"
        );
    }
}

#[test]
fn the_single_comment_view_in_both_languages() {
    for (lang, name) in LANGS {
        let mut app = editor_queue(lang);
        app.update(Action::Command(Command::Open));
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("queue_single_80x24_{name}"), terminal.backend());
    }
}

#[test]
fn an_empty_queue_says_so() {
    for (lang, name) in LANGS {
        let mut store = Store::open_in_memory().unwrap();
        store.init_admin(&Login::parse("root").unwrap(), now()).unwrap();
        let session = session(&store, "root", lang);
        let mut app = App::new(store, session, list_rows(24)).unwrap();
        app.update(Action::Command(Command::ShowComments));
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("queue_empty_80x24_{name}"), terminal.backend());
    }
}

#[test]
fn a_damaged_store_is_an_error_notice_on_every_screen() {
    for (lang, name) in LANGS {
        let shared = SharedStore::demo();
        let mut app = shared.app("huong.tran", lang, "s1", list_rows(24));
        crate::store::mark_damaged(&shared.db, "database disk image is malformed", now()).unwrap();
        app.update(Action::Tick);
        let notice = app.notice.as_ref().expect("a notice");
        assert!(notice.is_error);
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("notice_damaged_80x24_{name}"), terminal.backend());
        // Whole at 80 columns: what to do must not be cut off.
        let text = screen_text(&terminal);
        assert!(text.contains(app.t(crate::i18n::Msg::StoreDamaged)), "{text}");
    }
}

/// lan.nguyen's newest draft selected, as she sees it.
fn reporter_on_her_draft(lang: Lang) -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, "lan.nguyen", lang);
    App::new(store, session, list_rows(24)).unwrap()
}

#[test]
fn the_workflow_menu_and_the_schedule_picker_in_both_languages() {
    for (lang, name) in LANGS {
        let mut app = reporter_on_her_draft(lang);
        app.update(Action::Command(Command::Workflow));
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("workflow_menu_80x24_{name}"), terminal.backend());

        app.update(Action::Command(Command::ScheduleArticle));
        for c in "02:30 29/03/2026".chars() {
            app.update(Action::Type(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            )));
        }
        app.update(Action::Command(Command::Confirm));
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("schedule_picker_error_80x24_{name}"), terminal.backend());
        let text = screen_text(&terminal);
        // The whole refusal is on screen, not cut at the popup's edge.
        assert!(
            text.contains("HH:MM") || text.contains("đã qua") || text.contains("passed"),
            "{text}"
        );
    }
}

#[test]
fn the_correction_note_dialog_in_both_languages() {
    for (lang, name) in LANGS {
        let (store, _) = demo_store(None);
        let session = session(&store, "huong.tran", lang);
        let mut app = App::new(store, session, list_rows(24)).unwrap();
        // The first published article in the list.
        for _ in 0..20 {
            if app.articles.selected_row().map(|r| r.status) == Some(crate::domain::Status::Published) {
                break;
            }
            app.update(Action::Command(Command::Down));
        }
        app.update(Action::Command(Command::Open));
        app.update(Action::Command(Command::Save));
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("correction_note_80x24_{name}"), terminal.backend());
    }
}

#[test]
fn the_ready_to_publish_checklist_is_live_in_both_languages() {
    for (lang, name) in LANGS {
        let mut app = reporter_on_her_draft(lang);
        app.update(Action::Command(Command::NewArticle));
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("checklist_new_80x24_{name}"), terminal.backend());
        let text = screen_text(&terminal);
        let want = if lang == Lang::Vi {
            "còn thiếu: tiêu đề, sa-pô, nội dung"
        } else {
            "missing: title, lead, body"
        };
        assert!(text.contains(want), "{text}");
        // Typing a title takes it off the list at once.
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('T'),
            crossterm::event::KeyModifiers::SHIFT,
        )));
        let text = screen_text(&render(&app, 80, 24, &Theme::default()));
        let want = if lang == Lang::Vi {
            "còn thiếu: sa-pô, nội dung"
        } else {
            "missing: lead, body"
        };
        assert!(text.contains(want), "{text}");
    }
}
