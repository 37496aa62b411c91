//! Reading files someone named: every read has a size limit, so `/dev/zero`, a FIFO or a
//! wrong path to a huge file ends in a sentence instead of taking all of memory.
//!
//! Owns: the limits and the capped reads. May not touch: the store (not even its file: see
//! `store::is_open_store_file`), the terminal.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// An article body: a 10,000-word Vietnamese article is about 70 KB; 4 MiB leaves room for
/// long documents pasted whole, and is still read in a blink.
pub const BODY_LIMIT: u64 = 4 * MIB;
/// A `.pub` file: an RSA-16384 key is under 3 KB; a file of a few dozen keys fits easily.
pub const SSH_KEY_LIMIT: u64 = 64 * KIB;
/// A comment import is streamed, so this bounds time, not memory: months of a busy site's
/// comments fit in it. A bigger export can be split (`split -l`).
pub const IMPORT_LIMIT: u64 = 512 * MIB;
/// One physical line of an import. A comment is at most 5,000 characters; 1 MiB is far
/// beyond any honest line and stops a file with no line breaks early.
pub const IMPORT_LINE_LIMIT: u64 = MIB;
/// The config file is a few hundred lines of TOML at most.
pub const CONFIG_LIMIT: u64 = MIB;

/// Why a capped read failed.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    TooLarge {
        limit: u64,
    },
    NotUtf8,
    /// Reading it through `std::fs` would drop this process's SQLite locks on the store.
    IsTheStore,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&io_reason(e)),
            ReadError::TooLarge { limit } => write!(f, "it is larger than {}", size(*limit)),
            ReadError::NotUtf8 => f.write_str("it is not UTF-8 text"),
            ReadError::IsTheStore => f.write_str("it is the Newsroom store itself"),
        }
    }
}

impl std::error::Error for ReadError {}

/// "no such file or directory" rather than "No such file or directory (os error 2)", to
/// sit inside a sentence.
pub fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if chars.clone().next().is_some_and(char::is_lowercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// The whole file, refused once it passes `limit` bytes (never more than `limit + 1` read).
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open(path)?;
    read_all_capped(file, limit)
}

/// Opens a file someone named for reading; never the store this process has open.
pub fn open(path: &Path) -> Result<std::fs::File, ReadError> {
    if crate::store::is_open_store_file(path) {
        return Err(ReadError::IsTheStore);
    }
    std::fs::File::open(path).map_err(ReadError::Io)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_text_capped(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_capped(path, limit)?).map_err(|_| ReadError::NotUtf8)
}

pub fn read_all_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// A size as people say it: "4 MiB", "64 KiB", "100 bytes".
pub fn size(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Passes bytes through, but fails once one line (the bytes between two `\n`) passes
/// `line_limit` or the whole stream passes `total_limit`. A line reader above it never
/// buffers an endless line, and an endless stream ends.
pub struct Capped<R> {
    inner: R,
    line_limit: u64,
    total_limit: u64,
    line: u64,
    total: u64,
}

impl<R: Read> Capped<R> {
    pub fn new(inner: R, line_limit: u64, total_limit: u64) -> Self {
        Capped {
            inner,
            line_limit,
            total_limit,
            line: 0,
            total: 0,
        }
    }

    fn overflow(&self) -> Option<Overflow> {
        if self.total > self.total_limit {
            Some(Overflow::File {
                limit: self.total_limit,
            })
        } else if self.line > self.line_limit {
            Some(Overflow::Line {
                limit: self.line_limit,
            })
        } else {
            None
        }
    }
}

/// What a [`Capped`] reader ran into; it rides inside the `io::Error` it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    Line { limit: u64 },
    File { limit: u64 },
}

impl fmt::Display for Overflow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Overflow::Line { limit } => write!(f, "a line is longer than {}", size(*limit)),
            Overflow::File { limit } => write!(f, "the file is larger than {}", size(*limit)),
        }
    }
}

impl std::error::Error for Overflow {}

impl Overflow {
    /// The overflow behind `e`, however many readers wrapped it.
    pub fn of(e: &io::Error) -> Option<Overflow> {
        e.get_ref()?.downcast_ref::<Overflow>().copied()
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(o) = self.overflow() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, o));
        }
        // Never hand out more than one byte past either limit, so the caller's buffer does
        // not fill up with what is already too much.
        let room = (self.line_limit - self.line).min(self.total_limit - self.total) + 1;
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        for &b in &buf[..n] {
            if b == b'\n' {
                self.line = 0;
            } else {
                self.line += 1;
            }
        }
        self.total += n as u64;
        match self.overflow() {
            Some(o) => Err(io::Error::new(io::ErrorKind::InvalidData, o)),
            None => Ok(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_file_stops_one_byte_past_the_limit() {
        let err = read_all_capped(io::repeat(0), 1000).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 1000 }), "{err}");
        assert_eq!(read_all_capped(&[7u8; 1000][..], 1000).unwrap().len(), 1000);
    }

    #[test]
    fn a_long_line_or_a_long_file_fails_but_short_lines_pass() {
        let mut ok = String::new();
        Capped::new("abc\ndef\n".as_bytes(), 3, 8)
            .read_to_string(&mut ok)
            .unwrap();
        assert_eq!(ok, "abc\ndef\n");
        let mut sink = Vec::new();
        let err = Capped::new(io::repeat(b'x'), 100, 1000)
            .read_to_end(&mut sink)
            .unwrap_err();
        assert_eq!(Overflow::of(&err), Some(Overflow::Line { limit: 100 }), "{err}");
        assert!(sink.len() <= 101, "{}", sink.len());
        let err = Capped::new(io::repeat(b'\n'), 100, 1000)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert_eq!(Overflow::of(&err), Some(Overflow::File { limit: 1000 }), "{err}");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(BODY_LIMIT), "4 MiB");
        assert_eq!(size(SSH_KEY_LIMIT), "64 KiB");
        assert_eq!(size(100), "100 bytes");
    }
}
