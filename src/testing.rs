//! Fixtures shared by the unit tests: a demo store at a fixed time, a session on it.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::app::{App, Session};
use crate::clock::ManualClock;
use crate::demo::{self, DemoSize};
use crate::domain::{Login, User};
use crate::i18n::Lang;
use crate::store::Store;

/// 10:00 on 28/11/2026 in Hanoi.
pub fn now() -> Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

pub fn hanoi() -> TimeZone {
    crate::clock::zone(crate::clock::DEFAULT_ZONE).unwrap()
}

/// A store holding the demo sample (`articles` of them), loaded by admin `root`.
pub fn demo_store(articles: Option<usize>) -> (Store, User) {
    let mut store = Store::open_in_memory().unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now()).unwrap();
    let size = DemoSize {
        articles,
        comments: None,
    };
    demo::load(&mut store, &admin, size, crate::clock::DEFAULT_ZONE, now()).unwrap();
    (store, admin)
}

pub fn session(store: &Store, login: &str, lang: Lang) -> Session {
    session_at(store, login, lang, Arc::new(ManualClock::new(now())), "s1")
}

/// A session whose clock the test moves.
pub fn session_at(store: &Store, login: &str, lang: Lang, clock: Arc<ManualClock>, id: &str) -> Session {
    Session {
        user: store.active_user(login).unwrap(),
        lang,
        zone: hanoi(),
        store_label: "/srv/newsroom/newsroom.db".into(),
        restricted: false,
        clock,
        id: id.into(),
    }
}

pub fn demo_app(articles: Option<usize>, lang: Lang, list_rows: usize) -> App {
    let (store, _) = demo_store(articles);
    let session = session(&store, "lan.nguyen", lang);
    App::new(store, session, list_rows).unwrap()
}

/// A demo store in a file, for tests with several sessions: each app gets its own
/// connection, as each SSH session has its own process; all share one clock.
pub struct SharedStore {
    _dir: tempfile::TempDir,
    pub db: std::path::PathBuf,
    pub clock: Arc<ManualClock>,
}

impl SharedStore {
    pub fn demo() -> SharedStore {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("n.db");
        let mut store = Store::open(&db, crate::store::OpenMode::CreateIfMissing).unwrap();
        let admin = store.init_admin(&Login::parse("root").unwrap(), now()).unwrap();
        demo::load(
            &mut store,
            &admin,
            DemoSize::default(),
            crate::clock::DEFAULT_ZONE,
            now(),
        )
        .unwrap();
        SharedStore {
            _dir: dir,
            db,
            clock: Arc::new(ManualClock::new(now())),
        }
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db, crate::store::OpenMode::MustExist).unwrap()
    }

    /// A session of `login` with its own connection.
    pub fn app(&self, login: &str, lang: Lang, session_id: &str, list_rows: usize) -> App {
        let store = self.store();
        let session = session_at(&store, login, lang, self.clock.clone(), session_id);
        App::new(store, session, list_rows).unwrap()
    }
}

/// A draft that passes the ready-to-publish check.
pub fn ready_draft(title: &str) -> crate::domain::ArticleDraft {
    crate::domain::ArticleDraft {
        title: title.into(),
        lead: "Sa-pô của bài.".into(),
        body: "Thân bài.".into(),
        ..Default::default()
    }
}

/// A scheduled article whose lead an editor then emptied: once due, the ready-to-publish
/// check holds it (scheduling an unready article is refused outright).
pub fn scheduled_then_thinned(
    store: &mut Store,
    author: &User,
    editor: &User,
    title: &str,
    wall: &str,
    now: Timestamp,
) -> crate::domain::ArticleId {
    let zone = crate::clock::DEFAULT_ZONE;
    let id = store
        .create_article(author, &ready_draft(title), zone, now)
        .unwrap();
    let at = crate::domain::parse_schedule(wall, zone, now).unwrap();
    store
        .schedule(editor, id, &at, crate::domain::Workflow::default(), now)
        .unwrap();
    let a = store.article(id).unwrap();
    let mut text = a.text();
    text.lead = String::new();
    let req = crate::store::SaveRequest {
        article: id,
        base_version: a.version,
        session: "tests",
        slug: crate::store::SlugSource::Derived,
        reason: "saved",
        note: None,
    };
    store.save_article(editor, &text, req, now).unwrap();
    id
}
