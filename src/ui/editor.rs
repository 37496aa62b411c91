//! The article editor: the form, the preview, and the recovery and history overlays.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::{App, Editor, Field, History, Overlay};
use crate::clock::stamp;
use crate::domain::placement::Block as Placed;
use crate::i18n::{Msg, revision_reason};
use crate::text::{Change, DiffPart, condense, sanitize, sanitize_line, truncate_to_width};

const LABEL_WIDTH: u16 = 11;

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, editor: &Editor, theme: &Theme) {
    let show_form = !editor.preview || area.width >= 100;
    match (show_form, editor.preview) {
        (true, true) => {
            let [form, preview] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
            draw_form(frame, form, app, editor, theme);
            draw_preview(frame, preview, app, editor, theme);
        }
        (true, false) => draw_form(frame, area, app, editor, theme),
        (false, _) => draw_preview(frame, area, app, editor, theme),
    }
    match &editor.overlay {
        Some(Overlay::Recovery {
            autosave,
            diff,
            stats,
        }) => {
            let prompt = app
                .t(Msg::RecoveryPrompt)
                .replace("{at}", &stamp(autosave.saved_at, &app.session.zone))
                .replace("{a}", &stats.added_words.to_string())
                .replace("{r}", &stats.removed_words.to_string());
            draw_diff_box(frame, area, app.t(Msg::RecoveryTitle), &prompt, diff, theme);
        }
        Some(Overlay::History(history)) => draw_history(frame, area, app, history, theme),
        Some(Overlay::Photos { selected }) => {
            super::photos::draw_panel(frame, area, app, editor, *selected, theme)
        }
        None => {}
    }
    if let Some(text) = &editor.lost_to {
        draw_lost(frame, area, text, theme);
    }
}

/// The take-over notice: at the foot of the editor, wrapped so nothing is cut off at 80
/// columns, until Esc dismisses it.
fn draw_lost(frame: &mut Frame<'_>, area: Rect, text: &str, theme: &Theme) {
    let paragraph = Paragraph::new(sanitize_line(text).text)
        .style(theme.error)
        .wrap(Wrap { trim: true });
    let width = area.width.saturating_sub(2).max(1);
    let rows = u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(area.height);
    let popup = Rect {
        y: area.y + area.height - height,
        height,
        ..area
    };
    let block = Block::default().borders(Borders::ALL).border_style(theme.error);
    super::clear_for_popup(frame, area, popup);
    frame.render_widget(paragraph.block(block), popup);
}

/// Where the form's parts go.
struct Form {
    title: Rect,
    dateline: Rect,
    byline: Rect,
    slug: Rect,
    tags: Rect,
    lead: Rect,
    /// The body's rule, with the live checklist on it.
    rule: Rect,
    body: Rect,
}

fn form(area: Rect, editor: &Editor) -> Form {
    // A long title takes a second row rather than scrolling its start out of sight.
    let title_width: usize = editor
        .field(Field::Title)
        .lines()
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
        .sum();
    // The caret after the last letter needs a column of its own while typing there.
    let title = editor.field(Field::Title);
    let at_end = title
        .lines()
        .get(title.cursor().0)
        .is_some_and(|l| title.cursor().1 >= l.chars().count());
    let caret = usize::from(editor.focus == Field::Title && at_end);
    let title_rows = if title_width + caret > usize::from(area.width.saturating_sub(LABEL_WIDTH)) {
        2
    } else {
        1
    };
    let [title, source, slug, lead, rule, body] = Layout::vertical([
        Constraint::Length(title_rows),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let [dateline, byline] =
        Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(source);
    let [slug, _, tags] = Layout::horizontal([
        Constraint::Percentage(55),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(slug);
    Form {
        title,
        dateline,
        byline,
        slug,
        tags,
        lead,
        rule,
        body,
    }
}

fn draw_form(frame: &mut Frame<'_>, area: Rect, app: &App, editor: &Editor, theme: &Theme) {
    let form = form(area, editor);
    let shown = app.spelling.shown(editor);
    for (field, at) in [
        (Field::Title, form.title),
        (Field::Dateline, form.dateline),
        (Field::Byline, form.byline),
        (Field::Slug, form.slug),
        (Field::Tags, form.tags),
        (Field::Lead, form.lead),
    ] {
        let [label, input] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(1)]).areas(at);
        draw_label(frame, label, app.t(field.label()), editor.focus == field, theme);
        draw_field(frame, input, editor, field);
        super::spelling::underline(frame.buffer_mut(), input, &shown.flagged);
    }
    draw_rule(frame, form.rule, app, editor, &shown, theme);
    draw_field(frame, form.body, editor, Field::Body);
    super::spelling::underline(frame.buffer_mut(), form.body, &shown.flagged);
}

/// The frame after keys typed into the body, drawn onto the last frame: the body's rows
/// that changed, and its rule (the checklist, the flagged words' count) when `rule`.
/// Returns the screen rows drawn and the caret; `None` when the body must be drawn whole
/// (it scrolled, or its last draw is not on screen), and then nothing was drawn.
pub fn draw_typed(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    editor: &Editor,
    theme: &Theme,
    rule: bool,
) -> Option<(Vec<std::ops::Range<u16>>, Option<Position>)> {
    let Form {
        rule: rule_row, body, ..
    } = form(area, editor);
    let field = editor.field(Field::Body);
    let changed = field.render_changed(body, frame.buffer_mut())?;
    let shown = app.spelling.shown(editor);
    let mut drawn = Vec::with_capacity(2);
    if rule {
        frame.render_widget(ratatui::widgets::Clear, rule_row);
        draw_rule(frame, rule_row, app, editor, &shown, theme);
        drawn.push(rule_row.y..rule_row.bottom());
    }
    let rows = Rect {
        y: body.y + changed.start,
        height: changed.end - changed.start,
        ..body
    };
    super::spelling::underline(frame.buffer_mut(), rows, &shown.flagged);
    let caret = caret(body, editor, Field::Body);
    if let Some(at) = caret {
        frame.set_cursor_position(at);
    }
    drawn.push(rows.y..rows.bottom());
    Some((drawn, caret))
}

/// The body's rule: its name, and the ready-to-publish checklist, live.
fn draw_rule(
    frame: &mut Frame<'_>,
    rule: Rect,
    app: &App,
    editor: &Editor,
    shown: &crate::app::spelling::Shown,
    theme: &Theme,
) {
    let name = app.t(Field::Body.label());
    let style = if editor.focus == Field::Body {
        theme.tab_active
    } else {
        theme.header
    };
    // The ready-to-publish checklist, live, on the body's rule: what still blocks
    // publishing, or a tick when nothing does.
    let missing = editor.missing();
    let check = if missing.is_empty() {
        format!(" ✓ {} ", app.t(Msg::ReadyToPublish))
    } else {
        let items: Vec<String> = missing
            .iter()
            .map(|m| crate::i18n::missing_name(*m, app.session.lang))
            .collect();
        format!(" ✗ {}: {} ", app.t(Msg::MissingToPublish), items.join(", "))
    };
    // Flagged words warn; they never block publishing.
    let check = match shown.count {
        0 => check,
        1 => format!("{check}⚠ {} ", app.t(Msg::FlaggedWord)),
        n => format!(
            "{check}⚠ {} ",
            app.t(Msg::FlaggedWords).replace("{n}", &n.to_string())
        ),
    };
    let room = usize::from(rule.width).saturating_sub(name.chars().count() + 4);
    let check = truncate_to_width(&check, room);
    let check_style = if missing.is_empty() {
        theme.notice
    } else {
        theme.error
    };
    let fill = usize::from(rule.width)
        .saturating_sub(name.chars().count() + 2 + unicode_width::UnicodeWidthStr::width(check.as_str()) + 2);
    let line = Line::from(vec![
        Span::styled(format!(" {name} "), style),
        Span::styled("─".repeat(fill), theme.muted),
        Span::styled(check, check_style),
        Span::styled("──", theme.muted),
    ]);
    // One row, cut at its edge: put straight into the buffer, as a paragraph would draw it
    // without measuring it for wrapping (a typed frame draws this rule on every key).
    frame.buffer_mut().set_line(rule.x, rule.y, &line, rule.width);
}

fn draw_label(frame: &mut Frame<'_>, area: Rect, label: &str, focused: bool, theme: &Theme) {
    let style = if focused { theme.tab_active } else { theme.muted };
    let text = truncate_to_width(label, usize::from(area.width.saturating_sub(1)));
    frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
}

/// Draws a field and, when it has the focus, puts the real terminal cursor at its caret so
/// an input method's pre-edit window appears where the letters go.
fn draw_field(frame: &mut Frame<'_>, area: Rect, editor: &Editor, field: Field) {
    frame.render_widget(editor.field(field), area);
    if let Some(at) = caret(area, editor, field) {
        frame.set_cursor_position(at);
    }
}

/// Where the real cursor goes for a field drawn in `area`: at its caret, when it has the
/// focus and is on screen.
fn caret(area: Rect, editor: &Editor, field: Field) -> Option<Position> {
    if editor.focus != field || editor.is_read_only() || editor.overlay.is_some() {
        return None;
    }
    let textarea = editor.field(field);
    let caret = textarea.screen_cursor();
    let (top, left) = textarea.scroll_offset();
    let row = (caret.row as u16).saturating_sub(top);
    let col = (caret.col as u16).saturating_sub(left);
    (row < area.height && col < area.width).then_some(Position {
        x: area.x + col,
        y: area.y + row,
    })
}

/// The article as a reader will see it: headline, dateline and lead, body, photos, byline.
fn draw_preview(frame: &mut Frame<'_>, area: Rect, app: &App, editor: &Editor, theme: &Theme) {
    let t = editor.text();
    let mut lines = vec![Line::from(Span::styled(
        sanitize_line(&t.title).text,
        theme.header.remove_modifier(Modifier::UNDERLINED),
    ))];
    // The site's stamps: `(13:55 06/10/2020)` when published, and the last correction.
    let zone = &app.session.zone;
    let mut stamps = Vec::new();
    // The stamp it has, or the one it will have when the schedule comes.
    match (editor.published_at, editor.scheduled_at) {
        (Some(at), _) => stamps.push(format!("({})", crate::clock::stamp(at, zone))),
        (None, Some(at)) if editor.status == crate::domain::Status::Scheduled => stamps.push(format!(
            "({}) {}",
            crate::clock::stamp(at, zone),
            app.t(Msg::ScheduledFor)
        )),
        _ => {}
    }
    if let Some(at) = editor.corrected_at {
        stamps.push(
            app.t(Msg::UpdatedAt)
                .replace("{at}", &crate::clock::stamp(at, zone)),
        );
    }
    if !stamps.is_empty() {
        lines.push(Line::from(Span::styled(stamps.join("  "), theme.muted)));
    }
    lines.push(Line::raw(""));
    let dateline = if t.dateline.is_empty() {
        String::new()
    } else {
        format!("{} - ", sanitize_line(&t.dateline).text)
    };
    lines.push(Line::from(vec![
        Span::styled(dateline, theme.header.remove_modifier(Modifier::UNDERLINED)),
        Span::styled(
            sanitize(&t.lead).text,
            ratatui::style::Style::new().add_modifier(Modifier::BOLD),
        ),
    ]));
    for block in crate::domain::placement::layout(&t.body, &editor.photos) {
        lines.push(Line::raw(""));
        match block {
            Placed::Paragraph(p) => lines.extend(super::markdown::lines(&sanitize(p).text, theme)),
            Placed::Photo(i) => lines.extend(super::photos::preview_box(&editor.photos[i], i, theme)),
            Placed::Missing(n) => lines.push(Line::from(Span::styled(
                app.t(Msg::PhotoMissing).replace("{n}", &n.to_string()),
                theme.error,
            ))),
        }
    }
    lines.push(Line::raw(""));
    lines.push(
        Line::from(Span::styled(
            sanitize_line(&t.byline).text,
            ratatui::style::Style::new().add_modifier(Modifier::BOLD),
        ))
        .right_aligned(),
    );
    let block = Block::default()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", app.t(Msg::PreviewTitle)),
            theme.header,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = u16::try_from(paragraph.line_count(inner.width)).unwrap_or(u16::MAX);
    let room = height.saturating_sub(inner.height);
    editor.preview_room.set((room, inner.height));
    frame.render_widget(paragraph.scroll((editor.preview_scroll.min(room), 0)), inner);
}

fn diff_lines(parts: &[DiffPart], theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default()];
    for part in condense(parts, 6) {
        let style = match part.change {
            Change::Same => ratatui::style::Style::new(),
            Change::Added => theme.added,
            Change::Removed => theme.removed,
        };
        // Markers say it without colour: {+added+} [-removed-].
        let (open, close) = match part.change {
            Change::Same => ("", ""),
            Change::Added => ("{+", "+}"),
            Change::Removed => ("[-", "-]"),
        };
        let text = sanitize(&part.text).text;
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Line::default());
            }
            if piece.is_empty() {
                continue;
            }
            let shown = format!("{open}{piece}{close}");
            if let Some(line) = lines.last_mut() {
                line.push_span(Span::styled(shown, style));
            }
        }
    }
    lines
}

fn draw_diff_box(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    prompt: &str,
    diff: &[DiffPart],
    theme: &Theme,
) {
    let popup = centered(area, area.width.saturating_sub(4), area.height.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.header));
    let inner = block.inner(popup);
    super::clear_for_popup(frame, area, popup);
    frame.render_widget(block, popup);
    let [top, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(prompt.to_owned())
            .style(theme.notice)
            .wrap(Wrap { trim: true }),
        top,
    );
    frame.render_widget(
        Paragraph::new(diff_lines(diff, theme)).wrap(Wrap { trim: false }),
        rest,
    );
}

fn draw_history(frame: &mut Frame<'_>, area: Rect, app: &App, history: &History, theme: &Theme) {
    let popup = centered(area, area.width.saturating_sub(2), area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", app.t(Msg::HistoryTitle)),
            theme.header,
        ));
    let inner = block.inner(popup);
    super::clear_for_popup(frame, area, popup);
    frame.render_widget(block, popup);
    let list_rows = (inner.height / 3).max(3);
    let [head, list, rule, diff] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(list_rows),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let heads: Vec<&str> = app.t(Msg::HistoryHeader).split('|').collect();
    let column = |i: usize| heads.get(i).copied().unwrap_or_default();
    // Versions right-aligned under their head; the stamp is 16 columns wide.
    let number_width = column(0).chars().count().max(5);
    let header = format!(
        "{:>number_width$}  {:<16}  {:<14} {}",
        column(0),
        column(1),
        column(2),
        column(3)
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            truncate_to_width(&header, usize::from(head.width)),
            theme.muted,
        )),
        head,
    );
    let first = history.selected.saturating_sub(usize::from(list_rows) - 1);
    let lines: Vec<Line<'_>> = history
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(list_rows))
        .map(|(i, r)| {
            // Kept unsaved text made no version: it says which one it was typed on.
            let (number, what) = if r.is_version {
                (
                    r.version.to_string(),
                    revision_reason(&r.reason, app.session.lang),
                )
            } else {
                let on = app.t(Msg::HistoryUnsaved).replace("{v}", &r.version.to_string());
                (
                    String::new(),
                    format!("{} ({on})", revision_reason(&r.reason, app.session.lang)),
                )
            };
            let text = format!(
                "{number:>number_width$}  {}  {:<14} {}",
                stamp(r.saved_at, &app.session.zone),
                r.saved_by,
                sanitize_line(&what).text
            );
            let text = truncate_to_width(&text, usize::from(list.width));
            if i == history.selected {
                Line::styled(text, theme.selected)
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(Span::styled("─".repeat(usize::from(rule.width)), theme.muted)),
        rule,
    );
    frame.render_widget(
        Paragraph::new(diff_lines(&history.diff, theme)).wrap(Wrap { trim: false }),
        diff,
    );
}
