//! Where the tone mark goes. The two styles differ only on oa, oe and uy with nothing after
//! them: the old style marks the first vowel (`hòa`, `khỏe`, `thủy`), the new one the second
//! (`hoà`, `khoẻ`, `thuỷ`). A newsroom picks one.

use super::letters::{Tone, compose, vowel};
use super::words::{Word, words};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    /// `hòa`, `thủy`.
    Old,
    /// `hoà`, `thuỷ`.
    New,
}

fn is_vowel(c: char) -> bool {
    vowel(c).is_some()
}

/// The index of the vowel that carries the tone in a toneless lower-case syllable.
pub fn tone_index(chars: &[char], placement: Placement) -> Option<usize> {
    let mut start = chars.iter().position(|c| is_vowel(*c))?;
    // The u of qu and the i of gi belong to the onset when a vowel follows.
    let onset_vowel = matches!(
        (start.checked_sub(1).map(|i| chars[i]), chars[start]),
        (Some('q'), 'u') | (Some('g'), 'i')
    );
    if onset_vowel && chars.get(start + 1).is_some_and(|c| is_vowel(*c)) {
        start += 1;
    }
    let end = chars[start..]
        .iter()
        .position(|c| !is_vowel(*c))
        .map_or(chars.len(), |n| start + n);
    let cluster = &chars[start..end];
    let coda = end < chars.len();
    if let Some(i) = cluster
        .iter()
        .rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư'))
    {
        return Some(start + i);
    }
    let at = match cluster.len() {
        1 => 0,
        2 if coda => 1,
        2 if matches!(cluster, ['o', 'a'] | ['o', 'e'] | ['u', 'y']) => match placement {
            Placement::Old => 0,
            Placement::New => 1,
        },
        2 => 0,
        _ => 1,
    };
    Some(start + at)
}

/// The style one word shows, if it is one of the words where the styles differ.
pub fn style_of(word: &str) -> Option<Placement> {
    let chars: Vec<char> = word.chars().collect();
    let toned = chars
        .iter()
        .position(|c| vowel(*c).is_some_and(|v| v.tone != Tone::Level))?;
    let plain: Vec<char> = chars.iter().map(|c| base(*c)).collect();
    let old = tone_index(&plain, Placement::Old)?;
    let new = tone_index(&plain, Placement::New)?;
    if old == new {
        return None;
    }
    if toned == old {
        Some(Placement::Old)
    } else if toned == new {
        Some(Placement::New)
    } else {
        None
    }
}

fn base(c: char) -> char {
    match vowel(c) {
        Some(v) => v.base,
        None => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The word with its tone on the letter the style wants; unchanged when nothing moves.
pub fn place(word: &str, placement: Placement) -> String {
    let chars: Vec<char> = word.chars().collect();
    let Some(from) = chars
        .iter()
        .position(|c| vowel(*c).is_some_and(|v| v.tone != Tone::Level))
    else {
        return word.to_owned();
    };
    let plain: Vec<char> = chars.iter().map(|c| base(*c)).collect();
    let Some(to) = tone_index(&plain, placement) else {
        return word.to_owned();
    };
    if to == from {
        return word.to_owned();
    }
    let mut out = chars.clone();
    if let (Some(a), Some(b)) = (vowel(chars[from]), vowel(chars[to])) {
        out[from] = compose(a.base, Tone::Level, a.upper);
        out[to] = compose(b.base, a.tone, b.upper);
    }
    out.into_iter().collect()
}

/// The whole text in one style: only the oa/oe/uy words move, everything else stays byte
/// for byte.
pub fn convert(text: &str, placement: Placement) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for Word { start, end, .. } in words(text) {
        let word = &text[start..end];
        if style_of(word).is_some_and(|s| s != placement) {
            out.push_str(&text[last..start]);
            out.push_str(&place(word, placement));
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}
