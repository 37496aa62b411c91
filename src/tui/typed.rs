//! The frame after a batch of keys typed into the article's body: drawn onto the last frame
//! and sent row by row, only the rows typing can change (`ui::draw_typed`).
//!
//! A whole frame lays out and draws all 4,800 cells of a 120×40 screen and compares every
//! one with the screen before; a key typed into a long article changes a row or two of the
//! body, the word count and the checklist. Drawing and comparing only those took most of
//! the time between a key and its letter on screen.
//!
//! ratatui keeps the frame on screen to itself, so the last whole or typed frame is kept
//! here too (`Shown`). The first typed frame after a whole one copies it into ratatui's
//! next buffer and typed frames draw there from then on; the rows drawn are compared with
//! `Shown` and sent. Before the next whole frame ratatui's buffers are swapped
//! (`before_whole`), so that it is compared with what is really on screen and drawn onto
//! a blank buffer.

use std::io::{self, Write};

use crossterm::queue;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;

use crate::app::App;
use crate::keymap::Keymap;
use crate::ui::{self, Theme};

/// What is on screen, as the last frame drew it; `None` until a whole frame is drawn, and
/// again once the screen may differ from it (a resize, the external editor).
#[derive(Debug, Default)]
pub struct Shown {
    screen: Option<Buffer>,
    /// ratatui's next buffer holds the screen too: typed frames draw there.
    in_next: bool,
    /// What the rows around the body show on screen.
    around: ui::Around,
}

impl Shown {
    /// Readies ratatui for a whole frame: after typed frames its next buffer holds the
    /// screen, and swapping makes that the frame it compares with and blanks the other.
    pub fn before_whole<B: Backend>(&mut self, terminal: &mut Terminal<B>) {
        if std::mem::take(&mut self.in_next) {
            terminal.swap_buffers();
        }
    }

    /// A whole frame went out.
    pub fn whole(&mut self, frame: &Buffer, app: &App) {
        self.around = ui::Around::of(app);
        match &mut self.screen {
            Some(kept) if kept.area == frame.area => kept.content.clone_from_slice(&frame.content),
            kept => *kept = Some(frame.clone()),
        }
    }

    /// The screen is no longer known: after a resize (ratatui cleared the screen) or a new
    /// terminal. ratatui resizes its next buffer without blanking it, as it is always blank
    /// between its own frames; after typed frames it holds the screen, and the whole frame
    /// that follows would be drawn over it.
    pub fn forget<B: Backend>(&mut self, terminal: &mut Terminal<B>) {
        if std::mem::take(&mut self.in_next) {
            terminal.current_buffer_mut().reset();
        }
        self.screen = None;
    }
}

/// Draws and sends the typed frame; false, and nothing sent, when a whole frame is needed
/// instead.
pub fn draw<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    shown: &mut Shown,
    app: &App,
    keymap: &Keymap,
    theme: &Theme,
) -> io::Result<bool> {
    let Some(last) = shown.screen.as_mut() else {
        return Ok(false);
    };
    let next = terminal.current_buffer_mut();
    if next.area != last.area {
        return Ok(false);
    }
    if !shown.in_next {
        next.content.clone_from_slice(&last.content);
        shown.in_next = true;
    }
    // When this declines, nothing was drawn: the next buffer still holds the screen.
    let Some(typed) = ui::draw_typed(&mut terminal.get_frame(), app, keymap, theme, &shown.around) else {
        return Ok(false);
    };
    shown.around = typed.around;
    let changes = changed_cells(last, terminal.current_buffer_mut(), &typed.rows);
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal
        .backend_mut()
        .draw(changes.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
    match typed.cursor {
        Some(at) => {
            terminal.show_cursor()?;
            terminal.set_cursor_position(at)?;
        }
        None => terminal.hide_cursor()?,
    }
    // Ending the synchronized update sends the frame in one write (`out`).
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Backend::flush(terminal.backend_mut())?;
    Ok(true)
}

/// The cells of `rows` that differ between `last` and `next`, as ratatui's comparison
/// finds them; `last` takes the rows of `next`. A row whose changed cells are all one
/// character a cell, before and after, is compared cell by cell; a row with a wide
/// character among them goes through ratatui's comparison, which knows what a wide
/// character hides and what it leaves behind when it goes.
fn changed_cells(last: &mut Buffer, next: &Buffer, rows: &[std::ops::Range<u16>]) -> Vec<(u16, u16, Cell)> {
    let area = last.area;
    let width = usize::from(area.width);
    let mut changes = Vec::new();
    for range in rows {
        let (start, end) = (range.start.max(area.top()), range.end.min(area.bottom()));
        if start >= end {
            continue;
        }
        let cells = usize::from(start - area.y) * width..usize::from(end - area.y) * width;
        let (before, after) = (&last.content[cells.clone()], &next.content[cells.clone()]);
        if before == after {
            continue;
        }
        let differ = || before.iter().zip(after).enumerate().filter(|(_, (b, a))| b != a);
        if differ().all(|(_, (b, a))| narrow(b) && narrow(a)) {
            changes.extend(differ().map(|(i, (_, a))| {
                let x = area.x + (i % width) as u16;
                let y = start + (i / width) as u16;
                (x, y, a.clone())
            }));
            last.content[cells.clone()].clone_from_slice(&next.content[cells]);
            continue;
        }
        let band = Rect {
            y: start,
            height: end - start,
            ..area
        };
        let old = Buffer {
            area: band,
            content: before.to_vec(),
        };
        let new = Buffer {
            area: band,
            content: after.to_vec(),
        };
        changes.extend(old.diff(&new).into_iter().map(|(x, y, c)| (x, y, c.clone())));
        last.content[cells.clone()].clone_from_slice(&next.content[cells]);
    }
    changes
}

/// A cell that is one character a column wide, compared as any other (no skip, no forced
/// width or update: those go through ratatui's comparison, which still honours the old
/// skip flag too).
#[allow(deprecated)]
fn narrow(cell: &Cell) -> bool {
    let mut chars = cell.symbol().chars();
    cell.diff_option == ratatui::buffer::CellDiffOption::None
        && !cell.skip
        && chars.next().is_some_and(ratatui_textarea::one_cell)
        && chars.next().is_none()
}

#[cfg(test)]
#[path = "typed_tests.rs"]
mod tests;
