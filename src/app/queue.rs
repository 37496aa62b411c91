//! The comment queue: four queues, one key per decision, undo without limit, marks and
//! bulk decisions, and other moderators' decisions shown in place.

use std::collections::{BTreeMap, HashMap};

use super::Session;
use super::paging::{Paged, Source};
use crate::domain::{ArticleId, Comment, CommentId, CommentStatus, Operation};
use crate::store::{AuthorHistory, CommentKey, Conversation, Decision, Pattern, Store, StoreError};

/// One queue, oldest first.
#[derive(Debug, Clone)]
pub struct Comments {
    pub status: CommentStatus,
    /// A search typed with `/`: the FTS expression the queue is narrowed to.
    pub fts: Option<String>,
    /// Only the comments on this article (`b` on a comment, or `article:` in `/`).
    pub article: Option<ArticleId>,
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
        match self.article {
            Some(article) => {
                store.article_comment_rows_after(self.status, article, self.fts.as_deref(), anchor, limit)
            }
            None => {
                store.comment_rows_matching_after(Some(self.status), self.fts.as_deref(), anchor, true, limit)
            }
        }
    }

    fn above(
        &self,
        store: &Store,
        key: Option<CommentKey>,
        limit: usize,
    ) -> Result<Vec<Comment>, StoreError> {
        match self.article {
            Some(article) => {
                store.article_comment_rows_before(self.status, article, self.fts.as_deref(), key, limit)
            }
            None => store.comment_rows_matching_before(Some(self.status), self.fts.as_deref(), key, limit),
        }
    }

    fn count(&self, store: &Store) -> Result<u64, StoreError> {
        match (self.article, &self.fts) {
            (Some(article), fts) => store.article_comment_count(self.status, article, fts.as_deref()),
            (None, None) => store.comment_count(Some(self.status)),
            (None, Some(fts)) => store.comment_count_matching(self.status, fts),
        }
    }
}

/// What the detail pane shows beside the selected comment.
#[derive(Debug, Clone, Default)]
pub struct Detail {
    pub comment_id: CommentId,
    pub article_title: String,
    pub history: AuthorHistory,
    /// Where the comment stands in the queue on screen, from 1 (of `list.total`).
    pub position: u64,
    /// Who decided it, by the name they go by.
    pub decided_by: Option<String>,
    /// With the context on (`c`): the article's lead and the comments around this one.
    pub context: Option<ContextView>,
}

/// What `c` shows instead of the comment alone: what the article says and what the other
/// readers said before and after, whatever became of their comments.
#[derive(Debug, Clone, Default)]
pub struct ContextView {
    pub article_id: ArticleId,
    pub lead: String,
    pub conversation: Conversation,
}

/// A comment on screen that someone else decided first: what, who (by name) and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub status: CommentStatus,
    pub by: String,
    pub at: Option<jiff::Timestamp>,
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
    pub lost: HashMap<CommentId, Lost>,
    /// The newest comment id this session has seen; newer ones are counted, not shown.
    newest_seen: CommentId,
    pub arrived: u64,
    pub single: bool,
    /// Rows of the comment's text scrolled past in the single view. The view clamps it
    /// to the text it draws, since only the view knows how the text wraps.
    pub text_scroll: usize,
    pub prompt: Option<Prompt>,
    /// `c`: the detail shows the comment among its article's comments, and follows the
    /// selection until `c` or `q` turns it off.
    pub context: bool,
}

impl Queue {
    pub fn new(store: &Store, page: usize) -> Result<Queue, StoreError> {
        let mut queue = Queue {
            list: Paged::new(
                Comments {
                    status: CommentStatus::Pending,
                    fts: None,
                    article: None,
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
            context: false,
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
        let article = store.article(c.article_id).ok();
        let article_title = article.as_ref().map(|a| a.title.clone()).unwrap_or_default();
        let context = match self.context {
            true => Some(ContextView {
                article_id: c.article_id,
                lead: article.map(|a| a.lead).unwrap_or_default(),
                conversation: conversation_around(store, c, self.list.page_size())?,
            }),
            false => None,
        };
        let history = store.author_history(&c.name, &c.phone)?;
        let source = &self.list.source;
        let position =
            store.comment_position(source.status, source.article, source.fts.as_deref(), c.key())?;
        let decided_by = match &c.decided_by {
            Some(login) => Some(store.display_name(login)?),
            None => None,
        };
        self.detail = Some(Detail {
            comment_id: c.id,
            article_title,
            history,
            position,
            decided_by,
            context,
        });
        Ok(())
    }

    /// `c`: the comment among its article's comments, or the comment alone again.
    pub fn toggle_context(&mut self, store: &Store) -> Result<(), StoreError> {
        self.context = !self.context;
        self.detail = None;
        self.load_detail(store)
    }

    /// The list holds as many rows as the terminal has room for.
    pub fn resize(&mut self, store: &Store, page: usize) -> Result<(), StoreError> {
        self.list.resize(store, page)?;
        self.detail = None;
        self.load_detail(store)
    }

    /// Narrows the queue to one article's comments, or back to all of them.
    pub fn filter_article(&mut self, store: &Store, article: Option<ArticleId>) -> Result<(), StoreError> {
        let keep = self.list.selected_row().map(Comment::key);
        self.list.source.article = article;
        self.list.reset(store)?;
        // The comment the moderator was on stays selected when the new list holds it.
        if let Some(key) = keep {
            self.list.show(store, key)?;
        }
        self.detail = None;
        self.load_detail(store)
    }

    /// The selected comment's article: the one to narrow to, or to open.
    pub fn selected_article(&self) -> Option<ArticleId> {
        self.list.selected_row().map(|c| c.article_id)
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
        if let Some(lost) = self.lost.get(&id) {
            // Someone else decided it since it was shown: theirs stands, never silently replaced.
            return Err(StoreError::AlreadyDecided {
                id,
                status: lost.status,
                by: lost.by.clone(),
                by_name: lost.by.clone(),
                at: lost.at,
            });
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
            Err(StoreError::AlreadyDecided {
                id,
                status,
                by,
                by_name,
                at,
            }) => {
                let lost = Lost {
                    status,
                    by: by_name.clone(),
                    at,
                };
                self.lost.insert(id, lost);
                Err(StoreError::AlreadyDecided {
                    id,
                    status,
                    by,
                    by_name,
                    at,
                })
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
                if let Some(d) = group.first() {
                    match self.list.rows.iter().position(|r| r.id == d.id) {
                        Some(i) => self.list.selected = i,
                        // Gone from the screen (after `r`, or paged away): back in this
                        // queue, it is brought back on screen and selected.
                        None if d.before.0 == self.status() => {
                            let key = store.comment(d.id)?.key();
                            self.list.show(store, key)?;
                        }
                        None => {}
                    }
                }
                self.counts = store.queue_counts()?;
                self.list.total = self.list.source.count(store)?;
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
                    let by = match &fresh.decided_by {
                        Some(login) => store.display_name(login)?,
                        None => String::new(),
                    };
                    let lost = Lost {
                        status: fresh.status,
                        by,
                        at: fresh.decided_at,
                    };
                    self.lost.insert(fresh.id, lost);
                    self.marked.remove(&fresh.id);
                }
                *row = fresh;
            }
        }
        self.counts = store.queue_counts()?;
        self.arrived = store.comments_newer_than(self.status(), self.newest_seen)?;
        // The context shows other comments than the rows: read it again, as the rows were.
        if self.context {
            self.detail = None;
            self.load_detail(store)?;
        }
        Ok(())
    }

    /// `r`: show the queue again, new arrivals included, with the first of them selected
    /// (from the top when none came).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let seen = self.newest_seen;
        self.newest_seen = store.newest_comment_id()?;
        self.arrived = 0;
        self.lost.clear();
        self.list.reset(store)?;
        if let Some(key) = store.first_comment_newer_than(self.status(), seen)? {
            self.list.show(store, key)?;
        }
        self.detail = None;
        self.load_detail(store)
    }

    pub fn may_decide(session: &Session) -> bool {
        session.user.role.may(Operation::DecideComment)
    }
}

/// The comments around `c` on its article, enough to fill a pane of `page` rows: half a
/// page each way, or, near either end of the conversation, a page each way so that the
/// other side can fill what this one lacks.
fn conversation_around(store: &Store, c: &Comment, page: usize) -> Result<Conversation, StoreError> {
    let half = page / 2 + 1;
    let talk = store.conversation(c.article_id, c.key(), half, half)?;
    if talk.earlier.len() == half && talk.later.len() == half + 1 {
        return Ok(talk);
    }
    store.conversation(c.article_id, c.key(), page, page)
}

/// Takes `article:ID` or `article:slug` out of a queue search: the article, if named, and
/// the rest of the search.
pub fn split_article_filter(text: &str) -> (Option<String>, String) {
    let mut article = None;
    let mut rest = Vec::new();
    for word in text.split_whitespace() {
        match word.strip_prefix("article:") {
            Some(value) if !value.is_empty() => article = Some(value.to_owned()),
            _ => rest.push(word),
        }
    }
    (article, rest.join(" "))
}

/// The article a search names, by number or by slug (an old slug still finds it).
pub fn resolve_article(store: &Store, given: &str) -> Result<Option<ArticleId>, StoreError> {
    if let Ok(id) = given.parse::<ArticleId>() {
        return match store.article(id) {
            Ok(_) => Ok(Some(id)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        };
    }
    store.article_id_by_slug(given)
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
