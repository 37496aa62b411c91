//! The comment queue: the four queues with counts, the list, and the selected comment in
//! full with why it was held and who sent it. Reader text is sanitised before it is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::Theme;
use crate::app::Lost;
use crate::app::{App, ContextView, Detail, Prompt, Queue};
use crate::clock::{list_stamp, stamp};
use crate::domain::{Comment, CommentStatus, Operation};
use crate::i18n::{Msg, comment_status_name, decided_sentence, rule_name};
use crate::text::{group_phone, sanitize, sanitize_line, truncate_to_width};

pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, queue: &Queue, theme: &Theme) {
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    draw_bar(frame, bar, app, queue, theme);
    let detail = match queue.single {
        true => body,
        false => {
            let [list, detail] =
                Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body);
            draw_list(frame, list, app, queue, theme);
            detail
        }
    };
    match queue.context {
        true => draw_context(frame, detail, app, queue, theme),
        false => draw_detail(frame, detail, app, queue, theme),
    }
}

fn draw_bar(frame: &mut Frame<'_>, area: Rect, app: &App, queue: &Queue, theme: &Theme) {
    let lang = app.session.lang;
    let mut spans = Vec::new();
    for (status, count) in CommentStatus::ALL.iter().zip(queue.counts) {
        let style = if *status == queue.status() {
            theme.tab_active
        } else {
            theme.tab
        };
        // While searching or narrowed to an article, the queue on screen says how many of
        // its comments are shown.
        let source = &queue.list.source;
        let narrowed = source.fts.is_some() || source.article.is_some();
        let count = match narrowed {
            true if *status == queue.status() => format!("{}/{count}", queue.list.total),
            _ => count.to_string(),
        };
        spans.push(Span::styled(
            format!(" {} {count} ", comment_status_name(*status, lang)),
            style,
        ));
    }
    let mut corner = Vec::new();
    if let Some(id) = queue.list.source.article {
        corner.push(app.t(Msg::QueueOnlyArticle).replace("{id}", &id.to_string()));
    }
    if !queue.marked.is_empty() {
        corner.push(
            app.t(Msg::QueueMarked)
                .replace("{n}", &queue.marked.len().to_string()),
        );
    }
    if queue.arrived > 0 {
        corner.push(
            app.t(Msg::QueueArrived)
                .replace("{n}", &queue.arrived.to_string()),
        );
    }
    let corner = corner.join(" · ");
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + corner.chars().count() + 1);
    spans.push(Span::raw(" ".repeat(room)));
    spans.push(Span::styled(corner, theme.notice));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App, queue: &Queue, theme: &Theme) {
    if queue.list.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(app.t(Msg::QueueEmpty), theme.muted)),
            area,
        );
        return;
    }
    let width = usize::from(area.width.saturating_sub(1));
    let lines: Vec<Line<'_>> = queue
        .list
        .rows
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mark = if queue.marked.contains_key(&c.id) {
                "✓"
            } else {
                " "
            };
            let time = list_stamp(c.submitted_at, app.session.clock.now(), &app.session.zone);
            let who = sanitize_line(&c.name).text;
            let what = sanitize_line(&c.title).text;
            let mut style = Style::new();
            let mut text = format!("{mark}{time} {who}: {what}");
            if let Some(lost) = queue.lost.get(&c.id) {
                style = theme.muted.add_modifier(Modifier::CROSSED_OUT);
                text = format!("{mark}{time} {who} ({})", lost_text(app, lost));
            } else if c.status != queue.status() {
                style = theme.muted;
                text = format!(
                    "{mark}→ {} · {who}: {what}",
                    comment_status_name(c.status, app.session.lang)
                );
            }
            if i == queue.list.selected {
                style = style.patch(theme.selected);
            }
            let words = app.search_words(crate::app::Tab::Comments);
            super::articles::highlighted(&truncate_to_width(&text, width), words, theme).style(style)
        })
        .collect();
    let block = Block::default()
        .borders(Borders::RIGHT)
        .border_style(theme.border);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn lost_text(app: &App, lost: &Lost) -> String {
    let at = lost
        .at
        .map(|at| list_stamp(at, app.session.clock.now(), &app.session.zone));
    decided_sentence(
        lost.status,
        &sanitize_line(&lost.by).text,
        at.as_deref(),
        app.session.lang,
    )
}

fn had_controls(c: &Comment) -> bool {
    [&c.name, &c.title, &c.content]
        .iter()
        .any(|t| sanitize(t).had_controls)
}

/// The selected comment: who sent it and why it waits on top, the author's history pinned
/// at the bottom, and the title and text wrapped in between. A text too long for the pane
/// says how many rows are left; in the single view the page keys scroll it.
fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App, queue: &Queue, theme: &Theme) {
    let Some(c) = queue.list.selected_row() else {
        return;
    };
    let detail = queue.detail.as_ref().filter(|d| d.comment_id == c.id);
    // Where this comment stands in the queue: "12/47".
    let title = match detail {
        Some(d) => format!(" #{} · {}/{} ", c.id, d.position, queue.list.total),
        None => format!(" #{} ", c.id),
    };
    let block = Block::default().title(Span::styled(title, theme.header));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let wrapped = |lines: Vec<Line<'static>>| Paragraph::new(lines).wrap(Wrap { trim: false });
    let head = wrapped(head_lines(app, c, detail, theme));
    let foot = wrapped(detail.map(|d| history_lines(app, d, theme)).unwrap_or_default());
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut text = vec![Line::from(Span::styled(sanitize_line(&c.title).text, bold))];
    text.extend(sanitize(&c.content).text.lines().map(|l| Line::raw(l.to_owned())));
    let text = wrapped(text);

    let rows = |p: &Paragraph<'_>| u16::try_from(p.line_count(inner.width)).unwrap_or(u16::MAX);
    let foot_rows = rows(&foot).min(inner.height);
    let head_rows = rows(&head).min(inner.height - foot_rows);
    let [head_area, text_area, foot_area] = Layout::vertical([
        Constraint::Length(head_rows),
        Constraint::Min(0),
        Constraint::Length(foot_rows),
    ])
    .areas(inner);
    frame.render_widget(head, head_area);
    frame.render_widget(foot, foot_area);

    let total = text.line_count(inner.width);
    let room = usize::from(text_area.height);
    if total <= room {
        frame.render_widget(text, text_area);
        return;
    }
    // One row goes to saying how much is left below.
    let shown = room.saturating_sub(1);
    let scroll = if queue.single {
        queue.text_scroll.min(total - shown)
    } else {
        0
    };
    let [text_area, more_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(text_area);
    let offset = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(text.scroll((offset, 0)), text_area);
    let left = total - shown - scroll;
    if left > 0 {
        let more = app.t(Msg::QueueMoreText).replace("{n}", &left.to_string());
        frame.render_widget(Paragraph::new(Span::styled(more, theme.muted)), more_area);
    }
}

/// `c`: the selected comment among its article's comments, in the order readers sent them,
/// each with what became of it, and the article's title and lead above. The selected
/// comment stays in view, with as many before it as after where there are.
fn draw_context(frame: &mut Frame<'_>, area: Rect, app: &App, queue: &Queue, theme: &Theme) {
    let Some(c) = queue.list.selected_row() else {
        return;
    };
    let Some((detail, context)) = queue
        .detail
        .as_ref()
        .filter(|d| d.comment_id == c.id)
        .and_then(|d| Some((d, d.context.as_ref()?)))
    else {
        return;
    };
    let title = format!(
        " #{} · {} ",
        c.id,
        app.t(Msg::QueueContextTitle)
            .replace("{id}", &context.article_id.to_string())
    );
    let block = Block::default().title(Span::styled(title, theme.header));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let line = |text: &str, style: Style| Line::from(Span::styled(truncate_to_width(text, width), style));
    let mut lines = vec![
        line(
            &sanitize_line(&detail.article_title).text,
            Style::new().add_modifier(Modifier::BOLD),
        ),
        line(&sanitize_line(&context.lead).text, theme.muted),
        line(&state_counts(app, &context.conversation.counts), theme.muted),
    ];
    let room = usize::from(inner.height).saturating_sub(lines.len());
    let rows = context_rows(app, c, context, room, width, theme);
    lines.extend(rows);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How the article's comments were decided, each state with the mark its rows carry.
fn state_counts(app: &App, counts: &[u64; 4]) -> String {
    let parts: Vec<String> = CommentStatus::ALL
        .iter()
        .zip(counts)
        .map(|(s, n)| {
            format!(
                "{} {n} {}",
                state_mark(*s),
                comment_status_name(*s, app.session.lang)
            )
        })
        .collect();
    format!("{} {}", app.t(Msg::QueueContextCounts), parts.join(" · "))
}

/// The first `chars` characters of `text`: more than a row of `chars` columns can show.
fn head(text: &str, chars: usize) -> &str {
    text.char_indices().nth(chars).map_or(text, |(at, _)| &text[..at])
}

/// One narrow character per state, explained by the counts line.
fn state_mark(status: CommentStatus) -> &'static str {
    match status {
        CommentStatus::Pending => "?",
        CommentStatus::Approved => "✓",
        CommentStatus::Rejected => "✗",
        CommentStatus::Spam => "!",
    }
}

/// The rows of the conversation that fit in `room` lines: the selected comment with the
/// comments before and after it shared out, and a line at either end for those left out.
fn context_rows(
    app: &App,
    selected: &Comment,
    context: &ContextView,
    room: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let talk = &context.conversation;
    let (earlier, later) = (talk.earlier.len(), talk.later.len());
    let all = talk.above as usize + earlier + later + talk.below as usize;
    // Both end lines are kept whenever something is left out.
    let rows = if all > room { room.saturating_sub(2) } else { room };
    // Half the room to the comment and those after it, the rest before it; what one side
    // lacks goes to the other.
    let before = earlier.min(rows - later.min(rows - rows / 2));
    let after = later.min(rows - before);
    let above = talk.above as usize + earlier - before;
    let below = talk.below as usize + later - after;
    let now = app.session.clock.now();
    let mut lines = Vec::new();
    if all > room {
        let text = app
            .t(Msg::QueueContextAbove)
            .replace("{n}", &super::chrome::capped(above as u64));
        lines.push(Line::from(Span::styled(
            if above > 0 { text } else { String::new() },
            theme.muted,
        )));
    }
    for c in talk.earlier[earlier - before..]
        .iter()
        .chain(&talk.later[..after])
    {
        let time = list_stamp(c.submitted_at, now, &app.session.zone);
        // Only the start of each text can show on its one row: sanitising a whole comment
        // of every row cost more than the rest of the view.
        let text = format!(
            "{time} {} {}: {} — {}",
            state_mark(c.status),
            sanitize_line(head(&c.name, width)).text,
            sanitize_line(head(&c.title, width)).text,
            sanitize_line(head(&c.content, width)).text
        );
        let style = match (c.id == selected.id, c.status) {
            (true, _) => theme.selected,
            (false, CommentStatus::Rejected | CommentStatus::Spam) => theme.muted,
            (false, _) => Style::new(),
        };
        lines.push(Line::from(Span::styled(truncate_to_width(&text, width), style)));
    }
    if all > room && below > 0 {
        let text = app
            .t(Msg::QueueContextBelow)
            .replace("{n}", &super::chrome::capped(below as u64));
        lines.push(Line::from(Span::styled(text, theme.muted)));
    }
    lines
}

/// Where the comment goes, who sent it and when, and why it waits or who decided it.
fn head_lines(app: &App, c: &Comment, detail: Option<&Detail>, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.session.lang;
    let mut lines = Vec::new();
    if let Some(detail) = detail {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", app.t(Msg::QueueArticle)), theme.muted),
            Span::raw(sanitize_line(&detail.article_title).text),
        ]));
    }
    let mut from = sanitize_line(&c.name).text;
    if app.session.user.role.may(Operation::SeePersonalData) {
        for extra in [group_phone(&c.phone), c.ip.clone()] {
            if !extra.is_empty() {
                from.push_str(" · ");
                from.push_str(&sanitize_line(&extra).text);
            }
        }
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", app.t(Msg::QueueFrom)), theme.muted),
        Span::raw(from),
        Span::styled(
            format!("  {}", stamp(c.submitted_at, &app.session.zone)),
            theme.muted,
        ),
    ]));
    if had_controls(c) {
        lines.push(Line::from(Span::styled(
            app.t(Msg::QueueControlCodes),
            theme.error,
        )));
    }
    let why = match &c.held_by_rule {
        Some(rule) => {
            let mut text = app.t(Msg::QueueHeldBy).replace("{rule}", &rule_name(rule, lang));
            if !c.held_matches.is_empty() {
                text.push_str(" — ");
                text.push_str(&sanitize_line(&c.held_matches.join(", ")).text);
            }
            Some(text)
        }
        None if c.status == CommentStatus::Pending => Some(app.t(Msg::QueueHeldByNone).to_owned()),
        None => None,
    };
    if let Some(why) = why {
        lines.push(Line::from(Span::styled(why, theme.notice)));
    }
    if let (Some(login), Some(at)) = (&c.decided_by, c.decided_at) {
        let by = detail.and_then(|d| d.decided_by.as_deref()).unwrap_or(login);
        let at = stamp(at, &app.session.zone);
        let text = decided_sentence(c.status, &sanitize_line(by).text, Some(&at), lang);
        lines.push(Line::from(Span::styled(text, theme.muted)));
    }
    lines.push(Line::raw(""));
    lines
}

/// The author's record: counts, then the last decisions on their comments.
fn history_lines(app: &App, detail: &Detail, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.session.lang;
    let h = &detail.history;
    let mut lines = vec![
        Line::raw(""),
        Line::from(Span::styled(
            app.t(Msg::QueueHistory)
                .replace("{a}", &h.approved.to_string())
                .replace("{r}", &h.rejected.to_string())
                .replace("{s}", &h.spam.to_string())
                .replace("{p}", &h.pending.to_string()),
            theme.muted,
        )),
    ];
    if !h.last.is_empty() {
        let last: Vec<String> = h
            .last
            .iter()
            .map(|(status, by, at)| {
                format!(
                    "{} ({}, {})",
                    comment_status_name(*status, lang),
                    sanitize_line(by).text,
                    stamp(*at, &app.session.zone)
                )
            })
            .collect();
        lines.push(Line::from(Span::styled(
            format!("{} {}", app.t(Msg::QueueLastDecisions), last.join("; ")),
            theme.muted,
        )));
    }
    lines
}

/// The prompt in the hint line, with the real cursor after a word being typed.
pub fn draw_prompt(frame: &mut Frame<'_>, area: Rect, app: &App, prompt: &Prompt, theme: &Theme) {
    let text = match prompt {
        Prompt::MarkBy { word: None } => app.t(Msg::QueueMarkByPrompt).to_owned(),
        Prompt::MarkBy { word: Some(word) } => {
            format!("{}{}", app.t(Msg::QueueMarkWordPrompt), sanitize_line(word).text)
        }
        Prompt::ConfirmBulk {
            status: CommentStatus::Spam,
            count,
        } => app.t(Msg::QueueConfirmSpam).replace("{n}", &count.to_string()),
        Prompt::ConfirmBulk { status, count } => {
            let verb = match status {
                CommentStatus::Approved => app.t(Msg::CmdApprove),
                _ => app.t(Msg::CmdReject),
            };
            let mut verb = verb.to_owned();
            if let Some(first) = verb.get(..1) {
                verb.replace_range(..1, &first.to_uppercase());
            }
            app.t(Msg::QueueConfirm)
                .replace("{verb}", &verb)
                .replace("{n}", &count.to_string())
        }
    };
    let shown = truncate_to_width(&text, usize::from(area.width));
    let width = unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16;
    frame.render_widget(Paragraph::new(Span::styled(shown, theme.notice)), area);
    if matches!(prompt, Prompt::MarkBy { word: Some(_) }) && width < area.width {
        frame.set_cursor_position(Position {
            x: area.x + width,
            y: area.y,
        });
    }
}
