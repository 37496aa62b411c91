//! Search: querying the FTS5 indexes (migration 11 over articles and comments, migration
//! 13 over titles alone), ranking by the accents typed, and keeping the one part of an
//! article's index the triggers cannot follow (its captions and tags).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction};

use super::{ArticleKey, ArticleRow, Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, Comment, CommentStatus, SearchQuery, Status};
use crate::text;

/// Which way from a key a page goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// From the key (inclusive) down the list.
    Down,
    /// The rows just above the key, returned in list order.
    Up,
}

/// Everything of an article a reader sees or a reporter remembers that is not one of its
/// own columns: captions, credits, alt text, tags. SQL over the `articles` row.
const EXTRA_SQL: &str =
    "coalesce((SELECT group_concat(caption || ' ' || credit || ' ' || coalesce(alt, ''), ' ')
              FROM photos WHERE article_id = articles.id), '') || ' ' ||
    coalesce((SELECT group_concat(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
              WHERE x.article_id = articles.id), '')";

/// Refreshes one article's `search_extra` (its captions, credits and tags), the one part of
/// its index the triggers cannot follow: it lives in other tables.
///
/// Every write that changes a photo or a tag of an article must call it in its transaction;
/// writes to the article's own columns are followed by the triggers of migration 11.
pub(super) fn refold_article(tx: &Transaction<'_>, id: ArticleId) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE articles SET search_extra = {EXTRA_SQL} WHERE id = ?1 AND search_extra IS NOT {EXTRA_SQL}"
    ))?
    .execute([id])?;
    Ok(())
}

/// The SQL function behind the accent tiers: whether its text holds every term typed with
/// accents, as typed (`text::Exact`). SQLite cannot compare words by themselves.
pub(super) fn register_functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "newsroom_exact",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = ctx.get_raw(0).as_str().unwrap_or_default();
            let pattern = ctx.get_raw(1).as_str().unwrap_or_default();
            Ok(text::Exact::from_pattern(pattern).is_in(text))
        },
    )
}

/// How long a snippet is before the screen or the command line cuts it, in characters.
pub const SNIPPET_CHARS: usize = 160;

/// The conditions a query puts on articles, each written only when it applies, with
/// their parameters. SQLite plans these much better than one statement full of
/// `?n IS NULL OR …`.
struct Filters {
    sql: String,
    params: Vec<Value>,
}

impl Filters {
    fn of(q: &SearchQuery, zone: &TimeZone) -> Filters {
        let mut f = Filters {
            sql: String::new(),
            params: Vec::new(),
        };
        if let Some(status) = q.status {
            f.push("status = ?", Value::Text(status.as_str().to_owned()));
        }
        if let Some(author) = &q.author {
            f.push("author = ?", Value::Text(author.clone()));
        }
        if let Some(t) = q.before.and_then(|d| day_start(d, zone)) {
            f.push("coalesce(published_at, updated_at) < ?", Value::Integer(t));
        }
        if let Some(t) = q.after.and_then(|d| day_start(d, zone)) {
            f.push("coalesce(published_at, updated_at) >= ?", Value::Integer(t));
        }
        if let Some(tag) = &q.tag {
            f.push(
                "EXISTS (SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id
                         WHERE x.article_id = articles.id AND t.slug = ?)",
                Value::Text(tag.clone()),
            );
        }
        f
    }

    fn push(&mut self, condition: &str, value: Value) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
        self.params.push(value);
    }
}

/// The start of a day in the newsroom's zone, as stored seconds.
fn day_start(date: Date, zone: &TimeZone) -> Option<i64> {
    date.to_zoned_datetime(zone.clone())
        .ok()
        .map(|z| to_seconds(z.timestamp()))
}

/// Counts stop here: a search shows "1000+" rather than count a hundred thousand matches
/// on every refresh.
pub const COUNT_CAP: u64 = 1000;

pub(super) fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRow> {
    let status: String = r.get(3)?;
    Ok(ArticleRow {
        id: r.get(0)?,
        title: r.get(1)?,
        byline: r.get(2)?,
        status: status.parse().unwrap_or(Status::Draft),
        author: r.get(4)?,
        updated_at: from_seconds(r.get(5)?),
        tier: r.get(6)?,
        snippet: None,
    })
}

/// Everything searchable of an article in one text, for the accent tiers.
const ARTICLE_TEXT: &str =
    "title || ' ' || dateline || ' ' || lead || ' ' || body || ' ' || byline || ' ' || search_extra";

/// One tier of a search's ranking: the rows it holds, and its rank (higher comes first).
struct Tier {
    rank: i64,
    sql: String,
    params: Vec<Value>,
    /// The index whose matches bound the tier's rows, for choosing how to read it.
    driver: Option<Index>,
}

/// Which text index a tier's words are looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Index {
    /// Titles alone (migration 14): small, so a title match costs well under a millisecond.
    Titles,
    /// Everything searchable of an article.
    Articles,
}

impl Index {
    fn table(self) -> &'static str {
        match self {
            Index::Titles => "article_title_fts",
            Index::Articles => "article_fts",
        }
    }
}

/// How a tier finds its rows, judged from the newest `RARE` matches of its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Fewer than `RARE` in all: they are read by id and sorted.
    Few,
    /// Many, and close together: a page is found by asking the index about each article
    /// down the update order, `PROBES` questions or fewer expected. Listing every match
    /// first would cost more (tens of thousands of them for two common words).
    Dense,
    /// Many, spread out: the index lists every match once, and the walk down the update
    /// order keeps the listed ones until the page is full.
    Spread,
}

const RARE: i64 = 500;
const PROBES: i64 = 200;

#[cfg(test)]
thread_local! {
    /// Tests force one way to read, to see all three give the same rows on a small store.
    pub(super) static FORCE_REACH: std::cell::Cell<Option<Reach>> = const { std::cell::Cell::new(None) };
}

fn forced_reach() -> Option<Reach> {
    #[cfg(test)]
    return FORCE_REACH.with(std::cell::Cell::get);
    #[cfg(not(test))]
    None
}

/// The tiers of an article search, best first. Without words, one: what the filters keep.
/// Then title matches before the rest; and when accents were typed, matches with those
/// accents before each of those (`Đồng chí` before `cộng đồng … chi`).
///
/// Whether a text has the accents typed is known only by reading it, so that is asked of
/// the articles updated since `window` (the newest `WINDOW`) alone; older ones rank as if
/// typed without accents. Without that bound, a spelling found in no article made each
/// search read every article that matched without accents: seconds on a big store.
fn article_tiers(q: &SearchQuery, window: Option<(i64, i64)>, dense: bool) -> Vec<Tier> {
    let Some(all) = q.fts(true) else {
        return vec![Tier {
            rank: 0,
            sql: String::new(),
            params: Vec::new(),
            driver: None,
        }];
    };
    let titled = "id IN (SELECT rowid FROM article_title_fts WHERE article_title_fts MATCH ?)";
    let untitled = format!("id NOT {}", &titled[3..]);
    let matching = if dense {
        "EXISTS (SELECT 1 FROM article_fts WHERE article_fts MATCH ? AND rowid = articles.id)"
    } else {
        "id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"
    };
    let text = |s: &str| Value::Text(s.to_owned());
    let by_title = Some(Index::Titles);
    let by_text = Some(Index::Articles);
    let Some(exact) = q.accented().map(|e| e.to_pattern()) else {
        return vec![
            Tier {
                rank: 1,
                sql: format!(" AND {titled}"),
                params: vec![text(&all)],
                driver: by_title,
            },
            Tier {
                rank: 0,
                sql: format!(" AND {matching} AND {untitled}"),
                params: vec![text(&all), text(&all)],
                driver: by_text,
            },
        ];
    };
    let in_title = format!("({titled} AND newsroom_exact(title, ?))");
    // Within the window, and with the accents somewhere in the text. The window comes
    // first: a walk down the update index stops at its edge.
    let (recent, edge) = match window {
        Some((updated_at, id)) => (
            "(updated_at, id) >= (?, ?)",
            vec![Value::Integer(updated_at), Value::Integer(id)],
        ),
        None => ("1", Vec::new()),
    };
    let anywhere = format!("({recent} AND newsroom_exact({ARTICLE_TEXT}, ?))");
    let with = |mut params: Vec<Value>, rest: &[Value]| {
        params.extend_from_slice(rest);
        params
    };
    vec![
        Tier {
            rank: 3,
            sql: format!(" AND {recent} AND {in_title}"),
            params: with(edge.clone(), &[text(&all), text(&exact)]),
            driver: by_title,
        },
        Tier {
            rank: 2,
            sql: format!(" AND {matching} AND {anywhere} AND NOT {in_title}"),
            params: with(
                with(vec![text(&all)], &edge),
                &[text(&exact), text(&all), text(&exact)],
            ),
            driver: by_text,
        },
        Tier {
            rank: 1,
            sql: format!(" AND {titled} AND NOT {anywhere}"),
            params: with(with(vec![text(&all)], &edge), &[text(&exact)]),
            driver: by_title,
        },
        Tier {
            rank: 0,
            sql: format!(" AND {matching} AND {untitled} AND NOT {anywhere}"),
            params: with(with(vec![text(&all), text(&all)], &edge), &[text(&exact)]),
            driver: by_text,
        },
    ]
}

/// How many of the most recently updated articles are read for the accents typed.
const WINDOW: i64 = 500;

#[cfg(test)]
thread_local! {
    /// Tests narrow the window to see what lies outside it on a small store.
    static WINDOW_TEST: std::cell::Cell<i64> = const { std::cell::Cell::new(WINDOW) };
}

fn window_size() -> i64 {
    #[cfg(test)]
    return WINDOW_TEST.with(std::cell::Cell::get);
    #[cfg(not(test))]
    WINDOW
}

impl Store {
    /// A page of articles matching `q`, best tier first (see `article_tiers`), the most
    /// recently updated first within a tier. Keyset paging as the plain list does, with the
    /// tier in the key. With words, each row carries a snippet of its lead and body.
    ///
    /// Each tier reads its matches the way `Reach` says suits how many there are and how
    /// close together, so a page costs about the same however many match.
    pub fn search_article_rows(
        &self,
        q: &SearchQuery,
        zone: &TimeZone,
        key: Option<ArticleKey>,
        toward: Toward,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let filters = Filters::of(q, zone);
        let window = match q.accented() {
            Some(_) => self.window_edge()?,
            None => None,
        };
        let (titles, texts) = match q.fts(true) {
            Some(all) => (
                self.reach(Index::Titles, &all, limit, q.open_end)?,
                self.reach(Index::Articles, &all, limit, q.open_end)?,
            ),
            None => (Reach::Spread, Reach::Spread),
        };
        let mut tiers = article_tiers(q, window, texts == Reach::Dense);
        if toward == Toward::Up {
            tiers.reverse();
        }
        let mut rows = Vec::new();
        for tier in &tiers {
            let left = limit.saturating_sub(rows.len());
            if left == 0 {
                break;
            }
            let from = match key {
                // Down: the key's own tier continues from the key, a later tier from its top.
                Some(k) if k.tier == tier.rank => Some((k.updated_at, k.id)),
                Some(k) if toward == Toward::Down && k.tier < tier.rank => continue,
                Some(k) if toward == Toward::Up && k.tier > tier.rank => continue,
                _ => None,
            };
            let few = match tier.driver {
                Some(Index::Titles) => titles == Reach::Few,
                Some(Index::Articles) => texts == Reach::Few,
                None => false,
            };
            rows.extend(self.article_tier(&filters, tier, from, toward, left, few)?);
        }
        if toward == Toward::Up {
            rows.reverse();
        }
        if !q.words.is_empty() {
            self.add_snippets(&mut rows, q)?;
        }
        Ok(rows)
    }

    /// One tier of a search, in the direction asked, nearest the key first.
    fn article_tier(
        &self,
        filters: &Filters,
        tier: &Tier,
        from: Option<(i64, i64)>,
        toward: Toward,
        limit: usize,
        few: bool,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        // Few matches: look them up by id (NOT INDEXED keeps a filter's index, such as the
        // status one, from walking all its rows instead) and sort them. Many: walk the
        // update index in list order and keep the matches until the page is full.
        let walk = if few {
            "NOT INDEXED"
        } else {
            "INDEXED BY articles_by_update"
        };
        let mut sql = format!(
            "SELECT id, title, byline, status, author, updated_at, {} FROM articles {walk}
             WHERE 1{}{}",
            tier.rank, filters.sql, tier.sql
        );
        let mut params = filters.params.clone();
        params.extend(tier.params.iter().cloned());
        let (cmp, order) = match toward {
            Toward::Down => ("<=", "DESC"),
            Toward::Up => (">", "ASC"),
        };
        if let Some((updated_at, id)) = from {
            sql.push_str(&format!(" AND (updated_at, id) {cmp} (?, ?)"));
            params.push(Value::Integer(updated_at));
            params.push(Value::Integer(id));
        }
        sql.push_str(&format!(" ORDER BY updated_at {order}, id {order} LIMIT {limit}"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), row_to_article)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The oldest article of the accent window (see `article_tiers`), or None when the
    /// store holds no more articles than the window.
    fn window_edge(&self) -> Result<Option<(i64, i64)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT updated_at, id FROM articles INDEXED BY articles_by_update
                 ORDER BY updated_at DESC, id DESC LIMIT 1 OFFSET ?1",
            )?
            .query_row([window_size() - 1], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// How to read the matches of `expr` in `index` for a page of `limit`, judged from its
    /// newest `RARE` matches: how many there are, and how far apart their ids lie.
    /// Counting stops there, so a common word costs no more than a rare one.
    ///
    /// A prefix (`prefix`, the word being typed) is never asked about article by article:
    /// SQLite merges every word it begins anew for each question, where a list costs one
    /// merge (`nguyen v*` took 1.7 s of CPU that way, 0.2 s listed).
    /// Nor is the whole-text index asked how many match it: a common prefix costs as much
    /// to count as to list, so the walk lists it at once.
    fn reach(&self, index: Index, expr: &str, limit: usize, prefix: bool) -> Result<Reach, StoreError> {
        if let Some(forced) = forced_reach() {
            return Ok(forced);
        }
        if prefix && index == Index::Articles {
            return Ok(Reach::Spread);
        }
        let sql = format!(
            "SELECT count(*), coalesce(max(rowid) - min(rowid) + 1, 0)
             FROM (SELECT rowid FROM {t} WHERE {t} MATCH ?1 ORDER BY rowid DESC LIMIT {RARE})",
            t = index.table()
        );
        let (n, span): (i64, i64) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([expr], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(if n < RARE {
            Reach::Few
        } else if !prefix && (limit as i64).saturating_mul(span) <= PROBES.saturating_mul(n) {
            Reach::Dense
        } else {
            Reach::Spread
        })
    }

    /// A snippet for each row, from its lead and body as written (a page's worth of reads).
    fn add_snippets(&self, rows: &mut [ArticleRow], q: &SearchQuery) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT lead || char(10) || body FROM articles WHERE id = ?1")?;
        for row in rows {
            let text: String = stmt.query_row([row.id], |r| r.get(0))?;
            row.snippet = Some(text::snippet(&text, &q.words, q.open_end, SNIPPET_CHARS));
        }
        Ok(())
    }

    /// How many articles match, up to `COUNT_CAP + 1`.
    pub fn search_article_count(&self, q: &SearchQuery, zone: &TimeZone) -> Result<u64, StoreError> {
        let filters = Filters::of(q, zone);
        // Without filters the index alone answers: looking each match up in `articles`
        // reads a thousand rows of text just to count them.
        if let (true, Some(all)) = (filters.sql.is_empty(), q.fts(true)) {
            let sql = format!(
                "SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH ?1 LIMIT {})",
                COUNT_CAP + 1
            );
            let n: i64 = self.conn.prepare_cached(&sql)?.query_row([all], |r| r.get(0))?;
            return Ok(n as u64);
        }
        let mut params = filters.params.clone();
        let words = match q.fts(true) {
            Some(all) => {
                params.push(Value::Text(all));
                " AND id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"
            }
            None => "",
        };
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM articles WHERE 1{}{words} LIMIT {})",
            filters.sql,
            COUNT_CAP + 1
        );
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Comments matching `q`'s words (and its dates), newest first: for `newsroom search`.
    /// When accents were typed, those of the newest `COMMENT_WINDOW` matches that have
    /// them come first (reading every match for its accents would read a million comments
    /// for a spelling nobody used).
    pub fn search_comments(
        &self,
        q: &SearchQuery,
        zone: &TimeZone,
        status: Option<CommentStatus>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        let Some(exact) = q.accented() else {
            let rows = self.comment_matches(q, zone, status, None, limit)?;
            return Ok(rows.into_iter().map(|(c, _)| c).collect());
        };
        let window = limit.max(comment_window());
        let found = self.comment_matches(q, zone, status, Some(exact.to_pattern()), window)?;
        let (mut rows, rest): (Vec<_>, Vec<_>) = found.into_iter().partition(|(_, has)| *has);
        rows.extend(rest);
        Ok(rows.into_iter().take(limit).map(|(c, _)| c).collect())
    }

    /// The newest comments matching, each with whether it has the accents of `exact`.
    fn comment_matches(
        &self,
        q: &SearchQuery,
        zone: &TimeZone,
        status: Option<CommentStatus>,
        exact: Option<String>,
        limit: usize,
    ) -> Result<Vec<(Comment, bool)>, StoreError> {
        let fts = q.fts(true);
        // Few matches: read them by id and sort (the unary + keeps the time index out);
        // many: walk the time index and keep the matches.
        let (index, plus) = if self.is_rare(fts.as_deref())? {
            ("", "+")
        } else {
            ("INDEXED BY comments_by_time", "")
        };
        let mut params = Vec::new();
        let has = match exact {
            Some(pattern) => {
                params.push(Value::Text(pattern));
                "newsroom_exact(author_name || ' ' || title || ' ' || body, ?)"
            }
            None => "0",
        };
        let mut sql = format!(
            "SELECT {}, {has} FROM comments {index} WHERE 1",
            super::comments::COMMENT_COLUMNS
        );
        if let Some(fts) = fts {
            sql.push_str(" AND id IN (SELECT rowid FROM comment_fts WHERE comment_fts MATCH ?)");
            params.push(Value::Text(fts));
        }
        if let Some(status) = status {
            sql.push_str(" AND status = ?");
            params.push(Value::Text(status.as_str().to_owned()));
        }
        if let Some(t) = q.before.and_then(|d| day_start(d, zone)) {
            sql.push_str(&format!(" AND {plus}submitted_at < ?"));
            params.push(Value::Integer(t));
        }
        if let Some(t) = q.after.and_then(|d| day_start(d, zone)) {
            sql.push_str(&format!(" AND {plus}submitted_at >= ?"));
            params.push(Value::Integer(t));
        }
        sql.push_str(&format!(
            " ORDER BY {plus}submitted_at DESC, {plus}id DESC LIMIT {limit}"
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
            Ok((super::comments::row_to_comment(r)?, r.get::<_, bool>(14)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// How many of the newest matching comments are read for the accents typed.
pub const COMMENT_WINDOW: usize = 200;

#[cfg(test)]
thread_local! {
    static COMMENT_WINDOW_TEST: std::cell::Cell<usize> = const { std::cell::Cell::new(COMMENT_WINDOW) };
}

fn comment_window() -> usize {
    #[cfg(test)]
    return COMMENT_WINDOW_TEST.with(std::cell::Cell::get);
    #[cfg(not(test))]
    COMMENT_WINDOW
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
