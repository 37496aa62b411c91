//! Hostile text on every screen that draws it, read back from a real terminal: the queue's
//! list and detail pane, the single-comment view, the search line and its results, and the
//! article preview. Control bytes alone are not the test (ratatui drops those anyway): what
//! a half-done sanitiser leaves behind is the rest of each sequence, drawn as text, so the
//! screen is searched for that text (`]52;`, `[2J`, `P+q`, …) and for a payload word hidden
//! inside every sequence, which must never reach the terminal at all.
//!
//! The corpus follows the README's list of what is removed: CSI, OSC ended by BEL and by ST,
//! DCS, SOS, PM and APC, their 8-bit C1 forms, unterminated ones, C0 controls, bidi
//! overrides and isolates, zero-width and tag characters, and combining-mark floods.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use unicode_normalization::char::is_combining_mark;

use support::{ENTER, ESC, Store, Tui};

const EDITOR: &str = "huong.tran";
/// Written only inside escape sequences: on screen or in the output, a sequence leaked.
const PAYLOAD: &str = "XQ";
/// The detail pane's header row (the selected comment's id) on the queue screen.
const DETAIL_ROW: usize = 2;
const CTRL_P: &[u8] = b"\x10";

/// (what, text): each is written between visible words, so what is left of it shows.
const CORPUS: &[(&str, &str)] = &[
    ("CSI screen clear and home", "\u{1b}[2J\u{1b}[H"),
    ("CSI cursor position report request", "\u{1b}[6n"),
    ("CSI colour", "\u{1b}[38;5;196m"),
    ("CSI private mode", "\u{1b}[?1049h"),
    ("OSC 52 clipboard write ended by BEL", "\u{1b}]52;c;XQ01\u{7}"),
    ("OSC 0 window title ended by ST", "\u{1b}]0;XQ02\u{1b}\\"),
    (
        "OSC 8 hyperlink",
        "\u{1b}]8;;https://XQ03.example/\u{1b}\\liên kết\u{1b}]8;;\u{1b}\\",
    ),
    ("DCS XTGETTCAP request", "\u{1b}P+q5851\u{1b}\\"),
    ("SOS", "\u{1b}XXQ04\u{1b}\\"),
    ("PM", "\u{1b}^XQ05\u{1b}\\"),
    ("APC kitty graphics", "\u{1b}_Gf=100;XQ06\u{1b}\\"),
    ("8-bit CSI", "\u{9b}?1049h"),
    ("8-bit OSC", "\u{9d}0;XQ07\u{9c}"),
    ("8-bit DCS", "\u{90}+qXQ08\u{9c}"),
    (
        "8-bit SOS, PM and APC",
        "\u{98}XQ09\u{9c}\u{9e}XQ10\u{9c}\u{9f}GXQ11\u{9c}",
    ),
    ("C0 controls and DEL", "\u{7}\u{8}\u{7f}\u{0}"),
    ("bidi override and isolates", "\u{202e}\u{2066}\u{2069}\u{202c}"),
    ("zero-width characters", "\u{200b}\u{2060}\u{feff}\u{200d}"),
    ("tag characters", "\u{e0041}\u{e0058}\u{e007f}"),
    ("combining-mark flood", "COMBINING"),
];

/// What is left on screen when only part of a sequence was removed.
const LEFTOVERS: &[&str] = &[
    "]52;", "[2J", "[6n", "]0;", "]8;;", "P+q", "_G", "^[", "[38;5;", "?1049h", "\u{1b}",
];

/// A corpus entry as written: the mark flood is built, 40 accents on one letter.
fn entry(text: &str) -> String {
    if text == "COMBINING" {
        format!("e{}", "\u{301}".repeat(40))
    } else {
        text.to_owned()
    }
}

/// Corpus lines `from..to`, one per line between visible words ("mục 03 … hết").
fn lines(from: usize, to: usize) -> String {
    (from..to)
        .map(|i| format!("mục {i:02} {} hết", entry(CORPUS[i].1)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_forbidden_char(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200b}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{e0000}'..='\u{e007f}')
        || (c.is_control() && c != '\n')
}

/// Fails if anything of a sequence, an invisible character or a mark stack is on screen.
fn assert_clean(where_: &str, screen: &str) {
    assert!(
        !screen.contains(PAYLOAD),
        "{where_}: a sequence's payload is drawn:\n{screen}"
    );
    for left in LEFTOVERS {
        assert!(
            !screen.contains(left),
            "{where_}: {left:?} is drawn, the rest of an escape sequence:\n{screen}"
        );
    }
    if let Some(c) = screen.chars().find(|&c| is_forbidden_char(c)) {
        panic!("{where_}: U+{:04X} is on screen:\n{screen}", u32::from(c));
    }
    let mut run = 0;
    for c in screen.chars() {
        run = if is_combining_mark(c) { run + 1 } else { 0 };
        assert!(run <= 2, "{where_}: a stack of {run} combining marks:\n{screen}");
    }
}

/// Fails unless the lines `from..to` were drawn: the screen really shows the hostile text.
fn assert_shows_lines(where_: &str, screen: &str, from: usize, to: usize) {
    for i in from..to {
        let line = screen.lines().find(|l| l.contains(&format!("mục {i:02}")));
        let line = line.unwrap_or_else(|| panic!("{where_}: line {i:02} is not on screen:\n{screen}"));
        assert!(line.contains("hết"), "{where_}: line {i:02} lost its end: {line}");
    }
}

/// The hostile comments, each with a part of the corpus, the last part ending in an
/// unterminated OSC; older than every demo comment so they head the pending queue.
/// Returns (id, corpus lines from, to).
fn import_hostile(store: &Store) -> Vec<(i64, usize, usize)> {
    let parts = [(0, 5), (5, 10), (10, 15), (15, CORPUS.len())];
    let published = store.json_as(EDITOR, &["article", "list", "--status", "published", "--json"]);
    let rows: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(n, &(from, to))| {
            let mut content = lines(from, to);
            let (name, title) = match n {
                0 => (
                    "Kẻ Xấu\u{1b}]0;XQ20\u{7}\u{202e}",
                    "Tiêu đề\u{1b}[2J\u{9b}?1049h một",
                ),
                1 => ("Kẻ Xấu\u{200b}\u{e0041}", "Tiêu đề\u{1b}P+qXQ21\u{1b}\\ hai"),
                2 => ("Kẻ Xấu\u{9d}0;XQ22\u{9c}", "Tiêu đề\u{1b}_GXQ23\u{1b}\\ ba"),
                // Unterminated: the rest of the field is swallowed, as a terminal would.
                _ => ("Kẻ Xấu", "Tiêu đề bốn\u{1b}]52;c;XQ24"),
            };
            if n == 3 {
                content.push_str("\ncuối\u{1b}]52;c;XQ25 rồi mất hết");
            }
            serde_json::json!({
                "article": published[0]["id"], "name": name, "phone": "0987654321",
                "title": title, "content": content, "ip": "198.51.100.66",
                "submitted_at": format!("2019-01-0{}T00:00:00Z", n + 1),
            })
            .to_string()
        })
        .collect();
    let file = store.path().join("hostile.jsonl");
    std::fs::write(&file, rows.join("\n") + "\n").unwrap();
    let out = store.cli_as(EDITOR, &["comments", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pending = store.json_as(EDITOR, &["comments", "list", "--status", "pending", "--json"]);
    parts
        .iter()
        .enumerate()
        .map(|(n, &(from, to))| {
            assert!(pending[n]["title"].as_str().unwrap().starts_with("Tiêu đề"));
            (pending[n]["id"].as_i64().unwrap(), from, to)
        })
        .collect()
}

fn selected_id(screen: &str) -> Option<i64> {
    let detail = screen.lines().nth(DETAIL_ROW)?.split('│').nth(1)?;
    // The pane's title is "#74 · 12/47": the id, then where it stands.
    detail
        .trim()
        .strip_prefix('#')?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Fails if the payload of any sequence was ever written to the terminal, in any frame.
fn assert_never_written(tui: &Tui, mark: usize) {
    let raw = tui.raw_since(mark);
    let payload = PAYLOAD.as_bytes();
    if let Some(at) = raw.windows(payload.len()).position(|w| w == payload) {
        let around = &raw[at.saturating_sub(40)..(at + 40).min(raw.len())];
        panic!(
            "a payload reached the terminal: …{}…",
            String::from_utf8_lossy(around).escape_debug()
        );
    }
    assert!(
        raw.len() > 1_000,
        "the capture is the real output: {} bytes",
        raw.len()
    );
}

#[test]
fn the_queue_the_single_view_and_the_search_line_show_no_piece_of_a_sequence() {
    let store = Store::demo(&[]);
    let hostile = import_hostile(&store);
    // 120 columns: the detail pane is wide enough that no corpus line is cut off.
    let mut tui = Tui::start(&store, 120, 40, &["--user", EDITOR]);
    tui.wait_for_text("Hai Bà Trưng");
    let mark = tui.raw_len();
    tui.send(b"3");
    for (n, &(id, from, to)) in hostile.iter().enumerate() {
        if n > 0 {
            tui.send(b"j");
        }
        tui.wait_for(&format!("comment #{id} selected"), |s| selected_id(s) == Some(id));
        let screen = tui.settled();
        assert_clean(&format!("the queue at #{id}"), &screen);
        assert_shows_lines(&format!("the detail pane of #{id}"), &screen, from, to);
        assert!(screen.contains("Kẻ Xấu"), "{screen}");

        tui.send(ENTER);
        tui.wait_for("the comment on its own", |s| selected_id(s).is_none());
        let single = tui.settled();
        assert_clean(&format!("the single view of #{id}"), &single);
        assert_shows_lines(&format!("the single view of #{id}"), &single, from, to);
        tui.send(b"q");
        tui.wait_for("the queue again", |s| selected_id(s) == Some(id));
    }
    // The context view (`c`): the four, one row each, among their article's comments.
    tui.send(b"c");
    tui.wait_for("the context view", |s| s.contains(" · trên bài #"));
    let context = tui.settled();
    assert_clean("the context view", &context);
    assert!(context.matches("Kẻ Xấu").count() >= hostile.len(), "{context}");
    tui.send(b"q");
    tui.wait_for("the comment alone again", |s| !s.contains(" · trên bài #"));
    assert_never_written(&tui, mark);

    // The search line: pasted text carrying sequences is drawn without them.
    tui.send(b"/");
    tui.wait_for("the search line", |s| s.lines().any(|l| l.starts_with('/')));
    let paste = format!(
        "\u{1b}[200~Kẻ{}Xấu{}\u{1b}[201~",
        entry(CORPUS[4].1),
        entry(CORPUS[8].1)
    );
    tui.send(paste.as_bytes());
    let screen = tui.wait_for("the pasted words", |s| {
        s.lines().any(|l| l.starts_with("/Kẻ") && l.contains("Xấu"))
    });
    assert_clean("the search line", &screen);
    let screen = tui.settled();
    assert_clean("the search line, settled", &screen);
    assert!(screen.lines().any(|l| l.starts_with("/KẻXấu")), "{screen}");
    tui.send(ESC);
    tui.wait_for("the search line closed", |s| {
        !s.lines().any(|l| l.starts_with("/Kẻ"))
    });

    // Its results: the hostile comments found by their author's name, typed without accents.
    tui.send(b"/");
    tui.wait_for("the search line", |s| s.lines().any(|l| l.starts_with('/')));
    tui.type_text("ke xau");
    tui.wait_within(Duration::from_secs(5), "the queue filtered", |s| {
        s.lines().next().is_some_and(|l| l.contains("/ke xau"))
    });
    let (first, from, to) = hostile[0];
    tui.wait_for("the first match selected", |s| selected_id(s) == Some(first));
    let results = tui.settled();
    assert_clean("the search results", &results);
    assert_shows_lines("the search results", &results, from, to);
    assert!(
        results.matches("Tiêu đề").count() >= hostile.len(),
        "every match listed:\n{results}"
    );
    assert_never_written(&tui, mark);
    tui.send(support::CTRL_Q);
    tui.wait_exit(Duration::from_secs(5));
}

#[test]
fn the_article_preview_shows_no_piece_of_a_sequence() {
    let store = Store::demo(&[]);
    // Reporters write articles, but imported or pasted text can carry anything.
    let body = store.path().join("body.md");
    let paragraphs: Vec<String> = lines(0, CORPUS.len()).lines().map(str::to_owned).collect();
    std::fs::write(&body, paragraphs.join("\n\n") + "\n\nCuối bài\u{1b}]52;c;XQ30").unwrap();
    let title = "Bài dán\u{1b}]0;XQ31\u{7} từ nơi khác\u{9b}?1049h";
    let lead = "Sa pô\u{1b}[2J\u{202e} mở đầu\u{1b}P+qXQ32\u{1b}\\";
    let out = store.cli(&[
        "article",
        "new",
        "--title",
        title,
        "--lead",
        lead,
        "--body-file",
        body.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Under 100 columns the preview takes the form's place: only the preview is drawn.
    let mut tui = Tui::start(&store, 80, 60, &[]);
    let list = tui.wait_for_text("Bài dán");
    assert_clean("the Articles list", &list);
    let row = list.lines().position(|l| l.contains("Bài dán")).unwrap();
    for _ in 0..row.saturating_sub(2) {
        tui.send(b"j");
    }
    tui.send(ENTER);
    tui.wait_for_text("Sa pô");
    tui.settled();
    // From here on: the editor's fields draw the stored text as it is (a reporter's own
    // text); the preview is the page readers will see, and must be clean.
    let mark = tui.raw_len();
    tui.send(CTRL_P);
    tui.wait_for("the preview", |s| s.contains("Xem trước") && s.contains("mục 00"));
    let preview = tui.settled();
    assert_clean("the preview", &preview);
    assert_shows_lines("the preview", &preview, 0, CORPUS.len());
    assert!(
        preview.contains("từ nơi khác") && preview.contains("mở đầu"),
        "{preview}"
    );
    assert!(preview.contains("Cuối bài"), "{preview}");
    assert_never_written(&tui, mark);
    tui.send(CTRL_P);
    tui.send(support::CTRL_Q);
    tui.wait_exit(Duration::from_secs(5));
}
