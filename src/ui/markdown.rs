//! The body's Markdown as the preview draws it: emphasis, headings, lists, links and quotes
//! become styles and marks, never the `*`, `#` or `[]( )` a reader would not see.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::Theme;

/// One block of the body (sanitised already) as styled lines.
pub fn lines(text: &str, theme: &Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut styles: Vec<Style> = vec![Style::new()];
    // The number of the next item of each open list; None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quoted = 0usize;
    let flush = |line: &mut Vec<Span<'static>>, out: &mut Vec<Line<'static>>| {
        if !line.is_empty() {
            out.push(Line::from(std::mem::take(line)));
        }
    };
    let style_now = |styles: &[Style]| styles.last().copied().unwrap_or_default();
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => {
                let base = style_now(&styles);
                let pushed = match tag {
                    Tag::Heading { .. } => Some(base.add_modifier(Modifier::BOLD)),
                    Tag::Emphasis => Some(base.add_modifier(Modifier::ITALIC)),
                    Tag::Strong => Some(base.add_modifier(Modifier::BOLD)),
                    Tag::Strikethrough => Some(base.add_modifier(Modifier::CROSSED_OUT)),
                    Tag::Link { .. } => Some(base.add_modifier(Modifier::UNDERLINED)),
                    Tag::BlockQuote(_) => {
                        quoted += 1;
                        Some(base.add_modifier(Modifier::ITALIC))
                    }
                    Tag::List(first) => {
                        lists.push(first);
                        None
                    }
                    Tag::Item => {
                        flush(&mut line, &mut out);
                        let depth = lists.len().saturating_sub(1);
                        let mark = match lists.last_mut() {
                            Some(Some(n)) => {
                                let mark = format!("{n}. ");
                                *n += 1;
                                mark
                            }
                            _ => "• ".to_owned(),
                        };
                        line.push(Span::raw(format!("{}{mark}", "  ".repeat(depth))));
                        None
                    }
                    _ => None,
                };
                if let Some(style) = pushed {
                    styles.push(style);
                }
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::Heading(_) | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                        styles.pop();
                    }
                    TagEnd::Link => {
                        styles.pop();
                    }
                    TagEnd::BlockQuote(_) => {
                        styles.pop();
                        quoted = quoted.saturating_sub(1);
                    }
                    TagEnd::List(_) => {
                        lists.pop();
                    }
                    _ => {}
                }
                if matches!(
                    tag,
                    TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock
                ) {
                    flush(&mut line, &mut out);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if line.is_empty() && quoted > 0 {
                    line.push(Span::styled("│ ".repeat(quoted), theme.muted));
                }
                // A code block keeps its lines.
                let mut parts = t.split('\n').peekable();
                while let Some(part) = parts.next() {
                    if !part.is_empty() {
                        line.push(Span::styled(part.to_owned(), style_now(&styles)));
                    }
                    if parts.peek().is_some() {
                        flush(&mut line, &mut out);
                    }
                }
            }
            Event::SoftBreak => line.push(Span::raw(" ")),
            Event::HardBreak => flush(&mut line, &mut out),
            Event::Rule => {
                flush(&mut line, &mut out);
                out.push(Line::from(Span::styled("―――", theme.muted)));
            }
            // Raw HTML and the rest are shown as written: the site escapes them too.
            Event::Html(t) | Event::InlineHtml(t) => line.push(Span::raw(t.to_string())),
            _ => {}
        }
    }
    flush(&mut line, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        lines(text, &Theme::default())
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn markdown_is_drawn_not_printed() {
        let table: &[(&str, &[&str])] = &[
            ("Chữ *nghiêng* và **đậm**", &["Chữ nghiêng và đậm"]),
            ("## Tiêu đề phụ", &["Tiêu đề phụ"]),
            ("- một\n- hai", &["• một", "• hai"]),
            ("1. một\n2. hai", &["1. một", "2. hai"]),
            ("Xem [trang](https://vi.example) nhé", &["Xem trang nhé"]),
            ("> Lời trích", &["│ Lời trích"]),
            ("Giá 3.000 đồng.", &["Giá 3.000 đồng."]),
        ];
        for (text, want) in table {
            assert_eq!(&shown(text), want, "{text:?}");
        }
    }

    #[test]
    fn emphasis_is_a_style() {
        let lines = lines("a *b* **c**", &Theme::default());
        let spans = &lines[0].spans;
        let b = spans.iter().find(|s| s.content == "b").unwrap();
        let c = spans.iter().find(|s| s.content == "c").unwrap();
        assert!(b.style.add_modifier.contains(Modifier::ITALIC));
        assert!(c.style.add_modifier.contains(Modifier::BOLD));
    }
}
