//! The writing aids in the TUI: the built-in Telex/VNI mode, which every text field gets
//! because it turns one pressed key into the keys the field would have seen (Backspaces and
//! letters, as an input method sends them), and the spelling checker's findings for the
//! editor, re-checked paragraph by paragraph.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::text::vietnamese::{
    Checker, Composer, Finding, InputMethod, ParagraphCheck, Placement, Verdicts, convert, style_of, words,
};

/// The built-in input method: off until its key is pressed.
#[derive(Debug, Clone)]
pub struct Typing {
    pub on: bool,
    composer: Composer,
}

impl Default for Typing {
    fn default() -> Self {
        Typing::new(InputMethod::Telex, Placement::New)
    }
}

impl Typing {
    pub fn new(method: InputMethod, placement: Placement) -> Typing {
        Typing {
            on: false,
            composer: Composer::new(method, placement),
        }
    }

    pub fn toggle(&mut self) {
        self.on = !self.on;
        self.composer.reset();
    }

    /// What the status line shows while the mode is on.
    pub fn label(&self) -> Option<&'static str> {
        self.on.then(|| self.composer.method.name())
    }

    /// Anything but typing (a command, a paste) ends the word being composed.
    pub fn reset(&mut self) {
        self.composer.reset();
    }

    /// The keys the focused field sees for one pressed key.
    pub fn expand(&mut self, key: KeyEvent) -> Vec<KeyEvent> {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if self.on && plain => {
                let (delete, insert) = self.composer.key(c);
                let backspaces =
                    std::iter::repeat_n(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE), delete);
                let letters = insert
                    .chars()
                    .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                backspaces.chain(letters).collect()
            }
            _ => {
                self.composer.reset();
                vec![key]
            }
        }
    }
}

/// The checker and what it found in each paragraph, kept until the paragraph changes: a
/// keystroke re-checks one paragraph (well under a millisecond), never the article.
#[derive(Debug, Default)]
pub struct Spelling {
    checker: Arc<Checker>,
    cache: RefCell<HashMap<String, Arc<ParagraphCheck>>>,
    /// The lines of the last check, in order, with their checks. Each frame compares a line
    /// with the one at its place before looking it up in `cache`: hashing the whole of a
    /// 10,000-word article on every frame cost more than comparing it.
    last: RefCell<Vec<(String, Arc<ParagraphCheck>)>>,
    /// Every word's verdict so far, so that re-checking the paragraph being typed asks the
    /// dictionary about the one word that changed.
    verdicts: RefCell<Verdicts>,
    /// The last check's view, and the article and edit it was made at.
    shown: RefCell<Option<(crate::domain::ArticleId, u64, Rc<Shown>)>>,
    /// Set while the TUI draws typing before checking it (`App::settle`).
    lagging: Cell<bool>,
}

/// What the editor shows of the checker: the flagged words, underlined wherever they are on
/// screen, and how many findings the checklist counts. The word being typed (the caret in it
/// or just after it) is left out until the caret leaves it, as word processors do: half a
/// word is not a misspelling, and Vietnamese passes through several on its way (`ngươ`
/// before `người`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    pub count: usize,
    pub flagged: HashSet<String>,
}

/// More distinct words than an article has: past this the verdicts start again.
const VERDICTS_KEPT: usize = 100_000;

impl Spelling {
    pub fn new(checker: Checker) -> Spelling {
        Spelling {
            checker: Arc::new(checker),
            ..Spelling::default()
        }
    }

    pub fn checker(&self) -> &Checker {
        &self.checker
    }

    /// A word just added to the newsroom's list: never flagged again in this session.
    pub fn allow(&mut self, word: &str) {
        Arc::make_mut(&mut self.checker).allow([word.to_owned()]);
        self.cache.borrow_mut().clear();
        self.last.borrow_mut().clear();
        self.verdicts.borrow_mut().clear();
        self.shown.borrow_mut().take();
    }

    /// What to draw for the editor: the last check while it is current, or while typing
    /// lags it in the TUI; otherwise a check now.
    pub fn shown(&self, editor: &super::Editor) -> Rc<Shown> {
        if let Some((article, edits, shown)) = &*self.shown.borrow()
            && *article == editor.article_id
            && (*edits == editor.edits() || self.lagging.get())
        {
            return Rc::clone(shown);
        }
        self.refresh(editor)
    }

    /// While on, typing goes on screen before it is checked, and `settle` checks it once the
    /// frame is out. Anything but typing turns it off: its frame is checked first.
    pub fn set_lag(&self, on: bool) {
        self.lagging.set(on);
    }

    /// Checks the editor's text if it changed since the last check. True when what the
    /// screen shows of it changed, so the frame must be drawn again.
    pub fn settle(&self, editor: &super::Editor) -> bool {
        self.lagging.set(false);
        let before = match &*self.shown.borrow() {
            Some((article, edits, shown)) if *article == editor.article_id => {
                if *edits == editor.edits() {
                    return false;
                }
                Some(Rc::clone(shown))
            }
            _ => None,
        };
        let after = self.refresh(editor);
        before.is_none_or(|before| before != after)
    }

    fn refresh(&self, editor: &super::Editor) -> Rc<Shown> {
        let findings = self.check(&editor.spelling_lines());
        let typing = editor.typing_at().and_then(|(field, row, col)| {
            let before: usize = CHECKED
                .iter()
                .take_while(|f| **f != field)
                .map(|f| editor.field(*f).lines().len())
                .sum();
            CHECKED.contains(&field).then_some((before + row + 1, col))
        });
        let mut shown = Shown::default();
        for f in &findings {
            let start = f.column - 1;
            let end = start + f.word.chars().count();
            if typing.is_some_and(|(line, col)| line == f.line && (start..=end).contains(&col)) {
                continue;
            }
            shown.count += 1;
            shown
                .flagged
                .extend(words(&f.word).map(|w| f.word[w.start..w.end].to_lowercase()));
        }
        let shown = Rc::new(shown);
        *self.shown.borrow_mut() = Some((editor.article_id, editor.edits(), Rc::clone(&shown)));
        shown
    }

    /// The words to underline in the photo panel: the article's captions, read as one short
    /// text of their own (as `newsroom check` reads each caption). The editor's check and
    /// what it remembers place by place are left alone; the verdicts are shared.
    pub fn flagged_in_captions(&self, captions: &[&str]) -> HashSet<String> {
        let mut verdicts = self.verdicts.borrow_mut();
        let checks: Vec<ParagraphCheck> = captions
            .iter()
            .map(|caption| self.checker.paragraph_remembering(caption, &mut verdicts))
            .collect();
        let refs: Vec<&ParagraphCheck> = checks.iter().collect();
        self.checker
            .report(captions, &refs)
            .findings
            .iter()
            .flat_map(|f| words(&f.word).map(|w| f.word[w.start..w.end].to_lowercase()))
            .collect()
    }

    /// The findings of the given lines, read as one article.
    pub fn check(&self, lines: &[&str]) -> Vec<Finding> {
        let mut cache = self.cache.borrow_mut();
        let mut last = self.last.borrow_mut();
        let mut verdicts = self.verdicts.borrow_mut();
        if verdicts.len() > VERDICTS_KEPT {
            verdicts.clear();
        }
        let mut checks: Vec<Arc<ParagraphCheck>> = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            if let Some((was, check)) = last.get(i)
                && was == line
            {
                checks.push(Arc::clone(check));
                continue;
            }
            let check = match cache.get(*line) {
                Some(c) => Arc::clone(c),
                None => {
                    let c = Arc::new(self.checker.paragraph_remembering(line, &mut verdicts));
                    cache.insert((*line).to_owned(), Arc::clone(&c));
                    c
                }
            };
            let entry = ((*line).to_owned(), Arc::clone(&check));
            match last.get_mut(i) {
                Some(at) => *at = entry,
                None => last.push(entry),
            }
            checks.push(check);
        }
        last.truncate(lines.len());
        // Paragraphs typed over and gone: keep the cache the size of the article.
        if cache.len() > 2 * lines.len() + 64 {
            let keep: std::collections::HashSet<&str> = lines.iter().copied().collect();
            cache.retain(|k, _| keep.contains(k.as_str()));
        }
        let refs: Vec<&ParagraphCheck> = checks.iter().map(|c| c.as_ref()).collect();
        self.checker.report(lines, &refs).findings
    }
}

impl super::App {
    /// The config's input method and the spelling checker (with the newsroom's word list).
    pub fn with_writing_aids(
        mut self,
        method: InputMethod,
        placement: Placement,
        checker: Checker,
    ) -> super::App {
        self.typing = Typing::new(method, placement);
        self.spelling = Spelling::new(checker);
        self
    }
}

impl super::Editor {
    /// The lines the checker reads, in reading order: title, lead, body, tags.
    pub fn spelling_lines(&self) -> Vec<&str> {
        use super::Field;
        [Field::Title, Field::Lead, Field::Body, Field::Tags]
            .into_iter()
            .flat_map(|f| self.field(f).lines().iter().map(String::as_str))
            .collect()
    }
}

/// The fields the checker reads, in reading order (captions are checked in the photos).
const CHECKED: [super::Field; 4] = [
    super::Field::Title,
    super::Field::Lead,
    super::Field::Body,
    super::Field::Tags,
];

impl super::App {
    /// The whole article in the house tone placement (or the one most of it already uses),
    /// one undoable edit per field, with a notice saying how many words moved.
    pub(super) fn normalise_tones(&mut self) {
        let Some(editor) = self.editor.as_mut() else {
            return;
        };
        if editor.is_read_only() {
            self.say(crate::i18n::Msg::ToneReadOnly);
            return;
        }
        let text = editor.spelling_lines().join("\n");
        let Some(placement) = self.spelling.checker().placement_for(&text) else {
            self.notice = Some(super::Notice {
                text: self.t(crate::i18n::Msg::NoToneStyle).to_owned(),
                is_error: false,
            });
            return;
        };
        let mut changed = 0;
        for field in CHECKED {
            let lines = editor.field(field).lines();
            let moved: usize = lines
                .iter()
                .map(|line| {
                    words(line)
                        .filter(|w| style_of(&line[w.start..w.end]).is_some_and(|s| s != placement))
                        .count()
                })
                .sum();
            let new: Vec<String> = lines.iter().map(|line| convert(line, placement)).collect();
            if moved > 0 && editor.replace_field(field, new) {
                changed += moved;
            }
        }
        let style = match placement {
            Placement::New => "hoà/thuỷ",
            Placement::Old => "hòa/thủy",
        };
        self.notice = Some(super::Notice {
            text: self
                .t(crate::i18n::Msg::TonesNormalised)
                .replace("{n}", &changed.to_string())
                .replace("{style}", style),
            is_error: false,
        });
    }
}
