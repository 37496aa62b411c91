//! The README's other time figures, each tested at its bound through the library with a
//! clock the test moves (or, for SQLite's wait, the real binary against a held lock):
//! a revision at least every ten minutes of autosaving, a lease heartbeat every 15 s, the
//! intake's allowance of three comments at once then one every 5 s per address, and writers waiting up to 10 s
//! for each other. The figures the end-to-end tests hold (half a second after `kill -9`,
//! a second to see other sessions, 150 s for a lease, 10 s on shutdown) are in
//! `e2e_editor.rs`, `e2e_tui.rs` and `intake_shutdown.rs`.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use tempfile::TempDir;

use newsroom::app::{Action, App, Session};
use newsroom::clock::{Clock, ManualClock};
use newsroom::config::Config;
use newsroom::demo::{self, DemoSize};
use newsroom::domain::{ArticleText, Login, Status};
use newsroom::i18n::Lang;
use newsroom::intake::{self, Options};
use newsroom::keymap::Command;
use newsroom::store::{Autosave, OpenMode, Store};

/// 10:00 on 28/11/2026 in Hanoi.
fn t0() -> Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

/// A demo store in a file, loaded by root at `t0`.
fn demo_file(comments: Option<usize>) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), t0()).unwrap();
    let size = DemoSize {
        articles: None,
        comments,
    };
    demo::load(&mut store, &admin, size, "Asia/Ho_Chi_Minh", t0()).unwrap();
    (dir, db)
}

fn sql(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn
}

#[test]
fn autosaving_makes_a_revision_once_ten_minutes_have_passed() {
    let (_dir, db) = demo_file(Some(0));
    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let article: i64 = sql(&db)
        .query_row("SELECT id FROM articles ORDER BY id LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let autosave_revisions = || -> i64 {
        sql(&db)
            .query_row(
                "SELECT count(*) FROM article_revisions WHERE article_id = ?1 AND reason = 'autosave'",
                [article],
                |r| r.get(0),
            )
            .unwrap()
    };
    // Every autosave an hour after the demo; the first one starts the ten minutes.
    let start = t0() + secs(3600);
    let mut save_at = |offset: i64| {
        let save = Autosave {
            article_id: article,
            login: "root".into(),
            text: ArticleText {
                title: "Hồ Tây".into(),
                body: format!("Đang gõ, giây thứ {offset}."),
                ..Default::default()
            },
            cursor: "5 0 0".into(),
            saved_at: start + secs(offset),
        };
        store.save_autosave(&save).unwrap();
        autosave_revisions()
    };
    assert_eq!(save_at(0), 1, "the demo's revisions are an hour old");
    assert_eq!(save_at(300), 1);
    assert_eq!(save_at(599), 1, "not before ten minutes");
    assert_eq!(save_at(600), 2, "README: at least every ten minutes");
    assert_eq!(save_at(1199), 2);
    assert_eq!(save_at(1200), 3);
}

#[test]
fn an_open_editor_sends_a_heartbeat_every_15_seconds() {
    let (_dir, db) = demo_file(Some(0));
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let clock = Arc::new(ManualClock::new(t0()));
    let session = Session {
        user: store.active_user("root").unwrap(),
        lang: Lang::Vi,
        zone: newsroom::clock::zone("Asia/Ho_Chi_Minh").unwrap(),
        store_label: db.display().to_string(),
        restricted: false,
        clock: clock.clone(),
        id: "a".into(),
    };
    let mut app = App::new(store, session, 10).unwrap();
    app.update(Action::Command(Command::Open));
    let heartbeat = || -> i64 {
        sql(&db)
            .query_row("SELECT heartbeat_at FROM leases WHERE login = 'root'", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let start = t0().as_second();
    assert_eq!(heartbeat(), start, "opening takes the lease");
    clock.advance(secs(14));
    app.update(Action::Tick);
    assert_eq!(heartbeat(), start, "not before 15 s");
    for beat in 1..=4 {
        clock.advance(secs(1));
        app.update(Action::Tick);
        assert_eq!(heartbeat(), start + 15 * beat, "README: a heartbeat every 15 s");
        clock.advance(secs(14));
        app.update(Action::Tick);
    }
}

/// One form post from `from` (the proxy's `X-Forwarded-For`); returns the status code.
fn post(addr: SocketAddr, article: &str, from: &str, content: &str) -> u16 {
    let body: String = [
        ("article", article),
        ("name", "Trần Thị Bình"),
        ("title", "Ý kiến"),
        ("content", content),
    ]
    .iter()
    .map(|(k, v)| {
        let v: String = v
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        format!("{k}={v}")
    })
    .collect::<Vec<_>>()
    .join("&");
    let mut tcp = TcpStream::connect(addr).unwrap();
    let head = format!(
        "POST /comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         X-Forwarded-For: {from}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    tcp.write_all(head.as_bytes()).unwrap();
    tcp.write_all(body.as_bytes()).unwrap();
    let mut reply = String::new();
    tcp.read_to_string(&mut reply).unwrap();
    reply
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP reply: {reply:?}"))
}

#[test]
fn one_address_gets_three_at_once_then_one_every_5_seconds() {
    let (_dir, db) = demo_file(Some(0));
    let store = Store::open(&db, OpenMode::MustExist).unwrap();
    let published = store
        .article_ids_page(Some(Status::Published), None, None, 1)
        .unwrap()[0]
        .1;
    let slug = store.article(published).unwrap().slug;
    drop(store);
    let clock = Arc::new(ManualClock::new(t0()));
    let mut options = Options::from_config(&Config::default());
    options.captcha = false;
    options.clock = clock.clone() as Arc<dyn Clock>;
    assert_eq!(options.rules.flood_seconds, 15, "the README's default");
    assert_eq!(options.rules.flood_burst, 3, "the README's default");
    let server = intake::serve_on(TcpListener::bind("127.0.0.1:0").unwrap(), &db, options).unwrap();
    let addr = server.addr();

    for n in ["một", "hai", "ba"] {
        assert_eq!(post(addr, &slug, "203.0.113.5", &format!("Lần {n}")), 200);
    }
    assert_eq!(
        post(addr, &slug, "203.0.113.5", "Lần bốn"),
        429,
        "a fourth at once"
    );
    clock.advance(secs(4));
    assert_eq!(post(addr, &slug, "203.0.113.5", "Lần bốn"), 429, "4 s later");
    assert_eq!(post(addr, &slug, "203.0.113.6", "Người khác"), 200);
    clock.advance(secs(1));
    assert_eq!(post(addr, &slug, "203.0.113.5", "Lần bốn"), 200, "5 s later");
    assert_eq!(post(addr, &slug, "203.0.113.5", "Lần năm"), 429);
    // 15 s after the last, the whole allowance is back.
    clock.advance(secs(15));
    for n in ["sáu", "bảy", "tám"] {
        assert_eq!(post(addr, &slug, "203.0.113.5", &format!("Lần {n}")), 200);
    }
    assert_eq!(post(addr, &slug, "203.0.113.5", "Lần chín"), 429);
    server.stop().unwrap();
}

/// README: writers "wait up to 10 s for each other, so 'database is locked' does not reach
/// anyone". Another program holds the write lock for 7 s; a command that writes waits
/// for it and succeeds.
#[test]
fn a_write_waits_seven_seconds_for_another_writer_and_succeeds() {
    const HELD: Duration = Duration::from_secs(7);
    let store = support::Store::demo(&[]);
    let holder = store.sql();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(HELD);
        holder.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    let out = store.cli(&["article", "new", "--title", "Viết khi người khác đang ghi"]);
    let took = started.elapsed();
    release.join().unwrap();
    assert!(
        out.status.success(),
        "a write gave up within the 10 s it should wait, after {took:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        took >= HELD - Duration::from_millis(500),
        "it did not wait: {took:?}"
    );
    store.article_id(support::ADMIN, "Viết khi người khác đang ghi");
}
