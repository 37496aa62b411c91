//! The workflow menu and its dialogs, drawn over the screen from the app's state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Theme, centered, clear_for_popup};
use crate::app::App;
use crate::app::workflow::{AddStep, Dialog, LineFor, Menu, Move, PhotoField};
use crate::i18n::{Msg, status_name};
use crate::keymap::{Context, Keymap};
use crate::text::sanitize_line;

fn popup<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.header))
}

/// A title cut to fit a popup's title bar.
fn short(title: &str, max: usize) -> String {
    let clean = sanitize_line(title).text;
    if clean.chars().count() <= max {
        return clean;
    }
    let mut cut: String = clean.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

pub fn draw_menu(frame: &mut Frame<'_>, area: Rect, app: &App, menu: &Menu, keymap: &Keymap, theme: &Theme) {
    let width = 60.min(area.width);
    let height = (menu.moves.len() as u16 + 4).min(area.height);
    let rect = centered(area, width, height);
    let title = app.t(Msg::WorkflowTitle).replace(
        "{title}",
        &short(&menu.title, usize::from(width).saturating_sub(20)),
    );
    let mut lines = vec![Line::from(Span::styled(
        status_name(menu.status, app.session.lang).to_owned(),
        theme.muted,
    ))];
    for (i, m) in menu.moves.iter().enumerate() {
        let command = m.command();
        let key = keymap
            .key_for(Context::Workflow, command)
            .map(|k| k.to_string())
            .unwrap_or_default();
        let label = app.t(command.label());
        let style = if i == menu.selected {
            theme.selected
        } else {
            ratatui::style::Style::new()
        };
        let danger = matches!(m, Move::Delete);
        let label_style = if danger { theme.error.patch(style) } else { style };
        lines.push(Line::from(vec![
            Span::styled(format!(" {key:<3}"), theme.header.patch(style)),
            Span::styled(
                format!("{label:<width$}", width = usize::from(width).saturating_sub(8)),
                label_style,
            ),
        ]));
    }
    clear_for_popup(frame, area, rect);
    frame.render_widget(Paragraph::new(lines).block(popup(title, theme)), rect);
}

pub fn draw_dialog(frame: &mut Frame<'_>, area: Rect, app: &App, dialog: &Dialog, theme: &Theme) {
    let width = 72.min(area.width);
    let inner = usize::from(width).saturating_sub(2);
    let (title, lines) = match dialog {
        Dialog::Line {
            title,
            text,
            purpose,
            error,
            ..
        } => {
            let (heading, prompt) = match purpose {
                LineFor::Schedule { .. } => (
                    app.t(Msg::ScheduleTitle)
                        .replace("{title}", &short(title, inner.saturating_sub(20))),
                    app.t(Msg::SchedulePrompt).replace(
                        "{zone}",
                        app.session.zone.iana_name().unwrap_or(crate::clock::DEFAULT_ZONE),
                    ),
                ),
                LineFor::Slug => (
                    app.t(Msg::SlugTitle).to_owned(),
                    app.t(Msg::SlugPrompt).to_owned(),
                ),
                LineFor::Note { .. } => (
                    app.t(Msg::NoteTitle).to_owned(),
                    app.t(Msg::NotePrompt).to_owned(),
                ),
                LineFor::Photo { n, field } => {
                    let (heading, prompt) = match field {
                        PhotoField::Caption => (Msg::CaptionTitle, Msg::CaptionPrompt),
                        PhotoField::Credit => (Msg::CreditTitle, Msg::CreditPrompt),
                        PhotoField::Alt => (Msg::AltTitle, Msg::AltPrompt),
                        PhotoField::Place => (Msg::PlaceTitle, Msg::PlacePrompt),
                    };
                    let max = crate::domain::placement::paragraph_count(
                        &app.editor.as_ref().map(|e| e.text().body).unwrap_or_default(),
                    );
                    (
                        app.t(heading).replace("{n}", &n.to_string()),
                        app.t(prompt).replace("{max}", &max.to_string()),
                    )
                }
                LineFor::PhotoNote { .. } => (
                    app.t(Msg::NoteTitle).to_owned(),
                    app.t(Msg::NotePrompt).to_owned(),
                ),
                LineFor::AddPhoto(step) => (
                    app.t(Msg::AddPhotoTitle).to_owned(),
                    match step {
                        AddStep::File { .. } if app.session.restricted => app.t(Msg::AddInboxPrompt),
                        AddStep::File { .. } => app.t(Msg::AddFilePrompt),
                        AddStep::Caption { .. } => app.t(Msg::CaptionPrompt),
                        AddStep::Credit { .. } => app.t(Msg::CreditPrompt),
                    }
                    .to_owned(),
                ),
            };
            let mut lines = vec![
                Line::raw(prompt),
                Line::from(vec![
                    Span::styled("> ", theme.header),
                    Span::raw(sanitize_line(text).text),
                ]),
            ];
            if let LineFor::Schedule { .. } = purpose {
                lines.push(Line::from(Span::styled(app.t(Msg::ScheduleChoices), theme.muted)));
            }
            if let LineFor::AddPhoto(AddStep::File { choices }) = purpose
                && !choices.is_empty()
            {
                // What Tab matched, on as few rows as fit: the names a shell would list.
                let shown: Vec<String> = choices.iter().take(12).map(|c| sanitize_line(c).text).collect();
                let more = choices.len().saturating_sub(shown.len());
                let mut text = shown.join("  ");
                if more > 0 {
                    text.push_str(&format!("  (+{more})"));
                }
                lines.push(Line::from(Span::styled(text, theme.muted)));
            }
            match error {
                Some(e) => lines.push(Line::from(Span::styled(sanitize_line(e).text, theme.error))),
                None => lines.push(Line::from(Span::styled(app.t(Msg::DialogKeys), theme.muted))),
            }
            (heading, lines)
        }
        Dialog::ConfirmDelete { title, .. } => (
            app.t(Msg::DeleteTitle).to_owned(),
            vec![Line::raw(
                app.t(Msg::DeletePrompt).replace("{title}", &short(title, 40)),
            )],
        ),
        Dialog::ConfirmRemovePhoto { n, caption, .. } => (
            app.t(Msg::RemovePhotoTitle).replace("{n}", &n.to_string()),
            vec![Line::raw(
                app.t(Msg::RemovePhotoPrompt)
                    .replace("{n}", &n.to_string())
                    .replace("{caption}", &short(&sanitize_line(caption).text, 40)),
            )],
        ),
        Dialog::ConfirmSlug { old, new, .. } => (
            app.t(Msg::SlugTitle).to_owned(),
            vec![Line::raw(
                app.t(Msg::SlugConfirm)
                    .replace("{old}", old)
                    .replace("{new}", new),
            )],
        ),
    };
    // Room for the lines as they wrap, plus the border.
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner.max(1)).max(1))
        .sum();
    let rect = centered(area, width, (rows as u16 + 2).min(area.height));
    clear_for_popup(frame, area, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(popup(title, theme)),
        rect,
    );
    // The terminal's own cursor after the typed text, where an input method shows its
    // pre-edit: the prompt takes the first row, the line the second.
    if let Dialog::Line { text, .. } = dialog {
        use unicode_width::UnicodeWidthStr;
        let typed = sanitize_line(text).text.width() as u16;
        let x = (rect.x + 3 + typed).min(rect.right().saturating_sub(2));
        frame.set_cursor_position((x, rect.y + 2));
    }
}
