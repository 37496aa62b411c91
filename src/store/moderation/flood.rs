//! The reader's recent comments, for flood control: by address for IPv4, by /64 for IPv6
//! (see `domain::reader_network`), newest first, as far back as they bear on the reader's
//! allowance (`domain::Allowance`).

use std::net::IpAddr;

use jiff::Timestamp;
use rusqlite::Transaction;

use super::super::from_seconds;
use crate::domain::{Allowance, reader_network, same_reader};

/// Comments read back at most. A reader sending at the full rate keeps every earlier one
/// in reach; past this many the oldest are taken as refilled, which lets such a reader
/// through a little early, once. An hour of the default allowance is 720.
const MOST: usize = 1000;

/// The reader's comments since `since` (Unix seconds), newest first, stopping at the first
/// quiet stretch long enough to refill their allowance. Addresses in an IPv6 /64 share
/// no prefix in their text, so those are found by walking the time index instead.
pub(super) fn recent_from_reader(
    tx: &Transaction<'_>,
    ip: &str,
    allowance: Allowance,
    now: Timestamp,
    since: i64,
) -> rusqlite::Result<Vec<Timestamp>> {
    let mut recent = Vec::new();
    if ip.is_empty() {
        return Ok(recent);
    }
    let ipv6 = matches!(ip.parse::<IpAddr>().map(reader_network), Ok(IpAddr::V6(_)));
    let (sql, by_address) = if ipv6 {
        (
            "SELECT ip, submitted_at FROM comments WHERE submitted_at >= ?1 AND ip LIKE '%:%'
             ORDER BY submitted_at DESC",
            None,
        )
    } else {
        (
            "SELECT ip, submitted_at FROM comments WHERE submitted_at >= ?1 AND ip = ?2 AND ip != ''
             ORDER BY submitted_at DESC",
            Some(ip),
        )
    };
    let mut statement = tx.prepare_cached(sql)?;
    let mut rows = match by_address {
        Some(ip) => statement.query(rusqlite::params![since, ip])?,
        None => statement.query([since])?,
    };
    let mut newer = now;
    while let Some(row) = rows.next()? {
        let at = from_seconds(row.get(1)?);
        if !allowance.reaches(newer, at) {
            break;
        }
        let other: String = row.get(0)?;
        if ipv6 && !same_reader(ip, &other) {
            continue;
        }
        recent.push(at);
        newer = newer.min(at);
        if recent.len() >= MOST {
            break;
        }
    }
    Ok(recent)
}
