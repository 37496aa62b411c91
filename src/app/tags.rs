//! The Tags tab: every tag with its article count, paged by slug, filtered with `/`
//! (without diacritics), and an editor's rename and merge, each confirmed in a dialog.
//!
//! Owns: the tag list's plain state and its dialogs. May not touch: SQL
//! (src/store/tags.rs), drawing (src/ui/tags.rs).

use crossterm::event::KeyEvent;

use super::paging::{Paged, Source};
use super::{App, Modal, Notice};
use crate::domain::{Operation, Tag};
use crate::i18n::Msg;
use crate::keymap::Command;
use crate::store::{Store, StoreError, TagRow};

/// How many targets the merge dialog offers at once.
pub const MERGE_CHOICES: usize = 6;

/// Tags in slug order; `filter` keeps those whose folded name contains it.
#[derive(Debug, Clone, Default)]
pub struct TagSource {
    pub filter: String,
}

impl Source for TagSource {
    type Row = TagRow;
    type Key = i64;

    fn key(row: &TagRow) -> i64 {
        row.id
    }
    fn id(row: &TagRow) -> i64 {
        row.id
    }
    fn from(&self, store: &Store, anchor: Option<i64>, limit: usize) -> Result<Vec<TagRow>, StoreError> {
        store.tag_rows_from(&self.filter, anchor, limit)
    }
    fn above(&self, store: &Store, key: Option<i64>, limit: usize) -> Result<Vec<TagRow>, StoreError> {
        store.tag_rows_above(&self.filter, key, limit)
    }
    fn count(&self, store: &Store) -> Result<u64, StoreError> {
        store.tag_count(&self.filter)
    }
}

pub type TagList = Paged<TagSource>;

/// A dialog of the Tags tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagDialog {
    /// The new name being typed.
    Rename {
        tag: TagRow,
        text: String,
        error: Option<String>,
    },
    /// The tag to merge into, found by typing; `choices` follow the text.
    MergeInto {
        tag: TagRow,
        text: String,
        choices: Vec<Tag>,
        selected: usize,
        error: Option<String>,
    },
    ConfirmRename {
        tag: TagRow,
        new: String,
    },
    ConfirmMerge {
        tag: TagRow,
        into: Tag,
    },
}

impl TagDialog {
    pub fn is_line(&self) -> bool {
        matches!(self, TagDialog::Rename { .. } | TagDialog::MergeInto { .. })
    }
}

impl App {
    pub fn may_manage_tags(&self) -> bool {
        self.session.user.role.may(Operation::ManageTags)
    }

    pub(super) fn run_in_tags(&mut self, command: Command) -> Result<(), StoreError> {
        let may_manage = self.may_manage_tags();
        let store = &self.store;
        let list = &mut self.tags;
        match command {
            Command::Down => list.down(store)?,
            Command::Up => list.up(store)?,
            Command::PageDown => list.page_down(store)?,
            Command::PageUp => list.page_up(store)?,
            Command::First => list.first(store)?,
            Command::Last => list.last(store)?,
            Command::Open => {
                if let Some(slug) = list.selected_row().map(|r| r.tag.slug.clone()) {
                    self.show_tagged_articles(&slug)?;
                }
            }
            Command::RenameTag | Command::MergeTag if !may_manage => self.say(Msg::TagsNoRights),
            Command::RenameTag => {
                if let Some(tag) = list.selected_row().cloned() {
                    let text = tag.tag.name.clone();
                    self.modal = Some(Modal::Tag(TagDialog::Rename {
                        tag,
                        text,
                        error: None,
                    }));
                }
            }
            Command::MergeTag => {
                if let Some(tag) = list.selected_row().cloned() {
                    let mut dialog = TagDialog::MergeInto {
                        tag,
                        text: String::new(),
                        choices: Vec::new(),
                        selected: 0,
                        error: None,
                    };
                    refill_choices(&self.store, &mut dialog)?;
                    self.modal = Some(Modal::Tag(dialog));
                }
            }
            other => return self.run(other),
        }
        Ok(())
    }

    /// Enter on a tag: the Articles list, searched for `tag:SLUG`, which `Esc` clears.
    fn show_tagged_articles(&mut self, slug: &str) -> Result<(), StoreError> {
        self.tab = super::Tab::Articles;
        self.search = Some(super::Search {
            tab: super::Tab::Articles,
            text: format!("tag:{slug}"),
            applied: String::new(),
            words: Vec::new(),
            editing: false,
            typed_at: self.session.clock.now(),
        });
        self.apply_search()
    }

    /// `/` on the Tags tab: the typed text filters the list, folded like tag slugs.
    pub(super) fn filter_tags(&mut self, text: &str) -> Result<(), StoreError> {
        self.tags.source.filter = text.trim().to_owned();
        self.tags.reset(&self.store)
    }

    /// A command while a Tags dialog is open.
    pub(super) fn in_tag_dialog(&mut self, dialog: TagDialog, command: Command) -> Result<(), StoreError> {
        match (dialog, command) {
            (_, Command::Back) => {}
            (_, Command::Quit) => self.quit(),
            (TagDialog::Rename { tag, text, .. }, Command::Confirm) => match Tag::parse(&text) {
                Ok(new) if new.name == tag.tag.name => {}
                Ok(new) => {
                    self.modal = Some(Modal::Tag(TagDialog::ConfirmRename { tag, new: new.name }));
                }
                Err(e) => {
                    let error = Some(e.to_string());
                    self.modal = Some(Modal::Tag(TagDialog::Rename { tag, text, error }));
                }
            },
            (
                TagDialog::MergeInto {
                    tag,
                    text,
                    choices,
                    selected,
                    ..
                },
                Command::Confirm,
            ) => match choices.get(selected).cloned() {
                Some(into) => self.modal = Some(Modal::Tag(TagDialog::ConfirmMerge { tag, into })),
                None => {
                    let error = Some(self.t(Msg::TagMergeNoTarget).to_owned());
                    self.modal = Some(Modal::Tag(TagDialog::MergeInto {
                        tag,
                        text,
                        choices,
                        selected,
                        error,
                    }));
                }
            },
            (
                TagDialog::MergeInto {
                    tag,
                    text,
                    choices,
                    selected,
                    error,
                },
                Command::NextField | Command::PrevField | Command::Down | Command::Up,
            ) => {
                let n = choices.len().max(1);
                let selected = match command {
                    Command::NextField | Command::Down => (selected + 1) % n,
                    _ => (selected + n - 1) % n,
                };
                self.modal = Some(Modal::Tag(TagDialog::MergeInto {
                    tag,
                    text,
                    choices,
                    selected,
                    error,
                }));
            }
            (TagDialog::ConfirmRename { tag, new }, Command::Confirm) => {
                let now = self.session.clock.now();
                let renamed = self
                    .store
                    .rename_tag(&self.session.user, &tag.tag.slug, &new, now)?;
                self.tags.refresh(&self.store)?;
                self.articles.refresh(&self.store)?;
                let text = self.t(Msg::TagRenamed).replace("{tag}", &renamed.name);
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            (TagDialog::ConfirmMerge { tag, into }, Command::Confirm) => {
                let now = self.session.clock.now();
                let (into, n) = self
                    .store
                    .merge_tags(&self.session.user, &tag.tag.slug, &into.slug, now)?;
                self.tags.refresh(&self.store)?;
                self.articles.refresh(&self.store)?;
                let text = self
                    .t(Msg::TagMerged)
                    .replace("{tag}", &into.name)
                    .replace("{n}", &n.to_string());
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            (dialog, _) => self.modal = Some(Modal::Tag(dialog)),
        }
        Ok(())
    }

    /// A key typed into a Tags dialog's line; the merge targets follow what is typed.
    pub(super) fn type_into_tag_dialog(&mut self, key: KeyEvent) -> Result<bool, StoreError> {
        let Some(Modal::Tag(dialog)) = self.modal.as_mut() else {
            return Ok(false);
        };
        let (TagDialog::Rename { text, error, .. } | TagDialog::MergeInto { text, error, .. }) = dialog
        else {
            return Ok(false);
        };
        if !super::queue::type_into(text, key) {
            return Ok(false);
        }
        *error = None;
        refill_choices(&self.store, dialog)?;
        Ok(true)
    }

    pub(super) fn paste_into_tag_dialog(&mut self, pasted: &str) -> Result<bool, StoreError> {
        let Some(Modal::Tag(dialog)) = self.modal.as_mut() else {
            return Ok(false);
        };
        let (TagDialog::Rename { text, .. } | TagDialog::MergeInto { text, .. }) = dialog else {
            return Ok(false);
        };
        text.push_str(&crate::text::normalize_input(pasted).replace('\n', " "));
        refill_choices(&self.store, dialog)?;
        Ok(true)
    }
}

/// The merge targets for what is typed: matching tags other than the one being merged;
/// with nothing typed, the most used tags that come first.
fn refill_choices(store: &Store, dialog: &mut TagDialog) -> Result<(), StoreError> {
    let TagDialog::MergeInto {
        tag,
        text,
        choices,
        selected,
        ..
    } = dialog
    else {
        return Ok(());
    };
    let found = if text.trim().is_empty() {
        store
            .tag_rows_from("", None, MERGE_CHOICES + 1)?
            .into_iter()
            .map(|r| r.tag)
            .collect()
    } else {
        store.complete_tags(text, MERGE_CHOICES + 1)?
    };
    *choices = found
        .into_iter()
        .filter(|t| t.slug != tag.tag.slug)
        .take(MERGE_CHOICES)
        .collect();
    *selected = 0;
    Ok(())
}
