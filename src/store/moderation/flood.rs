//! When the reader last sent a comment, for flood control: by address for IPv4, by /64
//! for IPv6 (see `domain::reader_network`).

use std::net::IpAddr;

use rusqlite::Transaction;

use crate::domain::{reader_network, same_reader};

/// The newest `submitted_at` (Unix seconds) of a comment from the reader at `ip`.
/// An IPv6 reader's /64 is looked for only among comments since `since`: addresses in a
/// /64 share no prefix in their text, so the time index bounds the walk instead, and the
/// flood rule looks no further back than that anyway.
pub(super) fn last_from_reader(tx: &Transaction<'_>, ip: &str, since: i64) -> rusqlite::Result<Option<i64>> {
    if ip.is_empty() {
        return Ok(None);
    }
    if !matches!(ip.parse::<IpAddr>().map(reader_network), Ok(IpAddr::V6(_))) {
        return tx
            .prepare_cached("SELECT max(submitted_at) FROM comments WHERE ip = ?1 AND ip != ''")?
            .query_row([ip], |r| r.get(0));
    }
    let mut recent = tx.prepare_cached(
        "SELECT ip, submitted_at FROM comments WHERE submitted_at >= ?1 AND ip LIKE '%:%'
         ORDER BY submitted_at DESC",
    )?;
    let mut rows = recent.query([since])?;
    while let Some(row) = rows.next()? {
        let other: String = row.get(0)?;
        if same_reader(ip, &other) {
            return Ok(Some(row.get(1)?));
        }
    }
    Ok(None)
}
