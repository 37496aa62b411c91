//! Tags: what a name may be, its slug, and which tags are internal.
//!
//! A tag is known by its slug: `Dân vận`, `dân vận` and `Dan van` are one tag. A name that
//! starts with `#` is internal (`#chờ ảnh`): staff see it, the site never publishes it, and
//! its slug starts with `_`, which no public slug can, so `#Đô thị` and `Đô thị` stay two tags.

use super::DomainError;
use crate::text;

/// Longest tag name, in characters: a tag is a word or two, not a headline.
pub const MAX_TAG_CHARS: usize = 60;

/// Marks an internal tag's name.
const INTERNAL_MARK: char = '#';
/// Starts an internal tag's slug; `slugify` never makes it.
const INTERNAL_SLUG_MARK: char = '_';

/// A tag as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub internal: bool,
}

impl Tag {
    /// A tag from what someone typed: NFC, trimmed, inner runs of spaces made one.
    ///
    /// Refused: an empty name, a long one, a comma (the editor's tags field separates tags
    /// with commas), control or invisible characters, and a name without a letter or a
    /// digit in it (its slug would be empty).
    pub fn parse(typed: &str) -> Result<Tag, DomainError> {
        let name = text::nfc(typed).split_whitespace().collect::<Vec<_>>().join(" ");
        let bad = |why: &'static str| DomainError::BadTag {
            name: name.clone(),
            why,
        };
        let internal = name.starts_with(INTERNAL_MARK);
        let words = name.trim_start_matches(INTERNAL_MARK).trim();
        if words.is_empty() {
            return Err(DomainError::Empty { field: "tag" });
        }
        let len = name.chars().count();
        if len > MAX_TAG_CHARS {
            return Err(DomainError::TooLong {
                field: "tag",
                len,
                max: MAX_TAG_CHARS,
            });
        }
        if name.contains(',') {
            return Err(bad("has a comma: give each tag on its own"));
        }
        if name.chars().any(text::is_unsafe_char) {
            return Err(bad("has control or invisible characters: type it plainly"));
        }
        let key = search_key(words);
        if key.is_empty() {
            return Err(bad("has no letter or digit: name it with words"));
        }
        let slug = if internal {
            format!("{INTERNAL_SLUG_MARK}{key}")
        } else {
            key
        };
        Ok(Tag { name, slug, internal })
    }

    /// Whether a stored name is an internal tag's.
    pub fn is_internal_name(name: &str) -> bool {
        name.starts_with(INTERNAL_MARK)
    }
}

/// What typed text is matched by against slugs: `dan van`, `Dân-vận` and `#dân v` give
/// `dan-van`, `dan-van` and `dan-v`. Empty when nothing in it can match.
pub fn search_key(typed: &str) -> String {
    let words = typed.trim().trim_start_matches(INTERNAL_MARK);
    if !text::fold(words).chars().any(|c| c.is_ascii_alphanumeric()) {
        return String::new();
    }
    text::slugify(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_to_ascii_and_internal_tags_keep_apart() {
        let cases = [
            ("Dân vận", "Dân vận", "dan-van", false),
            ("Đô thị", "Đô thị", "do-thi", false),
            ("  đường   Láng ", "đường Láng", "duong-lang", false),
            ("Ðà Nẵng", "Ðà Nẵng", "da-nang", false),
            ("#Đô thị", "#Đô thị", "_do-thi", true),
            ("# chờ ảnh", "# chờ ảnh", "_cho-anh", true),
            ("COVID-19", "COVID-19", "covid-19", false),
            ("Ho\u{302}\u{300} Tây", "Hồ Tây", "ho-tay", false),
        ];
        for (typed, name, slug, internal) in cases {
            let tag = Tag::parse(typed).unwrap();
            assert_eq!(
                (tag.name.as_str(), tag.slug.as_str(), tag.internal),
                (name, slug, internal),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn bad_names_are_refused_with_a_reason() {
        let long = "a".repeat(MAX_TAG_CHARS + 1);
        for bad in [
            "",
            "   ",
            "#",
            "# ",
            "!!!",
            "北京",
            "a,b",
            "x\u{1b}[31m",
            "x\u{202e}y",
            &long,
        ] {
            assert!(Tag::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let exact = "b".repeat(MAX_TAG_CHARS);
        assert!(Tag::parse(&exact).is_ok());
    }

    #[test]
    fn search_keys_match_without_diacritics() {
        assert_eq!(search_key("dan van"), "dan-van");
        assert_eq!(search_key("Dân V"), "dan-v");
        assert_eq!(search_key("#đô"), "do");
        assert_eq!(search_key("  "), "");
        assert_eq!(search_key("!?"), "");
    }
}
