//! Word-level diff between two versions of an article (autosave vs saved text, revision vs
//! current text), for showing reporters what changed.
//!
//! Text is split into tokens: words, runs of whitespace, and single punctuation marks.
//! - A word is a run of letters/digits with any combining marks attached, so Vietnamese
//!   syllables are whole units (`đồng` vs `đông` is one changed word), even if a string
//!   slipped through un-normalised (NFD).
//! - `.`, `-` and apostrophes between letters/digits stay inside the word (`TP.HCM`,
//!   `COVID-19`), and so do `,`, `:` and `/` between digits (`1.500,5`, `10:30`, `2/9`),
//!   so a changed figure is one changed word.
//! - Punctuation is its own token, so adding a comma after `Nội` shows only the comma.
//! - Emoji sequences (ZWJ, skin tones, flags) stay together.
//!
//! Tokens are compared exactly: callers pass NFC text (every input boundary normalises).
//! The diff is the patience algorithm from `similar` with a time budget, so a pathological
//! pair of inputs degrades to a coarser (still correct) diff instead of freezing the UI.

use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};
use unicode_normalization::char::is_combining_mark;

/// Time budget for the diff algorithm. Ordinary edits of a 10,000-word article take a
/// few milliseconds; only pathological inputs get near this, and then `similar` stops
/// searching and reports the rest as removed + added.
const DIFF_TIMEOUT: Duration = Duration::from_millis(100);

/// Marker for unchanged text left out by [`condense`].
const ELLIPSIS: &str = "…";

/// What a piece of text is in a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
}

/// A run of text with one kind of change. Whitespace is kept, so concatenating the Same and
/// Removed parts gives the old text and the Same and Added parts give the new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

/// Counts for a one-line summary ("+12 −3 words").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffStats {
    pub added_words: usize,
    pub removed_words: usize,
}

/// Word-level diff of `old` → `new`. Consecutive parts of the same kind are merged.
///
/// Parts are never empty. Identical inputs give a single Same part (none if both are
/// empty). Within one changed stretch the Removed part comes before the Added part, and
/// single spaces between changed words are folded into the change, so "Hà Nội" →
/// "TP Hồ Chí Minh" reads as one replacement rather than alternating fragments. Line
/// breaks are never folded in, so changes in different paragraphs stay separate.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffPart> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![DiffPart {
                change: Change::Same,
                text: old.to_owned(),
            }]
        };
    }
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DIFF_TIMEOUT)
        .diff_slices(&old_tokens, &new_tokens);
    let changes: Vec<(Change, &str)> = diff
        .iter_all_changes()
        .map(|c| (change_of(c.tag()), c.value()))
        .collect();
    render(segments(&changes))
}

/// Number of words added and removed. Only tokens containing a letter or digit count as
/// words, so a punctuation-only edit gives zero counts (the parts still show it).
pub fn diff_stats(parts: &[DiffPart]) -> DiffStats {
    let mut stats = DiffStats::default();
    for part in parts {
        match part.change {
            Change::Added => stats.added_words += count_words(&part.text),
            Change::Removed => stats.removed_words += count_words(&part.text),
            Change::Same => {}
        }
    }
    stats
}

/// Only the changes with `context` words of unchanged text around each, for showing a long
/// article's changes in a small window: long unchanged stretches become one Same part "…".
/// Line breaks in kept text are preserved.
///
/// Added and Removed parts are kept whole. The "…" marker is always a part of its own
/// (so the UI can dim it); the whitespace where unchanged text was cut is kept next to the
/// marker as one space, or one line break if it contained one. A diff without changes
/// condenses to nothing.
pub fn condense(parts: &[DiffPart], context: usize) -> Vec<DiffPart> {
    let mut merged: Vec<DiffPart> = Vec::with_capacity(parts.len());
    for part in parts {
        push_text(&mut merged, part.change, &part.text);
    }
    let Some(first_change) = merged.iter().position(|p| p.change != Change::Same) else {
        return Vec::new();
    };
    let last_change = merged
        .iter()
        .rposition(|p| p.change != Change::Same)
        .unwrap_or(first_change);

    let mut out = Vec::with_capacity(merged.len() + 4);
    for (i, part) in merged.into_iter().enumerate() {
        if part.change == Change::Same {
            let after_change = i > first_change;
            let before_change = i < last_change;
            condense_same(&part.text, context, after_change, before_change, &mut out);
        } else {
            out.push(part);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Assembling the parts

/// A stretch of the token-level diff: unchanged tokens, or an edit with the tokens taken
/// from the old text and those put into the new text (each in text order).
#[derive(Debug)]
enum Segment<'a> {
    Same(Vec<&'a str>),
    Edit {
        removed: Vec<&'a str>,
        added: Vec<&'a str>,
    },
}

fn change_of(tag: ChangeTag) -> Change {
    match tag {
        ChangeTag::Equal => Change::Same,
        ChangeTag::Delete => Change::Removed,
        ChangeTag::Insert => Change::Added,
    }
}

/// Groups the token changes into segments, folding an unchanged in-line space between two
/// edits into both sides of a single edit.
fn segments<'a>(changes: &[(Change, &'a str)]) -> Vec<Segment<'a>> {
    let mut segs: Vec<Segment<'a>> = Vec::new();
    for &(change, token) in changes {
        if change == Change::Same {
            if let Some(Segment::Same(tokens)) = segs.last_mut() {
                tokens.push(token);
            } else {
                segs.push(Segment::Same(vec![token]));
            }
            continue;
        }
        absorb_gap(&mut segs);
        if !matches!(segs.last(), Some(Segment::Edit { .. })) {
            segs.push(Segment::Edit {
                removed: Vec::new(),
                added: Vec::new(),
            });
        }
        if let Some(Segment::Edit { removed, added }) = segs.last_mut() {
            if change == Change::Removed {
                removed.push(token);
            } else {
                added.push(token);
            }
        }
    }
    segs
}

/// If the segments end with edit, in-line whitespace, fold the whitespace into the edit
/// (the caller is about to continue with another edit).
fn absorb_gap(segs: &mut Vec<Segment<'_>>) {
    let gap_is_space = matches!(segs.last(), Some(Segment::Same(tokens)) if is_inline_space(tokens));
    let edit_before = segs.len() >= 2 && matches!(segs.get(segs.len() - 2), Some(Segment::Edit { .. }));
    if !(gap_is_space && edit_before) {
        return;
    }
    if let Some(Segment::Same(gap)) = segs.pop()
        && let Some(Segment::Edit { removed, added }) = segs.last_mut()
    {
        removed.extend_from_slice(&gap);
        added.extend(gap);
    }
}

fn is_inline_space(tokens: &[&str]) -> bool {
    !tokens.is_empty()
        && tokens
            .iter()
            .all(|t| t.chars().all(char::is_whitespace) && !t.chars().any(is_line_break))
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Turns segments into merged parts. Tokens an edit has at both its ends on both sides
/// (typically a folded space) are moved back out into the unchanged text.
fn render(segs: Vec<Segment<'_>>) -> Vec<DiffPart> {
    let mut out = Vec::with_capacity(segs.len() * 2);
    for seg in segs {
        match seg {
            Segment::Same(tokens) => push_tokens(&mut out, Change::Same, &tokens),
            Segment::Edit { removed, added } => {
                let prefix = removed.iter().zip(&added).take_while(|(a, b)| a == b).count();
                let (removed_rest, added_rest) = (&removed[prefix..], &added[prefix..]);
                let suffix = removed_rest
                    .iter()
                    .rev()
                    .zip(added_rest.iter().rev())
                    .take_while(|(a, b)| a == b)
                    .count();
                let removed_mid = &removed_rest[..removed_rest.len() - suffix];
                let added_mid = &added_rest[..added_rest.len() - suffix];
                push_tokens(&mut out, Change::Same, &removed[..prefix]);
                push_tokens(&mut out, Change::Removed, removed_mid);
                push_tokens(&mut out, Change::Added, added_mid);
                push_tokens(&mut out, Change::Same, &removed_rest[removed_mid.len()..]);
            }
        }
    }
    out
}

fn push_tokens(out: &mut Vec<DiffPart>, change: Change, tokens: &[&str]) {
    for token in tokens {
        push_text(out, change, token);
    }
}

/// Appends text, merging it into the last part if that has the same kind.
fn push_text(out: &mut Vec<DiffPart>, change: Change, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.change == change
    {
        last.text.push_str(text);
        return;
    }
    out.push(DiffPart {
        change,
        text: text.to_owned(),
    });
}

// ---------------------------------------------------------------------------------------
// Condensing

/// Condenses one unchanged stretch. `after_change`: a change precedes it, so its first
/// `context` words are kept; `before_change`: a change follows, so its last `context`
/// words are kept.
fn condense_same(
    text: &str,
    context: usize,
    after_change: bool,
    before_change: bool,
    out: &mut Vec<DiffPart>,
) {
    let tokens = tokenize(text);
    let words: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| is_word(t))
        .map(|(i, _)| i)
        .collect();
    let sides = usize::from(after_change) + usize::from(before_change);
    if words.len() <= context.saturating_mul(sides) {
        push_part(out, Change::Same, text.to_owned());
        return;
    }
    // At least one word is dropped. The head ends just before the first dropped word and
    // the tail starts just after the last dropped word.
    if after_change {
        let head_end = words.get(context).copied().unwrap_or(0);
        let head = tokens.get(..head_end).unwrap_or_default();
        let (core, cut) = match head.split_last() {
            Some((last, core)) if is_space(last) => (core, separator(last)),
            _ => (head, ""),
        };
        push_part(out, Change::Same, core.concat() + cut);
    }
    push_part(out, Change::Same, ELLIPSIS.to_owned());
    if before_change {
        let tail_start = words
            .len()
            .checked_sub(context + 1)
            .and_then(|i| words.get(i))
            .map_or(tokens.len(), |&i| i + 1);
        let tail = tokens.get(tail_start..).unwrap_or_default();
        let (cut, core) = match tail.split_first() {
            Some((first, core)) if is_space(first) => (separator(first), core),
            _ => ("", tail),
        };
        push_part(out, Change::Same, cut.to_owned() + &core.concat());
    }
}

/// Appends a part unless it is empty (no merging: the "…" marker stays its own part).
fn push_part(out: &mut Vec<DiffPart>, change: Change, text: String) {
    if !text.is_empty() {
        out.push(DiffPart { change, text });
    }
}

/// What is left of whitespace cut next to a "…": a line break if it held one, else a space.
fn separator(space: &str) -> &'static str {
    if space.chars().any(is_line_break) {
        "\n"
    } else {
        " "
    }
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Word,
    Symbol,
}

fn kind_of(c: char) -> Kind {
    if c.is_whitespace() {
        Kind::Space
    } else if is_word_char(c) {
        Kind::Word
    } else {
        Kind::Symbol
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that belong to the character before them: combining marks (NFD diacritics,
/// keycaps), joiners, variation selectors, emoji skin tones and tag characters.
fn is_extend(c: char) -> bool {
    is_combining_mark(c)
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}'
        )
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Whether `c`, between `prev` and `next`, keeps a word together: `TP.HCM`, `COVID-19`,
/// `1.500,5`, `10:30`, `2/9`.
fn joins_word(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    match c {
        '.' | '-' | '\'' | '’' | '\u{2011}' => prev.is_alphanumeric() && next.is_alphanumeric(),
        ',' | ':' | '/' => prev.is_numeric() && next.is_numeric(),
        _ => false,
    }
}

/// Splits text into words, whitespace runs and punctuation marks; the tokens concatenate
/// back to `s`.
fn tokenize(s: &str) -> Vec<&str> {
    let mut tokens = Vec::with_capacity(s.len() / 3 + 1);
    let mut start = 0;
    let mut current: Option<Kind> = None;
    // Last non-extending char of the current token.
    let mut prev_base: Option<char> = None;
    // The previous char glues the next one on (ZWJ, first half of a flag).
    let mut glue_next = false;
    // Regional indicators in a row, to pair them into flags.
    let mut flag_run = 0usize;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let continues = match current {
            None => false,
            Some(Kind::Space) => c.is_whitespace(),
            Some(kind) => {
                glue_next
                    || is_extend(c)
                    || (kind == Kind::Word && (is_word_char(c) || joins_word(prev_base, c, next)))
            }
        };
        if !continues {
            if i > start {
                tokens.push(&s[start..i]);
            }
            start = i;
            current = Some(kind_of(c));
            prev_base = None;
        }
        if !is_extend(c) {
            prev_base = Some(c);
        }
        flag_run = if is_regional_indicator(c) { flag_run + 1 } else { 0 };
        glue_next = c == '\u{200D}'
            || (flag_run % 2 == 1 && next.is_some_and(is_regional_indicator) && current != Some(Kind::Space));
    }
    if start < s.len() {
        tokens.push(&s[start..]);
    }
    tokens
}

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

fn is_space(token: &str) -> bool {
    token.chars().all(char::is_whitespace)
}

fn count_words(text: &str) -> usize {
    tokenize(text).into_iter().filter(|t| is_word(t)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    use Change::{Added as A, Removed as R, Same as S};

    /// Expected parts, written as (change, text) pairs.
    type Expected<'a> = &'a [(Change, &'a str)];

    fn parts(list: Expected<'_>) -> Vec<DiffPart> {
        list.iter()
            .map(|&(change, text)| DiffPart {
                change,
                text: text.to_owned(),
            })
            .collect()
    }

    fn side(parts: &[DiffPart], other: Change) -> String {
        parts
            .iter()
            .filter(|p| p.change == Change::Same || p.change == other)
            .map(|p| p.text.as_str())
            .collect()
    }

    /// Reconstruction, no empty parts, no two neighbours of the same kind.
    fn check_invariants(old: &str, new: &str, diff: &[DiffPart]) {
        assert_eq!(
            side(diff, R),
            old,
            "Same+Removed != old for {old:?} -> {new:?}: {diff:?}"
        );
        assert_eq!(
            side(diff, A),
            new,
            "Same+Added != new for {old:?} -> {new:?}: {diff:?}"
        );
        assert!(diff.iter().all(|p| !p.text.is_empty()), "empty part: {diff:?}");
        assert!(
            diff.windows(2).all(|w| w[0].change != w[1].change),
            "unmerged neighbours: {diff:?}"
        );
    }

    #[test]
    fn edits_in_vietnamese_sentences() {
        let cases: &[(&str, &str, &str, Expected<'_>)] = &[
            (
                "replacement",
                "Giá vàng hôm nay tăng mạnh.",
                "Giá vàng hôm nay giảm mạnh.",
                &[(S, "Giá vàng hôm nay "), (R, "tăng"), (A, "giảm"), (S, " mạnh.")],
            ),
            (
                "insertion",
                "Thủ tướng chủ trì cuộc họp.",
                "Thủ tướng Chính phủ chủ trì cuộc họp.",
                &[(S, "Thủ tướng "), (A, "Chính phủ "), (S, "chủ trì cuộc họp.")],
            ),
            (
                "deletion",
                "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh, phát biểu khai mạc.",
                "Ông Nguyễn Văn An phát biểu khai mạc.",
                &[
                    (S, "Ông Nguyễn Văn An"),
                    (R, ", Chủ tịch UBND tỉnh,"),
                    (S, " phát biểu khai mạc."),
                ],
            ),
            (
                "one diacritic is one changed word",
                "Giá 50 nghìn đồng một kg",
                "Giá 50 nghìn đông một kg",
                &[(S, "Giá 50 nghìn "), (R, "đồng"), (A, "đông"), (S, " một kg")],
            ),
            (
                "multi-word replacement reads as one change",
                "Hội nghị diễn ra tại Hà Nội hôm qua.",
                "Hội nghị diễn ra tại TP Hồ Chí Minh hôm qua.",
                &[
                    (S, "Hội nghị diễn ra tại "),
                    (R, "Hà Nội"),
                    (A, "TP Hồ Chí Minh"),
                    (S, " hôm qua."),
                ],
            ),
            (
                "punctuation only",
                "Tại Hà Nội mưa lớn",
                "Tại Hà Nội, mưa lớn",
                &[(S, "Tại Hà Nội"), (A, ","), (S, " mưa lớn")],
            ),
            (
                "a figure is one word",
                "Doanh thu đạt 1.500 tỷ đồng",
                "Doanh thu đạt 1.650 tỷ đồng",
                &[(S, "Doanh thu đạt "), (R, "1.500"), (A, "1.650"), (S, " tỷ đồng")],
            ),
            (
                "abbreviation is one word",
                "Tin từ TP.HCM sáng nay",
                "Tin từ TP.HN sáng nay",
                &[(S, "Tin từ "), (R, "TP.HCM"), (A, "TP.HN"), (S, " sáng nay")],
            ),
            (
                "paragraph break added",
                "Đoạn một.\nĐoạn hai.",
                "Đoạn một.\n\nĐoạn hai.",
                &[(S, "Đoạn một."), (R, "\n"), (A, "\n\n"), (S, "Đoạn hai.")],
            ),
            (
                "changes in two paragraphs stay apart",
                "Sáng nay trời mưa.\nChiều nay trời nắng.",
                "Sáng mai trời mưa.\nChiều mai trời nắng.",
                &[
                    (S, "Sáng "),
                    (R, "nay"),
                    (A, "mai"),
                    (S, " trời mưa.\nChiều "),
                    (R, "nay"),
                    (A, "mai"),
                    (S, " trời nắng."),
                ],
            ),
            (
                "identical",
                "Xin chào Việt Nam",
                "Xin chào Việt Nam",
                &[(S, "Xin chào Việt Nam")],
            ),
            ("identical whitespace", " \n", " \n", &[(S, " \n")]),
            ("both empty", "", "", &[]),
            ("from empty", "", "Bản tin mới", &[(A, "Bản tin mới")]),
            ("to empty", "Bản tin cũ", "", &[(R, "Bản tin cũ")]),
        ];
        for &(name, old, new, expected) in cases {
            let diff = diff_words(old, new);
            assert_eq!(diff, parts(expected), "case {name}");
            check_invariants(old, new, &diff);
        }
    }

    #[test]
    fn reconstruction_property() {
        let pairs = [
            ("", ""),
            ("", " "),
            ("  Mở đầu có khoảng trắng", "Mở đầu có khoảng trắng  \n"),
            (
                "\n\nTiêu đề\n\nĐoạn một dài.\nĐoạn hai.\n",
                "Tiêu đề mới\n\nĐoạn một dài hơn.\n\n\nĐoạn ba.\n",
            ),
            ("a\tb  c\n", "a b\tc"),
            (
                "Sáng nay, tại Hà Nội, Thủ tướng đã họp.",
                "Chiều qua tại Hải Phòng, Phó Thủ tướng họp.",
            ),
            ("một hai ba một hai ba", "ba hai một ba hai một"),
            // NFD on one side: still reconstructs exactly (the words differ byte-wise).
            ("Tie\u{302}\u{301}ng Vie\u{323}\u{302}t", "Tiếng Việt"),
            ("Cờ 🇻🇳 và 👨‍👩‍👧 ở đây", "Cờ 🇺🇸 và 👨‍👩‍👦 ở đây!"),
            ("x", "y"),
            ("...!!!", "..!?"),
            ("đồng đông đống", "đông đồng đống"),
            (" ", "\n"),
        ];
        for (old, new) in pairs {
            check_invariants(old, new, &diff_words(old, new));
            check_invariants(new, old, &diff_words(new, old));
        }
    }

    #[test]
    fn tokens_are_whole_words() {
        let cases: &[(&str, &[&str])] = &[
            ("đồng đông", &["đồng", " ", "đông"]),
            // NFD: combining marks stay on their word.
            ("Vie\u{323}\u{302}t Nam", &["Vie\u{323}\u{302}t", " ", "Nam"]),
            ("Hà Nội, 10:30.", &["Hà", " ", "Nội", ",", " ", "10:30", "."]),
            ("COVID-19 tại TP.HCM", &["COVID-19", " ", "tại", " ", "TP.HCM"]),
            ("3,5% - ", &["3,5", "%", " ", "-", " "]),
            ("chờ...rồi", &["chờ", ".", ".", ".", "rồi"]),
            ("👨‍👩‍👧🇻🇳🇺🇸👍🏽", &["👨‍👩‍👧", "🇻🇳", "🇺🇸", "👍🏽"]),
            (" \n\t x", &[" \n\t ", "x"]),
            ("", &[]),
        ];
        for &(text, expected) in cases {
            assert_eq!(tokenize(text), expected, "tokens of {text:?}");
        }
    }

    #[test]
    fn stats() {
        let cases: &[(&str, &str, DiffStats)] = &[
            ("a b c", "a b c", DiffStats::default()),
            ("", "", DiffStats::default()),
            (
                "Giá vàng tăng mạnh",
                "Giá vàng giảm rất mạnh",
                DiffStats {
                    added_words: 2,
                    removed_words: 1,
                },
            ),
            (
                "tại Hà Nội hôm qua",
                "tại TP Hồ Chí Minh hôm qua",
                DiffStats {
                    added_words: 4,
                    removed_words: 2,
                },
            ),
            ("Hà Nội mưa", "Hà Nội, mưa!", DiffStats::default()),
            (
                "",
                "Một bài mới, 1.500 chữ.",
                DiffStats {
                    added_words: 5,
                    removed_words: 0,
                },
            ),
        ];
        for &(old, new, expected) in cases {
            assert_eq!(diff_stats(&diff_words(old, new)), expected, "{old:?} -> {new:?}");
        }
    }

    fn numbered_words(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("từ{i}")).collect()
    }

    #[test]
    fn condense_keeps_context_around_a_change() {
        let old_words = numbered_words(100);
        let mut new_words = old_words.clone();
        new_words[50] = "THAY".to_owned();
        let (old, new) = (old_words.join(" "), new_words.join(" "));
        let condensed = condense(&diff_words(&old, &new), 2);
        assert_eq!(
            condensed,
            parts(&[
                (S, "…"),
                (S, " từ48 từ49 "),
                (R, "từ50"),
                (A, "THAY"),
                (S, " từ51 từ52 "),
                (S, "…"),
            ])
        );
        for part in condensed.iter().filter(|p| p.change == S && p.text != ELLIPSIS) {
            assert!(count_words(&part.text) <= 2, "too much context: {part:?}");
        }
    }

    #[test]
    fn condense_cases() {
        let cases: &[(&str, &str, &str, usize, Expected<'_>)] = &[
            ("no changes", "a b c d e f", "a b c d e f", 2, &[]),
            (
                "short text kept whole",
                "a b X c d",
                "a b Y c d",
                2,
                &[(S, "a b "), (R, "X"), (A, "Y"), (S, " c d")],
            ),
            (
                "close changes share their context",
                "a b c X d e f g Y h i j",
                "a b c P d e f g Q h i j",
                2,
                &[
                    (S, "…"),
                    (S, " b c "),
                    (R, "X"),
                    (A, "P"),
                    (S, " d e f g "),
                    (R, "Y"),
                    (A, "Q"),
                    (S, " h i "),
                    (S, "…"),
                ],
            ),
            (
                "far changes get a marker between",
                "a b X c d e f g Y h i",
                "a b P c d e f g Q h i",
                1,
                &[
                    (S, "…"),
                    (S, " b "),
                    (R, "X"),
                    (A, "P"),
                    (S, " c "),
                    (S, "…"),
                    (S, " g "),
                    (R, "Y"),
                    (A, "Q"),
                    (S, " h "),
                    (S, "…"),
                ],
            ),
            (
                "line breaks kept in context and at cuts",
                "một hai\nba\nbốn CŨ năm\nsáu bảy tám",
                "một hai\nba\nbốn MỚI năm\nsáu bảy tám",
                2,
                &[
                    (S, "…"),
                    (S, "\nba\nbốn "),
                    (R, "CŨ"),
                    (A, "MỚI"),
                    (S, " năm\nsáu "),
                    (S, "…"),
                ],
            ),
            (
                "context zero keeps punctuation next to the change",
                "a b X, c d",
                "a b Y, c d",
                0,
                &[(S, "…"), (S, " "), (R, "X"), (A, "Y"), (S, ", "), (S, "…")],
            ),
            (
                "change at the very start",
                "X a b c d",
                "Y a b c d",
                1,
                &[(R, "X"), (A, "Y"), (S, " a "), (S, "…")],
            ),
        ];
        for &(name, old, new, context, expected) in cases {
            assert_eq!(
                condense(&diff_words(old, new), context),
                parts(expected),
                "case {name}"
            );
        }
    }

    /// Deterministic pseudo-random Vietnamese-looking text.
    fn article(words: usize, seed: u64) -> String {
        const SYLLABLES: &[&str] = &[
            "Việt", "Nam", "đồng", "đông", "người", "những", "trong", "được", "của", "và", "là", "có",
            "không", "phát", "triển", "kinh", "tế", "xã", "hội", "Hà", "Nội", "thành", "phố", "tỉnh",
            "huyện", "nghị", "quyết", "chính", "phủ", "tăng", "giảm", "năm", "tháng", "ngày", "mới",
        ];
        let mut state = seed;
        let mut out = String::new();
        for i in 0..words {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let pick = usize::try_from(state >> 33).unwrap_or(0) % SYLLABLES.len();
            if i > 0 {
                out.push_str(if i % 97 == 0 {
                    ".\n\n"
                } else if i % 13 == 0 {
                    ", "
                } else {
                    " "
                });
            }
            out.push_str(SYLLABLES[pick]);
        }
        out
    }

    /// Not a timed assertion: run with `cargo test --release -- --nocapture` to see figures.
    #[test]
    fn ten_thousand_words_sanity() {
        let old = article(10_000, 7);
        let mut words: Vec<&str> = old.split(' ').collect();
        for (i, replacement) in [(100, "THAY"), (2_500, "ĐỔI"), (5_000, "SỬA"), (9_000, "MỚI")] {
            words[i] = replacement;
        }
        words.insert(7_000, "chèn thêm vài chữ");
        words.remove(8_000);
        let new = words.join(" ");

        let started = Instant::now();
        let diff = diff_words(&old, &new);
        let elapsed = started.elapsed();
        check_invariants(&old, &new, &diff);
        let stats = diff_stats(&diff);
        println!("10k-word diff: {elapsed:?}, {} parts, {stats:?}", diff.len());
        assert!(stats.added_words >= 7 && stats.removed_words >= 5, "{stats:?}");

        // Two unrelated texts over a small vocabulary: the time budget bounds the work.
        let other = article(10_000, 99);
        let started = Instant::now();
        let diff = diff_words(&old, &other);
        println!(
            "10k-word unrelated diff: {:?}, {} parts",
            started.elapsed(),
            diff.len()
        );
        check_invariants(&old, &other, &diff);
    }
}
