//! Photos as the preview draws them: a framed box where each stands in the body, with the
//! caption in italics and the credit under it, as the site prints them.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::{App, Editor};
use crate::domain::Photo;
use crate::i18n::Msg;
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
                Style::new().add_modifier(Modifier::ITALIC),
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

/// Where the panel's parts go: the list of photos, the selected one's details under it,
/// and on the right `picture_area`, the rectangle the selected picture is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PanelAreas {
    pub list: Rect,
    pub details: Rect,
    pub picture_area: Rect,
}

/// The panel's layout inside its frame. The picture takes the right third (a rule on its
/// left), at least 20 columns; narrower than 60 columns there is no room for it.
pub fn panel_areas(inner: Rect) -> PanelAreas {
    let picture_width = if inner.width >= 60 {
        (inner.width / 3).max(20)
    } else {
        0
    };
    let [left, picture_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(picture_width)]).areas(inner);
    let details_height = (left.height / 2).min(8);
    let [list, details] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(details_height)]).areas(left);
    PanelAreas {
        list,
        details,
        picture_area: Block::default().borders(Borders::LEFT).inner(picture_area),
    }
}

/// The editor's photo panel: one row pair per photo with its number, what it still lacks
/// for publishing and its caption, the selected one's details in full, and room for it.
pub fn draw_panel(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    editor: &Editor,
    selected: usize,
    theme: &Theme,
) {
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
    let areas = panel_areas(inner);
    let selected = selected.min(editor.photos.len() - 1);
    let captions: Vec<&str> = editor.photos.iter().map(|p| p.caption.as_str()).collect();
    let flagged = app.spelling.flagged_in_captions(&captions);
    draw_list(frame, areas.list, app, editor, selected, theme, &flagged);
    draw_details(
        frame,
        areas.details,
        app,
        &editor.photos[selected],
        theme,
        &flagged,
    );
    let picture_area = areas.picture_area;
    if picture_area.width > 0 {
        // The rule that sets the picture apart; the picture itself is drawn inside it
        // (src/ui/picture.rs), and nothing else of the panel ever writes there.
        let rule = Rect {
            x: picture_area.x.saturating_sub(1),
            width: 1,
            ..picture_area
        };
        frame.render_widget(
            Block::default().borders(Borders::LEFT).border_style(theme.border),
            rule,
        );
        super::picture::draw_in(frame, picture_area, app, &editor.photos[selected], theme);
    }
}

/// What photo `p` still lacks for publishing, in the session's words.
fn lacks(app: &App, p: &Photo) -> Vec<&'static str> {
    let mut lacks = Vec::new();
    if p.caption.trim().is_empty() {
        lacks.push(app.t(Msg::PhotoNoCaption));
    }
    if p.credit.trim().is_empty() {
        lacks.push(app.t(Msg::PhotoNoCredit));
    }
    if !p.decorative && p.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
        lacks.push(app.t(Msg::PhotoNoAlt));
    }
    lacks
}

fn draw_list(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    editor: &Editor,
    selected: usize,
    theme: &Theme,
    flagged: &HashSet<String>,
) {
    let mut lines = Vec::new();
    for (i, p) in editor.photos.iter().enumerate() {
        let lacks = lacks(app, p);
        let alt = match (&p.alt, p.decorative) {
            (_, true) => app.t(Msg::PhotoDecorative).to_owned(),
            (Some(alt), false) => sanitize_line(alt).text,
            _ => String::new(),
        };
        let caption = if p.caption.trim().is_empty() {
            "…".to_owned()
        } else {
            sanitize_line(&p.caption).text
        };
        let style = if i == selected {
            theme.selected
        } else {
            Style::new()
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
    let rows = usize::from(area.height).max(2);
    let skip = (selected * 2 + 2).saturating_sub(rows);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        area,
    );
    // Flagged words in the captions, which are each pair's first row; not in the credits.
    for y in (area.top()..area.bottom()).filter(|y| (usize::from(y - area.top()) + skip) % 2 == 0) {
        super::spelling::underline(frame.buffer_mut(), Rect { y, height: 1, ..area }, flagged);
    }
}

/// The selected photo's caption, credit, alt text and place, whole, each on its own line.
fn draw_details(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    p: &Photo,
    theme: &Theme,
    flagged: &HashSet<String>,
) {
    let place = match p.after_paragraph {
        Some(n) => app.t(Msg::PlaceAfter).replace("{p}", &n.to_string()),
        None => app
            .t(Msg::PlaceMarker)
            .replace("{n}", &p.position.max(1).to_string()),
    };
    let alt = if p.decorative {
        app.t(Msg::PhotoDecorative).to_owned()
    } else {
        sanitize_line(p.alt.as_deref().unwrap_or_default()).text
    };
    let row = |label: Msg, value: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{}: ", app.t(label)), theme.muted),
            Span::styled(value, style),
        ])
    };
    let [rule, text] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled("─".repeat(usize::from(rule.width)), theme.border)),
        rule,
    );
    let caption = row(
        Msg::LabelCaption,
        sanitize_line(&p.caption).text,
        Style::new().add_modifier(Modifier::ITALIC),
    );
    let lines = vec![
        caption.clone(),
        row(Msg::LabelCredit, sanitize_line(&p.credit).text, Style::new()),
        row(Msg::LabelAlt, alt, Style::new()),
        row(Msg::LabelPlace, place, Style::new()),
    ];
    // One column in from the frame, wrapped lines included.
    let text = Rect {
        x: text.x.saturating_add(1),
        width: text.width.saturating_sub(1),
        ..text
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text);
    let caption_rows = Paragraph::new(caption)
        .wrap(Wrap { trim: false })
        .line_count(text.width);
    let height = u16::try_from(caption_rows).unwrap_or(u16::MAX).min(text.height);
    super::spelling::underline(frame.buffer_mut(), Rect { height, ..text }, flagged);
}
