use super::*;
use crate::i18n::Lang;
use crate::testing::demo_app;

fn titles(app: &App) -> Vec<String> {
    app.articles.rows.iter().map(|r| r.title.clone()).collect()
}

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

#[test]
fn opens_on_the_newest_articles_with_the_pending_count() {
    let app = demo_app(None, Lang::Vi, 10);
    assert_eq!(app.tab, Tab::Articles);
    assert_eq!(app.articles.rows.len(), 10);
    assert_eq!(app.articles.total, 16);
    assert!(app.articles.has_more_below());
    assert!(app.pending_comments > 0);
    let newest = &app.articles.rows[0];
    assert!(
        app.articles
            .rows
            .iter()
            .all(|r| r.updated_at <= newest.updated_at)
    );
}

#[test]
fn paging_walks_the_whole_list_one_page_at_a_time() {
    let mut app = demo_app(Some(45), Lang::Vi, 10);
    let mut seen = titles(&app);
    for _ in 0..4 {
        cmd(&mut app, Command::PageDown);
        assert!(app.articles.rows.len() <= 10);
        seen.extend(titles(&app));
    }
    assert!(!app.articles.has_more_below());
    assert_eq!(seen.len(), 45, "every article once, none twice");
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), 45);
    cmd(&mut app, Command::First);
    assert!(app.articles.is_at_top());
    assert_eq!(app.articles.selected, 0);
}

#[test]
fn moving_past_the_edge_scrolls_by_one_line() {
    let mut app = demo_app(None, Lang::Vi, 5);
    let before = titles(&app);
    for _ in 0..5 {
        cmd(&mut app, Command::Down);
    }
    let after = titles(&app);
    assert_eq!(app.articles.selected, 4, "cursor stays on the last line");
    assert_eq!(after[..4], before[1..], "the list moved up by one row");
    cmd(&mut app, Command::Up);
    cmd(&mut app, Command::Up);
    cmd(&mut app, Command::Up);
    cmd(&mut app, Command::Up);
    cmd(&mut app, Command::Up);
    assert_eq!(titles(&app), before);
    assert_eq!(app.articles.selected, 0);
}

#[test]
fn last_and_page_up_reach_both_ends() {
    let mut app = demo_app(Some(23), Lang::Vi, 10);
    cmd(&mut app, Command::Last);
    assert!(!app.articles.has_more_below());
    assert_eq!(app.articles.selected, app.articles.rows.len() - 1);
    assert_eq!(app.articles.rows.len(), 10);
    cmd(&mut app, Command::PageUp);
    cmd(&mut app, Command::PageUp);
    cmd(&mut app, Command::PageUp);
    assert!(app.articles.is_at_top());
}

#[test]
fn other_sessions_commits_show_without_moving_the_cursor() {
    let shared = crate::testing::SharedStore::demo();
    let mut other = shared.store();
    let admin = other.active_user("root").unwrap();
    let mut app = shared.app("root", Lang::Vi, "s", 10);
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Down);
    let selected = app.articles.selected_row().unwrap().id;
    assert!(!app.update(Action::Tick), "nothing changed yet");

    let draft = crate::domain::ArticleDraft {
        title: "Tin nóng từ phiên khác".into(),
        ..Default::default()
    };
    let later = crate::testing::now() + jiff::SignedDuration::from_hours(1);
    other
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", later)
        .unwrap();

    assert!(app.update(Action::Tick), "the commit was noticed");
    assert_eq!(app.articles.total, 17);
    assert_eq!(
        app.articles.selected_row().unwrap().id,
        selected,
        "the cursor stayed on its article"
    );
}

#[test]
fn tabs_cycle_and_jump() {
    let mut app = demo_app(None, Lang::En, 10);
    cmd(&mut app, Command::NextTab);
    assert_eq!(app.tab, Tab::Schedule);
    cmd(&mut app, Command::PrevTab);
    cmd(&mut app, Command::PrevTab);
    assert_eq!(app.tab, Tab::Tags);
    cmd(&mut app, Command::ShowComments);
    assert_eq!(app.tab, Tab::Comments);
    cmd(&mut app, Command::ShowArticles);
    assert_eq!(app.tab, Tab::Articles);
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = demo_app(None, Lang::Vi, 10);
    cmd(&mut app, Command::Help);
    let scroll = |app: &App| match app.modal {
        Some(Modal::Help { scroll, .. }) => scroll,
        _ => panic!("help closed"),
    };
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Down);
    assert_eq!(scroll(&app), 2);
    cmd(&mut app, Command::Up);
    assert_eq!(scroll(&app), 1);
    cmd(&mut app, Command::PageUp);
    assert_eq!(scroll(&app), 0, "never above the first line");
    cmd(&mut app, Command::PageDown);
    assert_eq!(scroll(&app), 10);
}

#[test]
fn help_takes_keys_until_closed() {
    let mut app = demo_app(None, Lang::Vi, 10);
    cmd(&mut app, Command::Help);
    assert!(matches!(app.modal, Some(Modal::Help { .. })));
    cmd(&mut app, Command::Down);
    assert_eq!(app.articles.selected, 0, "keys under the help do nothing");
    cmd(&mut app, Command::Back);
    assert_eq!(app.modal, None);
    assert!(!app.should_quit, "q closes the help, not the app");
    cmd(&mut app, Command::Help);
    cmd(&mut app, Command::Quit);
    assert!(app.should_quit, "Ctrl-q quits from anywhere");
}

#[test]
fn q_quits_from_the_list_and_input_method_keys_only_hint() {
    let mut app = demo_app(None, Lang::Vi, 10);
    app.update(Action::InputMethodKey);
    assert!(app.notice.as_ref().unwrap().text.contains("bộ gõ"));
    assert!(!app.should_quit);
    cmd(&mut app, Command::Down);
    assert!(app.notice.is_none(), "the hint goes with the next command");
    cmd(&mut app, Command::Back);
    assert!(app.should_quit);
}

mod search {
    use std::sync::Arc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use jiff::SignedDuration;

    use super::*;
    use crate::clock::ManualClock;
    use crate::testing::{demo_store, now, session_at};

    fn app() -> (App, Arc<ManualClock>) {
        let (store, _) = demo_store(None);
        let clock = Arc::new(ManualClock::new(now()));
        let session = session_at(&store, "huong.tran", Lang::Vi, clock.clone(), "s");
        (App::new(store, session, 20).unwrap(), clock)
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    #[test]
    fn slash_filters_the_list_after_a_pause_and_esc_clears_it() {
        let (mut app, clock) = app();
        cmd(&mut app, Command::Search);
        assert_eq!(app.contexts(), SEARCH);
        type_text(&mut app, "tay ho");
        assert_eq!(app.articles.total, 16, "no query on every keystroke");
        app.update(Action::Tick);
        assert_eq!(app.articles.total, 16, "not before the pause");
        clock.advance(SignedDuration::from_millis(350));
        app.update(Action::Tick);
        assert!(app.articles.total < 16 && app.articles.total > 0);
        assert!(
            app.articles.rows[0].title.contains("Tây Hồ"),
            "title matches first"
        );
        assert_eq!(app.search_words(Tab::Articles), ["tay", "ho"]);
        cmd(&mut app, Command::Confirm);
        assert_eq!(
            app.contexts(),
            LIST,
            "Enter keeps the filter and returns to the list"
        );
        cmd(&mut app, Command::Down);
        assert_eq!(app.articles.selected, 1);
        cmd(&mut app, Command::Search);
        cmd(&mut app, Command::Back);
        assert!(app.search.is_none());
        assert_eq!(app.articles.total, 16);
    }

    #[test]
    fn a_bad_filter_is_a_sentence_and_the_list_stays() {
        let (mut app, _) = app();
        cmd(&mut app, Command::Search);
        type_text(&mut app, "colour:red");
        cmd(&mut app, Command::Confirm);
        let notice = app.notice.clone().unwrap();
        assert!(notice.is_error && notice.text.contains("colour"), "{notice:?}");
        assert_eq!(app.articles.total, 16);
    }

    #[test]
    fn the_queue_is_searched_within_its_status() {
        let (mut app, clock) = app();
        cmd(&mut app, Command::ShowComments);
        let all = app.queue.as_ref().unwrap().list.total;
        cmd(&mut app, Command::Search);
        type_text(&mut app, "VAY");
        clock.advance(SignedDuration::from_millis(400));
        app.update(Action::Tick);
        let q = app.queue.as_ref().unwrap();
        assert!(q.list.total > 0 && q.list.total < all);
        assert!(
            q.list
                .rows
                .iter()
                .all(|c| c.status == crate::domain::CommentStatus::Pending)
        );
        assert!(
            q.list
                .rows
                .iter()
                .all(|c| crate::text::fold(&format!("{} {} {}", c.name, c.title, c.content)).contains("vay"))
        );
    }
}

#[test]
fn up_at_the_top_stays_there_and_scrolling_back_up_reaches_the_top() {
    let mut app = demo_app(None, Lang::Vi, 5);
    let top = titles(&app);
    cmd(&mut app, Command::Up);
    assert_eq!(titles(&app), top, "k on the first row does not wrap to the end");
    assert_eq!(app.articles.selected, 0);
    for _ in 0..6 {
        cmd(&mut app, Command::Down);
    }
    assert!(!app.articles.is_at_top());
    for _ in 0..6 {
        cmd(&mut app, Command::Up);
    }
    assert_eq!(titles(&app), top);
    assert!(app.articles.is_at_top(), "the ▲ marker goes away back at the top");
}
