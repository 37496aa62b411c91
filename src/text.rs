//! Pure text transforms for Vietnamese newsroom text.
//!
//! Owns: Unicode normalisation (NFC at input boundaries), the accent-insensitive
//! search key, terminal-safe sanitising of untrusted text, URL slugs and
//! width-aware truncation.
//!
//! May not touch: I/O, SQL, the terminal or the clock. Every function here is a
//! pure `&str -> String` (or similar) transform, so callers decide when text is
//! read, stored or drawn.
//!
//! Where each function belongs:
//! - [`nfc`] / [`normalize_input`]: every input boundary (paste, IME commit,
//!   import, DB write) before storing.
//! - [`fold`]: the search key stored in `*_fold` columns and applied to queries.
//! - [`sanitize`] / [`sanitize_line`]: every untrusted string before it is drawn.
//! - [`slugify`]: article slugs.
//! - [`truncate_to_width`]: fitting sanitised text into a column.
//! - [`diff_words`]: showing what changed between two versions of an article.

mod diff;
mod emoji;
mod fold;
mod markup;
mod phone;
mod sanitize;
mod search;
mod slug;
pub mod vietnamese;

pub use diff::{Change, DiffPart, DiffStats, condense, diff_stats, diff_words};
pub use fold::{fold, nfc, normalize_input};
pub use markup::escape_markup;
pub use phone::group_phone;
pub use sanitize::{Sanitized, is_unsafe_char, sanitize, sanitize_line, truncate_to_width};
pub use search::{Exact, Snippet, match_ranges, query_words, search_words, snippet};
pub use slug::slugify;
