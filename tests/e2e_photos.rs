//! Photos in a real terminal: a reporter attaches a PNG from the editor's photo panel (the
//! file name completed with Tab), and scheduling is refused, naming what is missing, until
//! the photo has both a caption and a credit; then it is accepted.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use support::{CTRL_Q, ENTER, ESC, Store, TAB, Tui};

const REPORTER: &str = "lan.nguyen";
/// lan.nguyen's newest draft: the first row of the list.
const TITLE: &str = "Hai Bà Trưng ra mắt thư viện số";
const CTRL_F: &[u8] = b"\x06";
const CTRL_W: &[u8] = b"\x17";

/// The smallest valid PNG: one transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The hint line, where a refusal is said.
fn hint_line(screen: &str) -> String {
    screen.lines().nth(22).unwrap_or_default().to_owned()
}

/// From the editor: the workflow menu, the schedule picker, its first quick choice.
fn try_to_schedule(tui: &mut Tui) {
    tui.send(CTRL_W);
    tui.wait_for_text("hẹn giờ đăng");
    tui.send(b"h");
    tui.wait_for_text("Giờ đăng (HH:MM dd/mm/yyyy");
    tui.send(TAB);
    tui.wait_for_text("> 11:00 28/11/2026");
    tui.send(ENTER);
}

#[test]
fn a_photo_attached_in_the_panel_blocks_scheduling_until_caption_and_credit_are_filled() {
    let store = Store::demo(&[]);
    // Everything but what the test is about is ready to publish.
    let id = store.ready_demo_article(REPORTER, TITLE);
    let photos = store.path().join("anh");
    std::fs::create_dir(&photos).unwrap();
    std::fs::write(photos.join("thu-vien.png"), PNG).unwrap();

    let mut tui = Tui::start_with_env(
        &store,
        80,
        24,
        &["--user", REPORTER],
        &[("NEWSROOM_TEST_CLOCK", "2026-11-28T03:00:00Z")],
    );
    tui.wait_for_text(TITLE);
    tui.send(ENTER);
    tui.wait_for_text("Tiêu đề");

    // The panel, its add prompt, the file name completed with Tab.
    tui.send(CTRL_F);
    tui.wait_for_text("Chưa có ảnh");
    tui.send(b"n");
    tui.wait_for_text("Thêm ảnh");
    tui.type_text(&format!("{}/th", photos.display()));
    tui.send(TAB);
    tui.wait_for_text("thu-vien.png");
    tui.send(ENTER);
    tui.wait_for_text("Chú thích bạn đọc thấy dưới ảnh");
    tui.send(ENTER);
    tui.wait_for_text("Ai chụp");
    tui.send(ENTER);
    tui.wait_for_text("Đã thêm ảnh 1.");
    let photo = &store.article(REPORTER, id)["photos"][0];
    assert_eq!(
        (photo["width"].as_i64(), photo["height"].as_i64()),
        (Some(1), Some(1))
    );
    // No alt text needed for this one: only caption and credit stay missing.
    tui.send(b"d");
    tui.wait_for_text("Đã lưu ảnh 1.");

    tui.send(ESC);
    tui.wait_for_gone("Đã lưu ảnh 1.");
    try_to_schedule(&mut tui);
    let refused = tui.wait_for("the refusal", |s| hint_line(s).contains("Chưa đăng được"));
    let line = hint_line(&refused);
    assert!(
        line.contains("ảnh 1 thiếu chú thích") && line.contains("ảnh 1 thiếu nguồn ảnh"),
        "{line}"
    );
    assert_eq!(store.article(REPORTER, id)["status"], "draft");

    // A caption alone is not enough.
    tui.send(CTRL_F);
    tui.wait_for_text("thiếu chú thích");
    tui.send(b"c");
    tui.wait_for_text("Chú thích ảnh 1");
    tui.type_text("Học sinh đọc sách ở thư viện số");
    tui.send(ENTER);
    tui.wait_for_text("Đã lưu chú thích ảnh 1.");
    tui.send(ESC);
    tui.wait_for_gone("Đã lưu chú thích ảnh 1.");
    try_to_schedule(&mut tui);
    let refused = tui.wait_for("the refusal", |s| hint_line(s).contains("Chưa đăng được"));
    let line = hint_line(&refused);
    assert!(
        line.contains("ảnh 1 thiếu nguồn ảnh") && !line.contains("chú thích"),
        "{line}"
    );
    assert_eq!(store.article(REPORTER, id)["status"], "draft");

    // With the credit, it is accepted.
    tui.send(CTRL_F);
    tui.wait_for_text("thiếu nguồn ảnh");
    tui.send(b"r");
    tui.wait_for_text("Nguồn ảnh 1");
    tui.type_text("Ảnh: Minh Anh");
    tui.send(ENTER);
    tui.wait_for_text("Đã lưu ảnh 1.");
    tui.send(ESC);
    tui.wait_for_gone("Đã lưu ảnh 1.");
    try_to_schedule(&mut tui);
    tui.wait_for_text("sẽ đăng lúc 11:00 28/11/2026");
    let article = store.article(REPORTER, id);
    assert_eq!(article["status"], "scheduled");
    assert_eq!(article["photos"][0]["caption"], "Học sinh đọc sách ở thư viện số");
    assert_eq!(article["photos"][0]["credit"], "Ảnh: Minh Anh");

    tui.send(CTRL_Q);
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "{status:?}");
}
