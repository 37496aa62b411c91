//! Text made safe to place in HTML or XML: in an element or a quoted attribute. The
//! intake's reply pages and the site's Atom feed both write markup by hand.

pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            super::escape_markup(r#"<a href="x">Tây & 'Hồ'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tây &amp; &#39;Hồ&#39;&lt;/a&gt;"
        );
    }
}
