//! The editor's photo panel: the article's photos with what each still lacks, and the
//! caption typed in a line dialog. Saving a caption is a store change of its own, with its
//! revision, whatever the text on screen holds.

use super::workflow::{Dialog, LineFor};
use super::{App, Modal, Overlay};
use crate::i18n::Msg;
use crate::keymap::Command;
use crate::store::{PhotoChange, StoreError};

impl App {
    pub(super) fn run_in_photos(&mut self, command: Command) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        let count = editor.photos.len();
        let selected = match editor.overlay {
            Some(Overlay::Photos { selected }) => selected,
            _ => 0,
        };
        match command {
            Command::Photos => editor.overlay = Some(Overlay::Photos { selected: 0 }),
            Command::Back => editor.overlay = None,
            Command::Quit => self.quit(),
            Command::Down if count > 0 => {
                editor.overlay = Some(Overlay::Photos {
                    selected: (selected + 1).min(count - 1),
                });
            }
            Command::Up => {
                editor.overlay = Some(Overlay::Photos {
                    selected: selected.saturating_sub(1),
                });
            }
            Command::Open if editor.is_read_only() => self.say(Msg::ReadOnly),
            Command::Open => {
                if let Some(photo) = editor.photos.get(selected) {
                    self.modal = Some(Modal::Dialog(Dialog::Line {
                        article: editor.article_id,
                        title: String::new(),
                        text: photo.caption.clone(),
                        purpose: LineFor::Caption { n: selected + 1 },
                        error: None,
                    }));
                }
            }
            Command::Help => {
                self.modal = Some(Modal::Help {
                    contexts: super::PHOTOS,
                })
            }
            _ => {}
        }
        Ok(())
    }

    /// Saves one caption and shows the article's photos as the store now has them.
    pub(super) fn save_caption(&mut self, article: i64, n: usize, caption: &str) -> Result<(), StoreError> {
        let change = PhotoChange {
            caption: Some(caption.to_owned()),
            ..PhotoChange::default()
        };
        let now = self.session.clock.now();
        self.store
            .change_photo(&self.session.user, article, n, &change, now)?;
        let photos = self.store.article(article)?.photos;
        if let Some(editor) = self.editor.as_mut().filter(|e| e.article_id == article) {
            editor.photos = photos;
        }
        let text = self.t(Msg::CaptionSaved).replace("{n}", &n.to_string());
        self.notice = Some(super::Notice {
            text,
            is_error: false,
        });
        Ok(())
    }
}

#[cfg(test)]
impl App {
    /// What the store holds, for screen tests that check a change reached it.
    pub(crate) fn store_for_tests(&self) -> &crate::store::Store {
        &self.store
    }
}
