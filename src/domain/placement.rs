//! Where an article's photos stand among its paragraphs. A photo follows the paragraph its
//! `after_paragraph` names, unless the body places it with a marker line `![[N]]` (N its
//! number in the photo panel), which wins: a reporter moving text moves the marker with it.

use super::Photo;

/// One block of the article as readers meet it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    /// A paragraph's lines, as typed.
    Paragraph(&'a str),
    /// The photo at this index of the article's photos.
    Photo(usize),
    /// A marker naming a photo the article does not have.
    Missing(usize),
}

/// `![[N]]` on a line of its own (spaces around allowed): the N, from 1.
pub fn marker(line: &str) -> Option<usize> {
    let n = line.trim().strip_prefix("![[")?.strip_suffix("]]")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().filter(|n| *n > 0)
}

/// The body's paragraphs and markers, in order: blank lines separate paragraphs, and a
/// marker line stands alone even without blank lines around it.
fn pieces(body: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let here = offset;
        offset += line.len();
        let m = marker(content);
        if content.trim().is_empty() || m.is_some() {
            if let Some(s) = start.take() {
                out.push(Piece::Text(&body[s..end]));
            }
            if let Some(n) = m {
                out.push(Piece::Marker(n));
            }
            continue;
        }
        start.get_or_insert(here);
        end = here + content.len();
    }
    if let Some(s) = start {
        out.push(Piece::Text(&body[s..end]));
    }
    out
}

enum Piece<'a> {
    Text(&'a str),
    Marker(usize),
}

/// How many paragraphs the body has (marker lines are not paragraphs).
pub fn paragraph_count(body: &str) -> usize {
    pieces(body)
        .iter()
        .filter(|p| matches!(p, Piece::Text(_)))
        .count()
}

/// The article's blocks in reading order, every photo exactly once.
pub fn layout<'a>(body: &'a str, photos: &[Photo]) -> Vec<Block<'a>> {
    let pieces = pieces(body);
    let mut placed = vec![false; photos.len()];
    for p in &pieces {
        if let Piece::Marker(n) = p
            && let Some(slot) = placed.get_mut(n - 1)
        {
            *slot = true;
        }
    }
    let by_marker = placed.clone();
    let after = |k: usize, placed: &mut Vec<bool>, out: &mut Vec<Block<'a>>| {
        for (i, photo) in photos.iter().enumerate() {
            if !placed[i] && photo.after_paragraph.is_some_and(|a| a as usize == k) {
                placed[i] = true;
                out.push(Block::Photo(i));
            }
        }
    };
    let mut out = Vec::new();
    let mut paragraphs = 0;
    after(0, &mut placed, &mut out);
    let mut seen_marker = vec![false; photos.len()];
    for p in pieces {
        match p {
            Piece::Text(t) => {
                out.push(Block::Paragraph(t));
                paragraphs += 1;
                after(paragraphs, &mut placed, &mut out);
            }
            Piece::Marker(n) => match seen_marker.get_mut(n - 1) {
                // A second marker for one photo shows nothing: a photo appears once.
                Some(seen) if by_marker[n - 1] && !*seen => {
                    *seen = true;
                    out.push(Block::Photo(n - 1));
                }
                Some(_) => {}
                None => out.push(Block::Missing(n)),
            },
        }
    }
    for (i, done) in placed.iter().enumerate() {
        if !done {
            out.push(Block::Photo(i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(after: Option<u32>) -> Photo {
        Photo {
            after_paragraph: after,
            ..Photo::default()
        }
    }

    #[test]
    fn markers_are_whole_lines_with_a_number_from_one() {
        assert_eq!(marker("![[2]]"), Some(2));
        assert_eq!(marker("  ![[12]]  "), Some(12));
        for no in [
            "![[0]]", "![[x]]", "![[]]", "a ![[1]]", "![[1]] b", "![[-1]]", "![1]",
        ] {
            assert_eq!(marker(no), None, "{no}");
        }
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines_and_markers() {
        assert_eq!(paragraph_count(""), 0);
        assert_eq!(paragraph_count("a\nb\n\n\nc\n"), 2);
        assert_eq!(paragraph_count("a\n![[1]]\nb"), 2);
    }

    #[test]
    fn photos_stand_after_their_paragraph_markers_win_the_rest_go_last() {
        use Block::*;
        let body = "Một.\n\nHai.\n![[3]]\nBa.\n\n![[9]]";
        let photos = [photo(Some(1)), photo(None), photo(Some(0)), photo(Some(0))];
        assert_eq!(
            layout(body, &photos),
            [
                Photo(3),
                Paragraph("Một."),
                Photo(0),
                Paragraph("Hai."),
                Photo(2),
                Paragraph("Ba."),
                Missing(9),
                Photo(1),
            ]
        );
    }

    #[test]
    fn a_photo_named_twice_appears_once() {
        use Block::*;
        let photos = [photo(None)];
        assert_eq!(layout("![[1]]\nA\n![[1]]", &photos), [Photo(0), Paragraph("A")]);
        assert_eq!(layout("A", &[photo(Some(7))]), [Paragraph("A"), Photo(0)]);
    }
}
