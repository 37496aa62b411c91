use ratatui::style::{Color, Modifier, Style};

use crate::domain::Status;

/// Styles by meaning. Colour only ever repeats what the text already says, so the
/// `NO_COLOR` theme loses no information.
#[derive(Debug, Clone)]
pub struct Theme {
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub selected: Style,
    pub muted: Style,
    pub bar: Style,
    pub notice: Style,
    pub error: Style,
    pub border: Style,
    /// Text a diff adds or removes; the markers around it say the same without colour.
    pub added: Style,
    pub removed: Style,
    /// Words a search found.
    pub found: Style,
    color: bool,
}

impl Theme {
    pub fn colored() -> Theme {
        Theme {
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new().fg(Color::DarkGray),
            bar: Style::new().fg(Color::Black).bg(Color::Gray),
            notice: Style::new().fg(Color::Yellow),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Cyan),
            added: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            removed: Style::new().fg(Color::Red).add_modifier(Modifier::CROSSED_OUT),
            found: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            color: true,
        }
    }

    /// For `NO_COLOR`: emphasis by weight and reversal only.
    pub fn monochrome() -> Theme {
        Theme {
            tab: Style::new(),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new(),
            bar: Style::new().add_modifier(Modifier::REVERSED),
            notice: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            added: Style::new().add_modifier(Modifier::BOLD),
            removed: Style::new().add_modifier(Modifier::CROSSED_OUT),
            found: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            color: false,
        }
    }

    /// `NO_COLOR` set to anything non-empty turns colour off (no-color.org).
    pub fn from_env(no_color: Option<&str>) -> Theme {
        match no_color {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::colored(),
        }
    }

    pub fn status(&self, status: Status) -> Style {
        if !self.color {
            return match status {
                Status::Published => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        Style::new().fg(match status {
            Status::Draft => Color::Gray,
            Status::Submitted => Color::Magenta,
            Status::Scheduled => Color::Yellow,
            Status::Published => Color::Green,
            Status::Spiked => Color::DarkGray,
        })
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colored()
    }
}
