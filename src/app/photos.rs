//! The editor's photo panel: the article's photos with what each still lacks, and every
//! change to them — caption, credit, alt text, decorative, place, order, removal — typed in
//! a line dialog or asked for by one key. Each is a store change of its own, with its
//! revision and audit row, whatever the text on screen holds; on a published article an
//! editor's change is a public correction and asks for its note first, as a save does.

use super::workflow::{Dialog, LineFor};
use super::{App, Modal, Notice, Overlay};
use crate::domain::{ArticleId, Editing, placement};
use crate::i18n::Msg;
use crate::keymap::Command;
use crate::store::{AltText, PhotoChange, StoreError};

/// Which of a photo's details a line dialog edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoField {
    Caption,
    Credit,
    Alt,
    /// The paragraph it follows.
    Place,
}

impl App {
    pub(super) fn run_in_photos(&mut self, command: Command) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        let count = editor.photos.len();
        let selected = match editor.overlay {
            Some(Overlay::Photos { selected }) => selected.min(count.saturating_sub(1)),
            _ => 0,
        };
        let changes = matches!(
            command,
            Command::AddPhoto
                | Command::Open
                | Command::EditCaption
                | Command::EditCredit
                | Command::EditAlt
                | Command::ToggleDecorative
                | Command::PlacePhoto
                | Command::MovePhotoUp
                | Command::MovePhotoDown
                | Command::RemovePhoto
        );
        if changes && editor.is_read_only() {
            self.say(Msg::ReadOnly);
            return Ok(());
        }
        let n = selected + 1;
        let photo = editor.photos.get(selected).cloned();
        match (command, photo) {
            (Command::Photos, _) => editor.overlay = Some(Overlay::Photos { selected: 0 }),
            (Command::Back, _) => editor.overlay = None,
            (Command::Quit, _) => self.quit(),
            (Command::Down, _) if count > 0 => {
                editor.overlay = Some(Overlay::Photos {
                    selected: (selected + 1).min(count - 1),
                });
            }
            (Command::Up, _) => {
                editor.overlay = Some(Overlay::Photos {
                    selected: selected.saturating_sub(1),
                });
            }
            (Command::Help, _) => self.modal = Some(Modal::help(super::PHOTOS)),
            (Command::AddPhoto, _) => self.start_add_photo()?,
            (Command::Open | Command::EditCaption, Some(p)) => {
                self.ask_photo_field(n, PhotoField::Caption, p.caption)
            }
            (Command::EditCredit, Some(p)) => self.ask_photo_field(n, PhotoField::Credit, p.credit),
            (Command::EditAlt, Some(p)) => {
                self.ask_photo_field(n, PhotoField::Alt, p.alt.unwrap_or_default())
            }
            (Command::PlacePhoto, Some(p)) => {
                let now = p.after_paragraph.map(|a| a.to_string()).unwrap_or_default();
                self.ask_photo_field(n, PhotoField::Place, now);
            }
            (Command::ToggleDecorative, Some(p)) => {
                let alt = if p.decorative {
                    AltText::Alt(p.alt.unwrap_or_default())
                } else {
                    AltText::Decorative
                };
                let change = PhotoChange {
                    alt: Some(alt),
                    ..PhotoChange::default()
                };
                let article = editor.article_id;
                self.submit_photo_change(article, n, change)?;
            }
            (Command::MovePhotoUp, Some(_)) if n > 1 => self.move_photo_now(n, n - 1)?,
            (Command::MovePhotoDown, Some(_)) if n < count => self.move_photo_now(n, n + 1)?,
            (Command::RemovePhoto, Some(p)) => {
                self.modal = Some(Modal::Dialog(Dialog::ConfirmRemovePhoto {
                    article: editor.article_id,
                    n,
                    caption: p.caption,
                }));
            }
            _ => {}
        }
        Ok(())
    }

    fn ask_photo_field(&mut self, n: usize, field: PhotoField, text: String) {
        let Some(editor) = self.editor.as_ref() else {
            return;
        };
        self.modal = Some(Modal::Dialog(Dialog::Line {
            article: editor.article_id,
            title: editor.text().title,
            text,
            purpose: LineFor::Photo { n, field },
            error: None,
        }));
    }

    /// Enter on a photo's line: a detail typed, a correction's note, or a step of adding.
    /// A mistake keeps the dialog open with the sentence under the line.
    pub(super) fn confirm_photo_line(
        &mut self,
        article: ArticleId,
        title: String,
        purpose: LineFor,
        text: String,
    ) -> Result<(), StoreError> {
        let result = match &purpose {
            LineFor::Photo { n, field } => match self.change_for(article, *field, &text)? {
                Ok(change) => self.submit_photo_change(article, *n, change),
                Err(error) => {
                    self.keep_line(article, title, purpose, text, error);
                    return Ok(());
                }
            },
            LineFor::PhotoNote { n, change } => {
                if text.trim().is_empty() {
                    let error = self.t(Msg::NotePrompt).to_owned();
                    self.keep_line(article, title, purpose, text, error);
                    return Ok(());
                }
                let change = PhotoChange {
                    note: Some(text.clone()),
                    ..change.clone()
                };
                self.submit_photo_change(article, *n, change)
            }
            LineFor::AddPhoto(step) => return self.add_photo_step(article, title, step.clone(), text),
            _ => Ok(()),
        };
        if let Err(e) = result {
            let error = self.store_error(&e);
            self.keep_line(article, title, purpose, text, error);
        }
        Ok(())
    }

    pub(super) fn keep_line(
        &mut self,
        article: ArticleId,
        title: String,
        purpose: LineFor,
        text: String,
        error: String,
    ) {
        self.modal = Some(Modal::Dialog(Dialog::Line {
            article,
            title,
            text,
            purpose,
            error: Some(error),
        }));
    }

    /// The change a typed line asks for, or the sentence that says what is wrong with it.
    fn change_for(
        &self,
        article: ArticleId,
        field: PhotoField,
        text: &str,
    ) -> Result<Result<PhotoChange, String>, StoreError> {
        let mut change = PhotoChange::default();
        match field {
            PhotoField::Caption => change.caption = Some(text.to_owned()),
            PhotoField::Credit => change.credit = Some(text.to_owned()),
            PhotoField::Alt => change.alt = Some(AltText::Alt(text.to_owned())),
            PhotoField::Place => {
                // The stored body is the one the store checks the number against.
                let max = placement::paragraph_count(&self.store.article(article)?.body);
                match text.trim().parse::<u32>() {
                    Ok(p) if p as usize <= max => change.after_paragraph = Some(p),
                    _ => return Ok(Err(self.t(Msg::PlaceBad).replace("{max}", &max.to_string()))),
                }
            }
        }
        Ok(Ok(change))
    }

    /// Saves a change to photo `n`, or first asks for the note when it corrects a published
    /// article in public.
    fn submit_photo_change(
        &mut self,
        article: ArticleId,
        n: usize,
        change: PhotoChange,
    ) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_ref().filter(|e| e.article_id == article) else {
            return Ok(());
        };
        if editor.editing == Editing::Correction && change.note.is_none() {
            let title = editor.text().title;
            self.modal = Some(Modal::Dialog(Dialog::Line {
                article,
                title,
                text: String::new(),
                purpose: LineFor::PhotoNote { n, change },
                error: None,
            }));
            return Ok(());
        }
        let now = self.session.clock.now();
        self.store
            .change_photo(&self.session.user, article, n, &change, now)?;
        self.refresh_photos(article, None)?;
        if change.note.is_some()
            && let Some(editor) = self.editor.as_mut()
        {
            editor.corrected_at = Some(now);
        }
        let msg = if change.caption.is_some() {
            Msg::CaptionSaved
        } else {
            Msg::PhotoSaved
        };
        self.tell(self.t(msg).replace("{n}", &n.to_string()));
        Ok(())
    }

    fn move_photo_now(&mut self, n: usize, to: usize) -> Result<(), StoreError> {
        let Some(article) = self.editor.as_ref().map(|e| e.article_id) else {
            return Ok(());
        };
        let now = self.session.clock.now();
        self.store.move_photo(&self.session.user, article, n, to, now)?;
        self.refresh_photos(article, Some(to - 1))?;
        let text = self
            .t(Msg::PhotoMoved)
            .replace("{n}", &n.to_string())
            .replace("{to}", &to.to_string());
        self.tell(text);
        Ok(())
    }

    pub(super) fn remove_photo_now(&mut self, article: ArticleId, n: usize) -> Result<(), StoreError> {
        let now = self.session.clock.now();
        self.store.remove_photo(&self.session.user, article, n, now)?;
        self.refresh_photos(article, None)?;
        self.tell(self.t(Msg::PhotoRemoved).replace("{n}", &n.to_string()));
        Ok(())
    }

    /// Shows the article's photos as the store now has them, the cursor on `select` or
    /// where it was, within the list.
    pub(super) fn refresh_photos(
        &mut self,
        article: ArticleId,
        select: Option<usize>,
    ) -> Result<(), StoreError> {
        let photos = self.store.article(article)?.photos;
        if let Some(editor) = self.editor.as_mut().filter(|e| e.article_id == article) {
            let last = photos.len().saturating_sub(1);
            if let Some(Overlay::Photos { selected }) = editor.overlay.as_mut() {
                *selected = select.unwrap_or(*selected).min(last);
            }
            editor.photos = photos;
        }
        Ok(())
    }

    pub(super) fn tell(&mut self, text: String) {
        self.notice = Some(Notice {
            text,
            is_error: false,
        });
    }
}

#[cfg(test)]
impl App {
    /// What the store holds, for screen tests that check a change reached it.
    pub(crate) fn store_for_tests(&self) -> &crate::store::Store {
        &self.store
    }
}

#[cfg(test)]
impl App {
    pub(crate) fn store_for_tests_mut(&mut self) -> &mut crate::store::Store {
        &mut self.store
    }
}
