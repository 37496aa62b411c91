//! The next flagged word (F7) and its small list: the checker's suggestions, adding the
//! word to the newsroom's list, or leaving it. The list is modal: nothing is typed into
//! the article while it is open, so the word it names is still where it was.

use crate::i18n::Msg;
use crate::keymap::Command;
use crate::store::StoreError;
use crate::text::vietnamese::Finding;

use super::{App, Field, Modal, Notice};

/// How many suggestions the list offers: a short list reads at a glance.
const SUGGESTIONS: usize = 5;

/// The fields the checker reads, in reading order, as `Editor::spelling_lines` gives them.
const CHECKED: [Field; 4] = [Field::Title, Field::Lead, Field::Body, Field::Tags];

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Replace(String),
    AddToWordList,
    Ignore,
}

/// The open list, for the word at `field`, `row`, bytes `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    pub word: String,
    pub field: Field,
    pub row: usize,
    pub start: usize,
    pub end: usize,
    /// The word's first character's column, where the caret was put.
    pub start_col: usize,
    pub choices: Vec<Choice>,
    pub selected: usize,
}

/// Where a finding is: its field and the row within it.
fn place_of(lines_per_field: &[(Field, usize)], finding: &Finding) -> Option<(Field, usize)> {
    let mut line = finding.line.checked_sub(1)?;
    for (field, n) in lines_per_field {
        if line < *n {
            return Some((*field, line));
        }
        line -= n;
    }
    None
}

impl App {
    /// Jumps the caret to the next flagged word at or after it (wrapping to the first) and opens
    /// its list; a notice when nothing is flagged.
    pub(super) fn next_flagged(&mut self) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        let findings = self.spelling.check(&editor.spelling_lines());
        let sizes: Vec<(Field, usize)> = CHECKED
            .iter()
            .map(|f| (*f, editor.field(*f).lines().len()))
            .collect();
        let cursor = editor.field(editor.focus).cursor();
        let caret = (editor.focus.index(), cursor.0, cursor.1);
        let placed: Vec<(Field, usize, &Finding)> = findings
            .iter()
            .filter_map(|f| place_of(&sizes, f).map(|(field, row)| (field, row, f)))
            .collect();
        let after = placed
            .iter()
            .find(|(field, row, f)| (field.index(), *row, f.column - 1) >= caret)
            .or_else(|| placed.first());
        let Some((field, row, finding)) = after else {
            self.notice = Some(Notice {
                text: self.t(Msg::NothingFlagged).to_owned(),
                is_error: false,
            });
            return;
        };
        editor.jump_to(*field, *row, finding.column - 1);
        let mut choices: Vec<Choice> = self
            .spelling
            .checker()
            .suggest(finding, SUGGESTIONS)
            .into_iter()
            .map(Choice::Replace)
            .collect();
        // A newsroom's own list takes words, not house-rule phrases.
        if !editor.is_read_only() && !finding.word.contains(char::is_whitespace) {
            choices.push(Choice::AddToWordList);
        }
        choices.push(Choice::Ignore);
        self.modal = Some(Modal::Suggest(Suggestions {
            word: finding.word.clone(),
            field: *field,
            row: *row,
            start: finding.start,
            end: finding.end,
            start_col: finding.column - 1,
            choices,
            selected: 0,
        }));
    }

    pub(super) fn in_suggestions(&mut self, command: Command) -> Result<(), StoreError> {
        let Some(Modal::Suggest(mut list)) = self.modal.take() else {
            return Ok(());
        };
        let n = list.choices.len();
        match command {
            Command::Down => list.selected = (list.selected + 1) % n,
            Command::Up => list.selected = (list.selected + n - 1) % n,
            Command::Confirm => return self.apply_choice(list),
            Command::Back => return Ok(()),
            Command::Quit => {
                self.quit();
                return Ok(());
            }
            _ => {}
        }
        self.modal = Some(Modal::Suggest(list));
        Ok(())
    }

    fn apply_choice(&mut self, list: Suggestions) -> Result<(), StoreError> {
        let Some(editor) = self.editor.as_mut() else {
            return Ok(());
        };
        match &list.choices[list.selected.min(list.choices.len() - 1)] {
            Choice::Replace(with) => {
                let mut lines = editor.field(list.field).lines().to_vec();
                let Some(line) = lines.get_mut(list.row) else {
                    return Ok(());
                };
                if line.get(list.start..list.end) == Some(list.word.as_str()) {
                    line.replace_range(list.start..list.end, with);
                    editor.replace_field(list.field, lines);
                }
            }
            Choice::AddToWordList => {
                let now = self.session.clock.now();
                self.store.add_word(&self.session.user, &list.word, now)?;
                self.spelling.allow(&list.word);
                self.notice = Some(Notice {
                    text: self.t(Msg::WordAdded).replace("{word}", &list.word),
                    is_error: false,
                });
            }
            // Past the word, so the next F7 goes on to the one after.
            Choice::Ignore => {
                let col = list.word.chars().count() + list.start_col;
                editor.jump_to(list.field, list.row, col);
            }
        }
        Ok(())
    }
}
