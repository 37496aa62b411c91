//! Where the fast load leaves each text index's one segment: on the level FTS5's own merging
//! would have brought a segment of its size to, instead of level 0.
//!
//! FTS5 writes every commit's words as a new segment on level 0 and merges the segments of
//! a level into one on the next once the level holds 4 (`automerge`) or 16 (`crisismerge`).
//! The one segment the load writes lands on level 0 like a commit's, so the first commits
//! after the load merged it with their small ones, and again on each level up: the whole
//! index (39 MB for 200,000 comments) rewritten several times over the intake's first few
//! thousand comments, at a fifth of the speed. An index grown commit by commit holds its
//! big segments on high levels, where a segment is merged only once about three times its
//! size has come in after it. Moving the segment there changes no page of the index, only
//! the level its structure record names, and leaves every setting as a new store has it.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::fast_load::TEXT_INDEXES;
use super::{Store, StoreError};

/// The row of an index's `_data` table that holds its structure record: its levels and the
/// segments on each (FTS5_STRUCTURE_ROWID in SQLite's `fts5_index.c`).
const STRUCTURE_ROWID: i64 = 10;

/// The four bytes after the cookie that mark a record in FTS5's second layout
/// (FTS5_STRUCTURE_V2).
const SECOND_LAYOUT: [u8; 4] = [0xff, 0, 0, 1];

/// How many segments FTS5 merges into one on the next level (its `automerge` default, which
/// every store keeps).
const MERGE_WIDTH: u64 = 4;

/// The level a segment of `pages` leaf pages sits on in an index grown commit by commit:
/// each commit's words fill about one page, and a level-L segment is made of `MERGE_WIDTH`
/// segments of the level below, so about `MERGE_WIDTH`^L pages. At least 1: level 0 is
/// where each commit's new segment goes.
pub(super) fn level_for(pages: u64) -> u32 {
    let mut level = 1;
    let mut holds = MERGE_WIDTH;
    while holds < pages {
        level += 1;
        holds = holds.saturating_mul(MERGE_WIDTH);
    }
    level
}

/// An index's structure record when the index is one segment and no merge is under way: the
/// shape `optimize` leaves. Only the record's first layout, the one FTS5 writes for every
/// table but `contentless_delete` ones (which adds fields per segment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OneSegment {
    /// FTS5's settings cookie: a connection whose cached settings carry another reads them again.
    pub cookie: u32,
    /// Leaf pages written since the index was made; paces the automatic merging.
    pub write_counter: u64,
    pub level: u32,
    pub id: u32,
    pub first_page: u32,
    pub last_page: u32,
}

impl OneSegment {
    /// The record, if it is exactly that shape; None for anything else, which is then left
    /// as it is.
    pub fn read(record: &[u8]) -> Option<OneSegment> {
        let cookie = u32::from_be_bytes(record.get(..4)?.try_into().ok()?);
        let mut rest = record.get(4..)?;
        if rest.starts_with(&SECOND_LAYOUT) {
            return None;
        }
        let mut next = || -> Option<u64> {
            let (value, used) = read_varint(rest)?;
            rest = &rest[used..];
            Some(value)
        };
        let levels = next()?;
        if next()? != 1 || levels == 0 || levels > 64 {
            return None;
        }
        let write_counter = next()?;
        let mut found = None;
        for level in 0..levels {
            let (merging, segments) = (next()?, next()?);
            if merging != 0 || segments > 1 || (segments == 1 && found.is_some()) {
                return None;
            }
            if segments == 1 {
                let mut field = || next().and_then(|v| u32::try_from(v).ok());
                found = Some((u32::try_from(level).ok()?, field()?, field()?, field()?));
            }
        }
        let (level, id, first_page, last_page) = found?;
        (rest.is_empty() && first_page <= last_page).then_some(OneSegment {
            cookie,
            write_counter,
            level,
            id,
            first_page,
            last_page,
        })
    }

    /// The record FTS5 would write for this structure: `level` levels with nothing on them,
    /// then the segment's.
    pub fn write(&self) -> Vec<u8> {
        let mut record = self.cookie.to_be_bytes().to_vec();
        for value in [u64::from(self.level) + 1, 1, self.write_counter] {
            write_varint(&mut record, value);
        }
        for _ in 0..self.level {
            record.extend([0, 0]);
        }
        for value in [0, 1, self.id, self.first_page, self.last_page] {
            write_varint(&mut record, u64::from(value));
        }
        record
    }

    pub fn pages(&self) -> u64 {
        u64::from(self.last_page - self.first_page) + 1
    }
}

impl Store {
    /// Moves each text index's one segment up to its level (see the module's note). Through
    /// a connection of its own: FTS5 caches the structure per connection and reads it again
    /// when another connection has committed, so this one's FTS5 tables see the new record.
    /// The cookie goes up by one, as when a setting changes, so every connection also reads
    /// the settings again: this one still holds the load's own, whose rows were deleted.
    pub(super) fn raise_loaded_segments(&mut self) -> Result<(), StoreError> {
        // Nobody else has the file yet (see fast_load.rs), so no lock to wait for.
        let mut conn = Connection::open(&self.path)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for table in TEXT_INDEXES {
            let record: Option<Vec<u8>> = tx
                .query_row(
                    &format!("SELECT block FROM {table}_data WHERE id = ?1"),
                    [STRUCTURE_ROWID],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(mut structure) = record.as_deref().and_then(OneSegment::read) else {
                continue;
            };
            let level = level_for(structure.pages());
            if level <= structure.level {
                continue;
            }
            structure.level = level;
            structure.cookie = structure.cookie.wrapping_add(1);
            tx.execute(
                &format!("UPDATE {table}_data SET block = ?1 WHERE id = ?2"),
                (structure.write(), STRUCTURE_ROWID),
            )?;
        }
        tx.commit()?;
        drop(conn);
        // That commit was this store's own work, not another program's.
        self.changed_elsewhere()?;
        Ok(())
    }
}

/// SQLite's variable-length integer, as FTS5 writes it: 7 bits a byte, high bits first, the
/// ninth byte whole. Returns the value and the bytes it took.
fn read_varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().take(9).enumerate() {
        if i == 8 {
            return Some(((value << 8) | u64::from(b), 9));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

fn write_varint(out: &mut Vec<u8>, value: u64) {
    if value >> 56 != 0 {
        // Nine bytes: eight of 7 bits, then the low 8 bits whole.
        let high = value >> 8;
        out.extend((0..8).rev().map(|i| ((high >> (7 * i)) & 0x7f) as u8 | 0x80));
        out.push((value & 0xff) as u8);
        return;
    }
    let groups = (1..9).find(|n| value >> (7 * n) == 0).unwrap_or(8);
    out.extend((0..groups).rev().map(|i| {
        let byte = ((value >> (7 * i)) & 0x7f) as u8;
        if i == 0 { byte } else { byte | 0x80 }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_read_back_as_written() {
        for value in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            1 << 35,
            (1 << 56) - 1,
            1 << 56,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            write_varint(&mut out, value);
            assert_eq!(read_varint(&out), Some((value, out.len())), "{value}");
        }
        assert_eq!(read_varint(&[0x81, 0x00]), Some((128, 2)));
        assert_eq!(read_varint(&[0x81]), None);
    }

    #[test]
    fn a_one_segment_record_reads_back_as_written_and_others_are_left_alone() {
        // Cookie 7, one level, one segment, 0 writes; level 0: no merge, segment 1 on pages 1..=9718.
        let loaded = [0, 0, 0, 7, 1, 1, 0, 0, 1, 1, 1, 0xcb, 0x76];
        let one = OneSegment::read(&loaded).unwrap();
        assert_eq!((one.cookie, one.level, one.id, one.pages()), (7, 0, 1, 9718));
        assert_eq!(one.write(), loaded);
        let raised = OneSegment { level: 7, ..one };
        assert_eq!(OneSegment::read(&raised.write()), Some(raised));
        // Two segments; a merge under way; the second layout; a byte too many.
        for other in [
            &[0, 0, 0, 7, 1, 2, 0, 0, 2, 1, 1, 5, 2, 1, 1][..],
            &[0, 0, 0, 7, 2, 1, 0, 1, 1, 1, 1, 5, 0, 0],
            &[0, 0, 0, 7, 0xff, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 5, 0, 0, 0, 0, 0],
            &[0, 0, 0, 7, 1, 1, 0, 0, 1, 1, 1, 5, 0],
        ] {
            assert_eq!(OneSegment::read(other), None, "{other:?}");
        }
    }

    #[test]
    fn a_segment_goes_where_its_size_puts_it() {
        let levels: Vec<u32> = [1, 4, 5, 16, 17, 371, 9_718, 50_000]
            .into_iter()
            .map(level_for)
            .collect();
        assert_eq!(levels, [1, 1, 2, 2, 3, 5, 7, 8]);
    }
}
