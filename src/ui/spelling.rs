//! Flagged words drawn underlined: after a field is drawn, the words on screen that the
//! checker flagged get an underline, which shows without colour too (NO_COLOR). Working on
//! the drawn cells keeps this apart from how the field wraps and scrolls.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::app::Editor;
use crate::app::spelling::Spelling;
use crate::text::vietnamese::{Finding, words};

/// The editor's findings (title, lead, body, tags), and the flagged words in lower case.
pub fn flagged(spelling: &Spelling, editor: &Editor) -> (Vec<Finding>, HashSet<String>) {
    let findings = spelling.check(&editor.spelling_lines());
    let set = findings
        .iter()
        .flat_map(|f| {
            words(&f.word)
                .map(|w| f.word[w.start..w.end].to_lowercase())
                .collect::<Vec<_>>()
        })
        .collect();
    (findings, set)
}

/// Underlines every flagged word drawn inside `area`.
pub fn underline(buf: &mut Buffer, area: Rect, flagged: &HashSet<String>) {
    if flagged.is_empty() {
        return;
    }
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        let mut at: Vec<(usize, u16)> = Vec::new();
        for x in area.left()..area.right() {
            at.push((row.len(), x));
            row.push_str(buf[(x, y)].symbol());
        }
        for w in words(&row) {
            if !flagged.contains(&row[w.start..w.end].to_lowercase()) {
                continue;
            }
            for &(offset, x) in &at {
                if (w.start..w.end).contains(&offset) {
                    let cell = &mut buf[(x, y)];
                    cell.set_style(cell.style().add_modifier(Modifier::UNDERLINED));
                }
            }
        }
    }
}
