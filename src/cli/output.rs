//! Printing: JSON for scripts, plain lines for people. Both are terminal-safe.

use std::io::{self, Write};

use serde::Serialize;

use crate::text::is_unsafe_char;

/// Prints clap's help and version as clap does; any other parse error as one sentence.
pub fn clap_error(e: clap::Error) -> anyhow::Result<()> {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                std::process::exit(2);
            }
            Ok(())
        }
        _ => {
            let rendered = e.render().to_string();
            // The message is the first paragraph (a missing argument's name is on the line
            // after "…not provided:"), without clap's usage and tips.
            let paragraph: Vec<&str> = rendered
                .lines()
                .map(str::trim)
                .take_while(|l| !l.is_empty())
                .collect();
            let joined = paragraph.join(" ").replace(": ", " ").replace(":", "");
            let joined = joined.replace("the following required arguments were not provided", "missing");
            let first = joined.trim_start_matches("error ").trim_end_matches('.');
            let mut first = first.to_owned();
            if let Some(c) = first.get(..1) {
                first.replace_range(..1, &c.to_uppercase());
            }
            anyhow::bail!(
                "{first}: run `newsroom --help` (or `newsroom COMMAND --help`) to see what it takes."
            )
        }
    }
}

/// The error as the one sentence stderr shows, free of control codes (messages quote paths
/// and logins a user typed).
///
/// Messages are written as sentences where they are made, so their case is left alone: a
/// file name or a login that opens one keeps its own ("bom.jsonl", not "Bom.jsonl"). Only
/// the domain's rules are fragments, because they are also used inside other sentences;
/// those alone get their first word capitalised here.
pub fn sentence(e: &anyhow::Error) -> String {
    let text = crate::text::sanitize_line(&e.to_string()).text;
    let rule = e
        .downcast_ref::<crate::domain::DomainError>()
        .map(ToString::to_string)
        .or_else(|| match e.downcast_ref::<crate::store::StoreError>() {
            Some(crate::store::StoreError::Domain(d)) => Some(d.to_string()),
            _ => None,
        });
    // A context sentence wrapped around a rule is already a sentence.
    if rule.is_some_and(|r| crate::text::sanitize_line(&r).text == text) {
        capitalise(&text)
    } else {
        text
    }
}

/// The first letter raised, the rest as it is.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Pretty JSON in which every character a terminal could act on is escaped, so raw reader
/// text can be printed without reaching the terminal as a control sequence.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    Ok(escape_for_terminal(text))
}

/// serde_json escapes C0 controls, but not C1, bidi overrides, invisible characters,
/// private-use characters or noncharacters: everything sanitising would take out of reader
/// text is escaped here instead. Outside strings JSON holds none of these, so `\uXXXX` is
/// always valid where they appear. Text without any (nearly all) is returned as it is.
fn escape_for_terminal(text: String) -> String {
    let unsafe_char = |c: char| c != '\n' && is_unsafe_char(c);
    let Some(first) = first_unsafe(text.as_bytes()) else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if unsafe_char(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the first character `escape_for_terminal` escapes is. Most of any JSON we print is
/// ASCII and Vietnamese, so those are told safe from their UTF-8 bytes alone; any other
/// character is decoded and asked.
fn first_unsafe(text: &[u8]) -> Option<usize> {
    let next = |at: usize| text.get(at + 1).copied().unwrap_or(0);
    let mut at = 0;
    while let Some(&b) = text.get(at) {
        if let Some(word) = text.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok())
            && is_printable_ascii(u64::from_le_bytes(word))
        {
            at += 8;
            continue;
        }
        at += match b {
            b'\n' | 0x20..=0x7e => 1,
            0x00..=0x7f => return Some(at),
            // U+0080 to U+00BF: the C1 controls and the soft hyphen are unsafe.
            0xc2 if next(at) <= 0x9f || next(at) == 0xad => return Some(at),
            // U+0600 to U+063F: the Arabic letter mark (U+061C) is.
            0xd8 if next(at) == 0x9c => return Some(at),
            // The rest of U+0080 to U+07FF is letters and marks.
            0xc2..=0xdf => 2,
            // U+1E80 to U+1EFF: Vietnamese letters with two marks.
            0xe1 if matches!(next(at), 0xba | 0xbb) => 3,
            _ => {
                let width = match b {
                    0xe0..=0xef => 3,
                    0xf0..=0xf7 => 4,
                    _ => return Some(at),
                };
                let c = text
                    .get(at..at + width)
                    .and_then(|bytes| std::str::from_utf8(bytes).ok())
                    .and_then(|c| c.chars().next());
                match c {
                    Some(c) if !is_unsafe_char(c) => width,
                    _ => return Some(at),
                }
            }
        };
    }
    None
}

/// Whether all eight bytes of `word` are printable ASCII (0x20 to 0x7E), by the usual
/// tests on a whole word: no high bit, none below 0x20, none equal to 0x7F.
fn is_printable_ascii(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(0x20 * ONES) & !word & HIGH;
    let del = word ^ (0x7f * ONES);
    let is_del = del.wrapping_sub(ONES) & !del & HIGH;
    (word & HIGH) | below_space | is_del == 0
}

/// Writes lines to stdout; a closed pipe (`| head`) ends quietly.
pub struct Out {
    lock: io::StdoutLock<'static>,
    /// Listings gather their rows here and write them a chunk at a time (see `buffered`).
    pending: Option<Vec<u8>>,
}

/// How much a buffered `Out` gathers before it writes: many rows per system call, and
/// memory stays flat however long the list.
const CHUNK: usize = 64 * 1024;

impl Out {
    /// Each line is written as it is printed.
    pub fn new() -> Out {
        Out {
            lock: io::stdout().lock(),
            pending: None,
        }
    }

    /// Lines are gathered and written in chunks; `flush` writes the rest. Stdout is
    /// line-buffered by Rust, so a page of 50 rows was 50 system calls.
    pub fn buffered() -> Out {
        Out {
            lock: io::stdout().lock(),
            pending: Some(Vec::with_capacity(CHUNK)),
        }
    }

    pub fn line(&mut self, text: &str) -> anyhow::Result<()> {
        self.write(text)?;
        self.write("\n")
    }

    fn write(&mut self, text: &str) -> anyhow::Result<()> {
        self.write_bytes(text.as_bytes())
    }

    fn write_bytes(&mut self, text: &[u8]) -> anyhow::Result<()> {
        match &mut self.pending {
            // Written before it would outgrow its room: a bigger buffer would be a new
            // allocation (and fresh pages) each time.
            Some(pending) if pending.len() + text.len() <= CHUNK => {
                pending.extend_from_slice(text);
                Ok(())
            }
            Some(_) => {
                self.flush()?;
                match &mut self.pending {
                    Some(pending) if text.len() <= CHUNK => {
                        pending.extend_from_slice(text);
                        Ok(())
                    }
                    _ => self.put(text),
                }
            }
            None => self.put(text),
        }
    }

    /// Writes whatever is gathered.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        if let Some(mut pending) = self.pending.take() {
            let written = self.put(&pending);
            pending.clear();
            self.pending = Some(pending);
            written?;
        }
        match self.lock.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            other => Ok(other?),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        match self.lock.write_all(bytes) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            other => Ok(other?),
        }
    }
}

impl Drop for Out {
    /// A command that fails half way still shows the rows it had read, as when each row
    /// was written at once; the error itself is what it reports.
    fn drop(&mut self) {
        if let Some(pending) = self.pending.take()
            && !pending.is_empty()
        {
            let _ = self.lock.write_all(&pending);
            let _ = self.lock.flush();
        }
    }
}

/// A list printed as it is paged from the store: a JSON array for `--json`, else one
/// line per item. Either way nothing waits in memory.
pub enum Listing {
    Json(JsonArray),
    Lines(Out),
}

impl Listing {
    pub fn new(json: bool) -> anyhow::Result<Listing> {
        Ok(if json {
            Listing::Json(JsonArray::start()?)
        } else {
            Listing::Lines(Out::buffered())
        })
    }

    /// Prints one item: `value` as JSON, or the line `line` makes (only called for lines).
    pub fn item<T: Serialize>(&mut self, value: &T, line: impl FnOnce() -> String) -> anyhow::Result<()> {
        match self {
            Listing::Json(array) => array.push(value),
            Listing::Lines(out) => out.line(&line()),
        }
    }

    /// Ends the list and writes what is still gathered: call it before anything goes to
    /// stderr, so a note after a page follows its rows on a terminal.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Listing::Json(array) => array.finish(),
            Listing::Lines(mut out) => out.flush(),
        }
    }
}

/// Streams a JSON array one element at a time, so long lists never sit in memory.
pub struct JsonArray {
    out: Out,
    first: bool,
    /// Each element is written here first (and checked for what to escape): one buffer
    /// for the whole list instead of a few strings per element.
    scratch: Vec<u8>,
}

impl JsonArray {
    /// Nothing is printed until the first element or `finish`, so a command that fails
    /// before its first page leaves stdout empty.
    pub fn start() -> anyhow::Result<JsonArray> {
        Ok(JsonArray {
            out: Out::buffered(),
            first: true,
            scratch: Vec::new(),
        })
    }

    /// Prints `item` as `json` would, each line two spaces in.
    pub fn push<T: Serialize>(&mut self, item: &T) -> anyhow::Result<()> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        item.serialize(&mut serde_json::Serializer::with_formatter(
            &mut scratch,
            ElementFormatter {
                level: 1,
                has_value: false,
            },
        ))?;
        self.out.write(if self.first { "[\n  " } else { ",\n  " })?;
        self.first = false;
        if first_unsafe(&scratch).is_none() {
            // serde_json writes UTF-8; with nothing to escape the bytes go out as they are.
            self.out.write_bytes(&scratch)?;
            self.scratch = scratch;
        } else {
            let text = escape_for_terminal(String::from_utf8(scratch)?);
            self.out.write(&text)?;
            self.scratch = text.into_bytes();
        }
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.out.line(if self.first { "[]" } else { "\n]" })?;
        self.out.flush()
    }
}

/// serde_json's pretty layout (`PrettyFormatter`, two spaces a level), started one level
/// in: the text of an element of a JSON list, written straight into its buffer.
struct ElementFormatter {
    level: usize,
    has_value: bool,
}

impl ElementFormatter {
    fn line<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for ElementFormatter {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An element of a JSON list is `json`'s text, each line two spaces in.
    #[test]
    fn a_list_element_is_the_json_of_the_item_indented() {
        let item = serde_json::json!({
            "content": "Hồ\u{202e}Gươm \"x\"\nđó",
            "tags": [{ "name": "Đô thị" }, {}],
            "empty": [],
            "nested": [[1, [], {}], { "a": [[]], "b": {} }, 2.5],
            "photos": null,
        });
        let mut array = JsonArray::start().unwrap();
        array.push(&item).unwrap();
        let printed = String::from_utf8(array.scratch.clone()).unwrap();
        let want: Vec<String> = json(&item).unwrap().lines().map(str::to_owned).collect();
        assert_eq!(printed, want.join("\n  "));
        array.out.pending = Some(Vec::new());
    }

    #[test]
    fn words_of_printable_ascii_are_told_apart() {
        for byte in 0..=255_u8 {
            for at in 0..8 {
                let mut word = *b"abc ~ }{";
                word[at] = byte;
                let want = word.iter().all(|b| (0x20..=0x7e).contains(b));
                assert_eq!(is_printable_ascii(u64::from_le_bytes(word)), want, "{word:?}");
            }
        }
    }

    /// The byte-level shortcut finds exactly the characters `is_unsafe_char` names.
    #[test]
    fn the_first_unsafe_character_is_found_for_every_character() {
        let chars = (0..=0x3_0000_u32)
            .chain(0xe_0000..=0xe_0100)
            .chain(0xf_0000..=0xf_0010)
            .chain(0x10_fff0..=0x10_ffff)
            .filter_map(char::from_u32);
        for c in chars {
            // After Vietnamese, and after ASCII runs that end at every place in a word.
            for prefix in ["Tây Hồ ", "", "Ha ", "Ha Noi, ", "Ha Noi, Tay"] {
                let text = format!("{prefix}{c} ạ abcdefgh");
                let want = (c != '\n' && is_unsafe_char(c)).then_some(prefix.len());
                assert_eq!(
                    first_unsafe(text.as_bytes()),
                    want,
                    "{c:?} (U+{:04X}) after {prefix:?}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn json_escapes_what_follows_vietnamese_text_and_keeps_the_rest() {
        for (raw, escaped) in [
            ("Hồ Gươm\u{7f}", "Hồ Gươm\\u007f"),
            ("Đường\u{202e}Láng", "Đường\\u202eLáng"),
            ("ệ\u{9b}2J ơ", "ệ\\u009b2J ơ"),
            ("Tây Hồ 👨\u{200d}👩", "Tây Hồ 👨\\u200d👩"),
        ] {
            let text = json(&serde_json::json!({ "content": raw })).unwrap();
            assert!(text.contains(escaped), "{raw:?}: {text}");
        }
        let plain = "Phản ánh: đường Láng ngập \"sâu\"";
        assert_eq!(
            json(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }

    #[test]
    fn json_never_carries_terminal_controls() {
        let hostile = "a\u{1b}]52;c;x\u{7}b\u{9b}2Jc\u{202e}d\u{200b}e\u{e0041}";
        let text = json(&serde_json::json!({ "content": hostile })).unwrap();
        assert!(
            text.chars().all(|c| !c.is_control() || c == '\n' || c == ' '),
            "{text:?}"
        );
        assert!(!text.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["content"], hostile, "the raw text survives a round trip");
    }

    #[test]
    fn json_escapes_joiners_fillers_private_use_and_noncharacters() {
        let cases = [
            ('\u{200c}', "\\u200c"),
            ('\u{200d}', "\\u200d"),
            ('\u{115f}', "\\u115f"),
            ('\u{1160}', "\\u1160"),
            ('\u{3164}', "\\u3164"),
            ('\u{ffa0}', "\\uffa0"),
            ('\u{e000}', "\\ue000"),
            ('\u{f8ff}', "\\uf8ff"),
            ('\u{f0000}', "\\udb80\\udc00"),
            ('\u{10fffd}', "\\udbff\\udffd"),
            ('\u{fdd0}', "\\ufdd0"),
            ('\u{fdef}', "\\ufdef"),
            ('\u{fffe}', "\\ufffe"),
            ('\u{ffff}', "\\uffff"),
            ('\u{1fffe}', "\\ud83f\\udffe"),
            ('\u{10ffff}', "\\udbff\\udfff"),
        ];
        for (c, escaped) in cases {
            let raw = format!("a{c}b");
            let text = json(&serde_json::json!({ "content": raw })).unwrap();
            assert!(!text.contains(c), "{c:?} printed raw: {text}");
            assert!(text.contains(escaped), "{c:?} not as {escaped}: {text}");
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back["content"], raw.as_str(), "{c:?} round trip");
        }
        // Text a terminal draws as written stays readable.
        let plain = "Hồ Gươm 👨\u{200d}👩 ❤\u{fe0f} 한국어 \u{fffd}";
        let text = json(&serde_json::json!({ "content": plain })).unwrap();
        assert!(
            text.contains("Hồ Gươm 👨\\u200d👩 ❤\u{fe0f} 한국어 \u{fffd}"),
            "{text}"
        );
    }
}
