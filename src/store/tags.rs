//! Tags: attaching them to articles (new ones made on the way), the paged list with article
//! counts, completion, and an editor's rename and merge. Every change is audited and every
//! article it touches is re-folded, so a search for the tag's new name finds it at once.

use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::search::refold_article;
use super::{Store, StoreError};
use crate::domain::{ArticleId, Operation, Tag, User, tag_search_key};

/// One row of the tag list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TagRow {
    #[serde(skip)]
    pub id: i64,
    #[serde(flatten)]
    pub tag: Tag,
    pub articles: u64,
}

/// What a change to one article's tags did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    /// The article's tags afterwards, by slug.
    pub tags: Vec<Tag>,
    /// Tags that did not exist before and were made for this change.
    pub created: Vec<Tag>,
}

/// How an article's tags change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagChange {
    Add,
    Remove,
    /// The given tags become the article's only ones (the editor's tags field).
    Replace,
}

const TAG_COLUMNS: &str = "name, slug";
const ROW_COLUMNS: &str = "t.name, t.slug, (SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id), t.id";
/// Where a page starts: the slug of the tag with id `?2`; a tag merged away meanwhile
/// starts the page at the top.
const FROM_KEY: &str = "coalesce((SELECT slug FROM tags WHERE id = ?2), '')";

fn row_to_tag(r: &rusqlite::Row<'_>) -> rusqlite::Result<Tag> {
    let name: String = r.get(0)?;
    Ok(Tag {
        internal: Tag::is_internal_name(&name),
        name,
        slug: r.get(1)?,
    })
}

fn row_to_tag_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TagRow> {
    Ok(TagRow {
        tag: row_to_tag(r)?,
        articles: r.get::<_, i64>(2)? as u64,
        id: r.get(3)?,
    })
}

impl Store {
    /// Adds, removes or replaces an article's tags; tags new to the store are made on the
    /// way. Removing a tag the store does not know is refused: it is a typing mistake.
    pub fn change_article_tags(
        &mut self,
        actor: &User,
        article: ArticleId,
        names: &[String],
        change: TagChange,
        now: Timestamp,
    ) -> Result<Tagged, StoreError> {
        let wanted = names
            .iter()
            .map(|n| Tag::parse(n))
            .collect::<Result<Vec<_>, _>>()?;
        self.check_write(actor, article)?;
        // Tags are published with the article: a live one's are an editor's to change.
        let (author, status): (String, String) = self.conn.query_row(
            "SELECT author, status FROM articles WHERE id = ?1",
            [article],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let status: crate::domain::Status = status.parse().unwrap_or(crate::domain::Status::Draft);
        let own = author == actor.login.as_str();
        if crate::domain::editing(status, actor.role, own) == crate::domain::Editing::ReadOnly {
            return Err(crate::domain::DomainError::LiveReadOnly { status }.into());
        }
        let tx = self.write()?;
        let before = tags_of(&tx, article)?;
        let mut created = Vec::new();
        if change == TagChange::Replace {
            tx.execute("DELETE FROM article_tags WHERE article_id = ?1", [article])?;
        }
        for tag in &wanted {
            match change {
                TagChange::Add | TagChange::Replace => {
                    if attach(&tx, article, tag)? {
                        created.push(tag.clone());
                    }
                }
                TagChange::Remove => {
                    let id = tag_id(&tx, &tag.slug)?.ok_or_else(|| StoreError::UnknownTag {
                        name: tag.name.clone(),
                    })?;
                    tx.execute(
                        "DELETE FROM article_tags WHERE article_id = ?1 AND tag_id = ?2",
                        params![article, id],
                    )?;
                }
            }
        }
        let after = tags_of(&tx, article)?;
        if after != before {
            refold_article(&tx, article)?;
            let names = |tags: &[Tag]| tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
            audit::record(
                &tx,
                now,
                actor.login.as_str(),
                AuditEntry {
                    action: "article.tag",
                    entity: "article",
                    entity_id: article.to_string(),
                    before: Some(json!({ "tags": names(&before) })),
                    after: Some(json!({ "tags": names(&after), "created": names(&created) })),
                },
            )?;
        }
        tx.commit()?;
        Ok(Tagged { tags: after, created })
    }

    /// An article's tags, in slug order.
    pub fn article_tags(&self, article: ArticleId) -> Result<Vec<Tag>, StoreError> {
        Ok(tags_of(&self.conn, article)?)
    }

    /// The tag a person means by `typed`: its exact name, or any spelling of it that folds
    /// to the same slug (`dan van` is `Dân vận`), or its slug.
    pub fn find_tag(&self, typed: &str) -> Result<Option<Tag>, StoreError> {
        let slug = match Tag::parse(typed) {
            Ok(tag) => tag.slug,
            Err(_) => typed.trim().to_owned(),
        };
        // What was typed, taken as it stands, wins over its folded reading: `_do-thi` is the
        // internal tag's slug even when a public `do-thi` exists.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TAG_COLUMNS} FROM tags WHERE slug = ?1 OR slug = ?2 OR name = ?2
             ORDER BY slug = ?2 OR name = ?2 DESC LIMIT 1"
        ))?;
        Ok(stmt
            .query_row(params![slug, typed.trim()], row_to_tag)
            .optional()?)
    }

    fn known_tag(&self, typed: &str) -> Result<Tag, StoreError> {
        self.find_tag(typed)?.ok_or_else(|| StoreError::UnknownTag {
            name: typed.trim().to_owned(),
        })
    }

    /// Up to `limit` tags in slug order from `from` (inclusive), or from the top, with the
    /// number of articles carrying each. `filter` keeps tags whose slug contains its key.
    pub fn tag_rows_from(
        &self,
        filter: &str,
        from: Option<i64>,
        limit: usize,
    ) -> Result<Vec<TagRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM tags t WHERE instr(t.slug, ?1) > 0 AND t.slug >= {FROM_KEY}
             ORDER BY t.slug LIMIT ?3"
        ))?;
        let rows = stmt.query_map(
            params![tag_search_key(filter), from, limit as i64],
            row_to_tag_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `limit` tags just above `key` (or the last of all), in list order.
    pub fn tag_rows_above(
        &self,
        filter: &str,
        key: Option<i64>,
        limit: usize,
    ) -> Result<Vec<TagRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM tags t
             WHERE instr(t.slug, ?1) > 0 AND (?2 IS NULL OR t.slug < {FROM_KEY})
             ORDER BY t.slug DESC LIMIT ?3"
        ))?;
        let mut rows = stmt
            .query_map(params![tag_search_key(filter), key, limit as i64], row_to_tag_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.reverse();
        Ok(rows)
    }

    pub fn tag_count(&self, filter: &str) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM tags WHERE instr(slug, ?1) > 0")?
            .query_row([tag_search_key(filter)], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Tags for what is being typed, matched without diacritics: those whose slug starts
    /// with it first (`dan v` → `Dân vận`), then those that contain it, most used first.
    /// The tag table is a newsroom's vocabulary (thousands at most), so a scan is fine.
    pub fn complete_tags(&self, typed: &str, limit: usize) -> Result<Vec<Tag>, StoreError> {
        let key = tag_search_key(typed);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let internal = crate::domain::Tag::is_internal_name(typed.trim());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TAG_COLUMNS} FROM tags t
             WHERE instr(slug, ?1) > 0 AND (substr(slug, 1, 1) = '_') = ?2
             ORDER BY instr(ltrim(slug, '_'), ?1) <> 1,
                      (SELECT count(*) FROM article_tags x WHERE x.tag_id = t.id) DESC, slug
             LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![key, internal, limit as i64], row_to_tag)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Renames a tag (editors): its slug follows the name, and may not become another
    /// tag's (merge them instead). Returns the tag as it is now.
    pub fn rename_tag(
        &mut self,
        actor: &User,
        old: &str,
        new: &str,
        now: Timestamp,
    ) -> Result<Tag, StoreError> {
        actor.role.check(Operation::ManageTags)?;
        let from = self.known_tag(old)?;
        let to = Tag::parse(new)?;
        if to.slug != from.slug
            && let Some(other) = self.find_tag(&to.slug)?.filter(|t| t.slug == to.slug)
        {
            return Err(StoreError::TagTaken {
                name: to.name,
                other: other.name,
            });
        }
        if to.name == from.name {
            return Ok(from);
        }
        let tx = self.write()?;
        tx.execute(
            "UPDATE tags SET name = ?2, slug = ?3 WHERE slug = ?1",
            params![from.slug, to.name, to.slug],
        )?;
        let articles = refold_tagged(&tx, &to.slug)?;
        audit::record(
            &tx,
            now,
            actor.login.as_str(),
            AuditEntry {
                action: "tag.rename",
                entity: "tag",
                entity_id: to.slug.clone(),
                before: Some(json!({ "name": from.name, "slug": from.slug })),
                after: Some(json!({ "name": to.name, "slug": to.slug, "articles": articles })),
            },
        )?;
        tx.commit()?;
        Ok(to)
    }

    /// Merges FROM into INTO (editors): every article carrying FROM carries INTO, once, and
    /// FROM is deleted. Returns INTO and how many articles carried FROM.
    pub fn merge_tags(
        &mut self,
        actor: &User,
        from: &str,
        into: &str,
        now: Timestamp,
    ) -> Result<(Tag, u64), StoreError> {
        actor.role.check(Operation::ManageTags)?;
        let from = self.known_tag(from)?;
        let into = self.known_tag(into)?;
        if from.slug == into.slug {
            return Err(StoreError::MergeIntoItself { name: from.name });
        }
        let tx = self.write()?;
        let (from_id, into_id) = match (tag_id(&tx, &from.slug)?, tag_id(&tx, &into.slug)?) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(StoreError::UnknownTag { name: from.name }),
        };
        tx.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id)
             SELECT article_id, ?2 FROM article_tags WHERE tag_id = ?1",
            params![from_id, into_id],
        )?;
        let moved: i64 = tx.query_row(
            "SELECT count(*) FROM article_tags WHERE tag_id = ?1",
            [from_id],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM article_tags WHERE tag_id = ?1", [from_id])?;
        tx.execute("DELETE FROM tags WHERE id = ?1", [from_id])?;
        // Every article that carried FROM now carries INTO: re-folding INTO's covers them.
        refold_tagged(&tx, &into.slug)?;
        audit::record(
            &tx,
            now,
            actor.login.as_str(),
            AuditEntry {
                action: "tag.merge",
                entity: "tag",
                entity_id: into.slug.clone(),
                before: Some(json!({ "from": from.name, "into": into.name })),
                after: Some(json!({ "into": into.name, "articles": moved })),
            },
        )?;
        tx.commit()?;
        Ok((into, moved as u64))
    }
}

fn tag_id(conn: &rusqlite::Connection, slug: &str) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM tags WHERE slug = ?1")?
        .query_row([slug], |r| r.get(0))
        .optional()
}

pub(super) fn tags_of(conn: &rusqlite::Connection, article: ArticleId) -> rusqlite::Result<Vec<Tag>> {
    conn.prepare_cached(
        "SELECT t.name, t.slug FROM tags t JOIN article_tags x ON x.tag_id = t.id
         WHERE x.article_id = ?1 ORDER BY t.slug",
    )?
    .query_map([article], row_to_tag)?
    .collect()
}

/// Puts `tag` on `article`, making the tag when the store has none with its slug (an
/// existing tag keeps its spelling). Returns whether the tag was new.
pub(super) fn attach(tx: &Transaction<'_>, article: ArticleId, tag: &Tag) -> rusqlite::Result<bool> {
    let created = tx
        .prepare_cached("INSERT INTO tags (name, slug) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
        .execute(params![tag.name, tag.slug])?
        > 0;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT ?1, id FROM tags WHERE slug = ?2",
    )?
    .execute(params![article, tag.slug])?;
    Ok(created)
}

/// Re-folds every article carrying the tag; returns how many there were.
fn refold_tagged(tx: &Transaction<'_>, slug: &str) -> rusqlite::Result<u64> {
    let ids: Vec<ArticleId> = tx
        .prepare_cached(
            "SELECT x.article_id FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE t.slug = ?1 ORDER BY x.article_id",
        )?
        .query_map([slug], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for &id in &ids {
        refold_article(tx, id)?;
    }
    Ok(ids.len() as u64)
}

#[cfg(test)]
#[path = "tags_tests.rs"]
mod tests;
