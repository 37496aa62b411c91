//! What each page shows, as the templates see it: plain serialisable values made from the
//! store's rows. Times are already in the newsroom's zone; links are relative to the page's
//! `root`, so the site works under any path and from the disk.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::markdown::{self, BodyBlock};
use crate::clock::stamp;
use crate::domain::Article;
use crate::store::{SiteComment, SiteEntry};
use crate::text;

/// The whole site's settings every page may use.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub name: String,
}

/// Where the comment form posts and where its captcha picture comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Intake {
    pub comments_url: String,
    pub captcha_url: String,
}

impl Intake {
    pub fn new(intake_url: &str) -> Intake {
        let base = intake_url.trim_end_matches('/');
        Intake {
            comments_url: format!("{base}/comments"),
            captcha_url: format!("{base}/captcha"),
        }
    }
}

/// An article in a list: the index, a tag, the newer and older lists.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub url: String,
    pub title: String,
    pub dateline: String,
    pub lead: String,
    pub published: String,
}

impl Item {
    pub fn new(e: &SiteEntry, zone: &TimeZone) -> Item {
        Item {
            url: article_path(&e.slug),
            title: e.title.clone(),
            dateline: e.dateline.clone(),
            lead: e.lead.clone(),
            published: stamp(e.published_at, zone),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticlePage {
    pub site: SiteInfo,
    pub root: &'static str,
    pub canonical: String,
    pub intake: Intake,
    pub article: ArticleView,
    pub comments: Vec<CommentView>,
    pub newer: Vec<Item>,
    pub older: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub dateline: String,
    pub lead: String,
    pub byline: String,
    pub published: String,
    pub published_iso: String,
    pub correction: Option<Correction>,
    pub blocks: Vec<BlockView>,
    pub tags: Vec<TagLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub stamp: String,
    pub iso: String,
    pub note: String,
}

/// Either `html` (safe, from the Markdown) or a photo.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BlockView {
    pub html: Option<String>,
    /// The photo's file in the site, relative to the root; empty when the media folder
    /// lacks it (the caption still shows).
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub content: String,
    pub time: String,
    pub iso: String,
}

impl CommentView {
    /// Reader text loses its control and invisible characters (bidi overrides could make a
    /// name read as something else); the template engine escapes the rest.
    pub fn new(c: &SiteComment, zone: &TimeZone) -> CommentView {
        CommentView {
            id: c.id,
            name: text::sanitize_line(&c.name).text,
            title: text::sanitize_line(&c.title).text,
            content: text::sanitize(&c.content).text,
            time: stamp(c.submitted_at, zone),
            iso: iso(c.submitted_at),
        }
    }
}

/// A list of articles: the index or a tag, one page of it.
#[derive(Debug, Clone, Serialize)]
pub struct ListPage {
    pub site: SiteInfo,
    pub root: &'static str,
    pub canonical: String,
    pub list: ListView,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// The tag's name, none for the index.
    pub tag: Option<String>,
    pub page: usize,
    pub pages: usize,
    pub items: Vec<Item>,
    pub newer_url: Option<String>,
    pub older_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RedirectPage {
    pub title: String,
    pub target: String,
    pub canonical: String,
}

/// The article's body, photos placed; `photo_src` gives each photo's file in the site.
pub fn article_view(article: &Article, zone: &TimeZone, photo_src: impl Fn(usize) -> String) -> ArticleView {
    let blocks = markdown::body_blocks(&article.body, &article.photos)
        .into_iter()
        .map(|b| match b {
            BodyBlock::Html(html) => BlockView {
                html: Some(html),
                ..BlockView::default()
            },
            BodyBlock::Photo(i) => {
                let p = &article.photos[i];
                BlockView {
                    html: None,
                    src: photo_src(i),
                    alt: if p.decorative {
                        String::new()
                    } else {
                        p.alt.clone().unwrap_or_default()
                    },
                    caption: p.caption.clone(),
                    credit: p.credit.clone(),
                    width: p.width,
                    height: p.height,
                }
            }
        })
        .collect();
    let published = article.published_at.unwrap_or(article.updated_at);
    ArticleView {
        id: article.id,
        slug: article.slug.clone(),
        title: article.title.clone(),
        dateline: article.dateline.clone(),
        lead: article.lead.clone(),
        byline: article.byline.clone(),
        published: stamp(published, zone),
        published_iso: iso(published),
        correction: article.corrected_at.map(|at| Correction {
            stamp: stamp(at, zone),
            iso: iso(at),
            note: article.updated_note.clone(),
        }),
        blocks,
        tags: article
            .tags
            .iter()
            .filter(|t| !t.internal)
            .map(|t| TagLink {
                name: t.name.clone(),
                url: tag_path(&t.slug, 1),
            })
            .collect(),
    }
}

pub fn article_path(slug: &str) -> String {
    format!("{slug}.html")
}

pub fn index_path(page: usize) -> String {
    if page <= 1 {
        "index.html".into()
    } else {
        format!("page/{page}.html")
    }
}

pub fn tag_path(slug: &str, page: usize) -> String {
    if page <= 1 {
        format!("tag/{slug}.html")
    } else {
        format!("tag/{slug}/page/{page}.html")
    }
}

/// The way from a page at `path` back to the site's root.
pub fn root_of(path: &str) -> &'static str {
    match path.matches('/').count() {
        0 => "",
        1 => "../",
        2 => "../../",
        _ => "../../../",
    }
}

/// RFC 3339 in UTC, as feeds and `datetime` attributes want.
pub fn iso(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A slug or tag slug that is safe as a file name in the site: the store makes them from
/// `slugify`, but an old store or another program might not have.
pub fn safe_segment(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}
