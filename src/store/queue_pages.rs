//! The comment queue narrowed to one article, where a comment stands in its queue, where
//! new arrivals start, and who decided a comment (by display name).
//!
//! Kept apart from `comments.rs`: the unfiltered and searched pages there are tuned for
//! whole queues; one article's comments are few, read through `comments_by_article`.

use rusqlite::{OptionalExtension, params};

use super::comments::{COMMENT_COLUMNS, CommentKey, row_to_comment};
use super::{Store, StoreError};
use crate::domain::{ArticleId, Comment, CommentId, CommentStatus};

/// One article's comments in a queue, in queue order, from `key` in the direction `op`.
fn article_page_sql(op: &str, order: &str) -> String {
    format!(
        "SELECT {COMMENT_COLUMNS} FROM comments
         WHERE article_id = ?6 AND status = ?1 AND (submitted_at, id) {op} (?2, ?3)
           AND (?5 IS NULL OR id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?5))
         ORDER BY submitted_at {order}, id {order} LIMIT ?4"
    )
}

/// The count behind `comment_position`, with each condition written only when it applies:
/// `?4 IS NULL OR article_id = ?4` names a column the index lacks, and so read every row
/// before the comment from the table (0.75 ms a move, 13,000 comments into the queue
/// bench), where the index alone answers.
fn position_sql(article: bool, fts: bool) -> String {
    let mut sql =
        String::from("SELECT count(*) FROM comments WHERE status = ?1 AND (submitted_at, id) < (?2, ?3)");
    if article {
        sql.push_str(" AND article_id = ?4");
    }
    if fts {
        sql.push_str(" AND id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?5)");
    }
    sql
}

impl Store {
    /// Up to `limit` of one article's comments in a queue from `from` (inclusive).
    pub fn article_comment_rows_after(
        &self,
        status: CommentStatus,
        article: ArticleId,
        fts: Option<&str>,
        from: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let from = from.unwrap_or(CommentKey {
            submitted_at: i64::MIN,
            id: i64::MIN,
        });
        self.article_comment_page(status, article, fts, from, ">=", "ASC", limit)
    }

    /// Up to `limit` of one article's comments just before `key`, in queue order.
    pub fn article_comment_rows_before(
        &self,
        status: CommentStatus,
        article: ArticleId,
        fts: Option<&str>,
        key: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let key = key.unwrap_or(CommentKey {
            submitted_at: i64::MAX,
            id: i64::MAX,
        });
        let mut rows = self.article_comment_page(status, article, fts, key, "<", "DESC", limit)?;
        rows.reverse();
        Ok(rows)
    }

    #[allow(clippy::too_many_arguments)]
    fn article_comment_page(
        &self,
        status: CommentStatus,
        article: ArticleId,
        fts: Option<&str>,
        key: CommentKey,
        op: &str,
        order: &str,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&article_page_sql(op, order))?;
        let rows = stmt.query_map(
            params![
                status.as_str(),
                key.submitted_at,
                key.id,
                limit as i64,
                fts,
                article
            ],
            row_to_comment,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many of one article's comments are in a queue (matching `fts`, when given).
    pub fn article_comment_count(
        &self,
        status: CommentStatus,
        article: ArticleId,
        fts: Option<&str>,
    ) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM comments WHERE article_id = ?2 AND status = ?1
               AND (?3 IS NULL OR id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?3))",
            )?
            .query_row(params![status.as_str(), article, fts], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Where the comment at `key` stands in its queue, counting from 1, among the comments
    /// the same article filter and search would show.
    ///
    /// This walks `comments_by_status` up to the key, so its cost grows with the position:
    /// nothing near the top of a queue, where moderators work, more deep in a
    /// million-comment queue. Unfiltered, the walk reads the index alone (`position_sql`).
    pub fn comment_position(
        &self,
        status: CommentStatus,
        article: Option<ArticleId>,
        fts: Option<&str>,
        key: CommentKey,
    ) -> Result<u64, StoreError> {
        let values: [&dyn rusqlite::ToSql; 5] =
            [&status.as_str(), &key.submitted_at, &key.id, &article, &fts];
        // As many values as the statement has places: ?5 is the last when searching.
        let given = match (article, fts) {
            (_, Some(_)) => 5,
            (Some(_), None) => 4,
            (None, None) => 3,
        };
        let n: i64 = self
            .conn
            .prepare_cached(&position_sql(article.is_some(), fts.is_some()))?
            .query_row(&values[..given], |r| r.get(0))?;
        Ok(n as u64 + 1)
    }

    /// The first comment in queue order that arrived after comment `after_id`: where `r`
    /// takes the moderator.
    pub fn first_comment_newer_than(
        &self,
        status: CommentStatus,
        after_id: CommentId,
    ) -> Result<Option<CommentKey>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                // `+status`: walk the ids after `after_id`, not every comment of the status.
                "SELECT submitted_at, id FROM comments WHERE id > ?2 AND +status = ?1
                 ORDER BY submitted_at, id LIMIT 1",
            )?
            .query_row(params![status.as_str(), after_id], |r| {
                Ok(CommentKey {
                    submitted_at: r.get(0)?,
                    id: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// The name a person goes by in the newsroom, or their login when they gave none.
    pub fn display_name(&self, login: &str) -> Result<String, StoreError> {
        let name: Option<String> = self
            .conn
            .prepare_cached("SELECT display_name FROM users WHERE login = ?1")?
            .query_row([login], |r| r.get(0))
            .optional()?;
        Ok(name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| login.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan SQLite makes for a statement as the store prepares it, values unknown.
    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        // Unbound, as at prepare time: the plan may not count on the values.
        let mut rows = stmt.raw_query();
        let mut steps = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            steps.push(row.get::<_, String>(3).unwrap());
        }
        steps.join("; ")
    }

    #[test]
    fn the_position_in_a_whole_queue_reads_the_index_alone() {
        let (store, _) = crate::testing::demo_store(None);
        let whole = plan(&store, &position_sql(false, false));
        assert!(whole.contains("COVERING INDEX comments_by_status"), "{whole}");
        // The filtered ones still walk an index, and count what the queue shows.
        for (article, fts) in [(true, false), (false, true), (true, true)] {
            let p = plan(&store, &position_sql(article, fts));
            assert!(p.contains("INDEX"), "{p}");
        }
        let c = store
            .comment_rows_after(Some(CommentStatus::Pending), None, true, 3)
            .unwrap()
            .remove(2);
        let at = |article, fts| {
            store
                .comment_position(CommentStatus::Pending, article, fts, c.key())
                .unwrap()
        };
        assert_eq!(at(None, None), 3);
        assert!(at(Some(c.article_id), None) <= 3);
        assert!(at(None, Some("nothingmatchesthis")) == 1);
        assert!(at(Some(c.article_id), Some("nothingmatchesthis")) == 1);
    }
}
