//! Photos as the preview draws them: a framed box where each stands in the body, with the
//! caption in italics and the credit under it, as the site prints them.

use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::Theme;
use crate::domain::Photo;
use crate::text::sanitize_line;

/// The lines of one photo's box in the preview.
pub fn preview_box(photo: &Photo, index: usize, theme: &Theme) -> Vec<Line<'static>> {
    let size = match (photo.width, photo.height) {
        (Some(w), Some(h)) => format!(" {w}×{h}"),
        _ => String::new(),
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("┌ ▣ {}{size}", index + 1),
        theme.muted,
    ))];
    if !photo.caption.trim().is_empty() {
        lines.push(Line::from(vec![
            Span::styled("│ ", theme.muted),
            Span::styled(
                sanitize_line(&photo.caption).text,
                ratatui::style::Style::new().add_modifier(Modifier::ITALIC),
            ),
        ]));
    }
    if !photo.credit.trim().is_empty() {
        lines.push(Line::from(vec![
            Span::styled("│ ", theme.muted),
            Span::styled(sanitize_line(&photo.credit).text, theme.muted),
        ]));
    }
    lines.push(Line::from(Span::styled("└", theme.muted)));
    lines
}

/// The editor's photo panel: one row per photo with its number, what it shows and what it
/// still lacks for publishing, and the selected one's caption and credit in full.
pub fn draw_panel(
    frame: &mut ratatui::Frame<'_>,
    area: ratatui::layout::Rect,
    app: &crate::app::App,
    editor: &crate::app::Editor,
    selected: usize,
    theme: &Theme,
) {
    use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

    use crate::i18n::Msg;
    let popup = super::centered(area, area.width.saturating_sub(2), area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", app.t(Msg::PhotosTitle)),
            theme.header,
        ));
    let inner = block.inner(popup);
    super::clear_for_popup(frame, area, popup);
    frame.render_widget(block, popup);
    if editor.photos.is_empty() {
        frame.render_widget(
            Paragraph::new(app.t(Msg::PhotosNone))
                .style(theme.muted)
                .wrap(Wrap { trim: false }),
            inner,
        );
        return;
    }
    let inner = super::picture::draw_beside(frame, inner, app, editor.photos.get(selected), theme);
    let mut lines = Vec::new();
    for (i, p) in editor.photos.iter().enumerate() {
        let mut lacks = Vec::new();
        if p.caption.trim().is_empty() {
            lacks.push(app.t(Msg::PhotoNoCaption));
        }
        if p.credit.trim().is_empty() {
            lacks.push(app.t(Msg::PhotoNoCredit));
        }
        let alt = match (&p.alt, p.decorative) {
            (_, true) => app.t(Msg::PhotoDecorative).to_owned(),
            (Some(alt), false) if !alt.trim().is_empty() => sanitize_line(alt).text,
            _ => {
                lacks.push(app.t(Msg::PhotoNoAlt));
                String::new()
            }
        };
        let caption = if p.caption.trim().is_empty() {
            "…".to_owned()
        } else {
            sanitize_line(&p.caption).text
        };
        let style = if i == selected {
            theme.selected
        } else {
            ratatui::style::Style::new()
        };
        // What blocks publishing comes first, so a narrow screen never cuts it off.
        let mut head = vec![Span::styled(format!("{:>2}. ", i + 1), style)];
        if !lacks.is_empty() {
            head.push(Span::styled(format!("⚠ {}  ", lacks.join(", ")), theme.error));
        }
        head.push(Span::styled(caption, style.add_modifier(Modifier::ITALIC)));
        lines.push(Line::from(head));
        lines.push(Line::from(Span::styled(
            format!("    {} · {alt}", sanitize_line(&p.credit).text),
            theme.muted,
        )));
    }
    // Keep the selected photo's two lines in view.
    let rows = usize::from(inner.height).max(2);
    let skip = (selected * 2 + 2).saturating_sub(rows);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        inner,
    );
}
