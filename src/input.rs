//! Terminal events → app actions, in order, with no terminal involved (so tests feed it).
//!
//! Owns: the rules for a burst of keys read together (input methods send Backspace and the
//! corrected letter in one burst). May not touch: App state, the store.

use crossterm::event::{Event, KeyEventKind};

use crate::app::Action;
use crate::keymap::{Context, Keymap, Resolved};
use crate::ui;

/// What the keys read so far in this burst imply for the next one.
#[derive(Debug, Default, Clone, Copy)]
pub struct Burst {
    after_input_method: bool,
}

/// One event → at most one action. Call with a fresh `Burst` for each batch of pending input.
pub fn to_action(event: &Event, contexts: &[Context], keymap: &Keymap, burst: &mut Burst) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            let resolved = keymap.resolve(contexts, *key);
            let follows_ime = std::mem::take(&mut burst.after_input_method);
            let typing = contexts.iter().any(|c| c.is_text());
            match resolved {
                // In a text field every key is applied, in order: an input method's
                // Backspace-and-letter corrections included.
                Resolved::Unbound if typing => Some(Action::Type(*key)),
                // The letter an input method sends after its Backspace is a correction, not a command.
                Resolved::Command(_) if follows_ime => Some(Action::InputMethodKey),
                Resolved::Command(command) => Some(Action::Command(command)),
                Resolved::InputMethod => {
                    burst.after_input_method = true;
                    Some(Action::InputMethodKey)
                }
                Resolved::Unbound => None,
            }
        }
        Event::Resize(_, height) => Some(Action::Resize {
            list_rows: ui::list_rows(*height),
        }),
        // Pasted text is text, never commands; outside a text field it is dropped.
        Event::Paste(text) if contexts.iter().any(|c| c.is_text()) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Command;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    const LIST: &[Context] = &[
        Context::Articles,
        Context::List,
        Context::Global,
        Context::Anywhere,
    ];
    const EDITOR: &[Context] = &[Context::Editor, Context::Anywhere];

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn run(events: &[Event]) -> Vec<Option<Action>> {
        let keymap = Keymap::default();
        let mut burst = Burst::default();
        events
            .iter()
            .map(|e| to_action(e, LIST, &keymap, &mut burst))
            .collect()
    }

    #[test]
    fn telex_backspace_and_correction_never_become_commands() {
        // "gg" with Telex off would be first/first; an input method correcting a letter sends
        // g, Backspace, ĝ-like composed letters: only the first g is a command.
        let got = run(&[
            press(KeyCode::Char('g')),
            press(KeyCode::Backspace),
            press(KeyCode::Char('g')),
        ]);
        assert_eq!(
            got,
            vec![
                Some(Action::Command(Command::First)),
                Some(Action::InputMethodKey),
                Some(Action::InputMethodKey)
            ]
        );
    }

    #[test]
    fn keys_in_a_burst_keep_their_order() {
        let got = run(&[
            press(KeyCode::Char('j')),
            press(KeyCode::Char('j')),
            press(KeyCode::Char('k')),
        ]);
        assert_eq!(
            got,
            vec![
                Some(Action::Command(Command::Down)),
                Some(Action::Command(Command::Down)),
                Some(Action::Command(Command::Up))
            ]
        );
    }

    #[test]
    fn in_the_editor_an_input_method_burst_is_typed_in_order() {
        // Telex "tieengs": t i e e(→ê, via Backspace) n g s(→ế, via Backspace).
        let keymap = Keymap::default();
        let mut burst = Burst::default();
        let events = [
            press(KeyCode::Char('t')),
            press(KeyCode::Char('i')),
            press(KeyCode::Char('e')),
            press(KeyCode::Backspace),
            press(KeyCode::Char('ê')),
            Event::Key(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            Event::Key(KeyEvent::new(KeyCode::Char('Ế'), KeyModifiers::SHIFT)),
        ];
        let got: Vec<_> = events
            .iter()
            .map(|e| to_action(e, EDITOR, &keymap, &mut burst))
            .collect();
        let want: Vec<_> = events
            .iter()
            .map(|e| match e {
                Event::Key(k) => Some(Action::Type(*k)),
                _ => None,
            })
            .collect();
        assert_eq!(got, want);
        let paste = Event::Paste("Hà Nội\r\nmùa thu".into());
        assert_eq!(
            to_action(&paste, EDITOR, &keymap, &mut burst),
            Some(Action::Paste("Hà Nội\r\nmùa thu".into()))
        );
        assert_eq!(to_action(&paste, LIST, &keymap, &mut burst), None);
    }

    #[test]
    fn composed_letters_ask_for_the_input_method_to_be_switched_off() {
        assert_eq!(
            run(&[press(KeyCode::Char('ă'))]),
            vec![Some(Action::InputMethodKey)]
        );
        assert_eq!(run(&[press(KeyCode::Char('x'))]), vec![None]);
        assert_eq!(
            run(&[Event::Resize(80, 24)]),
            vec![Some(Action::Resize { list_rows: 20 })]
        );
    }
}
