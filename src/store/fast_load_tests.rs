//! A new store filled by the fast first load must be the store the ordinary path makes from
//! the same sample: the same schema text, the same rows in every table, the same counts and
//! the same words in both text indexes, and a file that passes SQLite's checks.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::path::Path;

use rusqlite::types::Value;

use super::fast_load_levels::{OneSegment, level_for};
use super::{OpenMode, Store};
use crate::demo::{BigSize, Progress, create_generated, load_generated};
use crate::domain::{Login, SearchQuery};

const SIZE: BigSize = BigSize {
    articles: 300,
    comments: 3_000,
};

/// A file-backed store with the generated sample, loaded the fast way or the ordinary one.
fn loaded(dir: &Path, fast: bool) -> Store {
    let now = crate::testing::now();
    let mut store = Store::open(
        &dir.join(if fast { "fast.db" } else { "slow.db" }),
        OpenMode::CreateIfMissing,
    )
    .unwrap();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now).unwrap();
    let mut finished = false;
    let mut progress = |p| {
        finished |= matches!(p, Progress::Finishing(_));
        ControlFlow::Continue(())
    };
    let load = if fast { create_generated } else { load_generated };
    load(&mut store, &admin, SIZE, "Asia/Ho_Chi_Minh", now, &mut progress).unwrap();
    assert_eq!(finished, fast, "only the fast load reports its finishing steps");
    store
}

fn strings(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            let row: Vec<Value> = (0..n).map(|i| r.get(i)).collect::<Result<_, _>>()?;
            Ok(format!("{row:?}"))
        })
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// Every row of every ordinary table (the text indexes' own shadow tables aside: their
/// layout depends on how the rows came in; their words are compared below), sorted.
fn rows(store: &Store) -> Vec<(String, BTreeSet<String>)> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT LIKE '%\\_fts\\_data' ESCAPE '\\' AND name NOT LIKE '%\\_fts\\_idx' ESCAPE '\\'
         ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let all = strings(store, &format!("SELECT * FROM \"{name}\""))
                .into_iter()
                .collect();
            (name, all)
        })
        .collect()
}

/// Every word of a text index with the row, column and place it is at.
fn words(store: &Store, index: &str) -> Vec<String> {
    store
        .conn
        .execute_batch(&format!(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{index}_words USING fts5vocab(main, {index}, instance)"
        ))
        .unwrap();
    strings(
        store,
        &format!("SELECT * FROM temp.{index}_words ORDER BY 1, 2, 3, 4"),
    )
}

#[test]
fn a_fast_loaded_store_is_the_store_the_ordinary_path_makes() {
    let dir = tempfile::tempdir().unwrap();
    let slow = loaded(dir.path(), false);
    let fast = loaded(dir.path(), true);
    let schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name";
    assert_eq!(strings(&fast, schema), strings(&slow, schema));
    let (fast_rows, slow_rows) = (rows(&fast), rows(&slow));
    assert!(fast_rows.iter().any(|(t, r)| t == "comments" && r.len() == 3_000));
    for ((table, fast), (_, slow)) in fast_rows.iter().zip(&slow_rows) {
        assert!(
            fast == slow,
            "{table} differs: {:?}",
            fast.symmetric_difference(slow).take(3).collect::<Vec<_>>()
        );
    }
    assert_eq!(fast_rows.len(), slow_rows.len());
    for index in ["article_fts", "article_title_fts", "comment_fts"] {
        let (f, s) = (words(&fast, index), words(&slow, index));
        assert!(f.len() > 1_000, "{index}: {} words", f.len());
        assert!(f == s, "{index} holds other words than the ordinary path's");
    }
    let mode: String = fast
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_fast_loaded_store_passes_the_checks_and_keeps_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(dir.path(), true);
    assert_eq!(strings(&store, "PRAGMA integrity_check"), ["[Text(\"ok\")]"]);
    for index in ["article_fts", "article_title_fts", "comment_fts"] {
        store
            .conn
            .execute_batch(&format!(
                "INSERT INTO {index} ({index}) VALUES ('integrity-check')"
            ))
            .unwrap();
    }
    // What the triggers keep, against a count of the rows.
    assert_eq!(
        strings(
            &store,
            "SELECT status, n FROM comment_counts WHERE n > 0 ORDER BY 1"
        ),
        strings(
            &store,
            "SELECT status, count(*) FROM comments GROUP BY 1 ORDER BY 1"
        ),
    );
    assert_eq!(
        strings(
            &store,
            "SELECT author_name, phone, status, n FROM author_counts ORDER BY 1, 2, 3"
        ),
        strings(
            &store,
            "SELECT author_name, phone, status, count(*) FROM comments GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ),
    );
    assert_eq!(
        strings(
            &store,
            "SELECT article_id, status, n FROM article_comment_counts WHERE n > 0 ORDER BY 1, 2"
        ),
        strings(
            &store,
            "SELECT article_id, status, count(*) FROM comments GROUP BY 1, 2 ORDER BY 1, 2"
        ),
    );
    // And the triggers are back: a new comment is counted and found.
    let (article, before): (i64, i64) = store
        .conn
        .query_row(
            "SELECT (SELECT max(id) FROM articles), n FROM comment_counts WHERE status = 'pending'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    store
        .conn
        .execute(
            "INSERT INTO comments (article_id, author_name, title, body, submitted_at)
             VALUES (?1, 'Lê Văn Tám', 'Góp ý', 'Xanhxao lắm', 0)",
            [article],
        )
        .unwrap();
    let after: i64 = store
        .conn
        .query_row("SELECT n FROM comment_counts WHERE status = 'pending'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(after, before + 1);
    let zone = crate::testing::hanoi();
    let found = |words: &str| {
        store
            .search_comments(&SearchQuery::parse(words).unwrap(), &zone, None, 5)
            .unwrap()
    };
    assert_eq!(found("xanhxao").len(), 1);
    // Generated words are found without their accents, in comments and in articles.
    let (title, body): (String, String) = store
        .conn
        .query_row("SELECT title, body FROM comments WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let word = body.split_whitespace().max_by_key(|w| w.chars().count()).unwrap();
    let word: String = crate::text::fold(word)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    assert!(!found(&word).is_empty(), "no comment has {word:?} ({title:?})");
    let headline: String = store
        .conn
        .query_row("SELECT title FROM articles WHERE id = 7", [], |r| r.get(0))
        .unwrap();
    let hits = store
        .search_article_rows(
            &SearchQuery::parse(&crate::text::fold(&headline)).unwrap(),
            &zone,
            None,
            super::Toward::Down,
            20,
        )
        .unwrap();
    assert!(
        hits.iter().any(|a| a.id == 7),
        "article 7 ({headline:?}) not found by its title"
    );
}

#[test]
fn the_fast_load_refuses_a_store_with_comments_or_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loaded(dir.path(), false);
    assert!(matches!(
        store.begin_fast_load(),
        Err(super::StoreError::NotEmpty { .. })
    ));
}

/// Each text index's structure record, read through SQL.
fn structure(store: &Store, index: &str) -> Option<OneSegment> {
    let record: Vec<u8> = store
        .conn
        .query_row(
            &format!("SELECT block FROM {index}_data WHERE id = 10"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    OneSegment::read(&record)
}

#[test]
fn each_text_index_is_one_segment_on_the_level_its_size_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(dir.path(), true);
    for index in ["article_fts", "article_title_fts", "comment_fts"] {
        let one =
            structure(&store, index).unwrap_or_else(|| panic!("{index} is not one segment after the load"));
        assert!(one.pages() > 1, "{index}: {one:?}");
        assert_eq!(one.level, level_for(one.pages()), "{index}: {one:?}");
        assert!(one.level >= 2, "{index}: {one:?}");
    }
}

#[test]
fn the_first_comments_after_the_load_leave_its_segment_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = loaded(dir.path(), true);
    let segment = structure(&store, "comment_fts").unwrap().id;
    // A segment's pages are the `_data` rows from its id shifted by 37 bits (FTS5_SEGMENT_ROWID).
    let pages = || {
        let first = i64::from(segment) << 37;
        strings(
            &store,
            &format!(
                "SELECT id, block FROM comment_fts_data WHERE id >= {first} AND id < {} ORDER BY id",
                first + (1 << 37)
            ),
        )
    };
    let before = pages();
    assert!(before.len() > 10, "{} pages", before.len());
    // One commit each, as the intake writes them: FTS5 merges level 0 once it holds 16
    // segments, whatever its settings, so a segment left there would be rewritten by now.
    for i in 0..40 {
        store
            .conn
            .execute(
                "INSERT INTO comments (article_id, author_name, title, body, submitted_at)
                 VALUES (1, 'Lê Văn Tám', 'Góp ý', ?1, 0)",
                [format!("Xanhxao lần thứ {i}")],
            )
            .unwrap();
    }
    assert!(pages() == before, "the loaded segment was merged again");
    let found: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM comment_fts WHERE comment_fts MATCH 'xanhxao'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 40);
    store
        .conn
        .execute_batch("INSERT INTO comment_fts (comment_fts) VALUES ('integrity-check')")
        .unwrap();
}
