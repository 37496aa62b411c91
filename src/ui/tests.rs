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
fn comments_placeholder_80x24_vi() {
    let mut app = app_sized(Lang::Vi, 24);
    app.update(Action::Command(Command::ShowComments));
    insta::assert_snapshot!(
        "comments_coming_80x24_vi",
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
