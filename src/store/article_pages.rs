//! Pages of the article list for the command line: each page in a few statements, however
//! many articles it holds.
//!
//! `article list` used to read each row's id and then the whole article (its row, tags,
//! photos and old slugs) one by one: four statements per row, and the body of every
//! article even where only its title was printed. A plain page now reads just the columns
//! it prints in one statement; a JSON page reads its rows in one, then the tags, photos and
//! old slugs of all of them in one statement each.

use std::collections::HashMap;

use jiff::Timestamp;
use rusqlite::params;

use super::articles::ArticleKey;
use super::{Store, StoreError, from_seconds};
use crate::domain::{Article, ArticleId, Photo, Status, Tag};
use crate::text;

/// What a plain `article list` line shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleLine {
    pub key: ArticleKey,
    pub title: String,
    pub status: Status,
    pub updated_at: Timestamp,
}

/// The page's conditions: `?1` a status, `?2`/`?3` the key of the row before the page,
/// `?4` a tag's name or slug, `?5` the number of rows. The status and tag conditions are
/// written only when given (the parameter is then NULL): with `?1 IS NULL OR status = ?1`
/// SQLite cannot walk `articles_by_status`, and reads every article of the list, bodies
/// and all, to find the few with that status.
fn page_where(status: bool, tag: bool) -> String {
    let status = if status { "status = ?1" } else { "?1 IS NULL" };
    let tag = if tag {
        "EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                 WHERE at.article_id = a.id AND (t.name = ?4 OR t.slug = ?4))"
    } else {
        "?4 IS NULL"
    };
    format!("{status} AND (updated_at, id) < (?2, ?3) AND {tag} ORDER BY updated_at DESC, id DESC LIMIT ?5")
}

/// Every column of an article but its body, in the order `article_from_row` reads them.
pub(super) const ARTICLE_COLUMNS: &str = "id, slug, title, dateline, lead, byline, status, author, created_at, \
     updated_at, scheduled_at, published_at, zone, version, scheduled_wall, held_because, late_minutes, \
     corrected_at, updated_note";

impl Store {
    /// Lines of the article list after `after` (or from the top), optionally only those
    /// with a tag (name or slug).
    pub fn article_lines_page(
        &self,
        status: Option<Status>,
        tag: Option<&str>,
        after: Option<ArticleKey>,
        limit: usize,
    ) -> Result<Vec<ArticleLine>, StoreError> {
        let after = after.unwrap_or(TOP);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, title, status, updated_at FROM articles a WHERE {}",
            page_where(status.is_some(), tag.is_some())
        ))?;
        let tag = tag.map(text::nfc);
        let rows = stmt.query_map(
            params![
                status.map(Status::as_str),
                after.updated_at,
                after.id,
                tag,
                limit as i64
            ],
            |r| {
                let status: String = r.get(2)?;
                let updated_at: i64 = r.get(3)?;
                Ok(ArticleLine {
                    key: ArticleKey {
                        tier: 0,
                        updated_at,
                        id: r.get(0)?,
                    },
                    title: r.get(1)?,
                    status: status.parse().unwrap_or(Status::Draft),
                    updated_at: from_seconds(updated_at),
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whole articles of the list after `after`, as `article` reads them; the body is left
    /// empty unless `with_body`.
    pub fn articles_page(
        &self,
        status: Option<Status>,
        tag: Option<&str>,
        after: Option<ArticleKey>,
        limit: usize,
        with_body: bool,
    ) -> Result<Vec<(ArticleKey, Article)>, StoreError> {
        let after = after.unwrap_or(TOP);
        let body = if with_body { "body" } else { "''" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS}, {body} FROM articles a WHERE {}",
            page_where(status.is_some(), tag.is_some())
        ))?;
        let tag = tag.map(text::nfc);
        let mut articles: Vec<(ArticleKey, Article)> = stmt
            .query_map(
                params![
                    status.map(Status::as_str),
                    after.updated_at,
                    after.id,
                    tag,
                    limit as i64
                ],
                |r| {
                    let a = article_from_row(r)?;
                    let key = ArticleKey {
                        tier: 0,
                        updated_at: r.get(9)?,
                        id: a.id,
                    };
                    Ok((key, a))
                },
            )?
            .collect::<Result<_, _>>()?;
        let ids = serde_json::to_string(&articles.iter().map(|(_, a)| a.id).collect::<Vec<_>>())
            .unwrap_or_else(|_| "[]".into());
        let mut tags = self.details(
            "SELECT x.article_id, t.name, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.article_id IN (SELECT value FROM json_each(?1)) ORDER BY x.article_id, t.slug",
            &ids,
            |r| {
                let name: String = r.get(1)?;
                Ok(Tag {
                    internal: Tag::is_internal_name(&name),
                    name,
                    slug: r.get(2)?,
                })
            },
        )?;
        let mut photos = self.details(
            "SELECT article_id, file, caption, credit, alt, decorative, sha256, width, height, after_paragraph
             FROM photos WHERE article_id IN (SELECT value FROM json_each(?1)) ORDER BY article_id, position, id",
            &ids,
            |r| {
                Ok(Photo {
                    file: r.get(1)?,
                    caption: r.get(2)?,
                    credit: r.get(3)?,
                    alt: r.get(4)?,
                    decorative: r.get(5)?,
                    sha256: r.get(6)?,
                    width: r.get(7)?,
                    height: r.get(8)?,
                    position: 0,
                    after_paragraph: r.get(9)?,
                })
            },
        )?;
        let mut old_slugs = self.details(
            "SELECT article_id, slug FROM old_slugs WHERE article_id IN (SELECT value FROM json_each(?1))
             ORDER BY article_id, retired_at, slug",
            &ids,
            |r| r.get::<_, String>(1),
        )?;
        for (_, a) in &mut articles {
            a.tags = tags.remove(&a.id).unwrap_or_default();
            a.photos = photos.remove(&a.id).unwrap_or_default();
            for (i, photo) in a.photos.iter_mut().enumerate() {
                photo.position = i + 1;
            }
            a.old_slugs = old_slugs.remove(&a.id).unwrap_or_default();
        }
        Ok(articles)
    }

    /// Rows of `sql` (first column an article id) for the articles in the JSON array
    /// `ids`, by article, in the order the statement gives them.
    fn details<T>(
        &self,
        sql: &str,
        ids: &str,
        read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<HashMap<ArticleId, Vec<T>>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([ids])?;
        let mut by_article: HashMap<ArticleId, Vec<T>> = HashMap::new();
        while let Some(r) = rows.next()? {
            by_article.entry(r.get(0)?).or_default().push(read(r)?);
        }
        Ok(by_article)
    }
}

/// Before the first row of the list.
const TOP: ArticleKey = ArticleKey {
    tier: 0,
    updated_at: i64::MAX,
    id: i64::MAX,
};

/// An article from `ARTICLE_COLUMNS` and then its body; tags, photos and old slugs empty
/// (a page fills them for all its rows at once, `article_in` for its one).
pub(super) fn article_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    let status: String = r.get(6)?;
    Ok(Article {
        id: r.get(0)?,
        slug: r.get(1)?,
        title: r.get(2)?,
        dateline: r.get(3)?,
        lead: r.get(4)?,
        body: r.get(19)?,
        byline: r.get(5)?,
        status: status.parse().unwrap_or(Status::Draft),
        author: r.get(7)?,
        tags: Vec::new(),
        photos: Vec::new(),
        created_at: from_seconds(r.get(8)?),
        updated_at: from_seconds(r.get(9)?),
        scheduled_at: r.get::<_, Option<i64>>(10)?.map(from_seconds),
        published_at: r.get::<_, Option<i64>>(11)?.map(from_seconds),
        zone: r.get(12)?,
        version: r.get(13)?,
        scheduled_wall: r.get(14)?,
        held_because: r.get(15)?,
        late_minutes: r.get(16)?,
        corrected_at: r.get::<_, Option<i64>>(17)?.map(from_seconds),
        updated_note: r.get(18)?,
        old_slugs: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each page of the list walks the index that has its rows in order: a status page
    /// never reads the articles of other statuses.
    #[test]
    fn a_page_walks_the_index_for_its_conditions() {
        let store = Store::open_in_memory().unwrap();
        for (status, index) in [(false, "articles_by_update"), (true, "articles_by_status")] {
            for tag in [false, true] {
                let sql = format!(
                    "EXPLAIN QUERY PLAN SELECT id, title, status, updated_at FROM articles a WHERE {}",
                    page_where(status, tag)
                );
                let plan: Vec<String> = store
                    .conn
                    .prepare(&sql)
                    .unwrap()
                    .query_map(params!["published", 1, 1, "dan-van", 51], |r| r.get(3))
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let plan = plan.join("; ");
                assert!(plan.contains(index), "status {status}, tag {tag}: {plan}");
                assert!(!plan.contains("TEMP B-TREE"), "no sorting: {plan}");
            }
        }
    }
}
