//! An article's photos: adding one from the media library, changing its caption, credit,
//! alt text and place, reordering and removing. Each change is audited and leaves a
//! revision, whose photo snapshot (migration 009) keeps the captions as they were.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::audit::{self, AuditEntry};
use super::{Store, StoreError, to_seconds};
use crate::domain::{ArticleId, Editing, Status, User, check_save, editing, placement};
use crate::media::Stored;
use crate::text;

/// What to change on a photo; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoChange {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt: Option<AltText>,
    pub after_paragraph: Option<u32>,
    /// On a published article, the public note of the correction this change makes.
    pub note: Option<String>,
}

/// A photo has alt text for people who cannot see it, or is marked as decoration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AltText {
    Alt(String),
    Decorative,
}

impl Store {
    /// Refuses unless `actor` may change this article's photos now (the rules for its text)
    /// and the body has the paragraph asked for: what `add_photo` would refuse, asked before
    /// the image is copied.
    pub fn check_photo_add(
        &self,
        actor: &User,
        article: ArticleId,
        after_paragraph: Option<u32>,
    ) -> Result<(), StoreError> {
        writable(&self.conn, actor, article)?;
        check_place(&self.conn, article, after_paragraph)
    }

    /// Adds a photo already in the media library as the article's last; returns its number.
    pub fn add_photo(
        &mut self,
        actor: &User,
        article: ArticleId,
        image: &Stored,
        change: &PhotoChange,
        now: Timestamp,
    ) -> Result<usize, StoreError> {
        let tx = self.write()?;
        writable(&tx, actor, article)?;
        check_place(&tx, article, change.after_paragraph)?;
        let count = photo_ids(&tx, article)?.len();
        tx.execute(
            "INSERT INTO photos (article_id, file, sha256, width, height, format, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                article,
                image.file,
                image.sha256,
                image.info.width,
                image.info.height,
                image.info.format.name(),
                count as i64
            ],
        )?;
        let id = tx.last_insert_rowid();
        apply(&tx, id, change)?;
        let n = count + 1;
        let after = snapshot(&tx, id)?;
        finish(
            tx,
            actor,
            article,
            now,
            format!("photo {n} added"),
            "photo.add",
            None,
            Some(after),
        )?;
        Ok(n)
    }

    /// Changes photo `n` (from 1) of the article.
    pub fn change_photo(
        &mut self,
        actor: &User,
        article: ArticleId,
        n: usize,
        change: &PhotoChange,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let editing = writable(&tx, actor, article)?;
        let id = nth(&tx, article, n)?;
        check_place(&tx, article, change.after_paragraph)?;
        let before = snapshot(&tx, id)?;
        apply(&tx, id, change)?;
        let after = snapshot(&tx, id)?;
        if before == after {
            return Ok(());
        }
        let what = if before["caption"] != after["caption"] {
            "caption"
        } else {
            "details"
        };
        let mut reason = format!("photo {n}: {what} changed");
        let note = change.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if mark_corrected(&tx, article, editing, note, now)?
            && let Some(note) = note
        {
            reason = format!("{reason}; correction: {note}");
        }
        finish(
            tx,
            actor,
            article,
            now,
            reason,
            "photo.change",
            Some(before),
            Some(after),
        )
    }

    /// Takes photo `n` out of the article; the file stays in the library for other articles.
    pub fn remove_photo(
        &mut self,
        actor: &User,
        article: ArticleId,
        n: usize,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let editing = writable(&tx, actor, article)?;
        let id = nth(&tx, article, n)?;
        let before = snapshot(&tx, id)?;
        mark_corrected(&tx, article, editing, None, now)?;
        tx.execute("DELETE FROM photos WHERE id = ?1", [id])?;
        renumber(&tx, &photo_ids(&tx, article)?)?;
        finish(
            tx,
            actor,
            article,
            now,
            format!("photo {n} removed"),
            "photo.remove",
            Some(before),
            None,
        )
    }

    /// Moves photo `n` to place `to` (both from 1); the others close up around it.
    pub fn move_photo(
        &mut self,
        actor: &User,
        article: ArticleId,
        n: usize,
        to: usize,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        let editing = writable(&tx, actor, article)?;
        let id = nth(&tx, article, n)?;
        let mut ids = photo_ids(&tx, article)?;
        if to == 0 || to > ids.len() {
            return Err(StoreError::NoSuchPhoto {
                article,
                n: to,
                count: ids.len(),
            });
        }
        if to == n {
            return Ok(());
        }
        ids.retain(|i| *i != id);
        ids.insert(to - 1, id);
        renumber(&tx, &ids)?;
        mark_corrected(&tx, article, editing, None, now)?;
        let reason = format!("photo {n} moved to {to}");
        finish(
            tx,
            actor,
            article,
            now,
            reason,
            "photo.move",
            Some(json!({ "position": n })),
            Some(json!({ "position": to })),
        )
    }
}

/// How `actor` may change the article's photos: refused when read-only, and on a published
/// article an editor's change is a public correction.
fn writable(conn: &rusqlite::Connection, actor: &User, article: ArticleId) -> Result<Editing, StoreError> {
    let (author, status): (String, String) = conn
        .query_row(
            "SELECT author, status FROM articles WHERE id = ?1",
            [article],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "article",
            id: article.to_string(),
        })?;
    let own = author == actor.login.as_str();
    let status: Status = status.parse().unwrap_or(Status::Draft);
    match editing(status, actor.role, own) {
        Editing::ReadOnly => {
            check_save(status, actor.role, own, None)?;
            Ok(Editing::ReadOnly)
        }
        other => Ok(other),
    }
}

/// Readers saw the photos as they were: on a published article the change is a correction,
/// dated as a text correction is. Without a note (the command line may give none) the time
/// still moves and the last note stays. Says whether it was one.
fn mark_corrected(
    tx: &Transaction<'_>,
    article: ArticleId,
    editing: Editing,
    note: Option<&str>,
    now: Timestamp,
) -> Result<bool, StoreError> {
    if editing != Editing::Correction {
        return Ok(false);
    }
    tx.execute(
        "UPDATE articles SET corrected_at = ?2, updated_note = COALESCE(?3, updated_note) WHERE id = ?1",
        params![article, to_seconds(now), note],
    )?;
    Ok(true)
}

fn check_place(tx: &rusqlite::Connection, article: ArticleId, after: Option<u32>) -> Result<(), StoreError> {
    let Some(asked) = after else { return Ok(()) };
    let body: String = tx.query_row("SELECT body FROM articles WHERE id = ?1", [article], |r| r.get(0))?;
    let paragraphs = placement::paragraph_count(&body);
    if asked as usize > paragraphs {
        return Err(StoreError::NoSuchParagraph {
            article,
            asked,
            paragraphs,
        });
    }
    Ok(())
}

fn photo_ids(tx: &Transaction<'_>, article: ArticleId) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached("SELECT id FROM photos WHERE article_id = ?1 ORDER BY position, id")?;
    let ids = stmt.query_map([article], |r| r.get(0))?;
    ids.collect()
}

fn nth(tx: &Transaction<'_>, article: ArticleId, n: usize) -> Result<i64, StoreError> {
    let ids = photo_ids(tx, article)?;
    n.checked_sub(1)
        .and_then(|i| ids.get(i).copied())
        .ok_or(StoreError::NoSuchPhoto {
            article,
            n,
            count: ids.len(),
        })
}

fn renumber(tx: &Transaction<'_>, ids: &[i64]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached("UPDATE photos SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![id, position as i64])?;
    }
    Ok(())
}

fn apply(tx: &Transaction<'_>, id: i64, change: &PhotoChange) -> rusqlite::Result<()> {
    let line = |s: &str| text::nfc(s.split_whitespace().collect::<Vec<_>>().join(" ").as_str());
    if let Some(caption) = &change.caption {
        tx.execute(
            "UPDATE photos SET caption = ?2 WHERE id = ?1",
            params![id, line(caption)],
        )?;
    }
    if let Some(credit) = &change.credit {
        tx.execute(
            "UPDATE photos SET credit = ?2 WHERE id = ?1",
            params![id, line(credit)],
        )?;
    }
    match &change.alt {
        Some(AltText::Alt(alt)) => {
            let alt = line(alt);
            tx.execute(
                "UPDATE photos SET alt = ?2, decorative = 0 WHERE id = ?1",
                params![id, (!alt.is_empty()).then_some(alt)],
            )?;
        }
        Some(AltText::Decorative) => {
            tx.execute("UPDATE photos SET alt = NULL, decorative = 1 WHERE id = ?1", [id])?;
        }
        None => {}
    }
    if let Some(after) = change.after_paragraph {
        tx.execute(
            "UPDATE photos SET after_paragraph = ?2 WHERE id = ?1",
            params![id, after],
        )?;
    }
    Ok(())
}

fn snapshot(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Value> {
    tx.query_row(
        "SELECT file, caption, credit, alt, decorative, after_paragraph FROM photos WHERE id = ?1",
        [id],
        |r| {
            Ok(json!({
                "file": r.get::<_, String>(0)?,
                "caption": r.get::<_, String>(1)?,
                "credit": r.get::<_, String>(2)?,
                "alt": r.get::<_, Option<String>>(3)?,
                "decorative": r.get::<_, bool>(4)?,
                "after_paragraph": r.get::<_, Option<u32>>(5)?,
            }))
        },
    )
}

/// The article's search text, its update time, a revision (with the photos as they are now)
/// and the audit row, then commit.
#[allow(clippy::too_many_arguments)]
fn finish(
    tx: Transaction<'_>,
    actor: &User,
    article: ArticleId,
    now: Timestamp,
    reason: String,
    action: &'static str,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE articles SET updated_at = ?2 WHERE id = ?1",
        params![article, to_seconds(now)],
    )?;
    super::search::refold_article(&tx, article)?;
    super::articles::record_revision(&tx, article, &reason, actor.login.as_str(), now)?;
    let entry = AuditEntry {
        action,
        entity: "article",
        entity_id: article.to_string(),
        before,
        after,
    };
    audit::record(&tx, now, actor.login.as_str(), entry)?;
    tx.commit()?;
    Ok(())
}
