//! Paging on the command line: `--limit`, `--cursor` and `--all` for `article list` and
//! `comments list`. A cursor is the list position of the last row printed (keyset), so
//! rows that arrive while someone pages never shift a page; it is opaque to scripts.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clap::Args;

/// Rows printed when neither `--limit` nor `--all` is given.
pub const DEFAULT_PAGE: usize = 50;

/// Rows read from the store at a time while streaming `--all`.
pub const STREAM_CHUNK: usize = 500;

#[derive(Debug, Args)]
pub struct PageArgs {
    /// At most this many rows (default 50).
    #[arg(long, conflicts_with = "all")]
    limit: Option<usize>,
    /// Continue after the last row of an earlier page (its stderr says which cursor).
    #[arg(long, value_name = "CURSOR")]
    cursor: Option<String>,
    /// Every row, streamed as it is read.
    #[arg(long)]
    all: bool,
}

/// A position in one list: which list, and the (time, id) key of the row before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub time: i64,
    pub id: i64,
}

impl PageArgs {
    /// How many rows to print; `None` means all of them.
    pub fn limit(&self) -> Option<usize> {
        if self.all {
            None
        } else {
            Some(self.limit.unwrap_or(DEFAULT_PAGE))
        }
    }

    /// `--limit N` when one was given, to repeat it in the next page's command.
    pub fn limit_flag(&self) -> String {
        self.limit.map(|n| format!(" --limit {n}")).unwrap_or_default()
    }

    /// The cursor given, checked to belong to the list `kind`.
    pub fn cursor(&self, kind: &str) -> anyhow::Result<Option<Cursor>> {
        self.cursor.as_deref().map(|c| decode(kind, c)).transpose()
    }
}

pub fn encode(kind: &str, c: Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}:{}:{}", c.time, c.id))
}

fn decode(kind: &str, text: &str) -> anyhow::Result<Cursor> {
    let bad = || {
        anyhow::anyhow!(
            "The cursor {text:?} is not one `newsroom {} list` printed: copy it from the last page's note, or leave --cursor out to start at the top.",
            if kind == "a" { "article" } else { "comments" }
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| bad())?;
    let plain = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = plain.split(':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(k), Some(time), Some(id), None) if k == kind => Ok(Cursor {
            time: time.parse().map_err(|_| bad())?,
            id: id.parse().map_err(|_| bad())?,
        }),
        _ => Err(bad()),
    }
}

/// The note on stderr after a page that has more behind it: how many were shown and the
/// command for the next page (stdout stays the rows alone, for scripts).
/// Print it after the rows are flushed (`Listing::finish`), so it follows them on a terminal.
pub fn note_more(shown: usize, noun: (&str, &str), command: &str, cursor: &str) {
    use std::io::Write;
    let noun = if shown == 1 { noun.0 } else { noun.1 };
    let note = format!(
        "Showed {shown} {noun}; more follow: `{command} --cursor {cursor}` prints the next page, --all prints every one.\n"
    );
    // One write: stderr is unbuffered, and eprintln! writes each piece of its format.
    let _ = std::io::stderr().write_all(note.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_belongs_to_its_list() {
        let c = Cursor {
            time: 1_764_300_000,
            id: 42,
        };
        let text = encode("c", c);
        assert_eq!(decode("c", &text).unwrap(), c);
        assert!(
            decode("a", &text).is_err(),
            "a comments cursor is refused by article list"
        );
        assert!(decode("c", "not-a-cursor").is_err());
        assert!(decode("c", &URL_SAFE_NO_PAD.encode("c:1:2:3")).is_err());
    }
}
