#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The comment intake over real loopback HTTP: a demo store, the server in-process on
//! port 0, and a hand-written HTTP/1.1 client so the tests can send anything at all.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;
use tempfile::TempDir;

use newsroom::config::Config;
use newsroom::demo::{self, DemoSize};
use newsroom::domain::{CommentStatus, Login, Status, User};
use newsroom::intake::{self, Handle, Options, captcha};
use newsroom::store::{OpenMode, Store};

#[path = "intake/hostile.rs"]
mod hostile;
#[path = "intake/pages.rs"]
mod pages;

/// A demo store and an intake server on it.
struct Site {
    _dir: TempDir,
    db: PathBuf,
    server: Handle,
    admin: User,
    /// The slug of a published article, and the id of a draft.
    published: String,
    draft: i64,
}

fn site(adjust: impl FnOnce(&mut Options)) -> Site {
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
    let mut options = Options::from_config(&Config::default());
    adjust(&mut options);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let server = intake::serve_on(listener, &db, options).unwrap();
    Site {
        _dir: dir,
        db,
        server,
        admin,
        published,
        draft,
    }
}

fn no_captcha(o: &mut Options) {
    o.captcha = false;
}

fn no_captcha_no_flood(o: &mut Options) {
    o.captcha = false;
    o.rules.flood_seconds = 0;
}

impl Site {
    fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    fn store(&self) -> Store {
        Store::open(&self.db, OpenMode::MustExist).unwrap()
    }

    fn secret(&self) -> String {
        self.store()
            .setting(captcha::SECRET_SETTING)
            .unwrap()
            .expect("the server made a secret")
    }

    /// A token for a known answer, as the server would have issued it.
    fn token(&self, answer: &str, expires_in: SignedDuration) -> String {
        captcha::issue_with_answer(&self.secret(), answer, Timestamp::now() + expires_in).unwrap()
    }

    /// A complete, valid form for the published article, plus `extra` fields.
    fn form(&self, extra: &[(&str, &str)]) -> String {
        let mut fields = vec![
            ("article", self.published.as_str()),
            ("name", "Trần Thị Mai"),
            ("phone", "0912 345 678"),
            ("title", "Đường Thụy Khuê"),
            ("content", "Đoạn đường trước nhà tôi đã sạch hơn nhiều."),
        ];
        for (k, v) in extra {
            fields.retain(|(name, _)| name != k);
            fields.push((k, v));
        }
        encode(&fields)
    }
}

fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, NON_ALPHANUMERIC)))
        .collect::<Vec<_>>()
        .join("&")
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }

    fn json(&self) -> Value {
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/json"),
            "{self:?}"
        );
        serde_json::from_str(&self.body).unwrap()
    }

    /// The fields and codes of a JSON 422.
    fn problems(&self) -> Vec<(String, String)> {
        let json = self.json();
        json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["field"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    fn comment_id(&self) -> i64 {
        self.json()["comment_id"].as_i64().unwrap()
    }
}

/// Sends raw bytes on a new connection and reads the reply to the end. A server that
/// answers before reading everything may cut the upload short: that is not an error here.
fn send(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = stream.write_all(raw);
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    let text = String::from_utf8(got).expect("replies are UTF-8");
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no reply head in {text:?}"));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        raw.push_str(&format!("{k}: {v}\r\n"));
    }
    raw.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut raw = raw.into_bytes();
    raw.extend_from_slice(body);
    send(addr, &raw)
}

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
const JSON: (&str, &str) = ("Accept", "application/json");

/// A form post; `from` is the reader's address as nginx would forward it.
fn post(site: &Site, body: &str, from: &str, json: bool) -> Reply {
    let mut headers = vec![FORM, ("X-Forwarded-For", from)];
    if json {
        headers.push(JSON);
    }
    request(site.addr(), "POST", "/comments", &headers, body.as_bytes())
}

#[test]
fn every_wrong_field_is_named_with_422() {
    let site = site(no_captcha);
    let empty = encode(&[
        ("article", ""),
        ("name", " "),
        ("phone", "12345"),
        ("title", ""),
        ("content", ""),
    ]);
    let page = post(&site, &empty, "10.0.0.1", false);
    assert_eq!(page.status, 422);
    assert_eq!(
        page.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    for said in [
        "Không rõ bình luận cho bài viết nào",
        "Chưa điền họ tên.",
        "Chưa điền tiêu đề.",
        "Chưa điền nội dung.",
        "Số điện thoại không đúng dạng số Việt Nam",
    ] {
        assert!(page.body.contains(said), "{said:?} missing from {}", page.body);
    }
    let json = post(&site, &empty, "10.0.0.1", true);
    assert_eq!(json.status, 422);
    let problems = json.problems();
    let want = [
        ("article", "missing"),
        ("name", "missing"),
        ("title", "missing"),
        ("content", "missing"),
    ];
    for (field, code) in want.into_iter().chain([("phone", "bad_phone")]) {
        assert!(
            problems.contains(&(field.into(), code.into())),
            "{field} {code} in {problems:?}"
        );
    }

    let long = site.form(&[
        ("name", &"N".repeat(81)),
        ("title", &"T".repeat(201)),
        ("content", &"C".repeat(5001)),
    ]);
    let reply = post(&site, &long, "10.0.0.1", true);
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.problems(),
        [
            ("name".into(), "too_long".into()),
            ("title".into(), "too_long".into()),
            ("content".into(), "too_long".into())
        ]
    );
    assert!(
        reply.json()["errors"][2]["message"]
            .as_str()
            .unwrap()
            .contains("5001 ký tự, tối đa 5000")
    );
    assert_eq!(site.store().comment_count(None).unwrap(), 0, "nothing was stored");
}

#[test]
fn a_good_comment_is_stored_raw_and_nfc_with_the_forwarded_address() {
    let site = site(no_captcha);
    let decomposed = "Ho\u{302}\u{300} Lan";
    let hostile = "<script>alert('x')</script> \u{1b}[2J đọc kỹ";
    let body = site.form(&[
        ("name", decomposed),
        ("content", hostile),
        ("phone", "+84 912 345 678"),
    ]);
    let page = post(&site, &body, "198.51.100.7", false);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("đã được nhận và đang chờ duyệt"));
    assert!(
        !page.body.contains("<script>") && !page.body.contains("Hồ Lan"),
        "nothing the reader sent is echoed"
    );
    let id: i64 = page
        .body
        .split("<span id=\"comment-id\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = site.store().comment(id).unwrap();
    assert_eq!(stored.name, "Hồ Lan");
    assert_eq!(stored.content, hostile, "kept raw; sanitised only when shown");
    assert_eq!(stored.phone, "0912345678");
    assert_eq!(stored.ip, "198.51.100.7");
    assert_eq!(
        stored.status,
        CommentStatus::Pending,
        "a first-time reader is held"
    );
}

#[test]
fn json_replies_when_accept_asks_for_it() {
    let site = site(no_captcha);
    let reply = post(&site, &site.form(&[]), "10.0.0.2", true);
    assert_eq!(reply.status, 200);
    let json = reply.json();
    assert_eq!(
        (json["ok"].as_bool(), json["status"].as_str()),
        (Some(true), Some("received"))
    );
    assert!(json["message"].as_str().unwrap().contains("đang chờ duyệt"));
    assert_eq!(
        site.store().comment(reply.comment_id()).unwrap().title,
        "Đường Thụy Khuê"
    );
    assert_eq!(reply.header("cache-control").as_deref(), Some("no-store"));
}

#[test]
fn a_banned_word_reads_exactly_like_a_held_comment() {
    let site = site(|o| {
        o.captcha = false;
        o.rules.flood_seconds = 0;
        o.rules.banned_words = vec!["cá độ".into()];
    });
    let held = post(&site, &site.form(&[]), "10.0.0.3", true);
    let banned = post(
        &site,
        &site.form(&[("content", "Vào đây CA DO bóng đá")]),
        "10.0.0.3",
        true,
    );
    assert_eq!((held.status, banned.status), (200, 200));
    let (mut a, mut b) = (held.json(), banned.json());
    assert_ne!(a["comment_id"], b["comment_id"]);
    a["comment_id"] = Value::Null;
    b["comment_id"] = Value::Null;
    assert_eq!(a, b, "a spammer learns nothing");
    let store = site.store();
    assert_eq!(
        store.comment(held.comment_id()).unwrap().status,
        CommentStatus::Pending
    );
    assert_eq!(
        store.comment(banned.comment_id()).unwrap().status,
        CommentStatus::Rejected
    );
}

#[test]
fn unknown_and_unpublished_articles_are_refused() {
    let site = site(no_captcha_no_flood);
    let unknown = post(
        &site,
        &site.form(&[("article", "khong-co-bai-nay")]),
        "10.0.0.4",
        true,
    );
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["status"], "no_article");
    let by_id = post(&site, &site.form(&[("article", "999999")]), "10.0.0.4", false);
    assert_eq!(by_id.status, 404);
    assert!(by_id.body.contains("Không tìm thấy bài viết này"));
    let draft = post(
        &site,
        &site.form(&[("article", &site.draft.to_string())]),
        "10.0.0.4",
        false,
    );
    assert_eq!(draft.status, 422);
    assert!(draft.body.contains("chưa đăng hoặc đã gỡ"));
    assert_eq!(site.store().comment_count(None).unwrap(), 0);
}

#[test]
fn a_fourth_post_from_one_address_at_once_is_429() {
    let site = site(no_captcha);
    for n in 1..=3 {
        let body = site.form(&[("content", &format!("Người thứ {n} sau cùng một mạng"))]);
        assert_eq!(post(&site, &body, "203.0.113.5", false).status, 200, "post {n}");
    }
    let again = post(&site, &site.form(&[("content", "Lần nữa")]), "203.0.113.5", false);
    assert_eq!(again.status, 429);
    let wait: i64 = again.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=5).contains(&wait), "one comes back every 5 s: {wait}");
    assert!(
        again.body.contains(&format!("hãy chờ {wait} giây")),
        "{}",
        again.body
    );
    let other = post(
        &site,
        &site.form(&[("content", "Người khác")]),
        "203.0.113.6",
        false,
    );
    assert_eq!(other.status, 200, "another reader's address is not held back");
    assert_eq!(site.store().comment_count(None).unwrap(), 4);
}

#[test]
fn a_correct_captcha_is_accepted_once() {
    let site = site(|o| o.rules.flood_seconds = 0);
    let token = site.token("K7M4P", SignedDuration::from_secs(60));
    let body = site.form(&[("captcha_token", &token), ("captcha", " k7m4p ")]);
    let first = post(&site, &body, "10.0.1.1", true);
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(site.store().comment(first.comment_id()).is_ok());
    let again = post(&site, &body, "10.0.1.1", true);
    assert_eq!(again.status, 422);
    assert_eq!(again.problems(), [("captcha".into(), "used".into())]);
    assert_eq!(site.store().comment_count(None).unwrap(), 1);
}

#[test]
fn captcha_refusals_are_named() {
    let site = site(|o| o.rules.flood_seconds = 0);
    let expired = site.token("K7M4P", SignedDuration::from_secs(-1));
    let wrong = site.token("K7M4P", SignedDuration::from_secs(60));
    for (fields, code) in [
        (vec![], "no_token"),
        (vec![("captcha", "K7M4P")], "no_token"),
        (vec![("captcha_token", wrong.as_str())], "missing"),
        (
            vec![("captcha_token", wrong.as_str()), ("captcha", "K7M4X")],
            "wrong",
        ),
        (
            vec![("captcha_token", wrong.as_str()), ("captcha", "K7M4P")],
            "used",
        ),
        (
            vec![("captcha_token", expired.as_str()), ("captcha", "K7M4P")],
            "expired",
        ),
        (
            vec![("captcha_token", "bm90IGEgdG9rZW4"), ("captcha", "K7M4P")],
            "invalid",
        ),
    ] {
        let reply = post(&site, &site.form(&fields), "10.0.1.2", true);
        assert_eq!(reply.status, 422, "{fields:?}");
        assert_eq!(reply.problems(), [("captcha".into(), code.into())], "{fields:?}");
    }
    let page = post(&site, &site.form(&[]), "10.0.1.2", false);
    assert!(page.body.contains("Mã xác nhận"), "{}", page.body);
    assert_eq!(site.store().comment_count(None).unwrap(), 0);
}

#[test]
fn a_right_code_survives_a_form_mistake() {
    let site = site(|o| o.rules.flood_seconds = 0);
    let token = site.token("K7M4P", SignedDuration::from_secs(60));
    let code = [("captcha_token", token.as_str()), ("captcha", "K7M4P")];
    let no_title = post(
        &site,
        &site.form(&[code[0], code[1], ("title", "")]),
        "10.0.1.3",
        true,
    );
    assert_eq!(no_title.problems(), [("title".into(), "missing".into())]);
    assert_eq!(
        post(&site, &site.form(&code), "10.0.1.3", true).status,
        200,
        "the same code still works"
    );
}

#[test]
fn get_captcha_gives_an_image_and_a_token() {
    let site = site(|_| {});
    let reply = request(site.addr(), "GET", "/captcha", &[], b"");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("cache-control").as_deref(), Some("no-store"));
    let json = reply.json();
    let image = json["image"].as_str().unwrap();
    assert!(
        image.starts_with("data:image/png;base64,iVBORw0KGgo"),
        "a PNG: {}",
        &image[..40]
    );
    let expires: Timestamp = json["expires_at"].as_str().unwrap().parse().unwrap();
    let left = expires.duration_since(Timestamp::now());
    assert!(
        left > SignedDuration::from_secs(590) && left <= SignedDuration::from_secs(600),
        "{left:?}"
    );
    let token = json["token"].as_str().unwrap();
    let guess = post(
        &site,
        &site.form(&[("captcha_token", token), ("captcha", "??")]),
        "10.0.1.4",
        true,
    );
    assert_eq!(
        guess.problems(),
        [("captcha".into(), "wrong".into())],
        "the token is one of ours"
    );
    let again = request(site.addr(), "GET", "/captcha", &[], b"").json();
    assert_ne!(again["token"], json["token"], "a new code each time");
}

#[test]
fn without_captcha_no_code_is_needed() {
    let site = site(no_captcha);
    assert_eq!(post(&site, &site.form(&[]), "10.0.1.5", false).status, 200);
    let reply = request(site.addr(), "GET", "/captcha", &[], b"");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["status"], "captcha_off");
}

#[test]
fn a_body_over_the_limit_is_413() {
    let site = site(no_captcha);
    let big = site.form(&[("content", &"x".repeat(intake::BODY_LIMIT))]);
    let reply = post(&site, &big, "10.0.2.1", false);
    assert_eq!(reply.status, 413);
    assert!(reply.body.contains("Bình luận quá dài"), "{}", reply.body);
    let huge = site.form(&[("content", &"x".repeat(4 * 1024 * 1024))]);
    assert_eq!(post(&site, &huge, "10.0.2.1", false).status, 413);
    assert_eq!(
        post(&site, &site.form(&[]), "10.0.2.1", false).status,
        200,
        "still serving"
    );
}

#[test]
fn garbage_is_refused_and_the_server_keeps_serving() {
    let site = site(no_captcha_no_flood);
    let addr = site.addr();
    let form = site.form(&[]);
    let json_type = request(
        addr,
        "POST",
        "/comments",
        &[("Content-Type", "application/json")],
        b"{}",
    );
    assert_eq!(json_type.status, 415);
    assert!(json_type.body.contains("application/x-www-form-urlencoded"));
    assert_eq!(
        request(addr, "POST", "/comments", &[], form.as_bytes()).status,
        415,
        "no content type"
    );
    let latin1 = request(
        addr,
        "POST",
        "/comments",
        &[FORM],
        b"name=Tr\xe2n&title=x&content=y",
    );
    assert_eq!(latin1.status, 400);
    assert!(latin1.body.contains("UTF-8"));
    assert_eq!(
        request(addr, "POST", "/comments", &[FORM], b"name=%C3%28").status,
        400
    );
    let noise: Vec<u8> = (0..4000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let garbage = request(addr, "POST", "/comments", &[FORM], &noise);
    assert!((400..500).contains(&garbage.status), "{garbage:?}");
    let words = request(addr, "POST", "/comments", &[FORM], b"%%%&&&===;;;");
    assert_eq!(words.status, 422);
    assert_eq!(send(addr, b"\x00\x01\x02 not http at all\r\n\r\n").status, 400);
    let mut cut = TcpStream::connect(addr).unwrap();
    cut.write_all(b"POST /comments HTTP/1.1\r\nContent-Length: 500\r\n\r\nname=")
        .unwrap();
    drop(cut);
    assert_eq!(request(addr, "GET", "/nowhere", &[], b"").status, 404);
    assert_eq!(request(addr, "GET", "/comments", &[], b"").status, 405);
    assert_eq!(
        request(addr, "POST", "/comments", &[FORM], form.as_bytes()).status,
        200,
        "still serving"
    );
}

#[test]
fn a_thousand_concurrent_posts_are_all_stored() {
    const POSTS: usize = 1000;
    let site = site(no_captcha_no_flood);
    let addr = site.addr();
    let start = Arc::new(Barrier::new(POSTS));
    let threads: Vec<_> = (0..POSTS)
        .map(|i| {
            let start = Arc::clone(&start);
            let body = site.form(&[("content", &format!("Bình luận số {i}"))]);
            std::thread::spawn(move || {
                start.wait();
                let reply = request(addr, "POST", "/comments", &[FORM, JSON], body.as_bytes());
                (i, reply)
            })
        })
        .collect();
    let store = site.store();
    let mut ok = 0;
    for thread in threads {
        let (i, reply) = thread.join().unwrap();
        assert_eq!(reply.status, 200, "post {i}: {reply:?}");
        let stored = store.comment(reply.comment_id()).unwrap();
        assert_eq!(stored.content, format!("Bình luận số {i}"));
        ok += 1;
    }
    assert_eq!(ok, POSTS);
    assert_eq!(store.comment_count(None).unwrap(), POSTS as u64);
}

#[test]
fn start_notes_the_rules_and_stop_is_graceful() {
    let site = site(|o| o.rules.flood_seconds = 42);
    let store = site.store();
    let audit = store.audit_page(&site.admin, None, 50).unwrap();
    let noted = audit
        .iter()
        .find(|row| row.action == "rules.change")
        .expect("the rules were noted");
    assert_eq!(noted.user, "serve");
    assert_eq!(noted.after.as_ref().unwrap()["flood_seconds"], 42);
    let addr = site.addr();
    let Site { server, _dir, .. } = site;
    server.stop().unwrap();
    assert!(TcpStream::connect(addr).is_err(), "nothing listens any more");
}

#[test]
fn a_store_failure_is_503_and_the_server_recovers() {
    let site = site(no_captcha_no_flood);
    let sql = rusqlite::Connection::open(&site.db).unwrap();
    sql.execute_batch("ALTER TABLE comments RENAME TO comments_away")
        .unwrap();
    let failed = post(&site, &site.form(&[]), "10.0.3.1", false);
    assert_eq!(failed.status, 503);
    assert!(failed.body.contains("hãy thử lại sau ít phút"), "{}", failed.body);
    assert_eq!(failed.header("retry-after").as_deref(), Some("30"));
    sql.execute_batch("ALTER TABLE comments_away RENAME TO comments")
        .unwrap();
    assert_eq!(post(&site, &site.form(&[]), "10.0.3.1", false).status, 200);
}

#[test]
fn the_serve_command_says_where_it_listens_and_stops_on_sigterm() {
    use std::io::BufRead as _;
    use std::process::{Command, Stdio};

    let site = site(no_captcha);
    let mut serve = Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .args(["--user", "root", "--db"])
        .arg(&site.db)
        .args(["serve", "--listen", "127.0.0.1:0", "--no-captcha"])
        .env("NEWSROOM_CONFIG", site.db.with_file_name("no-config.toml"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(serve.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let rest = line
        .strip_prefix("Listening on http://")
        .unwrap_or_else(|| panic!("{line:?}"));
    let (addr, tail) = rest.split_once(' ').unwrap();
    assert_eq!(tail, "(captcha off); Ctrl-C stops.\n");
    let addr: SocketAddr = addr.parse().unwrap();
    let body = site.form(&[]);
    let reply = request(addr, "POST", "/comments", &[FORM, JSON], body.as_bytes());
    assert_eq!(reply.status, 200, "no code asked: {reply:?}");
    assert!(site.store().comment(reply.comment_id()).is_ok());
    let kill = Command::new("kill")
        .args(["-TERM", &serve.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    assert!(serve.wait().unwrap().success(), "a graceful stop exits 0");
}
