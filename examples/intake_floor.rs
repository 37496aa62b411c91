//! The floor under the comment intake: comments per second through the intake's store path
//! (the rules' look-ups, the insert, the audit row; one transaction each) next to the same
//! rows inserted directly with rusqlite, one transaction each, so the same triggers and
//! indexes do the same work. scripts/perf.sh prints the ratio.
//!
//!     cargo run --release --example intake_floor -- STORE ARTICLE_ID [N]

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use jiff::Timestamp;
use newsroom::domain::{CommentForm, Rules};
use newsroom::store::{ArticleRef, OpenMode, Store, Submission};
use rusqlite::{Connection, TransactionBehavior, params};

fn form(i: usize, kind: &str) -> CommentForm {
    CommentForm {
        name: format!("Độc giả {kind} {i}"),
        phone: String::new(),
        title: "Ý kiến".into(),
        content: format!("Bình luận {kind} số {i}: đường Láng ngập sâu sau mưa, mong sớm khơi thông cống."),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = std::path::PathBuf::from(&args[1]);
    let article: i64 = args[2].parse().unwrap();
    let n: usize = args.get(3).map_or(2000, |s| s.parse().unwrap());
    let rules = Rules {
        flood_seconds: 0,
        ..Rules::default()
    };

    let mut store = Store::open(&db, OpenMode::MustExist).unwrap();
    let started = Instant::now();
    for i in 0..n {
        let sub = Submission {
            article: ArticleRef::Id(article),
            form: form(i, "intake"),
            ip: format!("10.0.{}.{}", i / 250, i % 250 + 1),
            submitted_at: Timestamp::now(),
            import_key: None,
        };
        store.submit_comment(&sub, &rules, Timestamp::now()).unwrap();
    }
    let intake = n as f64 / started.elapsed().as_secs_f64();
    drop(store);

    let mut conn = Connection::open(&db).unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let started = Instant::now();
    for i in 0..n {
        let f = form(i, "direct");
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        tx.prepare_cached(
            "INSERT INTO comments (article_id, author_name, phone, title, body, ip, submitted_at, status,
                                   content_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8)",
        )
        .unwrap()
        .execute(params![
            article,
            f.name,
            f.phone,
            f.title,
            f.content,
            format!("10.1.{}.{}", i / 250, i % 250 + 1),
            Timestamp::now().as_second(),
            (i as u64).to_be_bytes().to_vec()
        ])
        .unwrap();
        tx.commit().unwrap();
    }
    let direct = n as f64 / started.elapsed().as_secs_f64();
    println!("{intake:.0} {direct:.0}");
}
