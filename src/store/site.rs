//! What the published site reads: published articles newest first, each with a stamp of
//! everything its page shows, approved comments, public tags and old slugs. Every list is
//! paged by key, so a build of any size holds one page of rows at a time.

use jiff::Timestamp;
use rusqlite::params;

use super::{Store, StoreError, from_seconds};
use crate::domain::ArticleId;

/// A published article as lists, feeds and neighbours show it. Only columns stored before
/// the body are read, so a list never reads through the bodies' overflow pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteEntry {
    pub id: ArticleId,
    pub slug: String,
    pub title: String,
    pub dateline: String,
    pub lead: String,
    pub published_at: Timestamp,
    /// Changes whenever anything the article's own page shows changes: its text, photos,
    /// tags, correction, slug or approved comments. Cheap to compute for every article, so
    /// a rebuild knows which pages to render again without loading them.
    pub stamp: String,
}

/// Where a published list continues: after this publication time and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteKey {
    pub published_at: i64,
    pub id: ArticleId,
}

impl SiteEntry {
    pub fn key(&self) -> SiteKey {
        SiteKey {
            published_at: self.published_at.as_second(),
            id: self.id,
        }
    }
}

/// An approved comment as readers see it: never the phone or the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteComment {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub content: String,
    pub submitted_at: Timestamp,
}

/// A public tag with at least one published article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteTag {
    pub id: i64,
    pub name: String,
    pub slug: String,
}

/// A slug a published article had once, and the one it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldSlug {
    pub old: String,
    pub slug: String,
    pub title: String,
}

const ENTRY_COLUMNS: &str = "a.id, a.slug, a.title, a.dateline, a.lead, a.published_at,
    a.version || '/' || a.updated_at || '/' || ifnull(a.corrected_at, '') || '/' ||
    (SELECT count(*) || '/' || total(id) || '/' || total(version) || '/' || ifnull(max(decided_at), '')
       FROM comments c WHERE c.article_id = a.id AND c.status = 'approved') || '/' ||
    (SELECT ifnull(group_concat(t.name, '|'), '') FROM article_tags x JOIN tags t ON t.id = x.tag_id
      WHERE x.article_id = a.id) || '/' ||
    (SELECT count(*) || ':' || ifnull(group_concat(p.sha256 || p.file || p.caption || p.credit ||
            ifnull(p.alt, '') || p.decorative || ifnull(p.after_paragraph, ''), '|'), '')
       FROM photos p WHERE p.article_id = a.id)";

const LIST_COLUMNS: &str = "a.id, a.slug, a.title, a.dateline, a.lead, a.published_at, ''";

fn row_to_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<SiteEntry> {
    Ok(SiteEntry {
        id: r.get(0)?,
        slug: r.get(1)?,
        title: r.get(2)?,
        dateline: r.get(3)?,
        lead: r.get(4)?,
        published_at: from_seconds(r.get::<_, Option<i64>>(5)?.unwrap_or_default()),
        stamp: r.get(6)?,
    })
}

impl Store {
    /// Published articles, newest first, after `after` (or from the newest).
    pub fn site_entries(&self, after: Option<SiteKey>, limit: usize) -> Result<Vec<SiteEntry>, StoreError> {
        let after = after.unwrap_or(SiteKey {
            published_at: i64::MAX,
            id: i64::MAX,
        });
        let mut stmt = self.conn.prepare_cached(&format!(
            // Without the hint SQLite sorts every published article for each page, working out
            // each one's stamp on the way: seconds instead of milliseconds at 10,000 articles.
            "SELECT {ENTRY_COLUMNS} FROM articles a INDEXED BY articles_by_publication
             WHERE a.status = 'published' AND (a.published_at, a.id) < (?1, ?2)
             ORDER BY a.published_at DESC, a.id DESC LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![after.published_at, after.id, limit as i64], row_to_entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Published articles with this tag, newest first, after `after`; without a stamp, which
    /// lists do not need.
    pub fn site_tag_entries(
        &self,
        tag: i64,
        after: Option<SiteKey>,
        limit: usize,
    ) -> Result<Vec<SiteEntry>, StoreError> {
        let after = after.unwrap_or(SiteKey {
            published_at: i64::MAX,
            id: i64::MAX,
        });
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {LIST_COLUMNS} FROM article_tags g JOIN articles a ON a.id = g.article_id
             WHERE g.tag_id = ?1 AND a.status = 'published' AND (a.published_at, a.id) < (?2, ?3)
             ORDER BY a.published_at DESC, a.id DESC LIMIT ?4"
        ))?;
        let rows = stmt.query_map(
            params![tag, after.published_at, after.id, limit as i64],
            row_to_entry,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn site_entry_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE status = 'published'",
            [],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    pub fn site_tag_entry_count(&self, tag: i64) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM article_tags g JOIN articles a ON a.id = g.article_id
             WHERE g.tag_id = ?1 AND a.status = 'published'",
            [tag],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// An article's approved comments, oldest first, after comment `after` in that order.
    pub fn site_comments(
        &self,
        article: ArticleId,
        after: Option<(i64, i64)>,
        limit: usize,
    ) -> Result<Vec<SiteComment>, StoreError> {
        let (at, id) = after.unwrap_or((i64::MIN, i64::MIN));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, author_name, title, body, submitted_at FROM comments
             WHERE article_id = ?1 AND status = 'approved' AND (submitted_at, id) > (?2, ?3)
             ORDER BY submitted_at, id LIMIT ?4",
        )?;
        let rows = stmt.query_map(params![article, at, id, limit as i64], |r| {
            Ok(SiteComment {
                id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                content: r.get(3)?,
                submitted_at: from_seconds(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Public tags that have a published article, by slug, after `after`.
    pub fn site_tags(&self, after: Option<&str>, limit: usize) -> Result<Vec<SiteTag>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name, t.slug FROM tags t
             WHERE t.slug > ?1 AND substr(t.slug, 1, 1) <> '_'
               AND EXISTS (SELECT 1 FROM article_tags g JOIN articles a ON a.id = g.article_id
                           WHERE g.tag_id = t.id AND a.status = 'published')
             ORDER BY t.slug LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after.unwrap_or(""), limit as i64], |r| {
            Ok(SiteTag {
                id: r.get(0)?,
                name: r.get(1)?,
                slug: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The photos of published articles, by photo id after `after`: `(id, file, sha256)`.
    /// A file used twice comes twice.
    pub fn site_photos(&self, after: i64, limit: usize) -> Result<Vec<(i64, String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.file, p.sha256 FROM photos p JOIN articles a ON a.id = p.article_id
             WHERE p.id > ?1 AND a.status = 'published' ORDER BY p.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Old slugs of published articles, by old slug, after `after`; an old slug that is
    /// some article's current slug again is left out (that article's page wins).
    pub fn site_old_slugs(&self, after: Option<&str>, limit: usize) -> Result<Vec<OldSlug>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.slug, a.slug, a.title FROM old_slugs o JOIN articles a ON a.id = o.article_id
             WHERE o.slug > ?1 AND a.status = 'published'
               AND NOT EXISTS (SELECT 1 FROM articles b WHERE b.slug = o.slug)
             ORDER BY o.slug LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after.unwrap_or(""), limit as i64], |r| {
            Ok(OldSlug {
                old: r.get(0)?,
                slug: r.get(1)?,
                title: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
