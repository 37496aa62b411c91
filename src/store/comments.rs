//! Reading reader comments: queue pages, counts, one comment, an author's history.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, Comment, CommentId, CommentStatus};

/// A reader comment as it arrives, before any rule has looked at it.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub article_id: ArticleId,
    pub name: String,
    pub phone: String,
    pub title: String,
    pub content: String,
    pub ip: String,
    pub submitted_at: Timestamp,
}

/// The position of a comment in a queue: oldest first, as moderators work through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentKey {
    pub submitted_at: i64,
    pub id: CommentId,
}

impl Comment {
    pub fn key(&self) -> CommentKey {
        CommentKey {
            submitted_at: to_seconds(self.submitted_at),
            id: self.id,
        }
    }
}

/// How a moderator picks comments to decide together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Same name and phone.
    Author {
        name: String,
        phone: String,
    },
    Address(String),
    /// A word, phrase or link in the name, title or text, without case or diacritics.
    Contains(String),
}

/// What a moderator sees of an author: how their comments were decided so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorHistory {
    pub approved: u64,
    pub rejected: u64,
    pub spam: u64,
    pub pending: u64,
    /// The newest decisions: status, who, when.
    pub last: Vec<(CommentStatus, String, Timestamp)>,
}

/// A queue page query. Each condition is written only when it applies, so SQLite can
/// walk `comments_by_status` from the key instead of scanning and sorting every row.
///
/// A search that matches few comments is read by rowid and sorted (`rare`): walking a
/// queue's index for a word nobody wrote would visit every entry.
fn page_sql(by_status: bool, by_search: bool, rare: bool, op: &str, order: &str) -> String {
    let status = match (by_status, rare) {
        (true, false) => "status = ?1 AND",
        (true, true) => "+status = ?1 AND",
        (false, _) => "?1 IS NULL AND",
    };
    let search = if by_search {
        "AND id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?5)"
    } else {
        "AND ?5 IS NULL"
    };
    // A unary + keeps a column from choosing an index, leaving the rowid lookups.
    let plus = if rare { "+" } else { "" };
    format!(
        "SELECT {COMMENT_COLUMNS} FROM comments
         WHERE {status} ({plus}submitted_at, {plus}id) {op} (?2, ?3) {search}
         ORDER BY {plus}submitted_at {order}, {plus}id {order} LIMIT ?4"
    )
}

pub(super) const COMMENT_COLUMNS: &str = "id, article_id, author_name, phone, title, body, ip, status, held_by_rule, \
     decided_by, submitted_at, decided_at, version, held_matches";

pub(super) fn row_to_comment(r: &Row<'_>) -> rusqlite::Result<Comment> {
    let status: String = r.get(7)?;
    let matches: String = r.get(13)?;
    Ok(Comment {
        id: r.get(0)?,
        article_id: r.get(1)?,
        name: r.get(2)?,
        phone: r.get(3)?,
        title: r.get(4)?,
        content: r.get(5)?,
        ip: r.get(6)?,
        status: status.parse().unwrap_or(CommentStatus::Pending),
        held_by_rule: r.get(8)?,
        decided_by: r.get(9)?,
        submitted_at: from_seconds(r.get(10)?),
        decided_at: r.get::<_, Option<i64>>(11)?.map(from_seconds),
        version: r.get(12)?,
        held_matches: serde_json::from_str(&matches).unwrap_or_default(),
    })
}

impl Store {
    /// A queue page: oldest first after `(submitted_at, id)`.
    pub fn comments_page(
        &self,
        status: Option<CommentStatus>,
        after: Option<(Timestamp, CommentId)>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let key = after.map(|(t, id)| CommentKey {
            submitted_at: to_seconds(t),
            id,
        });
        self.comment_rows_after(status, key, false, limit)
    }

    /// Up to `limit` comments in queue order from `from` (inclusive when `inclusive`).
    pub fn comment_rows_after(
        &self,
        status: Option<CommentStatus>,
        from: Option<CommentKey>,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        self.comment_rows_matching_after(status, None, from, inclusive, limit)
    }

    /// Like `comment_rows_after`, only comments matching the FTS expression `fts`.
    pub fn comment_rows_matching_after(
        &self,
        status: Option<CommentStatus>,
        fts: Option<&str>,
        from: Option<CommentKey>,
        inclusive: bool,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let from = from.unwrap_or(CommentKey {
            submitted_at: i64::MIN,
            id: i64::MIN,
        });
        let op = if inclusive { ">=" } else { ">" };
        self.comment_page(status, fts, from, op, "ASC", limit)
    }

    /// One queue page from `key` in the direction `op`/`order` says.
    fn comment_page(
        &self,
        status: Option<CommentStatus>,
        fts: Option<&str>,
        key: CommentKey,
        op: &str,
        order: &str,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let sql = page_sql(status.is_some(), fts.is_some(), self.is_rare(fts)?, op, order);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                status.map(CommentStatus::as_str),
                key.submitted_at,
                key.id,
                limit as i64,
                fts
            ],
            row_to_comment,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `limit` comments just before `key` in queue order, returned in queue order.
    pub fn comment_rows_before(
        &self,
        status: Option<CommentStatus>,
        key: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        self.comment_rows_matching_before(status, None, key, limit)
    }

    /// Like `comment_rows_before`, only comments matching the FTS expression `fts`.
    pub fn comment_rows_matching_before(
        &self,
        status: Option<CommentStatus>,
        fts: Option<&str>,
        key: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let key = key.unwrap_or(CommentKey {
            submitted_at: i64::MAX,
            id: i64::MAX,
        });
        let mut rows = self.comment_page(status, fts, key, "<", "DESC", limit)?;
        rows.reverse();
        Ok(rows)
    }

    /// The current state of comments already on screen, to update them in place.
    pub fn comments_by_ids(&self, ids: &[CommentId]) -> Result<Vec<Comment>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        let sql = format!("SELECT {COMMENT_COLUMNS} FROM comments WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        for id in ids {
            if let Some(c) = stmt.query_row([id], row_to_comment).optional()? {
                out.push(c);
            }
        }
        Ok(out)
    }

    pub fn comment(&self, id: CommentId) -> Result<Comment, StoreError> {
        let sql = format!("SELECT {COMMENT_COLUMNS} FROM comments WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], row_to_comment)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "comment",
                id: id.to_string(),
            })
    }

    /// From the counts the triggers keep: a lookup, however many comments there are.
    pub fn comment_count(&self, status: Option<CommentStatus>) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(sum(n), 0) FROM comment_counts WHERE ?1 IS NULL OR status = ?1")?
            .query_row(params![status.map(CommentStatus::as_str)], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Whether a comment search matches so few rows that reading them by id beats walking
    /// an index in order.
    pub(super) fn is_rare(&self, fts: Option<&str>) -> Result<bool, StoreError> {
        let Some(fts) = fts else { return Ok(false) };
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?1 LIMIT 500)",
            )?
            .query_row([fts], |r| r.get(0))?;
        Ok(n < 500)
    }

    pub fn comment_count_matching(&self, status: CommentStatus, fts: &str) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM comments WHERE status = ?1
               AND id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?2) LIMIT 1001)",
            params![status.as_str(), fts],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// Comments in a queue that arrived after comment `after_id` (the "12 new" counter).
    pub fn comments_newer_than(&self, status: CommentStatus, after_id: CommentId) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            // `+status`: walk the ids after `after_id`, not every comment of the status.
            "SELECT count(*) FROM comments WHERE id > ?2 AND +status = ?1",
            params![status.as_str(), after_id],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    pub fn newest_comment_id(&self) -> Result<CommentId, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM comments", [], |r| r.get(0))?)
    }

    pub fn author_history(&self, name: &str, phone: &str) -> Result<AuthorHistory, StoreError> {
        let mut history = AuthorHistory::default();
        let mut counts = self
            .conn
            .prepare_cached("SELECT status, n FROM author_counts WHERE author_name = ?1 AND phone = ?2")?;
        let rows = counts.query_map(params![name, phone], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (status, n) = row?;
            let n = n as u64;
            match status.parse() {
                Ok(CommentStatus::Approved) => history.approved = n,
                Ok(CommentStatus::Rejected) => history.rejected = n,
                Ok(CommentStatus::Spam) => history.spam = n,
                _ => history.pending = n,
            }
        }
        let mut last = self.conn.prepare_cached(
            "SELECT status, decided_by, decided_at FROM comments
             WHERE author_name = ?1 AND phone = ?2 AND decided_at IS NOT NULL
             ORDER BY decided_at DESC, id DESC LIMIT 3",
        )?;
        let rows = last.query_map(params![name, phone], |r| {
            let status: String = r.get(0)?;
            Ok((
                status.parse().unwrap_or(CommentStatus::Pending),
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                from_seconds(r.get(2)?),
            ))
        })?;
        history.last = rows.collect::<Result<_, _>>()?;
        Ok(history)
    }

    /// Ids and versions of the comments in a queue that match `pattern`, in queue order, at
    /// most `limit` (ids only: even a spam storm of a hundred thousand is a few megabytes).
    pub fn comments_matching(
        &self,
        status: CommentStatus,
        pattern: &Pattern,
        limit: usize,
    ) -> Result<Vec<(CommentId, i64)>, StoreError> {
        let (condition, a, b) = match pattern {
            Pattern::Author { name, phone } => {
                ("author_name = ?2 AND phone = ?3", name.clone(), phone.clone())
            }
            Pattern::Address(ip) => ("ip = ?2 AND ?3 = ''", ip.clone(), String::new()),
            // The words in that order, as search finds them (accents and case aside).
            Pattern::Contains(word) => (
                "id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?2) AND ?3 = ''",
                contains_fts(word),
                String::new(),
            ),
        };
        let sql = format!(
            "SELECT id, version FROM comments WHERE status = ?1 AND {condition}
             ORDER BY submitted_at, id LIMIT ?4"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![status.as_str(), a, b, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many comments each queue holds.
    pub fn queue_counts(&self) -> Result<[u64; 4], StoreError> {
        let mut counts = [0; 4];
        let mut stmt = self.conn.prepare_cached("SELECT status, n FROM comment_counts")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (status, n) = row?;
            if let Some(i) = CommentStatus::ALL.iter().position(|s| s.as_str() == status) {
                counts[i] = n as u64;
            }
        }
        Ok(counts)
    }
}

/// The FTS expression for "comments that contain `word`": its words as a phrase, in every
/// spelling of `d` (see `SearchQuery::fts`). Nothing to match matches nothing.
fn contains_fts(word: &str) -> String {
    let quoted = format!("\"{}\"", word.replace('"', " "));
    let q = crate::domain::SearchQuery::parse(&quoted).unwrap_or_default();
    q.fts(false).unwrap_or_else(|| "\"\"".to_owned())
}
