//! Patched for Newsroom: where a soft-wrapped line may end, by the Unicode line breaking
//! rules (UAX #14, through `unicode-linebreak`).
//!
//! The one interface is [`pieces`]: the line cut at its break opportunities. A piece is the
//! text that must stay on one line, then the spaces after it. Those spaces may hang past the
//! right edge, so a wrapped line never starts with the blank that separated it from the
//! line above. UAX #14 keeps a full stop with the word before it (even after a space), and
//! an opening quote `“` with the word after it.

use unicode_linebreak::linebreaks;

/// Initial punctuation (Pi) of the quotes Vietnamese and English text use.
const OPENING_QUOTES: &[char] = &['“', '‘', '«', '‹'];

/// One unbreakable run of a line, as byte offsets: `start..text_end` is the text, and
/// `text_end..end` the whitespace after it (empty at the end of a line or before a break
/// that needs no space, such as after a hyphen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub text_end: usize,
    pub end: usize,
}

/// The line cut at every place UAX #14 allows a break. Covers the whole line, in order.
pub(crate) fn pieces(line: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (at, _) in linebreaks(line) {
        if at == start {
            continue;
        }
        let piece = &line[start..at];
        let text = piece.trim_end_matches(char::is_whitespace);
        // Unicode 15.1's LB15a, which this crate's tables predate: no break after an
        // opening quote, even when a space was typed after it.
        if text.ends_with(OPENING_QUOTES) {
            continue;
        }
        let text_end = start + text.len();
        out.push(Piece {
            start,
            text_end,
            end: at,
        });
        start = at;
    }
    if start < line.len() {
        let text_end = start + line[start..].trim_end_matches(char::is_whitespace).len();
        out.push(Piece {
            start,
            text_end,
            end: line.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<(&str, &str)> {
        pieces(line)
            .into_iter()
            .map(|p| (&line[p.start..p.text_end], &line[p.text_end..p.end]))
            .collect()
    }

    #[test]
    fn spaces_follow_the_text_they_end() {
        assert_eq!(texts("Hà  Nội"), vec![("Hà", "  "), ("Nội", "")]);
    }

    #[test]
    fn a_full_stop_and_an_opening_quote_stay_with_their_words() {
        assert_eq!(texts("nhi . “Vì"), vec![("nhi .", " "), ("“Vì", "")]);
    }
}
