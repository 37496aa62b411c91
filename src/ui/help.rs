//! The `?` help, drawn from the key map itself.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Theme, centered};
use crate::app::App;
use crate::i18n::Msg;
use crate::keymap::{Context, Keymap};
use crate::text::truncate_to_width;
use unicode_width::UnicodeWidthStr;

/// Shows the keys of `contexts`: the general ones on the left, the screen's own on the right.
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    keymap: &Keymap,
    theme: &Theme,
    contexts: &[Context],
    scroll: u16,
) {
    let general = |c: &&Context| matches!(c, Context::Global | Context::Anywhere);
    let left: Vec<Context> = contexts.iter().filter(general).copied().collect();
    let right: Vec<Context> = contexts.iter().filter(|c| !general(c)).copied().collect();
    // Lines wrap to their column, so the height is known only once they are fitted.
    let inner_width = 78u16.min(area.width).saturating_sub(2);
    let left_width = inner_width / 2;
    let left = fit(section_lines(app, keymap, &left), left_width, theme);
    let right = fit(
        section_lines(app, keymap, &right),
        inner_width - left_width,
        theme,
    );
    let lines = left.len().max(right.len()) as u16;
    let popup = centered(area, 78, lines + 4);
    // What does not fit scrolls (j/k, PgDn/PgUp), and the bottom line says so.
    let visible = popup.height.saturating_sub(2);
    let scroll = scroll.min(lines.saturating_sub(visible));
    let close = if lines > visible {
        Msg::HelpScroll
    } else {
        Msg::HelpClose
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", app.t(Msg::HelpTitle)), theme.header))
        .title_bottom(Span::styled(format!(" {} ", app.t(close)), theme.muted));
    let inner = block.inner(popup);
    super::clear_for_popup(frame, area, popup);
    frame.render_widget(block, popup);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
    frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
}

/// One line per command: (keys, label), or a context heading as (name, "", true).
fn section_lines(app: &App, keymap: &Keymap, contexts: &[Context]) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for ctx in contexts {
        out.push((app.t(ctx.label()).to_owned(), String::new(), true));
        for (command, keys) in keymap.bindings(*ctx) {
            if !app.offers(command) {
                continue;
            }
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push((keys.join(" "), app.t(command.label()).to_owned(), false));
        }
    }
    out
}

/// The lines at `width` columns: a label too long for its line goes on under itself,
/// past the keys' column, instead of being cut off.
fn fit(lines: Vec<(String, String, bool)>, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut out = Vec::new();
    for (keys, label, heading) in lines {
        if heading {
            out.push(Line::from(Span::styled(keys, theme.header)));
            continue;
        }
        let keys = format!(" {keys:<12} ");
        let indent = keys.width();
        let room = width.saturating_sub(indent).max(8);
        for (i, part) in wrap_words(&label, room).into_iter().enumerate() {
            let lead = if i == 0 { keys.clone() } else { " ".repeat(indent) };
            out.push(Line::raw(truncate_to_width(&format!("{lead}{part}"), width)));
        }
    }
    out
}

/// Words filled into lines of at most `width` columns (a longer word gets a line of its own).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}
