//! The selected photo's picture in the photo panel: what the worker made, or one line saying
//! why there is none yet.
//!
//! Owns: where the picture stands in the panel. May not touch: decoding and resizing
//! (app/picture.rs does them off the UI thread).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_image::Image;

use super::Theme;
use crate::app::App;
use crate::app::picture::{Broken, Picture};
use crate::domain::Photo;
use crate::i18n::Msg;

/// Below this width the picture goes under the list rather than beside it.
const SIDE_BY_SIDE: u16 = 60;

/// Below this height under the list there is no room for a picture worth seeing.
const STACKED: u16 = 12;

/// Draws `photo`'s picture in part of the panel's `area` and returns the part left for the
/// list. A photo that never had a file (the demo's) leaves the whole area to the list.
pub fn draw_beside(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    photo: Option<&Photo>,
    theme: &Theme,
) -> Rect {
    let Some(photo) = photo else {
        return area;
    };
    let (list, picture_area) = split(area);
    if picture_area.is_empty() {
        return area;
    }
    let (msg, style) = match app.pictures.lookup(photo, picture_area.as_size()) {
        Picture::NoFile => return area,
        Picture::Ready(protocol) => {
            frame.render_widget(Image::new(protocol), picture_area);
            return list;
        }
        Picture::Loading => {
            // The placeholder holds the picture's place, so the list does not jump when it
            // arrives.
            let text = Paragraph::new(app.t(Msg::PictureLoading)).style(theme.muted);
            frame.render_widget(text, picture_area);
            return list;
        }
        Picture::Off => (Msg::PictureOff, theme.muted),
        Picture::Broken(Broken::Missing) => (Msg::PictureMissing, theme.error),
        Picture::Broken(Broken::Unreadable) => (Msg::PictureUnreadable, theme.error),
    };
    // No picture to come: one line under the list says why, and the list keeps the width.
    let [list, line] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(app.t(msg)).style(style).wrap(Wrap { trim: true }),
        line,
    );
    list
}

/// The list's part and the picture's part of the panel: side by side when wide, the picture
/// under the list when tall enough, else no picture.
fn split(area: Rect) -> (Rect, Rect) {
    if area.width >= SIDE_BY_SIDE {
        let [list, _, picture] = Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(area);
        (list, picture)
    } else if area.height >= STACKED {
        let [list, picture] = Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(area);
        (list, picture)
    } else {
        (area, Rect::default())
    }
}
