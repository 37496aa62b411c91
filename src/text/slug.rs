//! ASCII URL slugs from Vietnamese titles.

use super::fold::fold;

/// Longest slug in bytes; keeps URLs and file names manageable.
const MAX_SLUG_BYTES: usize = 80;

/// Used when a title has no ASCII letters or digits at all ("bài viết" = "article").
const FALLBACK_SLUG: &str = "bai-viet";

/// ASCII slug from a title: fold, keep [a-z0-9], runs of anything else -> one '-',
/// trimmed, at most 80 bytes (cut at a '-' boundary when possible, never ending
/// in '-'). Empty result -> "bai-viet".
pub fn slugify(s: &str) -> String {
    let mut slug = dash_separated_words(&fold(s));
    cut_to_limit(&mut slug);
    if slug.is_empty() {
        return FALLBACK_SLUG.to_owned();
    }
    slug
}

/// Joins the `[a-z0-9]` runs with single dashes, so the result never starts
/// or ends with '-' and never contains "--".
fn dash_separated_words(folded: &str) -> String {
    folded
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Shortens `slug` (pure ASCII) to `MAX_SLUG_BYTES`, preferring to drop whole
/// words so the slug does not end in a fragment.
fn cut_to_limit(slug: &mut String) {
    if slug.len() <= MAX_SLUG_BYTES {
        return;
    }
    // Looking one byte past the limit lets a word that ends exactly at the
    // limit survive: its following '-' is then the cut point.
    let window = slug.get(..=MAX_SLUG_BYTES).unwrap_or(slug.as_str());
    let cut = match window.rfind('-') {
        Some(dash) => dash,
        // One word longer than the limit: a hard cut is the only option.
        None => MAX_SLUG_BYTES,
    };
    slug.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_cases() {
        let cases = [
            (
                "Tây Hồ tổng kết “Dân vận khéo” 2016 - 2020",
                "tay-ho-tong-ket-dan-van-kheo-2016-2020",
            ),
            ("Đường Láng", "duong-lang"),
            ("!!!", "bai-viet"),
            ("", "bai-viet"),
            ("   ", "bai-viet"),
            ("北京", "bai-viet"),
            ("--Hà Nội--", "ha-noi"),
            ("Giá xăng tăng 5%: ai chịu?", "gia-xang-tang-5-ai-chiu"),
            ("ĐẶNG Thị", "dang-thi"),
            ("a\u{1b}[31mb", "a-31mb"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "slugify({input:?})");
        }
    }

    #[test]
    fn long_titles_are_cut_at_word_boundaries() {
        let long_title = "Phóng sự điều tra đặc biệt ".repeat(8); // ~200 chars
        let hard_word = "a".repeat(200);
        let exact = format!("{}-{}", "b".repeat(40), "c".repeat(39)); // 80 bytes
        let word_ends_at_limit = format!("{} {}", exact, "tail");
        let inputs = [
            long_title.as_str(),
            hard_word.as_str(),
            exact.as_str(),
            word_ends_at_limit.as_str(),
        ];
        for input in inputs {
            let slug = slugify(input);
            assert!(slug.len() <= MAX_SLUG_BYTES, "{slug:?} too long");
            assert!(!slug.ends_with('-'), "{slug:?} ends with '-'");
            assert!(!slug.starts_with('-'), "{slug:?} starts with '-'");
            assert!(!slug.is_empty());
        }
        assert!(long_title.chars().count() >= 200);
        // Three copies of the 26-byte "phong-su-dieu-tra-dac-biet" plus two
        // dashes are exactly 80 bytes, so the cut keeps whole words.
        assert_eq!(slugify(&long_title), ["phong-su-dieu-tra-dac-biet"; 3].join("-"));
        assert_eq!(slugify(&hard_word), "a".repeat(80));
        assert_eq!(slugify(&exact), exact);
        assert_eq!(slugify(&word_ends_at_limit), exact);
    }

    #[test]
    fn slugs_are_plain_ascii() {
        let inputs = ["Ứng dụng “AI” 🤖 tại Đà Nẵng", "Ð ð đ Đ", "x\u{202e}y"];
        for input in inputs {
            let slug = slugify(input);
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{slug:?}"
            );
        }
    }
}
