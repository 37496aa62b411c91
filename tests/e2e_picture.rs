//! The photo panel's picture in a real terminal: a terminal that answers the graphics
//! query gets asked and still has every key typed afterwards; the attached PNG is drawn in
//! coloured half-blocks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use support::{Store, Tui};

const ROOT: &str = "root";
const FIRST_TITLE: &str = "Hai Bà Trưng ra mắt thư viện số";
const CTRL_F: &[u8] = b"\x06";
const STATUS_REQUEST: &[u8] = b"\x1b[5n";

/// A 320×240 PNG, red over blue.
fn red_over_blue_png() -> Vec<u8> {
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

/// Answers the program's status requests as a real terminal does, `count` of them: the
/// question about pictures ends with one.
fn answer_status_requests(tui: &mut Tui, count: usize) {
    let deadline = Instant::now() + support::WAIT;
    let mut answered = 0;
    while answered < count {
        let seen = tui
            .raw_since(0)
            .windows(STATUS_REQUEST.len())
            .filter(|w| *w == STATUS_REQUEST)
            .count();
        if seen > answered {
            tui.send(b"\x1b[0n");
            answered += 1;
            continue;
        }
        assert!(Instant::now() < deadline, "{answered} status requests seen");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The number of true-colour cells on screen: only a picture draws them.
fn picture_cells(tui: &Tui) -> Vec<(vt100::Color, vt100::Color)> {
    tui.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let mut cells = Vec::new();
        for row in 0..rows.get() {
            for col in 0..cols.get() {
                if let Some(cell) = screen.cell(row, col)
                    && matches!(cell.bgcolor(), vt100::Color::Rgb(..))
                {
                    cells.push((cell.fgcolor(), cell.bgcolor()));
                }
            }
        }
        cells
    })
}

#[test]
fn an_attached_png_is_drawn_in_half_blocks_and_no_key_is_lost_to_the_query() {
    let store = Store::demo_as(ROOT, &[]);
    let png = store.path().join("long-bien.png");
    std::fs::write(&png, red_over_blue_png()).unwrap();
    let id = store
        .articles(ROOT)
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(FIRST_TITLE)))
        .and_then(|a| a["id"].as_i64())
        .unwrap()
        .to_string();
    let out = store.cli_as(ROOT, &["article", "photo", "add", &id, png.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let mut tui = Tui::start(&store, 80, 24, &["--user", ROOT]);
    answer_status_requests(&mut tui, 1);
    tui.wait_for_text(FIRST_TITLE);
    // Every key reaches the app: none is taken by a query thread left reading.
    tui.send(support::ENTER);
    tui.wait_for_text("Sa-pô");
    tui.send(CTRL_F);
    tui.wait_for_text("┌ Ảnh");
    // The new photo is the article's last: `j` until the selection stops there.
    for _ in 0..8 {
        tui.send(b"j");
    }
    let deadline = Instant::now() + support::WAIT;
    while picture_cells(&tui).len() < 100 {
        assert!(Instant::now() < deadline, "no picture:\n{}", tui.screen());
        std::thread::sleep(support::POLL);
    }
    let screen = tui.screen();
    assert!(!screen.contains("đang tải ảnh"), "{screen}");
    let cells = picture_cells(&tui);
    let red = |c: vt100::Color| matches!(c, vt100::Color::Rgb(r, _, b) if r > 200 && b < 50);
    let blue = |c: vt100::Color| matches!(c, vt100::Color::Rgb(r, _, b) if b > 200 && r < 50);
    assert!(cells.iter().any(|c| red(c.1)), "red cells");
    assert!(cells.iter().any(|c| blue(c.1)), "blue cells");
    tui.send(support::CTRL_Q);
    tui.wait_exit(support::WAIT);
}

/// A terminal that does not parse APC strings (the Linux console) prints kitty's part of
/// the picture question as text over the first frame. A terminal not known to ignore them
/// that did not answer that part gets the whole screen drawn again once it has answered;
/// an xterm is not drawn again; the consoles known to print it are not asked at all.
#[test]
fn the_screen_is_drawn_again_after_the_question_and_consoles_are_not_asked() {
    let store = Store::demo_as(ROOT, &[]);
    // A terminal the program does not know: xterm and its kin ignore APC strings, and are
    // not drawn again.
    let unknown = [("TERM", "some-terminal")];
    let mut tui = Tui::start_with_env(&store, 80, 24, &["--user", ROOT], &unknown);
    tui.wait_for_text(FIRST_TITLE);
    let mark = tui.raw_len();
    answer_status_requests(&mut tui, 1);
    let deadline = Instant::now() + support::WAIT;
    while !String::from_utf8_lossy(&tui.raw_since(mark)).contains(FIRST_TITLE) {
        assert!(Instant::now() < deadline, "the screen was not drawn again");
        std::thread::sleep(support::POLL);
    }
    tui.send(support::CTRL_Q);
    tui.wait_exit(support::WAIT);

    let mut tui = Tui::start(&store, 80, 24, &["--user", ROOT]);
    tui.wait_for_text(FIRST_TITLE);
    let mark = tui.raw_len();
    answer_status_requests(&mut tui, 1);
    // The screen would be drawn again at once after the answer.
    std::thread::sleep(Duration::from_millis(500));
    let after = String::from_utf8_lossy(&tui.raw_since(mark)).into_owned();
    assert!(!after.contains(FIRST_TITLE), "an xterm was drawn again whole");
    tui.send(support::CTRL_Q);
    tui.wait_exit(support::WAIT);

    let mut tui = Tui::start_with_env(&store, 80, 24, &["--user", ROOT], &[("TERM", "linux")]);
    tui.wait_for_text(FIRST_TITLE);
    // Longer than the question's time limit: had it been sent, it would be here by now.
    std::thread::sleep(Duration::from_millis(800));
    let raw = tui.raw_since(0);
    assert!(
        !raw.windows(3).any(|w| w == b"\x1b_G")
            && !raw.windows(STATUS_REQUEST.len()).any(|w| w == STATUS_REQUEST),
        "the console was asked"
    );
    tui.send(support::CTRL_Q);
    tui.wait_exit(support::WAIT);
}
