#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `newsroom serve --site DIR`: the built site's files beside the intake, over real HTTP/1.1
//! on loopback. Paths that try to leave DIR, folders, types, validators and 304, HEAD, a
//! client that stops reading, and the intake's own routes still answered first.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tempfile::TempDir;

use newsroom::config::Config;
use newsroom::intake::{self, Handle, IntakeError, Options};
use newsroom::store::{OpenMode, Store};

/// A served site: `site/` inside a temp folder, with `secret.txt` beside it (outside).
struct Served {
    dir: TempDir,
    server: Handle,
}

const SECRET: &str = "mật khẩu ngoài thư mục";
const ARTICLE: &str = "<!doctype html><title>Hồ Tây</title><p>Bài viết</p>";

fn site_dir(dir: &Path) -> PathBuf {
    dir.join("site")
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A store, a small site, and the server on both; `adjust` may change the options.
fn served(adjust: impl FnOnce(&mut Options)) -> Served {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store
        .init_admin(&newsroom::domain::Login::parse("root").unwrap(), Timestamp::now())
        .unwrap();
    drop(store);
    let site = site_dir(dir.path());
    write(&dir.path().join("secret.txt"), SECRET.as_bytes());
    write(
        &site.join("index.html"),
        b"<!doctype html><title>Trang chu</title>",
    );
    write(&site.join("ho-tay.html"), ARTICLE.as_bytes());
    write(&site.join("style.css"), b"body { color: black }");
    write(&site.join("atom.xml"), b"<feed/>");
    write(
        &site.join("media/ab12.jpg"),
        b"\xff\xd8\xff\xe0 not really a jpeg",
    );
    write(
        &site.join("tag/index.html"),
        b"<!doctype html><title>Tags</title>",
    );
    write(&site.join(".ho-tay.html.tmp"), b"half a page");
    std::fs::create_dir_all(site.join("empty")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
    std::os::unix::fs::symlink(site.join("ho-tay.html"), site.join("alias.html")).unwrap();
    let mut options = Options::from_config(&Config::default());
    options.captcha = false;
    options.site = Some(site);
    adjust(&mut options);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let server = intake::serve_on(listener, &db, options).unwrap();
    Served { dir, server }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        raw.push_str(&format!("{k}: {v}\r\n"));
    }
    raw.push_str("\r\n");
    stream.write_all(raw.as_bytes()).unwrap();
    let mut got = Vec::new();
    stream.read_to_end(&mut got).unwrap();
    let split = got
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&got)));
    let head = String::from_utf8(got[..split].to_vec()).unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Reply {
        status,
        head,
        body: got[split + 4..].to_vec(),
    }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[])
}

#[test]
fn pages_are_served_with_their_types_and_validators() {
    let s = served(|_| {});
    let addr = s.server.addr();
    let page = get(addr, "/ho-tay.html");
    assert_eq!(page.status, 200, "{page:?}");
    assert_eq!(page.text(), ARTICLE);
    assert_eq!(page.header("content-type").unwrap(), "text/html; charset=utf-8");
    assert_eq!(page.header("content-length").unwrap(), ARTICLE.len().to_string());
    assert_eq!(page.header("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(page.header("cache-control").unwrap(), "no-cache");
    let etag = page.header("etag").unwrap();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let modified = page.header("last-modified").unwrap();
    assert!(modified.ends_with(" GMT"), "{modified}");
    for (path, want) in [
        ("/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/media/ab12.jpg", "image/jpeg"),
        ("/ho-tay.html?utm_source=zalo", "text/html; charset=utf-8"),
        ("/alias.html", "text/html; charset=utf-8"),
    ] {
        let reply = get(addr, path);
        assert_eq!(reply.status, 200, "{path}: {reply:?}");
        assert_eq!(reply.header("content-type").unwrap(), want, "{path}");
    }
    assert_eq!(
        get(addr, "/media/ab12.jpg").header("cache-control").unwrap(),
        "public, max-age=31536000, immutable",
        "photos are named by their hash"
    );
    assert!(get(addr, "/").text().contains("Trang chu"), "/ is index.html");
}

#[test]
fn a_current_copy_gets_304_and_head_gets_no_body() {
    let s = served(|_| {});
    let addr = s.server.addr();
    let page = get(addr, "/ho-tay.html");
    let etag = page.header("etag").unwrap();
    let modified = page.header("last-modified").unwrap();
    let weak = format!("\"other\", W/{etag}");
    for headers in [
        [("If-None-Match", etag.as_str())],
        [("If-None-Match", weak.as_str())],
        [("If-Modified-Since", modified.as_str())],
    ] {
        let again = request(addr, "GET", "/ho-tay.html", &headers);
        assert_eq!(again.status, 304, "{headers:?}: {again:?}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag").unwrap(), etag);
    }
    let changed = request(addr, "GET", "/ho-tay.html", &[("If-None-Match", "\"stale\"")]);
    assert_eq!(changed.status, 200);
    // If-None-Match decides when both are sent (RFC 9110).
    let both = request(
        addr,
        "GET",
        "/ho-tay.html",
        &[("If-None-Match", "\"stale\""), ("If-Modified-Since", &modified)],
    );
    assert_eq!(both.status, 200);
    let old = request(
        addr,
        "GET",
        "/ho-tay.html",
        &[("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")],
    );
    assert_eq!(old.status, 200);

    let head = request(addr, "HEAD", "/ho-tay.html", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "{head:?}");
    assert_eq!(head.header("content-length").unwrap(), ARTICLE.len().to_string());
    assert_eq!(head.header("etag").unwrap(), etag);

    // A rebuilt page (written to a temporary name and renamed) has a new validator.
    std::thread::sleep(Duration::from_millis(20));
    let site = site_dir(s.dir.path());
    write(
        &site.join(".new.tmp"),
        "<!doctype html><p>Bài viết, sau khi sửa</p>".as_bytes(),
    );
    std::fs::rename(site.join(".new.tmp"), site.join("ho-tay.html")).unwrap();
    let rebuilt = request(addr, "GET", "/ho-tay.html", &[("If-None-Match", &etag)]);
    assert_eq!(rebuilt.status, 200);
    assert!(rebuilt.text().contains("sau khi sửa"));
}

#[test]
fn nothing_outside_the_folder_is_reachable() {
    let s = served(|_| {});
    let addr = s.server.addr();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/media/..%2F..%2Fsecret.txt",
        "/media/%2e%2e/%2e%2e/secret.txt",
        "/..%5Csecret.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/ho-tay.html%00.css",
        "/.ho-tay.html.tmp",
        "/%2eho-tay.html.tmp",
        "/empty/",
        "/empty",
        "/nothing.html",
        "/ho-tay.html/",
        "/ho-tay.html/x",
    ] {
        let reply = get(addr, path);
        assert_eq!(reply.status, 404, "{path}: {reply:?}");
        assert!(!reply.text().contains(SECRET), "{path}");
        assert!(!reply.text().contains("half a page"), "{path}");
    }
    // No listing: a folder without index.html is 404 (above), one with it is its page.
    let tag = get(addr, "/tag");
    assert_eq!(tag.status, 301);
    assert_eq!(tag.header("location").unwrap(), "/tag/");
    assert!(get(addr, "/tag/").text().contains("Tags"));
    // `//host` in the path must not become a redirect off the site.
    let sneaky = get(addr, "//tag");
    assert_eq!(sneaky.header("location").as_deref(), Some("/tag/"));
}

#[test]
fn the_sites_own_404_page_is_used_when_it_has_one() {
    let s = served(|_| {});
    let addr = s.server.addr();
    let plain = get(addr, "/gone.html");
    assert_eq!(plain.status, 404);
    assert!(plain.text().contains("Không có trang này"), "{plain:?}");
    write(
        &site_dir(s.dir.path()).join("404.html"),
        b"<!doctype html><p>Trang 404 cua toa soan</p>",
    );
    let own = get(addr, "/gone.html");
    assert_eq!(own.status, 404);
    assert!(own.text().contains("Trang 404 cua toa soan"), "{own:?}");
}

#[test]
fn the_intakes_routes_come_first_and_files_are_read_only() {
    let s = served(|_| {});
    let addr = s.server.addr();
    let post = request(addr, "POST", "/comments", &[("Content-Type", "text/plain")]);
    assert_eq!(post.status, 415, "the intake still answers /comments: {post:?}");
    let captcha = get(addr, "/captcha");
    assert_eq!(captcha.status, 404, "captcha off: {captcha:?}");
    assert!(captcha.text().contains("captcha_off") || captcha.text().contains("mã xác nhận"));
    for method in ["POST", "PUT", "DELETE"] {
        let reply = request(addr, method, "/ho-tay.html", &[("Content-Length", "0")]);
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("allow").unwrap(), "GET, HEAD");
    }
    assert_eq!(get(addr, "/ho-tay.html").text(), ARTICLE, "nothing was written");
}

#[test]
fn a_missing_site_folder_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store
        .init_admin(&newsroom::domain::Login::parse("root").unwrap(), Timestamp::now())
        .unwrap();
    drop(store);
    let mut options = Options::from_config(&Config::default());
    options.site = Some(dir.path().join("no-such-site"));
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let err = intake::serve_on(listener, &db, options).unwrap_err();
    assert!(matches!(err, IntakeError::Site(_)), "{err:?}");
    let sentence = err.to_string();
    assert!(
        sentence.contains("no-such-site") && sentence.contains("site build"),
        "{sentence}"
    );
}

/// A client that asks for a big file and stops reading is cut off once nothing moved for
/// `body_seconds`, instead of holding its connection for ever.
#[test]
fn a_client_that_stops_reading_a_file_is_cut_off() {
    let s = served(|o| o.body_timeout = Duration::from_millis(500));
    // Far more than loopback's socket buffers hold, so the server must wait on the client.
    let big = vec![b'x'; 64 * 1024 * 1024];
    write(&site_dir(s.dir.path()).join("media/big.jpg"), &big);
    let mut stream = TcpStream::connect(s.server.addr()).unwrap();
    stream
        .write_all(b"GET /media/big.jpg HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let start = Instant::now();
    let mut got = 0usize;
    let mut buf = vec![0u8; 1 << 16];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got += n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => break false,
            Err(_) => break true,
        }
    };
    assert!(closed, "still open after {:?} and {got} bytes", start.elapsed());
    assert!(got < big.len(), "the whole file came: {got}");
    // A reader who keeps reading gets all of it.
    let whole = get(s.server.addr(), "/media/big.jpg");
    assert_eq!(whole.body.len(), big.len());
}
