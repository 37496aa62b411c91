//! The Tags tab, and its merge dialog, in both languages at 80×24.

use super::*;
use crate::testing::{demo_store, session};

fn tags_app(lang: Lang, login: &str) -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, login, lang);
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    app.update(Action::Command(Command::ShowTags));
    app
}

#[test]
fn the_tags_tab_lists_tags_with_counts() {
    for (lang, name) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let app = tags_app(lang, "huong.tran");
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("tags_80x24_{name}"), terminal.backend());
        let text = screen_text(&terminal);
        assert!(text.contains("Đô thị") && text.contains("do-thi"), "{text}");
    }
}

#[test]
fn the_merge_dialog_offers_targets() {
    for (lang, name) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let mut app = tags_app(lang, "huong.tran");
        app.update(Action::Command(Command::MergeTag));
        for c in "van".chars() {
            app.update(Action::Type(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            )));
        }
        let terminal = render(&app, 80, 24, &Theme::default());
        insta::assert_snapshot!(format!("tags_merge_80x24_{name}"), terminal.backend());
        assert!(screen_text(&terminal).contains("Văn hóa"));
    }
}
