//! Terminal-safe display text for untrusted strings, and width-aware truncation.
//!
//! Reader comments, author names and titles can carry escape sequences (OSC 52
//! clipboard writes, CSI repaints that fake the moderation UI, report-back
//! queries that type into our stdin), bidi overrides, invisible characters and
//! Zalgo stacks. ratatui drops only the control bytes themselves, leaving the
//! rest of a sequence on screen, and some output paths are not filtered at all,
//! so every untrusted string goes through [`sanitize`] or [`sanitize_line`]
//! before it is drawn.
//!
//! Tabs expand to the next multiple of [`TAB_STOP`] columns, counted from the
//! start of the line (after line breaks became spaces, for [`sanitize_line`]),
//! so pasted tab-separated tables stay aligned.

use std::iter::Peekable;
use std::str::Chars;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, is_nfc_quick};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::emoji::emoji_as_parts;
use super::fold::nfc;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// The 8-bit String Terminator.
const ST_C1: char = '\u{9c}';
const ZWJ: char = '\u{200d}';

/// Vietnamese in NFC needs no combining marks; 2 leaves room for other
/// scripts and emoji keycaps while stopping Zalgo stacks, which overflow
/// their cell and have crashed terminals (CVE-2021-27135).
const MAX_MARKS_PER_BASE: usize = 2;

/// Tab stops every this many columns.
const TAB_STOP: usize = 4;

const ELLIPSIS: &str = "…";

/// Text safe to draw on a terminal, with a flag saying whether anything hostile was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized {
    /// NFC text without escape sequences, controls (except '\n' from
    /// [`sanitize`]), tabs, bidi controls, invisibles or mark stacks.
    pub text: String,
    /// Something hostile was removed: show moderators a "contains control
    /// codes" badge. Not set for NFC recomposition, CRLF or tabs.
    pub had_controls: bool,
}

/// Multi-line sanitising (keeps '\n'): for comment bodies.
pub fn sanitize(s: &str) -> Sanitized {
    sanitize_with(s, LineBreaks::Keep)
}

/// Single-line sanitising: like sanitize, but every line break becomes one space.
/// For names, titles, list rows.
pub fn sanitize_line(s: &str) -> Sanitized {
    sanitize_with(s, LineBreaks::ToSpace)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineBreaks {
    Keep,
    ToSpace,
}

fn sanitize_with(s: &str, line_breaks: LineBreaks) -> Sanitized {
    if is_plain(s) {
        let text = match line_breaks {
            LineBreaks::Keep => s.to_owned(),
            LineBreaks::ToSpace => s.replace('\n', " "),
        };
        return Sanitized {
            text,
            had_controls: false,
        };
    }
    sanitize_in_steps(s, line_breaks)
}

fn sanitize_in_steps(s: &str, line_breaks: LineBreaks) -> Sanitized {
    // NFC first, so that mark counting sees Vietnamese letters as single chars.
    let text = nfc(s);
    let (text, had_escapes) = strip_escape_sequences(&text);
    let (text, had_unsafe_chars) = drop_unsafe_chars(&text);
    let (text, split_emoji, had_stray_joiners) = emoji_as_parts(&text);
    // A removal can put a base and its marks back together ("o ESC[0m \u{302}"),
    // so the result may no longer be NFC. Nothing removed: still NFC.
    let text = if had_escapes || had_unsafe_chars || split_emoji {
        nfc(&text)
    } else {
        text
    };
    let (text, had_mark_stacks) = cap_combining_marks(&text);
    let text = match line_breaks {
        LineBreaks::Keep => text,
        LineBreaks::ToSpace => text.replace('\n', " "),
    };
    Sanitized {
        text: expand_tabs(&text),
        had_controls: had_escapes || had_unsafe_chars || had_stray_joiners || had_mark_stacks,
    }
}

/// Text that every step of [`sanitize_with`] would leave as it is: NFC, and nothing but
/// printable ASCII, line breaks, and characters none of the steps removes, replaces or
/// counts (controls, bidi and invisible characters, private use, joiners, emoji selectors
/// and skin tones, combining marks). Nearly all Vietnamese names, titles and comments are
/// such text, and one look at each character is far cheaper than the six passes, each
/// building a new string: listing 50 comments spent most of its own time here.
fn is_plain(s: &str) -> bool {
    let chars_plain = s.chars().all(|c| match c {
        ' '..='~' | '\n' => true,
        // Tabs (expanded), CR, the other C0 controls and DEL (removed) are all controls,
        // so `is_unsafe_char` turns them away here.
        _ => {
            !(is_unsafe_char(c)
                || is_combining_mark(c)
                || c == '\u{fe0f}'
                || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c))
        }
    });
    chars_plain && is_nfc_quick(s.chars()) == IsNormalized::Yes
}

// ---------------------------------------------------------------------------
// Step 2: escape sequences

/// Removes whole escape sequences (7-bit and 8-bit forms), so no parameter
/// junk is left visible. Returns the text and whether anything was removed.
fn strip_escape_sequences(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut removed = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_after_esc(&mut chars),
            '\u{9b}' => skip_csi_body(&mut chars),
            '\u{9d}' => skip_string_body(&mut chars, StringKind::Osc),
            '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_string_body(&mut chars, StringKind::DcsSosPmApc);
            }
            _ => {
                out.push(c);
                continue;
            }
        }
        removed = true;
    }
    (out, removed)
}

/// Which terminators end a string sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StringKind {
    /// OSC: BEL or ST (xterm accepts BEL here, so attackers use it).
    Osc,
    /// DCS, SOS, PM, APC: ST only.
    DcsSosPmApc,
}

fn skip_after_esc(chars: &mut Peekable<Chars<'_>>) {
    let kind = match chars.peek() {
        Some('[') => None,
        Some(']') => Some(StringKind::Osc),
        Some('P' | 'X' | '^' | '_') => Some(StringKind::DcsSosPmApc),
        _ => return skip_short_escape(chars),
    };
    chars.next();
    match kind {
        None => skip_csi_body(chars),
        Some(kind) => skip_string_body(chars, kind),
    }
}

/// CSI: parameter and intermediate bytes (0x20–0x3F), then one final byte
/// (0x40–0x7E). Anything else ends a malformed sequence without being eaten,
/// so the next char is judged on its own (a control is dropped later, an ESC
/// starts a new sequence, a letter stays visible).
fn skip_csi_body(chars: &mut Peekable<Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{20}'..='\u{3f}' => {
                chars.next();
            }
            '\u{40}'..='\u{7e}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// OSC, DCS, SOS, PM and APC bodies run to their terminator. Unterminated, the
/// terminal would swallow everything after it, so we drop to the end as well.
fn skip_string_body(chars: &mut Peekable<Chars<'_>>, kind: StringKind) {
    while let Some(c) = chars.next() {
        match c {
            BEL if kind == StringKind::Osc => return,
            ST_C1 => return,
            ESC if chars.peek() == Some(&'\\') => {
                chars.next();
                return;
            }
            _ => {}
        }
    }
}

/// Any other escape: `ESC x` (e.g. `ESC c`, full reset), optionally with
/// intermediate bytes first (`ESC ( B`, `ESC # 8`). A non-ASCII or control
/// char after ESC is not part of a sequence, so it is left for later steps.
fn skip_short_escape(chars: &mut Peekable<Chars<'_>>) {
    while chars.next_if(|c| ('\u{20}'..='\u{2f}').contains(c)).is_some() {}
    chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
}

// ---------------------------------------------------------------------------
// Steps 3 and 4: remaining controls, bidi and invisible characters

/// Drops C0 (except '\n', '\t'), CR, DEL, C1, bidi controls and invisibles;
/// shows private-use characters and noncharacters as '�'; maps Unicode line
/// separators to '\n'. Returns whether anything changed.
fn drop_unsafe_chars(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            // CR before LF is just a Windows line ending ("\r\r\n" also occurs
            // in double-converted text). A lone CR can overprint a line, e.g.
            // "approved\rrejected", so that one counts.
            '\r' => changed |= !matches!(chars.peek(), Some('\r' | '\n')),
            '\u{2028}' | '\u{2029}' | '\u{85}' => {
                out.push('\n');
                changed = true;
            }
            // `is_control` is Unicode Cc: C0, DEL and C1.
            _ if c.is_control() || is_bidi_or_invisible(c) => changed = true,
            _ if is_private_or_noncharacter(c) => {
                out.push(char::REPLACEMENT_CHARACTER);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    (out, changed)
}

/// Characters [`sanitize`] removes or replaces wherever they stand: what text
/// printed for scripts (JSON) must escape so a terminal never acts on them.
/// Emoji selectors and modifiers are not among them: drawn or not, they are harmless.
pub fn is_unsafe_char(c: char) -> bool {
    !is_common_letter(c) && is_unsafe_uncommon(c)
}

/// Printable ASCII, and the Latin, Greek, Cyrillic, Hebrew and Vietnamese letters and marks
/// up to U+060B and from U+1E00 to U+1FFF: none of them is unsafe, and they are nearly all
/// the text a newsroom prints, so they are let through before the longer tests.
fn is_common_letter(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{c0}'..='\u{60b}' | '\u{1e00}'..='\u{1fff}')
}

fn is_unsafe_uncommon(c: char) -> bool {
    c.is_control()
        || is_bidi_or_invisible(c)
        || is_private_or_noncharacter(c)
        || matches!(c, '\u{200c}' | '\u{200d}' | '\u{2028}' | '\u{2029}')
}

/// Characters that reorder text (Trojan Source) or hide text. Joiners (ZWJ,
/// ZWNJ) are judged with their neighbours in [`emoji_as_parts`].
fn is_bidi_or_invisible(c: char) -> bool {
    matches!(
        c,
        // Bidi embeddings, overrides, isolates and marks.
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{61c}'
            // Zero-width space, word joiner and invisible operators, BOM,
            // soft hyphen, Mongolian vowel separator.
            | '\u{200b}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{180e}'
            // Deprecated format controls and interlinear annotation marks:
            // invisible, and no use in a newsroom.
            | '\u{206a}'..='\u{206f}'
            | '\u{fff9}'..='\u{fffb}'
            // Tag characters: invisible text.
            | '\u{e0000}'..='\u{e007f}'
            // Hangul fillers: blank, yet some terminals give them two columns;
            // a name made of them looks empty.
            | '\u{115f}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{ffa0}'
    )
}

/// Private-use characters mean nothing agreed (a font's icon, or nothing at
/// all), and noncharacters are never meant to be interchanged; terminals draw
/// them as anything from nothing to two columns. Shown as '�' so a moderator
/// sees that something was there.
fn is_private_or_noncharacter(c: char) -> bool {
    let code = u32::from(c);
    matches!(c,
        '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}'
        | '\u{fdd0}'..='\u{fdef}')
        // U+FFFE and U+FFFF, and their like at the end of every plane.
        || code & 0xfffe == 0xfffe
}

// ---------------------------------------------------------------------------
// Step 5: combining-mark stacks

/// Keeps at most `MAX_MARKS_PER_BASE` marks after each base character. Joiners
/// are gone by now (see [`emoji_as_parts`]), so "e ◌́◌́ ZWJ ◌́◌́ ZWJ …" cannot
/// build one unbounded grapheme either.
fn cap_combining_marks(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut removed = false;
    let mut marks = 0;
    for c in s.chars() {
        let keep = if is_combining_mark(c) {
            marks += 1;
            marks <= MAX_MARKS_PER_BASE
        } else {
            marks = 0;
            true
        };
        if keep {
            out.push(c);
        } else {
            removed = true;
        }
    }
    (out, removed)
}

// ---------------------------------------------------------------------------
// Tabs

/// ratatui drops tabs instead of expanding them, so expand them here, to the
/// next multiple of `TAB_STOP` display columns within the line.
fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + TAB_STOP);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for (j, segment) in line.split('\t').enumerate() {
            if j > 0 {
                let pad = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
            }
            out.push_str(segment);
            column += segment.width();
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Truncation

/// Cut to at most `max` terminal columns (unicode-width), appending '…' when
/// cut. Works on already-sanitised single-line text.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let Some(budget) = max.checked_sub(ELLIPSIS.width()) else {
        return String::new(); // not even the ellipsis fits
    };
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut used = 0;
    for unit in display_units(s) {
        let width = unit.width();
        if used + width > budget {
            break;
        }
        out.push_str(unit);
        used += width;
    }
    out.push_str(ELLIPSIS);
    out
}

/// Splits `s` into units that must not be separated: a character plus the
/// zero-width marks and selectors after it, ZWJ-joined characters, emoji
/// skin-tone modifiers and flag pairs. Cutting inside one would leave a stray
/// accent or a broken emoji, and unicode-width measures such sequences as a
/// whole (a lone flag half counts 1 column but many terminals draw 2).
fn display_units(s: &str) -> Vec<&str> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut prev = None;
    let mut half_flag = false;
    for (i, c) in s.char_indices() {
        let completes_flag = half_flag && is_regional_indicator(c);
        if i > start && !completes_flag && !joins_previous(c, prev) {
            units.push(&s[start..i]);
            start = i;
        }
        half_flag = is_regional_indicator(c) && !completes_flag;
        prev = Some(c);
    }
    if start < s.len() {
        units.push(&s[start..]);
    }
    units
}

fn joins_previous(c: char, prev: Option<char>) -> bool {
    let zero_width = c.width() == Some(0);
    let skin_tone = ('\u{1f3fb}'..='\u{1f3ff}').contains(&c);
    zero_width || skin_tone || prev == Some(ZWJ)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
