//! Saving an article: versions, revisions, restoring, and the leases that say who edits.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::packed::PackedText;
use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, ArticleText, Editing, Lease, Operation, Status, User, check_save};
use crate::text;

/// A revision as the history list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRow {
    pub id: i64,
    pub article_id: ArticleId,
    pub reason: String,
    pub saved_by: String,
    pub saved_at: Timestamp,
    /// The article's version this revision is, or, for kept unsaved text (`is_version`
    /// false), the version it was typed on: the one number people see for a save.
    pub version: i64,
    pub is_version: bool,
}

/// A whole revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub row: RevisionRow,
    pub text: ArticleText,
    /// The photos' captions and credits as they were, `(caption, credit)` in order: the
    /// history diffs them with the text.
    pub captions: Vec<(String, String)>,
}

/// Whether the person chose the slug or the editor derived it from the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugSource {
    /// Made unique quietly: `ho-tay` becomes `ho-tay-2` when taken.
    Derived,
    /// Refused when taken: the person asked for exactly this one.
    Chosen,
}

/// What a save needs besides the text.
#[derive(Debug, Clone, Copy)]
pub struct SaveRequest<'a> {
    pub article: ArticleId,
    /// The version the text was based on; a newer one in the store refuses the save.
    pub base_version: i64,
    pub session: &'a str,
    pub slug: SlugSource,
    pub reason: &'a str,
    /// A published article is corrected in public: what changed, in one line.
    pub note: Option<&'a str>,
}

/// Whether the caller now holds the lease.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaseOutcome {
    Granted,
    HeldBy(Lease),
}

/// `(caption, credit)` of each photo in a revision's photos JSON; nothing when absent
/// (revisions from before photos were kept) or unreadable.
fn captions_of(json: Option<&str>) -> Vec<(String, String)> {
    let Some(Ok(serde_json::Value::Array(photos))) = json.map(serde_json::from_str) else {
        return Vec::new();
    };
    let field = |p: &serde_json::Value, k: &str| p[k].as_str().unwrap_or_default().to_owned();
    photos
        .iter()
        .map(|p| (field(p, "caption"), field(p, "credit")))
        .collect()
}

pub(super) fn normalized(t: &ArticleText) -> ArticleText {
    let line = |s: &str| text::nfc(s.trim());
    ArticleText {
        title: line(&t.title),
        dateline: line(&t.dateline),
        lead: text::normalize_input(t.lead.trim()),
        body: text::normalize_input(&t.body),
        byline: line(&t.byline),
        // Empty means "derive it from the title", which the save does.
        slug: if t.slug.trim().is_empty() {
            String::new()
        } else {
            text::slugify(&t.slug)
        },
    }
}

pub(super) fn insert_revision(
    tx: &Transaction<'_>,
    article: ArticleId,
    t: &ArticleText,
    status: &str,
    reason: &str,
    login: &str,
    at: Timestamp,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO article_revisions (article_id, title, dateline, lead, body, byline, slug,
                                        status, reason, saved_by, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            article,
            t.title,
            t.dateline,
            t.lead,
            PackedText(t.body.clone()),
            t.byline,
            t.slug,
            status,
            reason,
            login,
            to_seconds(at)
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn live_lease(tx: &Transaction<'_>, article: ArticleId, now: Timestamp) -> rusqlite::Result<Option<Lease>> {
    let lease = tx
        .query_row(
            "SELECT login, session, taken_at, heartbeat_at FROM leases WHERE article_id = ?1",
            [article],
            |r| {
                Ok(Lease {
                    article_id: article,
                    login: r.get(0)?,
                    session: r.get(1)?,
                    taken_at: from_seconds(r.get(2)?),
                    heartbeat_at: from_seconds(r.get(3)?),
                })
            },
        )
        .optional()?;
    Ok(lease.filter(|l| l.is_live(now)))
}

fn grant(
    tx: &Transaction<'_>,
    article: ArticleId,
    login: &str,
    session: &str,
    now: Timestamp,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO leases (article_id, login, session, taken_at, heartbeat_at) VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT (article_id) DO UPDATE
         SET login = excluded.login, session = excluded.session,
             taken_at = excluded.taken_at, heartbeat_at = excluded.heartbeat_at",
        params![article, login, session, to_seconds(now)],
    )?;
    Ok(())
}

impl Store {
    /// Whether `actor` may change this article (else they may only read it).
    pub fn may_write(&self, actor: &User, article: ArticleId) -> Result<bool, StoreError> {
        match self.check_write(actor, article) {
            Ok(()) => Ok(true),
            Err(StoreError::Domain(crate::domain::DomainError::Forbidden { .. })) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Who may write this article: its author, or an editor or admin.
    pub(super) fn check_write(&self, actor: &User, article: ArticleId) -> Result<(), StoreError> {
        let author: String = self
            .conn
            .query_row("SELECT author FROM articles WHERE id = ?1", [article], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                id: article.to_string(),
            })?;
        let own = author == actor.login.as_str();
        actor.role.check(if own {
            Operation::WriteOwnArticle
        } else {
            Operation::WriteOthersArticle
        })?;
        Ok(())
    }

    /// A new, empty draft for the editor: it may have no title yet.
    pub fn create_blank_draft(
        &mut self,
        actor: &User,
        zone: &str,
        now: Timestamp,
    ) -> Result<ArticleId, StoreError> {
        actor.role.check(Operation::WriteOwnArticle)?;
        let tx = self.write()?;
        let slug = unique_slug(&tx, "bai-viet", None)?;
        tx.execute(
            "INSERT INTO articles (slug, title, author, created_at, updated_at, zone)
             VALUES (?1, '', ?2, ?3, ?3, ?4)",
            params![slug, actor.login.as_str(), to_seconds(now), zone],
        )?;
        let id = tx.last_insert_rowid();
        let text = ArticleText {
            slug,
            ..ArticleText::default()
        };
        insert_revision(&tx, id, &text, "draft", "created", actor.login.as_str(), now)?;
        let entry = AuditEntry {
            action: "article.create",
            entity: "article",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "title": "", "status": "draft", "author": actor.login.as_str() })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(id)
    }

    /// Saves the text as a new version with a revision, or refuses: a stale base version,
    /// someone else's live lease, a chosen slug that is taken. Returns the new version and
    /// the slug the article now has.
    pub fn save_article(
        &mut self,
        actor: &User,
        text: &ArticleText,
        req: SaveRequest<'_>,
        now: Timestamp,
    ) -> Result<(i64, String), StoreError> {
        let (author, status, ever_published): (String, String, bool) = self
            .conn
            .query_row(
                "SELECT author, status, published_at IS NOT NULL FROM articles WHERE id = ?1",
                [req.article],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                id: req.article.to_string(),
            })?;
        let own = author == actor.login.as_str();
        let status: Status = status.parse().unwrap_or(Status::Draft);
        let editing = check_save(status, actor.role, own, req.note)?;
        let note = req
            .note
            .map(|n| text::nfc(n.split_whitespace().collect::<Vec<_>>().join(" ").as_str()));
        let mut text = normalized(text);
        text.validate()?;
        let tx = self.write()?;
        if let Some(lease) = live_lease(&tx, req.article, now)?
            && lease.session != req.session
        {
            return Err(StoreError::LeaseHeld {
                login: lease.login,
                since: lease.taken_at,
            });
        }
        let (current, old_title): (i64, String) = tx.query_row(
            "SELECT version, title FROM articles WHERE id = ?1",
            [req.article],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if current != req.base_version {
            return Err(StoreError::StaleVersion {
                article: req.article,
                yours: req.base_version,
                current,
            });
        }
        let current_slug: String =
            tx.query_row("SELECT slug FROM articles WHERE id = ?1", [req.article], |r| {
                r.get(0)
            })?;
        // Once live, the address stays put: only `change_slug` moves it, on purpose.
        if ever_published {
            text.slug = current_slug.clone();
        }
        let wanted = if ever_published {
            current_slug
        } else if text.slug.is_empty() {
            text::slugify(&text.title)
        } else {
            text.slug.clone()
        };
        text.slug = match req.slug {
            SlugSource::Derived => unique_slug(&tx, &wanted, Some(req.article))?,
            SlugSource::Chosen => match slug_owner(&tx, &wanted, req.article)? {
                Some(other) => return Err(StoreError::SlugTaken { slug: wanted, other }),
                None => wanted,
            },
        };
        tx.execute(
            "UPDATE articles SET title = ?2, dateline = ?3, lead = ?4, body = ?5, byline = ?6, slug = ?7,
                                 updated_at = ?8, version = version + 1
             WHERE id = ?1",
            params![
                req.article,
                text.title,
                text.dateline,
                text.lead,
                text.body,
                text.byline,
                text.slug,
                to_seconds(now)
            ],
        )?;
        super::search::refold_article(&tx, req.article)?;
        let correction = match (editing, &note) {
            (Editing::Correction, Some(note)) => {
                tx.execute(
                    "UPDATE articles SET corrected_at = ?2, updated_note = ?3 WHERE id = ?1",
                    params![req.article, to_seconds(now), note],
                )?;
                Some(note.as_str())
            }
            _ => None,
        };
        let reason = match correction {
            Some(note) => format!("correction: {note}"),
            None => req.reason.to_owned(),
        };
        insert_revision(
            &tx,
            req.article,
            &text,
            status.as_str(),
            &reason,
            actor.login.as_str(),
            now,
        )?;
        Store::drop_autosave_in(&tx, req.article, actor.login.as_str())?;
        let entry = AuditEntry {
            action: "article.save",
            entity: "article",
            entity_id: req.article.to_string(),
            before: Some(json!({ "version": current, "title": old_title })),
            after: Some(json!({ "version": current + 1, "title": text.title, "reason": reason })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok((current + 1, text.slug))
    }

    /// Newest first, before revision id `before`.
    pub fn revisions_page(
        &self,
        article: ArticleId,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<RevisionRow>, StoreError> {
        // A revision's version: the article's version less the saves after it. Autosaves
        // and unsaved text kept at a take-over made no version.
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.reason, r.saved_by, r.saved_at,
                    a.version - (SELECT count(*) FROM article_revisions n
                                 WHERE n.article_id = r.article_id AND n.id > r.id
                                   AND n.reason NOT IN ('autosave', 'recovered autosave')
                                   AND n.reason NOT LIKE 'unsaved text of % at take-over'),
                    r.reason NOT IN ('autosave', 'recovered autosave')
                        AND r.reason NOT LIKE 'unsaved text of % at take-over'
             FROM article_revisions r JOIN articles a ON a.id = r.article_id
             WHERE r.article_id = ?1 AND r.id < ?2 ORDER BY r.id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![article, before.unwrap_or(i64::MAX), limit as i64], |r| {
            Ok(RevisionRow {
                id: r.get(0)?,
                article_id: article,
                reason: r.get(1)?,
                saved_by: r.get(2)?,
                saved_at: from_seconds(r.get(3)?),
                version: r.get(4)?,
                is_version: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn revision(&self, id: i64) -> Result<Revision, StoreError> {
        let article: ArticleId = self
            .conn
            .query_row(
                "SELECT article_id FROM article_revisions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: id.to_string(),
            })?;
        let row = self
            .revisions_page(article, Some(id + 1), 1)?
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: id.to_string(),
            })?;
        self.conn
            .query_row(
                "SELECT article_id, reason, saved_by, saved_at, title, dateline, lead, body, byline, slug,
                        photos
                 FROM article_revisions WHERE id = ?1",
                [id],
                |r| {
                    Ok(Revision {
                        row: row.clone(),
                        text: ArticleText {
                            title: r.get(4)?,
                            dateline: r.get(5)?,
                            lead: r.get(6)?,
                            body: r.get::<_, PackedText>(7)?.0,
                            byline: r.get(8)?,
                            slug: r.get(9)?,
                        },
                        captions: captions_of(r.get::<_, Option<String>>(10)?.as_deref()),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "revision",
                id: id.to_string(),
            })
    }

    /// Makes the person's autosave a revision and drops it: what a recovery does whichever
    /// text the person keeps, so nothing typed is ever lost.
    pub fn keep_autosave_as_revision(
        &mut self,
        actor: &User,
        article: ArticleId,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        self.check_write(actor, article)?;
        let Some(save) = self.autosave(article, actor.login.as_str())? else {
            return Ok(None);
        };
        let tx = self.write()?;
        let status: String = tx.query_row("SELECT status FROM articles WHERE id = ?1", [article], |r| {
            r.get(0)
        })?;
        let id = insert_revision(
            &tx,
            article,
            &save.text,
            &status,
            "recovered autosave",
            actor.login.as_str(),
            now,
        )?;
        Store::drop_autosave_in(&tx, article, actor.login.as_str())?;
        tx.commit()?;
        Ok(Some(id))
    }

    /// Takes the lease if it is free, expired, or this person's (another session of theirs,
    /// most likely one that hung up or was killed: its typing is in their autosave).
    pub fn acquire_lease(
        &mut self,
        actor: &User,
        article: ArticleId,
        session: &str,
        now: Timestamp,
    ) -> Result<LeaseOutcome, StoreError> {
        self.check_write(actor, article)?;
        let tx = self.write()?;
        if let Some(lease) = live_lease(&tx, article, now)?
            && lease.session != session
            && lease.login != actor.login.as_str()
        {
            return Ok(LeaseOutcome::HeldBy(lease));
        }
        grant(&tx, article, actor.login.as_str(), session, now)?;
        tx.commit()?;
        Ok(LeaseOutcome::Granted)
    }

    /// Keeps the lease alive; false when it was taken over or expired and taken.
    pub fn heartbeat(
        &mut self,
        article: ArticleId,
        session: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE leases SET heartbeat_at = ?3 WHERE article_id = ?1 AND session = ?2",
            params![article, session, to_seconds(now)],
        )?;
        tx.commit()?;
        Ok(n == 1)
    }

    pub fn release_lease(&mut self, article: ArticleId, session: &str) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM leases WHERE article_id = ?1 AND session = ?2",
            params![article, session],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn lease(&self, article: ArticleId, now: Timestamp) -> Result<Option<Lease>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let lease = live_lease(&tx, article, now)?;
        tx.commit()?;
        Ok(lease)
    }

    /// Takes the article from whoever edits it. Their unsaved text is first kept as a
    /// revision, so taking over never loses a word; returns that revision's id.
    pub fn take_over(
        &mut self,
        actor: &User,
        article: ArticleId,
        session: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        self.check_write(actor, article)?;
        let holder = self.lease(article, now)?;
        let their_save = match &holder {
            Some(lease) => self.autosave(article, &lease.login)?,
            None => None,
        };
        let current = self.article(article)?;
        let tx = self.write()?;
        let mut kept = None;
        if let (Some(lease), Some(save)) = (&holder, their_save)
            && save.text != current.text()
        {
            let reason = format!("unsaved text of {} at take-over", lease.login);
            kept = Some(insert_revision(
                &tx,
                article,
                &save.text,
                current.status.as_str(),
                &reason,
                &lease.login,
                now,
            )?);
        }
        grant(&tx, article, actor.login.as_str(), session, now)?;
        let entry = AuditEntry {
            action: "article.take_over",
            entity: "article",
            entity_id: article.to_string(),
            before: Some(json!({ "editing": holder.as_ref().map(|l| l.login.clone()) })),
            after: Some(json!({ "editing": actor.login.as_str(), "kept_revision": kept })),
        };
        audit::record(&tx, now, actor.login.as_str(), entry)?;
        tx.commit()?;
        Ok(kept)
    }
}

/// `base`, or `base-2`, `base-3`… whichever no other article uses.
pub(super) fn unique_slug(
    tx: &Transaction<'_>,
    base: &str,
    own: Option<ArticleId>,
) -> rusqlite::Result<String> {
    let base = if base.is_empty() { "bai-viet" } else { base };
    let mut candidate = base.to_owned();
    let mut n = 1;
    while slug_owner(tx, &candidate, own.unwrap_or(0))?.is_some() {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    Ok(candidate)
}

/// Who has this slug now, or had it once (an old slug is never handed to another article).
pub(super) fn slug_owner(
    tx: &Transaction<'_>,
    slug: &str,
    except: ArticleId,
) -> rusqlite::Result<Option<ArticleId>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM articles WHERE slug = ?1 AND id != ?2
         UNION ALL SELECT article_id FROM old_slugs WHERE slug = ?1 AND article_id != ?2 LIMIT 1",
    )?;
    stmt.query_row(params![slug, except], |r| r.get(0)).optional()
}
