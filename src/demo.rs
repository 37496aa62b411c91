//! Sample content for a new store: users of every role, articles in every status and a
//! comment queue with everything a moderator meets, hostile text included.
//!
//! The content is in `assets/demo/demo.json`, written for this project.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use crate::domain::{ArticleDraft, CommentStatus, Login, NewUser, Photo, Role, Status, User};
use crate::store::{NewComment, SeedArticle, Store, StoreError};

mod big;
mod generate;
mod pictures;
mod rng;
mod words;

pub use big::{BigSize, Progress, create_generated, load_generated};

/// Articles written per transaction when loading a big sample.
const ARTICLE_BATCH: usize = 1000;

/// Comments written per transaction when loading a big sample.
const COMMENT_BATCH: usize = 5000;

const DEMO_JSON: &str = include_str!("../assets/demo/demo.json");

#[derive(Debug, Deserialize)]
struct Demo {
    /// What the demo's pending comments are read by, so each shows why it waits: links,
    /// loan and gambling spam, repeated text and first-time authors are held, and nothing
    /// is approved by itself (a demo queue should be full).
    rules: crate::domain::Rules,
    users: Vec<DemoUser>,
    articles: Vec<DemoArticle>,
    comments: Vec<DemoComment>,
}

#[derive(Debug, Deserialize)]
struct DemoUser {
    login: String,
    display_name: String,
    role: String,
}

#[derive(Debug, Deserialize)]
struct DemoArticle {
    slug: String,
    title: String,
    dateline: String,
    lead: String,
    body: String,
    byline: String,
    status: String,
    author: String,
    tags: Vec<String>,
    photos: Vec<Photo>,
    created_hours_ago: i64,
    scheduled_in_hours: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct DemoComment {
    article: String,
    name: String,
    phone: String,
    title: String,
    content: String,
    ip: String,
    status: String,
    minutes_ago: i64,
}

/// How much to load; `None` means the whole sample once.
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoSize {
    pub articles: Option<usize>,
    pub comments: Option<usize>,
}

/// What `load` added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded {
        users: usize,
        articles: usize,
        comments: usize,
    },
    /// The sample is already in this store; nothing was added.
    AlreadyThere,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("The built-in demo content is broken ({0}); please report this.")]
    Broken(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("The load was stopped before the end.")]
    Stopped,
    #[error("The demo's pictures could not be put in the media folder: {0}.")]
    Media(crate::media::MediaError),
}

impl From<crate::domain::DomainError> for DemoError {
    fn from(e: crate::domain::DomainError) -> Self {
        DemoError::Store(StoreError::Domain(e))
    }
}

fn parse_demo() -> Result<Demo, DemoError> {
    serde_json::from_str(DEMO_JSON).map_err(|e| DemoError::Broken(e.to_string()))
}

/// Loads the sample as `actor` (an admin). More articles or comments than the sample holds
/// repeat it, each round older than the last, so lists of any length can be tried. The
/// photos are names only: see [`load_with_pictures`].
pub fn load(
    store: &mut Store,
    actor: &User,
    size: DemoSize,
    zone: &str,
    now: Timestamp,
) -> Result<DemoOutcome, DemoError> {
    load_inner(store, actor, size, zone, now, None)
}

/// As [`load`], with a picture drawn for each photo and kept in the `media` folder, as
/// `article photo add` keeps one: the photo panel and the published site show them.
pub fn load_with_pictures(
    store: &mut Store,
    actor: &User,
    size: DemoSize,
    zone: &str,
    now: Timestamp,
    media: &std::path::Path,
) -> Result<DemoOutcome, DemoError> {
    load_inner(store, actor, size, zone, now, Some(media))
}

fn load_inner(
    store: &mut Store,
    actor: &User,
    size: DemoSize,
    zone: &str,
    now: Timestamp,
    media: Option<&std::path::Path>,
) -> Result<DemoOutcome, DemoError> {
    actor.role.check(crate::domain::Operation::LoadDemo)?;
    let mut demo = parse_demo()?;
    let marker = demo.articles.first().map(|a| a.slug.as_str()).unwrap_or_default();
    if store.article_id_by_slug(marker)?.is_some() {
        return Ok(DemoOutcome::AlreadyThere);
    }
    if let Some(media) = media {
        for photo in demo.articles.iter_mut().flat_map(|a| a.photos.iter_mut()) {
            let bytes = pictures::picture(&photo.file);
            let info = crate::media::inspect(&bytes).map_err(DemoError::Media)?;
            let kept = crate::media::store(media, &bytes, info).map_err(DemoError::Media)?;
            photo.file = kept.file;
            photo.sha256 = kept.sha256;
            photo.width = Some(kept.info.width);
            photo.height = Some(kept.info.height);
        }
    }
    let users = add_users(store, actor, &demo.users, now)?;
    let n_articles = size.articles.unwrap_or(demo.articles.len());
    let mut ids = HashMap::new();
    let mut batch = Vec::with_capacity(ARTICLE_BATCH);
    for i in 0..n_articles {
        let round = (i / demo.articles.len()) as i64;
        let a = &demo.articles[i % demo.articles.len()];
        batch.push((a.slug.clone(), seed_article(a, round, now)?));
        if batch.len() == ARTICLE_BATCH || i + 1 == n_articles {
            let seeds: Vec<SeedArticle> = batch.iter().map(|(_, s)| s.clone()).collect();
            for ((base, _), id) in batch.iter().zip(store.seed_articles(actor, &seeds, zone, now)?) {
                ids.entry(base.clone()).or_insert(id);
            }
            batch.clear();
        }
    }
    let n_comments = if ids.is_empty() {
        0
    } else {
        size.comments.unwrap_or(demo.comments.len())
    };
    // Big samples go in batches: one transaction per batch, not per comment.
    let mut added = 0;
    let mut batch = Vec::with_capacity(COMMENT_BATCH);
    for j in 0..n_comments {
        let round = (j / demo.comments.len()) as i64;
        let c = &demo.comments[j % demo.comments.len()];
        let Some(&article_id) = ids.get(&c.article) else {
            continue;
        };
        let new = NewComment {
            article_id,
            name: c.name.clone(),
            phone: c.phone.clone(),
            title: c.title.clone(),
            content: c.content.clone(),
            ip: c.ip.clone(),
            submitted_at: now - SignedDuration::from_mins(c.minutes_ago + round * 7),
        };
        batch.push((new, c.status.parse::<CommentStatus>()?));
        if batch.len() == COMMENT_BATCH || j + 1 == n_comments {
            added += store
                .seed_comments_judged(actor, &batch, Some(&demo.rules), now)?
                .len();
            batch.clear();
        }
    }
    Ok(DemoOutcome::Loaded {
        users,
        articles: n_articles,
        comments: added,
    })
}

fn add_users(
    store: &mut Store,
    actor: &User,
    users: &[DemoUser],
    now: Timestamp,
) -> Result<usize, DemoError> {
    let mut added = 0;
    for u in users {
        let new = NewUser {
            login: Login::parse(&u.login)?,
            display_name: u.display_name.clone(),
            role: u.role.parse::<Role>()?,
        };
        match store.add_user(actor, &new, now) {
            Ok(_) => added += 1,
            Err(StoreError::UserExists { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(added)
}

fn seed_article(a: &DemoArticle, round: i64, now: Timestamp) -> Result<SeedArticle, DemoError> {
    let status: Status = a.status.parse()?;
    let created_at = now - SignedDuration::from_hours(a.created_hours_ago + round * 24 * 20);
    let title = if round == 0 {
        a.title.clone()
    } else {
        format!("{} (kỳ {})", a.title, round + 1)
    };
    // Repeats get their own slug up front: finding a free one by counting would cost a
    // query per earlier round.
    let slug = if round == 0 {
        a.slug.clone()
    } else {
        format!("{}-{}", a.slug, round + 1)
    };
    Ok(SeedArticle {
        draft: ArticleDraft {
            title,
            dateline: a.dateline.clone(),
            lead: a.lead.clone(),
            body: a.body.clone(),
            byline: a.byline.clone(),
        },
        slug,
        status,
        author: a.author.clone(),
        tags: a.tags.clone(),
        photos: a.photos.clone(),
        created_at,
        scheduled_at: match (status, a.scheduled_in_hours) {
            (Status::Scheduled, Some(h)) => Some(now + SignedDuration::from_hours(h)),
            _ => None,
        },
        published_at: (status == Status::Published).then(|| created_at + SignedDuration::from_hours(1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_rich_enough() {
        let demo = parse_demo().unwrap();
        assert!(demo.articles.len() >= 12);
        for status in Status::ALL {
            assert!(
                demo.articles.iter().any(|a| a.status == status.as_str()),
                "no {status} article"
            );
        }
        for role in Role::ALL {
            assert!(
                demo.users.iter().filter(|u| u.role == role.as_str()).count() >= 3,
                "fewer than 3 {role}s"
            );
        }
        assert!(demo.comments.len() >= 60);
        assert!(!demo.rules.auto_approve && !demo.rules.suspect_words.is_empty());
        let hostile = demo.comments.iter().filter(|c| {
            let all = format!("{}{}{}", c.name, c.title, c.content);
            crate::text::sanitize(&all).had_controls
        });
        assert!(hostile.count() >= 8, "too few hostile comments");
        assert!(demo.comments.iter().any(|c| c.content.chars().count() > 1500));
        assert!(
            demo.comments
                .iter()
                .any(|c| c.content.matches("http").count() >= 2)
        );
        assert!(
            demo.articles
                .iter()
                .all(|a| !a.lead.is_empty() && !a.byline.is_empty() && !a.dateline.is_empty())
        );
        assert!(
            demo.articles
                .iter()
                .any(|a| a.photos.iter().any(|p| !p.caption.is_empty()))
        );
    }
}
