//! Keys → commands, per context. The help screen and the hint bar are drawn from the same
//! table that resolves keys, so they cannot drift apart.
//!
//! Owns: key chords, the default bindings, config overrides, the input-method guard.
//! May not touch: App state, the store, drawing.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Msg;

/// Something a person can ask for with one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    NextTab,
    PrevTab,
    ShowArticles,
    ShowSchedule,
    ShowComments,
    ShowTags,
    Help,
    Search,
    Back,
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Open,
    NewArticle,
    Save,
    NextField,
    PrevField,
    TogglePreview,
    History,
    ExternalEditor,
    TakeOver,
    Undo,
    Redo,
    RestoreAutosave,
    KeepSaved,
    Approve,
    Reject,
    Spam,
    Mark,
    MarkBy,
    ApproveMarked,
    RejectMarked,
    SpamMarked,
    Reload,
    NextQueue,
    PrevQueue,
    MarkAuthor,
    MarkAddress,
    MarkWord,
    Confirm,
    Workflow,
    Submit,
    ReturnToDraft,
    ScheduleArticle,
    Unschedule,
    Publish,
    Unpublish,
    Spike,
    Unspike,
    DeleteDraft,
    ChangeSlug,
    RenameTag,
    MergeTag,
    Photos,
    AddPhoto,
    EditCaption,
    EditCredit,
    EditAlt,
    ToggleDecorative,
    PlacePhoto,
    MovePhotoUp,
    MovePhotoDown,
    RemovePhoto,
    FilterArticle,
    OpenArticle,
    RestoreRevision,
    PreviewDown,
    PreviewUp,
    ToggleInputMethod,
    NormaliseTones,
    NextFlagged,
    ShowContext,
}

impl Command {
    pub const ALL: [Command; 76] = [
        Command::NextTab,
        Command::PrevTab,
        Command::ShowArticles,
        Command::ShowSchedule,
        Command::ShowComments,
        Command::ShowTags,
        Command::Help,
        Command::Search,
        Command::Back,
        Command::Quit,
        Command::Up,
        Command::Down,
        Command::PageUp,
        Command::PageDown,
        Command::First,
        Command::Last,
        Command::Open,
        Command::NewArticle,
        Command::Save,
        Command::NextField,
        Command::PrevField,
        Command::TogglePreview,
        Command::History,
        Command::ExternalEditor,
        Command::TakeOver,
        Command::Undo,
        Command::Redo,
        Command::RestoreAutosave,
        Command::KeepSaved,
        Command::Approve,
        Command::Reject,
        Command::Spam,
        Command::Mark,
        Command::MarkBy,
        Command::ApproveMarked,
        Command::RejectMarked,
        Command::SpamMarked,
        Command::Reload,
        Command::NextQueue,
        Command::PrevQueue,
        Command::MarkAuthor,
        Command::MarkAddress,
        Command::MarkWord,
        Command::Confirm,
        Command::Workflow,
        Command::Submit,
        Command::ReturnToDraft,
        Command::ScheduleArticle,
        Command::Unschedule,
        Command::Publish,
        Command::Unpublish,
        Command::Spike,
        Command::Unspike,
        Command::DeleteDraft,
        Command::ChangeSlug,
        Command::RenameTag,
        Command::MergeTag,
        Command::Photos,
        Command::AddPhoto,
        Command::EditCaption,
        Command::EditCredit,
        Command::EditAlt,
        Command::ToggleDecorative,
        Command::PlacePhoto,
        Command::MovePhotoUp,
        Command::MovePhotoDown,
        Command::RemovePhoto,
        Command::FilterArticle,
        Command::OpenArticle,
        Command::RestoreRevision,
        Command::PreviewDown,
        Command::PreviewUp,
        Command::ToggleInputMethod,
        Command::NormaliseTones,
        Command::NextFlagged,
        Command::ShowContext,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Command::NextTab => "next-tab",
            Command::PrevTab => "prev-tab",
            Command::ShowArticles => "show-articles",
            Command::ShowSchedule => "show-schedule",
            Command::ShowComments => "show-comments",
            Command::ShowTags => "show-tags",
            Command::Help => "help",
            Command::Search => "search",
            Command::Back => "back",
            Command::Quit => "quit",
            Command::Up => "up",
            Command::Down => "down",
            Command::PageUp => "page-up",
            Command::PageDown => "page-down",
            Command::First => "first",
            Command::Last => "last",
            Command::Open => "open",
            Command::NewArticle => "new-article",
            Command::Save => "save",
            Command::NextField => "next-field",
            Command::PrevField => "prev-field",
            Command::TogglePreview => "toggle-preview",
            Command::History => "history",
            Command::ExternalEditor => "external-editor",
            Command::TakeOver => "take-over",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::RestoreAutosave => "restore-autosave",
            Command::KeepSaved => "keep-saved",
            Command::Approve => "approve",
            Command::Reject => "reject",
            Command::Spam => "spam",
            Command::Mark => "mark",
            Command::MarkBy => "mark-by",
            Command::ApproveMarked => "approve-marked",
            Command::RejectMarked => "reject-marked",
            Command::SpamMarked => "spam-marked",
            Command::Reload => "reload",
            Command::NextQueue => "next-queue",
            Command::PrevQueue => "prev-queue",
            Command::MarkAuthor => "mark-author",
            Command::MarkAddress => "mark-address",
            Command::MarkWord => "mark-word",
            Command::Confirm => "confirm",
            Command::Workflow => "workflow",
            Command::Submit => "submit",
            Command::ReturnToDraft => "return-to-draft",
            Command::ScheduleArticle => "schedule",
            Command::Unschedule => "unschedule",
            Command::Publish => "publish",
            Command::Unpublish => "unpublish",
            Command::Spike => "spike",
            Command::Unspike => "unspike",
            Command::DeleteDraft => "delete-draft",
            Command::ChangeSlug => "change-slug",
            Command::RenameTag => "rename-tag",
            Command::MergeTag => "merge-tag",
            Command::Photos => "photos",
            Command::AddPhoto => "add-photo",
            Command::EditCaption => "edit-caption",
            Command::EditCredit => "edit-credit",
            Command::EditAlt => "edit-alt",
            Command::ToggleDecorative => "toggle-decorative",
            Command::PlacePhoto => "place-photo",
            Command::MovePhotoUp => "move-photo-up",
            Command::MovePhotoDown => "move-photo-down",
            Command::RemovePhoto => "remove-photo",
            Command::FilterArticle => "filter-article",
            Command::OpenArticle => "open-article",
            Command::RestoreRevision => "restore-revision",
            Command::PreviewDown => "preview-down",
            Command::PreviewUp => "preview-up",
            Command::ToggleInputMethod => "toggle-input-method",
            Command::NormaliseTones => "normalise-tones",
            Command::NextFlagged => "next-flagged",
            Command::ShowContext => "context",
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Command::NextTab => Msg::CmdNextTab,
            Command::PrevTab => Msg::CmdPrevTab,
            Command::ShowArticles => Msg::CmdShowArticles,
            Command::ShowSchedule => Msg::CmdShowSchedule,
            Command::ShowComments => Msg::CmdShowComments,
            Command::ShowTags => Msg::CmdShowTags,
            Command::Help => Msg::CmdHelp,
            Command::Search => Msg::CmdSearch,
            Command::Back => Msg::CmdBack,
            Command::Quit => Msg::CmdQuit,
            Command::Up => Msg::CmdUp,
            Command::Down => Msg::CmdDown,
            Command::PageUp => Msg::CmdPageUp,
            Command::PageDown => Msg::CmdPageDown,
            Command::First => Msg::CmdFirst,
            Command::Last => Msg::CmdLast,
            Command::Open => Msg::CmdOpen,
            Command::NewArticle => Msg::CmdNewArticle,
            Command::Save => Msg::CmdSave,
            Command::NextField => Msg::CmdNextField,
            Command::PrevField => Msg::CmdPrevField,
            Command::TogglePreview => Msg::CmdTogglePreview,
            Command::History => Msg::CmdHistory,
            Command::ExternalEditor => Msg::CmdExternalEditor,
            Command::TakeOver => Msg::CmdTakeOver,
            Command::Undo => Msg::CmdUndo,
            Command::Redo => Msg::CmdRedo,
            Command::RestoreAutosave => Msg::CmdRestoreAutosave,
            Command::KeepSaved => Msg::CmdKeepSaved,
            Command::Approve => Msg::CmdApprove,
            Command::Reject => Msg::CmdReject,
            Command::Spam => Msg::CmdSpam,
            Command::Mark => Msg::CmdMark,
            Command::MarkBy => Msg::CmdMarkBy,
            Command::ApproveMarked => Msg::CmdApproveMarked,
            Command::RejectMarked => Msg::CmdRejectMarked,
            Command::SpamMarked => Msg::CmdSpamMarked,
            Command::Reload => Msg::CmdReload,
            Command::NextQueue => Msg::CmdNextQueue,
            Command::PrevQueue => Msg::CmdPrevQueue,
            Command::MarkAuthor => Msg::CmdMarkAuthor,
            Command::MarkAddress => Msg::CmdMarkAddress,
            Command::MarkWord => Msg::CmdMarkWord,
            Command::Confirm => Msg::CmdConfirm,
            Command::Workflow => Msg::CmdWorkflow,
            Command::Submit => Msg::CmdSubmit,
            Command::ReturnToDraft => Msg::CmdReturnToDraft,
            Command::ScheduleArticle => Msg::CmdScheduleArticle,
            Command::Unschedule => Msg::CmdUnschedule,
            Command::Publish => Msg::CmdPublish,
            Command::Unpublish => Msg::CmdUnpublish,
            Command::Spike => Msg::CmdSpike,
            Command::Unspike => Msg::CmdUnspike,
            Command::DeleteDraft => Msg::CmdDeleteDraft,
            Command::ChangeSlug => Msg::CmdChangeSlug,
            Command::RenameTag => Msg::CmdRenameTag,
            Command::MergeTag => Msg::CmdMergeTag,
            Command::Photos => Msg::CmdPhotos,
            Command::AddPhoto => Msg::CmdAddPhoto,
            Command::EditCaption => Msg::CmdEditCaption,
            Command::EditCredit => Msg::CmdEditCredit,
            Command::EditAlt => Msg::CmdEditAlt,
            Command::ToggleDecorative => Msg::CmdToggleDecorative,
            Command::PlacePhoto => Msg::CmdPlacePhoto,
            Command::MovePhotoUp => Msg::CmdMovePhotoUp,
            Command::MovePhotoDown => Msg::CmdMovePhotoDown,
            Command::RemovePhoto => Msg::CmdRemovePhoto,
            Command::FilterArticle => Msg::CmdFilterArticle,
            Command::OpenArticle => Msg::CmdOpenArticle,
            Command::RestoreRevision => Msg::CmdRestoreRevision,
            Command::PreviewDown => Msg::CmdPreviewDown,
            Command::PreviewUp => Msg::CmdPreviewUp,
            Command::ToggleInputMethod => Msg::CmdToggleInputMethod,
            Command::NormaliseTones => Msg::CmdNormaliseTones,
            Command::NextFlagged => Msg::CmdNextFlagged,
            Command::ShowContext => Msg::CmdContext,
        }
    }
}

impl FromStr for Command {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Command::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| format!("unknown command {s:?}"))
    }
}

/// Where a key is pressed. A key is looked up in the most specific context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Keys that work wherever a single letter is a command.
    Global,
    /// Keys that work everywhere, text fields included: chords only.
    Anywhere,
    List,
    Articles,
    /// The help screen, on top of everything.
    Help,
    /// Writing an article: every unbound key is text.
    Editor,
    /// Choosing between an autosave and the saved text.
    Recovery,
    /// The revision history of an article.
    History,
    /// The comment queue.
    Queue,
    /// Choosing what to mark comments by.
    MarkBy,
    /// Typing a word to mark comments by.
    MarkWord,
    /// A yes/no question.
    Confirm,
    /// Typing a search with `/`.
    Search,
    /// The workflow menu: the moves this person may make on one article.
    Workflow,
    /// A line to type in a dialog: a schedule time, a slug, a correction note.
    Dialog,
    /// The Tags tab's list.
    Tags,
    /// The editor's photo panel.
    Photos,
    /// The flagged word's list of suggestions (F7 in the editor).
    Suggest,
}

impl Context {
    pub const ALL: [Context; 18] = [
        Context::Global,
        Context::Anywhere,
        Context::List,
        Context::Articles,
        Context::Help,
        Context::Editor,
        Context::Recovery,
        Context::History,
        Context::Queue,
        Context::MarkBy,
        Context::MarkWord,
        Context::Confirm,
        Context::Search,
        Context::Workflow,
        Context::Dialog,
        Context::Tags,
        Context::Photos,
        Context::Suggest,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Anywhere => "anywhere",
            Context::List => "list",
            Context::Articles => "articles",
            Context::Help => "help",
            Context::Editor => "editor",
            Context::Recovery => "recovery",
            Context::History => "history",
            Context::Queue => "queue",
            Context::MarkBy => "mark-by",
            Context::MarkWord => "mark-word",
            Context::Confirm => "confirm",
            Context::Search => "search",
            Context::Workflow => "workflow",
            Context::Dialog => "dialog",
            Context::Tags => "tags",
            Context::Photos => "photos",
            Context::Suggest => "suggest",
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Context::Global => Msg::ContextGlobal,
            Context::Anywhere => Msg::ContextAnywhere,
            Context::List => Msg::ContextList,
            Context::Articles => Msg::ContextArticles,
            Context::Help => Msg::HelpTitle,
            Context::Editor => Msg::ContextEditor,
            Context::Recovery => Msg::ContextRecovery,
            Context::History => Msg::ContextHistory,
            Context::Queue => Msg::ContextQueue,
            Context::MarkBy => Msg::CmdMarkBy,
            Context::MarkWord => Msg::CmdMarkWord,
            Context::Confirm => Msg::CmdConfirm,
            Context::Search => Msg::CmdSearch,
            Context::Workflow => Msg::CmdWorkflow,
            Context::Dialog => Msg::ContextDialog,
            Context::Tags => Msg::TabTags,
            Context::Photos => Msg::CmdPhotos,
            Context::Suggest => Msg::CmdNextFlagged,
        }
    }

    /// In a text context, letters are typing, never commands.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Context::Editor | Context::MarkWord | Context::Search | Context::Dialog
        )
    }
}

/// One key with its modifiers, written `ctrl-q`, `shift-tab`, `pgdn`, `G`, `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyChord {
    /// Terminals disagree on whether `G` or `?` carry SHIFT; the character already says it.
    pub fn from_event(key: KeyEvent) -> KeyChord {
        let mut mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                mods.insert(KeyModifiers::SHIFT);
                KeyCode::Tab
            }
            other => other,
        };
        KeyChord { code, mods }
    }
}

const NAMED_KEYS: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("delete", KeyCode::Delete),
    ("space", KeyCode::Char(' ')),
];

impl FromStr for KeyChord {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        while let Some((prefix, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break; // "ctrl--" or "-" itself: the '-' is the key
            }
            match prefix {
                "ctrl" => mods |= KeyModifiers::CONTROL,
                "alt" => mods |= KeyModifiers::ALT,
                "shift" => mods |= KeyModifiers::SHIFT,
                _ => return Err(format!("unknown modifier {prefix:?} in key {s:?}")),
            }
            rest = tail;
        }
        let code = if let Some((_, code)) = NAMED_KEYS.iter().find(|(n, _)| *n == rest) {
            *code
        } else if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return Err(format!("unknown key {s:?}")),
            }
        };
        let mut chord = KeyChord { code, mods };
        if let KeyCode::Char(c) = code {
            chord = KeyChord::from_event(KeyEvent::new(KeyCode::Char(c), mods));
        }
        Ok(chord)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// What a key press means in a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Command(Command),
    /// A letter an input method composed, or its Backspace: never run as a command.
    InputMethod,
    Unbound,
}

/// The bindings in force: defaults with the config file's changes on top.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Context, KeyChord, Command)>,
}

const DEFAULTS: &[(Context, &str, Command)] = &[
    (Context::Global, "tab", Command::NextTab),
    (Context::Global, "shift-tab", Command::PrevTab),
    (Context::Global, "1", Command::ShowArticles),
    (Context::Global, "2", Command::ShowSchedule),
    (Context::Global, "3", Command::ShowComments),
    (Context::Global, "4", Command::ShowTags),
    (Context::Global, "?", Command::Help),
    (Context::Global, "/", Command::Search),
    (Context::Global, "q", Command::Back),
    (Context::Anywhere, "ctrl-q", Command::Quit),
    // A function key: no letter a text field could want, and no input method rewrites it.
    (Context::Anywhere, "f2", Command::ToggleInputMethod),
    (Context::List, "j", Command::Down),
    (Context::List, "down", Command::Down),
    (Context::List, "k", Command::Up),
    (Context::List, "up", Command::Up),
    (Context::List, "pgdn", Command::PageDown),
    (Context::List, "pgup", Command::PageUp),
    (Context::List, "g", Command::First),
    (Context::List, "home", Command::First),
    (Context::List, "G", Command::Last),
    (Context::List, "end", Command::Last),
    (Context::List, "enter", Command::Open),
    (Context::Articles, "n", Command::NewArticle),
    (Context::Help, "esc", Command::Back),
    (Context::Help, "j", Command::Down),
    (Context::Help, "down", Command::Down),
    (Context::Help, "k", Command::Up),
    (Context::Help, "up", Command::Up),
    (Context::Help, "pgdn", Command::PageDown),
    (Context::Help, "pgup", Command::PageUp),
    (Context::Editor, "ctrl-s", Command::Save),
    (Context::Editor, "esc", Command::Back),
    (Context::Editor, "tab", Command::NextField),
    (Context::Editor, "shift-tab", Command::PrevField),
    (Context::Editor, "ctrl-p", Command::TogglePreview),
    (Context::Editor, "ctrl-o", Command::History),
    (Context::Editor, "ctrl-g", Command::ExternalEditor),
    (Context::Editor, "ctrl-t", Command::TakeOver),
    (Context::Editor, "ctrl-z", Command::Undo),
    (Context::Editor, "ctrl-y", Command::Redo),
    (Context::Editor, "f1", Command::Help),
    // With the preview on screen PgUp/PgDn scroll it; otherwise they move in the field.
    (Context::Editor, "pgdn", Command::PreviewDown),
    (Context::Editor, "pgup", Command::PreviewUp),
    (Context::Recovery, "r", Command::RestoreAutosave),
    (Context::Recovery, "k", Command::KeepSaved),
    (Context::History, "enter", Command::RestoreRevision),
    (Context::History, "esc", Command::Back),
    (Context::History, "q", Command::Back),
    // Coral's keys, no vowels: Telex and VNI never turn them into other letters.
    (Context::Queue, "f", Command::Approve),
    (Context::Queue, "d", Command::Reject),
    (Context::Queue, "s", Command::Spam),
    (Context::Queue, "z", Command::Undo),
    (Context::Queue, "x", Command::Mark),
    (Context::Queue, "m", Command::MarkBy),
    (Context::Queue, "F", Command::ApproveMarked),
    (Context::Queue, "D", Command::RejectMarked),
    (Context::Queue, "S", Command::SpamMarked),
    (Context::Queue, "r", Command::Reload),
    (Context::Queue, "right", Command::NextQueue),
    (Context::Queue, "]", Command::NextQueue),
    (Context::Queue, "left", Command::PrevQueue),
    (Context::Queue, "[", Command::PrevQueue),
    (Context::MarkBy, "n", Command::MarkAuthor),
    (Context::MarkBy, "c", Command::MarkAddress),
    (Context::MarkBy, "w", Command::MarkWord),
    (Context::MarkBy, "esc", Command::Back),
    (Context::MarkBy, "q", Command::Back),
    (Context::MarkWord, "enter", Command::Confirm),
    (Context::MarkWord, "esc", Command::Back),
    (Context::Confirm, "enter", Command::Confirm),
    (Context::Confirm, "esc", Command::Back),
    (Context::Confirm, "q", Command::Back),
    (Context::Search, "enter", Command::Confirm),
    (Context::Search, "esc", Command::Back),
    (Context::List, "m", Command::Workflow),
    (Context::Editor, "ctrl-w", Command::Workflow),
    // The menu's keys are consonants, like every command key (see the queue's above).
    (Context::Workflow, "n", Command::Submit),
    (Context::Workflow, "t", Command::ReturnToDraft),
    (Context::Workflow, "h", Command::ScheduleArticle),
    (Context::Workflow, "b", Command::Unschedule),
    (Context::Workflow, "p", Command::Publish),
    (Context::Workflow, "g", Command::Unpublish),
    (Context::Workflow, "c", Command::Spike),
    (Context::Workflow, "l", Command::Unspike),
    (Context::Workflow, "x", Command::DeleteDraft),
    (Context::Workflow, "d", Command::ChangeSlug),
    (Context::Workflow, "j", Command::Down),
    (Context::Workflow, "down", Command::Down),
    (Context::Workflow, "k", Command::Up),
    (Context::Workflow, "up", Command::Up),
    // Enter carries out the chosen move, which is confirming it, not opening anything.
    (Context::Workflow, "enter", Command::Confirm),
    (Context::Workflow, "esc", Command::Back),
    (Context::Workflow, "q", Command::Back),
    (Context::Dialog, "enter", Command::Confirm),
    (Context::Dialog, "esc", Command::Back),
    (Context::Dialog, "tab", Command::NextField),
    (Context::Dialog, "shift-tab", Command::PrevField),
    (Context::Dialog, "down", Command::NextField),
    (Context::Dialog, "up", Command::PrevField),
    // Consonants, as everywhere in lists; `m` here merges (the Tags list has no workflow).
    (Context::Tags, "r", Command::RenameTag),
    (Context::Tags, "m", Command::MergeTag),
    // A chord, as every editor key must be: letters there are typing.
    (Context::Editor, "ctrl-f", Command::Photos),
    (Context::Photos, "j", Command::Down),
    (Context::Photos, "down", Command::Down),
    (Context::Photos, "k", Command::Up),
    (Context::Photos, "up", Command::Up),
    (Context::Photos, "enter", Command::Open),
    (Context::Photos, "esc", Command::Back),
    (Context::Photos, "q", Command::Back),
    (Context::Photos, "?", Command::Help),
    // Consonants only: with Telex on, a vowel key could arrive as another letter.
    (Context::Photos, "n", Command::AddPhoto),
    (Context::Photos, "c", Command::EditCaption),
    (Context::Photos, "r", Command::EditCredit),
    (Context::Photos, "l", Command::EditAlt),
    (Context::Photos, "d", Command::ToggleDecorative),
    (Context::Photos, "p", Command::PlacePhoto),
    (Context::Photos, "K", Command::MovePhotoUp),
    (Context::Photos, "J", Command::MovePhotoDown),
    (Context::Photos, "x", Command::RemovePhoto),
    // Consonants again: `b` for bài (this article's comments only), `v` to view the article.
    (Context::Queue, "b", Command::FilterArticle),
    (Context::Queue, "v", Command::OpenArticle),
    // `c` as Coral has it: the comment among the other comments on its article.
    (Context::Queue, "c", Command::ShowContext),
    // F8 next to F7's spelling, as word processors place their language tools.
    (Context::Editor, "f8", Command::NormaliseTones),
    // F7, the spelling key of word processors.
    (Context::Editor, "f7", Command::NextFlagged),
    (Context::Suggest, "j", Command::Down),
    (Context::Suggest, "down", Command::Down),
    (Context::Suggest, "k", Command::Up),
    (Context::Suggest, "up", Command::Up),
    (Context::Suggest, "enter", Command::Confirm),
    (Context::Suggest, "esc", Command::Back),
    (Context::Suggest, "q", Command::Back),
];

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .filter_map(|(ctx, key, cmd)| Some((*ctx, key.parse().ok()?, *cmd)))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// Binds `key` in `ctx`, replacing what it did there before; `None` unbinds it.
    pub fn bind(&mut self, ctx: Context, key: KeyChord, command: Option<Command>) {
        self.bindings.retain(|(c, k, _)| !(*c == ctx && *k == key));
        if let Some(command) = command {
            self.bindings.push((ctx, key, command));
        }
    }

    /// Looks the key up in `contexts`, most specific first.
    ///
    /// With a Vietnamese input method on, `dd` arrives as `d`, Backspace, `đ`. So in command
    /// contexts `đ` counts as `d`, and any other composed letter or a Backspace is reported
    /// instead of being run as some other command.
    pub fn resolve(&self, contexts: &[Context], key: KeyEvent) -> Resolved {
        let mut chord = KeyChord::from_event(key);
        if contexts.iter().any(|c| c.is_text()) {
            return self
                .lookup(contexts, chord)
                .map_or(Resolved::Unbound, Resolved::Command);
        }
        let is_backspace = chord.code == KeyCode::Backspace
            || (chord.code == KeyCode::Char('h') && chord.mods == KeyModifiers::CONTROL);
        match chord.code {
            KeyCode::Char('đ') => chord.code = KeyCode::Char('d'),
            KeyCode::Char('Đ') => chord.code = KeyCode::Char('D'),
            _ => {}
        }
        if let Some(command) = self.lookup(contexts, chord) {
            return Resolved::Command(command);
        }
        match chord.code {
            _ if is_backspace => Resolved::InputMethod,
            KeyCode::Char(c) if !c.is_ascii() && c.is_alphabetic() => Resolved::InputMethod,
            _ => Resolved::Unbound,
        }
    }

    fn lookup(&self, contexts: &[Context], chord: KeyChord) -> Option<Command> {
        contexts.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|(c, k, _)| c == ctx && *k == chord)
                .map(|(_, _, cmd)| *cmd)
        })
    }

    /// The keys for each command in a context, in the order the defaults list them.
    pub fn bindings(&self, ctx: Context) -> Vec<(Command, Vec<KeyChord>)> {
        let mut out: Vec<(Command, Vec<KeyChord>)> = Vec::new();
        for (_, key, cmd) in self.bindings.iter().filter(|(c, _, _)| *c == ctx) {
            match out.iter_mut().find(|(c, _)| c == cmd) {
                Some((_, keys)) => keys.push(*key),
                None => out.push((*cmd, vec![*key])),
            }
        }
        out
    }

    /// The first key bound to a command, for hints.
    pub fn key_for(&self, ctx: Context, command: Command) -> Option<KeyChord> {
        self.bindings
            .iter()
            .find(|(c, _, cmd)| *c == ctx && *cmd == command)
            .map(|(_, k, _)| *k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    const LIST: &[Context] = &[
        Context::Articles,
        Context::List,
        Context::Global,
        Context::Anywhere,
    ];

    #[test]
    fn every_default_parses_and_no_chord_is_bound_twice_in_a_context() {
        let map = Keymap::default();
        assert_eq!(map.bindings.len(), DEFAULTS.len());
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                assert!(!(a.0 == b.0 && a.1 == b.1), "{} bound twice in {:?}", a.1, a.0);
            }
        }
    }

    #[test]
    fn design_keys_resolve() {
        let map = Keymap::default();
        let cases = [
            (key(KeyCode::Char('j'), KeyModifiers::NONE), Command::Down),
            (key(KeyCode::Down, KeyModifiers::NONE), Command::Down),
            (key(KeyCode::Char('G'), KeyModifiers::SHIFT), Command::Last),
            (key(KeyCode::Char('G'), KeyModifiers::NONE), Command::Last),
            (key(KeyCode::Char('?'), KeyModifiers::SHIFT), Command::Help),
            (key(KeyCode::BackTab, KeyModifiers::SHIFT), Command::PrevTab),
            (key(KeyCode::Tab, KeyModifiers::NONE), Command::NextTab),
            (key(KeyCode::Char('q'), KeyModifiers::CONTROL), Command::Quit),
            (key(KeyCode::Char('3'), KeyModifiers::NONE), Command::ShowComments),
            (key(KeyCode::Char('n'), KeyModifiers::NONE), Command::NewArticle),
            (key(KeyCode::PageDown, KeyModifiers::NONE), Command::PageDown),
        ];
        for (k, cmd) in cases {
            assert_eq!(map.resolve(LIST, k), Resolved::Command(cmd), "{k:?}");
        }
        // 'n' means nothing outside the Articles list.
        let other = &[Context::List, Context::Global, Context::Anywhere];
        assert_eq!(
            map.resolve(other, key(KeyCode::Char('n'), KeyModifiers::NONE)),
            Resolved::Unbound
        );
    }

    #[test]
    fn input_method_letters_are_never_other_commands() {
        let mut map = Keymap::default();
        map.bind(Context::List, "d".parse().unwrap(), Some(Command::Down));
        assert_eq!(
            map.resolve(LIST, key(KeyCode::Char('đ'), KeyModifiers::NONE)),
            Resolved::Command(Command::Down)
        );
        for composed in ['á', 'ư', 'ơ', 'â', 'Ê'] {
            assert_eq!(
                map.resolve(LIST, key(KeyCode::Char(composed), KeyModifiers::SHIFT)),
                Resolved::InputMethod
            );
        }
        assert_eq!(
            map.resolve(LIST, key(KeyCode::Backspace, KeyModifiers::NONE)),
            Resolved::InputMethod
        );
        assert_eq!(
            map.resolve(LIST, key(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            Resolved::InputMethod
        );
    }

    #[test]
    fn in_the_editor_letters_and_backspace_are_text() {
        let map = Keymap::default();
        let editor = &[Context::Editor, Context::Anywhere];
        for k in [
            key(KeyCode::Char('q'), KeyModifiers::NONE),
            key(KeyCode::Char('đ'), KeyModifiers::NONE),
            key(KeyCode::Char('Ư'), KeyModifiers::SHIFT),
            key(KeyCode::Backspace, KeyModifiers::NONE),
            key(KeyCode::Char('h'), KeyModifiers::CONTROL),
            key(KeyCode::Char('?'), KeyModifiers::SHIFT),
        ] {
            assert_eq!(map.resolve(editor, k), Resolved::Unbound, "{k:?}");
        }
        assert_eq!(
            map.resolve(editor, key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Resolved::Command(Command::Save)
        );
        assert_eq!(
            map.resolve(editor, key(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            Resolved::Command(Command::Quit)
        );
        assert_eq!(
            map.resolve(editor, key(KeyCode::Tab, KeyModifiers::NONE)),
            Resolved::Command(Command::NextField)
        );
    }

    #[test]
    fn chords_parse_and_print() {
        for (text, shown) in [
            ("ctrl-q", "Ctrl-q"),
            ("shift-tab", "Shift-Tab"),
            ("pgdn", "PgDn"),
            ("G", "G"),
            ("f5", "F5"),
            ("-", "-"),
            ("ctrl--", "Ctrl--"),
        ] {
            let chord: KeyChord = text.parse().unwrap();
            assert_eq!(chord.to_string(), shown);
        }
        for bad in ["", "ctrl-", "hyper-x", "enterr", "ab"] {
            assert!(bad.parse::<KeyChord>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn rebinding_replaces_and_unbinds() {
        let mut map = Keymap::default();
        map.bind(Context::List, "j".parse().unwrap(), Some(Command::Up));
        assert_eq!(
            map.resolve(LIST, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Resolved::Command(Command::Up)
        );
        map.bind(Context::List, "j".parse().unwrap(), None);
        assert_eq!(
            map.resolve(LIST, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Resolved::Unbound
        );
    }
}
