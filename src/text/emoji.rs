//! Emoji sequences drawn as their parts, so every terminal puts them in the same cells.
//!
//! Terminals agree on the width of a single code point (wcwidth) but not on sequences: a
//! ZWJ family 👨‍👩‍👧 is 2 columns in kitty or WezTerm, 6 in xterm, VTE and tmux; a skin tone
//! 👍🏽 is 2 or 4; ❤️ with its emoji selector is 1 or 2. ratatui measures a whole grapheme
//! with unicode-width (2 for all three), so wherever the terminal disagrees, the cursor ends
//! up elsewhere than ratatui thinks and cells it never rewrites keep fragments of old rows.
//! Measuring "the way terminals draw them" cannot be right for every terminal, so the
//! sequence is taken apart: no ZWJ between emoji, no emoji presentation selector (U+FE0F),
//! no skin-tone modifier after an emoji. 👨‍👩‍👧 is drawn as 👨👩👧, 👍🏽 as 👍 and ❤️ as ❤,
//! each grapheme as wide as its one code point, in every terminal. The stored text keeps
//! the sequence; only what is drawn changes, so none of this is flagged.
//!
//! A ZWJ or ZWNJ anywhere else joins nothing a moderator needs to see and can hide text
//! from a word filter, so it is removed and flagged.
//!
//! Pure: `&str` in, `String` out.

const ZWJ: char = '\u{200d}';
const ZWNJ: char = '\u{200c}';
/// Variation selector 16: "draw the previous character as an emoji".
const EMOJI_PRESENTATION: char = '\u{fe0f}';

/// Removes ZWJ, ZWNJ, emoji presentation selectors and skin-tone modifiers after an emoji.
/// Returns the text, whether anything was removed, and whether something outside an
/// emoji sequence was (a joiner that joins no emoji: worth flagging).
pub(super) fn emoji_as_parts(s: &str) -> (String, bool, bool) {
    let mut out = String::with_capacity(s.len());
    let (mut changed, mut hidden) = (false, false);
    let mut chars = s.chars().peekable();
    // The last character kept: what a joiner or modifier attaches to.
    let mut last: Option<char> = None;
    while let Some(c) = chars.next() {
        let drop = match c {
            EMOJI_PRESENTATION => true,
            ZWJ => {
                let next = chars.peek().copied();
                let joins_emoji = last.is_some_and(is_pictographic) && next.is_some_and(is_pictographic);
                hidden |= !joins_emoji;
                true
            }
            ZWNJ => {
                hidden = true;
                true
            }
            _ if is_skin_tone(c) => last.is_some_and(is_pictographic),
            _ => false,
        };
        if drop {
            changed = true;
        } else {
            out.push(c);
            last = Some(c);
        }
    }
    (out, changed, hidden)
}

/// Fitzpatrick modifiers. After an emoji they make one grapheme that terminals measure
/// differently; anywhere else they are a plain wide colour swatch.
fn is_skin_tone(c: char) -> bool {
    ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// Emoji that take part in ZWJ sequences: Unicode's Extended_Pictographic, by block. A few
/// non-emoji symbols in the same blocks count too, which only means a joiner between two of
/// them is dropped without a flag.
pub(super) fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{a9}' | '\u{ae}' | '\u{203c}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{2199}' | '\u{21a9}'..='\u{21aa}'
        | '\u{231a}'..='\u{231b}' | '\u{2328}' | '\u{2388}' | '\u{23cf}'
        | '\u{23e9}'..='\u{23f3}' | '\u{23f8}'..='\u{23fa}' | '\u{24c2}'
        | '\u{25aa}'..='\u{25ab}' | '\u{25b6}' | '\u{25c0}' | '\u{25fb}'..='\u{25fe}'
        // Miscellaneous Symbols and Dingbats: ☠ ♀ ♂ ⚕ ⚖ ✈ ❄ ❤ in ZWJ sequences.
        | '\u{2600}'..='\u{27bf}'
        | '\u{2934}'..='\u{2935}' | '\u{2b05}'..='\u{2b07}' | '\u{2b1b}'..='\u{2b1c}'
        | '\u{2b50}' | '\u{2b55}' | '\u{3030}' | '\u{303d}' | '\u{3297}' | '\u{3299}'
        // Regional indicators (flags) and skin tones are emoji components, not emoji.
        | '\u{1f000}'..='\u{1f1e5}' | '\u{1f200}'..='\u{1f3fa}' | '\u{1f400}'..='\u{1faff}'
        | '\u{1fc00}'..='\u{1fffd}'
    )
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    use super::*;

    #[test]
    fn sequences_become_their_parts() {
        let cases: &[(&str, &str, bool)] = &[
            ("👨\u{200d}👩\u{200d}👧", "👨👩👧", false),
            ("🏳\u{fe0f}\u{200d}🌈", "🏳🌈", false),
            ("🧑\u{200d}💻 code", "🧑💻 code", false),
            ("🏴\u{200d}☠\u{fe0f}", "🏴☠", false),
            ("👩🏽\u{200d}⚕\u{fe0f}", "👩⚕", false),
            ("❤\u{fe0f} 👍🏽 1\u{fe0f}\u{20e3}", "❤ 👍 1\u{20e3}", false),
            // A swatch on its own, or after a letter, is measured as terminals draw it.
            ("a🏽 🏽", "a🏽 🏽", false),
            ("🇻🇳", "🇻🇳", false),
            ("Hồ Chí Minh", "Hồ Chí Minh", false),
            // Joiners that join no emoji hide text from word filters: flagged.
            ("sp\u{200d}am", "spam", true),
            ("sp\u{200c}am", "spam", true),
            ("👨\u{200d}", "👨", true),
            ("\u{200d}👩", "👩", true),
            ("👨\u{200d}a", "👨a", true),
            ("👨\u{200d}\u{200d}👩", "👨👩", true),
        ];
        for &(input, want, hidden) in cases {
            let (got, changed, flagged) = emoji_as_parts(input);
            assert_eq!(got, want, "{input:?}");
            assert_eq!(changed, input != want, "changed for {input:?}");
            assert_eq!(flagged, hidden, "flag for {input:?}");
        }
    }

    /// What makes the drawing terminal-proof: ratatui's width of every grapheme equals the
    /// sum of its code points' widths, which is what every terminal advances by.
    #[test]
    fn every_grapheme_is_as_wide_as_its_code_points() {
        let inputs = [
            "👨\u{200d}👩\u{200d}👧\u{200d}👦 gia đình",
            "🏳\u{fe0f}\u{200d}🌈 🏳\u{fe0f}\u{200d}⚧\u{fe0f}",
            "👍🏽👍🏻 ❤\u{fe0f}\u{200d}🔥 🐻\u{200d}❄\u{fe0f}",
            "👩🏽\u{200d}🤝\u{200d}👨🏿 1\u{fe0f}\u{20e3} ☺\u{fe0f}",
        ];
        for input in inputs {
            let (out, _, _) = emoji_as_parts(input);
            for g in out.graphemes(true) {
                let sum: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
                assert_eq!(g.width(), sum, "{g:?} in {out:?}");
            }
        }
    }
}
