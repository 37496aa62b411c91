#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The workflow through the library: catch-up publishing that publishes once, slugs that
//! stay put, live articles that reporters cannot change and editors correct in public,
//! drafts that may be deleted, and review.

use std::path::Path;
use std::sync::{Arc, Barrier};

use jiff::{SignedDuration, Timestamp};
use newsroom::domain::{
    ArticleDraft, ArticleText, DomainError, Login, NewUser, Role, Status, Transition, User, Workflow,
    parse_schedule,
};
use newsroom::store::{
    ArticleRef, DueOutcome, OpenMode, SaveRequest, SlugSource, Store, StoreError, Submission,
};

const ZONE: &str = "Asia/Ho_Chi_Minh";
const NO_REVIEW: Workflow = Workflow { review: false };
const REVIEW: Workflow = Workflow { review: true };

fn now() -> Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

fn later(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

struct Room {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    store: Store,
    admin: User,
    lan: User,
    huong: User,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now()).unwrap();
    let mut add = |login: &str, role| {
        let new = NewUser {
            login: Login::parse(login).unwrap(),
            display_name: login.into(),
            role,
        };
        store.add_user(&admin, &new, now()).unwrap()
    };
    let lan = add("lan", Role::Reporter);
    let huong = add("huong", Role::Editor);
    Room {
        _dir: dir,
        db,
        store,
        admin,
        lan,
        huong,
    }
}

/// A ready article by `who`: title, lead and body.
fn ready(store: &mut Store, who: &User, title: &str) -> i64 {
    let draft = ArticleDraft {
        title: title.into(),
        lead: "Sa-pô của bài.".into(),
        body: "Đoạn thứ nhất.\n\nĐoạn thứ hai.".into(),
        ..Default::default()
    };
    store.create_article(who, &draft, ZONE, now()).unwrap()
}

fn schedule_at(store: &mut Store, who: &User, id: i64, wall: &str) {
    let s = parse_schedule(wall, ZONE, now()).unwrap();
    store.schedule(who, id, &s, NO_REVIEW, now()).unwrap();
}

fn audit_count(db: &Path, action: &str, id: i64) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM audit_log WHERE action = ?1 AND entity_id = ?2",
        rusqlite::params![action, id.to_string()],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn two_connections_running_due_at_once_publish_each_article_once() {
    let mut r = room();
    let ids: Vec<i64> = (0..5)
        .map(|i| {
            let id = ready(&mut r.store, &r.lan, &format!("Tin hẹn giờ {i}"));
            // 10:30 in Hanoi is 03:30 UTC: due 30 minutes after `now`.
            schedule_at(&mut r.store, &r.lan, id, "10:30 28/11/2026");
            id
        })
        .collect();
    let barrier = Arc::new(Barrier::new(2));
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let db = r.db.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
                barrier.wait();
                store.run_due(later(47)).unwrap()
            })
        })
        .collect();
    let outcomes: Vec<DueOutcome> = runs.into_iter().flat_map(|h| h.join().unwrap()).collect();
    assert_eq!(
        outcomes.len(),
        5,
        "each article published by one run only: {outcomes:?}"
    );
    for id in ids {
        let a = r.store.article(id).unwrap();
        assert_eq!(a.status, Status::Published);
        assert_eq!(a.late_minutes, Some(17), "due 10:30, published 10:47");
        assert_eq!(audit_count(&r.db, "article.publish", id), 1);
    }
    assert!(
        r.store.run_due(later(48)).unwrap().is_empty(),
        "a later run finds nothing"
    );
}

#[test]
fn scheduling_refuses_an_article_that_is_not_ready_and_names_every_missing_item() {
    let mut r = room();
    let draft = ArticleDraft {
        title: "Chưa có sa-pô".into(),
        ..Default::default()
    };
    let id = r.store.create_article(&r.lan, &draft, ZONE, now()).unwrap();
    let s = parse_schedule("10:30 28/11/2026", ZONE, now()).unwrap();
    let refused = r.store.schedule(&r.lan, id, &s, NO_REVIEW, now()).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("the lead is empty; the body is empty"),
        "{refused}"
    );
    assert_eq!(r.store.article(id).unwrap().status, Status::Draft);
    let refused = r
        .store
        .transition(&r.huong, id, Transition::Publish, NO_REVIEW, now())
        .unwrap_err();
    assert!(refused.to_string().contains("the lead is empty"), "{refused}");
}

#[test]
fn an_article_that_stops_being_ready_stays_scheduled_with_the_reason() {
    let mut r = room();
    let id = ready(&mut r.store, &r.lan, "Sẽ mất sa-pô");
    schedule_at(&mut r.store, &r.lan, id, "10:30 28/11/2026");
    // An editor empties the lead of the scheduled article.
    let a = r.store.article(id).unwrap();
    let mut text = a.text();
    text.lead = String::new();
    save(&mut r.store, &r.huong, id, a.version, &text, None).unwrap();
    let outcome = r.store.run_due(later(31)).unwrap();
    assert_eq!(
        outcome,
        vec![DueOutcome::Held {
            id,
            reason: "the lead is empty".into()
        }]
    );
    let a = r.store.article(id).unwrap();
    assert_eq!(a.status, Status::Scheduled, "never half-published");
    assert_eq!(a.held_because, "the lead is empty");
    assert!(a.published_at.is_none());
    // A second run says it again but records the hold once.
    r.store.run_due(later(32)).unwrap();
    assert_eq!(audit_count(&r.db, "article.held", id), 1);
}

#[test]
fn a_published_article_keeps_its_slug_and_old_slugs_resolve() {
    let mut r = room();
    let id = ready(&mut r.store, &r.lan, "Hồ Tây mùa sen");
    r.store
        .transition(&r.huong, id, Transition::Publish, NO_REVIEW, now())
        .unwrap();
    let slug = r.store.article(id).unwrap().slug;
    assert_eq!(slug, "ho-tay-mua-sen");

    // An editor's correction of the title does not move the address.
    let mut text = r.store.article(id).unwrap().text();
    text.title = "Hồ Tây mùa sen nở muộn".into();
    text.slug = String::new();
    let version = r.store.article(id).unwrap().version;
    save(
        &mut r.store,
        &r.huong,
        id,
        version,
        &text,
        Some("Thêm chữ 'nở muộn' vào tiêu đề"),
    )
    .unwrap();
    assert_eq!(r.store.article(id).unwrap().slug, slug, "the slug stays put");

    // Changed on purpose: the old one still leads there, for the intake too.
    let new = r
        .store
        .change_slug(&r.huong, id, "Hồ Tây sen nở muộn", later(1))
        .unwrap();
    assert_eq!(new, "ho-tay-sen-no-muon");
    let a = r.store.article(id).unwrap();
    assert_eq!(a.old_slugs, vec![slug.clone()]);
    assert_eq!(r.store.article_id_by_slug(&slug).unwrap(), Some(id));
    assert_eq!(r.store.article_id_by_slug(&new).unwrap(), Some(id));
    let sub = Submission {
        article: ArticleRef::Slug(slug.clone()),
        form: newsroom::domain::CommentForm {
            name: "Bạn đọc".into(),
            phone: String::new(),
            title: "Đẹp quá".into(),
            content: "Cảm ơn toà soạn.".into(),
        },
        ip: "203.0.113.5".into(),
        submitted_at: later(2),
        import_key: None,
    };
    r.store
        .submit_comment(&sub, &newsroom::domain::Rules::default(), later(2))
        .unwrap();

    // No other article may take the old slug.
    let other = ready(&mut r.store, &r.lan, "Hồ Tây mùa sen");
    assert_ne!(r.store.article(other).unwrap().slug, slug);
    // Reporters may not move an address.
    assert!(r.store.change_slug(&r.lan, id, "khac", later(3)).is_err());
}

fn save(
    store: &mut Store,
    who: &User,
    id: i64,
    version: i64,
    text: &ArticleText,
    note: Option<&str>,
) -> Result<(i64, String), StoreError> {
    let request = SaveRequest {
        article: id,
        base_version: version,
        session: "test",
        slug: SlugSource::Derived,
        reason: "saved",
        note,
    };
    store.save_article(who, text, request, later(1))
}

#[test]
fn reporters_cannot_change_live_articles_and_editors_correct_them_in_public() {
    let mut r = room();
    let id = ready(&mut r.store, &r.lan, "Tin của Lan");
    r.store
        .transition(&r.huong, id, Transition::Publish, NO_REVIEW, now())
        .unwrap();
    let a = r.store.article(id).unwrap();
    let mut text = a.text();
    text.body.push_str("\n\nMột đoạn thêm.");

    let refused = save(&mut r.store, &r.lan, id, a.version, &text, Some("thêm")).unwrap_err();
    assert!(
        matches!(
            refused,
            StoreError::Domain(DomainError::LiveReadOnly {
                status: Status::Published
            })
        ),
        "{refused}"
    );
    let refused = save(&mut r.store, &r.huong, id, a.version, &text, None).unwrap_err();
    assert!(
        matches!(refused, StoreError::Domain(DomainError::NoteNeeded)),
        "{refused}"
    );
    assert_eq!(
        r.store.article(id).unwrap().version,
        a.version,
        "refusals change nothing"
    );

    save(
        &mut r.store,
        &r.huong,
        id,
        a.version,
        &text,
        Some("Bổ sung đoạn cuối"),
    )
    .unwrap();
    let a = r.store.article(id).unwrap();
    assert_eq!(a.corrected_at, Some(later(1)));
    assert_eq!(a.updated_note, "Bổ sung đoạn cuối");
    let newest = r.store.revisions_page(id, None, 1).unwrap();
    assert_eq!(newest[0].reason, "correction: Bổ sung đoạn cuối");

    // A scheduled article is read-only to reporters too.
    let other = ready(&mut r.store, &r.lan, "Tin hẹn giờ");
    schedule_at(&mut r.store, &r.lan, other, "10:30 28/11/2026");
    let a = r.store.article(other).unwrap();
    assert!(matches!(
        save(&mut r.store, &r.lan, other, a.version, &a.text(), None),
        Err(StoreError::Domain(DomainError::LiveReadOnly { .. }))
    ));
}

#[test]
fn only_drafts_never_published_are_deleted_and_the_audit_remembers() {
    let mut r = room();
    let id = ready(&mut r.store, &r.lan, "Bản nháp bỏ đi");
    r.store.delete_draft(&r.lan, id, later(1)).unwrap();
    assert!(matches!(r.store.article(id), Err(StoreError::NotFound { .. })));
    assert_eq!(audit_count(&r.db, "article.delete", id), 1);

    let once_live = ready(&mut r.store, &r.lan, "Đã từng đăng");
    r.store
        .transition(&r.huong, once_live, Transition::Publish, NO_REVIEW, now())
        .unwrap();
    r.store
        .transition(&r.huong, once_live, Transition::Unpublish, NO_REVIEW, later(1))
        .unwrap();
    assert_eq!(r.store.article(once_live).unwrap().status, Status::Draft);
    let refused = r.store.delete_draft(&r.admin, once_live, later(2)).unwrap_err();
    assert!(refused.to_string().contains("spike it instead"), "{refused}");
    r.store
        .transition(&r.huong, once_live, Transition::Spike, NO_REVIEW, later(3))
        .unwrap();
}

#[test]
fn with_review_reporters_submit_and_editors_schedule() {
    let mut r = room();
    let id = ready(&mut r.store, &r.lan, "Chờ biên tập");
    let s = parse_schedule("10:30 28/11/2026", ZONE, now()).unwrap();
    assert!(
        r.store.schedule(&r.lan, id, &s, REVIEW, now()).is_err(),
        "reporters may not schedule"
    );
    assert_eq!(
        r.store
            .transition(&r.lan, id, Transition::Submit, REVIEW, now())
            .unwrap(),
        Status::Submitted
    );
    r.store.schedule(&r.huong, id, &s, REVIEW, now()).unwrap();
    let a = r.store.article(id).unwrap();
    assert_eq!(a.status, Status::Scheduled);
    assert_eq!(a.scheduled_wall, "10:30 28/11/2026");
    assert_eq!(a.zone, ZONE);
    assert_eq!(a.scheduled_at, Some("2026-11-28T03:30:00Z".parse().unwrap()));
    // The publication is recorded in the name of who scheduled it.
    r.store.run_due(later(30)).unwrap();
    let conn = rusqlite::Connection::open(&r.db).unwrap();
    let login: String = conn
        .query_row(
            "SELECT login FROM audit_log WHERE action = 'article.publish' AND entity_id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(login, "huong");
    // Without review there is no submitting.
    let other = ready(&mut r.store, &r.lan, "Không cần duyệt");
    assert!(
        r.store
            .transition(&r.lan, other, Transition::Submit, NO_REVIEW, now())
            .is_err()
    );
}
