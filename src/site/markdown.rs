//! An article body as HTML: each paragraph through pulldown-cmark, photos where the
//! article's placement puts them. Raw HTML in the body is shown as text, never passed
//! through; images in the Markdown become their alt text (nothing on a page may load from
//! another origin), and links keep only web, mail and relative addresses.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::domain::{Photo, placement};

/// One piece of the body as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyBlock {
    /// Safe HTML made from the Markdown of one or more paragraphs.
    Html(String),
    /// The photo at this index of the article's photos.
    Photo(usize),
}

/// The body in reading order. Consecutive paragraphs are rendered together, so lists and
/// quotes that span blank lines stay one list or quote between two photos.
pub fn body_blocks(body: &str, photos: &[Photo]) -> Vec<BodyBlock> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let flush = |pending: &mut String, out: &mut Vec<BodyBlock>| {
        if !pending.is_empty() {
            out.push(BodyBlock::Html(to_html(pending)));
            pending.clear();
        }
    };
    for block in placement::layout(body, photos) {
        match block {
            placement::Block::Paragraph(text) => {
                pending.push_str(text);
                pending.push_str("\n\n");
            }
            placement::Block::Photo(i) => {
                flush(&mut pending, &mut out);
                out.push(BodyBlock::Photo(i));
            }
            // A marker for a photo the article lacks is the reporter's slip, not the reader's.
            placement::Block::Missing(_) => {}
        }
    }
    flush(&mut pending, &mut out);
    out
}

/// Markdown to HTML with the article rules above.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut dropping_link = false;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        // A block of raw HTML reads as the paragraph of text it now is.
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) if !safe_link(dest_url) => {
            dropping_link = true;
            None
        }
        Event::End(TagEnd::Link) if dropping_link => {
            dropping_link = false;
            None
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events);
    out
}

/// Web and mail addresses, and relative ones; never `javascript:`, `data:` and the like.
fn safe_link(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = url.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    match scheme_end {
        Some(i) if url[i..].starts_with(':') && i > 0 => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let html = to_html("Một <script>alert(1)</script> câu.\n\n<div onclick=x>khối</div>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(
            html.ends_with("<p>&lt;div onclick=x&gt;khối&lt;/div&gt;</p>\n"),
            "{html}"
        );
    }

    #[test]
    fn markdown_still_works() {
        assert_eq!(
            to_html("**đậm** và *nghiêng*"),
            "<p><strong>đậm</strong> và <em>nghiêng</em></p>\n"
        );
        assert!(to_html("- a\n- b").contains("<li>a</li>"));
    }

    #[test]
    fn images_become_their_alt_text_and_bad_links_their_text() {
        let html = to_html("![cầu Long Biên](https://x.example/a.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("cầu Long Biên"), "{html}");
        let html = to_html("[bấm](javascript:alert(1)) [đọc](https://hanoi.example/a) [mục](/tag/x.html)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("bấm"), "{html}");
        assert!(
            html.contains(r#"<a href="https://hanoi.example/a">đọc</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="/tag/x.html">mục</a>"#), "{html}");
        assert!(!to_html("[x](JavaScript:1)").contains("<a"));
        assert!(!to_html("[x](data:text/html,1)").contains("<a"));
    }

    #[test]
    fn photos_stand_between_paragraphs() {
        let photos = [Photo {
            after_paragraph: Some(1),
            ..Photo::default()
        }];
        let blocks = body_blocks("Một.\n\nHai.\n\nBa.", &photos);
        assert_eq!(
            blocks,
            [
                BodyBlock::Html("<p>Một.</p>\n".into()),
                BodyBlock::Photo(0),
                BodyBlock::Html("<p>Hai.</p>\n<p>Ba.</p>\n".into()),
            ]
        );
    }
}
