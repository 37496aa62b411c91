//! Test only (`#[cfg(test)] mod tests` in search.rs): the query table, accents, paging,
//! counts, the title index and the accent windows, each read every way a big store would.
use rusqlite::Connection;

use super::super::migrations::migrate;
use super::*;
use crate::domain::{ArticleDraft, Login, User};

fn t() -> jiff::Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

fn hanoi() -> TimeZone {
    crate::clock::zone("Asia/Ho_Chi_Minh").unwrap()
}

/// A fixed corpus: titles, bodies, an author, a tag, a date each.
fn corpus() -> (Store, User, Vec<i64>) {
    let mut store = Store::open_in_memory().unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
    let rows = [
        (
            "Tây Hồ tổng kết phong trào “Dân vận khéo”",
            "Đồng chí Bí thư dự hội nghị.",
            "2020-10-06T06:55:00Z",
        ),
        (
            "Đồng chí Chủ tịch thăm Tây-Hồ",
            "Chuyến thăm ngắn.",
            "2021-03-01T02:00:00Z",
        ),
        (
            "Cầu Giấy vá ổ gà",
            "Người dân Tây Hồ cũng phản ánh ổ gà.",
            "2022-05-05T05:00:00Z",
        ),
        (
            "Lễ hội hoa sen",
            "Không có gì về NOT và \"trích dẫn\".",
            "2023-07-07T07:00:00Z",
        ),
    ];
    let mut ids = Vec::new();
    for (title, body, at) in rows {
        let draft = ArticleDraft {
            title: title.into(),
            body: body.into(),
            ..Default::default()
        };
        ids.push(
            store
                .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at.parse().unwrap())
                .unwrap(),
        );
    }
    (store, admin, ids)
}

/// Runs `check` with each way of reading matches (by id, asking about each article,
/// listing them all), as a big store would for rare, close or spread-out words: all
/// must give the same rows in the same order.
fn every_way(check: impl Fn()) {
    check();
    for reach in [Reach::Few, Reach::Dense, Reach::Spread] {
        FORCE_REACH.with(|r| r.set(Some(reach)));
        check();
    }
    FORCE_REACH.with(|r| r.set(None));
}

fn found(store: &Store, query: &str) -> Vec<i64> {
    let q = SearchQuery::parse(query).unwrap();
    store
        .search_article_rows(&q, &hanoi(), None, Toward::Down, 50)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect()
}

/// Each query and the articles it must return, in order: title matches first, then
/// the newest.
#[test]
fn the_query_table() {
    let (store, _, ids) = corpus();
    let [a, b, c, d] = [ids[0], ids[1], ids[2], ids[3]];
    let table: Vec<(&str, Vec<i64>)> = vec![
        ("tay ho", vec![b, a, c]),
        ("Tây Hồ", vec![b, a, c]),
        ("TÂY HỒ", vec![b, a, c]),
        ("Tây-Hồ", vec![b, a, c]),
        ("dong chi", vec![b, a]),
        ("Đồng chí", vec![b, a]),
        ("dong ch", vec![b, a]),
        ("o ga", vec![c]),
        ("NOT", vec![d]),
        ("\"trich dan\"", vec![d]),
        ("\"", vec![d, c, b, a]),
        ("xyz", vec![]),
        ("tay ho before:01/01/2021", vec![a]),
        ("tay ho after:01/01/2021", vec![b, c]),
        ("author:root hoa sen", vec![d]),
        ("status:published", vec![]),
        ("status:draft sen", vec![d]),
    ];
    every_way(|| {
        for (query, want) in &table {
            assert_eq!(&found(&store, query), want, "{query}");
        }
    });
    let q = SearchQuery::parse("tay ho").unwrap();
    assert_eq!(store.search_article_count(&q, &hanoi()).unwrap(), 3);
}

/// Accents typed rank the articles that have them first; quotes hold words together.
/// Each row carries a snippet of its lead and body with the matches marked.
#[test]
fn accents_rank_first_and_phrases_hold_together() {
    let mut store = Store::open_in_memory().unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
    let mut id = |title: &str, body: &str, at: &str| {
        let draft = ArticleDraft {
            title: title.into(),
            body: body.into(),
            ..Default::default()
        };
        store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at.parse().unwrap())
            .unwrap()
    };
    let community = id(
        "Xây dựng cộng đồng văn minh",
        "Chi hội phụ nữ họp.",
        "2021-01-01T00:00:00Z",
    );
    let solstice = id("Đông chí ở phố cổ", "Trời lạnh.", "2022-01-01T00:00:00Z");
    let comrade = id(
        "Hội nghị tổng kết",
        "Sáng nay, Đồng chí Bí thư phát biểu.",
        "2020-01-01T00:00:00Z",
    );
    let table: [(&str, Vec<i64>); 6] = [
        ("dong chi", vec![solstice, community, comrade]),
        ("Đồng chí", vec![comrade, solstice, community]),
        // Only what was typed with accents must have them.
        ("đồng chi", vec![community, comrade, solstice]),
        ("Đông chí", vec![solstice, community, comrade]),
        ("chi hoi", vec![community, comrade]),
        ("\"chi hoi\"", vec![community]),
    ];
    every_way(|| {
        for (query, want) in &table {
            assert_eq!(&found(&store, query), want, "{query}");
        }
    });
    // Accents are read in the newest articles only: past the window, the order is the
    // one without accents (title matches, then the newest).
    WINDOW_TEST.with(|w| w.set(1));
    every_way(|| assert_eq!(found(&store, "Đồng chí"), [solstice, community, comrade]));
    WINDOW_TEST.with(|w| w.set(3));
    every_way(|| assert_eq!(found(&store, "Đồng chí"), [comrade, solstice, community]));
    WINDOW_TEST.with(|w| w.set(WINDOW));
    let q = SearchQuery::parse("Đồng chí").unwrap();
    let rows = store
        .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
        .unwrap();
    let snippet = rows[0].snippet.clone().unwrap();
    let marked: Vec<&str> = snippet.marks.iter().map(|(a, b)| &snippet.text[*a..*b]).collect();
    assert_eq!(marked, ["Đồng", "chí"], "{}", snippet.text);
    // Paging through the tiers in both directions gives the same order.
    let second = store
        .search_article_rows(&q, &hanoi(), Some(rows[1].key()), Toward::Down, 10)
        .unwrap();
    assert_eq!(
        second.iter().map(|r| r.id).collect::<Vec<_>>(),
        [solstice, community]
    );
    let above = store
        .search_article_rows(&q, &hanoi(), Some(rows[2].key()), Toward::Up, 10)
        .unwrap();
    assert_eq!(
        above.iter().map(|r| r.id).collect::<Vec<_>>(),
        [comrade, solstice]
    );
}

#[test]
fn pages_continue_from_their_key_in_both_directions() {
    let (store, _, _) = corpus();
    every_way(|| {
        for query in ["tay", "Tây"] {
            let q = SearchQuery::parse(query).unwrap();
            let all = store
                .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
                .unwrap();
            assert_eq!(all.len(), 3, "{query}");
            let second = store
                .search_article_rows(&q, &hanoi(), Some(all[1].key()), Toward::Down, 10)
                .unwrap();
            assert_eq!(
                second.iter().map(|r| r.id).collect::<Vec<_>>(),
                all[1..].iter().map(|r| r.id).collect::<Vec<_>>(),
                "{query}"
            );
            let above = store
                .search_article_rows(&q, &hanoi(), Some(all[2].key()), Toward::Up, 10)
                .unwrap();
            assert_eq!(
                above.iter().map(|r| r.id).collect::<Vec<_>>(),
                all[..2].iter().map(|r| r.id).collect::<Vec<_>>(),
                "{query}"
            );
        }
    });
}

#[test]
fn the_count_agrees_with_the_rows_with_and_without_filters() {
    let (store, _, _) = corpus();
    for query in ["dong", "ho", "Đồng chí", "tay ho", "zzz", "dong status:draft"] {
        let q = SearchQuery::parse(query).unwrap();
        let count = store.search_article_count(&q, &hanoi()).unwrap();
        assert_eq!(count as usize, found(&store, query).len(), "{query}");
    }
}

#[test]
fn edits_and_erasures_are_indexed_at_once() {
    let (mut store, admin, ids) = corpus();
    let mut text = store.article(ids[3]).unwrap().text();
    text.body = "Phường Phúc Đồng khánh thành nhà văn hoá".into();
    let req = crate::store::SaveRequest {
        article: ids[3],
        base_version: 1,
        session: "s",
        slug: crate::store::SlugSource::Derived,
        reason: "saved",
        note: None,
    };
    store.save_article(&admin, &text, req, t()).unwrap();
    assert_eq!(found(&store, "phuc dong"), vec![ids[3]]);
    assert!(
        found(&store, "trich dan").is_empty(),
        "the old text is gone from the index"
    );
}

/// Titles have an index of their own (migration 14): a new title ranks as a title
/// match at once, the old one no longer does, and a deleted draft leaves no trace.
#[test]
fn the_title_index_follows_renames_and_deletions() {
    let (mut store, admin, ids) = corpus();
    let tier_of = |store: &Store, query: &str| -> Vec<(i64, i64)> {
        let q = SearchQuery::parse(query).unwrap();
        store
            .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
            .unwrap()
            .iter()
            .map(|r| (r.id, r.tier))
            .collect()
    };
    assert_eq!(tier_of(&store, "o ga"), [(ids[2], 1)]);
    let mut text = store.article(ids[2]).unwrap().text();
    text.title = "Phố Huế thông xe".into();
    let req = crate::store::SaveRequest {
        article: ids[2],
        base_version: 1,
        session: "s",
        slug: crate::store::SlugSource::Derived,
        reason: "saved",
        note: None,
    };
    store.save_article(&admin, &text, req, t()).unwrap();
    assert_eq!(tier_of(&store, "pho hue"), [(ids[2], 1)]);
    // Still in the body ("phản ánh ổ gà"), no longer in the title.
    assert_eq!(tier_of(&store, "o ga"), [(ids[2], 0)]);
    store.delete_draft(&admin, ids[2], t()).unwrap();
    assert!(tier_of(&store, "pho hue").is_empty());
    let titled: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM article_title_fts WHERE article_title_fts MATCH '\"pho\" \"hue\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(titled, 0, "the deleted title is out of the title index");
}

/// A store written before search existed is indexed by its migration.
#[test]
fn migration_four_indexes_what_was_there() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate(&mut conn, 3).unwrap();
    conn.execute_batch(
        "INSERT INTO users (login, display_name, role, created_at) VALUES ('lan', 'Lan', 'reporter', 0);
         INSERT INTO articles (id, slug, title, body, author, created_at, updated_at)
         VALUES (1, 'a', 'Đường Láng ngập', 'Mưa lớn', 'lan', 0, 0);
         INSERT INTO articles (id, slug, title, status, author, created_at, updated_at)
         VALUES (2, 'b', 'Tin khác', 'published', 'lan', 0, 0);
         INSERT INTO comments (article_id, author_name, title, body, submitted_at)
         VALUES (2, 'Đỗ Hùng', 'Hỏi', 'Đường Láng bao giờ sửa?', 0);",
    )
    .unwrap();
    migrate(&mut conn, 4).unwrap();
    let articles: i64 = conn
        .query_row(
            "SELECT count(*) FROM article_fts WHERE article_fts MATCH '\"duong\" \"lang\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let comments: i64 = conn
        .query_row(
            "SELECT count(*) FROM comment_fts WHERE comment_fts MATCH '\"do\" \"hung\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((articles, comments), (1, 1));
}

#[test]
fn comments_are_found_by_author_title_and_text() {
    let (mut store, admin, ids) = corpus();
    store
        .transition(
            &admin,
            ids[2],
            crate::domain::Transition::Publish,
            Default::default(),
            t(),
        )
        .ok();
    let article = store.article(ids[2]).unwrap();
    assert_ne!(article.status, Status::Published, "no lead: not publishable");
    let new = crate::store::NewComment {
        article_id: ids[2],
        name: "Đỗ Thị Hằng".into(),
        phone: String::new(),
        title: "Ổ gà".into(),
        content: "Đường Láng có ổ gà".into(),
        ip: String::new(),
        submitted_at: t(),
    };
    store
        .seed_comments(&admin, &[(new, CommentStatus::Pending)], t())
        .unwrap();
    let q = SearchQuery::parse("do thi hang").unwrap();
    assert_eq!(store.search_comments(&q, &hanoi(), None, 10).unwrap().len(), 1);
    let q = SearchQuery::parse("duong lang").unwrap();
    assert_eq!(
        store
            .search_comments(&q, &hanoi(), Some(CommentStatus::Spam), 10)
            .unwrap()
            .len(),
        0
    );
}

/// Accents typed put the comments that have them first, among the newest matches
/// (the window); a page shorter than the window is always full.
#[test]
fn comments_with_the_accents_typed_come_first_within_the_window() {
    let (mut store, admin, ids) = corpus();
    let texts = [
        ("2026-11-01T00:00:00Z", "Đồng chí Bí thư nói đúng"),
        ("2026-11-02T00:00:00Z", "Trời đông chí lạnh"),
        ("2026-11-03T00:00:00Z", "Cộng đồng chi tiêu"),
    ];
    let seeded: Vec<_> = texts
        .iter()
        .map(|(at, content)| {
            let new = crate::store::NewComment {
                article_id: ids[0],
                name: "Lan".into(),
                phone: String::new(),
                title: "Ý kiến".into(),
                content: (*content).into(),
                ip: String::new(),
                submitted_at: at.parse().unwrap(),
            };
            (new, CommentStatus::Pending)
        })
        .collect();
    store.seed_comments(&admin, &seeded, t()).unwrap();
    let contents = |query: &str, limit: usize| -> Vec<String> {
        let q = SearchQuery::parse(query).unwrap();
        store
            .search_comments(&q, &hanoi(), None, limit)
            .unwrap()
            .into_iter()
            .map(|c| c.content)
            .collect()
    };
    let (comrade, solstice, community) = (texts[0].1, texts[1].1, texts[2].1);
    assert_eq!(contents("dong chi", 10), [community, solstice, comrade]);
    assert_eq!(contents("Đồng chí", 10), [comrade, community, solstice]);
    assert_eq!(contents("Đồng chí", 2), [comrade, community]);
    // A window of the newest two: the oldest, which has the accents, is past it.
    COMMENT_WINDOW_TEST.with(|w| w.set(2));
    assert_eq!(contents("Đồng chí", 1), [community]);
    assert_eq!(contents("Đồng chí", 10), [comrade, community, solstice]);
    COMMENT_WINDOW_TEST.with(|w| w.set(COMMENT_WINDOW));
}
