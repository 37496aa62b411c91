//! The selected photo's picture in the photo panel: what the worker made, or one line saying
//! why there is none yet.
//!
//! Owns: where the picture stands in the panel. May not touch: decoding and resizing
//! (app/picture.rs does them off the UI thread).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_image::Image;

use super::Theme;
use crate::app::App;
use crate::app::picture::{Broken, Picture};
use crate::domain::Photo;
use crate::i18n::Msg;

/// Draws the picture of `photo` in `area` (the photo panel's picture area): the picture,
/// the placeholder while it is made, or one line saying why there is none.
pub fn draw_in(frame: &mut Frame<'_>, area: Rect, app: &App, photo: &Photo, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let (msg, style) = match app.pictures.lookup(photo, area.as_size()) {
        Picture::NoFile => return,
        Picture::Ready(protocol) => {
            frame.render_widget(Image::new(protocol), area);
            return;
        }
        Picture::Loading => (Msg::PictureLoading, theme.muted),
        Picture::Off => (Msg::PictureOff, theme.muted),
        Picture::Broken(Broken::Missing) => (Msg::PictureMissing, theme.error),
        Picture::Broken(Broken::Unreadable) => (Msg::PictureUnreadable, theme.error),
    };
    frame.render_widget(
        Paragraph::new(app.t(msg)).style(style).wrap(Wrap { trim: true }),
        area,
    );
}
