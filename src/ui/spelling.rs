//! Flagged words drawn underlined: after a field is drawn, the words on screen that the
//! checker flagged get an underline, which shows without colour too (NO_COLOR). Working on
//! the drawn cells keeps this apart from how the field wraps and scrolls.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::text::vietnamese::words;

/// Underlines every flagged word drawn inside `area`.
pub fn underline(buf: &mut Buffer, area: Rect, flagged: &HashSet<String>) {
    if flagged.is_empty() {
        return;
    }
    // Only a word starting with one of these letters can be flagged: the others on screen
    // are passed over without being lower-cased, which took a tenth of a keystroke.
    let firsts: HashSet<char> = flagged.iter().filter_map(|w| w.chars().next()).collect();
    let area = area.intersection(buf.area);
    let mut row = String::new();
    let mut at: Vec<(usize, u16)> = Vec::new();
    for y in area.top()..area.bottom() {
        row.clear();
        at.clear();
        for x in area.left()..area.right() {
            at.push((row.len(), x));
            row.push_str(buf[(x, y)].symbol());
        }
        // Most rows hold no flagged word: one lower-casing of the row says so.
        let lower = row.to_lowercase();
        if !flagged.iter().any(|w| lower.contains(w.as_str())) {
            continue;
        }
        for w in words(&row) {
            let word = &row[w.start..w.end];
            let first = word.chars().next().and_then(|c| c.to_lowercase().next());
            if !first.is_some_and(|c| firsts.contains(&c)) || !flagged.contains(&word.to_lowercase()) {
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

/// The flagged word's list, a small box in the middle: suggestions first, then adding the
/// word to the newsroom's list and ignoring it.
pub fn draw_suggestions(
    frame: &mut ratatui::Frame<'_>,
    area: Rect,
    app: &crate::app::App,
    list: &crate::app::suggest::Suggestions,
    theme: &super::Theme,
) {
    use crate::app::suggest::Choice;
    use crate::i18n::Msg;
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Block, Borders, Paragraph};

    let word = crate::text::sanitize_line(&list.word).text;
    let title = app.t(Msg::SuggestTitle).replace("{word}", &word);
    let width = (title.chars().count() as u16 + 6).clamp(44, 70).min(area.width);
    let height = (list.choices.len() as u16 + 2).min(area.height);
    let rect = super::centered(area, width, height);
    let lines: Vec<Line> = list
        .choices
        .iter()
        .enumerate()
        .map(|(i, choice)| {
            let (text, style) = match choice {
                Choice::Replace(with) => (crate::text::sanitize_line(with).text, theme.header),
                Choice::AddToWordList => (app.t(Msg::AddToWordList).to_owned(), theme.muted),
                Choice::Ignore => (app.t(Msg::IgnoreWord).to_owned(), theme.muted),
            };
            let (marker, style) = match i == list.selected {
                true => ("> ", theme.selected),
                false => ("  ", style),
            };
            let inner = usize::from(width).saturating_sub(2);
            Line::from(Span::styled(
                format!("{marker}{text:<inner$}", inner = inner.saturating_sub(2)),
                style,
            ))
        })
        .collect();
    super::clear_for_popup(frame, area, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.header));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
