//! Asking the terminal which pictures it draws, once the first frame is on screen.
//!
//! The question (kitty graphics, the device attributes that list sixel, the cell size in
//! pixels) ends with a status report every terminal answers. Until that answer, or the
//! time limit, stdin is read here directly: the answers go to ratatui-image's parser,
//! everything else is keys typed meanwhile, handed back in order for the event loop.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};

use super::keys;

/// What the terminal said, and the keys that came in before it finished.
pub struct Asked {
    /// None when the terminal did not answer in time: pictures stay half-blocks.
    pub picker: Option<Picker>,
    pub keys: Vec<Event>,
    /// The question went out and the terminal did not show it knew kitty's part of it. A
    /// terminal that does not parse APC strings (the Linux console, some serial and web
    /// terminals) prints that part as text over the frame, so the screen is drawn again.
    pub may_have_printed: bool,
}

/// Terminals whose `TERM` says they print an APC string as text instead of ignoring it, and
/// are not asked: the Linux and BSD consoles, real DEC terminals, and `dumb`.
pub fn takes_the_question(term: Option<&str>) -> bool {
    let Some(term) = term.filter(|t| !t.is_empty()) else {
        return false;
    };
    let prints_apc = ["linux", "dumb", "cons25", "ansi", "sun"].contains(&term)
        || ["vt1", "vt2", "vt3", "vt4", "vt5", "wsvt", "cons"]
            .iter()
            .any(|p| term.starts_with(p));
    !prints_apc
}

/// Terminals whose `TERM` says they ignore an APC string they do not know, as ECMA-48 asks:
/// nothing of the question can have reached their screen, so it is not drawn again.
pub fn ignores_apc(term: Option<&str>) -> bool {
    const KNOWN: [&str; 14] = [
        "xterm",
        "screen",
        "tmux",
        "foot",
        "alacritty",
        "wezterm",
        "kitty",
        "rxvt",
        "st-",
        "konsole",
        "gnome",
        "vte",
        "contour",
        "ghostty",
    ];
    term.is_some_and(|t| t == "st" || KNOWN.iter().any(|k| t.starts_with(k)))
}

/// Sends the question and reads until the status report or `limit`.
pub fn ask(limit: Duration) -> Asked {
    let nothing = || Asked {
        picker: None,
        keys: Vec::new(),
        may_have_printed: false,
    };
    if !takes_the_question(std::env::var("TERM").ok().as_deref()) {
        return nothing();
    }
    let is_tmux = std::env::var("TMUX").is_ok_and(|v| !v.is_empty());
    let mut options = QueryStdioOptions {
        timeout: limit,
        ..QueryStdioOptions::default()
    };
    // As ratatui-image does: these two draw kitty's and sixel's pictures wrongly.
    let env_set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty());
    if env_set("WEZTERM_EXECUTABLE") || env_set("KONSOLE_VERSION") {
        options.blacklist_protocols = vec![ProtocolType::Kitty, ProtocolType::Sixel];
    }
    let mut out = io::stdout();
    let question = Parser::query(is_tmux, options);
    if out
        .write_all(question.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return nothing();
    }
    let mut split = Split::default();
    let deadline = Instant::now() + limit;
    while !split.answered {
        match read_some(deadline) {
            Some(bytes) => split.push(&bytes),
            None => break,
        }
    }
    let mut asked = split.finish();
    asked.may_have_printed &= !ignores_apc(std::env::var("TERM").ok().as_deref());
    asked
}

/// Whatever stdin has before `deadline`; None when time is up or stdin is closed.
fn read_some(deadline: Instant) -> Option<Vec<u8>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    loop {
        let left = Timespec::try_from(deadline.saturating_duration_since(Instant::now())).ok()?;
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&left)) {
            Ok(0) => return None,
            Ok(_) => break,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return None,
        }
    }
    let mut buf = [0u8; 1024];
    match rustix::io::read(&stdin, &mut buf) {
        Ok(0) | Err(_) => None,
        Ok(n) => Some(buf[..n].to_vec()),
    }
}

/// Separates the terminal's answers from typed keys in one byte stream.
#[derive(Default)]
struct Split {
    parser: Option<Parser>,
    responses: Vec<Response>,
    keys: Vec<u8>,
    /// An escape sequence not yet complete (it may end in the next read).
    pending: Vec<u8>,
    answered: bool,
}

impl Split {
    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.pending.is_empty() {
                if b == 0x1b {
                    self.pending.push(b);
                } else {
                    self.keys.push(b);
                }
                continue;
            }
            self.pending.push(b);
            match answer_or_key(&self.pending) {
                Sequence::Open => {}
                Sequence::Key => self.keys.append(&mut self.pending),
                Sequence::Answer => {
                    let answer = std::mem::take(&mut self.pending);
                    self.answer(&answer);
                }
            }
        }
    }

    fn answer(&mut self, bytes: &[u8]) {
        let parser = self.parser.get_or_insert_with(Parser::new);
        for c in String::from_utf8_lossy(bytes).chars() {
            for response in parser.push(c) {
                self.answered |= response == Response::Status;
                self.responses.push(response);
            }
        }
    }

    fn finish(mut self) -> Asked {
        // A sequence cut off by the time limit was typed: the terminal's are whole.
        self.keys.append(&mut self.pending);
        let keys = keys::parse(&self.keys);
        let picker = self.answered.then(|| picker(&self.responses));
        let may_have_printed = !self.responses.contains(&Response::Kitty);
        Asked {
            picker,
            keys,
            may_have_printed,
        }
    }
}

enum Sequence {
    Open,
    Key,
    Answer,
}

/// Answers are APC (kitty), OSC, DCS, and CSI ending in `c` (attributes), `t` (cell size)
/// or `n` (status); every other escape sequence is a key.
fn answer_or_key(seq: &[u8]) -> Sequence {
    let string_end = |s: &[u8]| s.ends_with(b"\x1b\\") || s.ends_with(b"\x07");
    match seq {
        [_] => Sequence::Open,
        [_, b'_' | b']' | b'P', rest @ ..] => {
            if string_end(rest) {
                Sequence::Answer
            } else {
                Sequence::Open
            }
        }
        [_, b'[', rest @ ..] => match rest.last() {
            None => Sequence::Open,
            Some(b'c' | b't' | b'n') => Sequence::Answer,
            Some(0x40..=0x7e) => Sequence::Key,
            Some(_) => Sequence::Open,
        },
        [_, b'O'] => Sequence::Open,
        _ => Sequence::Key,
    }
}

/// The picture protocol the answers allow, best first: kitty, sixel, then what the
/// environment suggests (iTerm2, tmux's outer terminal), else half-blocks.
fn picker(responses: &[Response]) -> Picker {
    let cell = responses.iter().find_map(|r| match r {
        Response::CellSize(Some((w, h))) => Some((*w, *h)),
        _ => None,
    });
    let Some((width, height)) = cell else {
        return Picker::halfblocks();
    };
    #[allow(deprecated)] // the documented way to build a picker from a known cell size
    let mut picker = Picker::from_fontsize(ratatui_image::FontSize::new(width, height));
    if responses.contains(&Response::Kitty) {
        picker.set_protocol_type(ProtocolType::Kitty);
    } else if responses.contains(&Response::Sixel) {
        picker.set_protocol_type(ProtocolType::Sixel);
    }
    picker
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consoles_that_print_the_question_are_not_asked() {
        for term in [
            "linux", "dumb", "vt100", "vt220", "cons25", "wsvt25", "ansi", "sun",
        ] {
            assert!(!takes_the_question(Some(term)), "{term}");
        }
        assert!(!takes_the_question(None) && !takes_the_question(Some("")));
        for term in [
            "xterm-256color",
            "xterm-kitty",
            "foot",
            "tmux-256color",
            "screen",
            "wezterm",
            "alacritty",
        ] {
            assert!(takes_the_question(Some(term)), "{term}");
        }
    }

    #[test]
    fn terminals_known_to_ignore_apc_are_not_drawn_again() {
        for term in [
            "xterm-256color",
            "screen.xterm-256color",
            "tmux-256color",
            "foot",
            "st",
            "st-256color",
        ] {
            assert!(ignores_apc(Some(term)), "{term}");
        }
        for term in ["linux", "vt220", "unknown", "stterm-but-not", ""] {
            assert!(!ignores_apc(Some(term)), "{term}");
        }
        assert!(!ignores_apc(None));
    }

    #[test]
    fn a_terminal_that_knows_kitty_graphics_printed_nothing_of_the_question() {
        let mut kitty = Split::default();
        kitty.push(b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4c\x1b[0n");
        assert!(!kitty.finish().may_have_printed);
        let mut console = Split::default();
        console.push(b"\x1b[?6c\x1b[0n");
        let asked = console.finish();
        assert!(asked.picker.is_some() && asked.may_have_printed);
    }

    #[test]
    fn keys_between_and_around_answers_are_kept_in_order() {
        let mut split = Split::default();
        split.push("h\x1b_Gi=31;OK\x1b\\à\x1b[?62;4c\x1b[A".as_bytes());
        split.push(b"\x1b[6;20;10");
        split.push("t n\x1b[0n".as_bytes());
        assert!(split.answered);
        let asked = split.finish();
        assert_eq!(asked.keys, keys::parse("hà\x1b[A n".as_bytes()));
        let picker = asked.picker.map(|p| p.protocol_type());
        assert_eq!(picker, Some(ProtocolType::Kitty));
    }

    #[test]
    fn no_answer_leaves_the_keys_and_no_picker() {
        let mut split = Split::default();
        split.push("Đồng chí\x1b".as_bytes());
        let asked = split.finish();
        assert!(asked.picker.is_none());
        assert_eq!(asked.keys, keys::parse("Đồng chí\x1b".as_bytes()));
    }
}
