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

/// Shows the keys of `contexts`: the general ones on the left, the screen's own on the right.
pub fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    keymap: &Keymap,
    theme: &Theme,
    contexts: &[Context],
) {
    let general = |c: &&Context| matches!(c, Context::Global | Context::Anywhere);
    let left: Vec<Context> = contexts.iter().filter(general).copied().collect();
    let right: Vec<Context> = contexts.iter().filter(|c| !general(c)).copied().collect();
    let left = section_lines(app, keymap, &left);
    let right = section_lines(app, keymap, &right);
    let height = left.len().max(right.len()) as u16 + 4;
    let popup = centered(area, 78, height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", app.t(Msg::HelpTitle)), theme.header))
        .title_bottom(Span::styled(format!(" {} ", app.t(Msg::HelpClose)), theme.muted));
    let inner = block.inner(popup);
    super::clear_for_popup(frame, area, popup);
    frame.render_widget(block, popup);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
    frame.render_widget(Paragraph::new(fit(left, l.width, theme)), l);
    frame.render_widget(Paragraph::new(fit(right, r.width, theme)), r);
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

fn fit(lines: Vec<(String, String, bool)>, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    lines
        .into_iter()
        .map(|(keys, label, heading)| {
            if heading {
                Line::from(Span::styled(keys, theme.header))
            } else {
                Line::raw(truncate_to_width(&format!(" {keys:<12} {label}"), width))
            }
        })
        .collect()
}
