//! Moving articles through the workflow. The domain's transition table, the newsroom's
//! workflow policy and the permissions decide; the store records the move, a revision and
//! an audit row in one transaction. Scheduled articles are published here too, by whoever
//! runs `run_due` first: two runs at once publish each article once.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError, to_seconds};
use crate::domain::{
    Article, ArticleId, DomainError, Operation, Schedule, Status, Transition, User, Workflow, check_delete,
    late_minutes,
};
use crate::text;

/// What one `run_due` did with a due article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueOutcome {
    Published {
        id: ArticleId,
        late_minutes: i64,
    },
    /// Left scheduled: the ready-to-publish check failed, for this reason.
    Held {
        id: ArticleId,
        reason: String,
    },
}

/// Where a scheduled article sits in the schedule list: its time, then its id.
pub type ScheduleKey = (i64, ArticleId);

impl Store {
    /// Scheduled articles, soonest first, after `after`: one page of the schedule list.
    pub fn scheduled_page(
        &self,
        after: Option<ScheduleKey>,
        limit: usize,
    ) -> Result<Vec<(ScheduleKey, ArticleId)>, StoreError> {
        let (at, id) = after.unwrap_or((i64::MIN, 0));
        let mut stmt = self.conn.prepare_cached(
            "SELECT scheduled_at, id FROM articles
             WHERE status = 'scheduled' AND (scheduled_at, id) > (?1, ?2)
             ORDER BY scheduled_at, id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![at, id, limit as i64], |r| {
            let key: ScheduleKey = (r.get::<_, Option<i64>>(0)?.unwrap_or(0), r.get(1)?);
            Ok((key, key.1))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Makes one workflow move. Publishing needs the ready-to-publish check to pass;
    /// scheduling needs a time, so it goes through [`Store::schedule`].
    pub fn transition(
        &mut self,
        actor: &User,
        id: ArticleId,
        transition: Transition,
        workflow: Workflow,
        now: Timestamp,
    ) -> Result<Status, StoreError> {
        if transition == Transition::Schedule {
            return Err(DomainError::Empty {
                field: "schedule time",
            }
            .into());
        }
        let article = self.article(id)?;
        let own = article.author == actor.login.as_str();
        let to = workflow.check(transition, article.status, actor.role, own)?;
        if to == Status::Published
            && let Some(reason) = article.not_ready()
        {
            return Err(StoreError::NotReady { id, reason });
        }
        let tx = self.write()?;
        move_article(&tx, &article, to, now, &Changes::default())?;
        record_move(
            &tx,
            actor.login.as_str(),
            &article,
            transition,
            to,
            now,
            json!({}),
        )?;
        tx.commit()?;
        Ok(to)
    }

    /// Schedules (or reschedules) an article for `schedule.at`.
    pub fn schedule(
        &mut self,
        actor: &User,
        id: ArticleId,
        schedule: &Schedule,
        workflow: Workflow,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let article = self.article(id)?;
        let own = article.author == actor.login.as_str();
        // Rescheduling is unscheduling and scheduling again, in one step.
        let from = if article.status == Status::Scheduled {
            workflow.check(Transition::Unschedule, Status::Scheduled, actor.role, own)?
        } else {
            article.status
        };
        workflow.check(Transition::Schedule, from, actor.role, own)?;
        // Scheduling promises publication: refused now, not discovered at the due time.
        if let Some(reason) = article.not_ready() {
            return Err(StoreError::NotReady { id, reason });
        }
        let tx = self.write()?;
        let changes = Changes {
            schedule: Some((schedule, actor.login.as_str())),
        };
        move_article(&tx, &article, Status::Scheduled, now, &changes)?;
        let detail = json!({ "scheduled_at": schedule.at, "zone": schedule.zone, "wall": schedule.wall });
        record_move(
            &tx,
            actor.login.as_str(),
            &article,
            Transition::Schedule,
            Status::Scheduled,
            now,
            detail,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Publishes every scheduled article whose time has come, in one transaction. An article
    /// that fails the ready-to-publish check stays scheduled, with the reason kept for the
    /// Schedule tab. Publication is recorded in the name of whoever scheduled it.
    pub fn run_due(&mut self, now: Timestamp) -> Result<Vec<DueOutcome>, StoreError> {
        // Most runs find nothing: look before taking the write lock.
        let due: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE status = 'scheduled' AND scheduled_at <= ?1",
            [to_seconds(now)],
            |r| r.get(0),
        )?;
        if due == 0 {
            return Ok(Vec::new());
        }
        let tx = self.write()?;
        // Read inside the lock: another session may have published them while we waited.
        let ids: Vec<ArticleId> = tx
            .prepare(
                "SELECT id FROM articles WHERE status = 'scheduled' AND scheduled_at <= ?1
                 ORDER BY scheduled_at, id LIMIT 500",
            )?
            .query_map([to_seconds(now)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut outcomes = Vec::with_capacity(ids.len());
        for id in ids {
            let article = super::articles::article_in(&tx, id)?;
            let by = article_scheduler(&tx, &article)?;
            if let Some(reason) = article.not_ready() {
                if article.held_because != reason {
                    tx.execute(
                        "UPDATE articles SET held_because = ?2 WHERE id = ?1",
                        params![id, reason],
                    )?;
                    let entry = AuditEntry {
                        action: "article.held",
                        entity: "article",
                        entity_id: id.to_string(),
                        before: None,
                        after: Some(json!({ "reason": reason })),
                    };
                    audit::record(&tx, now, &by, entry)?;
                }
                outcomes.push(DueOutcome::Held { id, reason });
                continue;
            }
            let due_at = article.scheduled_at.unwrap_or(now);
            let late = late_minutes(due_at, now);
            move_article(&tx, &article, Status::Published, now, &Changes::default())?;
            tx.execute(
                "UPDATE articles SET late_minutes = ?2 WHERE id = ?1",
                params![id, late],
            )?;
            let detail = json!({ "scheduled_at": due_at, "late_minutes": late, "by": "schedule" });
            record_move(
                &tx,
                &by,
                &article,
                Transition::Publish,
                Status::Published,
                now,
                detail,
            )?;
            outcomes.push(DueOutcome::Published {
                id,
                late_minutes: late,
            });
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Deletes a draft that was never published, after the caller asked for confirmation.
    /// The audit log keeps its title and who deleted it.
    pub fn delete_draft(&mut self, actor: &User, id: ArticleId, now: Timestamp) -> Result<(), StoreError> {
        let article = self.article(id)?;
        let own = article.author == actor.login.as_str();
        check_delete(article.status, article.ever_published(), actor.role, own)?;
        let tx = self.write()?;
        let n = tx.execute(
            "DELETE FROM articles WHERE id = ?1 AND version = ?2",
            params![id, article.version],
        )?;
        if n == 0 {
            return Err(stale(&tx, id, article.version)?);
        }
        let entry = AuditEntry {
            action: "article.delete",
            entity: "article",
            entity_id: id.to_string(),
            before: Some(json!({ "title": article.title, "slug": article.slug, "author": article.author })),
            after: None,
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(())
    }

    /// Gives an article a new slug on purpose (editors). Once it has been live, the old slug
    /// is kept, so every link and comment form that uses it still reaches the article.
    pub fn change_slug(
        &mut self,
        actor: &User,
        id: ArticleId,
        wanted: &str,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        actor.role.check(Operation::PublishArticle)?;
        let slug = text::slugify(wanted);
        if slug.is_empty() {
            return Err(DomainError::Empty { field: "slug" }.into());
        }
        let article = self.article(id)?;
        let tx = self.write()?;
        if let Some(other) = super::revisions::slug_owner(&tx, &slug, id)? {
            return Err(StoreError::SlugTaken { slug, other });
        }
        let n = tx.execute(
            "UPDATE articles SET slug = ?3, version = version + 1, updated_at = ?4 WHERE id = ?1 AND version = ?2",
            params![id, article.version, slug, to_seconds(now)],
        )?;
        if n == 0 {
            return Err(stale(&tx, id, article.version)?);
        }
        tx.execute("DELETE FROM old_slugs WHERE slug = ?1", [&slug])?;
        if article.ever_published() && article.slug != slug {
            tx.execute(
                "INSERT OR IGNORE INTO old_slugs (slug, article_id, retired_at) VALUES (?1, ?2, ?3)",
                params![article.slug, id, to_seconds(now)],
            )?;
        }
        let mut text = article.text();
        text.slug = slug.clone();
        super::revisions::insert_revision(
            &tx,
            id,
            &text,
            article.status.as_str(),
            &format!("slug {} → {slug}", article.slug),
            actor.login.as_str(),
            now,
        )?;
        let entry = AuditEntry {
            action: "article.slug",
            entity: "article",
            entity_id: id.to_string(),
            before: Some(json!({ "slug": article.slug })),
            after: Some(json!({ "slug": slug })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(slug)
    }
}

/// What else a move sets: a schedule, with who chose it.
#[derive(Default)]
struct Changes<'a> {
    schedule: Option<(&'a Schedule, &'a str)>,
}

/// Moves the article to `to` if it is still at the version read; clears or sets the
/// schedule fields to match.
fn move_article(
    tx: &Transaction<'_>,
    article: &Article,
    to: Status,
    now: Timestamp,
    changes: &Changes<'_>,
) -> Result<(), StoreError> {
    let (at, zone, wall, by) = match changes.schedule {
        Some((s, by)) => (Some(to_seconds(s.at)), s.zone.as_str(), s.wall.as_str(), Some(by)),
        None => (None, article.zone.as_str(), "", None),
    };
    let n = tx.execute(
        "UPDATE articles SET status = ?3, version = version + 1, updated_at = ?4,
                published_at = CASE WHEN ?3 = 'published' THEN ?4 ELSE published_at END,
                late_minutes = CASE WHEN ?3 = 'published' THEN NULL ELSE late_minutes END,
                scheduled_at = ?5, zone = ?6, scheduled_wall = ?7,
                scheduled_by = CASE WHEN ?5 IS NULL THEN NULL ELSE ?8 END,
                held_because = ''
         WHERE id = ?1 AND version = ?2",
        params![
            article.id,
            article.version,
            to.as_str(),
            to_seconds(now),
            at,
            zone,
            wall,
            by
        ],
    )?;
    if n == 0 {
        return Err(stale(tx, article.id, article.version)?);
    }
    Ok(())
}

/// The revision and the audit row of one move, in the same transaction.
fn record_move(
    tx: &Transaction<'_>,
    login: &str,
    article: &Article,
    transition: Transition,
    to: Status,
    now: Timestamp,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    // The reason is data (`status:draft:published`); the history view words it in the
    // session's language.
    let reason = format!("status:{}:{}", article.status, to);
    super::revisions::insert_revision(tx, article.id, &article.text(), to.as_str(), &reason, login, now)?;
    let mut after = json!({ "status": to });
    if let (Some(map), serde_json::Value::Object(extra)) = (after.as_object_mut(), detail) {
        map.extend(extra);
    }
    let entry = AuditEntry {
        action: transition_action(transition),
        entity: "article",
        entity_id: article.id.to_string(),
        before: Some(json!({ "status": article.status })),
        after: Some(after),
    };
    audit::record(tx, now, login, entry)?;
    Ok(())
}

/// Who a scheduled publication is recorded for: the person who scheduled it, else the author.
fn article_scheduler(tx: &Transaction<'_>, article: &Article) -> Result<String, StoreError> {
    let by: Option<String> = tx
        .query_row(
            "SELECT scheduled_by FROM articles WHERE id = ?1",
            [article.id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(by.unwrap_or_else(|| article.author.clone()))
}

fn stale(tx: &Transaction<'_>, id: ArticleId, yours: i64) -> Result<StoreError, StoreError> {
    let current: Option<i64> = tx
        .query_row("SELECT version FROM articles WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    Ok(match current {
        Some(current) => StoreError::StaleVersion {
            article: id,
            yours,
            current,
        },
        None => StoreError::NotFound {
            what: "article",
            id: id.to_string(),
        },
    })
}

fn transition_action(t: Transition) -> &'static str {
    match t {
        Transition::Submit => "article.submit",
        Transition::ReturnToDraft => "article.return",
        Transition::Schedule => "article.schedule",
        Transition::Unschedule => "article.unschedule",
        Transition::Publish => "article.publish",
        Transition::Unpublish => "article.unpublish",
        Transition::Spike => "article.spike",
        Transition::Unspike => "article.unspike",
    }
}
