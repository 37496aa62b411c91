//! The intake's protective headers, read from real replies over TCP: for every status the
//! README's table lists, as HTML and as JSON, and for `GET /captcha`.
//!
//! HTML replies carry `Content-Security-Policy: default-src 'none'`; every reply carries
//! `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`. The helpers are this
//! file's own (a demo store, the server on port 0, a raw HTTP/1.1 client), so the header
//! checks stand apart from the behaviour tests in `tests/intake.rs`.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use jiff::Timestamp;
use newsroom::config::Config;
use newsroom::demo::{self, DemoSize};
use newsroom::domain::{Login, Status};
use newsroom::intake::{self, Handle, Options};
use newsroom::store::{OpenMode, Store};
use tempfile::TempDir;

/// A demo store without comments and an intake server on it.
struct Site {
    _dir: TempDir,
    db: PathBuf,
    server: Handle,
    /// The slug of a published article, and the id of a draft.
    published: String,
    draft: i64,
}

fn site(captcha: bool) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let now = Timestamp::now();
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now).unwrap();
    let size = DemoSize {
        articles: None,
        comments: Some(0),
    };
    demo::load(&mut store, &admin, size, "Asia/Ho_Chi_Minh", now).unwrap();
    let first = |status| store.article_ids_page(Some(status), None, None, 1).unwrap()[0].1;
    let published = store.article(first(Status::Published)).unwrap().slug;
    let draft = first(Status::Draft);
    drop(store);
    // Flood control stays on, with an allowance of one so the second post from an address
    // is the 429 checked here.
    let mut options = Options::from_config(&Config::default());
    options.captcha = captcha;
    options.rules.flood_burst = 1;
    let server = intake::serve_on(TcpListener::bind("127.0.0.1:0").unwrap(), &db, options).unwrap();
    Site {
        _dir: dir,
        db,
        server,
        published,
        draft,
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
}

impl Reply {
    /// Every value of a header, however often it is repeated.
    fn headers(&self, name: &str) -> Vec<String> {
        self.head
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (k, v) = line.split_once(':')?;
                k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
            .collect()
    }

    fn content_type(&self) -> String {
        self.headers("content-type").join(", ")
    }
}

/// One request on its own connection; the reply read to the end.
fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        raw.push_str(&format!("{k}: {v}\r\n"));
    }
    raw.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut raw = raw.into_bytes();
    raw.extend_from_slice(body);
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // A server that answers a too-large body early may cut the upload short.
    let _ = stream.write_all(&raw);
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    let text = String::from_utf8_lossy(&got);
    let (head, _body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply head in {text:?}"));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    Reply {
        status,
        head: head.to_owned(),
    }
}

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
const HTML: (&str, &str) = ("Accept", "text/html");
const JSON: (&str, &str) = ("Accept", "application/json");

/// A post from its own reader address (so flood control stays out of the way unless asked).
fn post(site: &Site, accept: (&str, &str), from: &str, content_type: &str, body: &[u8]) -> Reply {
    let headers = [("Content-Type", content_type), ("X-Forwarded-For", from), accept];
    request(site.server.addr(), "POST", "/comments", &headers, body)
}

fn form(article: &str, name: &str) -> Vec<u8> {
    format!("article={article}&name={name}&phone=0912345678&title=Ti%C3%AAu+%C4%91%E1%BB%81&content=N%E1%BB%99i+dung")
        .into_bytes()
}

/// Fails unless the reply carries the headers the README promises for its kind.
fn assert_protected(what: &str, reply: &Reply, want_status: u16, html: bool) {
    assert_eq!(reply.status, want_status, "{what}: {}", reply.head);
    assert_eq!(
        reply.headers("x-content-type-options"),
        ["nosniff"],
        "{what}: {}",
        reply.head
    );
    assert_eq!(
        reply.headers("cache-control"),
        ["no-store"],
        "{what}: {}",
        reply.head
    );
    if html {
        assert!(
            reply.content_type().starts_with("text/html"),
            "{what}: {}",
            reply.head
        );
        assert_eq!(
            reply.headers("content-security-policy"),
            ["default-src 'none'; img-src data:"],
            "{what}: {}",
            reply.head
        );
    } else {
        assert_eq!(reply.content_type(), "application/json", "{what}: {}", reply.head);
    }
}

/// Every row of the README's status table, asked for once as HTML and once as JSON.
#[test]
fn every_reply_in_the_status_table_carries_its_headers() {
    let site = site(false);
    let published = site.published.clone();
    let draft = site.draft.to_string();
    let big = {
        let mut body = form(&published, "Mai");
        body.extend(std::iter::repeat_n(b'x', 70 * 1024));
        body
    };
    for (accept, html, net) in [(HTML, true, 1), (JSON, false, 2)] {
        let at = |n: u8| format!("10.{net}.0.{n}");
        let kind = if html { "HTML" } else { "JSON" };
        let cases: Vec<(&str, u16, Reply)> = vec![
            (
                "received",
                200,
                post(&site, accept, &at(1), FORM.1, &form(&published, "Mai")),
            ),
            (
                "invalid",
                422,
                post(&site, accept, &at(2), FORM.1, b"article=&name="),
            ),
            (
                "no_article",
                404,
                post(&site, accept, &at(3), FORM.1, &form("khong-co-bai-nay", "Mai")),
            ),
            (
                "not_published",
                422,
                post(&site, accept, &at(4), FORM.1, &form(&draft, "Mai")),
            ),
            // The second post from the address of the first.
            (
                "flood",
                429,
                post(&site, accept, &at(1), FORM.1, &form(&published, "Lan")),
            ),
            ("too_large", 413, post(&site, accept, &at(5), FORM.1, &big)),
            (
                "wrong_type",
                415,
                post(&site, accept, &at(6), "text/plain", b"article=1"),
            ),
            (
                "unreadable",
                400,
                post(&site, accept, &at(7), FORM.1, b"article=1&name=%FF%FE"),
            ),
            (
                "no_route",
                404,
                request(site.server.addr(), "GET", "/wp-login.php", &[accept], b""),
            ),
            (
                "wrong_method",
                405,
                request(site.server.addr(), "GET", "/comments", &[accept], b""),
            ),
            // With the captcha off, the code's address says so.
            (
                "captcha_off",
                404,
                request(site.server.addr(), "GET", "/captcha", &[accept], b""),
            ),
        ];
        for (what, status, reply) in &cases {
            // GET /captcha answers JSON whatever was asked: a page would call it with fetch().
            let html = html && *what != "captcha_off";
            assert_protected(&format!("{what} as {kind}"), reply, *status, html);
        }
    }

    // A store that fails gives 503, with the same headers.
    let sql = rusqlite::Connection::open(&site.db).unwrap();
    sql.execute_batch("ALTER TABLE comments RENAME TO comments_away")
        .unwrap();
    for (accept, html, from) in [(HTML, true, "10.3.0.1"), (JSON, false, "10.3.0.2")] {
        let reply = post(&site, accept, from, FORM.1, &form(&published, "Mai"));
        assert_protected("unavailable", &reply, 503, html);
    }
    sql.execute_batch("ALTER TABLE comments_away RENAME TO comments")
        .unwrap();
}

/// A new code is for one reader once: no cache may keep it, and no browser may guess its type.
#[test]
fn a_new_captcha_carries_the_headers_of_every_reply() {
    let site = site(true);
    for accept in [HTML, JSON] {
        let reply = request(site.server.addr(), "GET", "/captcha", &[accept], b"");
        assert_protected("GET /captcha", &reply, 200, false);
    }
    // A post that lacks the code is a 422 like any other, with the same headers.
    let published = site.published.clone();
    let reply = post(&site, HTML, "10.4.0.1", FORM.1, &form(&published, "Mai"));
    assert_protected("no captcha token", &reply, 422, true);
}
