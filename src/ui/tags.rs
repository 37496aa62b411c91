//! The Tags tab: each tag with its article count, and the rename and merge dialogs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Theme, centered, clear_for_popup};
use crate::app::App;
use crate::app::tags::TagDialog;
use crate::i18n::Msg;
use crate::text::{sanitize_line, truncate_to_width};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let list = &app.tags;
    let up = if list.is_at_top() { "" } else { " ▲" };
    let down = if list.has_more_below() { " ▼" } else { "" };
    let summary = app.t(Msg::TagsSummary).replace("{n}", &list.total.to_string());
    let mut lines = vec![Line::from(Span::styled(
        format!("{summary}{up}{down}"),
        theme.muted,
    ))];
    if list.rows.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(app.t(Msg::TagsEmpty), theme.muted));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    let width = usize::from(area.width);
    let internal = app.t(Msg::TagsInternal);
    let articles = app.t(Msg::TagsArticles);
    for (i, row) in list.rows.iter().enumerate() {
        let count = format!("{:>6} {articles:<4} ", row.articles);
        let mark = if row.tag.internal {
            format!("  [{internal}]")
        } else {
            String::new()
        };
        let room = width.saturating_sub(count.chars().count() + mark.chars().count() + 1);
        // Name first, then the slug when there is room: the slug is the tag's address.
        let name = sanitize_line(&row.tag.name).text;
        let text = truncate_to_width(&format!("{name}  · {}", row.tag.slug), room);
        let line = Line::from(vec![
            Span::styled(count, theme.muted),
            Span::raw(format!("{text:<room$}")),
            Span::styled(mark, theme.muted),
        ]);
        lines.push(if i == list.selected {
            line.patch_style(theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn draw_dialog(frame: &mut Frame<'_>, area: Rect, app: &App, dialog: &TagDialog, theme: &Theme) {
    let width = 64.min(area.width);
    let name = |row: &crate::store::TagRow| sanitize_line(&row.tag.name).text;
    let line_with = |text: &str| {
        Line::from(vec![
            Span::styled("> ", theme.header),
            Span::raw(sanitize_line(text).text),
        ])
    };
    let error_or_keys = |error: &Option<String>| match error {
        Some(e) => Line::from(Span::styled(sanitize_line(e).text, theme.error)),
        None => Line::from(Span::styled(app.t(Msg::DialogKeys), theme.muted)),
    };
    let (title, lines, typed) = match dialog {
        TagDialog::Rename { tag, text, error } => (
            app.t(Msg::TagRenameTitle).replace("{tag}", &name(tag)),
            vec![
                Line::raw(app.t(Msg::TagRenamePrompt)),
                line_with(text),
                error_or_keys(error),
            ],
            Some(text),
        ),
        TagDialog::MergeInto {
            tag,
            text,
            choices,
            selected,
            error,
        } => {
            let mut lines = vec![Line::raw(app.t(Msg::TagMergePrompt)), line_with(text)];
            for (i, choice) in choices.iter().enumerate() {
                let style = if i == *selected {
                    theme.selected
                } else {
                    Style::new()
                };
                let label = format!("  {}  · {}", sanitize_line(&choice.name).text, choice.slug);
                let label = truncate_to_width(&label, usize::from(width).saturating_sub(2));
                lines.push(Line::from(Span::styled(label, style)));
            }
            lines.push(error_or_keys(error));
            (
                app.t(Msg::TagMergeTitle).replace("{tag}", &name(tag)),
                lines,
                Some(text),
            )
        }
        TagDialog::ConfirmRename { tag, new } => (
            app.t(Msg::TagRenameTitle).replace("{tag}", &name(tag)),
            vec![Line::raw(
                app.t(Msg::TagRenameConfirm)
                    .replace("{old}", &name(tag))
                    .replace("{new}", &sanitize_line(new).text)
                    .replace("{n}", &tag.articles.to_string()),
            )],
            None,
        ),
        TagDialog::ConfirmMerge { tag, into } => (
            app.t(Msg::TagMergeTitle).replace("{tag}", &name(tag)),
            vec![Line::raw(
                app.t(Msg::TagMergeConfirm)
                    .replace("{from}", &name(tag))
                    .replace("{into}", &sanitize_line(&into.name).text)
                    .replace("{n}", &tag.articles.to_string()),
            )],
            None,
        ),
    };
    let inner = usize::from(width).saturating_sub(2).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let rect = centered(area, width, (rows as u16 + 2).min(area.height));
    clear_for_popup(frame, area, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.header));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(block),
        rect,
    );
    // The terminal's cursor after the typed text, where an input method shows its pre-edit.
    if let Some(text) = typed {
        use unicode_width::UnicodeWidthStr;
        let x = (rect.x + 3 + sanitize_line(text).text.width() as u16).min(rect.right().saturating_sub(2));
        frame.set_cursor_position((x, rect.y + 2));
    }
}
