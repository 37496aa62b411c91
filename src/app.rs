//! The terminal-free state machine: what the TUI shows and how actions change it.
//!
//! Owns: screen state, the modal on top, notices, and the calls into the store that actions
//! cause. May not touch: the terminal, drawing, key codes (keys arrive as `Command`s).

mod articles;

use jiff::tz::TimeZone;

pub use articles::ArticleList;

use crate::domain::{CommentStatus, User};
use crate::i18n::{Lang, Msg};
use crate::keymap::{Command, Context};
use crate::store::{Store, StoreError};

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
    Help,
}

/// A one-line message in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// What can happen to the app; keys become `Command`s before they get here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// A key an input method produced in a command context.
    InputMethodKey,
    /// The list area now holds this many rows.
    Resize {
        list_rows: usize,
    },
    /// Time passed with no input: look for other sessions' commits.
    Tick,
}

/// Who is using the app, and on what: fixed for a session.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub lang: Lang,
    pub zone: TimeZone,
    pub store_label: String,
    pub restricted: bool,
}

pub struct App {
    pub session: Session,
    pub tab: Tab,
    pub articles: ArticleList,
    pub pending_comments: u64,
    pub modal: Option<Modal>,
    pub notice: Option<Notice>,
    pub should_quit: bool,
    store: Store,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("tab", &self.tab)
            .field("modal", &self.modal)
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(store: Store, session: Session, list_rows: usize) -> Result<App, StoreError> {
        let mut app = App {
            session,
            tab: Tab::Articles,
            articles: ArticleList::new(list_rows),
            pending_comments: 0,
            modal: None,
            notice: None,
            should_quit: false,
            store,
        };
        app.reload()?;
        Ok(app)
    }

    /// The key contexts in force, most specific first.
    pub fn contexts(&self) -> &'static [Context] {
        if self.modal.is_some() {
            return &[Context::Help, Context::Global];
        }
        match self.tab {
            Tab::Articles => &[Context::Articles, Context::List, Context::Global],
            _ => &[Context::Global],
        }
    }

    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.session.lang)
    }

    /// Carries out one action and says whether the screen may have changed. A failed store
    /// call becomes a notice, never a crash.
    pub fn update(&mut self, action: Action) -> bool {
        match self.try_update(action) {
            Ok(changed) => changed,
            Err(e) => {
                let text = self.t(Msg::StoreFailed).replace("{e}", &e.to_string());
                self.notice = Some(Notice { text, is_error: true });
                true
            }
        }
    }

    fn try_update(&mut self, action: Action) -> Result<bool, StoreError> {
        match action {
            Action::Command(command) => {
                if self.modal.is_some() {
                    self.update_modal(command);
                } else {
                    self.notice = None;
                    self.run(command)?;
                }
                Ok(true)
            }
            Action::InputMethodKey => {
                self.say(Msg::ImeHint);
                Ok(true)
            }
            Action::Resize { list_rows } => {
                self.articles.resize(&self.store, list_rows)?;
                Ok(true)
            }
            Action::Tick => {
                let changed = self.store.changed_elsewhere()?;
                if changed {
                    self.reload()?;
                }
                Ok(changed)
            }
        }
    }

    /// The help screen takes every key: its own keys close it, the rest are ignored.
    fn update_modal(&mut self, command: Command) {
        match command {
            Command::Help | Command::Back => self.modal = None,
            Command::Quit => self.should_quit = true,
            _ => {}
        }
    }

    fn run(&mut self, command: Command) -> Result<(), StoreError> {
        let list = &mut self.articles;
        let store = &self.store;
        match command {
            Command::Quit | Command::Back => self.should_quit = true,
            Command::Help => self.modal = Some(Modal::Help),
            Command::NextTab => self.tab = self.tab.step(1),
            Command::PrevTab => self.tab = self.tab.step(-1),
            Command::ShowArticles => self.tab = Tab::Articles,
            Command::ShowSchedule => self.tab = Tab::Schedule,
            Command::ShowComments => self.tab = Tab::Comments,
            Command::ShowTags => self.tab = Tab::Tags,
            Command::Search => self.say(Msg::ComingSearch),
            Command::Down => list.down(store)?,
            Command::Up => list.up(store)?,
            Command::PageDown => list.page_down(store)?,
            Command::PageUp => list.page_up(store)?,
            Command::First => list.first(store)?,
            Command::Last => list.last(store)?,
            Command::Open | Command::NewArticle => {
                let id = list.selected_row().map(|r| r.id.to_string()).unwrap_or_default();
                let text = self.t(Msg::ComingEditor).replace("{id}", &id);
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
        }
        Ok(())
    }

    fn say(&mut self, msg: Msg) {
        self.notice = Some(Notice {
            text: self.t(msg).into(),
            is_error: false,
        });
    }

    /// Re-reads everything on screen, keeping the cursor where it was.
    fn reload(&mut self) -> Result<(), StoreError> {
        self.articles.refresh(&self.store)?;
        self.pending_comments = self.store.comment_count(Some(CommentStatus::Pending))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
