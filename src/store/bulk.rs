//! Writing a large generated sample (`newsroom demo --articles N --comments M`): whole
//! batches in one transaction, every statement prepared once, and the text work done before
//! the transaction, on whatever thread builds the batch. Owns no rules of its own: what
//! goes in is what the TUI and the intake would have stored.

use jiff::Timestamp;
use rusqlite::params;
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{SeedArticle, Store, StoreError, to_seconds};
use crate::domain::{ArticleId, CommentStatus, DomainError, Operation, Rule, User};
use crate::text;

/// An article ready to write: text normalised and checked, its search extra made.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    seed: SeedArticle,
    search_extra: String,
}

impl PreparedArticle {
    /// Normalises and checks the article; safe to call off the store's thread.
    pub fn new(seed: SeedArticle) -> Result<PreparedArticle, DomainError> {
        let d = &seed.draft;
        let line = |s: &str| text::nfc(s.trim());
        let draft = crate::domain::ArticleDraft {
            title: line(&d.title),
            dateline: line(&d.dateline),
            lead: text::normalize_input(d.lead.trim()),
            body: text::normalize_input(&d.body),
            byline: line(&d.byline),
        };
        draft.validate()?;
        let photos: Vec<_> = seed
            .photos
            .iter()
            .map(|p| crate::domain::Photo {
                caption: text::nfc(&p.caption),
                credit: text::nfc(&p.credit),
                alt: p.alt.as_deref().map(text::nfc),
                ..p.clone()
            })
            .collect();
        let tags = seed
            .tags
            .iter()
            .map(|t| crate::domain::Tag::parse(t))
            .collect::<Result<Vec<_>, _>>()?;
        // The same text, in the same order, as search::refold_article makes in SQL.
        let captions: Vec<String> = photos
            .iter()
            .map(|p| format!("{} {} {}", p.caption, p.credit, p.alt.as_deref().unwrap_or("")))
            .collect();
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        Ok(PreparedArticle {
            search_extra: format!("{} {}", captions.join(" "), names.join(" ")),
            seed: SeedArticle {
                draft,
                photos,
                tags: tags.into_iter().map(|t| t.name).collect(),
                ..seed
            },
        })
    }

    pub fn published_at(&self) -> Option<Timestamp> {
        self.seed.published_at
    }
}

/// A comment ready to write, with the outcome it is to have.
#[derive(Debug, Clone)]
pub struct PreparedComment {
    comment: super::NewComment,
    status: CommentStatus,
    rule: Option<Rule>,
    matched: String,
    decided_by: Option<String>,
    decided_at: Option<Timestamp>,
    content_key: Vec<u8>,
}

/// Who decided a comment in the sample, and when.
#[derive(Debug, Clone)]
pub struct SampleOutcome {
    pub status: CommentStatus,
    /// The rule that held (pending) or decided it; `matched` is what the rule saw.
    pub rule: Option<Rule>,
    pub matched: Vec<String>,
    pub decided: Option<(String, Timestamp)>,
}

impl PreparedComment {
    /// Normalises the comment and makes its repeat key; safe off-thread.
    pub fn new(comment: super::NewComment, outcome: SampleOutcome) -> PreparedComment {
        let form = crate::domain::CommentForm {
            name: comment.name,
            phone: comment.phone,
            title: comment.title,
            content: comment.content,
        }
        .normalized();
        let content_fold = text::fold(&form.content);
        let (decided_by, decided_at) = outcome.decided.unzip();
        PreparedComment {
            content_key: super::moderation::content_key_of_fold(&content_fold),
            comment: super::NewComment {
                name: form.name,
                phone: form.phone,
                title: form.title,
                content: form.content,
                ..comment
            },
            status: outcome.status,
            rule: outcome.rule,
            matched: serde_json::to_string(&outcome.matched).unwrap_or_else(|_| "[]".into()),
            decided_by,
            decided_at,
        }
    }
}

impl Store {
    /// Writes prepared articles in one transaction, with one audit row for the batch.
    /// Authors must be users of the store. Admins only. Returns the ids, in order.
    pub fn bulk_articles(
        &mut self,
        actor: &User,
        batch: &[PreparedArticle],
        zone: &str,
        now: Timestamp,
    ) -> Result<Vec<ArticleId>, StoreError> {
        actor.role.check(Operation::LoadDemo)?;
        let tx = self.write()?;
        let mut ids = Vec::with_capacity(batch.len());
        {
            let mut article = tx.prepare_cached(
                "INSERT INTO articles (slug, title, dateline, lead, body, byline, status, author,
                                       created_at, updated_at, scheduled_at, published_at, zone,
                                       search_extra)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let mut photo = tx.prepare_cached(
                "INSERT INTO photos (article_id, file, caption, credit, alt, decorative, position,
                                     after_paragraph)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut revision = tx.prepare_cached(
                "INSERT INTO article_revisions (article_id, title, dateline, lead, body, byline, slug,
                                                status, reason, saved_by, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'created', ?9, ?10)",
            )?;
            for p in batch {
                let s = &p.seed;
                let d = &s.draft;
                let slug = super::revisions::unique_slug(&tx, &s.slug, None)?;
                article.execute(params![
                    slug,
                    d.title,
                    d.dateline,
                    d.lead,
                    d.body,
                    d.byline,
                    s.status.as_str(),
                    s.author,
                    to_seconds(s.created_at),
                    s.scheduled_at.map(to_seconds),
                    s.published_at.map(to_seconds),
                    zone,
                    p.search_extra
                ])?;
                let id = tx.last_insert_rowid();
                for name in &s.tags {
                    super::tags::attach(&tx, id, &crate::domain::Tag::parse(name)?)?;
                }
                for (position, ph) in s.photos.iter().enumerate() {
                    photo.execute(params![
                        id,
                        ph.file,
                        ph.caption,
                        ph.credit,
                        ph.alt,
                        ph.decorative,
                        position as i64,
                        ph.after_paragraph
                    ])?;
                }
                revision.execute(params![
                    id,
                    d.title,
                    d.dateline,
                    d.lead,
                    super::packed::PackedText(d.body.clone()),
                    d.byline,
                    slug,
                    s.status.as_str(),
                    s.author,
                    to_seconds(s.created_at)
                ])?;
                ids.push(id);
            }
        }
        audit::record(
            &tx,
            now,
            actor.login.as_str(),
            batch_entry("article.seed", "article", "articles", &ids),
        )?;
        tx.commit()?;
        Ok(ids)
    }

    /// Writes prepared comments in one transaction, with one audit row for the batch.
    /// Admins only. Returns how many were written.
    pub fn bulk_comments(
        &mut self,
        actor: &User,
        batch: &[PreparedComment],
        now: Timestamp,
    ) -> Result<usize, StoreError> {
        actor.role.check(Operation::LoadDemo)?;
        let tx = self.write()?;
        let mut ids = Vec::with_capacity(batch.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO comments (article_id, author_name, phone, title, body, ip, submitted_at,
                                       status, held_by_rule, held_matches, decided_by, decided_at,
                                       content_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for p in batch {
                let c = &p.comment;
                insert.execute(params![
                    c.article_id,
                    c.name,
                    c.phone,
                    c.title,
                    c.content,
                    c.ip,
                    to_seconds(c.submitted_at),
                    p.status.as_str(),
                    p.rule.map(Rule::as_str),
                    p.matched,
                    p.decided_by,
                    p.decided_at.map(to_seconds),
                    p.content_key
                ])?;
                ids.push(tx.last_insert_rowid());
            }
        }
        audit::record(
            &tx,
            now,
            actor.login.as_str(),
            batch_entry("comment.seed", "comment", "comments", &ids),
        )?;
        tx.commit()?;
        Ok(ids.len())
    }

    /// The highest article id so far (0 in an empty store): generated slugs start above it.
    pub fn last_article_id(&self) -> Result<ArticleId, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| r.get(0))?)
    }

    /// A bigger page cache while a large sample goes in: the comment indexes are keyed by
    /// hashes and names, so inserts land all over them. `None` puts the default back.
    pub fn set_bulk_cache(&self, mebibytes: Option<u32>) -> Result<(), StoreError> {
        let pages = match mebibytes {
            Some(m) => -(i64::from(m) * 1024),
            None => -2000,
        };
        self.conn.pragma_update(None, "cache_size", pages)?;
        Ok(())
    }
}

#[cfg(test)]
impl Store {
    /// (status, held_by_rule, how many) over all comments.
    pub fn comment_counts_for_tests(&self) -> rusqlite::Result<Vec<(String, Option<String>, i64)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT status, held_by_rule, count(*) FROM comments GROUP BY 1, 2")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect()
    }
}

fn batch_entry(action: &'static str, entity: &'static str, what: &str, ids: &[i64]) -> AuditEntry {
    AuditEntry {
        action,
        entity,
        entity_id: match (ids.first(), ids.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
            (Some(a), _) => a.to_string(),
            _ => String::new(),
        },
        before: None,
        after: Some(json!({ what: ids.len() })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ArticleDraft, Login, Photo, Status};
    use crate::store::NewComment;

    fn at() -> Timestamp {
        "2026-11-28T03:00:00Z".parse().unwrap()
    }

    fn seed() -> SeedArticle {
        let photo = Photo {
            file: "a.jpg".into(),
            caption: "Cầu Long Biên".into(),
            credit: "Ảnh: Đức".into(),
            alt: Some("Đoàn tàu qua cầu".into()),
            decorative: false,
            sha256: String::new(),
            width: None,
            height: None,
            position: 0,
            after_paragraph: Some(1),
        };
        SeedArticle {
            draft: ArticleDraft {
                title: " Đồng chí Tây Hồ ".into(),
                dateline: "HNP".into(),
                lead: "Sáng nay, phường Quảng An.".into(),
                body: "Đoạn một.\r\n\r\nĐoạn hai.".into(),
                byline: "Nhóm PV".into(),
            },
            slug: "dong-chi-tay-ho".into(),
            status: Status::Published,
            author: "root".into(),
            tags: vec!["Đô thị".into(), "Giao thông".into()],
            photos: vec![
                photo.clone(),
                Photo {
                    alt: None,
                    decorative: true,
                    ..photo
                },
            ],
            created_at: at(),
            scheduled_at: None,
            published_at: Some(at()),
        }
    }

    fn extra(store: &Store, id: ArticleId) -> String {
        store
            .conn
            .query_row("SELECT search_extra FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    }

    #[test]
    fn bulk_articles_carry_the_search_extra_an_edit_would_make() {
        let mut store = Store::open_in_memory().unwrap();
        let root = store.init_admin(&Login::parse("root").unwrap(), at()).unwrap();
        let prepared = PreparedArticle::new(seed()).unwrap();
        let ids = store
            .bulk_articles(&root, &[prepared], "Asia/Ho_Chi_Minh", at())
            .unwrap();
        let bulk = extra(&store, ids[0]);
        let tx = store.write().unwrap();
        crate::store::search::refold_article(&tx, ids[0]).unwrap();
        tx.commit().unwrap();
        assert_eq!(bulk, extra(&store, ids[0]));
        assert!(bulk.contains("Đô thị Giao thông"), "{bulk:?}");
        let hits = store
            .search_article_rows(
                &crate::domain::SearchQuery::parse("dong chi tay ho").unwrap(),
                &jiff::tz::TimeZone::UTC,
                None,
                crate::store::search::Toward::Down,
                10,
            )
            .unwrap();
        assert_eq!(hits.len(), 1);
        let a = store.article(ids[0]).unwrap();
        assert_eq!(a.body, "Đoạn một.\n\nĐoạn hai.");
        assert_eq!(a.tags.len(), 2);
        assert_eq!(a.photos.len(), 2);
    }

    #[test]
    fn bulk_comments_carry_the_same_repeat_key_as_arrivals() {
        let mut store = Store::open_in_memory().unwrap();
        let root = store.init_admin(&Login::parse("root").unwrap(), at()).unwrap();
        let ids = store
            .bulk_articles(
                &root,
                &[PreparedArticle::new(seed()).unwrap()],
                "Asia/Ho_Chi_Minh",
                at(),
            )
            .unwrap();
        let comment = NewComment {
            article_id: ids[0],
            name: "Đặng Thu Hà".into(),
            phone: "0912345678".into(),
            title: "Góp ý".into(),
            content: "  Đường  ngập\r\nquá  ".into(),
            ip: "14.1.2.3".into(),
            submitted_at: at(),
        };
        let outcome = SampleOutcome {
            status: CommentStatus::Pending,
            rule: Some(Rule::FirstTime),
            matched: Vec::new(),
            decided: None,
        };
        let n = store
            .bulk_comments(&root, &[PreparedComment::new(comment, outcome)], at())
            .unwrap();
        assert_eq!(n, 1);
        let (key, content, rule): (Vec<u8>, String, String) = store
            .conn
            .query_row("SELECT content_key, body, held_by_rule FROM comments", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(content, "Đường  ngập\nquá");
        assert_eq!(key, crate::store::moderation::content_key(&content));
        assert_eq!(rule, "first_time");
    }
}
