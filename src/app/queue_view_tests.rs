//! The queue as a moderator moves through it: the terminal growing, new arrivals, undo
//! after them, where a comment stands, and one article's comments.

use super::*;
use crate::i18n::Lang;
use crate::testing::{SharedStore, now};

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn queue(app: &App) -> &Queue {
    app.queue.as_ref().unwrap()
}

fn selected_id(app: &App) -> crate::domain::CommentId {
    queue(app).list.selected_row().unwrap().id
}

fn editor_on_queue(shared: &SharedStore, rows: usize) -> App {
    let mut app = shared.app("huong.tran", Lang::Vi, "a", rows);
    cmd(&mut app, Command::ShowComments);
    app
}

/// A reader's new comment on the first published article, arriving now.
fn new_arrival(store: &mut crate::store::Store, title: &str) -> crate::domain::CommentId {
    let published = store
        .article_ids_page(Some(crate::domain::Status::Published), None, None, 1)
        .unwrap()[0]
        .1;
    let sub = crate::store::Submission {
        article: crate::store::ArticleRef::Id(published),
        form: crate::domain::CommentForm {
            name: "Người mới".into(),
            phone: String::new(),
            title: title.into(),
            content: "Lần đầu bình luận".into(),
        },
        // Each from its own address: two from one would be a flood.
        ip: format!("198.51.100.{}", title.len()),
        submitted_at: now(),
        import_key: None,
    };
    let rules = crate::domain::Rules {
        auto_approve: false,
        ..crate::domain::Rules::default()
    };
    store.submit_comment(&sub, &rules, now()).unwrap().id
}

#[test]
fn growing_the_terminal_fills_the_queue_with_rows() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 20);
    assert_eq!(queue(&app).list.rows.len(), 20);
    let pending = queue(&app).counts[0] as usize;
    assert!(pending > 40, "{pending}");
    app.update(Action::Resize { list_rows: 40 });
    assert_eq!(
        queue(&app).list.rows.len(),
        40,
        "the queue refilled to the new height"
    );
    app.update(Action::Resize { list_rows: 20 });
    assert_eq!(queue(&app).list.rows.len(), 20);
}

#[test]
fn r_goes_to_the_first_new_comment_and_undo_brings_a_decided_one_back_selected() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 10);
    let decided = selected_id(&app);
    cmd(&mut app, Command::Approve);
    let mut other = shared.store();
    let first_new = new_arrival(&mut other, "Một");
    new_arrival(&mut other, "Thứ hai");
    app.update(Action::Tick);
    assert_eq!(queue(&app).arrived, 2);

    cmd(&mut app, Command::Reload);
    assert_eq!(
        selected_id(&app),
        first_new,
        "r took the cursor to the first new comment"
    );
    assert!(!queue(&app).list.rows.iter().any(|r| r.id == decided));

    let pending = queue(&app).counts[0];
    cmd(&mut app, Command::Undo);
    assert_eq!(queue(&app).counts[0], pending + 1);
    let row = queue(&app).list.selected_row().unwrap();
    assert_eq!(
        (row.id, row.status),
        (decided, CommentStatus::Pending),
        "the undone comment is back in the list, selected"
    );
    // It is a real row of the page: moving on and back finds it again.
    cmd(&mut app, Command::Down);
    cmd(&mut app, Command::Up);
    assert_eq!(selected_id(&app), decided);
}

#[test]
fn the_single_view_knows_where_the_comment_stands() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 10);
    for _ in 0..13 {
        cmd(&mut app, Command::Down);
    }
    cmd(&mut app, Command::Open);
    let q = queue(&app);
    let detail = q.detail.as_ref().unwrap();
    assert_eq!((detail.position, q.list.total), (14, q.counts[0]));
    // Enter in the single view does not claim to open what is already open.
    assert!(!app.offers(Command::Open));
    assert!(app.offers(Command::Back));
}

#[test]
fn b_narrows_the_queue_to_the_selected_comments_article_and_back() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 60);
    let all = queue(&app).list.total;
    cmd(&mut app, Command::Down);
    let on = queue(&app).list.selected_row().unwrap().clone();
    cmd(&mut app, Command::FilterArticle);
    let q = queue(&app);
    assert!(q.list.total < all && q.list.total > 0);
    assert_eq!(q.list.rows.len() as u64, q.list.total);
    assert!(q.list.rows.iter().all(|r| r.article_id == on.article_id));
    assert_eq!(selected_id(&app), on.id, "the comment stays selected");
    cmd(&mut app, Command::FilterArticle);
    assert_eq!(queue(&app).list.total, all);
    assert_eq!(selected_id(&app), on.id);
}

fn search(app: &mut App, text: &str) {
    cmd(app, Command::Search);
    for c in text.chars() {
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
    cmd(app, Command::Confirm);
}

#[test]
fn article_in_the_search_narrows_by_number_or_slug() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 60);
    let all = queue(&app).list.total;
    let article = queue(&app).list.rows[0].article_id;
    let slug = app.store.article(article).unwrap().slug;
    search(&mut app, &format!("article:{article}"));
    let by_id: Vec<_> = queue(&app).list.rows.iter().map(|r| r.id).collect();
    assert!(queue(&app).list.total < all);
    assert!(queue(&app).list.rows.iter().all(|r| r.article_id == article));
    let mut app2 = editor_on_queue(&shared, 60);
    search(&mut app2, &format!("article:{slug}"));
    let by_slug: Vec<_> = queue(&app2).list.rows.iter().map(|r| r.id).collect();
    assert_eq!(by_slug, by_id);
    let mut app3 = editor_on_queue(&shared, 60);
    search(&mut app3, "article:999999");
    let notice = app3.notice.clone().unwrap();
    assert!(
        notice.is_error && notice.text.contains("Không có bài 999999"),
        "{notice:?}"
    );
    assert_eq!(queue(&app3).list.total, all, "the queue stays as it was");
}

#[test]
fn v_opens_the_comments_article_and_esc_comes_back_to_the_comment() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 10);
    cmd(&mut app, Command::Down);
    let comment = queue(&app).list.selected_row().unwrap().clone();
    cmd(&mut app, Command::OpenArticle);
    assert_eq!(
        app.editor.as_ref().map(|e| e.article_id),
        Some(comment.article_id)
    );
    cmd(&mut app, Command::Back);
    assert!(app.editor.is_none());
    assert_eq!(app.tab, Tab::Comments);
    assert_eq!(selected_id(&app), comment.id);
}

#[test]
fn the_demos_held_comments_name_the_rule_that_held_them() {
    let shared = SharedStore::demo();
    let store = shared.store();
    let pending = store
        .comment_rows_after(Some(CommentStatus::Pending), None, true, 1000)
        .unwrap();
    let rules: std::collections::BTreeSet<_> =
        pending.iter().filter_map(|c| c.held_by_rule.clone()).collect();
    for rule in ["links", "suspect_word", "first_time"] {
        assert!(rules.contains(rule), "no comment held by {rule}: {rules:?}");
    }
    // What matched is kept with the rule, for the moderator to see.
    let gambling = pending.iter().find(|c| c.name == "Casino Online").unwrap();
    assert_eq!(gambling.held_by_rule.as_deref(), Some("links"));
    assert!(!gambling.held_matches.is_empty());
    assert!(pending.iter().any(|c| {
        c.held_by_rule.as_deref() == Some("suspect_word")
            && c.held_matches
                .iter()
                .any(|m| m == "vay tiền" || m == "nổ hũ" || m == "exe")
    }));
}

#[test]
fn c_shows_the_comment_among_its_articles_comments_and_follows_the_selection() {
    let shared = SharedStore::demo();
    let mut app = editor_on_queue(&shared, 20);
    assert!(app.offers(Command::ShowContext));
    cmd(&mut app, Command::ShowContext);
    for _ in 0..4 {
        let c = queue(&app).list.selected_row().unwrap().clone();
        let d = queue(&app).detail.clone().unwrap();
        let view = d.context.expect("the context is loaded with the detail");
        assert_eq!((d.comment_id, view.article_id), (c.id, c.article_id));
        let talk = &view.conversation;
        assert_eq!(
            talk.later.first().map(|r| r.id),
            Some(c.id),
            "the comment opens the rest"
        );
        let every = talk.earlier.iter().chain(&talk.later);
        assert!(every.clone().all(|r| r.article_id == c.article_id));
        let keys: Vec<_> = every.map(|r| (r.key().submitted_at, r.id)).collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "in the order readers sent them"
        );
        assert_eq!(
            view.lead,
            app.store.article(c.article_id).unwrap().lead,
            "the article's lead is shown"
        );
        // A decision moves on, and the context comes along.
        cmd(&mut app, Command::Approve);
    }
    // Whatever became of it, an approved comment is still in its article's conversation.
    let d = queue(&app).detail.clone().unwrap();
    assert!(d.context.is_some());
    cmd(&mut app, Command::Back);
    assert!(!queue(&app).context && queue(&app).detail.as_ref().unwrap().context.is_none());
    assert_eq!(app.tab, Tab::Comments, "q closed the context, not the queue");
    // In the single view too; q leaves the context first, then the single view.
    cmd(&mut app, Command::Open);
    cmd(&mut app, Command::ShowContext);
    assert!(queue(&app).single && queue(&app).context);
    cmd(&mut app, Command::Back);
    assert!(queue(&app).single && !queue(&app).context);
    cmd(&mut app, Command::Back);
    assert!(!queue(&app).single);
}
