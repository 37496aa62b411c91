//! The Rust steps of the search migrations: folding what was there (version 4, the code of
//! that time, kept as it was) and filling the compact indexes (version 11).

use rusqlite::{Transaction, params};

use super::migrations::Progress;
use crate::text;

/// Rows per statement while filling an index: a progress step, and a bounded statement.
const BATCH: i64 = 5000;

/// Version 4's fold of one article, into the columns it had then.
pub(super) fn fold_article_v4(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    let (title, rest): (String, String) = tx.query_row(
        "SELECT title, dateline || ' ' || lead || ' ' || body || ' ' || byline || ' ' ||
                coalesce((SELECT group_concat(caption || ' ' || credit || ' ' || coalesce(alt, ''), ' ')
                          FROM photos WHERE article_id = a.id), '') || ' ' ||
                coalesce((SELECT group_concat(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
                          WHERE x.article_id = a.id), '')
         FROM articles a WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.prepare_cached("UPDATE articles SET title_fold = ?2, text_fold = ?3 WHERE id = ?1")?
        .execute(params![id, text::fold(&title), text::fold(&rest)])?;
    Ok(())
}

/// Migration 4's Rust step: folds every article, and every comment stored before comments
/// were folded on arrival, then rebuilds both indexes from the folded columns.
pub(super) fn index_everything(tx: &Transaction<'_>, _: &mut dyn FnMut(Progress)) -> rusqlite::Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM articles ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        fold_article_v4(tx, id)?;
    }
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String, String, String)> = tx
            .prepare_cached(
                "SELECT id, author_name, title, body FROM comments WHERE search_fold = '' AND id > ?1
                 ORDER BY id LIMIT 5000",
            )?
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let mut update = tx.prepare_cached("UPDATE comments SET search_fold = ?2 WHERE id = ?1")?;
        for (id, name, title, body) in &batch {
            update.execute(params![id, text::fold(&format!("{name} {title} {body}"))])?;
        }
    }
    tx.execute_batch(include_str!("migrations/004_search_index.sql"))?;
    tx.execute_batch(
        "INSERT INTO article_fts (article_fts) VALUES ('rebuild');
         INSERT INTO comment_fts (comment_fts) VALUES ('rebuild');",
    )
}

/// Migration 11's Rust step: both indexes, in batches of rows so a big store shows its
/// progress.
pub(super) fn fill_indexes(tx: &Transaction<'_>, report: &mut dyn FnMut(Progress)) -> rusqlite::Result<()> {
    let count = |table: &str| -> rusqlite::Result<i64> {
        tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    let total = (count("articles")? + count("comments")?) as u64;
    let mut done = 0u64;
    report(Progress::Indexing { done, total });
    for (table, fill) in [
        (
            "articles",
            "INSERT INTO article_fts (rowid, title, dateline, lead, body, byline, search_extra)
             SELECT id, title, dateline, lead, body, byline, search_extra FROM articles
             WHERE id > ?1 AND id <= ?2",
        ),
        (
            "comments",
            "INSERT INTO comment_fts (rowid, text)
             SELECT id, author_name || ' ' || title || ' ' || body FROM comments WHERE id > ?1 AND id <= ?2",
        ),
    ] {
        let next = format!(
            "SELECT max(id), count(*) FROM (SELECT id FROM {table} WHERE id > ?1 ORDER BY id LIMIT ?2)"
        );
        let mut after = 0i64;
        loop {
            let (last, n): (Option<i64>, i64) =
                tx.query_row(&next, params![after, BATCH], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let Some(last) = last else { break };
            tx.execute(fill, params![after, last])?;
            after = last;
            done += n as u64;
            report(Progress::Indexing { done, total });
        }
    }
    // Filled in batches, each index is many small segments: merged, it is a third smaller.
    tx.execute_batch(
        "INSERT INTO article_fts (article_fts) VALUES ('optimize');
         INSERT INTO comment_fts (comment_fts) VALUES ('optimize');",
    )
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use sha2::Digest as _;

    use super::super::migrations::migrate;
    use super::*;

    /// A version 10 store's repeated-text keys (64 hex letters) become the 8 bytes new
    /// comments get, so a repeat of an old comment is still noticed.
    #[test]
    fn old_repeated_text_keys_are_shortened_to_what_new_comments_get() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, 10).unwrap();
        let body = "Đường Láng   bao giờ sửa?";
        let words = text::fold(body).split_whitespace().collect::<Vec<_>>().join(" ");
        let hex: String = sha2::Sha256::digest(words.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        conn.execute_batch(
            "INSERT INTO users (login, display_name, role, created_at) VALUES ('lan', 'Lan', 'reporter', 0);
             INSERT INTO articles (id, slug, title, author, created_at, updated_at) VALUES (1, 'a', 'A', 'lan', 0, 0);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO comments (article_id, author_name, title, body, submitted_at, content_key)
             VALUES (1, 'Hùng', 'Hỏi', ?1, 0, ?2)",
            params![body, hex],
        )
        .unwrap();
        migrate(&mut conn, 11).unwrap();
        let key: Vec<u8> = conn
            .query_row("SELECT content_key FROM comments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(key, super::super::moderation::content_key(body));
    }
}
