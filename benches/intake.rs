//! Throughput of the comment intake: comment posts per second over loopback, with the
//! captcha and flood control off so every post reaches the store.
//!
//! Run with `cargo bench --bench intake`. Eight client connections (HTTP/1.1 keep-alive)
//! post for five seconds; the figure counts only posts answered 200 and found in the store:
//! the rows themselves, read with a connection of the benchmark's own, not the queue counts
//! the triggers keep (a broken trigger would agree with a broken count).
//! Target: at least 2,000 comments/second on two cores.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use newsroom::config::Config;
use newsroom::demo::{self, DemoSize};
use newsroom::domain::{Login, Status};
use newsroom::intake::{self, Options};
use newsroom::store::{OpenMode, Store};

const CONNECTIONS: usize = 8;
const RUN: Duration = Duration::from_secs(5);

fn main() {
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
    let id = store
        .article_ids_page(Some(Status::Published), None, None, 1)
        .unwrap()[0]
        .1;
    let slug = store.article(id).unwrap().slug;

    let mut options = Options::from_config(&Config::default());
    options.captcha = false;
    options.rules.flood_seconds = 0;
    let server = intake::serve_on(TcpListener::bind("127.0.0.1:0").unwrap(), &db, options).unwrap();
    let addr = server.addr();

    let running = Arc::new(AtomicBool::new(true));
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            let (running, slug) = (Arc::clone(&running), slug.clone());
            std::thread::spawn(move || client(addr, c, &slug, &running))
        })
        .collect();
    let started = Instant::now();
    std::thread::sleep(RUN);
    running.store(false, Ordering::Relaxed);
    let mut replied: Vec<i64> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    let elapsed = started.elapsed().as_secs_f64();
    server.stop().unwrap();
    drop(store);

    // Every 200 named a comment id; the store holds exactly those rows, each once.
    replied.sort_unstable();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<i64> = conn
        .prepare("SELECT id FROM comments ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), replied.len(), "every 200 is one stored row");
    assert!(rows == replied, "the ids answered 200 are the ids stored");
    let accepted = replied.len() as u64;
    println!(
        "intake: {accepted} comments in {elapsed:.1} s over {CONNECTIONS} connections = {:.0} comments/second",
        accepted as f64 / elapsed
    );
}

/// Posts on one keep-alive connection until told to stop; returns the `comment_id` of every
/// post answered 200.
fn client(addr: SocketAddr, c: usize, slug: &str, running: &AtomicBool) -> Vec<i64> {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut accepted = Vec::new();
    let mut n = 0u64;
    while running.load(Ordering::Relaxed) {
        n += 1;
        let body = format!(
            "article={slug}&name=B%E1%BA%A1n+%C4%91%E1%BB%8Dc+{c}&phone=0912345678&title=Ti%C3%AAu+%C4%91%E1%BB%81&content=N%E1%BB%99i+dung+{c}-{n}"
        );
        let request = format!(
            "POST /comments HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        writer.write_all(request.as_bytes()).unwrap();
        let (status, body) = read_reply(&mut reader);
        if status == 200 {
            let reply: serde_json::Value = serde_json::from_slice(&body).unwrap();
            accepted.push(reply["comment_id"].as_i64().unwrap());
        }
    }
    accepted
}

/// Reads one reply with a Content-Length body; returns its status and body.
fn read_reply(reader: &mut BufReader<TcpStream>) -> (u16, Vec<u8>) {
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status, body)
}
