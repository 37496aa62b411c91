//! Another program on the store file never costs a save: the real `sqlite3` shell opens and
//! closes the store while a TUI and the intake server (both the real binary) have it open,
//! and every save, decision and comment made afterwards is still in the file once they end.
//!
//! The bug this guards: the store file was opened and closed with `std::fs` while a SQLite
//! connection of the same process had it open. Closing any descriptor drops every POSIX lock
//! the process holds on the file, so the shell believed it was the last user, checkpointed
//! and deleted the `-wal` file, and the TUI went on writing into a deleted file.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::{CTRL_S, ESC, Store, Tui};

const EDITOR: &str = "huong.tran";
const TITLE: &str = "Phường Yên Phụ mở thêm bãi giữ xe";

/// The `sqlite3` shell, as an admin or a curious reporter would run it.
fn outside_client(store: &Store, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(&store.db)
        .arg(sql)
        .output()
        .expect("the sqlite3 shell runs (apt-get install sqlite3)");
    assert!(
        out.status.success(),
        "sqlite3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// `newsroom serve` on a free port, as its own process; returns it and where it listens.
fn start_intake(store: &Store) -> (Child, SocketAddr) {
    let mut child = Command::new(support::BIN)
        .env_remove("NEWSROOM_DB")
        .env("NEWSROOM_CONFIG", store.config())
        .env("USER", &store.admin)
        .arg("--db")
        .arg(&store.db)
        .args(["serve", "--listen", "127.0.0.1:0", "--no-captcha"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsroom serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, addr.parse().unwrap())
}

/// Posts a reader's comment from its own address; returns the HTTP status line.
fn post_comment(addr: SocketAddr, article: &str, title: &str, from: &str) -> String {
    let body = format!(
        "article={article}&name=B%E1%BA%A1n+%C4%91%E1%BB%8Dc&title={title}&content=C%E1%BA%A3m+%C6%A1n"
    );
    let request = format!(
        "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         X-Forwarded-For: {from}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut conn = TcpStream::connect(addr).unwrap();
    conn.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    reply.lines().next().unwrap_or_default().to_owned()
}

fn stop(mut intake: Child) {
    let _ = Command::new("kill").arg(intake.id().to_string()).status();
    let status = intake.wait().unwrap();
    assert!(
        status.success(),
        "the intake stops cleanly on SIGTERM: {status:?}"
    );
}

/// Each long-running process is tested alone: while another process holds the store, its
/// lock alone keeps the shell from deleting the WAL and would hide the other's loss.
#[test]
fn an_outside_sqlite3_client_never_costs_a_tui_save_or_decision() {
    let store = Store::demo(&[]);
    let mut tui = Tui::start(&store, 80, 24, &["--user", EDITOR]);
    tui.wait_for_text("Hai Bà Trưng");

    let count = outside_client(&store, "select count(*) from articles");
    assert!(count.parse::<i64>().unwrap() > 0);
    let wal = store.path().join("newsroom.db-wal");
    assert!(
        wal.exists(),
        "the shell must not delete the WAL while the TUI has the store open"
    );

    // A new article, saved in the TUI.
    tui.send(b"n");
    tui.wait_for_text("Sa-pô");
    tui.type_text(TITLE);
    tui.send(CTRL_S);
    tui.wait_for_text("Đã lưu");
    tui.send(ESC);
    tui.wait_for_text(TITLE);
    outside_client(&store, "select count(*) from comments");

    // Another session's change still reaches the TUI.
    let out = store.cli_as(EDITOR, &["article", "new", "--title", "Tin từ phiên khác"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    tui.wait_within(Duration::from_secs(3), "the other session's article", |s| {
        s.contains("Tin từ phiên khác")
    });

    // A decision in the TUI's queue: approve the first pending comment.
    tui.send(b"3");
    tui.wait_for_text("chờ duyệt");
    let pending_before = pending(&store);
    tui.send(b"f");
    tui.wait_until(Duration::from_secs(10), "the approval in the store", || {
        pending(&store) < pending_before
    });
    tui.send(b"\x11");
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");

    // Everything is in the file once the TUI has ended.
    let id = store.article_id(EDITOR, TITLE);
    assert_eq!(store.article(EDITOR, id)["title"].as_str(), Some(TITLE));
    let audit = outside_client(
        &store,
        &format!("select count(*) from audit_log where action = 'article.create' and entity_id = '{id}'"),
    );
    assert_eq!(audit, "1", "the article's audit row survives");
    assert_eq!(pending(&store), pending_before - 1, "the decision survives");
    let decisions = outside_client(
        &store,
        &format!("select count(*) from audit_log where action = 'comment.decide' and login = '{EDITOR}'"),
    );
    assert_eq!(decisions, "1", "the decision's audit row survives");
}

#[test]
fn an_outside_sqlite3_client_never_costs_an_intake_comment() {
    let store = Store::demo(&[]);
    let published = store.json(&["article", "list", "--status", "published", "--json"]);
    let slug = published[0]["slug"].as_str().unwrap().to_owned();
    let (intake, addr) = start_intake(&store);

    let first = post_comment(addr, &slug, "Tr%C6%B0%E1%BB%9Bc", "203.0.113.8");
    assert!(first.contains("200"), "{first}");
    outside_client(&store, "select count(*) from comments");
    let wal = store.path().join("newsroom.db-wal");
    assert!(
        wal.exists(),
        "the shell must not delete the WAL while the intake has the store open"
    );
    let reply = post_comment(addr, &slug, "Sau", "203.0.113.9");
    assert!(reply.contains("200"), "{reply}");
    outside_client(&store, "select count(*) from comments");
    stop(intake);

    for title in ["Trước", "Sau"] {
        let found = outside_client(
            &store,
            &format!("select count(*) from comments where title = '{title}'"),
        );
        assert_eq!(found, "1", "the intake's comment {title:?} survives");
    }
}

fn pending(store: &Store) -> i64 {
    outside_client(store, "select count(*) from comments where status = 'pending'")
        .parse()
        .unwrap()
}
