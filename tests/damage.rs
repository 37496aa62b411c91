//! A damaged store is never written: every writing command and the intake server, run as
//! the real binary on a store file damaged in several ways, refuses with one sentence, exits
//! non-zero (or answers 503) and leaves the file's bytes as they were. Damage found once
//! stops every later write until `newsroom doctor` finds the file sound.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use support::{BIN, Store, Tui};

/// One way a file gets damaged: a disk, a bad copy, a careless admin.
struct Damage {
    name: &'static str,
    apply: fn(&mut Vec<u8>),
    /// What the refusal must say.
    says: &'static str,
}

fn page_size(bytes: &[u8]) -> usize {
    match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n => usize::from(n),
    }
}

/// Overwrites the first 64 bytes of the page `at` (a fraction of the way into the file).
fn scribble(bytes: &mut [u8], at: f64) {
    let page = page_size(bytes);
    let pages = bytes.len() / page;
    let start = ((pages as f64 * at) as usize).clamp(1, pages - 1) * page;
    for b in &mut bytes[start..start + 64] {
        *b = 0xA5;
    }
}

const DAMAGES: [Damage; 6] = [
    Damage {
        name: "a page a third of the way in overwritten",
        apply: |b| scribble(b, 0.33),
        says: "damaged",
    },
    Damage {
        name: "the middle page overwritten",
        apply: |b| scribble(b, 0.5),
        says: "damaged",
    },
    Damage {
        name: "the last page overwritten",
        apply: |b| scribble(b, 1.0),
        says: "damaged",
    },
    Damage {
        name: "the header overwritten",
        apply: |b| b[..16].copy_from_slice(b"NOT A DATABASE!!"),
        says: "damaged",
    },
    Damage {
        name: "cut to half its length",
        apply: |b| {
            let page = page_size(b);
            b.truncate(b.len() / page / 2 * page);
        },
        says: "damaged",
    },
    Damage {
        name: "zero bytes",
        apply: Vec::clear,
        says: "not a Newsroom store",
    },
];

/// A command that writes, run on a store; `file` is a comment import beside it.
struct Writer {
    name: &'static str,
    args: fn(&Path) -> Vec<String>,
}

const WRITERS: [Writer; 5] = [
    Writer {
        name: "article new",
        args: |_| strings(&["article", "new", "--title", "Tin mới về cầu Long Biên"]),
    },
    Writer {
        name: "comments approve",
        args: |_| strings(&["comments", "approve", "1"]),
    },
    Writer {
        name: "comments import",
        args: |dir| {
            let file = dir.join("moi.jsonl");
            std::fs::write(
                &file,
                r#"{"article": 1, "name": "Bạn đọc", "title": "Hỏi", "content": "Bao giờ sửa xong?"}"#,
            )
            .unwrap();
            vec!["comments".into(), "import".into(), file.display().to_string()]
        },
    },
    Writer {
        name: "user add",
        args: |_| strings(&["user", "add", "mai.pham", "--role", "reporter"]),
    },
    Writer {
        name: "demo",
        args: |_| strings(&["demo"]),
    },
];

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| (*s).to_owned()).collect()
}

/// The demo store's bytes, with every connection closed (so no WAL holds part of it).
fn sound_store() -> (Store, Vec<u8>) {
    let store = Store::demo(&[]);
    assert!(
        !store.path().join("newsroom.db-wal").exists(),
        "the demo left no WAL"
    );
    let bytes = std::fs::read(&store.db).unwrap();
    (store, bytes)
}

/// A copy of `bytes`, damaged, in a folder of its own.
fn damaged_copy(bytes: &[u8], damage: &Damage) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let mut damaged = bytes.to_vec();
    (damage.apply)(&mut damaged);
    std::fs::write(&db, &damaged).unwrap();
    (dir, db)
}

/// What the real sqlite3 shell's full check says of the file.
fn sqlite_verdict(db: &Path) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg("PRAGMA quick_check(1);")
        .output()
        .expect("the sqlite3 shell runs (apt-get install sqlite3)");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    said.trim().to_owned()
}

fn newsroom(db: &Path, args: &[String]) -> Output {
    Command::new(BIN)
        .env_remove("NEWSROOM_DB")
        .env("NEWSROOM_CONFIG", db.with_file_name("no-config.toml"))
        .env("USER", support::ADMIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// The store file's bytes are as they were, and no WAL holds anything written.
fn assert_untouched(db: &Path, before: &[u8], what: &str) {
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "{what}: the store file changed"
    );
    let wal = db.with_extension("db-wal");
    if wal.exists() {
        assert_eq!(
            std::fs::metadata(&wal).unwrap().len(),
            0,
            "{what}: the WAL holds a write"
        );
    }
}

#[test]
fn every_writing_command_refuses_a_damaged_store_and_leaves_it_as_it_was() {
    let (_sound, bytes) = sound_store();
    for damage in &DAMAGES {
        for writer in &WRITERS {
            let what = format!("{} on a store with {}", writer.name, damage.name);
            let (dir, db) = damaged_copy(&bytes, damage);
            let before = std::fs::read(&db).unwrap();
            if damage.says == "damaged" {
                assert_ne!(
                    sqlite_verdict(&db),
                    "ok",
                    "{what}: SQLite must see the damage too"
                );
            }
            let out = newsroom(&db, &(writer.args)(dir.path()));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{what}: succeeded");
            assert!(stderr.contains(damage.says), "{what}: said {stderr:?}");
            assert_eq!(
                stderr.trim().lines().count(),
                1,
                "{what}: one sentence, got {stderr:?}"
            );
            assert_untouched(&db, &before, &what);
        }
    }
}

#[test]
fn damage_found_once_stops_every_later_write_until_doctor_finds_the_file_sound() {
    let (_sound, bytes) = sound_store();
    let (_dir, db) = damaged_copy(&bytes, &DAMAGES[1]);
    let title = |t: &str| strings(&["article", "new", "--title", t]);
    let out = newsroom(&db, &title("Một"));
    assert!(!out.status.success());
    let marker = support_marker(&db);
    assert!(marker.exists(), "the damage is on record");

    // A good copy put back (a restore from a backup): still refused until checked.
    std::fs::write(&db, &bytes).unwrap();
    let out = newsroom(&db, &title("Hai"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && stderr.contains("newsroom doctor"),
        "{stderr}"
    );

    let out = newsroom(&db, &strings(&["doctor"]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("writes are allowed again"));
    assert!(!marker.exists());
    let out = newsroom(&db, &title("Ba"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Doctor on a damaged file says so and keeps writes stopped.
    let mut damaged = std::fs::read(&db).unwrap();
    (DAMAGES[0].apply)(&mut damaged);
    std::fs::write(&db, &damaged).unwrap();
    let out = newsroom(&db, &strings(&["doctor"]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged"));
    assert!(marker.exists());
}

fn support_marker(db: &Path) -> PathBuf {
    db.with_extension("db.damaged")
}

/// Starts `newsroom serve` and posts one comment; returns the reply's status line.
fn post_to_intake(db: &Path) -> String {
    let mut child = Command::new(BIN)
        .env_remove("NEWSROOM_DB")
        .env("NEWSROOM_CONFIG", db.with_file_name("no-config.toml"))
        .env("USER", support::ADMIN)
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--no-captcha"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let reply = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|addr| {
            // The check at start runs on its own thread: give it a moment on a tiny store.
            std::thread::sleep(Duration::from_millis(300));
            let body = "article=1&name=B%E1%BA%A1n&title=H%E1%BB%8Fi&content=Khi+n%C3%A0o%3F";
            let request = format!(
                "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                 Connection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let mut conn = TcpStream::connect(addr).unwrap();
            conn.write_all(request.as_bytes()).unwrap();
            let mut reply = String::new();
            conn.read_to_string(&mut reply).unwrap();
            reply.lines().next().unwrap_or_default().to_owned()
        })
        .unwrap_or_else(|| format!("did not start: {line:?}"));
    let _ = child.kill();
    let _ = child.wait();
    reply
}

#[test]
fn the_intake_answers_503_instead_of_writing_into_a_damaged_store() {
    let (_sound, bytes) = sound_store();
    // Damage the intake can open past: pages inside the file.
    for damage in &DAMAGES[..3] {
        let (_dir, db) = damaged_copy(&bytes, damage);
        let before = std::fs::read(&db).unwrap();
        let reply = post_to_intake(&db);
        assert!(reply.contains("503"), "{}: {reply}", damage.name);
        assert_untouched(&db, &before, damage.name);
    }
}

/// Scribbles over a page of `table`, one the TUI's first screens never read.
fn damage_table(db: &Path, table: &str) {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(format!(
            "SELECT pageno FROM dbstat WHERE name = '{table}' ORDER BY pageno LIMIT 1;"
        ))
        .output()
        .expect("the sqlite3 shell runs");
    let page: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let mut bytes = std::fs::read(db).unwrap();
    let size = page_size(&bytes);
    for b in &mut bytes[(page - 1) * size..(page - 1) * size + 64] {
        *b = 0xA5;
    }
    std::fs::write(db, &bytes).unwrap();
    assert_ne!(sqlite_verdict(db), "ok");
}

#[test]
fn the_tui_opens_a_damaged_store_at_once_and_says_it_is_damaged() {
    let store = Store::demo(&[]);
    damage_table(&store.db, "audit_log");
    let bytes = std::fs::read(&store.db).unwrap();
    let mut tui = Tui::start(&store, 80, 24, &["--user", "huong.tran"]);
    tui.wait_for_text("Kho dữ liệu bị hỏng, không lưu được nữa");
    // Nothing typed is lost silently: a new article is refused with the same sentence.
    tui.send(b"n");
    tui.settled();
    assert_eq!(
        std::fs::read(&store.db).unwrap(),
        bytes,
        "the TUI wrote into the damaged store"
    );
    tui.send(b"\x11");
    tui.wait_exit(Duration::from_secs(5));
}
