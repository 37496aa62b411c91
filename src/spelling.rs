//! Where the spelling checker meets the machine: reading the system's Hunspell dictionary
//! and putting a checker together from the config and the store's word list.
//!
//! Owns: the dictionary files. May not touch: the terminal; the rules live in
//! `text::vietnamese`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::config::Config;
use crate::text::vietnamese::{Checker, DICTIONARY_PATH, Dictionary};

/// `NEWSROOM_DICTIONARY` names another `.dic` file, or `none` to check by the rules alone
/// (the tests use it so that they pass with and without `hunspell-vi`).
fn dictionary_path() -> Option<PathBuf> {
    match std::env::var_os("NEWSROOM_DICTIONARY") {
        Some(v) if v == "none" => None,
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => Some(PathBuf::from(DICTIONARY_PATH)),
    }
}

/// The dictionary, read once per process; None when it is not installed or unreadable
/// (the checker works without it, and the README says how to add it).
pub fn dictionary() -> Option<Arc<Dictionary>> {
    static DICTIONARY: OnceLock<Option<Arc<Dictionary>>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| {
            let dic_path = dictionary_path()?;
            let limit = 64 * 1024 * 1024;
            let dic = crate::files::read_text_capped(&dic_path, limit).ok()?;
            let aff = crate::files::read_text_capped(&dic_path.with_extension("aff"), limit).ok()?;
            Dictionary::new(&aff, &dic).ok().map(Arc::new)
        })
        .clone()
}

/// A checker with the house style and the newsroom's word list.
pub fn checker(config: &Config, words: Vec<String>) -> Checker {
    let mut checker = Checker::new(&config.style, dictionary());
    checker.allow(words);
    checker
}
