//! Revision bodies kept compressed.
//!
//! Every save keeps a whole copy of the article in `article_revisions`, and the newest of
//! them repeats the article's own text: on a demo store of 100,000 articles the revisions
//! took as much room as the articles themselves. A body of `PACK_FROM` bytes or more is
//! stored as a BLOB holding one format byte and a raw DEFLATE stream, which Vietnamese
//! prose shrinks to well under half; a shorter body stays TEXT. A reader tells them apart
//! by SQLite's storage class, so rows written before migration 13 read as they always did.
//!
//! Outside SQL clients see the BLOBs as bytes (README, "Other programs on the store", says
//! how to read one); the editor's history and restore read them through `Store::revision`.
//! Titles, leads and the rest stay TEXT: they are short.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::{ToSql, Transaction, params};

use super::migrations::Progress;

/// Bodies shorter than this stay TEXT: a short text gains little, and stays readable in
/// an outside SQL client.
pub const PACK_FROM: usize = 1024;

/// The first byte of a packed body: raw DEFLATE follows. A later format takes a new byte.
const DEFLATE: u8 = 1;

/// A revision's text as stored: `String` in, TEXT or a packed BLOB out, and either back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedText(pub String);

impl PackedText {
    /// The packed bytes, or `None` when the text is kept as it is.
    fn pack(text: &str) -> Option<Vec<u8>> {
        if text.len() < PACK_FROM {
            return None;
        }
        // Level 6, the default: the 100,000-article demo load, packing included, stays well
        // inside its target (README, Performance).
        let mut encoder = DeflateEncoder::new(vec![DEFLATE], Compression::default());
        encoder.write_all(text.as_bytes()).ok()?;
        // No check that it shrank: DEFLATE's Huffman codes alone shrink any UTF-8 text of
        // this length (its continuation bytes are never evenly spread).
        encoder.finish().ok()
    }

    fn unpack(bytes: &[u8]) -> FromSqlResult<String> {
        let Some((&DEFLATE, stream)) = bytes.split_first() else {
            return Err(FromSqlError::Other("a revision body in an unknown format".into()));
        };
        let mut text = String::new();
        DeflateDecoder::new(stream)
            .read_to_string(&mut text)
            .map_err(|e| FromSqlError::Other(Box::new(e)))?;
        Ok(text)
    }
}

impl ToSql for PackedText {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match Self::pack(&self.0) {
            Some(bytes) => ToSqlOutput::from(bytes),
            None => ToSqlOutput::from(self.0.as_str()),
        })
    }
}

impl FromSql for PackedText {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Blob(bytes) => Self::unpack(bytes).map(PackedText),
            other => String::column_result(other).map(PackedText),
        }
    }
}

/// Revisions read and packed per statement during the upgrade: a progress step.
const BATCH: i64 = 2000;

/// Migration 13's Rust step: packs every revision body stored as long TEXT, in id order,
/// in the migration's one transaction (stopped half way, nothing changed).
pub(super) fn pack_revisions(tx: &Transaction<'_>, report: &mut dyn FnMut(Progress)) -> rusqlite::Result<()> {
    const LONG: &str = "typeof(body) = 'text' AND length(CAST(body AS BLOB)) >= ?2";
    let total: i64 = tx.query_row(
        &format!("SELECT count(*) FROM article_revisions WHERE id > ?1 AND {LONG}"),
        params![0, PACK_FROM as i64],
        |r| r.get(0),
    )?;
    let total = total as u64;
    let mut done = 0u64;
    report(Progress::Packing { done, total });
    let mut next = tx.prepare(&format!(
        "SELECT id, body FROM article_revisions WHERE id > ?1 AND {LONG} ORDER BY id LIMIT ?3"
    ))?;
    let mut update = tx.prepare("UPDATE article_revisions SET body = ?2 WHERE id = ?1")?;
    let mut after = 0i64;
    loop {
        let rows: Vec<(i64, String)> = next
            .query_map(params![after, PACK_FROM as i64, BATCH], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let Some(&(last, _)) = rows.last() else { break };
        for (id, body) in rows.iter() {
            update.execute(params![id, PackedText(body.clone())])?;
        }
        after = last;
        done += rows.len() as u64;
        report(Progress::Packing { done, total });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(text: &str) -> (String, PackedText) {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute("CREATE TABLE t (body TEXT NOT NULL)", []).unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", [PackedText(text.to_owned())])
            .unwrap();
        conn.query_row("SELECT typeof(body), body FROM t", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    }

    fn prose(bytes: usize) -> String {
        let line = "Người dân phường Tây Hồ đề nghị thành phố sớm sửa con đường ven hồ. ";
        line.repeat(bytes / line.len() + 1)
    }

    #[test]
    fn a_long_body_is_packed_and_reads_back_the_same() {
        let text = prose(3000);
        let (class, back) = stored(&text);
        assert_eq!(class, "blob");
        assert_eq!(back.0, text);
        let packed = PackedText::pack(&text).unwrap();
        assert!(
            packed.len() * 2 < text.len(),
            "{} of {}",
            packed.len(),
            text.len()
        );
    }

    #[test]
    fn a_short_body_stays_text() {
        let just_short = prose(PACK_FROM).chars().take(300).collect::<String>();
        assert!(just_short.len() < PACK_FROM);
        assert_eq!(
            stored(&just_short),
            ("text".to_owned(), PackedText(just_short.clone()))
        );
        assert_eq!(stored(""), ("text".to_owned(), PackedText(String::new())));
    }

    #[test]
    fn the_limit_is_inclusive() {
        let at: String = "a".repeat(PACK_FROM);
        assert_eq!(stored(&at).0, "blob");
        assert_eq!(stored(&at[1..]).0, "text");
    }

    /// The upgrade packs every long body, in batches, saying how far it has got.
    #[test]
    fn the_upgrade_packs_in_batches_and_reports_each() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE article_revisions (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
            .unwrap();
        let long = prose(2000);
        // Long bodies past one batch, with short ones among them that stay as they are.
        let (n_long, n_short) = (BATCH + 500, 100);
        for i in 0..n_long + n_short {
            let short = i % 10 == 0 && i / 10 < n_short;
            let body = if short { "ngắn".to_owned() } else { long.clone() };
            conn.execute("INSERT INTO article_revisions (body) VALUES (?1)", [body])
                .unwrap();
        }
        let mut seen = Vec::new();
        let tx = conn.transaction().unwrap();
        pack_revisions(&tx, &mut |p| seen.push(p)).unwrap();
        tx.commit().unwrap();
        let total = n_long as u64;
        assert_eq!(
            seen,
            [
                Progress::Packing { done: 0, total },
                Progress::Packing {
                    done: BATCH as u64,
                    total
                },
                Progress::Packing { done: total, total },
            ]
        );
        let classes: Vec<(String, i64)> = conn
            .prepare("SELECT typeof(body), count(*) FROM article_revisions GROUP BY 1 ORDER BY 1")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            classes,
            [("blob".to_owned(), n_long), ("text".to_owned(), n_short)]
        );
    }

    #[test]
    fn an_unknown_format_is_an_error_not_garbage() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for bytes in [vec![], vec![9, 1, 2, 3], vec![DEFLATE, 0xff, 0xff]] {
            let got = conn.query_row("SELECT ?1", [bytes], |r| r.get::<_, PackedText>(0));
            assert!(got.is_err(), "{got:?}");
        }
    }
}
