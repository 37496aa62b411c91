//! The editor's screens in both languages at 80×24: the form with a long title, the preview
//! (Markdown drawn, the publication stamp, scrolling), the history, the take-over notice,
//! the read-only view and the F1 help.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::SignedDuration;

use super::*;
use crate::clock::ManualClock;
use crate::testing::{SharedStore, demo_store, now, session_at};

const LANGS: [(Lang, &str); 2] = [(Lang::Vi, "vi"), (Lang::En, "en")];

/// Words of the English UI that must not show on a Vietnamese screen.
const ENGLISH: &[&str] = &[
    " open",
    " save",
    "history",
    "version",
    "preview",
    "restore",
    "read-only",
    "editing",
    "scheduled",
    "page",
];

fn assert_vietnamese(text: &str) {
    let lower = text.to_lowercase();
    for word in ENGLISH {
        assert!(!lower.contains(word), "{word:?} on a Vietnamese screen:\n{text}");
    }
}

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
}

/// lan.nguyen's newest draft, opened in the editor.
fn editing(lang: Lang) -> (App, Arc<ManualClock>) {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, "lan.nguyen", lang, clock.clone(), "s1");
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    cmd(&mut app, Command::Open);
    assert!(app.editor.is_some(), "{:?}", app.notice);
    (app, clock)
}

fn snapshot(name: &str, app: &App, lang: Lang) -> String {
    let terminal = render(app, 80, 24, &Theme::default());
    insta::assert_snapshot!(name.to_owned(), terminal.backend());
    let text = screen_text(&terminal);
    if lang == Lang::Vi {
        assert_vietnamese(&text);
    }
    text
}

#[test]
fn a_long_title_wraps_over_two_lines() {
    for (lang, name) in LANGS {
        let (mut app, _) = editing(lang);
        app.update(Action::Type(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)));
        type_text(&mut app, " và mở rộng sang các quận Đống Đa, Ba Đình");
        let text = snapshot(&format!("editor_long_title_80x24_{name}"), &app, lang);
        assert!(
            text.contains("Hai Bà Trưng ra mắt"),
            "the start stays in view:\n{text}"
        );
        assert!(text.contains("Ba Đình"), "the end is shown too:\n{text}");
    }
}

/// A body with every kind of Markdown the preview draws.
const MARKDOWN: &str = "Chữ **đậm** và *nghiêng*.\n\n## Tiêu đề phụ\n\n- một\n- hai\n\n> Lời trích dẫn\n\nXem [trang quận](https://quan.example) để biết thêm.";

#[test]
fn the_preview_draws_markdown_and_the_stamp_it_will_have() {
    for (lang, name) in LANGS {
        let (mut app, _) = editing(lang);
        let editor = app.editor.as_mut().unwrap();
        editor.set_body(MARKDOWN);
        // Scheduled: the stamp the site will print when it goes out.
        editor.status = crate::domain::Status::Scheduled;
        editor.scheduled_at = Some(now() + SignedDuration::from_hours(5));
        cmd(&mut app, Command::TogglePreview);
        let text = snapshot(&format!("editor_preview_markdown_80x24_{name}"), &app, lang);
        let stamp = crate::clock::stamp(now() + SignedDuration::from_hours(5), &app.session.zone);
        assert!(text.contains(&format!("({stamp})")), "{stamp} in\n{text}");
        for source in ["**", "##", "](", "- một", "> "] {
            assert!(!text.contains(source), "{source:?} printed:\n{text}");
        }
        assert!(
            text.contains("• một") && text.contains("│ Lời trích dẫn"),
            "{text}"
        );
    }
}

#[test]
fn the_preview_scrolls_a_page_at_a_time() {
    for (lang, name) in LANGS {
        let (mut app, _) = editing(lang);
        let long: Vec<String> = (1..=40).map(|n| format!("Đoạn {n}.")).collect();
        app.editor.as_mut().unwrap().set_body(&long.join("\n\n"));
        cmd(&mut app, Command::TogglePreview);
        let top = screen_text(&render(&app, 80, 24, &Theme::default()));
        assert!(top.contains("Đoạn 1.") && !top.contains("Đoạn 20."), "{top}");
        cmd(&mut app, Command::PreviewDown);
        cmd(&mut app, Command::PreviewDown);
        let text = snapshot(&format!("editor_preview_scrolled_80x24_{name}"), &app, lang);
        assert!(!text.contains("Đoạn 1.") && text.contains("Đoạn 20."), "{text}");
        // Past the end it stops at the last page, and PgUp comes back from there.
        for _ in 0..20 {
            cmd(&mut app, Command::PreviewDown);
        }
        let end = screen_text(&render(&app, 80, 24, &Theme::default()));
        assert!(end.contains("Đoạn 40."), "{end}");
        cmd(&mut app, Command::PreviewUp);
        let back = screen_text(&render(&app, 80, 24, &Theme::default()));
        assert_ne!(back, end, "one PgUp moves up from the end");
    }
}

#[test]
fn the_history_numbers_saves_by_version_and_enter_says_restore() {
    for (lang, name) in LANGS {
        let (mut app, clock) = editing(lang);
        type_text(&mut app, "Mới: ");
        cmd(&mut app, Command::Save);
        let version = app.editor.as_ref().unwrap().version;
        clock.advance(SignedDuration::from_mins(3));
        cmd(&mut app, Command::History);
        let text = snapshot(&format!("editor_history_80x24_{name}"), &app, lang);
        let (head, hint) = match lang {
            Lang::Vi => ("Phiên bản", "Enter khôi phục bản này"),
            Lang::En => ("Version", "Enter restore this version"),
        };
        assert!(text.contains(head) && text.contains(hint), "{text}");
        assert!(
            text.contains(&format!(" {version}  ")),
            "version {version} listed:\n{text}"
        );
    }
}

#[test]
fn the_take_over_notice_names_who_and_is_not_cut_off() {
    for (lang, name) in LANGS {
        let shared = SharedStore::demo();
        let mut a = shared.app("lan.nguyen", lang, "a", list_rows(24));
        cmd(&mut a, Command::Open);
        let mut b = shared.app("huong.tran", lang, "b", list_rows(24));
        cmd(&mut b, Command::Open);
        cmd(&mut b, Command::TakeOver);
        shared.clock.advance(SignedDuration::from_secs(15));
        a.update(Action::Tick);
        cmd(&mut a, Command::NextField);
        let text = snapshot(&format!("editor_taken_over_80x24_{name}"), &a, lang);
        let flat = text
            .lines()
            .map(|l| l.trim_matches(|c| c == '"' || c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        let end = match lang {
            Lang::Vi => "Bấm Esc để đóng thông báo.",
            Lang::En => "Esc closes this notice.",
        };
        assert!(flat.contains("Trần Thu Hương") && flat.contains(end), "{text}");
        assert!(!text.contains('…'), "nothing cut off:\n{text}");
    }
}

#[test]
fn the_read_only_view_in_both_languages() {
    for (lang, name) in LANGS {
        let shared = SharedStore::demo();
        let mut a = shared.app("root", lang, "a", list_rows(24));
        cmd(&mut a, Command::Open);
        let mut b = shared.app("huong.tran", lang, "b", list_rows(24));
        cmd(&mut b, Command::Open);
        snapshot(&format!("editor_read_only_80x24_{name}"), &b, lang);
    }
}

#[test]
fn f1_help_wraps_instead_of_cutting_lines() {
    for (lang, name) in LANGS {
        let (mut app, _) = editing(lang);
        cmd(&mut app, Command::Help);
        let text = snapshot(&format!("editor_help_80x24_{name}"), &app, lang);
        assert!(text.contains("$EDITOR"), "{text}");
        assert!(!text.contains('…'), "no line is cut:\n{text}");
        assert!(
            text.contains("PgDn"),
            "the preview's scrolling is listed:\n{text}"
        );
    }
}
