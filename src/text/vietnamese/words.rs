//! Words of a text with their byte spans, and whether each is one the checker should read.

/// One word: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Inside a URL or an e-mail address: never checked.
    pub in_link: bool,
}

fn is_link(chunk: &str) -> bool {
    chunk.contains("://") || chunk.starts_with("www.") || chunk.contains('@')
}

/// Runs of letters and digits, chunk by whitespace-separated chunk.
pub fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut chunks = text.split_whitespace().map(move |chunk| {
        let offset = chunk.as_ptr() as usize - text.as_ptr() as usize;
        (offset, chunk)
    });
    let mut pending: Vec<Word> = Vec::new();
    std::iter::from_fn(move || {
        loop {
            if !pending.is_empty() {
                return Some(pending.remove(0));
            }
            let (offset, chunk) = chunks.next()?;
            let in_link = is_link(chunk);
            let mut start = None;
            for (i, c) in chunk.char_indices() {
                let inside = c.is_alphanumeric() || is_mark(c);
                match (inside, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        pending.push(Word {
                            start: offset + s,
                            end: offset + i,
                            in_link,
                        });
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                pending.push(Word {
                    start: offset + s,
                    end: offset + chunk.len(),
                    in_link,
                });
            }
        }
    })
}

/// A combining mark left over in text that was not normalised.
fn is_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036f}').contains(&c)
}

/// Whether a word is for the checker: Vietnamese-looking, not a number, not an acronym.
pub fn is_checkable(word: &str) -> bool {
    let mut letters = 0;
    let mut upper = 0;
    let mut marked = false;
    for c in word.chars() {
        if c.is_numeric() || !super::letters::is_vietnamese_letter(c) {
            // Numbers, and words with letters Vietnamese does not write (f, w, ü, ñ…).
            return false;
        }
        letters += 1;
        upper += usize::from(c.is_uppercase());
        marked |= super::letters::is_marked(c);
    }
    // A plain ASCII word could be English, a name or a code: it is left alone.
    marked && !(letters > 1 && upper == letters)
}
