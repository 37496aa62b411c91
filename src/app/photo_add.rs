//! Adding a photo from the panel: a file name completed with Tab, then the caption, then
//! the credit, and the image copied into the media library only at the end, so Esc at any
//! step leaves nothing behind. Under `--restricted` the only files offered or accepted are
//! the person's inbox (`photo-put` over SSH): nothing else of the file system is reachable.

use std::path::{Path, PathBuf};

use super::workflow::{Dialog, LineFor};
use super::{App, Modal};
use crate::domain::ArticleId;
use crate::i18n::Msg;
use crate::media;
use crate::store::{PhotoChange, StoreError};

/// Where adding a photo stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddStep {
    /// Typing the file name; `choices` are what the last Tab matched, shown under the line.
    File {
        choices: Vec<String>,
    },
    Caption {
        file: String,
    },
    Credit {
        file: String,
        caption: String,
    },
}

/// Enough names to choose from on one screen, and a bound on what a huge folder costs.
const MAX_CHOICES: usize = 500;

impl App {
    /// `n` in the panel: the file line, once the store says this person may add photos here.
    pub(super) fn start_add_photo(&mut self) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_ref() else {
            return Ok(());
        };
        let (article, title) = (editor.article_id, editor.text().title);
        self.store.check_photo_add(&self.session.user, article, None)?;
        if self.session.restricted && self.inbox().is_empty() {
            self.say(Msg::InboxEmpty);
            return Ok(());
        }
        self.modal = Some(Modal::Dialog(Dialog::Line {
            article,
            title,
            text: String::new(),
            purpose: LineFor::AddPhoto(AddStep::File { choices: Vec::new() }),
            error: None,
        }));
        Ok(())
    }

    fn inbox(&self) -> Vec<String> {
        media::inbox_files(&self.media_dir, self.session.user.login.as_str(), MAX_CHOICES)
    }

    /// Tab on the file line: the longest completion all matches share, and the matches.
    pub(super) fn complete_photo_file(&mut self, article: ArticleId, title: String, typed: &str) {
        let (base, choices) = if self.session.restricted {
            let names = self
                .inbox()
                .into_iter()
                .filter(|n| n.starts_with(typed))
                .collect();
            (String::new(), names)
        } else {
            let (base, prefix) = match typed.rfind('/') {
                Some(i) => typed.split_at(i + 1),
                None => ("", typed),
            };
            (base.to_owned(), entries(&expand_home(base), prefix))
        };
        let text = match choices.as_slice() {
            [] => typed.to_owned(),
            [one] => format!("{base}{one}"),
            many => format!("{base}{}", common_prefix(many)),
        };
        let choices = if choices.len() == 1 { Vec::new() } else { choices };
        self.modal = Some(Modal::Dialog(Dialog::Line {
            article,
            title,
            text,
            purpose: LineFor::AddPhoto(AddStep::File { choices }),
            error: None,
        }));
    }

    /// The file a typed name stands for; under `--restricted` only an inbox name counts.
    fn photo_path(&self, typed: &str) -> Result<PathBuf, String> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(self.t(Msg::NoFileGiven).to_owned());
        }
        if self.session.restricted {
            return if self.inbox().iter().any(|n| n == typed) {
                Ok(media::inbox(&self.media_dir, self.session.user.login.as_str()).join(typed))
            } else {
                Err(self.t(Msg::NotInInbox).replace("{file}", typed))
            };
        }
        Ok(expand_home(typed))
    }

    /// Reads and checks the image; the sentence says why it cannot be added.
    fn read_photo(&self, typed: &str) -> Result<(Vec<u8>, media::ImageInfo), String> {
        let path = self.photo_path(typed)?;
        let limit = self.media.max_bytes();
        media::read_image(&path, limit).map_err(|e| self.refused(typed, &e))
    }

    fn refused(&self, typed: &str, e: &media::MediaError) -> String {
        self.t(Msg::ImageRefused)
            .replace("{file}", typed.trim())
            .replace("{e}", &e.to_string())
            .replace("{max}", &crate::files::size(self.media.max_bytes()))
    }

    /// Enter at one step of adding: on to the next, or the photo added at the last.
    pub(super) fn add_photo_step(
        &mut self,
        article: ArticleId,
        title: String,
        step: AddStep,
        text: String,
    ) -> Result<(), StoreError> {
        let next = |step: AddStep| {
            Modal::Dialog(Dialog::Line {
                article,
                title: title.clone(),
                text: String::new(),
                purpose: LineFor::AddPhoto(step),
                error: None,
            })
        };
        match step {
            AddStep::File { .. } => match self.read_photo(&text) {
                // Checked now so a wrong name is fixed before typing a caption for it.
                Ok(_) => self.modal = Some(next(AddStep::Caption { file: text })),
                Err(error) => {
                    let purpose = LineFor::AddPhoto(AddStep::File { choices: Vec::new() });
                    self.keep_line(article, title, purpose, text, error);
                }
            },
            AddStep::Caption { file } => self.modal = Some(next(AddStep::Credit { file, caption: text })),
            AddStep::Credit { file, caption } => {
                let added = self.read_photo(&file).and_then(|(bytes, info)| {
                    media::store(&self.media_dir, &bytes, info).map_err(|e| self.refused(&file, &e))
                });
                let stored = match added {
                    Ok(stored) => stored,
                    Err(error) => {
                        let purpose = LineFor::AddPhoto(AddStep::Credit { file, caption });
                        self.keep_line(article, title, purpose, text, error);
                        return Ok(());
                    }
                };
                let change = PhotoChange {
                    caption: Some(caption),
                    credit: Some(text),
                    ..PhotoChange::default()
                };
                let now = self.session.clock.now();
                let n = self
                    .store
                    .add_photo(&self.session.user, article, &stored, &change, now)?;
                self.refresh_photos(article, Some(n - 1))?;
                self.tell(self.t(Msg::PhotoAdded).replace("{n}", &n.to_string()));
            }
        }
        Ok(())
    }
}

/// `~/…` is the home folder, as in a shell.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ if typed == "~" => std::env::var_os("HOME").map_or_else(|| PathBuf::from(typed), PathBuf::from),
        _ => PathBuf::from(typed),
    }
}

/// Names in `dir` (the current folder when empty) that start with `prefix`, folders marked
/// with a trailing `/`; hidden ones only when the prefix asks for them.
fn entries(dir: &Path, prefix: &str) -> Vec<String> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .take(MAX_CHOICES * 20)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            // Through a symlink, as the shell completes.
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .take(MAX_CHOICES)
        .collect();
    names.sort();
    names
}

fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut len = first.len();
    for name in &names[1..] {
        len = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0)
            .min(len);
    }
    first[..len].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_prefix_stops_at_the_first_difference_and_respects_letters() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&names(&["ảnh-1.png", "ảnh-2.png"])), "ảnh-");
        assert_eq!(common_prefix(&names(&["ảnh", "ánh"])), "");
        assert_eq!(common_prefix(&names(&["a.png"])), "a.png");
    }

    #[test]
    fn entries_complete_names_and_mark_folders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cau-1.png"), b"x").unwrap();
        std::fs::write(dir.path().join("cau-2.png"), b"x").unwrap();
        std::fs::write(dir.path().join(".an.png"), b"x").unwrap();
        std::fs::create_dir(dir.path().join("cau-cu")).unwrap();
        assert_eq!(entries(dir.path(), "cau"), ["cau-1.png", "cau-2.png", "cau-cu/"]);
        assert_eq!(entries(dir.path(), "cau-c"), ["cau-cu/"]);
        assert!(entries(dir.path(), "").iter().all(|n| !n.starts_with('.')));
        assert_eq!(entries(dir.path(), "."), [".an.png"]);
    }
}
