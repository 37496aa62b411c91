//! The `c` view of the comment queue: the comment among the other comments on its article,
//! in the order readers sent them, whatever their state, with the article's counts.
//!
//! Read through `comments_by_article` (article_id, submitted_at; the rowid breaks ties), so
//! the cost is that of the rows shown, however many comments the article or the store has.

use rusqlite::params;

use super::comments::{COMMENT_COLUMNS, CommentKey, row_to_comment};
use super::{COUNT_CAP, Store, StoreError};
use crate::domain::{ArticleId, Comment, CommentStatus};

/// A window of one article's comments around one of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conversation {
    /// The comments just before the one in question, oldest first.
    pub earlier: Vec<Comment>,
    /// The comment in question, then those after it, oldest first.
    pub later: Vec<Comment>,
    /// How many of the article's comments come before `earlier`, counted up to
    /// `COUNT_CAP + 1` (more is said as "1000+").
    pub above: u64,
    /// How many come after `later`, counted the same way.
    pub below: u64,
    /// The article's comments by state, in `CommentStatus::ALL` order.
    pub counts: [u64; 4],
}

impl Store {
    /// Up to `before` comments on `article` before `key`, and the comment at `key` with up
    /// to `after` more after it, with how many lie beyond each end.
    pub fn conversation(
        &self,
        article: ArticleId,
        key: CommentKey,
        before: usize,
        after: usize,
    ) -> Result<Conversation, StoreError> {
        let page = |op: &str, order: &str, limit: usize| -> Result<Vec<Comment>, StoreError> {
            let sql = format!(
                "SELECT {COMMENT_COLUMNS} FROM comments
                 WHERE article_id = ?1 AND (submitted_at, id) {op} (?2, ?3)
                 ORDER BY submitted_at {order}, id {order} LIMIT ?4"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(
                params![article, key.submitted_at, key.id, limit as i64],
                row_to_comment,
            )?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let mut earlier = page("<", "DESC", before)?;
        earlier.reverse();
        let later = page(">=", "ASC", after + 1)?;
        let counts = self.article_comment_states(article)?;
        // Counted only so far: an exact count grows with the comment's place in an article
        // of 50,000 comments (a millisecond a move), and past a thousand the number says
        // no more than "many".
        let beyond = |op: &str, from: Option<&Comment>| -> Result<u64, StoreError> {
            let Some(from) = from else {
                return Ok(0);
            };
            let key = from.key();
            let sql = format!(
                "SELECT count(*) FROM (SELECT 1 FROM comments
                 WHERE article_id = ?1 AND (submitted_at, id) {op} (?2, ?3) LIMIT ?4)"
            );
            let n: i64 = self.conn.prepare_cached(&sql)?.query_row(
                params![article, key.submitted_at, key.id, COUNT_CAP as i64 + 1],
                |r| r.get(0),
            )?;
            Ok(n as u64)
        };
        let above = beyond("<", earlier.first().or(later.first()))?;
        let below = beyond(">", later.last())?;
        Ok(Conversation {
            earlier,
            later,
            above,
            below,
            counts,
        })
    }

    /// How many comments on `article` are in each state, in `CommentStatus::ALL` order.
    fn article_comment_states(&self, article: ArticleId) -> Result<[u64; 4], StoreError> {
        // Kept by triggers (migration 15): counting an article's comments was 70 ms for one
        // with 11,000 of them.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT status, n FROM article_comment_counts WHERE article_id = ?1")?;
        let rows = stmt.query_map(params![article], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut counts = [0; 4];
        for row in rows {
            let (status, n) = row?;
            if let Some(i) = CommentStatus::ALL.iter().position(|s| s.as_str() == status) {
                counts[i] = n as u64;
            }
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CommentForm, Rules, Status};
    use crate::store::{ArticleRef, Submission};
    use crate::testing::now;

    /// Every window of one article's comments equals the same slice of all of them in
    /// reader order, with the right counts beyond each end.
    #[test]
    fn a_window_is_the_slice_of_the_article_comments_around_the_comment() {
        let (mut store, admin) = crate::testing::demo_store(None);
        let article = store
            .article_ids_page(Some(Status::Published), None, None, 1)
            .unwrap()[0]
            .1;
        // Several at one second: the id orders them, as in the queue.
        for i in 0..9 {
            let sub = Submission {
                article: ArticleRef::Id(article),
                form: CommentForm {
                    name: format!("Bạn đọc {i}"),
                    phone: String::new(),
                    title: "Góp ý".into(),
                    content: format!("Ý kiến thứ {i}"),
                },
                ip: String::new(),
                submitted_at: now() + jiff::SignedDuration::from_secs(i / 3),
                import_key: Some(format!("k{i}")),
            };
            store.submit_comment(&sub, &Rules::default(), now()).unwrap();
        }
        // Decisions and their undoing move the article's counts (kept by triggers).
        let mine = store
            .conversation(
                article,
                crate::store::CommentKey {
                    submitted_at: 0,
                    id: 0,
                },
                0,
                100,
            )
            .unwrap();
        let c = &mine.later[0];
        store
            .decide(&admin, c.id, c.version, CommentStatus::Spam, now())
            .unwrap();
        let c = &mine.later[1];
        let approved = store
            .decide(&admin, c.id, c.version, CommentStatus::Approved, now())
            .unwrap();
        store.undo_many(&admin, &[approved], now()).unwrap();
        let other = store
            .article_ids_page(Some(Status::Published), None, None, 2)
            .unwrap()[1]
            .1;
        let all: Vec<Comment> = store
            .conn
            .prepare(&format!(
                "SELECT {COMMENT_COLUMNS} FROM comments WHERE article_id = ?1 ORDER BY submitted_at, id"
            ))
            .unwrap()
            .query_map([article], row_to_comment)
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(all.len() >= 9);
        let ids = |rows: &[Comment]| rows.iter().map(|c| c.id).collect::<Vec<_>>();
        let mut counts = [0; 4];
        for c in &all {
            counts[CommentStatus::ALL.iter().position(|s| *s == c.status).unwrap()] += 1;
        }
        for (at, c) in all.iter().enumerate() {
            for (before, after) in [(0, 0), (1, 1), (2, 3), (3, 0), (50, 50)] {
                let w = store.conversation(article, c.key(), before, after).unwrap();
                let from = at.saturating_sub(before);
                let to = (at + after + 1).min(all.len());
                assert_eq!(
                    ids(&w.earlier),
                    ids(&all[from..at]),
                    "before #{} ({before}, {after})",
                    c.id
                );
                assert_eq!(
                    ids(&w.later),
                    ids(&all[at..to]),
                    "from #{} ({before}, {after})",
                    c.id
                );
                assert_eq!((w.above, w.below), (from as u64, (all.len() - to) as u64));
                assert_eq!(w.counts, counts);
            }
        }
        // Another article's comments never show.
        let w = store.conversation(other, all[0].key(), 50, 50).unwrap();
        assert!(w.earlier.iter().chain(&w.later).all(|c| c.article_id == other));
    }

    /// Past a thousand the counts beyond the window stop: an exact count would grow with
    /// the comment's place in a long conversation.
    #[test]
    fn the_counts_beyond_the_window_stop_past_a_thousand() {
        let (mut store, admin) = crate::testing::demo_store(None);
        let article = store
            .article_ids_page(Some(Status::Published), None, None, 1)
            .unwrap()[0]
            .1;
        let rows: Vec<_> = (0..1100)
            .map(|i| {
                let c = crate::store::NewComment {
                    article_id: article,
                    name: format!("Bạn đọc {i}"),
                    phone: String::new(),
                    title: "Góp ý".into(),
                    content: "Ý kiến".into(),
                    ip: String::new(),
                    submitted_at: now() + jiff::SignedDuration::from_secs(i),
                };
                (c, CommentStatus::Pending)
            })
            .collect();
        store.seed_comments(&admin, &rows, now()).unwrap();
        let first = store
            .conversation(
                article,
                CommentKey {
                    submitted_at: 0,
                    id: 0,
                },
                5,
                5,
            )
            .unwrap();
        assert_eq!((first.above, first.below), (0, COUNT_CAP + 1));
        let last_key = first.later[0].key();
        let w = store
            .conversation(
                article,
                CommentKey {
                    submitted_at: i64::MAX,
                    ..last_key
                },
                5,
                5,
            )
            .unwrap();
        assert_eq!(
            (w.above, w.below, w.earlier.len(), w.later.len()),
            (COUNT_CAP + 1, 0, 5, 0)
        );
        assert!(
            w.counts.iter().sum::<u64>() > 1100,
            "the counts are whole: {:?}",
            w.counts
        );
    }
}
