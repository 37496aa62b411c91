//! TEMPORARY stub; replaced by the text module.
use unicode_normalization::UnicodeNormalization;
pub fn nfc(s: &str) -> String { s.nfc().collect() }
pub fn normalize_input(s: &str) -> String { nfc(&s.replace("\r\n", "\n").replace('\r', "\n")) }
pub fn fold(s: &str) -> String { s.to_lowercase() }
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized { pub text: String, pub had_controls: bool }
pub fn sanitize(s: &str) -> Sanitized { Sanitized { text: s.chars().filter(|c| !c.is_control() || *c == '\n').collect(), had_controls: false } }
pub fn sanitize_line(s: &str) -> Sanitized { Sanitized { text: s.chars().filter(|c| !c.is_control()).collect(), had_controls: false } }
pub fn slugify(s: &str) -> String { s.to_lowercase().replace(' ', "-") }
pub fn truncate_to_width(s: &str, max: usize) -> String { s.chars().take(max).collect() }
