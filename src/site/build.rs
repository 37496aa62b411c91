//! One build: every page the site has, each with a key made of everything it shows. A page
//! whose key matches the last build's is kept as it is; the rest are rendered. So a
//! rebuild after one change renders that article, its neighbours, the list pages it is on
//! and the feeds, and reads the store only by pages of rows.

use std::collections::VecDeque;
use std::path::Path;

use jiff::tz::TimeZone;
use sha2::{Digest, Sha256};

use super::SiteError;
use super::feeds::{self, FEED_ENTRIES, FeedEntry};
use super::model::{
    self, ArticlePage, CommentView, Intake, Item, ListPage, ListView, RedirectPage, SiteInfo,
};
use super::render::{Templates, hex};
use super::write::{Output, Written};
use crate::config;
use crate::domain::Article;
use crate::store::{SiteEntry, SiteKey, Store};

/// Articles in the newer and in the older list of an article page.
const NEIGHBOURS: usize = 5;
/// Articles on a page of the index or of a tag.
const PER_PAGE: usize = 20;
/// Rows read from the store at a time.
const BATCH: usize = 500;
/// A tag's articles are sorted by SQLite for each batch: few, big batches cost less.
const TAG_BATCH: usize = 5000;

/// What a build needs besides the store.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub out: &'a Path,
    pub site: &'a config::Site,
    /// The newsroom's zone: publication stamps are in it.
    pub zone: &'a TimeZone,
    /// The media folder the photos are copied from.
    pub media: &'a Path,
}

/// What the build did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub articles: usize,
    pub list_pages: usize,
    pub tags: usize,
    pub redirects: usize,
    pub photos: usize,
    /// Photos whose file is not in the media folder: their captions show without them.
    pub missing_photos: Vec<String>,
    #[serde(flatten)]
    pub written: Written,
}

struct Build<'a> {
    store: &'a Store,
    opts: Options<'a>,
    templates: Templates,
    site: SiteInfo,
    intake: Intake,
    base: String,
    /// Everything every page depends on: the templates, the settings, this program.
    digest: String,
    out: Output,
    report: Report,
}

/// Builds (or rebuilds) the site in `opts.out`. On any error the folder is left as it was.
pub fn build(store: &Store, opts: Options<'_>) -> Result<Report, SiteError> {
    let templates = Templates::load(opts.site.templates.as_deref())?;
    let base = opts.site.base_url.trim_end_matches('/').to_owned();
    let digest = key(&[
        env!("CARGO_PKG_VERSION"),
        templates.digest(),
        &opts.site.name,
        &base,
        &opts.site.intake_url,
        &format!("{:?}", opts.zone.iana_name()),
    ]);
    let out = Output::begin(opts.out)?;
    let mut b = Build {
        store,
        opts,
        templates,
        site: SiteInfo {
            name: opts.site.name.clone(),
        },
        intake: Intake::new(&opts.site.intake_url),
        base,
        digest,
        out,
        report: Report::default(),
    };
    b.statics()?;
    b.photos()?;
    b.articles()?;
    b.tags()?;
    b.redirects()?;
    let Build { out, mut report, .. } = b;
    report.written = out.finish()?;
    Ok(report)
}

impl Build<'_> {
    /// Keeps the page if its key is unchanged, else renders and writes it.
    fn page(
        &mut self,
        path: &str,
        parts: &[&str],
        render: impl FnOnce(&Self) -> Result<String, SiteError>,
    ) -> Result<(), SiteError> {
        let mut all = vec![self.digest.as_str(), path];
        all.extend_from_slice(parts);
        let k = key(&all);
        if self.out.unchanged(path, &k) {
            return self.out.keep(path, &k);
        }
        let text = render(self)?;
        self.out.put(path, &k, text.as_bytes())
    }

    fn statics(&mut self) -> Result<(), SiteError> {
        for (name, bytes) in self.templates.statics().to_vec() {
            let k = hex(&Sha256::digest(&bytes));
            if self.out.unchanged(name, &k) {
                self.out.keep(name, &k)?;
            } else {
                self.out.put(name, &k, &bytes)?;
            }
        }
        Ok(())
    }

    /// Every published photo's file, once, under its content hash.
    fn photos(&mut self) -> Result<(), SiteError> {
        let mut after = 0;
        loop {
            let rows = self.store.site_photos(after, BATCH)?;
            let Some(last) = rows.last() else { break };
            after = last.0;
            for (_, file, sha) in rows {
                let Some(path) = photo_path(&file, &sha) else {
                    continue;
                };
                if self.out.has(&path) {
                    continue;
                }
                if self.out.unchanged(&path, &sha) {
                    self.out.keep(&path, &sha)?;
                } else {
                    match std::fs::read(self.opts.media.join(&file)) {
                        Ok(bytes) => self.out.put(&path, &sha, &bytes)?,
                        Err(_) => {
                            self.report.missing_photos.push(file);
                            continue;
                        }
                    }
                }
                self.report.photos += 1;
            }
        }
        Ok(())
    }

    /// Article pages, the index pages and the feeds: one pass over the published articles,
    /// newest first, holding only each article's neighbours.
    fn articles(&mut self) -> Result<(), SiteError> {
        let total = self.store.site_entry_count()? as usize;
        let pages = total.div_ceil(PER_PAGE).max(1);
        let mut rows = Rows::new(BATCH, |after| self.store.site_entries(after, BATCH));
        let mut newer: VecDeque<SiteEntry> = VecDeque::with_capacity(NEIGHBOURS + 1);
        let mut ahead: VecDeque<SiteEntry> = VecDeque::with_capacity(NEIGHBOURS + 1);
        let mut listed = Vec::with_capacity(PER_PAGE);
        let mut feed = Vec::new();
        let mut page = 1;
        loop {
            while ahead.len() <= NEIGHBOURS
                && let Some(e) = rows.next()?
            {
                ahead.push_back(e);
            }
            let Some(current) = ahead.pop_front() else { break };
            self.article(&current, &newer, &ahead)?;
            if feed.len() < FEED_ENTRIES {
                feed.push(current.clone());
            }
            listed.push(current.clone());
            if listed.len() == PER_PAGE {
                self.list(None, &model::index_path, page, pages, &listed)?;
                listed.clear();
                page += 1;
            }
            newer.push_back(current);
            if newer.len() > NEIGHBOURS {
                newer.pop_front();
            }
        }
        if !listed.is_empty() || page == 1 {
            self.list(None, &model::index_path, page, pages, &listed)?;
        }
        self.feeds(&feed)
    }

    fn article(
        &mut self,
        e: &SiteEntry,
        newer: &VecDeque<SiteEntry>,
        older: &VecDeque<SiteEntry>,
    ) -> Result<(), SiteError> {
        if !model::safe_segment(&e.slug) {
            return Ok(());
        }
        self.report.articles += 1;
        let path = model::article_path(&e.slug);
        let published = e.published_at.as_second().to_string();
        let mut parts = vec![e.stamp.as_str(), e.slug.as_str(), published.as_str()];
        let neighbours: Vec<String> = newer
            .iter()
            .chain(older.iter().take(NEIGHBOURS))
            .map(|n| format!("{}\t{}\t{}", n.slug, n.title, n.published_at.as_second()))
            .collect();
        let split = newer.len().to_string();
        parts.push(&split);
        parts.extend(neighbours.iter().map(String::as_str));
        let zone = self.opts.zone;
        self.page(&path, &parts, |b| {
            let article = b.store.article(e.id)?;
            let mut comments = Vec::new();
            let mut after = None;
            loop {
                let batch = b.store.site_comments(e.id, after, BATCH)?;
                let Some(last) = batch.last() else { break };
                after = Some((last.submitted_at.as_second(), last.id));
                comments.extend(batch.iter().map(|c| CommentView::new(c, zone)));
            }
            let page = ArticlePage {
                site: b.site.clone(),
                root: model::root_of(&path),
                canonical: b.canonical(&path),
                intake: b.intake.clone(),
                article: model::article_view(&article, zone, |i| b.photo_src(&article, i)),
                comments,
                newer: newer.iter().map(|n| Item::new(n, zone)).collect(),
                older: older
                    .iter()
                    .take(NEIGHBOURS)
                    .map(|n| Item::new(n, zone))
                    .collect(),
            };
            Ok(b.templates.render("article.html", &page)?)
        })
    }

    /// One page of the index (`tag` none) or of a tag's list.
    fn list(
        &mut self,
        tag: Option<&str>,
        path_of: &dyn Fn(usize) -> String,
        page: usize,
        pages: usize,
        items: &[SiteEntry],
    ) -> Result<(), SiteError> {
        self.report.list_pages += 1;
        let path = path_of(page);
        let head = format!("{}\t{page}\t{pages}", tag.unwrap_or(""));
        let rows: Vec<String> = items
            .iter()
            .map(|e| {
                format!(
                    "{}\t{}\t{}\t{}\t{}",
                    e.slug,
                    e.title,
                    e.dateline,
                    e.lead,
                    e.published_at.as_second()
                )
            })
            .collect();
        let mut parts = vec![head.as_str()];
        parts.extend(rows.iter().map(String::as_str));
        let zone = self.opts.zone;
        self.page(&path, &parts, |b| {
            let view = ListPage {
                site: b.site.clone(),
                root: model::root_of(&path),
                canonical: b.canonical(&path),
                list: ListView {
                    tag: tag.map(str::to_owned),
                    page,
                    pages,
                    items: items.iter().map(|e| Item::new(e, zone)).collect(),
                    newer_url: (page > 1).then(|| path_of(page - 1)),
                    older_url: (page < pages).then(|| path_of(page + 1)),
                },
            };
            Ok(b.templates.render("list.html", &view)?)
        })
    }

    fn feeds(&mut self, entries: &[SiteEntry]) -> Result<(), SiteError> {
        let parts: Vec<String> = entries
            .iter()
            .map(|e| format!("{}\t{}\t{}", e.stamp, e.slug, e.published_at.as_second()))
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let mut cache: Option<Vec<FeedEntry>> = None;
        let mut load = |b: &Self| -> Result<Vec<FeedEntry>, SiteError> {
            if let Some(c) = &cache {
                return Ok(c.clone());
            }
            let mut out = Vec::with_capacity(entries.len());
            for e in entries {
                let article = b.store.article(e.id)?;
                out.push(FeedEntry::new(&article, &b.base, |i| b.photo_src(&article, i)));
            }
            cache = Some(out.clone());
            Ok(out)
        };
        self.page("atom.xml", &parts, |b| {
            feeds::atom(&b.templates, &b.site, &b.base, &load(b)?)
        })?;
        self.page("feed.json", &parts, |b| {
            Ok(feeds::json_feed(&b.site, &b.base, &load(b)?))
        })
    }

    /// One list per public tag that has a published article.
    fn tags(&mut self) -> Result<(), SiteError> {
        let mut after: Option<String> = None;
        loop {
            let tags = self.store.site_tags(after.as_deref(), BATCH)?;
            let Some(last) = tags.last() else { break };
            after = Some(last.slug.clone());
            for tag in tags {
                if !model::safe_segment(&tag.slug) {
                    continue;
                }
                self.report.tags += 1;
                let total = self.store.site_tag_entry_count(tag.id)? as usize;
                let pages = total.div_ceil(PER_PAGE).max(1);
                let slug = tag.slug.clone();
                let path_of = move |page: usize| model::tag_path(&slug, page);
                let mut rows = Rows::new(TAG_BATCH, |after| {
                    self.store.site_tag_entries(tag.id, after, TAG_BATCH)
                });
                let mut listed = Vec::with_capacity(PER_PAGE);
                let mut page = 1;
                let mut lists = Vec::new();
                while let Some(e) = rows.next()? {
                    listed.push(e);
                    if listed.len() == PER_PAGE {
                        lists.push((page, std::mem::take(&mut listed)));
                        page += 1;
                    }
                }
                if !listed.is_empty() {
                    lists.push((page, listed));
                }
                for (page, items) in lists {
                    self.list(Some(&tag.name), &path_of, page, pages, &items)?;
                }
            }
        }
        Ok(())
    }

    /// A page at each old slug that sends the reader to the article's address now.
    fn redirects(&mut self) -> Result<(), SiteError> {
        let mut after: Option<String> = None;
        loop {
            let rows = self.store.site_old_slugs(after.as_deref(), BATCH)?;
            let Some(last) = rows.last() else { break };
            after = Some(last.old.clone());
            for r in rows {
                if !model::safe_segment(&r.old) || !model::safe_segment(&r.slug) {
                    continue;
                }
                self.report.redirects += 1;
                let path = model::article_path(&r.old);
                let target = model::article_path(&r.slug);
                self.page(&path, &[&r.slug, &r.title], |b| {
                    let canonical = b.canonical(&target);
                    let page = RedirectPage {
                        title: r.title.clone(),
                        target: target.clone(),
                        canonical: if canonical.is_empty() {
                            format!("/{target}")
                        } else {
                            canonical
                        },
                    };
                    Ok(b.templates.render("redirect.html", &page)?)
                })?;
            }
        }
        Ok(())
    }

    fn canonical(&self, path: &str) -> String {
        if self.base.is_empty() {
            String::new()
        } else {
            format!("{}/{path}", self.base)
        }
    }

    /// The photo's file in the site, or empty when the media folder lacks it.
    fn photo_src(&self, article: &Article, i: usize) -> String {
        let p = &article.photos[i];
        match photo_path(&p.file, &p.sha256) {
            Some(path) if self.out.has(&path) => path,
            _ => String::new(),
        }
    }
}

/// `media/<sha256>.<ext>` for a photo from the media library; a file the demo named
/// without a hash keeps its name.
fn photo_path(file: &str, sha: &str) -> Option<String> {
    if !model::safe_segment(file) {
        return None;
    }
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) && model::safe_segment(&ext) {
        Some(format!("media/{sha}.{ext}"))
    } else {
        Some(format!("media/{file}"))
    }
}

fn key(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    hex(&h.finalize()[..16])
}

/// A list read from the store a batch at a time.
struct Rows<F> {
    batch: usize,
    fetch: F,
    buffer: VecDeque<SiteEntry>,
    after: Option<SiteKey>,
    done: bool,
}

impl<F> Rows<F>
where
    F: FnMut(Option<SiteKey>) -> Result<Vec<SiteEntry>, crate::store::StoreError>,
{
    fn new(batch: usize, fetch: F) -> Self {
        Rows {
            batch,
            fetch,
            buffer: VecDeque::new(),
            after: None,
            done: false,
        }
    }

    fn next(&mut self) -> Result<Option<SiteEntry>, SiteError> {
        if self.buffer.is_empty() && !self.done {
            let batch = (self.fetch)(self.after)?;
            self.done = batch.len() < self.batch;
            self.after = batch.last().map(SiteEntry::key);
            self.buffer.extend(batch);
        }
        Ok(self.buffer.pop_front())
    }
}
