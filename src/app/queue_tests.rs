//! The queue through the app: keys in, decisions in the store, nothing on a terminal.

use super::*;
use crate::i18n::Lang;
use crate::testing::{SharedStore, now};

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn queue(app: &App) -> &Queue {
    app.queue.as_ref().unwrap()
}

fn selected(app: &App) -> crate::domain::Comment {
    queue(app).list.selected_row().unwrap().clone()
}

/// Two editors on one store file, both on the comment queue.
fn two_editors() -> (SharedStore, App, App) {
    let shared = SharedStore::demo();
    let mut a = shared.app("huong.tran", Lang::Vi, "a", 10);
    let mut b = shared.app("khanh.do", Lang::Vi, "b", 10);
    cmd(&mut a, Command::ShowComments);
    cmd(&mut b, Command::ShowComments);
    (shared, a, b)
}

#[test]
fn one_key_decides_and_moves_on_and_z_undoes_every_time() {
    let (_dir, mut app, _) = two_editors();
    assert_eq!(app.contexts(), QUEUE);
    let first = selected(&app);
    assert_eq!(first.status, CommentStatus::Pending);
    let pending_before = queue(&app).counts[0];
    cmd(&mut app, Command::Approve);
    assert_eq!(
        queue(&app).list.selected,
        1,
        "the cursor moved to the next comment"
    );
    assert_eq!(
        queue(&app).list.rows[0].status,
        CommentStatus::Approved,
        "the row stays, decided"
    );
    assert_eq!(queue(&app).counts[0], pending_before - 1);
    cmd(&mut app, Command::Reject);
    cmd(&mut app, Command::Spam);
    let stored = app.store.comment(first.id).unwrap();
    assert_eq!(
        (stored.status, stored.decided_by.as_deref()),
        (CommentStatus::Approved, Some("huong.tran"))
    );
    for _ in 0..3 {
        cmd(&mut app, Command::Undo);
    }
    assert_eq!(
        app.store.comment(first.id).unwrap().status,
        CommentStatus::Pending
    );
    assert_eq!(queue(&app).counts[0], pending_before);
    assert_eq!(queue(&app).list.selected, 0, "undo brings the cursor back");
    cmd(&mut app, Command::Undo);
    assert!(app.notice.as_ref().unwrap().text.contains("Không còn gì"));
}

#[test]
fn the_loser_of_a_race_is_told_who_won_and_the_row_greys() {
    let (_dir, mut a, mut b) = two_editors();
    let id = selected(&a).id;
    assert_eq!(selected(&b).id, id);
    cmd(&mut a, Command::Approve);
    cmd(&mut b, Command::Reject);
    let notice = b.notice.clone().unwrap();
    assert!(notice.is_error);
    assert!(notice.text.contains("Trần Thu Hương đã duyệt lúc"), "{notice:?}");
    assert!(queue(&b).lost.contains_key(&id));
    let stored = b.store.comment(id).unwrap();
    assert_eq!(stored.status, CommentStatus::Approved, "one decision, not two");
    // B's undo stack holds nothing from the lost race.
    cmd(&mut b, Command::Undo);
    assert_eq!(b.store.comment(id).unwrap().status, CommentStatus::Approved);
}

#[test]
fn others_decisions_show_in_place_and_arrivals_are_only_counted() {
    let (_dir, mut a, mut b) = two_editors();
    cmd(&mut a, Command::Down);
    cmd(&mut a, Command::Down);
    let rows_before: Vec<_> = queue(&a).list.rows.iter().map(|r| r.id).collect();
    let target = queue(&b).list.rows[0].id;
    cmd(&mut b, Command::Spam);
    let published = b
        .store
        .article_ids_page(Some(crate::domain::Status::Published), None, None, 1)
        .unwrap()[0]
        .1;
    let sub = crate::store::Submission {
        article: crate::store::ArticleRef::Id(published),
        form: crate::domain::CommentForm {
            name: "Người mới".into(),
            phone: String::new(),
            title: "Chào".into(),
            content: "Lần đầu bình luận".into(),
        },
        ip: "198.51.100.7".into(),
        submitted_at: now(),
        import_key: None,
    };
    b.store
        .submit_comment(&sub, &crate::domain::Rules::default(), now())
        .unwrap();

    assert!(a.update(Action::Tick));
    let q = queue(&a);
    assert_eq!(
        q.list.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        rows_before,
        "nothing moved"
    );
    assert_eq!(q.list.selected, 2, "the cursor stayed");
    assert_eq!(
        q.lost.get(&target).map(|l| (l.status, l.by.as_str())),
        Some((CommentStatus::Spam, "Đỗ Quốc Khánh"))
    );
    assert_eq!(q.arrived, 1, "the new comment is counted, not inserted");
    cmd(&mut a, Command::Reload);
    assert_eq!(queue(&a).arrived, 0);
    assert!(
        !queue(&a).list.rows.iter().any(|r| r.id == target),
        "after r the decided row is gone"
    );
}

#[test]
fn marking_by_author_and_deciding_the_marked_in_one_go() {
    let (_dir, mut app, _) = two_editors();
    // Walk to a comment whose author sent several.
    let mut tries = 0;
    loop {
        let c = selected(&app);
        let same = app
            .store
            .comments_matching(
                CommentStatus::Pending,
                &crate::store::Pattern::Author {
                    name: c.name,
                    phone: c.phone,
                },
                100,
            )
            .unwrap();
        if same.len() >= 2 {
            break;
        }
        cmd(&mut app, Command::Down);
        tries += 1;
        assert!(tries < 45, "the demo has an author with several pending comments");
    }
    let author = selected(&app).name;
    cmd(&mut app, Command::MarkBy);
    assert_eq!(app.contexts(), MARK_BY);
    cmd(&mut app, Command::MarkAuthor);
    let marked = queue(&app).marked.len();
    assert!(marked >= 2);
    cmd(&mut app, Command::SpamMarked);
    assert_eq!(
        queue(&app).prompt,
        Some(Prompt::ConfirmBulk {
            status: CommentStatus::Spam,
            count: marked
        })
    );
    assert_eq!(app.contexts(), CONFIRM);
    cmd(&mut app, Command::Confirm);
    assert!(queue(&app).marked.is_empty());
    let pending_by = |app: &App| {
        let pending = app
            .store
            .comments_page(Some(CommentStatus::Pending), None, 1000)
            .unwrap();
        pending.into_iter().filter(|c| c.name == author).count()
    };
    assert_eq!(pending_by(&app), 0, "every marked comment was decided");
    cmd(&mut app, Command::Undo);
    assert_eq!(pending_by(&app), marked, "one undo brings the whole batch back");
}

#[test]
fn marking_by_a_word_typed_in_the_prompt() {
    let (_dir, mut app, _) = two_editors();
    cmd(&mut app, Command::MarkBy);
    cmd(&mut app, Command::MarkWord);
    assert_eq!(app.contexts(), MARK_WORD);
    for c in "VAY".chars() {
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::SHIFT,
        )));
    }
    cmd(&mut app, Command::Confirm);
    let expected = app
        .store
        .comments_matching(
            CommentStatus::Pending,
            &crate::store::Pattern::Contains("vay".into()),
            1000,
        )
        .unwrap()
        .len();
    assert!(expected > 0);
    assert_eq!(queue(&app).marked.len(), expected);
    cmd(&mut app, Command::RejectMarked);
    cmd(&mut app, Command::Back);
    assert_eq!(queue(&app).prompt, None, "Esc cancels; nothing decided");
    assert_eq!(queue(&app).marked.len(), expected);
}

#[test]
fn reporters_see_the_queue_but_do_not_decide() {
    let (store, _) = crate::testing::demo_store(None);
    let session = crate::testing::session(&store, "lan.nguyen", Lang::Vi);
    let mut app = App::new(store, session, 10).unwrap();
    cmd(&mut app, Command::ShowComments);
    let id = selected(&app).id;
    cmd(&mut app, Command::Approve);
    assert!(app.notice.as_ref().unwrap().text.contains("Chỉ biên tập viên"));
    assert_eq!(app.store.comment(id).unwrap().status, CommentStatus::Pending);
}

#[test]
fn queues_switch_and_single_view_toggles() {
    let (_dir, mut app, _) = two_editors();
    cmd(&mut app, Command::NextQueue);
    assert_eq!(queue(&app).status(), CommentStatus::Approved);
    assert!(
        queue(&app)
            .list
            .rows
            .iter()
            .all(|r| r.status == CommentStatus::Approved)
    );
    cmd(&mut app, Command::PrevQueue);
    cmd(&mut app, Command::PrevQueue);
    assert_eq!(queue(&app).status(), CommentStatus::Spam);
    cmd(&mut app, Command::Open);
    assert!(queue(&app).single);
    cmd(&mut app, Command::Back);
    assert!(!queue(&app).single);
    assert!(!app.should_quit, "q leaves the single view first");
}

/// With the context on, another editor's decision on the same article shows in it within a
/// tick, as it does in the list: the conversation and its counts are read again.
#[test]
fn the_context_shows_another_editors_decision_within_a_tick() {
    let (_dir, mut a, mut b) = two_editors();
    cmd(&mut a, Command::ShowContext);
    let c = selected(&a);
    let approved = |app: &App| {
        let view = queue(app).detail.clone().unwrap().context.unwrap();
        let status = |r: &crate::domain::Comment| (r.id == c.id).then_some(r.status);
        let shown = view.conversation.later.iter().find_map(status);
        (shown, view.conversation.counts[1])
    };
    let (before, approved_before) = approved(&a);
    assert_eq!(before, Some(CommentStatus::Pending));
    // The other editor approves the very comment a is looking at.
    assert_eq!(selected(&b).id, c.id);
    cmd(&mut b, Command::Approve);
    assert!(a.update(Action::Tick));
    assert_eq!(approved(&a), (Some(CommentStatus::Approved), approved_before + 1));
}
