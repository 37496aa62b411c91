//! Test only (`#[cfg(test)] mod revisions_tests` in store.rs): what mutation testing found
//! unheld in revisions.rs (docs/mutants.md): the save's audit record, keeping an autosave
//! as a revision, giving a lease back, and a person's own second session.

use super::*;
use crate::domain::{ArticleDraft, ArticleId, ArticleText, Login, NewUser, Role, User};

fn t() -> Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

/// A store with the admin "root", an editor "ed" and one draft of root's.
fn article() -> (Store, User, User, ArticleId) {
    let mut store = Store::open_in_memory().unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
    let new = NewUser {
        login: Login::parse("ed").unwrap(),
        display_name: "Ed".into(),
        role: Role::Editor,
    };
    let ed = store.add_user(&admin, &new, t()).unwrap();
    let draft = ArticleDraft {
        title: "Gốc".into(),
        ..Default::default()
    };
    let id = store
        .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", t())
        .unwrap();
    (store, admin, ed, id)
}

fn text(body: &str) -> ArticleText {
    ArticleText {
        title: "Gốc".into(),
        body: body.into(),
        ..Default::default()
    }
}

/// `newsroom audit` shows which version a save made from which.
#[test]
fn a_save_is_audited_with_the_version_it_replaced_and_the_one_it_made() {
    let (mut store, admin, _, id) = article();
    let req = SaveRequest {
        article: id,
        base_version: 1,
        session: "s1",
        slug: SlugSource::Derived,
        reason: "saved",
        note: None,
    };
    assert_eq!(store.save_article(&admin, &text("mới"), req, t()).unwrap().0, 2);
    let audit = store.audit_page(&admin, None, 1).unwrap();
    assert_eq!(audit[0].action, "article.save");
    assert_eq!(audit[0].before.as_ref().unwrap()["version"], 1);
    assert_eq!(audit[0].after.as_ref().unwrap()["version"], 2);
}

/// Recovery keeps the autosave as a revision whichever text the person keeps: the id
/// returned is that revision, and the autosave is gone; with none, nothing is made.
#[test]
fn keeping_an_autosave_makes_it_a_revision_and_drops_it() {
    let (mut store, admin, _, id) = article();
    let save = Autosave {
        article_id: id,
        login: "root".into(),
        text: text("chưa kịp lưu"),
        cursor: String::new(),
        saved_at: t(),
    };
    store.save_autosave(&save).unwrap();
    let kept = store
        .keep_autosave_as_revision(&admin, id, t())
        .unwrap()
        .expect("a revision");
    let revision = store.revision(kept).unwrap();
    assert_eq!(revision.text.body, "chưa kịp lưu");
    assert_eq!(revision.row.reason, "recovered autosave");
    assert_eq!(store.autosave(id, "root").unwrap(), None);
    assert_eq!(store.keep_autosave_as_revision(&admin, id, t()).unwrap(), None);
}

/// Closing the editor gives the lease back at once, not after it lapses; another
/// session's release leaves it alone.
#[test]
fn a_released_lease_is_free_at_once_and_only_its_session_releases_it() {
    let (mut store, admin, ed, id) = article();
    store.acquire_lease(&admin, id, "s1", t()).unwrap();
    store.release_lease(id, "s2").unwrap();
    assert_eq!(store.lease(id, t()).unwrap().unwrap().session, "s1");
    store.release_lease(id, "s1").unwrap();
    assert_eq!(store.lease(id, t()).unwrap(), None);
    assert_eq!(
        store.acquire_lease(&ed, id, "s2", t()).unwrap(),
        LeaseOutcome::Granted
    );
}

/// A person's other session (a terminal that hung up, its typing in their autosave) does
/// not keep them out of their own article; another person stays out.
#[test]
fn a_person_takes_their_own_lease_from_another_session_of_theirs() {
    let (mut store, admin, ed, id) = article();
    store.acquire_lease(&admin, id, "s1", t()).unwrap();
    assert_eq!(
        store.acquire_lease(&admin, id, "s3", t()).unwrap(),
        LeaseOutcome::Granted
    );
    assert_eq!(store.lease(id, t()).unwrap().unwrap().session, "s3");
    assert!(matches!(
        store.acquire_lease(&ed, id, "s2", t()).unwrap(),
        LeaseOutcome::HeldBy(lease) if lease.login == "root"
    ));
}
