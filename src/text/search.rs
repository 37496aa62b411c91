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

/// The words of a query as typed (NFC, lowercase) and folded, in pairs. Words split where
/// `search_words` splits them, so both lists line up.
pub fn query_words(s: &str) -> Vec<(String, String)> {
    word_spans(&super::nfc(s))
        .into_iter()
        .filter_map(|w| {
            let folded = fold(w);
            (!folded.is_empty() && folded.chars().all(char::is_alphanumeric))
                .then(|| (w.to_lowercase(), folded))
        })
        .collect()
}

/// The words of `s` (letters, digits and the marks on them), as slices of it.
fn word_spans(s: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let in_word = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                words.push(&s[from..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push(&s[from..]);
    }
    words
}

/// The terms of a query that were typed with accents: each phrase's words (lowercase,
/// NFC), and whether its last word is still being typed (a prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exact {
    pub phrases: Vec<(Vec<String>, bool)>,
}

impl Exact {
    /// One line per phrase, a trailing `*` for a prefix: how the query reaches the SQL
    /// function that ranks by it.
    pub fn to_pattern(&self) -> String {
        let lines: Vec<String> = self
            .phrases
            .iter()
            .map(|(words, prefix)| format!("{}{}", words.join(" "), if *prefix { "*" } else { "" }))
            .collect();
        lines.join("\n")
    }

    pub fn from_pattern(pattern: &str) -> Exact {
        let phrases = pattern
            .lines()
            .map(|line| {
                let prefix = line.ends_with('*');
                let words = line.trim_end_matches('*').split(' ').map(str::to_owned).collect();
                (words, prefix)
            })
            .collect();
        Exact { phrases }
    }

    /// Whether `original` holds every phrase with the accents typed (case aside), its
    /// words next to each other.
    pub fn is_in(&self, original: &str) -> bool {
        // Most texts lack a word in any case: a plain substring search says so without
        // splitting the text into words.
        let present = |w: &String| spellings(w).iter().any(|s| original.contains(s.as_str()));
        if !self.phrases.iter().flat_map(|(p, _)| p).all(present) {
            return false;
        }
        // One-word phrases (nearly every query) need only a found spelling that stands as
        // a word: splitting a whole article into lowercase words costs a hundred times more,
        // and the ranking asks it of up to a window of articles per search.
        if self.phrases.iter().all(|(p, _)| p.len() == 1) {
            return self
                .phrases
                .iter()
                .all(|(p, prefix)| stands_alone(original, &p[0], *prefix));
        }
        let words: Vec<String> = word_spans(&super::nfc(original))
            .into_iter()
            .map(str::to_lowercase)
            .collect();
        self.phrases.iter().all(|(phrase, prefix)| {
            let n = phrase.len();
            n > 0
                && words.windows(n).any(|at| {
                    at.iter().zip(phrase).enumerate().all(|(i, (w, p))| {
                        if *prefix && i + 1 == n {
                            w.starts_with(p.as_str())
                        } else {
                            w == p
                        }
                    })
                })
        })
    }
}

/// Whether `word` (lowercase) stands in `text` as a word of its own, or begins one when
/// `prefix`: written as typed, Capitalised or in CAPITALS, as newsrooms write words.
fn stands_alone(text: &str, word: &str, prefix: bool) -> bool {
    let in_word = |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
    spellings(word).iter().any(|spelling| {
        text.match_indices(spelling.as_str()).any(|(at, found)| {
            let before = text[..at].chars().next_back();
            let after = text[at + found.len()..].chars().next();
            !before.is_some_and(in_word) && (prefix || !after.is_some_and(in_word))
        })
    })
}

/// The ways a newsroom writes a lowercase word: as typed, Capitalised, and in CAPITALS.
fn spellings(word: &str) -> [String; 3] {
    let mut chars = word.chars();
    let capital: String = chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect();
    [word.to_owned(), capital, word.to_uppercase()]
}

/// A short piece of text around the first match, with where the matches are in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// Sanitised, on one line: safe to draw or print.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub marks: Vec<(usize, usize)>,
}

impl Snippet {
    /// The snippet cut to `width` columns: from its first match when the text before it
    /// would push the match out of sight.
    pub fn fit(&self, width: usize) -> Snippet {
        use unicode_width::UnicodeWidthStr;
        let (text, shift) = match self.marks.first() {
            // Past half the width, the match starts a few words in, with room after it.
            Some(&(a, _)) if self.text[..a].width() > width / 2 => {
                let lead = width / 4;
                let from = self.text[..a]
                    .char_indices()
                    .rev()
                    .take(lead)
                    .filter(|(_, c)| *c == ' ')
                    .last()
                    .map_or(a, |(i, _)| i + 1);
                (
                    format!("…{}", &self.text[from..]),
                    "…".len() as isize - from as isize,
                )
            }
            _ => (self.text.clone(), 0),
        };
        let cut = super::truncate_to_width(&text, width);
        // A cut text ends in an ellipsis that is no part of any match.
        let kept = if cut == text {
            cut.len()
        } else {
            cut.len().saturating_sub("…".len())
        };
        let marks = self
            .marks
            .iter()
            .filter_map(|&(a, b)| {
                let (a, b) = ((a as isize + shift) as usize, (b as isize + shift) as usize);
                (b <= kept && a < b).then_some((a, b))
            })
            .collect();
        Snippet { text: cut, marks }
    }
}

/// How far before the first match a snippet starts, in characters.
const SNIPPET_BEFORE: usize = 30;

/// A snippet of `original` of about `chars` characters: from a few words before the first
/// match of `words` (or from the start when nothing matches), on one line, sanitised.
pub fn snippet(original: &str, words: &[String], prefix_last: bool, chars: usize) -> Snippet {
    // Only the words up to the first match are folded, and only a window around it is
    // cleaned: a 10,000-word body costs what its first paragraph does.
    let at = first_match(original, words, prefix_last).unwrap_or(0);
    let from = floor_char(original, at.saturating_sub(SNIPPET_BEFORE * 4 + 8));
    let to = floor_char(original, (at + chars * 4 + 8).min(original.len()));
    let clean = super::sanitize_line(&original[from..to]).text;
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let first = match_ranges(&clean, words, prefix_last)
        .first()
        .map_or(0, |r| r.0);
    // Back up to a word start no more than SNIPPET_BEFORE characters before the match.
    let mut start = first;
    for (i, c) in clean[..first].char_indices().rev().take(SNIPPET_BEFORE) {
        if c == ' ' {
            start = i + 1;
        }
    }
    if from == 0 && clean[..first].chars().count() <= SNIPPET_BEFORE {
        start = 0;
    }
    let end = clean[start..]
        .char_indices()
        .nth(chars)
        .map_or(clean.len(), |(i, _)| start + i);
    let mut text = String::new();
    if start > 0 || from > 0 {
        text.push('…');
    }
    let shift = text.len();
    text.push_str(&clean[start..end]);
    if end < clean.len() || to < original.len() {
        text.push('…');
    }
    let marks = match_ranges(&clean[start..end], words, prefix_last)
        .into_iter()
        .map(|(a, b)| (a + shift, b + shift))
        .collect();
    Snippet { text, marks }
}

/// Where the first word matching `words` starts in `original`.
fn first_match(original: &str, words: &[String], prefix_last: bool) -> Option<usize> {
    let mut start = None;
    let hit = |w: &str| {
        let folded = fold(w);
        words.iter().enumerate().any(|(i, q)| {
            folded == *q || (prefix_last && i + 1 == words.len() && folded.starts_with(q.as_str()))
        })
    };
    for (i, c) in original.char_indices() {
        let in_word = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if hit(&original[s..i]) {
                    return Some(s);
                }
                start = None;
            }
            _ => {}
        }
    }
    start.filter(|&s| hit(&original[s..]))
}

/// The nearest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, query words typed, found with exact accents?)
    #[test]
    fn exact_accents_table() {
        let table = [
            ("Đồng chí Bí thư", "Đồng chí", true),
            ("đồng chí bí thư", "Đồng CHÍ", true),
            ("xây dựng cộng đồng", "Đồng chí", false),
            ("đông chí", "Đồng chí", false),
            ("chính quyền đồng", "đồng chí", false),
            ("Chiều nay, đồng chí về", "đồng chí", true),
            ("Tây Hồ", "Tây", true),
            ("Tây Hồ", "Tay", false),
            // One word: found only where it stands alone, in any of the cases writers use.
            ("chính quyền", "chí", false),
            ("Ý CHÍ, niềm tin", "chí", true),
            ("tạp chí.", "chí", true),
            ("chíx chí", "chí", true),
            ("Đồngchí", "đồng", false),
        ];
        for (text, typed, want) in table {
            let words: Vec<String> = query_words(typed).into_iter().map(|(t, _)| t).collect();
            let exact = Exact {
                phrases: vec![(words, false)],
            };
            assert_eq!(exact.is_in(text), want, "{typed:?} in {text:?}");
        }
        let typing = Exact::from_pattern("đồng ch*");
        assert!(typing.is_in("Đồng chí"));
        assert_eq!(typing.to_pattern(), "đồng ch*");
        let begun = Exact::from_pattern("chí*");
        assert!(begun.is_in("Chính quyền"));
        assert!(!begun.is_in("xchính"));
    }

    #[test]
    fn snippets_start_near_the_first_match_and_mark_it() {
        let body = "Sáng nay, tại hội trường quận, hội nghị tổng kết năm được tổ chức. Đồng chí Bí thư phát biểu về Tây Hồ\u{1b}[2J và nhiều việc khác nữa trong năm tới.";
        let s = snippet(body, &search_words("dong chi"), false, 40);
        assert!(s.text.starts_with('…'), "{}", s.text);
        assert!(s.text.ends_with('…'), "{}", s.text);
        assert!(!s.text.contains('\u{1b}'), "sanitised: {}", s.text);
        let marked: Vec<&str> = s.marks.iter().map(|(a, b)| &s.text[*a..*b]).collect();
        assert_eq!(marked, ["Đồng", "chí"]);
        let narrow = s.fit(12);
        assert!(narrow.text.starts_with("…Đồng"), "{}", narrow.text);
        let marked: Vec<&str> = narrow.marks.iter().map(|(a, b)| &narrow.text[*a..*b]).collect();
        assert_eq!(marked, ["Đồng", "chí"], "{}", narrow.text);
        let start = snippet("Tây Hồ\nmưa", &search_words("xyz"), false, 40);
        assert_eq!((start.text.as_str(), start.marks.len()), ("Tây Hồ mưa", 0));
    }

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
