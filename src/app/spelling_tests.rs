//! The editor's spelling commands through the app: keys in, text and notices out.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::clock::ManualClock;
use crate::i18n::Lang;
use crate::testing::{demo_store, now, session_at};
use crate::text::vietnamese::{Checker, HouseRules, InputMethod, Placement};

fn editing(house: HouseRules) -> App {
    editing_as("lan.nguyen", house)
}

fn editing_as(login: &str, house: HouseRules) -> App {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, login, Lang::En, clock, "s1");
    let mut app = App::new(store, session, 24).unwrap().with_writing_aids(
        InputMethod::Telex,
        Placement::New,
        Checker::new(&house, None),
    );
    app.update(Action::Command(Command::Open));
    assert!(app.editor.is_some(), "{:?}", app.notice);
    app
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
}

fn field(app: &App, f: Field) -> String {
    app.editor.as_ref().unwrap().field(f).lines().join("\n")
}

fn notice(app: &App) -> String {
    app.notice.as_ref().map(|n| n.text.clone()).unwrap_or_default()
}

#[test]
fn the_article_takes_the_house_tone_placement_in_one_undo_per_field() {
    let house = HouseRules {
        tone_placement: Some(Placement::New),
        ..HouseRules::default()
    };
    let mut app = editing(house);
    // The caret is at the start of the title; then the lead.
    type_text(&mut app, "Hòa bình ");
    let title = field(&app, Field::Title);
    for _ in 0..4 {
        app.update(Action::Command(Command::NextField));
    }
    type_text(&mut app, "thủy điện và hòa giải ");
    let lead = field(&app, Field::Lead);

    app.update(Action::Command(Command::NormaliseTones));
    assert!(
        field(&app, Field::Title).starts_with("Hoà bình "),
        "{}",
        notice(&app)
    );
    assert!(
        field(&app, Field::Lead).starts_with("thuỷ điện và hoà giải "),
        "{}",
        notice(&app)
    );
    // Three typed here, and whatever of the demo article is written hòa/thủy.
    let n: usize = notice(&app)
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        n >= 3 && notice(&app).contains("words changed to the hoà/thuỷ"),
        "{}",
        notice(&app)
    );

    // One undo in the lead takes its whole change back, and leaves the title alone.
    app.update(Action::Command(Command::Undo));
    assert_eq!(field(&app, Field::Lead), lead);
    assert!(field(&app, Field::Title).starts_with("Hoà bình "));
    app.update(Action::Command(Command::PrevField));
    for _ in 0..3 {
        app.update(Action::Command(Command::PrevField));
    }
    app.update(Action::Command(Command::Undo));
    assert_eq!(field(&app, Field::Title), title);
}

#[test]
fn a_read_only_article_is_left_alone_and_says_why() {
    let house = HouseRules {
        tone_placement: Some(Placement::New),
        ..HouseRules::default()
    };
    // A colleague's article opens read-only for another reporter.
    let mut app = editing_as("tuan.pham", house);
    assert!(app.editor.as_ref().unwrap().is_read_only());
    let title = field(&app, Field::Title);
    app.update(Action::Command(Command::NormaliseTones));
    assert_eq!(field(&app, Field::Title), title);
    assert!(notice(&app).contains("read-only"), "{}", notice(&app));
}

#[test]
fn without_a_house_style_the_majority_wins() {
    let checker = Checker::new(&HouseRules::default(), None);
    assert_eq!(checker.placement_for("hoà thuỷ hòa"), Some(Placement::New));
    assert_eq!(checker.placement_for("hòa thủy hoà"), Some(Placement::Old));
    assert_eq!(checker.placement_for("hòa hoà"), Some(Placement::New));
    assert_eq!(checker.placement_for("hoàng"), None);
    let mut app = editing(HouseRules::default());
    type_text(&mut app, "Hoàng ");
    let before = field(&app, Field::Title);
    app.update(Action::Command(Command::NormaliseTones));
    // The demo article writes hòa/thủy: nothing of it moves, so nothing changes.
    assert_eq!(field(&app, Field::Title), before);
}

#[test]
fn the_keys_are_f7_and_f8_in_the_editor_and_the_list_takes_enter_and_esc() {
    use crate::keymap::Resolved;
    let map = crate::keymap::Keymap::default();
    let k = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(
        map.resolve(EDITOR, k(KeyCode::F(7))),
        Resolved::Command(Command::NextFlagged)
    );
    assert_eq!(
        map.resolve(EDITOR, k(KeyCode::F(8))),
        Resolved::Command(Command::NormaliseTones)
    );
    assert_eq!(
        map.resolve(SUGGEST, k(KeyCode::Enter)),
        Resolved::Command(Command::Confirm)
    );
    assert_eq!(
        map.resolve(SUGGEST, k(KeyCode::Esc)),
        Resolved::Command(Command::Back)
    );
    assert_eq!(
        map.resolve(SUGGEST, k(KeyCode::Char('j'))),
        Resolved::Command(Command::Down)
    );
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Action::Type(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn open_list(app: &mut App) -> super::suggest::Suggestions {
    app.update(Action::Command(Command::NextFlagged));
    match &app.modal {
        Some(Modal::Suggest(list)) => list.clone(),
        other => panic!("no list: {other:?} / {}", notice(app)),
    }
}

#[test]
fn f7_goes_to_the_flagged_word_and_its_list_replaces_adds_or_ignores_it() {
    let mut app = editing(HouseRules::default());
    type_text(&mut app, "Nguời kà ");
    press(&mut app, KeyCode::Home);
    let typed = field(&app, Field::Title);

    // The first flagged word, with the caret on it; the right spelling comes first.
    let list = open_list(&mut app);
    assert_eq!(
        (list.word.as_str(), list.field, list.row),
        ("Nguời", Field::Title, 0)
    );
    assert_eq!(list.choices[0], super::suggest::Choice::Replace("Người".into()));
    assert_eq!(list.choices.last(), Some(&super::suggest::Choice::Ignore));
    // Typing does not reach the article while the list is open; Esc closes it.
    type_text(&mut app, "x");
    assert_eq!(field(&app, Field::Title), typed);
    app.update(Action::Command(Command::Back));
    assert!(app.modal.is_none());

    // Enter applies the suggestion; one undo takes it back.
    open_list(&mut app);
    app.update(Action::Command(Command::Confirm));
    assert!(
        field(&app, Field::Title).starts_with("Người kà "),
        "{}",
        field(&app, Field::Title)
    );
    app.update(Action::Command(Command::Undo));
    assert_eq!(field(&app, Field::Title), typed);

    // Ignore (the last line, Up from the first) goes past the word: the next F7 is `kà`.
    press(&mut app, KeyCode::Home);
    open_list(&mut app);
    app.update(Action::Command(Command::Up));
    app.update(Action::Command(Command::Confirm));
    let list = open_list(&mut app);
    assert_eq!(list.word, "kà");

    // Adding it puts it on the newsroom's list, in the store, and it is flagged no more.
    let add = list.choices.len() - 2;
    assert_eq!(list.choices[add], super::suggest::Choice::AddToWordList);
    for _ in 0..add {
        app.update(Action::Command(Command::Down));
    }
    app.update(Action::Command(Command::Confirm));
    assert!(
        notice(&app).contains("'kà' is on the newsroom's word list"),
        "{}",
        notice(&app)
    );
    assert!(app.store.words().unwrap().contains(&"kà".to_owned()));
    let list = open_list(&mut app);
    assert_ne!(list.word, "kà");
}

#[test]
fn f7_says_so_when_nothing_is_flagged() {
    let mut app = editing(HouseRules::default());
    // Everything flagged in the demo article goes on the word list, one F7 at a time.
    for _ in 0..50 {
        app.update(Action::Command(Command::NextFlagged));
        let Some(Modal::Suggest(list)) = &app.modal else {
            break;
        };
        let add = list.choices.len() - 2;
        for _ in 0..add {
            app.update(Action::Command(Command::Down));
        }
        app.update(Action::Command(Command::Confirm));
    }
    assert!(app.modal.is_none());
    assert_eq!(notice(&app), "Nothing is flagged in this article");
}

/// The checks kept between frames (by place, by text, and each word's verdict) never show
/// what a line said before: after edits in place, lines moved, split, dropped and a word
/// allowed, the findings are those of a check from scratch.
#[test]
fn kept_checks_always_match_a_check_from_scratch() {
    let house = HouseRules {
        prefer: [("Sài Gòn".to_owned(), "TP.HCM".to_owned())].into(),
        ..HouseRules::default()
    };
    let mut spelling = spelling::Spelling::new(Checker::new(&house, None));
    let fresh = Checker::new(&house, None);
    let steps: &[&[&str]] = &[
        &["Hôm nay trời đẹp", "Sài Gòn mưa to", "kà phê"],
        &["Hôm nay trời đẹpx", "Sài Gòn mưa to", "kà phê"],
        &["Hôm nay trời đẹp", "Sài Gòn mưa to", "kà phê"],
        &["kà phê", "Hôm nay trời đẹp", "Sài Gòn mưa to"],
        &["kà phê", "", "Hôm nay trời đẹp", "Sài Gòn mưa to"],
        &["Sài Gòn mưa to"],
        &["Sài Gòn mưa to", "hoà thuận hòa bình", "kà phê"],
    ];
    for lines in steps {
        let want = fresh.check(&lines.join("\n")).findings;
        assert_eq!(spelling.check(lines), want, "{lines:?}");
    }
    spelling.allow("kà");
    let lines = ["kà phê", "Sài Gòn mưa to"];
    let mut allowed = Checker::new(&house, None);
    allowed.allow(["kà".to_owned()]);
    assert_eq!(spelling.check(&lines), allowed.check(&lines.join("\n")).findings);
}

/// The TUI draws typing first and checks it after the frame (`App::settle`): only a change
/// in what the screen shows of the check asks for another frame, and the word being typed
/// is judged once the caret leaves it.
#[test]
fn typing_is_checked_after_its_frame_and_the_word_being_typed_waits() {
    let mut app = editing(HouseRules::default());
    app.lag_spelling = true;
    for _ in 0..5 {
        app.update(Action::Command(Command::NextField));
    }
    assert_eq!(app.editor.as_ref().unwrap().focus, Field::Body);
    // The first frame checks what it draws.
    let before = app.spelling.shown(app.editor.as_ref().unwrap()).count;
    assert!(!app.settle(), "nothing typed: nothing to check");
    let mut redraws = Vec::new();
    // At the end of the body, so that each word is a word of its own.
    let body = app.editor.as_ref().unwrap().field(Field::Body).lines().len();
    for code in std::iter::repeat_n(KeyCode::Down, body).chain([KeyCode::End]) {
        app.update(Action::Type(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    for c in " Người dân phường Tây Hồ kà".chars() {
        app.update(Action::Type(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
        if app.settle() {
            redraws.push(c);
        }
    }
    assert_eq!(
        redraws,
        Vec::<char>::new(),
        "half words (ngườ, phườn) and kà, still being typed"
    );
    let shown = app.spelling.shown(app.editor.as_ref().unwrap());
    assert_eq!(shown.count, before, "{shown:?}");
    type_text(&mut app, " ");
    assert!(app.settle(), "leaving the word judges it");
    let shown = app.spelling.shown(app.editor.as_ref().unwrap());
    assert_eq!(shown.count, before + 1);
    assert!(shown.flagged.contains("kà"), "{shown:?}");
    assert!(!app.settle(), "checked once");
}
