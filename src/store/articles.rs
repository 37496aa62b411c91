use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError, to_seconds};
use crate::domain::{Article, ArticleDraft, ArticleId, ArticleText, Operation, Photo, Status, User};
use crate::text;

/// The position of a row in the article list: newest update first, id breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleKey {
    /// A search result's rank (higher first, see `search::article_tiers`); 0 in lists.
    pub tier: i64,
    pub updated_at: i64,
    pub id: ArticleId,
}

/// What the article list shows of each article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub id: ArticleId,
    pub title: String,
    pub byline: String,
    pub status: Status,
    pub author: String,
    pub updated_at: Timestamp,
    /// See `ArticleKey::tier`.
    pub tier: i64,
    /// Search results only: where the words were found in the lead and body.
    pub snippet: Option<crate::text::Snippet>,
}

impl ArticleRow {
    pub fn key(&self) -> ArticleKey {
        ArticleKey {
            tier: self.tier,
            updated_at: to_seconds(self.updated_at),
            id: self.id,
        }
    }
}

/// A complete article written by the demo loader (or an import): status and times included.
#[derive(Debug, Clone)]
pub struct SeedArticle {
    pub draft: ArticleDraft,
    pub slug: String,
    pub status: Status,
    pub author: String,
    pub tags: Vec<String>,
    pub photos: Vec<Photo>,
    pub created_at: Timestamp,
    pub scheduled_at: Option<Timestamp>,
    pub published_at: Option<Timestamp>,
}

/// An article by its slug, current or old.
pub(super) const SLUG_LOOKUP: &str = "SELECT id FROM articles WHERE slug = ?1
     UNION ALL SELECT article_id FROM old_slugs WHERE slug = ?1 LIMIT 1";

/// What a list row reads; plain lists have one tier, 0.
const ROW_COLUMNS: &str = "id, title, byline, status, author, updated_at, 0 AS tier";
/// The condition on `?1`, a status or NULL for every status, written only when it applies:
/// `?1 IS NULL OR status = ?1` kept SQLite off the status index, and a list of the
/// published articles read every article, bodies and all.
fn status_filter(status: Option<Status>) -> &'static str {
    if status.is_some() {
        "status = ?1"
    } else {
        "?1 IS NULL"
    }
}

impl Store {
    /// Creates a draft owned by `actor` and returns its id.
    pub fn create_article(
        &mut self,
        actor: &User,
        draft: &ArticleDraft,
        zone: &str,
        now: Timestamp,
    ) -> Result<ArticleId, StoreError> {
        actor.role.check(Operation::WriteOwnArticle)?;
        let draft = normalized(draft);
        draft.validate()?;
        let seed = SeedArticle {
            slug: text::slugify(&draft.title),
            draft,
            status: Status::Draft,
            author: actor.login.to_string(),
            tags: Vec::new(),
            photos: Vec::new(),
            created_at: now,
            scheduled_at: None,
            published_at: None,
        };
        let tx = self.write()?;
        let id = insert_article(&tx, &seed, zone)?;
        super::search::refold_article(&tx, id)?;
        record_revision(&tx, id, "created", actor.login.as_str(), now)?;
        audit::record(&tx, now, actor.login.as_str(), created(id, &seed))?;
        tx.commit()?;
        Ok(id)
    }

    /// Writes whole articles as given (demo content, imports), in one transaction. Admins only.
    pub fn seed_articles(
        &mut self,
        actor: &User,
        seeds: &[SeedArticle],
        zone: &str,
        now: Timestamp,
    ) -> Result<Vec<ArticleId>, StoreError> {
        actor.role.check(Operation::LoadDemo)?;
        let seeds: Vec<SeedArticle> = seeds
            .iter()
            .map(|s| SeedArticle {
                draft: normalized(&s.draft),
                ..s.clone()
            })
            .collect();
        for seed in &seeds {
            seed.draft.validate()?;
        }
        let tx = self.write()?;
        let mut ids = Vec::with_capacity(seeds.len());
        for seed in &seeds {
            let id = insert_article(&tx, seed, zone)?;
            for tag in &seed.tags {
                attach_tag(&tx, id, tag)?;
            }
            for (position, photo) in seed.photos.iter().enumerate() {
                tx.prepare_cached(
                    "INSERT INTO photos (article_id, file, caption, credit, alt, decorative, position,
                                         after_paragraph, sha256, width, height)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    id,
                    photo.file,
                    text::nfc(&photo.caption),
                    text::nfc(&photo.credit),
                    photo.alt.as_deref().map(text::nfc),
                    photo.decorative,
                    position as i64,
                    photo.after_paragraph,
                    photo.sha256,
                    photo.width,
                    photo.height
                ])?;
            }
            super::search::refold_article(&tx, id)?;
            record_revision(&tx, id, "created", &seed.author, seed.created_at)?;
            audit::record(&tx, now, actor.login.as_str(), created(id, seed))?;
            ids.push(id);
        }
        tx.commit()?;
        Ok(ids)
    }

    pub fn article(&self, id: ArticleId) -> Result<Article, StoreError> {
        article_in(&self.conn, id)
    }

    /// Up to `limit` rows in list order, starting at `from` (inclusive) or at the top.
    pub fn article_rows_from(
        &self,
        status: Option<Status>,
        from: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let from = from.unwrap_or(ArticleKey {
            tier: 0,
            updated_at: i64::MAX,
            id: i64::MAX,
        });
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM articles WHERE {} AND (updated_at, id) <= (?2, ?3)
             ORDER BY updated_at DESC, id DESC LIMIT ?4",
            status_filter(status)
        );
        self.article_rows(&sql, status, from, limit)
    }

    /// Up to `limit` rows just above `key` in the list, returned in list order.
    pub fn article_rows_above(
        &self,
        status: Option<Status>,
        key: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let key = key.unwrap_or(ArticleKey {
            tier: 0,
            updated_at: i64::MIN,
            id: i64::MIN,
        });
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM articles WHERE {} AND (updated_at, id) > (?2, ?3)
             ORDER BY updated_at ASC, id ASC LIMIT ?4",
            status_filter(status)
        );
        let mut rows = self.article_rows(&sql, status, key, limit)?;
        rows.reverse();
        Ok(rows)
    }

    fn article_rows(
        &self,
        sql: &str,
        status: Option<Status>,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(
            params![status.map(Status::as_str), key.updated_at, key.id, limit as i64],
            super::search::row_to_article,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Article ids in list order after `after`, optionally only those with a tag (name or slug).
    pub fn article_ids_page(
        &self,
        status: Option<Status>,
        tag: Option<&str>,
        after: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<(ArticleKey, ArticleId)>, StoreError> {
        // A page of the article list, keys only.
        let lines = self.article_lines_page(status, tag, after, limit)?;
        Ok(lines.into_iter().map(|l| (l.key, l.key.id)).collect())
    }

    pub fn article_count(&self, status: Option<Status>) -> Result<u64, StoreError> {
        let sql = format!("SELECT count(*) FROM articles WHERE {}", status_filter(status));
        let n: i64 = self
            .conn
            .query_row(&sql, params![status.map(Status::as_str)], |r| r.get(0))?;
        Ok(n as u64)
    }
}

fn normalized(d: &ArticleDraft) -> ArticleDraft {
    let line = |s: &str| text::nfc(s.trim());
    ArticleDraft {
        title: line(&d.title),
        dateline: line(&d.dateline),
        lead: text::normalize_input(d.lead.trim()),
        body: text::normalize_input(&d.body),
        byline: line(&d.byline),
    }
}

fn insert_article(tx: &Transaction<'_>, seed: &SeedArticle, zone: &str) -> rusqlite::Result<ArticleId> {
    let slug = super::revisions::unique_slug(tx, &seed.slug, None)?;
    let d = &seed.draft;
    tx.execute(
        "INSERT INTO articles (slug, title, dateline, lead, body, byline, status, author,
                               created_at, updated_at, scheduled_at, published_at, zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)",
        params![
            slug,
            d.title,
            d.dateline,
            d.lead,
            d.body,
            d.byline,
            seed.status.as_str(),
            seed.author,
            to_seconds(seed.created_at),
            seed.scheduled_at.map(to_seconds),
            seed.published_at.map(to_seconds),
            zone
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn attach_tag(tx: &Transaction<'_>, article: ArticleId, name: &str) -> Result<(), StoreError> {
    let tag = crate::domain::Tag::parse(name)?;
    super::tags::attach(tx, article, &tag)?;
    Ok(())
}

/// Keeps the article as it now stands as a revision. Read into Rust and written back, not
/// copied in SQL, so the body is packed like every other revision's (`PackedText`).
pub(super) fn record_revision(
    tx: &Transaction<'_>,
    id: ArticleId,
    reason: &str,
    login: &str,
    at: Timestamp,
) -> rusqlite::Result<()> {
    let Some((text, status)) = tx
        .query_row(
            "SELECT title, dateline, lead, body, byline, slug, status FROM articles WHERE id = ?1",
            [id],
            |r| {
                let text = ArticleText {
                    title: r.get(0)?,
                    dateline: r.get(1)?,
                    lead: r.get(2)?,
                    body: r.get(3)?,
                    byline: r.get(4)?,
                    slug: r.get(5)?,
                };
                Ok((text, r.get::<_, String>(6)?))
            },
        )
        .optional()?
    else {
        return Ok(());
    };
    super::revisions::insert_revision(tx, id, &text, &status, reason, login, at)?;
    Ok(())
}

fn created(id: ArticleId, seed: &SeedArticle) -> AuditEntry {
    AuditEntry {
        action: "article.create",
        entity: "article",
        entity_id: id.to_string(),
        before: None,
        after: Some(json!({ "title": seed.draft.title, "status": seed.status, "author": seed.author })),
    }
}

impl Store {
    /// The article with this slug now, or with it once: old addresses keep working.
    pub fn article_id_by_slug(&self, slug: &str) -> Result<Option<ArticleId>, StoreError> {
        Ok(self
            .conn
            .query_row(SLUG_LOOKUP, [slug], |r| r.get(0))
            .optional()?)
    }
}

/// The whole article, on any connection or transaction.
pub(super) fn article_in(conn: &rusqlite::Connection, id: ArticleId) -> Result<Article, StoreError> {
    // The same columns, in the same order, as a page of the article list reads.
    let mut article = conn
        .prepare_cached(&format!(
            "SELECT {}, body FROM articles WHERE id = ?1",
            super::article_pages::ARTICLE_COLUMNS
        ))?
        .query_row([id], super::article_pages::article_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "article",
            id: id.to_string(),
        })?;
    article.tags = super::tags::tags_of(conn, id)?;
    let mut old =
        conn.prepare_cached("SELECT slug FROM old_slugs WHERE article_id = ?1 ORDER BY retired_at, slug")?;
    article.old_slugs = old.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut photos = conn.prepare_cached(
        "SELECT file, caption, credit, alt, decorative, sha256, width, height, after_paragraph
             FROM photos WHERE article_id = ?1 ORDER BY position, id",
    )?;
    article.photos = photos
        .query_map([id], |r| {
            Ok(Photo {
                file: r.get(0)?,
                caption: r.get(1)?,
                credit: r.get(2)?,
                alt: r.get(3)?,
                decorative: r.get(4)?,
                sha256: r.get(5)?,
                width: r.get(6)?,
                height: r.get(7)?,
                position: 0,
                after_paragraph: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    for (i, photo) in article.photos.iter_mut().enumerate() {
        photo.position = i + 1;
    }
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The TUI's list of one status walks the status index with the status bound as a
    /// parameter, as the store binds it (a traced query has it written in, and SQLite
    /// then folds even the slow `?1 IS NULL OR status = ?1` away).
    #[test]
    fn a_list_of_one_status_walks_the_status_index() {
        let store = Store::open_in_memory().unwrap();
        for (status, index) in [
            (None, "articles_by_update"),
            (Some(Status::Published), "articles_by_status"),
        ] {
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT {ROW_COLUMNS} FROM articles WHERE {} AND (updated_at, id) <= (?2, ?3)
                 ORDER BY updated_at DESC, id DESC LIMIT ?4",
                status_filter(status)
            );
            let plan: Vec<String> = store
                .conn
                .prepare(&sql)
                .unwrap()
                .query_map(params![status.map(Status::as_str), 1, 1, 20], |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let plan = plan.join("; ");
            assert!(plan.contains(index), "{status:?}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "no sorting: {plan}");
        }
    }
}
