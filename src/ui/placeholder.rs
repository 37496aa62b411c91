//! Screens that later work fills in: they say what will be there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::{App, Tab};
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let text = match app.tab {
        Tab::Comments => app
            .t(Msg::ComingComments)
            .replace("{n}", &app.pending_comments.to_string()),
        Tab::Tags | Tab::Articles | Tab::Schedule => app.t(Msg::ComingTags).to_owned(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", app.t(Msg::Coming)), theme.header));
    let body = Paragraph::new(vec![Line::raw(""), Line::raw(text)])
        .wrap(Wrap { trim: true })
        .block(block);
    frame.render_widget(body, area);
}
