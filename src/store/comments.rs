use jiff::Timestamp;
use rusqlite::params;
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, Comment, CommentId, CommentStatus, Operation, User};
use crate::text;

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
pub type CommentRow = Comment;

impl Store {
    /// Writes a comment with a given outcome (demo content). Admins only.
    pub fn seed_comment(
        &mut self,
        actor: &User,
        new: &NewComment,
        status: CommentStatus,
        now: Timestamp,
    ) -> Result<CommentId, StoreError> {
        actor.role.check(Operation::LoadDemo)?;
        let decided = (status != CommentStatus::Pending).then(|| actor.login.to_string());
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO comments (article_id, author_name, phone, title, body, ip, submitted_at,
                                   status, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                new.article_id,
                text::nfc(&new.name),
                text::nfc(&new.phone),
                text::nfc(&new.title),
                text::normalize_input(&new.content),
                new.ip,
                to_seconds(new.submitted_at),
                status.as_str(),
                decided,
                decided.as_ref().map(|_| to_seconds(now)),
            ],
        )?;
        let id = tx.last_insert_rowid();
        let entry = AuditEntry {
            action: "comment.seed",
            entity: "comment",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "article_id": new.article_id, "status": status })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(id)
    }

    /// A queue page: oldest first after `(submitted_at, id)`.
    pub fn comments_page(
        &self,
        status: Option<CommentStatus>,
        after: Option<(Timestamp, CommentId)>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let (at, id) = after.map_or((i64::MIN, i64::MIN), |(t, id)| (to_seconds(t), id));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, article_id, author_name, phone, title, body, ip, status, held_by_rule,
                    decided_by, submitted_at, decided_at, version
             FROM comments WHERE (?1 IS NULL OR status = ?1) AND (submitted_at, id) > (?2, ?3)
             ORDER BY submitted_at, id LIMIT ?4",
        )?;
        let rows = stmt.query_map(
            params![status.map(CommentStatus::as_str), at, id, limit as i64],
            |r| {
                let status: String = r.get(7)?;
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
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn comment_count(&self, status: Option<CommentStatus>) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM comments WHERE (?1 IS NULL OR status = ?1)",
            params![status.map(CommentStatus::as_str)],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}
