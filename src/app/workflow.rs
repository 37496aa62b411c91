//! The workflow in the TUI: the menu of moves this person may make on one article (from
//! a list or the editor), the schedule picker, the delete and slug confirmations, and the
//! correction note a published article's save asks for. Every rule is the library's; this
//! only offers what it allows and carries the choice out.

use crossterm::event::KeyEvent;

use super::{App, Modal, Notice};
use crate::clock::stamp;
use crate::domain::{
    Article, ArticleId, Operation, Status, Transition, check_delete, parse_schedule, quick_choices,
};
use crate::i18n::{Msg, status_name};
use crate::keymap::Command;
use crate::store::{PhotoChange, StoreError};

pub use super::photo_add::AddStep;
pub use super::photos::PhotoField;

/// One entry of the workflow menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    To(Transition),
    Schedule,
    Delete,
    ChangeSlug,
}

impl Move {
    /// The command (and so the key) that chooses it.
    pub fn command(self) -> Command {
        match self {
            Move::To(Transition::Submit) => Command::Submit,
            Move::To(Transition::ReturnToDraft) => Command::ReturnToDraft,
            Move::To(Transition::Unschedule) => Command::Unschedule,
            Move::To(Transition::Publish) => Command::Publish,
            Move::To(Transition::Unpublish) => Command::Unpublish,
            Move::To(Transition::Spike) => Command::Spike,
            Move::To(Transition::Unspike) => Command::Unspike,
            Move::To(Transition::Schedule) | Move::Schedule => Command::ScheduleArticle,
            Move::Delete => Command::DeleteDraft,
            Move::ChangeSlug => Command::ChangeSlug,
        }
    }
}

/// The moves offered for one article, and the one under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub article: ArticleId,
    pub title: String,
    pub status: Status,
    pub moves: Vec<Move>,
    pub selected: usize,
}

/// What a line being typed in a dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineFor {
    /// `HH:MM dd/mm/yyyy`; Tab cycles through the quick choices.
    Schedule {
        choices: [String; 3],
        next: usize,
    },
    Slug,
    /// The note of a public correction: a save, or restoring the revision under the cursor.
    Note {
        restore: bool,
    },
    /// One of photo `n`'s texts (from 1), or its place.
    Photo {
        n: usize,
        field: PhotoField,
    },
    /// The note of a correction to a published article's photo; the change waits for it.
    PhotoNote {
        n: usize,
        change: PhotoChange,
    },
    /// Adding a photo: its file, then its caption, then its credit.
    AddPhoto(AddStep),
}

/// A dialog over the screen: a line to type, or a yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Line {
        article: ArticleId,
        title: String,
        text: String,
        purpose: LineFor,
        /// The last refusal, shown under the line until the next try.
        error: Option<String>,
    },
    ConfirmDelete {
        article: ArticleId,
        title: String,
    },
    ConfirmSlug {
        article: ArticleId,
        old: String,
        new: String,
    },
    /// Taking photo `n` (from 1) off the article.
    ConfirmRemovePhoto {
        article: ArticleId,
        n: usize,
        caption: String,
    },
}

impl Dialog {
    pub fn is_line(&self) -> bool {
        matches!(self, Dialog::Line { .. })
    }
}

/// Every move this person may make on `article` now.
pub fn moves_for(app: &App, article: &Article) -> Vec<Move> {
    let user = &app.session.user;
    let own = article.author == user.login.as_str();
    let workflow = app.workflow;
    let mut moves: Vec<Move> = workflow
        .moves(article.status, user.role, own)
        .into_iter()
        .map(|t| {
            if t == Transition::Schedule {
                Move::Schedule
            } else {
                Move::To(t)
            }
        })
        .collect();
    // A scheduled article may be given another time.
    if article.status == Status::Scheduled
        && workflow
            .check(Transition::Unschedule, Status::Scheduled, user.role, own)
            .is_ok()
        && workflow
            .check(Transition::Schedule, Status::Draft, user.role, own)
            .is_ok()
    {
        moves.insert(0, Move::Schedule);
    }
    if check_delete(article.status, article.ever_published(), user.role, own).is_ok() {
        moves.push(Move::Delete);
    }
    if article.ever_published() && user.role.may(Operation::PublishArticle) {
        moves.push(Move::ChangeSlug);
    }
    moves
}

impl App {
    /// `m` in a list, Ctrl-w in the editor: the menu of what this person may do now.
    pub(super) fn open_workflow_menu(&mut self) -> Result<(), StoreError> {
        let Some(id) = self.selected_article() else {
            return Ok(());
        };
        let article = self.store.article(id)?;
        let moves = moves_for(self, &article);
        if moves.is_empty() {
            let text = self
                .t(Msg::WorkflowNone)
                .replace("{status}", status_name(article.status, self.session.lang));
            self.notice = Some(Notice {
                text,
                is_error: false,
            });
            return Ok(());
        }
        self.modal = Some(Modal::Workflow(Menu {
            article: id,
            title: article.title,
            status: article.status,
            moves,
            selected: 0,
        }));
        Ok(())
    }

    /// A key in the workflow menu or a dialog.
    pub(super) fn update_workflow(&mut self, command: Command) -> Result<(), StoreError> {
        match self.modal.take() {
            Some(Modal::Workflow(menu)) => self.in_menu(menu, command),
            Some(Modal::Dialog(dialog)) => self.in_dialog(dialog, command),
            other => {
                self.modal = other;
                Ok(())
            }
        }
    }

    fn in_menu(&mut self, mut menu: Menu, command: Command) -> Result<(), StoreError> {
        let chosen = match command {
            Command::Back => return Ok(()),
            Command::Quit => {
                self.quit();
                return Ok(());
            }
            Command::Down | Command::Up => {
                let n = menu.moves.len();
                menu.selected = if command == Command::Down {
                    (menu.selected + 1) % n
                } else {
                    (menu.selected + n - 1) % n
                };
                self.modal = Some(Modal::Workflow(menu));
                return Ok(());
            }
            Command::Open | Command::Confirm => menu.moves.get(menu.selected).copied(),
            other => menu.moves.iter().copied().find(|m| m.command() == other),
        };
        let Some(chosen) = chosen else {
            // A key for a move this person may not make: the menu stays.
            self.modal = Some(Modal::Workflow(menu));
            return Ok(());
        };
        self.choose(menu, chosen)
    }

    fn choose(&mut self, menu: Menu, chosen: Move) -> Result<(), StoreError> {
        let title = menu.title.clone();
        match chosen {
            Move::To(transition) => self.make_move(menu.article, transition),
            Move::Schedule => {
                let choices = quick_choices(&self.session.zone, self.session.clock.now());
                self.modal = Some(Modal::Dialog(Dialog::Line {
                    article: menu.article,
                    title,
                    text: String::new(),
                    purpose: LineFor::Schedule { choices, next: 0 },
                    error: None,
                }));
                Ok(())
            }
            Move::Delete => {
                self.modal = Some(Modal::Dialog(Dialog::ConfirmDelete {
                    article: menu.article,
                    title,
                }));
                Ok(())
            }
            Move::ChangeSlug => {
                let slug = self.store.article(menu.article)?.slug;
                self.modal = Some(Modal::Dialog(Dialog::Line {
                    article: menu.article,
                    title,
                    text: slug,
                    purpose: LineFor::Slug,
                    error: None,
                }));
                Ok(())
            }
        }
    }

    /// Saves what is on screen first (so publishing publishes the text the person sees),
    /// then moves the article and reopens the editor under the new status's rules.
    fn make_move(&mut self, id: ArticleId, transition: Transition) -> Result<(), StoreError> {
        let in_editor = self.editor.as_ref().is_some_and(|e| e.article_id == id);
        if in_editor
            && let Some(editor) = self.editor.as_mut()
            && editor.has_unsaved_changes()
            && !editor.is_read_only()
        {
            editor.save(&mut self.store, &self.session, None)?;
        }
        let now = self.session.clock.now();
        let to = self
            .store
            .transition(&self.session.user, id, transition, self.workflow, now)?;
        self.after_move(id, in_editor)?;
        let text = self
            .t(Msg::Moved)
            .replace("{id}", &id.to_string())
            .replace("{status}", status_name(to, self.session.lang));
        self.notice = Some(Notice {
            text,
            is_error: false,
        });
        Ok(())
    }

    /// The lists show the move at once; an open editor follows the article's new rules.
    fn after_move(&mut self, id: ArticleId, in_editor: bool) -> Result<(), StoreError> {
        if in_editor {
            self.close_editor()?;
            self.open_editor(id)?;
        }
        self.reload()
    }

    fn in_dialog(&mut self, dialog: Dialog, command: Command) -> Result<(), StoreError> {
        match (dialog, command) {
            (_, Command::Back) => Ok(()),
            (_, Command::Quit) => {
                self.quit();
                Ok(())
            }
            (
                Dialog::Line {
                    article,
                    title,
                    purpose: LineFor::Schedule { choices, next },
                    error,
                    ..
                },
                Command::NextField | Command::PrevField,
            ) => {
                let n = choices.len();
                let text = choices[next % n].clone();
                let step = if command == Command::NextField { 1 } else { n - 1 };
                self.modal = Some(Modal::Dialog(Dialog::Line {
                    article,
                    title,
                    text,
                    purpose: LineFor::Schedule {
                        choices,
                        next: (next + step) % n,
                    },
                    error,
                }));
                Ok(())
            }
            (
                Dialog::Line {
                    article,
                    title,
                    text,
                    purpose: LineFor::AddPhoto(AddStep::File { .. }),
                    ..
                },
                Command::NextField,
            ) => {
                self.complete_photo_file(article, title, &text);
                Ok(())
            }
            (line @ Dialog::Line { .. }, Command::Confirm) => self.confirm_line(line),
            (Dialog::ConfirmRemovePhoto { article, n, .. }, Command::Confirm) => {
                self.remove_photo_now(article, n)
            }
            (Dialog::ConfirmDelete { article, .. }, Command::Confirm) => {
                if self.editor.as_ref().is_some_and(|e| e.article_id == article) {
                    self.editor = None;
                }
                self.store
                    .delete_draft(&self.session.user, article, self.session.clock.now())?;
                self.reload()?;
                let text = self.t(Msg::Deleted).replace("{id}", &article.to_string());
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
                Ok(())
            }
            (Dialog::ConfirmSlug { article, new, .. }, Command::Confirm) => {
                let now = self.session.clock.now();
                let slug = self.store.change_slug(&self.session.user, article, &new, now)?;
                let in_editor = self.editor.as_ref().is_some_and(|e| e.article_id == article);
                self.after_move(article, in_editor)?;
                let text = self
                    .t(Msg::SlugChanged)
                    .replace("{id}", &article.to_string())
                    .replace("{slug}", &slug);
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
                Ok(())
            }
            (dialog, _) => {
                self.modal = Some(Modal::Dialog(dialog));
                Ok(())
            }
        }
    }

    /// Enter on a typed line. A mistake stays in the dialog, under the line, so the person
    /// fixes what they typed instead of starting over.
    fn confirm_line(&mut self, line: Dialog) -> Result<(), StoreError> {
        let Dialog::Line {
            article,
            title,
            text,
            purpose,
            ..
        } = line
        else {
            return Ok(());
        };
        let keep = |error: String, purpose: LineFor, text: String| {
            Modal::Dialog(Dialog::Line {
                article,
                title: title.clone(),
                text,
                purpose,
                error: Some(error),
            })
        };
        match purpose {
            LineFor::Schedule { .. } => {
                let zone = self
                    .session
                    .zone
                    .iana_name()
                    .unwrap_or(crate::clock::DEFAULT_ZONE)
                    .to_owned();
                let now = self.session.clock.now();
                let schedule = match parse_schedule(&text, &zone, now) {
                    Ok(s) => s,
                    Err(e) => {
                        let error = crate::i18n::schedule_error(&e, self.session.lang);
                        self.modal = Some(keep(error, purpose, text));
                        return Ok(());
                    }
                };
                let in_editor = self.editor.as_ref().is_some_and(|e| e.article_id == article);
                self.store
                    .schedule(&self.session.user, article, &schedule, self.workflow, now)?;
                self.after_move(article, in_editor)?;
                let text = self
                    .t(Msg::Scheduled)
                    .replace("{id}", &article.to_string())
                    .replace("{at}", &stamp(schedule.at, &self.session.zone));
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            LineFor::Slug => {
                let new = crate::text::slugify(&text);
                let old = self.store.article(article)?.slug;
                if new.is_empty() || new == old {
                    return Ok(());
                }
                self.modal = Some(Modal::Dialog(Dialog::ConfirmSlug { article, old, new }));
            }
            LineFor::Note { restore } => {
                if text.trim().is_empty() {
                    let error = self.t(Msg::NotePrompt).to_owned();
                    self.modal = Some(keep(error, purpose, text));
                    return Ok(());
                }
                if restore {
                    self.restore_revision(Some(&text))?;
                } else {
                    self.save_with(Some(&text))?;
                }
            }
            LineFor::Photo { .. } | LineFor::PhotoNote { .. } | LineFor::AddPhoto(_) => {
                self.confirm_photo_line(article, title, purpose, text)?;
            }
        }
        Ok(())
    }

    /// A key typed into a dialog's line.
    pub(super) fn type_into_dialog(&mut self, key: KeyEvent) -> bool {
        let Some(Modal::Dialog(Dialog::Line { text, error, .. })) = self.modal.as_mut() else {
            return false;
        };
        if !super::queue::type_into(text, key) {
            return false;
        }
        *error = None;
        true
    }

    pub(super) fn paste_into_dialog(&mut self, pasted: &str) -> bool {
        let Some(Modal::Dialog(Dialog::Line { text, .. })) = self.modal.as_mut() else {
            return false;
        };
        text.push_str(&crate::text::normalize_input(pasted).replace('\n', " "));
        true
    }

    /// Catch-up publishing: every running TUI publishes what is due, at start and on its
    /// ticks, so a schedule never depends on one timer having run.
    pub(super) fn publish_due(&mut self) -> Result<bool, StoreError> {
        let now = self.session.clock.now();
        if now.duration_since(self.last_due_check) < DUE_EVERY
            && self.last_due_check != jiff::Timestamp::UNIX_EPOCH
        {
            return Ok(false);
        }
        self.last_due_check = now;
        let published = self
            .store
            .run_due(now)?
            .iter()
            .filter(|o| matches!(o, crate::store::DueOutcome::Published { .. }))
            .count();
        if published > 0 {
            self.reload()?;
            let text = self.t(Msg::PublishedDue).replace("{n}", &published.to_string());
            self.notice = Some(Notice {
                text,
                is_error: false,
            });
        }
        Ok(published > 0)
    }
}

/// How often a TUI looks for due schedules: well inside the 30 s the README promises.
pub const DUE_EVERY: jiff::SignedDuration = jiff::SignedDuration::from_secs(20);
