#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The store through the library API: opening, refusing, permissions, audit, paging.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use jiff::Timestamp;
use newsroom::domain::{ArticleDraft, Login, NewUser, Role, Status};
use newsroom::store::{OpenMode, Store, StoreError};

fn now() -> Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

fn fresh(dir: &Path) -> (Store, newsroom::domain::User) {
    let mut store = Store::open(&dir.join("n.db"), OpenMode::CreateIfMissing).unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now()).unwrap();
    (store, admin)
}

fn user(
    store: &mut Store,
    admin: &newsroom::domain::User,
    login: &str,
    role: Role,
) -> newsroom::domain::User {
    let new = NewUser {
        login: Login::parse(login).unwrap(),
        display_name: login.into(),
        role,
    };
    store.add_user(admin, &new, now()).unwrap()
}

#[test]
fn a_new_store_is_private_and_reopens_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    let draft = ArticleDraft {
        title: "Hồ Tây mùa sen".into(),
        ..Default::default()
    };
    let id = store
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    drop(store);
    let mode = std::fs::metadata(dir.path().join("n.db"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode & 0o007, 0, "no access for others: {mode:o}");
    let store = Store::open(&dir.path().join("n.db"), OpenMode::MustExist).unwrap();
    assert_eq!(store.article(id).unwrap().title, "Hồ Tây mùa sen");
}

#[test]
fn text_is_stored_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    let nfd = "Ho\u{302}\u{300} Tây";
    let draft = ArticleDraft {
        title: nfd.into(),
        lead: "Đo\u{302}\u{300}ng chí\r\nmới".into(),
        ..Default::default()
    };
    let id = store
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    let a = store.article(id).unwrap();
    assert_eq!(a.title, "Hồ Tây");
    assert_eq!(a.lead, "Đồng chí\nmới");
    assert_eq!(a.slug, "ho-tay");
}

#[test]
fn refusals_leave_the_disk_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").join("n.db");
    assert!(matches!(
        Store::open(&missing, OpenMode::CreateIfMissing),
        Err(StoreError::FolderMissing { .. })
    ));
    assert!(!dir.path().join("nope").exists());

    let absent = dir.path().join("absent.db");
    assert!(matches!(
        Store::open(&absent, OpenMode::MustExist),
        Err(StoreError::NoStore { .. })
    ));
    assert!(!absent.exists());

    let garbage = dir.path().join("garbage.db");
    std::fs::write(&garbage, b"not a database at all, just text").unwrap();
    assert!(matches!(
        Store::open(&garbage, OpenMode::MustExist),
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(
        std::fs::read(&garbage).unwrap(),
        b"not a database at all, just text"
    );
}

#[test]
fn a_store_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path, OpenMode::MustExist) {
        Err(e @ StoreError::TooNew { found: 999, .. }) => assert!(e.to_string().contains("newer")),
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "not even the journal mode changed"
    );
    assert!(!dir.path().join("future.db-wal").exists());
}

#[test]
fn a_damaged_page_is_reported_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    for i in 0..200 {
        let draft = ArticleDraft {
            title: format!("Bài số {i}"),
            body: "chữ ".repeat(200),
            ..Default::default()
        };
        store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
            .unwrap();
    }
    drop(store);
    let path = dir.path().join("n.db");
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let store = Store::open(&path, OpenMode::MustExist).unwrap();
    assert!(matches!(store.quick_check(), Err(StoreError::Corrupt { .. })));
}

#[test]
fn permissions_are_enforced_by_the_store_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    let lan = user(&mut store, &admin, "lan", Role::Reporter);
    let audit_before = store.audit_page(&admin, None, 100).unwrap().len();
    let new = NewUser {
        login: Login::parse("x").unwrap(),
        display_name: "X".into(),
        role: Role::Admin,
    };
    assert!(matches!(
        store.add_user(&lan, &new, now()),
        Err(StoreError::Domain(_))
    ));
    assert!(
        store.audit_page(&lan, None, 10).is_err(),
        "reporters do not read the audit log"
    );
    assert!(matches!(
        store.active_user("x"),
        Err(StoreError::UnknownUser { .. })
    ));
    assert_eq!(store.audit_page(&admin, None, 100).unwrap().len(), audit_before);
    assert!(matches!(
        store.add_user(
            &admin,
            &NewUser {
                login: Login::parse("lan").unwrap(),
                display_name: "L".into(),
                role: Role::Editor
            },
            now()
        ),
        Err(StoreError::UserExists { .. })
    ));
}

#[test]
fn every_change_is_audited_with_who_and_what() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    let lan = user(&mut store, &admin, "lan", Role::Reporter);
    let draft = ArticleDraft {
        title: "Cầu Long Biên".into(),
        ..Default::default()
    };
    let id = store
        .create_article(&lan, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    let rows = store.audit_page(&admin, None, 10).unwrap();
    let newest = &rows[0];
    assert_eq!(
        (newest.user.as_str(), newest.action.as_str()),
        ("lan", "article.create")
    );
    assert_eq!(newest.entity_id, id.to_string());
    assert_eq!(newest.after.as_ref().unwrap()["title"], "Cầu Long Biên");
    assert!(newest.before.is_none());
    assert_eq!(rows[1].action, "user.add");
    assert_eq!(rows[2].action, "user.add", "the first admin too");
}

#[test]
fn keyset_pages_cover_every_row_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    // Many articles share a second: the id breaks the tie.
    for i in 0..57 {
        let at = now() + jiff::SignedDuration::from_secs(i / 5);
        let draft = ArticleDraft {
            title: format!("Tin {i}"),
            ..Default::default()
        };
        store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at)
            .unwrap();
    }
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.article_ids_page(None, None, after, 10).unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.0);
        seen.extend(page.iter().map(|(k, _)| *k));
    }
    assert_eq!(seen.len(), 57);
    assert!(
        seen.windows(2)
            .all(|w| (w[0].updated_at, w[0].id) > (w[1].updated_at, w[1].id))
    );
    let rows = store.article_rows_from(Some(Status::Draft), None, 100).unwrap();
    assert_eq!(rows.len(), 57);
    assert!(
        store
            .article_rows_from(Some(Status::Published), None, 100)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn two_connections_see_each_others_commits() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, admin) = fresh(dir.path());
    let mut b = Store::open(&dir.path().join("n.db"), OpenMode::MustExist).unwrap();
    assert!(!b.changed_elsewhere().unwrap());
    let draft = ArticleDraft {
        title: "Tin mới".into(),
        ..Default::default()
    };
    a.create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    assert!(b.changed_elsewhere().unwrap());
    assert!(!b.changed_elsewhere().unwrap(), "once per commit");
    assert!(
        !a.changed_elsewhere().unwrap(),
        "own commits are not someone else's"
    );
}

#[test]
fn backup_copies_a_store_in_use_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, admin) = fresh(dir.path());
    let draft = ArticleDraft {
        title: "Sao lưu".into(),
        ..Default::default()
    };
    let id = store
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    let reader = rusqlite::Connection::open(dir.path().join("n.db")).unwrap();
    reader
        .execute_batch("BEGIN; SELECT count(*) FROM articles;")
        .unwrap();
    let target = dir.path().join("copy.db");
    store.backup_to(&admin, &target, now()).unwrap();
    reader.execute_batch("COMMIT").unwrap();
    let copy = Store::open(&target, OpenMode::MustExist).unwrap();
    assert_eq!(copy.article(id).unwrap().title, "Sao lưu");
    assert!(matches!(
        store.backup_to(&admin, &target, now()),
        Err(StoreError::TargetExists { .. })
    ));
    let lan = user(&mut store, &admin, "lan", Role::Reporter);
    assert!(store.backup_to(&lan, &dir.path().join("c2.db"), now()).is_err());
    assert!(!dir.path().join("c2.db").exists());
}

mod editing {
    use super::*;
    use newsroom::domain::ArticleText;
    use newsroom::store::{Autosave, LeaseOutcome, SaveRequest, SlugSource};

    fn request<'a>(article: i64, base_version: i64, session: &'a str, slug: SlugSource) -> SaveRequest<'a> {
        SaveRequest {
            article,
            base_version,
            session,
            slug,
            reason: "saved",
            note: None,
        }
    }

    fn text(title: &str, body: &str) -> ArticleText {
        ArticleText {
            title: title.into(),
            body: body.into(),
            slug: String::new(),
            ..Default::default()
        }
    }

    fn article(dir: &Path) -> (Store, newsroom::domain::User, i64) {
        let (mut store, admin) = fresh(dir);
        let id = store
            .create_article(
                &admin,
                &ArticleDraft {
                    title: "Gốc".into(),
                    ..Default::default()
                },
                "Asia/Ho_Chi_Minh",
                now(),
            )
            .unwrap();
        (store, admin, id)
    }

    /// Long bodies are kept packed in the revisions (they were half the file of a big
    /// store), and every one reads back as it was saved, through the history and through
    /// a restore.
    #[test]
    fn long_revision_bodies_are_packed_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, id) = article(dir.path());
        let para = "Sáng nay, hàng nghìn người dân Thủ đô đội mưa tiễn đưa đồng chí về nơi an nghỉ. ";
        let bodies = [
            para.repeat(40),
            format!("{}Đoạn cuối thêm vào.", para.repeat(41)),
            "ngắn".into(),
        ];
        for (i, body) in bodies.iter().enumerate() {
            store
                .save_article(
                    &admin,
                    &text("Tiễn đưa", body),
                    request(id, i as i64 + 1, "s", SlugSource::Derived),
                    now(),
                )
                .unwrap();
        }
        let rows = store.revisions_page(id, None, 10).unwrap();
        let read: Vec<String> = rows
            .iter()
            .map(|r| store.revision(r.id).unwrap().text.body)
            .collect();
        assert_eq!(read, ["ngắn", &bodies[1], &bodies[0], ""]);

        let sql = rusqlite::Connection::open(dir.path().join("n.db")).unwrap();
        let classes: Vec<(String, i64)> = sql
            .prepare(
                "SELECT typeof(body), length(body) FROM article_revisions WHERE article_id = ?1 ORDER BY id",
            )
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(classes[0].0, "text", "the empty created revision");
        assert_eq!(classes[1].0, "blob");
        assert!(
            classes[1].1 * 4 < bodies[0].len() as i64,
            "{} bytes packed",
            classes[1].1
        );
        assert_eq!(classes[3].0, "text", "a short body stays readable to sqlite3");
    }

    #[test]
    fn saves_bump_the_version_and_refuse_a_stale_base() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, id) = article(dir.path());
        let (v, slug) = store
            .save_article(
                &admin,
                &text("Hồ Gươm", "a"),
                request(id, 1, "s", SlugSource::Derived),
                now(),
            )
            .unwrap();
        assert_eq!((v, slug.as_str()), (2, "ho-guom"));
        let stale = store.save_article(
            &admin,
            &text("Khác", "b"),
            request(id, 1, "s", SlugSource::Derived),
            now(),
        );
        match stale {
            Err(StoreError::StaleVersion {
                yours: 1, current: 2, ..
            }) => {}
            other => panic!("expected a stale refusal, got {other:?}"),
        }
        assert_eq!(
            store.article(id).unwrap().title,
            "Hồ Gươm",
            "nothing was overwritten"
        );
        let revisions = store.revisions_page(id, None, 10).unwrap();
        assert_eq!(revisions.len(), 2, "created + one save");
    }

    #[test]
    fn slugs_stay_unique_and_a_chosen_taken_slug_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, first) = article(dir.path());
        let second = store
            .create_article(
                &admin,
                &ArticleDraft {
                    title: "Khác".into(),
                    ..Default::default()
                },
                "Asia/Ho_Chi_Minh",
                now(),
            )
            .unwrap();
        store
            .save_article(
                &admin,
                &text("Hồ Tây", ""),
                request(first, 1, "s", SlugSource::Derived),
                now(),
            )
            .unwrap();
        let (_, slug) = store
            .save_article(
                &admin,
                &text("Hồ Tây", ""),
                request(second, 1, "s", SlugSource::Derived),
                now(),
            )
            .unwrap();
        assert_eq!(slug, "ho-tay-2");
        let mut chosen = text("Hồ Tây", "");
        chosen.slug = "ho-tay".into();
        let refused = store.save_article(
            &admin,
            &chosen,
            request(second, 2, "s", SlugSource::Chosen),
            now(),
        );
        assert!(matches!(refused, Err(StoreError::SlugTaken { other, .. }) if other == first));
    }

    #[test]
    fn a_live_lease_keeps_others_out_until_it_expires() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, id) = article(dir.path());
        let ed = user(&mut store, &admin, "ed", Role::Editor);
        assert_eq!(
            store.acquire_lease(&admin, id, "s1", now()).unwrap(),
            LeaseOutcome::Granted
        );
        assert_eq!(
            store.acquire_lease(&admin, id, "s1", now()).unwrap(),
            LeaseOutcome::Granted,
            "own session again"
        );
        match store.acquire_lease(&ed, id, "s2", now()).unwrap() {
            LeaseOutcome::HeldBy(lease) => assert_eq!(lease.login, "root"),
            other => panic!("{other:?}"),
        }
        let refused = store.save_article(
            &ed,
            &text("x", ""),
            request(id, 1, "s2", SlugSource::Derived),
            now(),
        );
        assert!(matches!(refused, Err(StoreError::LeaseHeld { .. })));
        let later = now() + jiff::SignedDuration::from_secs(100);
        assert!(store.heartbeat(id, "s1", later).unwrap());
        let after_expiry = later + jiff::SignedDuration::from_secs(150);
        assert_eq!(
            store.acquire_lease(&ed, id, "s2", after_expiry).unwrap(),
            LeaseOutcome::Granted
        );
        assert!(
            !store.heartbeat(id, "s1", after_expiry).unwrap(),
            "the old session learns it lost the lease"
        );
    }

    #[test]
    fn taking_over_keeps_the_holders_unsaved_text() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, id) = article(dir.path());
        let ed = user(&mut store, &admin, "ed", Role::Editor);
        store.acquire_lease(&admin, id, "s1", now()).unwrap();
        let save = Autosave {
            article_id: id,
            login: "root".into(),
            text: text("Gốc", "chưa kịp lưu"),
            cursor: String::new(),
            saved_at: now(),
        };
        store.save_autosave(&save).unwrap();
        let kept = store
            .take_over(&ed, id, "s2", now())
            .unwrap()
            .expect("a revision");
        assert_eq!(store.revision(kept).unwrap().text.body, "chưa kịp lưu");
        assert_eq!(store.lease(id, now()).unwrap().unwrap().login, "ed");
        let audit = store.audit_page(&admin, None, 1).unwrap();
        assert_eq!(audit[0].action, "article.take_over");
    }

    #[test]
    fn autosaving_makes_a_revision_at_most_every_ten_minutes() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _admin, id) = article(dir.path());
        let revisions = |s: &Store| s.revisions_page(id, None, 100).unwrap().len();
        assert_eq!(revisions(&store), 1);
        for minute in 1..=25 {
            let at = now() + jiff::SignedDuration::from_mins(minute);
            let save = Autosave {
                article_id: id,
                login: "root".into(),
                text: text("Gốc", &format!("phút {minute}")),
                cursor: String::new(),
                saved_at: at,
            };
            store.save_autosave(&save).unwrap();
        }
        assert_eq!(revisions(&store), 3, "at minutes 10 and 20");
    }

    #[test]
    fn reporters_save_only_their_own_articles() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, id) = article(dir.path());
        let lan = user(&mut store, &admin, "lan", Role::Reporter);
        let refused = store.save_article(
            &lan,
            &text("x", ""),
            request(id, 1, "s", SlugSource::Derived),
            now(),
        );
        assert!(matches!(refused, Err(StoreError::Domain(_))));
        let own = store.create_blank_draft(&lan, "Asia/Ho_Chi_Minh", now()).unwrap();
        assert!(
            store
                .save_article(
                    &lan,
                    &text("Bài của Lan", ""),
                    request(own, 1, "s", SlugSource::Derived),
                    now()
                )
                .is_ok()
        );
    }

    /// The "created" revision holds the slug the draft was given, so restoring it keeps the
    /// address.
    #[test]
    fn a_blank_draft_starts_with_a_revision_that_holds_its_slug() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin) = fresh(dir.path());
        let id = store
            .create_blank_draft(&admin, "Asia/Ho_Chi_Minh", now())
            .unwrap();
        let rows = store.revisions_page(id, None, 10).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].reason, "created");
        let first = store.revision(rows[0].id).unwrap();
        assert_eq!(first.text.slug, "bai-viet");
        assert_eq!(first.text.slug, store.article(id).unwrap().slug);
    }

    /// What the editor asks before opening an article for writing or read-only.
    #[test]
    fn may_write_answers_for_the_author_editors_and_other_reporters() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, id) = article(dir.path());
        let lan = user(&mut store, &admin, "lan", Role::Reporter);
        let ed = user(&mut store, &admin, "ed", Role::Editor);
        let own = store.create_blank_draft(&lan, "Asia/Ho_Chi_Minh", now()).unwrap();
        assert!(store.may_write(&lan, own).unwrap(), "the author");
        assert!(store.may_write(&ed, own).unwrap(), "an editor");
        assert!(
            !store.may_write(&lan, id).unwrap(),
            "another's article is read-only"
        );
        assert!(
            matches!(store.may_write(&lan, 999), Err(StoreError::NotFound { .. })),
            "no such article"
        );
    }
}

mod moderation {
    use super::*;
    use newsroom::domain::{CommentForm, CommentStatus, Rules, Transition, Workflow};
    use newsroom::store::{ArticleRef, Pattern, Submission, SubmitError};

    fn published(dir: &Path) -> (Store, newsroom::domain::User, i64) {
        let (mut store, admin) = fresh(dir);
        let draft = ArticleDraft {
            title: "Hồ Tây".into(),
            lead: "Sa-pô".into(),
            body: "Nội dung".into(),
            ..Default::default()
        };
        let id = store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
            .unwrap();
        store
            .transition(&admin, id, Transition::Publish, Workflow::default(), now())
            .unwrap();
        (store, admin, id)
    }

    fn sub(article: i64, name: &str, content: &str, ip: &str, at: Timestamp) -> Submission {
        Submission {
            article: ArticleRef::Id(article),
            form: CommentForm {
                name: name.into(),
                phone: "0912345678".into(),
                title: "Ý kiến".into(),
                content: content.into(),
            }
            .validate()
            .unwrap(),
            ip: ip.into(),
            submitted_at: at,
            import_key: None,
        }
    }

    fn at(secs: i64) -> Timestamp {
        now() + jiff::SignedDuration::from_secs(secs)
    }

    #[test]
    fn arrivals_pass_the_rules_and_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, article) = published(dir.path());
        let rules = Rules {
            suspect_words: vec!["vay tiền".into()],
            ..Rules::default()
        };
        let first = store
            .submit_comment(&sub(article, "Lan", "Hay quá", "a", at(0)), &rules, at(0))
            .unwrap();
        assert_eq!(
            (first.status, first.rule.as_deref()),
            (CommentStatus::Pending, Some("first_time"))
        );
        let c = store.comment(first.id).unwrap();
        store
            .decide(&admin, c.id, c.version, CommentStatus::Approved, at(1))
            .unwrap();
        let known = store
            .submit_comment(&sub(article, "Lan", "Lần hai", "a", at(20)), &rules, at(20))
            .unwrap();
        assert_eq!(
            known.status,
            CommentStatus::Approved,
            "a known author is published at once"
        );
        let links = store
            .submit_comment(
                &sub(article, "Lan", "http://a.example http://b.example", "b", at(40)),
                &rules,
                at(40),
            )
            .unwrap();
        let held = store.comment(links.id).unwrap();
        assert_eq!(held.held_by_rule.as_deref(), Some("links"));
        assert_eq!(held.held_matches, ["http://a.example", "http://b.example"]);
        let suspect = store
            .submit_comment(
                &sub(article, "Lan", "Ai VAY TIEN không", "c", at(60)),
                &rules,
                at(60),
            )
            .unwrap();
        assert_eq!(store.comment(suspect.id).unwrap().held_matches, ["vay tiền"]);
        let repeat = store
            .submit_comment(&sub(article, "Lan", "Lần  HAI", "d", at(80)), &rules, at(80))
            .unwrap();
        assert_eq!(
            repeat.rule.as_deref(),
            Some("repeat"),
            "the same text, folded, is a repeat"
        );
    }

    /// Flood control is an allowance per reader (README "Moderating comments"): three at
    /// once, then one back every 5 s, the whole allowance back after 15 s.
    #[test]
    fn a_reader_may_send_a_burst_then_one_every_few_seconds() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _admin, article) = published(dir.path());
        let rules = Rules::default();
        let mut n = 0;
        let mut send = |ip: &str, secs: i64| {
            n += 1;
            let content = format!("Bình luận số {n}");
            store.submit_comment(&sub(article, "Lan", &content, ip, at(secs)), &rules, at(secs))
        };
        let nat = "203.113.1.1";
        for _ in 0..3 {
            assert!(send(nat, 0).is_ok(), "three readers behind one address");
        }
        match send(nat, 1) {
            Err(SubmitError::Flood { wait }) => assert_eq!(wait, jiff::SignedDuration::from_secs(4)),
            other => panic!("expected a flood refusal, got {other:?}"),
        }
        assert!(send("203.113.1.2", 1).is_ok(), "another address has its own");
        assert!(send(nat, 5).is_ok(), "one comes back after 5 s");
        assert!(matches!(send(nat, 5), Err(SubmitError::Flood { .. })));
        // After 15 s of quiet the whole allowance is back.
        for _ in 0..3 {
            assert!(send(nat, 20).is_ok());
        }
        assert!(matches!(send(nat, 20), Err(SubmitError::Flood { .. })));
        assert_eq!(store.comment_count(None).unwrap(), 8, "refusals are not stored");
    }

    #[test]
    fn an_ipv6_reader_is_their_slash_64_and_a_burst_of_one_is_the_old_rule() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _admin, article) = published(dir.path());
        let strict = Rules {
            flood_burst: 1,
            ..Rules::default()
        };
        let mut n = 0;
        let mut send = |ip: &str, secs: i64| {
            n += 1;
            let content = format!("Bình luận số {n}");
            store.submit_comment(&sub(article, "Lan", &content, ip, at(secs)), &strict, at(secs))
        };
        assert!(send("2001:db8:1:2::1", 0).is_ok());
        match send("2001:db8:1:2:ffff::9", 10) {
            Err(SubmitError::Flood { wait }) => assert_eq!(wait, jiff::SignedDuration::from_secs(5)),
            other => panic!("a fresh address in the same /64 is the same reader: {other:?}"),
        }
        assert!(
            send("2001:db8:1:3::1", 10).is_ok(),
            "the next /64 is someone else"
        );
        assert!(send("2001:db8:1:2:ffff::9", 15).is_ok(), "15 s after the first");
    }

    #[test]
    fn only_published_articles_take_comments_and_imports_count_once() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, article) = published(dir.path());
        let draft = store
            .create_article(
                &admin,
                &ArticleDraft {
                    title: "Nháp".into(),
                    ..Default::default()
                },
                "Asia/Ho_Chi_Minh",
                now(),
            )
            .unwrap();
        let rules = Rules::default();
        assert!(matches!(
            store.submit_comment(&sub(draft, "L", "x", "", now()), &rules, now()),
            Err(SubmitError::NotPublished(_))
        ));
        let mut unknown = sub(article, "L", "x", "", now());
        unknown.article = ArticleRef::Slug("khong-co".into());
        assert!(matches!(
            store.submit_comment(&unknown, &rules, now()),
            Err(SubmitError::NoArticle(_))
        ));
        let mut imported = sub(article, "L", "nhập", "", now());
        imported.import_key = Some("k1".into());
        store.submit_comment(&imported, &rules, now()).unwrap();
        assert!(matches!(
            store.submit_comment(&imported, &rules, now()),
            Err(SubmitError::Duplicate)
        ));
    }

    #[test]
    fn two_moderators_never_both_decide_a_comment() {
        let dir = tempfile::tempdir().unwrap();
        let (mut a, admin, article) = published(dir.path());
        let ed = user(&mut a, &admin, "ed", Role::Editor);
        let id = a
            .submit_comment(&sub(article, "Lan", "x", "", now()), &Rules::default(), now())
            .unwrap()
            .id;
        let seen = a.comment(id).unwrap().version;
        let mut b = Store::open(&dir.path().join("n.db"), OpenMode::MustExist).unwrap();
        let won = a
            .decide(&admin, id, seen, CommentStatus::Approved, now())
            .unwrap();
        match b.decide(&ed, id, seen, CommentStatus::Rejected, now()) {
            Err(e @ StoreError::AlreadyDecided { .. }) => assert_eq!(
                e.to_string(),
                format!("Comment {id} was already approved by root.")
            ),
            other => panic!("expected a lost race, got {other:?}"),
        }
        // The undo of the winner works; an undo after someone else changed it is refused.
        a.undo(&admin, &won, now()).unwrap();
        let again = a.comment(id).unwrap();
        b.decide(&ed, id, again.version, CommentStatus::Spam, now())
            .unwrap();
        assert!(matches!(
            a.undo(&admin, &won, now()),
            Err(StoreError::AlreadyDecided { .. })
        ));
        assert_eq!(a.comment(id).unwrap().status, CommentStatus::Spam);
    }

    #[test]
    fn bulk_decisions_are_one_transaction_and_skip_what_others_took() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, article) = published(dir.path());
        let rules = Rules {
            hold_first_time: true,
            flood_seconds: 0,
            hold_repeats: false,
            ..Rules::default()
        };
        let ids: Vec<i64> = (0..50)
            .map(|i| {
                store
                    .submit_comment(
                        &sub(article, &format!("Khách {i}"), "vay nhanh", "", at(i)),
                        &rules,
                        at(i),
                    )
                    .unwrap()
                    .id
            })
            .collect();
        let marked = store
            .comments_matching(CommentStatus::Pending, &Pattern::Contains("VAY".into()), 1000)
            .unwrap();
        assert_eq!(marked.len(), 50);
        let first = store.comment(ids[0]).unwrap();
        store
            .decide(&admin, first.id, first.version, CommentStatus::Approved, now())
            .unwrap();
        let outcome = store
            .decide_many(&admin, &marked, CommentStatus::Spam, now())
            .unwrap();
        assert_eq!(
            (outcome.decided.len(), outcome.skipped.as_slice()),
            (49, &[ids[0]][..])
        );
        store.undo_many(&admin, &outcome.decided, now()).unwrap();
        assert_eq!(store.comment_count(Some(CommentStatus::Pending)).unwrap(), 49);
    }

    #[test]
    fn an_authors_history_follows_every_decision() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, article) = published(dir.path());
        let rules = Rules {
            flood_seconds: 0,
            hold_repeats: false,
            ..Rules::default()
        };
        let send = |store: &mut Store, i: i64| {
            store
                .submit_comment(
                    &sub(article, "Lan", &format!("ý kiến {i}"), "", at(i)),
                    &rules,
                    at(i),
                )
                .unwrap()
                .id
        };
        let first = send(&mut store, 0);
        assert_eq!(
            store.author_history("Lan", "0912345678").unwrap().pending,
            1,
            "a first-time author is held"
        );
        let c = store.comment(first).unwrap();
        store
            .decide(&admin, c.id, c.version, CommentStatus::Approved, at(1))
            .unwrap();
        let ids = [first, send(&mut store, 2), send(&mut store, 3)];
        let h = store.author_history("Lan", "0912345678").unwrap();
        assert_eq!(
            (h.approved, h.pending),
            (3, 0),
            "a known author is published at once"
        );
        let c = store.comment(ids[1]).unwrap();
        store
            .decide(&admin, c.id, c.version, CommentStatus::Spam, at(10))
            .unwrap();
        let h = store.author_history("Lan", "0912345678").unwrap();
        assert_eq!((h.approved, h.spam, h.pending), (2, 1, 0));
        assert_eq!(h.last[0].0, CommentStatus::Spam, "the newest decision first");
        store.erase_author(&admin, "Lan", at(20)).unwrap();
        assert_eq!(
            store.author_history("Lan", "0912345678").unwrap(),
            Default::default()
        );
    }

    #[test]
    fn erasing_an_author_keeps_the_words() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin, article) = published(dir.path());
        let id = store
            .submit_comment(
                &sub(article, "Trần Văn Bình", "Đường xấu quá", "203.113.9.9", now()),
                &Rules::default(),
                now(),
            )
            .unwrap()
            .id;
        assert_eq!(store.erase_author(&admin, "Trần Văn Bình", now()).unwrap(), 1);
        let c = store.comment(id).unwrap();
        assert_eq!(
            (
                c.name.as_str(),
                c.phone.as_str(),
                c.ip.as_str(),
                c.content.as_str()
            ),
            ("(đã xoá)", "", "", "Đường xấu quá")
        );
        assert!(
            store
                .comments_matching(CommentStatus::Pending, &Pattern::Contains("binh".into()), 10)
                .unwrap()
                .is_empty()
        );
        let audit = store.audit_page(&admin, None, 1).unwrap();
        assert_eq!(audit[0].action, "comment.erase_author");
        assert!(!audit[0].entity_id.contains("Bình"));
    }

    #[test]
    fn publishing_needs_a_title_a_lead_and_a_body() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, admin) = fresh(dir.path());
        let id = store
            .create_article(
                &admin,
                &ArticleDraft {
                    title: "Chỉ có tiêu đề".into(),
                    ..Default::default()
                },
                "Asia/Ho_Chi_Minh",
                now(),
            )
            .unwrap();
        let refused = store
            .transition(&admin, id, Transition::Publish, Workflow::default(), now())
            .unwrap_err();
        assert!(refused.to_string().contains("lead"), "{refused}");
        let lan = user(&mut store, &admin, "lan", Role::Reporter);
        let own = store
            .create_article(
                &lan,
                &ArticleDraft {
                    title: "a".into(),
                    lead: "b".into(),
                    body: "c".into(),
                    ..Default::default()
                },
                "Asia/Ho_Chi_Minh",
                now(),
            )
            .unwrap();
        assert!(
            store
                .transition(&lan, own, Transition::Publish, Workflow::default(), now())
                .is_err(),
            "reporters schedule, editors publish"
        );
        assert_eq!(
            store
                .transition(&admin, own, Transition::Publish, Workflow::default(), now())
                .unwrap(),
            newsroom::domain::Status::Published
        );
        let revisions = store.revisions_page(own, None, 1).unwrap();
        assert!(
            revisions[0].reason.contains("published"),
            "a status change makes a revision"
        );
    }
}

#[test]
fn an_empty_or_foreign_file_is_not_a_store_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    match Store::open(&empty, OpenMode::MustExist) {
        Err(e @ StoreError::NotAStore { .. }) => assert!(e.to_string().contains("newsroom init")),
        other => panic!("expected NotAStore, got {other:?}"),
    }
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "no schema written");

    let foreign = dir.path().join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (x)").unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    assert!(matches!(
        Store::open(&foreign, OpenMode::MustExist),
        Err(StoreError::NotAStore { .. })
    ));
    assert_eq!(std::fs::read(&foreign).unwrap(), before);

    // `demo` may not set it up (a truncated store looks just like it); `init` may.
    assert!(matches!(
        Store::open(&empty, OpenMode::CreateIfMissing),
        Err(StoreError::NotAStore { .. })
    ));
    Store::open(&empty, OpenMode::Init).unwrap();
    assert!(std::fs::metadata(&empty).unwrap().len() > 0);
}

#[test]
fn a_second_connection_in_the_process_keeps_the_first_ones_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, admin) = fresh(dir.path());
    let path = dir.path().join("n.db");
    // What the TUI does: a second connection (autosave, rescue) opened beside the first.
    let second = Store::open(&path, OpenMode::MustExist).unwrap();
    drop(second);
    // An outside client in another process now tries to take the store for itself, as the
    // sqlite3 shell does on close; it must not get the exclusive lock.
    let out = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .output()
        .expect("the sqlite3 shell runs (apt-get install sqlite3)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("locked"),
        "another process got the store to itself: {stderr}"
    );
    let draft = ArticleDraft {
        title: "Vẫn lưu được".into(),
        ..Default::default()
    };
    first
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    assert!(dir.path().join("n.db-wal").exists());
}
