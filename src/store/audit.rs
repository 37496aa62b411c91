use jiff::Timestamp;
use rusqlite::{Transaction, params};
use serde::Serialize;
use serde_json::Value;

use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::{Operation, User};

/// One state change, as the code that made it describes it.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One row of the audit log, as `newsroom audit` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditRow {
    #[serde(skip)]
    pub id: i64,
    pub at: Timestamp,
    pub user: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends to the log inside the caller's transaction, so a change and its record commit
/// together or not at all.
pub(super) fn record(
    tx: &Transaction<'_>,
    at: Timestamp,
    login: &str,
    entry: AuditEntry,
) -> rusqlite::Result<()> {
    let json = |v: Option<Value>| v.map(|v| v.to_string());
    tx.execute(
        "INSERT INTO audit_log (at, login, action, entity, entity_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            to_seconds(at),
            login,
            entry.action,
            entry.entity,
            entry.entity_id,
            json(entry.before),
            json(entry.after)
        ],
    )?;
    Ok(())
}

impl Store {
    /// The newest entries first; `before` continues a previous page.
    pub fn audit_page(
        &self,
        actor: &User,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<AuditRow>, StoreError> {
        actor.role.check(Operation::ReadAudit)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, login, action, entity, entity_id, before, after FROM audit_log
             WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        let rows = stmt.query_map(params![before.unwrap_or(i64::MAX), limit as i64], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: from_seconds(r.get(1)?),
                user: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                before: parse(r.get(6)?),
                after: parse(r.get(7)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
