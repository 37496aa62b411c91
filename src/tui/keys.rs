//! Keys read while the terminal was being asked about pictures, turned into the events
//! crossterm would have made of them, so they join the normal event path in order.
//!
//! crossterm's own parser is private; this covers what a person types in half a second:
//! text (any UTF-8, an input method's bursts included), control keys, Alt, the cursor and
//! editing keys, F1–F12 and a bracketed paste. Anything else is dropped, as crossterm does.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// Every event in `bytes`, in order. A lone Esc at the end is the Esc key.
pub fn parse(bytes: &[u8]) -> Vec<Event> {
    let mut events = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let (event, used) = one(rest);
        events.extend(event);
        rest = &rest[used.max(1).min(rest.len())..];
    }
    events
}

/// The first event in `bytes` (if it makes one) and how many bytes it took.
fn one(bytes: &[u8]) -> (Option<Event>, usize) {
    match bytes {
        [ESC] | [ESC, ESC, ..] => (Some(key(KeyCode::Esc, KeyModifiers::NONE)), 1),
        [ESC, b'[', ..] => csi(bytes),
        [ESC, b'O', c, ..] => (ss3(*c).map(|code| key(code, KeyModifiers::NONE)), 3),
        [ESC, ..] => match one(&bytes[1..]) {
            (Some(Event::Key(mut k)), used) => {
                k.modifiers |= KeyModifiers::ALT;
                (Some(Event::Key(k)), used + 1)
            }
            (_, used) => (None, used + 1),
        },
        [b'\r', ..] => (Some(key(KeyCode::Enter, KeyModifiers::NONE)), 1),
        [b'\t', ..] => (Some(key(KeyCode::Tab, KeyModifiers::NONE)), 1),
        [0x7f, ..] => (Some(key(KeyCode::Backspace, KeyModifiers::NONE)), 1),
        [c @ 0x01..=0x1a, ..] => (
            Some(key(
                KeyCode::Char(char::from(c - 1 + b'a')),
                KeyModifiers::CONTROL,
            )),
            1,
        ),
        [c @ 0x1c..=0x1f, ..] => (
            Some(key(
                KeyCode::Char(char::from(c - 0x1c + b'4')),
                KeyModifiers::CONTROL,
            )),
            1,
        ),
        [0, ..] => (Some(key(KeyCode::Char(' '), KeyModifiers::CONTROL)), 1),
        _ => text(bytes),
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// One UTF-8 character; capitals carry Shift, as crossterm reports them.
fn text(bytes: &[u8]) -> (Option<Event>, usize) {
    let len = match bytes[0] {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    let Some(c) = bytes
        .get(..len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
    else {
        return (None, 1);
    };
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    (Some(key(KeyCode::Char(c), modifiers)), len)
}

fn ss3(c: u8) -> Option<KeyCode> {
    match c {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'P'..=b'S' => Some(KeyCode::F(1 + c - b'P')),
        _ => None,
    }
}

/// `ESC [ params final`: cursor and editing keys with their modifiers, and pastes.
fn csi(bytes: &[u8]) -> (Option<Event>, usize) {
    let Some(end) = bytes[2..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
        return (None, bytes.len());
    };
    let used = end + 3;
    let params = std::str::from_utf8(&bytes[2..end + 2]).unwrap_or("");
    let final_byte = bytes[end + 2];
    if params == "200" && final_byte == b'~' {
        let body = &bytes[used..];
        let stop = body
            .windows(PASTE_END.len())
            .position(|w| w == PASTE_END)
            .unwrap_or(body.len());
        let text = String::from_utf8_lossy(&body[..stop]).into_owned();
        return (
            Some(Event::Paste(text)),
            used + (stop + PASTE_END.len()).min(body.len()),
        );
    }
    let mut numbers = params.split(';').map(|p| p.parse::<u8>().unwrap_or(1));
    let first = numbers.next().unwrap_or(1);
    let modifiers = modifiers(numbers.next().unwrap_or(1));
    let code = match final_byte {
        b'Z' => return (Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)), used),
        b'~' => match first {
            1 | 7 => Some(KeyCode::Home),
            2 => Some(KeyCode::Insert),
            3 => Some(KeyCode::Delete),
            4 | 8 => Some(KeyCode::End),
            5 => Some(KeyCode::PageUp),
            6 => Some(KeyCode::PageDown),
            n @ 11..=15 => Some(KeyCode::F(n - 10)),
            n @ 17..=21 => Some(KeyCode::F(n - 11)),
            n @ 23..=24 => Some(KeyCode::F(n - 12)),
            _ => None,
        },
        c => ss3(c),
    };
    (code.map(|code| key(code, modifiers)), used)
}

/// xterm's modifier parameter: 1 + a bit each for Shift, Alt and Control.
fn modifiers(parameter: u8) -> KeyModifiers {
    let bits = parameter.saturating_sub(1);
    let mut modifiers = KeyModifiers::NONE;
    if bits & 1 != 0 {
        modifiers |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        modifiers |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        modifiers |= KeyModifiers::CONTROL;
    }
    modifiers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, modifiers: KeyModifiers) -> Event {
        key(code, modifiers)
    }

    #[test]
    fn text_and_an_input_methods_burst_keep_their_order() {
        // Telex "đồng" as an IME sends it: backspaces then the composed letters.
        let events = parse("đô\x7f\x7fĐồng".as_bytes());
        let none = KeyModifiers::NONE;
        assert_eq!(
            events,
            vec![
                k(KeyCode::Char('đ'), none),
                k(KeyCode::Char('ô'), none),
                k(KeyCode::Backspace, none),
                k(KeyCode::Backspace, none),
                k(KeyCode::Char('Đ'), KeyModifiers::SHIFT),
                k(KeyCode::Char('ồ'), none),
                k(KeyCode::Char('n'), none),
                k(KeyCode::Char('g'), none),
            ]
        );
    }

    #[test]
    fn control_alt_cursor_editing_and_function_keys() {
        let none = KeyModifiers::NONE;
        let bytes = b"\r\t\x06\x1bx\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1b[6~\x1b[15~\x1b[Z\x1b";
        assert_eq!(
            parse(bytes),
            vec![
                k(KeyCode::Enter, none),
                k(KeyCode::Tab, none),
                k(KeyCode::Char('f'), KeyModifiers::CONTROL),
                k(KeyCode::Char('x'), KeyModifiers::ALT),
                k(KeyCode::Up, none),
                k(KeyCode::Down, none),
                k(KeyCode::Right, KeyModifiers::CONTROL),
                k(KeyCode::Delete, none),
                k(KeyCode::PageDown, none),
                k(KeyCode::F(5), none),
                k(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::Esc, none),
            ]
        );
    }

    #[test]
    fn a_bracketed_paste_is_one_event() {
        let bytes = "a\x1b[200~Hà Nội\r\nmùa thu\x1b[201~b".as_bytes();
        assert_eq!(
            parse(bytes),
            vec![
                k(KeyCode::Char('a'), KeyModifiers::NONE),
                Event::Paste("Hà Nội\r\nmùa thu".into()),
                k(KeyCode::Char('b'), KeyModifiers::NONE),
            ]
        );
    }

    #[test]
    fn broken_bytes_are_dropped_not_fatal() {
        assert_eq!(
            parse(b"\xff\xc3a"),
            vec![k(KeyCode::Char('a'), KeyModifiers::NONE)]
        );
    }
}
