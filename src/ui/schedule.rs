//! The Schedule tab: a summary line, then the agenda's headings and rows (status, time,
//! title, author), one page at a time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::{Agenda, App, Entry, Heading};
use crate::i18n::{Msg, held_reason, status_name};
use crate::store::{AgendaRow, Section};
use crate::text::{sanitize_line, truncate_to_width};

const INDENT: usize = 2;
const STATUS_WIDTH: usize = 10;
/// `HH:MM dd/mm` and a space.
const TIME_WIDTH: usize = 12;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, agenda: &Agenda, theme: &Theme) {
    let width = usize::from(area.width);
    let mut lines = vec![summary(app, agenda, theme)];
    if agenda.list.rows.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(app.t(Msg::AgendaEmpty), theme.muted));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    for (i, entry) in agenda.list.rows.iter().enumerate() {
        let line = match entry {
            Entry::Heading { heading, .. } => heading_line(app, *heading, width, theme),
            Entry::Item(row) => item_line(app, agenda, row, width, theme),
        };
        lines.push(if i == agenda.list.selected && matches!(entry, Entry::Item(_)) {
            line.patch_style(theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// What the whole schedule holds, overdue first: the count an editor looks for.
fn summary(app: &App, agenda: &Agenda, theme: &Theme) -> Line<'static> {
    let c = agenda.counts;
    let text = app
        .t(Msg::AgendaSummary)
        .replace("{o}", &c.overdue.to_string())
        .replace("{c}", &c.coming.to_string())
        .replace("{l}", &c.later.to_string())
        .replace("{p}", &c.published.to_string());
    let (overdue, rest) = match text.split_once(" · ") {
        Some((a, b)) => (a.to_owned(), format!(" · {b}")),
        None => (text, String::new()),
    };
    let style = if c.overdue > 0 { theme.error } else { theme.muted };
    let up = if agenda.list.is_at_top() { "" } else { " ▲" };
    let down = if agenda.list.has_more_below() { " ▼" } else { "" };
    Line::from(vec![
        Span::styled(overdue, style),
        Span::styled(format!("{rest}{up}{down}"), theme.muted),
    ])
}

fn heading_line(app: &App, heading: Heading, width: usize, theme: &Theme) -> Line<'static> {
    let style = match heading {
        Heading::Overdue => theme.error,
        _ => theme.header,
    };
    let text = truncate_to_width(&heading.text(app.session.lang), width);
    Line::from(Span::styled(text, style))
}

fn item_line(app: &App, agenda: &Agenda, row: &AgendaRow, width: usize, theme: &Theme) -> Line<'static> {
    let lang = app.session.lang;
    let author_width = (width / 6).clamp(8, 22);
    let title_width = width.saturating_sub(INDENT + STATUS_WIDTH + TIME_WIDTH + author_width + 1);
    let status_style = if row.section == Section::Overdue {
        theme.error
    } else {
        theme.status(row.status)
    };
    // What needs saying about the row comes before its title, so a narrow screen keeps it.
    let note = match row.section {
        Section::Overdue => Some((
            format!(
                "⚠ {} · ",
                if row.held_because.is_empty() {
                    app.t(Msg::AgendaWaiting).to_owned()
                } else {
                    held_reason(&sanitize_line(&row.held_because).text, lang)
                }
            ),
            theme.error,
        )),
        Section::Published => row.late_minutes.filter(|n| *n > 0).map(|n| {
            (
                format!("{} · ", app.t(Msg::AgendaLate).replace("{n}", &n.to_string())),
                theme.notice,
            )
        }),
        Section::Coming => None,
    };
    let title = if row.title.trim().is_empty() {
        app.t(Msg::Untitled).to_owned()
    } else {
        sanitize_line(&row.title).text
    };
    let (note_text, note_style) = note.unwrap_or_default();
    let note_text = truncate_to_width(&note_text, title_width);
    let title = cell(&title, title_width.saturating_sub(note_text.width()));
    Line::from(vec![
        Span::raw(" ".repeat(INDENT)),
        Span::styled(cell(status_name(row.status, lang), STATUS_WIDTH), status_style),
        Span::styled(cell(&time(agenda, row), TIME_WIDTH), theme.muted),
        Span::styled(note_text, note_style),
        Span::raw(title),
        Span::raw(" "),
        Span::raw(cell(&sanitize_line(&row.author).text, author_width)),
    ])
}

/// `HH:MM` under a day heading; with the date where the heading does not give it.
fn time(agenda: &Agenda, row: &AgendaRow) -> String {
    let zoned = row.at.to_zoned_datetime(agenda.list.source.zone.clone());
    if row.section == Section::Coming || zoned.date() == agenda.list.source.today {
        zoned.strftime("%H:%M").to_string()
    } else {
        zoned.strftime("%H:%M %d/%m").to_string()
    }
}

/// `text` cut or padded to exactly `width` columns.
fn cell(text: &str, width: usize) -> String {
    let mut out = truncate_to_width(text, width);
    let used = out.width();
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests;
