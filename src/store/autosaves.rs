use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::ArticleId;
use crate::text;

/// Unsaved typing, kept apart from revisions: one row per article and person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    pub article_id: ArticleId,
    pub login: String,
    pub content: String,
    pub cursor: String,
    pub saved_at: Timestamp,
}

impl Store {
    /// Overwrites the person's autosave of the article. Not audited: it is not a decision,
    /// and it happens every few seconds while someone types.
    pub fn save_autosave(&mut self, save: &Autosave) -> Result<(), StoreError> {
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO autosaves (article_id, login, content, cursor, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (article_id, login) DO UPDATE
             SET content = excluded.content, cursor = excluded.cursor, saved_at = excluded.saved_at",
            params![
                save.article_id,
                save.login,
                text::nfc(&save.content),
                save.cursor,
                to_seconds(save.saved_at)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn autosave(&self, article_id: ArticleId, login: &str) -> Result<Option<Autosave>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT content, cursor, saved_at FROM autosaves WHERE article_id = ?1 AND login = ?2",
                params![article_id, login],
                |r| {
                    Ok(Autosave {
                        article_id,
                        login: login.to_owned(),
                        content: r.get(0)?,
                        cursor: r.get(1)?,
                        saved_at: from_seconds(r.get(2)?),
                    })
                },
            )
            .optional()?)
    }
}
