//! The comment queue: four queues, one key per decision, undo without limit, marks and
//! bulk decisions, and other moderators' decisions shown in place.

use std::collections::{BTreeMap, HashMap};

use super::Session;
use super::paging::{Paged, Source};
use crate::domain::{Comment, CommentId, CommentStatus, Operation};
use crate::store::{AuthorHistory, CommentKey, Decision, Pattern, Store, StoreError};

/// One queue, oldest first.
#[derive(Debug, Clone)]
pub struct Comments {
    pub status: CommentStatus,
    /// A search typed with `/`: the FTS expression the queue is narrowed to.
    pub fts: Option<String>,
}

impl Source for Comments {
    type Row = Comment;
    type Key = CommentKey;

    fn key(row: &Comment) -> CommentKey {
        row.key()
    }

    fn id(row: &Comment) -> i64 {
        row.id
    }

    fn from(
        &self,
        store: &Store,
        anchor: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        store.comment_rows_matching_after(Some(self.status), self.fts.as_deref(), anchor, true, limit)
    }

    fn above(
        &self,
        store: &Store,
        key: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        store.comment_rows_matching_before(Some(self.status), self.fts.as_deref(), key, limit)
    }

    fn count(&self, store: &Store) -> Result<u64, StoreError> {
        match &self.fts {
            None => store.comment_count(Some(self.status)),
            Some(fts) => store.comment_count_matching(self.status, fts),
        }
    }
}

/// What the detail pane shows beside the selected comment.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub comment_id: CommentId,
    pub article_title: String,
    pub history: AuthorHistory,
}

/// A question the queue asks before acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Which pattern to mark by: author, address, or a word being typed.
    MarkBy { word: Option<String> },
    /// Decide every marked comment?
    ConfirmBulk { status: CommentStatus, count: usize },
}

#[derive(Debug)]
pub struct Queue {
    pub list: Paged<Comments>,
    pub counts: [u64; 4],
    pub detail: Option<Detail>,
    /// Marked comments with the version they were marked at, across pages.
    pub marked: BTreeMap<CommentId, i64>,
    /// Every decision of this session, newest last; each entry is one key press.
    undo: Vec<Vec<Decision>>,
    /// Comments on screen that someone else decided first: who and what.
    pub lost: HashMap<CommentId, (CommentStatus, String)>,
    /// The newest comment id this session has seen; newer ones are counted, not shown.
    newest_seen: CommentId,
    pub arrived: u64,
    pub single: bool,
    /// Rows of the comment's text scrolled past in the single view. The view clamps it
    /// to the text it draws, since only the view knows how the text wraps.
    pub text_scroll: usize,
    pub prompt: Option<Prompt>,
}

impl Queue {
    pub fn new(store: &Store, page: usize) -> Result<Queue, StoreError> {
        let mut queue = Queue {
            list: Paged::new(
                Comments {
                    status: CommentStatus::Pending,
                    fts: None,
                },
                page,
            ),
            counts: store.queue_counts()?,
            detail: None,
            marked: BTreeMap::new(),
            undo: Vec::new(),
            lost: HashMap::new(),
            newest_seen: store.newest_comment_id()?,
            arrived: 0,
            single: false,
            text_scroll: 0,
            prompt: None,
        };
        queue.list.refresh(store)?;
        queue.load_detail(store)?;
        Ok(queue)
    }

    pub fn status(&self) -> CommentStatus {
        self.list.source.status
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn switch(&mut self, store: &Store, by: isize) -> Result<(), StoreError> {
        let all = CommentStatus::ALL;
        let i = all.iter().position(|s| *s == self.status()).unwrap_or(0) as isize;
        self.list.source.status = all[(i + by).rem_euclid(all.len() as isize) as usize];
        self.marked.clear();
        self.lost.clear();
        self.list.reset(store)?;
        self.load_detail(store)
    }

    /// Re-reads the detail pane for the selected comment.
    pub fn load_detail(&mut self, store: &Store) -> Result<(), StoreError> {
        let Some(c) = self.list.selected_row() else {
            self.detail = None;
            return Ok(());
        };
        if self.detail.as_ref().is_some_and(|d| d.comment_id == c.id) {
            return Ok(());
        }
        self.text_scroll = 0;
        let article_title = store.article(c.article_id).map(|a| a.title).unwrap_or_default();
        let history = store.author_history(&c.name, &c.phone)?;
        self.detail = Some(Detail {
            comment_id: c.id,
            article_title,
            history,
        });
        Ok(())
    }

    /// One key, one decision; the row stays where it is with its new state, and the cursor
    /// moves on. A comment someone else decided first greys out with who did it.
    pub fn decide(
        &mut self,
        store: &mut Store,
        session: &Session,
        status: CommentStatus,
    ) -> Result<(), StoreError> {
        let Some(c) = self.list.selected_row() else {
            return Ok(());
        };
        let (id, version) = (c.id, c.version);
        if let Some((status, by)) = self.lost.get(&id) {
            // Someone else decided it since it was shown: theirs stands, never silently replaced.
            let (status, by) = (*status, by.clone());
            return Err(StoreError::AlreadyDecided { id, status, by });
        }
        match store.decide(&session.user, id, version, status, session.clock.now()) {
            Ok(decision) => {
                self.apply(std::slice::from_ref(&decision));
                self.undo.push(vec![decision]);
                self.marked.remove(&id);
                self.counts = store.queue_counts()?;
                self.advance(store)?;
                Ok(())
            }
            Err(StoreError::AlreadyDecided { id, status, by }) => {
                self.lost.insert(id, (status, by.clone()));
                Err(StoreError::AlreadyDecided { id, status, by })
            }
            Err(e) => Err(e),
        }
    }

    /// Marks the rows as decided in place, with their new versions.
    fn apply(&mut self, decisions: &[Decision]) {
        for d in decisions {
            if let Some(row) = self.list.rows.iter_mut().find(|r| r.id == d.id) {
                row.status = d.status;
                row.version = d.version;
            }
        }
    }

    fn advance(&mut self, store: &Store) -> Result<(), StoreError> {
        self.list.down(store)?;
        self.load_detail(store)
    }

    /// Undoes the newest decision (a whole bulk decision at once), as often as asked.
    pub fn undo(&mut self, store: &mut Store, session: &Session) -> Result<usize, StoreError> {
        let Some(group) = self.undo.pop() else {
            return Ok(0);
        };
        match store.undo_many(&session.user, &group, session.clock.now()) {
            Ok(n) => {
                for d in &group {
                    if let Some(row) = self.list.rows.iter_mut().find(|r| r.id == d.id) {
                        row.status = d.before.0;
                        row.version = d.version + 1;
                    }
                }
                if let Some(i) = group
                    .first()
                    .and_then(|d| self.list.rows.iter().position(|r| r.id == d.id))
                {
                    self.list.selected = i;
                }
                self.counts = store.queue_counts()?;
                self.detail = None;
                self.load_detail(store)?;
                Ok(n)
            }
            Err(e) => Err(e),
        }
    }

    pub fn toggle_mark(&mut self, store: &Store) -> Result<(), StoreError> {
        if let Some(c) = self.list.selected_row() {
            if self.marked.remove(&c.id).is_none() {
                self.marked.insert(c.id, c.version);
            }
            self.advance(store)?;
        }
        Ok(())
    }

    /// Marks every comment in this queue that shares the selected one's author or address,
    /// or contains `word`; across pages, up to a hundred thousand.
    pub fn mark_by(&mut self, store: &Store, pattern: &Pattern) -> Result<usize, StoreError> {
        let found = store.comments_matching(self.status(), pattern, 100_000)?;
        let n = found.len();
        self.marked.extend(found);
        Ok(n)
    }

    pub fn pattern_for(&self, key: char) -> Option<Pattern> {
        let c = self.list.selected_row()?;
        match key {
            'n' => Some(Pattern::Author {
                name: c.name.clone(),
                phone: c.phone.clone(),
            }),
            'c' if !c.ip.is_empty() => Some(Pattern::Address(c.ip.clone())),
            _ => None,
        }
    }

    /// Decides every marked comment in one transaction.
    pub fn decide_marked(
        &mut self,
        store: &mut Store,
        session: &Session,
        status: CommentStatus,
    ) -> Result<(usize, usize), StoreError> {
        let items: Vec<(CommentId, i64)> = self.marked.iter().map(|(id, v)| (*id, *v)).collect();
        let outcome = store.decide_many(&session.user, &items, status, session.clock.now())?;
        self.apply(&outcome.decided);
        let counts = (outcome.decided.len(), outcome.skipped.len());
        if !outcome.decided.is_empty() {
            self.undo.push(outcome.decided);
        }
        self.marked.clear();
        self.counts = store.queue_counts()?;
        Ok(counts)
    }

    /// Another session committed: update the rows on screen in place (nothing moves), and
    /// count new arrivals instead of inserting them.
    pub fn refresh_in_place(&mut self, store: &Store, session: &Session) -> Result<(), StoreError> {
        let ids: Vec<CommentId> = self.list.rows.iter().map(|r| r.id).collect();
        for fresh in store.comments_by_ids(&ids)? {
            if let Some(row) = self.list.rows.iter_mut().find(|r| r.id == fresh.id) {
                let changed_elsewhere = fresh.version != row.version
                    && fresh.decided_by.as_deref() != Some(session.user.login.as_str());
                if changed_elsewhere && fresh.status == self.list.source.status {
                    // Someone undid their decision: the comment is back in this queue.
                    self.lost.remove(&fresh.id);
                } else if changed_elsewhere {
                    self.lost.insert(
                        fresh.id,
                        (fresh.status, fresh.decided_by.clone().unwrap_or_default()),
                    );
                    self.marked.remove(&fresh.id);
                }
                *row = fresh;
            }
        }
        self.counts = store.queue_counts()?;
        self.arrived = store.comments_newer_than(self.status(), self.newest_seen)?;
        Ok(())
    }

    /// `r`: show the queue again from the top, new arrivals included.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.newest_seen = store.newest_comment_id()?;
        self.arrived = 0;
        self.lost.clear();
        self.list.reset(store)?;
        self.detail = None;
        self.load_detail(store)
    }

    pub fn may_decide(session: &Session) -> bool {
        session.user.role.may(Operation::DecideComment)
    }
}

/// Typing into a one-line prompt: letters, Backspace (or Ctrl+H). Returns whether it changed.
pub fn type_into(word: &mut String, key: crossterm::event::KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    match (key.code, key.modifiers) {
        (KeyCode::Backspace, _) | (KeyCode::Char('h'), KeyModifiers::CONTROL) => word.pop().is_some(),
        (KeyCode::Char(c), m) if !m.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            word.push(c);
            true
        }
        _ => false,
    }
}
