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
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    // NFC first, so that mark counting sees Vietnamese letters as single chars.
    let text = nfc(s);
    let (text, had_escapes) = strip_escape_sequences(&text);
    let (text, had_unsafe_chars) = drop_unsafe_chars(&text);
    // A removal can put a base and its marks back together ("o ESC[0m \u{302}"),
    // so the result may no longer be NFC. Nothing removed: still NFC.
    let text = if had_escapes || had_unsafe_chars {
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
        had_controls: had_escapes || had_unsafe_chars || had_mark_stacks,
    }
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
/// maps Unicode line separators to '\n'. Returns whether anything changed.
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
            _ => out.push(c),
        }
    }
    (out, changed)
}

/// Characters that reorder text (Trojan Source) or hide text. ZWJ (U+200D) and
/// variation selectors are not here: emoji need them.
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
    )
}

// ---------------------------------------------------------------------------
// Step 5: combining-mark stacks

/// Keeps at most `MAX_MARKS_PER_BASE` marks after each base character, and
/// collapses runs of ZWJ. A ZWJ does not start a new base: otherwise
/// "e ◌́◌́ ZWJ ◌́◌́ ZWJ …" would still build one unbounded grapheme.
fn cap_combining_marks(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut removed = false;
    let mut marks = 0;
    let mut last_kept = None;
    for c in s.chars() {
        let keep = if is_combining_mark(c) {
            marks += 1;
            marks <= MAX_MARKS_PER_BASE
        } else if c == ZWJ {
            last_kept != Some(ZWJ)
        } else {
            marks = 0;
            true
        };
        if keep {
            out.push(c);
            last_kept = Some(c);
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
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    fn check(cases: &[(&str, &str, bool)], f: fn(&str) -> Sanitized) {
        for &(input, text, flagged) in cases {
            let got = f(input);
            assert_eq!(got.text, text, "text for {input:?}");
            assert_eq!(got.had_controls, flagged, "had_controls for {input:?}");
        }
    }

    #[test]
    fn sanitize_escape_sequences() {
        check(
            &[
                (
                    "Bình luận: \u{1b}]52;c;cm0gLXJmIH4=\u{7} hay quá",
                    "Bình luận:  hay quá",
                    true,
                ),
                ("x\u{9b}31mđỏ\u{9b}0m", "xđỏ", true),
                ("unterminated OSC \u{1b}]0;never ends", "unterminated OSC ", true),
                ("\u{1b}[2J\u{1b}[H", "", true),
                ("\u{1b}Pq#0;2\u{1b}\\ok", "ok", true),
                ("before\u{1b}[6nafter", "beforeafter", true),
                ("a\u{1b}[?2026hb", "ab", true),
                // OSC 8 hyperlink with ST terminators: the link text stays.
                (
                    "a\u{1b}]8;;http://x.test\u{1b}\\link\u{1b}]8;;\u{1b}\\b",
                    "alinkb",
                    true,
                ),
                ("a\u{9d}0;title\u{9c}b", "ab", true),
                ("a\u{9d}52;c;?\u{7}b", "ab", true),
                ("ok\u{90}1$r unterminated DCS", "ok", true),
                // BEL ends an OSC but not a DCS.
                ("a\u{1b}Px\u{7}y\u{1b}\\b", "ab", true),
                (
                    "a\u{1b}Xs\u{1b}\\b\u{1b}^p\u{1b}\\c\u{1b}_a\u{1b}\\d",
                    "abcd",
                    true,
                ),
                ("a\u{98}s\u{9c}b\u{9e}p\u{9c}c\u{9f}a\u{9c}d", "abcd", true),
                ("a\u{1b}cb", "ab", true),
                ("a\u{1b}(Bb", "ab", true),
                ("a\u{1b}#8b", "ab", true),
                ("a\u{1b}", "a", true),
                ("a\u{1b}\u{1b}[31mb", "ab", true),
                // Malformed CSI ends at the first char that cannot belong to it.
                ("\u{1b}[31đỏ", "đỏ", true),
                ("\u{1b}[31\nx", "\nx", true),
                // Removing the escape rejoins base and marks; output is NFC.
                ("Ho\u{1b}[0m\u{302}\u{300}", "Hồ", true),
            ],
            sanitize,
        );
    }

    #[test]
    fn sanitize_controls_and_line_breaks() {
        check(
            &[
                ("tab\there\r\nline2\u{2028}line3", "tab here\nline2\nline3", true),
                ("tab\there\r\nline2", "tab here\nline2", false),
                ("a\r\r\nb", "a\nb", false),
                ("approved\rrejected", "approvedrejected", true),
                ("a\u{7}b\u{8}c\u{0}d\u{1a}e", "abcde", true),
                ("a\u{7f}b", "ab", true),
                ("a\u{80}b\u{9c}c\u{9a}d", "abcd", true),
                ("a\u{85}b\u{2029}c", "a\nb\nc", true),
            ],
            sanitize,
        );
    }

    #[test]
    fn sanitize_bidi_invisibles_and_marks() {
        let zalgo_split = format!("e{}", "\u{301}\u{200b}".repeat(20));
        let zwj_run = format!("a{}b", "\u{200d}".repeat(50));
        let marks_between_zwj = format!("e{}", "\u{301}\u{301}\u{200d}".repeat(10));
        check(
            &[
                ("admin\u{202e}nimda\u{202c}", "adminnimda", true),
                ("a\u{2066}b\u{2069}\u{200e}\u{200f}\u{61c}c", "abc", true),
                (
                    "a\u{200b}b\u{feff}c\u{ad}d\u{2060}e\u{180e}f\u{2064}g",
                    "abcdefg",
                    true,
                ),
                ("flag\u{e0001}\u{e0041}\u{e0042}\u{e007f}!", "flag!", true),
                ("NFD: Ho\u{302}\u{300} Đo\u{302}\u{300}ng", "NFD: Hồ Đồng", false),
                (
                    "👨\u{200d}👩\u{200d}👧 gia đình",
                    "👨\u{200d}👩\u{200d}👧 gia đình",
                    false,
                ),
                (
                    "❤\u{fe0f} 1\u{fe0f}\u{20e3} 👍🏽",
                    "❤\u{fe0f} 1\u{fe0f}\u{20e3} 👍🏽",
                    false,
                ),
                (&zalgo_split, "é\u{301}\u{301}", true),
                (&zwj_run, "a\u{200d}b", true),
                (&marks_between_zwj, "é\u{301}\u{200d}\u{301}\u{200d}", true),
            ],
            sanitize,
        );
    }

    #[test]
    fn zalgo_stack_is_capped() {
        let zalgo = format!("e{}", "\u{301}".repeat(40));
        let got = sanitize(&zalgo);
        assert!(got.had_controls);
        // NFC makes "e" + U+0301 into "é"; then at most 2 marks remain on it.
        assert_eq!(got.text, "é\u{301}\u{301}");
        let marks = got.text.chars().filter(|&c| is_combining_mark(c)).count();
        assert!(marks <= MAX_MARKS_PER_BASE);
    }

    #[test]
    fn plain_vietnamese_is_untouched() {
        let inputs = [
            "Tây Hồ tổng kết “Dân vận khéo” 2016 - 2020",
            "Đồng chí Nguyễn Văn A phát biểu.\nCảm ơn quý độc giả!",
            "những người ĐẶNG Thị Ngọc Thịnh – 100%",
            "",
        ];
        for input in inputs {
            assert_eq!(
                sanitize(input),
                Sanitized {
                    text: input.to_owned(),
                    had_controls: false
                }
            );
        }
    }

    #[test]
    fn tabs_expand_to_stops_of_four() {
        check(
            &[
                ("\tx", "    x", false),
                ("ab\tx", "ab  x", false),
                ("abcd\tx", "abcd    x", false),
                ("Hồ\tx", "Hồ  x", false),
                ("中\tx", "中  x", false),
                ("a\tb\tc", "a   b   c", false),
                ("a\n\tb", "a\n    b", false),
            ],
            sanitize,
        );
    }

    #[test]
    fn sanitize_line_joins_lines() {
        check(
            &[
                ("a\nb", "a b", false),
                ("a\r\nb", "a b", false),
                ("a\u{2029}b", "a b", true),
                ("name\u{1b}[2J\n", "name ", true),
                // The tab stop counts the joined line: "ab cd" is 5 columns.
                ("ab\ncd\tx", "ab cd   x", false),
                ("Nguyễn Văn A", "Nguyễn Văn A", false),
            ],
            sanitize_line,
        );
    }

    /// Inputs that try every trick at once; used for the output properties.
    fn hostile_inputs() -> Vec<String> {
        let mut inputs: Vec<String> = [
            "Bình luận: \u{1b}]52;c;cm0gLXJmIH4=\u{7} hay quá",
            "x\u{9b}31mđỏ\u{9b}0m",
            "unterminated OSC \u{1b}]0;never ends",
            "admin\u{202e}nimda\u{202c}",
            "\u{1b}[2J\u{1b}[H\u{1b}[6n",
            "\u{1b}Pq#0;2\u{1b}\\ok\u{90}",
            "a\u{1b}\u{9b}\u{9d}\u{90}\u{98}\u{9e}\u{9f}",
            "\u{1b}[\u{1b}]\u{7}\u{1b}\\\u{1b}",
            "c0: \u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{b}\u{c}\u{e}\u{f}",
            "c0: \u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1c}\u{1d}\u{1e}\u{1f}",
            "del and c1: \u{7f}\u{80}\u{81}\u{8d}\u{8e}\u{8f}\u{91}\u{9a}\u{9c}",
            "lines\r\n\r\u{85}\u{2028}\u{2029}\t\tend",
            "bidi \u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}",
            "invisible \u{200b}\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}\u{feff}\u{ad}\u{180e}",
            "tags \u{e0001}\u{e0020}\u{e0041}\u{e007e}\u{e007f}",
            "\u{1b}[31m\u{301}\u{301}\u{301}\u{301} marks without base",
            "Ho\u{302}\u{1b}[0m\u{300}\u{300}\u{300}\u{300}",
            "\u{1b}[1;1H\u{1b}[2K✔ Đã duyệt\u{1b}[8m hidden",
            "CSI in OSC \u{1b}]0;\u{1b}[31m\u{9c}after",
            "\u{1b}(0lqqk\u{1b}(B \u{1b}#8 \u{1b}c",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        inputs.push(format!("e{}", "\u{301}".repeat(40)));
        inputs.push(format!("z{}", "\u{200d}\u{301}\u{301}\u{301}".repeat(30)));
        inputs
    }

    fn is_forbidden_anywhere(c: char) -> bool {
        ('\u{7f}'..='\u{9f}').contains(&c)
            || is_bidi_or_invisible(c)
            || matches!(c, '\u{2028}' | '\u{2029}' | '\t' | '\r')
    }

    fn max_mark_run(s: &str) -> usize {
        let (mut run, mut max) = (0, 0);
        for c in s.chars() {
            if is_combining_mark(c) {
                run += 1;
                max = max.max(run);
            } else if c != ZWJ {
                run = 0;
            }
        }
        max
    }

    #[test]
    fn hostile_output_properties() {
        for input in hostile_inputs() {
            let multi = sanitize(&input);
            let single = sanitize_line(&input);
            assert!(multi.had_controls, "{input:?} not flagged");
            assert!(single.had_controls, "{input:?} not flagged (line)");
            for c in multi.text.chars() {
                assert!(c == '\n' || c >= ' ', "{c:?} in sanitize({input:?})");
                assert!(!is_forbidden_anywhere(c), "{c:?} in sanitize({input:?})");
            }
            for c in single.text.chars() {
                assert!(c >= ' ', "{c:?} in sanitize_line({input:?})");
                assert!(!is_forbidden_anywhere(c), "{c:?} in sanitize_line({input:?})");
            }
            for out in [&multi.text, &single.text] {
                assert!(is_nfc(out), "{out:?} is not NFC");
                assert!(max_mark_run(out) <= MAX_MARKS_PER_BASE, "{out:?}");
                // Sanitising is idempotent: clean output is left alone.
                assert_eq!(sanitize(out).text, **out);
                assert!(!sanitize(out).had_controls, "{out:?} re-flagged");
            }
            assert_eq!(
                sanitize_line(&single.text),
                Sanitized {
                    text: single.text.clone(),
                    had_controls: false,
                }
            );
        }
    }

    #[test]
    fn truncate_cases() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let cases: &[(&str, usize, &str)] = &[
            ("Hồ Chí Minh", 20, "Hồ Chí Minh"),
            ("Hồ Chí Minh", 11, "Hồ Chí Minh"), // exact fit is not cut
            ("Hồ Chí Minh", 10, "Hồ Chí Mi…"),
            ("Nguyễn Thị Thu Hương", 8, "Nguyễn …"),
            ("中文字符", 8, "中文字符"),
            ("中文字符", 7, "中文字…"),
            ("中文字符", 6, "中文…"), // a wide char never half-fits
            ("中a", 2, "…"),
            ("abc", 1, "…"),
            ("abc", 0, ""),
            ("", 0, ""),
            ("Ho\u{302}\u{300}ng", 3, "Ho\u{302}\u{300}…"), // marks stay with their base
            ("👨\u{200d}👩\u{200d}👧abc", 3, "👨\u{200d}👩\u{200d}👧…"),
            ("👍🏽👍🏽", 3, "👍🏽…"),
            ("🇻🇳🇻🇳", 3, "🇻🇳…"),
            ("🇻🇳🇻🇳", 2, "…"), // never half a flag
        ];
        assert_eq!(family.width(), 2, "unicode-width treats ZWJ families as one");
        for &(input, max, want) in cases {
            let got = truncate_to_width(input, max);
            assert_eq!(got, want, "truncate_to_width({input:?}, {max})");
        }
    }

    #[test]
    fn truncate_never_exceeds_width() {
        let inputs = [
            "Tây Hồ tổng kết “Dân vận khéo” 2016 - 2020",
            "中文字符と日本語の文章",
            "👨\u{200d}👩\u{200d}👧 gia đình ❤\u{fe0f} 👍🏽 🇻🇳🇻🇳🇻",
            "é\u{301}\u{301} e\u{301} 1\u{fe0f}\u{20e3}",
        ];
        for input in inputs {
            for max in 0..=input.width() + 1 {
                let got = truncate_to_width(input, max);
                assert!(got.width() <= max, "{got:?} wider than {max}");
                assert!(input.starts_with(got.trim_end_matches('…')));
            }
        }
    }
}
