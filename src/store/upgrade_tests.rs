//! Stores written by every earlier schema version, full of comments, articles, revisions,
//! autosaves, users and audit rows, carried through every later migration by the real
//! `Store::open`. What the library shows afterwards (queue counts, each author's history,
//! search results, revisions) must be what the old rows say.
//!
//! The old store is built with the migrations' own steps, stopped at version N, and filled
//! with SQL shaped for that version: the columns it had, and the folded copies the code of
//! that time kept. The expected answers are worked out from those rows in plain Rust, so a
//! migration that fills a count or an index wrongly cannot agree with itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rusqlite::{Connection, params};

use super::migrations::migrate;
use super::search_migrations::fold_article_v4;
use super::{LATEST_VERSION, OpenMode, Store, Toward};
use crate::domain::{CommentStatus, SearchQuery};
use crate::text::fold;

const STATUSES: [&str; 4] = ["pending", "approved", "rejected", "spam"];

/// (slug, title, lead, body, status, author): enough Vietnamese for accent-free search.
const ARTICLES: [(&str, &str, &str, &str, &str, &str); 6] = [
    (
        "ho-tay-mua-sen",
        "Hồ Tây mùa sen",
        "Sen nở kín mặt hồ.",
        "Người Hà Nội dậy sớm ngắm sen.",
        "published",
        "lan",
    ),
    (
        "dong-chi-bi-thu",
        "Đồng chí Bí thư thăm phường",
        "Buổi làm việc sáng nay.",
        "Đồng chí ghi nhận ý kiến của dân.",
        "published",
        "huong",
    ),
    (
        "duong-thuy-khue",
        "Đường Thụy Khuê sửa xong",
        "Mặt đường phẳng.",
        "Tây Hồ có thêm tuyến phố đẹp.",
        "scheduled",
        "lan",
    ),
    (
        "cho-dong-xuan",
        "Chợ Đồng Xuân đêm cuối tuần",
        "Phố đi bộ đông vui.",
        "Hàng quà vặt mở đến khuya.",
        "draft",
        "lan",
    ),
    (
        "mua-thu-ha-noi",
        "Mùa thu Hà Nội",
        "Hoa sữa nồng nàn.",
        "Gió heo may về trên phố cổ.",
        "submitted",
        "huong",
    ),
    (
        "lu-quet",
        "Lũ quét ở vùng cao",
        "Đường bị chia cắt.",
        "Bộ đội giúp dân dựng lại nhà.",
        "spiked",
        "root",
    ),
];

/// (name, phone): authors whose history the moderator sees beside each comment.
const AUTHORS: [(&str, &str); 4] = [
    ("Trần Thị Mai", "0912345678"),
    ("Nguyễn Văn Đức", "0987654321"),
    ("Phạm Thu", ""),
    ("Lê Hoàng", "0243825123"),
];

const QUERIES: [&str; 6] = ["tay ho", "Tây Hồ", "dong chi", "đồng ch", "duc", "sen"];

/// A comment as the old store holds it.
struct OldComment {
    id: i64,
    author: usize,
    status: &'static str,
    title: String,
    body: String,
}

/// 37 comments over the published articles: every status, every author, some decided.
fn comments() -> Vec<OldComment> {
    let words = [
        "Hồ Tây đẹp quá",
        "Cảm ơn đồng chí",
        "Đường còn bụi",
        "Sen thơm",
        "Cần thêm đèn",
    ];
    (0..37)
        .map(|i| OldComment {
            id: i + 1,
            author: (i as usize * 7) % AUTHORS.len(),
            status: STATUSES[(i as usize * 3 + i as usize / 5) % STATUSES.len()],
            title: format!("Ý kiến số {i}"),
            body: format!("{} ({i})", words[i as usize % words.len()]),
        })
        .collect()
}

/// Builds a store at `version` with the migrations' own steps and fills it as the code of
/// that version would have.
fn old_store(path: &Path, version: i64) {
    let mut conn = Connection::open(path).unwrap();
    migrate(&mut conn, version).unwrap();
    let tx = conn.transaction().unwrap();
    for (login, name, role) in [
        ("root", "Quản trị", "admin"),
        ("lan", "Nguyễn Thị Lan", "reporter"),
        ("huong", "Trần Hương", "editor"),
    ] {
        tx.execute(
            "INSERT INTO users (login, display_name, role, active, created_at) VALUES (?1, ?2, ?3, 1, 100)",
            params![login, name, role],
        )
        .unwrap();
    }
    tx.execute(
        "INSERT INTO tags (id, name, slug) VALUES (1, 'Dân vận', 'dan-van')",
        [],
    )
    .unwrap();
    for (i, (slug, title, lead, body, status, author)) in ARTICLES.iter().enumerate() {
        let id = i as i64 + 1;
        let published = (*status == "published").then_some(1_000 + id);
        tx.execute(
            "INSERT INTO articles (id, slug, title, dateline, lead, body, byline, status, author,
                                   created_at, updated_at, published_at, version)
             VALUES (?1, ?2, ?3, 'HNP', ?4, ?5, 'Nhóm PV', ?6, ?7, 500, ?8, ?9, 3)",
            params![id, slug, title, lead, body, status, author, 900 + id, published],
        )
        .unwrap();
        for (n, reason) in ["save", "autosave", "save"].iter().enumerate() {
            tx.execute(
                "INSERT INTO article_revisions (article_id, title, dateline, lead, body, byline, slug,
                                                status, reason, saved_by, saved_at)
                 VALUES (?1, ?2, 'HNP', ?3, ?4, 'Nhóm PV', ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    title,
                    lead,
                    revision_body(body, n),
                    slug,
                    status,
                    reason,
                    author,
                    600 + n as i64
                ],
            )
            .unwrap();
        }
        tx.execute(
            "INSERT INTO audit_log (at, login, action, entity, entity_id, after)
             VALUES (500, ?1, 'article.create', 'article', ?2, ?3)",
            params![author, id.to_string(), format!("{{\"title\":\"{title}\"}}")],
        )
        .unwrap();
    }
    tx.execute("INSERT INTO article_tags (article_id, tag_id) VALUES (2, 1)", [])
        .unwrap();
    let typing = r#"{"title":"Chợ Đồng Xuân","dateline":"HNP","lead":"","body":"Đang gõ dở","byline":"","slug":"cho-dong-xuan"}"#;
    tx.execute(
        "INSERT INTO autosaves (article_id, login, content, cursor, saved_at) VALUES (4, 'lan', ?1, '0,3', 2000)",
        [typing],
    )
    .unwrap();
    for c in comments() {
        let (name, phone) = AUTHORS[c.author];
        let article = if c.id % 2 == 0 { 1 } else { 2 };
        let decided = (c.status != "pending").then_some(("huong", 3_000 + c.id));
        tx.execute(
            "INSERT INTO comments (id, article_id, author_name, phone, title, body, ip, submitted_at,
                                   status, held_by_rule, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '198.51.100.7', ?7, ?8, 'first_time', ?9, ?10)",
            params![
                c.id,
                article,
                name,
                phone,
                c.title,
                c.body,
                2_000 + c.id,
                c.status,
                decided.map(|d| d.0),
                decided.map(|d| d.1)
            ],
        )
        .unwrap();
        if (3..11).contains(&version) {
            // From version 3 to 10, comments arrived with their folded copy (11 dropped it).
            tx.execute(
                "UPDATE comments SET search_fold = ?2, held_matches = '[]' WHERE id = ?1",
                params![c.id, fold(&format!("{name} {} {}", c.title, c.body))],
            )
            .unwrap();
        }
        if let Some((who, at)) = decided {
            tx.execute(
                "INSERT INTO audit_log (at, login, action, entity, entity_id, before, after)
                 VALUES (?1, ?2, 'comment.decide', 'comment', ?3, '{\"status\":\"pending\"}', ?4)",
                params![
                    at,
                    who,
                    c.id.to_string(),
                    format!("{{\"status\":\"{}\"}}", c.status)
                ],
            )
            .unwrap();
        }
    }
    if version >= 2 {
        tx.execute(
            "INSERT INTO leases (article_id, login, session, taken_at, heartbeat_at) VALUES (4, 'lan', 's1', 1900, 1950)",
            [],
        )
        .unwrap();
    }
    if version >= 3 {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('captcha_secret', 'ab12')",
            [],
        )
        .unwrap();
    }
    if (4..11).contains(&version) {
        // From version 4 to 10, every article write folded its text in the same transaction.
        for id in 1..=ARTICLES.len() as i64 {
            fold_article_v4(&tx, id).unwrap();
        }
    }
    if version >= 11 {
        // From version 11 on, the index reads the text itself plus the captions and tags.
        for id in 1..=ARTICLES.len() as i64 {
            crate::store::search::refold_article(&tx, id).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Whether every folded query word is a word of `text`, the last one as a prefix: what the
/// search promises, worked out without SQLite.
fn matches(query: &str, text: &str) -> bool {
    let text = fold(text);
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    let query = fold(query);
    let wanted: Vec<&str> = query.split_whitespace().collect();
    wanted.iter().enumerate().all(|(i, w)| {
        if i + 1 == wanted.len() {
            words.iter().any(|t| t.starts_with(w))
        } else {
            words.contains(w)
        }
    })
}

/// The body of an old article's revision `n`: the middle one is long enough for
/// migration 13 to pack.
fn revision_body(body: &str, n: usize) -> String {
    let once = format!("{body} (bản {n}) ");
    if n == 1 { once.repeat(60) } else { once }
}

/// Counts of rows in the tables every version has, read straight from the file.
fn row_counts(conn: &Connection) -> BTreeMap<&'static str, i64> {
    [
        "users",
        "articles",
        "article_revisions",
        "autosaves",
        "tags",
        "article_tags",
        "comments",
        "audit_log",
    ]
    .into_iter()
    .map(|t| {
        let n = conn
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap();
        (t, n)
    })
    .collect()
}

#[test]
fn a_full_store_of_every_earlier_version_keeps_its_counts_and_search_results() {
    let comments = comments();
    let hanoi = crate::clock::zone(crate::clock::DEFAULT_ZONE).unwrap();
    for version in 1..LATEST_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        old_store(&path, version);
        let before = row_counts(&Connection::open(&path).unwrap());
        assert_eq!(before["comments"], comments.len() as i64, "v{version}");

        let store = Store::open(&path, OpenMode::MustExist).unwrap();
        let at = |what: &str| format!("from version {version}: {what}");
        assert_eq!(row_counts(&store.conn), before, "{}", at("rows"));

        // The queue counts the triggers keep start from the rows there were.
        let queues = store.queue_counts().unwrap();
        for (i, status) in CommentStatus::ALL.iter().enumerate() {
            let want = comments.iter().filter(|c| c.status == status.as_str()).count() as u64;
            assert!(want > 0, "the fixture has {status:?} comments");
            assert_eq!(queues[i], want, "{}", at(&format!("the {status:?} queue")));
            assert_eq!(
                store.comment_count(Some(*status)).unwrap(),
                want,
                "{}",
                at("comment_count")
            );
        }
        assert_eq!(
            store.comment_count(None).unwrap(),
            comments.len() as u64,
            "{}",
            at("all comments")
        );

        // So does each author's history.
        for (a, (name, phone)) in AUTHORS.iter().enumerate() {
            let history = store.author_history(name, phone).unwrap();
            let count = |s: &str| comments.iter().filter(|c| c.author == a && c.status == s).count() as u64;
            let got = [history.pending, history.approved, history.rejected, history.spam];
            let want = STATUSES.map(count);
            assert_eq!(got, want, "{}", at(&format!("{name}'s history")));
            assert_eq!(
                history.last.len(),
                3.min((want[1] + want[2] + want[3]) as usize),
                "{}",
                at(name)
            );
        }

        // Search finds, with or without accents, exactly what the old rows hold.
        for query in QUERIES {
            let q = SearchQuery::parse(query).unwrap();
            let found: BTreeSet<i64> = store
                .search_article_rows(&q, &hanoi, None, Toward::Down, 100)
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
            let want: BTreeSet<i64> = ARTICLES
                .iter()
                .enumerate()
                .filter(|(i, (_, title, lead, body, ..))| {
                    let tag = if *i == 1 { "Dân vận" } else { "" };
                    matches(query, &format!("{title} HNP {lead} {body} Nhóm PV {tag}"))
                })
                .map(|(i, _)| i as i64 + 1)
                .collect();
            assert_eq!(found, want, "{}", at(&format!("articles for {query:?}")));
            let found: BTreeSet<i64> = store
                .search_comments(&q, &hanoi, None, 1000)
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect();
            let want: BTreeSet<i64> = comments
                .iter()
                .filter(|c| matches(query, &format!("{} {} {}", AUTHORS[c.author].0, c.title, c.body)))
                .map(|c| c.id)
                .collect();
            assert!(
                !want.is_empty() || query == "sen",
                "{query:?} finds comments in the fixture"
            );
            assert_eq!(found, want, "{}", at(&format!("comments for {query:?}")));
        }
        let tagged = SearchQuery::parse("dan van").unwrap();
        let rows = store
            .search_article_rows(&tagged, &hanoi, None, Toward::Down, 10)
            .unwrap();
        assert_eq!(
            rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            [2],
            "{}",
            at("a tag's name")
        );

        // Revisions, autosaves, the audit log and the people are all still readable; the
        // long revision bodies are packed, and read back as they were.
        for (i, (_, _, _, body, ..)) in ARTICLES.iter().enumerate() {
            let page = store.revisions_page(i as i64 + 1, None, 100).unwrap();
            assert_eq!(page.len(), 3, "{}", at("revisions"));
            for (row, n) in page.iter().zip([2, 1, 0]) {
                let text = store.revision(row.id).unwrap().text;
                assert_eq!(text.body, revision_body(body, n), "{}", at("a revision's body"));
            }
        }
        let packed: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM article_revisions WHERE typeof(body) = 'blob'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // Migration 13 packs what was there; from 13 on, the fixture's plain rows stay as
        // written (and read back above all the same).
        let want = if version < 13 { ARTICLES.len() as i64 } else { 0 };
        assert_eq!(packed, want, "{}", at("packed revisions"));
        let autosave = store.autosave(4, "lan").unwrap().expect("the autosave is kept");
        assert_eq!(autosave.text.body, "Đang gõ dở", "{}", at("autosave"));
        let root = store.active_user("root").unwrap();
        let audit = store.audit_page(&root, None, 1000).unwrap();
        assert_eq!(audit.len() as i64, before["audit_log"], "{}", at("audit"));
        assert_eq!(store.users_page(None, 100).unwrap().len(), 3, "{}", at("users"));
        if version >= 3 {
            assert_eq!(store.setting("captcha_secret").unwrap().as_deref(), Some("ab12"));
        }
    }
}
