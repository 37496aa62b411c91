//! The article editor in a real terminal: Vietnamese typing as input methods send it, the
//! cursor that input methods follow, typing that survives a hang-up or a kill, two sessions
//! on one article, the external editor and the revision history.
//!
//! Every store is the demo loaded by `root`; the TUI runs as a reporter who wrote some of
//! the demo articles, or as root or an editor where others' articles are edited. What the
//! screen shows is checked against the command line and the store file.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use serde_json::Value;
use support::{BACKSPACE, CTRL_G, CTRL_H, CTRL_O, CTRL_Q, CTRL_S, CTRL_T, DOWN, ENTER, ESC, Store, TAB, Tui};
use unicode_width::UnicodeWidthStr;

const COLS: u16 = 80;
const ROWS: u16 = 24;
const ROOT: &str = "root";
/// A reporter: author of the newest demo article, a draft.
const REPORTER: &str = "lan.nguyen";
/// An editor: may edit anyone's article.
const EDITOR: &str = "huong.tran";
/// The newest demo article, first in the list: lan.nguyen's draft.
const FIRST_TITLE: &str = "Hai Bà Trưng ra mắt thư viện số";
/// Only the editor shows this label.
const IN_EDITOR: &str = "Sa-pô";

/// Where the editor's form sits on an 80×24 screen: the tab bar is row 0, then title,
/// source and byline, slug, three rows of lead, the body's rule; the body starts below.
const TITLE_ROW: u16 = 1;
const SOURCE_ROW: u16 = 2;
const BODY_ROW: u16 = 8;
/// The field labels' column width (ui/editor.rs).
const LABEL_WIDTH: u16 = 11;

fn demo_store() -> Store {
    Store::demo_as(ROOT, &[])
}

/// The TUI as `user`, on the article list.
fn open_list(store: &Store, user: &str, extra: &[&str], env: &[(&str, &str)]) -> Tui {
    let mut args = vec!["--user", user];
    args.extend_from_slice(extra);
    let mut tui = Tui::start_with_env(store, COLS, ROWS, &args, env);
    tui.wait_for_text(FIRST_TITLE);
    tui
}

/// Enter on the first row: the newest article opens in the editor.
fn open_first(tui: &mut Tui) {
    tui.send(ENTER);
    tui.wait_for_text(IN_EDITOR);
}

/// `n`: a blank draft with the focus on its title.
fn new_article(tui: &mut Tui) {
    tui.send(b"n");
    tui.wait_for_text(IN_EDITOR);
    wait_cursor(
        tui,
        (TITLE_ROW, LABEL_WIDTH),
        "the caret at the start of the empty title",
    );
}

/// Five Tabs from the title: source, byline, slug, lead, body. The caret of a freshly
/// loaded body is at its start.
fn tab_to_body(tui: &mut Tui) {
    for _ in 0..5 {
        tui.send(TAB);
    }
    wait_cursor(tui, (BODY_ROW, 0), "the caret at the start of the body");
}

fn wait_cursor(tui: &mut Tui, want: (u16, u16), what: &str) {
    let deadline = std::time::Instant::now() + support::WAIT;
    loop {
        let got = tui.cursor();
        if got == want && tui.cursor_shown() {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "waiting for {what}: cursor at {got:?} (shown: {}), wanted {want:?}; screen:\n{}",
            tui.cursor_shown(),
            tui.screen()
        );
        std::thread::sleep(support::POLL);
    }
}

/// The id of the article whose title starts with `title`.
fn id_of(store: &Store, title: &str) -> i64 {
    let ids: Vec<i64> = store
        .articles(ROOT)
        .iter()
        .filter(|a| a["title"].as_str().is_some_and(|t| t.starts_with(title)))
        .filter_map(|a| a["id"].as_i64())
        .collect();
    assert_eq!(ids.len(), 1, "articles titled {title:?}…: {ids:?}");
    ids[0]
}

fn text(article: &Value, field: &str) -> String {
    article[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string in {article}"))
        .to_owned()
}

fn quit(tui: &mut Tui) {
    tui.send(CTRL_Q);
    let status = tui.wait_exit(Duration::from_secs(5));
    assert!(status.success(), "Ctrl-q should exit cleanly: {status:?}");
    tui.assert_terminal_restored();
}

#[test]
fn a_new_article_typed_with_a_telex_input_method_is_stored_as_nfc() {
    let store = demo_store();
    let mut tui = open_list(&store, REPORTER, &[], &[]);
    new_article(&mut tui);

    // What Unikey sends for Telex "dduwowngf sachs Tieesng Vieejt": each correction is a
    // Backspace (DEL, or Ctrl+H) and the composed letter, in one burst; capitals come
    // with SHIFT, which for a terminal is just the capital letter.
    let mut keys = Vec::new();
    for part in [
        "Đu".as_bytes(),
        BACKSPACE,
        "ưo".as_bytes(),
        CTRL_H,
        "ơng".as_bytes(),
        BACKSPACE,
        BACKSPACE,
        BACKSPACE,
        "ờng sách Tie".as_bytes(),
        BACKSPACE,
        "êng".as_bytes(),
        CTRL_H,
        CTRL_H,
        CTRL_H,
        "ếng Vie".as_bytes(),
        CTRL_H,
        "ệt".as_bytes(),
    ] {
        keys.extend_from_slice(part);
    }
    tui.send(&keys);
    let title = "Đường sách Tiếng Việt";
    let screen = tui.wait_for_text(title);
    assert!(
        screen.contains("duong-sach-tieng-viet"),
        "the slug follows the title:\n{screen}"
    );

    tab_to_body(&mut tui);
    // "Hồ" arrives decomposed (o, combining circumflex, combining grave), as some
    // keyboards and pastes send it.
    let typed_body = "Sáng nay, bạn đọc ở Ho\u{302}\u{300} Gươm đã đến đường sách.";
    let stored_body = "Sáng nay, bạn đọc ở Hồ Gươm đã đến đường sách.";
    tui.type_text(typed_body);
    tui.wait_for_text("Gươm đã đến đường sách.");

    tui.send(CTRL_S);
    tui.wait_for_text("Đã lưu (phiên bản");
    tui.send(ESC);
    tui.wait_for_gone(IN_EDITOR);
    let list = tui.wait_for_text(title);
    assert!(list.contains("Bài viết"), "{list}");

    let id = store.article_id(REPORTER, title);
    let article = store.article(REPORTER, id);
    assert_eq!(text(&article, "title"), title, "{article}");
    assert_eq!(text(&article, "body"), stored_body, "{article}");
    assert!(
        !text(&article, "body").contains('\u{302}'),
        "combining marks stored: {article}"
    );
    let slug = text(&article, "slug");
    assert_eq!(slug, "duong-sach-tieng-viet", "{article}");
    assert!(slug.is_ascii(), "{slug}");
    assert_eq!(article["author"], REPORTER, "{article}");
    quit(&mut tui);
}

#[test]
fn the_real_cursor_follows_the_caret() {
    let store = demo_store();
    let mut tui = open_list(&store, REPORTER, &[], &[]);
    new_article(&mut tui);

    let typed = "Hà Nội";
    tui.type_text(typed);
    tui.wait_for_text(typed);
    let col = LABEL_WIDTH + u16::try_from(typed.width()).expect("narrow");
    wait_cursor(&mut tui, (TITLE_ROW, col), "the caret after \"Hà Nội\"");
    assert_eq!(col, 17, "six columns of text after the label");

    // A Telex correction moves it back and forth again: " mu", Ctrl+H, "ùa thu".
    let mut keys = b" mu".to_vec();
    keys.extend_from_slice(CTRL_H);
    keys.extend_from_slice("ùa thu".as_bytes());
    tui.send(&keys);
    let typed = "Hà Nội mùa thu";
    tui.wait_for_text(typed);
    let col = LABEL_WIDTH + u16::try_from(typed.width()).expect("narrow");
    wait_cursor(&mut tui, (TITLE_ROW, col), "the caret after \"Hà Nội mùa thu\"");

    // The next field has its own caret; Shift-Tab comes back to where the title's was.
    tui.send(TAB);
    wait_cursor(
        &mut tui,
        (SOURCE_ROW, LABEL_WIDTH),
        "the caret in the empty source",
    );
    tui.send(b"\x1b[Z");
    wait_cursor(&mut tui, (TITLE_ROW, col), "the caret back at the title's end");
    quit(&mut tui);
}

/// The autosave thread writes once a minute here, so only the signal handler can have put
/// typing in the store within the few seconds these tests run.
const NO_AUTOSAVE_THREAD: &str = "[editor]\nautosave_seconds = 60\n";

/// Types `sentence` at the start of the first article's body, then sends `signal` the
/// moment the screen shows it, before the autosave thread could have written it.
fn signal_straight_after_typing(store: &Store, id: i64, sentence: &str, signal: &str, code: u32) {
    store.write_config(NO_AUTOSAVE_THREAD);
    let mut tui = open_list(store, REPORTER, &[], &[]);
    open_first(&mut tui);
    tab_to_body(&mut tui);
    tui.type_text(sentence);
    tui.send(ENTER);
    tui.wait_for_text(sentence);
    assert_eq!(
        store.autosave(id, REPORTER),
        None,
        "the autosave thread wrote already, so this test proves nothing about the handler"
    );

    tui.signal(signal);
    let status = tui.wait_exit(Duration::from_secs(2));
    assert_eq!(status.exit_code(), code, "128 + SIG{signal}: {status:?}");
    let saved = store.autosave(id, REPORTER);
    assert!(
        saved.as_deref().is_some_and(|s| s.contains(sentence)),
        "SIG{signal} must save the typing: {saved:?}"
    );
}

#[test]
fn a_hang_up_straight_after_typing_keeps_it_for_recovery() {
    let store = demo_store();
    let id = id_of(&store, FIRST_TITLE);
    let sentence = "Chiều nay, các em học sinh được mượn sách điện tử miễn phí.";
    signal_straight_after_typing(&store, id, sentence, "HUP", 129);

    let mut tui = open_list(&store, REPORTER, &[], &[]);
    tui.send(ENTER);
    let screen = tui.wait_for_text("Có chữ chưa lưu");
    for word in ["Chiều", "học", "sinh", "mượn", "điện", "miễn", "phí."] {
        assert!(
            screen.contains(word),
            "the recovery should show {word:?}:\n{screen}"
        );
    }
    tui.send(b"r");
    tui.wait_for_gone("Có chữ chưa lưu");
    tui.wait_for_text(sentence);
    tui.send(CTRL_S);
    tui.wait_for_text("Đã lưu (phiên bản");

    let body = text(&store.article(REPORTER, id), "body");
    assert!(
        body.starts_with(&format!("{sentence}\n")),
        "the recovered sentence was saved: {body:?}"
    );
    quit(&mut tui);
}

#[test]
fn sigterm_straight_after_typing_saves_it() {
    let store = demo_store();
    let id = id_of(&store, FIRST_TITLE);
    signal_straight_after_typing(&store, id, "Tối nay thư viện mở cửa muộn.", "TERM", 143);
}

#[test]
fn a_kill_six_tenths_of_a_second_after_the_last_key_loses_nothing() {
    let store = demo_store();
    let id = id_of(&store, FIRST_TITLE);
    let saved_body = text(&store.article(REPORTER, id), "body");
    let mut tui = open_list(&store, REPORTER, &[], &[]);
    open_first(&mut tui);
    tab_to_body(&mut tui);

    // The first half shows when the autosave thread writes; the second half is typed 0.2 s
    // after such a write. A thread writing every 0.5 s has it in the store 0.3 s later;
    // one writing every second or slower has not written again when the kill comes.
    let first = "Thư viện số có hơn năm nghìn";
    let second = " đầu sách cho thiếu nhi.";
    let sentence = format!("{first}{second}");
    tui.type_text(first);
    tui.wait_until(Duration::from_secs(5), "the first half autosaved", || {
        store.autosave(id, REPORTER).is_some_and(|s| s.contains(first))
    });
    std::thread::sleep(Duration::from_millis(200));
    let mut keys = second.as_bytes().to_vec();
    keys.extend_from_slice(ENTER);
    tui.send(&keys);
    let last_key = std::time::Instant::now();
    // README: "after kill -9 at most the last half second is missing".
    std::thread::sleep(Duration::from_millis(600).saturating_sub(last_key.elapsed()));
    tui.signal("KILL");
    let status = tui.wait_exit(Duration::from_secs(2));
    assert!(!status.success(), "{status:?}");
    let saved = store.autosave(id, REPORTER);
    assert!(
        saved.as_deref().is_some_and(|s| s.contains(&sentence)),
        "typing 0.6 s old was lost to kill -9: {saved:?}"
    );
    drop(tui);

    let mut tui = open_list(&store, REPORTER, &[], &[]);
    tui.send(ENTER);
    let screen = tui.wait_for_text("Có chữ chưa lưu");
    for word in ["Thư", "viện", "năm", "nghìn", "đầu", "thiếu", "nhi."] {
        assert!(
            screen.contains(word),
            "the recovery should show {word:?}:\n{screen}"
        );
    }

    // k keeps the saved text; the typing becomes a revision all the same.
    tui.send(b"k");
    let screen = tui.wait_for_gone("Có chữ chưa lưu");
    assert!(!screen.contains(&sentence), "k keeps the saved text:\n{screen}");
    tui.wait_until(
        Duration::from_secs(5),
        "the autosave to become a revision",
        || !store.revision_bodies(id, "recovered autosave").is_empty(),
    );
    let recovered = store.revision_bodies(id, "recovered autosave");
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    assert!(
        recovered[0].starts_with(&format!("{sentence}\n")),
        "the revision holds the typing: {:?}",
        recovered[0]
    );
    assert_eq!(
        text(&store.article(REPORTER, id), "body"),
        saved_body,
        "the article's text is unchanged"
    );
    assert_eq!(store.autosave(id, REPORTER), None, "the autosave was used up");
    quit(&mut tui);
}

/// `NEWSROOM_TEST_CLOCK` for a session that starts `seconds` after `heartbeat`.
fn clock_after(heartbeat: i64, seconds: i64) -> String {
    jiff::Timestamp::from_second(heartbeat + seconds)
        .expect("a time")
        .to_string()
}

#[test]
fn a_silent_lease_holds_the_article_until_150_seconds_have_passed() {
    let store = demo_store();
    let id = id_of(&store, FIRST_TITLE);
    let mut a = open_list(&store, ROOT, &[], &[]);
    open_first(&mut a);
    let mut lease = None;
    a.wait_until(Duration::from_secs(5), "root's lease", || {
        lease = store.lease(id);
        lease.is_some()
    });
    let (holder, heartbeat) = lease.expect("a lease");
    assert_eq!(holder, ROOT);
    // Gone without a word: nobody releases the lease.
    a.signal("KILL");
    a.wait_exit(Duration::from_secs(2));
    drop(a);

    // Nearly 150 s of silence (starting the session takes a moment of its own clock).
    let early = clock_after(heartbeat, 146);
    let env = [("NEWSROOM_TEST_CLOCK", early.as_str())];
    let mut b = open_list(&store, EDITOR, &[], &env);
    b.send(ENTER);
    let screen = b.wait_for("root's lease shown", |s| {
        s.lines()
            .any(|l| l.starts_with("root đang sửa từ ") && l.contains(": chỉ xem."))
    });
    assert!(screen.contains(IN_EDITOR), "{screen}");
    assert_eq!(
        store.lease(id),
        Some((ROOT.to_owned(), heartbeat)),
        "still root's"
    );
    quit(&mut b);

    let late = clock_after(heartbeat, 151);
    let env = [("NEWSROOM_TEST_CLOCK", late.as_str())];
    let mut c = open_list(&store, EDITOR, &[], &env);
    c.send(ENTER);
    c.wait_for_text(IN_EDITOR);
    c.wait_until(
        Duration::from_secs(5),
        "the editor to take the free lease",
        || {
            store
                .lease(id)
                .is_some_and(|(login, at)| login == EDITOR && at >= heartbeat + 151)
        },
    );
    let screen = c.settled();
    assert!(!screen.contains("đang sửa từ"), "still held at 151 s:\n{screen}");
    quit(&mut c);
}

#[test]
fn two_sessions_on_one_article_take_over_and_a_refused_save() {
    let store = demo_store();
    let id = id_of(&store, FIRST_TITLE);

    // A: root opens the article and types.
    let mut a = open_list(&store, ROOT, &[], &[]);
    open_first(&mut a);
    tab_to_body(&mut a);
    let text_a = "Chữ của root, chưa lưu.";
    a.type_text(text_a);
    a.send(ENTER);
    a.wait_for_text(text_a);
    a.wait_until(Duration::from_secs(3), "root's autosave", || {
        store.autosave(id, ROOT).is_some_and(|s| s.contains(text_a))
    });

    // B: an editor opens it and finds it read-only.
    let mut b = open_list(&store, EDITOR, &[], &[]);
    b.send(ENTER);
    let screen = b.wait_for_text("root đang sửa từ");
    assert!(screen.contains(IN_EDITOR), "{screen}");
    let before = b.settled();
    b.type_text("Thử gõ khi chỉ xem");
    std::thread::sleep(Duration::from_millis(700));
    let after = b.settled();
    assert!(
        !after.contains("Thử gõ"),
        "typing in a read-only editor changed the text:\n{after}"
    );
    assert_eq!(before, after, "typing read-only changed the screen");
    assert_eq!(store.autosave(id, EDITOR), None, "read-only typing was autosaved");

    // B takes over: root's unsaved text is kept as a revision.
    b.send(CTRL_T);
    // Not "Bạn đang sửa bài này.": root's unsaved text must have been kept.
    b.wait_for_text("Bạn đang sửa bài; phần chưa lưu của người trước (gõ trên phiên bản");
    let conn = store.sql();
    let kept: Vec<String> = conn
        .prepare(
            "SELECT body FROM article_revisions WHERE article_id = ?1 AND reason LIKE 'unsaved text of root%'",
        )
        .unwrap()
        .query_map([id], |r| r.get::<_, newsroom::store::PackedText>(0).map(|t| t.0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}; screen:\n{}", b.screen());
    assert!(kept[0].contains(text_a), "{:?}", kept[0]);

    // B writes and saves.
    tab_to_body(&mut b);
    let text_b = "Chữ của biên tập viên.";
    b.type_text(text_b);
    b.send(ENTER);
    b.wait_for_text(text_b);
    b.send(CTRL_S);
    b.wait_for_text("Đã lưu");

    // A's save is refused, and A's text stays on A's screen.
    a.send(CTRL_S);
    // The lease turns it down; or, once a heartbeat has found the lease gone, the
    // read-only editor does.
    let screen = a.wait_for("the refusal", |s| {
        s.lines().any(|l| {
            l.starts_with("huong.tran đang sửa từ ") || l.starts_with("Người khác đang sửa: chỉ xem.")
        })
    });
    assert!(!screen.contains("Đã lưu"), "{screen}");
    assert!(screen.contains(text_a), "A's text is gone:\n{screen}");

    let body = text(&store.article(ROOT, id), "body");
    assert!(body.starts_with(&format!("{text_b}\n")), "{body:?}");
    assert!(!body.contains(text_a), "A's text was saved over B's: {body:?}");
    quit(&mut b);
    quit(&mut a);
}

#[test]
fn a_read_only_watcher_sees_the_writers_save_without_pressing_a_key() {
    let store = demo_store();
    let mut a = open_list(&store, ROOT, &[], &[]);
    open_first(&mut a);
    let mut b = open_list(&store, EDITOR, &[], &[]);
    b.send(ENTER);
    b.wait_for_text("root đang sửa từ");

    tab_to_body(&mut a);
    let saved = "Tin nóng: thư viện mở cửa cả Chủ nhật.";
    a.type_text(saved);
    a.send(ENTER);
    a.wait_for_text(saved);
    a.send(CTRL_S);
    a.wait_for_text("Đã lưu");

    // No key is pressed in B: the poll for other sessions' commits brings the save.
    let screen = b.wait_for_text(saved);
    assert!(screen.contains(IN_EDITOR), "still in the editor:\n{screen}");
    quit(&mut a);
    quit(&mut b);
}

/// A stand-in for $VISUAL: leaves a marker, then appends a line to the file it is given.
fn editor_script(store: &Store) -> (std::path::PathBuf, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let script = store.path().join("visual.sh");
    let marker = store.path().join("editor-ran");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntouch '{}'\necho 'Thêm từ trình soạn ngoài' >> \"$1\"\n",
            marker.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, marker)
}

fn edit_files(store: &Store) -> Vec<String> {
    std::fs::read_dir(store.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".newsroom-edit-") && n.ends_with(".md"))
        .collect()
}

#[test]
fn the_external_editor_edits_the_body_and_is_off_when_restricted() {
    let store = demo_store();
    let (script, marker) = editor_script(&store);
    let script = script.display().to_string();
    let env = [("VISUAL", script.as_str()), ("EDITOR", "false")];

    let mut tui = open_list(&store, REPORTER, &[], &env);
    new_article(&mut tui);
    let title = "Thử trình soạn ngoài";
    tui.type_text(title);
    tab_to_body(&mut tui);
    tui.type_text("Dòng đầu tiên.");
    tui.wait_for_text("Dòng đầu tiên.");
    tui.send(CTRL_G);
    let screen = tui.wait_for_text("Thêm từ trình soạn ngoài");
    assert!(screen.contains("Dòng đầu tiên."), "{screen}");
    assert!(screen.contains(IN_EDITOR), "back in the editor:\n{screen}");
    assert!(
        tui.with_screen(vt100::Screen::alternate_screen),
        "the terminal was taken back:\n{screen}"
    );
    assert!(marker.exists(), "the script did not run");
    tui.wait_until(Duration::from_secs(2), "the temp file to go", || {
        edit_files(&store).is_empty()
    });

    tui.send(CTRL_S);
    tui.wait_for_text("Đã lưu");
    let body = text(
        &store.article(REPORTER, store.article_id(REPORTER, title)),
        "body",
    );
    // The file is handed over without a final newline, so `echo >>` lands on the last
    // line: only start and end are checked here.
    assert!(body.starts_with("Dòng đầu tiên."), "{body:?}");
    assert!(body.ends_with("Thêm từ trình soạn ngoài"), "{body:?}");
    quit(&mut tui);

    // Restricted: Ctrl-g says no and runs nothing.
    std::fs::remove_file(&marker).unwrap();
    let mut tui = open_list(&store, REPORTER, &["--restricted"], &env);
    new_article(&mut tui);
    tui.type_text("Phiên bị giới hạn");
    tui.send(CTRL_G);
    let screen = tui.wait_for_text("Phiên hạn chế");
    assert!(screen.contains(IN_EDITOR), "{screen}");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !marker.exists(),
        "the external editor ran in a restricted session"
    );
    assert!(edit_files(&store).is_empty(), "{:?}", edit_files(&store));
    quit(&mut tui);
}

#[test]
fn history_restores_an_older_revision_as_a_new_one() {
    let store = demo_store();
    let id = id_of(&store, FIRST_TITLE);
    let version = store.article(REPORTER, id)["version"]
        .as_i64()
        .expect("a version");
    let mut tui = open_list(&store, REPORTER, &[], &[]);
    open_first(&mut tui);
    tab_to_body(&mut tui);

    let first = "Bản thứ nhất: trời nắng đẹp.";
    tui.type_text(first);
    tui.send(ENTER);
    tui.wait_for_text(first);
    tui.send(CTRL_S);
    tui.wait_for_text(&format!("Đã lưu (phiên bản {})", version + 1));
    let first_body = text(&store.article(REPORTER, id), "body");
    assert!(first_body.starts_with(first), "{first_body:?}");

    let second = "Bản thứ hai: trời mưa to.";
    tui.type_text(second);
    tui.send(ENTER);
    tui.wait_for_text(second);
    tui.send(CTRL_S);
    tui.wait_for_text(&format!("Đã lưu (phiên bản {})", version + 2));
    let second_body = text(&store.article(REPORTER, id), "body");
    assert_ne!(first_body, second_body);

    let before = store.revisions(id);
    let (target, _, _) = before
        .iter()
        .find(|(_, reason, body)| reason == "saved" && *body == first_body)
        .expect("the first save is a revision")
        .clone();
    let steps = before.iter().position(|(rid, _, _)| *rid == target).unwrap();

    tui.send(CTRL_O);
    let screen = tui.wait_for_text("Lịch sử");
    // The history numbers rows by the article's version, as the save notices do.
    assert!(screen.contains("Phiên bản"), "{screen}");
    let shown = (version..=version + 2)
        .filter(|v| screen.contains(&format!(" {v}  ")))
        .count();
    assert_eq!(shown, 3, "history rows shown:\n{screen}");

    for _ in 0..steps {
        tui.send(DOWN);
    }
    tui.send(ENTER);
    tui.wait_for_text(&format!(
        "Đã khôi phục bản {} thành phiên bản {}",
        version + 1,
        version + 3
    ));
    tui.wait_for_gone("Lịch sử");

    let article = store.article(REPORTER, id);
    assert_eq!(text(&article, "body"), first_body, "{article}");
    assert_eq!(article["version"].as_i64(), Some(version + 3), "{article}");
    let after = store.revisions(id);
    assert_eq!(after.len(), before.len() + 1, "one new revision");
    assert_eq!(after[0].1, format!("restored version {}", version + 1));
    assert_eq!(after[0].2, first_body);
    quit(&mut tui);
}
