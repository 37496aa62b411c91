//! Search: keeping the folded copies of searchable text, and querying the FTS5 indexes.
//! The folded text is computed here in Rust (SQLite cannot fold đ), written beside the
//! original, and the triggers of migration 4 carry it into the indexes.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::{Transaction, params};

use super::{ArticleKey, ArticleRow, Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, Comment, CommentStatus, SearchQuery, Status};
use crate::text;

/// Which way from a key a page goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// From the key (inclusive) down the list.
    Down,
    /// The rows just above the key, returned in list order.
    Up,
}

/// Re-folds one article's searchable text: title, and everything else a reader sees or a
/// reporter remembers (dateline, lead, body, byline, captions, credits, tags).
pub(super) fn refold_article(tx: &Transaction<'_>, id: ArticleId) -> rusqlite::Result<()> {
    let (title, rest): (String, String) = tx.query_row(
        "SELECT title, dateline || ' ' || lead || ' ' || body || ' ' || byline || ' ' ||
                coalesce((SELECT group_concat(caption || ' ' || credit || ' ' || coalesce(alt, ''), ' ')
                          FROM photos WHERE article_id = a.id), '') || ' ' ||
                coalesce((SELECT group_concat(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
                          WHERE x.article_id = a.id), '')
         FROM articles a WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.prepare_cached("UPDATE articles SET title_fold = ?2, text_fold = ?3 WHERE id = ?1")?
        .execute(params![id, text::fold(&title), text::fold(&rest)])?;
    Ok(())
}

/// The folded copy of a comment: author, title and text.
pub(super) fn comment_fold(name: &str, title: &str, content: &str) -> String {
    text::fold(&format!("{name} {title} {content}"))
}

/// Migration 4's Rust step: folds every article, and every comment stored before comments
/// were folded on arrival, then rebuilds both indexes from the folded columns.
pub(super) fn index_everything(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let ids: Vec<ArticleId> = tx
        .prepare("SELECT id FROM articles ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        refold_article(tx, id)?;
    }
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String, String, String)> = tx
            .prepare_cached(
                "SELECT id, author_name, title, body FROM comments WHERE search_fold = '' AND id > ?1
                 ORDER BY id LIMIT 5000",
            )?
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let mut update = tx.prepare_cached("UPDATE comments SET search_fold = ?2 WHERE id = ?1")?;
        for (id, name, title, body) in &batch {
            update.execute(params![id, comment_fold(name, title, body)])?;
        }
    }
    tx.execute_batch(include_str!("migrations/004_search_index.sql"))?;
    tx.execute_batch(
        "INSERT INTO article_fts (article_fts) VALUES ('rebuild');
         INSERT INTO comment_fts (comment_fts) VALUES ('rebuild');",
    )
}

/// The articles a query selects, whatever their order: `?1` the FTS expression, then the
/// filters, as `article_filters` gives them.
const ARTICLE_MATCH: &str = "FROM articles a
    WHERE (?1 IS NULL OR a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?1))
      AND (?2 IS NULL OR a.status = ?2)
      AND (?3 IS NULL OR a.author = ?3)
      AND (?4 IS NULL OR coalesce(a.published_at, a.updated_at) < ?4)
      AND (?5 IS NULL OR coalesce(a.published_at, a.updated_at) >= ?5)
      AND (?6 IS NULL OR EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id
                                 WHERE x.article_id = a.id AND t.slug = ?6))";

/// The parameters `?1`…`?6` of `ARTICLE_MATCH`.
fn article_filters(q: &SearchQuery, zone: &TimeZone) -> [rusqlite::types::Value; 6] {
    use rusqlite::types::Value;
    let text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    let int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    [
        text(q.fts(true)),
        text(q.status.map(|s| s.as_str().to_owned())),
        text(q.author.clone()),
        int(q.before.and_then(|d| day_start(d, zone))),
        int(q.after.and_then(|d| day_start(d, zone))),
        text(q.tag.clone()),
    ]
}

/// The start of a day in the newsroom's zone, as stored seconds.
fn day_start(date: Date, zone: &TimeZone) -> Option<i64> {
    date.to_zoned_datetime(zone.clone())
        .ok()
        .map(|z| to_seconds(z.timestamp()))
}

impl Store {
    /// A page of articles matching `q`: title matches first, then the most recently
    /// updated. Keyset paging as the plain list does, with the title tier in the key.
    pub fn search_article_rows(
        &self,
        q: &SearchQuery,
        zone: &TimeZone,
        key: Option<ArticleKey>,
        toward: Toward,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let (cmp, order) = match toward {
            Toward::Down => ("<=", "DESC"),
            Toward::Up => (">", "ASC"),
        };
        let key = key.unwrap_or(match toward {
            Toward::Down => ArticleKey {
                tier: i64::MAX,
                updated_at: i64::MAX,
                id: i64::MAX,
            },
            Toward::Up => ArticleKey {
                tier: i64::MIN,
                updated_at: i64::MIN,
                id: i64::MIN,
            },
        });
        let sql = format!(
            "SELECT id, title, byline, status, author, updated_at, tier FROM (
                SELECT a.id, a.title, a.byline, a.status, a.author, a.updated_at,
                       CASE WHEN ?7 IS NULL THEN 0
                            ELSE a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?7) END AS tier
                {ARTICLE_MATCH}
             )
             WHERE (tier, updated_at, id) {cmp} (?8, ?9, ?10)
             ORDER BY tier {order}, updated_at {order}, id {order} LIMIT ?11"
        );
        let fts = q.fts(true);
        let in_title = fts.as_ref().map(|f| format!("title_fold : ({f})"));
        let [a, b, c, d, e, f] = article_filters(q, zone);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                a,
                b,
                c,
                d,
                e,
                f,
                in_title,
                key.tier,
                key.updated_at,
                key.id,
                limit as i64
            ],
            |r| {
                let status: String = r.get(3)?;
                Ok(ArticleRow {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    byline: r.get(2)?,
                    status: status.parse().unwrap_or(Status::Draft),
                    author: r.get(4)?,
                    updated_at: from_seconds(r.get(5)?),
                    tier: r.get(6)?,
                })
            },
        )?;
        let mut rows: Vec<ArticleRow> = rows.collect::<Result<_, _>>()?;
        if toward == Toward::Up {
            rows.reverse();
        }
        Ok(rows)
    }

    pub fn search_article_count(&self, q: &SearchQuery, zone: &TimeZone) -> Result<u64, StoreError> {
        let sql = format!("SELECT count(*) {ARTICLE_MATCH}");
        let [a, b, c, d, e, f] = article_filters(q, zone);
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![a, b, c, d, e, f], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Comments matching `q`'s words (and its dates), newest first: for `newsroom search`.
    pub fn search_comments(
        &self,
        q: &SearchQuery,
        zone: &TimeZone,
        status: Option<CommentStatus>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let sql = format!(
            "SELECT {} FROM comments
             WHERE (?1 IS NULL OR id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?1))
               AND (?2 IS NULL OR status = ?2)
               AND (?3 IS NULL OR submitted_at < ?3)
               AND (?4 IS NULL OR submitted_at >= ?4)
             ORDER BY submitted_at DESC, id DESC LIMIT ?5",
            super::comments::COMMENT_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                q.fts(true),
                status.map(CommentStatus::as_str),
                q.before.and_then(|d| day_start(d, zone)),
                q.after.and_then(|d| day_start(d, zone)),
                limit as i64
            ],
            super::comments::row_to_comment,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
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
        for (query, want) in table {
            assert_eq!(found(&store, query), want, "{query}");
        }
        let q = SearchQuery::parse("tay ho").unwrap();
        assert_eq!(store.search_article_count(&q, &hanoi()).unwrap(), 3);
    }

    #[test]
    fn pages_continue_from_their_key_in_both_directions() {
        let (store, _, _) = corpus();
        let q = SearchQuery::parse("tay").unwrap();
        let all = store
            .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
            .unwrap();
        let second = store
            .search_article_rows(&q, &hanoi(), Some(all[1].key()), Toward::Down, 10)
            .unwrap();
        assert_eq!(
            second.iter().map(|r| r.id).collect::<Vec<_>>(),
            all[1..].iter().map(|r| r.id).collect::<Vec<_>>()
        );
        let above = store
            .search_article_rows(&q, &hanoi(), Some(all[2].key()), Toward::Up, 10)
            .unwrap();
        assert_eq!(
            above.iter().map(|r| r.id).collect::<Vec<_>>(),
            all[..2].iter().map(|r| r.id).collect::<Vec<_>>()
        );
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
        };
        store.save_article(&admin, &text, req, t()).unwrap();
        assert_eq!(found(&store, "phuc dong"), vec![ids[3]]);
        assert!(
            found(&store, "trich dan").is_empty(),
            "the old text is gone from the index"
        );
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
            .transition(&admin, ids[2], crate::domain::Transition::Publish, t())
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
}
