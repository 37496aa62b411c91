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
    /// Titles alone (migration 13): small, so a title match costs well under a millisecond.
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
mod tests {
    use rusqlite::Connection;

    use super::super::migrations::migrate;
    use super::*;
    use crate::domain::{ArticleDraft, Login, User};

    fn t() -> jiff::Timestamp {
        "2026-11-28T03:00:00Z".parse().unwrap()
    }

    fn hanoi() -> TimeZone {
        crate::clock::zone("Asia/Ho_Chi_Minh").unwrap()
    }

    /// A fixed corpus: titles, bodies, an author, a tag, a date each.
    fn corpus() -> (Store, User, Vec<i64>) {
        let mut store = Store::open_in_memory().unwrap();
        let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
        let rows = [
            (
                "Tây Hồ tổng kết phong trào “Dân vận khéo”",
                "Đồng chí Bí thư dự hội nghị.",
                "2020-10-06T06:55:00Z",
            ),
            (
                "Đồng chí Chủ tịch thăm Tây-Hồ",
                "Chuyến thăm ngắn.",
                "2021-03-01T02:00:00Z",
            ),
            (
                "Cầu Giấy vá ổ gà",
                "Người dân Tây Hồ cũng phản ánh ổ gà.",
                "2022-05-05T05:00:00Z",
            ),
            (
                "Lễ hội hoa sen",
                "Không có gì về NOT và \"trích dẫn\".",
                "2023-07-07T07:00:00Z",
            ),
        ];
        let mut ids = Vec::new();
        for (title, body, at) in rows {
            let draft = ArticleDraft {
                title: title.into(),
                body: body.into(),
                ..Default::default()
            };
            ids.push(
                store
                    .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at.parse().unwrap())
                    .unwrap(),
            );
        }
        (store, admin, ids)
    }

    /// Runs `check` with each way of reading matches (by id, asking about each article,
    /// listing them all), as a big store would for rare, close or spread-out words: all
    /// must give the same rows in the same order.
    fn every_way(check: impl Fn()) {
        check();
        for reach in [Reach::Few, Reach::Dense, Reach::Spread] {
            FORCE_REACH.with(|r| r.set(Some(reach)));
            check();
        }
        FORCE_REACH.with(|r| r.set(None));
    }

    fn found(store: &Store, query: &str) -> Vec<i64> {
        let q = SearchQuery::parse(query).unwrap();
        store
            .search_article_rows(&q, &hanoi(), None, Toward::Down, 50)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect()
    }

    /// Each query and the articles it must return, in order: title matches first, then
    /// the newest.
    #[test]
    fn the_query_table() {
        let (store, _, ids) = corpus();
        let [a, b, c, d] = [ids[0], ids[1], ids[2], ids[3]];
        let table: Vec<(&str, Vec<i64>)> = vec![
            ("tay ho", vec![b, a, c]),
            ("Tây Hồ", vec![b, a, c]),
            ("TÂY HỒ", vec![b, a, c]),
            ("Tây-Hồ", vec![b, a, c]),
            ("dong chi", vec![b, a]),
            ("Đồng chí", vec![b, a]),
            ("dong ch", vec![b, a]),
            ("o ga", vec![c]),
            ("NOT", vec![d]),
            ("\"trich dan\"", vec![d]),
            ("\"", vec![d, c, b, a]),
            ("xyz", vec![]),
            ("tay ho before:01/01/2021", vec![a]),
            ("tay ho after:01/01/2021", vec![b, c]),
            ("author:root hoa sen", vec![d]),
            ("status:published", vec![]),
            ("status:draft sen", vec![d]),
        ];
        every_way(|| {
            for (query, want) in &table {
                assert_eq!(&found(&store, query), want, "{query}");
            }
        });
        let q = SearchQuery::parse("tay ho").unwrap();
        assert_eq!(store.search_article_count(&q, &hanoi()).unwrap(), 3);
    }

    /// Accents typed rank the articles that have them first; quotes hold words together.
    /// Each row carries a snippet of its lead and body with the matches marked.
    #[test]
    fn accents_rank_first_and_phrases_hold_together() {
        let mut store = Store::open_in_memory().unwrap();
        let admin = store.init_admin(&Login::parse("root").unwrap(), t()).unwrap();
        let mut id = |title: &str, body: &str, at: &str| {
            let draft = ArticleDraft {
                title: title.into(),
                body: body.into(),
                ..Default::default()
            };
            store
                .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at.parse().unwrap())
                .unwrap()
        };
        let community = id(
            "Xây dựng cộng đồng văn minh",
            "Chi hội phụ nữ họp.",
            "2021-01-01T00:00:00Z",
        );
        let solstice = id("Đông chí ở phố cổ", "Trời lạnh.", "2022-01-01T00:00:00Z");
        let comrade = id(
            "Hội nghị tổng kết",
            "Sáng nay, Đồng chí Bí thư phát biểu.",
            "2020-01-01T00:00:00Z",
        );
        let table: [(&str, Vec<i64>); 6] = [
            ("dong chi", vec![solstice, community, comrade]),
            ("Đồng chí", vec![comrade, solstice, community]),
            // Only what was typed with accents must have them.
            ("đồng chi", vec![community, comrade, solstice]),
            ("Đông chí", vec![solstice, community, comrade]),
            ("chi hoi", vec![community, comrade]),
            ("\"chi hoi\"", vec![community]),
        ];
        every_way(|| {
            for (query, want) in &table {
                assert_eq!(&found(&store, query), want, "{query}");
            }
        });
        // Accents are read in the newest articles only: past the window, the order is the
        // one without accents (title matches, then the newest).
        WINDOW_TEST.with(|w| w.set(1));
        every_way(|| assert_eq!(found(&store, "Đồng chí"), [solstice, community, comrade]));
        WINDOW_TEST.with(|w| w.set(3));
        every_way(|| assert_eq!(found(&store, "Đồng chí"), [comrade, solstice, community]));
        WINDOW_TEST.with(|w| w.set(WINDOW));
        let q = SearchQuery::parse("Đồng chí").unwrap();
        let rows = store
            .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
            .unwrap();
        let snippet = rows[0].snippet.clone().unwrap();
        let marked: Vec<&str> = snippet.marks.iter().map(|(a, b)| &snippet.text[*a..*b]).collect();
        assert_eq!(marked, ["Đồng", "chí"], "{}", snippet.text);
        // Paging through the tiers in both directions gives the same order.
        let second = store
            .search_article_rows(&q, &hanoi(), Some(rows[1].key()), Toward::Down, 10)
            .unwrap();
        assert_eq!(
            second.iter().map(|r| r.id).collect::<Vec<_>>(),
            [solstice, community]
        );
        let above = store
            .search_article_rows(&q, &hanoi(), Some(rows[2].key()), Toward::Up, 10)
            .unwrap();
        assert_eq!(
            above.iter().map(|r| r.id).collect::<Vec<_>>(),
            [comrade, solstice]
        );
    }

    #[test]
    fn pages_continue_from_their_key_in_both_directions() {
        let (store, _, _) = corpus();
        every_way(|| {
            for query in ["tay", "Tây"] {
                let q = SearchQuery::parse(query).unwrap();
                let all = store
                    .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
                    .unwrap();
                assert_eq!(all.len(), 3, "{query}");
                let second = store
                    .search_article_rows(&q, &hanoi(), Some(all[1].key()), Toward::Down, 10)
                    .unwrap();
                assert_eq!(
                    second.iter().map(|r| r.id).collect::<Vec<_>>(),
                    all[1..].iter().map(|r| r.id).collect::<Vec<_>>(),
                    "{query}"
                );
                let above = store
                    .search_article_rows(&q, &hanoi(), Some(all[2].key()), Toward::Up, 10)
                    .unwrap();
                assert_eq!(
                    above.iter().map(|r| r.id).collect::<Vec<_>>(),
                    all[..2].iter().map(|r| r.id).collect::<Vec<_>>(),
                    "{query}"
                );
            }
        });
    }

    #[test]
    fn the_count_agrees_with_the_rows_with_and_without_filters() {
        let (store, _, _) = corpus();
        for query in ["dong", "ho", "Đồng chí", "tay ho", "zzz", "dong status:draft"] {
            let q = SearchQuery::parse(query).unwrap();
            let count = store.search_article_count(&q, &hanoi()).unwrap();
            assert_eq!(count as usize, found(&store, query).len(), "{query}");
        }
    }

    #[test]
    fn edits_and_erasures_are_indexed_at_once() {
        let (mut store, admin, ids) = corpus();
        let mut text = store.article(ids[3]).unwrap().text();
        text.body = "Phường Phúc Đồng khánh thành nhà văn hoá".into();
        let req = crate::store::SaveRequest {
            article: ids[3],
            base_version: 1,
            session: "s",
            slug: crate::store::SlugSource::Derived,
            reason: "saved",
            note: None,
        };
        store.save_article(&admin, &text, req, t()).unwrap();
        assert_eq!(found(&store, "phuc dong"), vec![ids[3]]);
        assert!(
            found(&store, "trich dan").is_empty(),
            "the old text is gone from the index"
        );
    }

    /// Titles have an index of their own (migration 13): a new title ranks as a title
    /// match at once, the old one no longer does, and a deleted draft leaves no trace.
    #[test]
    fn the_title_index_follows_renames_and_deletions() {
        let (mut store, admin, ids) = corpus();
        let tier_of = |store: &Store, query: &str| -> Vec<(i64, i64)> {
            let q = SearchQuery::parse(query).unwrap();
            store
                .search_article_rows(&q, &hanoi(), None, Toward::Down, 10)
                .unwrap()
                .iter()
                .map(|r| (r.id, r.tier))
                .collect()
        };
        assert_eq!(tier_of(&store, "o ga"), [(ids[2], 1)]);
        let mut text = store.article(ids[2]).unwrap().text();
        text.title = "Phố Huế thông xe".into();
        let req = crate::store::SaveRequest {
            article: ids[2],
            base_version: 1,
            session: "s",
            slug: crate::store::SlugSource::Derived,
            reason: "saved",
            note: None,
        };
        store.save_article(&admin, &text, req, t()).unwrap();
        assert_eq!(tier_of(&store, "pho hue"), [(ids[2], 1)]);
        // Still in the body ("phản ánh ổ gà"), no longer in the title.
        assert_eq!(tier_of(&store, "o ga"), [(ids[2], 0)]);
        store.delete_draft(&admin, ids[2], t()).unwrap();
        assert!(tier_of(&store, "pho hue").is_empty());
        let titled: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM article_title_fts WHERE article_title_fts MATCH '\"pho\" \"hue\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(titled, 0, "the deleted title is out of the title index");
    }

    /// A store written before search existed is indexed by its migration.
    #[test]
    fn migration_four_indexes_what_was_there() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO users (login, display_name, role, created_at) VALUES ('lan', 'Lan', 'reporter', 0);
             INSERT INTO articles (id, slug, title, body, author, created_at, updated_at)
             VALUES (1, 'a', 'Đường Láng ngập', 'Mưa lớn', 'lan', 0, 0);
             INSERT INTO articles (id, slug, title, status, author, created_at, updated_at)
             VALUES (2, 'b', 'Tin khác', 'published', 'lan', 0, 0);
             INSERT INTO comments (article_id, author_name, title, body, submitted_at)
             VALUES (2, 'Đỗ Hùng', 'Hỏi', 'Đường Láng bao giờ sửa?', 0);",
        )
        .unwrap();
        migrate(&mut conn, 4).unwrap();
        let articles: i64 = conn
            .query_row(
                "SELECT count(*) FROM article_fts WHERE article_fts MATCH '\"duong\" \"lang\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let comments: i64 = conn
            .query_row(
                "SELECT count(*) FROM comment_fts WHERE comment_fts MATCH '\"do\" \"hung\"'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!((articles, comments), (1, 1));
    }

    #[test]
    fn comments_are_found_by_author_title_and_text() {
        let (mut store, admin, ids) = corpus();
        store
            .transition(
                &admin,
                ids[2],
                crate::domain::Transition::Publish,
                Default::default(),
                t(),
            )
            .ok();
        let article = store.article(ids[2]).unwrap();
        assert_ne!(article.status, Status::Published, "no lead: not publishable");
        let new = crate::store::NewComment {
            article_id: ids[2],
            name: "Đỗ Thị Hằng".into(),
            phone: String::new(),
            title: "Ổ gà".into(),
            content: "Đường Láng có ổ gà".into(),
            ip: String::new(),
            submitted_at: t(),
        };
        store
            .seed_comments(&admin, &[(new, CommentStatus::Pending)], t())
            .unwrap();
        let q = SearchQuery::parse("do thi hang").unwrap();
        assert_eq!(store.search_comments(&q, &hanoi(), None, 10).unwrap().len(), 1);
        let q = SearchQuery::parse("duong lang").unwrap();
        assert_eq!(
            store
                .search_comments(&q, &hanoi(), Some(CommentStatus::Spam), 10)
                .unwrap()
                .len(),
            0
        );
    }

    /// Accents typed put the comments that have them first, among the newest matches
    /// (the window); a page shorter than the window is always full.
    #[test]
    fn comments_with_the_accents_typed_come_first_within_the_window() {
        let (mut store, admin, ids) = corpus();
        let texts = [
            ("2026-11-01T00:00:00Z", "Đồng chí Bí thư nói đúng"),
            ("2026-11-02T00:00:00Z", "Trời đông chí lạnh"),
            ("2026-11-03T00:00:00Z", "Cộng đồng chi tiêu"),
        ];
        let seeded: Vec<_> = texts
            .iter()
            .map(|(at, content)| {
                let new = crate::store::NewComment {
                    article_id: ids[0],
                    name: "Lan".into(),
                    phone: String::new(),
                    title: "Ý kiến".into(),
                    content: (*content).into(),
                    ip: String::new(),
                    submitted_at: at.parse().unwrap(),
                };
                (new, CommentStatus::Pending)
            })
            .collect();
        store.seed_comments(&admin, &seeded, t()).unwrap();
        let contents = |query: &str, limit: usize| -> Vec<String> {
            let q = SearchQuery::parse(query).unwrap();
            store
                .search_comments(&q, &hanoi(), None, limit)
                .unwrap()
                .into_iter()
                .map(|c| c.content)
                .collect()
        };
        let (comrade, solstice, community) = (texts[0].1, texts[1].1, texts[2].1);
        assert_eq!(contents("dong chi", 10), [community, solstice, comrade]);
        assert_eq!(contents("Đồng chí", 10), [comrade, community, solstice]);
        assert_eq!(contents("Đồng chí", 2), [comrade, community]);
        // A window of the newest two: the oldest, which has the accents, is past it.
        COMMENT_WINDOW_TEST.with(|w| w.set(2));
        assert_eq!(contents("Đồng chí", 1), [community]);
        assert_eq!(contents("Đồng chí", 10), [comrade, community, solstice]);
        COMMENT_WINDOW_TEST.with(|w| w.set(COMMENT_WINDOW));
    }
}
