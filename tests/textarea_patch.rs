//! The vendored ratatui-textarea rewraps only the edited line after a keystroke. Whatever
//! is typed or deleted, the screen must be exactly what a full rewrap would draw.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

fn draw(area: &TextArea<'_>, rect: Rect) -> Buffer {
    let mut buffer = Buffer::empty(rect);
    area.render(rect, &mut buffer);
    buffer
}

fn fresh_like(edited: &TextArea<'_>, rect: Rect) -> TextArea<'static> {
    let mut fresh = TextArea::new(edited.lines().to_vec());
    fresh.set_wrap_mode(WrapMode::WordOrGlyph);
    draw(&fresh, rect);
    let cursor = edited.cursor();
    fresh.move_cursor(CursorMove::Jump(cursor.0 as u16, cursor.1 as u16));
    fresh
}

#[test]
fn incremental_rewrap_draws_what_a_full_rewrap_draws() {
    let rect = Rect::new(0, 0, 30, 40);
    let paragraph = "Sáng 6/10, quận Tây Hồ tổ chức gặp mặt các thế hệ cán bộ làm công tác dân vận. ";
    let lines: Vec<String> = vec![
        paragraph.repeat(4),
        String::new(),
        paragraph.repeat(3),
        "ngắn".into(),
    ];
    let mut edited = TextArea::new(lines);
    edited.set_wrap_mode(WrapMode::WordOrGlyph);
    draw(&edited, rect);
    edited.move_cursor(CursorMove::Jump(0, 25));
    let typing = "rất nhiều chữ mới được gõ vào giữa đoạn văn ";
    for (i, c) in typing.chars().enumerate() {
        edited.insert_char(c);
        // Every few keys, delete one: the line shrinks across a wrap point too.
        if i % 7 == 6 {
            edited.delete_char();
        }
        let ours = draw(&edited, rect);
        let theirs = draw(&fresh_like(&edited, rect), rect);
        assert_eq!(ours, theirs, "after {} keys", i + 1);
    }
    // Lines after the edited one moved down by the added screen rows.
    edited.move_cursor(CursorMove::Jump(2, 5));
    edited.insert_str("chen vao ");
    assert_eq!(draw(&edited, rect), draw(&fresh_like(&edited, rect), rect));
    edited.move_cursor(CursorMove::Jump(3, 4));
    edited.insert_newline();
    edited.insert_char('x');
    assert_eq!(draw(&edited, rect), draw(&fresh_like(&edited, rect), rect));
}

/// A word and the punctuation after it wrap together: never a lone "." at a line's start.
#[test]
fn punctuation_stays_with_its_word_at_the_wrap() {
    // "…thiếu nhi" fills the 20 columns exactly; the full stop belongs with "nhi".
    let line = "Sách cho thiếu nhi. Học sinh đọc, nghe.";
    let mut area = TextArea::new(vec![line.to_owned()]);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    let rect = Rect::new(0, 0, 18, 5);
    let buffer = draw(&area, rect);
    let rows: Vec<String> = (0..rect.height)
        .map(|y| {
            (0..rect.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect();
    for row in &rows {
        assert!(
            !row.starts_with('.') && !row.starts_with(','),
            "a line starts with punctuation: {rows:?}"
        );
    }
    assert_eq!(rows[0], "Sách cho thiếu");
    assert!(rows[1].starts_with("nhi."), "{rows:?}");
}

/// A wrapped line never starts with the space that separated it from the line above.
#[test]
fn a_wrapped_line_does_not_start_with_a_space() {
    // "Sách cho thiếu nhi" is 18 columns: the space after it does not fit.
    let line = "Sách cho thiếu nhi và cho người lớn đọc cùng.";
    let mut area = TextArea::new(vec![line.to_owned()]);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    let rect = Rect::new(0, 0, 18, 5);
    let buffer = draw(&area, rect);
    for y in 1..rect.height {
        let row: String = (0..rect.width).map(|x| buffer[(x, y)].symbol()).collect();
        if row.trim().is_empty() {
            continue;
        }
        assert!(!row.starts_with(' '), "row {y} starts with a space: {row:?}");
    }
    // Typing at the end of a wrapped line still lands where the screen shows it.
    let fresh = draw(&fresh_like(&area, rect), rect);
    assert_eq!(buffer, fresh);
}

fn rows_of(line: &str, width: u16) -> Vec<String> {
    let mut area = TextArea::new(vec![line.to_owned()]);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    let rect = Rect::new(0, 0, width, 8);
    let buffer = draw(&area, rect);
    (0..rect.height)
        .map(|y| {
            (0..rect.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// Where the body wraps, by the Unicode line breaking rules (UAX #14).
#[test]
fn wrap_table() {
    let table: &[(&str, u16, &[&str])] = &[
        // The space that does not fit hangs; the next line starts with the word.
        (
            "Sách cho thiếu nhi và người lớn",
            18,
            &["Sách cho thiếu nhi", "và người lớn"],
        ),
        // Several spaces hang together.
        ("Sách cho thiếu nhi    và", 18, &["Sách cho thiếu nhi", "và"]),
        // A full stop typed after a space still goes with the word before it.
        ("Sách cho thiếu nhi .", 18, &["Sách cho thiếu", "nhi ."]),
        // An opening quote never ends a line, even with a space typed after it.
        ("Bà nói rằng “ xin chào", 14, &["Bà nói rằng", "“ xin chào"]),
        ("Bà nói rằng “xin chào”.", 14, &["Bà nói rằng", "“xin chào”."]),
        // Numbers keep their separators.
        ("Khoảng 3.000 đầu sách", 10, &["Khoảng", "3.000 đầu", "sách"]),
        // A hyphen is a place to break, without a space.
        ("Hà Nội-Hải Phòng", 9, &["Hà Nội-", "Hải Phòng"]),
        // A word longer than the line is cut between letters.
        (
            "Xem nghiêngnghiêngnghiêng nhé",
            8,
            &["Xem", "nghiêngn", "ghiêngng", "hiêng", "nhé"],
        ),
    ];
    for (line, width, want) in table {
        assert_eq!(&rows_of(line, *width), want, "{line:?} at {width} columns");
    }
}

/// `replace_lines`: the whole text swapped as one edit, drawn as a fresh text would be,
/// taken back by one undo and put again by one redo.
#[test]
fn replacing_the_text_is_one_edit_and_draws_like_a_fresh_text() {
    let rect = Rect::new(0, 0, 30, 20);
    let before: Vec<String> = vec![
        "Hòa bình và thủy điện ở khắp nơi trên đất nước".into(),
        "hòa".into(),
    ];
    let after: Vec<String> = vec![
        "Hoà bình và thuỷ điện ở khắp nơi trên đất nước".into(),
        "hoà".into(),
    ];
    let mut area = TextArea::new(before.clone());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    draw(&area, rect);
    area.move_cursor(CursorMove::Jump(1, 3));
    assert!(area.replace_lines(after.clone()));
    assert_eq!(area.lines(), after.as_slice());
    let cursor = area.cursor();
    assert_eq!((cursor.0, cursor.1), (1, 3));
    assert_eq!(draw(&area, rect), draw(&fresh_like(&area, rect), rect));
    // The same text again is no edit.
    assert!(!area.replace_lines(after.clone()));
    assert!(area.undo());
    assert_eq!(area.lines(), before.as_slice());
    assert_eq!(draw(&area, rect), draw(&fresh_like(&area, rect), rect));
    assert!(area.redo());
    assert_eq!(area.lines(), after.as_slice());
}

/// The rows are drawn straight into the buffer (not through `Paragraph`): cell for cell
/// what `Paragraph` draws, styles layered the same way, wide letters, combining marks and
/// emoji included, wrapped or not.
#[test]
fn rows_are_drawn_as_a_paragraph_draws_them() {
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Text;
    use ratatui::widgets::Paragraph;

    // Rows of letters a cell each take a shorter road (`one_cell`); they and the others
    // must come out the same.
    let rect = Rect::new(0, 0, 16, 10);
    let lines: Vec<String> = [
        "Hà Nội 漢字 ok",
        "e\u{301}e\u{301} 👍 x",
        "",
        "tab\tend",
        "Đ",
        "Người dân phường",
        "“đề nghị” sớm…",
        "x\u{AD}y\u{200B}z ˜ʰ",
        "ờ\u{301}a ĐƯỜNG",
        "a\u{7}b\u{1b}c",
    ]
    .iter()
    .map(|l| (*l).to_owned())
    .collect();
    let style = Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC);
    for wrap in [WrapMode::None, WrapMode::WordOrGlyph] {
        let mut area = TextArea::new(lines.clone());
        area.set_wrap_mode(wrap);
        area.set_style(style);
        area.set_cursor_style(Style::default());
        area.set_cursor_line_style(Style::default());
        area.set_tab_length(4);
        let want_lines: Vec<String> = lines.iter().map(|l| l.replace('\t', " ")).collect();
        let mut want = Buffer::empty(rect);
        Paragraph::new(Text::from(want_lines.join("\n")).style(style)).render(rect, &mut want);
        assert_eq!(draw(&area, rect), want, "{wrap:?}");
    }
}

/// Every character the text area takes as one cell without asking (`one_cell`) is what
/// ratatui itself would make of it: one grapheme, one column, drawn.
#[test]
fn one_cell_characters_are_one_grapheme_one_column() {
    use ratatui::buffer::Buffer;
    use unicode_segmentation::UnicodeSegmentation;

    let mut seen = 0;
    for c in (0..=0x2FFFu32)
        .filter_map(char::from_u32)
        .filter(|c| ratatui_textarea::one_cell(*c))
    {
        seen += 1;
        let s = format!("{c}{c}");
        assert_eq!(s.graphemes(true).count(), 2, "{c:?} joins its neighbour");
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let (x, _) = buf.set_stringn(0, 0, &s, 4, ratatui::style::Style::default());
        assert_eq!(x, 2, "{c:?} is not one column");
        assert_eq!(
            buf[(0, 0)].symbol(),
            c.to_string(),
            "{c:?} is not drawn as itself"
        );
    }
    assert!(seen > 900, "Vietnamese letters are among them: {seen}");
    for c in [
        '\u{AD}', '\u{300}', '\u{200B}', '\u{200D}', '\t', '\u{7f}', '漢', '👍',
    ] {
        assert!(!ratatui_textarea::one_cell(c), "{c:?}");
    }
}

/// Drawing only the rows that changed (`render_changed`) onto the last draw gives the screen
/// a whole draw gives, through typing, deleting, new lines, joins, caret moves and scrolling:
/// a small xorshift drives the edits, so every run is the same run.
#[test]
fn drawing_the_changed_rows_draws_what_a_whole_draw_draws() {
    let rect = Rect::new(2, 1, 24, 12);
    let paragraph = "Sáng 6/10, quận Tây Hồ gặp mặt cán bộ dân vận. ";
    let lines: Vec<String> = (0..8).map(|i| paragraph.repeat(1 + i % 3)).collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    let mut screen = draw(&area, rect);
    area.move_cursor(CursorMove::Jump(1, 10));
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let (mut partial, mut whole) = (0, 0);
    for step in 0..600 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        match seed % 16 {
            0..=6 => area.insert_char(['a', 'ờ', ' ', 'Đ', '.'][(seed >> 8) as usize % 5]),
            7 | 8 => {
                area.delete_char();
            }
            9 => area.insert_newline(),
            10 => area.move_cursor(CursorMove::Down),
            11 => area.move_cursor(CursorMove::Up),
            12 => area.move_cursor(CursorMove::Forward),
            13 => area.move_cursor(CursorMove::WordBack),
            14 => {
                area.delete_next_char();
            }
            _ => area.move_cursor(CursorMove::End),
        }
        let want = draw(&area.clone(), rect);
        match area.render_changed(rect, &mut screen) {
            Some(_) => partial += 1,
            None => {
                whole += 1;
                screen = draw(&area, rect);
            }
        }
        assert_eq!(screen, want, "step {step}");
    }
    assert!(
        partial > 400 && whole > 10,
        "both roads taken: {partial} rows-only, {whole} whole"
    );
}
