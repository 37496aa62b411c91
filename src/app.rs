//! The terminal-free state machine: what the TUI shows and how actions change it.
//!
//! Owns: screen state, the modal on top, notices, and the calls into the store that actions
//! cause. May not touch: the terminal, drawing, key meanings (keys arrive as `Command`s or,
//! in text fields, as typing).

mod articles;
mod editor;
mod paging;
mod photo_add;
mod photos;
pub mod picture;
mod queue;
mod schedule;
pub mod site_rebuild;
pub mod spelling;
pub mod suggest;
pub mod tags;
pub mod workflow;

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::tz::TimeZone;

pub use articles::{ArticleList, Articles};
pub use editor::{Editor, Field, History, Overlay, diffable};
pub use paging::{Paged, Source};
pub use queue::{Comments, ContextView, Detail, Lost, Prompt, Queue};
pub use schedule::{AGENDA_DAYS, Agenda, AgendaSource, Entry, Heading, PUBLISHED_WITHIN};

use crate::clock::{Clock, stamp};
use crate::domain::{CommentStatus, Operation, User};
use crate::i18n::{Lang, Msg};
use crate::keymap::{Command, Context};
use crate::rescue::Rescue;
use crate::store::{Autosave, Store, StoreError};

/// The four screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Articles,
    Schedule,
    Comments,
    Tags,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Articles, Tab::Schedule, Tab::Comments, Tab::Tags];

    pub fn title(self) -> Msg {
        match self {
            Tab::Articles => Msg::TabArticles,
            Tab::Schedule => Msg::TabSchedule,
            Tab::Comments => Msg::TabComments,
            Tab::Tags => Msg::TabTags,
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// Something drawn over the current screen that sees keys first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// The keys of the contexts that were in force when help was asked for, scrolled down
    /// `scroll` lines when they do not fit (80×24 in Vietnamese).
    Help {
        contexts: &'static [Context],
        scroll: u16,
    },
    /// The moves this person may make on one article.
    Workflow(workflow::Menu),
    /// A schedule time, a slug or a correction note to type, or a question to confirm.
    Dialog(workflow::Dialog),
    /// Renaming or merging a tag on the Tags tab.
    Tag(tags::TagDialog),
    /// The flagged word the caret is on: suggestions, add to the word list, ignore.
    Suggest(suggest::Suggestions),
}

/// A one-line message in the hint line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// What can happen to the app; keys become `Command`s or typing before they get here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// A key no command took, in a text field.
    Type(KeyEvent),
    /// A bracketed paste.
    Paste(String),
    /// A key an input method produced in a command context.
    InputMethodKey,
    /// The list area now holds this many rows.
    Resize {
        list_rows: usize,
    },
    /// Time passed: look for other sessions' commits, keep the lease alive.
    Tick,
}

/// Who is using the app, and on what: fixed for a session.
#[derive(Clone)]
pub struct Session {
    pub user: User,
    pub lang: Lang,
    pub zone: TimeZone,
    pub store_label: String,
    pub restricted: bool,
    pub clock: Arc<dyn Clock>,
    /// Tells this process's leases from the same person's other sessions.
    pub id: String,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("user", &self.user.login)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

pub struct App {
    pub session: Session,
    pub tab: Tab,
    pub articles: ArticleList,
    /// The Schedule tab's agenda.
    pub agenda: Agenda,
    /// The Tags tab's list.
    pub tags: tags::TagList,
    /// The article being written, over the Articles tab.
    pub editor: Option<Editor>,
    /// The comment queue, once the Comments tab was opened.
    pub queue: Option<Queue>,
    /// The search typed with `/` over the Articles list or the comment queue.
    pub search: Option<Search>,
    pub pending_comments: u64,
    pub modal: Option<Modal>,
    pub notice: Option<Notice>,
    pub should_quit: bool,
    /// A body waiting to be handed to $EDITOR; the terminal loop does that.
    pub external_edit: Option<String>,
    /// Where autosave snapshots go: the thread that writes them whatever the UI does.
    /// Without one (tests), snapshots are written at once on this thread.
    rescue: Option<Arc<Rescue>>,
    /// The whole-file check waits for the TUI's first frame (`start_store_check`).
    store_check_pending: bool,
    /// The autosave thread's commit count at the last tick (`changed_by_others`).
    autosaves_seen: u64,
    store: Store,
    /// Damage on record for the store, once seen: every write is refused from then on.
    pub damaged: Option<String>,
    /// Whether reporters go through review (`[workflow]` in the config file).
    pub workflow: crate::domain::Workflow,
    /// When this session last looked for due schedules.
    last_due_check: jiff::Timestamp,
    /// The media library beside the store, where added photos go.
    media_dir: std::path::PathBuf,
    /// `[media]` in the config file: the largest image accepted.
    media: crate::config::Media,
    /// The photo panel's pictures, made off the UI thread.
    pub pictures: picture::Pictures,
    /// The published site, rebuilt off the UI thread after comment decisions.
    pub site: site_rebuild::SiteRebuild,
    /// The built-in Telex/VNI mode (`[editor] input_method`), off by default.
    pub typing: spelling::Typing,
    /// The spelling checker for the editor's underlines.
    pub spelling: spelling::Spelling,
    /// Typing is drawn before it is spell-checked, and `settle` checks it once the frame is
    /// out (the TUI's loop). Off, every frame is checked before it is drawn (tests, benches).
    pub lag_spelling: bool,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("tab", &self.tab)
            .field("modal", &self.modal)
            .finish_non_exhaustive()
    }
}

const LIST: &[Context] = &[
    Context::Articles,
    Context::List,
    Context::Global,
    Context::Anywhere,
];
const SCHEDULE: &[Context] = &[Context::List, Context::Global, Context::Anywhere];
const TAGS: &[Context] = &[Context::Tags, Context::List, Context::Global, Context::Anywhere];
const HELP: &[Context] = &[Context::Help, Context::Global, Context::Anywhere];

/// More lines than any help screen has: the drawing stops at the last one.
const HELP_SCROLL_MAX: u16 = 200;

impl Modal {
    pub fn help(contexts: &'static [Context]) -> Modal {
        Modal::Help { contexts, scroll: 0 }
    }
}
const EDITOR: &[Context] = &[Context::Editor, Context::Anywhere];
const RECOVERY: &[Context] = &[Context::Recovery, Context::Anywhere];
const HISTORY: &[Context] = &[Context::History, Context::List, Context::Anywhere];
const QUEUE: &[Context] = &[Context::Queue, Context::List, Context::Global, Context::Anywhere];
const MARK_BY: &[Context] = &[Context::MarkBy, Context::Anywhere];
const MARK_WORD: &[Context] = &[Context::MarkWord, Context::Anywhere];
const CONFIRM: &[Context] = &[Context::Confirm, Context::Anywhere];
const SEARCH: &[Context] = &[Context::Search, Context::Anywhere];
const WORKFLOW: &[Context] = &[Context::Workflow, Context::Anywhere];
/// The suggestion list: Enter applies, Esc closes, j/k and arrows move.
const SUGGEST: &[Context] = &[Context::Suggest, Context::Anywhere];
const DIALOG: &[Context] = &[Context::Dialog, Context::Anywhere];
const PHOTOS: &[Context] = &[Context::Photos, Context::Anywhere];

/// How long typing must pause before a search runs: each keystroke does not query.
const SEARCH_PAUSE: jiff::SignedDuration = jiff::SignedDuration::from_millis(300);

/// A search being typed, or in force, over one list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub tab: Tab,
    pub text: String,
    /// The text the list now shows results for.
    pub applied: String,
    /// The folded words of `applied`, to highlight in the list.
    pub words: Vec<String>,
    /// Keys go to the search line (else it is only shown).
    pub editing: bool,
    typed_at: jiff::Timestamp,
}

impl App {
    pub fn new(store: Store, session: Session, list_rows: usize) -> Result<App, StoreError> {
        let zone = session.zone.clone();
        let now = session.clock.now();
        let mut app = App {
            session,
            tab: Tab::Articles,
            articles: ArticleList::new(Articles::new(zone.clone()), list_rows),
            agenda: Agenda::new(zone, now, list_rows),
            tags: tags::TagList::new(tags::TagSource::default(), list_rows),
            editor: None,
            queue: None,
            search: None,
            pending_comments: 0,
            modal: None,
            notice: None,
            damaged: None,
            workflow: crate::domain::Workflow::default(),
            last_due_check: jiff::Timestamp::UNIX_EPOCH,
            media_dir: crate::media::dir_for(store.path()),
            media: crate::config::Media::default(),
            should_quit: false,
            external_edit: None,
            rescue: None,
            store_check_pending: false,
            autosaves_seen: 0,
            pictures: picture::Pictures::new(crate::media::dir_for(store.path()), true),
            site: site_rebuild::SiteRebuild::default(),
            typing: spelling::Typing::default(),
            spelling: spelling::Spelling::default(),
            lag_spelling: false,
            store,
        };
        app.reload()?;
        // Whatever came due while no session ran goes out now, not at the first tick.
        app.publish_due()?;
        Ok(app)
    }

    /// The newsroom's workflow policy for this session's menus.
    pub fn with_workflow(mut self, workflow: crate::domain::Workflow) -> App {
        self.workflow = workflow;
        self
    }

    /// The newsroom's `[media]` settings, and the library photos are added to.
    pub fn with_media(mut self, media: crate::config::Media, dir: std::path::PathBuf) -> App {
        self.media = media;
        self.media_dir = dir;
        self
    }

    /// `[site]` in the config file: rebuild the site after comment decisions when it asks.
    pub fn with_site(mut self, site: &crate::config::Site, zone: jiff::tz::TimeZone) -> App {
        self.site = site_rebuild::SiteRebuild::new(self.store.path().to_owned(), site, zone);
        self
    }

    /// Where the photo panel finds images, and whether it draws them (`[media]`).
    pub fn with_pictures(mut self, media: std::path::PathBuf, show: bool) -> App {
        self.pictures = picture::Pictures::new(media, show);
        self
    }

    /// The key contexts in force, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        match &self.modal {
            Some(Modal::Help { .. }) => return HELP,
            Some(Modal::Workflow(_)) => return WORKFLOW,
            Some(Modal::Dialog(d)) if d.is_line() => return DIALOG,
            Some(Modal::Dialog(_)) => return CONFIRM,
            Some(Modal::Tag(d)) if d.is_line() => return DIALOG,
            Some(Modal::Tag(_)) => return CONFIRM,
            Some(Modal::Suggest(_)) => return SUGGEST,
            None => {}
        }
        if self
            .search
            .as_ref()
            .is_some_and(|s| s.editing && s.tab == self.tab)
            && self.editor.is_none()
        {
            return SEARCH;
        }
        match (&self.editor, self.tab) {
            (Some(editor), _) => match editor.overlay {
                Some(Overlay::Recovery { .. }) => RECOVERY,
                Some(Overlay::History(_)) => HISTORY,
                Some(Overlay::Photos { .. }) => PHOTOS,
                None => EDITOR,
            },
            (None, Tab::Articles) => LIST,
            (None, Tab::Schedule) => SCHEDULE,
            (None, Tab::Tags) => TAGS,
            (None, Tab::Comments) => match self.queue.as_ref().and_then(|q| q.prompt.as_ref()) {
                Some(Prompt::MarkBy { word: None }) => MARK_BY,
                Some(Prompt::MarkBy { word: Some(_) }) => MARK_WORD,
                Some(Prompt::ConfirmBulk { .. }) => CONFIRM,
                None => QUEUE,
            },
        }
    }

    /// Whether this session may use `command` at all: the hint line and the help screen
    /// leave out what is switched off, so they never offer a key that only says no.
    pub fn offers(&self, command: Command) -> bool {
        use Command::{
            Approve, ApproveMarked, ExternalEditor, Mark, MarkAddress, MarkAuthor, MarkBy, MarkWord, Reject,
            RejectMarked, Search, Spam, SpamMarked, Undo,
        };
        match command {
            ExternalEditor => !self.session.restricted,
            // In the history Enter restores (its own command): the lists' "open" would lie.
            Command::Open
                if self
                    .editor
                    .as_ref()
                    .is_some_and(|e| matches!(e.overlay, Some(Overlay::History(_)))) =>
            {
                false
            }
            // Nothing to edit, place, move or remove in an article without photos.
            Command::EditCaption
            | Command::EditCredit
            | Command::EditAlt
            | Command::ToggleDecorative
            | Command::PlacePhoto
            | Command::MovePhotoUp
            | Command::MovePhotoDown
            | Command::RemovePhoto => self.editor.as_ref().is_some_and(|e| !e.photos.is_empty()),
            // Articles have a workflow; comments do not (their `m` marks by a pattern).
            Command::Workflow => self.editor.is_some() || matches!(self.tab, Tab::Articles | Tab::Schedule),
            Search if self.editor.is_none() && self.tab == Tab::Schedule => false,
            Approve | Reject | Spam | Mark | MarkBy | ApproveMarked | RejectMarked | SpamMarked
            | MarkAuthor | MarkAddress | MarkWord => self.session.user.role.may(Operation::DecideComment),
            // Undo in the queue takes back a decision; in the editor it is typing's undo.
            Command::RenameTag | Command::MergeTag => self.may_manage_tags(),
            Undo if self.editor.is_none() && self.tab == Tab::Comments => {
                self.session.user.role.may(Operation::DecideComment)
            }
            // In the single-comment view the comment is already open.
            Command::Open if self.in_single_comment() => false,
            _ => true,
        }
    }

    /// Whether the queue shows one comment over the whole screen.
    pub fn in_single_comment(&self) -> bool {
        self.editor.is_none()
            && self.modal.is_none()
            && self.tab == Tab::Comments
            && self
                .queue
                .as_ref()
                .is_some_and(|q| q.single && q.prompt.is_none())
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.session.lang)
    }

    /// Carries out one action and says whether the screen may have changed. A failed store
    /// call becomes a notice, never a crash.
    pub fn update(&mut self, action: Action) -> bool {
        self.spelling
            .set_lag(self.lag_spelling && matches!(action, Action::Type(_)));
        match self.try_update(action) {
            Ok(changed) => changed,
            Err(e) => {
                self.store.note_error(&e);
                self.notice = Some(Notice {
                    text: self.store_error(&e),
                    is_error: true,
                });
                true
            }
        }
    }

    /// A store refusal in the session's language where it matters most.
    fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::LeaseHeld { login, since } => self
                .t(Msg::LeaseHeld)
                .replace("{user}", login)
                .replace("{since}", &stamp(*since, &self.session.zone)),
            StoreError::StaleVersion { current, .. } => {
                self.t(Msg::StaleSave).replace("{v}", &current.to_string())
            }
            StoreError::AlreadyDecided {
                id,
                status,
                by_name,
                at,
                ..
            } => {
                let now = self.session.clock.now();
                let at = at.map(|at| crate::clock::list_stamp(at, now, &self.session.zone));
                let text = crate::i18n::decided_sentence(*status, by_name, at.as_deref(), self.session.lang);
                format!("#{id}: {text}")
            }
            StoreError::NotReady { reason, .. } => self
                .t(Msg::NotReady)
                .replace("{e}", &crate::i18n::held_reason(reason, self.session.lang)),
            // The detail is for the admin (`newsroom doctor`); the person needs what to do.
            StoreError::WritesStopped { .. } | StoreError::Damaged { .. } => self.t(Msg::StoreDamaged).into(),
            other => self.t(Msg::StoreFailed).replace("{e}", &other.to_string()),
        }
    }

    fn try_update(&mut self, action: Action) -> Result<bool, StoreError> {
        match action {
            Action::Command(Command::ToggleInputMethod) => {
                self.typing.toggle();
                Ok(true)
            }
            Action::Type(key) if self.typing.on => {
                let mut changed = false;
                for key in self.typing.expand(key) {
                    changed |= self.try_update_one(Action::Type(key))?;
                }
                Ok(changed)
            }
            Action::Command(_) | Action::Paste(_) => {
                self.typing.reset();
                self.try_update_one(action)
            }
            _ => self.try_update_one(action),
        }
    }

    fn try_update_one(&mut self, action: Action) -> Result<bool, StoreError> {
        match action {
            Action::Command(command) => {
                if matches!(self.modal, Some(Modal::Help { .. })) {
                    self.update_modal(command);
                    return Ok(true);
                }
                if let Some(Modal::Tag(_)) = &self.modal {
                    if let Some(Modal::Tag(dialog)) = self.modal.take() {
                        self.in_tag_dialog(dialog, command)?;
                    }
                    return Ok(true);
                }
                if matches!(self.modal, Some(Modal::Suggest(_))) {
                    self.in_suggestions(command)?;
                    return Ok(true);
                }
                if self.modal.is_some() {
                    self.update_workflow(command)?;
                    return Ok(true);
                }
                self.notice = None;
                if self.contexts() == SEARCH {
                    self.run_in_search(command)?;
                } else if self.editor.is_some() {
                    self.run_in_editor(command)?;
                } else if self.tab == Tab::Schedule {
                    self.run_in_schedule(command)?;
                } else if self.tab == Tab::Tags {
                    self.run_in_tags(command)?;
                } else if self.tab == Tab::Comments && self.queue.is_some() {
                    let result = self.run_in_queue(command);
                    // The status line's count follows this session's own decisions too.
                    if let Some(queue) = &self.queue {
                        self.pending_comments = queue.counts[0];
                    }
                    result?;
                } else {
                    self.run(command)?;
                }
                Ok(true)
            }
            // The list names a word at a place in the text: nothing may move it meanwhile.
            Action::Type(_) | Action::Paste(_) if matches!(self.modal, Some(Modal::Suggest(_))) => Ok(false),
            Action::Type(key) if matches!(self.modal, Some(Modal::Tag(_))) => self.type_into_tag_dialog(key),
            Action::Paste(text) if matches!(self.modal, Some(Modal::Tag(_))) => {
                self.paste_into_tag_dialog(&text)
            }
            Action::Type(key) if matches!(self.modal, Some(Modal::Dialog(_))) => {
                Ok(self.type_into_dialog(key))
            }
            Action::Paste(text) if matches!(self.modal, Some(Modal::Dialog(_))) => {
                Ok(self.paste_into_dialog(&text))
            }
            Action::Type(key) => {
                let now = self.session.clock.now();
                let typed = match self.editor.as_mut() {
                    Some(editor) => editor.type_key(key),
                    None => self
                        .line_being_typed(now)
                        .is_some_and(|line| queue::type_into(line, key)),
                };
                if typed {
                    self.suggest_tags()?;
                }
                Ok(typed)
            }
            Action::Paste(text) => {
                let now = self.session.clock.now();
                Ok(match self.editor.as_mut() {
                    Some(editor) => editor.paste(&text),
                    None => self.line_being_typed(now).is_some_and(|line| {
                        line.push_str(&crate::text::normalize_input(&text).replace('\n', " "));
                        true
                    }),
                })
            }
            Action::InputMethodKey => {
                self.say(Msg::ImeHint);
                Ok(true)
            }
            Action::Resize { list_rows } => {
                self.articles.resize(&self.store, list_rows)?;
                self.agenda.resize(&self.store, list_rows)?;
                self.tags.resize(&self.store, list_rows)?;
                if let Some(queue) = self.queue.as_mut() {
                    queue.resize(&self.store, list_rows)?;
                }
                Ok(true)
            }
            Action::Tick => self.tick(),
        }
    }

    fn tick(&mut self) -> Result<bool, StoreError> {
        let mut changed = false;
        if self.damaged.is_none()
            && let Some(detail) = self.store.damage()
        {
            // Found by the check at start, another session or a command: say so at once,
            // before anyone types on for minutes into a store that refuses every save.
            self.notice = Some(Notice {
                text: self.t(Msg::StoreDamaged).into(),
                is_error: true,
            });
            self.damaged = Some(detail);
            changed = true;
        }
        let now = self.session.clock.now();
        if self.search.as_ref().is_some_and(|s| {
            s.editing && s.text != s.applied && now.duration_since(s.typed_at) >= SEARCH_PAUSE
        }) {
            self.apply_search()?;
            changed = true;
        }
        if let Some(editor) = self.editor.as_mut() {
            let had_lease = !editor.is_read_only();
            if !editor.heartbeat(&mut self.store, &self.session)? && had_lease {
                let (login, at) = editor
                    .holder
                    .as_ref()
                    .map(|l| (l.login.clone(), l.taken_at))
                    .unwrap_or_default();
                let text = self
                    .t(Msg::LostTo)
                    .replace("{name}", &self.person_name(&login))
                    .replace("{at}", &stamp(at, &self.session.zone));
                if let Some(editor) = self.editor.as_mut() {
                    editor.lost_to = Some(text);
                }
                changed = true;
            }
        }
        changed |= self.publish_due()?;
        if let Some(why) = self.site.collect() {
            self.notice = Some(Notice {
                text: self.t(Msg::SiteNotRebuilt).replace("{why}", &why),
                is_error: true,
            });
            changed = true;
        }
        if self.agenda.tick(&self.store, now)? {
            changed = true;
        }
        let moved = self.store.changed_elsewhere()?;
        if self.changed_by_others(moved) {
            self.reload()?;
            if let Some(editor) = self.editor.as_mut() {
                editor.follow_saves(&self.store)?;
            }
            if let Some(queue) = self.queue.as_mut() {
                queue.refresh_in_place(&self.store, &self.session)?;
            }
            changed = true;
        }
        Ok(changed)
    }

    /// The one-line text being typed (a search, or a word to mark by), if any.
    fn line_being_typed(&mut self, now: jiff::Timestamp) -> Option<&mut String> {
        if let Some(search) = self.search.as_mut().filter(|s| s.editing) {
            search.typed_at = now;
            return Some(&mut search.text);
        }
        match self.queue.as_mut()?.prompt.as_mut()? {
            Prompt::MarkBy { word: Some(word) } => Some(word),
            _ => None,
        }
    }

    /// `/`: a search line over the list on screen, starting from the search in force.
    fn start_search(&mut self) {
        let now = self.session.clock.now();
        let tab = self.tab;
        match self.search.as_mut().filter(|s| s.tab == tab) {
            Some(search) => search.editing = true,
            None => {
                self.search = Some(Search {
                    tab,
                    text: String::new(),
                    applied: String::new(),
                    words: Vec::new(),
                    editing: true,
                    typed_at: now,
                });
            }
        }
    }

    fn run_in_search(&mut self, command: Command) -> Result<(), StoreError> {
        match command {
            Command::Confirm => {
                self.apply_search()?;
                if let Some(search) = self.search.as_mut() {
                    search.editing = false;
                }
            }
            Command::Back => {
                if let Some(search) = self.search.as_mut() {
                    search.text.clear();
                }
                self.apply_search()?;
                self.search = None;
            }
            Command::Quit => self.quit(),
            _ => {}
        }
        Ok(())
    }

    /// Runs the search typed so far, if it changed; a mistake in it becomes a notice and
    /// the list keeps what it showed.
    fn apply_search(&mut self) -> Result<(), StoreError> {
        let Some(search) = self.search.as_mut() else {
            return Ok(());
        };
        if search.text == search.applied {
            // Typing back to the search in force mends any mistake shown meanwhile.
            if self.notice.as_ref().is_some_and(|n| n.is_error) {
                self.notice = None;
            }
            return Ok(());
        }
        if search.tab == Tab::Tags {
            // Tags are matched by their folded names: no query syntax to parse.
            search.applied = search.text.clone();
            search.words = crate::text::search_words(&search.text);
            let text = search.text.clone();
            return self.filter_tags(&text);
        }
        // The queue takes `article:ID|slug` besides words; articles have filters of their own.
        let (article, words) = match search.tab {
            Tab::Comments => queue::split_article_filter(&search.text),
            _ => (None, search.text.clone()),
        };
        let had_article = queue::split_article_filter(&search.applied).0.is_some();
        let article = match article {
            Some(given) => match queue::resolve_article(&self.store, &given)? {
                Some(id) => Some(Some(id)),
                None => {
                    let text = self.t(Msg::QueueNoSuchArticle).replace("{a}", &given);
                    self.say_error(text);
                    return Ok(());
                }
            },
            // Taken out of the search: the whole queue again. Else `b`'s choice stands.
            None if had_article => Some(None),
            None => None,
        };
        let Some(search) = self.search.as_mut() else {
            return Ok(());
        };
        let query = match crate::domain::SearchQuery::parse(&words) {
            Ok(q) => q,
            Err(e) => {
                let text = crate::i18n::query_error(&e, self.session.lang);
                self.say_error(text);
                return Ok(());
            }
        };
        // A mistake said earlier is mended now.
        self.notice = None;
        search.applied = search.text.clone();
        search.words = query.words.clone();
        let active = (!query.is_empty()).then_some(query);
        match search.tab {
            Tab::Comments => {
                // Comments are searched by their words; the filters describe articles.
                let filtered = active.as_ref().is_some_and(|q| {
                    q.status.is_some()
                        || q.tag.is_some()
                        || q.author.is_some()
                        || q.before.is_some()
                        || q.after.is_some()
                });
                if filtered {
                    self.say(Msg::SearchFiltersAreForArticles);
                }
                if let Some(queue) = self.queue.as_mut() {
                    queue.list.source.fts = active.and_then(|q| q.fts(true));
                    if let Some(article) = article {
                        queue.list.source.article = article;
                    }
                    queue.list.reset(&self.store)?;
                    queue.detail = None;
                    queue.load_detail(&self.store)?;
                }
            }
            _ => {
                self.articles.source.query = active;
                self.articles.reset(&self.store)?;
            }
        }
        Ok(())
    }

    /// The search words to highlight on `tab`'s list.
    pub fn search_words(&self, tab: Tab) -> &[String] {
        match &self.search {
            Some(s) if s.tab == tab => &s.words,
            _ => &[],
        }
    }

    fn run_in_queue(&mut self, command: Command) -> Result<(), StoreError> {
        let Some(queue) = self.queue.as_mut() else {
            return Ok(());
        };
        let (store, session) = (&mut self.store, &self.session);
        let deciding = matches!(
            command,
            Command::Approve
                | Command::Reject
                | Command::Spam
                | Command::Undo
                | Command::ApproveMarked
                | Command::RejectMarked
                | Command::SpamMarked
        );
        if deciding && !Queue::may_decide(session) {
            self.say(Msg::QueueNoRights);
            return Ok(());
        }
        if let Some(prompt) = queue.prompt.clone() {
            return self.answer_prompt(prompt, command);
        }
        match command {
            Command::Approve => queue.decide(store, session, CommentStatus::Approved)?,
            Command::Reject => queue.decide(store, session, CommentStatus::Rejected)?,
            Command::Spam => queue.decide(store, session, CommentStatus::Spam)?,
            Command::Undo => {
                let n = queue.undo(store, session)?;
                let text = match n {
                    0 => self.t(Msg::QueueNothingToUndo).to_owned(),
                    n => self.t(Msg::QueueUndone).replace("{n}", &n.to_string()),
                };
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            Command::Mark => queue.toggle_mark(store)?,
            Command::MarkBy => queue.prompt = Some(Prompt::MarkBy { word: None }),
            Command::ApproveMarked | Command::RejectMarked | Command::SpamMarked
                if !queue.marked.is_empty() =>
            {
                let status = match command {
                    Command::ApproveMarked => CommentStatus::Approved,
                    Command::RejectMarked => CommentStatus::Rejected,
                    _ => CommentStatus::Spam,
                };
                queue.prompt = Some(Prompt::ConfirmBulk {
                    status,
                    count: queue.marked.len(),
                });
            }
            Command::Reload => queue.reload(store)?,
            Command::FilterArticle => {
                let article = match queue.list.source.article {
                    Some(_) => None,
                    None => queue.selected_article(),
                };
                queue.filter_article(store, article)?;
            }
            Command::OpenArticle => {
                // Over the queue: leaving the article comes back to this comment.
                if let Some(id) = queue.selected_article() {
                    self.open_editor(id)?;
                }
                return Ok(());
            }
            Command::ShowContext => queue.toggle_context(store)?,
            Command::Back if queue.context => queue.toggle_context(store)?,
            Command::Open if queue.single => {}
            Command::NextQueue => queue.switch(store, 1)?,
            Command::PrevQueue => queue.switch(store, -1)?,
            Command::Open => queue.single = true,
            Command::Back if queue.single => queue.single = false,
            // In the single view the page keys read a long comment: on by a page, or back
            // to its start (the view stops at the end, so "back a page" could be a no-op).
            Command::PageDown if queue.single => {
                queue.text_scroll = queue.text_scroll.saturating_add(queue.list.page_size());
            }
            Command::PageUp if queue.single => queue.text_scroll = 0,
            Command::Down => queue.list.down(store)?,
            Command::Up => queue.list.up(store)?,
            Command::PageDown => queue.list.page_down(store)?,
            Command::PageUp => queue.list.page_up(store)?,
            Command::First => queue.list.first(store)?,
            Command::Last => queue.list.last(store)?,
            other => return self.run(other),
        }
        if deciding {
            self.site.changed();
        }
        if let Some(queue) = self.queue.as_mut() {
            queue.load_detail(&self.store)?;
        }
        Ok(())
    }

    fn answer_prompt(&mut self, prompt: Prompt, command: Command) -> Result<(), StoreError> {
        let Some(queue) = self.queue.as_mut() else {
            return Ok(());
        };
        let store = &mut self.store;
        let marked = match (prompt, command) {
            (_, Command::Back) => {
                queue.prompt = None;
                None
            }
            (_, Command::Quit) => {
                self.quit();
                None
            }
            (Prompt::MarkBy { word: None }, Command::MarkAuthor | Command::MarkAddress) => {
                queue.prompt = None;
                let key = if command == Command::MarkAuthor { 'n' } else { 'c' };
                match queue.pattern_for(key) {
                    Some(pattern) => Some(queue.mark_by(store, &pattern)?),
                    None => None,
                }
            }
            (Prompt::MarkBy { word: None }, Command::MarkWord) => {
                queue.prompt = Some(Prompt::MarkBy {
                    word: Some(String::new()),
                });
                None
            }
            (Prompt::MarkBy { word: Some(word) }, Command::Confirm) => {
                queue.prompt = None;
                let word = word.trim();
                if word.is_empty() {
                    None
                } else {
                    Some(queue.mark_by(store, &crate::store::Pattern::Contains(word.to_owned()))?)
                }
            }
            (Prompt::ConfirmBulk { status, .. }, Command::Confirm) => {
                queue.prompt = None;
                let (done, skipped) = queue.decide_marked(store, &self.session, status)?;
                // "none were taken by someone else" is not worth a clause.
                let msg = if skipped == 0 {
                    Msg::QueueBulkDoneAll
                } else {
                    Msg::QueueBulkDone
                };
                self.site.changed();
                let text = self
                    .t(msg)
                    .replace("{n}", &done.to_string())
                    .replace("{k}", &skipped.to_string());
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
                None
            }
            _ => None,
        };
        if let Some(n) = marked {
            let text = self.t(Msg::QueueMarked).replace("{n}", &n.to_string());
            self.notice = Some(Notice {
                text,
                is_error: false,
            });
        }
        Ok(())
    }

    /// The help screen takes every key: its own keys close or scroll it, the rest are
    /// ignored. The drawing stops the scroll at the last line.
    fn update_modal(&mut self, command: Command) {
        let Some(Modal::Help { scroll, .. }) = &mut self.modal else {
            return;
        };
        match command {
            Command::Help | Command::Back => self.modal = None,
            Command::Quit => self.quit(),
            Command::Down => *scroll = scroll.saturating_add(1).min(HELP_SCROLL_MAX),
            Command::Up => *scroll = scroll.saturating_sub(1),
            Command::PageDown => *scroll = scroll.saturating_add(10).min(HELP_SCROLL_MAX),
            Command::PageUp => *scroll = scroll.saturating_sub(10),
            _ => {}
        }
    }

    fn show_tab(&mut self, tab: Tab) -> Result<(), StoreError> {
        if tab == Tab::Comments {
            return self.show_comments();
        }
        if tab == Tab::Tags {
            // Read when shown: most sessions never open the Tags tab.
            self.tags.refresh(&self.store)?;
        }
        self.tab = tab;
        Ok(())
    }

    /// The queue is read when first shown, not at start: most sessions never open it.
    fn show_comments(&mut self) -> Result<(), StoreError> {
        self.tab = Tab::Comments;
        if self.queue.is_none() {
            self.queue = Some(Queue::new(&self.store, self.articles.page_size())?);
        }
        Ok(())
    }

    fn run(&mut self, command: Command) -> Result<(), StoreError> {
        let list = &mut self.articles;
        let store = &self.store;
        match command {
            Command::Quit | Command::Back => self.should_quit = true,
            Command::Help => self.modal = Some(Modal::help(self.contexts())),
            Command::NextTab => self.show_tab(self.tab.step(1))?,
            Command::PrevTab => self.show_tab(self.tab.step(-1))?,
            Command::ShowArticles => self.tab = Tab::Articles,
            Command::ShowSchedule => self.tab = Tab::Schedule,
            Command::ShowComments => self.show_comments()?,
            Command::ShowTags => self.show_tab(Tab::Tags)?,
            Command::Search => self.start_search(),
            Command::Workflow => self.open_workflow_menu()?,
            Command::Down => list.down(store)?,
            Command::Up => list.up(store)?,
            Command::PageDown => list.page_down(store)?,
            Command::PageUp => list.page_up(store)?,
            Command::First => list.first(store)?,
            Command::Last => list.last(store)?,
            Command::Open => {
                if let Some(id) = list.selected_row().map(|r| r.id) {
                    self.open_editor(id)?;
                }
            }
            Command::NewArticle => {
                let now = self.session.clock.now();
                let zone = self
                    .session
                    .zone
                    .iana_name()
                    .unwrap_or(crate::clock::DEFAULT_ZONE)
                    .to_owned();
                let id = self.store.create_blank_draft(&self.session.user, &zone, now)?;
                self.open_editor(id)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Opens an article in the editor (read-only when someone else is editing it).
    pub fn open_editor(&mut self, id: crate::domain::ArticleId) -> Result<(), StoreError> {
        let editor = Editor::open(&mut self.store, &self.session, id)?;
        if let Some(lease) = &editor.holder {
            let text = self
                .t(Msg::LeaseHeld)
                .replace("{user}", &lease.login)
                .replace("{since}", &stamp(lease.taken_at, &self.session.zone));
            self.notice = Some(Notice {
                text,
                is_error: false,
            });
        } else if editor.editing == crate::domain::Editing::ReadOnly
            && matches!(
                editor.status,
                crate::domain::Status::Published | crate::domain::Status::Scheduled
            )
            && self.store.may_write(&self.session.user, id)?
        {
            let text = self.t(Msg::LiveReadOnly).replace(
                "{status}",
                crate::i18n::status_name(editor.status, self.session.lang),
            );
            self.notice = Some(Notice {
                text,
                is_error: false,
            });
        } else if !editor.may_write {
            self.say(Msg::ReadOnlyNoRights);
        }
        self.editor = Some(editor);
        Ok(())
    }

    fn run_in_editor(&mut self, command: Command) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        if matches!(editor.overlay, Some(Overlay::Photos { .. })) || command == Command::Photos {
            return self.run_in_photos(command);
        }
        let (store, session) = (&mut self.store, &self.session);
        match (command, editor.overlay.is_some()) {
            (Command::Quit, _) => self.quit(),
            (Command::RestoreAutosave, _) => editor.restore_autosave(store, session)?,
            (Command::KeepSaved, _) => editor.keep_saved(store, session)?,
            (Command::Down, true) => editor.history_move(store, 1)?,
            (Command::Up, true) => editor.history_move(store, -1)?,
            (Command::PageDown, true) => editor.history_move(store, 10)?,
            (Command::PageUp, true) => editor.history_move(store, -10)?,
            (Command::First, true) => editor.history_move(store, isize::MIN / 2)?,
            (Command::Last, true) => editor.history_move(store, 10_000)?,
            (Command::RestoreRevision, true) if editor.editing == crate::domain::Editing::Correction => {
                self.ask_for_note(true);
            }
            (Command::RestoreRevision, true) => self.restore_revision(None)?,
            (Command::Back, true) => editor.overlay = None,
            (Command::Back, false) if editor.lost_to.is_some() => editor.lost_to = None,
            (Command::Back, false) => self.close_editor()?,
            (Command::Help, _) => self.modal = Some(Modal::help(EDITOR)),
            (Command::Save, _) => self.save()?,
            (Command::NormaliseTones, _) => self.normalise_tones(),
            (Command::NextFlagged, _) => self.next_flagged(),
            (Command::Workflow, _) => self.open_workflow_menu()?,
            (Command::NextField, _) if editor.accept_tag_suggestion() => {}
            (Command::NextField, _) => editor.move_focus(1),
            (Command::PrevField, _) => editor.move_focus(-1),
            (Command::TogglePreview, _) => editor.preview = !editor.preview,
            (Command::PreviewDown, _) if editor.preview => editor.scroll_preview(1),
            (Command::PreviewUp, _) if editor.preview => editor.scroll_preview(-1),
            // Without the preview, PgUp/PgDn move in the field as they always did.
            (Command::PreviewDown, _) => {
                editor.type_key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
            }
            (Command::PreviewUp, _) => {
                editor.type_key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE));
            }
            (Command::Undo, _) => {
                editor.undo();
            }
            (Command::Redo, _) => {
                editor.redo();
            }
            (Command::History, _) => editor.open_history(store)?,
            (Command::TakeOver, _) if editor.holder.is_some() => {
                let kept = editor.take_over(store, session)?;
                let version = editor.version;
                let text = match kept {
                    // One numbering for saves: the kept text is named by the version it
                    // was typed on, as the history shows it.
                    Some(_) => self.t(Msg::TookOverKept).replace("{id}", &version.to_string()),
                    None => self.t(Msg::TookOver).to_owned(),
                };
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            (Command::ExternalEditor, _) if self.session.restricted => self.say(Msg::NotInRestricted),
            (Command::ExternalEditor, _) if !editor.is_read_only() => {
                self.external_edit = Some(editor.text().body);
            }
            _ => {}
        }
        Ok(())
    }

    fn save(&mut self) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_ref() else {
            return Ok(());
        };
        if editor.is_read_only() {
            self.say(Msg::ReadOnly);
            return Ok(());
        }
        if editor.editing == crate::domain::Editing::Correction {
            // A published article changes in public: say what changed first.
            self.ask_for_note(false);
            return Ok(());
        }
        self.save_with(None)
    }

    /// Existing tags that complete the one being typed, matched without diacritics
    /// (`dan van` offers `Dân vận`); those already on the article are left out.
    fn suggest_tags(&mut self) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        let Some(typed) = editor.tag_being_typed() else {
            editor.tag_suggestions.clear();
            return Ok(());
        };
        let chosen = editor.typed_tags();
        editor.tag_suggestions = self
            .store
            .complete_tags(&typed, 6)?
            .into_iter()
            .map(|t| t.name)
            .filter(|name| name != &typed && !chosen.iter().any(|c| c == name))
            .take(4)
            .collect();
        Ok(())
    }

    /// The note dialog of a public correction: a save, or restoring a revision.
    fn ask_for_note(&mut self, restore: bool) {
        let Some(editor) = self.editor.as_ref() else {
            return;
        };
        let title = editor.text().title;
        self.modal = Some(Modal::Dialog(workflow::Dialog::Line {
            article: editor.article_id,
            title,
            text: String::new(),
            purpose: workflow::LineFor::Note { restore },
            error: None,
        }));
    }

    /// Makes the revision under the history's cursor the article's text.
    fn restore_revision(&mut self, note: Option<&str>) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        if let Some((restored, now)) = editor.restore_selected(&mut self.store, &self.session, note)? {
            self.notice = Some(Notice {
                text: self
                    .t(Msg::RevisionRestored)
                    .replace("{id}", &restored.to_string())
                    .replace("{v}", &now.to_string()),
                is_error: false,
            });
        }
        Ok(())
    }

    fn save_with(&mut self, note: Option<&str>) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        let version = editor.save(&mut self.store, &self.session, note)?;
        if note.is_some() {
            editor.corrected_at = Some(self.session.clock.now());
        }
        self.notice = Some(Notice {
            text: self.t(Msg::Saved).replace("{v}", &version.to_string()),
            is_error: false,
        });
        Ok(())
    }

    /// Back to the list. Unsaved typing is autosaved first, so leaving never loses a word.
    fn close_editor(&mut self) -> Result<(), StoreError> {
        self.flush_autosave()?;
        if let Some(editor) = self.editor.take()
            && !editor.is_read_only()
        {
            self.store.release_lease(editor.article_id, &self.session.id)?;
        }
        self.agenda.refresh(&self.store, self.session.clock.now())?;
        self.articles.refresh(&self.store)
    }

    fn quit(&mut self) {
        if let Err(e) = self.close_editor() {
            // Leave the message on screen and stay: the typing is not safe yet.
            self.notice = Some(Notice {
                text: self.store_error(&e),
                is_error: true,
            });
            return;
        }
        self.should_quit = true;
    }

    /// Sends autosave snapshots to `rescue` from now on.
    pub fn with_rescue(mut self, rescue: Arc<Rescue>) -> App {
        self.rescue = Some(rescue);
        self
    }

    /// The whole-file check, to start with `start_store_check` once the first frame is out.
    pub fn with_store_check(mut self) -> App {
        self.store_check_pending = true;
        self
    }

    /// Starts the whole-file check on a thread of its own, once; a thread that cannot start
    /// is said on the notice line (`doctor` still checks the file).
    pub fn start_store_check(&mut self) {
        if !std::mem::take(&mut self.store_check_pending) {
            return;
        }
        if let Err(e) = crate::store::check_in_background(self.store.path().to_owned()) {
            let text = self.t(Msg::StoreCheckNotStarted).replace("{why}", &e.to_string());
            self.say_error(text);
        }
    }

    /// The editor's text when it changed since the last call.
    fn autosave_snapshot(&mut self) -> Option<Autosave> {
        let now = self.session.clock.now();
        let login = self.session.user.login.as_str().to_owned();
        self.editor.as_mut()?.snapshot(&login, now)
    }

    /// Whether anyone but this session's autosave thread committed since the last tick,
    /// given whether the store's data_version `moved`. The autosave thread's commits move
    /// it too, twice a second while someone types, and re-reading the lists and redrawing
    /// for them took the UI thread from the next key. When the thread committed since the
    /// last tick, its own connection says whether anyone else did (a commit made after its
    /// last look is seen at its next round, a tick or two later).
    fn changed_by_others(&mut self, moved: bool) -> bool {
        let Some(rescue) = &self.rescue else {
            return moved;
        };
        let saves = rescue.thread_saves();
        let saved_meanwhile = std::mem::replace(&mut self.autosaves_seen, saves) != saves;
        rescue.take_others_wrote() || (moved && !saved_meanwhile)
    }

    /// The work a frame of typing left for after it (the spelling check). True when the
    /// screen must be drawn again.
    pub fn settle(&mut self) -> bool {
        self.editor
            .as_ref()
            .is_some_and(|editor| self.spelling.settle(editor))
    }

    /// Hands new typing to the autosave thread. Called after every batch of keys.
    pub fn autosave(&mut self) -> Result<(), StoreError> {
        let Some(save) = self.autosave_snapshot() else {
            return Ok(());
        };
        match &self.rescue {
            Some(rescue) => {
                rescue.keep(save);
                Ok(())
            }
            None => self.store.save_autosave(&save),
        }
    }

    /// Writes any unsaved typing now, on this thread, in order with the autosave thread.
    pub fn flush_autosave(&mut self) -> Result<(), StoreError> {
        self.autosave()?;
        if let Some(rescue) = &self.rescue {
            rescue.save_pending(&mut self.store);
        }
        Ok(())
    }

    /// The external editor returned: the new body goes on screen and straight into the
    /// autosave. Returns whether it is safely stored, so the caller may delete its file.
    pub fn finish_external_edit(&mut self, body: &str) -> bool {
        let Some(editor) = self.editor.as_mut() else {
            return false;
        };
        editor.set_body(body);
        match self.flush_autosave() {
            Ok(()) => true,
            Err(e) => {
                self.notice = Some(Notice {
                    text: self.store_error(&e),
                    is_error: true,
                });
                false
            }
        }
    }

    /// How a colleague is named on screen: the display name, else the login.
    fn person_name(&self, login: &str) -> String {
        match self.store.active_user(login) {
            Ok(user) if !user.display_name.trim().is_empty() => user.display_name,
            _ => login.to_owned(),
        }
    }

    pub fn say(&mut self, msg: Msg) {
        self.notice = Some(Notice {
            text: self.t(msg).into(),
            is_error: false,
        });
    }

    pub fn say_error(&mut self, text: String) {
        self.notice = Some(Notice { text, is_error: true });
    }

    /// Re-reads everything on screen, keeping the cursor where it was.
    fn reload(&mut self) -> Result<(), StoreError> {
        self.articles.refresh(&self.store)?;
        self.agenda.refresh(&self.store, self.session.clock.now())?;
        if self.tab == Tab::Tags {
            self.tags.refresh(&self.store)?;
        }
        self.pending_comments = self.store.comment_count(Some(CommentStatus::Pending))?;
        Ok(())
    }
}

#[cfg(test)]
mod editor_tests;
#[cfg(test)]
mod editor_watch_tests;
#[cfg(test)]
mod queue_tests;
#[cfg(test)]
mod queue_view_tests;
#[cfg(test)]
mod spelling_tests;
#[cfg(test)]
mod tags_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod workflow_tests;
