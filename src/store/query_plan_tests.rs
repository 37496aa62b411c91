//! Test only (`#[cfg(test)] mod query_plan_tests` in store.rs).
//!
//! Every index earns its room: the store's list, search and lookup queries are run on a
//! demo store with SQLite's tracing on, each one's `EXPLAIN QUERY PLAN` is read, and
//! - no query reads a whole big table (articles, comments, revisions, the audit log)
//!   row by row, except the few counts listed below;
//! - every index of the schema is used by some query, or is listed here with the
//!   constraint it enforces.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::search::Reach;
use super::{AgendaWindow, ArticleRef, OpenMode, Pattern, Store, Submission, Toward};
use crate::domain::{CommentForm, CommentStatus, Login, Rules, SearchQuery, Status};

/// Indexes that serve a constraint rather than a query: SQLite checks them on writes.
const FOR_CONSTRAINTS: [&str; 2] = [
    // Importing a file twice adds nothing twice (INSERT … ON CONFLICT DO NOTHING).
    "comments_import_key",
    // Deleting an article looks up its comments (the foreign key), which would otherwise
    // read every comment; the static site reads an article's comments by it too.
    "comments_by_article",
];

/// Whole reads allowed, with why: a search's count under `author:` reads articles until
/// 1001 match. That filter is typed rarely, and an index per author would cost more room
/// than it saves time.
const WHOLE_READS_ALLOWED: [&str; 1] = ["SELECT count(*) FROM (SELECT 1 FROM articles WHERE 1 AND author = "];

fn t() -> jiff::Timestamp {
    "2026-11-28T03:00:00Z".parse().unwrap()
}

/// Runs the store's reads over a demo store and returns the SQL of each, values bound.
fn the_stores_queries() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("n.db"), OpenMode::CreateIfMissing).unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
    let size = crate::demo::DemoSize {
        articles: None,
        comments: None,
    };
    crate::demo::load(&mut store, &admin, size, "Asia/Ho_Chi_Minh", t()).unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    store
        .conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(stmt, _) = event
                    && let Some(sql) = stmt.expanded_sql()
                {
                    sink.lock().unwrap().push(sql);
                }
            }),
        )
        .unwrap();

    let hanoi = crate::clock::zone("Asia/Ho_Chi_Minh").unwrap();
    let first = store.article_rows_from(None, None, 20).unwrap();
    let key = first.last().map(|r| r.key());
    store.article_rows_from(None, key, 20).unwrap();
    store.article_rows_above(None, key, 20).unwrap();
    for status in [Status::Draft, Status::Published, Status::Scheduled] {
        store.article_rows_from(Some(status), None, 20).unwrap();
        store.article_count(Some(status)).unwrap();
    }
    store.article_ids_page(None, Some("dan-van"), None, 20).unwrap();
    store
        .article_ids_page(Some(Status::Published), None, None, 20)
        .unwrap();
    // `article list`, plain and --json, first and later pages.
    let lines = store.article_lines_page(None, None, None, 20).unwrap();
    store
        .article_lines_page(
            Some(Status::Published),
            Some("dan-van"),
            lines.last().map(|l| l.key),
            20,
        )
        .unwrap();
    store.articles_page(None, None, None, 20, false).unwrap();
    store
        .articles_page(
            Some(Status::Published),
            None,
            lines.last().map(|l| l.key),
            20,
            true,
        )
        .unwrap();
    // Each way a search reads its matches, as a big store would choose for rare, close or
    // spread-out words: the demo store alone has too few articles to need the last two.
    for reach in [None, Some(Reach::Few), Some(Reach::Dense), Some(Reach::Spread)] {
        super::search::FORCE_REACH.with(|r| r.set(reach));
        for query in [
            "tay ho",
            "Đồng chí",
            "\"tay ho\" status:published",
            "dong chi status:draft",
            "tag:dan-van",
            "author:root",
        ] {
            let q = SearchQuery::parse(query).unwrap();
            let rows = store
                .search_article_rows(&q, &hanoi, None, Toward::Down, 20)
                .unwrap();
            let key = rows.last().map(|r| r.key());
            store
                .search_article_rows(&q, &hanoi, key, Toward::Up, 20)
                .unwrap();
            store.search_article_count(&q, &hanoi).unwrap();
            store.search_comments(&q, &hanoi, None, 20).unwrap();
        }
    }
    super::search::FORCE_REACH.with(|r| r.set(None));
    let id = first[0].id;
    let article = store.article(id).unwrap();
    let autosave = super::Autosave {
        article_id: id,
        login: "root".into(),
        text: article.text(),
        cursor: String::new(),
        saved_at: t(),
    };
    store.save_autosave(&autosave).unwrap();
    store.revisions_page(id, None, 20).unwrap();
    store.article_tags(id).unwrap();
    store.tag_rows_from("", None, 20).unwrap();
    store.complete_tags("da", 10).unwrap();
    store.scheduled_page(None, 20).unwrap();
    let window = AgendaWindow {
        now: t(),
        until: t() + jiff::SignedDuration::from_hours(24 * 7),
        published_since: t() - jiff::SignedDuration::from_hours(24),
    };
    store.agenda_from(&window, None, 20).unwrap();
    store.agenda_counts(&window).unwrap();
    store.audit_page(&admin, None, 20).unwrap();
    store.users_page(None, 20).unwrap();
    let fts = SearchQuery::parse("dong").unwrap().fts(true);
    for status in CommentStatus::ALL {
        let page = store
            .comment_rows_matching_after(Some(status), None, None, true, 20)
            .unwrap();
        let key = page.last().map(|c| c.key());
        store
            .comment_rows_matching_before(Some(status), None, key, 20)
            .unwrap();
        store
            .comment_rows_matching_after(Some(status), fts.as_deref(), None, true, 20)
            .unwrap();
        if let Some(c) = page.first() {
            store.author_history(&c.name, &c.phone).unwrap();
            store.conversation(c.article_id, c.key(), 10, 10).unwrap();
            for pattern in [
                Pattern::Author {
                    name: c.name.clone(),
                    phone: c.phone.clone(),
                },
                Pattern::Address(c.ip.clone()),
                Pattern::Contains("đường".into()),
            ] {
                store.comments_matching(status, &pattern, 100).unwrap();
            }
        }
        store.comments_newer_than(status, 0).unwrap();
    }
    store.comments_page(None, None, 20).unwrap();
    store.queue_counts().unwrap();
    store.run_due(t()).unwrap();
    let published = store.article_rows_from(Some(Status::Published), None, 1).unwrap()[0].id;
    let arrival = Submission {
        article: ArticleRef::Id(published),
        form: CommentForm {
            name: "Người mới".into(),
            phone: String::new(),
            title: "Chào".into(),
            content: "Lần đầu bình luận".into(),
        },
        ip: "198.51.100.7".into(),
        submitted_at: t(),
        import_key: None,
    };
    store.submit_comment(&arrival, &Rules::default(), t()).unwrap();
    seen.lock().unwrap().clone()
}

/// The indexes a query's plan uses, and the big tables it reads whole.
fn plan(store: &rusqlite::Connection, sql: &str) -> (BTreeSet<String>, Vec<String>) {
    let mut stmt = store.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let steps: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut used = BTreeSet::new();
    let mut scans = Vec::new();
    for step in steps {
        if let Some(rest) = step.split(" INDEX ").nth(1) {
            used.insert(rest.split_whitespace().next().unwrap_or_default().to_owned());
        }
        for table in ["articles", "comments", "article_revisions", "audit_log"] {
            if step == format!("SCAN {table}")
                || step.starts_with(&format!("SCAN {table} ")) && !step.contains("INDEX")
            {
                scans.push(step.clone());
            }
        }
    }
    (used, scans)
}

#[test]
fn every_query_uses_an_index_and_every_index_serves_a_query() {
    let queries = the_stores_queries();
    assert!(
        queries.len() > 50,
        "the store's reads were traced: {}",
        queries.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("n.db"), OpenMode::CreateIfMissing).unwrap();
    let mut used = BTreeSet::new();
    let mut whole_reads = Vec::new();
    for sql in queries.iter().filter(|q| {
        let q = q.trim_start().to_uppercase();
        q.starts_with("SELECT") || q.starts_with("WITH")
    }) {
        let (indexes, scans) = plan(&store.conn, sql);
        used.extend(indexes);
        if !scans.is_empty() && !WHOLE_READS_ALLOWED.iter().any(|a| sql.starts_with(a)) {
            whole_reads.push(format!("{sql}\n    {scans:?}"));
        }
    }
    assert!(
        whole_reads.is_empty(),
        "queries that read a whole table:\n{}",
        whole_reads.join("\n")
    );
    let indexes: Vec<String> = store
        .conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let unused: Vec<&String> = indexes
        .iter()
        .filter(|i| !used.contains(*i) && !FOR_CONSTRAINTS.contains(&i.as_str()))
        .collect();
    assert!(
        unused.is_empty(),
        "indexes no query uses: {unused:?} (used: {used:?})"
    );
}
