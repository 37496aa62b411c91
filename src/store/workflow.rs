//! Moving articles through the workflow. The domain's transition table and permissions
//! decide; the store records the move, a revision and an audit row.

use jiff::Timestamp;
use rusqlite::params;
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError, to_seconds};
use crate::domain::{ArticleId, DomainError, Status, Transition, User};

impl Store {
    /// Makes one workflow move. Publishing needs a title, a lead and a body.
    pub fn transition(
        &mut self,
        actor: &User,
        id: ArticleId,
        transition: Transition,
        now: Timestamp,
    ) -> Result<Status, StoreError> {
        let article = self.article(id)?;
        let own = article.author == actor.login.as_str();
        let to = transition.check(article.status, actor.role, own)?;
        if to == Status::Published {
            let missing: Vec<&str> = [
                ("title", &article.title),
                ("lead", &article.lead),
                ("body", &article.body),
            ]
            .into_iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(f, _)| f)
            .collect();
            if let Some(field) = missing.first() {
                return Err(DomainError::Empty { field }.into());
            }
        }
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE articles SET status = ?3, version = version + 1, updated_at = ?4,
                    published_at = CASE WHEN ?3 = 'published' THEN ?4 ELSE published_at END,
                    scheduled_at = CASE WHEN ?3 = 'scheduled' THEN scheduled_at ELSE NULL END
             WHERE id = ?1 AND version = ?2",
            params![id, article.version, to.as_str(), to_seconds(now)],
        )?;
        if n == 0 {
            let current: i64 =
                tx.query_row("SELECT version FROM articles WHERE id = ?1", [id], |r| r.get(0))?;
            return Err(StoreError::StaleVersion {
                article: id,
                yours: article.version,
                current,
            });
        }
        let reason = format!("status {} → {}", article.status, to);
        super::revisions::insert_revision(
            &tx,
            id,
            &article.text(),
            to.as_str(),
            &reason,
            actor.login.as_str(),
            now,
        )?;
        let entry = AuditEntry {
            action: transition_action(transition),
            entity: "article",
            entity_id: id.to_string(),
            before: Some(json!({ "status": article.status })),
            after: Some(json!({ "status": to })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(to)
    }
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
