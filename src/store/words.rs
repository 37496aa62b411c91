//! The newsroom's own word list: names and words the spelling checker leaves alone, shared
//! by every session and audited.

use jiff::Timestamp;
use rusqlite::params;
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::{Store, StoreError};
use crate::domain::User;

/// The most words the checker loads; a list this long is a mistake to look at, not a list.
pub const WORD_LIST_LIMIT: usize = 100_000;

/// The key a word is kept under: NFC, lower case, trimmed.
fn key(word: &str) -> Result<String, StoreError> {
    let k = crate::text::nfc(word.trim()).to_lowercase();
    let chars = k.chars().count();
    if !(1..=100).contains(&chars) || k.chars().any(char::is_control) {
        return Err(StoreError::BadWord {
            word: word.to_owned(),
        });
    }
    Ok(k)
}

impl Store {
    /// Adds a word for everyone. Returns false when it was already there.
    pub fn add_word(&mut self, actor: &User, word: &str, now: Timestamp) -> Result<bool, StoreError> {
        let word = key(word)?;
        let tx = self.write()?;
        let added = tx.execute(
            "INSERT INTO words (word, added_by, added_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (word) DO NOTHING",
            params![word, actor.login.as_str(), super::to_seconds(now)],
        )? == 1;
        if added {
            audit::record(
                &tx,
                now,
                actor.login.as_str(),
                AuditEntry {
                    action: "word.add",
                    entity: "word",
                    entity_id: word.clone(),
                    before: None,
                    after: Some(json!({ "word": word })),
                },
            )?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Takes a word off the list. Returns false when it was not there.
    pub fn remove_word(&mut self, actor: &User, word: &str, now: Timestamp) -> Result<bool, StoreError> {
        let word = key(word)?;
        let tx = self.write()?;
        let removed = tx.execute("DELETE FROM words WHERE word = ?1", params![word])? == 1;
        if removed {
            audit::record(
                &tx,
                now,
                actor.login.as_str(),
                AuditEntry {
                    action: "word.remove",
                    entity: "word",
                    entity_id: word.clone(),
                    before: Some(json!({ "word": word })),
                    after: None,
                },
            )?;
        }
        tx.commit()?;
        Ok(removed)
    }

    /// The word list, alphabetically by code point, at most [`WORD_LIST_LIMIT`] words.
    pub fn words(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT word FROM words ORDER BY word LIMIT ?1")?;
        let rows = stmt.query_map(params![WORD_LIST_LIMIT as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn a_word_is_added_once_for_everyone_and_audited() {
        let mut store = Store::open_in_memory().unwrap();
        let login = crate::domain::Login::parse("root").unwrap();
        let admin = store.init_admin(&login, testing::now()).unwrap();
        let now = testing::now();
        assert!(store.add_word(&admin, " Nguyễnn ", now).unwrap());
        assert!(
            !store.add_word(&admin, "NGUYỄNN", now).unwrap(),
            "one word in any case"
        );
        assert_eq!(store.words().unwrap(), ["nguyễnn"]);
        let audit = store.audit_page(&admin, None, 10).unwrap();
        assert_eq!(
            (audit[0].action.as_str(), audit[0].entity_id.as_str()),
            ("word.add", "nguyễnn")
        );
        assert!(store.remove_word(&admin, "nguyễnn", now).unwrap());
        assert!(store.words().unwrap().is_empty());
        assert_eq!(
            store.audit_page(&admin, None, 10).unwrap()[0].action,
            "word.remove"
        );
        assert!(matches!(
            store.add_word(&admin, "a\nb", now),
            Err(StoreError::BadWord { .. })
        ));
        assert!(matches!(
            store.add_word(&admin, "  ", now),
            Err(StoreError::BadWord { .. })
        ));
    }
}
