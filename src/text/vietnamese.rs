//! Vietnamese writing aids, pure: the syllable checker with the spelling rules, the two
//! tone-placement styles, the newsroom's house rules, and the built-in Telex and VNI input.
//!
//! May not touch: the store, the terminal or files. The Hunspell dictionary comes in as an
//! already-read [`Dictionary`]; the newsroom's word list as a set of words.

mod check;
mod dictionary;
mod input;
mod letters;
mod placement;
mod syllable;
mod words;

#[cfg(test)]
mod tests;

pub use check::{Checker, Finding, HouseRules, ParagraphCheck, Report, Verdict, Verdicts};
pub use dictionary::{DICTIONARY_PATH, Dictionary};
pub use input::{Composer, InputMethod, transform};
pub use letters::Tone;
pub use placement::{Placement, convert, place, style_of};
pub use syllable::{Rule, Syllable, parse};
pub use words::{Word, is_checkable, words};
