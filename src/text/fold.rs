//! Normalisation (NFC, newlines) and the accent-insensitive search key.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalise text (every input boundary calls this before storing).
pub fn nfc(s: &str) -> String {
    // Almost all input (typed with precomposed IMEs) is already NFC; the quick
    // check lets us skip the full normalisation pass for it.
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// NFC and newline normalisation: CRLF and lone CR become LF.
pub fn normalize_input(s: &str) -> String {
    nfc(&normalize_newlines(s))
}

fn normalize_newlines(s: &str) -> String {
    // Replace CRLF first so that the pair becomes one LF, not two.
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Search key: NFD, drop combining marks, map đ/Đ/ð/Ð to d, lowercase.
/// "Đồng CHÍ" -> "dong chi", "Tây Hồ" -> "tay ho".
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|&c| !is_combining_mark(c))
        .map(fold_stroked_d)
        .flat_map(char::to_lowercase)
        .collect()
}

/// "d with stroke" has no canonical decomposition, so NFD leaves it alone and
/// it needs an explicit mapping. Eth (Ð/ð) is its look-alike in text converted
/// from legacy Vietnamese encodings.
fn fold_stroked_d(c: char) -> char {
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => 'd',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn fold_cases() {
        let cases = [
            ("Đồng chí", "dong chi"),
            ("Đồng CHÍ", "dong chi"),
            ("TÂY HỒ", "tay ho"),
            ("Tây Hồ", "tay ho"),
            ("Nguyễn", "nguyen"),
            ("ð", "d"),
            ("Ð", "d"),
            ("ĐẶNG Thị Ngọc Thịnh", "dang thi ngoc thinh"),
            ("những người", "nhung nguoi"),
            ("ư ơ ă â ê ô", "u o a a e o"),
            ("", ""),
            ("abc 123", "abc 123"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn fold_ignores_normalisation_form() {
        let inputs = ["Đồng chí", "Hồ Chí Minh", "tiếng Việt", "ắ ặ ẫ ự ợ"];
        for input in inputs {
            let nfd: String = input.nfd().collect();
            assert_ne!(nfd, input, "test input should not already be NFD");
            assert_eq!(fold(&nfd), fold(input), "fold of NFD {input:?}");
        }
    }

    #[test]
    fn nfc_cases() {
        let cases = [
            ("Ho\u{302}\u{300}", "Hồ"),
            ("Đo\u{302}\u{300}ng", "Đồng"),
            ("a\u{306}\u{301}", "ắ"),
            ("Hồ", "Hồ"),
            ("", ""),
        ];
        for (input, want) in cases {
            let got = nfc(input);
            assert_eq!(got, want, "nfc({input:?})");
            assert!(is_nfc(&got));
        }
    }

    #[test]
    fn normalize_input_cases() {
        let cases = [
            ("a\r\nb", "a\nb"),
            ("a\rb", "a\nb"),
            ("a\r\r\nb", "a\n\nb"),
            ("a\n\rb", "a\n\nb"),
            ("trailing\r", "trailing\n"),
            ("Ho\u{302}\u{300}\r\n", "Hồ\n"),
            ("no change", "no change"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_input(input), want, "normalize_input({input:?})");
        }
    }
}
