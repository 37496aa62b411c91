use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError};
use crate::domain::Rules;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// The value of `key`, created with `make` the first time anyone asks (under the write
    /// lock, so two processes asking at once get the same value).
    pub fn setting_or_init(
        &mut self,
        key: &str,
        make: impl FnOnce() -> String,
    ) -> Result<String, StoreError> {
        if let Some(v) = self.setting(key)? {
            return Ok(v);
        }
        let tx = self.write()?;
        let existing: Option<String> = tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        let value = match existing {
            Some(v) => v,
            None => {
                let v = make();
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                    params![key, v],
                )?;
                v
            }
        };
        tx.commit()?;
        Ok(value)
    }

    /// The rules live in the config file; the first run under changed rules writes the
    /// change to the audit log, so every rule change is on record. Returns whether it changed.
    pub fn note_rules(&mut self, rules: &Rules, who: &str, now: Timestamp) -> Result<bool, StoreError> {
        let value = serde_json::to_value(rules).unwrap_or_default();
        let text = value.to_string();
        let tx = self.write()?;
        let before: Option<String> = tx
            .query_row("SELECT value FROM settings WHERE key = 'rules'", [], |r| r.get(0))
            .optional()?;
        if before.as_deref() == Some(text.as_str()) {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('rules', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [&text],
        )?;
        let entry = AuditEntry {
            action: "rules.change",
            entity: "rules",
            entity_id: "moderation".into(),
            before: before
                .and_then(|b| serde_json::from_str(&b).ok())
                .or(Some(json!(null))),
            after: Some(value),
        };
        audit::record(&tx, now, who, entry)?;
        tx.commit()?;
        Ok(true)
    }
}
