//! Search keys: the words of a text as search compares them, and where a query's words
//! sit in the original, accented text (for highlighting).

use super::fold;

/// The folded words of `s`: what the index holds and what a query is made of. Anything
/// that is not a letter or a digit separates words, as SQLite's tokenizer does, so
/// `Tây-Hồ` gives `tay`, `ho`.
pub fn search_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Byte ranges of the words of `original` that match `words` (folded), the last of them
/// as a prefix when `prefix_last`. The ranges index the original text, accents and all.
pub fn match_ranges(original: &str, words: &[String], prefix_last: bool) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = None;
    let mut push = |from: usize, to: usize| {
        let folded = fold(&original[from..to]);
        let hit = words.iter().enumerate().any(|(i, w)| {
            folded == *w || (prefix_last && i + 1 == words.len() && folded.starts_with(w.as_str()))
        });
        if hit {
            ranges.push((from, to));
        }
    };
    for (i, c) in original.char_indices() {
        let in_word = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, original.len());
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_split() {
        assert_eq!(
            search_words("Tây-Hồ \"NOT\" Đồng chí"),
            ["tay", "ho", "not", "dong", "chi"]
        );
        assert!(search_words("  \"-- ").is_empty());
    }

    #[test]
    fn ranges_point_into_the_accented_original() {
        let text = "Đồng chí Nguyễn về Tây Hồ; đồng chí khác";
        let words = search_words("dong ch");
        let got: Vec<&str> = match_ranges(text, &words, true)
            .iter()
            .map(|(a, b)| &text[*a..*b])
            .collect();
        assert_eq!(got, ["Đồng", "chí", "đồng", "chí"]);
        let exact: Vec<&str> = match_ranges(text, &search_words("ho"), false)
            .iter()
            .map(|(a, b)| &text[*a..*b])
            .collect();
        assert_eq!(exact, ["Hồ"]);
    }
}
