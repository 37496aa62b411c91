//! The frame around every screen: tabs on top, hints and status at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use crate::app::{App, Tab};
use crate::i18n::{Msg, role_name};
use crate::keymap::{Command, Keymap};
use crate::text::{sanitize_line, truncate_to_width};

pub fn tabs(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (i, tab) in Tab::ALL.into_iter().enumerate() {
        let style = if tab == app.tab {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(format!(" {} {} ", i + 1, app.t(tab.title())), style));
    }
    // On the list: how many there are and which way more lie; elsewhere the app's name.
    let corner = match app.tab {
        Tab::Articles => {
            let list = &app.articles;
            // Search counts stop at a cap rather than count every match on each refresh.
            let count = app.t(Msg::ArticleCount).replace("{n}", &capped(list.total));
            let up = if list.is_at_top() { " " } else { "▲" };
            let down = if list.has_more_below() { "▼" } else { " " };
            match app
                .search
                .as_ref()
                .filter(|s| s.tab == Tab::Articles && !s.applied.is_empty())
            {
                Some(s) => format!(
                    "/{} · {up} {count} {down}",
                    truncate_to_width(&sanitize_line(&s.applied).text, 24)
                ),
                None => format!("{up} {count} {down}"),
            }
        }
        Tab::Comments => match app
            .search
            .as_ref()
            .filter(|s| s.tab == Tab::Comments && !s.applied.is_empty())
        {
            Some(s) => format!("/{}", truncate_to_width(&sanitize_line(&s.applied).text, 30)),
            None => app.t(Msg::AppName).to_owned(),
        },
        _ => app.t(Msg::AppName).to_owned(),
    };
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + corner.chars().count());
    spans.push(Span::raw(" ".repeat(room)));
    spans.push(Span::styled(corner, theme.muted));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The notice if there is one, else the keys that matter on this screen.
pub fn hints(frame: &mut Frame<'_>, area: Rect, app: &App, keymap: &Keymap, theme: &Theme) {
    let width = usize::from(area.width);
    if let Some(notice) = &app.notice {
        let style = if notice.is_error {
            theme.error
        } else {
            theme.notice
        };
        let text = truncate_to_width(&sanitize_line(&notice.text).text, width);
        frame.render_widget(Paragraph::new(Span::styled(text, style)), area);
        return;
    }
    let wanted = [
        Command::Approve,
        Command::Reject,
        Command::Spam,
        Command::Mark,
        Command::MarkBy,
        Command::RenameTag,
        Command::MergeTag,
        Command::RestoreAutosave,
        Command::KeepSaved,
        Command::TakeOver,
        Command::Save,
        Command::NextField,
        Command::TogglePreview,
        Command::History,
        Command::Undo,
        Command::ShowContext,
        Command::ExternalEditor,
        Command::AddPhoto,
        Command::EditCaption,
        Command::EditCredit,
        Command::EditAlt,
        Command::ToggleDecorative,
        Command::PlacePhoto,
        Command::MovePhotoUp,
        Command::MovePhotoDown,
        Command::RemovePhoto,
        Command::Down,
        Command::Up,
        Command::Open,
        Command::Confirm,
        Command::RestoreRevision,
        Command::Workflow,
        Command::NewArticle,
        Command::Search,
        Command::NextTab,
        Command::Help,
        Command::Back,
    ];
    // One comment on the whole screen: its decisions, the way back to the list and its
    // article come before anything else.
    const SINGLE: &[Command] = &[
        Command::Approve,
        Command::Reject,
        Command::Spam,
        Command::Undo,
        Command::Back,
        Command::OpenArticle,
        Command::ShowContext,
        Command::Help,
        Command::Down,
        Command::Up,
    ];
    let wanted: &[Command] = if app.in_single_comment() { SINGLE } else { &wanted };
    let mut spans = Vec::new();
    let mut used = 0;
    let read_only = app.editor.as_ref().is_some_and(|e| e.is_read_only());
    for &command in wanted {
        if (command == Command::TakeOver && !read_only) || !app.offers(command) {
            continue;
        }
        let Some(key) = app
            .contexts()
            .iter()
            .find_map(|ctx| keymap.key_for(*ctx, command))
        else {
            continue;
        };
        let key = key.to_string();
        let label = app.t(command.label());
        let w = key.chars().count() + label.chars().count() + 4;
        // A long hint that does not fit may leave room for a shorter one after it.
        if used + w > width {
            continue;
        }
        used += w;
        spans.push(Span::styled(
            key,
            theme.header.remove_modifier(ratatui::style::Modifier::UNDERLINED),
        ));
        spans.push(Span::styled(format!(" {label}   "), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn status(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    let s = &app.session;
    let mut left = format!(" {} ({})", s.user.login, role_name(s.user.role, s.lang));
    if s.restricted {
        left.push_str(&format!(" [{}]", app.t(Msg::Restricted)));
    }
    if let Some(mode) = app.typing.label() {
        left.push_str(&format!(" [{mode}]"));
    }
    // While writing: the article's length; elsewhere: the moderators' backlog.
    let right = match &app.editor {
        Some(editor) => {
            let words = editor.words();
            app.t(Msg::Words)
                .replace("{n}", &words.to_string())
                .replace("{m}", &crate::domain::ArticleText::minutes_for(words).to_string())
        }
        None => app
            .t(Msg::PendingComments)
            .replace("{n}", &app.pending_comments.to_string()),
    } + " ";
    let width = usize::from(area.width);
    // Six columns go to the two " │ " separators.
    let room = width.saturating_sub(left.chars().count() + right.chars().count() + 6);
    let store = truncate_start(&sanitize_line(&s.store_label).text, room);
    let pad = room.saturating_sub(store.chars().count());
    let line = format!("{left} │ {store}{} │ {right}", " ".repeat(pad));
    frame.render_widget(
        Paragraph::new(truncate_to_width(&line, width)).style(theme.bar),
        area,
    );
}

/// The search being typed, with the real cursor after it (for input methods).
pub fn search_line(frame: &mut Frame<'_>, area: Rect, app: &App, search: &crate::app::Search, theme: &Theme) {
    let text = format!("/{}", sanitize_line(&search.text).text);
    let shown = truncate_to_width(&text, usize::from(area.width.saturating_sub(1)));
    let width = unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16;
    // A mistake in the query is said where the hint was: the hint line is taken.
    let hint = match app.notice.as_ref().filter(|n| n.is_error) {
        Some(n) => Span::styled(format!("   {}", sanitize_line(&n.text).text), theme.error),
        None => {
            let hint = match search.tab {
                crate::app::Tab::Comments => Msg::QueueSearchHint,
                _ => Msg::SearchHint,
            };
            Span::styled(format!("   {}", app.t(hint)), theme.muted)
        }
    };
    let line = Line::from(vec![Span::styled(shown, theme.notice), hint]);
    frame.render_widget(Paragraph::new(line), area);
    frame.set_cursor_position(ratatui::layout::Position {
        x: area.x + width.min(area.width.saturating_sub(1)),
        y: area.y,
    });
}

/// Keeps the end of a path, which is the part that tells stores apart.
fn truncate_start(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let tail: String = s.chars().skip(n - max + 1).collect();
    format!("…{tail}")
}

/// A count that stops at `COUNT_CAP`: past it, "1000+".
pub fn capped(n: u64) -> String {
    match n > crate::store::COUNT_CAP {
        true => format!("{}+", crate::store::COUNT_CAP),
        false => n.to_string(),
    }
}
