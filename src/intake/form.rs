//! Reading the posted form: `application/x-www-form-urlencoded`, strictly UTF-8, so a
//! comment is stored as the reader typed it or refused, never silently mangled.

use percent_encoding::percent_decode;

use crate::domain::CommentForm;

/// The fields of the site's form, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Posted {
    /// An article id or slug.
    pub article: String,
    pub form: CommentForm,
    pub captcha_token: String,
    pub captcha: String,
}

/// The body is not a readable form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// Whether a Content-Type header names a urlencoded form (parameters such as a charset
/// are allowed; browsers send none).
pub fn is_form_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// Parses a body. The first value of a field counts; unknown fields are ignored, so the
/// site may add its own hidden fields.
pub fn parse(body: &[u8]) -> Result<Posted, Unreadable> {
    let mut posted = Posted::default();
    let mut seen = [false; 7];
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let mut halves = pair.splitn(2, |&b| b == b'=');
        let key = decode(halves.next().unwrap_or_default())?;
        let value = decode(halves.next().unwrap_or_default())?;
        let (slot, field) = match key.as_str() {
            "article" => (0, &mut posted.article),
            "name" => (1, &mut posted.form.name),
            "phone" => (2, &mut posted.form.phone),
            "title" => (3, &mut posted.form.title),
            "content" => (4, &mut posted.form.content),
            "captcha_token" => (5, &mut posted.captcha_token),
            "captcha" => (6, &mut posted.captcha),
            _ => continue,
        };
        if !seen[slot] {
            seen[slot] = true;
            *field = value;
        }
    }
    Ok(posted)
}

fn decode(raw: &[u8]) -> Result<String, Unreadable> {
    let spaced: Vec<u8> = raw.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
    percent_decode(&spaced)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_decoded() {
        let p = parse(b"article=ho-tay&name=H%E1%BB%93+Lan&title=a%2Bb&content=x%26y%3Dz&phone=&captcha=Ab&captcha_token=t&extra=1")
            .unwrap();
        assert_eq!(p.article, "ho-tay");
        assert_eq!(p.form.name, "Hồ Lan");
        assert_eq!(p.form.title, "a+b");
        assert_eq!(p.form.content, "x&y=z");
        assert_eq!((p.captcha.as_str(), p.captcha_token.as_str()), ("Ab", "t"));
    }

    #[test]
    fn the_first_value_counts_and_bare_keys_are_empty() {
        let p = parse(b"name=a&name=b&title&&content=").unwrap();
        assert_eq!((p.form.name.as_str(), p.form.title.as_str()), ("a", ""));
    }

    #[test]
    fn invalid_utf8_is_refused_raw_or_encoded() {
        assert_eq!(parse(b"name=%FF%FE"), Err(Unreadable));
        assert_eq!(parse(b"name=\xff"), Err(Unreadable));
        assert_eq!(parse(b"\xc3=1"), Err(Unreadable));
    }

    #[test]
    fn content_types() {
        assert!(is_form_type("application/x-www-form-urlencoded"));
        assert!(is_form_type("Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
        assert!(!is_form_type("multipart/form-data; boundary=x"));
        assert!(!is_form_type("application/json"));
        assert!(!is_form_type(""));
    }
}
