//! The comment queue's drawing of reader text that is long, hidden or joined.

use super::*;
use crate::domain::{CommentForm, Rules};
use crate::store::{ArticleRef, Submission};
use crate::testing::{demo_store, now, session};

/// A demo store plus one pending comment from a reader with a past, older than the demo's
/// pending comments, so it is the first row of the queue. The editor huong.tran's app.
fn queue_with(title: &str, content: &str) -> App {
    let (mut store, _) = demo_store(None);
    let published = store
        .article_ids_page(Some(crate::domain::Status::Published), None, None, 1)
        .unwrap()[0]
        .1;
    let sub = |title: &str, content: &str, days: i64| Submission {
        article: ArticleRef::Id(published),
        form: CommentForm {
            name: "Trần Văn Bình".into(),
            phone: "0912345678".into(),
            title: title.into(),
            content: content.into(),
        },
        ip: "198.51.100.9".into(),
        submitted_at: now() - jiff::SignedDuration::from_hours(24 * days),
        import_key: None,
    };
    let rules = Rules {
        auto_approve: false,
        ..Rules::default()
    };
    store
        .submit_comment(&sub(title, content, 400), &rules, now())
        .unwrap();
    let session = session(&store, "huong.tran", Lang::Vi);
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    app.update(Action::Command(Command::ShowComments));
    app
}

#[test]
fn a_5000_character_word_wraps_in_the_single_view_and_the_history_stays() {
    let word: String = "Đườngxấuquá".chars().cycle().take(5000).collect();
    let mut app = queue_with("Một từ rất dài", &word);
    app.update(Action::Command(Command::Open));
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("single_long_word_80x24_vi", terminal.backend());
    let text = screen_text(&terminal);
    assert!(text.contains("Một từ rất dài"), "{text}");
    assert!(
        text.contains("Trần Văn Bình · 0912 345 678 ·"),
        "the phone is grouped:\n{text}"
    );
    assert!(
        text.contains("đã duyệt ·"),
        "the author's history is on screen:\n{text}"
    );
    // Wrapped, not cut at the right edge: the word goes on in the next row.
    let rows: Vec<&str> = text.lines().collect();
    let first = rows.iter().position(|r| r.contains("Đườngxấu")).unwrap();
    assert!(rows[first + 1].contains("xấuquá"), "{text}");
}

#[test]
fn the_page_keys_read_a_long_comment_to_its_end_and_back() {
    let word: String = "Đườngxấuquá"
        .chars()
        .cycle()
        .take(4990)
        .chain("HẾT".chars())
        .collect();
    let mut app = queue_with("Một từ rất dài", &word);
    app.update(Action::Command(Command::Open));
    let mut seen = Vec::new();
    for _ in 0..20 {
        let text = screen_text(&render(&app, 80, 24, &Theme::default()));
        assert!(text.contains("đã duyệt ·"), "{text}");
        seen.push(text);
        app.update(Action::Command(Command::PageDown));
    }
    let last = seen.last().unwrap();
    assert!(
        last.contains("HẾT") && !last.contains("còn"),
        "the end is reached:\n{last}"
    );
    assert!(!seen[0].contains("HẾT") && seen[0].contains("còn"), "{}", seen[0]);
    let selected = app.queue.as_ref().unwrap().list.selected;
    assert_eq!(selected, 0, "the page keys did not move on to other comments");
    app.update(Action::Command(Command::PageUp));
    assert_eq!(screen_text(&render(&app, 80, 24, &Theme::default())), seen[0]);
}
