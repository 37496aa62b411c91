use jiff::{SignedDuration, Timestamp};
use rusqlite::{OptionalExtension, params};

use super::revisions::insert_revision;
use super::{Store, StoreError, from_seconds, to_seconds};
use crate::domain::{ArticleId, ArticleText};

/// Unsaved typing, kept apart from revisions: one row per article and person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    pub article_id: ArticleId,
    pub login: String,
    pub text: ArticleText,
    /// Where the caret was, as "field row col", to put it back on recovery.
    pub cursor: String,
    pub saved_at: Timestamp,
}

/// However long someone types without saving, a revision is made at least this often.
pub const AUTOSAVE_REVISION_EVERY: SignedDuration = SignedDuration::from_mins(10);

impl Store {
    /// Overwrites the person's autosave of the article, and makes it a revision when the
    /// newest revision is older than ten minutes. Not audited: it is not a decision, and it
    /// happens every second while someone types.
    pub fn save_autosave(&mut self, save: &Autosave) -> Result<(), StoreError> {
        let text = super::revisions::normalized(&save.text);
        let json = serde_json::to_string(&text).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            detail: e.to_string(),
        })?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO autosaves (article_id, login, content, cursor, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (article_id, login) DO UPDATE
             SET content = excluded.content, cursor = excluded.cursor, saved_at = excluded.saved_at",
            params![
                save.article_id,
                save.login,
                json,
                save.cursor,
                to_seconds(save.saved_at)
            ],
        )?;
        let newest: Option<i64> = tx.query_row(
            "SELECT max(saved_at) FROM article_revisions WHERE article_id = ?1",
            [save.article_id],
            |r| r.get(0),
        )?;
        let due = to_seconds(save.saved_at - AUTOSAVE_REVISION_EVERY);
        if newest.is_none_or(|t| t <= due) {
            let status: String = tx.query_row(
                "SELECT status FROM articles WHERE id = ?1",
                [save.article_id],
                |r| r.get(0),
            )?;
            insert_revision(
                &tx,
                save.article_id,
                &text,
                &status,
                "autosave",
                &save.login,
                save.saved_at,
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn autosave(&self, article_id: ArticleId, login: &str) -> Result<Option<Autosave>, StoreError> {
        let row: Option<(String, String, i64)> = self
            .conn
            .query_row(
                "SELECT content, cursor, saved_at FROM autosaves WHERE article_id = ?1 AND login = ?2",
                params![article_id, login],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.map(|(content, cursor, saved_at)| Autosave {
            article_id,
            login: login.to_owned(),
            // An autosave that no longer parses is shown as a body, never dropped.
            text: serde_json::from_str(&content).unwrap_or_else(|_| ArticleText {
                body: content,
                ..ArticleText::default()
            }),
            cursor,
            saved_at: from_seconds(saved_at),
        }))
    }

    /// The person's autosave when it holds text the article does not.
    pub fn unsaved_autosave(
        &self,
        article_id: ArticleId,
        login: &str,
    ) -> Result<Option<Autosave>, StoreError> {
        let Some(save) = self.autosave(article_id, login)? else {
            return Ok(None);
        };
        let article = self.article(article_id)?;
        Ok((save.saved_at >= article.updated_at && save.text != article.text()).then_some(save))
    }

    /// The newest autosave by anyone that is newer than the article's last save.
    pub fn newest_unsaved_autosave(&self, article_id: ArticleId) -> Result<Option<Autosave>, StoreError> {
        let login: Option<String> = self
            .conn
            .query_row(
                "SELECT s.login FROM autosaves s JOIN articles a ON a.id = s.article_id
                 WHERE s.article_id = ?1 AND s.saved_at >= a.updated_at
                 ORDER BY s.saved_at DESC, s.login LIMIT 1",
                [article_id],
                |r| r.get(0),
            )
            .optional()?;
        match login {
            Some(login) => self.unsaved_autosave(article_id, &login),
            None => Ok(None),
        }
    }

    pub(super) fn drop_autosave_in(
        tx: &rusqlite::Transaction<'_>,
        article_id: ArticleId,
        login: &str,
    ) -> rusqlite::Result<()> {
        tx.execute(
            "DELETE FROM autosaves WHERE article_id = ?1 AND login = ?2",
            params![article_id, login],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ArticleDraft, Login};

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap() + SignedDuration::from_mins(minutes)
    }

    /// An article "Hồ Tây" saved at minute 0.
    fn store() -> (Store, ArticleId) {
        let mut store = Store::open_in_memory().unwrap();
        let admin = store.init_admin(&Login::parse("lan").unwrap(), at(0)).unwrap();
        let draft = ArticleDraft {
            title: "Hồ Tây".into(),
            ..Default::default()
        };
        let id = store
            .create_article(&admin, &draft, "Asia/Ho_Chi_Minh", at(0))
            .unwrap();
        (store, id)
    }

    fn typed(id: ArticleId, login: &str, body: &str, minute: i64) -> Autosave {
        Autosave {
            article_id: id,
            login: login.into(),
            text: ArticleText {
                title: "Hồ Tây".into(),
                body: body.into(),
                ..Default::default()
            },
            cursor: "4 0 0".into(),
            saved_at: at(minute),
        }
    }

    #[test]
    fn only_an_autosave_newer_than_the_article_and_different_from_it_is_unsaved() {
        let (mut store, id) = store();
        let same = store.article(id).unwrap().text();
        store
            .save_autosave(&Autosave {
                text: same,
                ..typed(id, "lan", "", 1)
            })
            .unwrap();
        assert_eq!(
            store.unsaved_autosave(id, "lan").unwrap(),
            None,
            "nothing differs"
        );
        store.save_autosave(&typed(id, "lan", "Sáng nay", -1)).unwrap();
        assert_eq!(
            store.unsaved_autosave(id, "lan").unwrap(),
            None,
            "older than the save"
        );
        store.save_autosave(&typed(id, "lan", "Sáng nay", 0)).unwrap();
        let unsaved = store.unsaved_autosave(id, "lan").unwrap().map(|s| s.text.body);
        assert_eq!(
            unsaved.as_deref(),
            Some("Sáng nay"),
            "as new as the save, and different"
        );
    }

    #[test]
    fn the_newest_unsaved_autosave_by_anyone_is_shown() {
        let (mut store, id) = store();
        let admin = store.active_user("lan").unwrap();
        let huong = crate::domain::NewUser {
            login: Login::parse("huong").unwrap(),
            display_name: "Hương".into(),
            role: crate::domain::Role::Editor,
        };
        store.add_user(&admin, &huong, at(0)).unwrap();
        assert_eq!(store.newest_unsaved_autosave(id).unwrap(), None);
        store.save_autosave(&typed(id, "lan", "của Lan", 2)).unwrap();
        store.save_autosave(&typed(id, "huong", "của Hương", 3)).unwrap();
        let newest = store.newest_unsaved_autosave(id).unwrap().unwrap();
        assert_eq!(
            (newest.login.as_str(), newest.text.body.as_str()),
            ("huong", "của Hương")
        );
    }

    /// Text written by an older Newsroom, or by hand, is shown as a body, never dropped.
    #[test]
    fn an_autosave_that_no_longer_parses_is_kept_as_the_body() {
        let (mut store, id) = store();
        store.save_autosave(&typed(id, "lan", "x", 1)).unwrap();
        store
            .conn
            .execute("UPDATE autosaves SET content = 'Sáng nay, trời mưa'", [])
            .unwrap();
        let kept = store.autosave(id, "lan").unwrap().unwrap();
        assert_eq!(kept.text.body, "Sáng nay, trời mưa");
        assert_eq!(kept.cursor, "4 0 0");
    }
}
