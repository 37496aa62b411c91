//! Drawing: turns `&App` into a frame. Never fails, never queries, never changes state.
//!
//! Owns: layout, widgets, the theme. May not touch: the store, the terminal, key handling.
//! Everything that came from the store is sanitised before it becomes a span.

mod articles;
mod chrome;
mod editor;
mod help;
mod markdown;
mod photos;
mod picture;
mod placeholder;
mod queue;
mod schedule;
mod spelling;
mod tags;
mod theme;
mod workflow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub use theme::Theme;

use crate::app::{App, Modal, Tab};
use crate::keymap::Keymap;

/// Rows the chrome takes: the tab bar, the hint line and the status line.
const CHROME_ROWS: u16 = 3;

/// How many list rows fit in a terminal of this height (the list has a header row).
pub fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(CHROME_ROWS + 1)).max(1)
}

/// The screen's rows: the tabs, what the tab shows, the hints and the status line.
fn screen(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

pub fn draw(frame: &mut Frame<'_>, app: &App, keymap: &Keymap, theme: &Theme) {
    let [tabs, body, hints, status] = screen(frame.area());
    chrome::tabs(frame, tabs, app, theme);
    match (app.tab, &app.editor) {
        (_, Some(ed)) => editor::draw(frame, body, app, ed, theme),
        (Tab::Articles, None) => articles::draw(frame, body, app, theme),
        (Tab::Comments, None) => match &app.queue {
            Some(q) => queue::draw(frame, body, app, q, theme),
            None => placeholder::draw(frame, body, app, theme),
        },
        (Tab::Schedule, None) => schedule::draw(frame, body, app, &app.agenda, theme),
        (Tab::Tags, None) => tags::draw(frame, body, app, theme),
    }
    draw_hints(frame, hints, app, keymap, theme);
    chrome::status(frame, status, app, theme);
    match &app.modal {
        Some(Modal::Help { contexts, scroll }) => {
            help::draw(frame, frame.area(), app, keymap, theme, contexts, *scroll)
        }
        Some(Modal::Workflow(menu)) => workflow::draw_menu(frame, frame.area(), app, menu, keymap, theme),
        Some(Modal::Dialog(dialog)) => workflow::draw_dialog(frame, frame.area(), app, dialog, theme),
        Some(Modal::Tag(dialog)) => tags::draw_dialog(frame, frame.area(), app, dialog, theme),
        Some(Modal::Suggest(list)) => spelling::draw_suggestions(frame, frame.area(), app, list, theme),
        None => {}
    }
}

/// What a frame of typing drew (`draw_typed`): the screen rows, and where the caret is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    pub rows: Vec<std::ops::Range<u16>>,
    pub cursor: Option<ratatui::layout::Position>,
    /// What the rows around the body show now.
    pub around: Around,
}

/// What the rows around the body show while it is typed into: the hints row's notice, the
/// status row's word count and input method, the rule's checklist and flagged words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Around {
    notice: Option<crate::app::Notice>,
    words: usize,
    mode: Option<&'static str>,
    missing: Vec<crate::domain::Missing>,
    flagged: usize,
}

impl Around {
    pub fn of(app: &App) -> Around {
        let editor = app.editor.as_ref();
        Around {
            notice: app.notice.clone(),
            words: editor.map_or(0, |e| e.words()),
            mode: app.typing.label(),
            missing: editor.map(|e| e.missing()).unwrap_or_default(),
            flagged: editor.map_or(0, |e| app.spelling.shown(e).count),
        }
    }
}

/// The frame after a batch of keys typed into the article's body, drawn onto the last frame
/// (the buffer must still hold it): the body's rows that changed, and of the rows around it
/// those whose content (`Around`) differs from `before`, what the last frame showed. The
/// rest is as it was: typing into the body changes no other field, label, focus or tab,
/// and while the body has the focus the hints row shows the notice or the editor's keys.
/// `None` when the frame must be drawn whole, and then nothing was drawn.
pub fn draw_typed(
    frame: &mut Frame<'_>,
    app: &App,
    keymap: &Keymap,
    theme: &Theme,
    before: &Around,
) -> Option<Typed> {
    let editor = app.editor.as_ref().filter(|e| {
        app.modal.is_none()
            && e.overlay.is_none()
            && e.lost_to.is_none()
            && !e.preview
            && e.focus == crate::app::Field::Body
    })?;
    let [_, body, hints, status] = screen(frame.area());
    let now = Around::of(app);
    let rule = now.missing != before.missing || now.flagged != before.flagged;
    let (mut rows, cursor) = editor::draw_typed(frame, body, app, editor, theme, rule)?;
    if now.notice != before.notice {
        frame.render_widget(ratatui::widgets::Clear, hints);
        draw_hints(frame, hints, app, keymap, theme);
        rows.push(hints.y..hints.bottom());
    }
    if (now.words, now.mode) != (before.words, before.mode) {
        frame.render_widget(ratatui::widgets::Clear, status);
        chrome::status(frame, status, app, theme);
        rows.push(status.y..status.bottom());
    }
    Some(Typed {
        rows,
        cursor,
        around: now,
    })
}

/// The hints row: the search or prompt being typed, the tags that complete the one being
/// typed, or the keys of the screen.
fn draw_hints(frame: &mut Frame<'_>, hints: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let typing_search = app
        .search
        .as_ref()
        .filter(|s| s.editing && s.tab == app.tab && app.editor.is_none());
    match (typing_search, app.queue.as_ref().and_then(|q| q.prompt.as_ref())) {
        (Some(search), _) => chrome::search_line(frame, hints, app, search, theme),
        (None, Some(prompt)) if app.tab == Tab::Comments && app.editor.is_none() => {
            queue::draw_prompt(frame, hints, app, prompt, theme);
        }
        _ if app.notice.is_none() && app.editor.as_ref().is_some_and(|e| !e.tag_suggestions.is_empty()) => {
            let names = app
                .editor
                .as_ref()
                .map(|e| e.tag_suggestions.join(" · "))
                .unwrap_or_default();
            let text = app.t(crate::i18n::Msg::TagSuggestions).replace("{tags}", &names);
            let line = crate::text::sanitize_line(&text).text;
            frame.render_widget(
                ratatui::widgets::Paragraph::new(ratatui::text::Span::styled(line, theme.notice)),
                hints,
            );
        }
        _ => chrome::hints(frame, hints, app, keymap, theme),
    }
}

/// Clears the popup's rows from edge to edge: the one or two columns left beside a popup
/// would otherwise show cut-off fragments of the screen below it.
fn clear_for_popup(frame: &mut Frame<'_>, area: Rect, popup: Rect) {
    frame.render_widget(
        ratatui::widgets::Clear,
        Rect {
            x: area.x,
            width: area.width,
            ..popup
        },
    );
}

/// A rectangle of at most `width`×`height`, centred in `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests;
