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
