//! Clients that would hold the intake without nginx in front: idle and trickling ones,
//! slow bodies, too many connections, oversized or broken bodies, forged and guessed
//! captcha answers. Timeouts are set short through the options; every bound asserted is
//! far above the timeout, so a slow machine does not fail them.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use jiff::SignedDuration;

use super::*;

/// Longer than any short timeout here takes to act, on a busy machine too.
const PATIENCE: Duration = Duration::from_secs(10);

fn short(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// Reads until the server closes; None if it did not within `PATIENCE`.
fn until_closed(stream: &mut TcpStream) -> Option<(Duration, Vec<u8>)> {
    let start = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some((start.elapsed(), got)),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => return None,
            Err(_) => return Some((start.elapsed(), got)),
        }
    }
}

/// Reads one reply on a kept-alive connection: its head, then Content-Length bytes.
fn read_one(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut byte = [0u8; 1];
    while !got.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).unwrap(), 1, "the reply ended early");
        got.push(byte[0]);
    }
    let head = String::from_utf8(got).unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap();
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    head
}

#[test]
fn an_idle_connection_is_closed_before_and_between_requests() {
    let site = site(|o| {
        o.captcha = false;
        o.idle_timeout = short(300);
    });
    let mut silent = connect(site.addr());
    let (after, got) = until_closed(&mut silent).expect("a silent connection is closed");
    assert!(got.is_empty() && after < PATIENCE, "{after:?} {got:?}");

    let mut kept = connect(site.addr());
    kept.write_all(b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert!(read_one(&mut kept).starts_with("HTTP/1.1 404"));
    let (after, got) = until_closed(&mut kept).expect("a kept-alive connection is closed when idle");
    assert!(got.is_empty(), "nothing more was said: {got:?}");
    assert!(after < PATIENCE, "{after:?}");
}

#[test]
fn a_trickled_request_head_is_cut_off() {
    let site = site(|o| {
        o.captcha = false;
        o.header_timeout = short(500);
        // Each byte would keep an idle deadline alive: only the head's own deadline can act.
        o.idle_timeout = PATIENCE * 10;
    });
    let mut slow = connect(site.addr());
    let head = b"POST /comments HTTP/1.1\r\nHost: x\r\nX-Padding: "
        .iter()
        .chain([b'a'; 400].iter());
    let start = Instant::now();
    let mut cut = false;
    for byte in head {
        if slow.write_all(&[*byte]).is_err() {
            cut = true;
            break;
        }
        std::thread::sleep(short(20));
    }
    if !cut {
        cut = until_closed(&mut slow).is_some();
    }
    assert!(cut, "the server still waits after {:?}", start.elapsed());
    assert!(start.elapsed() < PATIENCE, "{:?}", start.elapsed());
}

#[test]
fn a_slow_body_gets_408_and_the_connection_ends() {
    let site = site(|o| {
        o.captcha = false;
        o.body_timeout = short(300);
    });
    let mut slow = connect(site.addr());
    slow.write_all(
        b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
          Accept: application/json\r\nContent-Length: 200\r\n\r\nname=Lan&title=",
    )
    .unwrap();
    let (_, got) = until_closed(&mut slow).expect("the connection is closed");
    let text = String::from_utf8(got).unwrap();
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"too_slow\""), "{text}");
    assert!(text.contains("quá chậm"), "{text}");
}

#[test]
fn connections_over_the_cap_are_told_busy_and_closed() {
    let site = site(|o| {
        o.captcha = false;
        o.rules.flood_seconds = 0;
        o.max_connections = 3;
        o.idle_timeout = PATIENCE * 10;
    });
    let mut held: Vec<_> = (0..3).map(|_| connect(site.addr())).collect();
    // Each held connection is served (so counted) once it has had an answer.
    for stream in &mut held {
        stream
            .write_all(b"GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        assert!(read_one(stream).starts_with("HTTP/1.1 404"));
    }
    let mut extra = connect(site.addr());
    let (_, got) = until_closed(&mut extra).expect("the extra connection is closed");
    let text = String::from_utf8(got).unwrap();
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(text.contains("Retry-After: 5"), "{text}");
    assert!(text.contains("quá tải"), "{text}");

    drop(held.pop());
    let start = Instant::now();
    let body = site.form(&[]);
    loop {
        let reply = request(site.addr(), "POST", "/comments", &[FORM], body.as_bytes());
        if reply.status == 200 {
            break;
        }
        assert_eq!(reply.status, 503);
        assert!(start.elapsed() < PATIENCE, "a freed place is never given back");
        std::thread::sleep(short(50));
    }
}

#[test]
fn a_huge_content_length_is_413_before_any_body_is_sent() {
    let site = site(no_captcha);
    let mut stream = connect(site.addr());
    stream
        .write_all(
            b"POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 10485760\r\n\r\n",
        )
        .unwrap();
    let (_, got) = until_closed(&mut stream).expect("answered and closed without the body");
    let text = String::from_utf8(got).unwrap();
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("Bình luận quá dài"), "{text}");
}

#[test]
fn a_broken_chunked_body_is_400_saying_so() {
    let site = site(no_captcha);
    let head = "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                Transfer-Encoding: chunked\r\nConnection: close\r\n";
    for (accept, says) in [
        ("Accept: application/json\r\n", "\"broken_body\""),
        ("", "chia khúc sai"),
    ] {
        let raw = format!("{head}{accept}\r\n5\r\nname=\r\nZZ-not-a-size\r\nLan\r\n0\r\n\r\n");
        let reply = send(site.addr(), raw.as_bytes());
        assert_eq!(reply.status, 400, "{reply:?}");
        assert!(reply.body.contains(says), "{}", reply.body);
        assert!(!reply.body.contains("UTF-8"), "{}", reply.body);
    }
}

#[test]
fn only_real_captcha_tokens_are_remembered_and_their_number_is_capped() {
    let site = site(|o| {
        o.rules.flood_seconds = 0;
        o.spent_tokens = 2;
        o.captcha_failures = 10_000;
    });
    let post_with = |token: &str| {
        let form = site.form(&[("captcha_token", token), ("captcha", "K7M4P")]);
        post(&site, &form, "10.0.6.1", true)
    };
    let code = |reply: Reply| match reply.status {
        200 => "received".to_owned(),
        _ => reply.problems()[0].1.clone(),
    };
    let tokens: Vec<_> = (0..3)
        .map(|_| site.token("K7M4P", SignedDuration::from_secs(60)))
        .collect();
    assert_eq!(code(post_with(&tokens[0])), "received");
    assert_eq!(code(post_with(&tokens[1])), "received");
    for _ in 0..50 {
        let forged = captcha::issue_with_answer(
            "not the secret",
            "K7M4P",
            Timestamp::now() + SignedDuration::from_secs(60),
        )
        .unwrap();
        assert_eq!(code(post_with(&forged)), "invalid");
    }
    assert_eq!(
        code(post_with(&tokens[0])),
        "used",
        "forged tokens pushed nothing out"
    );
    assert_eq!(code(post_with(&tokens[1])), "used");
    assert_eq!(code(post_with(&tokens[2])), "received");
    assert_eq!(
        code(post_with(&tokens[0])),
        "received",
        "past the cap the oldest spent token is forgotten"
    );
}

#[test]
fn too_many_wrong_captcha_answers_are_429_for_that_reader() {
    let site = site(|o| {
        o.rules.flood_seconds = 0;
        o.captcha_failures = 3;
    });
    let answer = |from: &str, answer: &str| {
        let token = site.token("K7M4P", SignedDuration::from_secs(60));
        let form = site.form(&[("captcha_token", token.as_str()), ("captcha", answer)]);
        post(&site, &form, from, true)
    };
    for _ in 0..3 {
        assert_eq!(answer("2001:db8:7:7::1", "WRONG").problems()[0].1, "wrong");
    }
    let held = answer("2001:db8:7:7::abcd", "K7M4P");
    assert_eq!(held.status, 429, "{held:?}");
    assert_eq!(held.json()["status"], "captcha_failures");
    let wait: i64 = held.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=300).contains(&wait), "{wait}");
    assert!(
        held.json()["message"]
            .as_str()
            .unwrap()
            .contains(&format!("chờ {wait} giây"))
    );
    assert_eq!(
        answer("2001:db8:7:8::1", "K7M4P").status,
        200,
        "another /64 is another reader"
    );
    assert_eq!(site.store().comment_count(None).unwrap(), 1);
}

#[test]
fn ipv6_readers_are_flood_limited_per_slash_64() {
    let site = site(no_captcha);
    for n in 1..=3 {
        let body = site.form(&[("content", &format!("Lần {n}, từ một địa chỉ mới"))]);
        let from = format!("2001:db8:1:2::{n}");
        assert_eq!(post(&site, &body, &from, false).status, 200);
    }
    let next = site.form(&[("content", "Lại là tôi, từ một địa chỉ mới")]);
    assert_eq!(post(&site, &next, "2001:db8:1:2:a:b:c:d", false).status, 429);
    assert_eq!(post(&site, &next, "2001:db8:1:3::1", false).status, 200);
}

#[test]
fn a_stop_lets_a_request_in_flight_finish() {
    let site = site(|o| {
        o.captcha = false;
        o.body_timeout = PATIENCE;
    });
    let body = site.form(&[]);
    let (first, rest) = body.as_bytes().split_at(body.len() / 2);
    let mut stream = connect(site.addr());
    let head = format!(
        "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(first).unwrap();
    std::thread::sleep(short(200));
    let Site { server, _dir, .. } = site;
    let stopping = std::thread::spawn(move || server.stop());
    std::thread::sleep(short(200));
    stream.write_all(rest).unwrap();
    let (_, got) = until_closed(&mut stream).expect("answered, then closed");
    let text = String::from_utf8(got).unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    stopping.join().unwrap().unwrap();
}
