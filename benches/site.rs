//! The published site at size: 10,000 published articles, each with two photos and five
//! approved comments.
//!
//! Run with `cargo bench --bench site`. Targets: a full build under 10 s; a rebuild after
//! one article changed (a comment approved, or a title corrected) under 0.5 s. The store
//! is made fresh in a temporary folder each run (about a minute).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

mod common;

use common::benchmarking;
use jiff::{SignedDuration, Timestamp};

use newsroom::config;
use newsroom::demo::{self, DemoSize};
use newsroom::domain::{ArticleDraft, CommentStatus, Login, Photo, Status};
use newsroom::store::{NewComment, OpenMode, SeedArticle, Store};

const ARTICLES: usize = 10_000;
const COMMENTS_EACH: usize = 5;
const PICTURES: usize = 40;
const FULL_TARGET: Duration = Duration::from_secs(10);
const ONE_TARGET: Duration = Duration::from_millis(500);

/// CPU seconds this process has used (user and system): the machine is shared, so the
/// wall time alone says as much about the neighbours as about the build.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime, fields 14 and 15 of the line (11 and 12 after the name), at 100 Hz.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn picture(seed: usize) -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 200, |x, y| image::Rgb([x as u8, y as u8, seed as u8]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn body(i: usize) -> String {
    let para = "Sáng nay, quận tổ chức hội nghị sơ kết phong trào thi đua, với sự tham gia của đại diện các phường, \
                Mặt trận Tổ quốc và các đoàn thể. Nhiều mô hình hay được biểu dương, khen thưởng.";
    (0..8)
        .map(|p| format!("{para} (**{i}.{p}**)"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn load(db: &Path) -> Store {
    let mut store = Store::open(db, OpenMode::Init).unwrap();
    let now = Timestamp::now();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now).unwrap();
    demo::load(
        &mut store,
        &admin,
        DemoSize {
            articles: Some(1),
            comments: Some(0),
        },
        newsroom::clock::DEFAULT_ZONE,
        now,
    )
    .unwrap();
    let media = newsroom::media::dir_for(db);
    let stored: Vec<_> = (0..PICTURES)
        .map(|i| {
            let bytes = picture(i);
            let info = newsroom::media::inspect(&bytes).unwrap();
            newsroom::media::store(&media, &bytes, info).unwrap()
        })
        .collect();
    let tags = [
        "Dân vận",
        "Đô thị",
        "Giao thông",
        "Văn hóa",
        "Y tế",
        "Thể thao",
        "Giáo dục",
        "Môi trường",
    ];
    let start = now - SignedDuration::from_hours(ARTICLES as i64);
    for chunk in (0..ARTICLES).collect::<Vec<_>>().chunks(1000) {
        let seeds: Vec<SeedArticle> = chunk
            .iter()
            .map(|&i| {
                let photo = |k: usize, after: u32| {
                    let s = &stored[(i * 2 + k) % PICTURES];
                    Photo {
                        file: s.file.clone(),
                        sha256: s.sha256.clone(),
                        caption: format!("Ảnh {k} của bài {i}"),
                        credit: "Nhóm PV".into(),
                        alt: Some(format!("Quang cảnh hội nghị {i}")),
                        width: Some(s.info.width),
                        height: Some(s.info.height),
                        after_paragraph: Some(after),
                        ..Photo::default()
                    }
                };
                let at = start + SignedDuration::from_hours(i as i64);
                SeedArticle {
                    draft: ArticleDraft {
                        title: format!("Quận tổng kết phong trào thi đua, bài số {i}"),
                        dateline: "HNP".into(),
                        lead: format!("Sáng nay, quận tổ chức hội nghị sơ kết (bài {i})."),
                        body: body(i),
                        byline: "Nhóm PV".into(),
                    },
                    slug: format!("quan-tong-ket-phong-trao-{i}"),
                    status: Status::Published,
                    author: "root".into(),
                    tags: vec![tags[i % tags.len()].into(), tags[(i / 3) % tags.len()].into()],
                    photos: vec![photo(0, 1), photo(1, 4)],
                    created_at: at,
                    scheduled_at: None,
                    published_at: Some(at),
                }
            })
            .collect();
        let ids = store
            .seed_articles(&admin, &seeds, newsroom::clock::DEFAULT_ZONE, now)
            .unwrap();
        let comments: Vec<_> = ids
            .iter()
            .flat_map(|&id| {
                (0..COMMENTS_EACH).map(move |k| {
                    (
                        NewComment {
                            article_id: id,
                            name: format!("Bạn đọc {k}"),
                            phone: "0912345678".into(),
                            title: "Ý kiến".into(),
                            content: "Bài viết hay, cảm ơn phóng viên.\nMong quận tiếp tục.".into(),
                            ip: "203.0.113.1".into(),
                            submitted_at: now - SignedDuration::from_mins(k as i64),
                        },
                        CommentStatus::Approved,
                    )
                })
            })
            .collect();
        store.seed_comments(&admin, &comments, now).unwrap();
    }
    store
}

fn main() {
    if !benchmarking() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let started = Instant::now();
    let store = load(&db);
    println!(
        "loaded {ARTICLES} published articles in {:.1?}",
        started.elapsed()
    );
    let site = config::Site::default();
    let zone = newsroom::clock::zone(newsroom::clock::DEFAULT_ZONE).unwrap();
    let media = newsroom::media::dir_for(&db);
    let out = dir.path().join("site");
    let options = newsroom::site::Options {
        out: &out,
        site: &site,
        zone: &zone,
        media: &media,
    };
    let timed = |what: &str, target: Duration| {
        let t = Instant::now();
        let c = cpu();
        let report = newsroom::site::build(&store, options).unwrap();
        let took = t.elapsed();
        let used = cpu() - c;
        let verdict = if took <= target { "ok" } else { "OVER TARGET" };
        println!(
            "{what}: {took:.2?} wall, {used:.2?} CPU (target {target:?}, {verdict}); wrote {}, kept {}",
            report.written.written.len(),
            report.written.kept
        );
        report
    };
    let full = timed("full build", FULL_TARGET);
    assert!(full.articles > ARTICLES);
    timed("rebuild, nothing changed", ONE_TARGET);
    timed("rebuild, nothing changed (again)", ONE_TARGET);

    // A comment approved on an article in the middle: its page only.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let middle = ARTICLES as i64 / 2;
    conn.execute(
        "UPDATE comments SET status = 'rejected', version = version + 1
         WHERE id = (SELECT max(id) FROM comments WHERE article_id = ?1)",
        [middle],
    )
    .unwrap();
    let r = timed("rebuild, one comment decided", ONE_TARGET);
    assert_eq!(r.written.written.len(), 1, "{:?}", r.written.written);

    // A title corrected: the article, its neighbours, its list pages.
    conn.execute(
        "UPDATE articles SET title = title || ' (đã sửa)', version = version + 1 WHERE id = ?1",
        [middle],
    )
    .unwrap();
    let r = timed("rebuild, one title corrected", ONE_TARGET);
    println!("  rewrote: {:?}", r.written.written);
}
