use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use super::*;
use crate::app::{Action, App};
use crate::i18n::Lang;
use crate::keymap::Command;
use crate::testing::demo_app;

fn render(app: &App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Keymap::default(), theme))
        .unwrap();
    terminal
}

fn app_sized(lang: Lang, height: u16) -> App {
    demo_app(None, lang, list_rows(height))
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

#[test]
fn articles_80x24_vi() {
    let app = app_sized(Lang::Vi, 24);
    insta::assert_snapshot!(
        "articles_80x24_vi",
        render(&app, 80, 24, &Theme::default()).backend()
    );
}

#[test]
fn articles_120x40_en() {
    let app = app_sized(Lang::En, 40);
    insta::assert_snapshot!(
        "articles_120x40_en",
        render(&app, 120, 40, &Theme::default()).backend()
    );
}

#[test]
fn articles_200x60_vi() {
    let app = app_sized(Lang::Vi, 60);
    insta::assert_snapshot!(
        "articles_200x60_vi",
        render(&app, 200, 60, &Theme::default()).backend()
    );
}

#[test]
fn help_80x24_vi() {
    let mut app = app_sized(Lang::Vi, 24);
    app.update(Action::Command(Command::Help));
    insta::assert_snapshot!("help_80x24_vi", render(&app, 80, 24, &Theme::default()).backend());
}

#[test]
fn help_120x40_en() {
    let mut app = app_sized(Lang::En, 40);
    app.update(Action::Command(Command::Help));
    insta::assert_snapshot!(
        "help_120x40_en",
        render(&app, 120, 40, &Theme::default()).backend()
    );
}

#[test]
fn queue_80x24_vi() {
    let mut app = app_sized(Lang::Vi, 24);
    app.update(Action::Command(Command::ShowComments));
    insta::assert_snapshot!(
        "queue_80x24_vi",
        render(&app, 80, 24, &Theme::default()).backend()
    );
}

#[test]
fn the_selected_row_is_reversed_in_both_themes() {
    for theme in [Theme::colored(), Theme::monochrome()] {
        let app = app_sized(Lang::Vi, 24);
        let terminal = render(&app, 80, 24, &theme);
        let buffer = terminal.backend().buffer();
        // Row 0 tabs, row 1 header, row 2 the first (selected) article.
        assert!(buffer[(20, 2)].modifier.contains(Modifier::REVERSED));
        assert!(!buffer[(20, 3)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn no_color_draws_no_colour() {
    let app = app_sized(Lang::Vi, 24);
    let terminal = render(&app, 80, 24, &Theme::from_env(Some("1")));
    for cell in terminal.backend().buffer().content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "{cell:?}");
    }
}

#[test]
fn every_text_fits_at_80_columns_in_both_languages() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = app_sized(lang, 24);
        let text = screen_text(&render(&app, 80, 24, &Theme::default()));
        assert!(
            text.contains(if lang == Lang::Vi {
                "bình luận chờ duyệt"
            } else {
                "pending comments"
            }),
            "{text}"
        );
        assert!(text.contains("lan.nguyen"));
        app.update(Action::Command(Command::Help));
        let help = screen_text(&render(&app, 80, 24, &Theme::default()));
        // The last binding of each column is visible: nothing was cut off at the bottom.
        assert!(help.contains("Ctrl-q"), "{help}");
        assert!(
            help.contains(if lang == Lang::Vi {
                "bài mới"
            } else {
                "new article"
            }),
            "{help}"
        );
    }
}

#[test]
fn hostile_titles_are_drawn_without_their_control_codes() {
    let (mut store, admin) = crate::testing::demo_store(None);
    let draft = crate::domain::ArticleDraft {
        title: "Tin\u{1b}]52;c;cm0gLXJm\u{7} giả\u{202e}mạo\u{9b}2J".into(),
        ..Default::default()
    };
    let later = crate::testing::now() + jiff::SignedDuration::from_hours(2);
    store
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", later)
        .unwrap();
    let session = crate::testing::session(&store, "root", Lang::Vi);
    let app = App::new(store, session, list_rows(24)).unwrap();
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains("Tin giảmạo"), "{text}");
    for bad in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{7}'] {
        assert!(!text.contains(bad));
    }
    assert!(
        !text.contains("52;c"),
        "the OSC payload is gone, not just its ESC"
    );
}

#[test]
fn a_tiny_terminal_does_not_panic() {
    let mut app = app_sized(Lang::Vi, 3);
    for (w, h) in [(1, 1), (10, 3), (20, 5), (80, 2)] {
        render(&app, w, h, &Theme::default());
        app.update(Action::Command(Command::Help));
        render(&app, w, h, &Theme::default());
        app.update(Action::Command(Command::Help));
    }
}

mod editor {
    use std::sync::Arc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use jiff::SignedDuration;

    use super::*;
    use crate::clock::ManualClock;
    use crate::testing::{demo_store, now, session_at};

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    fn cmd(app: &mut App, c: Command) {
        app.update(Action::Command(c));
    }

    /// lan.nguyen's newest draft, opened in the editor.
    fn editing(height: u16) -> (App, Arc<ManualClock>) {
        let (store, _) = demo_store(None);
        let clock = Arc::new(ManualClock::new(now()));
        let session = session_at(&store, "lan.nguyen", Lang::Vi, clock.clone(), "s1");
        let mut app = App::new(store, session, list_rows(height)).unwrap();
        cmd(&mut app, Command::Open);
        assert!(app.editor.is_some(), "{:?}", app.notice);
        (app, clock)
    }

    #[test]
    fn editor_80x24() {
        let (mut app, _) = editing(24);
        for _ in 0..5 {
            cmd(&mut app, Command::NextField);
        }
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!("editor_80x24_vi", terminal.backend());
    }

    #[test]
    fn the_real_cursor_sits_at_the_caret() {
        let (mut app, _) = editing(24);
        app.update(Action::Type(KeyEvent::new(KeyCode::End, KeyModifiers::NONE)));
        type_text(&mut app, " Hà");
        let mut terminal = render(&app, 80, 24, &Theme::default());
        let title = app.editor.as_ref().unwrap().text().title;
        let width = unicode_width::UnicodeWidthStr::width(title.as_str()) as u16;
        terminal.backend_mut().assert_cursor_position((11 + width, 1));
    }

    #[test]
    fn preview_80x24_replaces_the_form() {
        let (mut app, _) = editing(24);
        cmd(&mut app, Command::TogglePreview);
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!("editor_preview_80x24_vi", terminal.backend());
    }

    #[test]
    fn preview_beside_the_form_at_120x40() {
        let (mut app, _) = editing(40);
        cmd(&mut app, Command::TogglePreview);
        let text = screen_text(&render(&app, 120, 40, &Theme::default()));
        assert!(text.contains("Tiêu đề") && text.contains("Xem trước"), "{text}");
    }

    #[test]
    fn recovery_diff_80x24() {
        let (mut app, clock) = editing(24);
        let id = app.editor.as_ref().unwrap().article_id;
        for _ in 0..5 {
            cmd(&mut app, Command::NextField);
        }
        type_text(&mut app, "Thêm một câu mới về kinh phí. ");
        app.autosave().unwrap();
        // The session ends; a later one opens the same article.
        app.editor = None;
        clock.advance(SignedDuration::from_secs(200));
        app.open_editor(id).unwrap();
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!("editor_recovery_80x24_vi", terminal.backend());
        let text = screen_text(&terminal);
        assert!(text.contains("{+Thêm một câu mới về kinh phí."), "{text}");
    }

    #[test]
    fn history_80x24() {
        let (mut app, clock) = editing(24);
        type_text(&mut app, "Mới: ");
        cmd(&mut app, Command::Save);
        clock.advance(SignedDuration::from_mins(3));
        cmd(&mut app, Command::History);
        cmd(&mut app, Command::Down);
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!("editor_history_80x24_vi", terminal.backend());
    }

    /// Under --restricted Ctrl-g only says no, so neither the hint line (at any width) nor
    /// the help screen may offer it.
    #[test]
    fn restricted_80x24_offers_no_external_editor() {
        let (mut app, _) = editing(24);
        app.session.restricted = true;
        for width in [80, 120, 200] {
            let text = screen_text(&render(&app, width, 24, &Theme::default()));
            assert!(!text.contains("Ctrl-g"), "{width} columns: {text}");
        }
        cmd(&mut app, Command::Help);
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!("editor_help_restricted_80x24_vi", terminal.backend());
        let text = screen_text(&terminal);
        assert!(text.contains("Ctrl-s"), "the help is shown: {text}");
        assert!(!text.contains("Ctrl-g"), "{text}");
        // Without --restricted the same help does offer it.
        app.session.restricted = false;
        assert!(screen_text(&render(&app, 80, 24, &Theme::default())).contains("Ctrl-g"));
    }

    #[test]
    fn read_only_80x24_en() {
        let shared = crate::testing::SharedStore::demo();
        let open = |login: &str, id: &str, lang| shared.app(login, lang, id, list_rows(24));
        let mut a = open("root", "a", Lang::Vi);
        cmd(&mut a, Command::Open);
        let mut b = open("huong.tran", "b", Lang::En);
        cmd(&mut b, Command::Open);
        let terminal = render(&b, 80, 24, &Theme::default());
        insta::assert_snapshot!("editor_read_only_80x24_en", terminal.backend());
        assert!(screen_text(&terminal).contains("root is editing since"));
    }
}

/// The English screen: the same results, each with its snippet, matches marked there too.
#[test]
fn search_80x24_en() {
    let mut app = app_sized(Lang::En, 24);
    app.update(Action::Command(Command::Search));
    for c in "\"dong da\"".chars() {
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
    app.update(Action::Command(Command::Confirm));
    let terminal = render(&app, 80, 24, &Theme::from_env(Some("1")));
    insta::assert_snapshot!("search_80x24_en", terminal.backend());
    let buffer = terminal.backend().buffer().clone();
    let row: String = (0..80).map(|x| buffer[(x, 3)].symbol().to_owned()).collect();
    let col = row.find("Đống").map(|b| row[..b].chars().count() as u16).unwrap();
    let found = buffer[(col, 3)].modifier;
    assert!(
        found.contains(Modifier::BOLD) && found.contains(Modifier::UNDERLINED),
        "without colour the snippet's match is bold and underlined: {row}"
    );
}

#[test]
fn search_80x24_vi() {
    let mut app = app_sized(Lang::Vi, 24);
    app.update(Action::Command(Command::Search));
    for c in "dong da".chars() {
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
    app.update(Action::Command(Command::Confirm));
    app.update(Action::Command(Command::Search));
    let mut terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("search_80x24_vi", terminal.backend());
    // The found words are marked in the accented title, and the cursor follows the typing.
    let buffer = terminal.backend().buffer().clone();
    let row: String = (0..80).map(|x| buffer[(x, 2)].symbol().to_owned()).collect();
    let col = row.find("Đống").map(|b| row[..b].chars().count() as u16).unwrap();
    assert!(buffer[(col, 2)].modifier.contains(Modifier::BOLD), "{row}");
    terminal.backend_mut().assert_cursor_position((8, 22));
}

#[test]
fn a_search_over_the_queue_says_how_many_match() {
    let mut app = app_sized(Lang::Vi, 24);
    app.update(Action::Command(Command::ShowComments));
    app.update(Action::Command(Command::Search));
    for c in "vay".chars() {
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
    app.update(Action::Command(Command::Confirm));
    let q = app.queue.as_ref().unwrap();
    let expected = format!("chờ duyệt {}/{}", q.list.total, q.counts[0]);
    assert!(q.list.total > 0 && q.list.total < q.counts[0]);
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    assert!(text.contains(&expected), "{expected} in\n{text}");
}

mod comments;
mod editor_screens;
mod photos;
mod picture;
mod queue_screens;
mod screens;
mod spelling;
mod tags;
