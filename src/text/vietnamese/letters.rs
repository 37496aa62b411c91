//! Vietnamese letters taken apart and put back together: a vowel is a base letter (a, ă, â,
//! e, ê, i, o, ô, ơ, u, ư, y) and one of six tones. Table-driven, because the checker looks
//! at every letter of a long article and Unicode decomposition per letter costs more.

use std::sync::OnceLock;

/// The six tones, in the order of the table rows below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tone {
    /// ngang: no mark.
    #[default]
    Level,
    /// huyền.
    Grave,
    /// sắc.
    Acute,
    /// hỏi.
    Hook,
    /// ngã.
    Tilde,
    /// nặng.
    Dot,
}

impl Tone {
    const ALL: [Tone; 6] = [
        Tone::Level,
        Tone::Grave,
        Tone::Acute,
        Tone::Hook,
        Tone::Tilde,
        Tone::Dot,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// Each row: a base vowel, then the same vowel with huyền, sắc, hỏi, ngã, nặng.
const LOWER: [&str; 12] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
];
const UPPER: [&str; 12] = [
    "AÀÁẢÃẠ",
    "ĂẰẮẲẴẶ",
    "ÂẦẤẨẪẬ",
    "EÈÉẺẼẸ",
    "ÊỀẾỂỄỆ",
    "IÌÍỈĨỊ",
    "OÒÓỎÕỌ",
    "ÔỒỐỔỖỘ",
    "ƠỜỚỞỠỢ",
    "UÙÚỦŨỤ",
    "ƯỪỨỬỮỰ",
    "YỲÝỶỸỴ",
];

/// A vowel letter: which row, which tone, and whether it is a capital.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vowel {
    pub base: char,
    pub tone: Tone,
    pub upper: bool,
}

fn table() -> &'static [(char, Vowel)] {
    static TABLE: OnceLock<Vec<(char, Vowel)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut all = Vec::with_capacity(144);
        for (rows, upper) in [(&LOWER, false), (&UPPER, true)] {
            for (row, lower_row) in rows.iter().zip(LOWER.iter()) {
                let base = lower_row.chars().next().unwrap_or('a');
                for (c, tone) in row.chars().zip(Tone::ALL) {
                    all.push((c, Vowel { base, tone, upper }));
                }
            }
        }
        all.sort_by_key(|(c, _)| *c);
        all
    })
}

/// The vowel a letter is, or None for a consonant or a letter Vietnamese does not use.
pub fn vowel(c: char) -> Option<Vowel> {
    if c.is_ascii()
        && !matches!(
            c,
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'A' | 'E' | 'I' | 'O' | 'U' | 'Y'
        )
    {
        return None;
    }
    let t = table();
    t.binary_search_by_key(&c, |(k, _)| *k).ok().map(|i| t[i].1)
}

/// The letter for a base vowel (lower case, as in the table) with a tone.
pub fn compose(base: char, tone: Tone, upper: bool) -> char {
    let rows = if upper { &UPPER } else { &LOWER };
    LOWER
        .iter()
        .position(|row| row.starts_with(base))
        .and_then(|i| rows[i].chars().nth(tone.index()))
        .unwrap_or(base)
}

/// Consonant letters of the Vietnamese alphabet (f, j, w, z only appear in foreign words).
pub fn is_consonant(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'b' | 'c' | 'd' | 'đ' | 'g' | 'h' | 'k' | 'l' | 'm' | 'n' | 'p' | 'q' | 'r' | 's' | 't' | 'v' | 'x'
    )
}

/// A letter of the Vietnamese alphabet, in either case, any tone.
pub fn is_vietnamese_letter(c: char) -> bool {
    vowel(c).is_some() || is_consonant(c)
}

/// A letter only Vietnamese writes (a marked vowel or đ): a word with one is Vietnamese.
pub fn is_marked(c: char) -> bool {
    matches!(c, 'đ' | 'Đ') || vowel(c).is_some_and(|v| v.tone != Tone::Level || !"aeiouy".contains(v.base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_come_apart_and_back() {
        let v = vowel('Ở').unwrap();
        assert_eq!((v.base, v.tone, v.upper), ('ơ', Tone::Hook, true));
        assert_eq!(compose('ơ', Tone::Hook, true), 'Ở');
        assert_eq!(compose('ê', Tone::Acute, false), 'ế');
        assert_eq!(vowel('b'), None);
        assert_eq!(vowel('ü'), None);
        assert!(is_marked('đ') && is_marked('â') && is_marked('à') && !is_marked('a'));
        assert_eq!(table().len(), 144);
    }
}
