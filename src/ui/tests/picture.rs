//! The selected photo's picture in the panel, in half-blocks as every terminal (and the
//! TestBackend) draws them: the placeholder, the picture, the switch, a broken file.

use std::path::Path;

use ratatui::style::Color;

use super::*;
use crate::testing::{demo_store, session};

/// The demo as the editor huong.tran sees it, the photo panel open on an article whose first
/// photo is `file` (with `sha256`) in the media folder `media`.
fn panel_showing(media: &Path, file: &str, sha256: &str, show: bool) -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, "huong.tran", Lang::Vi);
    let mut app = App::new(store, session, list_rows(24))
        .unwrap()
        .with_pictures(media.to_path_buf(), show);
    for _ in 0..20 {
        app.update(Action::Command(Command::Open));
        if let Some(editor) = app.editor.as_mut().filter(|e| !e.photos.is_empty()) {
            editor.photos[0].file = file.to_owned();
            editor.photos[0].sha256 = sha256.to_owned();
            app.update(Action::Command(Command::Photos));
            return app;
        }
        app.update(Action::Command(Command::Back));
        app.update(Action::Command(Command::Down));
    }
    panic!("the demo has an article with photos");
}

/// A 320×240 PNG: red shading to orange over the top half, blue to cyan under it. Every
/// pixel row differs from the next, so each cell's two halves differ and show as `▀`/`▄`.
fn two_tone_png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(320, 240, |_, y| {
        let shade = (y * 255 / 240) as u8;
        if y < 120 {
            image::Rgb([255, shade, 0])
        } else {
            image::Rgb([0, shade, 255])
        }
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .unwrap();
    bytes
}

/// The panel with the two-tone PNG stored in a fresh media folder as the library stores it.
fn panel_with_png(show: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = two_tone_png();
    let stored = crate::media::store(dir.path(), &bytes, crate::media::inspect(&bytes).unwrap()).unwrap();
    let app = panel_showing(dir.path(), &stored.file, &stored.sha256, show);
    (dir, app)
}

/// Cells drawn in true colour: only the picture uses them (the theme uses named colours).
fn picture_cells(terminal: &Terminal<TestBackend>) -> Vec<(u16, u16, Color, Color)> {
    let buffer = terminal.backend().buffer();
    let mut cells = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if matches!(cell.bg, Color::Rgb(..)) {
                cells.push((x, y, cell.fg, cell.bg));
            }
        }
    }
    cells
}

fn redder(c: Color) -> bool {
    matches!(c, Color::Rgb(r, _, b) if r > 200 && b < 50)
}

fn bluer(c: Color) -> bool {
    matches!(c, Color::Rgb(r, _, b) if b > 200 && r < 50)
}

#[test]
fn the_panel_shows_a_placeholder_until_the_worker_is_done() {
    let (_dir, app) = panel_with_png(true);
    let terminal = render(&app, 80, 24, &Theme::default());
    let text = screen_text(&terminal);
    assert!(text.contains("đang tải ảnh…"), "{text}");
    assert!(
        picture_cells(&terminal).is_empty(),
        "nothing drawn before the worker is done"
    );
    assert!(app.pictures.busy(), "the frame asked for the picture");
}

#[test]
fn the_selected_png_is_drawn_in_coloured_half_blocks() {
    let (_dir, mut app) = panel_with_png(true);
    render(&app, 80, 24, &Theme::default());
    app.pictures.dispatch();
    app.pictures.wait_for_worker();
    let terminal = render(&app, 80, 24, &Theme::default());
    insta::assert_snapshot!("photos_panel_picture_80x24_vi", terminal.backend());
    let text = screen_text(&terminal);
    assert!(!text.contains("đang tải ảnh"), "{text}");
    assert!(
        text.contains(" 1. "),
        "the list stays beside the picture:\n{text}"
    );
    let cells = picture_cells(&terminal);
    assert!(cells.len() > 100, "a picture, not a few cells: {}", cells.len());
    // Beside the list, inside the frame, red over blue as in the file.
    let left = cells.iter().map(|c| c.0).min().unwrap();
    let (top, bottom) = (
        cells.iter().map(|c| c.1).min().unwrap(),
        cells.iter().map(|c| c.1).max().unwrap(),
    );
    assert!(left > 40 && top >= 2 && bottom <= 21, "{left} {top} {bottom}");
    let at = |y: u16| cells.iter().find(|c| c.0 == left + 2 && c.1 == y).unwrap();
    assert!(redder(at(top).2) && redder(at(top).3), "{:?}", at(top));
    assert!(bluer(at(bottom).2) && bluer(at(bottom).3), "{:?}", at(bottom));
    let symbols: String = (top..=bottom)
        .map(|y| terminal.backend().buffer()[(left + 2, y)].symbol().to_owned())
        .collect();
    assert!(symbols.contains('▀') || symbols.contains('▄'), "{symbols}");
}

#[test]
fn show_images_off_draws_one_line_saying_so_and_asks_for_nothing() {
    let (_dir, mut app) = panel_with_png(false);
    let terminal = render(&app, 80, 24, &Theme::default());
    let text = screen_text(&terminal);
    // The line wraps in the picture's third of the panel: its first words are enough.
    assert!(text.contains("Không hiện ảnh ([media]"), "{text}");
    assert!(picture_cells(&terminal).is_empty());
    assert!(!app.pictures.wants_terminal_query());
    app.pictures.dispatch();
    assert!(!app.pictures.busy(), "no picture is made");
}

#[test]
fn a_broken_or_missing_file_draws_a_one_line_notice() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    std::fs::create_dir(&media).unwrap();
    // The first half of a real PNG: the header passes, the pixels do not.
    let png = two_tone_png();
    std::fs::write(media.join("cut.png"), &png[..png.len() / 2]).unwrap();
    // A whole picture outside the media folder, which a name from the store never reaches.
    std::fs::write(dir.path().join("outside.png"), &png).unwrap();
    for (file, sha256, notice) in [
        ("cut.png", "cut", "Không đọc được tệp ảnh: hãy thêm lại ảnh."),
        (
            "gone.png",
            "gone",
            "Không thấy tệp ảnh trong thư mục media: hãy thêm lại ảnh.",
        ),
        (
            "../outside.png",
            "outside",
            "Không thấy tệp ảnh trong thư mục media: hãy thêm lại ảnh.",
        ),
    ] {
        let mut app = panel_showing(&media, file, sha256, true);
        render(&app, 80, 24, &Theme::default());
        app.pictures.dispatch();
        app.pictures.wait_for_worker();
        let terminal = render(&app, 80, 24, &Theme::default());
        let text = screen_text(&terminal);
        // The notice wraps in the picture's third of the panel: its first clause is enough.
        let first: String = notice.chars().take(18).collect();
        assert!(text.contains(&first), "{file}: {text}");
        assert!(!text.contains("đang tải ảnh"), "{file}: {text}");
        assert!(picture_cells(&terminal).is_empty(), "{file}");
    }
}
