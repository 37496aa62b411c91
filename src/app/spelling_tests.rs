//! The editor's spelling commands through the app: keys in, text and notices out.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::clock::ManualClock;
use crate::i18n::Lang;
use crate::testing::{demo_store, now, session_at};
use crate::text::vietnamese::{Checker, HouseRules, InputMethod, Placement};

fn editing(house: HouseRules) -> App {
    let (store, _) = demo_store(None);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, "lan.nguyen", Lang::En, clock, "s1");
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
fn the_key_is_f8_in_the_editor() {
    let map = crate::keymap::Keymap::default();
    let f8 = KeyEvent::new(KeyCode::F(8), KeyModifiers::NONE);
    assert_eq!(
        map.resolve(EDITOR, f8),
        crate::keymap::Resolved::Command(Command::NormaliseTones)
    );
}
