//! Filling a brand new store file in one go (`newsroom demo --articles N` into a file that
//! does not exist yet). The rows go in through the ordinary bulk writes (`bulk.rs`); what
//! changes is the work around them: no journal, the big tables' indexes built once the rows
//! are in, and what the insert triggers keep (both text indexes, the queue and author
//! counts) computed in one pass each. The file ends with the schema text, rows, counts and
//! indexed words the ordinary path would have made (`fast_load_tests.rs` compares them);
//! only the order of entries in `sqlite_master` differs, and each text index is one merged
//! segment instead of the many that row-by-row inserts leave, on the level its size would
//! have brought it to (`fast_load_levels.rs`), so the first comments after the load do
//! not merge it again.
//!
//! Only for a file nobody else can see: without a journal a failure leaves it half written,
//! so the caller builds it under a temporary name and moves it into place when done.

use super::{Store, StoreError};

/// The tables whose indexes and insert triggers wait until the rows are in.
const TABLES: [&str; 2] = ["articles", "comments"];

/// The insert triggers on those tables, each redone in one statement by `finish`. A new
/// trigger there must be added here, with its statement: `begin` refuses a store that has
/// one this file does not know.
const TRIGGERS: [&str; 6] = [
    "article_fts_insert",
    "article_title_fts_insert",
    "comment_counts_insert",
    "author_counts_insert",
    "article_comment_counts_insert",
    "comment_fts_insert",
];

/// The text indexes the catch-up fills.
pub(super) const TEXT_INDEXES: [&str; 3] = ["article_fts", "article_title_fts", "comment_fts"];

/// How much each text index may hold in memory before writing it out while it is built.
/// SQLite's default of 1 MiB made hundreds of small segments to merge; at 128 MiB the final
/// merge still rewrote the index (1.8 s of CPU for a million comments); at 512 MiB a million
/// comments go out as one segment, for about 70 MB more memory at the peak of that load.
const FTS_HASH_BYTES: u32 = 512 * 1024 * 1024;

/// Where `finish_fast_load` is, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinishStep {
    Indexes,
    ArticleSearch,
    Counts,
    CommentSearch,
    Optimize,
}

/// What `finish_fast_load` does after the indexes are back, in order: each is what the
/// named trigger would have done row by row, for a store that had no articles or comments.
const CATCH_UP: [(FinishStep, &str); 6] = [
    // article_fts_insert: the index reads the article's own columns.
    (
        FinishStep::ArticleSearch,
        "INSERT INTO article_fts (article_fts) VALUES ('rebuild')",
    ),
    // article_title_fts_insert: contentless, so given each title, in id order.
    (
        FinishStep::ArticleSearch,
        "INSERT INTO article_title_fts (rowid, title) SELECT id, title FROM articles ORDER BY id",
    ),
    // comment_counts_insert: every status has its row from migration 5.
    (
        FinishStep::Counts,
        "UPDATE comment_counts
         SET n = (SELECT count(*) FROM comments c WHERE c.status = comment_counts.status)",
    ),
    // author_counts_insert.
    (
        FinishStep::Counts,
        "INSERT INTO author_counts (author_name, phone, status, n)
         SELECT author_name, phone, status, count(*) FROM comments
         GROUP BY author_name, phone, status",
    ),
    // article_comment_counts_insert.
    (
        FinishStep::Counts,
        "INSERT INTO article_comment_counts (article_id, status, n)
         SELECT article_id, status, count(*) FROM comments GROUP BY article_id, status",
    ),
    // comment_fts_insert: the same text, in id order, so the index is written in sequence.
    (
        FinishStep::CommentSearch,
        "INSERT INTO comment_fts (rowid, text)
         SELECT id, author_name || ' ' || title || ' ' || body FROM comments ORDER BY id",
    ),
];

/// The schema entries set aside by `begin_fast_load`, with their exact text, to be put
/// back by `finish_fast_load`.
#[derive(Debug)]
#[must_use = "finish_fast_load puts the indexes and triggers back"]
pub struct FastLoad {
    indexes: Vec<String>,
    triggers: Vec<String>,
}

impl Store {
    /// Sets the store up for a fast first load. Refuses a store that already has articles
    /// or comments: the catch-up statements count from nothing.
    pub fn begin_fast_load(&mut self) -> Result<FastLoad, StoreError> {
        let rows: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM comments)",
            [],
            |r| r.get(0),
        )?;
        if rows > 0 {
            return Err(StoreError::NotEmpty {
                path: self.path.clone(),
            });
        }
        let triggers: Vec<(String, String)> = self.schema_sql("trigger")?;
        let names: Vec<&str> = triggers.iter().map(|(name, _)| name.as_str()).collect();
        let unknown = names
            .iter()
            .find(|n| n.ends_with("_insert") && !TRIGGERS.contains(n))
            .or_else(|| TRIGGERS.iter().find(|t| !names.contains(t)));
        if let Some(name) = unknown {
            return Err(StoreError::UnknownTrigger {
                name: (*name).to_owned(),
            });
        }
        let triggers: Vec<(String, String)> = triggers
            .into_iter()
            .filter(|(n, _)| TRIGGERS.contains(&n.as_str()))
            .collect();
        let indexes = self.schema_sql("index")?;
        self.conn.pragma_update(None, "journal_mode", "OFF")?;
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let tx = self.write()?;
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        for (name, _) in &triggers {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        }
        tx.commit()?;
        let sql = |entries: Vec<(String, String)>| entries.into_iter().map(|(_, sql)| sql).collect();
        Ok(FastLoad {
            indexes: sql(indexes),
            triggers: sql(triggers),
        })
    }

    /// Builds the indexes, fills the text indexes and counts, puts the triggers back with
    /// their exact text, and turns the journal (WAL, as every store has) back on.
    pub fn finish_fast_load(
        &mut self,
        load: FastLoad,
        step: &mut dyn FnMut(FinishStep),
    ) -> Result<(), StoreError> {
        let tx = self.write()?;
        step(FinishStep::Indexes);
        for sql in &load.indexes {
            tx.execute_batch(sql)?;
        }
        // Each text index gathers up to this much in memory before it writes a segment,
        // and leaves merging to the one 'optimize' at the end.
        for table in TEXT_INDEXES {
            tx.execute_batch(&format!(
                "INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {FTS_HASH_BYTES});
                 INSERT INTO {table} ({table}, rank) VALUES ('automerge', 0);"
            ))?;
        }
        for (at, sql) in CATCH_UP {
            step(at);
            tx.execute_batch(sql)?;
        }
        step(FinishStep::Optimize);
        for table in TEXT_INDEXES {
            tx.execute_batch(&format!(
                "INSERT INTO {table} ({table}) VALUES ('optimize');
                 -- Back to the defaults, as a store made by the ordinary path has them: no rows.
                 DELETE FROM {table}_config WHERE k IN ('hashsize', 'automerge');"
            ))?;
        }
        for sql in &load.triggers {
            tx.execute_batch(sql)?;
        }
        tx.commit()?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.raise_loaded_segments()
    }

    /// (name, sql) of the named entries of one kind on the fast-loaded tables.
    fn schema_sql(&self, kind: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, sql FROM sqlite_master
             WHERE type = ?1 AND tbl_name IN (?2, ?3) AND sql IS NOT NULL ORDER BY rowid",
        )?;
        let rows = stmt.query_map([kind, TABLES[0], TABLES[1]], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
