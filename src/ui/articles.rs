//! The Articles list: status, title, byline and last update, one page at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use super::Theme;
use crate::app::App;
use crate::clock::stamp;
use crate::i18n::{Msg, status_name};
use crate::text::{Snippet, sanitize_line, truncate_to_width};

const STATUS_WIDTH: u16 = 10;
const STAMP_WIDTH: u16 = 16;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let list = &app.articles;
    let lang = app.session.lang;
    if list.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(app.t(Msg::NoArticles), theme.muted)),
            area,
        );
        return;
    }
    let byline_width = (area.width / 6).clamp(8, 24);
    let title_width = area
        .width
        .saturating_sub(STATUS_WIDTH + STAMP_WIDTH + byline_width + 3);
    let header = Row::new([
        app.t(Msg::ColStatus),
        app.t(Msg::ColTitle),
        app.t(Msg::ColByline),
        app.t(Msg::ColUpdated),
    ])
    .style(theme.header);
    let words = app.search_words(crate::app::Tab::Articles);
    let rows = list.rows.iter().map(|r| {
        let title = if r.title.is_empty() {
            app.t(Msg::Untitled).to_owned()
        } else {
            sanitize_line(&r.title).text
        };
        let title = truncate_to_width(&title, usize::from(title_width));
        let byline = truncate_to_width(&sanitize_line(&r.byline).text, usize::from(byline_width));
        let mut title = Text::from(highlighted(&title, words, theme));
        // A search result shows where its words are, on a line of its own.
        let height = match &r.snippet {
            Some(snippet) => {
                title.push_line(marked(&snippet.fit(usize::from(title_width)), theme));
                2
            }
            None => 1,
        };
        Row::new([
            Cell::from(Span::styled(status_name(r.status, lang), theme.status(r.status))),
            Cell::from(title),
            Cell::from(byline),
            Cell::from(Span::styled(stamp(r.updated_at, &app.session.zone), theme.muted)),
        ])
        .height(height)
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(STATUS_WIDTH),
            Constraint::Length(title_width),
            Constraint::Length(byline_width),
            Constraint::Length(STAMP_WIDTH),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(list.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

/// A snippet, muted, its matches in the search style.
fn marked(snippet: &Snippet, theme: &Theme) -> Line<'static> {
    let text = &snippet.text;
    let mut spans = Vec::new();
    let mut last = 0;
    for &(a, b) in &snippet.marks {
        spans.push(Span::styled(text[last..a].to_owned(), theme.muted));
        spans.push(Span::styled(text[a..b].to_owned(), theme.found));
        last = b;
    }
    spans.push(Span::styled(text[last..].to_owned(), theme.muted));
    Line::from(spans)
}

/// The title with the searched words in bold: found in the accented original, whatever
/// was typed.
pub fn highlighted(text: &str, words: &[String], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut last = 0;
    for (a, b) in crate::text::match_ranges(text, words, true) {
        spans.push(Span::raw(text[last..a].to_owned()));
        spans.push(Span::styled(text[a..b].to_owned(), theme.found));
        last = b;
    }
    spans.push(Span::raw(text[last..].to_owned()));
    Line::from(spans)
}
