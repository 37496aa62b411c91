//! The Atom 1.0 and JSON Feed 1.1 feeds: the newest articles, with absolute links from
//! `[site] base_url` (root-relative when it is empty).

use crate::text::escape_markup as escape;
use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;

use super::SiteError;
use super::model::{self, SiteInfo};
use super::render::Templates;
use crate::domain::Article;

/// Articles in each feed.
pub const FEED_ENTRIES: usize = 50;

/// One article as both feeds give it.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub content_html: String,
    pub byline: String,
    pub published: String,
    pub updated: String,
}

impl FeedEntry {
    /// `content_html` is the body as the page shows it, photos with absolute addresses.
    pub fn new(article: &Article, base: &str, photo_src: impl Fn(usize) -> String) -> FeedEntry {
        let view = model::article_view(article, &jiff::tz::TimeZone::UTC, |i| {
            let src = photo_src(i);
            if src.is_empty() {
                src
            } else {
                format!("{base}/{src}")
            }
        });
        let mut html = String::new();
        for b in &view.blocks {
            match &b.html {
                Some(h) => html.push_str(h),
                None => {
                    html.push_str("<figure>");
                    if !b.src.is_empty() {
                        html.push_str(&format!(
                            r#"<img src="{}" alt="{}">"#,
                            escape(&b.src),
                            escape(&b.alt)
                        ));
                    }
                    html.push_str(&format!(
                        "<figcaption>{} {}</figcaption></figure>\n",
                        escape(&b.caption),
                        escape(&b.credit)
                    ));
                }
            }
        }
        let url = format!("{base}/{}", model::article_path(&article.slug));
        let published = article.published_at.unwrap_or(article.updated_at);
        let updated = article.corrected_at.unwrap_or(published).max(published);
        FeedEntry {
            id: if base.is_empty() {
                format!("urn:newsroom:article:{}", article.id)
            } else {
                url.clone()
            },
            url,
            title: article.title.clone(),
            summary: if article.dateline.is_empty() {
                article.lead.clone()
            } else {
                format!("{} - {}", article.dateline, article.lead)
            },
            content_html: html,
            byline: article.byline.clone(),
            published: model::iso(published),
            updated: model::iso(updated),
        }
    }
}

#[derive(Debug, Serialize)]
struct AtomPage<'a> {
    site: &'a SiteInfo,
    feed: AtomFeed<'a>,
}

#[derive(Debug, Serialize)]
struct AtomFeed<'a> {
    id: String,
    home: String,
    self_url: String,
    updated: String,
    entries: &'a [FeedEntry],
}

/// The newest `updated` of the entries, or the epoch for an empty site.
fn updated(entries: &[FeedEntry]) -> String {
    entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .map(str::to_owned)
        .unwrap_or_else(|| model::iso(Timestamp::UNIX_EPOCH))
}

pub fn atom(
    templates: &Templates,
    site: &SiteInfo,
    base: &str,
    entries: &[FeedEntry],
) -> Result<String, SiteError> {
    let home = format!("{base}/index.html");
    let page = AtomPage {
        site,
        feed: AtomFeed {
            id: if base.is_empty() {
                "urn:newsroom:site".into()
            } else {
                format!("{base}/")
            },
            home,
            self_url: format!("{base}/atom.xml"),
            updated: updated(entries),
            entries,
        },
    };
    Ok(templates.render("atom.xml", &page)?)
}

pub fn json_feed(site: &SiteInfo, base: &str, entries: &[FeedEntry]) -> String {
    let items: Vec<_> = entries
        .iter()
        .map(|e| {
            let mut item = json!({
                "id": e.id,
                "url": e.url,
                "title": e.title,
                "summary": e.summary,
                "content_html": e.content_html,
                "date_published": e.published,
                "date_modified": e.updated,
            });
            if !e.byline.is_empty() {
                item["authors"] = json!([{ "name": e.byline }]);
            }
            item
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.name,
        "home_page_url": format!("{base}/index.html"),
        "feed_url": format!("{base}/feed.json"),
        "language": "vi",
        "authors": [{ "name": site.name }],
        "items": items,
    });
    let mut text = serde_json::to_string_pretty(&feed).unwrap_or_default();
    text.push('\n');
    text
}
