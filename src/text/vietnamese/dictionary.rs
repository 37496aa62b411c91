//! The system's Hunspell dictionary, when one is installed: a second opinion on syllables
//! the rules let through, and suggestions. Read by the caller; this module only parses.

/// Where Debian's `hunspell-vi` puts the dictionary (the `.aff` file sits beside it).
pub const DICTIONARY_PATH: &str = "/usr/share/hunspell/vi_VN.dic";

pub struct Dictionary {
    inner: spellbook::Dictionary,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dictionary")
    }
}

impl Dictionary {
    /// Parses the two Hunspell files' text; the error says what spellbook disliked.
    pub fn new(aff: &str, dic: &str) -> Result<Dictionary, String> {
        spellbook::Dictionary::new(aff, dic)
            .map(|inner| Dictionary { inner })
            .map_err(|e| e.to_string())
    }

    /// Knows the word as written, or in lower case (a capital starts every sentence).
    pub fn knows(&self, word: &str) -> bool {
        self.inner.check(word) || self.inner.check(&word.to_lowercase())
    }

    /// Up to `limit` spellings the dictionary offers, NFC.
    pub fn suggest(&self, word: &str, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        self.inner.suggest(word, &mut out);
        out.into_iter()
            .map(|s| crate::text::nfc(&s))
            .filter(|s| !s.contains(' '))
            .take(limit)
            .collect()
    }
}
